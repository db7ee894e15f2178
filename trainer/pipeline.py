"""`trainer fit` for the networks (crnn, cnn, cnn-lstm): one run, start to end.

Pipeline: dataset (trainer.datasets) -> log-mels cached on disk (trainer.featcache) ->
training on random patches (trainer.loop: random crop, random gain, mixup; class-balanced
sampling) with early stopping on the validation tracks -> the best epoch's weights are
measured on the test tracks (trainer.metrics) -> ONNX export with metadata and a parity
check (trainer.export) -> a model card next to the model (trainer.modelcard).

Every epoch writes a checkpoint (trainer.checkpoints); `--resume CKPT` continues from it
with the same split, seed stream and optimizer state (trainer.settings says which
settings it keeps), so a resumed run ends where an uninterrupted one would.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import torch

from tagger.features import FeatureSpec
from trainer import archs
from trainer.checkpoints import load_checkpoint, save_checkpoint
from trainer.datasets import SPLIT_RULE, DatasetError, drop_tracks, load_dataset
from trainer.export import export_model
from trainer.featcache import FeatureCache, default_cache_dir, features_for, trained_on
from trainer.featspec import parse_spec
from trainer.loop import Trainer
from trainer.metrics import figures_line, recorded_figures, track_metrics
from trainer.modelcard import write_model_card
from trainer.networks import n_parameters
from trainer.settings import check_outputs, fill_defaults, resume_settings, run_config
from trainer.tabular_fusion import check_arch, export_refusal, parse_columns, track_table


def say(msg: str) -> None:
    print(f"trainer fit: {msg}", file=sys.stderr, flush=True)


def train(args):
    """Run `trainer fit` for a conv/recurrent architecture. Returns a summary dict."""
    started = time.perf_counter()
    ck = None
    if args.resume:
        ck = load_checkpoint(args.resume)
        resume_settings(args, ck["config"])
    fill_defaults(args)
    if ck:
        say(
            f"resuming {args.resume} after epoch {ck['epoch']} (settings from the checkpoint: "
            f"{args.arch}, seed {args.seed}; up to {args.epochs} epochs, patience {args.patience})"
        )
    out, ckpt_path = check_outputs(args)
    if ck:  # the paths may be the checkpoint's record, not next to the checkpoint given
        say(f"writing the model to {out} and checkpoints to {ckpt_path} (give --out or --checkpoint for others)")
    if args.threads:
        torch.set_num_threads(args.threads)
    arch = archs.get(args.arch)
    spec = FeatureSpec.from_dict(ck["config"]["feature_spec"]) if ck else parse_spec(args.spec)
    if arch.spec and not ck:  # a pretrained backbone hears only the features it was trained on
        if args.spec and spec != parse_spec(arch.spec):
            raise ValueError(f"{args.arch} takes only the {arch.spec} feature spec (its backbone's): leave out --spec")
        spec = parse_spec(arch.spec)
    check_arch(args)
    tab_columns = parse_columns(getattr(args, "tabular", None))
    if tab_columns and export_refusal(tab_columns):
        say(f"warning: {export_refusal(tab_columns)}")
    min_frames = arch.min_frames
    if spec.patch_frames < min_frames:
        raise ValueError(f"patch_frames {spec.patch_frames} is too short for {args.arch} (at least {min_frames})")

    ds = load_dataset(
        args.data,
        seed=args.seed,
        valid_fraction=args.valid_fraction,
        test_fraction=args.test_fraction,
        for_training=True,
    )
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
    mels, failed = features_for([t.path for t in ds.tracks], cache, workers=args.workers, progress=args.progress)
    feature_seconds = time.perf_counter() - t0
    excluded: list[str] = []
    if failed:
        listing = "\n  ".join(f"{p}: {why}" for p, why in list(failed.items())[:20])
        more = f"\n  ... and {len(failed) - 20} more" if len(failed) > 20 else ""
        say(f"warning: skipping {len(failed)} unreadable file(s):\n  {listing}{more}")
        if len(failed) == len(ds.tracks):
            raise DatasetError(f"{ds.source}: none of the {len(failed)} audio files could be read")
        classes = set(ds.labels)
        if not ck and ds.split_origin == "by-artist-or-track":
            # the split was made with them: made again without, as `trainer evaluate` will
            # (the file's own group could hold a class's whole training side)
            excluded = sorted(failed)
            ds = load_dataset(
                args.data,
                seed=args.seed,
                valid_fraction=args.valid_fraction,
                test_fraction=args.test_fraction,
                for_training=True,
                exclude=excluded,
            )
            say("the split was made again without them")
            for line in ds.notes:  # the new split's own notes (the first one's were said above)
                say(line)
        else:
            drop_tracks(ds, set(failed), for_training=True)
        lost = sorted(classes - set(ds.labels))
        if lost:
            ds.note(f"class(es) {', '.join(lost)}: none of their files could be read, so the model does not know them")
            say(f"warning: {ds.notes[-1]}")

    labels = list(ck["config"]["labels"]) if ck else ds.labels
    unknown = sorted({t.label for t in ds.tracks} - set(labels))
    if unknown:
        raise DatasetError(f"classes {unknown} are not in the checkpoint's labels {labels}")
    train_t, valid_t, test_t = ds.split("train"), ds.split("valid"), ds.split("test")
    say(ds.describe() + f"; features in {feature_seconds:.1f} s (cache {cache.dir})")

    tabular = track_table(ds.tracks, tab_columns, args.data, cache_dir) if tab_columns else None
    tr = Trainer(args, spec, labels, train_t, valid_t, mels, tabular=tabular)
    config = run_config(args, labels, spec, out, cache_dir)
    if ck and not excluded:  # resumed: the files left out of the first run's split stay recorded
        excluded = list(ck["config"].get("excluded") or [])
    if excluded:
        config["excluded"] = excluded
    splits = {t.path: t.split for t in ds.tracks}
    ckpt_path.parent.mkdir(parents=True, exist_ok=True)  # (checked above; again in case it went since)
    out.parent.mkdir(parents=True, exist_ok=True)
    if ck:
        tr.load(ck)
    say(
        f"{args.arch}: {n_parameters(tr.net):,} parameters; {len(train_t)} train tracks x "
        f"{args.patches_per_track} patches per epoch; checkpoints -> {ckpt_path}"
    )

    train_started = time.perf_counter()
    epoch = tr.epoch
    while epoch < args.epochs and not tr.stopped_early:
        epoch += 1
        try:
            row = tr.step(epoch)
        except KeyboardInterrupt as exc:
            if tr.epoch:
                say(f"interrupted in epoch {epoch}: continue with `trainer fit --resume {ckpt_path}`")
                exc.told = True  # type: ignore[attr-defined]  # (trainer.cli says nothing more)
            raise
        say(
            f"epoch {epoch}: train loss {row['train_loss']:.3f}, valid loss {row['valid_loss']:.3f}, "
            f"valid accuracy {row['valid_accuracy']:.3f}{' (best)' if row['best'] else ''} [{row['seconds']:.1f} s]"
        )
        if tr.bad_epochs >= args.patience:
            tr.stopped_early = True
            say(f"early stop: no better validation score for {args.patience} epochs (best: epoch {tr.best['epoch']})")
        save_checkpoint(ckpt_path, tr.state(), config, splits)
    train_seconds = time.perf_counter() - train_started

    if tr.best_state is not None:
        tr.net.load_state_dict(tr.best_state)
    eval_split, eval_tracks = ("test", test_t) if test_t else ("valid", valid_t)
    if not test_t:
        say("no test tracks: the model's evaluation figures are measured on the validation split")
    fixed = tr.fixed_patches(eval_tracks, mels)
    fixed_tab = tr.tab_rows(eval_tracks, fixed[1])
    metrics = track_metrics(tr.predict_tracks(fixed, fixed_tab), fixed[2], labels)
    evaluation = {
        "dataset": Path(ds.source).name,
        "dataset_kind": ds.kind,
        "split": eval_split,
        "split_origin": ds.split_origin,
        **recorded_figures(metrics, len(labels)),
        "patches_per_track": args.eval_patches,
        "pooling": "mean",
        "best_epoch": tr.best["epoch"],
        # lets `trainer evaluate` find the held-out tracks again
        "training_split": {
            "seed": args.seed,
            "valid_fraction": args.valid_fraction,
            "test_fraction": args.test_fraction,
            "origin": ds.split_origin,
            "data_id": ds.source_id,
            "trained_on": trained_on(t.path for t in train_t + valid_t),
            "split_rule": SPLIT_RULE,
            **({"excluded": excluded} if excluded else {}),  # unreadable, left out before the split
        },
    }
    name = args.name or out.stem
    description = args.description or (
        f"{args.arch} genre classifier ({len(labels)} classes) trained on {Path(ds.source).name}"
    )
    info, diff = export_model(
        tr.net,
        out,
        labels=labels,
        spec=spec,
        name=name,
        version=args.version,
        license=args.license or "unspecified",
        credit=args.credit,
        description=description,
        evaluation=evaluation,
        check_inputs=fixed[0][:8],
        dynamic_frames=not arch.fixed_frames,
        tabular_columns=tab_columns,
        check_tabular=None if fixed_tab is None else fixed_tab[:8],
    )
    summary = {
        "model": str(out),
        "labels": labels,
        "evaluation": evaluation,
        "per_class": metrics["per_class"],
        "history": tr.history,
        "parity_max_abs_diff": diff,
        "parameters": n_parameters(tr.net),
        "train_seconds": round(train_seconds, 1),
        "feature_seconds": round(feature_seconds, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
        "notes": ds.notes,
        "splits": dict(Counter(t.split for t in ds.tracks)),
        "checkpoint": str(ckpt_path),
        "skipped_files": failed,
        "config": config,
    }
    write_model_card(out, info, summary)
    say(figures_line(eval_split, evaluation))
    say(f"wrote {out} (onnxruntime vs PyTorch max difference {diff:.1e}) and {out.with_suffix('.md')}")
    return summary
