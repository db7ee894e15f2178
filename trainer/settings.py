"""The settings of a `trainer fit` run: defaults, the checks made before any slow work,
the record of them kept in the checkpoint, and what a resumed run takes from that record."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

DEFAULT_EPOCHS = 40
DEFAULT_PATIENCE = 8
# settings a resumed run takes from the checkpoint (the rest may change between runs)
RESUMED_SETTINGS = (
    "arch",
    "width",
    "seed",
    "batch_size",
    "lr",
    "weight_decay",
    "patches_per_track",
    "eval_patches",
    "mixup",
    "gain_db",
    "balance",
    "clip_seconds",
    "valid_fraction",
    "test_fraction",
    "train_blocks",
    "tabular",
)
# settings a resumed run takes from the checkpoint unless given again on the command line
RESUMED_UNLESS_GIVEN = {"epochs": DEFAULT_EPOCHS, "patience": DEFAULT_PATIENCE}


def resume_settings(args, config: dict) -> None:
    """Take the run's settings from a checkpoint's `config` (--epochs/--patience only when not given)."""
    for key in RESUMED_SETTINGS:
        if key in config:
            setattr(args, key, config[key])
    for key in RESUMED_UNLESS_GIVEN:
        if getattr(args, key, None) is None and key in config:
            setattr(args, key, config[key])
    args.data = args.data or config.get("data")
    args.out = args.out or config.get("out")
    args.cache_dir = args.cache_dir or config.get("cache_dir")


def fill_defaults(args) -> None:
    """Defaults of the settings neither given nor resumed (None on the command line so that
    a resumed run can tell them apart)."""
    for key, default in RESUMED_UNLESS_GIVEN.items():
        if getattr(args, key, None) is None:
            setattr(args, key, default)


def add_progress_option(p) -> None:
    """--no-progress; by default progress bars only when stderr is a terminal, so that a
    log (`2>&1 | tee log`) stays line by line."""
    p.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        default=sys.stderr.isatty(),
        help="no progress bars (default: bars only when stderr is a terminal, so logs stay line by line)",
    )


def check_options(args) -> None:
    """Refuse option values that make no sense, before any slow work (ValueError, one line).
    Options a family does not have are not in `args`, or None when not given."""

    def given(name: str):
        return getattr(args, name, None)

    problems = []
    for name, low, inclusive in (("lr", 0, False), ("width", 0, False), ("weight_decay", 0, True)):
        v = given(name)
        if v is not None and (v < low or (v == low and not inclusive)):
            problems.append(f"--{name.replace('_', '-')} must be {'>=' if inclusive else '>'} {low} (got {v:g})")
    for name in ("mixup", "gain_db", "clip_seconds"):
        v = given(name)
        if v is not None and v < 0:
            problems.append(f"--{name.replace('_', '-')} must be >= 0 (got {v:g})")
    for name in ("epochs", "patience", "batch_size", "patches_per_track", "eval_patches"):
        v = given(name)
        if v is not None and v < 1:
            problems.append(f"--{name.replace('_', '-')} must be >= 1 (got {v})")
    for name in ("workers", "threads"):  # 0: in this process / PyTorch's default
        v = given(name)
        if v is not None and v < 0:
            problems.append(f"--{name} must be >= 0 (got {v})")
    valid, test = given("valid_fraction"), given("test_fraction")
    for name, v in (("valid", valid), ("test", test)):
        if v is not None and not 0 <= v < 1:
            problems.append(f"--{name}-fraction must be at least 0 and below 1 (got {v:g})")
    if valid is not None and test is not None and 0 <= valid < 1 and 0 <= test < 1 and valid + test >= 1:
        problems.append(
            f"--valid-fraction + --test-fraction must be below 1 (got {valid + test:g}): no tracks to train on"
        )
    kfold = given("kfold")
    if kfold:
        if given("arch") != "mlp":
            problems.append("--kfold goes with --arch mlp")
        elif kfold < 2:
            problems.append(f"--kfold must be 0 (off) or at least 2 (got {kfold})")
    if problems:
        raise ValueError("; ".join(problems))


def check_outputs(args) -> tuple[Path, Path]:
    """Check the settings a run cannot start without; returns (model file, checkpoint file)."""
    if not args.data:
        raise ValueError("--data is required (a dataset folder, CSV manifest or library database)")
    if not args.out:
        raise ValueError("--out is required (the .onnx model file to write)")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".onnx":
        raise ValueError(f"--out {out}: the model file name must end in .onnx")
    check_options(args)  # (again: a resumed run's settings come from its checkpoint)
    ckpt_path = Path(args.checkpoint).expanduser() if args.checkpoint else out.with_name(out.name + ".ckpt")
    if ckpt_path.resolve() == out.resolve():
        raise ValueError(f"--checkpoint {ckpt_path} is the model file --out: give the checkpoint a name of its own")
    check_writable(out, "model")
    check_writable(ckpt_path, "checkpoint")
    return out, ckpt_path


def check_writable(path: Path, what: str) -> None:
    """Fail now, not after the slow feature extraction, if `path` cannot be written later.
    Creates nothing: a run that fails later leaves no empty folder behind (the folders
    are made when the file is written); the nearest folder that exists must take a file."""
    if path.is_dir():
        raise IsADirectoryError(f"cannot write the {what} {path}: it is a folder")
    existing = next((p for p in path.absolute().parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise NotADirectoryError(f"cannot write the {what} {path}: {existing} is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing):  # no write permission, read-only disk...
            pass
    except OSError as exc:
        raise type(exc)(f"cannot write the {what} {path}: {exc.strerror or exc}") from None


def run_config(args, labels: list[str], spec, out: Path, cache_dir: Path) -> dict:
    """The run's settings as the checkpoint records them (and the model card shows them)."""
    return {
        "arch": args.arch,
        "width": args.width,
        "seed": args.seed,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "weight_decay": args.weight_decay,
        "patches_per_track": args.patches_per_track,
        "eval_patches": args.eval_patches,
        "mixup": args.mixup,
        "gain_db": args.gain_db,
        "balance": args.balance,
        "clip_seconds": args.clip_seconds,
        "valid_fraction": args.valid_fraction,
        "test_fraction": args.test_fraction,
        "train_blocks": getattr(args, "train_blocks", None),
        "tabular": getattr(args, "tabular", None),
        "epochs": args.epochs,
        "patience": args.patience,
        "labels": labels,
        "feature_spec": spec.to_dict(),
        "data": str(Path(args.data).expanduser().resolve()),
        "out": str(out.resolve()),
        "cache_dir": str(cache_dir),
    }
