"""The `gtzan-57` features (tagger/gtzan57.py, numpy) against librosa, which made the
GTZAN feature table, on real recordings; and the feature spec that names them.

Tolerance (measured: the largest gap on these recordings is 6e-6 relative, in a
roll-off that one frame puts one bin apart through float32 rounding): every column within
1e-4 relative of librosa, the tempo exactly; the means of the harmonic and percussive
waveforms (numbers near zero whose relative error means nothing) within 1e-3 of the
waveform's standard deviation. librosa 0.11 is called with ``pad_mode="reflect"``
wherever it takes one: its STFTs padded that way when the table was made (2020, librosa
0.7/0.8); zero_crossing_rate and the tempogram pad as they always did.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tagger.decode import load_mono
from tagger.features import GTZAN57_FEATURES, GTZAN57_SPEC, MUSICNN_SPEC, FeatureSpec, input_shape
from tagger.gtzan57 import COLUMNS, N_FEATURES, gtzan57
from tagger.window_features import window_features

MUSIC = Path(__file__).resolve().parent.parent / "resources" / "example-music"
RELATIVE = 1e-4
NEAR_ZERO_MEANS = {"harmony_mean": "harmony_var", "perceptr_mean": "perceptr_var"}


def librosa_row(y: np.ndarray, sr: int) -> np.ndarray:
    """The table's 57 columns the way the table was made: librosa's defaults."""
    import librosa

    old = {"pad_mode": "reflect"}
    chroma = librosa.feature.chroma_stft(y=y, sr=sr, **old)
    rms = librosa.feature.rms(y=y, **old)
    centroid = librosa.feature.spectral_centroid(y=y, sr=sr, **old)
    bandwidth = librosa.feature.spectral_bandwidth(y=y, sr=sr, **old)
    rolloff = librosa.feature.spectral_rolloff(y=y, sr=sr, **old)
    zcr = librosa.feature.zero_crossing_rate(y)
    harmonic, percussive = librosa.effects.hpss(y, **old)
    onset = librosa.onset.onset_strength(y=y, sr=sr, aggregate=np.median, **old)  # as beat_track
    tempo, _ = librosa.beat.beat_track(onset_envelope=onset, sr=sr)
    mfcc = librosa.feature.mfcc(y=y, sr=sr, **old)
    row = []
    for v in (chroma, rms, centroid, bandwidth, rolloff, zcr, harmonic, percussive):
        row += [np.mean(v), np.var(v)]
    row.append(float(np.atleast_1d(tempo)[0]))
    for coefficient in mfcc:
        row += [np.mean(coefficient), np.var(coefficient)]
    return np.asarray(row, np.float64)


def assert_table_row_close(ours: np.ndarray, ref: np.ndarray) -> None:
    assert ours.shape == ref.shape == (N_FEATURES,)
    for i, name in enumerate(COLUMNS):
        if name == "tempo":
            assert ours[i] == ref[i], (name, ours[i], ref[i])
        elif name in NEAR_ZERO_MEANS:
            std = np.sqrt(ref[COLUMNS.index(NEAR_ZERO_MEANS[name])])
            assert abs(ours[i] - ref[i]) <= 1e-3 * std, (name, ours[i], ref[i])
        else:
            assert abs(ours[i] - ref[i]) <= RELATIVE * abs(ref[i]), (name, ours[i], ref[i])


@pytest.mark.parametrize(
    ("name", "offset", "seconds"),
    [
        ("kevin-macleod-vibe-ace.ogg", 10.0, 15.0),  # jazz band: drums, bass, keys
        ("brahms-hungarian-dance-5.ogg", 0.0, 12.0),  # string orchestra
        ("sorohan-solo-trumpet.ogg", 0.0, None),  # 5 s, shorter than a window
    ],
)
def test_numpy_features_match_librosa_on_real_music(name, offset, seconds):
    y, sr = load_mono(MUSIC / name, sr=22050, offset=offset, duration=seconds)
    y = np.ascontiguousarray(y, np.float32)
    ours = gtzan57(y, GTZAN57_SPEC)
    assert_table_row_close(ours, librosa_row(y, sr))
    # the model input the app builds is the same numbers in float32
    np.testing.assert_array_equal(window_features(y, GTZAN57_SPEC), ours.astype(np.float32))


def test_features_tell_recordings_apart_and_stay_finite_on_silence():
    rows = {}
    for name in ("brahms-hungarian-dance-5.ogg", "admiralbob-choice-drum-bass.ogg"):
        y, _ = load_mono(MUSIC / name, sr=22050, offset=0.0, duration=8.0)
        rows[name] = dict(zip(COLUMNS, gtzan57(np.asarray(y, np.float32), GTZAN57_SPEC)))
    strings, drums = rows.values()
    # the percussive share of the energy: a drum loop against a string orchestra (measured 10x)
    share = {k: r["perceptr_var"] / r["harmony_var"] for k, r in rows.items()}
    assert share["admiralbob-choice-drum-bass.ogg"] > 4 * share["brahms-hungarian-dance-5.ogg"]
    assert drums["zero_crossing_rate_mean"] > strings["zero_crossing_rate_mean"]
    silent = gtzan57(np.zeros(22050 * 3, np.float32), GTZAN57_SPEC)
    assert np.all(np.isfinite(silent)) and silent[COLUMNS.index("tempo")] == 0.0
    assert np.all(np.isfinite(gtzan57(np.zeros(100, np.float32), GTZAN57_SPEC)))  # shorter than a frame


def test_gtzan57_spec_round_trips_and_old_specs_read_as_before():
    d = GTZAN57_SPEC.to_dict()
    assert d["kind"] == "gtzan-57" and FeatureSpec.from_dict(d) == GTZAN57_SPEC
    assert input_shape(GTZAN57_SPEC) == (57,) and GTZAN57_FEATURES == N_FEATURES == len(COLUMNS)
    # a log-mel spec serialises exactly as before kinds existed, and such a dict still reads
    assert "kind" not in MUSICNN_SPEC.to_dict()
    assert FeatureSpec.from_dict(MUSICNN_SPEC.to_dict()).kind == "logmel"
    assert input_shape(MUSICNN_SPEC) == (187, 96)
    with pytest.raises(ValueError, match="n_fft must be 2048"):
        FeatureSpec.from_dict({**d, "n_fft": 1024, "win_length": 1024})
    with pytest.raises(ValueError, match="kind must be one of"):
        FeatureSpec.from_dict({**d, "kind": "mfcc-13"})
    # the resampler is free (GTZAN's audio needed none)
    assert FeatureSpec.from_dict({**d, "resampler": "polyphase"}).resampler == "polyphase"
