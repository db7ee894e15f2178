"""The main window's actions, menus, toolbar and table context menu, built from the
tables below: to add a command, add one ActionSpec to ACTIONS (its slot is a method of
the window) and put its name where it belongs in MENUS, TOOLBAR or CONTEXT_MENU."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QStyle, QToolBar, QToolButton, QWidget

from tagger.fsnames import readable

from .threshold_box import ThresholdBox

S = QStyle.StandardPixmap
Shortcut = str | QKeySequence.StandardKey | None


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the window gets it as act_<name>
    text: str
    slot: str  # name of the window's method the action calls (with no argument)
    shortcut: Shortcut = None
    tip: str = ""  # default: the text without "&" and "…"
    icon: QStyle.StandardPixmap | None = None
    checkable: bool = False
    fallback_shortcut: str | None = None  # when the platform has no standard key for it
    more_shortcuts: tuple[str, ...] = ()  # also work (e.g. Ctrl+Y beside the platform's Redo)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "open",
        QT_TRANSLATE_NOOP("Actions", "&Open folder…"),
        "choose_folder",
        QKeySequence.Open,
        QT_TRANSLATE_NOOP("Actions", "Choose a music folder to scan and analyse"),
        S.SP_DirOpenIcon,
    ),
    ActionSpec(
        "rescan",
        QT_TRANSLATE_NOOP("Actions", "&Rescan && analyse"),
        "rescan",
        "F5",
        QT_TRANSLATE_NOOP("Actions", "Look for new or changed files and analyse what is not analysed yet"),
        S.SP_BrowserReload,
    ),
    ActionSpec(
        "pause",
        QT_TRANSLATE_NOOP("Actions", "&Pause"),
        "toggle_pause",
        None,
        QT_TRANSLATE_NOOP("Actions", "Pause or resume the analysis"),
        S.SP_MediaPause,
        checkable=True,
    ),
    ActionSpec(
        "cancel",
        QT_TRANSLATE_NOOP("Actions", "&Stop analysis"),
        "cancel_analysis",
        None,
        QT_TRANSLATE_NOOP("Actions", "Stop the analysis (what is done is kept)"),
        S.SP_MediaStop,
    ),
    ActionSpec(
        "accept",
        QT_TRANSLATE_NOOP("Actions", "&Accept"),
        "accept_selected",
        "A",
        QT_TRANSLATE_NOOP("Actions", "Accept the suggested genres for the selected tracks"),
        S.SP_DialogApplyButton,
    ),
    ActionSpec(
        "override",
        QT_TRANSLATE_NOOP("Actions", "&Override…"),
        "override_selected",
        "O",
        QT_TRANSLATE_NOOP("Actions", "Choose the genres yourself for the selected tracks"),
        S.SP_FileDialogDetailedView,
    ),
    ActionSpec(
        "skip",
        QT_TRANSLATE_NOOP("Actions", "S&kip"),
        "skip_selected",
        "S",
        QT_TRANSLATE_NOOP("Actions", "Leave the selected tracks as they are"),
        S.SP_DialogCancelButton,
    ),
    ActionSpec(
        "clear",
        QT_TRANSLATE_NOOP("Actions", "Undeci&de"),
        "clear_selected",
        "Backspace",
        QT_TRANSLATE_NOOP("Actions", "Forget the decision for the selected tracks"),
    ),
    ActionSpec(
        "accept_all",
        QT_TRANSLATE_NOOP("Actions", "Accept a&ll above threshold"),
        "accept_all_above_threshold",
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Accept every undecided suggestion (shown now) that reaches the confidence threshold (asks first)",
        ),
        S.SP_DialogYesButton,
    ),
    ActionSpec(
        "undo_decision",
        QT_TRANSLATE_NOOP("Actions", "&Undo decision"),
        "undo_decision",
        QKeySequence.Undo,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Take back the last decision (an accept, override, skip, undecide, accept all or album suggestion)",
        ),
    ),
    ActionSpec(
        "redo_decision",
        QT_TRANSLATE_NOOP("Actions", "&Redo decision"),
        "redo_decision",
        QKeySequence.Redo,
        QT_TRANSLATE_NOOP("Actions", "Make the decision just undone again"),
        more_shortcuts=("Ctrl+Shift+Z", "Ctrl+Y"),
    ),
    ActionSpec(
        "album",
        QT_TRANSLATE_NOOP("Actions", "Apply album suggestion"),
        "apply_album_suggestion",
        "B",
        QT_TRANSLATE_NOOP("Actions", "Give every track of the selected tracks' albums the album's pooled suggestion"),
    ),
    ActionSpec(
        "write",
        QT_TRANSLATE_NOOP("Actions", "&Write tags…"),
        "write_tags",
        QKeySequence.Save,
        QT_TRANSLATE_NOOP("Actions", "Write the genres into the files (shows exactly what changes first)"),
        S.SP_DialogSaveButton,
    ),
    ActionSpec(
        "undo",
        QT_TRANSLATE_NOOP("Actions", "&Undo last write…"),
        "undo_last",
        "Ctrl+Alt+Z",  # Ctrl+Z is Undo decision: taking back a write is never one slip away
        QT_TRANSLATE_NOOP("Actions", "Put back the genres the last write replaced in the files (asks first)"),
        S.SP_ArrowBack,
    ),
    ActionSpec(
        "history",
        QT_TRANSLATE_NOOP("Actions", "Write &history…"),
        "show_history",
        "Ctrl+H",
        QT_TRANSLATE_NOOP("Actions", "Every write batch, with undo per batch"),
    ),
    ActionSpec(
        "settings",
        QT_TRANSLATE_NOOP("Actions", "&Settings…"),
        "show_settings",
        QKeySequence.Preferences,
        QT_TRANSLATE_NOOP("Actions", "Model, device, threshold, write mode, genre vocabulary"),
        fallback_shortcut="Ctrl+,",
    ),
    ActionSpec(
        "train",
        QT_TRANSLATE_NOOP("Actions", "&Train a model from my library…"),
        "show_train",
        None,
        QT_TRANSLATE_NOOP("Actions", "Build a personal model from the genres you confirmed"),
    ),
    ActionSpec(
        "play",
        QT_TRANSLATE_NOOP("Actions", "Play / pause"),
        "toggle_play",
        "Space",
        QT_TRANSLATE_NOOP("Actions", "Play or pause the selected track"),
    ),
    ActionSpec(
        "open_folder",
        QT_TRANSLATE_NOOP("Actions", "Open containing &folder"),
        "open_containing_folder",
        None,
        QT_TRANSLATE_NOOP("Actions", "Show the selected track's file in the file manager"),
    ),
    ActionSpec(
        "copy_path",
        QT_TRANSLATE_NOOP("Actions", "&Copy path"),
        "copy_paths",
        "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("Actions", "Copy the selected tracks' file paths"),
    ),
    ActionSpec(
        "reanalyse",
        QT_TRANSLATE_NOOP("Actions", "Re-a&nalyse"),
        "reanalyse_selected",
        None,
        QT_TRANSLATE_NOOP("Actions", "Forget what the model heard in the selected tracks and analyse them again"),
    ),
    ActionSpec(
        "remove",
        QT_TRANSLATE_NOOP("Actions", "Re&move from library…"),
        "remove_selected",
        QKeySequence.Delete,
        QT_TRANSLATE_NOOP("Actions", "Take the selected tracks out of the library (the files stay)"),
    ),
    ActionSpec(
        "album_tracks",
        QT_TRANSLATE_NOOP("Actions", "Show album &tracks"),
        "show_album_tracks",
        None,
        QT_TRANSLATE_NOOP("Actions", "Only the tracks of this album"),
    ),
    ActionSpec(
        "in_albums",
        QT_TRANSLATE_NOOP("Actions", "Show in album &list"),
        "show_in_albums",
        None,
        QT_TRANSLATE_NOOP("Actions", "The album list, with this album selected"),
    ),
    ActionSpec(
        "search",
        QT_TRANSLATE_NOOP("Actions", "Find"),
        "focus_search",
        QKeySequence.Find,
        QT_TRANSLATE_NOOP("Actions", "Search the table"),
    ),
    ActionSpec(
        "next_undecided",
        QT_TRANSLATE_NOOP("Actions", "&Next undecided"),
        "next_undecided",
        "N",
        QT_TRANSLATE_NOOP("Actions", "Go to the next track with no decision yet"),
    ),
    ActionSpec(
        "previous_undecided",
        QT_TRANSLATE_NOOP("Actions", "&Previous undecided"),
        "previous_undecided",
        "Shift+N",
        QT_TRANSLATE_NOOP("Actions", "Go to the previous track with no decision yet"),
    ),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "close", QKeySequence.Quit),
    ActionSpec(
        "guide",
        QT_TRANSLATE_NOOP("Actions", "User &guide"),
        "show_guide",
        None,
        QT_TRANSLATE_NOOP("Actions", "How reviewing and writing work"),
    ),
    ActionSpec(
        "shortcuts",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
        "show_shortcuts",
        QKeySequence.HelpContents,
        QT_TRANSLATE_NOOP("Actions", "Every key of the app"),
        fallback_shortcut="F1",
        more_shortcuts=("?",),
    ),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About Genre Tagger"), "show_about"),
)

# In MENUS, TOOLBAR and CONTEXT_MENU: an action's name, or one of these
SEPARATOR = "-"
RECENT = "recent"  # the "Open recent" submenu
SORT = "sort"  # the "Sort by" submenu: the table's columns (what a click on a header does)
COLUMNS = "columns"  # the "Columns" submenu: the column chooser (the header's right-click menu)
SUBMENU_TEXTS = {
    SORT: QT_TRANSLATE_NOOP("Actions", "Sort &by"),
    COLUMNS: QT_TRANSLATE_NOOP("Actions", "Colu&mns"),
}
OPEN_BUTTON = "open-button"  # Open, with the recent folders as its drop-down
STRETCH = "stretch"  # what follows sits at the toolbar's right end
THRESHOLD = "threshold"  # the confidence threshold (threshold_box.py), beside Accept all

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("Actions", "&File"),
        ("open", RECENT, "rescan", SEPARATOR, "open_folder", "copy_path", "remove", SEPARATOR, "quit"),
    ),
    (
        QT_TRANSLATE_NOOP("Actions", "&Review"),
        (
            "undo_decision",
            "redo_decision",
            SEPARATOR,
            "next_undecided",
            "previous_undecided",
            SEPARATOR,
            "accept",
            "override",
            "skip",
            "clear",
            SEPARATOR,
            "accept_all",
            "album",
            SEPARATOR,
            "play",
            "search",
            SEPARATOR,
            SORT,
            COLUMNS,
        ),
    ),
    (QT_TRANSLATE_NOOP("Actions", "&Analysis"), ("rescan", "pause", "cancel", SEPARATOR, "reanalyse")),
    (QT_TRANSLATE_NOOP("Actions", "&Tags"), ("write", "undo", "history")),
    (QT_TRANSLATE_NOOP("Actions", "T&ools"), ("settings", "train")),
    (QT_TRANSLATE_NOOP("Actions", "&Help"), ("guide", "shortcuts", SEPARATOR, "about")),
)
TOOLBAR = (
    OPEN_BUTTON,
    "rescan",
    "pause",
    "cancel",
    SEPARATOR,
    "accept",
    "override",
    "skip",
    "accept_all",
    THRESHOLD,
    SEPARATOR,
    "write",
    "undo",
    STRETCH,
    "settings",
)
# The toolbar's labels: their own context, so a language whose words are longer can keep
# the labelled toolbar at the default window width with shorter ones
TOOLBAR_TEXTS = {
    "open": QT_TRANSLATE_NOOP("Toolbar", "Open folder"),
    "rescan": QT_TRANSLATE_NOOP("Toolbar", "Rescan && analyse"),
    "pause": QT_TRANSLATE_NOOP("Toolbar", "Pause"),
    "resume": QT_TRANSLATE_NOOP("Toolbar", "Resume"),
    "cancel": QT_TRANSLATE_NOOP("Toolbar", "Stop analysis"),
    "accept": QT_TRANSLATE_NOOP("Toolbar", "Accept"),
    "override": QT_TRANSLATE_NOOP("Toolbar", "Override"),
    "skip": QT_TRANSLATE_NOOP("Toolbar", "Skip"),
    "accept_all": QT_TRANSLATE_NOOP("Toolbar", "Accept all above threshold"),
    "write": QT_TRANSLATE_NOOP("Toolbar", "Write tags"),
    "undo": QT_TRANSLATE_NOOP("Toolbar", "Undo last write"),
    "settings": QT_TRANSLATE_NOOP("Toolbar", "Settings"),
}
CONTEXT_MENU = (
    "accept",
    "override",
    "skip",
    "clear",
    SEPARATOR,
    "album",
    "album_tracks",
    "in_albums",
    SEPARATOR,
    "play",
    "open_folder",
    "copy_path",
    SEPARATOR,
    "reanalyse",
    "remove",
)
DECISION_ACTIONS = ("accept", "override", "skip")  # the detail panel's buttons


def tr_action(text: str) -> str:
    """A text of the tables above in the app's language."""
    return QCoreApplication.translate("Actions", text)


