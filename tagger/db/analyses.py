"""Analyses: the model's output per (audio content, model), the analysis cache. Keyed by
content id, not by track, so a result survives moves, renames and re-tags, and
identical audio in several files is analysed once."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, cast

import numpy as np
from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.sqlite import insert

from tagger.db import compact
from tagger.db.chunks import chunks
from tagger.db.schema import Analysis
from tagger.gc_pause import no_collector_passes

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library


def get(lib: Library, content_id: str, model_key: str) -> Analysis | None:
    with lib.session() as s:
        return s.scalar(select(Analysis).where(Analysis.content_id == content_id, Analysis.model_key == model_key))


def for_contents(lib: Library, content_ids: list[str], model_key: str) -> dict[str, Analysis]:
    """content id -> analysis by `model_key`, of those of `content_ids` that have one
    (one query: pass a few hundred ids at a time)."""
    with lib.session() as s:
        return {
            a.content_id: a
            for a in s.scalars(
                select(Analysis).where(Analysis.model_key == model_key, Analysis.content_id.in_(content_ids))
            )
        }


def for_many(lib: Library, content_ids, model_key: str) -> dict[str, Analysis]:
    """`for_contents` for any number of ids (500 per query); blanks and repeats ignored."""
    ids = [c for c in dict.fromkeys(content_ids) if c]
    found: dict[str, Analysis] = {}
    for chunk in chunks(ids):
        found.update(for_contents(lib, chunk, model_key))
    return found


def cached_scores(
    lib: Library, content_ids: list[str], model_key: str, n_patches: int
) -> dict[str, tuple[np.ndarray, bytes | None]]:
    """content id -> (track scores as float32, pooled embedding or None) of the successful analyses
    by `model_key` made with `n_patches` patches (another patch count is not a cache hit:
    it is analysed again). One query: pass a few hundred ids at a time."""
    with lib.session() as s, no_collector_passes():  # 100,000 cached results at once
        rows = s.execute(
            select(
                Analysis.content_id,
                Analysis.scores_u16,
                Analysis.scores_json,
                Analysis.embedding,
            ).where(
                Analysis.model_key == model_key,
                Analysis.status == "ok",
                Analysis.n_patches == n_patches,
                Analysis.content_id.in_(content_ids),
            )
        )
        # float32 arrays, not lists: a rescan holds 100,000 of these at once (400 bytes
        # each instead of 3.2 KB of Python floats)
        return {
            cid: (compact.unpack_scores(u16) if u16 is not None else np.asarray(json.loads(text), np.float32), blob)
            for cid, u16, text, blob in rows
        }


def as_stored(scores) -> np.ndarray:
    """Track scores as the library keeps them (uint16 steps, back to float32): what a
    later cache hit hands back. A fresh result reported so shows the same scores before
    and after a rescan (the full float32 scores made every row of a library analysed in
    the same session look changed to the rescan that followed)."""
    return compact.unpack_scores(compact.pack_scores(scores))


def store(lib: Library, content_id: str, model_key: str, result: dict, n_patches: int) -> None:
    """Keep one analysis result (tagger.analyze.analyze_file's dict: status, error,
    seconds and, when ok, scores, patch_starts, patch_scores), replacing an earlier one:
    also one another process stored since this one looked (two analyses of the same
    folder), in one statement (INSERT ... ON CONFLICT)."""
    store_many(lib, [(content_id, result)], model_key, n_patches)


def store_many(lib: Library, results: list[tuple[str, dict]], model_key: str, n_patches: int) -> None:
    """`store` for many (content id, result) pairs in one transaction (one commit: a
    commit per result capped the analysis at a few hundred results a second)."""
    if not results:
        return
    by_columns: dict[tuple[str, ...], list[dict]] = {}  # a failure sets fewer columns
    for content_id, result in results:
        values = _values(content_id, model_key, result, n_patches)
        by_columns.setdefault(tuple(values), []).append(values)
    table = cast(Table, Analysis.__table__)
    with lib.session() as s:
        for columns, rows in by_columns.items():
            stmt = insert(table)
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c.content_id, table.c.model_key],
                set_={k: stmt.excluded[k] for k in columns if k not in ("content_id", "model_key")},
            )
            s.execute(stmt, rows)  # one statement, executed for every row


def _values(content_id: str, model_key: str, result: dict, n_patches: int) -> dict:
    values = {
        "content_id": content_id,
        "model_key": model_key,
        "status": result["status"],
        "error": result["error"],
        "seconds": result["seconds"],
        "n_patches": n_patches,
        "created_at": time.time(),
    }
    if result["status"] == "ok":  # a failure keeps the scores of an earlier success
        values["scores_json"] = "[]"  # compact since issue 11: the blobs below
        values["patch_scores_json"] = "[]"
        values["patch_starts_json"] = json.dumps(result["patch_starts"])
        values["scores_u16"] = compact.pack_scores(result["scores"])
        values["patch_scores_u8"] = compact.pack_patch_scores(result["patch_scores"])
        values["embedding"] = result.get("embedding")  # pooled, float16 bytes: what a personal model reads
    return values


def embeddings_for(lib: Library, content_ids: list[str], model_key: str) -> dict[str, bytes]:
    """content id -> stored pooled embedding (float16 bytes) by `model_key`, of those of
    `content_ids` that have one (500 per query)."""
    found: dict[str, bytes] = {}
    for chunk in chunks([c for c in dict.fromkeys(content_ids) if c]):
        with lib.session() as s:
            rows = s.execute(
                select(Analysis.content_id, Analysis.embedding).where(
                    Analysis.model_key == model_key,
                    Analysis.status == "ok",
                    Analysis.embedding.is_not(None),
                    Analysis.content_id.in_(chunk),
                )
            )
            found.update({cid: blob for cid, blob in rows})
    return found


def set_embedding(lib: Library, content_id: str, model_key: str, blob: bytes) -> None:
    """Add the pooled embedding (float16 bytes) to an analysis made before embeddings
    were stored."""
    with lib.session() as s:
        row = s.scalar(select(Analysis).where(Analysis.content_id == content_id, Analysis.model_key == model_key))
        if row is not None:
            row.embedding = blob


def forget(lib: Library, content_ids, model_key: str) -> int:
    """Drop the stored results of `model_key` for these audio contents (the next
    analysis computes them again); how many were dropped."""
    n = 0
    with lib.session() as s:
        for chunk in chunks(sorted(set(content_ids))):
            n += s.execute(
                delete(Analysis).where(Analysis.content_id.in_(chunk), Analysis.model_key == model_key)
            ).rowcount
    return n
