"""The committed msd-musicnn.onnx reproduces the original TensorFlow musicnn graph.

Fixture tests/data/musicnn_parity.npz (written by `trainer import-musicnn
--write-parity-fixture`, TensorFlow 2.21 + tf2onnx 1.17): four 3.5-s excerpts of real
music from resources/example-music; `log_mel` = musicnn's reference preprocessing
(resampy 0.2.2 kaiser_best -> librosa mel -> float16 storage -> log10(10000x+1)), and the
ORIGINAL TensorFlow graph's `taggram` and `penultimate` outputs for those patches.

Measured when written: onnxruntime vs TensorFlow max abs 1.9e-6 (taggram), 6.9e-6
(penultimate, values -2.4..3.1); tagger.resample + tagger.features vs the reference
log-mel max abs 2.1e-4 (log10 units, values 0..5.9), which is the reference's float16
storage step (relative step 2^-11).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tagger.features import MUSICNN_SPEC, FeatureSpec, logmel
from tagger.modelfile import read_metadata
from tagger.resample import resample

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "resources" / "models" / "msd-musicnn.onnx"
FIXTURE = Path(__file__).resolve().parent / "data" / "musicnn_parity.npz"
MUSIC = ROOT / "resources" / "example-music"


@pytest.fixture(scope="module")
def fixture():
    return np.load(FIXTURE)


@pytest.fixture(scope="module")
def session():
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime as ort

    return ort.InferenceSession(str(MODEL), providers=["CPUExecutionProvider"])


def test_metadata_loads():
    info = read_metadata(MODEL)
    assert info.name == "msd-musicnn" and info.version == "1.1.0"
    assert len(info.labels) == 50 and info.labels[0] == "rock" and info.labels[-1] == "happy"
    assert FeatureSpec.from_dict(info.feature_spec) == MUSICNN_SPEC
    assert info.activation == "sigmoid" and info.pooling == "mean"
    assert info.embedding_output == "penultimate"
    assert "ISC" in info.license and "Pons" in info.credit
    kinds = dict(zip(info.labels, info.label_kinds))
    assert kinds["rock"] == "genre" and kinds["female vocalists"] == "voice" and kinds["00s"] == "era"
    assert kinds["beautiful"] == "mood" and kinds["guitar"] == "instrument" and kinds["instrumental"] == "other"
    assert (ROOT / "resources" / "models" / "LICENSE-musicnn.txt").read_text().count("Permission to use") == 1


def test_onnx_matches_tensorflow(fixture, session):
    info = read_metadata(MODEL)
    taggram, pen = session.run([info.output_name, info.embedding_output], {info.input_name: fixture["log_mel"]})
    assert taggram.shape == (4, 50) and pen.shape == (4, 200)
    assert np.abs(taggram - fixture["taggram"]).max() < 1e-4
    assert np.abs(pen - fixture["penultimate"]).max() < 1e-4


def test_dynamic_batch(fixture, session):
    x = fixture["log_mel"]
    one = session.run(["taggram"], {"log_mel": x[:1]})[0]
    three = session.run(["taggram"], {"log_mel": x[:3]})[0]
    assert np.abs(one[0] - three[0]).max() < 1e-5


def test_app_features_reproduce_reference_input(fixture, session):
    import soundfile as sf

    ours = []
    for clip, start, dur in zip(fixture["clips"], fixture["starts"], fixture["durations"]):
        fname = str(clip).split("@")[0]
        x, sr = sf.read(str(MUSIC / fname), dtype="float32", always_2d=True)
        a = int(round(float(start) * sr))
        y = x[a : a + int(round(float(dur) * sr))].mean(axis=1)
        m = logmel(resample(y, sr, MUSICNN_SPEC.sample_rate, MUSICNN_SPEC.resampler), MUSICNN_SPEC)
        ours.append(m[: MUSICNN_SPEC.patch_frames])
    ours = np.stack(ours)
    assert ours.shape == fixture["log_mel"].shape
    # the reference stored the mel as float16 (2^-11 relative): <= 2.2e-4 in log10 units
    assert np.abs(ours - fixture["log_mel"]).max() < 5e-4
    # and the model's answer on the app's features is the TensorFlow answer
    taggram = session.run(["taggram"], {"log_mel": ours})[0]
    assert np.abs(taggram - fixture["taggram"]).max() < 1e-3
    assert (np.argsort(-taggram, axis=1)[:, :3] == np.argsort(-fixture["taggram"], axis=1)[:, :3]).all()
