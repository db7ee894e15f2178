"""The safe writer's temporary copies: which live process owns each one, and removing
those a killed process left behind.

A write copies the audio file beside itself (``.<stem>.gt-tmp-XXXXXXXX<ext>``, see
`tagger.safewrite`) and renames the copy over the original. A process killed in between
(kill -9, a crash, a power cut) leaves the copy: up to a whole audio file, and on
Windows, where dot-files are not hidden, a duplicate that players import.

So a write holds a *claim* while it runs: a small file
``<data folder>/writing/<pid>-<random>.claim`` that the process keeps locked (an
operating-system lock: ``flock`` on POSIX, ``msvcrt.locking`` on Windows). It names the
writer's pid and, before each copy is created, the copy's path. The OS drops the lock
when the process ends, however it ends. `remove_leftovers`, run when any command or the
app starts, deletes the copies named in claims that nobody holds any more, then those
claims; a held claim belongs to a live writer, and its copies are left alone.

Why the user's data folder rather than each library: the copies sit beside the music, not
the library; the writer does not know which library it writes for; two libraries can
share folders; so whichever command starts next, with whichever library, cleans up.
Why a lock rather than the copy's age: a big file on a slow share can take longer than
any fixed age, and a copy left by a crash should not wait an hour to go. Why not a pid
alone: pids are reused; the lock cannot outlive its process.

Safety: only files named like our copies (`is_temp_name`), regular files (never
a link), listed in a claim, are ever deleted.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from tagger.os_lock import try_lock, unlock
from tagger.paths import data_dir

TEMP_MARKER = ".gt-tmp-"
_NAME_MAX = 255

_TEMP_NAME = re.compile(r"\..*" + re.escape(TEMP_MARKER) + r"[0-9a-f]{8}(\.[^.]*)?", re.S)


def is_temp_name(name: str) -> bool:
    """True for the names of the safe writer's copies (``temp_name_for``):
    ``.<stem>.gt-tmp-<8 hex digits><ext>``, nothing else (leftovers are deleted, so a
    user's own hidden file must never match)."""
    return _TEMP_NAME.fullmatch(name) is not None


def temp_name_for(path: Path) -> str:
    """A hidden name for a copy of `path` in its folder; the extension is kept, since
    mutagen partly sniffs formats by it."""
    stem, ext = path.stem, path.suffix
    token = secrets.token_hex(4)
    room = _NAME_MAX - len(os.fsencode("." + TEMP_MARKER + token + ext))
    b = os.fsencode(stem)  # the name's bytes, also when it is not UTF-8
    if len(b) > room:  # keep the name within NAME_MAX
        stem = os.fsdecode(b[: max(room, 0)])
    return f".{stem}{TEMP_MARKER}{token}{ext}"


_BINARY = getattr(os, "O_BINARY", 0)


def claims_dir() -> Path:
    return data_dir() / "writing"


class Claim:
    """This process's claim on the copies it is making (see the module docstring)."""

    def __init__(self, path: Path, fd: int):
        self.path = path
        self.fd = fd

    def add(self, copy: os.PathLike | str) -> None:
        """Record `copy` (before it is created). Hex: a path may hold any byte, newlines too."""
        line = b"copy " + os.fsencode(os.path.abspath(copy)).hex().encode() + b"\n"
        os.write(self.fd, line)
        os.fsync(self.fd)  # a power cut can leave the copy: then the claim must name it

    def release(self) -> None:
        """The copies are gone (renamed over the original, or deleted): drop the claim."""
        if self.fd < 0:
            return
        if sys.platform != "win32":
            _unlink_quietly(self.path)  # while still locked: no cleanup reads it half-gone
        try:
            unlock(self.fd)
        finally:
            os.close(self.fd)  # drops the lock
        self.fd = -1
        if sys.platform == "win32":
            _unlink_quietly(self.path)  # Windows deletes no file that is open


def claim() -> Claim:
    """A new, locked claim for this process. Raises OSError when the data folder cannot
    hold one (the write is then refused: its copy could not be cleaned up after a crash)."""
    folder = claims_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(10):
        path = folder / f"{os.getpid()}-{secrets.token_hex(4)}.claim"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND | _BINARY, 0o600)
        try:
            # a cleanup may lock and delete the new file before we lock it: then start again
            if try_lock(fd) and _is_named(path, fd):
                os.write(fd, f"pid {os.getpid()}\n".encode())
                return Claim(path, fd)
        except OSError:
            os.close(fd)
            _unlink_quietly(path)
            raise
        os.close(fd)
    raise OSError(errno.EAGAIN, "could not lock a claim file", str(folder))


def _is_named(path: Path, fd: int) -> bool:
    try:
        named, held = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _copies_named_in(fd: int) -> list[Path]:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while block := os.read(fd, 1 << 16):
        chunks.append(block)
    out = []
    for line in b"".join(chunks).splitlines():
        if line.startswith(b"copy "):
            try:
                out.append(Path(os.fsdecode(bytes.fromhex(line[5:].decode("ascii")))))
            except ValueError:
                continue  # a line cut short by a crash
    return out


def _remove_copy(path: Path) -> bool | None:
    """True: deleted; False: not there (renamed over its original, or deleted);
    None: there but it could not be deleted (try again at the next start)."""
    if not is_temp_name(path.name):
        return False  # never anything but our own copies, whatever a claim says
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return False
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError:
        return None
    return True


def remove_leftovers() -> list[Path]:
    """Delete the copies named in claims no live process holds, and those claims.
    -> the copies deleted. Never raises: what cannot be cleaned now is tried again at
    the next start."""
    folder = claims_dir()
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".claim"))
    except OSError:
        return []
    removed: list[Path] = []
    for name in names:
        path = folder / name
        try:
            fd = os.open(path, os.O_RDWR | _BINARY)
        except OSError:
            continue  # released meanwhile
        unlink_after_close = False
        try:
            if not try_lock(fd):
                continue  # a live writer: its copies are in use
            results = [(copy, _remove_copy(copy)) for copy in _copies_named_in(fd)]
            removed += [copy for copy, done in results if done]
            if all(done is not None for _, done in results):
                if sys.platform == "win32":
                    unlink_after_close = True
                else:
                    _unlink_quietly(path)
            unlock(fd)
        except OSError:
            continue
        finally:
            os.close(fd)
        if unlink_after_close:
            _unlink_quietly(path)
    return removed
