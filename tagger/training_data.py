"""A library's confirmed tracks as training data for a personal model: the one reading
of them that the trainer (`trainer/datasets.py`, for a library database) and the app's
train dialog (`tagger.app.training`) share, so the dialog counts the tracks the trainer
uses. Qt-free and torch-free.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tagger.db import Library

MIN_TRACKS_PER_GENRE = 2  # one to train on, one to validate
MIN_GENRES = 2


@dataclass
class TrainingSet:
    examples: list[tuple[str, list[str]]] = field(default_factory=list)  # (path, confirmed genres), on disk
    missing: list[str] = field(default_factory=list)  # confirmed tracks no longer on disk

    @property
    def counts(self) -> dict[str, int]:
        """Tracks per training class: single-label training uses each track's first genre."""
        return dict(Counter(genres[0] for _, genres in self.examples))

    @property
    def multi_genre(self) -> int:
        return sum(len(genres) > 1 for _, genres in self.examples)


def training_set(lib: Library) -> TrainingSet:
    """The confirmed (accepted or overridden) tracks still on disk, with their non-blank
    genres."""
    out = TrainingSet()
    for path, genres in lib.confirmed_tracks():
        genres = [g for g in genres if g and str(g).strip()]
        if not genres:
            continue
        if Path(path).is_file():
            out.examples.append((path, genres))
        else:
            out.missing.append(path)
    return out
