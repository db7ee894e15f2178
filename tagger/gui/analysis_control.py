"""The analysis job of the open folders, from the main window: start it, pause or
resume it, stop it, and show its progress in the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from tagger.review import ReviewData

from . import core_text, dialogs
from .actions import show_paused
from .status_bar import MainStatusBar
from .workers import AnalysisWorker


class AnalysisControl(QObject):
    rows_ready = Signal(object)  # ReviewData: every track, before (or with cached) results
    results = Signal(object)  # a batch of track results
    finished = Signal(object)  # the summary dict
    failed = Signal(str)  # why the job failed (already shown)
    running_changed = Signal()  # started, or its thread ended: what can be done changed

    def __init__(
        self,
        ctx,
        status_bar: MainStatusBar,
        pause_action: QAction,
        make_review_data: Callable[[], ReviewData],
        parent: QWidget,
        shown_rows: Callable[[], ReviewData | None] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.status_bar = status_bar
        self.pause_action = pause_action
        self.make_review_data = make_review_data
        self.shown_rows = shown_rows  # the window's rows now (their cached results are not sent again)
        self.worker: AnalysisWorker | None = None
        self._last_snapshot = None

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self, roots: list[str], view_roots: list[str] | None = None, rows_shown: bool = False) -> None:
        """Scan `roots` and analyse what is not analysed yet (nothing if already running);
        the table then shows the rows under `view_roots` (default: `roots`). `rows_shown`:
        the window shows those rows already (a rescan): they are loaded again only if
        the scan changed the library."""
        if self.is_running():
            return
        if self.ctx.info is None:
            self.status_bar.show_status(
                self.tr("Scanning only — no model to analyse with: {reason}").format(reason=self.ctx.model_error),
                error=True,
            )
        w = AnalysisWorker(
            self.ctx.ws,
            roots,
            self.make_review_data,
            view_roots=view_roots,
            keep_rows=rows_shown,
            shown_rows=self.shown_rows,
        )
        w.snapshot.connect(self._on_snapshot)
        w.rows_ready.connect(self.rows_ready)
        w.results.connect(self.results)
        w.device_note.connect(self._on_device_note)
        w.finished_run.connect(self._on_done)
        w.failed.connect(self._on_failed)
        w.finished.connect(lambda w=w: self._thread_done(w))
        self.worker = w
        self._last_snapshot = None
        show_paused(self.pause_action, False)
        self.status_bar.analysis_started()
        self.ctx.start(w)
        self.running_changed.emit()

    def _thread_done(self, worker) -> None:
        if self.worker is worker:
            self.worker = None
        self.running_changed.emit()

    def toggle_pause(self) -> None:
        w = self.worker
        if w is None or not w.isRunning():
            return
        if w.paused:
            w.resume()
            show_paused(self.pause_action, False)
            self.status_bar.show_status(self.tr("Analysis resumed"))
        else:
            w.pause()
            show_paused(self.pause_action, True)
            self.status_bar.show_status(self.tr("Analysis paused (the tracks being analysed finish first)"))
        if self._last_snapshot is not None:  # no snapshot comes while paused: redraw now
            self._on_snapshot(self._last_snapshot)

    def cancel(self) -> None:
        """Stop the job; what finished is kept."""
        if self.is_running():
            self.worker.cancel()
            self.status_bar.analysis_stopping()
            self.status_bar.show_status(self.tr("Stopping the analysis; finished tracks are kept"))

    def cancel_and_wait(self) -> None:
        if self.is_running():
            self.worker.cancel()
            self.worker.wait()

    def _on_snapshot(self, snap) -> None:
        self._last_snapshot = snap
        w = self.worker  # its state now, not when the snapshot was taken
        paused = (w.paused and not w.cancelled) if w is not None else snap.paused
        self.status_bar.show_snapshot(snap, paused, stopping=w is not None and w.cancelled)

    def _on_device_note(self, note: str) -> None:
        if self.status_bar.show_device_note(note):
            self.status_bar.show_status(core_text.text(note), error=True)

    def _on_done(self, summary: dict) -> None:
        self.status_bar.analysis_ended()
        counts = {k: f"{summary[k]:,}" for k in ("done", "cached", "failed")}
        if summary.get("cancelled"):
            text = self.tr(
                "Analysis stopped: {done} analysed, {cached} cached, {failed} failed (what finished is kept)."
            ).format(**counts)
        else:
            text = self.tr(
                "Analysis finished: {done} analysed, {cached} already known, {failed} failed ({seconds} s)."
            ).format(seconds=f"{summary.get('seconds', 0):.0f}", **counts)
        if self.ctx.info is None:
            text = self.tr("Scanned ({scan}). No model: {reason}").format(
                scan=summary.get("scan"), reason=self.ctx.model_error
            )
        skipped = summary.get("skipped") or []
        if skipped:  # files the app cannot read or tag are named, never silently dropped
            text += " " + "; ".join(line[0].upper() + line[1:] for line in skipped) + "."
        notes = summary.get("notes") or []
        if notes:
            said = [core_text.text(note) for note in notes]
            text += " " + "; ".join(line[0].upper() + line[1:] for line in said) + "."
        self.status_bar.show_status(text)
        self.finished.emit(summary)

    def _on_failed(self, reason: str) -> None:
        self.status_bar.analysis_ended()
        self.status_bar.show_status(self.tr("Analysis failed: {reason}").format(reason=reason), error=True)
        dialogs.message(self.parent(), self.tr("Analysis failed"), reason, dialogs.QMessageBox.Warning)
        self.failed.emit(reason)
