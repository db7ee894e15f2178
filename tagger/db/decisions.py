"""Decisions: what the user decided for a track (accepted, overridden with own genres,
or skipped). Recorded at once, so nothing is lost if the app is killed."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert  # ON CONFLICT
from sqlalchemy.orm import Session

from tagger.db.chunks import chunks
from tagger.db.schema import BY_PATH, Decision, Track

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library

STATES = ("accepted", "overridden", "skipped", "cleared")  # cleared: forget the decision
# how a decision was made (Decision.scope): on its own, or with other tracks in one action
TRACK, GROUP = "track", "group"

# a track's decision: (state or None for no decision, genres, decided_at or None, scope or None)
State = tuple[str | None, list[str], float | None, str | None]


def scope_for(n_tracks: int) -> str:
    """The scope of an action that decides `n_tracks` tracks and says no other: one track
    is decided on its own, more are a group."""
    return TRACK if n_tracks == 1 else GROUP


def get(lib: Library, track_id: int) -> Decision | None:
    with lib.session() as s:
        return s.get(Decision, track_id)


def for_tracks(lib: Library, track_ids: list[int]) -> dict[int, Decision]:
    """track id -> decision, of those of `track_ids` that have one (one query: pass a
    few hundred ids at a time)."""
    with lib.session() as s:
        return {d.track_id: d for d in s.scalars(select(Decision).where(Decision.track_id.in_(track_ids)))}


def states(lib: Library, track_ids: list[int]) -> dict[int, tuple[str, float | None]]:
    """track id -> (state, decided_at) of those of `track_ids` that have a decision."""
    found: dict[int, tuple[str, float | None]] = {}
    with lib.session() as s:
        for part in chunks(track_ids):
            q = select(Decision.track_id, Decision.state, Decision.decided_at).where(Decision.track_id.in_(part))
            found.update((tid, (state, at)) for tid, state, at in s.execute(q))
    return found


def record(lib: Library, track_ids, state: str, genres: list[str] | None = None, scope: str | None = None) -> None:
    """Record a decision at once (nothing is lost if the app is killed)."""
    with lib.session() as s:
        write(s, track_ids, state, genres, scope=scope)


def checked_genres(state: str, genres: list[str] | None) -> list[str]:
    """The genres to store with `state` (ValueError for an unknown state or an empty
    override)."""
    if state not in STATES:
        raise ValueError(f"unknown decision {state!r}")
    if state == "overridden":
        genres = [g.strip() for g in genres or [] if g and g.strip()]
        if not genres:  # `apply --mode replace` would erase the file's genres
            raise ValueError(
                "an override needs at least one genre; to forget the decision, "
                "clear it instead (`tagger decide FILE --clear`, or Undecide in the app)"
            )
    return list(genres or [])


def write(
    s: Session,
    track_ids,
    state: str,
    genres: list[str] | None = None,
    now: float | None = None,
    scope: str | None = None,
) -> None:
    """`record` inside a session the caller holds (a decision step records its history
    in the same transaction)."""
    genres = checked_genres(state, genres)
    now = time.time() if now is None else now
    put(s, {tid: (None if state == "cleared" else state, genres, now, scope) for tid in track_ids})


def put(s: Session, states: dict[int, State]) -> None:
    """Set the tracks' decision rows as given ({track id: (state or None for no
    decision, genres, decided_at, scope)}), set-based: one upsert statement (INSERT ...
    ON CONFLICT DO UPDATE) executed for every decided track, one DELETE per 500 cleared
    ones (a query per track took minutes for 100,000 tracks)."""
    cleared = [tid for tid, (state, *_) in states.items() if state is None]
    for chunk in chunks(cleared):
        s.execute(
            delete(Decision).where(Decision.track_id.in_(chunk)), execution_options={"synchronize_session": False}
        )
    genres_text: dict[tuple[str, ...], str] = {}  # one JSON text per distinct genre list

    def as_json(genres: list[str]) -> str:
        key = tuple(genres)
        text = genres_text.get(key)
        if text is None:
            text = genres_text[key] = json.dumps(list(genres), ensure_ascii=False)
        return text

    now = time.time()
    rows = [
        {
            "track_id": tid,
            "state": state,
            "genres_json": as_json(genres),
            "decided_at": now if decided_at is None else decided_at,
            "scope": scope,
        }
        for tid, (state, genres, decided_at, scope) in states.items()
        if state is not None
    ]
    if rows:
        table = cast(Table, Decision.__table__)
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.track_id],
            set_={k: stmt.excluded[k] for k in ("state", "genres_json", "decided_at", "scope")},
        )
        s.execute(stmt, rows)


def states_of(s: Session, track_ids: list[int]) -> dict[int, State]:
    """Each track's decision now: (state or None, genres, decided_at, scope)."""
    out: dict[int, State] = {tid: (None, [], None, None) for tid in track_ids}
    cols = select(Decision.track_id, Decision.state, Decision.genres_json, Decision.decided_at, Decision.scope)
    for chunk in chunks(track_ids):
        for tid, state, genres_json, decided_at, scope in s.execute(cols.where(Decision.track_id.in_(chunk))):
            out[tid] = (state, json.loads(genres_json or "[]"), decided_at, scope)
    return out


