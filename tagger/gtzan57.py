"""The 57 features of the GTZAN feature table, in numpy (the `gtzan-57` feature spec).

The table (`features_30_sec.csv`, published with the Kaggle re-release of GTZAN) has one
row per 30-second clip: mean and variance of librosa's default chroma_stft, rms,
spectral_centroid, spectral_bandwidth, spectral_rolloff and zero_crossing_rate, of the
harmonic and percussive waveforms of ``librosa.effects.hpss``, the tempo of
``librosa.beat.beat_track``, and mean and variance of 20 MFCCs. It was made in 2020
(librosa 0.7/0.8, whose STFTs pad with ``reflect``); every default is reproduced here
with numpy only, as the app must not import librosa (2.5-21 s of numba start-up).
``tests/test_gtzan57.py`` checks each column against librosa 0.11 called with the old
padding, on real music, and states the tolerance.

Means and variances are over the whole matrix of a feature (all chroma bins and frames
together, as ``np.mean(chroma)`` did in the table's code); variances are population
variances (``np.var``).
"""

from __future__ import annotations

import functools

import numpy as np

from tagger.features import FeatureSpec, mel_power

COLUMNS = (
    "chroma_stft_mean",
    "chroma_stft_var",
    "rms_mean",
    "rms_var",
    "spectral_centroid_mean",
    "spectral_centroid_var",
    "spectral_bandwidth_mean",
    "spectral_bandwidth_var",
    "rolloff_mean",
    "rolloff_var",
    "zero_crossing_rate_mean",
    "zero_crossing_rate_var",
    "harmony_mean",
    "harmony_var",
    "perceptr_mean",
    "perceptr_var",
    "tempo",
    *(f"mfcc{i}_{stat}" for i in range(1, 21) for stat in ("mean", "var")),
)
N_FEATURES = len(COLUMNS)  # 57

_TINY32 = float(np.finfo(np.float32).tiny)  # librosa's util.tiny of its float32 arrays
_MEDIAN_KERNEL = 31  # librosa.decompose.hpss default
_CHUNK = 64  # rows per median-filter block: bounds memory (64 x 1300 x 31 float32 = 10 MB)


