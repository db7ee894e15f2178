"""The album page ("Group by album"): one row per album of the tracks the filter and
search let through, with its pooled suggestion; a double-click opens its tracks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from tagger.review import AlbumRow, ReviewData, ReviewRow

from .columns import ALBUM_COLUMNS
from .review_model import AlbumTableModel
from .table_view import TablePage


class AlbumPage(TablePage):
    album_opened = Signal(object)  # AlbumRow (double-clicked)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(AlbumTableModel(), "albums", ALBUM_COLUMNS, parent)
        self.table.doubleClicked.connect(self._double_clicked)

    def set_data(self, data: ReviewData | None, rows: list[ReviewRow]) -> None:
        """Group `rows` (tracks of `data`) by album."""
        self.model.set_data(data, rows)

    def rebuild(self, rows: list[ReviewRow]) -> None:
        """The same albums after decisions changed their tracks."""
        self.model.rebuild(rows)

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
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return True
        return False
