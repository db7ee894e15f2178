"""Feature specs and the numpy log-mel spectrogram shared by the app and the trainer.

A model file stores its :class:`FeatureSpec` (JSON, ``feature_spec`` metadata key); the
app computes exactly those features with :func:`logmel` and cuts them with
:func:`patches`, or, for a spec of another ``kind``, one feature vector per window of
audio (``tagger.window_features``; ``gtzan-57``: the GTZAN feature table's 57 columns,
``tagger.gtzan57``). :func:`input_shape` is the shape of one model input either way. numpy only: importing librosa costs 2.5-21 s (numba) at start-up, and scipy
76 MB in the frozen app.
:func:`logmel` reproduces ``librosa.feature.melspectrogram`` with the same parameters
(see ``tests/test_features.py`` for the measured agreement).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tagger import resample

__all__ = [
    "FeatureSpec",
    "MUSICNN_SPEC",
    "GTZAN57_SPEC",
    "KINDS",
    "input_shape",
    "LOG_MODES",
    "logmel",
    "mel_power",
    "mel_filterbank",
    "patches",
    "patch_seconds",
    "patch_hop_frames",
]

LOG_MODES = ("log10_10000x_plus_1", "db")
# What a model input is: "logmel" = a patch of log-mel frames [patch_frames, n_mels];
# "gtzan-57" = the 57 columns of the GTZAN feature table over a window of
# patch_frames * hop_length samples (tagger.gtzan57).
KINDS = ("logmel", "gtzan-57")
# gtzan-57 is librosa's defaults at 22.05 kHz (with 2020's reflect padding): its other
# fields are fixed (the resampler is free: GTZAN itself needed none)
_GTZAN57_FIELDS = {
    "sample_rate": 22050,
    "n_fft": 2048,
    "hop_length": 512,
    "win_length": 2048,
    "window": "hann",
    "center": True,
    "pad_mode": "reflect",
    "power": 2.0,
    "n_mels": 128,
    "fmin": 0.0,
    "fmax": 11025.0,
    "mel_norm": "slaney",
    "mel_htk": False,
    "log": "db",
    "patch_frames": 1293,  # 30.02 s: GTZAN's clips are 30 s
}
_WINDOWS = ("hann",)
_PAD_MODES = ("reflect", "constant")
_MEL_NORMS = ("slaney", None)


# Sane ranges of the integer fields (every real spec is far inside them); with them a
# crafted model cannot make the app allocate gigabytes per patch.
_BOUNDS = {
    "sample_rate": (1000, 384000),
    "n_fft": (16, 65536),
    "hop_length": (1, 65536),
    "win_length": (1, 65536),
    "n_mels": (1, 1024),
    "patch_frames": (1, 100000),
}
MAX_PATCH_SECONDS = 120


@dataclass(frozen=True)
class FeatureSpec:
    """How audio becomes model input. Field meanings: docs/architecture.md."""

    sample_rate: int
    resampler: str
    n_fft: int
    hop_length: int
    win_length: int
    window: str
    center: bool
    pad_mode: str
    power: float
    n_mels: int
    fmin: float
    fmax: float
    mel_norm: str | None
    mel_htk: bool
    log: str
    patch_frames: int
    kind: str = "logmel"  # optional in a model file: older files have no such key

    def __post_init__(self) -> None:
        def bad(msg: str) -> ValueError:
            return ValueError(f"invalid feature spec: {msg}")

        for name in ("sample_rate", "n_fft", "hop_length", "win_length", "n_mels", "patch_frames"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v <= 0:
                raise bad(f"{name} must be a positive integer, got {v!r}")
        for name, (low, high) in _BOUNDS.items():  # a model file is input too: no 47 GiB arrays
            v = getattr(self, name)
            if not low <= v <= high:
                raise bad(f"{name} must be between {low} and {high}, got {v!r}")
        if self.patch_frames * self.hop_length / self.sample_rate > MAX_PATCH_SECONDS:
            raise bad(
                f"patch_frames {self.patch_frames} x hop_length {self.hop_length} is more than "
                f"{MAX_PATCH_SECONDS} s of audio per patch"
            )
        for name in ("center", "mel_htk"):
            if not isinstance(getattr(self, name), bool):
                raise bad(f"{name} must be true or false, got {getattr(self, name)!r}")
        for name in ("power", "fmin", "fmax"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float, np.floating, np.integer)) or not math.isfinite(v):
                raise bad(f"{name} must be a number, got {v!r}")
        if not isinstance(self.resampler, str) or not resample.is_known(self.resampler):
            raise bad(f"unknown resampler {self.resampler!r} (known: {', '.join(resample.METHODS)})")
        if self.win_length > self.n_fft:
            raise bad(f"win_length {self.win_length} > n_fft {self.n_fft}")
        if self.window not in _WINDOWS:
            raise bad(f"window must be one of {_WINDOWS}, got {self.window!r}")
        if self.pad_mode not in _PAD_MODES:
            raise bad(f"pad_mode must be one of {_PAD_MODES}, got {self.pad_mode!r}")
        if self.power <= 0:
            raise bad(f"power must be > 0, got {self.power!r}")
        if not (0 <= self.fmin < self.fmax <= self.sample_rate / 2):
            raise bad(f"need 0 <= fmin < fmax <= sample_rate/2, got fmin={self.fmin} fmax={self.fmax}")
        if self.mel_norm not in _MEL_NORMS:
            raise bad(f"mel_norm must be 'slaney' or null, got {self.mel_norm!r}")
        if self.log not in LOG_MODES:
            raise bad(f"log must be one of {LOG_MODES}, got {self.log!r}")
        if self.kind not in KINDS:
            raise bad(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "gtzan-57":
            odd = [k for k, v in _GTZAN57_FIELDS.items() if getattr(self, k) != v]
            if odd:
                raise bad(
                    f"a gtzan-57 spec has fixed values; {', '.join(f'{k} must be {_GTZAN57_FIELDS[k]!r}' for k in odd)}"
                )

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        for k in ("sample_rate", "n_fft", "hop_length", "win_length", "n_mels", "patch_frames"):
            d[k] = int(d[k])
        for k in ("power", "fmin", "fmax"):
            d[k] = float(d[k])
        if d["kind"] == "logmel":  # the default: a log-mel spec reads as it did before kinds existed
            del d["kind"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeatureSpec:
        if not isinstance(d, dict):
            raise ValueError(f"invalid feature spec: expected a JSON object, got {type(d).__name__}")
        names = [f.name for f in dataclasses.fields(cls)]
        unknown = sorted(set(d) - set(names))
        missing = [n for n in names if n not in d and n != "kind"]
        if unknown or missing:
            parts = []
            if missing:
                parts.append("missing field(s) " + ", ".join(missing))
            if unknown:
                parts.append("unknown field(s) " + ", ".join(unknown))
            raise ValueError("invalid feature spec: " + "; ".join(parts))
        kw = dict(d)
        for k in ("power", "fmin", "fmax"):  # JSON may give 0 for 0.0
            if isinstance(kw[k], int) and not isinstance(kw[k], bool):
                kw[k] = float(kw[k])
        return cls(**kw)


#: What the musicnn models (Pons & Serra 2019) were trained on: librosa 0.7 defaults.
MUSICNN_SPEC = FeatureSpec(
    sample_rate=16000,
    resampler="kaiser_best_resampy022",
    n_fft=512,
    hop_length=256,
    win_length=512,
    window="hann",
    center=True,
    pad_mode="reflect",
    power=2.0,
    n_mels=96,
    fmin=0.0,
    fmax=8000.0,
    mel_norm="slaney",
    mel_htk=False,
    log="log10_10000x_plus_1",
    patch_frames=187,
)


#: The GTZAN feature table's 57 columns over 30-second windows (tagger.gtzan57).
GTZAN57_SPEC = FeatureSpec(resampler="soxr_hq", kind="gtzan-57", **_GTZAN57_FIELDS)  # type: ignore[arg-type]


GTZAN57_FEATURES = 57  # = len(tagger.gtzan57.COLUMNS) (tested; that module imports this one)


def input_shape(spec: FeatureSpec) -> tuple[int, ...]:
    """The shape of one model input (without the batch axis)."""
    if spec.kind == "gtzan-57":
        return (GTZAN57_FEATURES,)
    return (spec.patch_frames, spec.n_mels)


# --- mel filterbank (librosa.filters.mel, re-done in numpy) -------------------------


def _hz_to_mel(f: np.ndarray | float, htk: bool) -> np.ndarray:
    f = np.asarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = math.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, min_log_hz) / min_log_hz) / logstep, mels)


def _mel_to_hz(m: np.ndarray, htk: bool) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = math.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


@functools.lru_cache(maxsize=8)
def _mel_filterbank_cached(
    sr: int, n_fft: int, n_mels: int, fmin: float, fmax: float, norm: str | None, htk: bool
) -> np.ndarray:
    fftfreqs = np.fft.rfftfreq(n_fft, d=1.0 / sr)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(fmin, htk), _hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    if norm == "slaney":
        weights *= (2.0 / (mel_f[2 : n_mels + 2] - mel_f[:n_mels]))[:, None]
    # librosa stores the bank as float32; keep those values, in float64 for the sums
    w = np.ascontiguousarray(weights.astype(np.float32).astype(np.float64).T)  # [n_freqs, n_mels]
    w.setflags(write=False)
    return w


def mel_filterbank(spec: FeatureSpec) -> np.ndarray:
    """[1 + n_fft/2, n_mels] (float64 holding librosa's float32 values of ``librosa.filters.mel(...).T``)."""
    return _mel_filterbank_cached(
        int(spec.sample_rate),
        int(spec.n_fft),
        int(spec.n_mels),
        float(spec.fmin),
        float(spec.fmax),
        spec.mel_norm,
        bool(spec.mel_htk),
    )


@functools.lru_cache(maxsize=8)
def _window(kind: str, win_length: int, n_fft: int) -> np.ndarray:
    if kind != "hann":
        raise ValueError(f"unsupported window {kind!r}")
    n = np.arange(win_length)
    w = 0.5 - 0.5 * np.cos(2.0 * np.pi * n / win_length)  # periodic Hann (scipy fftbins=True)
    if win_length < n_fft:  # centred in the frame, like librosa.util.pad_center
        left = (n_fft - win_length) // 2
        w = np.pad(w, (left, n_fft - win_length - left))
    w.setflags(write=False)
    return w


def _log(mel: np.ndarray, mode: str) -> np.ndarray:
    mel = mel.astype(np.float32, copy=False)  # trap: 10000 * float16 overflows above 6.55
    if mode == "log10_10000x_plus_1":
        return np.log10(np.float32(10000.0) * mel + np.float32(1.0))
    if mode == "db":
        # The outer maximum keeps the -100 dB floor exact: NumPy >= 2.4's float32 log10
        # gives log10(1e-10) = -10.000001.
        return np.maximum(np.float32(10.0) * np.log10(np.maximum(mel, np.float32(1e-10))), np.float32(-100.0))
    raise ValueError(f"unknown log mode {mode!r}")


def _silence_value(spec: FeatureSpec) -> float:
    """The log-mel value of an all-zero input (used to pad short patches)."""
    return float(_log(np.zeros(1, np.float32), spec.log)[0])


_CHUNK_FRAMES = 2048  # bounds memory for long inputs (2048 x 512 float32 = 4 MB)


def logmel(y: np.ndarray, spec: FeatureSpec) -> np.ndarray:
    """Log-mel spectrogram, float32 [frames, n_mels]; ``y`` is mono audio at ``spec.sample_rate``."""
    return _log(mel_power(y, spec), spec.log)


def mel_power(y: np.ndarray, spec: FeatureSpec) -> np.ndarray:
    """The mel spectrogram before the log, float32 [frames, n_mels]
    (``librosa.feature.melspectrogram(...).T`` with the spec's parameters)."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"logmel expects mono 1-D audio, got shape {y.shape}")
    y = y.astype(np.float32, copy=False)
    if not np.all(np.isfinite(y)):
        raise ValueError("audio contains NaN or infinite samples")
    n_fft, hop = spec.n_fft, spec.hop_length
    if spec.center:
        pad = n_fft // 2
        if spec.pad_mode == "reflect" and y.shape[0] < 2:
            y = np.pad(y, pad, mode="constant")
        else:
            y = np.pad(y, pad, mode=spec.pad_mode)  # type: ignore[call-overload]  # checked in FeatureSpec
    if y.shape[0] < n_fft:
        y = np.pad(y, (0, n_fft - y.shape[0]))  # (librosa would refuse; one frame of zeros)
    n_frames = 1 + (y.shape[0] - n_fft) // hop
    frames = np.lib.stride_tricks.sliding_window_view(y, n_fft)[::hop][:n_frames]
    win = _window(spec.window, spec.win_length, n_fft)
    fb = mel_filterbank(spec)
    out = np.empty((n_frames, spec.n_mels), np.float32)
    for a in range(0, n_frames, _CHUNK_FRAMES):
        b = min(n_frames, a + _CHUNK_FRAMES)
        # float64 FFT and sums: float32 ones put a relative error of ~1e-4 on bins
        # 70 dB below the frame's peak; librosa's result is within ~4e-7 of float64.
        spec_c = np.fft.rfft(frames[a:b] * win, n=n_fft, axis=-1)
        if spec.power == 2.0:
            p = spec_c.real**2 + spec_c.imag**2
        else:
            p = np.abs(spec_c) ** spec.power
        out[a:b] = p @ fb
    return out


def patch_seconds(spec: FeatureSpec) -> float:
    """Seconds of audio one model patch covers (patch_frames * hop / rate)."""
    return spec.patch_frames * spec.hop_length / spec.sample_rate


def patch_hop_frames(spec: FeatureSpec, seconds: float) -> int:
    """Frames between patch starts for a hop of about ``seconds`` (at least 1)."""
    return max(1, int(round(seconds * spec.sample_rate / spec.hop_length)))


def patches(mel: np.ndarray, spec: FeatureSpec, starts: Iterable[int]) -> np.ndarray:
    """Cut ``mel`` [frames, n_mels] into float32 [n, patch_frames, n_mels] at frame ``starts``.

    A patch that runs past the end is filled with the log value of silence (0 for
    ``log10_10000x_plus_1``, -100 dB for ``db``), i.e. as if the audio had ended in silence.
    """
    mel = np.asarray(mel, dtype=np.float32)
    if mel.ndim != 2 or mel.shape[1] != spec.n_mels:
        raise ValueError(f"expected a log-mel [frames, {spec.n_mels}], got shape {mel.shape}")
    starts = [int(s) for s in starts]
    pf = spec.patch_frames
    out = np.full((len(starts), pf, spec.n_mels), _silence_value(spec), np.float32)
    for i, s in enumerate(starts):
        if s < 0 or s >= max(1, mel.shape[0]):
            raise ValueError(f"patch start {s} outside the spectrogram (0..{mel.shape[0] - 1})")
        seg = mel[s : s + pf]
        out[i, : seg.shape[0]] = seg
    return out
