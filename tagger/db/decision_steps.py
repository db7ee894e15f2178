"""The undo history of review decisions, kept in the library (so it outlives the app and
is shared by the app and `tagger decide`).

A step is one user action: every track it touched, with its decision before and after,
recorded in the same transaction as the decisions themselves. Undo puts the "before"
back exactly (including "no decision" and the old decision time); redo puts the "after"
back. The history is a line: a new step drops the undone steps (nothing to redo), and
only the newest MAX_STEPS steps are kept. A track whose decision changed since the step
by another way (a scan moved it to a new path), or that is gone or removed from the
library since, is left alone and reported.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tagger.db import decisions
from tagger.db.chunks import chunks
from tagger.db.schema import DecisionStep, Track
from tagger.gc_pause import no_collector_passes

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library

MAX_STEPS = 100  # older steps are forgotten

State = decisions.State  # (state or None for "no decision", genres, decided_at, scope, content id)
Groups = dict[tuple[str, tuple[str, ...]], list[int]]  # (state, genres) -> track ids


@dataclass(frozen=True)
class StepInfo:
    id: int
    what: str
    n_tracks: int
    created_at: float


@dataclass
class StepOutcome:
    """What an undo or redo did."""

    step: StepInfo
    restored: dict[int, State] = field(default_factory=dict)  # track id -> its decision now
    previous: dict[int, State] = field(default_factory=dict)  # track id -> its decision before
    changed_since: list[int] = field(default_factory=list)  # changed by other means: left alone
    rows: list = field(default_factory=list)  # the review rows updated (tagger.app.decisions fills it)


def record(lib: Library, groups: Groups, what: str, scope: str | None = None) -> StepInfo | None:
    """Record the decisions of `groups` as one step (ValueError, and nothing recorded,
    for an empty override). A step that changes no track's decision is not kept: undo
    then goes to the step before. Returns the step kept, or None.

    `scope`: how the decisions were made, decisions.TRACK (on its own) or decisions.GROUP
    (with others in one action); None: TRACK for a step of one track, else GROUP. A group
    leaves alone a track that already has the same decision made on its own: accepting
    a folder does not make a suggestion the user accepted by itself one of a group's."""
    # no collector passes meanwhile: a step of 98,000 tracks builds a few hundred
    # thousand short-lived lists and tuples (no cycles), which set off full passes of
    # 70-190 ms each, the window's thread waiting for the GIL through every one; what
    # the threads built meanwhile leaves its view after (the first young pass walked
    # a few hundred thousand objects: 45 ms)
    with no_collector_passes(keep_out=True):
        return _record(lib, groups, what, scope)


def _record(lib: Library, groups: Groups, what: str, scope: str | None) -> StepInfo | None:
    now = time.time()
    if scope is None:
        scope = decisions.scope_for(sum(len(tids) for tids in groups.values()))
    after: dict[int, State] = {}
    for (state, genres), tids in groups.items():
        stored = decisions.checked_genres(state, list(genres))
        decision: State = (None, [], None, None, None) if state == "cleared" else (state, stored, now, scope, None)
        after.update((tid, decision) for tid in tids)
    ids = list(after)
    with lib.session() as s:
        before = decisions.states_of(s, ids)
        # a decision made for other audio than its track holds now (stale) is none to
        # compare with: deciding the same again is a change (the new audio's decision)
        audio = decisions.track_audio(s, ids)
        current = {tid: _NONE if _is_stale(state, audio.get(tid)) else state for tid, state in before.items()}
        if scope == decisions.GROUP:
            for tid in ids:
                if _same_choice(current[tid], after[tid]) and _scope(current[tid]) == decisions.TRACK:
                    after[tid] = before[tid]
        decisions.put(s, after)
        touched = [tid for tid in ids if not _same(current[tid], after[tid])]
        if not touched:
            return None
        after = decisions.states_of(s, touched)  # as stored: with the content id each is for
        s.execute(delete(DecisionStep).where(DecisionStep.undone_at.is_not(None)))  # no redo past a new step
        step = DecisionStep(
            created_at=now,
            what=what,
            n_tracks=len(touched),
            before_json=_dump({t: before[t] for t in touched}),
            after_json=_dump({t: after[t] for t in touched}),
        )
        s.add(step)
        s.flush()
        keep = select(DecisionStep.id).order_by(DecisionStep.id.desc()).limit(MAX_STEPS)
        s.execute(delete(DecisionStep).where(DecisionStep.id.not_in(keep)))
        return _info(step)


