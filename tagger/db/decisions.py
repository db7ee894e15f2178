"""Decisions: what the user decided for a track (accepted, overridden with own genres,
or skipped). Recorded at once, so nothing is lost if the app is killed."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, delete, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert  # ON CONFLICT
from sqlalchemy.orm import Session

from tagger.db.chunks import chunks
from tagger.db.schema import BY_PATH, Decision, Track

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library

STATES = ("accepted", "overridden", "skipped", "cleared")  # cleared: forget the decision
# how a decision was made (Decision.scope): on its own, or with other tracks in one action
TRACK, GROUP = "track", "group"

# a track's decision: (state or None for no decision, genres, decided_at or None, scope or
# None, the content id of the audio it is for, or None: its track's now)
State = tuple[str | None, list[str], float | None, str | None, str | None]


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
    """track id -> (state, decided_at) of those of `track_ids` that have a decision (for
    the audio they hold: a stale one counts as none)."""
    found: dict[int, tuple[str, float | None]] = {}
    with lib.session() as s:
        for part in chunks(track_ids):
            q = (
                select(Decision.track_id, Decision.state, Decision.decided_at)
                .join(Track, Track.id == Decision.track_id)
                .where(Decision.track_id.in_(part), for_its_audio())
            )
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
    put(s, {tid: (None if state == "cleared" else state, genres, now, scope, None) for tid in track_ids})


def put(s: Session, states: dict[int, State]) -> None:
    """Set the tracks' decision rows as given ({track id: (state or None for no
    decision, genres, decided_at, scope, content id or None for the track's now)}),
    set-based: one upsert statement (INSERT ... ON CONFLICT DO UPDATE) executed for every
    decided track, one DELETE per 500 cleared ones (a query per track took minutes for
    100,000 tracks)."""
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
    decided = [tid for tid, (state, *_) in states.items() if state is not None]
    audio = track_audio(s, decided)  # the audio each new decision is made for: its track's, now
    rows = [
        {
            "track_id": tid,
            "state": state,
            "genres_json": as_json(genres),
            "decided_at": now if decided_at is None else decided_at,
            "scope": scope,
            "content_id": audio.get(tid) if cid is None else cid,
        }
        for tid, (state, genres, decided_at, scope, cid) in states.items()
        if state is not None
    ]
    if rows:
        table = cast(Table, Decision.__table__)
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.track_id],
            set_={k: stmt.excluded[k] for k in ("state", "genres_json", "decided_at", "scope", "content_id")},
        )
        s.execute(stmt, rows)


def track_audio(s: Session, track_ids: list[int]) -> dict[int, str | None]:
    """track id -> the content id of the audio its file holds (as last scanned)."""
    audio: dict[int, str | None] = {}
    for chunk in chunks(track_ids):
        q = select(Track.id, Track.content_id).where(Track.id.in_(chunk))
        audio.update((tid, cid) for tid, cid in s.execute(q))
    return audio


def states_of(s: Session, track_ids: list[int]) -> dict[int, State]:
    """Each track's decision now: (state or None, genres, decided_at, scope, content id)."""
    out: dict[int, State] = {tid: (None, [], None, None, None) for tid in track_ids}
    cols = select(
        Decision.track_id,
        Decision.state,
        Decision.genres_json,
        Decision.decided_at,
        Decision.scope,
        Decision.content_id,
    )
    for chunk in chunks(track_ids):
        for tid, state, genres_json, decided_at, scope, cid in s.execute(cols.where(Decision.track_id.in_(chunk))):
            out[tid] = (state, json.loads(genres_json or "[]"), decided_at, scope, cid)
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
    stale: bool = False  # made for other audio than the file holds now (is_stale)


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
                Decision.content_id,
            )
            .join(Decision, Decision.track_id == Track.id)
            .where(
                Decision.state.in_(("accepted", "overridden")), Track.status == "present", Track.removed_at.is_(None)
            )
            .order_by(Track.path)
        ).all()
    out = []
    for path, content_id, folder, album, genres_json, state, scope, decided_for in rows:
        genres = json.loads(genres_json)
        if genres:
            stale = for_other_audio(decided_for, content_id)
            out.append(ConfirmedRow(path, content_id, folder, album, genres, state, scope, stale))
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
    gone: dict[str, list[Track]] = {}
    for chunk in chunks(sorted({t.content_id for t in arrived})):
        # latest first: of several gone copies, the most recently scanned one moved
        q = select(Track).where(Track.status == "gone", Track.content_id.in_(chunk)).order_by(Track.scanned_at.desc())
        for t in s.scalars(q):
            if t.content_id is not None:  # (the query asked for these ids)
                gone.setdefault(t.content_id, []).append(t)
    moved = []
    for t in sorted(arrived, key=lambda t: t.path):
        pool = gone.get(t.content_id or "") or []
        if not pool:
            continue
        old = closest(t.path, pool)  # copies moved together each pair with their own old place
        pool.remove(old)
        moved.append(old.id)
        if old.removed_at is not None and t.removed_at is None:  # removed by the user: it stays removed
            t.removed_at = old.removed_at
        decision = s.get(Decision, old.id)
        if decision is not None and decision.content_id is None:  # (the others follow their audio: follow_audio)
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


