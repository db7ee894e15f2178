"""`trainer evaluate MODEL DATA`: measure a model file on labelled tracks, the way the app
runs it, and write a report (report.json, report.md, confusion_matrix.png, per_class.png).

Each track is scored exactly as `tagger analyze` does (tagger.analyze.plan_patch_starts /
track_patches, tagger.model.Model: onnxruntime, the model's pooling and calibration).
Data labels are matched to model labels case- and punctuation-insensitively ("hiphop" =
"Hip-Hop"); predictions are taken among the model labels that occur in the data (closed
set), so a tag model with moods and eras can be measured on genre data.

Figures: track-level accuracy, top-3 accuracy, macro-F1, per-class precision / recall,
the confusion matrix; for sigmoid (multi-label) models on data with several labels per
track also ROC-AUC and PR-AUC (macro over labels with positives and negatives, and micro).
"""

from __future__ import annotations

import os

os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before anything imports onnxruntime

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

SPLIT_CHOICES = ("auto", "test", "valid", "train", "all")


def say(msg: str) -> None:
    print(f"trainer evaluate: {msg}", file=sys.stderr, flush=True)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help="model file (.onnx)")
    p.add_argument("data", help="labelled data: GTZAN-layout folder, folder per genre, CSV manifest "
                                "or tagger library database")
    p.add_argument("--report", metavar="DIR", help="report folder (default: ./<model name>-report)")
    p.add_argument("--split", choices=SPLIT_CHOICES, default="auto",
                   help="tracks to use: auto = the GTZAN fault-filtered test split or the CSV's test "
                        "rows when there are some, else all tracks; test/valid/train = that part of "
                        "the split `trainer fit` makes with the same --seed")
    p.add_argument("--seed", type=int, default=0, help="seed of the split (for --split test/valid/train)")
    p.add_argument("--patches", type=int, default=None,
                   help="patches per track (default: the app's analysis default)")
    p.add_argument("--threads", type=int, default=None, help="onnxruntime threads")
    p.add_argument("--update-model", action="store_true",
                   help="write the figures into the model's `evaluation` metadata (and its model card)")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar")


def run(args) -> int:
    report = evaluate(args.model, args.data, report_dir=args.report, split=args.split, seed=args.seed,
                      patches=args.patches, threads=args.threads, update_model=args.update_model,
                      progress=args.progress)
    say(f"{report['tracks']} tracks ({report['split']}): accuracy {report['accuracy']:.3f}, "
        f"top-3 {report['top3_accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f} -> {report['report_dir']}")
    return 0


# ---------------------------------------------------------------------- selection
def select_tracks(ds, split: str, seed: int) -> tuple[list, str, str]:
    """(tracks, split name, a sentence saying which tracks and why)."""
    if split == "all":
        return list(ds.tracks), "all", "all tracks of the data"
    if split == "auto":
        if ds.split_origin == "gtzan-fault-filtered" and ds.split("test"):
            return ds.split("test"), "test", ("GTZAN fault-filtered test split (trainer/splits/"
                                              "test_filtered.txt: no artist shared with train/valid)")
        if ds.split_origin == "csv" and ds.split("test"):
            return ds.split("test"), "test", "rows of the CSV whose split is 'test'"
        return list(ds.tracks), "all", "all tracks of the data (no predefined test split)"
    chosen = ds.split(split)
    if ds.split_origin == "gtzan-fault-filtered":
        why = f"GTZAN fault-filtered {split} split"
    elif ds.split_origin == "csv":
        why = f"rows of the CSV whose split is '{split}'"
    else:
        why = (f"the {split} part of the by-artist/by-track split `trainer fit --seed {seed}` makes "
               "(default fractions)")
    return chosen, split, why


# ---------------------------------------------------------------------- scoring
def score_tracks(model, tracks, n_patches: int, progress: bool = True):
    """Track scores [n, model labels] the way the app computes them; failures separately."""
    from tqdm import tqdm

    from tagger.analyze import plan_patch_starts, track_patches
    from tagger.decode import audio_info
    from tagger.features import patch_seconds

    spec = model.spec
    scores, ok, failed = [], [], {}
    for t in tqdm(tracks, desc="scoring", unit="track", disable=not progress, file=sys.stderr):
        try:
            duration = audio_info(t.path).duration
            starts = plan_patch_starts(duration, patch_seconds(spec), n_patches)
            x = track_patches(t.path, spec, starts)
            s, _ = model.score_patches(x)
        except Exception as exc:  # noqa: BLE001 - skip unreadable files, list them
            failed[t.path] = f"{exc.__class__.__name__}: {exc}"
            continue
        scores.append(model.track_scores(s))
        ok.append(t)
    return (np.stack(scores) if scores else np.zeros((0, len(model.info.labels)))), ok, failed


