"""Keyboard reviewing and the keyboard sheet: N / Shift+N go to the next / previous
undecided track (what counts as undecided is tagger.review's rule), and Help →
Keyboard shortcuts (F1 or ?) lists every key, read from the actions themselves so
the sheet never disagrees with what the keys do."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tagger.review import next_undecided

from .actions import MENUS, SEPARATOR
from .widgets import list_table


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutSheet", text)


# controls whose own keys are single keys: a combo box searches its items by letter and
# opens on Space, a check box or button is pressed by Space, a spin box or slider moves
_CONTROLS = (QComboBox, QAbstractButton, QAbstractSpinBox, QAbstractSlider)
_PLAIN_KEYS = (Qt.Key_Space, Qt.Key_Backspace, Qt.Key_Delete)
SPACE_PLAYS = "space-plays"  # a property: a control on which Space is the app's Play / pause


class ControlsKeepTheirKeys(QObject):
    """The review's single-key shortcuts (A, O, S, B, N, Space, Backspace) are window
    shortcuts, so they fired while a control had the focus: A on the "Show:" box
    accepted the selected track unseen, Space on "Group by album" played the track. A
    text box keeps its letters by itself (it claims them); this gives the controls the
    same: a key without Ctrl, Alt or Meta goes to the focused control. Keys with them
    (Ctrl+Z, Ctrl+O) and keys without text (F1, F5) stay shortcuts everywhere."""

    @classmethod
    def install(cls, window) -> ControlsKeepTheirKeys:
        """Watch every control of `window` (on each one, not the application: a Python
        filter on every event of the app would cost each paint of a 100,000-row table)."""
        guard = cls(window)
        for control in window.findChildren(QWidget):
            if isinstance(control, _CONTROLS):
                control.installEventFilter(guard)
        return guard

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.ShortcutOverride:  # (installed on controls only)
            if event.key() == Qt.Key_Space and watched.property(SPACE_PLAYS):
                return False  # the player's seek bar: Space is Play / pause there too
            mods = event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
            if not mods and (event.key() in _PLAIN_KEYS or event.text().isprintable() and event.text()):
                event.accept()  # the control takes the key: no shortcut fires
                return True
        return False


# keys that are not actions (what the table and the pages do by themselves)
OTHER_KEYS = (
    ("↑ / ↓", QT_TRANSLATE_NOOP("ShortcutSheet", "Previous / next track")),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Shift+↑ / Shift+↓, Ctrl+A"),
        QT_TRANSLATE_NOOP("ShortcutSheet", "Select several tracks / all"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Enter, double-click"),
        QT_TRANSLATE_NOOP("ShortcutSheet", "On the album list: the album's tracks"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutSheet", "Right-click"),
        QT_TRANSLATE_NOOP("ShortcutSheet", "The track menu; on the table header, the columns"),
    ),
)


class ReviewNavigation(QObject):
    def __init__(self, window):
        """`window`: the MainWindow (its pages and selection)."""
        super().__init__(window)
        self.window = window

    def go(self, forward: bool) -> None:
        """Select the next (or previous) undecided track, wrapping around; on the album
        list, the next album with an undecided track."""
        w = self.window
        if w.pages.showing_albums():
            self._go_album(forward)
            return
        page = w.track_page
        rows = page.visible_rows()
        current = page.current_row()
        pos = next_undecided(rows, w.model.position_of(current.id) if current is not None else None, forward)
        if pos is None:
            w.show_status(self.tr("No undecided track shown"), timeout=5000)
            return
        page.select_track(rows[pos].id)

    def _go_album(self, forward: bool) -> None:
        w = self.window
        model, table = w.album_model, w.album_table
        albums = [model.album_at(i) for i in range(model.rowCount())]
        current = table.currentIndex().row() if table.currentIndex().isValid() else None
        n = len(albums)
        step = 1 if forward else -1
        start = (-1 if forward else n) if current is None else current
        for k in range(1, n + 1):
            i = (start + step * k) % n
            if albums[i].statuses.get("new"):
                w.album_page.select_only(i)
                return
        w.show_status(self.tr("No album with an undecided track shown"), timeout=5000)


def key_text(action) -> str:
    """The action's keys as the platform writes them ("Ctrl+S", "⌘S"), joined by ", "."""
    return ", ".join(k.toString(QKeySequence.NativeText) for k in action.shortcuts() if not k.isEmpty())


def sheet_rows(actions) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(menu title, [(keys, what)])] of every action with a key, by menu, then the
    keys that are not actions."""
    out = []
    listed: set[str] = set()
    for title, items in MENUS:
        entries = []
        for name in items:
            if name == SEPARATOR or name not in actions or name in listed:
                continue
            keys = key_text(actions[name])
            if keys:
                listed.add(name)
                entries.append((keys, actions[name].text().replace("&&", "\0").replace("&", "").replace("\0", "&")))
        if entries:
            out.append((QCoreApplication.translate("Actions", title).replace("&", ""), entries))
    for name, a in actions.items():  # actions with a key but in no menu (Play, Find…)
        if name not in listed and key_text(a):
            out.append(("", [(key_text(a), a.text().replace("&", ""))]))
            listed.add(name)
    out.append((QCoreApplication.translate("ShortcutSheet", "Table"), [(_tr(k), _tr(what)) for k, what in OTHER_KEYS]))
    return out


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every key, by menu."""

    def __init__(self, actions, parent=None):
        super().__init__(parent)
        self.setObjectName("shortcuts-dialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 620)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.NoSelection)
        self.table.setShowGrid(False)
        # a sheet to read: it takes the focus so that Page Down, End and a screen reader
        # reach all of it (with no focus only the first screenful could be read); Tab leaves it
        list_table(self.table, self.tr("Keyboard shortcuts"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for group, entries in sheet_rows(actions):
            if group:
                r = self.table.rowCount()
                self.table.insertRow(r)
                head = QTableWidgetItem(group)
                font = head.font()
                font.setBold(True)
                head.setFont(font)
                self.table.setItem(r, 0, head)
                self.table.setSpan(r, 0, 1, 2)
            for keys, what in entries:
                r = self.table.rowCount()
                self.table.insertRow(r)
                self.table.setItem(r, 0, QTableWidgetItem(keys))
                self.table.setItem(r, 1, QTableWidgetItem(what))
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def entries(self) -> dict[str, str]:
        """what -> keys, as shown (for tests and scripts)."""
        out = {}
        for r in range(self.table.rowCount()):
            keys, what = self.table.item(r, 0), self.table.item(r, 1)
            if keys is not None and what is not None:
                out[what.text()] = keys.text()
        return out
