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
from PySide6.QtCore import Qt  # noqa: E402
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
    from tagger.gui.widgets import label_width

    left = label_width(scores)
    y = 2 + scores.bar_h() // 2
    bar = QColor(qtbot_image.pixel(left + 2, y))
    assert bar == pal.color(QPalette.Highlight)
    assert contrast(bar, pal.color(QPalette.Window)) >= 2.5
    label = [QColor(qtbot_image.pixel(x, y)) for x in range(0, left - 6)]
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


# ---------------------------------------------------------------------- languages
def test_language_is_chosen_from_the_setting_then_the_system():
    from tagger.gui.i18n import choose

    assert choose("", ["de-AT", "en-US"]) == "de"
    assert choose("", ["fr-FR", "es_419"]) == "es"
    assert choose("", ["fr-FR", "ja"]) == "en"  # no translation: English
    assert choose("es", ["de-DE"]) == "es"  # the Settings override wins
    assert choose("xx", ["de-DE"]) == "de"  # an unknown setting: as if none


def test_every_core_key_has_a_label():
    from tagger.gui import labels

    assert labels.missing() == []


def test_the_app_in_german(qtbot, tmp_path, monkeypatch, template_db):
    window = _window(qtbot, tmp_path, monkeypatch, template_db, language="de")
    assert QApplication.instance().property("gt-language") == "de"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:3] == ["&Datei", "&Prüfen", "&Analyse"]
    assert window.act_accept.text() == "&Annehmen"
    # the toolbar's shorter German labels keep it labelled at the default window size
    assert window.width() == 1360 and window.toolbar.toolButtonStyle() == Qt.ToolButtonTextBesideIcon
    assert window.act_accept_all.iconText() == "Alle annehmen"
    assert window.filter_combo.itemText(0) == "Alle Titel"
    assert window.model.headerData(0, Qt.Horizontal) == "Interpret"
    assert window.status_bar.counts_label.text().startswith("3 Titel")
    assert window.model.index(0, window.table.columns.keys.index("status")).data() == "neu"
    _detail_never_scrolls_sideways(qtbot, window)
    # plural forms: one file, several files
    from tagger.app.decisions import decide_rows

    rows = window.model.visible_rows()
    decide_rows(window.ctx.ws, window.review_data, rows[:1], "overridden", ["Jazz"])
    window.model.rows_changed(rows)
    window.write_tags()
    dlg = window.write_dialog
    qtbot.waitUntil(lambda: dlg.write_button.isEnabled(), timeout=20000)
    assert dlg.write_button.text() == "1 Datei schreiben"
    assert dlg.windowTitle() == "Genre-Tags schreiben"
    dlg.scope.setCurrentIndex(dlg.scope.findData("all"))
    qtbot.waitUntil(lambda: dlg.write_button.text() not in ("Schreiben", "1 Datei schreiben"), timeout=20000)
    n = len(dlg.changes)
    assert n > 1 and dlg.write_button.text() == f"{n} Dateien schreiben"
    buttons = dlg.buttons.buttons()
    assert "Abbrechen" in [b.text() for b in buttons]  # Qt's own strings are German too
    dlg.reject()
    window.act_guide.trigger()  # the guide in German too
    guide = window.guide_dialog
    assert guide.path.name == "guide.de.md" and "Vorschläge prüfen" in guide.browser.toPlainText()
    guide.close()
    close_window(qtbot, window)


def test_spanish_and_english_plurals(qtbot, tmp_path, monkeypatch, template_db):
    window = _window(qtbot, tmp_path, monkeypatch, template_db, language="es")
    assert window.act_open.text() == "&Abrir carpeta…"
    assert window.status_bar.counts_label.text().startswith("3 pistas")
    _detail_never_scrolls_sideways(qtbot, window)
    wait_idle(qtbot, window)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: len(window.table.selectionModel().selectedRows()) == 1, timeout=5000)
    window.copy_paths()
    assert window.status_bar.currentMessage() == "1 ruta copiada"
    close_window(qtbot, window)

    from tagger.gui import i18n

    i18n.install("en")
    window = _window(qtbot, tmp_path / "en", monkeypatch, template_db, language="en")
    window.table.selectRow(0)
    window.copy_paths()
    assert window.status_bar.currentMessage() == "Copied 1 path"  # not "1 path(s)"
    window.table.selectAll()
    window.copy_paths()
    assert window.status_bar.currentMessage() == "Copied 3 paths"
    assert window.status_bar.counts_label.text().startswith("3 tracks")
    close_window(qtbot, window)


