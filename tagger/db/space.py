"""Where a library's bytes are: each table's and index's pages (SQLite's dbstat
virtual table), for the size benchmark (scripts/bench_gui_scale.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def space_by_object(path: str | Path) -> list[tuple[str, int]]:
    """(table or index name, bytes of its pages), largest first; empty when this SQLite
    was built without dbstat."""
    con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.OperationalError:  # no such table: dbstat
        return []
    finally:
        con.close()
    return [(str(name), int(size)) for name, size in rows]
