"""The log-mel spectrogram of a whole track, for display (the detail panel's picture).

The same decode (`tagger.decode`) and the same features (`tagger.features.logmel`, the
model's own spec) as the analysis, so the picture shows what the model heard; only the
resampler differs (below). Qt-free: the GUI calls it in a worker thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from tagger.decode import load_mono
from tagger.features import FeatureSpec, logmel


def compute_spectrogram(path: str | Path, spec: FeatureSpec | dict, max_seconds: float = 600.0):
    """(log-mel [frames, mels] float32, seconds per frame, duration analysed) of a
    whole track (up to `max_seconds`), at the model's rate."""
    if isinstance(spec, dict):
        spec = FeatureSpec.from_dict(spec)
    # the display needs no bit-exact resampler: the fast one keeps long tracks quick
    audio, sr = load_mono(path, sr=spec.sample_rate, offset=0.0, duration=max_seconds, resampler="polyphase")
    mel = logmel(np.asarray(audio, np.float32), replace(spec, sample_rate=sr) if sr != spec.sample_rate else spec)
    return mel, spec.hop_length / sr, len(audio) / sr
