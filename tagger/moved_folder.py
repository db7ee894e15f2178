"""A music folder moved or renamed outside the app (`mv Music MusicFLAC`, a drive
mounted under a new name).

A scan of the new place finds its files as new tracks, while the old place cannot be
scanned any more: its tracks stay present, with the user's decisions, undo history and
removals, under paths that no longer exist. The app cannot tell that from a drive that is
only not mounted (scanning a backup copy would then take the originals' decisions), so
it never follows such a move by itself: a scan says what it saw (`guess`), and the user
confirms (`follow`: `tagger scan NEW --moved-from OLD`, or the app's question after a scan).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tagger import db
from tagger.messages import MOVED_FROM_EXISTS, MOVED_FROM_NOT_IN_LIBRARY, MOVED_INTO_ITSELF, Message
from tagger.paths import resolve_root


@dataclass(frozen=True)
class MovedFolder:
    """`old`, a folder that no longer exists, looks moved to `new`: `tracks` tracks under
    `new` hold the audio of tracks the library still has under `old`."""

    old: str
    new: str
    tracks: int


@dataclass(frozen=True)
class Followed:
    """What `follow` did: tracks under the old folder now gone, how many of them were
    found under the new one, and the decisions that came with them."""

    old: str
    new: str
    gone: int
    found: int
    decisions: int

    def summary(self) -> str:
        return (
            f"{self.old} -> {self.new}: {self.found} of its {self.gone} track(s) found there, "
            f"{self.decisions} decision(s) came with them"
        )


class MoveError(ValueError):
    """The move named cannot be followed (the message says why, in one line)."""


def guess(pairs: Iterable[tuple[str, str]], exists: Callable[[str], bool] = os.path.lexists) -> MovedFolder | None:
    """The folder move that best explains `pairs` (path found now, path of a track with
    the same audio elsewhere in the library: `db.tracks.copies_elsewhere`), or None.

    For each pair whose other file's folder no longer exists, the folders they share at
    the end (artist and album folders) are taken off the two files' folders; what remains
    is an (old, new) pair of folders. The most frequent one whose old folder does not exist
    wins. Pairs whose other folder exists are copies, not moves (a backup), and its
    folder is looked at once, not each file."""
    folder_exists: dict[str, bool] = {}
    votes: Counter[tuple[str, str]] = Counter()
    for new, old in pairs:
        old_dir = os.path.dirname(old)
        if old_dir not in folder_exists:
            folder_exists[old_dir] = exists(old_dir)
        if folder_exists[old_dir]:
            continue
        old_parts, new_parts = Path(old_dir).parts, Path(os.path.dirname(new)).parts  # a file renamed too counts
        shared = 0
        while shared < min(len(old_parts), len(new_parts)) - 1 and old_parts[-1 - shared] == new_parts[-1 - shared]:
            shared += 1
        votes[(str(Path(*old_parts[: len(old_parts) - shared])), str(Path(*new_parts[: len(new_parts) - shared])))] += 1
    for (old_root, new_root), n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if old_root not in folder_exists:
            folder_exists[old_root] = exists(old_root)
        if not folder_exists[old_root]:
            return MovedFolder(old_root, new_root, n)
    return None


def check_gone(old: str | Path) -> None:
    """MoveError unless `old` is gone (a folder that still exists is scanned instead: the
    files that left it are followed by the scan itself)."""
    if os.path.lexists(old):
        raise MoveError(Message(MOVED_FROM_EXISTS, old=str(old)))


def hint(moved: MovedFolder) -> str:
    """What a scan that found `moved` tells the command line's user."""
    import shlex

    return (
        f"{moved.tracks} track(s) here hold the audio of tracks under {moved.old}, which no longer exists. "
        f"If it was moved or renamed to {moved.new}, its decisions and history can follow: "
        f"tagger scan {shlex.quote(moved.new)} --moved-from {shlex.quote(moved.old)}"
    )


def follow(lib, old: str | Path, new: str | Path) -> Followed:
    """Tell the library that folder `old` was moved or renamed to `new` (scanned already):
    the tracks under `old` are gone, and their decisions and removals go to the tracks
    under `new` that hold their audio (`db.tracks.mark_folder_moved`). Refused, with a
    MoveError, while `old` still exists (a scan of it finds what left it), when the
    library has no track under it, or when one folder lies inside the other."""
    check_gone(old)
    old_path = Path(old).resolve()  # as the library stores paths (what exists of it resolved)
    new_path = resolve_root(new)
    if old_path == new_path or old_path in new_path.parents or new_path in old_path.parents:
        raise MoveError(Message(MOVED_INTO_ITSELF, old=str(old_path), new=str(new_path)))
    gone, found, decisions = db.tracks.mark_folder_moved(lib, str(old_path), str(new_path))
    if not gone:
        raise MoveError(Message(MOVED_FROM_NOT_IN_LIBRARY, old=str(old_path)))
    return Followed(str(old_path), str(new_path), gone, found, decisions)
