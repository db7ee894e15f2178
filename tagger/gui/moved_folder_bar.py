"""The bar above the table that says a folder looks moved (tagger.moved_folder.guess)
and offers to bring the decisions along. A bar, not a dialog: the question comes at the
end of a scan, and it can wait while the user looks; only the user can tell a moved
folder from a drive that is not connected now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from tagger.fsnames import readable

from .widgets import plain_label


class MovedFolderBar(QFrame):
    follow_requested = Signal(object)  # the MovedFolder the user confirmed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = plain_label("", wrap=True)
        lay.addWidget(self.label, 1)
        self.follow_button = QPushButton(self.tr("Move them here"))
        self.follow_button.clicked.connect(self._follow)
        lay.addWidget(self.follow_button)
        self.dismiss_button = QPushButton(self.tr("Not now"))
        self.dismiss_button.clicked.connect(self._dismiss)
        lay.addWidget(self.dismiss_button)
        self.moved = None
        self._dismissed: set[tuple[str, str]] = set()
        self.hide()

    def offer(self, moved) -> None:
        """Say that `moved.old` looks moved to `moved.new` (not again once dismissed)."""
        if (moved.old, moved.new) in self._dismissed:
            return
        self.moved = moved
        self.label.setText(
            self.tr(
                "%n track(s) here hold the same audio as tracks under {old}, a folder that no longer exists. "
                "If it was moved or renamed to {new}, your decisions and write history can move here with it. "
                "If it is on a drive that is not connected now, choose Not now.",
                "",
                moved.tracks,
            ).format(old=readable(moved.old), new=readable(moved.new))
        )
        self.show()

    def withdraw(self) -> None:
        self.moved = None
        self.hide()

    def _follow(self) -> None:
        moved = self.moved
        self.withdraw()
        if moved is not None:
            self.follow_requested.emit(moved)

    def _dismiss(self) -> None:
        if self.moved is not None:
            self._dismissed.add((self.moved.old, self.moved.new))
        self.withdraw()
