"""The review table's pages in one stacked widget: the start page (nothing to review),
the track page and the album page ("Group by album"), which one shows, and the
selection on it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QStackedWidget

from tagger.review import AlbumRow, ReviewData, ReviewRow

from .album_page import AlbumPage
from .start_page import StartPage
from .track_page import TrackPage


class ReviewPages(QStackedWidget):
    selection_changed = Signal()
    context_menu_requested = Signal(QPoint)  # global position
    open_requested = Signal()  # the start page's "Open your music folder…"
    folder_chosen = Signal(str)  # a recent folder on the start page
    guide_requested = Signal()  # the start page's guide link
    album_opened = Signal(object)  # AlbumRow double-clicked on the album page

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data: ReviewData | None = None
        self.grouped = False  # albums instead of tracks
        self.empty_page = self.start_page = StartPage()
        self.empty_page.open_requested.connect(self.open_requested)
        self.empty_page.folder_chosen.connect(self.folder_chosen)
        self.empty_page.guide_requested.connect(self.guide_requested)
        self.track_page = TrackPage()
        self.album_page = AlbumPage()
        self.album_page.album_opened.connect(self.album_opened)
        for page in (self.empty_page, self.track_page, self.album_page):
            self.addWidget(page)
        for page in (self.track_page, self.album_page):
            page.selection_changed.connect(self.selection_changed)
            page.context_menu_requested.connect(self.context_menu_requested)

    # ---------------------------------------------------------------- which page
    def showing_tracks(self) -> bool:
        return self.currentWidget() is self.track_page

    def showing_albums(self) -> bool:
        return self.currentWidget() is self.album_page

    def show_empty(self, text: str | None = None) -> None:
        self.setCurrentWidget(self.empty_page)
        self.empty_page.set_text(text)

    def _show_rows(self) -> None:
        """The album or the track page; the empty page when there are no rows."""
        if self.data is None or not self.data.rows:
            self.setCurrentWidget(self.empty_page)
        else:
            self.setCurrentWidget(self.album_page if self.grouped else self.track_page)

    def set_grouped(self, on: bool) -> None:
        self.grouped = on
        if on:
            self.album_page.set_data(self.data, self.album_source_positions())
        self._show_rows()

    # ---------------------------------------------------------------- rows
    def set_data(self, data: ReviewData, current: int | None, empty_text: str | None) -> ReviewRow | None:
        """Show `data` with the tracks selected before selected again; the row of
        `current` (a track id), made current again, is returned."""
        selected = {r.id for r in self.selected_rows()}
        self.data = data
        self.track_page.set_data(data)
        self.refresh_albums()
        self.setCurrentWidget(self.album_page if self.grouped else self.track_page)
        if not data.rows:
            self.show_empty(empty_text)
        return self.track_page.reselect(selected, current)

    def album_source_rows(self) -> list[ReviewRow]:
        """Tracks the album view groups: those the filter and search let through."""
        if self.data is None:
            return []
        model = self.track_page.model
        return self.data.query(model.filter_key, model.text)

    def album_source_positions(self):
        """album_source_rows as positions in data.rows (what ReviewData.albums groups
        fastest: no list of 100,000 rows to look up again)."""
        if self.data is None:
            return None
        model = self.track_page.model
        return self.data.query_positions(model.filter_key, model.text)

    def refresh_albums(self) -> None:
        """Group the tracks shown again (after the filter, search or rows changed)."""
        if self.grouped:
            self.album_page.set_data(self.data, self.album_source_positions())

    def rebuild_albums(self) -> None:
        """The same albums again, after decisions changed their tracks."""
        if self.grouped:
            self.album_page.rebuild(self.album_source_positions())

    def set_filter(self, key: str) -> None:
        self.track_page.model.set_filter(key)
        self.refresh_albums()

    def set_search(self, text: str) -> None:
        self.track_page.model.set_text(text)
        self.refresh_albums()

    def visible_rows(self) -> list[ReviewRow]:
        """The tracks shown: on the track page, else those the album page groups."""
        return self.track_page.visible_rows() if self.showing_tracks() else self.album_source_rows()

    def visible_positions(self):
        """visible_rows as positions in data.rows."""
        if self.showing_tracks():
            return self.track_page.model.visible_positions()
        positions = self.album_source_positions()
        return positions if positions is not None else np.empty(0, np.int64)

    # ---------------------------------------------------------------- selection
    def selected_rows(self) -> list[ReviewRow]:
        """The selected tracks, or the tracks of the selected albums."""
        if self.showing_albums():
            rows = []
            for a in self.selected_albums():
                rows.extend(a.rows)
            return rows
        if not self.showing_tracks():
            return []
        return self.track_page.selected_rows()

    def selected_albums(self) -> list[AlbumRow]:
        return self.album_page.selected_albums() if self.showing_albums() else []