def _detail_never_scrolls_sideways(qtbot, window) -> None:
    """At 1024 px, a selected track's details (the decision buttons, the note that there
    is no audio device) fit the panel's width: it scrolls up and down only."""
    from PySide6.QtWidgets import QScrollArea

    window.resize(1024, 700)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.row is not None, timeout=10000)
    qtbot.wait(100)
    scroll = window.detail.findChild(QScrollArea)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    assert not scroll.horizontalScrollBar().isVisible()


def test_counted_reasons_agree_with_their_number(qapp):
    """ "1 already hold these genres" was seen in the write dialog: each count says its
    reason in the right number, in every language."""
    from tagger.gui import i18n, labels

    i18n.install("en")
    assert labels.write_left_out("unchanged", 1) == "1 already holds these genres"
    assert labels.write_left_out("unchanged", 3) == "3 already hold these genres"
    assert labels.write_left_out("fill", 1) == "1 already has genres (fill mode)"
    i18n.install("de")
    assert labels.write_left_out("fill", 1) == "1 hat schon Genres (Modus füllen)"
    assert labels.write_left_out("fill", 2) == "2 haben schon Genres (Modus füllen)"
    i18n.install("es")
    assert labels.album_left_out("unanalysed", 2) == "2 aún sin analizar"
    assert labels.write_left_out("skipped", 1) == "1 omitida por ti"
    i18n.install("en")


def test_decision_steps_are_named_in_the_apps_language(qapp):
    """The library stores a decision step's name in English (the CLI shows it too); the
    app's Undo entry and status bar show every name the core makes in the app's language,
    in the right number, and the English as the core wrote it."""
    from PySide6.QtCore import QLocale

    from tagger.app.decisions import AcceptAll, album_step, describe
    from tagger.gui import i18n, labels

    names = [
        describe({("accepted", ("Jazz",)): [1, 2, 3]}),
        describe({("overridden", ("Jazz", "Blues")): [1]}),
        describe({("overridden", ("Jazz",)): [1], ("overridden", ("Rock",)): [2]}),
        describe({("skipped", ()): [1, 2]}),
        describe({("cleared", ()): [1]}),
        describe({("accepted", ("Jazz",)): [1], ("skipped", ()): [2]}),
        AcceptAll(0.6, groups={("accepted", ("Jazz",)): list(range(1200))}).what,
        album_step(12, 1),
        album_step(1, 2),
    ]
    assert all(labels.step_kind(n) is not None for n in names), names
    try:
        grouped = QLocale().toString(1200)  # %Ln: the system's digit grouping
        i18n.install("en")
        english = [labels.step_what(n) for n in names]
        assert english[:6] + english[7:] == names[:6] + names[7:]
        assert english[6] == f"accept all at 60% or more: {grouped} tracks"
        i18n.install("de")
        german = [labels.step_what(n) for n in names]
        assert german[0] == "3 Titel annehmen"
        assert german[1] == "Jazz; Blues für 1 Titel selbst wählen"
        assert german[6] == f"alle ab 60\u00a0% annehmen: {grouped} Titel"
        assert german[8] == "Albumvorschlag: 1 Titel aus 2 Alben"
        i18n.install("es")
        assert labels.step_what(names[3]) == "omitir 2 pistas"
        assert labels.step_what("something else") == "something else"  # a name of another making
    finally:
        i18n.install("en")


def test_percentages_are_written_one_way_in_each_language(qapp):
    """Scores, thresholds and step names: a whole percentage rounded down, "29%" in
    English and "29 %" (a no-break space) in German, the threshold boxes' suffix alike;
    a step named before the spelling changed ("60 %") reads as the others."""
    from tagger.gui import i18n, labels
    from tagger.gui.threshold_box import ThresholdBox

    try:
        i18n.install("en")
        assert [labels.percent(v) for v in (0.2999, 0.6, 1.0)] == ["29%", "60%", "100%"]
        assert labels.step_what("accept all at 60 % or more: 3 tracks") == "accept all at 60% or more: 3 tracks"
        assert ThresholdBox().spin.suffix() == "%"
        i18n.install("de")
        assert labels.percent(0.2999) == "29\u00a0%"
        assert ThresholdBox().spin.suffix() == "\u00a0%"
    finally:
        i18n.install("en")


