"""Tracks: the audio files the scans found, with their tags as last read.

Paths are stored resolved; "under" a folder is a GLOB on the path prefix, so a folder
of 100,000 tracks is one query. GLOB, not LIKE: LIKE ignores case, and "Music/rock"
also matched "Music/Rock" (decide and apply acted on the other folder). A path that is
not UTF-8 is stored as its bytes (schema.PathText): GLOB never matches such a BLOB, so
"under" also compares the leading bytes, and lists sort by the path's bytes, the same
order as the text for UTF-8 paths.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import LargeBinary, cast, delete, func, not_, or_, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from tagger.db import decisions
from tagger.db.chunks import chunks
from tagger.db.schema import BY_PATH, Decision, Track
from tagger.fsnames import is_exact_text
from tagger.gc_pause import no_collector_passes
from tagger.paths import resolve_root

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library


def _glob_prefix(folder: str) -> str:
    """GLOB pattern of the paths inside `folder` (case-sensitive; its wildcards * ? [
    each written as a one-character class)."""
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in folder.rstrip("/\\"))
    return escaped + os.sep + "*"


def _starts_with_bytes(prefix: str, column=Track.path):
    """The path `column` begins with the bytes of `prefix` (exact, for any path)."""
    head = os.fsencode(prefix)
    as_bytes = BY_PATH if column is Track.path else cast(column, LargeBinary)
    return func.substr(as_bytes, 1, len(head), type_=LargeBinary) == head


def path_clauses(paths, column=Track.path) -> list:
    """SQL conditions (to OR together): the path `column` (Track.path, or an alias's) is
    one of `paths` (resolved paths) or lies in one of those folders."""
    clauses = []
    for p in paths:
        clauses.append(column == p)
        if is_exact_text(p):  # text paths: as always
            clauses.append(column.op("GLOB")(_glob_prefix(p)))
        clauses.append(_starts_with_bytes(p.rstrip("/\\") + os.sep, column))  # and paths stored as bytes
    return clauses


def get(lib: Library, track_id: int) -> Track | None:
    with lib.session() as s:
        return s.get(Track, track_id)


def by_path(lib: Library, path: str) -> Track | None:
    with lib.session() as s:
        return s.scalar(select(Track).where(Track.path == path))


def by_ids(lib: Library, track_ids: list[int], should_stop: Callable[[], bool] | None = None) -> list[Track] | None:
    """The tracks of `track_ids` (in no particular order; ids not in the library are
    left out). None when `should_stop` said so between two chunks."""
    found: list[Track] = []
    with lib.session() as s:
        for chunk in chunks(track_ids):
            if should_stop is not None and should_stop():
                return None
            found.extend(s.scalars(select(Track).where(Track.id.in_(chunk))))
    return found


def under(lib: Library, paths, include_gone: bool = False) -> list[Track]:
    """Tracks whose path is one of `paths` or lies in one of those folders (all
    tracks when `paths` is empty), sorted by path."""
    clauses = path_clauses(str(resolve_root(p)) for p in paths)
    with lib.session() as s:
        q = select(Track).where(or_(*clauses)) if clauses else select(Track)
        if not include_gone:
            q = q.where(Track.status != "gone", Track.removed_at.is_(None))
        # a rescan's 100,000 tracks: passes held the GIL for seconds. They outlive the
        # pause (the analysis run holds them), so they leave the collector's view: the
        # first pass after it walked them all (0.7 s, then 0.8 s for the next). They hold
        # no cycles: reference counting frees them (tests/test_gc_pause.py)
        with no_collector_passes(keep_out=True):
            return list(s.scalars(q.order_by(BY_PATH)))


def mark_unread(lib: Library, track_ids) -> None:
    """The next scan reads these files again, as if they had changed (their tags, and
    whether they can be read at all)."""
    with lib.session() as s:
        for chunk in chunks(list(track_ids)):
            s.execute(update(Track).where(Track.id.in_(chunk)).values(mtime_ns=0))


def remove(lib: Library, track_ids) -> int:
    """Take tracks out of the library: marked removed (scans leave them so, the review,
    analyses and writes leave them out) and their decisions forgotten. The files are not
    touched. How many were removed."""
    now = time.time()
    n = 0
    with lib.session() as s:
        for chunk in chunks(list(track_ids)):
            n += s.execute(
                update(Track).where(Track.id.in_(chunk), Track.removed_at.is_(None)).values(removed_at=now)
            ).rowcount
            s.execute(delete(Decision).where(Decision.track_id.in_(chunk)))
    return n


def removed_under(lib: Library, paths) -> int:
    """How many tracks at or under `paths` (resolved paths) are removed from the library."""
    clauses = path_clauses(str(p) for p in paths)
    if not clauses:
        return 0
    with lib.session() as s:
        q = select(func.count()).select_from(Track).where(or_(*clauses), Track.removed_at.is_not(None))
        return int(s.scalar(q) or 0)


def restore(lib: Library, paths) -> int:
    """Bring back the removed tracks at or under `paths` (resolved paths); how many."""
    clauses = path_clauses(str(p) for p in paths)
    if not clauses:
        return 0
    with lib.session() as s:
        return s.execute(
            update(Track).where(or_(*clauses), Track.removed_at.is_not(None)).values(removed_at=None)
        ).rowcount


def copies_elsewhere(lib: Library, roots) -> list[tuple[str, str]]:
    """(path under `roots`, path outside them) of each pair of tracks holding the same
    audio, the one under `roots` present, the other not known to be gone: the raw
    material of `tagger.moved_folder.guess` (a folder renamed outside the app leaves its
    tracks present under a path that no longer exists). Tracks outside `roots` are
    looked up by the audio found under them, not joined pair by pair: a folder of
    thousands of links to a few files would make millions of pairs."""
    roots = [str(p) for p in roots]
    inside = path_clauses(roots)
    if not inside:
        return []
    found_here = select(Track.content_id).where(or_(*inside), Track.status == "present", Track.content_id.is_not(None))
    elsewhere = select(Track.content_id, Track.path).where(
        Track.content_id.in_(found_here), Track.status != "gone", not_(or_(*inside))
    )
    with lib.session() as s:
        others: dict[str, list[str]] = {}
        for cid, path in s.execute(elsewhere):
            others.setdefault(cid, []).append(path)
        pairs = []  # one track here per audio: a pair for each track elsewhere, not each combination
        for chunk in chunks(sorted(others)):
            q = select(Track.content_id, Track.path).where(
                Track.content_id.in_(chunk), Track.status == "present", or_(*inside)
            )
            for cid, path in s.execute(q):
                pairs += [(path, other) for other in others.pop(cid, ())]
        return pairs


def mark_folder_moved(lib: Library, old: str, new: str) -> tuple[int, int, int]:
    """`old` (a folder that no longer exists) was moved or renamed to `new`: its tracks
    are gone, and whatever followed them (decisions, removal from the library) goes to
    the tracks under `new` that hold their audio, by `decisions.follow_moves` and
    `decisions.follow_audio`, as after a scan. Returns (tracks under `old` now gone,
    of them found under `new`, decisions now under `new` that were not before)."""
    with lib.session() as s:
        gone_ids = [i for (i,) in s.execute(select(Track.id).where(or_(*path_clauses([old])), Track.status != "gone"))]
        audio: set[str] = set()
        for chunk in chunks(gone_ids):
            audio.update(c for (c,) in s.execute(select(Track.content_id).where(Track.id.in_(chunk))) if c)
        arrived = []
        for chunk in chunks(sorted(audio)):
            q = select(Track.id).where(
                or_(*path_clauses([new])), Track.status == "present", Track.content_id.in_(chunk)
            )
            arrived += [i for (i,) in s.execute(q)]
        decided_before = _decided(s, arrived)
        for chunk in chunks(gone_ids):
            s.execute(update(Track).where(Track.id.in_(chunk)).values(status="gone"))
        moved = decisions.follow_moves(s, arrived)
        decisions.follow_audio(s, gone_ids)
        return len(gone_ids), len(moved), _decided(s, arrived) - decided_before


def _decided(s: Session, track_ids: list[int]) -> int:
    return sum(
        int(s.scalar(select(func.count()).select_from(Decision).where(Decision.track_id.in_(chunk))) or 0)
        for chunk in chunks(track_ids)
    )


def copies_of(lib: Library, track_id: int) -> list[Track]:
    """The present tracks with the audio content of track `track_id` (itself included
    when present), oldest row first; none when it is unknown or has no content id. Tag
    writes keep the content id, so this finds a file after a move or rename and a rescan."""
    with lib.session() as s:
        track = s.get(Track, track_id)
        if track is None or not track.content_id:
            return []
        return list(
            s.scalars(
                select(Track).where(Track.content_id == track.content_id, Track.status == "present").order_by(Track.id)
            )
        )


def with_content(lib: Library, content_id: str) -> list[Track]:
    """The present tracks (not removed) with this audio content, oldest row first."""
    with lib.session() as s:
        q = select(Track).where(Track.content_id == content_id, Track.status == "present", Track.removed_at.is_(None))
        return list(s.scalars(q.order_by(Track.id)))


def apply_record(track: Track, record: dict) -> None:
    """Set a track's columns from a file record (tagger.scan.read_file_record): it is
    readable, so present."""
    for key, value in record.items():
        if key == "genres":
            track.genres = value
        elif key == "fields":
            track.fields_json = json.dumps(value, ensure_ascii=False)
        else:
            setattr(track, key, value)
    track.status, track.error = "present", None


def mark_unreadable(lib: Library, track_ids: list[int], reason: str) -> None:
    """These tracks turned out unreadable after the scan (their analysis found no real
    audio): recorded as a scan error is, so they are never written, and reported again
    until the file changes."""
    with lib.session() as s:
        for chunk in chunks(track_ids):
            s.execute(update(Track).where(Track.id.in_(chunk)).values(status="error", error=reason))


def upsert(s: Session, track: Track) -> int:
    """Store `track` (a new, unsaved row) as the row of its path: inserted, or, when
    another process (a second scan, the app beside a command) stored that path since we
    looked, that row updated with these values. One statement (INSERT ... ON CONFLICT),
    so two scans of one folder never fail on the unique path. Returns the row's id."""
    table = Track.__table__
    values = {c.name: getattr(track, c.key) for c in table.columns if c.name != "id"}
    # unset columns with a default: the default on insert, left as they are on update
    values = {k: v for k, v in values.items() if v is not None or table.c[k].nullable}
    if values.get("added_at") is None:  # nullable (older rows), so not filled in by its default
        values["added_at"] = time.time()
    stmt = insert(Track).values(values)
    # a row stored meanwhile keeps when it joined and whether the user removed it
    kept = ("path", "added_at", "removed_at")
    stmt = stmt.on_conflict_do_update(
        index_elements=[Track.path], set_={k: stmt.excluded[k] for k in values if k not in kept}
    )
    return s.execute(stmt.returning(Track.id)).scalar_one()


def store_record(lib: Library, path: Path, record: dict, size: int, mtime_ns: int) -> Track:
    """Record one file as just read (a new row, or its row updated)."""
    track = Track(path=str(path), folder=str(path.parent), size=size, mtime_ns=mtime_ns, scanned_at=time.time())
    apply_record(track, record)
    with lib.session() as s:
        stored = s.get(Track, upsert(s, track), populate_existing=True)
        if stored is None:  # (just written in this transaction)
            raise LookupError(f"track {path} is not in the library")
        return stored


class ScanWriter:
    """The reads and writes of one scan, in one session. The scan commits every few
    hundred files, so a killed scan keeps what it recorded; the rest is committed when
    the `scan_writer` block ends. Track rows from `get` are tracked: what the scan sets
    on them is written at the next commit."""

    def __init__(self, session: Session):
        self._s = session

    def known(self, roots) -> dict:
        """path -> (id, path, size, mtime_ns, status, error, content_id) of every track at
        or below `roots` (resolved paths)."""
        known = {}
        for root in roots:
            q = select(Track.id, Track.path, Track.size, Track.mtime_ns, Track.status, Track.error, Track.content_id)
            q = q.where(or_(*path_clauses([str(root)])))
            for row in self._s.execute(q):
                known[row.path] = row
        return known

    def get(self, track_id: int) -> Track:
        track = self._s.get(Track, track_id)
        if track is None:  # ids come from `known`, read in this same session
            raise LookupError(f"track {track_id} is not in the library")
        return track

    def add(self, track: Track) -> int:
        """Store a track found new now (`upsert`: another scan may have stored it since
        `known` was read); its id."""
        return upsert(self._s, track)

    def commit(self) -> None:
        self._s.commit()

    def mark_gone(self, track_ids: list[int]) -> None:
        for chunk in chunks(track_ids):
            self._s.execute(update(Track).where(Track.id.in_(chunk)).values(status="gone"))

    def carry_decisions_over_moves(self, new_ids: list[int]) -> list[int]:
        """See `decisions.follow_moves`: the ids of the gone tracks that moved."""
        return decisions.follow_moves(self._s, new_ids)

    def renew_content_id(self, old: str | None, new: str | None) -> None:
        """The same audio's id made by this version (`old`: an older version's): the
        decisions and changes made for it name it so too, or they would look made for
        other audio."""
        if old and new and old != new:
            from tagger.db.schema import Change

            self._s.execute(update(Decision).where(Decision.content_id == old).values(content_id=new))
            self._s.execute(update(Change).where(Change.content_id == old).values(content_id=new))

    def follow_audio(self, track_ids: list[int]) -> int:
        """See `decisions.follow_audio`: how many decisions moved."""
        return decisions.follow_audio(self._s, track_ids)


@contextmanager
def scan_writer(lib: Library):
    with lib.session() as s:
        yield ScanWriter(s)
