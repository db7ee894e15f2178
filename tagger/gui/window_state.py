"""What the main window remembers between runs (window.ini in the config folder):
its geometry, the splitter, the tables' columns and the filter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication

from tagger.paths import config_dir

DEFAULT_SIZE = (1360, 820)
DEFAULT_SPLIT = [900, 500]  # review pages | detail panel


def first_size(window) -> tuple[int, int]:
    """DEFAULT_SIZE, within the screen's free area (a 1280 x 800 screen, or a large font
    scale, left the status bar and the detail panel's right edge off the screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    free = screen.availableGeometry()
    return min(DEFAULT_SIZE[0], int(free.width() * 0.95)), min(DEFAULT_SIZE[1], int(free.height() * 0.9))


def window_settings() -> QSettings:
    d = config_dir()
    d.mkdir(parents=True, exist_ok=True)
    return QSettings(str(Path(d) / "window.ini"), QSettings.IniFormat)


def _saved(value) -> bool:
    return isinstance(value, QByteArray) and not value.isEmpty()


def restore_state(window, q: QSettings) -> None:
    """Apply the saved state to `window` (a MainWindow); the defaults where none is saved."""
    geometry = q.value("geometry")
    if _saved(geometry):
        window.restoreGeometry(geometry)
    else:  # the first run: the default size, or less on a small screen
        window.resize(*first_size(window))
    split = q.value("splitter")
    if _saved(split):
        window.splitter.restoreState(split)
    else:
        window.splitter.setSizes(DEFAULT_SPLIT)
    # by column key (columns.py); the header states of earlier versions are not read
    window.track_page.restore_header(q.value("columns/tracks"))
    window.album_page.restore_header(q.value("columns/albums"))
    window.filter_bar.restore_filter(q.value("filter", "all"))


def save_state(window, q: QSettings) -> None:
    q.setValue("geometry", window.saveGeometry())
    q.setValue("splitter", window.splitter.saveState())
    q.setValue("columns/tracks", window.track_page.header_state())
    q.setValue("columns/albums", window.album_page.header_state())
    q.setValue("filter", window.filter_bar.filter_key())
    q.sync()


def saved_roots(q: QSettings) -> list[str]:
    """The folders and files the window showed when it closed (those still there)."""
    value = q.value("library/roots")
    roots = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [r for r in roots if isinstance(r, str) and Path(r).exists()]


def save_roots(q: QSettings, roots: list[str]) -> None:
    q.setValue("library/roots", list(roots))
    q.sync()
