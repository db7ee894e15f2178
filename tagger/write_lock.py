"""One writer of tags per library at a time.

Two writes of the same files at once (the app and a `tagger apply`, two commands, an
undo beside a write) would each read a file's genres before the other replaced it, and
both would write it: the file written twice, two batches each claiming it. So every
write and undo holds the library's writer lock: an operating-system lock on a small file
next to the database (`<library>.write-lock`) holding the holder's process id. A second
writer waits for it, saying which process it waits for, and may be cancelled while it
waits. The system releases the lock when its holder ends, however it ends (killed, power
cut), so a lock is never left stale. The file itself stays (deleting a lock file that
another process has open would let a third one lock a new file beside it).

The lock is re-entrant within a thread: the CLI takes it before planning (so that what
it plans is what it writes, after any writer it waited for) and the write inside takes
it again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tagger.os_lock import try_lock, unlock

POLL_SECONDS = 0.2
_held = threading.local()  # .paths: {lock path: depth} of the locks this thread holds


class WriteLockError(ValueError):
    """The lock cannot be taken (its file cannot be made), or waiting was cancelled.
    A ValueError: the CLI and the app show its message as one line."""


def lock_path(db_path: os.PathLike | str) -> Path:
    """The lock file of the library at `db_path` (the real path: two names of one
    library share one lock)."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".write-lock")


def waiting_message(pid: int | None) -> str:
    who = f" (pid {pid})" if pid else ""
    return f"another Genre Tagger is writing tags to this library{who}; waiting…"


@contextmanager
def writing_tags(
    db_path: os.PathLike | str,
    on_wait: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """Hold the writer lock of the library at `db_path` for the block. While another
    process holds it, calls `on_wait(waiting_message(pid))` (again when the holder
    changes) and waits; raises WriteLockError when `should_stop()` says so meanwhile."""
    path = lock_path(db_path)
    depths: dict[Path, int] = _held.__dict__.setdefault("paths", {})
    if path in depths:  # this thread holds it already
        depths[path] += 1
        try:
            yield
        finally:
            depths[path] -= 1
        return
    fd = _open(path)
    try:
        _wait_for(fd, path, on_wait, should_stop)
        try:
            _write_pid(fd, os.getpid())
            depths[path] = 1
            try:
                yield
            finally:
                del depths[path]
                _write_pid(fd, None)
        finally:
            unlock(fd)
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise WriteLockError(f"cannot create the lock file {path}: {exc.strerror or exc}") from exc


def _wait_for(fd: int, path: Path, on_wait, should_stop) -> None:
    told: list[int | None] = []  # the holder last reported
    since = time.monotonic()
    while not try_lock(fd):
        holder = _read_pid(path)
        # (a holder that has just taken the lock may not have written its pid yet)
        known = holder is not None or time.monotonic() - since > 1.0
        if on_wait is not None and known and told != [holder]:
            on_wait(waiting_message(holder))
            told = [holder]
        if should_stop is not None and should_stop():
            raise WriteLockError(
                "stopped while waiting for another Genre Tagger to finish writing tags; nothing was written"
            )
        time.sleep(POLL_SECONDS)


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_bytes()[:32].split(b"\n")[0]
        return int(text) if text.strip() else None
    except (OSError, ValueError):
        return None


def _write_pid(fd: int, pid: int | None) -> None:
    """Best effort: the pid is only what the waiting message names."""
    try:
        os.ftruncate(fd, 0)
        if pid is not None:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{pid}\n".encode())
    except OSError:
        pass
