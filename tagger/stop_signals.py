"""Ctrl+C, SIGTERM and SIGHUP: handled by a function of ours for a while, or held back
for a moment that must not be cut in two. Main thread only, where Python runs signal
handlers; elsewhere both are no-ops."""

from __future__ import annotations

import contextlib
import signal
import threading

STOPS = ("SIGINT", "SIGTERM", "SIGHUP")  # the names; a platform may lack some (Windows: SIGHUP)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a `kill`, a closed terminal): stopped as Ctrl+C stops a
    command (`tagger`, `trainer`), so that its worker processes end with it and no write
    is left half done; `signum` gives the exit code (128 + signum)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def terminate(signum, _frame) -> None:
    """A handler (`handled_by`) that stops the command as Ctrl+C does."""
    raise Terminated(signum)


@contextlib.contextmanager
def handled_by(handler, *names: str):
    """`handler(signum, frame)` handles the signals `names` inside the block; then they get
    back the handlers they had. A signal the user ignores stays ignored (`nohup` ignores
    SIGHUP, a shell's background job SIGINT)."""
    before = {}
    if threading.current_thread() is threading.main_thread():
        for num in (getattr(signal, n) for n in names if hasattr(signal, n)):
            if signal.getsignal(num) is not signal.SIG_IGN:
                before[num] = signal.signal(num, handler)
    try:
        yield
    finally:
        for num, old in before.items():
            signal.signal(num, old)


@contextlib.contextmanager
def held():
    """Ctrl+C, SIGTERM and SIGHUP that arrive inside the block are delivered when it ends,
    to the handlers they had. Why: a worker process is spawned by writing its start-up
    data to a pipe; a stop raised half-way leaves the child reading a cut pipe, and it
    prints a traceback (EOFError) on the user's terminal."""
    arrived: list[int] = []
    try:
        with handled_by(lambda num, frame: arrived.append(num), *STOPS):
            yield
    finally:
        for num in dict.fromkeys(arrived):
            signal.raise_signal(num)
