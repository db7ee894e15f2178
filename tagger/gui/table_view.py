"""The table view both review pages use (tracks, albums): row selection, sorting, a
context menu, and headers that stay readable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QVBoxLayout, QWidget

from .columns import ColumnLayout

READABLE_COLUMNS = ("confidence",)  # narrow numbers under a long title


class ReviewTableView(QTableView):
    def __init__(self, model, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"{name}-table")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.AscendingOrder)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.ElideRight)
        self.setTabKeyNavigation(False)  # rows are selected, not cells: Tab goes on to the details
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)
        # a title wider than its column shows its start (centred, it was cut at both ends:
        # "ırrent gen"), ending in "…"
        self.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.horizontalHeader().setTextElideMode(Qt.ElideRight)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.horizontalHeader().sectionResized.connect(lambda i, _old, new: self.keep_header_readable(i, new))

    def header_min_width(self, section: int) -> int:
        """Width that shows the header's whole title beside the sort arrow."""
        header = self.horizontalHeader()
        text = str(self.model().headerData(section, Qt.Horizontal, Qt.DisplayRole) or "")
        style = header.style()
        margin = style.pixelMetric(QStyle.PM_HeaderMargin, None, header)
        mark = style.pixelMetric(QStyle.PM_HeaderMarkSize, None, header)
        return header.fontMetrics().horizontalAdvance(text) + mark + 4 * margin + 8

    def keep_header_readable(self, section: int | None = None, width: int | None = None) -> None:
        model = self.model()
        sections = range(model.columnCount()) if section is None else (section,)
        for i in sections:
            columns = getattr(self, "columns", None)
            if columns is None or columns.keys[i] not in READABLE_COLUMNS:
                continue
            need = self.header_min_width(i)
            if (self.columnWidth(i) if width is None else width) < need:
                self.setColumnWidth(i, need)

    def set_columns(self, specs) -> None:
        """The column chooser, order, widths and sort (columns.py)."""
        self.columns = ColumnLayout(self, specs)

    def restore_header(self, state) -> None:
        """The saved column layout (JSON text from window.ini), else the default one."""
        self.columns.restore_json(state)
        self.keep_header_readable()

    def header_state(self) -> str:
        return self.columns.to_json()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        """Shift+F10 opens the context menu as the Menu key does (Qt knows only the Menu
        key, and many keyboards have none), beside the current row."""
        if event.key() == Qt.Key_F10 and event.modifiers() == Qt.ShiftModifier:
            index = self.currentIndex()
            if index.isValid():
                self.scrollTo(index)  # a current row scrolled out of view: the menu opens beside it, on screen
            area = self.viewport().rect()
            rect = self.visualRect(index).intersected(area) if index.isValid() else area
            rect = rect if not rect.isEmpty() else area
            self.customContextMenuRequested.emit(QPoint(rect.left() + 8, rect.center().y()))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event):  # noqa: N802 - Qt override
        """Tabbing to the table with nothing selected selects its current row (or the
        first): the keys that act on the selection (A, O, S) work at once. Qt only made a
        row current, so the first Down skipped a row. Focus given by the app (a folder
        opened) selects nothing and leaves no row current: the first Down selects the first row."""
        super().focusInEvent(event)
        model = self.model()
        if not model.rowCount() or self.selectionModel().hasSelection():
            return
        if event.reason() in (Qt.TabFocusReason, Qt.BacktabFocusReason, Qt.ShortcutFocusReason):
            index = model.index(max(self.currentIndex().row(), 0), 0)
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        elif event.reason() == Qt.OtherFocusReason:
            self.selectionModel().clearCurrentIndex()

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        columns = getattr(self, "columns", None)
        if columns is not None and columns.auto_fit:
            columns.fit()


class TablePage(QWidget):
    """A review page holding one table: its model, the view, and the selection and
    context-menu signals the window listens to (the track and album pages)."""

    selection_changed = Signal()
    context_menu_requested = Signal(QPoint)  # global position

    def __init__(self, model, key: str, columns, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        model.setParent(self)  # Qt owns it with the page, as the view does not
        self.table = ReviewTableView(self.model, key)
        self.table.set_columns(columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.context_menu_requested.emit(self.table.viewport().mapToGlobal(pos))
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())

    def select_only(self, row: int) -> None:
        """Select `row` alone and make it current, whatever keys are held (QTableView's
        selectRow extends the selection while Shift is down, as after Shift+N, and
        toggles it while Ctrl is)."""
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def restore_header(self, state) -> None:
        self.table.restore_header(state)

    def header_state(self) -> str:
        return self.table.header_state()
