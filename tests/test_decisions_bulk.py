"""Decisions recorded set-based (tagger.db.decisions.put: one upsert statement for every
decided track, deletes in chunks) leave the library exactly as deciding track by track
did: checked against the decisions table read back with plain sqlite3, over thousands
of tracks and every kind of step, with undo and redo on top."""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from tagger.db import Library, Track, decision_steps


def read_back(path) -> dict[int, tuple[str, list[str], float]]:
    con = sqlite3.connect(path)
    rows = con.execute("SELECT track_id, state, genres_json, decided_at FROM decisions").fetchall()
    con.close()
    return {tid: (state, json.loads(g), at) for tid, state, g, at in rows}


def test_set_based_decisions_match_deciding_one_track_at_a_time(tmp_path):
    path = tmp_path / "lib.sqlite"
    lib = Library(path)
    n = 3000
    with lib.engine.begin() as c:
        c.execute(
            Track.__table__.insert(),
            [dict(path=f"/m/{i:05d}.flac", folder="/m", genres_json="[]", status="present") for i in range(n)],
        )
    ids = list(range(1, n + 1))
    rng = np.random.default_rng(3)
    expected: dict[int, tuple[str, list[str]]] = {}
    history = []
    steps = [
        ("accepted", ("Rock",)),
        ("overridden", ("Jazz", "Blues")),
        ("skipped", ()),
        ("cleared", ()),
        ("accepted", ("Électro", "Pop")),
        ("accepted", ("Rock",)),
    ]
    for state, genres in steps:
        chosen = sorted(int(i) for i in rng.choice(ids, size=int(rng.integers(200, 2500)), replace=False))
        history.append(dict(expected))
        decision_steps.record(lib, {(state, genres): chosen}, f"{state} {len(chosen)}")
        for tid in chosen:  # the rule, one track at a time
            if state == "cleared":
                expected.pop(tid, None)
            else:
                expected[tid] = (state, list(genres))
        stored = read_back(path)
        assert {t: (s, g) for t, (s, g, _) in stored.items()} == expected
        # one decision time per step, the same for all its tracks
        assert len({at for t, (_, _, at) in stored.items() if t in chosen}) <= 1

    for before in reversed(history[-3:]):  # undo puts each step's "before" back exactly
        decision_steps.undo(lib)
        assert {t: (s, g) for t, (s, g, _) in read_back(path).items()} == before
    decision_steps.redo(lib)
    assert {t: (s, g) for t, (s, g, _) in read_back(path).items()} == history[-2]
    lib.close()


def test_a_steps_states_are_stored_as_one_json_dumps_would_store_them():
    """The step's JSON, encoded a chunk at a time (the GIL is let go in between), is the
    text of one json.dumps, so steps recorded before and after read the same."""
    import json

    from tagger.db.decision_steps import _dump, _load

    for n in (0, 1, 4999, 5000, 5001, 12_345):
        states = {
            i: ("accepted", ["Rock", "Ärzte-Punk"], 1.5, "group", "v2:ab") if i % 3 else (None, [], None, None, None)
            for i in range(n)
        }
        text = _dump(states)
        assert text == json.dumps([[t, *state] for t, state in states.items()], ensure_ascii=False)
        assert _load(text) == states
    # steps recorded before the scope, or the content id, was kept: fewer items, read as None
    assert _load('[[7, "accepted", ["Rock"], 1.5]]') == {7: ("accepted", ["Rock"], 1.5, None, None)}
    assert _load('[[7, "accepted", ["Rock"], 1.5, "track"]]') == {7: ("accepted", ["Rock"], 1.5, "track", None)}
