"""Analyses: the model's output per (audio content, model), the analysis cache. Keyed by
content id, not by track, so a result survives moves, renames and re-tags, and
identical audio in several files is analysed once."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from tagger.db.chunks import chunks
from tagger.db.schema import Analysis

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


def cached_scores(lib: Library, content_ids: list[str], model_key: str, n_patches: int) -> dict[str, list[float]]:
    """content id -> track scores of the successful analyses by `model_key` made with
    `n_patches` patches (another patch count is not a cache hit: it is analysed again).
    One query: pass a few hundred ids at a time."""
    with lib.session() as s:
        rows = s.execute(
            select(Analysis.content_id, Analysis.scores_json).where(
                Analysis.model_key == model_key,
                Analysis.status == "ok",
                Analysis.n_patches == n_patches,
                Analysis.content_id.in_(content_ids),
            )
        )
        return {cid: json.loads(scores) for cid, scores in rows}


def store(lib: Library, content_id: str, model_key: str, result: dict, n_patches: int) -> None:
    """Keep one analysis result (tagger.analyze.analyze_file's dict: status, error,
    seconds and, when ok, scores, patch_starts, patch_scores), replacing an earlier one."""
    with lib.session() as s:
        row = s.scalar(select(Analysis).where(Analysis.content_id == content_id, Analysis.model_key == model_key))
        if row is None:
            row = Analysis(content_id=content_id, model_key=model_key)
            s.add(row)
        row.status, row.error = result["status"], result["error"]
        row.seconds = result["seconds"]
        row.n_patches = n_patches
        row.created_at = time.time()
        if result["status"] == "ok":
            row.scores_json = json.dumps(result["scores"])
            row.patch_starts_json = json.dumps(result["patch_starts"])
            row.patch_scores_json = json.dumps(result["patch_scores"])


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
