"""Track data the app can compute for any file it can decode: the columns a model's
tabular branch may use (`trainer fit --arch crnn --tabular COLUMNS`).

The list is fixed and documented (docs/architecture.md): a model file that names a
column not in it is refused (`tagger.modelfile`), so every model the app accepts can be
fed for every file. Values are plain numbers; the model standardises them itself.

| column | meaning |
|---|---|
| `duration` | seconds of audio (the decoder's stream length) |
| `sample_rate` | the file's own sample rate, Hz |
| `channels` | the file's channel count |
| `bitrate` | average kbit/s: file size x 8 / duration (tags included; any format) |
| `tempo` | BPM: librosa's beat_track tempo estimate (as in `tagger.gtzan57`) over the middle 30 s |
| `loudness` | dBFS: RMS level of the middle 30 s, mono, 10 log10(mean(y^2)), floor -100 |
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

COLUMNS = ("duration", "sample_rate", "channels", "bitrate", "tempo", "loudness")
_SIGNAL = {"tempo", "loudness"}  # need the middle 30 s decoded
WINDOW_SECONDS = 30.0


def unknown_columns(columns) -> list[str]:
    """The columns the app cannot compute (empty when all are in COLUMNS)."""
    return [c for c in columns if c not in COLUMNS]


def track_values(path: str | Path, columns) -> np.ndarray:
    """float32 [len(columns)]: the named columns for one file (raises DecodeError on a
    file that cannot be read, ValueError for a column not in COLUMNS)."""
    from tagger.decode import audio_info, read_windows

    bad = unknown_columns(columns)
    if bad:
        raise ValueError(f"the app cannot compute the column(s) {', '.join(bad)}; it can: {', '.join(COLUMNS)}")
    path = Path(path)
    info = audio_info(path)
    values = {
        "duration": info.duration,
        "sample_rate": float(info.sample_rate),
        "channels": float(info.channels),
        "bitrate": path.stat().st_size * 8 / max(info.duration, 1e-3) / 1000.0,
    }
    if _SIGNAL & set(columns):
        start = max(0.0, (info.duration - WINDOW_SECONDS) / 2)
        (audio,), sr = read_windows(path, [(start, WINDOW_SECONDS)])
        values.update(_signal_values(np.asarray(audio, np.float32), sr))
    return np.asarray([values[c] for c in columns], np.float32)


def _signal_values(audio: np.ndarray, sr: int) -> dict[str, float]:
    from tagger.features import GTZAN57_SPEC, mel_power
    from tagger.gtzan57 import beat_tempo, power_to_db
    from tagger.resample import resample

    spec = GTZAN57_SPEC
    power = float(np.mean(audio.astype(np.float64) ** 2)) if audio.size else 0.0
    loudness = max(-100.0, 10 * math.log10(power)) if power > 0 else -100.0
    y = resample(audio, sr, spec.sample_rate, spec.resampler) if sr != spec.sample_rate else audio
    if y.shape[0] < spec.n_fft:
        y = np.pad(y, (0, spec.n_fft - y.shape[0]))
    mel_db = power_to_db(mel_power(np.asarray(y, np.float32), spec).astype(np.float64))
    return {"tempo": beat_tempo(mel_db, spec.sample_rate, spec.hop_length, spec.n_fft), "loudness": loudness}
