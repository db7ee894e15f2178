"""Patches of several tracks scored in one model call (`tagger.analyze.analyze_files`,
what the cluster's GPU actors run) give each track exactly what scoring it alone gives."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from tagger import analyze
from tagger.model import Model, default_model_path
from tagger.paths import resources_dir
from tagger.personal import from_blob

MUSIC = resources_dir() / "example-music"


@pytest.fixture(scope="module")
def model():
    return Model(threads=1, precision="float")


TOLERANCE = 1.001e-5  # 1e-5: results are stored rounded to 5 decimals, so a 1e-7 difference can show as one unit


def _same(batched: dict, alone: dict) -> None:
    assert batched["status"] == alone["status"] == "ok"
    assert batched["patch_starts"] == alone["patch_starts"]
    assert np.allclose(batched["scores"], alone["scores"], atol=TOLERANCE, rtol=0)
    assert np.allclose(batched["patch_scores"], alone["patch_scores"], atol=TOLERANCE, rtol=0)
    assert np.allclose(from_blob(batched["embedding"]), from_blob(alone["embedding"]), atol=1e-3)


def test_batched_tracks_score_as_each_track_alone(model, tmp_path):
    bad = tmp_path / "noise.mp3"
    bad.write_bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    files = [str(p) for p in sorted(MUSIC.glob("*.ogg"))]
    items = [(f, None, 6) for f in files[:4]] + [(str(bad), None, 6)] + [(f, None, 6) for f in files[4:]]
    batched = analyze.analyze_files(items, model=model, batch=64)
    alone = [analyze.analyze_file(*item, model=model) for item in items]
    assert [r["path"] for r in batched] == [i[0] for i in items]
    # one bad file fails alone, with the reason it has on its own
    assert batched[4]["status"] == "error" and batched[4]["error"] == alone[4]["error"]
    good = [i for i in range(len(items)) if i != 4]
    for i in good:
        _same(batched[i], alone[i])
    # some tracks took the close-call pass and some did not: both passes were batched
    counts = {len(batched[i]["patch_starts"]) for i in good}
    assert len(counts) > 1, counts


def test_a_gpu_actor_scores_a_batch_of_tracks_as_the_pool_does(model, tmp_path, monkeypatch):
    """The cluster's actor body, run in this process (the real-cluster scenarios run it on
    Ray): several tracks per call, read by path or shipped as bytes. What it leaves in the
    node's temporary folder: one copy of the model, shared by later actors; no audio."""
    import tempfile

    from tagger.executors.cluster import _Worker

    node_tmp = tmp_path / "node-tmp"
    node_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(node_tmp))
    files = [str(p) for p in sorted(MUSIC.glob("*.ogg"))[:3]]
    worker = _Worker(default_model_path().read_bytes(), default_model_path().name, "cpu", None, "float")
    _Worker(default_model_path().read_bytes(), default_model_path().name, "cpu", None, "float")  # a second actor
    items = [(f, None, 6) for f in files]
    by_path = worker.analyze_many(items, [None] * len(files))
    copies = []
    for f in files:
        copy = tmp_path / f"shipped-{len(copies)}.ogg"
        shutil.copy(f, copy)
        copies.append(copy)
    shipped = worker.analyze_many(items, [c.read_bytes() for c in copies])
    left = sorted(str(p.relative_to(node_tmp)) for p in node_tmp.rglob("*") if p.is_file())
    assert len(left) == 1 and left[0].startswith("genre-tagger-models/"), left
    assert left[0].endswith(default_model_path().name)
    for f, a, b in zip(files, by_path, shipped):
        alone = analyze.analyze_file(f, None, 6, model=model)
        _same(a, alone)
        _same(b, alone)
        assert b["path"] == f
