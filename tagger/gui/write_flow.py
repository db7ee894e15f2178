"""Writing the genres into the files and undoing writes, from the main window: the
confirmation dialog, the job in a worker thread behind a progress dialog, what went
wrong (file by file), and the write history with undo per batch."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog

from tagger.app.writing import undo, undoable_batch, undoable_changes, write
from tagger.fsnames import readable_name
from tagger.review import ReviewRow

from . import dialogs, labels
from .workers import FunctionWorker


class WriteFlow(QObject):
    busy_changed = Signal()  # a write or undo started or ended: what can be done changed
    write_finished = Signal(object)  # (batch id, outcomes), or None when it failed
    undo_finished = Signal(object)  # (batch id, outcomes), or None when it failed

    def __init__(self, window):
        """`window`: the MainWindow (its ctx, status bar, rows and detail panel)."""
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.busy = False
        self.last_outcomes = None
        self.write_dialog: dialogs.WriteConfirmDialog | None = None
        self.history_dialog: dialogs.HistoryDialog | None = None
        self.outcomes_dialog: dialogs.OutcomesDialog | None = None
        self._progress_dialog: QProgressDialog | None = None
        self._undoable: bool | None = None  # cached: only a write or an undo changes it

    def has_undoable_batch(self) -> bool:
        """Asked on every selection change: the DB is queried once, then again only after
        a write or an undo (the only things that change the answer)."""
        if self._undoable is None:
            try:
                self._undoable = undoable_batch(self.ctx.ws) is not None
            except Exception:  # noqa: BLE001 - a locked or odd DB: let Undo say what is wrong
                return True
        return self._undoable

    # ---------------------------------------------------------------- writing
    def write_tags(self, rows: list[ReviewRow], selected: list[ReviewRow], visible: list[ReviewRow]) -> None:
        """Ask what to write (all `rows`, the decided, the `selected` or the `visible`
        ones), show the plan, and write it once confirmed."""
        all_ids = [r.id for r in rows]
        decided = [r.id for r in rows if r.decision in ("accepted", "overridden")]
        scopes = {"decided": (self.tr("Tracks I accepted or overrode"), decided, True)}
        selected_ids = [r.id for r in selected]
        if selected_ids:
            scopes["selected"] = (
                self.tr("Selected tracks: decisions, else confident suggestions"),
                selected_ids,
                False,
            )
        visible_ids = [r.id for r in visible]
        if len(visible_ids) != len(all_ids):
            scopes["view"] = (self.tr("Tracks shown now: decisions, else confident suggestions"), visible_ids, False)
        scopes["all"] = (self.tr("All tracks: decisions, else confident suggestions"), all_ids, False)
        dlg = dialogs.WriteConfirmDialog(self.ctx, scopes, "decided" if decided else "all", self.window)
        self.write_dialog = dlg

        def finished(result, dlg=dlg):
            self.write_dialog = None
            if result and dlg.changes:
                self.start_write(dlg.changes)

        dlg.finished.connect(finished)
        dlg.open()

    def start_write(self, changes) -> None:
        def run(worker):
            return write(
                self.ctx.ws,
                changes,
                progress=lambda i, n, out: worker.report((i, n, out)),
                should_stop=worker.should_stop,
                on_wait=worker.report,  # another process is writing tags: the dialog says so
            )

        self._start_job(
            FunctionWorker(run, name="write"),
            self.tr("Writing tags"),
            len(changes),
            self._write_done,
            self._write_failed,
        )

    def _write_done(self, result, pd) -> None:
        self._job_ended(pd)
        batch_id, outcomes = result
        self.last_outcomes = outcomes
        written = sum(1 for o in outcomes if o.status == "written")
        bad = [o for o in outcomes if o.status != "written"]
        text = self.tr("Batch #{batch}: wrote %Ln file(s)", "", written).format(batch=batch_id)
        if bad:
            text += self.tr("; %Ln not written (see the list)", "", len(bad))
        self.window.show_status(text, error=bool(bad))
        if bad:
            self._show_outcomes(
                self.tr("Write results"),
                text + self.tr(". Files that were not written are unchanged; the reason is given for each."),
                outcomes,
            )
        self.window.reload_rows()
        self.busy_changed.emit()
        self.write_finished.emit(result)

    def _write_failed(self, reason: str, pd) -> None:
        self._job_ended(pd)
        self.window.show_status(self.tr("Writing failed: {reason}").format(reason=reason), error=True)
        dialogs.message(self.window, self.tr("Writing failed"), reason, dialogs.QMessageBox.Warning)
        self.window.reload_rows()
        self.busy_changed.emit()
        self.write_finished.emit(None)

    # ---------------------------------------------------------------- undo
    def undo_last(self) -> None:
        batch = undoable_batch(self.ctx.ws)
        if batch is None:
            self.window.show_status(self.tr("Nothing to undo: no write batch in this library"), timeout=8000)
            return
        self.undo_batch(batch)

    def undo_batch(self, batch_id: int) -> None:
        n = undoable_changes(self.ctx.ws, batch_id)
        if not dialogs.ask(
            self.window,
            self.tr("Undo write"),
            self.tr("Undo batch #{batch}: put back the previous genres of %n file(s)?", "", n).format(batch=batch_id),
            self.tr("Undo"),
        ):
            return

        def run(worker):
            return undo(
                self.ctx.ws,
                batch_id,
                progress=lambda i, total, out: worker.report((i, total, out)),
                on_wait=worker.report,
                should_stop=worker.should_stop,
            )

        self._start_job(FunctionWorker(run, name="undo"), self.tr("Undoing"), n, self._undo_done, self._undo_failed)

    def _undo_done(self, result, pd) -> None:
        self._job_ended(pd)
        batch_id, outcomes = result
        undone = sum(1 for o in outcomes if o.status == "undone")
        bad = [o for o in outcomes if o.status != "undone"]
        tags_only = sum(1 for o in outcomes if o.status == "undone" and o.note)
        text = self.tr("Batch #{batch} undone: %Ln file(s) restored", "", undone).format(batch=batch_id)
        if tags_only:
            text += self.tr(" (%Ln with their tags only, see the list)", "", tags_only)
        if bad:
            text += self.tr("; %Ln left alone (see the list)", "", len(bad))
        if bad or tags_only:
            self._show_outcomes(self.tr("Undo results"), text + ".", outcomes)
        self.window.show_status(text, error=bool(bad))
        if self.history_dialog is not None:
            self.history_dialog.refresh()
        self.window.reload_rows()
        self.busy_changed.emit()
        self.undo_finished.emit(result)

    def _undo_failed(self, reason: str, pd) -> None:
        self._job_ended(pd)
        self.window.show_status(self.tr("Undo failed: {reason}").format(reason=reason), error=True)
        dialogs.message(self.window, self.tr("Undo failed"), reason, dialogs.QMessageBox.Warning)
        self.busy_changed.emit()
        self.undo_finished.emit(None)

    def show_history(self) -> None:
        if self.history_dialog is None:
            self.history_dialog = dialogs.HistoryDialog(self.ctx, self.window)
            self.history_dialog.undo_requested.connect(self.undo_batch)
            self.history_dialog.finished.connect(lambda *_: setattr(self, "history_dialog", None))
        else:
            self.history_dialog.refresh()
        self.history_dialog.show()
        self.history_dialog.raise_()

    # ---------------------------------------------------------------- the job
    def _start_job(self, worker: FunctionWorker, title: str, total: int, done, failed) -> None:
        """Run a write or undo job behind a progress dialog (its Cancel stops the job)."""
        pd = self._progress(title, total, worker)
        worker.progress.connect(lambda p, pd=pd: self._show_progress(pd, p))
        worker.done.connect(lambda result, pd=pd: done(result, pd))
        worker.failed.connect(lambda reason, pd=pd: failed(reason, pd))
        self.busy = True
        self.busy_changed.emit()
        self.window.detail._stop_player()  # a playing file is being replaced
        self.ctx.start(worker)

    def _show_progress(self, pd: QProgressDialog, p) -> None:
        """(done, total, outcome) of a file, or a line to show as it is (waiting for
        another Genre Tagger writing to the library: Cancel stops waiting)."""
        if isinstance(p, str):
            line = labels.waiting(p)
            pd.setLabelText(line[:1].upper() + line[1:] + " " + self.tr("Cancel stops waiting."))
            pd.show()  # waiting may begin before the dialog's minimum duration
            return
        pd.setValue(p[0])
        pd.setLabelText(
            self.tr("{done} of {total}: {name}").format(
                done=f"{p[0]:,}", total=f"{p[1]:,}", name=readable_name(p[2].path)
            )
        )

    def _job_ended(self, pd: QProgressDialog) -> None:
        self._undoable = None
        pd.close()
        self.busy = False

    def _progress(self, title: str, total: int, worker) -> QProgressDialog:
        pd = QProgressDialog(self.window)
        pd.setWindowTitle(title)
        label = QLabel()
        label.setTextFormat(Qt.PlainText)
        pd.setLabel(label)
        pd.setLabelText(f"{title}…")
        pd.setRange(0, total)
        pd.setMinimumDuration(300)
        pd.setWindowModality(Qt.WindowModal)
        pd.setAutoClose(False)
        pd.setAutoReset(False)
        pd.canceled.connect(worker.stop)
        pd.setMinimumWidth(480)
        self._progress_dialog = pd
        return pd

    def _show_outcomes(self, title: str, text: str, outcomes) -> None:
        dlg = dialogs.OutcomesDialog(title, text, outcomes, self.window)
        self.outcomes_dialog = dlg
        dlg.open()
