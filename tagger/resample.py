"""The resamplers a feature spec can name (``FeatureSpec.resampler``).

A model only sees the spectra it was trained on if the audio is brought to its sample
rate the same way. The names here are part of the model-file format (they are stored in
each model's ``feature_spec``), so a name never changes meaning:

``"kaiser_best_resampy022"``
    What librosa 0.7 did on ``librosa.load(path, sr=...)``: resampy 0.2.2's
    ``kaiser_best`` filter (a 64-zero-crossing windowed sinc, Kaiser window with
    beta 14.769656459379492, roll-off 0.9475937167399596 of the lower Nyquist
    frequency), output length ``ceil(n * ratio)`` with the last sample zero when
    resampy's ``floor`` length is shorter (``librosa.util.fix_length``). This is what the
    musicnn models were trained with. resampy evaluates a linearly interpolated table
    of that filter (512 entries per zero crossing) at arbitrary time offsets; here the
    same continuous filter is sampled exactly at the polyphase positions and applied
    as ``scipy.signal.resample_poly`` would (numpy only, see ``_polyphase``). The two differ only by resampy's table
    interpolation error; see ``tests/test_features.py`` for the measured match.
``"polyphase"``
    the filter ``scipy.signal.resample_poly`` uses by default (Kaiser window, beta 5,
    10 zero crossings per side at the lower rate), applied the same way.
``"soxr_hq"``
    libsoxr "HQ" (librosa >= 0.10's default), available when the ``soxr`` module is.

Everything is numpy (no librosa, no numba, no scipy) so the app starts quickly and
the frozen bundle stays small.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np
from numpy.lib.stride_tricks import as_strided

try:  # optional: only the "soxr_hq" resampler needs it
    import soxr
except ImportError:  # pragma: no cover - depends on the environment
    soxr = None

__all__ = ["METHODS", "available_methods", "is_known", "resample", "ResampleError"]

# resampy 0.2.2, resampy/data/kaiser_best.npz (verified: the stored half window equals
# rolloff * sinc(rolloff * u) * kaiser(u / 64) to 2e-16 for u in [0, 64]).
RESAMPY022_KAISER_BEST = {
    "num_zeros": 64,
    "beta": 14.769656459379492,
    "rolloff": 0.9475937167399596,
}

METHODS = ("kaiser_best_resampy022", "polyphase", "soxr_hq")


class ResampleError(ValueError):
    """Unknown or unavailable method, or unusable rates."""


def is_known(method: str) -> bool:
    """True if ``method`` is a name this module defines (whether or not it is usable here)."""
    return method in METHODS


def available_methods() -> list[str]:
    out = ["kaiser_best_resampy022", "polyphase"]
    if soxr is not None:
        out.append("soxr_hq")
    return out


def rational_ratio(orig_sr: float, target_sr: float) -> tuple[int, int]:
    """(up, down): target/orig as a reduced fraction."""
    return _ratio(orig_sr, target_sr)


def _ratio(orig_sr: float, target_sr: float) -> tuple[int, int]:
    if not (orig_sr > 0 and target_sr > 0):
        raise ResampleError(f"sample rates must be positive, got {orig_sr} -> {target_sr}")
    fr = Fraction(orig_sr).limit_denominator(1000) if not float(orig_sr).is_integer() else Fraction(int(orig_sr))
    ft = Fraction(target_sr).limit_denominator(1000) if not float(target_sr).is_integer() else Fraction(int(target_sr))
    r = ft / fr
    return r.numerator, r.denominator  # up, down


@functools.lru_cache(maxsize=1)
def _resampy022_half_window() -> np.ndarray:
    """resampy 0.2.2's kaiser_best table: the right half of the windowed sinc, 512 entries
    per zero crossing (identical to its ``data/kaiser_best.npz`` to 2e-16)."""
    p = RESAMPY022_KAISER_BEST
    nz, beta, rolloff = p["num_zeros"], p["beta"], p["rolloff"]
    u = np.linspace(0.0, nz, int(nz * _TABLE) + 1)
    taper = np.i0(beta * np.sqrt(np.clip(1.0 - (u / nz) ** 2, 0.0, None))) / np.i0(beta)
    return rolloff * np.sinc(rolloff * u) * taper


_TABLE = 512  # resampy's 2**precision, precision 9


@functools.lru_cache(maxsize=16)
def _kaiser_best_filter(up: int, down: int) -> np.ndarray:
    """resampy 0.2.2 ``kaiser_best`` as polyphase FIR taps at ``up`` x the input rate.

    resampy (``interpn.resample_f``) weights input sample ``n - i`` (left wing, output
    time ``n + f``) with table[ scale*f*512 + i*index_step ] and sample ``n + 1 + k``
    (right wing) with table[ scale*(1 - f)*512 + k*index_step ], linearly interpolated,
    where scale = min(1, ratio) and index_step = int(scale * 512) is *truncated* (185
    instead of 185.76 for 44.1 -> 16 kHz: a 0.4 % lower cut-off than the nominal one).
    With output time t*down/up, f is one of r/up, so every weight is a tap of one FIR at
    ``up`` x the input rate, reproduced here tap by tap; ``resample_poly`` then does the
    same sums. The table is scaled by the ratio when downsampling, as resampy does, and
    divided by ``up`` because ``resample_poly`` multiplies the taps by ``up``.
    """
    win = _resampy022_half_window()
    nwin = win.shape[0]
    delta = np.zeros_like(win)
    delta[:-1] = np.diff(win)
    ratio = up / down
    scale = min(1.0, ratio)
    step = int(scale * _TABLE)
    q_max = nwin // step + 2
    half_len = (q_max + 1) * up
    kk = np.arange(-half_len, half_len + 1)
    m = np.abs(kk)
    q, r = np.divmod(m, up)
    right = (kk < 0) & (r == 0)  # right wing at a whole input sample: frac = scale
    q = np.where(right, q - 1, q)
    r = np.where(right, up, r)
    index_frac = scale * (r / up) * _TABLE
    offset = index_frac.astype(np.int64)
    eta = index_frac - offset
    idx = offset + q * step
    ok = (idx < nwin) & (q >= 0)
    idx_c = np.where(ok, idx, 0)
    h = np.where(ok, win[idx_c] + eta * delta[idx_c], 0.0)
    if ratio < 1:
        h = h * ratio
    h = h / up
    h.setflags(write=False)
    return h


def resample(y: np.ndarray, orig_sr: float, target_sr: float, method: str = "kaiser_best_resampy022") -> np.ndarray:
    """Resample mono audio ``y`` (1-D) from ``orig_sr`` to ``target_sr``; returns float32."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ResampleError(f"expected mono 1-D audio, got shape {y.shape}")
    if not is_known(method):
        raise ResampleError(f"unknown resampler {method!r}; known: {', '.join(METHODS)}")
    up, down = _ratio(orig_sr, target_sr)
    if up == down:
        return y.astype(np.float32, copy=True)
    if y.size == 0:
        return np.zeros(0, np.float32)

    if method == "kaiser_best_resampy022":
        n_floor = int(y.shape[0] * (up / down))  # resampy's length
        n_ceil = int(math.ceil(y.shape[0] * up / down))  # librosa 0.7's fix_length target
        x64 = y.astype(np.float64, copy=False)
        out = _polyphase(x64, up, down, "kaiser_best_resampy022")[:n_floor]
        _fix_whole_sample_outputs(x64, out, up, down)
        res = np.zeros(n_ceil, np.float32)
        res[:n_floor] = out
        return res

    if method == "polyphase":
        return _polyphase(y.astype(np.float64, copy=False), up, down, "polyphase").astype(np.float32)

    # soxr_hq
    if soxr is None:  # pragma: no cover - depends on the environment
        raise ResampleError("resampler 'soxr_hq' needs the 'soxr' module, which is not installed")
    return np.asarray(
        soxr.resample(y.astype(np.float32, copy=False), float(orig_sr), float(target_sr), quality="HQ"),
        dtype=np.float32,
    )


