"""File and folder names that are not UTF-8 (Latin-1 copies, ZIP extractions): every
command and the app handle them, the library keeps them exactly (tagger.fsnames), and
people see them readably (each undecodable byte as \\xNN). Real files, a real SQLite
library, the real model, the real widgets."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import audio_fixtures
import pytest

from tagger.cli import main
from tagger.fsnames import from_stored, readable, to_stored
from tagger.tags import read_tags, write_genres


def name(folder: Path, *parts: bytes) -> Path:
    """folder / parts, the parts given as raw bytes (Latin-1 here, so not UTF-8)."""
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), *parts)))


def latin1_library(music: Path) -> dict[str, Path]:
    """A folder of real audio files, most of them named in Latin-1:
    caf\\xe9.flac, caf\\xe9/track.mp3 (a Latin-1 folder), caf\\xe8/other.ogg (a sibling
    folder whose name differs in that one byte only) and Café.wav (UTF-8: as always)."""
    files = {
        "flac": name(music, b"caf\xe9.flac"),
        "mp3": name(music, b"caf\xe9", b"track.mp3"),
        "ogg": name(music, b"caf\xe8", b"other.ogg"),
        "wav": music / "Café.wav",
    }
    for key, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(audio_fixtures.fixture_path(key), path)
    return files


def test_storage_keeps_utf8_text_as_it_was_and_other_names_exactly():
    for text in ["/music/Café/01 — Ünïcødé.flac", "/music/plain.mp3", "/m/\U0001f3b5.ogg"]:
        assert to_stored(text) == text  # a library made before needs no migration
    latin1 = os.fsdecode(b"/music/caf\xe9.flac")
    assert to_stored(latin1) == b"/music/caf\xe9.flac"
    assert from_stored(to_stored(latin1)) == latin1
    assert readable(latin1) == "/music/caf\\xe9.flac"
    assert readable("/music/Café.flac") == "/music/Café.flac"


def _run_in_locale(tmp_path, locale_env: dict, *args) -> tuple[int, str, str]:
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), **locale_env)
    env |= {"GENRE_TAGGER_CONFIG_DIR": str(tmp_path / "config"), "GENRE_TAGGER_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-m", "tagger", *map(str, args)], env=env, capture_output=True, timeout=300)
    return proc.returncode, os.fsdecode(proc.stdout), os.fsdecode(proc.stderr)


# Python names files by the locale's encoding unless in UTF-8 mode: ASCII under LC_ALL=C
ASCII_NAMES = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
UTF8_NAMES = {"PYTHONUTF8": "1"}


@pytest.mark.slow
def test_one_file_is_one_track_whatever_the_locale(tmp_path):
    """A run under LC_ALL=C (cron, a service) and one in a UTF-8 terminal see "Café.wav"
    as one track, decide it by its path alike, and store it as the same text."""
    music = tmp_path / "music"
    music.mkdir()
    shutil.copyfile(audio_fixtures.fixture_path("wav"), music / "Café.wav")
    db = tmp_path / "lib.sqlite"
    check = "import sys; print(sys.getfilesystemencoding())"
    import subprocess
    import sys

    encoding = subprocess.run(
        [sys.executable, "-c", check], env=dict(os.environ, **ASCII_NAMES), capture_output=True, text=True
    ).stdout.strip()
    if encoding.lower() in ("utf-8", "utf8"):
        pytest.skip("this platform names files in UTF-8 under every locale")

    code, _, err = _run_in_locale(tmp_path, ASCII_NAMES, "scan", music, "--db", db)
    assert code == 0, err
    code, out, err = _run_in_locale(tmp_path, UTF8_NAMES, "scan", music, "--db", db, "--json")
    summary = json.loads(out.splitlines()[-1])["summary"]
    assert code == 0 and (summary["new"], summary["unchanged"], summary["moved"]) == (0, 1, 0), out
    for locale_env, genre in ((UTF8_NAMES, "Jazz"), (ASCII_NAMES, "Blues")):
        code, out, err = _run_in_locale(
            tmp_path, locale_env, "decide", music / "Café.wav", "--db", db, "--genres", genre
        )
        assert code == 0 and "1 track(s) updated" in out, err
    rows = sqlite3.connect(db).execute("SELECT path, typeof(path) FROM tracks").fetchall()
    assert rows == [(str(music / "Café.wav"), "text")]
    decided = sqlite3.connect(db).execute("SELECT genres_json FROM decisions").fetchall()
    assert [json.loads(g) for (g,) in decided] == [["Blues"]]


@pytest.mark.slow
def test_cli_scan_analyze_decide_apply_undo(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = tmp_path / "music"
    files = latin1_library(music)
    before = {k: read_tags(p).genres for k, p in files.items()}
    db = str(tmp_path / "lib.sqlite")

    def run(*argv) -> tuple[int, str, str]:
        code = main([os.fspath(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("scan", music, "--db", db)
    assert code == 0, err
    assert "4 audio files: 4 new" in out and "0 unreadable" in out
    # UTF-8 paths are the same text as always; the Latin-1 ones their exact bytes
    con = sqlite3.connect(db)
    stored = {row[0]: row[1:] for row in con.execute("select path, typeof(path), folder, typeof(folder) from tracks")}
    con.close()
    assert stored[str(files["wav"])] == ("text", str(music), "text")
    assert stored[os.fsencode(files["mp3"])] == ("blob", os.fsencode(files["mp3"].parent), "blob")
    assert stored[os.fsencode(files["flac"])] == ("blob", str(music), "text")
    assert len(stored) == 4
    code, out, _ = run("scan", music, "--db", db)  # incremental: each file found again
    assert code == 0 and "4 unchanged" in out and "0 new" in out

    # --json: exact names (json.loads gives the str Python opens the file with)
    code, out, err = run("analyze", music, "--db", db, "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["path"] for line in lines} == {str(p) for p in files.values()}
    assert all(line["status"] == "ok" for line in lines), lines
    # people see the undecodable bytes as \xNN
    code, out, err = run("analyze", music, "--db", db)
    assert code == 0, err
    assert "caf\\xe9.flac" in out and "caf\\xe9/track.mp3" in out and "caf\\xe8/other.ogg" in out
    assert "Café.wav" in out

    # a Latin-1 folder is "under" exactly: not its sibling that differs in one byte
    code, out, err = run("decide", files["mp3"].parent, "--db", db, "--genres", "Rock")
    assert (code, out.strip()) == (0, "1 track(s) updated"), err
    code, out, err = run("decide", files["ogg"].parent, "--db", db, "--genres", "Folk; Blues")
    assert (code, out.strip()) == (0, "1 track(s) updated"), err
    code, out, err = run("decide", files["flac"], "--db", db, "--accept", "--min-confidence", "0.01")
    assert (code, out.strip()) == (0, "1 of 1 track(s) updated"), err

    code, out, err = run("apply", music, "--db", db, "--decided-only", "--mode", "replace", "--dry-run")
    assert code == 0, err
    assert "caf\\xe9/track.mp3\n    - " in out and "+ Rock" in out and "caf\\xe8/other.ogg" in out
    assert "3 file(s) would change, 0 would be refused" in err

    code, out, err = run("apply", music, "--db", db, "--decided-only", "--mode", "replace", "--json")
    assert code == 0, err
    outcomes = {line["path"]: line for line in map(json.loads, out.splitlines())}
    assert set(outcomes) == {str(files[k]) for k in ("flac", "mp3", "ogg")}
    assert all(o["status"] == "written" for o in outcomes.values()), outcomes
    assert read_tags(files["mp3"]).genres == ["Rock"]
    assert read_tags(files["ogg"]).genres == ["Folk", "Blues"]
    assert read_tags(files["flac"]).genres == outcomes[str(files["flac"])]["new"]
    assert sorted(p.name for p in files["flac"].parent.iterdir()) == sorted(
        ["Café.wav", files["flac"].name, "caf\udce9", "caf\udce8"]
    )  # no temp file left, nothing renamed

    code, out, err = run("history", "--db", db)
    assert code == 0 and "3 written" in out
    code, out, err = run("undo", "--db", db)
    assert (code, out.strip()) == (0, "batch 1: 3 file(s) restored (3 byte for byte), 0 not restored"), err
    assert {k: read_tags(p).genres for k, p in files.items()} == before


def test_a_newline_or_tab_in_a_name_keeps_each_item_on_its_lines(tmp_path, monkeypatch, capsys):
    """POSIX allows a newline in a file name: the CLI shows it as \\n, so every track
    is still its two lines (a script reading the output is not fooled); --json keeps
    the exact name."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = tmp_path / "music"
    music.mkdir()
    odd = music / "two\nlines.ogg"
    tabbed = music / "tab\there\x1b[2J.flac"
    disguised = music / "evil\u202egpj.ogg"  # shown as it is, this reads "evilggo.jpg"
    shutil.copyfile(audio_fixtures.fixture_path("ogg"), odd)
    shutil.copyfile(audio_fixtures.fixture_path("flac"), tabbed)
    shutil.copyfile(audio_fixtures.fixture_path("ogg"), disguised)
    write_genres(disguised, ["Rock\rPop"])  # another tool's value: a carriage return would hide the line
    db = str(tmp_path / "lib.sqlite")

    assert main(["analyze", str(music), "--db", db]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert f"{music}/two\\nlines.ogg" in lines
    assert f"{music}/tab\\there\\x1b[2J.flac" in lines
    assert f"{music}/evil\\u202egpj.ogg" in lines
    assert sum(line.startswith("    suggested: ") for line in lines) == 3
    assert any(line.endswith("current: Rock\\rPop") for line in lines), out
    assert "\r" not in out and "\u202e" not in out

    assert main(["decide", str(odd), "--db", db, "--genres", "Rock"]) == 0
    capsys.readouterr()
    assert main(["apply", str(music), "--db", db, "--decided-only", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"{music}/two\\nlines.ogg" in out.splitlines()

    assert main(["analyze", str(music), "--db", db, "--json"]) == 0
    assert {json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()} == {
        str(odd),
        str(tabbed),
        str(disguised),
    }


@pytest.mark.slow
@pytest.mark.gui
def test_gui_shows_plays_groups_and_writes_them(qtbot, tmp_path, monkeypatch):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pytest.importorskip("pytestqt")
    pytest.importorskip("PySide6.QtMultimedia")
    from gui_helpers import close_window, isolated_settings, open_window, wait_analysis, wait_idle
    from PySide6.QtCore import Qt
    from test_gui_player import FMT, FakeSink

    from tagger.review import COLUMNS

    isolated_settings(tmp_path, monkeypatch, min_confidence=0.05, write_mode="replace")
    music = tmp_path / "music"
    flac = name(music, b"caf\xe9.flac")
    loose = name(music, b"d\xe9j\xe0 vu", b"loose.ogg")
    for key, path in (("flac", flac), ("ogg", loose)):
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(audio_fixtures.fixture_path(key), path)
    import mutagen

    f = mutagen.File(loose)
    del f["TITLE"], f["ALBUM"]  # shown by its file name; grouped by its (Latin-1) folder
    f.save()

    window = open_window(qtbot, music, tmp_path / "library.sqlite")
    summary = wait_analysis(qtbot, window)
    assert summary["total"] == 2 and summary["failed"] == 0, summary
    rows = {r.path: r for r in window.review_data.rows}
    assert set(rows) == {str(flac), str(loose)}  # the exact names, from the library

    # the review table: the row is there, its name readable
    title_col = [k for k, _ in COLUMNS].index("title")
    pos = window.model.position_of(rows[str(loose)].id)
    assert window.model.data(window.model.index(pos, title_col)) == "loose.ogg"
    tip = window.model.data(window.model.index(pos, title_col), Qt.ToolTipRole)
    assert "d\\xe9j\\xe0 vu/loose.ogg" in tip

    # the detail panel: readable path, the spectrogram, and playing the file
    detail = window.detail
    sinks: list = []
    detail._player_options = {
        "output": (None, FMT),
        "sink_factory": lambda out: sinks.append(FakeSink(out[1])) or sinks[-1],
    }
    window.select_track(rows[str(flac)].id)
    assert detail.path_label.text() == readable(str(flac)) and "caf\\xe9.flac" in detail.path_label.text()
    qtbot.waitUntil(lambda: detail.spectrogram._image is not None, timeout=30000)
    qtbot.waitUntil(lambda: detail._player is not None and detail._player.path == str(flac), timeout=5000)
    window.act_play.trigger()
    qtbot.waitUntil(lambda: sinks and sinks[-1].received > FMT.bytes_at(0.2), timeout=10000)
    detail._stop_player()

    # album grouping: the loose file's group is named after its folder, readably
    window.group_albums.setChecked(True)
    albums = [window.album_model.album_at(i) for i in range(window.album_model.rowCount())]
    group = next(a for a in albums if a.folder_group)
    assert group.folder == str(loose.parent) and group.album == "d\\xe9j\\xe0 vu (folder)"
    window.group_albums.setChecked(False)

    # decide, write through the dialog (it lists the file readably), undo
    window.select_track(rows[str(flac)].id)
    window.override_selected(["Jazz"])
    window.write_tags()
    dlg = window.write_dialog
    qtbot.waitUntil(lambda: dlg.write_button.isEnabled(), timeout=20000)
    assert [c.path for c in dlg.changes] == [str(flac)]
    assert dlg.model.data(dlg.model.index(0, 0)) == "caf\\xe9.flac"
    with qtbot.waitSignal(window.write_finished, timeout=60000) as blocker:
        qtbot.mouseClick(dlg.write_button, Qt.LeftButton)
    _, outcomes = blocker.args[0]
    assert [(o.path, o.status) for o in outcomes] == [(str(flac), "written")]
    assert read_tags(flac).genres == ["Jazz"]
    wait_idle(qtbot, window)
    from tagger.gui import dialogs

    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    with qtbot.waitSignal(window.undo_finished, timeout=60000) as blocker:
        window.undo_last()
    assert [o.status for o in blocker.args[0][1]] == ["undone"]
    assert read_tags(flac).genres == read_tags(audio_fixtures.fixture_path("flac")).genres
    wait_idle(qtbot, window)
    close_window(qtbot, window)
