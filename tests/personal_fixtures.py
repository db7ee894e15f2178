"""A real library for the personal-model tests: the example recordings (and the
background audio) cut into pieces of about 15 s, each piece a track, scanned and analysed
by the app's own job into a real SQLite library, with the pooled embeddings stored.
Built once per test session (tests/conftest.py: `analysed_pieces`); a test copies the
library file and works on its copy."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUSIC = ROOT / "resources" / "example-music"
OTHER = ROOT / "resources" / "background-audio"
SECONDS = 15.0


@dataclass
class Pieces:
    folder: Path  # the pieces, one WAV per track
    db: Path  # the analysed library (copy it before changing it)
    genre: dict[str, str]  # piece path -> rough genre of its recording
    recording: dict[str, str]  # piece path -> recording stem

    def of(self, genre: str) -> list[str]:
        return sorted(p for p, g in self.genre.items() if g == genre)

    def copy_db(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.db, target)
        return target


def build(base: Path) -> Pieces:
    from tagger.analyze import DEFAULT_PATCHES
    from tagger.app.analysis import AnalysisRun
    from tagger.db import Library
    from tagger.executors.inline import InlineExecutor
    from tagger.model import default_model_path
    from tagger.scan import scan
    from trainer.background import cut

    folder = base / "pieces"
    folder.mkdir(parents=True)
    genre, recording = {}, {}
    for source in (MUSIC, OTHER):
        with open(source / "kinds.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                path = source / row["file"]
                for piece in cut(path, folder, SECONDS):
                    genre[str(piece)] = row["genre"]
                    recording[str(piece)] = path.stem
    db = base / "library.sqlite"
    lib = Library(db)
    try:
        scan(lib, [folder])
        tracks = lib.tracks_under([folder])
        model = str(default_model_path())
        run = AnalysisRun(lib, model, n_patches=DEFAULT_PATCHES, executor=InlineExecutor(model, "cpu", 2))
        progress = run.run(tracks)
        assert progress.failed == 0 and progress.done + progress.cached == len(tracks), progress
    finally:
        lib.close()
    return Pieces(folder, db, genre, recording)
