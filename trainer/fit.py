"""`trainer fit`: train a genre classifier on log-mel patches and export it as a model file.

Pipeline: dataset (trainer.datasets) -> log-mels cached on disk (trainer.featcache) ->
training on random patches (random crop, random gain, mixup; class-balanced sampling)
with early stopping on the validation tracks -> the best epoch's weights are measured on
the test tracks -> ONNX export with metadata and a parity check (trainer.export) ->
a model card next to the model (`MODEL.md`).

Every epoch writes a checkpoint (`MODEL.onnx.ckpt`, or `--checkpoint`); `--resume CKPT`
continues from it with the same split, seed stream and optimizer state, so a resumed run
ends where an uninterrupted one would.

`--arch head` (few-shot head on a pretrained model's embeddings) is delegated to
`trainer.head.fit_head(args)`.
"""

from __future__ import annotations

import os

os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before anything imports onnxruntime

import argparse
import json
import math
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

from trainer.datasets import DEFAULT_FRACTIONS

DEFAULT_SPEC = {
    "sample_rate": 22050,
    "resampler": "soxr_hq",
    "n_fft": 1024,
    "hop_length": 512,
    "win_length": 1024,
    "window": "hann",
    "center": True,
    "pad_mode": "constant",
    "power": 2.0,
    "n_mels": 128,
    "fmin": 0.0,
    "fmax": 11025.0,
    "mel_norm": "slaney",
    "mel_htk": False,
    "log": "db",
    "patch_frames": 129,  # 2.99 s
}
DEFAULT_EPOCHS = 40
DEFAULT_PATIENCE = 8
CKPT_FORMAT = "genre-tagger-trainer-checkpoint"
CKPT_VERSION = 1
# settings a resumed run takes from the checkpoint (the rest may change between runs)
RESUMED_SETTINGS = ("arch", "width", "seed", "batch_size", "lr", "weight_decay", "patches_per_track",
                    "eval_patches", "mixup", "gain_db", "balance", "clip_seconds", "valid_fraction",
                    "test_fraction")
# settings a resumed run takes from the checkpoint unless given again on the command line
RESUMED_UNLESS_GIVEN = {"epochs": DEFAULT_EPOCHS, "patience": DEFAULT_PATIENCE}
ARCH_CHOICES = ("crnn", "cnn", "cnn-lstm", "head")


