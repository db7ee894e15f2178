"""Non-blocking exclusive locks on an open file descriptor, held by the OS: released when
the process dies, so a lock file says whether its writer is still alive. Used by the
temp-copy claims (`tagger.temp_copies`) and the one-writer-per-library lock
(`tagger.write_lock`)."""

from __future__ import annotations

import os
import sys

if sys.platform == "win32":
    import msvcrt

    # Windows locks are mandatory: lock one byte far past the text, so the text stays
    # readable by other processes
    _LOCK_AT = 1 << 30

    def try_lock(fd: int) -> bool:
        """True when this descriptor now holds the lock; False when another holds it."""
        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        # before closing: Windows may take a while to drop the lock of a closed handle
        os.lseek(fd, _LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """True when this descriptor now holds the lock; False when another holds it.
        Raises when the file system cannot lock at all."""
        # flock, not fcntl/lockf: a flock belongs to the open file, so two threads of one
        # process (each opening the file) exclude each other too, and closing another
        # descriptor of the file does not drop it; a POSIX record lock would do neither
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
