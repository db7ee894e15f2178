"""The main window's status bar: messages, the analysis progress, the device the
model runs on, and the review counts."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QStatusBar

from tagger.fsnames import readable
from tagger.model import fell_back
from tagger.review import ReviewData

from . import core_text, labels, theme
from .eliding_label import ElidingLabel
from .review_model import plain_tooltip
from .widgets import fmt_time

COUNTED = ("not analysed", "new", "accepted", "overridden", "skipped", "written", "failed")
# a message ("Analysis finished: ...") may take up to this share of the bar from the
# permanent labels: without it, long labels left it no room at all and it was not shown
MESSAGE_SHARE = 0.6
UNCAPPED = 16777215  # QWIDGETSIZE_MAX


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
        self._labels: list[ElidingLabel] = []
        self.add_label(self.progress_label)
        self.addPermanentWidget(self.progress)
        self.add_label(self.device_label)
        self.add_label(self.counts_label)
        self._error_text: str | None = None  # the message shown in red, while it is shown
        self.messageChanged.connect(self._make_room)
        self.messageChanged.connect(self._uncolour)

    def add_label(self, label: ElidingLabel) -> None:
        """A permanent label, on the right, that gives way to a message."""
        self._labels.append(label)
        self.addPermanentWidget(label)
        label.text_changed.connect(self._make_room)
        self._make_room()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._make_room()

    def _make_room(self, *_) -> None:
        """With a message shown, the labels share what it leaves (each in proportion to
        its whole text, elided below that); without one they take what they need."""
        labels = [label for label in self._labels if not label.isHidden()]
        message = self.currentMessage()
        # the progress bar expands to its maximum before a message gets any room
        bar = self.progress
        others = 0 if bar.isHidden() else max(bar.sizeHint().width(), bar.maximumWidth())
        spacing = 12 * (len(labels) + 1) + 20  # the layout's gaps and margins, and the size grip
        need = self.fontMetrics().horizontalAdvance(message) + 24 if message else 0
        room = self.width() - others - spacing - min(need, int(self.width() * MESSAGE_SHARE))
        wanted = sum(label.sizeHint().width() for label in labels)
        for label in labels:
            if not message or wanted <= room or not label.text():
                label.setMaximumWidth(UNCAPPED)
            else:
                share = int(room * label.sizeHint().width() / max(wanted, 1))
                label.setMaximumWidth(max(label.minimumSizeHint().width(), share))

    def show_status(self, text: str, error: bool = False, timeout: int = 0) -> None:
        text = readable(text)  # a file name that is not UTF-8 as \xNN
        self._error_text = text if error else None
        self.setStyleSheet(f"QStatusBar {{ color: {theme.color('error')}; }}" if error else "")
        self.showMessage(text, timeout)

    def _uncolour(self, message: str) -> None:
        """Only the error is red: a menu's hint that replaces it (Qt shows those in the
        bar by itself) or the bar cleared is in the normal colour again."""
        if self._error_text is not None and message != self._error_text:
            self._error_text = None
            self.setStyleSheet("")

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
        self._make_room()  # the bar takes its room from a message's

    def analysis_stopping(self) -> None:
        self.progress_label.setText(self.tr("Stopping…"))

    def analysis_ended(self) -> None:
        self.progress.hide()
        self.progress_label.setText("")
        self._make_room()

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
        warn = fell_back(note)
        note = core_text.text(note)
        self.device_label.setText(("⚠ " if warn else "") + note)
        theme.set_text_color(self.device_label, "warning" if warn else None)
        self.device_label.setToolTip(plain_tooltip(note))
        return warn

    def device_note(self) -> str:
        return self.device_label.text().lstrip("⚠ ")
