"""`trainer evaluate MODEL DATA`: measure a model file on labelled tracks, the way the app
runs it, and write a report (report.json, report.md, confusion_matrix.png, per_class.png,
reliability.png).

Each track is scored exactly as `tagger analyze` does (tagger.analyze.plan_patch_starts,
score_adaptively, tagger.model.Model: onnxruntime, the model's pooling and calibration).
The model's labels are read as the app reads them: grouped by canonical genre name (the
bundled vocabulary; the taggers of a fused model combined by the app's rule,
tagger.vocabulary.GenreMap). Data labels are matched to those names case- and
punctuation-insensitively and through the vocabulary's aliases ("hiphop" = "Hip-Hop");
predictions are taken among the names that occur in the data (closed set), so a tag
model with moods and eras can be measured on genre data.

Figures: track-level accuracy, top-3 accuracy (flagged as trivial with 3 classes or
fewer), macro-F1, per-class precision / recall, the confusion matrix; for sigmoid
(multi-label) models also ROC-AUC and PR-AUC (per label, macro over labels with positives
and negatives among the tracks, and micro), each track's label set being its positives.
Confidence (does a score mean what it says?): the app's best genre among all the model's
genres and its score, per track; the expected calibration error, top-1 accuracy per
confidence bin with 95 % intervals (reliability.png), and what each threshold would have
meant for the suggestions.

Which tracks: a model made by `trainer fit` records the split it was trained with
(`evaluation.training_split`); on data without a predefined test split the default is the
test part of that same split, and `--update-model` refuses figures that can include the
model's training tracks.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from tqdm import tqdm

from tagger.analyze import DEFAULT_PATCHES, plan_patch_starts, score_adaptively
from tagger.config import Settings
from tagger.decode import audio_info
from tagger.features import patch_seconds
from tagger.model import Model
from tagger.modelfile import LABEL_KINDS, read_metadata, write_metadata
from tagger.vocabulary import Vocabulary, bundled_path
from trainer.datasets import DEFAULT_FRACTIONS, SPLIT_RULE, DatasetError, load_dataset, norm_label
from trainer.head import merge_spellings
from trainer.metrics import SMALL_SET, reliability, threshold_table
from trainer.modelcard import EVAL_END, EVAL_START, evaluation_markdown
from trainer.settings import add_progress_option, check_writable

os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before anything imports onnxruntime

SPLIT_CHOICES = ("auto", "test", "valid", "train", "all")


def say(msg: str) -> None:
    print(f"trainer evaluate: {msg}", file=sys.stderr, flush=True)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help="model file (.onnx)")
    p.add_argument(
        "data", help="labelled data: GTZAN-layout folder, folder per genre, CSV manifest or tagger library database"
    )
    p.add_argument("--report", metavar="DIR", help="report folder (default: ./<model name>-report)")
    p.add_argument(
        "--split",
        choices=SPLIT_CHOICES,
        default="auto",
        help="tracks to use: auto = the GTZAN fault-filtered test split or the CSV's test "
        "rows when there are some, else the test part of the split the model was "
        "trained with (recorded by `trainer fit`), else all tracks; test/valid/train = "
        "that part of the split `trainer fit` makes with --seed; all = every track",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of the split for --split test/valid/train (default: the one the model was trained with, else 0)",
    )
    p.add_argument("--patches", type=int, default=None, help="patches per track (default: the app's analysis default)")
    p.add_argument("--threads", type=int, default=None, help="onnxruntime threads")
    p.add_argument(
        "--update-model",
        action="store_true",
        help="write the figures into the model's `evaluation` metadata (and its model card); "
        "refused when the tracks can include the model's training tracks",
    )
    add_progress_option(p)


def run(args) -> int:
    report = evaluate(
        args.model,
        args.data,
        report_dir=args.report,
        split=args.split,
        seed=args.seed,
        patches=args.patches,
        threads=args.threads,
        update_model=args.update_model,
        progress=args.progress,
    )
    top3 = f"{report['top3_accuracy']:.3f}" + ("" if report["top3_informative"] else " (trivial)")
    trivial = "" if report["closed_set_informative"] else " (trivial: one class in the data)"
    say(
        f"{report['tracks']} tracks ({report['split']}): accuracy {report['accuracy']:.3f}{trivial}, "
        f"top-3 {top3}, macro-F1 {report['macro_f1']:.3f}{trivial} -> {report['report_dir']}"
    )
    return 0


# ---------------------------------------------------------------------- selection
PREDEFINED = ("gtzan-fault-filtered", "csv")  # split origins that come with the data


@dataclasses.dataclass
class Selection:
    tracks: list
    name: str  # test | valid | train | all
    why: str  # a sentence for the report: which tracks and why
    update_ok: bool  # may --update-model write figures measured on these tracks?
    hint: str = ""  # a note for the report (not for the model's metadata)


def recorded_split(info) -> dict | None:
    """The split `trainer fit` recorded in the model (evaluation.training_split), if any."""
    ts = (info.evaluation or {}).get("training_split")
    return ts if isinstance(ts, dict) and isinstance(ts.get("seed"), int) else None


def split_settings(recorded: dict | None, split: str, seed: int | None) -> tuple[int, float, float]:
    """(seed, valid fraction, test fraction) to split the data with: the model's own split
    unless --seed asks for another one (auto always means the model's own)."""
    if not recorded:
        return (0 if seed is None else seed), *DEFAULT_FRACTIONS
    if seed is None or split == "auto":
        seed = int(recorded["seed"])
    return (
        seed,
        float(recorded.get("valid_fraction", DEFAULT_FRACTIONS[0])),
        float(recorded.get("test_fraction", DEFAULT_FRACTIONS[1])),
    )


def predefined_why(ds, split: str) -> str:
    if ds.split_origin == "gtzan-fault-filtered":
        extra = " (trainer/splits/test_filtered.txt: no artist shared with train/valid)" if split == "test" else ""
        return f"GTZAN fault-filtered {split} split{extra}"
    return f"rows of the CSV whose split is '{split}'"


def select_tracks(
    ds, split: str, seed: int, recorded: dict | None = None, fractions: tuple[float, float] = DEFAULT_FRACTIONS
) -> Selection:
    """Which tracks to score, why, and whether their figures may go into the model.

    A model with a training record may only get figures of held-out test tracks: any
    other choice can include the tracks it was trained on."""
    everything = list(ds.tracks)
    if split == "all":
        other_data = recorded is not None and recorded.get("data_id") not in (None, ds.source_id)
        return Selection(everything, "all", "all tracks of the data", recorded is None or other_data)
    if split == "auto":
        if ds.split_origin in PREDEFINED and ds.split("test"):
            return Selection(ds.split("test"), "test", predefined_why(ds, "test"), True)
        if not recorded:
            return Selection(
                everything,
                "all",
                "all tracks of the data (no predefined test split, and the model records no training split)",
                True,
            )
        if recorded.get("data_id") not in (None, ds.source_id):
            return Selection(
                everything,
                "all",
                "all tracks of the data, which is not the data the model "
                "was trained on (another folder, CSV or library)",
                True,
            )
        if ds.split("test"):
            return Selection(
                ds.split("test"),
                "test",
                (
                    f"held-out test tracks of the split this model was trained with (seed {seed}, "
                    f"{fractions[0]:.0%} valid, {fractions[1]:.0%} test per class)"
                ),
                True,
                "to score every track of the data instead: `--split all`",
            )
        say(
            "warning: the split this model was trained with leaves no test tracks in this data: "
            "scoring all tracks, which include its training tracks"
        )
        return Selection(
            everything,
            "all",
            "all tracks of the data, INCLUDING the model's training "
            "tracks (the split it was trained with has no test tracks here)",
            False,
        )
    if ds.split_origin in PREDEFINED:
        why = predefined_why(ds, split)
    else:
        why = (
            f"the {split} part of the by-artist/by-track split `trainer fit --seed {seed}` makes "
            f"({fractions[0]:.0%} valid, {fractions[1]:.0%} test per class)"
        )
    own = not recorded or ds.split_origin in PREDEFINED or seed == int(recorded["seed"])
    if recorded and not own:
        why += f"; NOT the split this model was trained with (seed {recorded['seed']})"
    return Selection(ds.split(split), split, why, not recorded or (split == "test" and own))


def without_training_copies(sel: Selection, recorded: dict | None) -> Selection:
    """`sel`, no longer fit for --update-model when some of its files have the content of
    tracks the model was trained on (copies under other names or folders: the figures
    would be inflated all the same). The digests are made as `trainer fit` recorded them."""
    from trainer.featcache import trained_on

    seen = set((recorded or {}).get("trained_on") or ())
    copies = len(seen.intersection(trained_on(t.path for t in sel.tracks))) if seen else 0
    if not copies:
        return sel
    why = f"{sel.why}, {copies} of them copies of tracks the model was trained on"
    return Selection(sel.tracks, sel.name, why, False, sel.hint)


MIN_UPDATE_CLASSES = 2  # one class: accuracy and macro-F1 are 1.0 whatever the model does


def refuse_too_little(model_path: Path, tracks: int, classes: int) -> None:
    """--update-model with figures that would say nothing (one class: every track is
    'right'): refused, nothing written. The number of tracks goes into the model with
    the figures, so a reader can weigh them."""
    if classes < MIN_UPDATE_CLASSES:
        raise ValueError(
            f"--update-model: not writing figures of {tracks} track(s) of one class into {model_path.name}: "
            "with one class every prediction among the data's classes is right; evaluate on data with "
            f"at least {MIN_UPDATE_CLASSES} of the model's classes (leave out --update-model to see the report)"
        )


def refuse_update(model_path: Path, sel: Selection) -> None:
    """--update-model on tracks that can include training tracks: say why, change nothing."""
    raise ValueError(
        f"--update-model: not writing figures measured on {sel.why} (split '{sel.name}') into "
        f"{model_path.name}: the model records the split it was trained with, so these tracks can "
        "include its training tracks and the figures would be inflated; use --split auto (its held-out "
        "test tracks) or leave out --update-model"
    )


def split_notes(ds, sel: Selection, recorded: dict | None) -> list[str]:
    """The data's notes, without those that describe a split the report did not use."""
    notes = list(dict.fromkeys(ds.notes))
    if sel.name == "all":  # "split by track (seed 0 ...)", "... go to train": not what was scored
        notes = [n for n in notes if "split" not in n.lower()]
    if sel.hint:
        notes.append(sel.hint)
    if recorded and recorded.get("origin") and recorded["origin"] != (ds.split_origin or "none"):
        notes.append(
            f"the model was trained with a '{recorded['origin']}' split, this data's is "
            f"'{ds.split_origin or 'none'}': it may not be the data the model was trained on"
        )
    return notes


def load_for_evaluation(data, recorded: dict | None, seed: int, fractions: tuple[float, float]):
    """The dataset split as the model's trainer split it (same seed, fractions, genre merging)."""
    excluded = (recorded or {}).get("excluded") or ()  # files the trainer could not read: not in its split
    rule = int(
        (recorded or {}).get("split_rule", 1 if recorded else SPLIT_RULE)
    )  # (1: made before the rule had a number)
    ds = load_dataset(
        data,
        seed=seed,
        valid_fraction=fractions[0],
        test_fraction=fractions[1],
        for_training=False,
        exclude=excluded,
        split_rule=rule,
    )
    if recorded and recorded.get("merged_spellings"):  # `--arch head` split after merging spellings
        merge_spellings(ds, seed, *fractions)
    return ds


# ---------------------------------------------------------------------- scoring
def score_tracks(model, tracks, n_patches: int, progress: bool = True):
    """Track scores [n, model labels] the way the app computes them; failures separately."""
    spec = model.spec
    scores, ok, failed = [], [], {}
    for t in tqdm(tracks, desc="scoring", unit="track", disable=not progress, file=sys.stderr):
        try:
            duration = audio_info(t.path).duration
            starts = plan_patch_starts(duration, patch_seconds(spec), n_patches)
            _, s, _ = score_adaptively(model, t.path, starts, tabular=model.track_tabular(t.path))
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
    # imported here: scikit-learn takes seconds to import, and `trainer --help` loads this module
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
        "per_class": {
            names[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i in idx
        },
        "confusion_matrix": cm,
        "y": y,
        "pred": pred,
        "topk": topk,
    }


def metrics_multilabel(scores: np.ndarray, truth: list[list[int]], classes: list[int], names: list[str]) -> dict:
    """Ranking figures of a sigmoid model: per label, does it score its tracks above the others?

    A track's positives are its label set (one label or several). ROC-AUC / PR-AUC exist
    only for labels with at least one positive and one negative track; the others are
    listed in `labels_skipped` with the reason."""
    # imported here: scikit-learn takes seconds to import, and `trainer --help` loads this module
    from sklearn.metrics import average_precision_score, roc_auc_score

    sub = scores[:, classes]
    pos = {c: i for i, c in enumerate(classes)}
    Y = np.zeros(sub.shape, np.int64)
    for i, t in enumerate(truth):
        for c in t:
            Y[i, pos[c]] = 1
    usable = [j for j in range(len(classes)) if 0 < Y[:, j].sum() < len(Y)]
    skipped = {
        names[j]: (
            "every evaluated track has it (no negatives)"
            if Y[:, j].sum()
            else "no evaluated track has it (no positives)"
        )
        for j in range(len(classes))
        if j not in usable
    }
    out = {"labels_scored": [names[j] for j in usable], "labels_skipped": skipped}
    if usable:
        out["roc_auc_macro"] = float(roc_auc_score(Y[:, usable], sub[:, usable], average="macro"))
        out["pr_auc_macro"] = float(average_precision_score(Y[:, usable], sub[:, usable], average="macro"))
        out["roc_auc_micro"] = float(roc_auc_score(Y[:, usable], sub[:, usable], average="micro"))
        out["pr_auc_micro"] = float(average_precision_score(Y[:, usable], sub[:, usable], average="micro"))
        out["per_label"] = {
            names[j]: {
                "roc_auc": float(roc_auc_score(Y[:, j], sub[:, j])),
                "pr_auc": float(average_precision_score(Y[:, j], sub[:, j])),
                "positives": int(Y[:, j].sum()),
                "negatives": int(len(Y) - Y[:, j].sum()),
            }
            for j in usable
        }
    return out


THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


def confidence_figures(genre_map, label_scores: np.ndarray, truth: list[set[str]], paths: list[str]) -> dict | None:
    """Does a score mean what it says? Over the app's genres (the model's genre labels
    by the app's rule): each track's best genre and its score, right or not.

    Returns the top-1 reliability (ECE, accuracy per confidence bin) and what each
    threshold would have meant for the suggestions. Only tracks with a true label the
    app can suggest (a genre-kind label) count; None when there is none."""
    keep = [i for i, tr in enumerate(truth) if tr & set(genre_map.names)]
    if not genre_map.names or not keep:
        return None
    ranked = [genre_map.ranked(label_scores[i]) for i in keep]
    truths = [truth[i] for i in keep]
    best = [r[0] for r in ranked]
    out = reliability([s for _, s in best], [name in tr for (name, _), tr in zip(best, truths)])
    max_genres = Settings().max_genres
    out.update(
        left_out=len(truth) - len(keep),
        max_genres=max_genres,
        thresholds=threshold_table(ranked, truths, max_genres, THRESHOLDS),
        best=[
            {"path": paths[i], "genre": n, "score": round(s, 4), "right": n in tr}
            for i, (n, s), tr in zip(keep, best, truths)
        ],
    )
    return out


# ---------------------------------------------------------------------- main
def evaluate(
    model_path,
    data,
    *,
    report_dir=None,
    split="auto",
    seed=None,
    patches=None,
    threads=None,
    update_model=False,
    progress=True,
) -> dict:
    started = time.perf_counter()
    model_path = Path(model_path).expanduser()
    report_dir = Path(report_dir).expanduser() if report_dir else Path.cwd() / f"{model_path.stem}-report"
    model = Model(model_path, device="cpu", threads=threads)
    info = model.info
    recorded = recorded_split(info)
    seed, valid_fraction, test_fraction = split_settings(recorded, split, seed)
    fractions = (valid_fraction, test_fraction)
    ds = load_for_evaluation(data, recorded, seed, fractions)
    sel = select_tracks(ds, split, seed, recorded, fractions)
    tracks, split_name, split_why = sel.tracks, sel.name, sel.why
    if not tracks:
        raise DatasetError(f"{data}: the {split} split has no tracks")
    if sel.update_ok or not update_model:  # said in every report, not only when it would be written
        sel = without_training_copies(sel, recorded)
        split_why = sel.why
    if update_model and not sel.update_ok:
        refuse_update(model_path, sel)  # before the scoring: nothing is written
    check_writable(report_dir / "report.json", "report")  # now, not after the scoring
    say(f"{len(tracks)} tracks: {split_why}")

    # the app's names: model labels (every kind) grouped by canonical genre name, the
    # taggers of a fused model combined, by the app's one rule (tagger.vocabulary.GenreMap)
    vocab = Vocabulary.load(bundled_path())
    by_name = vocab.genre_map(info, LABEL_KINDS)
    order = sorted(range(len(by_name.names)), key=lambda j: by_name.first_label[j])  # the model's label order
    names_in_order = [by_name.names[j] for j in order]
    by_norm = {}
    for i, name in enumerate(names_in_order):
        by_norm.setdefault(norm_label(name), i)
    unknown: dict[str, int] = {}
    usable, truth = [], []
    for t in tracks:
        mapped = []
        for lab in t.labels:
            j = by_norm.get(norm_label(vocab.canonical(lab)))
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
            f"({', '.join(names_in_order[:20])}{'...' if len(names_in_order) > 20 else ''})"
        )

    if update_model:  # before the scoring: nothing is written
        refuse_too_little(model_path, len(usable), len({c for tr in truth for c in tr}))
    n_patches = patches or DEFAULT_PATCHES
    label_scores, scored, failed = score_tracks(model, usable, n_patches, progress)
    scores = by_name.matrix(label_scores)[:, order]
    if failed:
        listing = "\n  ".join(f"{p}: {w}" for p, w in list(failed.items())[:20])
        say(f"warning: skipping {len(failed)} unreadable file(s):\n  {listing}")
    if not scored:
        raise DatasetError(f"{data}: none of the {len(usable)} audio files could be read")
    truth = [tr for t, tr in zip(usable, truth) if t.path not in failed]

    classes = sorted({c for tr in truth for c in tr})
    names = [names_in_order[c] for c in classes]
    m = metrics_closed_set(scores, truth, classes, names)
    # a sigmoid model scores every label on its own: its ranking figures exist on any data
    ml = metrics_multilabel(scores, truth, classes, names) if info.activation == "sigmoid" else None
    conf = confidence_figures(
        vocab.genre_map(info), label_scores, [{names_in_order[c] for c in tr} for tr in truth], [t.path for t in scored]
    )

    report_dir.mkdir(parents=True, exist_ok=True)
    report = {
        "model": str(model_path),
        "model_key": info.key,
        "activation": info.activation,
        "pooling": info.pooling,
        "data": str(Path(data).expanduser()),
        "dataset_kind": ds.kind,
        "split": split_name,
        "split_note": split_why,
        "notes": split_notes(ds, sel, recorded),
        "patches_per_track": n_patches,
        "tracks": len(scored),
        "classes": names,
        "closed_set": len(classes) < len(names_in_order),
        "accuracy": m["accuracy"],
        "top3_accuracy": m["top3_accuracy"],
        # with 3 classes or fewer every track's true class is in the top 3: always 1.0;
        # with one, accuracy and macro-F1 are 1.0 whatever the model hears
        "top3_informative": len(classes) > 3,
        "closed_set_informative": len(classes) > 1,
        "macro_f1": m["macro_f1"],
        "per_class": m["per_class"],
        "confusion_matrix": m["confusion_matrix"],
        "skipped": {"unreadable": failed, "labels_not_in_model": unknown},
        "predictions": [
            {
                "path": t.path,
                "true": [names_in_order[c] for c in tr],
                "predicted": names[int(p)],
                "top3": [names[int(j)] for j in tk],
            }
            for t, tr, p, tk in zip(scored, truth, m["pred"], m["topk"])
        ],
        "seconds": round(time.perf_counter() - started, 2),
    }
    if ml is not None:
        report["multilabel"] = ml
    if conf is not None:
        report["confidence"] = conf
    (report_dir / "report.json").write_text(json.dumps(report, indent=1))
    plots = write_plots(report, report_dir)
    (report_dir / "report.md").write_text(markdown(report, plots))
    report["report_dir"] = str(report_dir)
    if update_model:
        refuse_too_little(model_path, len(scored), len(classes))
        update_model_evaluation(model_path, evaluation_figures(report))
        say(f"updated the evaluation metadata of {model_path}")
    return report


