"""A library path that cannot be used gives one clear line (CLI) or message (app), not a
SQLAlchemy traceback, and another program's database is left untouched."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from tagger.cli import main
from tagger.db import Library, LibraryError
from tagger.model import default_model_path


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def history_error(capsys, db) -> str:
    """`tagger history --db DB` must fail with exit 1 and one line: that line."""
    code = main(["history", "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "Traceback" not in err and "sqlalchemy" not in err.lower()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(db) in lines[0]
    return lines[0]


def random_file(path, n=8192):
    path.write_bytes(np.random.default_rng(7).bytes(n))
    return path


def test_a_path_that_cannot_be_created(tmp_path, capsys):
    db = "/proc/genre-tagger-test.sqlite"
    # scan and analyze make a library: SQLite's reason
    assert main(["scan", str(tmp_path), "--db", db]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and db in err and "unable to open database file" in err
    # the others read one: a --db that is not there is a typo, said as such
    line = history_error(capsys, db)
    assert "no library there (`tagger scan FOLDER --db" in line


def test_a_folder(tmp_path, capsys):
    assert "is a folder" in history_error(capsys, tmp_path)


def test_a_model_file_is_not_a_library(tmp_path, capsys):
    model = default_model_path()
    if not model.exists():
        pytest.skip("the default model is not there")
    line = history_error(capsys, model)
    assert "not a Genre Tagger library" in line and "not an SQLite database" in line


def test_random_bytes_are_not_a_library(tmp_path, capsys):
    db = random_file(tmp_path / "junk.sqlite")
    before = db.read_bytes()
    assert "not a Genre Tagger library" in history_error(capsys, db)
    assert db.read_bytes() == before


def test_a_damaged_library(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    Library(db).close()
    data = bytearray(db.read_bytes())
    data[100:4096] = np.random.default_rng(3).bytes(3996)  # the schema page, after the header
    db.write_bytes(bytes(data))
    assert "damaged" in history_error(capsys, db)


def test_another_programs_database_is_refused_and_left_alone(tmp_path, capsys):
    db = tmp_path / "places.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE places (url TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    assert "another program" in history_error(capsys, db)
    assert db.read_bytes() == before  # no tables added, journal mode not switched
    with pytest.raises(LibraryError):
        Library(db)


def test_a_library_of_a_newer_version_is_refused_and_left_alone(tmp_path, capsys):
    from tagger.db import SCHEMA_VERSION

    db = tmp_path / "lib.sqlite"
    Library(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    before = db.read_bytes()
    line = history_error(capsys, db)
    assert f"made by a newer version of Genre Tagger (library format {SCHEMA_VERSION + 1}" in line
    assert db.read_bytes() == before
    with pytest.raises(LibraryError):
        Library(db)


def test_new_and_existing_libraries_still_open(tmp_path, capsys):
    db = tmp_path / "sub" / "lib.sqlite"
    (tmp_path / "empty.sqlite").write_bytes(b"")
    (tmp_path / "music").mkdir()
    # a folder that is not there is a typo more often than a wish (`--db /typo/lib.sqlite`
    # made /typo at the root): said, nothing made; in a folder that is there, created
    assert main(["scan", str(tmp_path / "music"), "--db", str(db)]) == 1
    assert "its folder" in capsys.readouterr().err and not db.parent.exists()
    db.parent.mkdir()
    assert main(["scan", str(tmp_path / "music"), "--db", str(db)]) == 0
    for path in (db, tmp_path / "empty.sqlite"):  # reopened, 0-byte file
        assert main(["history", "--db", str(path)]) == 0
    assert "no write batches" in capsys.readouterr().out


def test_the_app_shows_the_reason_instead_of_crashing(tmp_path, monkeypatch, capsys):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tagger.gui import app, dialogs

    shown = []
    monkeypatch.setattr(dialogs, "message", lambda parent, title, text, *a, **k: shown.append(text))
    app.make_application()
    db = random_file(tmp_path / "junk.sqlite")
    assert app.run_app(db=str(db)) == 1
    assert len(shown) == 1 and str(db) in shown[0] and "not a Genre Tagger library" in shown[0]
    assert "Traceback" not in capsys.readouterr().err


def test_a_library_from_an_older_version_gains_new_columns(tmp_path):
    """A library whose tracks table lacks a column the current schema has (as one made
    by an older version would) opens, keeps its rows, and gains the column, empty."""
    db = tmp_path / "old.db"
    Library(db).close()
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO tracks (path, folder, size, mtime_ns, status, genres_json, scanned_at) VALUES ('/m/a.mp3', '/m', 1, 1, 'present', '[]', 0)"
    )
    con.execute("ALTER TABLE tracks DROP COLUMN duration")
    con.commit()
    con.close()
    lib = Library(db)
    try:
        track = lib.track_by_path("/m/a.mp3")
        assert track is not None and track.duration is None
    finally:
        lib.close()
    con = sqlite3.connect(db)
    assert "duration" in {row[1] for row in con.execute("PRAGMA table_info(tracks)")}
    con.close()


def test_an_unexpected_error_in_the_app_names_its_report(tmp_path, monkeypatch, capsys):
    """A bug in the app: a message with the reason and the report file (a windowed app has
    no terminal), the traceback in that file; the app keeps running."""
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tagger.gui import app, dialogs

    shown = []
    monkeypatch.setattr(dialogs, "message", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    app._install_excepthook(lambda: None)
    try:
        {}["no such key"]
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    reports = list((tmp_path / "data" / "error-reports").glob("*.txt"))
    assert len(reports) == 1 and "KeyError" in reports[0].read_text()
    assert len(shown) == 1 and "'no such key'" in shown[0] and str(reports[0]) in shown[0]


def test_a_worker_thread_error_is_its_reason_and_only_a_bug_gets_a_traceback(tmp_path, capsys):
    """A file gone from disk while its spectrogram is made is said as such, without its
    class name or a traceback; a bug keeps both, and its report."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tagger.decode import DecodeError
    from tagger.gui.workers import _print_if_unexpected, describe_error

    for exc in (DecodeError("file not found"), FileNotFoundError(2, "No such file or directory", "/m/a.mp3")):
        assert "Error" not in describe_error(exc)
        _print_if_unexpected(exc)
    assert capsys.readouterr().err == ""
    assert not (tmp_path / "data" / "error-reports").exists()
    try:
        {}["x"]
    except KeyError as exc:
        assert describe_error(exc) == "KeyError: 'x'"
        _print_if_unexpected(exc)
    assert "Traceback" in capsys.readouterr().err
    assert len(list((tmp_path / "data" / "error-reports").glob("*.txt"))) == 1
