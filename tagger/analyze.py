"""Analysis: decode a few windows spread over each track, compute log-mel patches, run the
model, pool, and store everything in the library. Runs in a pool of worker processes;
the calling process alone writes to the database.

The per-track work (`analyze_file`) is plain functions so the CLI, the GUI, the trainer
and the benchmark all run exactly the same code.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

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


def track_patches(path, spec, starts: list[float]) -> np.ndarray:
    """Decode the windows around `starts` and return log-mel patches [n, frames, mels].

    Each window is cut so that it begins on the whole track's STFT frame grid and on a
    whole output sample of the resampler; with the margins, every patch equals the same
    frames of a whole-track computation (tests/test_analyze.py)."""
    from math import gcd

    from tagger.decode import read_windows
    from tagger.features import logmel
    from tagger.resample import rational_ratio, resample

    hop, sr_t = spec.hop_length, spec.sample_rate
    patch_s = spec.patch_frames * hop / sr_t
    slack = 2 * MARGIN_S  # decoded before the aligned start, so the cut can move back
    windows = [(max(0.0, s - slack - MARGIN_S), patch_s + 2 * slack + MARGIN_S + min(MARGIN_S, s)) for s in starts]
    audios, sr = read_windows(path, windows)
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
        audio = audio[max(0, cut):]
        if sr != sr_t:
            audio = resample(audio, sr, sr_t, spec.resampler)
        offset = (frame - first) * hop
        need = offset + spec.patch_frames * hop + spec.n_fft
        if audio.shape[0] < need:  # end of file: pad with silence
            audio = np.pad(audio, (0, need - audio.shape[0]))
        mel = logmel(audio.astype(np.float32, copy=False), spec)
        patches.append(mel[frame - first:frame - first + spec.patch_frames])
    return np.stack(patches).astype(np.float32)


_WORKER_MODEL = None
FIRST_PASS = 4  # patches always analysed
CLOSE_CALL = 0.05  # top-two genre margin below which the remaining patches are analysed too


def genre_margin(model, patch_scores: np.ndarray) -> float:
    """Score gap between the two best genre labels of the pooled track scores."""
    pooled = model.track_scores(patch_scores)
    genre = [i for i, k in enumerate(model.info.label_kinds) if k == "genre"]
    top = np.sort(pooled[genre] if genre else pooled)[::-1]
    return float(top[0] - top[1]) if len(top) > 1 else 1.0


def score_adaptively(model, path, starts: list[float]) -> tuple[list[float], np.ndarray]:
    """Score a spread-out subset of the planned patches first; analyse the others only
    when the top two genres are a close call. On the benchmark songs this agreed with
    the full plan as often as always using all six patches, for about 4.6 patches per
    track instead of 6 (docs/benchmarks.md): the model is three quarters of the cost."""
    spec = model.spec
    if len(starts) <= FIRST_PASS:
        return starts, model.score_patches(track_patches(path, spec, starts))[0]
    first = sorted({int(i) for i in np.round(np.linspace(0, len(starts) - 1, FIRST_PASS))})
    scores = model.score_patches(track_patches(path, spec, [starts[i] for i in first]))[0]
    if genre_margin(model, scores) >= CLOSE_CALL:
        return [starts[i] for i in first], scores
    rest = [i for i in range(len(starts)) if i not in first]
    more = model.score_patches(track_patches(path, spec, [starts[i] for i in rest]))[0]
    order = np.argsort(first + rest, kind="stable")
    return starts, np.concatenate([scores, more])[order]


def _worker_init(model_path: str, device: str, threads: int) -> None:
    global _WORKER_MODEL
    from tagger.model import Model

    _WORKER_MODEL = Model(model_path, device=device, threads=threads)


def analyze_file(path: str, duration: float | None, n_patches: int, model=None) -> dict:
    """Analyse one file with `model` (in a worker: the worker's model). Never raises."""
    model = model or _WORKER_MODEL
    started = time.perf_counter()
    try:
        from tagger.decode import audio_info

        spec = model.spec
        if not duration:
            duration = audio_info(path).duration
        patch_s = spec.patch_frames * spec.hop_length / spec.sample_rate
        starts, scores = score_adaptively(model, path, plan_patch_starts(duration, patch_s, n_patches))
        if not np.all(np.isfinite(scores)):
            raise ValueError("the model produced non-finite scores")
        return {
            "path": path,
            "status": "ok",
            "error": None,
            "patch_starts": starts,
            "patch_scores": np.round(scores, 5).tolist(),
            "scores": np.round(model.track_scores(scores), 5).tolist(),
            "seconds": time.perf_counter() - started,
        }
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        from tagger.decode import DecodeError

        reason = str(exc) if isinstance(exc, DecodeError) else f"{exc.__class__.__name__}: {exc}"
        return {"path": path, "status": "error", "error": reason, "seconds": time.perf_counter() - started}


# ---------------------------------------------------------------- a whole run
@dataclass
class Progress:
    total: int = 0
    done: int = 0  # computed now
    cached: int = 0  # already in the DB
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)
    current: str = ""

    @property
    def finished(self) -> int:
        return self.done + self.cached + self.failed

    @property
    def eta_seconds(self) -> float | None:
        elapsed = time.perf_counter() - self.started
        computed = self.done + self.failed
        remaining = self.total - self.finished
        if computed == 0 or remaining <= 0:
            return None if remaining > 0 else 0.0
        return elapsed / computed * remaining


@dataclass
class TrackResult:
    track_id: int
    path: str
    status: str  # ok | error
    error: str | None
    cached: bool
    scores: list[float] | None


