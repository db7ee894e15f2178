"""What a personal model would learn from this library now: confirmed tracks per genre
(counted as `trainer fit --arch head` counts them: tagger.training_data), whether it can
be trained, and what to warn about. The train dialog shows exactly this before it trains
(in the app: tagger.app.personal, no trainer needed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tagger.db import Library
from tagger.training_data import genre_counts, group_note, personal_blocker, stale_note, training_set, weak_genres

# Said wherever models are listed (`tagger models`, Settings): what to do about genres the
# bundled models do not know (the default model's card lists them).
PERSONAL_MODEL_HINT = (
    "Genres the bundled models do not know (reggae, disco and others, listed in their model cards): "
    "a personal model learns them from the tracks whose genres you confirmed "
    "(in the app: Tools > Train a model from my library; in a terminal: `tagger personal train`)."
)


@dataclass
class TrainingCheck:
    counts: dict[str, int]  # confirmed tracks per genre (a track counts for each of its genres)
    blocker: str = ""  # why nothing can be trained ("" when it can)
    notes: list[str] = field(default_factory=list)  # warnings, in plain words
    missing: int = 0  # confirmed tracks no longer on disk (left out)
    accepted_in_groups: int = 0  # suggestions accepted with others: not learnt from
    stale: int = 0  # decided for other audio than the file holds now: not learnt from


def check_training(db_path: str | Path, vocab=None) -> TrainingCheck:
    """What training a personal model on the library at `db_path` would use."""
    lib = Library(db_path)
    try:
        found = training_set(lib)
    finally:
        lib.close()
    canonical = vocab.canonical if vocab is not None else None
    counts = genre_counts((t.genres for t in found.tracks), canonical)
    notes = []
    weak = weak_genres(counts)
    if weak:
        notes.append(
            f"One example is weak: {', '.join(weak)} {'has' if len(weak) == 1 else 'have'} a single confirmed "
            "track. It is learnt, but confirm a few more to make it reliable."
        )
    if found.missing:
        notes.append(f"{len(found.missing)} confirmed track(s) are no longer on disk and are left out.")
    if found.accepted_in_groups and counts:  # (with nothing to learn from, the blocker says it)
        notes.append(group_note(found.accepted_in_groups))
    if found.stale and counts:
        notes.append(stale_note(found.stale))
    blocker = personal_blocker(counts, found.accepted_in_groups, len(found.missing), found.stale)
    return TrainingCheck(counts, blocker, notes, len(found.missing), found.accepted_in_groups, found.stale)
