"""Writing genres into files: the plan (what each file would get, and which files the
safe writer will refuse, checked before anything is written), the write itself, undo
and the history. The CLI's `apply --dry-run` and the GUI's write dialog show the same
plan; `tagger.apply` and `tagger.safewrite` hold the rules themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tagger import db
from tagger.apply import (
    UNDOABLE,
    Outcome,
    PlannedChange,
    last_undoable_batch,
    left_out_words,
    plan,
    undo_batch,
    write_batch,
)
from tagger.apply import history as _history
from tagger.safewrite import WriteError, preflight
from tagger.tags import write_problem
from tagger.write_lock import writing_tags


@dataclass
class WritePlan:
    mode: str
    changes: list[PlannedChange] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)  # LEFT_OUT_REASONS key -> tracks
    tracks: int = 0  # tracks considered
    present: int = 0  # of them, files present and readable

    @property
    def refused(self) -> list[PlannedChange]:
        """Changes the safe writer will refuse (read-only, no permission, another owner, hard links...)."""
        return [c for c in self.changes if c.problem]

    @property
    def unanalysed(self) -> int:
        return self.left_out.get("unanalysed", 0)

    def left_out_text(self) -> str:
        """'3 already have genres (fill mode), 1 skipped': why tracks are not in the plan."""
        return ", ".join(left_out_words(k, n) for k, n in self.left_out.items() if n)


def plan_writes(
    ws, tracks=None, *, track_ids=None, decided_only: bool = False, should_stop: Callable[[], bool] | None = None
) -> WritePlan:
    """What a write of these tracks (db.Track rows, or their ids) would do in the
    workspace's mode, each change checked by the safe writer's preflight."""
    info = ws.require_model()
    if tracks is None:
        tracks = sorted(db.tracks.by_ids(ws.lib, list(track_ids or []), should_stop) or [], key=lambda t: t.path)
    result = WritePlan(ws.write_mode, tracks=len(tracks), present=sum(t.status == "present" for t in tracks))
    result.changes = plan(
        ws.lib,
        tracks,
        info,
        ws.vocab,
        ws.write_mode,
        ws.min_confidence,
        ws.max_genres,
        decided_only=decided_only,
        left_out=result.left_out,
        target=ws.tag_target,
    )
    for c in result.changes:
        if should_stop and should_stop():
            break
        try:
            preflight(c.path)
        except WriteError as exc:
            c.problem = exc.reason
        else:
            c.problem = write_problem(c.path)
    return result


def writer_lock(ws, on_wait: Callable[[str], None] | None = None, should_stop: Callable[[], bool] | None = None):
    """The library's writer lock (tagger.write_lock), as a context manager: held around
    a plan and its write, what is planned is what gets written, after any other process
    writing tags to the library has finished (`on_wait(message)` says it waits)."""
    return writing_tags(ws.lib.path, on_wait, should_stop)


def write(
    ws,
    changes: list[PlannedChange],
    progress: Callable[[int, int, Outcome], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> tuple[int, list[Outcome]]:
    """Write the planned changes as one numbered batch: (batch id, outcomes). While
    another process writes tags to the library, `on_wait(message)` and wait (a stop
    meanwhile raises WriteLockError: nothing written)."""
    return write_batch(
        ws.lib,
        changes,
        ws.write_mode,
        ws.info.key if ws.info else None,
        progress=progress,
        should_stop=should_stop,
        options=ws.tag_target.options,
        on_wait=on_wait,
    )


def undo(
    ws,
    batch_id: int | None = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[int, list[Outcome]]:
    """Restore what a batch replaced (default: the newest that changed a file); waits
    like `write` for another writer."""
    return undo_batch(ws.lib, batch_id, progress=progress, on_wait=on_wait, should_stop=should_stop)


def history(ws) -> list[dict]:
    return _history(ws.lib)


def undoable_batch(ws) -> int | None:
    """The batch `undo` takes by default (None: nothing to undo)."""
    return last_undoable_batch(ws.lib)


def undoable_changes(ws, batch_id: int) -> int:
    """How many files an undo of this batch would put back."""
    return sum(1 for c in ws.lib.changes_of(batch_id) if c.status in UNDOABLE)
