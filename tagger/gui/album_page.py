"""The album page ("Group by album"): one row per album of the tracks the filter and
search let through, with its pooled suggestion; a double-click opens its tracks."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Signal
from PySide6.QtWidgets import QWidget

from tagger.review import AlbumRow, ReviewData

from .columns import ALBUM_COLUMNS
from .review_model import AlbumTableModel
from .table_view import TablePage


class AlbumPage(TablePage):
    album_opened = Signal(object)  # AlbumRow (double-clicked)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(AlbumTableModel(), "albums", ALBUM_COLUMNS, parent)
        self.table.doubleClicked.connect(self._double_clicked)

    def set_data(self, data: ReviewData | None, positions: np.ndarray | None) -> None:
        """Group the tracks of `data` at `positions` (in data.rows) by album; the albums
        selected stay selected."""
        kept = self._selection_keys()
        self.model.set_data(data, positions)
        self._reselect(*kept)

    def rebuild(self, positions: np.ndarray | None) -> None:
        """The same albums after decisions changed their tracks (new AlbumRows: their
        counts and pooled suggestions are recomputed), still selected: the selection
        signal tells the detail panel to show the new rows."""
        kept = self._selection_keys()
        self.model.rebuild(positions)
        self._reselect(*kept)

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
        album = self.model.album_at(index.row())
        if album is not None and album.rows:
            self.album_opened.emit(album)

    def select_album(self, key: tuple[str, str]) -> bool:
        """Select (and show) the album of `key` (folder, album tag), if it is listed."""
        for i in range(self.model.rowCount()):
            album = self.model.album_at(i)
            if album is not None and album.rows and (album.folder, album.rows[0].album) == key:
                self.select_only(i)
                return True
        return False
