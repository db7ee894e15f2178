"""The library's size (issue 11): a new library has 8 KB pages and only the indexes its
queries use; the lookups that need an index still find one (EXPLAIN QUERY PLAN of the
app's own statements); a real library made by an older version opens, keeps every row
and loses only the unused indexes, in one transaction that a crash leaves undone."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import event

from tagger import db
from tagger.db.library import PAGE_SIZE, UNUSED_INDEXES

OLD_LIBRARY = Path(__file__).resolve().parent / "data" / "library-4741c8c.sqlite"
OLD_MODEL = "msd-mtt-musicnn@1.0.0"  # the model that library's analyses are by
TABLES = (
    "tracks",
    "analyses",
    "decisions",
    "decision_steps",
    "batches",
    "changes",
    "restore_images",
    "models",
    "meta",
)


def _indexes(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        con.close()


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        con.close()


def test_a_new_library_has_large_pages_and_no_unused_index(tmp_path):
    path = tmp_path / "new.sqlite"
    db.Library(path).close()
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    assert page_size == PAGE_SIZE == 8192
    indexes = _indexes(path)
    assert not indexes & set(UNUSED_INDEXES)
    assert {"ix_tracks_path", "ix_tracks_content_id", "sqlite_autoindex_analyses_1"} <= indexes


class Statements:
    """The SQL statements a library's engine runs (with their parameters)."""

    def __init__(self, lib: db.Library):
        self.seen: list[tuple[str, tuple]] = []
        event.listen(lib.engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        params = parameters[0] if executemany else parameters
        self.seen.append((statement, tuple(params) if isinstance(params, (list, tuple)) else params))


def _plans(path: Path, statements) -> list[str]:
    """EXPLAIN QUERY PLAN of each SELECT / UPDATE / DELETE, as one line each."""
    con = sqlite3.connect(path)
    try:
        out = []
        for sql, params in statements:
            if sql.lstrip().split()[0].upper() not in ("SELECT", "UPDATE", "DELETE"):
                continue
            plan = con.execute("EXPLAIN QUERY PLAN " + sql, params or ()).fetchall()
            out.append(" | ".join(str(step[3]) for step in plan))
        return out
    finally:
        con.close()


def test_the_lookups_still_use_an_index(tmp_path):
    """Each lookup by path, content id or track id, and the cache lookups, is a search of
    an index, never a scan of its table: what dropping an index must not change."""
    path = tmp_path / "lib.sqlite"
    lib = db.Library(path)
    with lib.engine.begin() as c:
        c.execute(
            db.Track.__table__.insert(),
            [
                dict(path=f"/m/{i // 10}/{i}.ogg", folder=f"/m/{i // 10}", content_id=f"v2:{i:032x}", status="present")
                | dict(size=1, mtime_ns=1, genres_json="[]", scanned_at=0.0, album=f"A{i // 10}")
                for i in range(200)
            ],
        )
    statements = Statements(lib)
    cids = [f"v2:{i:032x}" for i in range(0, 200, 7)]
    lib.track_by_path("/m/3/31.ogg")
    db.analyses.get(lib, cids[0], "some@1")
    db.analyses.for_contents(lib, cids, "some@1")
    db.analyses.cached_scores(lib, cids, "some@1", 3)
    db.analyses.embeddings_for(lib, cids, "some@1")
    db.analyses.forget(lib, cids, "some@1")
    db.tracks.copies_of(lib, 5)
    db.decisions.for_tracks(lib, [1, 2, 3])
    with lib.session() as s:
        db.decisions.follow_moves(s, [1, 2, 3])
    lib.close()

    plans = _plans(path, statements.seen)
    assert len(plans) >= 9
    for plan in plans:
        for table in ("tracks", "analyses", "decisions"):
            assert f"SCAN {table}" not in plan, plan
    # the cache lookups go through the (content id, model) index, and follow_moves finds
    # gone copies by content id, not by status
    assert any("sqlite_autoindex_analyses_1" in p for p in plans)
    assert any("ix_tracks_content_id" in p for p in plans)


def test_a_real_older_library_opens_keeps_every_row_and_drops_only_unused_indexes(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD_LIBRARY, path)
    before_indexes = _indexes(path)
    assert set(UNUSED_INDEXES) <= before_indexes  # the file is what it says it is
    before = _rows(path)
    assert all(before[t] for t in ("tracks", "analyses", "decisions", "changes", "restore_images"))

    lib = db.Library(path)
    # its rows read as before through the app's own queries
    tracks = lib.tracks_under([])
    assert [t.path for t in tracks] == sorted(r[1] for r in before["tracks"])
    stored_scores = {r[1]: json.loads(r[5]) for r in before["analyses"]}  # content_id, scores_json
    for t in tracks:
        a = lib.analysis_for(t.content_id, OLD_MODEL)
        assert a is not None and a.status == "ok" and a.scores_u16 is None
        assert a.scores == stored_scores[t.content_id] and len(a.scores) == 100 and len(a.embedding) == 400
    rows = [r for r, _ in db.review_rows(lib, OLD_MODEL)]
    assert len(rows) == 3 and all(r.scores_json not in ("", "[]") for r in rows)
    paths = {r[0]: r[1] for r in before["tracks"]}
    decided = sorted((paths[r[0]], json.loads(r[2])) for r in before["decisions"])
    assert sorted(lib.confirmed_tracks()) == decided and ["Classical"] in [g for _, g in decided]
    (batch,) = lib.batches()
    assert len(lib.changes_of(batch.id)) == 3
    lib.close()

    assert _indexes(path) == before_indexes - set(UNUSED_INDEXES)
    after = _rows(path)
    for table in TABLES:  # every row as it was (columns added since: empty, at the end)
        assert [a[: len(b)] for a, b in zip(after[table], before[table])] == before[table], table
        assert len(after[table]) == len(before[table]) and all(
            v is None for a, b in zip(after[table], before[table]) for v in a[len(b) :]
        )

    # it keeps working: a result stored compactly, a decision changed
    lib = db.Library(path)
    t = tracks[0]
    old = lib.analysis_for(t.content_id, OLD_MODEL)
    db.analyses.store(
        lib,
        t.content_id,
        OLD_MODEL,
        dict(status="ok", error=None, seconds=1.0, scores=old.scores, patch_starts=[0.0], patch_scores=[old.scores]),
        old.n_patches,
    )
    again = lib.analysis_for(t.content_id, OLD_MODEL)
    assert again.scores_u16 is not None and max(abs(x - y) for x, y in zip(again.scores, old.scores)) < 1e-5
    lib.set_decision([t.id], "skipped")
    assert lib.decision_for(t.id).state == "skipped"
    lib.close()


CRASH_CHILD = """
import os, signal, sys
sys.path.insert(0, {root!r})
import tagger.db.library as library
real = library._drop_unused_indexes
def drop_then_die(con):
    real(con)
    os.kill(os.getpid(), signal.SIGKILL)  # killed before the upgrade commits
library._drop_unused_indexes = drop_then_die
library.Library({path!r})
"""


def test_a_crash_while_upgrading_an_older_library_leaves_it_as_it_was(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD_LIBRARY, path)
    before, before_indexes = _rows(path), _indexes(path)
    root = str(Path(__file__).resolve().parent.parent)
    child = subprocess.run(
        [sys.executable, "-c", CRASH_CHILD.format(root=root, path=str(path))],
        env=dict(os.environ, ORT_DISABLE_TELEMETRY="1"),
        capture_output=True,
        text=True,
    )
    assert child.returncode == -9, child.stderr  # it died inside the upgrade
    assert _indexes(path) == before_indexes
    assert _rows(path) == before
    lib = db.Library(path)  # and the next open upgrades it
    assert len(lib.tracks_under([])) == 3
    lib.close()
    assert _indexes(path) == before_indexes - set(UNUSED_INDEXES)
