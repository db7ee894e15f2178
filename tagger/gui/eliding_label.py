"""A one-line label that may be narrower than its text (the status bar's labels).

A QLabel's minimum width is its whole text. In the status bar that made the window
itself wider whenever the progress line, the counts, the device note and the personal
model's label together outgrew it (1,000 px became 1,600 px during an analysis), and
each such resize repainted the whole table: 120-150 ms frames during a rescan of 100,000
tracks, while the analysis thread competed for the GIL.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import Qt as QtGui  # mightBeRichText is QtGui's
from PySide6.QtWidgets import QLabel, QSizePolicy

from .review_model import plain_tooltip

MIN_CHARS = 8  # the narrowest it gets: about this many characters
ROUNDING = 2  # px a size hint adds to the text's advance (fractional glyph widths)


class ElidingLabel(QLabel):
    """Plain text on one line: as much as fits, ending in "…" when it does not, with the
    whole text in the tooltip. `text()` is always the whole text."""

    text_changed = Signal()  # setText with another text (the status bar shares its room again)

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self._text = ""
        self._tip = ""  # set by setToolTip (rich text, as plain_tooltip makes): after the whole text when elided
        self.setText(text)

    # -- what callers see: the whole text
    def setText(self, text: str) -> None:  # type: ignore[override]
        text = str(text or "")
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)  # a screen reader reads the whole text
        self.updateGeometry()  # the size hint follows the whole text
        self._show_what_fits()
        self.text_changed.emit()

    def text(self) -> str:  # type: ignore[override]
        return self._text

    def setToolTip(self, tip: str) -> None:  # type: ignore[override]
        tip = tip or ""
        # kept as rich text (the whole text goes before it as rich text)
        self._tip = tip if not tip or QtGui.mightBeRichText(tip) else plain_tooltip(tip)
        self._show_what_fits()

    def is_elided(self) -> bool:
        return super().text() != self._text

    # -- layout: wants the whole text, accepts a few characters
    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self._text), self._height())

    def minimumSizeHint(self) -> QSize:
        narrowest = self.fontMetrics().averageCharWidth() * MIN_CHARS + self._margins() + ROUNDING
        return QSize(min(narrowest, self._width_for(self._text)), self._height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_what_fits()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.FontChange, QEvent.StyleChange):  # the same width holds more or less text
            self.updateGeometry()
            self._show_what_fits()

    # -- helpers
    def _margins(self) -> int:
        m = self.contentsMargins()
        return m.left() + m.right() + 2 * self.margin()

    def _width_for(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text) + self._margins() + ROUNDING if text else 0

    def _height(self) -> int:
        m = self.contentsMargins()
        return self.fontMetrics().height() + m.top() + m.bottom() + 2 * self.margin()

    def _show_what_fits(self) -> None:
        room = self.width() - self._margins()  # for the text
        shown = self._text
        if self._text and self._width_for(self._text) > self.width():
            shown = self.fontMetrics().elidedText(self._text, Qt.ElideRight, max(0, room))
        super().setText(shown)
        elided = shown != self._text
        whole = plain_tooltip(self._text) if elided else ""
        super().setToolTip(whole + (self._tip if self._tip != whole else ""))  # not the same text twice