def say(msg: str) -> None:
    print(f"trainer fit: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- CLI
def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--arch", choices=ARCH_CHOICES, default="crnn",
                   help="network: crnn (Choi et al. 2017), cnn, cnn-lstm, or head (few-shot, trainer.head)")
    p.add_argument("--data", help="dataset: GTZAN-layout folder, folder per genre, CSV manifest "
                                  "(path,label[,split]) or tagger library database")
    p.add_argument("--out", help="model file to write (.onnx)")
    # None = not given: a resumed run then keeps the checkpoint's value
    p.add_argument("--epochs", type=int, default=None,
                   help=f"maximum epochs (default {DEFAULT_EPOCHS}; with --resume: the checkpoint's)")
    p.add_argument("--batch-size", type=int, default=32, help="patches per training batch (default 32)")
    p.add_argument("--lr", type=float, default=1e-3, help="AdamW learning rate (default 1e-3)")
    p.add_argument("--weight-decay", type=float, default=1e-4, help="AdamW weight decay (default 1e-4)")
    p.add_argument("--seed", type=int, default=0,
                   help="seed of the split, the sampling and the weights (default 0)")
    p.add_argument("--patience", type=int, default=None,
                   help=f"stop after this many epochs without a better validation score "
                        f"(default {DEFAULT_PATIENCE}; with --resume: the checkpoint's)")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                   help="processes for feature extraction (0 = in this process; default: CPUs, at most 4)")
    p.add_argument("--threads", type=int, default=None, help="PyTorch CPU threads (default: PyTorch's)")
    p.add_argument("--cache-dir", default=None,
                   help="feature cache folder (default: the user cache dir, trainer-features)")
    p.add_argument("--resume", metavar="CKPT", help="continue from a checkpoint written by an earlier run")
    p.add_argument("--checkpoint", metavar="PATH", help="where to write checkpoints (default: OUT.ckpt)")
    p.add_argument("--spec", default=None,
                   help="feature spec: a JSON file, a JSON object, 'musicnn', or key=value[,key=value] "
                        "overrides of the default (22.05 kHz, soxr_hq, n_fft 1024, hop 512, 128 mels, dB, 129 frames)")
    p.add_argument("--width", type=float, default=1.0,
                   help="channel-count multiplier (default 1.0 = paper size)")
    p.add_argument("--patches-per-track", type=int, default=4,
                   help="random patches per training track per epoch (default 4)")
    p.add_argument("--eval-patches", type=int, default=6,
                   help="patches per track when validating/testing (default 6)")
    p.add_argument("--mixup", type=float, default=0.2, help="mixup alpha (0 = off; default 0.2)")
    p.add_argument("--gain-db", type=float, default=6.0, help="random gain range +-dB (0 = off; default 6)")
    p.add_argument("--balance", choices=("sampler", "loss", "none"), default="sampler",
                   help="class balancing: weighted sampling of tracks, weighted loss, or none (default sampler)")
    p.add_argument("--clip-seconds", type=float, default=60.0,
                   help="use the middle N seconds of longer tracks (0 = whole tracks; default 60)")
    p.add_argument("--valid-fraction", type=float, default=DEFAULT_FRACTIONS[0],
                   help="share of tracks (or artists) held out for validation when the data has no split "
                        f"(default {DEFAULT_FRACTIONS[0]})")
    p.add_argument("--test-fraction", type=float, default=DEFAULT_FRACTIONS[1],
                   help="share of tracks (or artists) held out for the final test when the data has no split "
                        f"(default {DEFAULT_FRACTIONS[1]})")
    p.add_argument("--name", help="model name in the metadata (default: the output file's stem)")
    p.add_argument("--version", default="1.0.0", help="model version (default 1.0.0)")
    p.add_argument("--license", default="",
                   help="licence of the model you make (e.g. 'CC-BY-4.0', 'personal use only'); "
                        "mind the licence of the training audio")
    p.add_argument("--credit", default="", help="attribution stored in the model")
    p.add_argument("--description", default="", help="one line stored in the model")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bars")
    try:  # the few-shot head may add options of its own
        import trainer.head as head  # noqa: F401
    except ImportError:
        head = None
    if head is not None and hasattr(head, "add_arguments"):
        try:
            head.add_arguments(p.add_argument_group("--arch head"))
        except argparse.ArgumentError as exc:
            say(f"ignoring trainer.head options that clash with fit's: {exc}")


def run(args) -> int:
    if args.arch == "head":
        if args.out and Path(args.out).suffix.lower() == ".onnx":  # other --out mistakes: head says
            check_writable(Path(args.out).expanduser(), "model")
        return _run_head(args)
    result = train(args)
    return 0 if result else 1


