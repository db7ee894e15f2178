"""trainer.genre_calibration: the map it fits folds exactly into the model's own
calibration, and it writes nothing when the held-out check does not improve."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np

from tagger.model import Model, calibrate, default_model_path, pool_and_calibrate
from tagger.vocabulary import Vocabulary, bundled_path
from trainer import genre_calibration as gc

ROOT = Path(__file__).resolve().parent.parent
MUSIC = ROOT / "resources" / "example-music"
PARITY = Path(__file__).resolve().parent / "data" / "musicnn_parity.npz"


def test_the_fitted_map_folds_into_the_models_calibration():
    """Mapping the calibrated genre scores by (a, b) per tagger equals calibrating the raw
    scores with the folded calibration; moods and other kinds are left alone."""
    model = Model(default_model_path(), device="cpu", threads=1)
    info = model.info
    raw = model.score_patches(np.load(PARITY)["log_mel"])[0]
    params = {"msd": (0.7, 0.6), "mtt": (1.3, -0.4)}
    mapped = gc.remap(pool_and_calibrate(info, raw)[None, :], info, params)[0]
    folded = gc.folded(info.calibration, info, params)
    direct = calibrate(folded, raw.mean(axis=0))
    np.testing.assert_allclose(direct, mapped, rtol=1e-6, atol=1e-7)
    genre = np.array([k == "genre" for k in info.label_kinds])
    assert (~genre).any()
    np.testing.assert_allclose(direct[~genre], pool_and_calibrate(info, raw)[~genre], rtol=1e-6)
    assert folded["genre_platt"] == {"msd": [0.7, 0.6], "mtt": [1.3, -0.4]}


def test_write_refuses_a_map_that_does_not_help_held_out(tmp_path, capsys):
    """Two sets of the example music (its labelled pieces, real audio): whatever the fit,
    --write changes the model file only when the held-out ECE improves and no right best
    genre turns wrong; the report says which."""
    import json
    import shutil

    model = tmp_path / "model.onnx"
    shutil.copy(default_model_path(), model)
    before = hashlib.sha256(model.read_bytes()).hexdigest()
    manifest = tmp_path / "labelled.csv"
    with open(MUSIC / "genres.csv", newline="") as f, open(manifest, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["path", "label", "source"])
        rows = [r for r in csv.DictReader(f) if r["label"].strip()]
        for i, r in enumerate(rows):
            w.writerow([str(MUSIC / r["path"]), r["label"], f"set {i % 2}"])
    report = tmp_path / "calib.json"
    code = gc.main([str(model), str(manifest), "--report", str(report), "--write"])
    r = json.loads(report.read_text())
    assert r["tracks"] == len(rows) and set(r["sets"]) == {"set 0", "set 1"}
    helped = r["ece_held_out_after"] < r["ece_before"] and not r["right_turned_wrong"]
    after = hashlib.sha256(model.read_bytes()).hexdigest()
    if helped:
        assert code == 0 and after != before
        info = Model(model, device="cpu", threads=1).info
        assert info.calibration["genre_platt"] == {k: list(v) for k, v in r["final_fit"].items()}
    else:
        assert code == 1 and after == before
        assert "not written" in capsys.readouterr().err


def test_the_manifest_groups_by_source_or_folder(tmp_path):
    vocab = Vocabulary.load(bundled_path())
    m = tmp_path / "m.csv"
    m.write_text("path,label\n/a/x.ogg,hiphop;Jazz\n")
    (t,) = gc.read_manifest(m, vocab)
    assert t.labels == {"Hip-Hop", "Jazz"} and t.group == "/a"
