"""Two Genre Taggers on one library at once -- two commands, or the app beside a command
-- never crash, never print a traceback, and never write a file twice. Real processes
(`python3 -m tagger`), real SQLite, real audio files.

The races are caught two ways: two real processes started together, several times (on
the old code two scans failed in 8 of 8 runs on this folder, two applies wrote files
twice in 4 of 4), and each place that stored a row after looking for it, with the
other process's row arriving exactly in between (deterministic, in one process with two
connections to the library file).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from library_helpers import (
    GENRES,
    HOLD_LOCK,
    assert_clean,
    copy_db,
    decided_library,
    env,
    finish,
    music,
    planned_changes,
    rows,
    start,
)
from sqlalchemy import event

from tagger import db
from tagger.db import Library
from tagger.tags import read_tags

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def both(*argv) -> list[tuple[int, str, str]]:
    """Run two `tagger ARGV` processes at once; their (exit code, stdout, stderr)."""
    procs = [start(*argv), start(*argv)]
    return [finish(p) for p in procs]


def assert_written_once(dbf: Path, files: list[Path]) -> None:
    """Every file holds GENRES and was written by exactly one change of one batch."""
    written = rows(dbf, "SELECT path, count(*) FROM changes WHERE status = 'written' GROUP BY path")
    assert sorted(n for _, n in written) == [1] * len(files), [p for p, n in written if n > 1]
    assert {Path(p) for p, _ in written} == set(files)
    for p in files:
        assert read_tags(p).genres == GENRES, p


# ---------------------------------------------------------------- two processes


def test_many_processes_opening_a_new_library_at_once(tmp_path):
    """Five commands opening one new library together: each creates the tables and the
    schema version only if no other has (on the old code 3 of 10 rounds of four failed
    on 'UNIQUE constraint failed: meta.key' or 'table tracks already exists')."""
    empty = tmp_path / "music"
    empty.mkdir()
    for run in range(4):
        dbf = tmp_path / f"lib{run}.sqlite"
        procs = [start("scan", empty, "--db", dbf) for _ in range(5)]  # scan makes a library
        for code, out, err in map(finish, procs):
            assert_clean(code, err)
            assert out.startswith("0 audio files"), out
        assert rows(dbf, "SELECT key FROM meta") == [("schema_version",)]


def test_two_scans_of_one_folder_at_once(tmp_path, make_library):
    files = music(tmp_path / "music", make_library)
    for run in range(5):  # a new library each time: creating its tables races too
        dbf = tmp_path / f"lib{run}.sqlite"
        results = both("scan", tmp_path / "music", "--json", "--db", dbf)
        for code, out, err in results:
            assert_clean(code, err)
            assert json.loads(out.splitlines()[-1])["summary"]["seen"] == len(files)
        tracks = rows(dbf, "SELECT path, status FROM tracks")
        assert sorted(Path(p) for p, _ in tracks) == files and {s for _, s in tracks} == {"present"}


def test_two_analyses_of_one_folder_at_once(tmp_path, make_library):
    files = sorted(p.resolve() for p in make_library(tmp_path / "music", ["wav", "flac", "mp3", "ogg"]).values())
    for run in range(3):
        dbf = tmp_path / f"lib{run}.sqlite"
        results = both("analyze", tmp_path / "music", "--json", "--workers", "1", "--patches", "1", "--db", dbf)
        for code, out, err in results:
            assert_clean(code, err)
            lines = [json.loads(line) for line in out.splitlines()]
            assert sorted(Path(r["path"]) for r in lines) == files and {r["status"] for r in lines} == {"ok"}
        assert len(rows(dbf, "SELECT id FROM tracks")) == len(files)
        contents = rows(dbf, "SELECT DISTINCT content_id FROM tracks")
        assert len(rows(dbf, "SELECT id FROM analyses WHERE status = 'ok'")) == len(contents)


def test_two_applies_never_write_a_file_twice(tmp_path, make_library):
    template, files, before = decided_library(tmp_path, make_library)
    originals = {p: p.read_bytes() for p in files}
    for run in range(2):
        for p, data in originals.items():
            p.write_bytes(data)
        dbf = copy_db(template, tmp_path / f"lib{run}.sqlite")
        results = both("apply", tmp_path / "music", "--decided-only", "--db", dbf)
        for code, _, err in results:
            assert_clean(code, err)
        assert_written_once(dbf, files)
        # one batch wrote everything; the other run, after waiting, found nothing left to write
        assert len(rows(dbf, "SELECT id FROM batches")) == 1
        assert sum("nothing to write" in err for _, _, err in results) == 1, results
    code, _, err = finish(start("undo", "--db", dbf))
    assert_clean(code, err)
    assert {p: read_tags(p).genres for p in files} == before


def test_the_app_writing_beside_a_command(tmp_path, make_library):
    """The app's write (tagger.app.writing, what the window runs in its worker thread)
    in this process while `tagger apply` runs in another one."""
    from tagger.app.workspace import open_workspace
    from tagger.app.writing import plan_writes, write

    template, files, _ = decided_library(tmp_path, make_library)
    originals = {p: p.read_bytes() for p in files}
    for run in range(2):
        for p, data in originals.items():
            p.write_bytes(data)
        dbf = copy_db(template, tmp_path / f"lib{run}.sqlite")
        cli = start("apply", tmp_path / "music", "--decided-only", "--db", dbf)
        ws = open_workspace(dbf)
        try:
            planned = plan_writes(ws, ws.lib.tracks_under([tmp_path / "music"]), decided_only=True)
            assert len(planned.changes) == len(files)
            waits: list[str] = []
            _, outcomes = write(ws, planned.changes, on_wait=waits.append)
        finally:
            ws.lib.close()
        code, out, err = finish(cli)
        assert_clean(code, err)
        assert_written_once(dbf, files)
        # whoever came second was told it waited, or found the files already written
        app_wrote = sum(o.status == "written" for o in outcomes)
        assert app_wrote in (0, len(files))
        if app_wrote:
            assert "nothing to write" in err
        else:
            assert "genres changed on disk since planned" in outcomes[0].error


def test_a_second_writer_waits_and_says_for_whom(tmp_path, make_library):
    """Deterministic: a process holds the writer lock; `tagger apply` says it waits for
    that process, writes nothing meanwhile, and writes everything once it is free."""
    dbf, files, before = decided_library(tmp_path, make_library)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(dbf)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env(), text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        cli = start("apply", tmp_path / "music", "--decided-only", "--db", dbf)
        line = cli.stderr.readline()  # blocks until the command says something
        assert line == f"tagger: another Genre Tagger is writing tags to this library (pid {holder.pid}); waiting…\n"
        assert cli.poll() is None  # still waiting
        assert {p: read_tags(p).genres for p in files} == before
        assert rows(dbf, "SELECT id FROM batches") == []
    finally:
        holder.stdin.close()
        holder.wait(60)
    code, out, err = finish(cli)
    assert_clean(code, err)
    assert f"batch 1: {len(files)} written, 0 failed (undo with `tagger undo 1`)" in out
    assert_written_once(dbf, files)


# ---------------------------------------------------------------- deterministic interleavings


def _store_track(lib: Library, path: Path) -> None:
    from tagger.scan import refresh_track

    refresh_track(lib, path)


def _scan(lib: Library, path: Path) -> None:
    from tagger.scan import scan

    assert scan(lib, [path.parent]).seen == 1


def _analysis(lib: Library, _path: Path) -> None:
    _register(lib, _path)
    db.analyses.store(lib, "c1", _model().key, {"status": "ok", "error": None, "seconds": 1.0, **_RESULT}, 4)


def _register(lib: Library, _path: Path) -> None:
    lib.register_model(_model())


def _decision(lib: Library, path: Path) -> None:
    track = lib.track_by_path(str(path))
    db.decisions.record(lib, [track.id], "overridden", GENRES)


def _model():
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    return read_metadata(default_model_path())


_RESULT = {"scores": [0.5], "patch_starts": [1.0], "patch_scores": [[0.5]]}

# (what both processes do, the table whose row the other one adds in between)
INTERLEAVED = {
    "scan": (_scan, "tracks"),
    "refresh after a write": (_store_track, "tracks"),
    "analysis result": (_analysis, "analyses"),
    "model registration": (_register, "models"),
    "decision": (_decision, "decisions"),
}


@pytest.mark.parametrize("case", list(INTERLEAVED))
def test_a_row_stored_by_another_process_in_between(tmp_path, make_library, case):
    """`a` looks for its row, finds none, and is about to insert it; just then `b` (the
    other process's connection) stores the same row. `a` must then update that row, not
    fail on the unique key."""
    operation, table = INTERLEAVED[case]
    path = make_library(tmp_path / "music", ["flac"])["flac"].resolve()
    a, b = Library(tmp_path / "lib.sqlite"), Library(tmp_path / "lib.sqlite")
    if case == "decision":
        _scan(a, path)
    done: list[str] = []

    def other_process_first(conn, cursor, statement, *args):
        # just before `a` first writes to the table (an insert; or the delete with which
        # a decision replaces the rows it sets, in the transaction that then inserts)
        first_write = (f"INSERT INTO {table.upper()}", f"DELETE FROM {table.upper()}")
        if not done and statement.lstrip().upper().startswith(first_write):
            done.append(statement)
            operation(b, path)  # commits before `a` inserts

    event.listen(a.engine, "before_cursor_execute", other_process_first)
    try:
        operation(a, path)
    finally:
        event.remove(a.engine, "before_cursor_execute", other_process_first)
        a.close()
        b.close()
    assert done  # the other process really came in between
    n = rows(tmp_path / "lib.sqlite", f"SELECT count(*) FROM {table}")[0][0]
    assert n == 1


# ---------------------------------------------------------------- the app


def test_the_app_waits_for_another_writer_and_can_stop_waiting(qtbot, tmp_path, make_library, window_on):
    """The real window's write while another process holds the writer lock: its progress
    dialog says what it waits for; Cancel stops waiting (nothing written, no batch);
    else it writes once the other process is done."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    dbf, files, before = decided_library(tmp_path, make_library)
    window = window_on(dbf)
    changes = planned_changes(window, tmp_path / "music")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(dbf)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env(), text=True
    )
    waiting = f"Another Genre Tagger is writing tags to this library (pid {holder.pid}); waiting… Cancel stops waiting."

    def waiting_dialog() -> QProgressDialog:
        shown = [d for d in window.findChildren(QProgressDialog) if d.isVisible() and d.labelText() == waiting]
        return shown[0] if shown else None

    try:
        assert holder.stdout.readline().strip() == "held"
        window.writes.start_write(changes)
        qtbot.waitUntil(lambda: waiting_dialog() is not None, timeout=30000)
        with qtbot.waitSignal(window.write_finished, timeout=30000) as blocker:
            qtbot.mouseClick(waiting_dialog().findChild(QPushButton), Qt.LeftButton)  # its Cancel
        assert blocker.args[0] is None
        assert window.shown == [
            (
                "Writing failed",
                "stopped while waiting for another Genre Tagger to finish writing tags; nothing was written",
            )
        ]
        assert rows(dbf, "SELECT id FROM batches") == []
        assert {p: read_tags(p).genres for p in files} == before

        with qtbot.waitSignal(window.write_finished, timeout=120000) as blocker:
            window.writes.start_write(changes)
            qtbot.waitUntil(lambda: waiting_dialog() is not None, timeout=30000)
            assert {p: read_tags(p).genres for p in files} == before  # nothing written while waiting
            holder.stdin.close()  # the other process finishes
    finally:
        if not holder.stdin.closed:
            holder.stdin.close()
        holder.wait(60)
    _, outcomes = blocker.args[0]
    assert [o.status for o in outcomes] == ["written"] * len(files)
    assert_written_once(dbf, files)


