"""The track page: one row per track (filter, search, sort), with the selection the
decision actions work on."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QWidget

from tagger.review import ReviewData, ReviewRow

from .columns import TRACK_COLUMNS
from .review_model import ReviewTableModel
from .table_view import TablePage


class TrackPage(TablePage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(ReviewTableModel(), "tracks", TRACK_COLUMNS, parent)
        self.table.setAccessibleName(self.tr("Tracks"))

    def set_data(self, data: ReviewData | None) -> None:
        self.model.set_data(data)

    def selected_rows(self) -> list[ReviewRow]:
        idxs = self.table.selectionModel().selectedRows()
        return [r for r in (self.model.row_at(i.row()) for i in sorted(idxs, key=lambda i: i.row())) if r]

    def current_row(self) -> ReviewRow | None:
        current = self.table.currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def visible_rows(self) -> list[ReviewRow]:
        return self.model.visible_rows()

    def select_track(self, track_id: int) -> bool:
        pos = self.model.position_of(track_id)
        if pos is None:
            return False
        self.select_only(pos)
        return True

    def reselect(self, ids: set[int], current: int | None) -> ReviewRow | None:
        """Select the tracks of `ids` again (after a reload); the row of `current`, made
        current again, is returned."""
        if not ids:
            return None
        sm = self.table.selectionModel()
        sel = QItemSelection()
        for tid in ids:
            pos = self.model.position_of(tid)
            if pos is not None:
                sel.select(self.model.index(pos, 0), self.model.index(pos, self.model.columnCount() - 1))
        sm.select(sel, QItemSelectionModel.ClearAndSelect)
        if current is not None and self.model.position_of(current) is not None:
            idx = self.model.index(self.model.position_of(current), 0)
            sm.setCurrentIndex(idx, QItemSelectionModel.NoUpdate)
            return self.model.row_at(idx.row())
        return None

    def advance(self) -> None:
        """After deciding one row, move to the next one (keyboard reviewing)."""
        idxs = self.table.selectionModel().selectedRows()
        if len(idxs) == 1 and idxs[0].row() + 1 < self.model.rowCount():
            self.select_only(idxs[0].row() + 1)

    def set_album_filter(self, album: tuple[str, str] | None, refilter: bool = True) -> None:
        """Only the tracks of one album (folder, album tag); None: every track."""
        self.model.album_filter = album
        if refilter:
            self.model.refilter()
