"""Errors a user meets in ordinary use get one line and an exit code, never a traceback:
a link loop, output piped into `head`, a library another process holds locked."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tagger.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def test_a_link_loop_is_one_line(tmp_path, capsys):
    loop = tmp_path / "loop.mp3"
    loop.symlink_to(loop.name)  # `ln -s loop.mp3 loop.mp3`
    assert main(["scan", str(loop), "--db", str(tmp_path / "lib.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"tagger: {loop}: a symbolic link that leads back to itself (a link loop)"


def test_output_closed_early_is_quiet(tmp_path, make_library):
    """`tagger scan DIR --json | head -1`: no BrokenPipeError traceback, exit 141."""
    make_library(tmp_path / "music", ["wav", "flac", "mp3", "ogg"])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tagger",
            "scan",
            str(tmp_path / "music"),
            "--json",
            "--db",
            str(tmp_path / "lib.sqlite"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141 and "Traceback" not in err and "BrokenPipe" not in err, err


def test_a_locked_library_says_so(tmp_path, make_library, capsys):
    files = make_library(tmp_path / "music", ["wav"])
    db = tmp_path / "lib.sqlite"
    assert main(["scan", str(tmp_path / "music"), "--db", str(db)]) == 0
    capsys.readouterr()
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than SQLite waits
    try:
        code = main(["decide", str(files["wav"]), "--skip", "--db", str(db)])
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert code == 1 and "the library database is busy" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert main(["decide", str(files["wav"]), "--skip", "--db", str(db)]) == 0  # and it works once free


def test_a_file_named_like_an_option_is_a_file(tmp_path, make_library, monkeypatch, capsys):
    """A track named "-03_Intro.wav" (a track number first; argparse takes a name with a
    space for a positional anyway) is the file it names, not an
    unknown option answered with the top-level usage; an option stays an option even
    where a file of its name exists."""
    files = make_library(tmp_path / "music", ["wav"])
    dashed = files["wav"].with_name("-03_Intro.wav")
    files["wav"].rename(dashed)
    (tmp_path / "music" / "--json").write_bytes(b"")
    db = tmp_path / "lib.sqlite"
    assert main(["scan", str(tmp_path / "music"), "--db", str(db)]) == 0
    monkeypatch.chdir(tmp_path / "music")
    capsys.readouterr()
    assert main(["scan", "-03_Intro.wav", "--db", str(db)]) == 0  # the only path given, too
    assert "1 unchanged" in capsys.readouterr().out
    assert main(["decide", "-03_Intro.wav", "--genres", "Jazz", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "1 track(s) updated\n"
    con = sqlite3.connect(db)
    try:
        found = con.execute(
            "SELECT t.path, d.genres_json FROM decisions d JOIN tracks t ON t.id = d.track_id"
        ).fetchall()
    finally:
        con.close()
    assert found == [(str(dashed), '["Jazz"]')]
    assert main(["history", "--json", "--db", str(db)]) == 0  # the option, not the file "--json"
    assert capsys.readouterr().out == ""
    with pytest.raises(SystemExit):  # a dashed name that is no file: argparse's own error
        main(["decide", "-04_Missing.wav", "--accept", "--db", str(db)])
    assert "unrecognized arguments: -04_Missing.wav" in capsys.readouterr().err


def test_control_characters_are_printed_visibly_and_json_stays_exact(tmp_path, capsys):
    """A file name holding ESC [2J (clear screen) is shown escaped, not obeyed; --json
    output is exact JSON that decodes to the real name."""
    music = tmp_path / "music"
    music.mkdir()
    bad = music / "evil\x1b[2Jname.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    db = tmp_path / "lib.sqlite"
    assert main(["scan", str(music), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "evil\\x1b[2Jname.mp3" in out
    assert main(["scan", str(music), "--db", str(tmp_path / "other.sqlite"), "--json"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "\x1b" not in first and json.loads(first)["path"] == str(bad)


def test_model_labels_must_be_plain_text(tmp_path):
    import onnx

    from tagger.model import default_model_path
    from tagger.modelfile import ModelFileError, read_metadata

    model = onnx.load(str(default_model_path()))
    for p in model.metadata_props:
        if p.key == "labels":
            labels = json.loads(p.value)
            labels[0] = "<b>rock</b>"
            p.value = json.dumps(labels)
    crafted = tmp_path / "crafted.onnx"
    onnx.save(model, crafted)
    with pytest.raises(ModelFileError, match="label '<b>rock</b>' is not plain text"):
        read_metadata(crafted)


def _tagger(*args, **popen) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), ORT_DISABLE_TELEMETRY="1")
    return subprocess.Popen(
        [sys.executable, "-m", "tagger", *map(str, args)], stderr=subprocess.PIPE, text=True, env=env, **popen
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_that_cannot_be_written_is_one_line(tmp_path, make_library):
    """`tagger scan DIR > file` on a full disk: said, exit 1; a closed stdout too."""
    make_library(tmp_path / "music", ["wav", "ogg"])
    db = tmp_path / "lib.sqlite"
    with open("/dev/full", "w") as full:
        proc = _tagger("scan", tmp_path / "music", "--json", "--db", db, stdout=full)
        err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 1 and err == "tagger: cannot write the output: No space left on device\n"

    # a write whose output cannot be written: the files are written all the same, and the
    # one line says so and how to put them back
    from tagger.cli import main

    assert main(["decide", str(tmp_path / "music"), "--genres", "Rock", "--db", str(db)]) == 0
    with open("/dev/full", "w") as full:
        proc = _tagger("apply", tmp_path / "music", "--decided-only", "--json", "--db", db, stdout=full)
        err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 1 and err == (
        "tagger: cannot write the output: No space left on device; "
        "batch 1: 2 file(s) written all the same (`tagger undo 1` puts them back)\n"
    )

    proc = _tagger("history", "--db", db, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 1 and err == "tagger: standard output is closed: nothing to write the results to\n"


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_a_decoder_library_warning_does_not_reach_the_user(tmp_path, monkeypatch):
    """A cut-short MP3 made libmpg123 print "Warning: Xing stream size off by more than
    1%" on the command's stderr, naming no file (in the pool's workers too): the track's
    own line says what went wrong, and stderr holds only the command's own lines."""
    import audio_fixtures

    music = tmp_path / "music"
    music.mkdir()
    (music / "cut.mp3").write_bytes(audio_fixtures.fixture_path("mp3").read_bytes()[:5000])
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    proc = _tagger("analyze", music, "--db", tmp_path / "lib.db", stdout=subprocess.PIPE)
    out, err = proc.communicate(timeout=300)
    assert "cut.mp3\n    FAILED: " in out, out
    assert "Xing" not in err and "Warning" not in err, err
    assert err.splitlines()[0].startswith("model "), err


def test_a_terminated_command_leaves_no_process_behind(tmp_path):
    """`kill PID` (SIGTERM) or a closed terminal (SIGHUP) stop `tagger analyze` as Ctrl+C
    does: its workers end with it, and it says so."""
    import signal
    import time

    from tagger.paths import resources_dir

    music = tmp_path / "music"
    music.mkdir()
    for i in range(12):  # enough to last well beyond the pool's start
        for src in (resources_dir() / "example-music").glob("*.ogg"):
            shutil.copyfile(src, music / f"{i}-{src.name}")
    for signum in (signal.SIGTERM, signal.SIGHUP):
        db = tmp_path / f"lib-{signum}.sqlite"
        proc = _tagger(
            "analyze", music, "--db", db, "--workers", "2", stdout=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 120
        while len(_group(proc.pid)) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)  # the command and at least two of its helpers (the pool's workers)
        assert proc.poll() is None, "finished before it could be stopped: give it more music"
        os.kill(proc.pid, signum)
        err = proc.communicate(timeout=60)[1]
        assert proc.returncode == 128 + signum and err.endswith("tagger: stopped\n") and "Traceback" not in err
        deadline = time.monotonic() + 10
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _group(proc.pid) == [], "processes left behind"


@pytest.mark.skipif(not hasattr(os, "killpg") or not hasattr(__import__("signal"), "SIGHUP"), reason="POSIX")
def test_a_signal_the_user_ignores_stays_ignored(tmp_path):
    """`nohup tagger analyze ... &`: the terminal closing (SIGHUP) does not stop it."""
    import signal
    import time

    from tagger.paths import resources_dir

    music = tmp_path / "music"
    music.mkdir()
    for src in sorted((resources_dir() / "example-music").glob("*.ogg"))[:3]:
        shutil.copyfile(src, music / src.name)
    proc = _tagger(
        "analyze", music, "--db", tmp_path / "lib.sqlite", "--workers", "1", stdout=subprocess.DEVNULL,
        start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(_group(proc.pid)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGHUP)
    err = proc.communicate(timeout=300)[1]
    assert proc.returncode == 0 and "stopped" not in err, err


def _group(pgid: int) -> list[int]:
    """The live processes of process group `pgid` (Linux /proc; zombies don't count)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[2]) == pgid and stat[0] != "Z":
                found.append(int(entry))
    return found


def test_a_bug_is_one_line_and_its_traceback_goes_to_a_report(tmp_path, monkeypatch, capsys):
    from tagger import cli

    def broken(args):
        raise TypeError("'>=' not supported between instances of 'float' and 'str'")

    monkeypatch.setitem(cli.COMMANDS, "history", broken)
    assert main(["history", "--db", str(tmp_path / "lib.sqlite")]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("tagger: unexpected error (TypeError: '>=' not supported") and "please report it" in err
    reports = list((tmp_path / "data" / "error-reports").glob("*.txt"))
    assert len(reports) == 1 and str(reports[0]) in err
    text = reports[0].read_text()
    assert "Traceback (most recent call last)" in text and "in broken" in text and "command: " in text


def test_a_value_error_from_inside_a_library_is_a_bug_with_a_report(tmp_path, capsys, monkeypatch):
    """A ValueError this program raises is its one line (a bad file, a bad name); a
    plain ValueError raised inside a library (numpy, called wrongly) is a bug: one
    line, and a report with its traceback."""
    import numpy as np

    from tagger import cli

    def broken(args):
        np.reshape(np.ones(3), (2, 2))  # raised in numpy's own Python code

    monkeypatch.setitem(cli.COMMANDS, "history", broken)
    assert main(["history", "--db", str(tmp_path / "lib.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tagger: unexpected error (ValueError: cannot reshape array") and "please report it" in err
    reports = list((tmp_path / "data" / "error-reports").glob("*.txt"))
    assert len(reports) == 1 and "fromnumeric.py" in reports[0].read_text()

    def refused(args):  # the program's own sentence (tagger.db.decisions)
        from tagger.db.decisions import checked_genres

        checked_genres("overridden", [])

    monkeypatch.setitem(cli.COMMANDS, "history", refused)
    assert main(["history", "--db", str(tmp_path / "lib.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tagger: an override needs at least one genre") and len(err.splitlines()) == 1
    assert len(list((tmp_path / "data" / "error-reports").glob("*.txt"))) == 1  # no new report


def test_a_genre_argument_that_is_not_utf8_is_one_line(tmp_path, make_library, capsys):
    """`tagger decide F --genres $'Caf\\xe9'` in a Latin-1 terminal: the name is not text,
    said in one line with its bytes shown, and nothing is decided."""
    from tagger.db import Library

    music = tmp_path / "music"
    files = make_library(music, ["flac"])
    db = tmp_path / "lib.sqlite"
    assert main(["scan", str(music), "--db", str(db)]) == 0
    capsys.readouterr()
    latin1 = os.fsdecode(b"Caf\xe9")  # what Python makes of a Latin-1 argument

    code = main(["decide", str(files["flac"]), "--genres", latin1, "--db", str(db)])

    err = capsys.readouterr().err
    assert code == 1 and err.strip().splitlines() == [
        "tagger: Caf\\xe9 is not text: it holds bytes that are not UTF-8 "
        "(type the name again, or set the terminal to UTF-8)"
    ]
    lib = Library(db)
    try:
        assert not lib.confirmed_tracks_detailed()
    finally:
        lib.close()


def test_a_library_in_a_folder_that_is_not_there_is_refused(tmp_path, make_library, capsys):
    """`--db /typo/lib.sqlite`: said in one line, and no folder is made for it."""
    music = tmp_path / "music"
    make_library(music, ["flac"])
    db = tmp_path / "no-such-folder" / "deeper" / "lib.sqlite"

    code = main(["scan", str(music), "--db", str(db)])

    assert code == 1
    assert capsys.readouterr().err.strip() == f"tagger: {db}: its folder {db.parent} does not exist"
    assert not (tmp_path / "no-such-folder").exists()
