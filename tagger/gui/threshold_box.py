"""The confidence threshold beside "Accept all above threshold": the setting the
suggestion rule uses (tagger.suggestion), shown and changed where the batch accept is."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QWidget

from .labels import percent_suffix
from .widgets import plain_label

SETTLE_MS = 400  # arrows held down: apply once the value rests


class ThresholdBox(QWidget):
    changed = Signal(float)  # the new threshold (0-1), once the value rests

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(2, 0, 6, 0)
        lay.setSpacing(4)
        self.label = plain_label(self.tr("at"), wrap=False)
        lay.addWidget(self.label)
        self.spin = QSpinBox()
        self.spin.setRange(0, 100)
        self.spin.setSuffix(percent_suffix())
        self.spin.setKeyboardTracking(False)  # typing "65" is one change, not "6" then "65"
        tip = self.tr(
            "Confidence threshold: a genre is suggested when it scores at least this much "
            "(the same setting as in Settings; it changes the suggestions shown)"
        )
        self.setToolTip(tip)
        self.spin.setToolTip(tip)
        self.spin.setAccessibleName(self.tr("Confidence threshold"))
        lay.addWidget(self.spin)
        self.label.setBuddy(self.spin)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.commit)
        self.spin.valueChanged.connect(lambda _: self._timer.start())
        self._shown = self.spin.value()

    def show_value(self, fraction: float) -> None:
        """Show the setting (no `changed`)."""
        self._timer.stop()
        self.spin.blockSignals(True)
        self.spin.setValue(round(fraction * 100))
        self.spin.blockSignals(False)
        self._shown = self.spin.value()

    def value(self) -> float:
        return self.spin.value() / 100

    def commit(self) -> None:
        """Apply a change still waiting for the value to rest (`changed` if it changed)."""
        self._timer.stop()
        if self.spin.value() != self._shown:
            self._shown = self.spin.value()
            self.changed.emit(self.value())
