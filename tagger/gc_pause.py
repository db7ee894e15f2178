"""No cyclic-garbage collector passes while a thread builds many objects at once.

Building 100,000 objects (ORM tracks in a rescan, review rows) triggers collector passes
that each walk every tracked object of the process while holding the GIL: the window's
thread waited seconds for it. These objects hold no cycles worth collecting meanwhile."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # pauses running now, in any thread
_enable_after = False  # the collector was on when the first of them began


@contextmanager
def no_collector_passes(keep_out: bool = False) -> Iterator[None]:
    """`keep_out`: afterwards, what is tracked then leaves the collector's view
    (gc.freeze) until the next review load's gc.unfreeze. For objects built without
    cycles (reference counting frees them): otherwise the first pass after the pause
    walks them all at once (8,000 album rows: 50-70 ms, in the same frame).

    Pauses may overlap in several threads (a load while decisions are recorded): the
    collector comes back when the last one ends, if it was on when the first began."""
    global _pauses, _enable_after
    with _lock:
        if _pauses == 0:
            _enable_after = gc.isenabled()
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        if keep_out:
            gc.freeze()
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _enable_after:
                gc.enable()
