"""A music folder moved or renamed outside the app (`mv Music MusicFLAC`): the scan of the
new place says so, and once the user confirms (`tagger scan NEW --moved-from OLD`, or the
app's question), the decisions, removals and write history go with the tracks. Never
without the user: a drive that is only not mounted looks the same (tagger.moved_folder)."""

from __future__ import annotations

import shutil

import pytest
from gui_helpers import wait_analysis, wait_idle

from tagger.db import Track
from tagger.moved_folder import MovedFolder, MoveError, follow, guess
from tagger.scan import scan
from tagger.tags import read_tags


def track_at(lib, path):
    with lib.session() as s:
        return s.query(Track).filter(Track.path == str(path)).one()


def decided_library(tmp_path, make_library, lib):
    """Music/Album (flac, mp3) and Music/Other (ogg): a decision on each, one removed."""
    music = tmp_path / "Music"
    album = make_library(music / "Album", ["flac", "mp3"])
    other = make_library(music / "Other", ["ogg"])
    scan(lib, [music])
    lib.set_decision([track_at(lib, album["flac"]).id], "overridden", ["Dub Techno"])
    lib.set_decision([track_at(lib, album["mp3"]).id], "skipped")
    lib.set_decision([track_at(lib, other["ogg"]).id], "accepted", ["Folk"])
    return music, album, other


def test_renamed_folder_is_seen_and_followed_when_confirmed(tmp_path, make_library, lib):
    music, album, other = decided_library(tmp_path, make_library, lib)
    flac = tmp_path / "MusicFLAC"
    music.rename(flac)

    seen = scan(lib, [flac])
    assert seen.new == 3 and seen.moved == 0  # the old place cannot be scanned: nothing moved yet
    assert seen.moved_folder == MovedFolder(str(music), str(flac), 3)
    # until the user says so, nothing follows: the old tracks keep their decisions
    assert track_at(lib, album["flac"]).status == "present"
    assert lib.decision_for(track_at(lib, flac / "Album" / album["flac"].name).id) is None

    done = follow(lib, music, flac)

    assert (done.gone, done.found, done.decisions) == (3, 3, 3)
    assert track_at(lib, album["flac"]).status == "gone"
    moved = lib.decision_for(track_at(lib, flac / "Album" / album["flac"].name).id)
    assert moved.state == "overridden" and moved.genres == ["Dub Techno"]
    assert lib.decision_for(track_at(lib, flac / "Album" / album["mp3"].name).id).state == "skipped"
    assert lib.decision_for(track_at(lib, flac / "Other" / other["ogg"].name).id).genres == ["Folk"]
    assert lib.decision_for(track_at(lib, album["flac"]).id) is None  # moved, not copied
    assert scan(lib, [flac]).moved_folder is None  # nothing left to ask about


def test_a_copy_beside_a_missing_drive_is_only_a_question(tmp_path, make_library, lib):
    """The drive holding the music is not mounted; its backup copy is scanned. The scan
    asks, and until the user answers nothing of the drive's tracks changes."""
    drive = tmp_path / "media" / "disk" / "Music"
    files = make_library(drive, ["flac"])
    scan(lib, [drive])
    lib.set_decision([track_at(lib, files["flac"]).id], "accepted", ["Jazz"])
    backup = tmp_path / "backup" / "Music"
    shutil.copytree(drive, backup)
    shutil.move(str(tmp_path / "media" / "disk"), str(tmp_path / "unmounted"))  # the drive is away

    result = scan(lib, [backup])

    # (the shared tail, Music/..., is taken off both sides)
    assert result.moved_folder == MovedFolder(str(tmp_path / "media" / "disk"), str(backup.parent), 1)
    assert track_at(lib, files["flac"]).status == "present"
    assert lib.decision_for(track_at(lib, files["flac"]).id).genres == ["Jazz"]
    assert lib.decision_for(track_at(lib, backup / files["flac"].name).id) is None


def test_a_copy_whose_original_is_there_is_no_move(tmp_path, make_library, lib):
    music = tmp_path / "Music"
    make_library(music, ["flac", "ogg"])
    scan(lib, [music])
    shutil.copytree(music, tmp_path / "Backup")
    assert scan(lib, [tmp_path / "Backup"]).moved_folder is None


def test_refusals_change_nothing(tmp_path, make_library, lib):
    music, album, _ = decided_library(tmp_path, make_library, lib)
    copy = tmp_path / "Copy"
    shutil.copytree(music, copy)
    scan(lib, [copy])

    with pytest.raises(MoveError, match="still exists"):
        follow(lib, music, copy)
    with pytest.raises(MoveError, match="no tracks under"):
        follow(lib, tmp_path / "Nowhere", copy)
    with pytest.raises(MoveError, match="one holds the other"):
        follow(lib, copy / "Gone", copy)
    assert track_at(lib, album["flac"]).status == "present"
    assert lib.decision_for(track_at(lib, album["flac"]).id).genres == ["Dub Techno"]


