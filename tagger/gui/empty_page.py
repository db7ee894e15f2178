"""The page shown while there is nothing to review: no folder open, or no audio in it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .widgets import plain_label

WELCOME = (
    "Open a music folder to start.\nGenre Tagger listens to each track, "
    "suggests genres, and writes only what you confirm."
)


class EmptyPage(QWidget):
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        el = QVBoxLayout(self)
        el.addStretch(1)
        self.label = plain_label(WELCOME)
        self.label.setAlignment(Qt.AlignCenter)
        el.addWidget(self.label)
        big = QPushButton("Open a music folder…")
        big.clicked.connect(lambda: self.open_requested.emit())
        big.setMinimumHeight(36)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(big)
        row.addStretch(1)
        el.addLayout(row)
        el.addStretch(2)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
