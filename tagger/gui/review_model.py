"""Table models over tagger.review: rows are precomputed Python objects, so data() is a
few attribute reads; sorting and filtering happen on Python lists (no proxy model)."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from tagger.fsnames import one_line, readable
from tagger.review import (
    COLUMN_KEYS,
    COLUMNS,
    AlbumRow,
    ReviewData,
    ReviewRow,
    join_genres,
    sort_key_function,
    write_failed,
)
from tagger.review_index import RowView

from . import core_text, labels, roles, theme
from .labels import percent
from .widgets import fmt_time

STATUS_COLORS = ("accepted", "overridden", "skipped", "written", "failed")  # coloured (theme.COLORS)

ROW_ROLE = roles.ROW
RIGHT_ALIGNED = ("confidence", "track", "duration", "bitrate", "tracks")
MANY_ROWS = 2_000  # changed rows above which rows_changed repaints the whole table (only its visible part is painted)


def added_text(epoch: float | None) -> str:
    """A "Date added" in the user's locale (short date and time)."""
    if epoch is None:
        return ""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(epoch)), QLocale.ShortFormat)


def plain_tooltip(text: str) -> str:
    """Tooltips detect rich text: escape file text and mark it as HTML ourselves. File
    names that are not UTF-8 are shown readably (Qt would drop their bytes)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(readable(text)).replace("\n", "<br>") + "</p>"


def _status_text(row: ReviewRow) -> str:
    if row.status == "new" and not row.analysed and not row.error:
        return labels.status("not analysed")
    if row.status == "failed":  # one filter, two different problems: say which
        return labels.status("not written" if write_failed(row) else "unreadable")
    return labels.status(row.status)


class ReviewTableModel(QAbstractTableModel):
    """Tracks: filter + search + sort over ReviewData.rows."""

    counts_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data_: ReviewData | None = None
        self._view: RowView | list[ReviewRow] = []
        self.filter_key = "all"
        self.text = ""
        self.sort_column = -1
        self.sort_order = Qt.AscendingOrder
        self.album_filter: tuple[str, str] | None = None  # (folder, album tag)
        self._sorted_as: tuple | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    # ------------------------------------------------------------ contents
    def set_data(self, data: ReviewData | None) -> None:
        self.beginResetModel()
        self.data_ = data
        self._view = self._compute_view()
        self.endResetModel()
        self.counts_changed.emit()

    def _compute_view(self) -> RowView | list[ReviewRow]:
        if self.data_ is None:
            return []
        key = COLUMN_KEYS[self.sort_column] if 0 <= self.sort_column < len(COLUMN_KEYS) else None
        descending = self.sort_order == Qt.DescendingOrder
        # numpy columns (tagger.review_index): 100,000 rows in milliseconds
        order = self.data_.query_positions(self.filter_key, self.text, key, descending, album=self.album_filter)
        return RowView(self.data_.rows, order, self.data_.index.position)

    def _position_of(self, track_id: int) -> int | None:
        view = self._view
        if isinstance(view, RowView):
            return view.position_of(track_id)
        return next((i for i, r in enumerate(view) if r.id == track_id), None)

    def refilter(self) -> None:
        """Recompute the visible rows, keeping the selection where rows stay visible."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self._view[i.row()].id if 0 <= i.row() < len(self._view) else None, i.column()) for i in old]
        self._view = self._compute_view()
        new = []
        for tid, col in old_ids:
            pos = self._position_of(tid) if tid is not None else None
            new.append(self.index(pos, col) if pos is not None else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self.counts_changed.emit()

    def set_filter(self, key: str) -> None:
        self.filter_key = key
        self.refilter()

    def set_text(self, text: str) -> None:
        self.text = text.strip()
        self.refilter()

    def set_album_filter(self, album: tuple[str, str] | None) -> None:
        self.album_filter = album
        self.refilter()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # noqa: A003 - Qt API
        if self.data_ is not None and self._sorted_as == self._sort_state(column, order):
            return  # a click on a header asks twice (the sort indicator's signal, then the view)
        self.sort_column, self.sort_order = column, order
        if self.data_ is not None:
            self.refilter()
            self._sorted_as = self._sort_state(column, order)

    def _sort_state(self, column: int, order) -> tuple:
        """What the rows shown after a sort depend on: sorting again with all of it
        unchanged gives the same rows (10-40 ms of the window's thread at 100,000 rows)."""
        data = self.data_
        return (column, order, id(data), data.version if data else None, self.filter_key, self.text, self.album_filter)

    def rows_changed(self, rows: list[ReviewRow]) -> None:
        """Rows whose contents changed (decision, analysis result): repaint them; the
        view is recomputed only when asked (so rows don't jump away under the cursor)."""
        view = self._view
        if len(rows) > MANY_ROWS and len(view):  # where they are shown costs more than repainting all
            positions = [0, len(view) - 1]
        elif isinstance(view, RowView):
            shown = view.positions_of(r.id for r in rows)
            positions = [int(shown.min()), int(shown.max())] if len(shown) else []
        else:
            ids = {r.id for r in rows}
            positions = [i for i, r in enumerate(view) if r.id in ids]
        if positions:
            self.dataChanged.emit(self.index(min(positions), 0), self.index(max(positions), self.columnCount() - 1))
        self.counts_changed.emit()

    # ------------------------------------------------------------ access
    def row_at(self, row: int) -> ReviewRow | None:
        return self._view[row] if 0 <= row < len(self._view) else None

    def position_of(self, track_id: int) -> int | None:
        return self._position_of(track_id)

    def visible_rows(self) -> list[ReviewRow]:
        return list(self._view)

    def visible_positions(self) -> np.ndarray:
        """The rows shown as positions in data.rows (no list of 100,000 rows made)."""
        view = self._view
        return view.positions if isinstance(view, RowView) else np.empty(0, np.int64)  # [] without data

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=roles.DISPLAY):  # noqa: N802
        if orientation == roles.HORIZONTAL and 0 <= section < len(COLUMNS):
            if role == roles.DISPLAY:
                return labels.column_title(COLUMN_KEYS[section])
            if role == roles.TOOLTIP:  # the column chooser's names
                return labels.column_name(COLUMN_KEYS[section])
        return None

    def data(self, index, role=roles.DISPLAY):
        if not index.isValid():
            return None
        row = self._view[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == roles.DISPLAY:
            return self._display(row, key)
        if role == roles.ROW:
            return row
        if role == roles.TOOLTIP:
            return self._tooltip(row, key)
        if role == roles.FOREGROUND:
            if key == "status":
                return QBrush(QColor(theme.color(row.status))) if row.status in STATUS_COLORS else None
            if (
                key in ("suggested", "confidence")
                and row.confidence is not None
                and self.data_ is not None
                and row.confidence < self.data_.min_confidence
            ):
                return QBrush(QColor(theme.color("muted")))
            return None
        if role == roles.FONT:
            if (
                key in ("suggested", "confidence")
                and row.confidence is not None
                and self.data_ is not None
                and row.confidence < self.data_.min_confidence
            ):
                return self._italic
            return None
        if role == roles.ALIGNMENT and key in RIGHT_ALIGNED:
            return roles.RIGHT_ALIGNED
        return None

    def _display(self, row: ReviewRow, key: str):
        if key == "artist":
            return row.artist
        if key == "album":
            return row.album
        if key == "track":
            return "" if row.tracknumber is None else str(row.tracknumber)
        if key == "title":
            return row.display_title
        if key == "current":  # every chosen tag field (Settings -> Tags)
            if self.data_ is None:
                return join_genres(row.current)
            return labels.by_field([(f, join_genres(v)) for f, v in self.data_.current_by_field(row)])
        if key == "suggested":  # below the threshold: the best guess, greyed, is no suggestion
            text = join_genres(row.suggestion) or (f"({row.best_guess})" if row.best_guess else "")
            # the mood is written too (Settings → Tags)
            return text + (" · " + self.tr("mood: {mood}").format(mood=row.mood) if row.mood else "")
        if key == "confidence":
            return percent(row.confidence)
        if key == "status":
            return _status_text(row)
        if key == "decision":  # what the write would do (the write mode's rule)
            if self.data_ is None:
                return ""
            return labels.by_field([(f, core_text.text(text)) for f, _, text in self.data_.previews_by_field(row)])
        if key == "filename":
            return row.file_name
        if key == "folder":
            return one_line(row.folder)  # a name that is not UTF-8 as \xNN, a newline as \n
        if key == "path":
            return one_line(row.path)
        if key == "format":
            return (row.format or "").upper()
        if key == "duration":
            return fmt_time(row.duration) if row.duration else ""
        if key == "bitrate":
            return self.tr("{n} kbps").format(n=round(row.bitrate / 1000)) if row.bitrate else ""
        if key == "added":
            return added_text(row.added_at)
        return ""

    def _tooltip(self, row: ReviewRow, key: str) -> str:
        lines = [row.path]
        if row.error:
            lines.append(self.tr("Problem: {reason}").format(reason=core_text.text(row.error)))
        if key == "decision" and self.data_ is not None and row.decision in ("accepted", "overridden"):
            if not row.writable:
                lines.append(self.tr("Nothing will be written: the file cannot be read"))
            elif self.data_.kept_by_fill_mode(row):
                lines.append(
                    self.tr(
                        'Write mode "fill" only writes files without genres: this file keeps '
                        "{current} (your decision: {decision})"
                    ).format(current=join_genres(row.current), decision=join_genres(row.decision_genres))
                )
        if key in ("suggested", "confidence") and row.suggestion:
            lines.append(
                self.tr("Suggested: {genres}").format(
                    genres=", ".join(f"{g} {percent(s)}" for g, s in zip(row.suggestion, row.suggestion_scores))
                )
            )
        elif key in ("suggested", "confidence") and row.best_guess and self.data_ is not None:
            lines.append(
                self.tr(
                    "No suggestion: the best genre, {genre} ({score}), is below the {threshold} threshold. "
                    "Press O to give it (or another genre) yourself."
                ).format(
                    genre=row.best_guess, score=percent(row.confidence), threshold=percent(self.data_.min_confidence)
                )
            )
        return plain_tooltip("\n".join(lines))


ALBUM_COLUMNS = (
    ("artist", "Artist"),
    ("album", "Album"),
    ("tracks", "Tracks"),
    ("current", "Current genres"),
    ("suggested", "Album suggestion"),
    ("confidence", "Confidence"),
    ("status", "Status"),
)


class AlbumTableModel(QAbstractTableModel):
    """Albums: one row per (folder, album tag) with a suggestion pooled over its tracks."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data_: ReviewData | None = None
        self._albums: list[AlbumRow] = []
        self._view: list[AlbumRow] = []
        self.text = ""
        self.sort_column = -1
        self.sort_order = Qt.AscendingOrder
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_data(self, data: ReviewData | None, positions: np.ndarray | None = None) -> None:
        """The albums of the tracks at `positions` in data.rows (None: every track)."""
        self.set_albums(data, data.albums(positions=positions) if data is not None else [])

    def set_albums(self, data: ReviewData | None, albums: list[AlbumRow]) -> None:
        """Albums of `data` built already (ReviewData.album_parts)."""
        self.beginResetModel()
        self.data_ = data
        self._albums = albums
        self._view = self._compute_view()
        self.endResetModel()

    def rebuild(self, positions: np.ndarray | None = None) -> None:
        self.set_data(self.data_, positions)

    def _compute_view(self) -> list[AlbumRow]:
        words = self.text.casefold().split()
        view = [a for a in self._albums if all(w in a.haystack() for w in words)]
        if 0 <= self.sort_column < len(ALBUM_COLUMNS):
            key = ALBUM_COLUMNS[self.sort_column][0]
            fn = {
                "artist": lambda a: (a.artist.casefold(), a.album.casefold()),
                "album": lambda a: (a.album.casefold(), a.folder),
                "tracks": lambda a: len(a.rows),
                "current": lambda a: join_genres(a.current).casefold(),
                "suggested": lambda a: join_genres(a.suggestion).casefold(),
                "confidence": lambda a: (a.confidence is None, a.confidence or 0.0),
                "status": lambda a: a.status_text,
            }[key]
            view.sort(key=fn, reverse=self.sort_order == Qt.DescendingOrder)
        return view

    def set_text(self, text: str) -> None:
        self.beginResetModel()
        self.text = text.strip()
        self._view = self._compute_view()
        self.endResetModel()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # noqa: A003
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._view = self._compute_view()
        self.layoutChanged.emit()

    def album_at(self, row: int) -> AlbumRow | None:
        return self._view[row] if 0 <= row < len(self._view) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(ALBUM_COLUMNS)

    def headerData(self, section, orientation, role=roles.DISPLAY):  # noqa: N802
        if orientation == roles.HORIZONTAL and role == roles.DISPLAY and 0 <= section < len(ALBUM_COLUMNS):
            return labels.album_column_title(ALBUM_COLUMNS[section][0])
        return None

    def data(self, index, role=roles.DISPLAY):
        if not index.isValid():
            return None
        a = self._view[index.row()]
        key = ALBUM_COLUMNS[index.column()][0]
        if role == roles.DISPLAY:
            return {
                "artist": core_text.text(a.artist),  # "Various artists" in the app's language
                "album": core_text.text(a.album),  # "Downloads (folder)" in the app's language
                "tracks": str(len(a.rows)),
                "current": join_genres(a.current),
                # loose files grouped by folder are not an album: nothing to apply to them;
                # below the threshold, the best genre greyed (no suggestion), as for a track
                "suggested": self.tr("— (loose files)")
                if a.folder_group
                else join_genres(a.suggestion) or (f"({a.best_guess})" if a.best_guess else ""),
                "confidence": percent(a.confidence),
                "status": labels.status_counts(a.statuses),
            }[key]
        if role == roles.ROW:
            return a
        if role == roles.TOOLTIP:
            if a.folder_group:
                note = self.tr("No album suggestion to apply: {why}").format(why=labels.folder_group_note())
                return plain_tooltip(f"{a.folder}\n{note}")
            if key in ("suggested", "confidence") and self._below(a) and self.data_ is not None:
                note = self.tr(
                    "No album suggestion: the best genre of its tracks together, {genre} ({score}), is below "
                    "the {threshold} threshold."
                ).format(genre=a.best_guess, score=percent(a.confidence), threshold=percent(self.data_.min_confidence))
                return plain_tooltip(f"{a.folder}\n{note}")
            return plain_tooltip(a.folder)
        if role in (roles.FOREGROUND, roles.FONT) and key in ("suggested", "confidence") and self._below(a):
            if role == roles.FONT:
                return self._italic
            return QBrush(QColor(theme.color("muted")))
        if role == roles.ALIGNMENT and key in RIGHT_ALIGNED:
            return roles.RIGHT_ALIGNED
        return None

    def _below(self, a: AlbumRow) -> bool:
        """An album whose pooled best genre is below the threshold: no suggestion, its best
        genre and score shown greyed and in italics, as a track's are."""
        return (
            not a.folder_group
            and not a.suggestion
            and a.best_guess is not None
            and a.confidence is not None
            and self.data_ is not None
            and a.confidence < self.data_.min_confidence
        )


__all__ = [
    "ReviewTableModel",
    "AlbumTableModel",
    "ROW_ROLE",
    "plain_tooltip",
    "percent",
    "QPersistentModelIndex",
    "sort_key_function",
]