class AnalysisRun:
    """Analyse library tracks with one model; pause/resume/cancel from any thread."""

    def __init__(self, lib, model_path=None, device: str = "auto", workers: int | None = None,
                 n_patches: int = DEFAULT_PATCHES):
        from tagger.model import default_model_path
        from tagger.modelfile import read_metadata

        self.lib = lib
        self.model_path = str(model_path or default_model_path())
        self.info = read_metadata(self.model_path)
        self.device = device
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.n_patches = n_patches
        self.progress = Progress()
        self.device_note = ""
        self._cancel = threading.Event()
        self._running = threading.Event()
        self._running.set()

    # -- control (thread-safe)
    def cancel(self) -> None:
        self._cancel.set()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def run(self, tracks, on_result: Callable[[TrackResult, Progress], None] | None = None) -> Progress:
        """Analyse `tracks` (db.Track rows). Calls `on_result` in this thread per track."""
        self.lib.register_model(self.info)
        key = self.info.key
        self.progress = Progress(total=len(tracks))
        todo = []
        for chunk_start in range(0, len(tracks), 500):  # one query per 500 tracks, not per track
            chunk = tracks[chunk_start:chunk_start + 500]
            done = self._cached_scores([t.content_id for t in chunk if t.content_id], key)
            for t in chunk:
                if t.status == "error" or not t.content_id:
                    self.progress.failed += 1
                    self._emit(on_result, TrackResult(t.id, t.path, "error", t.error or "unreadable file", False, None))
                elif t.content_id in done:
                    self.progress.cached += 1
                    self._emit(on_result, TrackResult(t.id, t.path, "ok", None, True, done[t.content_id]))
                else:
                    todo.append(t)
        if not todo:
            return self.progress
        # Threads per worker: keep every core busy without oversubscribing.
        workers = min(self.workers, len(todo))
        threads = max(1, (os.cpu_count() or 1) // workers)
        by_content: dict[str, list] = {}
        for t in todo:  # identical audio in several files is analysed once
            by_content.setdefault(t.content_id, []).append(t)
        queue = list(by_content.values())
        with _thread_limits(threads):
            self._run_pool(queue, workers, threads, key, on_result)
        return self.progress

    def _start_pool(self, workers: int, threads: int) -> ProcessPoolExecutor:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork: safe with Qt and threads
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init,
                                   initargs=(self.model_path, self.device, threads))
        try:
            self.device_note = pool.submit(_device_note).result()
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            from tagger.model import Model

            Model(self.model_path, device=self.device)  # raises the real reason, if it is the model
            raise RuntimeError("the analysis worker processes could not start") from None
        return pool

    def _run_pool(self, queue: list, workers: int, threads: int, key: str, on_result) -> None:
        """Feed `queue` (groups of tracks with the same audio) to a worker pool. A worker
        that dies (a decoder crash, the OOM killer) takes the pool with it: the pool is
        restarted, and a file that was in flight during two crashes is marked failed."""
        crashes: dict[str, int] = {}
        pool = self._start_pool(workers, threads)
        in_flight: dict = {}
        try:
            while queue or in_flight:
                # One track per worker, no more: a track submitted to the pool cannot be
                # taken back once a worker has it queued, so after Stop (or Pause) only the
                # tracks already being analysed finish -- at most one per worker.
                while queue and len(in_flight) < workers and not self._cancel.is_set() and self._running.is_set():
                    group = queue.pop(0)
                    in_flight[pool.submit(analyze_file, group[0].path, group[0].duration, self.n_patches)] = group
                if self._cancel.is_set():
                    for fut in [f for f in in_flight if f.cancel()]:  # not started yet: dropped
                        in_flight.pop(fut)
                if not in_flight:
                    if self._cancel.is_set():
                        break
                    self._running.wait(0.2)  # paused
                    continue
                done, _ = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    group = in_flight.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        in_flight[fut] = group  # handled below with the others in flight
                        continue
                    self._store(result, group, key, on_result)
                if broken:
                    pool.shutdown(wait=False, cancel_futures=True)
                    for group in in_flight.values():
                        cid = group[0].content_id
                        crashes[cid] = crashes.get(cid, 0) + 1
                        if crashes[cid] >= 2:
                            self._store({"status": "error", "seconds": 0.0, "error":
                                         "the analysis worker crashed on this file (twice)"},
                                        group, key, on_result)
                        else:
                            queue.insert(0, group)
                    in_flight = {}
                    pool = self._start_pool(workers, threads)
                if self._cancel.is_set() and not in_flight:
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _cached_scores(self, content_ids, key: str) -> dict[str, list[float]]:
        from tagger.db import analyses  # not at the top: the worker processes import this module

        return analyses.cached_scores(self.lib, content_ids, key, self.n_patches)

    def _store(self, result: dict, group, key: str, on_result) -> None:
        from tagger.db import analyses  # not at the top: the worker processes import this module

        analyses.store(self.lib, group[0].content_id, key, result, self.n_patches)
        for t in group:
            ok = result["status"] == "ok"
            if ok:
                self.progress.done += 1
            else:
                self.progress.failed += 1
            self._emit(on_result, TrackResult(t.id, t.path, result["status"], result["error"], False,
                                              result.get("scores")))

    def _emit(self, on_result, tr: TrackResult) -> None:
        self.progress.current = tr.path
        if on_result:
            on_result(tr, self.progress)


@contextmanager
def _thread_limits(threads: int):
    """Spawned workers inherit these: their BLAS pools get `threads` threads each, like
    onnxruntime, instead of one per core each (which oversubscribes the CPU)."""
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {n: os.environ.get(n) for n in names}
    os.environ.update({n: str(threads) for n in names})
    try:
        yield
    finally:
        for n, v in saved.items():
            if v is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = v


def _device_note() -> str:
    return _WORKER_MODEL.choice.note if _WORKER_MODEL else ""