# what the trainer recorded about how the model was made: kept when the figures are replaced
TRAINING_KEYS = (
    "training_split",
    "method",
    "train_tracks",
    "best_epoch",
    "cv",
    "cv_folds",
    "cv_tracks",
    "cv_accuracy",
    "cv_log_loss",
    "cv_grid",
)


def evaluation_figures(report: dict) -> dict:
    ev = {
        "dataset": Path(report["data"]).name,
        "dataset_kind": report["dataset_kind"],
        "split": report["split"],
        "split_note": report["split_note"],
        "tracks": report["tracks"],
        "accuracy": round(report["accuracy"], 4),
    }
    if report["top3_informative"]:  # a trivial 1.0 would read as a result
        ev["top3_accuracy"] = round(report["top3_accuracy"], 4)
    ev.update(
        {
            "macro_f1": round(report["macro_f1"], 4),
            "patches_per_track": report["patches_per_track"],
            "pooling": report["pooling"],
        }
    )
    if report.get("closed_set"):
        ev["closed_set_labels"] = len(report["classes"])
    ml = report.get("multilabel") or {}
    for k in ("roc_auc_macro", "pr_auc_macro"):
        if k in ml:
            ev[k] = round(ml[k], 4)
    conf = report.get("confidence")
    if conf:
        ev["top1_ece"] = round(conf["ece"], 4)
        ev["top1_app_accuracy"] = round(conf["accuracy"], 4)
        ev["top1_tracks"] = conf["tracks"]
    return ev