def test_guess_takes_the_most_common_move_of_folders_that_are_gone():
    gone = {"/m", "/m/A", "/m/B", "/old", "/old/X"}
    pairs = [
        ("/new/A/01.flac", "/m/A/01.flac"),
        ("/new/A/02 renamed.flac", "/m/A/02.flac"),  # renamed too: its folder still counts
        ("/new/B/01.flac", "/m/B/01.flac"),
        ("/elsewhere/X/1.flac", "/old/X/1.flac"),
        ("/new/C/1.flac", "/kept/C/1.flac"),  # a copy: its original folder is there
    ]
    assert guess(pairs, exists=lambda p: p not in gone) == MovedFolder("/m", "/new", 3)
    assert guess(pairs[-1:], exists=lambda p: p not in gone) is None


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """cli(*argv) -> (exit code, stdout, stderr) of the real command line, in private folders."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    from tagger.cli import main

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_says_it_and_follows_with_moved_from(tmp_path, make_library, cli):
    music = tmp_path / "Music"
    files = make_library(music / "Album", ["flac", "mp3"])
    assert cli("scan", music)[0] == 0
    assert cli("decide", files["flac"], "--genre", "Dub Techno")[0] == 0
    flac = tmp_path / "Music FLAC"
    music.rename(flac)

    code, out, _ = cli("scan", flac)
    assert code == 0
    assert f"tagger scan '{flac}' --moved-from {music}" in out

    code, _, err = cli("scan", flac, "--moved-from", flac / "Album")
    assert code == 1 and "still exists" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err

    code, out, err = cli("scan", flac, "--moved-from", music)
    assert code == 0, err
    assert "1 decision(s) came with them" in out
    code, out, _ = cli("apply", flac, "--dry-run", "--decided-only")
    assert "Dub Techno" in out and str(flac / "Album" / files["flac"].name) in out


def test_undo_after_a_followed_move_restores_the_files_where_they_are(tmp_path, make_library, cli):
    music = tmp_path / "Music"
    files = make_library(music / "Album", ["flac", "ogg"])
    before = {p.name: read_tags(p).genres for p in files.values()}
    assert cli("scan", music)[0] == 0
    assert cli("decide", music, "--genre", "Ambient")[0] == 0
    code, _, err = cli("apply", music, "--decided-only")
    assert code == 0, err
    assert all(read_tags(p).genres == ["Ambient"] for p in files.values())
    moved = tmp_path / "Archive"
    music.rename(moved)
    assert cli("scan", moved, "--moved-from", music)[0] == 0

    code, out, err = cli("undo")

    assert code == 0, err + out
    for name, genres in before.items():
        assert read_tags(moved / "Album" / name).genres == genres


def renamed_and_opened(tmp_path, make_library, lib, window_on, qtbot):
    """The decided library's Music renamed MusicFLAC, and the app opened on MusicFLAC:
    (window, old folder, new folder, the album's files)."""
    music, album, _ = decided_library(tmp_path, make_library, lib)
    flac = tmp_path / "MusicFLAC"
    music.rename(flac)
    lib.close()
    window = window_on(tmp_path / "lib.db")
    window.open_folder(str(flac))
    wait_analysis(qtbot, window)
    wait_idle(qtbot, window)
    return window, music, flac, album


def test_the_app_asks_and_the_decisions_follow(tmp_path, make_library, lib, window_on, qtbot):
    """After the scan, a bar above the table says which folder looks moved; its button
    brings the decisions along. Not now hides it for the rest of the session."""
    from PySide6.QtCore import Qt

    window, music, flac, album = renamed_and_opened(tmp_path, make_library, lib, window_on, qtbot)

    bar = window.moved_bar
    assert bar.isVisible()
    assert bar.label.text().startswith(f"3 tracks here hold the same audio as tracks under {music}")
    assert window.review_data is not None
    assert all(r.decision is None for r in window.review_data.rows)  # nothing followed before the click
    qtbot.mouseClick(bar.follow_button, Qt.LeftButton)

    assert not bar.isVisible()
    assert "moved to" in window.statusBar().currentMessage()
    flac_track = str(flac / "Album" / album["flac"].name)
    qtbot.waitUntil(
        lambda: {r.path: r.decision for r in window.review_data.rows}.get(flac_track) == "overridden", timeout=10000
    )
    window.rescan()  # nothing looks moved any more
    wait_analysis(qtbot, window)
    assert not bar.isVisible()


def test_not_now_leaves_everything_as_it_was(tmp_path, make_library, lib, window_on, qtbot):
    from PySide6.QtCore import Qt

    window, _, _, album = renamed_and_opened(tmp_path, make_library, lib, window_on, qtbot)
    assert window.moved_bar.isVisible()

    qtbot.mouseClick(window.moved_bar.dismiss_button, Qt.LeftButton)
    window.last_summary = None
    window.rescan()
    wait_analysis(qtbot, window)

    assert not window.moved_bar.isVisible()  # not asked again in this session
    assert window.ctx.lib.decision_for(track_at(window.ctx.lib, album["flac"]).id).genres == ["Dub Techno"]
