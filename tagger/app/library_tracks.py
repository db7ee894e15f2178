"""What the user can ask of the library for chosen tracks, besides deciding: analyse them
again from scratch, take them out of the library, and bring removed ones back. The
app's context menu and drag and drop come through here.

The rules:
- Re-analyse forgets the cached result of the model in use for the tracks' audio (other
  files with the same audio share that result, so they are analysed again too) and has
  the next scan read the files again; the caller then runs the analysis job on them.
- Remove from library leaves the files alone. The tracks are marked removed: the review,
  analyses and writes leave them out, a scan of their folder leaves them removed, and
  their decisions are forgotten (a decision about a track the user took out would be
  written by nobody, and would train a personal model on a track they dropped).
- A removed track comes back when the user adds its file, or a folder holding it, again
  on purpose (a drop on the window): `restore`.
- What can be added (`addable`): folders, and files of a format the scan reads; anything
  else dropped is named back with the reason, never added as a broken track.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tagger import db
from tagger.formats import is_audio_path, unsupported_reason
from tagger.paths import resolve_root


def forget_analyses(ws, track_ids: Iterable[int]) -> list[str]:
    """Forget the workspace model's results for these tracks and mark them to be read
    again; the paths to analyse (sorted). Raises as `ws.require_model` does without a
    usable model (there would be nothing to analyse with)."""
    info = ws.require_model()
    tracks = db.tracks.by_ids(ws.lib, list(track_ids)) or []
    db.analyses.forget(ws.lib, [t.content_id for t in tracks if t.content_id], info.key)
    db.tracks.mark_unread(ws.lib, [t.id for t in tracks])
    return sorted(t.path for t in tracks)


def remove(ws, track_ids: Iterable[int]) -> int:
    """Take the tracks out of the library (their files stay); how many."""
    return db.tracks.remove(ws.lib, list(track_ids))


def restore(ws, paths: Iterable[str | Path]) -> int:
    """Removed tracks at or under `paths` are in the library again; how many."""
    return db.tracks.restore(ws.lib, [resolve_root(p) for p in paths])


def follow_moved_folder(ws, old: str, new: str):
    """The user confirmed that folder `old` was moved or renamed to `new`
    (tagger.moved_folder.follow: a MoveError says why not, in one line)."""
    from tagger.moved_folder import follow

    return follow(ws.lib, old, new)


def addable(paths: Iterable[str | Path]) -> tuple[list[str], list[tuple[str, str]]]:
    """(folders and audio files to add, resolved; [(path, why not)] for the rest)."""
    take: list[str] = []
    left: list[tuple[str, str]] = []
    for p in paths:
        try:
            path = resolve_root(p)
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError as exc:
            left.append((str(p), exc.strerror or str(exc)))
            continue
        if is_dir or (is_file and is_audio_path(path.name)):
            if str(path) not in take:
                take.append(str(path))
        elif is_file:
            left.append((str(path), unsupported_reason(path.name) or "not an audio file"))
        else:
            left.append((str(path), "no such file or folder"))
    return take, left


def roots_with(roots: Iterable[str], added: Iterable[str]) -> list[str]:
    """The library view's roots after adding `added` (resolved paths): those already at or
    under a root add nothing; a new folder replaces the roots it holds."""
    out = [str(r) for r in roots]
    for a in added:
        if any(_within(a, r) for r in out):
            continue
        out = [r for r in out if not _within(r, a)] + [a]
    return out


def _within(path: str, root: str) -> bool:
    p, r = Path(path), Path(root)
    return p == r or r in p.parents