_tr = tr_action


def make_action(window: QMainWindow, spec: ActionSpec) -> QAction:
    a = QAction(_tr(spec.text), window)
    shortcut = QKeySequence(spec.shortcut) if spec.shortcut else None
    if shortcut is not None:
        a.setShortcut(shortcut)
        a.setShortcutContext(Qt.WindowShortcut)
        if a.shortcut().isEmpty() and spec.fallback_shortcut:
            a.setShortcut(QKeySequence(spec.fallback_shortcut))
        if spec.more_shortcuts:
            keys = list(a.shortcuts())
            keys += [k for k in map(QKeySequence, spec.more_shortcuts) if k not in keys]
            a.setShortcuts(keys)
    if spec.icon is not None:
        a.setIcon(window.style().standardIcon(spec.icon))
    if spec.name in TOOLBAR_TEXTS:
        a.setIconText(QCoreApplication.translate("Toolbar", TOOLBAR_TEXTS[spec.name]))
    tip = _tr(spec.tip) if spec.tip else _tr(spec.text).replace("&", "").rstrip("…")
    if shortcut is not None:
        tip += f" ({shortcut.toString(QKeySequence.NativeText)})"
    a.setToolTip(tip)
    a.setStatusTip(tip)
    a.setCheckable(spec.checkable)
    slot = getattr(window, spec.slot)
    a.triggered.connect(lambda checked=False: slot())
    window.addAction(a)  # shortcuts work while the window has focus, menus or not
    return a


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """Every action of ACTIONS, also set on the window as act_<name>."""
    actions = {}
    for spec in ACTIONS:
        actions[spec.name] = a = make_action(window, spec)
        setattr(window, f"act_{spec.name}", a)
    return actions