def gtzan57(y: np.ndarray, spec: FeatureSpec) -> np.ndarray:
    """The 57 table columns (float64, order of COLUMNS) of mono audio ``y`` at ``spec.sample_rate``."""
    y = np.asarray(y, np.float32)
    if y.ndim != 1:
        raise ValueError(f"expected mono 1-D audio, got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("audio contains NaN or infinite samples")
    n_fft, hop, sr = spec.n_fft, spec.hop_length, spec.sample_rate
    if y.shape[0] < n_fft:  # (a window shorter than one frame: pad with silence)
        y = np.pad(y, (0, n_fft - y.shape[0]))
    frames = _frames(np.pad(y, n_fft // 2, mode=spec.pad_mode), n_fft, hop)  # type: ignore[call-overload]
    stft = np.fft.rfft(frames * _hann(n_fft), axis=-1)  # [T, F] complex128
    mag = np.abs(stft)
    power = mag**2
    freqs = np.fft.rfftfreq(n_fft, d=1.0 / sr)

    out: list[float] = []
    chroma = _chroma(power, sr, n_fft)
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    centroid, bandwidth = _centroid_bandwidth(mag, freqs)
    rolloff = _rolloff(mag, freqs)
    zcr = _zero_crossing_rate(y, n_fft, hop)
    harmonic, percussive = _hpss(stft, n_fft, hop, y.shape[0])
    for values in (chroma, rms, centroid, bandwidth, rolloff, zcr, harmonic, percussive):
        out += [float(np.mean(values)), float(np.var(values))]
    mel_db = power_to_db(mel_power(y, spec).astype(np.float64))  # [T, n_mels]
    out.append(beat_tempo(mel_db, sr, hop, n_fft))
    mfcc = mel_db @ _dct_ortho(mel_db.shape[1], 20)  # [T, 20]
    for i in range(20):
        out += [float(mfcc[:, i].mean()), float(mfcc[:, i].var())]
    return np.asarray(out, np.float64)


def _frames(x: np.ndarray, length: int, hop: int) -> np.ndarray:
    n = 1 + (x.shape[0] - length) // hop
    return np.lib.stride_tricks.sliding_window_view(x, length)[::hop][:n]


@functools.lru_cache(maxsize=4)
def _hann(n: int) -> np.ndarray:
    return 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n) / n)  # periodic, as scipy's get_window


def _normalize_rows(x: np.ndarray, norm: str) -> np.ndarray:
    """librosa.util.normalize along the last axis (rows below `tiny` left as they are)."""
    length = np.max(np.abs(x), axis=-1, keepdims=True) if norm == "max" else np.sum(np.abs(x), axis=-1, keepdims=True)
    return x / np.where(length < _TINY32, 1.0, length)


# ------------------------------------------------------------------ chroma_stft
def _chroma(power: np.ndarray, sr: int, n_fft: int) -> np.ndarray:
    """librosa.feature.chroma_stft with its tuning estimate: [T, 12], max-normalised per frame."""
    tuning = _estimate_tuning(power, sr, n_fft)
    return _normalize_rows(power @ _chroma_filters(sr, n_fft, tuning).T, "max")


def _estimate_tuning(s: np.ndarray, sr: int, n_fft: int) -> float:
    """librosa.estimate_tuning(S=power): piptrack peaks 150-4000 Hz, the stronger half,
    their deviation from the equal-tempered grid in 0.01-semitone bins, the fullest bin."""
    fft_freqs = np.fft.rfftfreq(n_fft, d=1.0 / sr)
    avg = np.gradient(s, axis=1)
    a = s[:, 2:] + s[:, :-2] - 2 * s[:, 1:-1]
    b = (s[:, 2:] - s[:, :-2]) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.where(np.abs(b) >= np.abs(a), 0.0, -b / a)
    shift = np.zeros_like(s)
    shift[:, 1:-1] = inner
    ref = 0.1 * s.max(axis=1, keepdims=True)
    x = s * (s > ref)
    peak = np.zeros_like(s, dtype=bool)
    peak[:, 1:-1] = (x[:, 1:-1] > x[:, :-2]) & (x[:, 1:-1] >= x[:, 2:])
    peak[:, -1] = x[:, -1] > x[:, -2]
    peak &= ((fft_freqs >= 150.0) & (fft_freqs < min(4000.0, sr / 2)))[None, :]
    t, f = np.nonzero(peak)
    pitch = (f + shift[t, f]) * float(sr) / n_fft
    mag = s[t, f] + 0.5 * avg[t, f] * shift[t, f]
    positive = pitch > 0
    threshold = np.median(mag[positive]) if positive.any() else 0.0
    freqs = pitch[(mag >= threshold) & positive]
    if not freqs.size:
        return 0.0
    residual = np.mod(12 * np.log2(freqs / (440.0 / 16)), 1.0)
    residual[residual >= 0.5] -= 1.0
    counts, edges = np.histogram(residual, np.linspace(-0.5, 0.5, 101))
    return float(edges[np.argmax(counts)])


@functools.lru_cache(maxsize=16)
def _chroma_filters(sr: int, n_fft: int, tuning: float, n_chroma: int = 12) -> np.ndarray:
    """librosa.filters.chroma (float32 values, as librosa stores them): [12, 1 + n_fft/2]."""
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    a440 = 440.0 * 2.0 ** (tuning / n_chroma)
    frqbins = n_chroma * np.log2(frequencies / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    d = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    half = np.round(float(n_chroma) / 2)
    d = np.remainder(d + half + 10 * n_chroma, n_chroma) - half
    wts = np.exp(-0.5 * (2 * d / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    norms = np.sqrt(np.sum(wts**2, axis=0, keepdims=True))
    wts = wts / np.where(norms < np.finfo(np.float64).tiny, 1.0, norms)
    wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - 5.0) / 2.0) ** 2)), (n_chroma, 1))
    wts = np.roll(wts, -3 * (n_chroma // 12), axis=0)
    return np.ascontiguousarray(wts[:, : int(1 + n_fft / 2)], dtype=np.float32).astype(np.float64)


# ------------------------------------------------------------------ spectral shape
def _centroid_bandwidth(mag: np.ndarray, freqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    weights = _normalize_rows(mag, "sum")
    centroid = weights @ freqs
    deviation = np.abs(freqs[None, :] - centroid[:, None])
    return centroid, np.sqrt(np.sum(weights * deviation**2, axis=1))


def _rolloff(mag: np.ndarray, freqs: np.ndarray, roll_percent: float = 0.85) -> np.ndarray:
    total = np.cumsum(mag, axis=1)
    reached = total >= roll_percent * total[:, -1:]
    return freqs[np.argmax(reached, axis=1)]  # the first bin holding 85 % of the energy


def _zero_crossing_rate(y: np.ndarray, length: int, hop: int) -> np.ndarray:
    x = np.pad(y, length // 2, mode="edge")
    x = np.where(np.abs(x) <= 1e-10, np.float32(0.0), x)
    sign = np.signbit(x)
    crossing = np.concatenate(([False], sign[1:] != sign[:-1]))
    frames = _frames(crossing, length, hop).copy()
    frames[:, 0] = False  # librosa counts within a frame only
    return frames.mean(axis=1)


# ------------------------------------------------------------------ harmonic / percussive
def _median_filter_rows(x: np.ndarray, size: int) -> np.ndarray:
    """scipy.ndimage.median_filter along the last axis with mode='reflect' (numpy's 'symmetric')."""
    half = size // 2
    out = np.empty_like(x)
    for a in range(0, x.shape[0], _CHUNK):
        block = np.pad(x[a : a + _CHUNK], ((0, 0), (half, half)), mode="symmetric")
        windows = np.lib.stride_tricks.sliding_window_view(block, size, axis=1)
        # the middle order statistic: np.median's value for an odd window of finite
        # numbers, ten times faster (np.median also partitions for a NaN check)
        out[a : a + _CHUNK] = np.partition(windows, half, axis=-1)[..., half]
    return out


def _softmask(x: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """librosa.util.softmask(x, ref, power=2, split_zeros=True)."""
    z = np.maximum(x, ref)
    bad = z < _TINY32
    z = np.where(bad, 1.0, z)
    m, r = (x / z) ** 2, (ref / z) ** 2
    with np.errstate(invalid="ignore"):
        return np.where(bad, 0.5, m / (m + r))


def _hpss(stft: np.ndarray, n_fft: int, hop: int, length: int) -> tuple[np.ndarray, np.ndarray]:
    """librosa.effects.hpss: median filters (31 frames across time for the harmonic part,
    31 bins across frequency for the percussive part), soft masks, inverse STFTs."""
    mag = np.abs(stft).astype(np.float32)  # [T, F]
    harm = _median_filter_rows(np.ascontiguousarray(mag.T), _MEDIAN_KERNEL).T.astype(np.float64)
    perc = _median_filter_rows(mag, _MEDIAN_KERNEL).astype(np.float64)
    return (
        _istft(stft * _softmask(harm, perc), n_fft, hop, length),
        _istft(stft * _softmask(perc, harm), n_fft, hop, length),
    )


def _istft(stft: np.ndarray, n_fft: int, hop: int, length: int) -> np.ndarray:
    """librosa.istft (centred, Hann): windowed overlap-add over the window's sum of squares."""
    window = _hann(n_fft)
    frames = np.fft.irfft(stft, n=n_fft, axis=-1) * window
    n = n_fft + hop * (frames.shape[0] - 1)
    y = np.zeros(n)
    norm = np.zeros(n)
    for i, frame in enumerate(frames):
        y[i * hop : i * hop + n_fft] += frame
        norm[i * hop : i * hop + n_fft] += window**2
    y, norm = y[n_fft // 2 :], norm[n_fft // 2 :]
    ok = norm > _TINY32
    y[ok] /= norm[ok]
    return np.pad(y, (0, max(0, length - y.shape[0])))[:length]


# ------------------------------------------------------------------ tempo and MFCC
def power_to_db(s: np.ndarray) -> np.ndarray:
    """librosa.power_to_db(S): ref 1.0, amin 1e-10, 80 dB below the clip's maximum."""
    db = 10.0 * np.log10(np.maximum(1e-10, s))
    return np.maximum(db, db.max() - 80.0)


def beat_tempo(mel_db: np.ndarray, sr: int, hop: int, n_fft: int) -> float:
    """librosa.beat.beat_track's tempo: median onset strength over mel bands, 8-second
    autocorrelation tempogram averaged over the clip, weighted by a log-normal prior
    around 120 BPM (1 octave deviation), tempi of 320 BPM and above excluded."""
    n = mel_db.shape[0]
    onset = np.median(np.maximum(0.0, mel_db[1:] - mel_db[:-1]), axis=1)
    onset = np.pad(onset, (1 + n_fft // (2 * hop), 0))[:n]
    if not onset.any():
        return 0.0  # librosa: no onsets, no tempo
    win = int(np.floor(8.0 * sr / hop))
    padded = np.pad(onset, win // 2, mode="linear_ramp", end_values=(0, 0))
    frames = _frames(padded, win, 1)[:n] * _hann(win)
    n_pad = 1 << int(np.ceil(np.log2(2 * win - 1)))
    spectrum = np.fft.rfft(frames, n=n_pad, axis=1)
    autocorr = np.fft.irfft(spectrum.real**2 + spectrum.imag**2, n=n_pad, axis=1)[:, :win]
    tempogram = _normalize_rows(autocorr, "max").mean(axis=0)
    with np.errstate(divide="ignore"):
        bpms = 60.0 * sr / (hop * np.arange(win, dtype=np.float64))
    logprior = -0.5 * ((np.log2(bpms) - np.log2(120.0)) / 1.0) ** 2
    logprior[: int(np.argmax(bpms < 320.0))] = -np.inf
    return float(bpms[int(np.argmax(np.log1p(1e6 * tempogram) + logprior))])


@functools.lru_cache(maxsize=4)
def _dct_ortho(n: int, k: int) -> np.ndarray:
    """[n, k]: the first k coefficients of the orthonormal DCT-II (scipy.fft.dct(norm='ortho'))."""
    i = np.arange(n)[:, None]
    j = np.arange(k)[None, :]
    basis = np.cos(np.pi * (2 * i + 1) * j / (2 * n)) * np.sqrt(2.0 / n)
    basis[:, 0] /= np.sqrt(2.0)
    return basis
