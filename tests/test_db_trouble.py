"""A library database that fills its disk, or that another process keeps locked, in the
middle of a write: one line (CLI) or one message (app), never a traceback; the database
stays consistent, and the files written before the error stay undoable.

The full disk is real: a small tmpfs mounted for the test (root only; skipped with the
reason elsewhere), the library on it, filled up while `tagger apply` writes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from library_helpers import GENRES, copy_db, decided_library, finish, planned_changes, rows, start

from tagger.db.library import BUSY, FULL
from tagger.tags import read_tags

pytestmark = pytest.mark.slow

ROOM_LEFT = 150 * 1024  # bytes left on the library's disk when the write starts: a few files' worth


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs mounted at tmp_path/disk (needs root and mount(8))."""
    where = tmp_path / "disk"
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs (a real full disk) needs root and mount(8)")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill `disk` up to `leave` bytes free; the filler file."""
    st = os.statvfs(disk)
    filler = disk / "filler"
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return filler


def make_room(disk: Path, filler: Path | None = None) -> None:
    """What the user does after the message: free space (and some more)."""
    if filler is not None:
        filler.unlink()
    subprocess.run(["mount", "-o", "remount,size=8m", str(disk)], check=True)


def test_a_full_disk_during_apply_is_one_line_and_what_was_written_is_undoable(tmp_path, make_library, small_disk):
    template, files, before = decided_library(tmp_path, make_library)
    originals = {p: p.read_bytes() for p in files}
    dbf = copy_db(template, small_disk / "lib.sqlite")
    filler = fill(small_disk, ROOM_LEFT)

    code, out, err = finish(start("apply", tmp_path / "music", "--decided-only", "--db", dbf))
    help_text = finish(start("--help"))[1]
    assert "1 a problem, said in one line on stderr" in help_text  # the exit code, documented

    # the disk filled up during the write: some files were written, not all, and the one
    # line says how many and how to put them back
    changed = {p for p in files if read_tags(p).genres != before[p]}
    assert changed and len(changed) < len(files)
    said = f"tagger: {FULL}; {len(changed)} file(s) were written before it: `tagger undo 1` puts them back\n"
    assert code == 1 and err == said, err  # one line, no traceback
    assert all(read_tags(p).genres == GENRES for p in changed)
    # consistent: every file written has its change recorded (written, or pending when
    # the library failed right after its replace); the others are not marked written
    assert rows(dbf, "PRAGMA integrity_check") == [("ok",)]
    status = dict((Path(p), s) for p, s in rows(dbf, "SELECT path, status FROM changes"))
    assert set(status) == set(files)
    assert {p for p, s in status.items() if s == "written"} <= changed
    assert all(status[p] in ("written", "pending") for p in changed)

    make_room(small_disk, filler)
    code, out, err = finish(start("undo", "--db", dbf))
    assert code == 0 and "Traceback" not in err, err
    assert f"batch 1: {len(changed)} file(s) restored ({len(changed)} byte for byte), 0 not restored" in out
    assert {p: p.read_bytes() for p in files} == originals  # every byte back


def test_commands_that_only_read_work_while_another_program_writes(tmp_path, make_library, monkeypatch, capsys):
    """Another program holds the library's write lock (the app in the middle of a write,
    sqlite3, a backup tool): `history`, `apply --dry-run` and `personal` read it all the
    same (opening an up-to-date library takes no write lock); a command that writes
    waits, then says so in one line, and changes nothing."""
    import sqlite3

    from tagger.cli import main
    from tagger.db import library

    dbf, files, before = decided_library(tmp_path, make_library)
    capsys.readouterr()
    monkeypatch.setattr(library, "BUSY_TIMEOUT_MS", 300)  # SQLite's wait, short for the test
    holder = sqlite3.connect(dbf)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write transaction
    holder.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
    try:
        assert main(["history", "--db", str(dbf)]) == 0
        assert capsys.readouterr().out == "no write batches yet\n"
        assert main(["apply", str(tmp_path / "music"), "--dry-run", "--decided-only", "--db", str(dbf)]) == 0
        out = capsys.readouterr().out
        assert out.count("+ Rock; Blues   (overridden)") == len(files), out
        assert main(["personal", "--db", str(dbf)]) == 0
        assert "in use: the model's genres only" in capsys.readouterr().out
        assert main(["decide", str(tmp_path / "music"), "--skip", "--db", str(dbf)]) == 1
        assert capsys.readouterr().err == f"tagger: {BUSY}\n"
    finally:
        holder.rollback()
        holder.close()
    assert {state for (state,) in rows(dbf, "SELECT state FROM decisions")} == {"overridden"}
    assert {p: read_tags(p).genres for p in files} == before


# ---------------------------------------------------------------- the app


def test_the_app_says_in_one_line_that_the_library_is_locked(
    qtbot, tmp_path, make_library, window_on, monkeypatch, capfd
):
    import sqlite3

    from tagger.db import library

    monkeypatch.setattr(library, "BUSY_TIMEOUT_MS", 300)  # SQLite's wait, short for the test
    dbf, files, before = decided_library(tmp_path, make_library)
    window = window_on(dbf)
    changes = planned_changes(window, tmp_path / "music")
    holder = sqlite3.connect(dbf)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write transaction
    try:
        with qtbot.waitSignal(window.write_finished, timeout=60000) as blocker:
            window.writes.start_write(changes)
    finally:
        holder.rollback()
        holder.close()
    assert blocker.args[0] is None
    assert window.shown == [("Writing failed", BUSY)]
    assert "Traceback" not in capfd.readouterr().err
    assert {p: read_tags(p).genres for p in files} == before and rows(dbf, "SELECT id FROM batches") == []


