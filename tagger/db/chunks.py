"""IN lists in slices: SQLite caps the parameters of one statement (999 in older
builds), and a few hundred ids per query is as fast as one query for all of them."""

from __future__ import annotations

CHUNK = 500


def chunks(items, size: int = CHUNK):
    """`items` (a sequence) in consecutive slices of at most `size`."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
