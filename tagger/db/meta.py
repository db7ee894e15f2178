"""Library-wide values kept in the `meta` table (schema version, the personal model in
use and the one before it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tagger.db.schema import Meta

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library


def get(lib: Library, key: str) -> str | None:
    with lib.session() as s:
        row = s.get(Meta, key)
        return None if row is None else row.value


def put(lib: Library, key: str, value: str | None) -> None:
    """Set `key` (None: remove it)."""
    with lib.session() as s:
        row = s.get(Meta, key)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(Meta(key=key, value=value))
        else:
            row.value = value