def test_the_app_says_in_one_line_that_the_disk_is_full(qtbot, tmp_path, make_library, window_on, small_disk, capfd):
    """A write, then an undo on a library whose disk has filled up since: one message,
    no traceback; once there is room again, the undo restores every file."""
    template, files, before = decided_library(tmp_path, make_library)
    make_room(small_disk)  # room for the write
    dbf = copy_db(template, small_disk / "lib.sqlite")
    window = window_on(dbf)
    with qtbot.waitSignal(window.write_finished, timeout=120000) as blocker:
        window.writes.start_write(planned_changes(window, tmp_path / "music"))
    batch_id, outcomes = blocker.args[0]
    assert [o.status for o in outcomes] == ["written"] * len(files)

    filler = fill(small_disk, 0)
    with qtbot.waitSignal(window.undo_finished, timeout=60000) as blocker:
        window.writes.undo_batch(batch_id)
    assert blocker.args[0] is None
    from tagger.gui.labels import database_problem_text

    # the core's line, in the app's words ("try again": there is no command to run again)
    assert window.shown == [("Undo failed", database_problem_text(FULL))]
    assert "library database is full" in window.shown[0][1] and "try again" in window.shown[0][1]
    assert "Traceback" not in capfd.readouterr().err

    make_room(small_disk, filler)
    with qtbot.waitSignal(window.undo_finished, timeout=120000) as blocker:
        window.writes.undo_batch(batch_id)
    assert blocker.args[0] is not None
    assert {p: read_tags(p).genres for p in files} == before
    assert rows(dbf, "PRAGMA integrity_check") == [("ok",)]


# ---------------------------------------------------------------- stopped by the user


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_apply_stopped_between_files_says_what_was_written_and_undo_takes_it_back(tmp_path, make_library, signame):
    """Ctrl+C (or `kill`) during `tagger apply`: the file being written is finished, the
    rest are not touched, and the summary names the batch to undo."""
    import signal
    import time

    dbf, files, before = decided_library(tmp_path, make_library)
    originals = {p: p.read_bytes() for p in files}
    proc = start("apply", tmp_path / "music", "--decided-only", "--db", dbf)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if rows(dbf, "SELECT count(*) FROM changes WHERE status = 'written'")[0][0]:
                break
        except Exception:  # noqa: BLE001 - the library being created: look again
            pass
        time.sleep(0.01)
    proc.send_signal(getattr(signal, signame))
    code, out, err = finish(proc)
    assert code == 128 + getattr(signal, signame), err
    assert "stopping after the file being written" in err and "Traceback" not in err
    written = {p for p in files if p.read_bytes() != originals[p]}
    assert written and len(written) < len(files), "the write ended before the signal: give it more files"
    assert all(read_tags(p).genres == GENRES for p in written)
    assert f"batch 1: {len(written)} written, 0 failed, {len(files) - len(written)} not written (stopped)" in out
    assert "undo with `tagger undo 1`" in out

    code, out, err = finish(start("undo", "1", "--db", dbf))
    assert code == 0 and f"batch 1: {len(written)} file(s) restored" in out, err
    assert {p: p.read_bytes() for p in files} == originals


def test_a_library_on_a_full_disk_says_the_disk_is_full(tmp_path, make_library, small_disk):
    template, files, before = decided_library(tmp_path, make_library)
    dbf = copy_db(template, small_disk / "lib.sqlite")
    fill(small_disk, 0)
    code, out, err = finish(start("history", "--db", dbf))
    assert code == 1 and err == f"tagger: cannot open library {dbf}: {FULL}\n", err


def test_opening_tries_again_when_sqlite_says_locked_at_once(tmp_path, monkeypatch):
    """Two processes opening a new library together: SQLite can answer "database is
    locked" at once, without its busy wait (it would deadlock), while one switches the
    file to WAL. Opening tries again until the busy timeout, then says so in one line."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from tagger.db import Library, LibraryError
    from tagger.db import library as library_module

    real = library_module._create_or_upgrade_tables
    calls = []

    def locked_twice(engine):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("PRAGMA journal_mode=WAL", {}, sqlite3.OperationalError("database is locked"))
        return real(engine)

    monkeypatch.setattr(library_module, "_create_or_upgrade_tables", locked_twice)
    lib = Library(tmp_path / "lib.sqlite")
    assert len(calls) == 3 and lib.tracks_under([str(tmp_path)]) == []
    lib.close()

    def always_locked(engine):
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(library_module, "_create_or_upgrade_tables", always_locked)
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 200)
    with pytest.raises(LibraryError, match="cannot open library .*: " + re.escape(BUSY)):
        Library(tmp_path / "other.sqlite")


def test_a_damaged_library_is_one_line_not_a_bug_report(tmp_path, make_library, capsys):
    """Pages of the library overwritten (a disk fault, a bad copy): the command says the
    library is damaged and what to do, in one line; it is not a bug to report."""
    from tagger.cli import main

    music = tmp_path / "music"
    make_library(music, ["flac", "mp3", "ogg", "opus"])
    db = tmp_path / "lib.db"
    assert main(["scan", str(music), "--db", str(db)]) == 0
    capsys.readouterr()
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
    try:
        tracks_pages = [n for (n,) in con.execute("SELECT pageno FROM dbstat WHERE name = 'tracks'")]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find the tracks' pages with")
    finally:
        con.close()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for n in tracks_pages:  # the tracks' pages only: the library still opens
        data[(n - 1) * page : (n - 1) * page + 8] = b"\xee" * 8
    db.write_bytes(bytes(data))

    code = main(["apply", str(music), "--dry-run", "--db", str(db)])

    err = capsys.readouterr().err
    assert code == 1
    assert "the library database is damaged" in err and len(err.strip().splitlines()) == 1, err
    assert "please report" not in err and not (tmp_path / "data" / "error-reports").exists()
