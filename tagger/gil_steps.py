"""Big C operations of a worker thread, split into steps short enough for the window.

A C call such as `sorted()` of 100,000 strings or `np.array()` of 100,000 bytes objects
holds the GIL from start to end: 55-80 ms each while the review rows load, which the
window's thread waited out on top of its own repaint (frames over 100 ms). Between the
steps here Python runs bytecode again, so the window gets the GIL back within its
switch interval. The results are exactly those of the single call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

STEP = 4096  # items per step: a sort of this many strings holds the GIL about 1 ms


def sorted_in_steps(values, key: Callable[[Any], Any] | None = None) -> list:
    """sorted(values, key=key), stable as it is: runs of STEP items sorted one by one,
    then merged pairwise, each merge a sort of two runs already in order (Timsort
    merges them in one pass). The largest step, the last merge, costs about a fifth of
    the whole sort."""
    items = list(values)
    runs = [sorted(items[i : i + STEP], key=key) for i in range(0, len(items), STEP)]
    while len(runs) > 1:
        runs = [runs[i] + runs[i + 1] if i + 1 < len(runs) else runs[i] for i in range(0, len(runs), 2)]
        runs = [sorted(run, key=key) for run in runs]
    return runs[0] if runs else []


def bytes_array_in_steps(items: Sequence[bytes]) -> np.ndarray:
    """np.array(items, dtype=bytes), filled STEP items at a time."""
    width = max(map(len, items), default=0)
    out = np.empty(len(items), dtype=f"S{max(width, 1)}")
    for i in range(0, len(items), STEP):
        out[i : i + STEP] = items[i : i + STEP]
    return out


def fill_rows_in_steps(
    out: np.ndarray, positions: Sequence[int] | np.ndarray, items: Sequence, convert: Callable
) -> None:
    """out[positions] = convert(items), STEP rows at a time. Converting 100,000 stored
    blobs in one pass made 20-40 MB of fresh memory under one held GIL: 0.1-0.15 s of
    page faults alone on a busy machine."""
    for i in range(0, len(positions), STEP):
        out[positions[i : i + STEP]] = convert(items[i : i + STEP])


def release_in_steps(items: list) -> None:
    """Empty `items`, STEP at a time from the end, so that 100,000 ORM tracks are not
    all freed in one go when the last reference to the list drops (py-spy counted
    0.27 s of GIL-holding samples at the return that dropped it in a rescan; the
    rescan's longest frames did not measurably change with this, docs/benchmarks.md)."""
    while items:
        del items[-STEP:]
