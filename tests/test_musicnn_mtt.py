"""The MagnaTagATune musicnn models (mtt-musicnn, mtt-vgg) reproduce the original
TensorFlow graphs, and carry the prior correction derived from their checkpoint.

Fixtures tests/data/musicnn_mtt_parity.npz and musicnn_mtt_vgg_parity.npz (written by
`trainer import-musicnn --variant MTT_musicnn|MTT_vgg --write-parity-fixture ...
--parity-input tests/data/musicnn_parity.npz`, TensorFlow 2.21 + tf2onnx 1.17): the
ORIGINAL TensorFlow graphs' outputs on the four real-music patches stored in
musicnn_parity.npz (musicnn's reference preprocessing of example-music excerpts).

Measured when written: onnxruntime vs TensorFlow max abs 2.0e-6 (MTT_musicnn taggram),
1.2e-5 (its penultimate), 1.3e-7 (MTT_vgg taggram).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tagger.features import MUSICNN_SPEC, FeatureSpec
from tagger.modelfile import read_metadata
from trainer import musicnn_calibrate as mc
from trainer.import_musicnn import MTT_LABELS, training_mean_logits_file

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "resources" / "models"
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = {"mtt-musicnn": "musicnn_mtt_parity.npz", "mtt-vgg": "musicnn_mtt_vgg_parity.npz"}


def session(path):
    from tagger.ort import ort_module

    return ort_module().InferenceSession(str(path), providers=["CPUExecutionProvider"])


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_onnx_matches_tensorflow(name):
    fixture = np.load(DATA / FIXTURES[name])
    given = np.load(DATA / str(fixture["input_fixture"]))
    assert list(fixture["clips"]) == list(given["clips"])  # the same real-music patches
    info = read_metadata(MODELS / f"{name}.onnx")
    outputs = [info.output_name] + ([info.embedding_output] if info.embedding_output else [])
    got = session(MODELS / f"{name}.onnx").run(outputs, {info.input_name: given["log_mel"]})
    assert got[0].shape == (4, 50)
    assert np.abs(got[0] - fixture["taggram"]).max() < 1e-4
    if info.embedding_output:
        assert got[1].shape == (4, 200)
        assert np.abs(got[1] - fixture["penultimate"]).max() < 1e-4
    # the fixture is not degenerate: the Brahms string-orchestra patch is the most "classical"
    brahms = [i for i, c in enumerate(fixture["clips"]) if str(c).startswith("brahms")][0]
    assert int(np.argmax(fixture["taggram"][:, MTT_LABELS.index("classical")])) == brahms


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_metadata(name):
    info = read_metadata(MODELS / f"{name}.onnx")
    assert info.labels == tuple(MTT_LABELS) and info.label_sources is None
    assert FeatureSpec.from_dict(info.feature_spec) == MUSICNN_SPEC
    assert info.activation == "sigmoid" and info.pooling == "mean"
    assert "MagnaTagATune" in info.credit and "ISC" in info.license
    kinds = dict(zip(info.labels, info.label_kinds))
    assert {t for t, k in kinds.items() if k == "genre"} == {
        "classical",
        "classic",
        "electronic",
        "rock",
        "ambient",
        "indian",
        "opera",
        "pop",
        "new age",
        "dance",
        "country",
        "metal",
    }
    assert kinds["techno"] == "other" and kinds["choral"] == "voice" and kinds["harpsichord"] == "instrument"
    assert (info.embedding_output == "penultimate") == (name == "mtt-musicnn")


def test_mtt_priors_come_from_the_checkpoint():
    """The stored mean training logits are MTT_musicnn's, in output order; the priors
    rank the tags in the direction the label list's frequency order does."""
    stored = json.loads(training_mean_logits_file("mtt").read_text())
    assert stored["labels"] == MTT_LABELS and "MTT_musicnn" in stored["model"]
    priors, how = mc.dataset_prior_logits("mtt")
    assert how["slope_from"] == "msd" and 0 < how["slope"] < 1
    # musicnn's MTT_LABELS (like MSD_LABELS, whose order matches the published counts)
    # lists the tags by frequency: the priors must agree with it overall
    rank = np.argsort(np.argsort(-priors))
    assert np.corrcoef(rank, np.arange(50))[0, 1] > 0.5
    p = dict(zip(MTT_LABELS, priors))
    assert p["classical"] > p["opera"] > p["metal"] and p["classical"] > p["country"]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_shipped_mtt_models_carry_the_prior_correction(name):
    info = read_metadata(MODELS / f"{name}.onnx")
    assert info.calibration == mc.calibration_for(info)
    shift = dict(zip(info.labels, info.calibration["shift"]))
    # frequent genres (classical, electronic) pay, rare ones (country, metal) gain
    assert shift["classical"] < shift["electronic"] < 0 < shift["country"] < shift["metal"]
    genre_shifts = [s for s, k in zip(info.calibration["shift"], info.label_kinds) if k == "genre"]
    assert abs(np.mean(genre_shifts)) < 1e-3  # one common level: the mean genre prior
