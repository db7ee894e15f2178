"""Killed anywhere (kill -9), a write batch never leaves a half-written file, and undo
then gives back every original byte: a property test over random kill points.

Each trial writes one batch over real files of every writable format in a separate
process (tests/crash_child.py) that kills itself at a kill point drawn at random (a
seeded generator: the same points on every run; the failure message names them), then
runs the undo in another such process, killed at a random point too, then finishes the
undo here. After each kill every file must be byte for byte either the original or what
the batch writes (sha256), and after the undo every file must be the original.
Trial 0 kills nothing: it counts the kill points of a whole batch and a whole undo.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import audio_fixtures as af
import pytest

from tagger.apply import last_undoable_batch, undo_batch
from tagger.db import Library
from tagger.safewrite import is_temp_name, write_genres_safely
from tagger.scan import scan
from tagger.temp_copies import remove_leftovers

SEED = 20261203
TRIALS = 5  # after trial 0; each costs two process starts and a batch of 17 small files
WRITABLE = [k for k, s in af.ALL_SPECS.items() if s.format not in ("dff", "au")]
NEW = ["Kill Point", "Property"]
CHILD = Path(__file__).resolve().parent / "crash_child.py"

pytestmark = pytest.mark.slow


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_child(db: Path, root: Path, phase: str, kill_at: int) -> int | None:
    """Kill points passed by a run that was not killed; None when it was killed."""
    env = dict(os.environ, ORT_DISABLE_TELEMETRY="1")
    r = subprocess.run(
        [sys.executable, str(CHILD), str(db), str(root), phase, str(kill_at), json.dumps(NEW)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    if r.returncode == -signal.SIGKILL:
        return None
    assert r.returncode == 0, r.stderr
    return int(r.stdout.split()[-1])


def test_killed_anywhere_every_file_is_old_or_new_and_undo_restores_every_byte(tmp_path):
    rng = random.Random(SEED)
    original = {k: sha(af.fixture_path(k)) for k in WRITABLE}
    written = {}
    for key, path in af.make_library(tmp_path / "reference", WRITABLE).items():
        write_genres_safely(path, NEW)  # what the batch writes (mutagen's output is deterministic)
        written[key] = sha(path)

    points: dict[str, int] = {}
    for trial in range(TRIALS + 1):
        root = (tmp_path / f"trial-{trial}" / "music").resolve()
        files = af.make_library(root, WRITABLE)
        db = tmp_path / f"trial-{trial}" / "library.db"
        lib = Library(db)
        scan(lib, [root])
        lib.close()
        kill = {phase: 0 if trial == 0 else rng.randint(1, points[phase]) for phase in ("write", "undo")}
        where = f"(seed {SEED}, trial {trial}: killed at write point {kill['write']}, undo point {kill['undo']})"

        for phase in ("write", "undo"):
            passed = run_child(db, root, phase, kill[phase])
            if trial == 0:
                assert passed, "a whole run passes kill points"
                points[phase] = passed
                expected = written if phase == "write" else original
                assert {k: sha(p) for k, p in files.items()} == expected, phase
            for key, path in files.items():
                assert sha(path) in (original[key], written[key]), f"{key} is half-written after the {phase} {where}"

        lib = Library(db)
        try:
            try:
                undo_batch(lib)
            except ValueError:  # nothing (left) to undo
                pass
            for key, path in files.items():
                assert sha(path) == original[key], f"{key} is not the original after the undo {where}"
            assert last_undoable_batch(lib) is None, where
        finally:
            lib.close()
        # a kill between the copy and the rename leaves a hidden temporary copy, nothing
        # else, and the next start (any command, the app) removes it
        left = {p.name for p in root.iterdir()} - {p.name for p in files.values()}
        assert all(is_temp_name(n) for n in left), (left, where)
        remove_leftovers()
        assert sorted(root.iterdir()) == sorted(files.values()), where