def _default_polyphase_filter(up: int, down: int) -> np.ndarray:
    """scipy.signal.resample_poly's default filter: firwin(2*half+1, 1/max, ('kaiser', 5)),
    unit gain at DC (_polyphase_plan multiplies the taps by `up`, as resample_poly does)."""
    rate = max(up, down)
    half = 10 * rate
    n = np.arange(-half, half + 1)
    h = np.sinc(n / rate) * np.kaiser(2 * half + 1, 5.0)
    return h / h.sum()


@functools.lru_cache(maxsize=16)
def _polyphase_plan(up: int, down: int, method: str) -> tuple[np.ndarray, int]:
    """The kaiser_best filter rearranged as a (up, L) matrix: row p holds the taps that
    output phase p applies to L consecutive input samples. Same sums as
    ``scipy.signal.resample_poly(x, up, down, window=h)`` (identical to 1e-14), but done
    as one matrix product per block of outputs: about 4x faster here, which matters
    because resampling is a third of the per-track cost of analysis."""
    design = _kaiser_best_filter if method == "kaiser_best_resampy022" else _default_polyphase_filter
    h = design(up, down) * up  # resample_poly scales the taps by `up`
    half_len = (len(h) - 1) // 2
    pre_pad = down - half_len % down  # resample_poly's alignment of the filter centre
    first = (half_len + pre_pad) // down
    centre = (np.arange(up) + first) * down - pre_pad
    lo = -((len(h) - 1 - centre) // up)  # first input sample each phase touches
    hi = centre // up
    m_min = int(lo.min())
    taps = np.zeros((up, int(hi.max()) - m_min + 1))
    for p in range(up):
        m = np.arange(lo[p], hi[p] + 1)
        taps[p, m - m_min] = h[centre[p] - up * m]
    taps = np.ascontiguousarray(taps.T)
    taps.setflags(write=False)
    return taps, m_min


def _polyphase(x: np.ndarray, up: int, down: int, method: str, block: int = 2048) -> np.ndarray:
    taps, m_min = _polyphase_plan(up, down, method)
    width = taps.shape[0]
    n_out = -(-x.shape[0] * up // down)
    rows = -(-n_out // up)
    left = max(0, -m_min)
    right = max(0, down * (rows - 1) + m_min + width - x.shape[0] + down)
    xp = np.concatenate([np.zeros(left), x, np.zeros(right)])
    start = m_min + left
    if up * down <= 64:
        # Few phases (48 -> 16 kHz is 1/3): one correlation per (input residue, output
        # phase) beats the matrix product, whose strided view numpy must copy (3.5x here).
        out2 = np.zeros((rows, up))
        for r in range(down):
            part = taps[r::down]  # taps that meet input samples start + r + down*i
            xr = xp[start + r :: down][: rows + part.shape[0] - 1]
            for ph in range(up):
                out2[:, ph] += np.correlate(xr, part[:, ph], "valid")[:rows]
        return out2.reshape(-1)[:n_out]
    out = np.empty(rows * up)
    for r0 in range(0, rows, block):  # bounded memory for long inputs
        n = min(block, rows - r0)
        view = as_strided(xp[start + r0 * down :], shape=(n, width), strides=(down * 8, 8))
        out[r0 * up : (r0 + n) * up] = (view @ taps).reshape(-1)
    return out[:n_out]


def _fix_whole_sample_outputs(x: np.ndarray, out: np.ndarray, up: int, down: int) -> None:
    """Redo the outputs that fall exactly on an input sample the way resampy does.

    resampy advances its clock by repeated float addition of 1/ratio, so an output that
    should land exactly on input sample n often lands at n - 1e-12; it then takes n - 1
    as the base sample and f ~ 1, which (with the truncated index_step) is the mirror
    image of the f = 0 kernel. Those outputs (every ``up``-th one, about half of them)
    are recomputed here with resampy's own weights; the polyphase sums cover the rest.
    """
    n_out = out.shape[0]
    ratio = float(up) / float(down)  # resampy: float(sr_new) / sr_orig
    t = np.arange(0, n_out, up)  # outputs with (t * down) % up == 0
    if t.size == 0:
        return
    incr = np.full(n_out - 1, 1.0 / ratio)
    clock = np.concatenate(([0.0], np.add.accumulate(incr)))[t]  # sequential, like resampy
    exact = (t // up) * down
    bad = clock < exact
    if not bad.any():
        return
    win = _resampy022_half_window()
    nwin = win.shape[0]
    delta = np.zeros_like(win)
    delta[:-1] = np.diff(win)
    scale = min(1.0, ratio)
    step = int(scale * _TABLE)
    wmul = ratio if ratio < 1 else 1.0
    n_x = x.shape[0]
    taps = np.arange(nwin // step + 1)
    for ti, tr in zip(t[bad], clock[bad]):
        n = int(tr)
        acc = 0.0
        for frac, sign in ((scale * (tr - n), -1), (scale - scale * (tr - n), +1)):
            index_frac = frac * _TABLE
            offset = int(index_frac)
            eta = index_frac - offset
            k_lim = (nwin - offset) // step
            if sign < 0:
                k_lim = min(n + 1, k_lim)
                pos = n - taps[:k_lim]
            else:
                k_lim = min(n_x - n - 1, k_lim)
                pos = n + 1 + taps[:k_lim]
            idx = offset + taps[:k_lim] * step
            acc += float(np.dot((win[idx] + eta * delta[idx]) * wmul, x[pos]))
        out[ti] = acc
