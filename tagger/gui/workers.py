"""QThread bridges to the core. Signals cross into the UI thread as queued connections;
nothing here touches a widget."""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal


def describe_error(exc: BaseException) -> str:
    """One line for the user: the reason, not a traceback."""
    text = str(exc).strip()
    if isinstance(exc, (ValueError, OSError, RuntimeError)) and text:
        return text
    name = exc.__class__.__name__
    return f"{name}: {text}" if text else name


class FunctionWorker(QThread):
    """Runs `fn(worker)` in a thread; `fn` may call worker.report(obj) and check
    worker.should_stop(). Emits done(result) or failed(reason)."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(object)

    def __init__(self, fn, parent: QObject | None = None, name: str = "task"):
        super().__init__(parent)
        self._fn = fn
        self._stop = threading.Event()
        self.name = name
        self.setObjectName(name)

    def report(self, obj) -> None:
        self.progress.emit(obj)

    def stop(self) -> None:
        self._stop.set()

    def should_stop(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:  # noqa: D401 - QThread entry point
        try:
            result = self._fn(self)
        except Exception as exc:  # noqa: BLE001 - shown in the UI, never a traceback
            traceback.print_exc()
            self.failed.emit(describe_error(exc))
        else:
            self.done.emit(result)


@dataclass
class AnalysisSnapshot:
    """What the progress bar shows (a copy: the run's Progress keeps changing)."""

    phase: str  # scanning | loading | analysing | stopping
    total: int = 0
    done: int = 0
    cached: int = 0
    failed: int = 0
    eta: float | None = None
    current: str = ""
    paused: bool = False

    @property
    def finished(self) -> int:
        return self.done + self.cached + self.failed


class AnalysisWorker(QThread):
    """Scan folders, load the review rows, then analyse every track of the folders.

    Signals:
      snapshot(AnalysisSnapshot)      progress (throttled)
      rows_ready(ReviewData)          the rows after the scan, before analysis starts
      results(list[TrackResult])      analysis results (batched, throttled)
      device_note(str)                where the model runs (GPU fallback is said here)
      finished_run(dict)              summary: scan, totals, cancelled
      failed(str)                     a reason (no model, folder gone, ...)
    """

    snapshot = Signal(object)
    rows_ready = Signal(object)
    results = Signal(object)
    device_note = Signal(str)
    finished_run = Signal(object)
    failed = Signal(str)

    EMIT_EVERY = 0.2  # seconds between batched signals

    def __init__(self, lib, roots, settings, model_path, make_review_data, parent=None):
        super().__init__(parent)
        self.setObjectName("analysis")
        self.lib = lib
        self.roots = [str(r) for r in roots]
        self.settings = settings
        self.model_path = model_path
        self.make_review_data = make_review_data  # () -> ReviewData (for the model in use)
        self.run_obj = None
        self._cancel = threading.Event()
        self._paused = threading.Event()
        self._buffer = []
        self._last_emit = 0.0

    # -- control (from the UI thread)
    def cancel(self) -> None:
        self._cancel.set()
        run = self.run_obj
        if run is not None:
            run.cancel()

    def pause(self) -> None:
        self._paused.set()
        run = self.run_obj
        if run is not None:
            run.pause()

    def resume(self) -> None:
        self._paused.clear()
        run = self.run_obj
        if run is not None:
            run.resume()

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # -- the thread
    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc()
            self.failed.emit(describe_error(exc))

    def _run(self) -> None:
        from tagger.analyze import AnalysisRun
        from tagger.scan import scan

        summary = {"cancelled": False, "scan": None, "total": 0, "done": 0, "cached": 0, "failed": 0,
                   "seconds": 0.0}
        started = time.perf_counter()
        self.snapshot.emit(AnalysisSnapshot("scanning"))
        last = [0.0]

        def scan_progress(n, path):
            now = time.perf_counter()
            if now - last[0] > self.EMIT_EVERY:
                last[0] = now
                self.snapshot.emit(AnalysisSnapshot("scanning", done=n, current=path))
            while self._paused.is_set() and not self._cancel.is_set():
                time.sleep(0.1)

        result = scan(self.lib, self.roots, progress=scan_progress, should_stop=self._cancel.is_set)
        summary["scan"] = result.summary()
        if self._cancel.is_set():
            summary["cancelled"] = True
            self.finished_run.emit(summary)
            return
        self.snapshot.emit(AnalysisSnapshot("loading", done=result.seen))
        data = self.make_review_data()
        data.load(self.lib, self.roots)
        self.rows_ready.emit(data)
        tracks = self.lib.tracks_under(self.roots)
        run = AnalysisRun(self.lib, model_path=self.model_path, device=self.settings.device or "auto",
                          workers=self.settings.workers or None, n_patches=self.settings.patches or 6)
        self.run_obj = run
        if self._paused.is_set():
            run.pause()
        if self._cancel.is_set():
            run.cancel()
        self.snapshot.emit(AnalysisSnapshot("analysing", total=len(tracks)))
        note_sent = [False]

        def on_result(tr, progress):
            if not note_sent[0] and run.device_note:
                note_sent[0] = True
                self.device_note.emit(run.device_note)
            self._buffer.append(tr)
            self._flush(progress, run)

        progress = run.run(tracks, on_result)
        self._flush(progress, run, force=True)
        if run.device_note and not note_sent[0]:
            self.device_note.emit(run.device_note)
        summary.update(total=progress.total, done=progress.done, cached=progress.cached,
                       failed=progress.failed, cancelled=run.cancelled,
                       seconds=time.perf_counter() - started)
        self.finished_run.emit(summary)

    def _flush(self, progress, run, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last_emit < self.EMIT_EVERY:
            return
        self._last_emit = now
        if self._buffer:
            batch, self._buffer = self._buffer, []
            self.results.emit(batch)
        self.snapshot.emit(AnalysisSnapshot(
            "stopping" if run.cancelled else "analysing", total=progress.total, done=progress.done,
            cached=progress.cached, failed=progress.failed, eta=progress.eta_seconds,
            current=progress.current, paused=run.paused))


def compute_spectrogram(path: str, spec, max_seconds: float = 600.0):
    """(log-mel [frames, mels] float32, seconds per frame, duration analysed) of a
    whole track (up to `max_seconds`), at the model's rate. Runs in a worker thread."""
    from dataclasses import replace

    import numpy as np

    from tagger.decode import load_mono
    from tagger.features import FeatureSpec, logmel

    if isinstance(spec, dict):
        spec = FeatureSpec.from_dict(spec)
    # the display needs no bit-exact resampler: the fast one keeps long tracks quick
    audio, sr = load_mono(path, sr=spec.sample_rate, offset=0.0, duration=max_seconds, resampler="polyphase")
    mel = logmel(np.asarray(audio, np.float32), replace(spec, sample_rate=sr) if sr != spec.sample_rate else spec)
    return mel, spec.hop_length / sr, len(audio) / sr


def existing(path: str | Path) -> bool:
    try:
        return Path(path).exists()
    except OSError:
        return False
