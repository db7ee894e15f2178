"""Errors a user meets in ordinary use get one line and an exit code, never a traceback:
a link loop, output piped into `head`, a library another process holds locked."""

from __future__ import annotations

import json
import os
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