def undoable(lib: Library) -> StepInfo | None:
    """The step undo would take back: the newest one not undone."""
    with lib.session() as s:
        return _find(s, undone=False)


def redoable(lib: Library) -> StepInfo | None:
    """The step redo would do again: the oldest undone one."""
    with lib.session() as s:
        return _find(s, undone=True)


def track_ids(lib: Library, step_id: int) -> list[int]:
    with lib.session() as s:
        step = s.get(DecisionStep, step_id)
        return [] if step is None else [int(t) for t, *_ in json.loads(step.before_json)]


def undo(lib: Library) -> StepOutcome | None:
    """Take back the newest step not undone (None: there is none)."""
    with no_collector_passes(keep_out=True), lib.session() as s:  # as in record
        info = _find(s, undone=False)
        if info is None:
            return None
        step = s.get(DecisionStep, info.id)
        assert step is not None
        out = _put_back(s, info, expected=step.after_json, target=step.before_json)
        step.undone_at = time.time()
        return out


def redo(lib: Library) -> StepOutcome | None:
    """Do the oldest undone step again (None: there is none)."""
    with no_collector_passes(keep_out=True), lib.session() as s:  # as in record
        info = _find(s, undone=True)
        if info is None:
            return None
        step = s.get(DecisionStep, info.id)
        assert step is not None
        out = _put_back(s, info, expected=step.before_json, target=step.after_json)
        step.undone_at = None
        return out


# ------------------------------------------------------------------ helpers
def _find(s: Session, undone: bool) -> StepInfo | None:
    cols = select(DecisionStep.id, DecisionStep.what, DecisionStep.n_tracks, DecisionStep.created_at)
    if undone:
        q = cols.where(DecisionStep.undone_at.is_not(None)).order_by(DecisionStep.id)
    else:
        q = cols.where(DecisionStep.undone_at.is_(None)).order_by(DecisionStep.id.desc())
    row = s.execute(q.limit(1)).first()
    return None if row is None else StepInfo(row.id, row.what, row.n_tracks, row.created_at)


def _info(step: DecisionStep) -> StepInfo:
    return StepInfo(step.id, step.what, step.n_tracks, step.created_at)


_NONE: State = (None, [], None, None, None)


def _is_stale(state: State, audio: str | None) -> bool:
    return state[0] is not None and decisions.for_other_audio(state[4], audio)


def _same_choice(a: State, b: State) -> bool:
    """The same state and genres."""
    return a[0] == b[0] and list(a[1]) == list(b[1])


def _scope(state: State) -> str | None:
    """A decision's scope; one recorded before scopes were kept counts as made on its own."""
    return None if state[0] is None else (state[3] or decisions.TRACK)


def _same(a: State, b: State) -> bool:
    """The same decision (its time aside): accepting on its own a suggestion accepted
    with a group before is a step (it now teaches a personal model)."""
    return _same_choice(a, b) and _scope(a) == _scope(b)


def _dump(states: dict[int, State]) -> str:
    """The states as one JSON list, encoded 5,000 entries at a time: one json.dumps of
    98,000 holds the GIL, and with it the window's thread, for over 100 ms. The text is
    what a single json.dumps gives."""
    items = [[t, *state] for t, state in states.items()]
    parts = [json.dumps(items[i : i + 5000], ensure_ascii=False)[1:-1] for i in range(0, len(items), 5000)]
    return "[" + ", ".join(parts) + "]"


def _load(text: str) -> dict[int, State]:
    """The states of `_dump`; a step recorded before scopes, or content ids, were kept has
    fewer items (None for those)."""
    out: dict[int, State] = {}
    for t, st, gs, at, *rest in json.loads(text):
        rest += [None, None]
        out[int(t)] = (st, list(gs), at, rest[0], rest[1])
    return out


def _put_back(s: Session, info: StepInfo, expected: str, target: str) -> StepOutcome:
    """Give each track of the step its `target` decision, if its decision is still the
    `expected` one; the others are left alone."""
    want, wanted_now = _load(target), _load(expected)
    ids = list(want)
    now = decisions.states_of(s, ids)
    present: set[int] = set()  # in the library still: not gone (moved since) nor removed
    for chunk in chunks(ids):
        present.update(
            s.scalars(select(Track.id).where(Track.id.in_(chunk), Track.status != "gone", Track.removed_at.is_(None)))
        )
    out = StepOutcome(info)
    for tid in ids:
        if tid not in present or not _same(now[tid], wanted_now[tid]):
            out.changed_since.append(tid)
        else:
            out.restored[tid] = want[tid]
            out.previous[tid] = now[tid]
    decisions.put(s, out.restored)
    return out
