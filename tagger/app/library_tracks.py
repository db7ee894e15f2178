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
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tagger import db
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
