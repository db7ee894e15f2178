"""`trainer` command line: one subcommand per module, each exposing
`add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from pathlib import Path

from tagger.stop_signals import handled_by, terminate
from trainer import archs

# subcommand -> (module, one-line help)
SUBCOMMANDS = {
    "import-musicnn": (
        "trainer.import_musicnn",
        "convert a pretrained musicnn model (MSD, MagnaTagATune) to the app's ONNX format",
    ),
    "fuse": ("trainer.fuse", "join tag models that read the same input into one model file (one feature pass)"),
    "fit": ("trainer.fit", f"train a model ({', '.join(archs.NAMES)}) from a dataset folder, CSV or tagger DB"),
    "evaluate": ("trainer.evaluate", "measure a model on labelled data and write a JSON + Markdown report with plots"),
    "compare": ("trainer.compare", "train several families on the same split and write one Markdown table"),
    "background": (
        "trainer.background",
        "embed the bundled background music for personal models (resources/background-embeddings.npz)",
    ),
}

EPILOG = """examples:
  trainer fit --arch crnn --data ~/datasets/gtzan --out gtzan-crnn.onnx
  trainer fit --arch head --data ~/.local/share/genre-tagger/library.sqlite --out my-genres.personal.npz
  trainer evaluate gtzan-crnn.onnx ~/datasets/gtzan --report reports/gtzan-crnn
  trainer fit --arch mlp --data features_30_sec.csv --out gtzan-mlp.onnx
  trainer compare --data ~/datasets/gtzan --archs crnn,vgg-transfer,mlp,head --out-dir reports/compare
  tagger analyze --model gtzan-crnn.onnx ~/Music
"""


def build_parser(load_modules: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Make genre models for Genre Tagger.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if load_modules:
            module = importlib.import_module(module_name)
            module.add_arguments(p)
            p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        with handled_by(terminate, "SIGTERM", "SIGHUP"):  # stopped like Ctrl+C: the same hint, no traceback
            return int(args._module.run(args) or 0)
    except KeyboardInterrupt as exc:
        if not getattr(exc, "told", False):  # (a training run says how to resume instead)
            print("interrupted", file=sys.stderr)
        return 128 + getattr(exc, "signum", signal.SIGINT)
    except OSError as exc:  # file exists, not a folder, no permission, disk full...
        print(f"trainer {args.command}: error: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except (ValueError, RuntimeError) as exc:
        print(f"trainer {args.command}: error: {exc}", file=sys.stderr)
        return 1


def describe_os_error(exc: OSError) -> str:
    """'path: reason' on one line (str() of the OS's errors reads "[Errno 17] File exists: '...'")."""
    if not exc.filename:
        return str(exc)  # raised by the trainer itself, with the path in the message
    where = f"{exc.filename} -> {exc.filename2}" if exc.filename2 else str(exc.filename)
    why = exc.strerror or type(exc).__name__
    if isinstance(exc, (FileExistsError, NotADirectoryError)):  # e.g. a report folder named like a file
        path = Path(os.fsdecode(exc.filename))
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        if blocker == path:
            why = "is a file, where a folder is needed"
        elif blocker:
            why = f"{blocker} is a file, where a folder is needed"
    return f"{where}: {why}"


if __name__ == "__main__":
    raise SystemExit(main())
