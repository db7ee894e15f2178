"""From suggestions to files: what to write (fill / merge / replace), numbered batches,
and undo. Every write goes through `tagger.safewrite`; the old and new values are in the
database before a file is replaced, so a batch can always be undone.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from tagger.db import Analysis, Batch, Change, Decision, Library
from tagger.vocabulary import Vocabulary


@dataclass
class PlannedChange:
    track_id: int
    path: str
    old: list[str]
    new: list[str]
    source: str  # accepted | overridden | suggested


@dataclass
class Outcome:
    path: str
    old: list[str]
    new: list[str]
    status: str  # written | failed | skipped | undone
    error: str | None = None


def proposed_genres(analysis: Analysis | None, decision: Decision | None, info,
                    vocab: Vocabulary, min_confidence: float, max_genres: int) -> tuple[list[str], str]:
    """The genres proposed for a track and where they come from. A user's decision wins
    over the model; a skipped track proposes nothing."""
    if decision is not None:
        if decision.state == "skipped":
            return [], "skipped"
        return decision.genres, decision.state
    if analysis is None or analysis.status != "ok":
        return [], "none"
    return [n for n, _ in vocab.suggest(info, analysis.scores, min_confidence, max_genres)], "suggested"


def combine(mode: str, current: list[str], proposed: list[str], vocab: Vocabulary) -> list[str]:
    """The genres a file gets; one spelling per genre, so what is recorded in a batch is
    exactly what the file reads back after the write (undo compares the two)."""
    if mode not in ("fill", "merge", "replace"):
        raise ValueError(f"unknown mode {mode!r} (fill, merge or replace)")
    proposed = vocab.dedupe(proposed)
    if mode == "fill":
        return list(current) if current else proposed
    if mode == "merge":
        return vocab.merge(current, proposed)
    return proposed


def plan(lib: Library, tracks, info, vocab: Vocabulary, mode: str = "fill",
         min_confidence: float = 0.5, max_genres: int = 2, decided_only: bool = False) -> list[PlannedChange]:
    """The changes `apply` would make to `tracks`; unchanged tracks are left out."""
    changes = []
    tracks = [t for t in tracks if t.status == "present"]
    with lib.session() as s:
        for first in range(0, len(tracks), 500):  # two queries per 500 tracks, not two per track
            chunk = tracks[first:first + 500]
            decisions = {d.track_id: d for d in s.scalars(
                select(Decision).where(Decision.track_id.in_([t.id for t in chunk])))}
            analyses = {a.content_id: a for a in s.scalars(select(Analysis).where(
                Analysis.model_key == info.key,
                Analysis.content_id.in_([t.content_id for t in chunk if t.content_id])))}
            for t in chunk:
                decision = decisions.get(t.id)
                if decided_only and (decision is None or decision.state == "skipped"):
                    continue
                analysis = analyses.get(t.content_id) if t.content_id else None
                proposed, source = proposed_genres(analysis, decision, info, vocab, min_confidence, max_genres)
                if not proposed and (mode != "replace" or source in ("none", "skipped")):
                    continue  # never erase genres because there is no suggestion
                # an override is the user's explicit answer: written as given whatever the mode
                new = combine("replace" if source == "overridden" else mode, t.genres, proposed, vocab)
                if new != t.genres:
                    changes.append(PlannedChange(t.id, t.path, t.genres, new, source))
    return changes


def _record(lib: Library, change_id: int, status: str, error: str | None = None) -> None:
    with lib.session() as s:
        row = s.get(Change, change_id)
        row.status, row.error = status, error


def _write_one(lib: Library, path: str, change_id: int, expected_old: list[str],
               target: list[str], done_status: str) -> Outcome:
    from tagger.safewrite import WriteError, write_genres_safely
    from tagger.scan import refresh_track
    from tagger.tags import TagError, normalize_genres, read_tags

    try:
        current = read_tags(path).genres
    except (TagError, OSError) as exc:
        _record(lib, change_id, "failed" if done_status == "written" else "undo-failed", str(exc))
        return Outcome(path, expected_old, target, "failed", str(exc))
    if normalize_genres(current) != normalize_genres(expected_old):
        when = "planned" if done_status == "written" else "this batch wrote them"
        reason = f"genres changed on disk since {when} ({current} instead of {expected_old}); left alone"
        _record(lib, change_id, "failed" if done_status == "written" else "undo-failed", reason)
        return Outcome(path, current, target, "skipped", reason)
    try:
        # the DB already holds old and new values (the Change row) before the replace
        write_genres_safely(path, target)
    except WriteError as exc:
        _record(lib, change_id, "failed" if done_status == "written" else "undo-failed", str(exc))
        return Outcome(path, expected_old, target, "failed", str(exc))
    _record(lib, change_id, done_status)
    try:
        refresh_track(lib, Path(path))  # so the next scan sees the file as unchanged
    except (TagError, OSError):
        pass
    return Outcome(path, expected_old, target, "written" if done_status == "written" else "undone")


def write_batch(lib: Library, changes: list[PlannedChange], mode: str, model_key: str | None = None,
                progress: Callable[[int, int, Outcome], None] | None = None,
                should_stop: Callable[[], bool] | None = None) -> tuple[int, list[Outcome]]:
    """Write `changes` as one numbered batch. Returns (batch id, outcomes)."""
    with lib.session() as s:
        batch = Batch(mode=mode, model_key=model_key, created_at=time.time())
        s.add(batch)
        s.flush()
        rows = []
        for c in changes:  # every old and new value is recorded before any file is touched
            row = Change(batch_id=batch.id, track_id=c.track_id, path=c.path,
                         old_json=json.dumps(c.old, ensure_ascii=False),
                         new_json=json.dumps(c.new, ensure_ascii=False), status="pending")
            s.add(row)
            rows.append(row)
        s.flush()
        batch_id = batch.id
        ids = [r.id for r in rows]
    outcomes = []
    for i, (c, change_id) in enumerate(zip(changes, ids)):
        if should_stop and should_stop():
            _record(lib, change_id, "failed", "cancelled before writing")
            outcomes.append(Outcome(c.path, c.old, c.new, "skipped", "cancelled"))
            continue
        out = _write_one(lib, c.path, change_id, c.old, c.new, "written")
        outcomes.append(out)
        if progress:
            progress(i + 1, len(changes), out)
    return batch_id, outcomes


def last_undoable_batch(lib: Library) -> int | None:
    with lib.session() as s:
        return s.scalar(select(Batch.id).where(Batch.undone_at.is_(None)).order_by(Batch.id.desc()))


def undo_batch(lib: Library, batch_id: int | None = None,
               progress: Callable[[int, int, Outcome], None] | None = None) -> tuple[int, list[Outcome]]:
    """Restore the genre values a batch replaced (default: the last batch not undone).
    A file whose genres were changed again since the batch is left alone and reported."""
    if batch_id is None:
        batch_id = last_undoable_batch(lib)
        if batch_id is None:
            raise ValueError("nothing to undo: no write batch in this library")
    with lib.session() as s:
        batch = s.get(Batch, batch_id)
        if batch is None:
            raise ValueError(f"no batch {batch_id} in this library")
        if batch.undone_at is not None:
            raise ValueError(f"batch {batch_id} was already undone")
        # pending: recorded but the process died around the replace; the file tells which
        rows = list(s.scalars(select(Change).where(Change.batch_id == batch_id,
                                                   Change.status.in_(("written", "pending", "undo-failed")))))
    outcomes = []
    for i, row in enumerate(rows):
        if row.status == "pending":
            from tagger.tags import TagError, read_tags

            try:
                on_disk = read_tags(row.path).genres
            except (TagError, OSError):
                on_disk = None
            if on_disk == row.old:  # the replace never happened
                _record(lib, row.id, "undone")
                outcomes.append(Outcome(row.path, row.new, row.old, "undone"))
                if progress:
                    progress(i + 1, len(rows), outcomes[-1])
                continue
        out = _write_one(lib, row.path, row.id, row.new, row.old, "undone")
        outcomes.append(out)
        if progress:
            progress(i + 1, len(rows), out)
    with lib.session() as s:
        remaining = s.scalar(select(Change.id).where(Change.batch_id == batch_id,
                                                     Change.status.in_(("written", "pending", "undo-failed"))))
        if remaining is None:
            s.get(Batch, batch_id).undone_at = time.time()
    return batch_id, outcomes


def history(lib: Library) -> list[dict]:
    """Every batch, newest first, with counts per change status."""
    out = []
    with lib.session() as s:
        for b in s.scalars(select(Batch).order_by(Batch.id.desc())):
            counts: dict[str, int] = {}
            for (status,) in s.execute(select(Change.status).where(Change.batch_id == b.id)):
                counts[status] = counts.get(status, 0) + 1
            out.append({"batch": b.id, "created_at": b.created_at, "mode": b.mode, "model": b.model_key,
                        "undone_at": b.undone_at, "counts": counts})
    return out