def update_model_evaluation(model_path: Path, evaluation: dict) -> None:
    """Replace the figures in the model's `evaluation` metadata (keeping the training record,
    TRAINING_KEYS) and the Evaluation section of the card `<model>.md` if present."""
    # imported here: onnx takes a second to import, and `trainer --help` loads this module
    import onnx

    info = read_metadata(model_path)
    old = info.evaluation or {}
    evaluation = {**evaluation, **{k: old[k] for k in TRAINING_KEYS if k in old}}
    model = onnx.load(str(model_path))
    write_metadata(model, dataclasses.replace(info, evaluation=evaluation, path=None))
    tmp = model_path.with_name(f".{model_path.name}.tmp")
    onnx.save(model, str(tmp))
    os.replace(tmp, model_path)
    read_metadata(model_path)  # still valid
    card = model_path.with_suffix(".md")
    if card.is_file():
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
    # imported here: matplotlib is slow to import, and `trainer --help` loads this module;
    # its backend must be chosen before pyplot is imported
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = report["classes"]
    where = _where(report)
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
    fig.suptitle(where, fontsize=8)
    top = cm.max() if cm.size else 0
    for i in range(n):
        for j in range(n):
            if cm[i, j]:
                ax.text(
                    j,
                    i,
                    str(cm[i, j]),
                    ha="center",
                    va="center",
                    color="white" if cm[i, j] > top / 2 else "black",
                    fontsize=8,
                )
    fig.tight_layout()
    fig.savefig(out / "confusion_matrix.png", dpi=110)
    plt.close(fig)

    pc = report["per_class"]
    fig, ax = plt.subplots(figsize=(max(5.0, 0.5 * n + 2), 4.0))
    xs = np.arange(n)
    ax.bar(xs - 0.2, [pc[c]["precision"] for c in names], 0.4, label="precision")
    ax.bar(xs + 0.2, [pc[c]["recall"] for c in names], 0.4, label="recall")
    # each class with its test tracks: a recall of 1.0 from one track reads as what it is
    ax.set_xticks(xs, [f"{c} ({pc[c].get('support', 0)})" for c in names], rotation=60, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=8, frameon=False)  # above, not over bars
    fig.suptitle(f"per-class precision and recall (tracks per class)\n{where}", fontsize=9)
    fig.tight_layout()
    fig.savefig(out / "per_class.png", dpi=110)
    plt.close(fig)
    plots = {"confusion": "confusion_matrix.png", "per_class": "per_class.png"}
    if report.get("confidence"):
        plots["reliability"] = reliability_plot(report["confidence"], out / "reliability.png", plt, where)
    return plots


