"""`trainer compare`: train several model families on the same data and split, measure
each the way the app runs it, and write one Markdown table.

Every family is trained by `trainer fit` with the same `--seed` and split fractions, so
the held-out test tracks are the same for all (the GTZAN fault-filtered test list on
GTZAN, the CSV's test rows, else the test part of the seeded split); each model file is
then scored on those tracks by `trainer evaluate` (the app's analysis code), and timed
by `tagger.analyze.analyze_file` on up to `--time-tracks` of them, one onnxruntime
thread, after a warm-up file. A family that fails is listed with its reason.

This module is loaded by `trainer --help`: it imports nothing slow at the top.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tagger.personal import SUFFIX as PERSONAL_SUFFIX
from trainer import archs
from trainer.datasets import DEFAULT_FRACTIONS
from trainer.metrics import SMALL_SET, small_set_interval
from trainer.settings import add_progress_option, check_options

DEFAULT_ARCHS = "crnn,cnn,cnn-lstm,vgg-transfer,mlp,head"


def say(msg: str) -> None:
    print(f"trainer compare: {msg}", file=sys.stderr, flush=True)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", required=True, help="labelled audio (any `trainer fit --data` but a feature table)")
    p.add_argument("--archs", default=DEFAULT_ARCHS, help=f"comma-separated families (default {DEFAULT_ARCHS})")
    p.add_argument("--out-dir", default="compare", help="models, reports and compare.md go here (default ./compare)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split and the training (default 0)")
    p.add_argument("--epochs", type=int, default=None, help="maximum epochs of the trained networks (default: fit's)")
    p.add_argument("--width", type=float, default=1.0, help="channel multiplier of crnn, cnn, cnn-lstm (default 1)")
    p.add_argument(
        "--spec", default=None, help="feature spec of the families that take one (not vgg-transfer, mlp, head)"
    )
    p.add_argument("--valid-fraction", type=float, default=DEFAULT_FRACTIONS[0])
    p.add_argument("--test-fraction", type=float, default=DEFAULT_FRACTIONS[1])
    p.add_argument("--time-tracks", type=int, default=8, help="test tracks timed per model (default 8)")
    p.add_argument("--workers", type=int, default=0, help="feature extraction processes (default 0: in this process)")
    p.add_argument("--threads", type=int, default=None, help="PyTorch CPU threads while training")
    p.add_argument("--cache-dir", default=None, help="feature cache folder (default: fit's)")
    p.add_argument(
        "--fit-args", default="", help="more `trainer fit` options for every family, as one string (e.g. '--lr 3e-3')"
    )
    add_progress_option(p)


def fit_argv(arch: str, args, out: Path) -> list[str]:
    argv = ["--arch", arch, "--data", str(args.data), "--out", str(out), "--seed", str(args.seed)]
    argv += ["--valid-fraction", str(args.valid_fraction), "--test-fraction", str(args.test_fraction)]
    argv += ["--workers", str(args.workers), "--width", str(args.width)]
    family = archs.get(arch)
    if args.spec and family.network and not family.spec:  # the others have a spec of their own
        argv += ["--spec", args.spec]
    if args.epochs:
        argv += ["--epochs", str(args.epochs)]
    if args.threads:
        argv += ["--threads", str(args.threads)]
    if args.cache_dir:
        argv += ["--cache-dir", str(args.cache_dir)]
    if not args.progress:
        argv.append("--no-progress")
    return argv + args.fit_args.split()


def time_per_track(model_path: Path, tracks: list[str]) -> float | None:
    """Mean seconds of the app's analysis of one file (one thread), after a warm-up."""
    from tagger.analyze import DEFAULT_PATCHES, analyze_file
    from tagger.model import Model

    if not tracks:
        return None
    model = Model(model_path, device="cpu", threads=1)
    analyze_file(tracks[0], None, DEFAULT_PATCHES, model=model)  # warm-up: first-call costs
    seconds = [analyze_file(p, None, DEFAULT_PATCHES, model=model)["seconds"] for p in tracks]
    return sum(seconds) / len(seconds)


