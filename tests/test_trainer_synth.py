"""Synthetic music-like classes for the trainer tests (and tests of the generator itself).

Four classes that differ in timbre and rhythm, with random tempo, pitch, level and noise
per track so a model has to learn the class, not the file:

- `hats`: high-passed noise bursts at 150-190 BPM (eighth notes), short decay;
- `bells`: bright harmonic notes (8 partials, 1/k) at 500-900 Hz, short notes;
- `pads`: low, nearly pure sustained tones (150-300 Hz) with slow vibrato;
- `kicks`: pitch-swept sine thumps (120 -> 45 Hz) at 80-130 BPM.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

SR = 16000
CLASSES = ("hats", "bells", "pads", "kicks")
# a small feature spec for tests: 16 kHz, 40 mels, 64-frame (~1 s) patches
TEST_SPEC = "sample_rate=16000,resampler=polyphase,n_fft=512,hop_length=256,n_mels=40,fmax=8000,patch_frames=64"


def _env(n, decay_s, sr=SR):
    return np.exp(-np.arange(n) / (decay_s * sr))


def synth(kind: str, rng: np.random.Generator, seconds: float = 4.0, sr: int = SR) -> np.ndarray:
    n = int(seconds * sr)
    y = np.zeros(n)
    if kind == "hats":
        step = 60.0 / rng.uniform(150, 190) / 2
        length = int(0.05 * sr)
        for start in np.arange(rng.uniform(0, step), seconds, step):
            i = int(start * sr)
            burst = np.diff(rng.normal(size=length + 1)) * _env(length, rng.uniform(0.01, 0.025))
            y[i : i + length] += burst[: max(0, min(length, n - i))]
    elif kind == "bells":
        note = rng.uniform(0.2, 0.35)
        for start in np.arange(0, seconds, note):
            i, m = int(start * sr), int(note * sr)
            f0 = rng.uniform(500, 900)
            tt = np.arange(min(m, n - i)) / sr
            tone = sum(np.sin(2 * np.pi * f0 * k * tt + rng.uniform(0, 6.3)) / k for k in range(1, 9))
            y[i : i + len(tt)] += tone * _env(len(tt), 0.12)
    elif kind == "pads":
        note = rng.uniform(0.9, 1.4)
        for start in np.arange(0, seconds, note):
            i, m = int(start * sr), int(note * sr)
            f0 = rng.uniform(150, 300)
            tt = np.arange(min(m, n - i)) / sr
            vib = 1 + 0.01 * np.sin(2 * np.pi * rng.uniform(4, 6) * tt)
            phase = 2 * np.pi * np.cumsum(f0 * vib) / sr
            y[i : i + len(tt)] += (np.sin(phase) + 0.15 * np.sin(2 * phase)) * np.hanning(len(tt))
    elif kind == "kicks":
        step = 60.0 / rng.uniform(80, 130)
        length = int(0.25 * sr)
        for start in np.arange(rng.uniform(0, step), seconds, step):
            i = int(start * sr)
            tt = np.arange(min(length, n - i)) / sr
            freq = 45 + 75 * np.exp(-tt / 0.03)
            y[i : i + len(tt)] += np.sin(2 * np.pi * np.cumsum(freq) / sr) * _env(len(tt), 0.08)
    else:
        raise ValueError(kind)
    y /= np.abs(y).max() + 1e-9
    y *= 10 ** (rng.uniform(-18, -4) / 20)
    y += rng.normal(scale=10 ** (rng.uniform(-60, -45) / 20), size=n)
    return y.astype(np.float32)


def write_track(path: Path, kind: str, seed: int, seconds: float = 4.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(path), synth(kind, np.random.default_rng(seed), seconds), SR, subtype="PCM_16")
    return path


def make_genre_folders(
    root: Path, per_class: int, *, seed: int = 0, classes=CLASSES, seconds: float = 4.0, name=None
) -> dict[str, list[Path]]:
    """<root>/<class>/<name>.wav; returns {class: [paths]}."""
    out = {}
    for ci, kind in enumerate(classes):
        out[kind] = [
            write_track(
                root / kind / (name(kind, i) if name else f"{kind}-{i:03d}.wav"),
                kind,
                seed * 100_000 + ci * 1000 + i,
                seconds,
            )
            for i in range(per_class)
        ]
    return out


# ---------------------------------------------------------------- tests of the generator
def test_classes_differ_in_spectrum_and_files_are_valid(tmp_path):
    files = make_genre_folders(tmp_path, 1, seconds=2.0)
    centroids = {}
    for kind, (path,) in files.items():
        y, sr = sf.read(str(path))
        assert sr == SR and len(y) == 2 * SR and np.abs(y).max() > 0.05
        spec = np.abs(np.fft.rfft(y)) ** 2
        freqs = np.fft.rfftfreq(len(y), 1 / sr)
        centroids[kind] = float((spec * freqs).sum() / spec.sum())
    assert centroids["kicks"] < centroids["pads"] < centroids["bells"] < centroids["hats"]
