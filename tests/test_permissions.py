"""Files the user may not write, owners and groups a rewrite would change, and read-only
mounts: refused before anything is written, predicted by `apply --dry-run` and the
write dialog (one preflight), and never a changed owner, group or mode.

The second user is real: the CLI runs as `nobody` (tests/other_user.py) on files root
made. The read-only mount is a real tmpfs remounted read-only (root only)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path

import audio_fixtures as af
import other_user
import pytest

from tagger import safewrite
from tagger.safewrite import WriteError, write_genres_safely
from tagger.tags import read_tags

needs_nobody = pytest.mark.skipif(other_user.unavailable() is not None, reason=str(other_user.unavailable()))


def json_lines(text: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    return {r["path"]: r for r in rows if "path" in r}


def snapshot(path: Path) -> tuple[bytes, int, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)


def nobody_library(where: Path) -> tuple[dict[str, Path], Path]:
    """where/music, owned by nobody, with four real files:
    - m4a: root's, 0644 (nobody may not write it: the issue's case);
    - wav: root's, group nobody's, 0664 (nobody may write it, but a rewrite would make it nobody's);
    - mp3: nobody's, group root, 0644 (a rewrite would change the group: nobody is not in root);
    - flac: nobody's (written normally).
    Scanned and decided (override "Jazz") by nobody; -> (files, db)."""
    uid, gid = other_user.nobody_ids() or (-1, -1)
    music = where / "music"
    files = af.make_library(music, ["m4a", "wav", "mp3", "flac"])
    os.chmod(files["m4a"], 0o644)
    os.chown(files["wav"], 0, gid)
    os.chmod(files["wav"], 0o664)
    os.chown(files["mp3"], uid, 0)
    os.chmod(files["mp3"], 0o644)
    os.chown(files["flac"], uid, gid)
    os.chmod(files["flac"], 0o640)
    other_user.give_to_nobody(music)
    db = where / "data" / "library.sqlite"
    for argv in (("scan", music), ("decide", music, "--genres", "Jazz")):
        r = other_user.tagger_as_nobody(where, *argv, "--db", db)
        assert r.returncode == 0, r.stderr
    return files, db


REFUSED = {  # file -> what the refusal says (the start of the reason)
    "m4a": "permission denied: you may not write this file (owner root, rw-r--r--)",
    "wav": "the file belongs to root: rewriting it would make it yours",
    "mp3": "the file's group is root, which you are not in",
}


@needs_nobody
def test_files_nobody_may_not_rewrite_are_refused_in_the_dry_run_and_the_write():
    with other_user.scratch() as where:
        files, db = nobody_library(where)
        before = {k: snapshot(p) for k, p in files.items()}
        music = where / "music"

        r = other_user.tagger_as_nobody(where, "apply", music, "--db", db, "--dry-run", "--json")
        assert r.returncode == 0, r.stderr
        planned = json_lines(r.stdout)
        for key, reason in REFUSED.items():
            row = planned[str(files[key])]
            assert row["status"] == "would-fail" and row["error"].startswith(reason), row
        assert planned[str(files["flac"])]["status"] == "planned"

        r = other_user.tagger_as_nobody(where, "apply", music, "--db", db, "--json")
        assert r.returncode == 1, r.stderr  # some files were not written
        done = json_lines(r.stdout)
        for key in REFUSED:
            assert done[str(files[key])]["status"] == "failed"
            assert done[str(files[key])]["error"] == planned[str(files[key])]["error"]  # as predicted
            assert snapshot(files[key]) == before[key], key  # bytes, owner, group, mode
        assert done[str(files["flac"])]["status"] == "written"
        assert read_tags(files["flac"]).genres == ["Jazz"]
        assert snapshot(files["flac"])[1:] == before["flac"][1:]  # still nobody's, 0640

        r = other_user.tagger_as_nobody(where, "undo", "--db", db)
        assert r.returncode == 0, r.stderr
        assert snapshot(files["flac"])[1:] == before["flac"][1:]
        for key in REFUSED:
            assert snapshot(files[key]) == before[key], key


@needs_nobody
@pytest.mark.gui
@pytest.mark.slow
def test_the_write_dialog_shows_what_nobody_may_not_rewrite():
    """The same library in the app, run by nobody: the write dialog marks the three
    files refused with their reasons; the write refuses them and writes the fourth."""
    with other_user.scratch() as where:
        files, db = nobody_library(where)
        before = {k: snapshot(p) for k, p in files.items()}
        case = {
            "music": str(where / "music"),
            "db": str(db),
            "refused": {str(files[k]): reason for k, reason in REFUSED.items()},
            "written": [str(files["flac"])],
        }
        check = other_user.repo_seen_by_nobody(where) / "tests" / "write_dialog_refusals.py"
        r = other_user.run_as_nobody(
            ["-m", "pytest", "-q", "-p", "no:cacheprovider", f"{check}::test_as_another_user"],
            where,
            {"GT_WRITE_DIALOG_CASE": json.dumps(case)},
        )
        assert r.returncode == 0 and "1 passed" in r.stdout, r.stdout[-3000:] + r.stderr[-3000:]
        for key in REFUSED:
            assert snapshot(files[key]) == before[key], key
        assert read_tags(files["flac"]).genres == ["Jazz"]
        assert snapshot(files["flac"])[1:] == before["flac"][1:]


def test_a_chown_that_fails_refuses_the_write(tmp_path, monkeypatch):
    """When the replacement cannot be given the original's owner and group (chown not
    allowed: not root, a file system that refuses it), nothing is replaced."""
    if not hasattr(os, "chown") or os.geteuid() != 0:
        pytest.skip("needs root, to make a file that belongs to someone else")
    path = af.make_library(tmp_path, ["ogg"])["ogg"]
    os.chown(path, 12345, 12345)
    before = snapshot(path)

    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(safewrite.os, "chown", refuse)
    with pytest.raises(WriteError, match=r"cannot keep the file's owner and group \(user 12345:group 12345\)"):
        write_genres_safely(path, ["Rock"])
    assert snapshot(path) == before
    assert [p.name for p in tmp_path.iterdir() if safewrite.is_temp_name(p.name)] == []


def test_set_id_bits_survive_a_rewrite_for_another_owner(tmp_path):
    """chown clears the set-user-ID and set-group-ID bits: the mode is set after it."""
    if not hasattr(os, "chown") or os.geteuid() != 0:
        pytest.skip("needs root, to give the file to another user")
    path = af.make_library(tmp_path, ["flac"])["flac"]
    os.chown(path, 12345, 12345)
    os.chmod(path, 0o6755)
    write_genres_safely(path, ["Rock"])
    assert read_tags(path).genres == ["Rock"]
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 12345, 0o6755)


# ---------------------------------------------------------------- a read-only mount
@contextmanager
def tmpfs(where: Path, size: str = "16m"):
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True
    )
    if r.returncode != 0:
        pytest.skip(f"can't mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def read_only_library(tmp_path: Path, capsys):
    """Two real files on a tmpfs, scanned and decided, then the mount made read-only."""
    from tagger.cli import main

    mnt = tmp_path / "mnt"
    stack = tmpfs(mnt)
    stack.__enter__()
    files = af.make_library(mnt, ["mp3", "flac"])
    db = tmp_path / "library.sqlite"
    assert main(["scan", str(mnt), "--db", str(db)]) == 0
    assert main(["decide", str(mnt), "--genres", "Jazz", "--db", str(db)]) == 0
    r = subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True, text=True)
    if r.returncode != 0:
        stack.__exit__(None, None, None)
        pytest.skip(f"can't remount read-only: {r.stderr.strip()}")
    capsys.readouterr()
    return files, db, stack


def test_a_read_only_mount_is_predicted_by_the_dry_run(tmp_path, capsys, monkeypatch):
    from tagger.cli import main

    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    files, db, stack = read_only_library(tmp_path, capsys)
    try:
        before = {k: p.read_bytes() for k, p in files.items()}
        assert main(["apply", str(tmp_path / "mnt"), "--db", str(db), "--dry-run", "--json"]) == 0
        out, err = capsys.readouterr()
        planned = json_lines(out)
        assert {r["status"] for r in planned.values()} == {"would-fail"}  # before the fix: planned
        assert {r["error"] for r in planned.values()} == {"read-only file system"}
        assert main(["apply", str(tmp_path / "mnt"), "--db", str(db), "--dry-run"]) == 0
        out, err = capsys.readouterr()
        assert out.count("WOULD FAIL: read-only file system") == 2
        assert "0 file(s) would change, 2 would be refused" in err
        assert main(["apply", str(tmp_path / "mnt"), "--db", str(db), "--json"]) == 1
        done = json_lines(capsys.readouterr()[0])
        assert {(r["status"], r["error"]) for r in done.values()} == {("failed", "read-only file system")}
        assert {k: p.read_bytes() for k, p in files.items()} == before
    finally:
        stack.__exit__(None, None, None)


@pytest.mark.gui
@pytest.mark.slow
def test_the_write_dialog_shows_a_read_only_mount(qtbot, tmp_path, capsys, monkeypatch):
    from gui_helpers import isolated_settings
    from write_dialog_refusals import check_write_dialog

    isolated_settings(tmp_path, monkeypatch)
    files, db, stack = read_only_library(tmp_path, capsys)
    try:
        refused = {str(p.resolve()): "read-only file system" for p in files.values()}
        check_write_dialog(qtbot, tmp_path / "mnt", db, refused, written=[])
    finally:
        stack.__exit__(None, None, None)
