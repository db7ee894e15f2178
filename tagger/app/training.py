"""Training a personal model from the genres the user confirmed: whether the trainer
would train on this library now (and if not, why), what it would train on, and the
command that trains it. The train dialog shows exactly this.

When the trainer is installed its own dataset rules decide (`trainer.datasets`: classes,
copies kept together, artist-aware splits); without it, the counts come from the same
reading of the library (`tagger.training_data`) and the dialog says what to install.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tagger.db import Library
from tagger.training_data import MIN_GENRES, MIN_TRACKS_PER_GENRE, training_set

# Said wherever models are listed (`tagger models`, Settings): what to do about genres the
# bundled models do not know (the default model's card lists them).
PERSONAL_MODEL_HINT = (
    "Genres the bundled models do not know (reggae, disco and others, listed in their model cards): "
    "a personal model learns them from the tracks whose genres you confirmed "
    "(Tools > Train a model from my library, or `trainer fit --arch head`; docs/few-shot.md)."
)


@dataclass
class TrainingCheck:
    counts: dict[str, int]  # tracks per class the trainer would use
    blocker: str = ""  # why it would refuse ("" when it would train)
    notes: list[str] = field(default_factory=list)  # what the trainer would say about the data


def check_training(db_path: str | Path) -> TrainingCheck:
    """What `trainer fit --arch head --data DB` would do with this library."""
    lib = Library(db_path)
    try:
        found = training_set(lib)
    finally:
        lib.close()
    try:
        from trainer.datasets import DatasetError, load_dataset  # optional: the `trainer` extra
    except ImportError:
        return TrainingCheck(found.counts, training_blocker(found.counts))
    blocker = training_blocker(found.counts)
    if blocker:  # the same words as without the trainer for the common cases
        return TrainingCheck(found.counts, blocker)
    try:
        ds = load_dataset(db_path)
    except DatasetError as exc:
        return TrainingCheck(found.counts, f"The trainer would refuse this library: {_without_path(exc, db_path)}")
    return TrainingCheck(dict(Counter(t.label for t in ds.tracks)), "", list(ds.notes))


def _without_path(exc: Exception, db_path) -> str:
    text = str(exc)
    prefix = f"{Path(db_path)}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def training_blocker(counts: dict[str, int]) -> str:
    """Why the trainer would refuse these classes ("" when it would not)."""
    if not counts:
        return "No confirmed tracks yet: accept or override some suggestions first."
    if len(counts) < MIN_GENRES:
        return (
            f"Training needs at least two genres; all confirmed tracks are {next(iter(counts))}. "
            "Confirm tracks of another genre first."
        )
    single = sorted(g for g, k in counts.items() if k < MIN_TRACKS_PER_GENRE)
    if single:
        return (
            f"Every genre needs at least {MIN_TRACKS_PER_GENRE} confirmed tracks (one to train on, one to "
            f"validate); only 1 for: {', '.join(single)}. Confirm more tracks of "
            f"{'this genre' if len(single) == 1 else 'these genres'}, or change that decision."
        )
    return ""


def train_command(db_path: str | Path, out_path: str | Path) -> list[str]:
    """The command (program first) that trains the personal model of this library."""
    return [sys.executable, "-m", "trainer", "fit", "--arch", "head", "--data", str(db_path), "--out", str(out_path)]
