"""The log-mel spectrogram of a whole track, for display (the detail panel's picture).

The same decode (`tagger.decode`) and the same features (`tagger.features.logmel`, the
model's own spec) as the analysis, so the picture shows what the model heard; only the
resampler differs (below). Qt-free: the GUI calls it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from tagger.decode import DecodeError, read_windows
from tagger.features import FeatureSpec, logmel
from tagger.resample import resample

CHUNK_SECONDS = 30.0  # decoded at a time: a superseded decode stops within one chunk


def compute_spectrogram(
    path: str | Path,
    spec: FeatureSpec | dict,
    max_seconds: float = 600.0,
    should_stop: Callable[[], bool] | None = None,
):
    """(log-mel [frames, mels] float32, seconds per frame, duration analysed) of a
    whole track (up to `max_seconds`), at the model's rate; None when `should_stop()`
    said so between two chunks (the user has moved on to another track)."""
    if isinstance(spec, dict):
        spec = FeatureSpec.from_dict(spec)
    pieces: list[np.ndarray] = []
    native = spec.sample_rate
    start = 0.0
    while start < max_seconds:
        if should_stop is not None and should_stop():
            return None
        length = min(CHUNK_SECONDS, max_seconds - start)
        try:
            (piece,), native = read_windows(path, [(start, length)])
        except DecodeError:
            if not pieces:
                raise
            break  # nothing after a file that ends exactly at a chunk's end
        pieces.append(np.asarray(piece, np.float32))
        if len(piece) < int(length * native) - 1:  # the end of the file
            break
        start += length
    audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    sr = native
    if sr != spec.sample_rate:
        # the display needs no bit-exact resampler: the fast one keeps long tracks quick
        audio, sr = resample(audio, native, spec.sample_rate, "polyphase"), spec.sample_rate
    if should_stop is not None and should_stop():
        return None
    mel = logmel(np.asarray(audio, np.float32), replace(spec, sample_rate=sr) if sr != spec.sample_rate else spec)
    return mel, spec.hop_length / sr, len(audio) / sr