def compare(args) -> list[dict]:
    from trainer import evaluate as evaluate_mod
    from trainer import fit
    from trainer.datasets import is_feature_table, load_dataset

    names = [a.strip() for a in args.archs.split(",") if a.strip()]
    for name in names:
        archs.get(name)  # unknown names: an error before any training
    if is_feature_table(args.data):
        raise ValueError(f"{args.data} is a feature table: only --arch mlp trains on it; compare needs audio")
    out_dir = Path(args.out_dir).expanduser()
    out_dir.mkdir(parents=True, exist_ok=True)
    ds = load_dataset(args.data, seed=args.seed, valid_fraction=args.valid_fraction, test_fraction=args.test_fraction)
    timed = [t.path for t in ds.split("test")][: args.time_tracks]
    # what the split could not keep apart, said beside the table (a by-track split of a
    # class with few artists puts clips of one recording on both sides)
    args.split_caveats = [n for n in ds.notes if "optimistic" in n or "no test tracks" in n]
    parser = argparse.ArgumentParser(prog="trainer fit")
    fit.add_arguments(parser)
    runs = {name: parser.parse_args(fit_argv(name, args, _model_file(out_dir, name))) for name in names}
    for name in names:  # every family's options checked before any training
        check_options(runs[name])
    rows = []
    for name in names:
        model = _model_file(out_dir, name)
        row: dict = {"arch": name, "model": str(model)}
        say(f"{name}: training")
        started = time.perf_counter()
        try:
            if name == "head":  # a personal model: trainer evaluate reads .onnx files only
                row.update(_head_row(runs[name], model, timed))
                row["train_seconds"] = round(time.perf_counter() - started, 1)
                rows.append(row)
                continue
            if fit.run(runs[name]) != 0:
                raise RuntimeError("trainer fit failed (see above)")
            row["train_seconds"] = round(time.perf_counter() - started, 1)
            report = evaluate_mod.evaluate(
                model, args.data, report_dir=out_dir / f"{name}-report", split="test", seed=args.seed, progress=False
            )
            row.update(
                tracks=report["tracks"],
                accuracy=report["accuracy"],
                macro_f1=report["macro_f1"],
                size_mb=round(model.stat().st_size / 1e6, 2),
                seconds_per_track=time_per_track(model, timed),
            )
        except (ValueError, RuntimeError, OSError) as exc:
            row["error"] = str(exc)
            say(f"{name}: failed: {exc}")
        rows.append(row)
    return rows


def _model_file(out_dir: Path, name: str) -> Path:
    return out_dir / (f"{name}{PERSONAL_SUFFIX}" if name == "head" else f"{name}.onnx")


def _head_row(fit_args, model: Path, timed: list[str]) -> dict:
    """A personal model's row: trained, and scored on the same held-out test tracks, by
    `trainer fit --arch head` itself (the best of its genres, as the app ranks them; no
    macro-F1: it is not a closed-set classifier); its time per track is its backbone's
    analysis (the personal model adds well under a millisecond)."""
    from tagger.model import default_model_path
    from trainer import head

    summary = head.train(fit_args)
    figures = summary["evaluation"]
    if not figures.get("tracks"):
        raise RuntimeError("no held-out test tracks to score the personal model on")
    backbone = Path(getattr(fit_args, "backbone", None) or default_model_path())
    return {
        "tracks": figures["tracks"],
        "accuracy": figures["accuracy"],
        "macro_f1": None,
        "size_mb": round(model.stat().st_size / 1e6, 2),
        "seconds_per_track": time_per_track(backbone, timed),
    }


def markdown(rows: list[dict], args) -> str:
    lines = [
        f"Data: `{Path(args.data).name}`, seed {args.seed}; every family scored on the same held-out "
        "test tracks by the app's analysis code (`trainer evaluate --split test`); time per track: "
        "`tagger.analyze.analyze_file`, one onnxruntime thread, mean over "
        f"{args.time_tracks} test tracks at most.",
        "",
        "| arch | test tracks | accuracy | macro-F1 | model size | time per track in the app | training time |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| `{r['arch']}` | failed: {r['error']} | | | | | |")
            continue
        spt = f"{r['seconds_per_track']:.2f} s" if r.get("seconds_per_track") is not None else "-"
        f1 = f"{r['macro_f1']:.3f}" if r.get("macro_f1") is not None else "-"
        interval = small_set_interval(r["accuracy"], r["tracks"])
        accuracy = f"{r['accuracy']:.3f}" + (f" ({interval})" if interval else "")
        lines.append(
            f"| `{r['arch']}` | {r['tracks']} | {accuracy} | {f1} | "
            f"{r['size_mb']:.2f} MB | {spt} | {r['train_seconds']:.0f} s |"
        )
    if any("error" not in r and small_set_interval(r["accuracy"], r["tracks"]) for r in rows):
        lines += [
            "",
            f"In brackets: the accuracy's 95 % interval (Wilson), given for fewer than {SMALL_SET} test tracks: "
            "on a set this small, families whose intervals overlap are not told apart by this run.",
        ]
    caveats = getattr(args, "split_caveats", None) or []
    if caveats:
        lines += ["", "The split: " + "; ".join(caveats) + ". Figures of every family share this caveat."]
    if any(r["arch"] == "head" and "error" not in r for r in rows):
        lines += [
            "",
            "`head` (the app's personal model, a `.personal.npz`) is scored by `trainer fit --arch head` on the "
            "same held-out tracks: the best of its genres, as the app ranks them; no macro-F1, as it is not a "
            "closed-set classifier; its time per track is its backbone model's analysis.",
        ]
    return "\n".join(lines) + "\n"


def run(args) -> int:
    rows = compare(args)
    out_dir = Path(args.out_dir).expanduser()
    (out_dir / "compare.json").write_text(json.dumps(rows, indent=1))
    table = markdown(rows, args)
    (out_dir / "compare.md").write_text(table)
    print(table)
    say(f"wrote {out_dir / 'compare.md'} and {out_dir / 'compare.json'}")
    return 1 if all("error" in r for r in rows) else 0