def build_menus(window: QMainWindow, actions: dict[str, QAction], recent_menu: QMenu, columns=None) -> None:
    """The menu bar. `columns()`: the ColumnLayout of the table shown, for Sort by and
    Columns (the keyboard's way to what the table's header does with the mouse)."""
    mb = window.menuBar()
    for title, items in MENUS:
        m = mb.addMenu(_tr(title))
        for item in items:
            if item == SEPARATOR:
                m.addSeparator()
            elif item == RECENT:
                m.addMenu(recent_menu)
            elif item in SUBMENU_TEXTS:
                if columns is not None:
                    sub = m.addMenu(_tr(SUBMENU_TEXTS[item]))
                    sub.setObjectName(f"{item}-menu")
                    fill = (lambda s=sub: columns().fill_sort_menu(s)) if item == SORT else None
                    fill = fill or (lambda s=sub: columns().fill_chooser(s))
                    sub.aboutToShow.connect(fill)
            else:
                m.addAction(actions[item])


def context_menu(parent: QWidget, actions: dict[str, QAction]) -> QMenu:
    """The CONTEXT_MENU entries that apply where it opens (hidden actions are left out)."""
    menu = QMenu(parent)
    menu.setObjectName("table-context-menu")
    for item in CONTEXT_MENU:
        if item == SEPARATOR:
            menu.addSeparator()
        elif actions[item].isVisible():
            menu.addAction(actions[item])
    return menu


