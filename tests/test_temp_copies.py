"""Copies left by a write killed mid-way (kill -9) are removed when the next command or
the app starts, and never while the process that made them still runs.

The killed writer is a real `tagger apply` in a child process, stopped inside the write
(its copy made, the tag not yet written: the child says so on stdout and waits), then
sent SIGKILL: nothing of it runs after that, as with the OOM killer or a power cut."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tagger import temp_copies
from tagger.cli import main
from tagger.safewrite import is_temp_name, write_genres_safely
from tagger.tags import read_tags

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this OS")

REPO = Path(__file__).resolve().parent.parent

# `tagger apply`, stopped inside the write: the copy exists, the tag is not written yet
STOPPED_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from tagger import tags
    from tagger.cli import main

    def stop_here(path, changes, options=None):
        print(path, flush=True)  # the copy being written
        sys.stdin.buffer.read()  # until killed

    tags.write_fields = stop_here  # what the safe writer calls on its copy
    sys.exit(main(sys.argv[2:]))
    """
)


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if is_temp_name(p.name))


def claims() -> list[Path]:
    folder = temp_copies.claims_dir()
    return sorted(folder.glob("*.claim")) if folder.is_dir() else []


@pytest.fixture
def decided_library(tmp_path, monkeypatch, make_library, capsys):
    """A scanned library whose WAV is decided ("Jazz"), its own config and data folders."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = tmp_path / "music"
    files = make_library(music, ["wav"])
    db = tmp_path / "library.sqlite"
    assert main(["scan", str(music), "--db", str(db)]) == 0
    assert main(["decide", str(music), "--genres", "Jazz", "--db", str(db)]) == 0
    capsys.readouterr()
    return music, files["wav"], db


def start_stopped_writer(music: Path, db: Path) -> tuple[subprocess.Popen, Path]:
    proc = subprocess.Popen(
        [sys.executable, "-c", STOPPED_WRITER, str(REPO), "apply", str(music), "--db", str(db), "--decided-only"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(REPO)},
    )
    line = proc.stdout.readline().strip()  # the child is inside the write once it says this
    if not line:
        proc.kill()
        pytest.fail(f"the writer did not get to its copy: {proc.communicate()[1]}")
    return proc, Path(line)


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def test_a_killed_writers_copy_goes_at_the_next_command_not_before(decided_library, capsys):
    music, wav, db = decided_library
    original = wav.read_bytes()
    proc, copy = start_stopped_writer(music, db)
    try:
        assert leftovers(music) == [copy] and copy.stat().st_size == len(original)
        assert len(claims()) == 1

        # the writer is alive: another command leaves its copy alone
        assert main(["history", "--db", str(db)]) == 0
        assert "temporary cop" not in capsys.readouterr().err
        assert leftovers(music) == [copy] and len(claims()) == 1
    finally:
        kill(proc)

    assert leftovers(music) == [copy]  # what kill -9 leaves behind
    assert main(["history", "--db", str(db)]) == 0  # any command, at its start
    assert "removed 1 temporary copy of audio files left by an interrupted write" in capsys.readouterr().err
    assert leftovers(music) == [] and claims() == []
    assert wav.read_bytes() == original  # the original was never touched

    # the batch the killed process started can be written again, and leaves nothing behind
    assert main(["apply", str(music), "--db", str(db), "--decided-only"]) == 0
    assert read_tags(wav).genres == ["Jazz"]
    assert leftovers(music) == [] and claims() == []


@pytest.mark.gui
def test_the_app_removes_a_killed_writers_copy_when_it_starts(decided_library, qtbot, tmp_path, monkeypatch):
    from gui_helpers import close_window, isolated_settings, open_window

    music, wav, db = decided_library
    proc, copy = start_stopped_writer(music, db)
    kill(proc)
    assert leftovers(music) == [copy]
    isolated_settings(tmp_path, monkeypatch)
    window = open_window(qtbot, None, db)
    assert leftovers(music) == [] and claims() == []
    assert "Removed 1 temporary copy" in window.statusBar().currentMessage()
    close_window(qtbot, window)


def test_only_our_own_copies_named_in_a_dead_claim_are_deleted(tmp_path, monkeypatch, make_library):
    """A claim is a list of paths: whatever it says, only regular files named like our
    copies are deleted (never the user's file, nor a link)."""
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    files = make_library(tmp_path / "music", ["flac"])
    song = files["flac"]
    ours = song.with_name(temp_copies.temp_name_for(song))
    ours.write_bytes(song.read_bytes())
    link = song.with_name(temp_copies.temp_name_for(song))
    link.symlink_to(song)
    held = temp_copies.claim()
    for p in (song, ours, link):
        held.add(p)
    os.close(held.fd)  # the writer is gone (its lock with it), its claim file is not
    assert temp_copies.remove_leftovers() == [ours]
    assert song.exists() and link.is_symlink() and not ours.exists()
    assert claims() == []


def test_a_normal_write_leaves_no_claim(tmp_path, monkeypatch, make_library):
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    song = make_library(tmp_path / "music", ["mp3"])["mp3"]
    seen = []

    def before_replace():
        seen.append((len(claims()), [p.name for p in leftovers(song.parent)]))

    write_genres_safely(song, ["Rock"], before_replace=before_replace)
    assert seen[0][0] == 1 and len(seen[0][1]) == 1  # during the write: its claim and its copy
    assert claims() == [] and leftovers(song.parent) == []
