"""The review table's load: every track (not gone) with its analysis by one model, its
decision and the last change a write batch made to it, in two queries, streamed. The
rows are built and scored by tagger.review.ReviewData.load; at 100,000 tracks this
takes a second or two, not minutes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Row

from tagger.db.chunks import chunks
from tagger.db.decisions import for_its_audio
from tagger.db.schema import BY_PATH, Analysis, Batch, Change, Decision, Track
from tagger.db.tracks import path_clauses
from tagger.gil_steps import STEP
from tagger.paths import resolve_root

if TYPE_CHECKING:
    from tagger.db.library import Library

# the columns of each row `review_rows` yields, in this order
COLUMNS = (
    Track.id,
    Track.path,
    Track.folder,
    Track.status,
    Track.error,
    Track.artist,
    Track.album,
    Track.title,
    Track.tracknumber,
    Track.duration,
    Track.format,
    Track.genres_json,
    Analysis.status,
    Analysis.error,
    Analysis.scores_json,
    Analysis.scores_u16,
    Analysis.embedding,
    Decision.state,
    Decision.genres_json,
    Decision.decided_at,
    Track.bitrate,
    Track.size,
    func.coalesce(Track.added_at, Track.scanned_at),  # "Date added" (older rows: last read)
    Track.fields_json,
)


def review_rows(lib: Library, model_key: str, roots=None) -> Iterator[tuple[Row, tuple | None]]:
    """(row, last change) per track, sorted by path: row has the COLUMNS (analysis and
    decision columns None when there is none); last change is (status, error, batch
    created_at, batch undone_at) of the newest change to the track, or None. `roots`:
    only the tracks at or below these paths. Stop iterating to stop the load."""
    q = (
        select(*COLUMNS)
        .outerjoin(Analysis, and_(Analysis.content_id == Track.content_id, Analysis.model_key == model_key))
        # a decision made for other audio than the file holds now counts as none (is_stale)
        .outerjoin(Decision, and_(Decision.track_id == Track.id, for_its_audio()))
        .where(Track.status != "gone", Track.removed_at.is_(None))
    )
    clauses = path_clauses(str(resolve_root(r)) for r in roots or [])
    if clauses:
        q = q.where(or_(*clauses))
    with lib.session() as s:
        last_change = {r[0]: r[1:] for r in s.execute(_last_changes()) if r[0] is not None}
        # fetched in batches: the whole result at once was freed in one go at the end,
        # 100,000 rows of 24 values, 50-90 ms with the window waiting for the GIL
        for r in s.execute(q.order_by(BY_PATH).execution_options(yield_per=STEP)):
            yield r, last_change.get(r[0])


def _last_changes(track_ids=None):
    """(track id, status, error, batch created_at, batch undone_at) of the newest change
    a write batch made to each track (of `track_ids`: all when None)."""
    newest = select(func.max(Change.id)).group_by(Change.track_id)
    if track_ids is not None:
        newest = newest.where(Change.track_id.in_(track_ids))
    return (
        select(Change.track_id, Change.status, Change.error, Batch.created_at, Batch.undone_at)
        .join(Batch, Batch.id == Change.batch_id)
        .where(Change.id.in_(newest.scalar_subquery()))
    )


def last_changes(lib: Library, track_ids: list[int]) -> dict[int, tuple]:
    """track id -> (status, error, batch created_at, batch undone_at) of the newest change
    to it, for those of `track_ids` a write batch changed (as `review_rows` gives it)."""
    found: dict[int, tuple] = {}
    with lib.session() as s:
        for part in chunks(track_ids):
            found.update((r[0], tuple(r[1:])) for r in s.execute(_last_changes(part)))
    return found
