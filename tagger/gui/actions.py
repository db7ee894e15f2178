"""The main window's actions, menus, toolbar and table context menu, built from the
tables below: to add a command, add one ActionSpec to ACTIONS (its slot is a method of
the window) and put its name where it belongs in MENUS, TOOLBAR or CONTEXT_MENU."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QStyle, QToolBar, QToolButton, QWidget

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
        "&Open folder…",
        "choose_folder",
        QKeySequence.Open,
        "Choose a music folder to scan and analyse",
        S.SP_DirOpenIcon,
    ),
    ActionSpec(
        "rescan",
        "&Rescan && analyse",
        "rescan",
        "F5",
        "Look for new or changed files and analyse what is not analysed yet",
        S.SP_BrowserReload,
    ),
    ActionSpec(
        "pause", "&Pause", "toggle_pause", None, "Pause or resume the analysis", S.SP_MediaPause, checkable=True
    ),
    ActionSpec(
        "cancel", "&Stop analysis", "cancel_analysis", None, "Stop the analysis (what is done is kept)", S.SP_MediaStop
    ),
    ActionSpec(
        "accept",
        "&Accept",
        "accept_selected",
        "A",
        "Accept the suggested genres for the selected tracks",
        S.SP_DialogApplyButton,
    ),
    ActionSpec(
        "override",
        "&Override…",
        "override_selected",
        "O",
        "Choose the genres yourself for the selected tracks",
        S.SP_FileDialogDetailedView,
    ),
    ActionSpec("skip", "S&kip", "skip_selected", "S", "Leave the selected tracks as they are", S.SP_DialogCancelButton),
    ActionSpec("clear", "&Undecide", "clear_selected", "Backspace", "Forget the decision for the selected tracks"),
    ActionSpec(
        "accept_all",
        "Accept all &above threshold",
        "accept_all_above_threshold",
        "Ctrl+Shift+A",
        "Accept every undecided suggestion (shown now) that reaches the confidence threshold",
        S.SP_DialogYesButton,
    ),
    ActionSpec(
        "album",
        "Apply album suggestion",
        "apply_album_suggestion",
        "B",
        "Give every track of the selected tracks' albums the album's pooled suggestion",
    ),
    ActionSpec(
        "write",
        "&Write tags…",
        "write_tags",
        QKeySequence.Save,
        "Write the genres into the files (shows exactly what changes first)",
        S.SP_DialogSaveButton,
    ),
    ActionSpec(
        "undo",
        "&Undo last write",
        "undo_last",
        QKeySequence.Undo,
        "Put back the genres the last write replaced",
        S.SP_ArrowBack,
    ),
    ActionSpec("history", "Write &history…", "show_history", "Ctrl+H", "Every write batch, with undo per batch"),
    ActionSpec(
        "settings",
        "&Settings…",
        "show_settings",
        QKeySequence.Preferences,
        "Model, device, threshold, write mode, genre vocabulary",
        fallback_shortcut="Ctrl+,",
    ),
    ActionSpec(
        "train",
        "&Train a model from my library…",
        "show_train",
        None,
        "Build a personal model from the genres you confirmed",
    ),
    ActionSpec("play", "Play / pause", "toggle_play", "Space", "Play or pause the selected track"),
    ActionSpec(
        "open_folder",
        "Open containing &folder",
        "open_containing_folder",
        None,
        "Show the selected track's file in the file manager",
    ),
    ActionSpec("copy_path", "&Copy path", "copy_paths", "Ctrl+Shift+C", "Copy the selected tracks' file paths"),
    ActionSpec(
        "reanalyse",
        "Re-&analyse",
        "reanalyse_selected",
        None,
        "Forget what the model heard in the selected tracks and analyse them again",
    ),
    ActionSpec(
        "remove",
        "&Remove from library…",
        "remove_selected",
        QKeySequence.Delete,
        "Take the selected tracks out of the library (the files stay)",
    ),
    ActionSpec("album_tracks", "Show album &tracks", "show_album_tracks", None, "Only the tracks of this album"),
    ActionSpec("in_albums", "Show in album &list", "show_in_albums", None, "The album list, with this album selected"),
    ActionSpec("search", "Find", "focus_search", QKeySequence.Find, "Search the table"),
    ActionSpec("next_undecided", "&Next undecided", "next_undecided", "N", "Go to the next track with no decision yet"),
    ActionSpec(
        "previous_undecided",
        "&Previous undecided",
        "previous_undecided",
        "Shift+N",
        "Go to the previous track with no decision yet",
    ),
    ActionSpec("quit", "&Quit", "close", QKeySequence.Quit),
    ActionSpec("guide", "User &guide", "show_guide", None, "How reviewing and writing work"),
    ActionSpec(
        "shortcuts",
        "&Keyboard shortcuts",
        "show_shortcuts",
        QKeySequence.HelpContents,
        "Every key of the app",
        fallback_shortcut="F1",
        more_shortcuts=("?",),
    ),
    ActionSpec("about", "&About Genre Tagger", "show_about"),
)

# In MENUS, TOOLBAR and CONTEXT_MENU: an action's name, or one of these
SEPARATOR = "-"
RECENT = "recent"  # the "Open recent" submenu
OPEN_BUTTON = "open-button"  # Open, with the recent folders as its drop-down
STRETCH = "stretch"  # what follows sits at the toolbar's right end

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("open", RECENT, "rescan", SEPARATOR, "open_folder", "copy_path", "remove", SEPARATOR, "quit")),
    (
        "&Review",
        (
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
        ),
    ),
    ("&Analysis", ("rescan", "pause", "cancel", SEPARATOR, "reanalyse")),
    ("&Tags", ("write", "undo", "history")),
    ("T&ools", ("settings", "train")),
    ("&Help", ("guide", "shortcuts", SEPARATOR, "about")),
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
    SEPARATOR,
    "write",
    "undo",
    STRETCH,
    "settings",
)
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


def make_action(window: QMainWindow, spec: ActionSpec) -> QAction:
    a = QAction(spec.text, window)
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
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
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


def build_menus(window: QMainWindow, actions: dict[str, QAction], recent_menu: QMenu) -> None:
    mb = window.menuBar()
    for title, items in MENUS:
        m = mb.addMenu(title)
        for item in items:
            if item == SEPARATOR:
                m.addSeparator()
            elif item == RECENT:
                m.addMenu(recent_menu)
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
    action.setText("Res&ume" if paused else "&Pause")
    style = action.parent().style()
    action.setIcon(style.standardIcon(S.SP_MediaPlay if paused else S.SP_MediaPause))
    tip = "Resume the analysis" if paused else "Pause the analysis"
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
        super().__init__("Open &recent", parent)
        self._folders = folders
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        recent = self._folders()
        if not recent:
            a = self.addAction("(no recent folders)")
            a.setEnabled(False)
            return
        for f in recent:
            a = self.addAction(_escape_mnemonic(f))
            a.setEnabled(Path(f).is_dir())
            a.triggered.connect(lambda checked=False, f=f: self.folder_chosen.emit(f))
        self.addSeparator()
        self.addAction("Clear the list", lambda: self.clear_requested.emit())


class MainToolBar(QToolBar):
    """The TOOLBAR items; Open is a button with the recent folders as its drop-down.
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
        for item in TOOLBAR:
            if item == OPEN_BUTTON:
                self.addWidget(self.open_button)
            elif item == SEPARATOR:
                self.addSeparator()
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