def confirmed_tracks(lib: Library) -> list[tuple[str, list[str]]]:
    """(path, genres) of present tracks (not removed from the library) whose genres the
    user confirmed (accepted or overridden), however they were decided. What a personal model learns from is
    tagger.training_data.training_set (not the suggestions accepted in a group)."""
    with lib.session() as s:
        rows = s.execute(
            select(Track.path, Decision.genres_json)
            .join(Decision, Decision.track_id == Track.id)
            .where(
                Decision.state.in_(("accepted", "overridden")), Track.status == "present", Track.removed_at.is_(None)
            )
            .order_by(BY_PATH)
        ).all()
    return [(path, json.loads(g)) for path, g in rows if json.loads(g)]


@dataclass(frozen=True)
class ConfirmedRow:
    """A confirmed track as a personal model's training data reads it."""

    path: str
    content_id: str | None
    folder: str
    album: str | None
    genres: list[str]
    state: str  # accepted | overridden
    scope: str | None  # TRACK, GROUP, or None: decided before the scope was kept


def confirmed_tracks_detailed(lib: Library) -> list[ConfirmedRow]:
    """The confirmed tracks of `confirmed_tracks`, with what a personal model needs to
    find their embeddings, keep an album on one side of its held-out check, and leave
    out the suggestions accepted in a group."""
    with lib.session() as s:
        rows = s.execute(
            select(
                Track.path,
                Track.content_id,
                Track.folder,
                Track.album,
                Decision.genres_json,
                Decision.state,
                Decision.scope,
            )
            .join(Decision, Decision.track_id == Track.id)
            .where(
                Decision.state.in_(("accepted", "overridden")), Track.status == "present", Track.removed_at.is_(None)
            )
            .order_by(Track.path)
        ).all()
    out = []
    for path, content_id, folder, album, genres_json, state, scope in rows:
        genres = json.loads(genres_json)
        if genres:
            out.append(ConfirmedRow(path, content_id, folder, album, genres, state, scope))
    return out


def follow_moves(s: Session, new_ids: list[int]) -> list[int]:
    """A file that vanished from one place (in this scan or an earlier one, under any
    root) and appears in another with the same audio content was moved or renamed: its
    decision follows it. So a folder moved from one scanned root to another keeps the
    user's work even when the two roots are scanned at different times. Runs in the
    scan's session (`new_ids`: the tracks it added). Returns the ids of the gone tracks
    that moved."""
    if not new_ids:
        return []
    arrived: list[Track] = []
    for chunk in chunks(new_ids):
        arrived += s.scalars(select(Track).where(Track.id.in_(chunk), Track.content_id.is_not(None))).all()
    gone: dict[str, Track] = {}
    for chunk in chunks(sorted({t.content_id for t in arrived})):
        # latest first: of several gone copies, the most recently scanned one moved
        q = select(Track).where(Track.status == "gone", Track.content_id.in_(chunk)).order_by(Track.scanned_at.desc())
        for t in s.scalars(q):
            if t.content_id is not None:  # (the query asked for these ids)
                gone.setdefault(t.content_id, t)
    moved = []
    for t in arrived:
        old = gone.pop(t.content_id, None) if t.content_id is not None else None
        if old is None:
            continue
        moved.append(old.id)
        if old.removed_at is not None and t.removed_at is None:  # removed by the user: it stays removed
            t.removed_at = old.removed_at
        decision = s.get(Decision, old.id)
        if decision is not None:
            # kept when the new place has a decision of its own (also one another
            # process recorded since)
            moved_over = s.execute(
                sqlite_insert(Decision)
                .values(
                    track_id=t.id,
                    state=decision.state,
                    genres_json=decision.genres_json,
                    decided_at=decision.decided_at,
                    scope=decision.scope,
                )
                .on_conflict_do_nothing()
                .returning(Decision.track_id)
            ).first()
            if moved_over is not None:
                s.delete(decision)
    return moved
