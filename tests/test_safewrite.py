"""tagger.safewrite: copy -> write -> verify -> atomic replace, and every way it can fail.

The tests run as root, which ignores permission bits: the read-only cases rely on
safewrite checking the mode bits itself (see its docstring). Disk full and read-only
file systems use real small tmpfs mounts (skipped where mounting isn't allowed);
RLIMIT_FSIZE gives a real EFBIG everywhere.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import audio_fixtures as af
import numpy as np
import pytest

from tagger import fingerprint as fp
from tagger import safewrite, tags
from tagger.safewrite import WriteError, is_temp_name, write_genres_safely

GENRES = ["Rock", "Jazz Fusion"]


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if is_temp_name(p.name)]


@pytest.mark.parametrize("key", af.FORMATS)
def test_safe_write_every_format(tmp_path, key):
    path = af.make_library(tmp_path, [key])[key]
    os.chmod(path, 0o640)
    original = path.read_bytes()
    pcm = af.decode(path)
    calls = []

    def before_replace():
        # still the old file at this point, and the new one is ready next to it
        assert path.read_bytes() == original
        assert len(_leftovers(tmp_path)) == 1
        calls.append(1)

    write_genres_safely(path, GENRES, before_replace=before_replace)
    assert calls == [1]
    assert path.read_bytes() != original
    assert tags.read_tags(path).genres == GENRES
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert fp.payload_digest(path) == fp.payload_digest(af.fixture_path(key))
    assert np.array_equal(af.decode(path), pcm)
    assert _leftovers(tmp_path) == []


def _unchanged_after(path: Path, exc_match: str, *args, **kwargs) -> WriteError:
    data = path.read_bytes()
    mode = path.stat().st_mode
    with pytest.raises(WriteError) as e:
        write_genres_safely(path, *args, **kwargs)
    assert exc_match in e.value.reason
    assert path.read_bytes() == data
    assert path.stat().st_mode == mode
    assert _leftovers(path.parent) == []
    return e.value


def test_read_only_file_is_refused(tmp_path):
    path = af.make_library(tmp_path, ["flac"])["flac"]
    os.chmod(path, 0o444)
    _unchanged_after(path, "read-only file", GENRES)


def test_read_only_folder_is_refused(tmp_path):
    path = af.make_library(tmp_path / "ro", ["mp3"])["mp3"]
    os.chmod(path.parent, 0o555)
    try:
        _unchanged_after(path, "read-only folder", GENRES)
    finally:
        os.chmod(path.parent, 0o755)


def test_vanished_file(tmp_path):
    with pytest.raises(WriteError, match="file no longer exists"):
        write_genres_safely(tmp_path / "gone.mp3", GENRES)


def _wrap_write(monkeypatch, after):
    """Run `after(tmp)` right after the real tag write on the temporary copy."""
    real = tags.write_fields

    def wrapped(p, changes, options=None):
        real(p, changes, options)
        after(Path(p))

    monkeypatch.setattr(tags, "write_fields", wrapped)


def test_file_vanishing_during_the_write(tmp_path, monkeypatch):
    path = af.make_library(tmp_path, ["ogg"])["ogg"]
    _wrap_write(monkeypatch, lambda tmp: path.unlink())
    with pytest.raises(WriteError, match="file no longer exists"):
        write_genres_safely(path, GENRES)
    assert not path.exists()  # not resurrected by the replace
    assert _leftovers(tmp_path) == []


def test_file_changed_during_the_write(tmp_path, monkeypatch):
    path = af.make_library(tmp_path, ["flac"])["flac"]

    def other_program_writes(tmp):
        with open(path, "ab") as f:
            f.write(b"\0" * 10)

    _wrap_write(monkeypatch, other_program_writes)
    data = path.read_bytes()
    with pytest.raises(WriteError, match="changed while"):
        write_genres_safely(path, GENRES)
    assert path.read_bytes() == data + b"\0" * 10  # the other program's change stays
    assert _leftovers(tmp_path) == []


def test_audio_change_is_caught_by_verification(tmp_path, monkeypatch):
    path = af.make_library(tmp_path, ["wav"])["wav"]

    def corrupt_one_sample(tmp):
        off, n = fp.audio_payload_ranges(tmp)[0]
        with open(tmp, "r+b") as f:
            f.seek(off + n - 1)
            b = f.read(1)
            f.seek(off + n - 1)
            f.write(bytes([b[0] ^ 1]))

    _wrap_write(monkeypatch, corrupt_one_sample)
    _unchanged_after(path, "audio data would change", GENRES)


def test_genre_mismatch_is_caught_by_verification(tmp_path, monkeypatch):
    """A writer that silently drops values (as a buggy tag library would) is caught."""
    path = af.make_library(tmp_path, ["opus"])["opus"]
    real = tags.write_fields
    monkeypatch.setattr(tags, "write_fields", lambda p, c, o=None: real(p, {k: v[:1] for k, v in c.items()}, o))
    _unchanged_after(path, "genres read back ['Rock']", GENRES)


def test_a_write_that_touches_another_field_is_caught(tmp_path, monkeypatch):
    """Writing the style must leave the genre as it was: verification reads every field."""
    path = af.make_library(tmp_path, ["flac"])["flac"]
    tags.write_genres(path, ["Jazz"])
    real = tags.write_fields
    monkeypatch.setattr(tags, "write_fields", lambda p, c, o=None: real(p, {**c, "genre": ["Rock"]}, o))
    with pytest.raises(WriteError, match="genre changed"):
        write_genres_safely(path, ["Bebop"], field="style")
    assert tags.read_tags(path).values("style") == [] and tags.read_tags(path).genres == ["Jazz"]


def test_before_replace_raising_aborts(tmp_path):
    path = af.make_library(tmp_path, ["m4a"])["m4a"]

    def db_fails():
        raise RuntimeError("database is locked")

    err = _unchanged_after(path, "database is locked", GENRES, before_replace=db_fails)
    assert isinstance(err.__cause__, RuntimeError)


def test_unwritable_genre_and_broken_file(tmp_path, broken_files):
    path = af.make_library(tmp_path, ["mp3_v23"])["mp3_v23"]
    _unchanged_after(path, "could not write the tag", ["Rock/Pop"])
    for name in ("random.mp3", "truncated.flac", "mp3-named.flac"):
        _unchanged_after(broken_files[name], "could not write the tag", GENRES)


def test_symlink_target_is_written_link_kept(tmp_path):
    path = af.make_library(tmp_path / "music", ["flac"])["flac"]
    link = tmp_path / "link.flac"
    link.symlink_to(path)
    write_genres_safely(link, GENRES)
    assert link.is_symlink()
    assert tags.read_tags(path).genres == GENRES


def test_hard_linked_file_is_refused(tmp_path):
    path = af.make_library(tmp_path, ["flac"])["flac"]
    os.link(path, tmp_path / "second-name.flac")
    _unchanged_after(path, "hard links", GENRES)


def test_long_file_name(tmp_path):
    src = af.make_library(tmp_path, ["mp3"])["mp3"]
    path = tmp_path / ("x" * 250 + ".mp3")
    src.rename(path)
    write_genres_safely(path, GENRES)
    assert tags.read_tags(path).genres == GENRES


def test_temp_names():
    name = safewrite.temp_name_for(Path("/m/Song Title.flac"))
    assert name.startswith(".Song Title.gt-tmp-") and name.endswith(".flac")
    assert is_temp_name(name) and not is_temp_name("Song Title.flac")


# ---------------------------------------------------- real disk-full and read-only mounts


@contextmanager
def _tmpfs(where: Path, size: str):
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
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


def test_disk_full(tmp_path):
    with _tmpfs(tmp_path / "small", "2m") as mnt:
        path = af.make_library(mnt, ["flac"])["flac"]  # ~0.7 MB
        # fill the rest so the copy can't fit
        with open(mnt / "filler", "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
        err = _unchanged_after(path, "disk full", GENRES)
        assert isinstance(err.__cause__, OSError)


def test_read_only_file_system(tmp_path):
    with _tmpfs(tmp_path / "ro", "4m") as mnt:
        path = af.make_library(mnt, ["mp3"])["mp3"]
        r = subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"can't remount read-only: {r.stderr.strip()}")
        _unchanged_after(path, "read-only file system", GENRES)


def test_file_size_limit_efbig(tmp_path):
    """RLIMIT_FSIZE (in a child process) makes the copy fail with a real EFBIG."""
    path = af.make_library(tmp_path, ["wav"])["wav"]  # 1.4 MB
    data = path.read_bytes()
    script = textwrap.dedent(f"""
        import resource, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from tagger.safewrite import WriteError, write_genres_safely
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))
        try:
            write_genres_safely({str(path)!r}, ["Rock"])
        except WriteError as e:
            print("WriteError:", e.reason, "/", type(e.__cause__).__name__, e.__cause__.errno)
            sys.exit(0)
        sys.exit("no error")
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "WriteError: file too large" in r.stdout and " 27" in r.stdout  # EFBIG
    assert path.read_bytes() == data
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes on this OS")
def test_extended_attributes_survive_the_write(tmp_path):
    """A file's extended attributes (where ACLs, SELinux labels and desktop comments
    live) are on the file after the atomic replace, which swaps in a new inode."""
    path = af.make_library(tmp_path, ["flac"])["flac"]
    try:
        os.setxattr(path, "user.xdg.comment", b"from the 1998 box set")
    except OSError as e:
        pytest.skip(f"file system without user xattrs ({e})")
    inode = path.stat().st_ino
    write_genres_safely(path, GENRES)
    assert path.stat().st_ino != inode  # really a new file
    assert tags.read_tags(path).genres == GENRES
    assert os.getxattr(path, "user.xdg.comment") == b"from the 1998 box set"


def test_a_second_writer_waits_for_the_first_and_leaves_its_write_alone(tmp_path):
    """Another Genre Tagger holds the file (flock) and replaces it while this write waits:
    this write then finds another file in its place and leaves it alone, instead of
    replacing it with a copy of the original (which lost the other's write)."""
    import fcntl
    import threading

    path = af.make_library(tmp_path, ["flac"])["flac"]
    seen = os.stat(path)
    holder = os.open(path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # the other writer, between its copy and its replace
    outcome: list = []

    def second_writer():
        try:
            write_genres_safely(path, ["Metal"])
            outcome.append("written")
        except WriteError as e:
            outcome.append(e.reason)

    thread = threading.Thread(target=second_writer)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive()  # it waits for the lock
    other = tmp_path / "other.flac"
    shutil.copy(path, other)
    tags.write_genres(other, ["Blues"])
    os.replace(other, path)  # the other writer's replace, then its lock goes
    os.close(holder)
    thread.join(10)

    assert outcome == ["file changed while its tags were being written"]
    assert tags.read_tags(path).genres == ["Blues"]
    assert os.stat(path).st_ino != seen.st_ino
