"""Theme and language on real widgets: the dark theme (readable status colours, charts
drawn with the dark palette, switched live from Settings), and the app in German and
Spanish (translations chosen by the setting, plural forms right)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

import audio_fixtures  # noqa: E402
from gui_helpers import (  # noqa: E402
    analysed_template,
    close_window,
    copy_db,
    isolated_settings,
    open_window,
    wait_analysis,
    wait_idle,
)
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

FORMATS = ["mp3", "ogg", "flac"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("look-template")
    mp = pytest.MonkeyPatch()
    try:
        isolated_settings(d, mp)
        yield analysed_template(d, audio_fixtures.make_library, FORMATS)
    finally:
        mp.undo()


@pytest.fixture(autouse=True)
def _system_look_afterwards():
    """Later tests get the default look and English again."""
    yield
    from tagger.gui import i18n, theme

    app = QApplication.instance()
    if app is not None:
        theme.apply(app, "system")
        i18n.install("en")


def _window(qtbot, tmp_path, monkeypatch, template_db, **settings):
    isolated_settings(tmp_path, monkeypatch, **settings)
    audio_fixtures.make_library(tmp_path / "music", FORMATS)
    window = open_window(qtbot, tmp_path / "music", copy_db(template_db, tmp_path / "library.sqlite"))
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    return window


def _luminance(c: QColor) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _check_readable(window) -> None:
    """Text, status colours and the score bars stand out from their backgrounds."""
    from tagger.gui import theme

    pal = QApplication.palette()
    assert contrast(pal.color(QPalette.WindowText), pal.color(QPalette.Window)) >= 7
    assert contrast(pal.color(QPalette.Text), pal.color(QPalette.Base)) >= 7
    for status in ("accepted", "overridden", "skipped", "written", "failed"):
        for bg in (pal.color(QPalette.Base), pal.color(QPalette.AlternateBase)):
            assert contrast(QColor(theme.color(status)), bg) >= 3, status
    # the score bars as drawn: the best genre's bar is the highlight colour on the window
    scores = window.detail.scores
    qtbot_image = scores.grab().toImage()
    from tagger.gui.widgets import LABEL_WIDTH

    y = 2 + scores.BAR_H // 2
    bar = QColor(qtbot_image.pixel(LABEL_WIDTH + 2, y))
    assert bar == pal.color(QPalette.Highlight)
    assert contrast(bar, pal.color(QPalette.Window)) >= 2.5
    label = [QColor(qtbot_image.pixel(x, y)) for x in range(0, LABEL_WIDTH - 6)]
    assert max(contrast(c, pal.color(QPalette.Window)) for c in label) >= 4.5  # the genre's name


def test_dark_theme_is_readable(qtbot, tmp_path, monkeypatch, template_db):
    from tagger.gui import theme

    window = _window(qtbot, tmp_path, monkeypatch, template_db, theme="dark")
    assert theme.is_dark() and QApplication.instance().property("gt-look") == "dark"
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.row is not None and bool(window.detail.scores._items), timeout=10000)
    _check_readable(window)
    status_col = window.table.columns.keys.index("status")
    from tagger.app.decisions import decide_rows

    row = window.model.row_at(0)
    decide_rows(window.ctx.ws, window.review_data, [row], "skipped", None)
    brush = window.model.index(0, status_col).data(9)  # Qt.ForegroundRole
    assert brush.color().name() == theme.COLORS["skipped"][1]  # the light shade, on the dark table
    close_window(qtbot, window)


def test_theme_switched_live_from_settings(qtbot, tmp_path, monkeypatch, template_db):
    from tagger.config import Settings
    from tagger.gui import theme

    window = _window(qtbot, tmp_path, monkeypatch, template_db, theme="light")
    assert not theme.is_dark()
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.row is not None and bool(window.detail.scores._items), timeout=10000)
    _check_readable(window)
    note = window.detail.player_note
    assert note.styleSheet() == f"color: {theme.COLORS['warning'][0]};"

    window.show_settings()
    dlg = window.settings_dialog
    tab = dlg.appearance_tab
    tab.theme.setCurrentIndex(tab.theme.findData("dark"))
    dlg.accept()
    qtbot.wait(50)  # the palette change reaches every widget through the event loop
    assert theme.is_dark()
    assert Settings.load().theme == "dark"
    assert note.styleSheet() == f"color: {theme.COLORS['warning'][1]};"  # recoloured for the dark background
    _check_readable(window)
    close_window(qtbot, window)