def _where(report: dict) -> str:
    """Which model, data and tracks a figure is about (a PNG is often seen on its own)."""
    return f"{Path(report['model']).name} on {Path(report['data']).name}: {report['split']}, {report['tracks']} tracks"


def reliability_plot(conf: dict, path: Path, plt, where: str = "") -> str:
    """Accuracy of the best genre against its score, per confidence bin, with each
    bin's 95 % interval and track count; the diagonal is a score that means what it says."""
    fig, (ax, hist) = plt.subplots(2, 1, figsize=(5.0, 6.0), height_ratios=[3, 1], sharex=True)
    used = [b for b in conf["bins"] if b["tracks"]]
    width = 1.0 / len(conf["bins"])
    mids = [(b["low"] + b["high"]) / 2 for b in used]
    acc = [b["accuracy"] for b in used]
    err = np.array(
        [[a - b["interval"][0] for a, b in zip(acc, used)], [b["interval"][1] - a for a, b in zip(acc, used)]]
    )
    err = np.clip(err, 0.0, None)  # an interval ending at the rate itself (rounding): no negative arm
    ax.bar(mids, acc, width * 0.9, color="#4a7ab5", label="share whose best genre was right")
    ax.errorbar(mids, acc, yerr=err, fmt="none", ecolor="black", capsize=3, label="95 % interval")
    ax.bar(
        mids,
        [b["confidence"] for b in used],
        width * 0.9,
        fill=False,
        edgecolor="#d95f02",
        linewidth=1.5,
        label="mean score in the bin",
    )
    ax.plot([0, 1], [0, 1], "--", color="grey", linewidth=1, label="score = share right")
    for x, a, b in zip(mids, acc, used):
        # white on its bar; black where the bar is too low to hold it (a bin with none right)
        ax.text(x, 0.02, str(b["tracks"]), ha="center", va="bottom", color="white" if a > 0.08 else "black", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.4)  # room for the legend above the bars
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel("share right (tracks per bin at the bottom)")
    ax.set_title(f"best genre: ECE {conf['ece']:.3f} over {conf['tracks']} tracks")
    ax.legend(loc="upper left", fontsize=7, ncol=2)
    if where:
        fig.suptitle(where, fontsize=8)
    hist.bar(mids, [b["tracks"] for b in used], width * 0.9, color="grey")
    hist.set_xlabel("score of the best genre")
    hist.set_ylabel("tracks")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path.name