def test_two_libraries_writing_one_folder_at_once_lose_no_write(tmp_path, make_library):
    """Two libraries (two writer locks) write other genres into the same files at once.
    Each file is written by one of them only (the other's plan was read before that write:
    left alone, "changed while its tags were being written"), it holds the genres of the
    batch that says it wrote it, and undoing both batches gives back every file byte for
    byte. Before, both copied the original and the later replace won: writes were lost,
    counted twice, and undo left files changed (found by a helper session: 115 "written"
    for 80 files)."""
    from tagger.cli import main

    template, files, _ = decided_library(tmp_path, make_library)
    originals = {p: p.read_bytes() for p in files}
    other = copy_db(template, tmp_path / "other.sqlite")
    assert main(["decide", str(tmp_path / "music"), "--genres", "Metal", "--db", str(other)]) == 0
    for run in range(2):
        for p, data in originals.items():
            p.write_bytes(data)
        a = copy_db(template, tmp_path / f"a{run}.sqlite")
        b = copy_db(other, tmp_path / f"b{run}.sqlite")
        procs = [
            start("apply", tmp_path / "music", "--decided-only", "--mode", "replace", "--db", lib_file)
            for lib_file in (a, b)
        ]
        for code, _, err in map(finish, procs):
            assert "Traceback" not in err and code in (0, 1), err
        by_a = {Path(p) for (p,) in rows(a, "SELECT path FROM changes WHERE status = 'written'")}
        by_b = {Path(p) for (p,) in rows(b, "SELECT path FROM changes WHERE status = 'written'")}
        assert not by_a & by_b and by_a | by_b == set(files), (len(by_a), len(by_b), len(files))
        for p in files:
            assert read_tags(p).genres == (GENRES if p in by_a else ["Metal"]), p
        for lib_file in (a, b):
            code, _, err = finish(start("undo", "--db", lib_file))
            assert "Traceback" not in err and code == 0, err
        assert {p: p.read_bytes() for p in files} == originals
