"""`trainer fit`: train a genre classifier and export it as a model file. The command line:
its options, and the hand-over to the run (trainer.pipeline for the networks of
trainer.networks; the module an architecture names as its runner, e.g. trainer.mlp;
trainer.head for the few-shot `--arch head`).

This module is loaded by `trainer --help`, so it imports nothing slow (no torch).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from trainer import archs
from trainer.datasets import DEFAULT_FRACTIONS
from trainer.settings import DEFAULT_EPOCHS, DEFAULT_PATIENCE, add_progress_option, check_options, check_writable

os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before anything imports onnxruntime


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--arch", choices=archs.NAMES, default=archs.DEFAULT_ARCH, help=f"network: {archs.help_text()}")
    p.add_argument(
        "--data",
        help="dataset: GTZAN-layout folder, folder per genre, CSV manifest "
        "(path,label[,split]), tagger library database, or (--arch mlp) the GTZAN feature table",
    )
    p.add_argument("--out", help="model file to write (.onnx; with --arch head: NAME.personal.npz)")
    # None = not given: a resumed run then keeps the checkpoint's value
    p.add_argument(
        "--epochs",
        type=int,
        default=None,
        help=f"maximum epochs (default {DEFAULT_EPOCHS}; with --resume: the checkpoint's)",
    )
    p.add_argument("--batch-size", type=int, default=32, help="patches per training batch (default 32)")
    p.add_argument("--lr", type=float, default=1e-3, help="AdamW learning rate (default 1e-3)")
    p.add_argument("--weight-decay", type=float, default=1e-4, help="AdamW weight decay (default 1e-4)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split, the sampling and the weights (default 0)")
    p.add_argument(
        "--patience",
        type=int,
        default=None,
        help=f"stop after this many epochs without a better validation score "
        f"(default {DEFAULT_PATIENCE}; with --resume: the checkpoint's)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="processes for feature extraction (0 = in this process; default: CPUs, at most 4)",
    )
    p.add_argument("--threads", type=int, default=None, help="PyTorch CPU threads (default: PyTorch's)")
    p.add_argument(
        "--cache-dir", default=None, help="feature cache folder (default: the user cache dir, trainer-features)"
    )
    p.add_argument("--resume", metavar="CKPT", help="continue from a checkpoint written by an earlier run")
    p.add_argument("--checkpoint", metavar="PATH", help="where to write checkpoints (default: OUT.ckpt)")
    p.add_argument(
        "--spec",
        default=None,
        help="feature spec: a JSON file, a JSON object, 'musicnn', or key=value[,key=value] "
        "overrides of the default (22.05 kHz, soxr_hq, n_fft 1024, hop 512, 128 mels, dB, 129 frames)",
    )
    p.add_argument("--width", type=float, default=1.0, help="channel-count multiplier (default 1.0 = paper size)")
    p.add_argument(
        "--patches-per-track", type=int, default=4, help="random patches per training track per epoch (default 4)"
    )
    p.add_argument("--eval-patches", type=int, default=6, help="patches per track when validating/testing (default 6)")
    p.add_argument("--mixup", type=float, default=0.2, help="mixup alpha (0 = off; default 0.2)")
    p.add_argument("--gain-db", type=float, default=6.0, help="random gain range +-dB (0 = off; default 6)")
    p.add_argument(
        "--balance",
        choices=("sampler", "loss", "none"),
        default="sampler",
        help="class balancing: weighted sampling of tracks, weighted loss, or none (default sampler)",
    )
    p.add_argument(
        "--clip-seconds",
        type=float,
        default=60.0,
        help="use the middle N seconds of longer tracks (0 = whole tracks; default 60)",
    )
    p.add_argument(
        "--valid-fraction",
        type=float,
        default=DEFAULT_FRACTIONS[0],
        help="share of tracks (or artists) held out for validation when the data has no split "
        f"(default {DEFAULT_FRACTIONS[0]})",
    )
    p.add_argument(
        "--test-fraction",
        type=float,
        default=DEFAULT_FRACTIONS[1],
        help="share of tracks (or artists) held out for the final test when the data has no split "
        f"(default {DEFAULT_FRACTIONS[1]})",
    )
    p.add_argument("--name", help="model name in the metadata (default: the output file's stem)")
    p.add_argument("--version", default="1.0.0", help="model version (default 1.0.0)")
    p.add_argument(
        "--license",
        default="",
        help="licence of the model you make (e.g. 'CC-BY-4.0', 'personal use only'); "
        "mind the licence of the training audio",
    )
    p.add_argument("--credit", default="", help="attribution stored in the model")
    p.add_argument("--description", default="", help="one line stored in the model")
    add_progress_option(p)
    try:  # the few-shot head may add options of its own
        head = _head_module()
    except ImportError:  # a head that cannot be loaded must not break `trainer fit --help`
        head = None
    crnn = p.add_argument_group("--arch crnn")
    crnn.add_argument(
        "--tabular",
        metavar="COLUMNS",
        default=None,
        help="fuse track data into the crnn: comma-separated columns the app computes for any file "
        "(duration, sample_rate, channels, bitrate, tempo, loudness) or extra columns of a CSV manifest "
        "(training only: a model using those is not exported)",
    )
    vgg = p.add_argument_group("--arch vgg-transfer")
    vgg.add_argument(
        "--train-blocks",
        type=int,
        default=2,
        metavar="N",
        help="the last N of the pretrained VGG's 5 conv blocks learn too (0 = frozen backbone; default 2)",
    )
    mlp = p.add_argument_group("--arch mlp")
    mlp.add_argument(
        "--kfold",
        type=int,
        default=0,
        metavar="K",
        help="also cross-validate the recipe over K folds of the non-test tracks (random folds: "
        "on GTZAN they leak artists, and a warning says so)",
    )
    if head is not None and hasattr(head, "add_arguments"):
        try:
            head.add_arguments(p.add_argument_group("--arch head"))
        except argparse.ArgumentError as exc:
            print(
                f"trainer fit: ignoring trainer.head options that clash with fit's: {exc}", file=sys.stderr, flush=True
            )


def run(args) -> int:
    check_options(args)  # nonsense values: one line now, not an odd model later
    if getattr(args, "tabular", None) and args.arch != "crnn":  # (before importing torch)
        from trainer.tabular_fusion import check_arch

        check_arch(args)
    if args.arch == "head":
        if args.out and args.out.endswith(".personal.npz"):  # other --out mistakes: head says
            check_writable(Path(args.out).expanduser(), "personal model")
        return _run_head(args)
    runner = archs.get(args.arch).runner
    if runner:  # a family with a training run of its own (e.g. trainer.mlp)
        return 0 if importlib.import_module(runner).train(args) else 1
    # imported here: torch takes seconds to import, and `trainer --help` loads this module
    from trainer import pipeline

    result = pipeline.train(args)
    return 0 if result else 1


def _head_module():
    """trainer.head, or None when this installation lacks it (the few-shot head is an optional
    part); looked up at each call, not imported once, so that it is always the installed one."""
    try:
        return importlib.import_module("trainer.head")
    except ModuleNotFoundError as exc:
        if exc.name == "trainer.head":
            return None
        raise


def _run_head(args) -> int:
    head = _head_module()
    if head is None:
        raise RuntimeError(
            "--arch head needs the few-shot module trainer/head.py, which is not "
            f"part of this installation; use --arch {' or '.join(archs.NETWORK_NAMES)}"
        )
    if not hasattr(head, "fit_head"):
        raise RuntimeError("trainer.head has no fit_head(args): cannot train a head")
    return int(head.fit_head(args) or 0)