def check_writable(path: Path, what: str) -> None:
    """Fail now, not after the slow feature extraction, if `path` cannot be written later."""
    if path.is_dir():
        raise IsADirectoryError(f"cannot write the {what} {path}: it is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):  # no write permission, read-only disk...
            pass
    except OSError as exc:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        why = f"{blocker} is a file, not a folder" if blocker else (exc.strerror or str(exc))
        raise type(exc)(f"cannot write the {what} {path}: {why}") from None


def _run_head(args) -> int:
    import importlib

    try:
        head = importlib.import_module("trainer.head")
    except ModuleNotFoundError as exc:
        if exc.name in ("trainer.head",):
            raise RuntimeError("--arch head needs the few-shot module trainer/head.py, which is not "
                               "part of this installation; use --arch crnn, cnn or cnn-lstm") from None
        raise
    if not hasattr(head, "fit_head"):
        raise RuntimeError("trainer.head has no fit_head(args): cannot train a head")
    return int(head.fit_head(args) or 0)


# ---------------------------------------------------------------------- feature spec
def parse_spec(value: str | None):
    from tagger.features import MUSICNN_SPEC, FeatureSpec

    if not value:
        return FeatureSpec.from_dict(dict(DEFAULT_SPEC))
    value = value.strip()
    if value == "musicnn":
        return MUSICNN_SPEC
    if value.startswith("{"):
        d = json.loads(value)
    elif Path(value).expanduser().is_file():
        d = json.loads(Path(value).expanduser().read_text())
        d = d.get("feature_spec", d)
    elif "=" in value:
        d = dict(DEFAULT_SPEC)
        for part in value.split(","):
            key, _, raw = part.partition("=")
            key, raw = key.strip(), raw.strip()
            if key not in d:
                raise ValueError(f"--spec: unknown field {key!r} (fields: {', '.join(d)})")
            try:
                d[key] = json.loads(raw)
            except json.JSONDecodeError:
                d[key] = raw
            if isinstance(DEFAULT_SPEC[key], float) and isinstance(d[key], int) and not isinstance(d[key], bool):
                d[key] = float(d[key])
        if "sample_rate" in value and "fmax" not in value:
            d["fmax"] = d["sample_rate"] / 2.0
        if "n_fft" in value and "win_length" not in value:
            d["win_length"] = d["n_fft"]
    else:
        raise ValueError(f"--spec {value!r}: give a JSON file, a JSON object, 'musicnn' or key=value pairs")
    return FeatureSpec.from_dict(d)


# ---------------------------------------------------------------------- augmentation
def apply_gain(x: np.ndarray, gain_db: np.ndarray, spec) -> np.ndarray:
    """Scale the audio by `gain_db` (per patch) in the log-mel domain of `spec`."""
    g = np.asarray(gain_db, np.float32).reshape(-1, 1, 1)
    if spec.log == "db":  # 10 log10(mel * 10^(g p / 20)) = x + g p / 2
        return x + g * np.float32(spec.power / 2.0)
    if spec.log == "log10_10000x_plus_1":
        factor = np.power(np.float32(10.0), g * np.float32(spec.power / 20.0))
        return np.log10(np.maximum(np.power(np.float32(10.0), x) - 1.0, 0.0) * factor + 1.0).astype(np.float32)
    return x


def eval_starts(n_frames: int, spec, n: int) -> list[int]:
    """Patch starts (frames) spread over the body of a track, like the app's analysis."""
    from tagger.analyze import plan_patch_starts
    from tagger.features import patch_seconds

    seconds_per_frame = spec.hop_length / spec.sample_rate
    duration = n_frames * seconds_per_frame
    starts = plan_patch_starts(duration, patch_seconds(spec), n)
    last = max(0, n_frames - spec.patch_frames)
    return [min(last, int(round(s / seconds_per_frame))) for s in starts]


# ---------------------------------------------------------------------- metrics
def track_metrics(probs: np.ndarray, y: np.ndarray, labels: list[str]) -> dict:
    """Track-level figures from pooled probabilities [n, classes] and true indices [n]."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    pred = probs.argmax(1)
    k = min(3, probs.shape[1])
    topk = np.argsort(-probs, axis=1)[:, :k]
    present = sorted(set(y.tolist()))
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=list(range(len(labels))), zero_division=0)
    eps = 1e-7
    return {
        "tracks": int(len(y)),
        "accuracy": float((pred == y).mean()),
        "top3_accuracy": float((topk == y[:, None]).any(1).mean()),
        "macro_f1": float(f1_score(y, pred, labels=present, average="macro", zero_division=0)),
        "loss": float(-np.log(np.clip(probs[np.arange(len(y)), y], eps, 1.0)).mean()),
        "per_class": {labels[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                                  "support": int(s[i])} for i in range(len(labels))},
    }


# ---------------------------------------------------------------------- training
class Trainer:
    def __init__(self, args, spec, labels, train_tracks, valid_tracks, mels):
        import torch

        from trainer.archs import build

        self.args, self.spec, self.labels = args, spec, labels
        self.torch = torch
        self.index = {c: i for i, c in enumerate(labels)}
        self.train_mels = [mels[t.path] for t in train_tracks]
        self.train_y = np.array([self.index[t.label] for t in train_tracks], np.int64)
        self.train_len = np.array([m.shape[0] for m in self.train_mels], np.int64)
        counts = np.bincount(self.train_y, minlength=len(labels)).astype(np.float64)
        self.class_weights = counts.sum() / (len(labels) * np.maximum(counts, 1))
        self.valid = self._fixed_patches(valid_tracks, mels)
        torch.manual_seed(args.seed)
        self.net = build(args.arch, spec.n_mels, len(labels), args.width)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
        self.sched = torch.optim.lr_scheduler.ReduceLROnPlateau(
            self.opt, mode="min", factor=0.5, patience=max(1, args.patience // 3))
        self.epoch = 0
        self.best = {"accuracy": -1.0, "loss": math.inf, "epoch": 0}
        self.best_state = None
        self.bad_epochs = 0
        self.history: list[dict] = []
        self.stopped_early = False

    def _fixed_patches(self, tracks, mels):
        from tagger.features import patches

        xs, owner = [], []
        for i, t in enumerate(tracks):
            m = mels[t.path]
            starts = eval_starts(m.shape[0], self.spec, self.args.eval_patches)
            xs.append(patches(m, self.spec, starts))
            owner.extend([i] * len(starts))
        y = np.array([self.index[t.label] for t in tracks], np.int64)
        x = np.concatenate(xs) if xs else np.zeros((0, self.spec.patch_frames, self.spec.n_mels), np.float32)
        return x, np.array(owner, np.int64), y

    # --- one epoch
    def epoch_items(self, epoch: int):
        a = self.args
        rng = np.random.default_rng([a.seed, epoch, 1])
        n_tracks = len(self.train_y)
        n = n_tracks * a.patches_per_track
        if a.balance == "sampler":
            w = self.class_weights[self.train_y]
            idx = rng.choice(n_tracks, size=n, replace=True, p=w / w.sum())
        else:
            idx = rng.permutation(np.repeat(np.arange(n_tracks), a.patches_per_track))
        room = self.train_len[idx] - self.spec.patch_frames + 1
        starts = np.floor(rng.random(n) * np.maximum(room, 1)).astype(np.int64)
        gains = rng.uniform(-a.gain_db, a.gain_db, n) if a.gain_db > 0 else np.zeros(n)
        return idx, starts, gains

    def batch(self, idx, starts, gains):
        pf = self.spec.patch_frames
        x = np.stack([np.asarray(self.train_mels[i][s:s + pf], np.float32) for i, s in zip(idx, starts)])
        if x.shape[1] < pf:  # (cannot happen: features are padded to a patch)
            x = np.pad(x, ((0, 0), (0, pf - x.shape[1]), (0, 0)), constant_values=x.min())
        return apply_gain(x, gains, self.spec), self.train_y[idx]

    def train_epoch(self, epoch: int) -> float:
        import torch.nn.functional as F
        from tqdm import tqdm

        torch, a = self.torch, self.args
        torch.manual_seed(a.seed * 100003 + epoch)  # dropout stream: same on resume
        mix_rng = np.random.default_rng([a.seed, epoch, 2])
        idx, starts, gains = self.epoch_items(epoch)
        weight = torch.tensor(self.class_weights, dtype=torch.float32) if a.balance == "loss" else None
        self.net.train()
        total, seen = 0.0, 0
        n_batches = math.ceil(len(idx) / a.batch_size)
        bar = tqdm(range(n_batches), desc=f"epoch {epoch}/{a.epochs}", unit="batch", leave=False,
                   disable=not a.progress, file=sys.stderr)
        for b in bar:
            sl = slice(b * a.batch_size, (b + 1) * a.batch_size)
            xb, yb = self.batch(idx[sl], starts[sl], gains[sl])
            x = torch.from_numpy(xb)
            y = torch.from_numpy(yb)
            if a.mixup > 0 and len(yb) > 1:
                lam = float(mix_rng.beta(a.mixup, a.mixup))
                lam = max(lam, 1.0 - lam)
                perm = torch.from_numpy(mix_rng.permutation(len(yb)))
                x = lam * x + (1.0 - lam) * x[perm]
                logits = self.net(x)
                loss = lam * F.cross_entropy(logits, y, weight=weight) + \
                    (1.0 - lam) * F.cross_entropy(logits, y[perm], weight=weight)
            else:
                loss = F.cross_entropy(self.net(x), y, weight=weight)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            total += float(loss.detach()) * len(yb)
            seen += len(yb)
            bar.set_postfix(loss=f"{total / seen:.3f}")
        bar.close()
        return total / max(1, seen)

    def predict_tracks(self, fixed) -> np.ndarray:
        torch = self.torch
        x, owner, y = fixed
        self.net.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(x), 64):
                out.append(torch.softmax(self.net(torch.from_numpy(x[i:i + 64])), dim=-1).numpy())
        probs = np.concatenate(out) if out else np.zeros((0, len(self.labels)), np.float32)
        pooled = np.zeros((len(y), len(self.labels)), np.float64)
        np.add.at(pooled, owner, probs)
        pooled /= np.maximum(np.bincount(owner, minlength=len(y)), 1)[:, None]
        return pooled

    def validate(self) -> dict:
        return track_metrics(self.predict_tracks(self.valid), self.valid[2], self.labels)

    def step(self, epoch: int) -> dict:
        started = time.perf_counter()
        train_loss = self.train_epoch(epoch)
        m = self.validate()
        self.sched.step(m["loss"])
        better = m["accuracy"] > self.best["accuracy"] + 1e-9 or (
            abs(m["accuracy"] - self.best["accuracy"]) <= 1e-9 and m["loss"] < self.best["loss"] - 1e-4)
        if better:
            self.best = {"accuracy": m["accuracy"], "loss": m["loss"], "epoch": epoch}
            self.best_state = {k: v.detach().clone() for k, v in self.net.state_dict().items()}
            self.bad_epochs = 0
        else:
            self.bad_epochs += 1
        self.epoch = epoch
        row = {"epoch": epoch, "train_loss": round(train_loss, 5), "valid_loss": round(m["loss"], 5),
               "valid_accuracy": round(m["accuracy"], 5), "lr": self.opt.param_groups[0]["lr"],
               "seconds": round(time.perf_counter() - started, 2), "best": bool(better)}
        self.history.append(row)
        return row

    # --- checkpoints
    def state(self, config: dict, splits: dict) -> dict:
        return {
            "format": CKPT_FORMAT, "version": CKPT_VERSION, "epoch": self.epoch,
            "model": self.net.state_dict(), "optimizer": self.opt.state_dict(),
            "scheduler": self.sched.state_dict(), "best": dict(self.best),
            "best_state": self.best_state, "bad_epochs": self.bad_epochs,
            "stopped_early": self.stopped_early, "history": list(self.history),
            "config": config, "splits": splits,
        }

    def load(self, ck: dict) -> None:
        self.net.load_state_dict(ck["model"])
        self.opt.load_state_dict(ck["optimizer"])
        self.sched.load_state_dict(ck["scheduler"])
        self.epoch = int(ck["epoch"])
        self.best = dict(ck["best"])
        self.best_state = ck["best_state"]
        self.bad_epochs = int(ck["bad_epochs"])
        self.stopped_early = bool(ck.get("stopped_early", False))
        self.history = list(ck["history"])


def save_checkpoint(state: dict, path: Path) -> None:
    import torch

    tmp = path.with_name(f".{path.name}.tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path: str | Path) -> dict:
    import torch

    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such checkpoint")
    try:
        with warnings.catch_warnings():  # torch warns about pickle protocols of foreign files
            warnings.simplefilter("ignore")
            ck = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - torch raises several kinds
        raise ValueError(f"{path}: not a trainer checkpoint or damaged ({_load_failure(exc)})") from None
    if not isinstance(ck, dict) or ck.get("format") != CKPT_FORMAT:
        raise ValueError(f"{path}: not a checkpoint written by `trainer fit`")
    if ck.get("version") != CKPT_VERSION:
        raise ValueError(f"{path}: checkpoint version {ck.get('version')} is not supported")
    return ck


def _load_failure(exc: Exception) -> str:
    """torch's reason in a few words, without its advice to load with weights_only=False
    (which would run whatever code the file holds)."""
    text = str(exc).split("WeightsUnpickler error:", 1)[-1]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.split(". ")[0].rstrip(".")
    if not first or "weights_only" in first:
        first = {"EOFError": "the file ends too early"}.get(type(exc).__name__, type(exc).__name__)
    return first


def resume_settings(args, ck: dict) -> None:
    """Take the run's settings from the checkpoint (--epochs/--patience only when not given)."""
    cfg = ck["config"]
    for key in RESUMED_SETTINGS:
        if key in cfg:
            setattr(args, key, cfg[key])
    for key in RESUMED_UNLESS_GIVEN:
        if getattr(args, key, None) is None and key in cfg:
            setattr(args, key, cfg[key])
    args.data = args.data or cfg.get("data")
    args.out = args.out or cfg.get("out")
    args.cache_dir = args.cache_dir or cfg.get("cache_dir")


# ---------------------------------------------------------------------- main
def train(args):
    """Run `trainer fit` for a conv/recurrent architecture. Returns a summary dict."""
    import torch

    from trainer.datasets import DatasetError, drop_tracks, load_dataset
    from trainer.export import export_model
    from trainer.featcache import FeatureCache, default_cache_dir, features_for

    started = time.perf_counter()
    ck = None
    if args.resume:
        ck = load_checkpoint(args.resume)
        resume_settings(args, ck)
    for key, default in RESUMED_UNLESS_GIVEN.items():  # neither given nor resumed
        if getattr(args, key, None) is None:
            setattr(args, key, default)
    if ck:
        say(f"resuming {args.resume} after epoch {ck['epoch']} (settings from the checkpoint: "
            f"{args.arch}, seed {args.seed}; up to {args.epochs} epochs, patience {args.patience})")
    if not args.data:
        raise ValueError("--data is required (a dataset folder, CSV manifest or library database)")
    if not args.out:
        raise ValueError("--out is required (the .onnx model file to write)")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".onnx":
        raise ValueError(f"--out {out}: the model file name must end in .onnx")
    if args.epochs < 1 or args.batch_size < 1 or args.patches_per_track < 1 or args.eval_patches < 1:
        raise ValueError("--epochs, --batch-size, --patches-per-track and --eval-patches must be >= 1")
    ckpt_path = Path(args.checkpoint).expanduser() if args.checkpoint else out.with_name(out.name + ".ckpt")
    check_writable(out, "model")
    check_writable(ckpt_path, "checkpoint")
    if args.threads:
        torch.set_num_threads(args.threads)
    from tagger.features import FeatureSpec

    spec = FeatureSpec.from_dict(ck["config"]["feature_spec"]) if ck else parse_spec(args.spec)
    min_frames = 32 if args.arch == "cnn" else 16
    if spec.patch_frames < min_frames:
        raise ValueError(f"patch_frames {spec.patch_frames} is too short for {args.arch} (at least {min_frames})")

    ds = load_dataset(args.data, seed=args.seed, valid_fraction=args.valid_fraction,
                      test_fraction=args.test_fraction, for_training=True)
    if ck:
        saved = ck["splits"]
        before = len(ds.tracks)
        ds.tracks = [t for t in ds.tracks if t.path in saved]
        for t in ds.tracks:
            t.split = saved[t.path]
        if len(ds.tracks) < before:
            ds.note(f"{before - len(ds.tracks)} track(s) not in the checkpoint's split are ignored")
        if len(ds.tracks) < len(saved):
            ds.note(f"{len(saved) - len(ds.tracks)} track(s) of the checkpoint's split are gone")
    for line in ds.notes:
        say(line)

    cache_dir = Path(args.cache_dir).expanduser() if args.cache_dir else default_cache_dir()
    cache = FeatureCache(cache_dir, spec, args.clip_seconds or None)
    t0 = time.perf_counter()
    mels, failed = features_for([t.path for t in ds.tracks], cache, workers=args.workers,
                                progress=args.progress)
    feature_seconds = time.perf_counter() - t0
    if failed:
        listing = "\n  ".join(f"{p}: {why}" for p, why in list(failed.items())[:20])
        more = f"\n  ... and {len(failed) - 20} more" if len(failed) > 20 else ""
        say(f"warning: skipping {len(failed)} unreadable file(s):\n  {listing}{more}")
        if len(failed) == len(ds.tracks):
            raise DatasetError(f"{ds.source}: none of the {len(failed)} audio files could be read")
        drop_tracks(ds, set(failed), for_training=True)

    labels = list(ck["config"]["labels"]) if ck else ds.labels
    unknown = sorted({t.label for t in ds.tracks} - set(labels))
    if unknown:
        raise DatasetError(f"classes {unknown} are not in the checkpoint's labels {labels}")
    train_t, valid_t, test_t = ds.split("train"), ds.split("valid"), ds.split("test")
    say(ds.describe() + f"; features in {feature_seconds:.1f} s (cache {cache.dir})")

    tr = Trainer(args, spec, labels, train_t, valid_t, mels)
    from trainer.archs import n_parameters

    config = {
        "arch": args.arch, "width": args.width, "seed": args.seed, "batch_size": args.batch_size,
        "lr": args.lr, "weight_decay": args.weight_decay, "patches_per_track": args.patches_per_track,
        "eval_patches": args.eval_patches, "mixup": args.mixup, "gain_db": args.gain_db,
        "balance": args.balance, "clip_seconds": args.clip_seconds, "valid_fraction": args.valid_fraction,
        "test_fraction": args.test_fraction, "epochs": args.epochs, "patience": args.patience,
        "labels": labels, "feature_spec": spec.to_dict(),
        "data": str(Path(args.data).expanduser().resolve()), "out": str(out.resolve()),
        "cache_dir": str(cache_dir),
    }
    splits = {t.path: t.split for t in ds.tracks}
    ckpt_path.parent.mkdir(parents=True, exist_ok=True)  # (checked above; again in case it went since)
    out.parent.mkdir(parents=True, exist_ok=True)
    if ck:
        tr.load(ck)
    say(f"{args.arch}: {n_parameters(tr.net):,} parameters; {len(train_t)} train tracks x "
        f"{args.patches_per_track} patches per epoch; checkpoints -> {ckpt_path}")

    train_started = time.perf_counter()
    epoch = tr.epoch
    while epoch < args.epochs and not tr.stopped_early:
        epoch += 1
        try:
            row = tr.step(epoch)
        except KeyboardInterrupt:
            if tr.epoch:
                say(f"interrupted in epoch {epoch}: continue with `trainer fit --resume {ckpt_path}`")
            raise
        say(f"epoch {epoch}: train loss {row['train_loss']:.3f}, valid loss {row['valid_loss']:.3f}, "
            f"valid accuracy {row['valid_accuracy']:.3f}{' (best)' if row['best'] else ''} [{row['seconds']:.1f} s]")
        if tr.bad_epochs >= args.patience:
            tr.stopped_early = True
            say(f"early stop: no better validation score for {args.patience} epochs "
                f"(best: epoch {tr.best['epoch']})")
        save_checkpoint(tr.state(config, splits), ckpt_path)
    train_seconds = time.perf_counter() - train_started

    if tr.best_state is not None:
        tr.net.load_state_dict(tr.best_state)
    eval_split, eval_tracks = ("test", test_t) if test_t else ("valid", valid_t)
    if not test_t:
        say("no test tracks: the model's evaluation figures are measured on the validation split")
    fixed = tr._fixed_patches(eval_tracks, mels)
    metrics = track_metrics(tr.predict_tracks(fixed), fixed[2], labels)
    evaluation = {
        "dataset": Path(ds.source).name, "dataset_kind": ds.kind, "split": eval_split,
        "split_origin": ds.split_origin, "tracks": metrics["tracks"],
        "accuracy": round(metrics["accuracy"], 4), "top3_accuracy": round(metrics["top3_accuracy"], 4),
        "macro_f1": round(metrics["macro_f1"], 4), "patches_per_track": args.eval_patches,
        "pooling": "mean", "best_epoch": tr.best["epoch"],
        # lets `trainer evaluate` find the held-out tracks again
        "training_split": {"seed": args.seed, "valid_fraction": args.valid_fraction,
                           "test_fraction": args.test_fraction, "origin": ds.split_origin,
                           "data_id": ds.source_id},
    }
    name = args.name or out.stem
    description = args.description or (
        f"{args.arch} genre classifier ({len(labels)} classes) trained on {Path(ds.source).name}")
    info, diff = export_model(tr.net, out, labels=labels, spec=spec, name=name, version=args.version,
                              license=args.license or "unspecified", credit=args.credit,
                              description=description, evaluation=evaluation,
                              check_inputs=fixed[0][:8])
    summary = {
        "model": str(out), "labels": labels, "evaluation": evaluation, "per_class": metrics["per_class"],
        "history": tr.history, "parity_max_abs_diff": diff, "parameters": n_parameters(tr.net),
        "train_seconds": round(train_seconds, 1), "feature_seconds": round(feature_seconds, 1),
        "total_seconds": round(time.perf_counter() - started, 1), "notes": ds.notes,
        "splits": dict(Counter(t.split for t in ds.tracks)), "checkpoint": str(ckpt_path),
        "skipped_files": failed, "config": config,
    }
    write_model_card(out, info, summary)
    say(f"{eval_split} split ({metrics['tracks']} tracks): accuracy {metrics['accuracy']:.3f}, "
        f"top-3 {metrics['top3_accuracy']:.3f}, macro-F1 {metrics['macro_f1']:.3f}")
    say(f"wrote {out} (onnxruntime vs PyTorch max difference {diff:.1e}) and {out.with_suffix('.md')}")
    return summary


# ---------------------------------------------------------------------- model card
EVAL_START = "<!-- evaluation:start -->"
EVAL_END = "<!-- evaluation:end -->"


def evaluation_markdown(evaluation: dict) -> str:
    rows = "\n".join(f"| {k} | {_cell(v)} |" for k, v in evaluation.items())
    return f"{EVAL_START}\n## Evaluation\n\n| figure | value |\n|---|---|\n{rows}\n{EVAL_END}"


def _cell(value) -> str:
    return f"`{json.dumps(value)}`" if isinstance(value, (dict, list)) else str(value)


def write_model_card(out: Path, info, summary: dict) -> Path:
    cfg = summary["config"]
    card = out.with_suffix(".md")
    hist = "\n".join(
        f"| {h['epoch']} | {h['train_loss']:.3f} | {h['valid_loss']:.3f} | {h['valid_accuracy']:.3f} |"
        f"{' best' if h['best'] else ''} |" for h in summary["history"])
    per_class = "\n".join(
        f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        for c, v in summary["per_class"].items())
    notes = "\n".join(f"- {n}" for n in summary["notes"]) or "- (none)"
    text = f"""# {info.name} {info.version}

{info.description}

- Labels ({len(info.labels)}, kind `genre`, softmax, mean-pooled over patches): {', '.join(info.labels)}
- Architecture: `{cfg['arch']}` (width {cfg['width']}), {summary['parameters']:,} parameters
- Input: `{info.input_name}` float32 [batch, {info.feature_spec['patch_frames']} frames, {info.feature_spec['n_mels']} mels];
  output `{info.output_name}` [batch, {len(info.labels)}]
- Feature spec: `{json.dumps(info.feature_spec, sort_keys=True)}`
- Licence: {info.license}{f'; credit: {info.credit}' if info.credit else ''}
- Made by `trainer fit` (seed {cfg['seed']}, batch {cfg['batch_size']}, lr {cfg['lr']}, mixup {cfg['mixup']},
  gain +-{cfg['gain_db']} dB, balance {cfg['balance']}, {cfg['patches_per_track']} patches/track/epoch);
  training {summary['train_seconds']} s, features {summary['feature_seconds']} s.
- onnxruntime vs PyTorch: max |difference| {summary['parity_max_abs_diff']:.1e}

## Data

`{cfg['data']}`: split {summary['splits']}

{notes}

{evaluation_markdown(info.evaluation)}

| class | precision | recall | F1 | tracks |
|---|---|---|---|---|
{per_class}

## Training history

| epoch | train loss | valid loss | valid accuracy | |
|---|---|---|---|---|
{hist}
"""
    card.write_text(text)
    return card
