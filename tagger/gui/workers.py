"""QThread bridges to the core. Signals cross into the UI thread as queued connections;
nothing here touches a widget."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal

if TYPE_CHECKING:
    from tagger.review import ReviewData


def describe_error(exc: BaseException) -> str:
    """One line for the user: the reason, not a traceback (nor SQLAlchemy's statement
    dump: a locked or full library database says so, as in the CLI)."""
    from tagger.db import database_problem

    problem = database_problem(exc)
    if problem is not None:
        from .labels import database_problem_text

        return database_problem_text(problem)  # a Message (library database error: …) too
    from tagger.messages import Message

    if len(exc.args) == 1 and isinstance(exc.args[0], Message):  # the core's sentence: translated
        from .core_text import text as core_text

        return core_text(exc.args[0])
    from tagger import error_report

    text = str(exc).strip()
    if text and (isinstance(exc, RuntimeError) or not error_report.is_bug(exc)):
        return text
    name = exc.__class__.__name__
    return f"{name}: {text}" if text else name


def _print_if_unexpected(exc: BaseException) -> None:
    """A bug (tagger.error_report.is_bug): its traceback on the terminal and in a report
    file, for a bug report; not for an error its one line explains."""
    from tagger import error_report

    if error_report.is_bug(exc):
        traceback.print_exception(exc)
        error_report.save(exc)


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
            _print_if_unexpected(exc)
            self.failed.emit(describe_error(exc))
        else:
            self.done.emit(result)


class NewestOnly(QObject):
    """One worker at a time, for the newest request: a new request stops the running
    worker (it ends at its next should_stop check) and replaces a request still waiting.
    Holding Down over 50 rows so decodes one track after another, not 50 at once."""

    def __init__(self, ctx, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.name = name
        self.running: FunctionWorker | None = None
        self._waiting = None  # (fn, connect) of the newest request not started yet

    def request(self, fn, connect) -> None:
        """Run `fn(worker)` as soon as no older request runs; `connect(worker)` wires
        its signals before it starts."""
        self._waiting = (fn, connect)
        if self.running is not None:
            self.running.stop()
            return
        self._start_waiting()

    def cancel(self) -> None:
        self._waiting = None
        if self.running is not None:
            self.running.stop()

    def _start_waiting(self) -> None:
        if self._waiting is None:
            return
        fn, connect = self._waiting
        self._waiting = None
        worker = FunctionWorker(fn, name=self.name)
        connect(worker)
        worker.finished.connect(lambda w=worker: self._finished(w))
        self.running = worker
        self.ctx.start(worker)

    def _finished(self, worker) -> None:
        if worker is self.running:
            self.running = None
            self._start_waiting()


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
    """The application layer's analysis job (tagger.app.analysis.AnalysisJob: scan, then
    analyse every track of the folders) in a thread, its events turned into signals.

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
    device_note = Signal(object)  # a Message (tagger.model): translated where it is shown
    finished_run = Signal(object)
    failed = Signal(str)

    EMIT_EVERY = 0.2  # seconds between batched signals

    def __init__(
        self,
        ws,
        roots,
        make_review_data,
        parent=None,
        view_roots=None,
        keep_rows: bool = False,
        shown_rows: Callable[[], ReviewData | None] | None = None,
    ):
        """`roots`: what to scan and analyse; `view_roots`: the folders whose rows the
        table shows (default: `roots`), when only some files of them are analysed;
        `keep_rows`: the window shows those rows already (reloaded only if the scan
        changed the library); `shown_rows`: the rows the window shows now, whose
        cached results are not sent again."""
        super().__init__(parent)
        from tagger.app.analysis import AnalysisJob

        self.setObjectName("analysis")
        self.ws = ws
        self.roots = [str(r) for r in roots]
        self.view_roots = [str(r) for r in view_roots] if view_roots else self.roots
        self.make_review_data = make_review_data  # () -> ReviewData (for the model in use)
        self.keep_rows = keep_rows  # the window shows these roots' rows: reload only if the scan changed them
        self.shown_rows = shown_rows
        self.job = AnalysisJob(ws, self.roots)
        self._buffer: list = []
        self._last_emit = 0.0
        self._note_sent = False

    # -- control (from the UI thread)
    def cancel(self) -> None:
        self.job.cancel()

    def pause(self) -> None:
        self.job.pause()

    def resume(self) -> None:
        self.job.resume()

    @property
    def paused(self) -> bool:
        return self.job.paused

    @property
    def cancelled(self) -> bool:
        return self.job.cancelled

    # -- the thread
    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # noqa: BLE001
            _print_if_unexpected(exc)
            self.failed.emit(describe_error(exc))

    def _run(self) -> None:
        self.snapshot.emit(AnalysisSnapshot("scanning"))
        last = [0.0]

        def on_scan(n, path):
            now = time.perf_counter()
            if now - last[0] > self.EMIT_EVERY:
                last[0] = now
                self.snapshot.emit(AnalysisSnapshot("scanning", done=n, current=path, paused=self.paused))

        def on_scanned(scan_result, tracks):
            if not (self.keep_rows and not scan_result.library_changed):
                self.snapshot.emit(AnalysisSnapshot("loading", done=scan_result.seen))
                data = self.make_review_data()
                data.load(self.ws.lib, self.view_roots)
                self.rows_ready.emit(data)
            self.snapshot.emit(AnalysisSnapshot("analysing", total=len(tracks)))

        def on_result(tr, progress):
            self._send_device_note()
            if not (tr.cached and self._shown_already(tr)):
                self._buffer.append(tr)
            self._flush(progress)

        summary = self.job.run(on_scan=on_scan, on_scanned=on_scanned, on_result=on_result)
        progress = summary.progress
        self._flush(progress, force=True)
        self._send_device_note(summary.device_note)
        self.finished_run.emit(
            {
                "cancelled": summary.cancelled,
                "scan": summary.scan.summary() if summary.scan else None,
                "skipped": summary.scan.skipped_lines() if summary.scan else [],
                "total": progress.total,
                "done": progress.done,
                "cached": progress.cached,
                "failed": progress.failed,
                "seconds": summary.seconds,
                "not_analysed": summary.not_analysed,
                "moved_folder": summary.scan.moved_folder if summary.scan else None,
                "notes": list(summary.incidents),  # what the run recovered from or worked around
            }
        )

    def _shown_already(self, tr) -> bool:
        """A rescan hands back 100,000 cached results that the rows show already: checked
        here, in this thread, so that the window's thread does not go through them
        (under contention for the GIL with this thread, 40-100 ms turns). Rows only get
        whole new scores and embeddings (never changed in place) and new rows come from
        the DB, which holds every cached result; `shown_rows` gives none while a reload
        is under way."""
        data = self.shown_rows() if self.shown_rows is not None else None
        return data is not None and data.shows_result(tr)

    def _send_device_note(self, note: str | None = None) -> None:
        run = self.job.run_obj
        note = note or (run.device_note if run is not None else "")
        if note and not self._note_sent:
            self._note_sent = True
            self.device_note.emit(note)

    def _flush(self, progress, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last_emit < self.EMIT_EVERY:
            return
        self._last_emit = now
        if self._buffer:
            batch, self._buffer = self._buffer, []
            self.results.emit(batch)
        self.snapshot.emit(
            AnalysisSnapshot(
                "stopping" if self.cancelled else "analysing",
                total=progress.total,
                done=progress.done,
                cached=progress.cached,
                failed=progress.failed,
                eta=progress.eta_seconds,
                current=progress.current,
                paused=self.paused,
            )
        )


def existing(path: str | Path) -> bool:
    try:
        return Path(path).exists()
    except OSError:
        return False


def step_per_turn(parent: QObject, steps: Iterator, then: Callable[[], None]) -> None:
    """Run the generator `steps` one item per turn of the event loop (so the window keeps
    drawing between them), then call `then`."""
    timer = QTimer(parent)
    timer.setInterval(0)

    def step() -> None:
        try:
            next(steps)
            return
        except StopIteration:
            pass
        timer.stop()
        timer.deleteLater()
        then()

    timer.timeout.connect(step)
    timer.start()