def confidence_section(conf: dict) -> list[str]:
    """The Markdown of the confidence figures (see confidence_figures)."""
    small = conf["tracks"] < SMALL_SET
    lines = [
        "",
        "## Confidence: does a score mean what it says?",
        "",
        f"The app's best genre for each track and its score, over {conf['tracks']} tracks whose labels include "
        "a genre the model can suggest"
        + (f" ({conf['left_out']} other tracks left out)" if conf["left_out"] else "")
        + ".",
    ]
    if small:
        lines.append(
            f"{conf['tracks']} tracks is a small set: read the intervals, not only the rates; "
            "a bin of a few tracks says little."
        )
    lines += [
        "",
        f"- top-1 accuracy (best genre among all the model's genres): {conf['accuracy']:.3f}",
        f"- expected calibration error (ECE, 10 bins): {conf['ece']:.3f}",
        "",
        "| best-genre score | tracks | mean score | right | 95 % interval |",
        "|---|---|---|---|---|",
    ]
    for b in conf["bins"]:
        if b["tracks"]:
            lo, hi = b["interval"]
            lines.append(
                f"| {b['low']:.1f}-{b['high']:.1f} | {b['tracks']} | {b['confidence']:.2f} | "
                f"{b['right']}/{b['tracks']} ({b['accuracy']:.0%}) | {lo:.0%}-{hi:.0%} |"
            )
    lines += [
        "",
        f"What each threshold would have meant (the app's rule: genres scoring at least the threshold, "
        f"at most {conf['max_genres']}):",
        "",
        "| threshold | tracks with a suggestion | first genre right | suggested genres right |",
        "|---|---|---|---|",
    ]
    for t in conf["thresholds"]:
        first = f"{t['first_right']}/{t['suggested']}" if t["suggested"] else "-"
        every = f"{t['genres_right']}/{t['genres']}" if t["genres"] else "-"
        lines.append(f"| {t['threshold']:g} | {t['suggested']}/{t['tracks']} | {first} | {every} |")
    return lines


