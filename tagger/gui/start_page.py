"""The start page: what the window shows while there is nothing to review (no folder
open, or no audio in it). A big "Open your music folder" button, the hint that folders
and files can be dropped on the window, three lines on how reviewing works, the recent
folders, and a link to the user guide."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .widgets import plain_label

RECENT_SHOWN = 3


class StartPage(QWidget):
    open_requested = Signal()  # the big button
    folder_chosen = Signal(str)  # a recent folder
    guide_requested = Signal()  # the guide link

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("start-page")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        # narrower than it likes to be if the window is: the page's minimum is the whole
        # window's even while hidden behind the review (it made 1024 px screens too small)
        box.setMinimumWidth(320)
        box.setMaximumWidth(640)
        lay = QVBoxLayout(box)
        lay.setSpacing(10)

        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignCenter)
        self.icon.setPixmap(QApplication.windowIcon().pixmap(72, 72))  # the app's (app.py sets it)
        lay.addWidget(self.icon)
        self.headline = plain_label(self.tr("Genre Tagger"))
        self.headline.setAlignment(Qt.AlignCenter)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        lay.addWidget(self.headline)
        self.message = plain_label("")  # why the page shows (no audio in the folder)
        self.message.setAlignment(Qt.AlignCenter)
        self.message.hide()
        lay.addWidget(self.message)

        self.open_button = QPushButton(self.tr("Open your music folder…"))
        self.open_button.setObjectName("start-open")
        self.open_button.setMinimumHeight(44)
        f = self.open_button.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.open_button.setFont(f)
        self.open_button.clicked.connect(lambda: self.open_requested.emit())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.drop_hint = plain_label(self.tr("or drop folders and music files on this window"))
        self.drop_hint.setAlignment(Qt.AlignCenter)
        self.drop_hint.setForegroundRole(self.drop_hint.foregroundRole())
        lay.addWidget(self.drop_hint)

        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        line.setFrameShadow(QFrame.Sunken)
        lay.addWidget(line)
        self.steps = plain_label(
            "\n".join(
                (
                    self.tr("1. The app listens to each track and suggests genres; nothing is written yet."),
                    self.tr("2. You accept (A), override (O) or skip (S) each suggestion, or a whole album (B)."),
                    self.tr("3. Write tags shows exactly what changes in each file; every write can be undone."),
                )
            )
        )
        lay.addWidget(self.steps)

        self.recent_box = QWidget()
        rl = QVBoxLayout(self.recent_box)
        rl.setContentsMargins(0, 6, 0, 0)
        rl.setSpacing(2)
        rl.addWidget(plain_label(self.tr("Recent folders:")))
        self.recent_layout = rl
        self.recent_buttons: list[QPushButton] = []
        lay.addWidget(self.recent_box)
        self.recent_box.hide()

        self.guide_link = QLabel(self.tr("<a href='guide'>Read the user guide</a> (F1: every key)"))
        self.guide_link.setObjectName("start-guide")
        self.guide_link.setTextFormat(Qt.RichText)  # our own text, no file content
        self.guide_link.setAlignment(Qt.AlignCenter)
        self.guide_link.linkActivated.connect(lambda _href: self.guide_requested.emit())
        lay.addWidget(self.guide_link)

        center = QHBoxLayout()
        center.addStretch(1)
        center.addWidget(box)
        center.addStretch(1)
        outer.addLayout(center)
        outer.addStretch(2)

    def set_text(self, text: str | None) -> None:
        """A line above the button saying why the page shows (None: the welcome alone)."""
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    def set_recent(self, folders: list[str]) -> None:
        """The recent folders that still exist, as buttons (at most RECENT_SHOWN)."""
        for b in self.recent_buttons:
            b.deleteLater()
        self.recent_buttons = []
        shown = [f for f in folders if Path(f).is_dir()][:RECENT_SHOWN]
        for folder in shown:
            b = QPushButton(folder.replace("&", "&&"))
            b.setFlat(True)
            b.setStyleSheet("text-align: left;")
            b.setToolTip(folder)
            b.clicked.connect(lambda _=False, f=folder: self.folder_chosen.emit(f))
            self.recent_layout.addWidget(b)
            self.recent_buttons.append(b)
        self.recent_box.setVisible(bool(shown))
