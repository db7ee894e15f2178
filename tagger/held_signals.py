"""Ctrl+C, SIGTERM and SIGHUP held back for a moment that must not be cut in two."""

from __future__ import annotations

import contextlib
import signal
import threading

HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def held_signals():
    """Signals that arrive inside the block are delivered when it ends, to the handlers
    they had. Why: a worker process is spawned by writing its start-up data to a pipe; a
    stop raised half-way leaves the child reading a cut pipe, and it prints a traceback
    (EOFError) on the user's terminal. Main thread only (elsewhere: nothing is held)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    before = {num: signal.signal(num, lambda num, frame: arrived.append(num)) for num in HELD}
    try:
        yield
    finally:
        for num, handler in before.items():
            signal.signal(num, handler)
        for num in dict.fromkeys(arrived):
            signal.raise_signal(num)
