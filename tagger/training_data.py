"""A library's confirmed tracks as training data for a personal model: the one reading
of them that the trainer (`trainer/datasets.py` for a library database, and `trainer fit
--arch head` for any data), the app's train dialog (`tagger.app.training`) and the
learn-as-you-review loop (`tagger.app.personal`) share, so they all count the same
tracks and the same genres. Qt-free and torch-free.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tagger.db import Library
from tagger.db.decisions import GROUP

# the network trainer (crnn, cnn, cnn-lstm): single-label, one track to train on and one to validate
MIN_TRACKS_PER_GENRE = 2
MIN_GENRES = 2
# a personal model (one sigmoid per genre against the others and a background of varied
# music): one genre with one confirmed track is enough to train, with a warning
PERSONAL_MIN_TRACKS = 1
WEAK_EXAMPLES = 1  # this many confirmed tracks or fewer: "one example is weak"


def held_out_group(folder: str, album: str | None) -> str:
    """The unit a personal model's held-out check keeps whole (tagger.personal.train): an
    album within its folder, so that tracks of one album never check each other; "" for
    a track without an album tag (it is its own unit). The app and `trainer fit --arch
    head` both group by this."""
    return f"{folder}\n{album}" if album else ""


@dataclass
class ConfirmedTrack:
    path: str
    genres: list[str]  # confirmed, non-blank
    content_id: str | None = None
    group: str = ""  # album within its folder: a held-out check keeps an album whole


@dataclass
class TrainingSet:
    tracks: list[ConfirmedTrack] = field(default_factory=list)  # on disk
    missing: list[str] = field(default_factory=list)  # confirmed tracks no longer on disk
    accepted_in_groups: int = 0  # suggestions accepted with others: not learnt from (`teaches`)
    stale: int = 0  # decided for other audio than the file holds now: not learnt from

    @property
    def counts(self) -> dict[str, int]:
        """Tracks per training class of the single-label network trainer: each track's
        first genre."""
        return dict(Counter(t.genres[0] for t in self.tracks))

    @property
    def multi_genre(self) -> int:
        return sum(len(t.genres) > 1 for t in self.tracks)


def unify_spellings(genre_lists: Iterable[list[str]], canonical: Callable[[str], str] | None = None) -> list[list[str]]:
    """Each track's genres as a personal model learns them: spelled as the vocabulary
    spells them, and names that differ only in case or punctuation ("dub techno",
    "Dub-Techno") as one genre, named by its commonest spelling (ties: the first in
    sorted order). Order kept, repeats dropped."""
    from tagger.vocabulary import normalise

    canonical = canonical or (lambda g: g)
    lists = [[canonical(g) for g in genres if g and g.strip()] for genres in genre_lists]
    spellings: dict[str, Counter[str]] = {}
    for genres in lists:
        for g in genres:
            spellings.setdefault(normalise(g) or g.casefold(), Counter())[g] += 1
    chosen = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in spellings.items()}
    return [list(dict.fromkeys(chosen[normalise(g) or g.casefold()] for g in genres)) for genres in lists]


def genre_counts(genre_lists: Iterable[list[str]], canonical: Callable[[str], str] | None = None) -> dict[str, int]:
    """Confirmed tracks per genre as a personal model learns them: every genre of a track
    counts (one sigmoid per genre), spellings unified (`unify_spellings`)."""
    counts: Counter[str] = Counter()
    for genres in unify_spellings(genre_lists, canonical):
        counts.update(genres)
    return dict(sorted(counts.items(), key=lambda kv: kv[0].casefold()))


def teaches(state: str, scope: str | None) -> bool:
    """Whether a confirmed track teaches a personal model. Genres the user typed
    (overridden) always do. An accepted suggestion does when it was accepted on its own
    (a row, a file named): accepted with others in one action (accept all, an album, a
    folder, a selection) it is the model's own guess, taken on trust. Learning from it
    would teach the personal model to repeat the model with more confidence, and its
    held-out check would "find" them all: the base model's guesses checked against
    themselves. A decision made before scopes were kept (None) teaches, as it did."""
    return state == "overridden" or scope != GROUP


def personal_blocker(counts: dict[str, int], accepted_in_groups: int = 0, missing: int = 0, stale: int = 0) -> str:
    """Why a personal model cannot be trained from these genre counts ("" when it can)."""
    if not counts and stale and not missing:
        return f"Nothing to learn from yet: {stale_note(stale)}"
    if not counts and missing:
        return (
            f"The {missing} confirmed track(s) are not where the library last saw them (moved or deleted): "
            "scan the folder they are in now (`tagger scan`, or Rescan in the app)."
        )
    if not counts and accepted_in_groups:
        return (
            f"Nothing to learn from yet: the {accepted_in_groups} suggestion(s) you confirmed were accepted "
            "together with others, and those do not teach. Accept a track on its own, or override it."
        )
    if not counts:
        return "No confirmed tracks yet: accept or override some suggestions first."
    return ""


def stale_note(stale: int) -> str:
    """What the train dialog and `tagger personal train` say about confirmed tracks whose
    file holds other audio than the one decided for (tagger.db.decisions.is_stale)."""
    return (
        f"{stale} confirmed track(s) now hold other audio than when you decided (replaced or re-encoded): "
        "decide them again to teach them."
    )


def group_note(accepted_in_groups: int) -> str:
    """What the train dialog and `tagger personal train` say about the suggestions left out."""
    return (
        f"{accepted_in_groups} suggestion(s) accepted together with others (accept all, an album, a folder, "
        "several rows at once) "
        "are not learnt from: they would only teach the model what it already says. "
        "Accept a track on its own, or override it, to teach it."
    )


def weak_genres(counts: dict[str, int]) -> list[str]:
    """Genres learnt from so few tracks that the dialog warns about them."""
    return [g for g, n in counts.items() if n <= WEAK_EXAMPLES]


def training_set(lib: Library) -> TrainingSet:
    """The confirmed tracks that teach (`teaches`) and are still on disk, with their
    non-blank genres."""
    out = TrainingSet()
    for row in lib.confirmed_tracks_detailed():
        genres = [g for g in row.genres if g and str(g).strip()]
        if not genres:
            continue
        if not Path(row.path).is_file():
            out.missing.append(row.path)
        elif row.stale:  # its label is for other audio than the file holds now
            out.stale += 1
        elif not teaches(row.state, row.scope):
            out.accepted_in_groups += 1
        else:
            group = held_out_group(row.folder, row.album)
            out.tracks.append(ConfirmedTrack(row.path, genres, row.content_id, group))
    return out
