"""The per-track analysis: decode a few windows spread over a track, compute log-mel
patches, run the model and pool its scores. This is what runs in a worker (an executor,
`tagger.executors`); the analysis job (`tagger.app.analysis`) plans the work and alone
writes to the database.

Plain functions, so the CLI, the GUI, the trainer and the benchmark all run exactly the
same code.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from tagger.personal import pool_embeddings, to_blob

DEFAULT_PATCHES = 6  # most patches per track (4 first, the rest for close calls); docs/benchmarks.md
EDGE_SKIP = 0.05  # skip the first and last 5 % of a track (intros, fade-outs, silence)
MARGIN_S = 0.1  # real audio decoded around a patch: covers the resampler filter (4 ms) and half an STFT frame (16 ms)


# ---------------------------------------------------------------- per-track work
def plan_patch_starts(duration: float, patch_s: float, n: int) -> list[float]:
    """Start times of `n` patches spread evenly over the body of the track."""
    if duration <= patch_s:
        return [0.0]
    n = max(1, min(n, int(duration // patch_s)))
    lo = duration * EDGE_SKIP
    hi = duration * (1 - EDGE_SKIP) - patch_s
    if hi <= lo:
        lo, hi = 0.0, duration - patch_s
    if n == 1:
        return [round((lo + hi) / 2, 3)]
    return [round(float(x), 3) for x in np.linspace(lo, hi, n)]


# Decoded audio below this share of what the windows should hold (by the header's
# duration) is no real audio stream: an executable "decodes" to 0.05 s of its claimed
# 0.84 s. A VBR MP3 whose length mutagen overestimates still decodes to half or more.
PLAUSIBLE_SHARE = 0.2


def _check_plausible(audios, sr: int, windows, duration: float) -> None:
    """NotAudioError when the windows decode to far less sound than `duration` says."""
    from tagger.decode import NotAudioError

    expected = sum(max(0.0, min(start + length, duration) - start) for start, length in windows)
    decoded = sum(len(a) for a in audios) / sr
    if expected > 0 and decoded < PLAUSIBLE_SHARE * expected:
        raise NotAudioError(
            f"no real audio stream: the file decodes to {decoded:.2f} s of sound where its header "
            f"claims {duration:.2f} s (cut short, or not an audio file)"
        )


def track_patches(path, spec, starts: list[float], duration: float | None = None) -> np.ndarray:
    """Decode the windows around `starts` and return the model inputs [n, *input_shape(spec)]:
    log-mel patches [n, frames, mels], or one feature vector per window for a spec of
    another kind (`tagger.window_features`).

    Each window is cut so that it begins on the whole track's STFT frame grid and on a
    whole output sample of the resampler; with the margins, every patch equals the same
    frames of a whole-track computation (tests/test_analyze.py). With the track's
    `duration` (its header's), a file that decodes to far less sound is refused
    (NotAudioError), not analysed as silence."""
    from math import gcd

    from tagger.decode import read_windows
    from tagger.features import logmel
    from tagger.resample import rational_ratio, resample

    if spec.kind != "logmel":
        return _window_inputs(path, spec, starts)
    hop, sr_t = spec.hop_length, spec.sample_rate
    patch_s = spec.patch_frames * hop / sr_t
    slack = 2 * MARGIN_S  # decoded before the aligned start, so the cut can move back
    windows = [(max(0.0, s - slack - MARGIN_S), patch_s + 2 * slack + MARGIN_S + min(MARGIN_S, s)) for s in starts]
    audios, sr = read_windows(path, windows)
    if duration:
        _check_plausible(audios, sr, windows, duration)
    up, down = rational_ratio(sr, sr_t)
    step = up // gcd(hop, up)  # frames between grid points that are whole native samples
    if step * hop / sr_t > slack:  # odd rate: align to the frame grid only approximately
        step = 0
    margin_frames = int(np.ceil(MARGIN_S * sr_t / hop))
    patches = []
    for start, (w_start, _), audio in zip(starts, windows, audios):
        frame = int(round(start * sr_t / hop))  # the patch's first frame on the track's grid
        first = max(0, frame - margin_frames)
        if step:
            first -= first % step
        cut = int(round(first * hop * down / up)) - int(round(w_start * sr))  # native samples
        audio = audio[max(0, cut) :]
        if sr != sr_t:
            audio = resample(audio, sr, sr_t, spec.resampler)
        offset = (frame - first) * hop
        need = offset + spec.patch_frames * hop + spec.n_fft
        if audio.shape[0] < need:  # end of file: pad with silence
            audio = np.pad(audio, (0, need - audio.shape[0]))
        mel = logmel(audio.astype(np.float32, copy=False), spec)
        patches.append(mel[frame - first : frame - first + spec.patch_frames])
    return np.stack(patches).astype(np.float32)


def _window_inputs(path, spec, starts: list[float]) -> np.ndarray:
    """One feature vector per window [start, start + patch seconds) (cut at the end of the file)."""
    from tagger.decode import read_windows
    from tagger.resample import resample
    from tagger.window_features import window_features

    seconds = spec.patch_frames * spec.hop_length / spec.sample_rate
    audios, sr = read_windows(path, [(s, seconds) for s in starts])
    out = []
    for audio in audios:
        if sr != spec.sample_rate:
            audio = resample(audio, sr, spec.sample_rate, spec.resampler)
        out.append(window_features(np.asarray(audio, np.float32), spec))
    return np.stack(out).astype(np.float32)


_WORKER_MODEL = None
FIRST_PASS = 4  # patches always analysed
CLOSE_CALL = 0.05  # top-two genre margin below which the remaining patches are analysed too
# patches a track's pooled embedding is the mean of, at least (`embedding_patches`): a one-
# tagger model's first pass, which the personal model was validated with; 3 would cost half
# as much more CPU with a noisier embedding (resources/models/msd-mtt-musicnn.md)
EMBEDDING_PATCHES = 4


def genre_margin(model, patch_scores: np.ndarray) -> float:
    """Score gap between the two best genres of the pooled track scores: the genre
    labels, the taggers of a fused model combined by the app's rule (a worker has no
    vocabulary: labels group by their own tag name)."""
    from tagger.vocabulary import GenreMap, normalise

    pooled = model.track_scores(patch_scores)
    if not model.info.labels_of_kind("genre"):
        top = np.sort(pooled)[::-1]
    else:
        top = np.sort(GenreMap(model.info, lambda tag: [normalise(tag)]).matrix(pooled)[0])[::-1]
    return float(top[0] - top[1]) if len(top) > 1 else 1.0


def pass_plan(n: int, taggers: int = 1) -> tuple[list[int], list[int]]:
    """Which of `n` planned patches to score first, and which more on a close call.

    One tagger: FIRST_PASS spread-out patches, then the others. A model that runs
    several taggers on every patch (a fused model) costs that many times more per patch,
    so it scores that many times fewer, in both passes: at most n / taggers patches (at
    least two when the plan has two), spread over the inner ones (the first and last
    planned, nearest the intro and the ending, are left out: with two or three patches
    they would weigh too much), the first FIRST_PASS / taggers of them at once. For the default model (two taggers, six
    planned patches): patches 2 and 5, then 4 on a close call; about the model time of
    one tagger's plan (docs/benchmarks.md; what it names: resources/models/msd-mtt-musicnn.md)."""

    def spread(items: list[int], k: int) -> list[int]:
        return sorted({items[int(i)] for i in np.round(np.linspace(0, len(items) - 1, k))}) if k > 1 else [items[0]]

    if taggers <= 1:
        if n <= FIRST_PASS:
            return list(range(n)), []
        first = spread(list(range(n)), FIRST_PASS)
        return first, [i for i in range(n) if i not in first]
    most = max(min(n, 2), -(-n // taggers))  # but two when there are two: one 3-s patch is too little
    inner = list(range(1, n - 1)) if n - 2 >= most else list(range(n))
    chosen = spread(inner, min(most, len(inner)))
    first = spread(chosen, min(len(chosen), max(1, FIRST_PASS // taggers)))
    return first, [i for i in chosen if i not in first]


def score_adaptively(
    model, path, starts: list[float], duration: float | None = None, tabular=None, embedding_extra: bool = False
) -> tuple[list[float], np.ndarray, np.ndarray | None]:
    """Score a spread-out subset of the planned patches first (`pass_plan`); analyse more
    only when the top two genres are a close call. On the benchmark songs this agreed
    with the full plan as often as always using all six patches, for about 4.6 patches
    per track instead of 6 (docs/benchmarks.md): the model is three quarters of the cost.
    Returns (patch starts, patch scores, patch embeddings or None). `embedding_extra`:
    the embeddings also hold those of `embedding_patches` (after the scored ones'),
    embedded in the first pass's model call."""
    spec = model.spec
    first, rest = pass_plan(len(starts), len(set(model.info.sources)))
    extra = embedding_patches(len(starts), first) if embedding_extra and len(set(model.info.sources)) > 1 else []
    x = track_patches(path, spec, [starts[i] for i in first + extra], duration)
    scores, embeds = model.score_patches(x, tabular=tabular, scored=len(first))
    extra_embeds = None if embeds is None else embeds[len(first) :]
    embeds = None if embeds is None else embeds[: len(first)]
    used = first
    if rest and genre_margin(model, scores) < CLOSE_CALL:
        x = track_patches(path, spec, [starts[i] for i in rest], duration)
        more, more_embeds = model.score_patches(x, tabular=tabular)
        order = np.argsort(first + rest, kind="stable")
        if embeds is not None and more_embeds is not None:
            embeds = np.concatenate([embeds, more_embeds])[order]
        used, scores = sorted(first + rest), np.concatenate([scores, more])[order]
    if extra and embeds is not None and extra_embeds is not None:
        embeds = np.concatenate([embeds, extra_embeds])
    return [starts[i] for i in used], scores, embeds


def embedding_patches(n: int, scored: list[int]) -> list[int]:
    """Planned patches (indices) to embed beside the `scored` ones, so that a track's pooled
    embedding is the mean of at least EMBEDDING_PATCHES: spread over those not scored.

    Why: a personal model (tagger.personal) reads the pooled embedding, and the mean of
    fewer patches is a noisier estimate of the track. A fused model scores only 2-3
    patches (`pass_plan`); pooled over those, never-taught music drew near taught genres
    (tests/test_personal.py; on random patch subsets of the example pieces the highest
    never-taught score fell from 0.125 with 2 patches to 0.096 with 4 and 0.072 with 6).
    The extra patches run only the embedding's tagger (a gated fused model,
    tagger.modelfile.SCORED_PATCHES_INPUT), in the first pass's call: about one tagger's
    cost each; about half as much CPU per track again in all (docs/benchmarks.md)."""
    want = min(n, EMBEDDING_PATCHES) - len(scored)
    if want <= 0:
        return []
    others = [i for i in range(n) if i not in scored]
    step = len(others) / want
    return sorted({others[int(step * k + step / 2)] for k in range(want)})


def worker_init(model_path: str, device: str, threads: int, precision: str = "auto") -> None:
    global _WORKER_MODEL
    from tagger.model import Model

    _WORKER_MODEL = Model(model_path, device=device, threads=threads, precision=precision)


def analyze_file(path: str, duration: float | None, n_patches: int, model=None) -> dict:
    """Analyse one file with `model` (in a worker: the worker's model). Never raises."""
    model = model or _WORKER_MODEL
    started = time.perf_counter()
    try:
        plan, duration = _plan(model, path, duration, n_patches)
        tabular = model.track_tabular(path)
        starts, scores, embeds = score_adaptively(model, path, plan, duration, tabular, embedding_extra=True)
        return _ok_result(model, path, starts, scores, embeds, time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        return _error_result(path, exc, time.perf_counter() - started)


def _plan(model, path: str, duration: float | None, n_patches: int) -> tuple[list[float], float]:
    from tagger.decode import audio_info

    spec = model.spec
    if not duration:
        duration = audio_info(path).duration
    patch_s = spec.patch_frames * spec.hop_length / spec.sample_rate
    return plan_patch_starts(duration, patch_s, n_patches), duration


def _ok_result(model, path: str, starts, scores: np.ndarray, embeds, seconds: float) -> dict:
    if not np.all(np.isfinite(scores)):
        raise ValueError("the model produced non-finite scores")
    # the pooled embedding (float16 bytes, as stored): what a personal model reads
    embedding = None
    if embeds is not None and np.all(np.isfinite(embeds)):
        embedding = to_blob(pool_embeddings(embeds))
    return {
        "path": path,
        "status": "ok",
        "error": None,
        "patch_starts": starts,
        "patch_scores": np.round(scores, 5).tolist(),
        "scores": np.round(model.track_scores(scores), 5).tolist(),
        "embedding": embedding,
        "seconds": seconds,
    }


def _error_result(path: str, exc: Exception, seconds: float) -> dict:
    from tagger.decode import DecodeError, NotAudioError

    reason = str(exc) if isinstance(exc, DecodeError) else f"analysis failed ({exc.__class__.__name__}: {exc})"
    return {
        "path": path,
        "status": "error",
        "error": reason,
        # no real audio in it: the track is unreadable (never written), not only unanalysed
        "unreadable": isinstance(exc, NotAudioError),
        "seconds": seconds,
    }


@dataclass
class _Pending:
    """One track of a batch between its passes."""

    path: str
    plan: list[float] = field(default_factory=list)
    duration: float = 0.0
    first: list[int] = field(default_factory=list)
    rest: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)  # only embedded (`embedding_patches`)
    x: np.ndarray | None = None  # the patches of the pass being scored
    x_extra: np.ndarray | None = None  # the first pass's embedding-only patches
    scores: np.ndarray | None = None
    embeds: np.ndarray | None = None
    extra_embeds: np.ndarray | None = None
    seconds: float = 0.0  # its own decoding time; the batch's model time is shared out
    result: dict | None = None  # set once finished (an error, or the last pass done)


def analyze_files(items: list[tuple[str, float | None, int]], model=None, batch: int = 64) -> list[dict]:
    """Analyse several files, their patches scored together: one model call (of up to
    `batch` patches) per pass for all of them, where `analyze_file` makes one per track.
    The same plan, passes, embedding patches and results as `analyze_file` per track
    (scores to 1e-5: tests/test_batching.py). What the GPU actors run (a GPU wants many
    patches per call); on the CPU one track's patches are already enough
    (docs/benchmarks.md, "Batching across tracks"). Never raises; a file that fails is
    an error result, the others go on."""
    model = model or _WORKER_MODEL
    if model.info.tabular_input:  # its tabular input is per track: score track by track
        return [analyze_file(*item, model=model) for item in items]
    taggers = len(set(model.info.sources))
    tracks = []
    for path, duration, n in items:
        started = time.perf_counter()
        track = _Pending(path)
        try:
            track.plan, track.duration = _plan(model, path, duration, n)
            track.first, track.rest = pass_plan(len(track.plan), taggers)
            track.extra = embedding_patches(len(track.plan), track.first) if taggers > 1 else []
            x = track_patches(path, model.spec, [track.plan[i] for i in track.first + track.extra], track.duration)
            track.x, track.x_extra = x[: len(track.first)], x[len(track.first) :]
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            track.result = _error_result(path, exc, 0.0)
        track.seconds = time.perf_counter() - started
        tracks.append(track)
    model_started = time.perf_counter()
    _score_together(model, [t for t in tracks if t.result is None], batch)
    model_s = time.perf_counter() - model_started
    close = []
    for t in tracks:
        if t.result is not None:
            continue
        started = time.perf_counter()
        assert t.scores is not None
        try:
            if not t.rest or genre_margin(model, t.scores) >= CLOSE_CALL:
                t.result = _ok_result(
                    model, t.path, [t.plan[i] for i in t.first], t.scores, _with_extra(t, t.embeds), 0.0
                )
                continue
            close.append((t, t.scores, t.embeds))  # the first pass, kept beside the second
            t.x = track_patches(t.path, model.spec, [t.plan[i] for i in t.rest], t.duration)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            t.result = _error_result(t.path, exc, 0.0)
            close = [c for c in close if c[0] is not t]
        t.seconds += time.perf_counter() - started
    if close:
        started = time.perf_counter()
        _score_together(model, [t for t, _, _ in close], batch)
        model_s += time.perf_counter() - started
        for t, first_scores, first_embeds in close:
            order = np.argsort(t.first + t.rest, kind="stable")
            scores = np.concatenate([first_scores, t.scores])[order]
            embeds = None
            if first_embeds is not None and t.embeds is not None:
                embeds = np.concatenate([first_embeds, t.embeds])[order]
            used = [t.plan[i] for i in sorted(t.first + t.rest)]
            try:
                t.result = _ok_result(model, t.path, used, scores, _with_extra(t, embeds), 0.0)
            except Exception as exc:  # noqa: BLE001
                t.result = _error_result(t.path, exc, 0.0)
    share = model_s / max(1, len(tracks))
    out = []
    for t in tracks:
        assert t.result is not None
        t.result["seconds"] = t.seconds + share
        out.append(t.result)
    return out


def _with_extra(t: _Pending, embeds: np.ndarray | None) -> np.ndarray | None:
    """The scored patches' embeddings, then the embedding-only ones (as `score_adaptively`)."""
    if t.extra and embeds is not None and t.extra_embeds is not None:
        return np.concatenate([embeds, t.extra_embeds])
    return embeds


def _score_together(model, tracks: list[_Pending], batch: int) -> None:
    """Score the patches `x` of all `tracks` in calls of up to `batch` patches, and embed
    their `x_extra` (first pass only) in the same calls, after all the scored ones (a
    gated model scores only the leading patches of a call); each track gets its own rows
    back in `scores` / `embeds` / `extra_embeds`."""
    if not tracks:
        return
    scored = [t.x for t in tracks if t.x is not None]
    extra = [t.x_extra for t in tracks if t.x_extra is not None and len(t.x_extra)]
    n_scored = sum(len(x) for x in scored)
    scores, embeds = model.score_patches(np.concatenate(scored + extra), batch=batch, scored=n_scored)
    at, at_extra = 0, n_scored
    for t in tracks:
        n = len(t.x)  # type: ignore[arg-type]
        t.scores = scores[at : at + n]
        t.embeds = None if embeds is None else embeds[at : at + n]
        at += n
        if t.x_extra is not None and len(t.x_extra):
            k = len(t.x_extra)
            t.extra_embeds = None if embeds is None else embeds[at_extra : at_extra + k]
            at_extra += k
        t.x = t.x_extra = None


@contextmanager
def thread_limits():
    """Spawned workers inherit these: their BLAS pools get one thread each. A worker's
    numpy work (mel filterbank, resampling) is small matrices; more BLAS threads only
    spin-wait against onnxruntime's own threads, which get the worker's cores. Measured
    with one worker on 2 cores (8 example tracks, median of 3): 16.7 s with one BLAS
    thread against 22.3 s with two (docs/benchmarks.md)."""
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {n: os.environ.get(n) for n in names}
    os.environ.update(dict.fromkeys(names, "1"))
    try:
        yield
    finally:
        for n, v in saved.items():
            if v is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = v


def worker_device_note() -> str:
    """Where the worker's model runs (called in a worker)."""
    return _WORKER_MODEL.choice.note if _WORKER_MODEL else ""