def _same_audio_older_id(track: Track, cid: str | None) -> bool:
    """Whether `cid`, an id made by an older version, is of the audio `track` holds (a
    file read again gets an id of this version)."""
    from tagger.fingerprint import holds_audio, is_current_id

    return not is_current_id(cid) and holds_audio(track.path, cid)


def closest(path: str, tracks: list[Track]) -> Track:
    """Of `tracks`, the one whose path is most like `path`: the same file name, then the
    folder name sharing the longest beginning ("Album" -> "Album (2019)"), then the first."""
    name, folder = os.path.basename(path), os.path.basename(os.path.dirname(path))

    def likeness(t: Track) -> tuple[bool, int]:
        other = os.path.basename(os.path.dirname(t.path))
        return os.path.basename(t.path) != name, -len(os.path.commonprefix([folder, other]))

    return min(tracks, key=likeness)


def is_stale(decision: Decision, track: Track) -> bool:
    """Whether `decision` was made for other audio than `track` holds now (its file was
    replaced or re-encoded, and the audio decided for is nowhere to follow). The track
    then counts as undecided (the review, group actions, writes) and the decision is not
    learnt from, until the user decides again; it is kept, so that the file's old audio
    put back gets it back. `for_its_audio` is the same rule in SQL."""
    return for_other_audio(decision.content_id, track.content_id)


def for_other_audio(decided_for: str | None, holds: str | None) -> bool:
    """`is_stale` from the two content ids: the audio decided for, the audio held now
    (either unknown: not stale, as before content ids were kept)."""
    return decided_for is not None and holds is not None and decided_for != holds


def for_its_audio():
    """SQL: the decision joined to its track is for the audio the track holds (not
    `is_stale`)."""
    return or_(Decision.content_id.is_(None), Track.content_id.is_(None), Decision.content_id == Track.content_id)


def follow_audio(s: Session, track_ids: list[int]) -> int:
    """A decision is for the audio it was made for. Of the tracks `track_ids` (the ones a
    scan found changed or gone), each decision whose track no longer holds that audio
    (names swapped, an album renumbered, a folder moved away and back, its place gone)
    moves to a present track that holds it and has no decision of its own: one with the
    same file name first. A decision with no such track stays where it is: a gone
    track's until its audio turns up; a present track's is then `stale` (its file holds
    other audio), and neither a write nor a personal model takes it. Returns how many
    moved. Decisions made before their audio was recorded (no content id) stay."""
    displaced: list[tuple[Decision, Track]] = []
    for chunk in chunks(list(track_ids)):
        q = (
            select(Decision, Track)
            .join(Track, Track.id == Decision.track_id)
            .where(Decision.track_id.in_(chunk), Decision.content_id.is_not(None))
        )
        for decision, track in s.execute(q).all():
            if (
                track.status != "gone"
                and track.content_id != decision.content_id
                and _same_audio_older_id(track, decision.content_id)
            ):
                decision.content_id = track.content_id  # (an older version's id of this audio)
            elif track.status == "gone" or track.content_id != decision.content_id:
                displaced.append((decision, track))
    if not displaced:
        return 0
    homes: dict[str, list[Track]] = {}
    wanted = sorted({d.content_id for d, _ in displaced if d.content_id})
    for chunk in chunks(wanted):
        undecided_here = (
            select(Track)
            .outerjoin(Decision, Decision.track_id == Track.id)
            .where(
                Track.content_id.in_(chunk),
                Track.status == "present",
                Track.removed_at.is_(None),
                Decision.track_id.is_(None),
            )
            .order_by(Track.id)
        )
        for t in s.scalars(undecided_here):
            if t.content_id is not None:
                homes.setdefault(t.content_id, []).append(t)
    # a displaced decision's track is a home too, if its own decision moves away (names
    # swapped: each file's decision goes to the other's place)
    leaving = {track.id: track for _, track in displaced if track.status == "present" and track.removed_at is None}
    for track in leaving.values():
        if track.content_id is not None:
            homes.setdefault(track.content_id, []).append(track)
    chosen: dict[int, Track] = {}  # displaced decision's track id -> its new home
    used: set[int] = set()
    for decision, track in displaced:
        pool = [t for t in homes.get(decision.content_id or "", []) if t.id not in used and t.id != track.id]
        if track.status == "gone":
            # a gone file's audio elsewhere is where it went only if that file was read
            # after the gone one last was: not a backup copy the library knew before
            pool = [t for t in pool if (t.scanned_at or 0) >= (track.scanned_at or 0)]
        if not pool:
            continue
        # a track with no decision before one whose decision leaves; of those, the closest path
        undecided = [t for t in pool if t.id not in leaving]
        home = closest(track.path, undecided or pool)
        chosen[track.id] = home
        used.add(home.id)
    while True:  # a home whose own decision stays (nowhere to go) is no home
        blocked = [tid for tid, home in chosen.items() if home.id in leaving and home.id not in chosen]
        if not blocked:
            break
        for tid in blocked:
            del chosen[tid]
    moves = [(decision, chosen[track.id]) for decision, track in displaced if track.id in chosen]
    for decision, _ in moves:
        s.delete(decision)
    s.flush()
    for decision, home in moves:
        s.add(
            Decision(
                track_id=home.id,
                state=decision.state,
                genres_json=decision.genres_json,
                decided_at=decision.decided_at,
                scope=decision.scope,
                content_id=decision.content_id,
            )
        )
    s.flush()
    return len(moves)