def _indicator_contrast(qtbot, checked: bool, theme_name: str) -> float:
    """The highest contrast of a pixel of the box of a real "Group by album" check box
    (its outline, or the tick) with the window around it, as drawn."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    from tagger.gui import theme
    from tagger.gui.filter_bar import FilterBar

    theme.apply(QApplication.instance(), theme_name)
    bar = FilterBar()
    qtbot.addWidget(bar)
    box = bar.group_albums
    box.setChecked(checked)
    bar.show()
    qtbot.waitExposed(bar)
    opt = QStyleOptionButton()
    box.initStyleOption(opt)
    rect = box.style().subElementRect(QStyle.SE_CheckBoxIndicator, opt, box)
    img = box.grab().toImage()
    window = QApplication.palette().color(QPalette.Window)
    pixels = [
        img.pixelColor(x, y) for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1)
    ]
    return max(contrast(p, window) for p in pixels)


@pytest.mark.parametrize("theme_name", ["dark", "light"])
def test_the_group_by_album_box_stands_out_in_both_themes(qtbot, theme_name):
    """Its box was near black on the dark window (Fusion outlines it with a darker
    Window): now its outline and tick reach 3:1, WCAG's contrast for controls."""
    assert _indicator_contrast(qtbot, False, theme_name) >= 3
    assert _indicator_contrast(qtbot, True, theme_name) >= 3


def test_coloured_text_is_readable_on_both_themes(qapp):
    """Every meaning's colour (statuses, errors, warnings, a best guess below the
    threshold) has a contrast of at least 4.5:1 (WCAG AA) on the table's rows, its
    alternate rows and the window, in the light and the dark theme. A keyboard-only helper
    measured 1.7:1 for the greyed best guess (Qt's disabled text) and 3.3:1 for the orange
    warning."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QStyleFactory

    from tagger.gui import theme

    def luminance(c: QColor) -> float:
        def f(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * f(c.redF()) + 0.7152 * f(c.greenF()) + 0.0722 * f(c.blueF())

    def contrast(a: QColor, b: QColor) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    palettes = {"light": QStyleFactory.create("Fusion").standardPalette(), "dark": theme.dark_palette()}
    low = []
    for meaning, (light, dark) in theme.COLORS.items():
        for name, colour in (("light", light), ("dark", dark)):
            for role in (QPalette.Base, QPalette.AlternateBase, QPalette.Window):
                ratio = contrast(QColor(colour), palettes[name].color(role))
                if ratio < 4.5:
                    low.append((meaning, name, role.name, round(ratio, 2)))
    assert not low, low


def test_the_charts_grow_with_a_large_font(qapp):
    """An 18 pt font: the score bars, the genre timeline and the spectrogram's axes make
    room for their text (rows and labels of fixed pixel sizes clipped "Jazz" to "azz" and
    cut "threshold 20%" and "8 kHz"; found by a keyboard and large-font helper)."""
    import numpy as np
    from PySide6.QtGui import QFont, QFontMetrics

    from tagger.gui.widgets import GenreTimeline, ScoreBars, SpectrogramView, label_width

    font = QFont(qapp.font())
    font.setPointSize(18)
    fm = QFontMetrics(font)
    names = ["Jazz", "Easy Listening"]
    bars, timeline, spectrogram = ScoreBars(), GenreTimeline(), SpectrogramView()
    for chart in (bars, timeline, spectrogram):
        chart.setFont(font)
        chart.resize(520, 300)
    bars.set_scores(list(zip(names, (0.8, 0.1))), threshold=0.2)
    timeline.set_data(names, np.array([[0.9, 0.1], [0.1, 0.2]], np.float32), [0.0, 3.0], 3.0, 6.0)
    for chart in (bars, timeline):
        left = label_width(chart)
        assert fm.elidedText("Easy Listening", Qt.ElideRight, left - 8) == "Easy Listening"
    assert bars.bar_h() >= fm.height() and timeline.row_h() >= fm.height()
    assert bars.height() >= 2 * bars.bar_h() + fm.height()  # the threshold's label below the bars
    assert timeline.height() >= 2 * fm.height()
    plot = spectrogram.plot_rect()
    assert spectrogram.height() - plot.bottom() >= fm.height()  # the time axis' labels
    assert plot.left() == label_width(timeline)  # the time axes still line up
    for chart in (bars, timeline, spectrogram):
        assert not chart.grab().isNull()  # paints without error at that size
