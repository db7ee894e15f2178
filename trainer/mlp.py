"""`trainer fit --arch mlp`: a multilayer perceptron on the 57 columns of the GTZAN
feature table (the `gtzan-57` feature spec).

The classic GTZAN notebooks train a small MLP on `features_30_sec.csv` with standard
scaling and report it ahead of their CNNs. Here:

1. the rows come from such a table or from audio (`trainer.feature_table`: the app's own
   `gtzan-57` code over the windows the app scores, one row per window);
2. the scaling (mean and standard deviation of the training rows) is the first layer of
   the network, so it travels inside the model file;
3. 57 -> 512 -> 256 -> 128 -> 64 -> classes (ReLU, dropout 0.3), AdamW, every track and
   every class weighing the same in the loss; early stopping on the validation tracks'
   accuracy (mean of their windows' probabilities, as the app pools);
4. `--kfold K` adds a K-fold cross-validation of the same recipe over the non-test tracks
   (a warning says when that is a random split of GTZAN, whose artists then land on both
   sides);
5. figures on the test tracks, ONNX export (input `features` [batch, 57]) checked
   against PyTorch, and a model card that says what the features are and how they were
   checked against librosa.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tagger.features import GTZAN57_SPEC
from tagger.gtzan57 import COLUMNS
from trainer.datasets import check_classes, check_splits, is_feature_table, load_dataset
from trainer.export import export_model
from trainer.featcache import default_cache_dir, trained_on
from trainer.feature_table import Table, audio_table, is_gtzan, read_table
from trainer.metrics import figures_line, recorded_figures, track_metrics
from trainer.modelcard import evaluation_markdown
from trainer.networks import n_parameters
from trainer.settings import check_writable

DEFAULT_EPOCHS = 200
DEFAULT_PATIENCE = 30
HIDDEN = (512, 256, 128, 64)
INPUT_NAME = "features"
INNER_VALID = 0.15  # share of a fold's training tracks held out for early stopping
LEAK_WARNING = (
    "warning: k-fold over GTZAN is a random split: tracks of one artist (sometimes the same "
    "recording) land on both sides and the cross-validation figure overstates accuracy "
    "(Sturm 2013; Kereliuk et al. 2015); the model's own figures use the fault-filtered test list"
)
FEATURE_CHECK = (
    "computed in the app by tagger/gtzan57.py (numpy, no librosa at run time); "
    "tests/test_gtzan57.py checks every column against librosa 0.11 with the 2020 reflect padding "
    "on real recordings: within 1e-4 relative (tempo exactly), harmony/perceptr means within "
    "1e-3 of their standard deviation"
)


def say(msg: str) -> None:
    print(f"trainer fit --arch mlp: {msg}", file=sys.stderr, flush=True)


class MLP(nn.Module):
    """Standard scaling (stored) -> fully connected layers -> logits."""

    def __init__(self, mean: np.ndarray, std: np.ndarray, n_classes: int, hidden=HIDDEN, dropout: float = 0.3):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("scale", torch.tensor(1.0 / np.maximum(std, 1e-8), dtype=torch.float32))
        layers: list[nn.Module] = []
        width = len(mean)
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, n_classes))
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers((x - self.mean) * self.scale)


def pooled_probs(net: nn.Module, x: np.ndarray, owner: np.ndarray, n_tracks: int) -> np.ndarray:
    """Mean of the window probabilities per track (the app's pooling)."""
    net.eval()
    with torch.no_grad():
        probs = torch.softmax(net(torch.from_numpy(np.asarray(x, np.float32))), dim=-1).numpy()
    out = np.zeros((n_tracks, probs.shape[1]), np.float64)
    np.add.at(out, owner, probs)
    return out / np.maximum(np.bincount(owner, minlength=n_tracks), 1)[:, None]


def _row_weights(owner: np.ndarray, y_track: np.ndarray, n_classes: int) -> np.ndarray:
    """Every track weighs the same, every class the same; mean 1."""
    windows = np.bincount(owner, minlength=len(y_track)).astype(np.float64)
    per_class = np.bincount(y_track, minlength=n_classes).astype(np.float64)
    w = (len(y_track) / (n_classes * np.maximum(per_class, 1)))[y_track[owner]] / windows[owner]
    return w / w.mean()


def _accuracy_and_loss(probs: np.ndarray, y: np.ndarray) -> dict:
    """The two figures early stopping reads (as trainer.metrics computes them, without
    scikit-learn's per-call cost, which dominated a 200-epoch run)."""
    return {
        "accuracy": float((probs.argmax(1) == y).mean()),
        "loss": float(-np.log(np.clip(probs[np.arange(len(y)), y], 1e-7, 1.0)).mean()),
    }


def fit_mlp(train: tuple, valid: tuple, n_classes: int, args):
    """Train on `train` = (x, owner, y_track), early-stopped on `valid` (same form).
    Returns (network with the best epoch's weights, history, best row)."""
    x, owner, y_track = train
    torch.manual_seed(args.seed)
    net = MLP(x.mean(axis=0), x.std(axis=0), n_classes)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    xt = torch.from_numpy(x.astype(np.float32))
    yt = torch.from_numpy(y_track[owner])
    wt = torch.from_numpy(_row_weights(owner, y_track, n_classes).astype(np.float32))
    best = {"accuracy": -1.0, "loss": math.inf, "epoch": 0}
    best_state, history, bad = None, [], 0
    for epoch in range(1, args.epochs + 1):
        net.train()
        order = np.random.default_rng([args.seed, epoch]).permutation(len(x))
        total = 0.0
        for i in range(0, len(order), args.batch_size):
            idx = torch.from_numpy(order[i : i + args.batch_size])
            loss = (F.cross_entropy(net(xt[idx]), yt[idx], reduction="none") * wt[idx]).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        m = _accuracy_and_loss(pooled_probs(net, valid[0], valid[1], len(valid[2])), valid[2])
        better = m["accuracy"] > best["accuracy"] + 1e-9 or (
            abs(m["accuracy"] - best["accuracy"]) <= 1e-9 and m["loss"] < best["loss"] - 1e-4
        )
        if better:
            best = {"accuracy": m["accuracy"], "loss": m["loss"], "epoch": epoch}
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
            bad = 0
        else:
            bad += 1
        history.append(
            {
                "epoch": epoch,
                "train_loss": round(total / len(x), 5),
                "valid_loss": round(m["loss"], 5),
                "valid_accuracy": round(m["accuracy"], 5),
                "best": bool(better),
            }
        )
        if bad >= args.patience:
            break
    if best_state is not None:
        net.load_state_dict(best_state)
    net.eval()
    return net, history, best


def _part(table: Table, track_idx: np.ndarray, y: np.ndarray) -> tuple:
    """(rows, owner renumbered 0..k-1, classes) of the tracks `track_idx`."""
    remap = -np.ones(len(table.ds.tracks), np.int64)
    remap[track_idx] = np.arange(len(track_idx))
    rows = np.flatnonzero(remap[table.owner] >= 0)
    return table.x[rows], remap[table.owner[rows]], y[track_idx]


def _stratified_folds(groups: list[str], y: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Fold number of each track: groups (artist or track) dealt round-robin per class."""
    rng = np.random.default_rng([seed, 7])
    fold = np.zeros(len(y), np.int64)
    for c in np.unique(y):
        units = sorted({groups[i] for i in np.flatnonzero(y == c)})
        for j, u in enumerate(rng.permutation(units)):
            fold[[i for i in np.flatnonzero(y == c) if groups[i] == u]] = j % k
    return fold


def cross_validate(table: Table, y: np.ndarray, k: int, args, labels: list[str]) -> dict:
    """K-fold over the non-test tracks; each fold early-stops on a share of its training tracks."""
    pool = np.array([i for i, t in enumerate(table.ds.tracks) if t.split != "test"], np.int64)
    groups = [table.ds.tracks[i].group or f"track:{table.ds.tracks[i].path}" for i in pool]
    fold = _stratified_folds(groups, y[pool], k, args.seed)
    accs, f1s = [], []
    for f in range(k):
        held, rest = pool[fold == f], pool[fold != f]
        if not len(held):
            continue
        inner = _stratified_folds(
            [groups[i] for i in np.flatnonzero(fold != f)], y[rest], max(2, round(1 / INNER_VALID)), args.seed + f
        )
        net, _, _ = fit_mlp(_part(table, rest[inner != 0], y), _part(table, rest[inner == 0], y), len(labels), args)
        x, owner, yy = _part(table, held, y)
        m = track_metrics(pooled_probs(net, x, owner, len(yy)), yy, labels)
        accs.append(m["accuracy"])
        f1s.append(m["macro_f1"])
        say(f"fold {f + 1}/{k}: {len(held)} tracks, accuracy {m['accuracy']:.3f}, macro-F1 {m['macro_f1']:.3f}")
    return {
        "cv_folds": k,
        "cv_accuracy_mean": round(float(np.mean(accs)), 4),
        "cv_accuracy_std": round(float(np.std(accs)), 4),
        "cv_macro_f1_mean": round(float(np.mean(f1s)), 4),
    }


def load_rows(args) -> tuple[Table, dict[str, str]]:
    """The table of `--data`: a feature table as it is, or audio through the app's gtzan-57 code."""
    if is_feature_table(args.data):
        return read_table(
            args.data, seed=args.seed, valid_fraction=args.valid_fraction, test_fraction=args.test_fraction
        ), {}
    ds = load_dataset(
        args.data,
        seed=args.seed,
        valid_fraction=args.valid_fraction,
        test_fraction=args.test_fraction,
        for_training=True,
    )
    cache = Path(args.cache_dir).expanduser() if args.cache_dir else default_cache_dir()
    table, failed = audio_table(
        ds, n_windows=args.eval_patches, cache_dir=cache, workers=args.workers, progress=args.progress
    )
    if failed:
        listing = "\n  ".join(f"{p}: {why}" for p, why in list(failed.items())[:20])
        say(f"warning: skipping {len(failed)} unreadable file(s):\n  {listing}")
        check_classes(table.ds)
        check_splits(table.ds)
    return table, failed


def train(args) -> dict:
    """Everything `trainer fit --arch mlp` does. Returns a summary dict."""
    started = time.perf_counter()
    if not args.data:
        raise ValueError(
            "--data is required: the GTZAN feature table (features_30_sec.csv), a CSV with its columns, or audio"
        )
    if not args.out:
        raise ValueError("--out is required (the .onnx model file to write)")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".onnx":
        raise ValueError(f"--out {out}: the model file name must end in .onnx")
    if getattr(args, "resume", None):
        raise ValueError("--arch mlp trains in seconds and writes no checkpoint: run it again without --resume")
    check_writable(out, "model")
    args.epochs = args.epochs or DEFAULT_EPOCHS
    args.patience = args.patience or DEFAULT_PATIENCE
    if args.threads:
        torch.set_num_threads(args.threads)
    kfold = getattr(args, "kfold", 0) or 0
    if kfold == 1 or kfold < 0:
        raise ValueError("--kfold needs at least 2 folds")

    table, failed = load_rows(args)
    ds = table.ds
    for line in ds.notes:
        say(line)
    labels = ds.labels
    index = {c: i for i, c in enumerate(labels)}
    y = np.array([index[t.label] for t in ds.tracks], np.int64)
    tr = np.array([i for i, t in enumerate(ds.tracks) if t.split == "train"], np.int64)
    va = np.array([i for i, t in enumerate(ds.tracks) if t.split == "valid"], np.int64)
    te = np.array([i for i, t in enumerate(ds.tracks) if t.split == "test"], np.int64)
    say(ds.describe() + f"; {len(table.x)} rows of {len(COLUMNS)} features")

    cv = {}
    if kfold:
        if is_gtzan(ds):
            say(LEAK_WARNING)
        cv = cross_validate(table, y, kfold, args, labels)
        say(f"{kfold}-fold cross-validation: accuracy {cv['cv_accuracy_mean']:.3f} +- {cv['cv_accuracy_std']:.3f}")

    t0 = time.perf_counter()
    net, history, best = fit_mlp(_part(table, tr, y), _part(table, va, y), len(labels), args)
    train_seconds = time.perf_counter() - t0
    eval_split, ev = ("test", te) if len(te) else ("valid", va)
    x_ev, owner_ev, y_ev = _part(table, ev, y)
    metrics = track_metrics(pooled_probs(net, x_ev, owner_ev, len(y_ev)), y_ev, labels)
    evaluation = {
        "dataset": Path(ds.source).name,
        "dataset_kind": ds.kind,
        "split": eval_split,
        "split_origin": ds.split_origin,
        **recorded_figures(metrics, len(labels)),
        "pooling": "mean",
        "best_epoch": best["epoch"],
        "features": "gtzan-57",
        **cv,
        "training_split": {
            "seed": args.seed,
            "valid_fraction": args.valid_fraction,
            "test_fraction": args.test_fraction,
            "origin": ds.split_origin,
            "data_id": ds.source_id,
            "trained_on": trained_on(t.path for t in ds.tracks if t.split != "test"),
        },
    }
    name = args.name or out.stem
    description = args.description or (
        f"mlp genre classifier ({len(labels)} classes) on the GTZAN table's 57 features, trained on {Path(ds.source).name}"
    )
    info, diff = export_model(
        net,
        out,
        labels=labels,
        spec=GTZAN57_SPEC,
        name=name,
        version=args.version,
        license=args.license or "unspecified",
        credit=args.credit,
        description=description,
        evaluation=evaluation,
        check_inputs=x_ev[:16].astype(np.float32),
        input_name=INPUT_NAME,
    )
    summary = {
        "model": str(out),
        "labels": labels,
        "evaluation": evaluation,
        "per_class": metrics["per_class"],
        "history": history,
        "parity_max_abs_diff": diff,
        "parameters": n_parameters(net),
        "train_seconds": round(train_seconds, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
        "notes": ds.notes,
        "splits": dict(Counter(t.split for t in ds.tracks)),
        "rows": int(len(table.x)),
        "skipped_files": failed,
    }
    write_card(out, info, summary, args)
    say(figures_line(eval_split, evaluation))
    say(f"wrote {out} (onnxruntime vs PyTorch max difference {diff:.1e}) and {out.with_suffix('.md')}")
    return summary


def write_card(out: Path, info, summary: dict, args) -> Path:
    card = out.with_suffix(".md")
    per_class = "\n".join(
        f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        for c, v in summary["per_class"].items()
    )
    notes = "\n".join(f"- {n}" for n in summary["notes"]) or "- (none)"
    hist = summary["history"]
    card.write_text(
        f"""# {info.name} {info.version}

{info.description}

- Labels ({len(info.labels)}, kind `genre`, softmax, mean-pooled over 30-second windows): {", ".join(info.labels)}
- Architecture: `mlp`, standard scaling stored in the graph, then {" -> ".join(map(str, (len(COLUMNS), *HIDDEN)))} -> {len(info.labels)}
  (ReLU, dropout 0.3), {summary["parameters"]:,} parameters
- Input: `{info.input_name}` float32 [batch, {len(COLUMNS)}]; output `{info.output_name}` [batch, {len(info.labels)}]
- Licence: {info.license}{f"; credit: {info.credit}" if info.credit else ""}
- Made by `trainer fit --arch mlp` (seed {args.seed}, batch {args.batch_size}, lr {args.lr}, weight decay
  {args.weight_decay}, up to {args.epochs} epochs, patience {args.patience}; stopped after {len(hist)},
  best epoch {summary["evaluation"]["best_epoch"]}); training {summary["train_seconds"]} s.
- onnxruntime vs PyTorch: max |difference| {summary["parity_max_abs_diff"]:.1e}

## Features (`gtzan-57`)

The 57 columns of the GTZAN feature table (`features_30_sec.csv`), in its order: mean and
variance of chroma_stft, rms, spectral centroid, bandwidth and roll-off, zero-crossing
rate, the harmonic and percussive waveforms of an HPSS, the tempo, and mean and variance
of 20 MFCCs, each over one 30-second window at 22.05 kHz (librosa's defaults: n_fft 2048,
hop 512, 128 mel bands; STFTs padded with `reflect`, as librosa did in 2020 when the
table was made). They are {FEATURE_CHECK}.
Feature spec: `{info.feature_spec}`

## Data

`{Path(str(args.data)).name}`: {summary["rows"]} rows, split {summary["splits"]}

{notes}

{evaluation_markdown(info.evaluation)}

| class | precision | recall | F1 | tracks |
|---|---|---|---|---|
{per_class}
"""
    )
    return card
