"""`trainer background`: the background a personal model learns against, made once from
real recordings and shipped as `resources/background-embeddings.npz`.

Each recording of the given folders (default: resources/example-music and
resources/background-audio, each with a `kinds.csv` of file,genre) is cut into pieces of
about `--seconds` seconds; each piece is analysed by the app's own per-track analysis
(`tagger.analyze.analyze_file` with the model) and its pooled embedding kept, exactly as
the app stores a track's embedding. The file records the model (name@version, embedding
output, size, sha256 of the model file): the app refuses a background of another model,
and tests/test_personal.py fails when the default model changes until this command is
run again:

    python -m trainer background

Run again after changing the default model (tagger.model.DEFAULT_MODEL_FILE).
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

import numpy as np

from tagger.personal import Background, EmbeddingSource, PersonalError, file_digest, from_blob

SECONDS = 12.0
COMMAND = "python -m trainer background"


def repo_resources() -> Path:
    from tagger.paths import resources_dir

    return resources_dir()


def add_arguments(p) -> None:
    p.add_argument(
        "folders",
        nargs="*",
        help="folders of recordings, each with a kinds.csv (file,genre) "
        "(default: resources/example-music and resources/background-audio)",
    )
    p.add_argument("--model", default=None, help="model file (default: the bundled default model)")
    p.add_argument("--out", default=None, help="file to write (default: resources/background-embeddings.npz)")
    p.add_argument("--seconds", type=float, default=SECONDS, help=f"length of each piece (default {SECONDS:g} s)")


def run(args) -> int:
    from tagger.model import default_model_path
    from tagger.personal import bundled_background_path

    res = repo_resources()
    folders = [Path(f) for f in args.folders] or [res / "example-music", res / "background-audio"]
    model_path = Path(args.model) if args.model else default_model_path()
    out = Path(args.out) if args.out else bundled_background_path()
    bg = build(folders, model_path, seconds=args.seconds)
    bg.save(out)
    kinds = sorted(set(bg.labels))
    print(
        f"trainer background: {len(bg.labels)} pieces of {len(set(bg.groups))} recordings "
        f"({', '.join(kinds)}), embedding {bg.source.describe()} -> {out}",
        file=sys.stderr,
    )
    return 0


def labelled_files(folder: Path) -> list[tuple[Path, str]]:
    table = folder / "kinds.csv"
    if not table.is_file():
        raise PersonalError(f"{folder}: no kinds.csv (file,genre) beside the recordings")
    with open(table, newline="", encoding="utf-8") as fh:
        return [(folder / row["file"], row["genre"].strip()) for row in csv.DictReader(fh)]


def cut(path: Path, out_dir: Path, seconds: float = SECONDS) -> list[Path]:
    """Cut a recording into pieces of about `seconds` (at least one) as float WAV files
    at its own sample rate."""
    import soundfile as sf

    from tagger.decode import load_mono

    y, sr = load_mono(path)
    n = max(1, int(len(y) / sr // seconds))
    pieces = []
    for i in range(n):
        piece = y[len(y) * i // n : len(y) * (i + 1) // n]
        f = out_dir / f"{path.stem}-{i:02d}.wav"
        sf.write(f, piece, sr, subtype="FLOAT")
        pieces.append(f)
    return pieces


def build(folders: list[Path], model_path: Path, seconds: float = SECONDS) -> Background:
    from tagger.analyze import DEFAULT_PATCHES, analyze_file
    from tagger.model import Model

    model = Model(model_path, device="cpu")
    info = model.info
    if not info.embedding_output:
        raise PersonalError(f"{model_path}: the model has no embedding output")
    vectors, labels, groups = [], [], []
    with tempfile.TemporaryDirectory(prefix="gt-background-") as tmp:
        for folder in folders:
            for path, genre in labelled_files(folder):
                for piece in cut(path, Path(tmp), seconds):
                    result = analyze_file(str(piece), None, DEFAULT_PATCHES, model=model)
                    vector = from_blob(result.get("embedding")) if result["status"] == "ok" else None
                    if vector is None:
                        raise PersonalError(f"{piece.name} of {path}: {result.get('error') or 'no embedding'}")
                    vectors.append(vector)
                    labels.append(genre)
                    groups.append(path.stem)
    emb = np.stack(vectors)
    source = EmbeddingSource(info.key, info.embedding_output, int(emb.shape[1]))
    return Background(emb, labels, groups, source, file_digest(model_path), command=COMMAND)