def show_paused(action: QAction, paused: bool) -> None:
    """The Pause action reads and looks like what it does next: Resume (play icon)
    while paused, Pause (pause icon) otherwise."""
    action.setChecked(paused)
    action.setText(
        QCoreApplication.translate("Actions", "Res&ume") if paused else QCoreApplication.translate("Actions", "&Pause")
    )
    action.setIconText(QCoreApplication.translate("Toolbar", TOOLBAR_TEXTS["resume" if paused else "pause"]))
    style = action.parent().style()
    action.setIcon(style.standardIcon(S.SP_MediaPlay if paused else S.SP_MediaPause))
    tip = (
        QCoreApplication.translate("Actions", "Resume the analysis")
        if paused
        else QCoreApplication.translate("Actions", "Pause the analysis")
    )
    action.setToolTip(tip)
    action.setStatusTip(tip)


def _escape_mnemonic(text: str) -> str:
    return text.replace("&", "&&")


class RecentFoldersMenu(QMenu):
    """ "Open recent": the folders folders() returns (those gone are disabled), and
    "Clear the list"."""

    folder_chosen = Signal(str)
    clear_requested = Signal()

    def __init__(self, folders: Callable[[], Sequence[str]], parent: QWidget | None = None):
        super().__init__(self.tr("Open rec&ent"), parent)
        self._folders = folders
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        recent = self._folders()
        if not recent:
            a = self.addAction(self.tr("(no recent folders)"))
            a.setEnabled(False)
            return
        for f in recent:
            a = self.addAction(_escape_mnemonic(readable(f)))
            a.setEnabled(Path(f).is_dir())
            a.triggered.connect(lambda checked=False, f=f: self.folder_chosen.emit(f))
        self.addSeparator()
        self.addAction(self.tr("Clear the list"), lambda: self.clear_requested.emit())


