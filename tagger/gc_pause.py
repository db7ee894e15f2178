"""No cyclic-garbage collector passes while a thread builds many objects at once.

Building 100,000 objects (ORM tracks in a rescan, review rows) triggers collector passes
that each walk every tracked object of the process while holding the GIL: the window's
thread waited seconds for it. These objects hold no cycles worth collecting meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collector_passes() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
