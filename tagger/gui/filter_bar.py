"""The bars above the review table: what to show (filter, search, grouping by album),
and the bar that says the track page shows one album only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from tagger.review import FILTERS

from . import labels
from .widgets import plain_label

SEARCH_DELAY_MS = 200  # typing: search once the typing pauses


class FilterBar(QWidget):
    filter_changed = Signal()
    search_changed = Signal(str)  # after the typing pauses, or at once from set_search
    grouping_toggled = Signal(bool)
    leave_search = Signal()  # Down, Return, or Esc on an empty search: on to the results

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)  # as in the window's layout
        show = plain_label(self.tr("Sho&w:"), wrap=False)
        bar.addWidget(show)
        self.filter_combo = QComboBox()
        show.setBuddy(self.filter_combo)  # Alt+W, and a screen reader names the list by it
        for key in FILTERS:
            self.filter_combo.addItem(labels.filter_label(key), key)
        self.filter_combo.currentIndexChanged.connect(lambda _: self.filter_changed.emit())
        bar.addWidget(self.filter_combo)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search artist, album, title, genre, path…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setMinimumWidth(260)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.installEventFilter(self)
        bar.addWidget(self.search, 1)
        self.group_albums = QCheckBox(self.tr("Group by album"))
        self.group_albums.toggled.connect(self.grouping_toggled.emit)
        bar.addWidget(self.group_albums)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """The search box's keys: Down or Return go on to the results (searching at once);
        Esc clears the search, and on an empty one leaves the box."""
        if watched is self.search and event.type() == QEvent.KeyPress:
            key = event.key()
            if key in (Qt.Key_Down, Qt.Key_Return, Qt.Key_Enter):
                if self._search_timer.isActive():
                    self.set_search(self.search.text())
                self.leave_search.emit()
                return True
            if key == Qt.Key_Escape:
                if self.search.text():
                    self.set_search("")
                else:
                    self.leave_search.emit()
                return True
        return super().eventFilter(watched, event)

    def filter_key(self) -> str:
        return self.filter_combo.currentData()

    def set_filter(self, key: str) -> None:
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(key))

    def restore_filter(self, key) -> None:
        """A saved filter key; one that no longer exists is ignored."""
        idx = self.filter_combo.findData(key)
        if idx >= 0:
            self.filter_combo.setCurrentIndex(idx)

    def set_search(self, text: str) -> None:
        self.search.setText(text)
        self._search_timer.stop()
        self.search_changed.emit(text)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_controls_enabled(self, on: bool) -> None:
        for w in (self.filter_combo, self.search, self.group_albums):
            w.setEnabled(on)


class AlbumFilterBar(QWidget):
    """ "Album: …" with a button back to every track; hidden while every track shows."""

    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        ab = QHBoxLayout(self)
        ab.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label("", wrap=False)
        ab.addWidget(self.label, 1)
        back = QPushButton(self.tr("Show all tracks"))
        back.clicked.connect(lambda: self.show_all_requested.emit())
        ab.addWidget(back)
        self.hide()

    def show_album(self, label: str | None) -> None:
        self.setVisible(label is not None)
        self.label.setText(self.tr("Album: {name}").format(name=label) if label is not None else "")
