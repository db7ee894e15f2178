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
    path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
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


def one_line(exc: BaseException, report: Path | None) -> str:
    """'unexpected error (TypeError: ...); details in FILE: please report it'."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    what = f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__
    where = f"details in {report}" if report else "no report could be written"
    return f"unexpected error ({what}); {where}: please report it"
