"""The review tables' columns: which ones show (right-click the header for the chooser),
their order, widths and the sort. Remembered by column key (window_state.py keeps the
layout as JSON in window.ini), so a column added in a later version never scrambles a
saved layout, and a layout saved by a later version loses only the columns it names
that this one lacks.

Until the user changes a width, the default layout follows the table's width: the text
columns share what the number and status columns leave, so "Will write" is on screen
at the default window size."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QTableView

from . import labels

MIN_ELASTIC = 56  # a shrunk text column still shows a few characters


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    width: int  # default width (px)
    visible: bool = True  # shown in the default layout
    elastic: bool = False  # gives up width so the default layout fits the pane
    # how readily an elastic column gives up width (its share of a shortfall per px of
    # its default width): the genre columns, what the app is for, give least
    give: float = 1.0
    texts: Callable[[], list[str]] | None = None  # what a fixed column must show whole


TRACK_COLUMNS = (
    ColumnSpec("artist", 110, elastic=True),
    ColumnSpec("album", 110, elastic=True),
    ColumnSpec("track", 30),
    ColumnSpec("title", 165, elastic=True),
    ColumnSpec("current", 100, elastic=True, give=0.5),
    ColumnSpec("suggested", 120, elastic=True, give=0.3),
    ColumnSpec("confidence", 72),
    ColumnSpec("status", 84, texts=labels.status_words),
    ColumnSpec("decision", 110, elastic=True),
    ColumnSpec("filename", 180, visible=False, elastic=True),
    ColumnSpec("folder", 200, visible=False, elastic=True),
    ColumnSpec("path", 300, visible=False, elastic=True),
    ColumnSpec("format", 60, visible=False),
    ColumnSpec("duration", 64, visible=False),
    ColumnSpec("bitrate", 76, visible=False),
    ColumnSpec("added", 130, visible=False),
)

ALBUM_COLUMNS = (
    ColumnSpec("artist", 150, elastic=True),
    ColumnSpec("album", 180, elastic=True),
    ColumnSpec("tracks", 55),
    ColumnSpec("current", 150, elastic=True, give=0.5),
    ColumnSpec("suggested", 150, elastic=True, give=0.3),
    ColumnSpec("confidence", 80),
    ColumnSpec("status", 120, elastic=True),
)


def shrunk(widths: dict[int, int], give: dict[int, float], room: int) -> dict[int, int]:
    """`widths` cut to fit `room` px: each column gives up its share of the shortfall in
    proportion to width x give, none below MIN_ELASTIC (a column that reaches it stops,
    and the others share the rest). Unchanged when they fit."""
    out = {i: float(w) for i, w in widths.items()}
    short = sum(widths.values()) - max(room, 0)
    giving = {i for i in widths if give.get(i, 1.0) > 0 and widths[i] > MIN_ELASTIC}
    while short > 0.5 and giving:
        weight = sum(widths[i] * give[i] for i in giving)
        per = short / weight
        floored = {i for i in giving if out[i] - widths[i] * give[i] * per <= MIN_ELASTIC}
        if not floored:
            for i in giving:
                out[i] -= widths[i] * give[i] * per
            break
        for i in floored:  # these stop at the floor; the others share what is left
            short -= out[i] - MIN_ELASTIC
            out[i] = MIN_ELASTIC
        giving -= floored
    return {i: max(MIN_ELASTIC, int(w)) for i, w in out.items()}


class ColumnLayout(QObject):
    """The columns of one table view: `specs` in the model's column order."""

    def __init__(self, view: QTableView, specs: tuple[ColumnSpec, ...]):
        super().__init__(view)
        self.view = view
        self.specs = specs
        self.keys = [s.key for s in specs]
        self.auto_fit = True  # the default widths follow the table's width
        self._fitting = False
        header = view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.menu().exec(header.mapToGlobal(pos)))
        header.sectionResized.connect(self._resized)

    # ------------------------------------------------------------ the chooser
    def title(self, index: int) -> str:
        return str(self.view.model().headerData(index, Qt.Horizontal, Qt.ToolTipRole) or "") or str(
            self.view.model().headerData(index, Qt.Horizontal, Qt.DisplayRole) or ""
        )

    def menu(self) -> QMenu:
        """A checkable entry per column (the last visible one cannot be hidden), and Reset."""
        menu = QMenu(self.view)
        menu.setObjectName("column-chooser")
        self.fill_chooser(menu)
        return menu

    def fill_sort_menu(self, menu: QMenu) -> None:
        """Review → Sort by: the visible columns, the one sorted by checked; choosing it
        again turns the order round (as a click on its header does)."""
        menu.clear()
        for old in menu.findChildren(QActionGroup):  # (clear() deletes the actions, not their group)
            old.deleteLater()
        header = self.view.horizontalHeader()
        group = QActionGroup(menu)
        for visual in range(header.count()):
            i = header.logicalIndex(visual)
            if header.isSectionHidden(i):
                continue
            sorted_here = header.sortIndicatorSection() == i
            a = menu.addAction(self.title(i))
            a.setCheckable(True)
            a.setChecked(sorted_here)
            a.setActionGroup(group)
            a.setData(self.keys[i])
            a.triggered.connect(lambda _=False, i=i: self.sort_by(i))

    def sort_by(self, index: int) -> None:
        header = self.view.horizontalHeader()
        same = header.sortIndicatorSection() == index
        order = header.sortIndicatorOrder()
        flipped = Qt.DescendingOrder if order == Qt.AscendingOrder else Qt.AscendingOrder
        self.view.sortByColumn(index, flipped if same else Qt.AscendingOrder)

    def fill_chooser(self, menu: QMenu) -> None:
        menu.clear()
        header = self.view.horizontalHeader()
        visible = [i for i in range(len(self.specs)) if not header.isSectionHidden(i)]
        for visual in range(header.count()):
            i = header.logicalIndex(visual)
            a = menu.addAction(self.title(i))
            a.setCheckable(True)
            a.setChecked(not header.isSectionHidden(i))
            a.setEnabled(not (visible == [i]))
            a.setData(self.keys[i])
            a.toggled.connect(lambda on, i=i: self.set_visible(i, on))
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset)

    def set_visible(self, index: int, on: bool) -> None:
        header = self.view.horizontalHeader()
        header.setSectionHidden(index, not on)
        if on and self.view.columnWidth(index) < 20:
            self.view.setColumnWidth(index, self.specs[index].width)
        if self.auto_fit:
            self.fit()

    def is_visible(self, key: str) -> bool:
        return not self.view.horizontalHeader().isSectionHidden(self.keys.index(key))

    # ------------------------------------------------------------ widths
    def _resized(self, _index: int, _old: int, _new: int) -> None:
        """A width the user dragged: from then on the layout is theirs (not fitted)."""
        from PySide6.QtWidgets import QApplication

        header = self.view.horizontalHeader()
        if not self._fitting and header.underMouse() and QApplication.mouseButtons() & Qt.LeftButton:
            self.auto_fit = False

    def fixed_width(self, index: int) -> int:
        """A number or status column: its default width, or what its title needs."""
        need = self.view.header_min_width(index) if hasattr(self.view, "header_min_width") else 0
        texts = self.specs[index].texts
        if texts is not None:  # the longest of them, in the language shown
            fm = self.view.fontMetrics()
            need = max([need, *(fm.horizontalAdvance(t) + 16 for t in texts())])
        return max(self.specs[index].width, need)

    def fit(self, available: int | None = None) -> None:
        """Default widths, the text columns shrunk (not below MIN_ELASTIC) so that the
        visible columns fit `available` px (default: the table's viewport): each gives
        up width in proportion to its default width times its `give`, so the genre
        columns keep more of theirs than artist, album and title."""
        header = self.view.horizontalHeader()
        width = available if available is not None else self.view.viewport().width()
        if width < 100:
            return
        shown = [i for i in range(len(self.specs)) if not header.isSectionHidden(i)]
        fixed = {i: self.fixed_width(i) for i in shown if not self.specs[i].elastic}
        elastic = {i: self.specs[i].width for i in shown if self.specs[i].elastic}
        room = width - sum(fixed.values()) - 2
        widths = shrunk(elastic, {i: self.specs[i].give for i in elastic}, room)
        self._fitting = True
        try:
            for i, w in fixed.items():
                self.view.setColumnWidth(i, w)
            for i, w in widths.items():
                self.view.setColumnWidth(i, w)
        finally:
            self._fitting = False

    # ------------------------------------------------------------ saving
    def state(self) -> dict:
        """{"columns": [{"key", "width", "visible"} in the order shown], "sort": [key, "asc"|"desc"]
        or None, "fit": whether the widths still follow the table}."""
        header = self.view.horizontalHeader()
        cols = []
        for visual in range(header.count()):
            i = header.logicalIndex(visual)
            cols.append({"key": self.keys[i], "width": header.sectionSize(i), "visible": not header.isSectionHidden(i)})
        sort = None
        if header.isSortIndicatorShown() and 0 <= header.sortIndicatorSection() < len(self.keys):
            order = "desc" if header.sortIndicatorOrder() == Qt.DescendingOrder else "asc"
            sort = [self.keys[header.sortIndicatorSection()], order]
        return {"columns": cols, "sort": sort, "fit": self.auto_fit}

    def restore(self, state: dict | None) -> None:
        """A saved state (unknown keys are ignored, columns it lacks get their defaults,
        after the columns it names); None or a broken state: the default layout."""
        self.reset(keep_sort=True)
        if not isinstance(state, dict) or not isinstance(state.get("columns"), list):
            return
        header = self.view.horizontalHeader()
        order = []
        for col in state["columns"]:
            if not isinstance(col, dict) or col.get("key") not in self.keys:
                continue
            i = self.keys.index(col["key"])
            order.append(i)
            header.setSectionHidden(i, not col.get("visible", True))
            width = col.get("width")
            if isinstance(width, int) and width > 0:
                self.view.setColumnWidth(i, width)
        if not any(not header.isSectionHidden(i) for i in range(len(self.keys))):
            header.setSectionHidden(0, False)
        order += [i for i in range(len(self.keys)) if i not in order]
        for visual, i in enumerate(order):
            header.moveSection(header.visualIndex(i), visual)
        self.auto_fit = bool(state.get("fit", False))
        sort = state.get("sort")
        if isinstance(sort, list) and len(sort) == 2 and sort[0] in self.keys:
            self.view.sortByColumn(
                self.keys.index(sort[0]), Qt.DescendingOrder if sort[1] == "desc" else Qt.AscendingOrder
            )

    def reset(self, keep_sort: bool = False) -> None:
        """The default columns, order and widths (fitted to the table)."""
        header = self.view.horizontalHeader()
        for i, spec in enumerate(self.specs):
            header.moveSection(header.visualIndex(i), i)
            header.setSectionHidden(i, not spec.visible)
            self.view.setColumnWidth(i, spec.width)
        self.auto_fit = True
        if not keep_sort:
            self.view.sortByColumn(-1, Qt.AscendingOrder)
        self.fit()

    def to_json(self) -> str:
        return json.dumps(self.state())

    def restore_json(self, text) -> None:
        try:
            state = json.loads(text) if isinstance(text, str) and text else None
        except ValueError:
            state = None
        self.restore(state)