def one_class_caveat(r: dict) -> str:
    informative = r.get("closed_set_informative", True)
    return "" if informative else " (trivial: one class in the data, predicted among it alone)"


def top3_caveat(r: dict) -> str:
    n = len(r["classes"])
    return "" if r["top3_informative"] else f" (trivial: {n} class{'es' if n != 1 else ''}, not informative)"


def ranking_section(ml: dict) -> list[str]:
    """Per-label ROC-AUC / PR-AUC of a sigmoid model, and the labels left out and why."""
    if not ml:
        return []
    lines = [
        "",
        "## Ranking per label (sigmoid model)",
        "",
        "Each label ranks the tracks by its score; a track's labels are its positives.",
    ]
    if ml.get("per_label"):
        lines += ["", "| label | ROC-AUC | PR-AUC | positives | negatives |", "|---|---|---|---|---|"]
        lines += [
            f"| {k} | {v['roc_auc']:.3f} | {v['pr_auc']:.3f} | {v['positives']} | {v['negatives']} |"
            for k, v in ml["per_label"].items()
        ]
    if ml.get("labels_skipped"):
        lines += [""] + [f"- {k}: no ROC-AUC / PR-AUC: {why}" for k, why in ml["labels_skipped"].items()]
    return lines


def markdown(r: dict, plots: dict) -> str:
    lines = [
        f"# Evaluation of {r['model_key']}",
        "",
        f"- Model: `{r['model']}` ({r['activation']}, {r['pooling']}-pooled over {r['patches_per_track']} patches per track)",
        f"- Data: `{r['data']}` ({r['dataset_kind']}); tracks: {r['split_note']}",
        f"- Tracks scored: {r['tracks']}",
    ]
    if r["closed_set"]:
        lines.append(f"- Predictions among the {len(r['classes'])} model labels that occur in the data")
    lines += [
        "",
        "| figure | value |",
        "|---|---|",
        f"| track accuracy | {r['accuracy']:.4f}{one_class_caveat(r)} |",
        f"| top-3 accuracy | {r['top3_accuracy']:.4f}{top3_caveat(r)} |",
        f"| macro-F1 | {r['macro_f1']:.4f}{one_class_caveat(r)} |",
    ]
    ml = r.get("multilabel") or {}
    for k in ("roc_auc_macro", "pr_auc_macro", "roc_auc_micro", "pr_auc_micro"):
        if k in ml:
            lines.append(f"| {k.replace('_', ' ')} | {ml[k]:.4f} |")
    lines += ranking_section(ml)
    if r.get("confidence"):
        lines += confidence_section(r["confidence"])
        lines += ["", f"![reliability diagram]({plots['reliability']})"]
    lines += ["", "## Per class", "", "| class | precision | recall | F1 | tracks |", "|---|---|---|---|---|"]
    for c, v in r["per_class"].items():
        lines.append(f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |")
    lines += [
        "",
        f"![per-class precision and recall]({plots['per_class']})",
        "",
        "## Confusion matrix (rows: true, columns: predicted)",
        "",
        "| | " + " | ".join(r["classes"]) + " |",
        "|---" * (len(r["classes"]) + 1) + "|",
    ]
    for name, row in zip(r["classes"], r["confusion_matrix"]):
        lines.append(f"| **{name}** | " + " | ".join(str(v) for v in row) + " |")
    lines += ["", f"![confusion matrix]({plots['confusion']})", ""]
    skipped = r["skipped"]
    if skipped["unreadable"] or skipped["labels_not_in_model"] or r["notes"]:
        lines += ["## Notes", ""]
        lines += [f"- {n}" for n in r["notes"]]
        if skipped["labels_not_in_model"]:
            lines.append(
                "- data labels not in the model (tracks ignored): "
                + ", ".join(f"{k} ({v})" for k, v in sorted(skipped["labels_not_in_model"].items()))
            )
        for p, why in list(skipped["unreadable"].items())[:20]:
            lines.append(f"- unreadable, skipped: `{p}` ({why})")
        lines.append("")
    return "\n".join(lines)
