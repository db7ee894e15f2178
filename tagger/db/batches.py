"""Batches: each `apply` run as a numbered, undoable set of changes, with every file's
old and new genres, and the image that rebuilds it byte for byte (tagger.restore). A
change is recorded before its file is replaced, its image too, so a batch can always be
undone."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from tagger.db.schema import Batch, Change, RestoreImage

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library

# a change undo still has to put back (pending: the process died around the replace)
UNDOABLE = ("written", "pending", "undo-failed")


def get(lib: Library, batch_id: int) -> Batch | None:
    with lib.session() as s:
        return s.get(Batch, batch_id)


def newest_first(lib: Library) -> list[Batch]:
    with lib.session() as s:
        return list(s.scalars(select(Batch).order_by(Batch.id.desc())))


def changes_of(lib: Library, batch_id: int) -> list[Change]:
    with lib.session() as s:
        return list(s.scalars(select(Change).where(Change.batch_id == batch_id).order_by(Change.id)))


def create(
    lib: Library, mode: str, model_key: str | None, changes, tag_options: dict | None = None
) -> tuple[int, list[int]]:
    """A new batch with one pending change per item of `changes` (with track_id, path,
    field, old and new, like tagger.apply.PlannedChange), all recorded before any file
    is touched, and the tag options it writes with. Returns (batch id, change ids in the
    order of `changes`)."""
    with lib.session() as s:
        batch = Batch(
            mode=mode,
            model_key=model_key,
            created_at=time.time(),
            tag_options_json=json.dumps(tag_options) if tag_options else None,
        )
        s.add(batch)
        s.flush()
        rows = []
        for c in changes:
            row = Change(
                batch_id=batch.id,
                track_id=c.track_id,
                path=c.path,
                old_json=json.dumps(c.old, ensure_ascii=False),
                new_json=json.dumps(c.new, ensure_ascii=False),
                status="pending",
                field=getattr(c, "field", "genre"),
                content_id=getattr(c, "content_id", None),
            )
            s.add(row)
            rows.append(row)
        s.flush()
        return batch.id, [r.id for r in rows]


def set_change_status(lib: Library, change_id: int, status: str, error: str | None = None) -> None:
    """Record how one change went (see Change.status), at once."""
    with lib.session() as s:
        row = s.get(Change, change_id)
        row.status, row.error = status, error


def keep_image(
    lib: Library, change_ids: list[int], original_sha256: str, original_size: int, written_sha256: str, data: bytes
) -> None:
    """Store the image that rebuilds the file of some changes as it was (before their
    replace): the changes of one file's fields, written in one replace, share it (each
    row holds it, in one transaction, so undo finds it from any of them)."""
    with lib.session() as s:
        for change_id in change_ids:
            s.merge(
                RestoreImage(
                    change_id=change_id,
                    original_sha256=original_sha256,
                    original_size=original_size,
                    written_sha256=written_sha256,
                    data=data,
                )
            )


def image_of(lib: Library, change_id: int) -> RestoreImage | None:
    """The change's restore image; None for changes written without one (an older
    version, an image too large, a write that never reached its replace)."""
    with lib.session() as s:
        return s.get(RestoreImage, change_id)


def written_hashes(lib: Library, batch_id: int) -> dict[str, set[str]]:
    """path -> the sha256 of what the batch's changes wrote there (those with an image),
    in one query: what tells a file holding its own change's result from one holding
    another's."""
    found: dict[str, set[str]] = {}
    with lib.session() as s:
        q = (
            select(Change.path, RestoreImage.written_sha256)
            .join(RestoreImage, RestoreImage.change_id == Change.id)
            .where(Change.batch_id == batch_id)
        )
        for path, sha in s.execute(q):
            found.setdefault(path, set()).add(sha)
    return found


def last_undoable(lib: Library) -> int | None:
    """The newest batch not undone that changed a file (one that wrote nothing is only a
    record of what failed)."""
    with lib.session() as s:
        return s.scalar(
            select(Batch.id)
            .where(
                Batch.undone_at.is_(None),
                select(Change.id).where(Change.batch_id == Batch.id, Change.status.in_(UNDOABLE)).exists(),
            )
            .order_by(Batch.id.desc())
        )


def close_if_undone(lib: Library, batch_id: int) -> bool:
    """Mark the batch undone when none of its changes is left to put back (a failed
    undo leaves it open, so that undo can be retried). True when marked."""
    with lib.session() as s:
        remaining = s.scalar(select(Change.id).where(Change.batch_id == batch_id, Change.status.in_(UNDOABLE)))
        if remaining is not None:
            return False
        s.get(Batch, batch_id).undone_at = time.time()
        return True


def with_status_counts(lib: Library) -> list[tuple[Batch, dict[str, int]]]:
    """Every batch, newest first, with the number of its changes per status (in the
    order the statuses first occur in the batch). Two queries for any number of batches."""
    with lib.session() as s:
        batches = list(s.scalars(select(Batch).order_by(Batch.id.desc())))
        counts: dict[int, dict[str, int]] = {}
        q = (
            select(Change.batch_id, Change.status, func.count())
            .group_by(Change.batch_id, Change.status)
            .order_by(func.min(Change.id))
        )
        for batch_id, status, n in s.execute(q):
            counts.setdefault(batch_id, {})[status] = n
    return [(b, counts.get(b.id, {})) for b in batches]
