"""`trainer` command line: one subcommand per module, each exposing
`add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# subcommand -> (module, one-line help)
SUBCOMMANDS = {
    "import-musicnn": ("trainer.import_musicnn", "convert the pretrained MSD musicnn model to the app's ONNX format"),
    "fit": ("trainer.fit", "train a model (crnn, cnn, cnn-lstm, or a few-shot 'head') from a dataset folder, CSV or tagger DB"),
    "evaluate": ("trainer.evaluate", "measure a model on labelled data and write a JSON + Markdown report with plots"),
}

EPILOG = """examples:
  trainer fit --arch crnn --data ~/datasets/gtzan --out gtzan-crnn.onnx
  trainer fit --arch head --data ~/.local/share/genre-tagger/library.sqlite --out my-genres.onnx
  trainer evaluate gtzan-crnn.onnx ~/datasets/gtzan --report reports/gtzan-crnn
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
        return int(args._module.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        print(f"trainer {args.command}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
