"""The album page ("Group by album"): one row per album of the tracks the filter and
search let through, with its pooled suggestion; a double-click or Enter opens its tracks."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from tagger.review import AlbumRow, ReviewData

from .columns import ALBUM_COLUMNS
from .review_model import AlbumTableModel
from .table_view import TablePage

# tracks grouped in one go; more are grouped a part per turn of the event loop (8,000
# albums of 100,000 tracks: about 0.2 s in one go on a loaded 2-core machine)
ALBUMS_AT_ONCE = 20_000


class AlbumPage(TablePage):
    album_opened = Signal(object)  # AlbumRow (double-clicked)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(AlbumTableModel(), "albums", ALBUM_COLUMNS, parent)
        self.table.setAccessibleName(self.tr("Albums"))
        self.table.doubleClicked.connect(self._double_clicked)
        for key in (Qt.Key_Return, Qt.Key_Enter):  # Enter opens the current album, as the F1 sheet says
            enter = QShortcut(QKeySequence(key), self.table, context=Qt.WidgetShortcut)
            enter.activated.connect(lambda: self._double_clicked(self.table.currentIndex()))
        self._parts: tuple = ()  # (data, AlbumParts, selection kept) of a grouping in parts
        self._select_when_grouped: tuple[str, str] | None = None  # select_album during one
        self._parts_timer = QTimer(self)
        self._parts_timer.setInterval(0)
        self._parts_timer.timeout.connect(self._next_part)

    def set_data(self, data: ReviewData | None, positions: np.ndarray | None) -> None:
        """Group the tracks of `data` at `positions` (in data.rows) by album; the albums
        selected stay selected. Many tracks are grouped a part per turn of the event
        loop (the window keeps drawing); the albums shown until then are those of
        before, or none if they were another library's."""
        kept = self._selection_keys()
        self._parts_timer.stop()  # a grouping still running is for rows of before
        self._select_when_grouped = None
        n = 0 if data is None else len(data.rows) if positions is None else len(positions)
        if data is None or n <= ALBUMS_AT_ONCE:
            self.model.set_data(data, positions)
            self._reselect(*kept)
            return
        if data is not self.model.data_:
            self.model.set_albums(None, [])
        self._parts = (data, data.album_parts(positions), kept)
        self._parts_timer.start()

    def _next_part(self) -> None:
        data, parts, kept = self._parts
        if parts.step():
            self._parts_timer.stop()
            self.model.set_albums(data, parts.albums or [])
            self._reselect(*kept)
            if self._select_when_grouped is not None:
                self.select_album(self._select_when_grouped)

    def grouping(self) -> bool:
        """Whether albums are still being grouped (a big library, a part per turn)."""
        return self._parts_timer.isActive()

    def rebuild(self, positions: np.ndarray | None) -> None:
        """The same albums after decisions changed their tracks (new AlbumRows: their
        counts and pooled suggestions are recomputed), still selected: the selection
        signal tells the detail panel to show the new rows."""
        self.set_data(self._parts[0] if self.grouping() else self.model.data_, positions)

    @staticmethod
    def _key(album: AlbumRow) -> tuple[str, str]:
        return (album.folder, album.album)

    def _selection_keys(self) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
        current = self.model.album_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        return [self._key(a) for a in self.selected_albums()], (self._key(current) if current else None)

    def _reselect(self, keys: list[tuple[str, str]], current: tuple[str, str] | None) -> None:
        if not keys and current is None:
            return
        wanted = set(keys)
        sel = QItemSelection()
        current_index = None
        last = self.model.columnCount() - 1
        for i in range(self.model.rowCount()):
            key = self._key(self.model.album_at(i))
            if key in wanted:
                sel.select(self.model.index(i, 0), self.model.index(i, last))
            if key == current:
                current_index = self.model.index(i, 0)
        sm = self.table.selectionModel()
        if current_index is not None:
            sm.setCurrentIndex(current_index, QItemSelectionModel.NoUpdate)
        sm.select(sel, QItemSelectionModel.ClearAndSelect)

    def selected_albums(self) -> list[AlbumRow]:
        idxs = self.table.selectionModel().selectedRows()
        return [a for a in (self.model.album_at(i.row()) for i in idxs) if a]

    def _double_clicked(self, index) -> None:
        if not index.isValid():
            return
        album = self.model.album_at(index.row())
        if album is not None and album.rows:
            self.album_opened.emit(album)

    def select_album(self, key: tuple[str, str]) -> bool:
        """Select (and show) the album of `key` (folder, album tag), if it is listed
        (or once grouped, while albums are being grouped)."""
        if self.grouping():
            self._select_when_grouped = key
            return True
        self._select_when_grouped = None
        for i in range(self.model.rowCount()):
            album = self.model.album_at(i)
            if album is not None and album.rows and (album.folder, album.rows[0].album) == key:
                self.select_only(i)
                return True
        return False
