"""An unexpected error (a bug) is told to the user in one line; its traceback goes to a
file for the bug report, never to the terminal or a dialog."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from tagger.paths import data_dir

KEEP = 20  # the newest reports kept; older ones are deleted when a new one is written


def save(exc: BaseException) -> Path | None:
    """Write `exc` with its traceback, the version and the platform to a new file in the
    data folder's `error-reports`; its path, or None when it could not be written (a
    full disk, a read-only home: the one line must get out all the same)."""
    from tagger import __version__

    folder = data_dir() / "error-reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = _new_file(folder, f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
        lines = [
            f"Genre Tagger {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n",
            f"command: {' '.join(sys.argv)}\n\n",
            *traceback.format_exception(type(exc), exc, exc.__traceback__),
        ]
        path.write_text("".join(lines), encoding="utf-8", errors="backslashreplace")
        for old in sorted(folder.glob("*.txt"))[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return None
    return path


def is_bug(exc: BaseException) -> bool:
    """Whether `exc` is a bug (a report is worth writing), not a problem its one line
    explains: a file gone or unreadable, not decodable or taggable, a bad model or
    library file, a locked or full library. The one rule of the CLI and the app."""
    from tagger.db import database_problem
    from tagger.db.library import BUSY, DAMAGED, FULL

    problem = database_problem(exc)
    if problem is not None:  # SQLite's: locked, full and damaged are the user's; others are ours
        return problem not in (BUSY, FULL, DAMAGED)
    if type(exc) is ValueError and not _raised_here(exc):
        # a plain ValueError from inside a library (numpy: "operands could not be
        # broadcast"...) is a mistake of ours in calling it, not a sentence for the
        # user; the ones this program raises (and its subclasses) explain themselves
        return True
    return not isinstance(exc, _explained())


def _raised_here(exc: BaseException) -> bool:
    """Whether the innermost Python frame of `exc`'s traceback is this program's code
    (a built-in called from it, like int("x"), counts as ours). By the frame's module
    name, not its file: the packaged app's code objects carry relative file names."""
    tb = exc.__traceback__
    if tb is None:
        return True  # made, not raised: nothing says otherwise
    while tb.tb_next is not None:
        tb = tb.tb_next
    return str(tb.tb_frame.f_globals.get("__name__", "")).split(".")[0] in ("tagger", "trainer")


def _explained() -> tuple[type[BaseException], ...]:
    from tagger.decode import DecodeError
    from tagger.formats.base import TagError
    from tagger.formats.payload import FingerprintError
    from tagger.safewrite import WriteError

    return (ValueError, OSError, DecodeError, TagError, FingerprintError, WriteError)


def _new_file(folder: Path, stem: str) -> Path:
    """A file of its own (two errors in one second each keep theirs)."""
    for n in range(100):
        path = folder / (f"{stem}.txt" if n == 0 else f"{stem}-{n}.txt")
        try:
            path.open("x").close()
            return path
        except FileExistsError:
            continue
    raise FileExistsError(str(folder / stem))


def one_line(exc: BaseException, report: Path | None) -> str:
    """'unexpected error (TypeError: ...); details in FILE: please report it'."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    what = f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__
    where = f"details in {report}" if report else "no report could be written"
    return f"unexpected error ({what}); {where}: please report it"