def metrics_closed_set(scores: np.ndarray, truth: list[list[int]], classes: list[int], names: list[str]) -> dict:
    """Single-label figures among `classes` (model label indices present in the data).

    Accuracy and top-3 count a hit on any of a track's true labels; precision, recall,
    F1 and the confusion matrix use its first label."""
    import warnings

    from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

    sub = scores[:, classes]
    pos = {c: i for i, c in enumerate(classes)}
    y = np.array([pos[t[0]] for t in truth])
    pred = sub.argmax(1)
    k = min(3, len(classes))
    topk = np.argsort(-sub, axis=1, kind="stable")[:, :k]
    idx = list(range(len(classes)))
    present = sorted(set(y.tolist()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn notes one-class data; the figures are still right
        p, r, f, s = precision_recall_fscore_support(y, pred, labels=idx, zero_division=0)
        macro_f1 = float(f1_score(y, pred, labels=present, average="macro", zero_division=0))
        cm = confusion_matrix(y, pred, labels=idx).tolist()
    # a track with several true labels counts as right when the prediction is any of them
    allowed = np.zeros(sub.shape, bool)
    for i, t in enumerate(truth):
        allowed[i, [pos[c] for c in t]] = True
    rows = np.arange(len(y))
    return {
        "accuracy": float(allowed[rows, pred].mean()),
        "top3_accuracy": float(np.take_along_axis(allowed, topk, axis=1).any(1).mean()),
        "macro_f1": macro_f1,
        "per_class": {names[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                                 "support": int(s[i])} for i in idx},
        "confusion_matrix": cm,
        "y": y, "pred": pred, "topk": topk,
    }


def metrics_multilabel(scores: np.ndarray, truth: list[list[int]], classes: list[int], names: list[str]) -> dict:
    from sklearn.metrics import average_precision_score, roc_auc_score

    sub = scores[:, classes]
    pos = {c: i for i, c in enumerate(classes)}
    Y = np.zeros(sub.shape, np.int64)
    for i, t in enumerate(truth):
        for c in t:
            Y[i, pos[c]] = 1
    usable = [j for j in range(len(classes)) if 0 < Y[:, j].sum() < len(Y)]
    out = {"labels_scored": [names[j] for j in usable]}
    if usable:
        out["roc_auc_macro"] = float(roc_auc_score(Y[:, usable], sub[:, usable], average="macro"))
        out["pr_auc_macro"] = float(average_precision_score(Y[:, usable], sub[:, usable], average="macro"))
        out["roc_auc_micro"] = float(roc_auc_score(Y[:, usable], sub[:, usable], average="micro"))
        out["pr_auc_micro"] = float(average_precision_score(Y[:, usable], sub[:, usable], average="micro"))
        out["per_label"] = {
            names[j]: {"roc_auc": float(roc_auc_score(Y[:, j], sub[:, j])),
                       "pr_auc": float(average_precision_score(Y[:, j], sub[:, j])),
                       "positives": int(Y[:, j].sum())} for j in usable}
    return out


# ---------------------------------------------------------------------- main
def evaluate(model_path, data, *, report_dir=None, split="auto", seed=0, patches=None, threads=None,
             update_model=False, progress=True) -> dict:
    from tagger.analyze import DEFAULT_PATCHES
    from tagger.model import Model
    from trainer.datasets import DatasetError, load_dataset, norm_label

    started = time.perf_counter()
    model_path = Path(model_path).expanduser()
    model = Model(model_path, device="cpu", threads=threads)
    info = model.info
    ds = load_dataset(data, seed=seed, for_training=False)
    tracks, split_name, split_why = select_tracks(ds, split, seed)
    if not tracks:
        raise DatasetError(f"{data}: the {split} split has no tracks")
    say(f"{len(tracks)} tracks: {split_why}")

    by_norm = {}
    for i, lab in enumerate(info.labels):
        by_norm.setdefault(norm_label(lab), i)
    unknown: dict[str, int] = {}
    usable, truth = [], []
    for t in tracks:
        mapped = []
        for lab in t.labels:
            j = by_norm.get(norm_label(lab))
            if j is None:
                unknown[lab] = unknown.get(lab, 0) + 1
            elif j not in mapped:
                mapped.append(j)
        if mapped:
            usable.append(t)
            truth.append(mapped)
    if unknown:
        say(f"data labels not in the model (ignored): {', '.join(f'{k} ({v})' for k, v in sorted(unknown.items()))}")
    if not usable:
        raise DatasetError(
            f"{data}: none of the data's labels ({', '.join(sorted(unknown))}) matches a model label "
            f"({', '.join(info.labels[:20])}{'...' if len(info.labels) > 20 else ''})")

    n_patches = patches or DEFAULT_PATCHES
    scores, scored, failed = score_tracks(model, usable, n_patches, progress)
    if failed:
        listing = "\n  ".join(f"{p}: {w}" for p, w in list(failed.items())[:20])
        say(f"warning: skipping {len(failed)} unreadable file(s):\n  {listing}")
    if not scored:
        raise DatasetError(f"{data}: none of the {len(usable)} audio files could be read")
    truth = [tr for t, tr in zip(usable, truth) if t.path not in failed]

    classes = sorted({c for tr in truth for c in tr})
    names = [info.labels[c] for c in classes]
    m = metrics_closed_set(scores, truth, classes, names)
    multi = info.activation == "sigmoid" and any(len(tr) > 1 for tr in truth)
    ml = metrics_multilabel(scores, truth, classes, names) if multi else None

    report_dir = Path(report_dir).expanduser() if report_dir else Path.cwd() / f"{model_path.stem}-report"
    report_dir.mkdir(parents=True, exist_ok=True)
    report = {
        "model": str(model_path), "model_key": info.key, "activation": info.activation,
        "pooling": info.pooling, "data": str(Path(data).expanduser()), "dataset_kind": ds.kind,
        "split": split_name, "split_note": split_why, "notes": list(ds.notes),
        "patches_per_track": n_patches, "tracks": len(scored),
        "classes": names, "closed_set": len(classes) < len(info.labels),
        "accuracy": m["accuracy"], "top3_accuracy": m["top3_accuracy"], "macro_f1": m["macro_f1"],
        "per_class": m["per_class"], "confusion_matrix": m["confusion_matrix"],
        "skipped": {"unreadable": failed, "labels_not_in_model": unknown},
        "predictions": [
            {"path": t.path, "true": [info.labels[c] for c in tr], "predicted": names[int(p)],
             "top3": [names[int(j)] for j in tk]}
            for t, tr, p, tk in zip(scored, truth, m["pred"], m["topk"])
        ],
        "seconds": round(time.perf_counter() - started, 2),
    }
    if ml is not None:
        report["multilabel"] = ml
    (report_dir / "report.json").write_text(json.dumps(report, indent=1))
    plots = write_plots(report, report_dir)
    (report_dir / "report.md").write_text(markdown(report, plots))
    report["report_dir"] = str(report_dir)
    if update_model:
        update_model_evaluation(model_path, evaluation_figures(report))
        say(f"updated the evaluation metadata of {model_path}")
    return report


def evaluation_figures(report: dict) -> dict:
    ev = {
        "dataset": Path(report["data"]).name, "dataset_kind": report["dataset_kind"],
        "split": report["split"], "tracks": report["tracks"],
        "accuracy": round(report["accuracy"], 4), "top3_accuracy": round(report["top3_accuracy"], 4),
        "macro_f1": round(report["macro_f1"], 4), "patches_per_track": report["patches_per_track"],
        "pooling": report["pooling"],
    }
    if report.get("closed_set"):
        ev["closed_set_labels"] = len(report["classes"])
    ml = report.get("multilabel") or {}
    for k in ("roc_auc_macro", "pr_auc_macro"):
        if k in ml:
            ev[k] = round(ml[k], 4)
    return ev


def update_model_evaluation(model_path: Path, evaluation: dict) -> None:
    """Rewrite the model's `evaluation` metadata (and the card `<model>.md` if present)."""
    import onnx

    from tagger.modelfile import read_metadata, write_metadata

    info = read_metadata(model_path)
    model = onnx.load(str(model_path))
    write_metadata(model, dataclasses.replace(info, evaluation=evaluation, path=None))
    tmp = model_path.with_name(f".{model_path.name}.tmp")
    onnx.save(model, str(tmp))
    os.replace(tmp, model_path)
    read_metadata(model_path)  # still valid
    card = model_path.with_suffix(".md")
    if card.is_file():
        from trainer.fit import EVAL_END, EVAL_START, evaluation_markdown

        text = card.read_text()
        block = evaluation_markdown(evaluation)
        if EVAL_START in text and EVAL_END in text:
            head, rest = text.split(EVAL_START, 1)
            text = head + block + rest.split(EVAL_END, 1)[1]
        else:
            text = text.rstrip() + "\n\n" + block + "\n"
        card.write_text(text)


# ---------------------------------------------------------------------- output
def write_plots(report: dict, out: Path) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = report["classes"]
    cm = np.array(report["confusion_matrix"])
    n = len(names)
    size = max(4.0, 0.45 * n + 2.5)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(cm, cmap="Blues")
    ax.set_xticks(range(n), names, rotation=60, ha="right")
    ax.set_yticks(range(n), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"accuracy {report['accuracy']:.3f} ({report['tracks']} tracks, {report['split']})")
    top = cm.max() if cm.size else 0
    for i in range(n):
        for j in range(n):
            if cm[i, j]:
                ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                        color="white" if cm[i, j] > top / 2 else "black", fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "confusion_matrix.png", dpi=110)
    plt.close(fig)

    pc = report["per_class"]
    fig, ax = plt.subplots(figsize=(max(5.0, 0.5 * n + 2), 3.5))
    xs = np.arange(n)
    ax.bar(xs - 0.2, [pc[c]["precision"] for c in names], 0.4, label="precision")
    ax.bar(xs + 0.2, [pc[c]["recall"] for c in names], 0.4, label="recall")
    ax.set_xticks(xs, names, rotation=60, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right")
    ax.set_title("per-class precision and recall")
    fig.tight_layout()
    fig.savefig(out / "per_class.png", dpi=110)
    plt.close(fig)
    return {"confusion": "confusion_matrix.png", "per_class": "per_class.png"}


def markdown(r: dict, plots: dict) -> str:
    lines = [
        f"# Evaluation of {r['model_key']}", "",
        f"- Model: `{r['model']}` ({r['activation']}, {r['pooling']}-pooled over {r['patches_per_track']} patches per track)",
        f"- Data: `{r['data']}` ({r['dataset_kind']}); tracks: {r['split_note']}",
        f"- Tracks scored: {r['tracks']}",
    ]
    if r["closed_set"]:
        lines.append(f"- Predictions among the {len(r['classes'])} model labels that occur in the data")
    lines += ["", "| figure | value |", "|---|---|",
              f"| track accuracy | {r['accuracy']:.4f} |",
              f"| top-3 accuracy | {r['top3_accuracy']:.4f} |",
              f"| macro-F1 | {r['macro_f1']:.4f} |"]
    ml = r.get("multilabel") or {}
    for k in ("roc_auc_macro", "pr_auc_macro", "roc_auc_micro", "pr_auc_micro"):
        if k in ml:
            lines.append(f"| {k.replace('_', ' ')} | {ml[k]:.4f} |")
    lines += ["", "## Per class", "", "| class | precision | recall | F1 | tracks |", "|---|---|---|---|---|"]
    for c, v in r["per_class"].items():
        lines.append(f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |")
    lines += ["", f"![per-class precision and recall]({plots['per_class']})", "",
              "## Confusion matrix (rows: true, columns: predicted)", "",
              "| | " + " | ".join(r["classes"]) + " |", "|---" * (len(r["classes"]) + 1) + "|"]
    for name, row in zip(r["classes"], r["confusion_matrix"]):
        lines.append(f"| **{name}** | " + " | ".join(str(v) for v in row) + " |")
    lines += ["", f"![confusion matrix]({plots['confusion']})", ""]
    skipped = r["skipped"]
    if skipped["unreadable"] or skipped["labels_not_in_model"] or r["notes"]:
        lines += ["## Notes", ""]
        lines += [f"- {n}" for n in r["notes"]]
        if skipped["labels_not_in_model"]:
            lines.append("- data labels not in the model (tracks ignored): " + ", ".join(
                f"{k} ({v})" for k, v in sorted(skipped["labels_not_in_model"].items())))
        for p, why in list(skipped["unreadable"].items())[:20]:
            lines.append(f"- unreadable, skipped: `{p}` ({why})")
        lines.append("")
    return "\n".join(lines)
