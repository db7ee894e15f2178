"""What the tests of several processes on one library share: running `python3 -m
tagger` in a real second process, a library of real files with decisions to write, and
reading the library file with plain sqlite3 (no code under test in between)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tagger.tags import read_tags

REPO = Path(__file__).resolve().parent.parent
GENRES = ["Rock", "Blues"]
# a helper process that holds a library's writer lock until its stdin is closed
HOLD_LOCK = (
    "import sys\n"
    "from tagger.write_lock import writing_tags\n"
    "with writing_tags(sys.argv[1]):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


def env() -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), *sys.path]), ORT_DISABLE_TELEMETRY="1")


def start(*args, stdin=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tagger", *map(str, args)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
        text=True,
    )


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def assert_clean(code: int, err: str) -> None:
    assert "Traceback" not in err and "IntegrityError" not in err and "UNIQUE" not in err, err
    assert code == 0, err


def music(root: Path, make_library, copies: int = 4) -> list[Path]:
    """`copies` folders, each with every fixture format in variants a and b."""
    import audio_fixtures as af

    files: list[Path] = []
    for i in range(copies):
        files += af.make_library(root / f"disc{i}a", variant="a").values()
        files += af.make_library(root / f"disc{i}b", [k for k in af.FORMATS if k not in af.COMMITTED], "b").values()
    return sorted(p.resolve() for p in files)


def rows(db_path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def copy_db(src: Path, dest: Path) -> Path:
    """A copy of a library (SQLite's backup: what is still in the source's WAL too)."""
    a, b = sqlite3.connect(src), sqlite3.connect(dest)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dest


def decided_library(tmp_path: Path, make_library) -> tuple[Path, list[Path], dict[Path, list[str]]]:
    """A scanned library whose every track is overridden with GENRES (nothing to
    analyse): (db, files, genres each file had before)."""
    from tagger.cli import main

    files = music(tmp_path / "music", make_library, copies=2)
    before = {p: read_tags(p).genres for p in files}
    dbf = tmp_path / "lib.sqlite"
    assert main(["scan", str(tmp_path / "music"), "--db", str(dbf)]) == 0
    assert main(["decide", str(tmp_path / "music"), "--genres", "; ".join(GENRES), "--db", str(dbf)]) == 0
    return dbf, files, before


def planned_changes(window, music: Path):
    from tagger.app.writing import plan_writes

    ws = window.ctx.ws
    return plan_writes(ws, ws.lib.tracks_under([music]), decided_only=True).changes
