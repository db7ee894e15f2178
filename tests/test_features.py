"""tagger.features (FeatureSpec, numpy log-mel, patches) and tagger.resample.

Measured when written (real music from resources/example-music, 30 s at 16 kHz):
- mel power vs librosa 0.11 melspectrogram (same parameters): max relative error
  7.4e-6 (relative to each value + 1e-7 of the clip's peak); log10(10000x+1): max abs
  2.8e-6; dB: max abs 2.1e-4 dB (bins near the 1e-10 floor); filterbank: 2e-9.
- kaiser_best_resampy022 vs resampy 0.2.2 kaiser_best (float64): max abs 3.4e-8 on
  real music (peak 0.68); vs resampy on float32 input 7e-7 (resampy's own float32
  accumulation). soxr_hq differs from resampy by 0.3-0.4 % RMS.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tagger import features as F
from tagger import resample as R
from tagger.decode import load_mono
from tagger.features import MUSICNN_SPEC, FeatureSpec, logmel, mel_power, patch_seconds, patches
from tagger.spectrogram import compute_spectrogram

ROOT = Path(__file__).resolve().parent.parent
MUSIC = ROOT / "resources" / "example-music"
DATA = Path(__file__).resolve().parent / "data"


def _clip(name="kevin-macleod-vibe-ace.ogg", start=5.0, dur=10.0, sr_out=16000):
    import soundfile as sf

    x, sr = sf.read(str(MUSIC / name), dtype="float32", always_2d=True)
    x = x[int(start * sr) : int((start + dur) * sr)].mean(axis=1)
    return R.resample(x, sr, sr_out, "kaiser_best_resampy022")


# --- FeatureSpec --------------------------------------------------------------------


def test_musicnn_spec_values():
    d = MUSICNN_SPEC.to_dict()
    assert d == {
        "sample_rate": 16000,
        "resampler": "kaiser_best_resampy022",
        "n_fft": 512,
        "hop_length": 256,
        "win_length": 512,
        "window": "hann",
        "center": True,
        "pad_mode": "reflect",
        "power": 2.0,
        "n_mels": 96,
        "fmin": 0.0,
        "fmax": 8000.0,
        "mel_norm": "slaney",
        "mel_htk": False,
        "log": "log10_10000x_plus_1",
        "patch_frames": 187,
    }
    assert patch_seconds(MUSICNN_SPEC) == pytest.approx(187 * 256 / 16000)


def test_spec_json_round_trip_and_frozen():
    d = json.loads(json.dumps(MUSICNN_SPEC.to_dict()))
    d["fmin"] = 0  # JSON writers may drop the ".0"
    assert FeatureSpec.from_dict(d) == MUSICNN_SPEC
    with pytest.raises(dataclasses.FrozenInstanceError):
        MUSICNN_SPEC.n_mels = 128  # type: ignore[misc]


def test_from_dict_rejects_unknown_and_missing_fields():
    d = MUSICNN_SPEC.to_dict()
    with pytest.raises(ValueError, match="unknown field.*colour"):
        FeatureSpec.from_dict({**d, "colour": "blue"})
    d2 = dict(d)
    del d2["hop_length"]
    with pytest.raises(ValueError, match="missing field.*hop_length"):
        FeatureSpec.from_dict(d2)
    with pytest.raises(ValueError, match="JSON object"):
        FeatureSpec.from_dict([1, 2])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change, words",
    [
        ({"log": "ln"}, "log must be"),
        ({"resampler": "magic"}, "unknown resampler"),
        ({"fmax": 9000.0}, "fmax"),
        ({"n_mels": 0}, "n_mels"),
        ({"win_length": 1024}, "win_length"),
        ({"pad_mode": "edge"}, "pad_mode"),
        ({"center": "yes"}, "center"),
        # a crafted model file must not make the app allocate gigabytes: each field is bounded
        ({"sample_rate": 10**9}, "sample_rate must be between 1000 and 384000"),
        ({"n_mels": 200_000}, "n_mels must be between 1 and 1024"),
        ({"n_fft": 2**28, "win_length": 512}, "n_fft must be between"),
        ({"patch_frames": 90_000}, "more than 120 s of audio per patch"),
    ],
)
def test_invalid_specs_say_what_is_wrong(change, words):
    with pytest.raises(ValueError, match=words):
        FeatureSpec.from_dict({**MUSICNN_SPEC.to_dict(), **change})


# --- log-mel vs librosa -------------------------------------------------------------

SPECS = {
    "musicnn": MUSICNN_SPEC,
    "db": dataclasses.replace(MUSICNN_SPEC, log="db"),
    "htk_constant_short_window": dataclasses.replace(
        MUSICNN_SPEC,
        pad_mode="constant",
        mel_htk=True,
        mel_norm=None,
        win_length=400,
        fmin=50.0,
        fmax=7000.0,
        n_mels=64,
    ),
}


@pytest.mark.parametrize("key", sorted(SPECS))
def test_logmel_matches_librosa(key):
    librosa = pytest.importorskip("librosa")
    spec = SPECS[key]
    y = _clip()
    ref_lin = librosa.feature.melspectrogram(
        y=y,
        sr=spec.sample_rate,
        n_fft=spec.n_fft,
        hop_length=spec.hop_length,
        win_length=spec.win_length,
        window="hann",
        center=spec.center,
        pad_mode=spec.pad_mode,
        power=spec.power,
        n_mels=spec.n_mels,
        fmin=spec.fmin,
        fmax=spec.fmax,
        htk=spec.mel_htk,
        norm=spec.mel_norm,
    ).T
    lin = mel_power(y, spec)
    assert lin.shape == ref_lin.shape and lin.dtype == np.float32
    rel = np.abs(lin - ref_lin) / (ref_lin + 1e-7 * ref_lin.max())
    assert rel.max() < 1e-4
    got = logmel(y, spec)
    if spec.log == "db":
        ref = 10 * np.log10(np.maximum(ref_lin, 1e-10))
        assert np.abs(got - ref).max() < 2e-3  # dB
    else:
        ref = np.log10(10000 * ref_lin.astype(np.float32) + 1)
        assert np.abs(got - ref).max() < 1e-4
        assert (np.abs(got - ref) / np.maximum(ref, 1e-2)).max() < 1e-4
    fb = librosa.filters.mel(
        sr=spec.sample_rate,
        n_fft=spec.n_fft,
        n_mels=spec.n_mels,
        fmin=spec.fmin,
        fmax=spec.fmax,
        htk=spec.mel_htk,
        norm=spec.mel_norm,
    )
    assert np.abs(fb.T - F.mel_filterbank(spec)).max() < 1e-8


def test_loud_input_stays_finite():
    """Trap: float16 mel values times 10000 overflow; everything here is float32."""
    rng = np.random.default_rng(1)
    y = rng.uniform(-1, 1, 16000 * 4).astype(np.float32)
    m = logmel(y, MUSICNN_SPEC)
    assert np.isfinite(m).all() and m.max() > np.log10(10000 * 6.55)


def test_logmel_rejects_bad_audio():
    with pytest.raises(ValueError, match="mono"):
        logmel(np.zeros((2, 100), np.float32), MUSICNN_SPEC)
    with pytest.raises(ValueError, match="NaN"):
        logmel(np.array([0.0, np.nan, 0.0] * 200, np.float32), MUSICNN_SPEC)


def test_frame_count_and_silence():
    for n in (1, 255, 256, 16000, 48000):
        m = logmel(np.zeros(n, np.float32), MUSICNN_SPEC)
        assert m.shape == (1 + n // 256, 96)
        assert (m == 0).all()
    assert (logmel(np.zeros(1000, np.float32), SPECS["db"]) == -100).all()


def test_no_librosa_numba_or_scipy_at_run_time():
    """A whole scan + analysis in a fresh process imports none of the trainer's heavy
    modules (librosa/numba cost seconds at start-up; scipy 76 MB in the frozen app)."""
    code = (
        "import sys, tempfile, numpy as np\n"
        "from tagger.features import MUSICNN_SPEC, logmel, patches\n"
        "from tagger.resample import resample\n"
        "y = resample(np.random.default_rng(0).standard_normal(44100).astype('float32'), 44100, 16000)\n"
        "patches(logmel(y, MUSICNN_SPEC), MUSICNN_SPEC, [0])\n"
        "resample(y, 16000, 22050, 'polyphase')\n"
        "from tagger.cli import main\n"
        "d = tempfile.mkdtemp()\n"
        "assert main(['analyze', 'resources/example-music/sorohan-solo-trumpet.ogg', '--db', d + '/x.sqlite',\n"
        "             '--workers', '1', '--json']) == 0\n"
        "from tagger.analyze import analyze_file\n"
        "from tagger.model import Model\n"
        "assert analyze_file('resources/example-music/kevin-macleod-vibe-ace.ogg', None, 6, Model())['status'] == 'ok'\n"
        "bad = [m for m in ('librosa', 'numba', 'resampy', 'torch', 'scipy') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)


# --- patches -----------------------------------------------------------------------


def test_patches_cut_and_pad():
    mel = np.arange(300 * 96, dtype=np.float32).reshape(300, 96)
    p = patches(mel, MUSICNN_SPEC, [0, 100, 250])
    assert p.shape == (3, 187, 96) and p.dtype == np.float32
    assert np.array_equal(p[0], mel[:187]) and np.array_equal(p[1], mel[100:287])
    assert np.array_equal(p[2, :50], mel[250:]) and (p[2, 50:] == 0).all()  # silence in log10(10000x+1)
    db = patches(mel, SPECS["db"], [250])
    assert (db[0, 50:] == -100).all()
    assert patches(mel, MUSICNN_SPEC, []).shape == (0, 187, 96)
    with pytest.raises(ValueError, match="outside"):
        patches(mel, MUSICNN_SPEC, [-1])
    with pytest.raises(ValueError, match="log-mel"):
        patches(mel[:, :10], MUSICNN_SPEC, [0])


# --- resample ----------------------------------------------------------------------


def test_kaiser_best_matches_stored_resampy022_outputs():
    """Reference: resampy 0.2.2 kaiser_best (float64) on real and synthetic signals,
    stored by `trainer import-musicnn --write-parity-fixture`."""
    sys.path.insert(0, str(ROOT))
    from trainer.import_musicnn import resampler_test_signals

    ref = np.load(DATA / "resampy022_reference.npz")
    for key, (y, sr) in resampler_test_signals().items():
        got = R.resample(y, sr, 16000, "kaiser_best_resampy022")
        want = ref[key]
        assert got.dtype == np.float32
        assert len(got) == int(np.ceil(len(y) * 16000 / sr))  # librosa 0.7's fix_length
        assert np.abs(got[: len(want)] - want).max() < 1e-6, key


def test_kaiser_best_matches_live_resampy022():
    resampy = pytest.importorskip("resampy")
    if resampy.__version__ != "0.2.2":
        pytest.skip(f"resampy {resampy.__version__} is not 0.2.2")
    y = _clip(dur=3.0, sr_out=44100)  # no-op resample: native 44.1 kHz
    want = resampy.resample(y.astype(np.float64), 44100, 16000, filter="kaiser_best")
    got = R.resample(y, 44100, 16000)
    assert np.abs(got[: len(want)] - want).max() < 1e-6


def test_other_methods_and_edge_cases():
    rng = np.random.default_rng(3)
    y = rng.standard_normal(22050).astype(np.float32)
    ref = R.resample(y, 22050, 16000)
    poly = R.resample(y, 22050, 16000, "polyphase")
    assert abs(len(poly) - len(ref)) <= 1
    from scipy.signal import resample_poly  # the reference (scipy is a test dependency only)

    np.testing.assert_allclose(poly, resample_poly(y.astype(np.float64), 320, 441), atol=1e-6)
    for sr, up, down in ((48000, 1, 3), (24000, 2, 3), (44100, 160, 441), (8000, 2, 1)):  # both code paths
        x = rng.standard_normal(sr // 2)
        np.testing.assert_allclose(R.resample(x, sr, 16000, "polyphase"), resample_poly(x, up, down), atol=1e-6)
    same = R.resample(y, 16000, 16000)
    assert np.array_equal(same, y) and same is not y
    assert R.resample(np.zeros(0, np.float32), 44100, 16000).shape == (0,)
    with pytest.raises(ValueError, match="unknown resampler"):
        R.resample(y, 22050, 16000, "best")
    with pytest.raises(ValueError, match="mono"):
        R.resample(np.zeros((2, 10)), 22050, 16000)
    if "soxr_hq" in R.available_methods():
        s = R.resample(y, 22050, 16000, "soxr_hq")
        assert s.dtype == np.float32 and abs(len(s) - len(ref)) <= 1
    # a tone keeps its amplitude within resampy 0.2.2's own pass-band gain error: its
    # truncated table step (185 instead of 185.76 entries per input sample at
    # 44.1 -> 16 kHz) makes the gain ~1.003, reproduced here on purpose
    t = np.arange(44100) / 44100
    tone = np.sin(2 * np.pi * 1000 * t).astype(np.float32)
    out = R.resample(tone, 44100, 16000)
    assert np.abs(out[2000:-2000]).max() == pytest.approx(1.0, abs=5e-3)


# --- the detail panel's spectrogram (tagger.spectrogram) ----------------------------


def test_spectrogram_is_the_model_features_of_the_decode():
    """The picture is logmel of the core's decode at the model's rate (the fast resampler)."""
    path = MUSIC / "sorohan-solo-trumpet.ogg"
    mel, frame_s, seconds = compute_spectrogram(path, MUSICNN_SPEC.to_dict(), max_seconds=5.0)
    audio, sr = load_mono(path, sr=16000, duration=5.0, resampler="polyphase")
    assert seconds == pytest.approx(5.0) and frame_s == pytest.approx(256 / 16000)
    assert mel.dtype == np.float32 and mel.shape[1] == MUSICNN_SPEC.n_mels
    assert np.array_equal(mel, logmel(audio, MUSICNN_SPEC))


def test_the_core_is_qt_free():
    """No module of tagger outside tagger/gui imports Qt (the spectrogram and the PCM
    stream moved out of the GUI to stay usable without it)."""
    found = []
    for path in sorted((ROOT / "tagger").rglob("*.py")):
        if "gui" in path.relative_to(ROOT / "tagger").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("PySide6", "PyQt6")]
    assert not found, found
