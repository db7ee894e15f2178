"""How an analysis is stored compactly (about 0.4-0.6 KB, the float16 embedding aside, instead of 5-17 KB of JSON):

- track scores: uint16, score * 65535 rounded (within 7.7e-6 of the float32 score);
- per-patch scores (the detail panel's genre over time only): uint8, score * 255
  rounded, [patches, labels] row by row, zlib-compressed;
- the pooled embedding stays float16 bytes (tagger.personal.to_blob): int8 rounding
  moved a never-taught piece over a personal model's threshold.

A library made before keeps its JSON columns; readers take the
compact column when it is set, the old one otherwise (tagger.db.schema.Analysis)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence

import numpy as np

SCORE_STEPS = 65535
PATCH_STEPS = 255


def pack_scores(scores) -> bytes:
    v = np.clip(np.asarray(scores, np.float64), 0.0, 1.0)
    return np.round(v * SCORE_STEPS).astype("<u2").tobytes()


def unpack_scores(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, "<u2").astype(np.float32) / np.float32(SCORE_STEPS)


def unpack_scores_many(blobs: Sequence[bytes]) -> np.ndarray:
    """Many blobs of one size -> float32 [n, labels] in one pass."""
    if not blobs:
        return np.zeros((0, 0), np.float32)
    joined = np.frombuffer(b"".join(blobs), "<u2").reshape(len(blobs), -1)
    return joined.astype(np.float32) / np.float32(SCORE_STEPS)


def pack_patch_scores(patch_scores) -> bytes:
    m = np.clip(np.asarray(patch_scores, np.float64), 0.0, 1.0)
    return zlib.compress(np.round(m * PATCH_STEPS).astype(np.uint8).tobytes(), 6)


def unpack_patch_scores(blob: bytes, n_labels: int) -> np.ndarray:
    """float32 [patches, labels] (to within 1/510 of the scores stored)."""
    raw = np.frombuffer(zlib.decompress(blob), np.uint8)
    if n_labels <= 0 or raw.size % n_labels:
        return np.zeros((0, max(n_labels, 0)), np.float32)
    return raw.reshape(-1, n_labels).astype(np.float32) / np.float32(PATCH_STEPS)


def scores_of(blob: bytes | None, text: str | None) -> list[float]:
    """Track scores from the compact column, else the JSON of an older library."""
    if blob is not None:
        return unpack_scores(blob).tolist()
    return json.loads(text or "[]")
