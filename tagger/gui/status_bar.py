"""The main window's status bar: messages, the analysis progress, the device the
model runs on, and the review counts."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QStatusBar

from tagger.fsnames import readable
from tagger.review import ReviewData

from . import labels, theme
from .eliding_label import ElidingLabel
from .review_model import plain_tooltip
from .widgets import fmt_time

COUNTED = ("new", "accepted", "overridden", "skipped", "written", "failed")


class MainStatusBar(QStatusBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        # labels that may be narrower than their text (eliding_label.py says why)
        self.counts_label = ElidingLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.progress_label = ElidingLabel()
        self.device_label = ElidingLabel()
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.device_label)
        self.addPermanentWidget(self.counts_label)

    def show_status(self, text: str, error: bool = False, timeout: int = 0) -> None:
        self.showMessage(readable(text), timeout)  # a file name that is not UTF-8 as \xNN
        self.setStyleSheet(f"QStatusBar {{ color: {theme.color('error')}; }}" if error else "")

    def show_counts(self, data: ReviewData | None, shown: int) -> None:
        """How many tracks there are in each state, and how many the table shows."""
        if data is None:
            self.counts_label.setText("")
            return
        c = data.counts()
        parts = [self.tr("%Ln track(s)", "", len(data.rows))]
        for key in COUNTED:
            if c.get(key):
                parts.append(f"{c[key]:,} {labels.status(key)}")
        if shown != len(data.rows):
            parts.append(self.tr("showing {n}").format(n=f"{shown:,}"))
        self.counts_label.setText(" · ".join(parts))

    # ---------------------------------------------------------------- analysis
    def analysis_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(self.tr("Scanning…"))

    def analysis_stopping(self) -> None:
        self.progress_label.setText(self.tr("Stopping…"))

    def analysis_ended(self) -> None:
        self.progress.hide()
        self.progress_label.setText("")

    def show_snapshot(self, snap, paused: bool, stopping: bool) -> None:
        """An analysis progress snapshot; `paused` and `stopping`: the job's state now."""
        if snap.phase in ("scanning", "loading"):
            self.progress.setRange(0, 0)
            text = (
                self.tr("Scanning… %Ln file(s)", "", snap.done)
                if snap.phase == "scanning"
                else self.tr("Reading the library…")
            )
            self.progress_label.setText(self.tr("Paused · {what}").format(what=text) if paused else text)
            return
        total = max(snap.total, 1)
        self.progress.setRange(0, total)
        self.progress.setValue(snap.finished)
        self.progress.setFormat(f"{snap.finished:,} / {snap.total:,}")
        parts = [
            self.tr("{n} analysed").format(n=f"{snap.done:,}"),
            self.tr("{n} cached").format(n=f"{snap.cached:,}"),
            self.tr("{n} failed").format(n=f"{snap.failed:,}"),
        ]
        if snap.phase == "stopping" or stopping:
            parts.insert(0, self.tr("Stopping…"))
        elif paused:  # no ETA while paused
            parts.insert(0, self.tr("Paused"))
        elif snap.eta is not None and snap.finished < snap.total:
            parts.append(self.tr("ETA {time}").format(time=fmt_time(snap.eta)))
        self.progress_label.setText(" · ".join(parts))

    def show_device_note(self, note: str) -> bool:
        """Where the model runs; True (shown as a warning) when it fell back."""
        fell_back = "instead" in note or "not available" in note
        self.device_label.setText(("⚠ " if fell_back else "") + note)
        theme.set_text_color(self.device_label, "warning" if fell_back else None)
        self.device_label.setToolTip(plain_tooltip(note))
        return fell_back

    def device_note(self) -> str:
        return self.device_label.text().lstrip("⚠ ")
