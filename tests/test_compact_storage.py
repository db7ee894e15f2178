"""Analyses stored compactly (tagger.db.compact: uint16 track scores, uint8 per-patch
scores; the pooled embedding float16 as before) round-trip a real analysis, and a
library made before (JSON scores, no compact columns) still opens and shows its scores."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from tagger import db  # noqa: E402
from tagger.personal import from_blob  # noqa: E402

MUSIC = Path(__file__).resolve().parent.parent / "resources" / "example-music"
NEW_COLUMNS = ("scores_u16", "patch_scores_u8")


@pytest.fixture(scope="module")
def analysed():
    """A real file analysed by the default model: (path, model info, result dict)."""
    from tagger.analyze import analyze_file
    from tagger.model import Model, default_model_path

    if not default_model_path().exists():
        pytest.skip("the default model is not there")
    model = Model(default_model_path(), device="cpu", threads=1)
    path = MUSIC / "lena-orsa-pistachio-ragtime.ogg"
    result = analyze_file(str(path), None, 6, model=model)
    assert result["status"] == "ok", result
    return path, model.info, result


def _library_with(tmp_path: Path, path: Path, info) -> tuple[db.Library, object]:
    from tagger.scan import scan

    folder = tmp_path / "music"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    lib = db.Library(tmp_path / "lib.sqlite")
    lib.register_model(info)
    scan(lib, [folder])
    (track,) = lib.tracks_under([str(folder)])
    return lib, track


def test_a_real_analysis_round_trips_compactly(tmp_path, analysed):
    path, info, result = analysed
    lib, track = _library_with(tmp_path, path, info)
    db.analyses.store(lib, track.content_id, info.key, result, 6)

    a = lib.analysis_for(track.content_id, info.key)
    scores = np.asarray(result["scores"], np.float32)
    assert np.abs(np.asarray(a.scores) - scores).max() <= 0.5 / 65535 + 1e-7
    patches = np.asarray(result["patch_scores"], np.float32)
    assert np.asarray(a.patch_scores).shape == patches.shape
    assert np.abs(np.asarray(a.patch_scores) - patches).max() <= 0.5 / 255 + 1e-6
    assert a.patch_starts == result["patch_starts"]
    emb = from_blob(result["embedding"])
    assert a.embedding == result["embedding"]  # float16, exactly as the analysis gave it
    # the cache hit the analysis run reads gives the same scores and embedding
    cached_scores, blob = db.analyses.cached_scores(lib, [track.content_id], info.key, 6)[track.content_id]
    assert cached_scores.dtype == np.float32 and cached_scores.tolist() == a.scores and blob == a.embedding
    lib.close()

    # what is in the file: the blobs, no JSON scores, well under a kilobyte
    con = sqlite3.connect(tmp_path / "lib.sqlite")
    sj, pj, u16, u8, f16 = con.execute(
        "SELECT scores_json, patch_scores_json, scores_u16, patch_scores_u8, embedding FROM analyses"
    ).fetchone()
    con.close()
    assert (sj, pj) == ("[]", "[]")
    assert len(u16) == 2 * len(info.labels) and len(f16) == 2 * len(emb)
    assert len(u16) + len(u8) + len(f16) < 1000


def _make_old_format(tmp_path: Path, path: Path, info, result) -> Path:
    """A library as an older version wrote it: no compact columns, JSON scores and
    float16 embedding bytes."""
    lib, track = _library_with(tmp_path, path, info)
    cid = track.content_id
    lib.close()
    con = sqlite3.connect(tmp_path / "lib.sqlite")
    for column in NEW_COLUMNS:
        con.execute(f"ALTER TABLE analyses DROP COLUMN {column}")
    con.execute(
        "INSERT INTO analyses (content_id, model_key, status, scores_json, patch_starts_json, patch_scores_json,"
        " n_patches, seconds, created_at, embedding) VALUES (?, ?, 'ok', ?, ?, ?, 6, 1.0, 0.0, ?)",
        (
            cid,
            info.key,
            json.dumps(result["scores"]),
            json.dumps(result["patch_starts"]),
            json.dumps(result["patch_scores"]),
            result["embedding"],
        ),
    )
    con.commit()
    con.close()
    return tmp_path / "lib.sqlite"


def test_a_library_made_before_opens_and_shows_its_scores(tmp_path, analysed):
    from tagger.review import ReviewData
    from tagger.vocabulary import Vocabulary

    path, info, result = analysed
    old = _make_old_format(tmp_path, path, info, result)
    lib = db.Library(old)  # gains the compact columns, empty
    (track,) = lib.tracks_under([str(tmp_path / "music")])
    a = lib.analysis_for(track.content_id, info.key)
    assert a.scores_u16 is None and a.patch_scores_u8 is None
    assert a.scores == result["scores"] and a.patch_scores == result["patch_scores"]
    assert a.embedding == result["embedding"]
    old_scores, old_blob = db.analyses.cached_scores(lib, [track.content_id], info.key, 6)[track.content_id]
    np.testing.assert_array_equal(old_scores, np.asarray(result["scores"], np.float32))
    assert old_blob == result["embedding"]
    vocab = Vocabulary.load()
    old_rows = ReviewData(info, vocab, min_confidence=0.1).load(lib)

    # the same result stored compactly in a new library: the same suggestion
    (tmp_path / "new").mkdir()
    new_lib, new_track = _library_with(tmp_path / "new", path, info)
    db.analyses.store(new_lib, new_track.content_id, info.key, result, 6)
    new_rows = ReviewData(info, vocab, min_confidence=0.1).load(new_lib)
    (o,), (n,) = old_rows, new_rows
    assert o.analysed and o.suggestion and o.suggestion == n.suggestion
    assert abs(o.confidence - n.confidence) < 1e-4
    np.testing.assert_allclose(o.scores, np.asarray(result["scores"], np.float32))
    np.testing.assert_allclose(o.embedding, from_blob(result["embedding"]))
    np.testing.assert_array_equal(n.embedding, o.embedding)

    # analysed again into the old library: stored compactly from then on
    db.analyses.store(lib, track.content_id, info.key, result, 6)
    again = lib.analysis_for(track.content_id, info.key)
    assert again.scores_u16 is not None and again.scores_json == "[]" and again.patch_scores_json == "[]"
    lib.close()
    new_lib.close()