class MainToolBar(QToolBar):
    """The TOOLBAR items; Open is a button with the recent folders as its drop-down, and
    the confidence threshold sits beside Accept all (`threshold_box`).
    Narrower than text_width (what the labelled buttons need), it shows icons only
    (each has a tooltip) rather than half the buttons hidden in its » menu."""

    def __init__(self, actions: dict[str, QAction], recent_menu: QMenu, parent: QWidget | None = None):
        super().__init__("Main", parent)
        self.setObjectName("main-toolbar")
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.setMovable(False)
        self.open_button = QToolButton()
        self.open_button.setDefaultAction(actions["open"])
        self.open_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.open_button.setPopupMode(QToolButton.MenuButtonPopup)
        self.open_button.setMenu(recent_menu)
        self.threshold_box = ThresholdBox()
        for item in TOOLBAR:
            if item == OPEN_BUTTON:
                self.addWidget(self.open_button)
            elif item == SEPARATOR:
                self.addSeparator()
            elif item == THRESHOLD:
                self.addWidget(self.threshold_box)
            elif item == STRETCH:
                spacer = QWidget()
                spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
                self.addWidget(spacer)
            else:
                self.addAction(actions[item])
        self.text_width = self.sizeHint().width() + 16

    def fit(self, window_width: int) -> None:
        style = Qt.ToolButtonTextBesideIcon if window_width >= self.text_width else Qt.ToolButtonIconOnly
        if self.toolButtonStyle() != style:
            self.setToolButtonStyle(style)
            self.open_button.setToolButtonStyle(style)
