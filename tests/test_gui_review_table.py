"""The review table as a user drives it, on real files and a real library: the columns
(chooser, what they show, kept between runs), the context menu on tracks, drag and
drop, N / Shift+N, and every view following an album action."""

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
from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QContextMenuEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

FORMATS = ["mp3", "ogg", "flac"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    """One analysis of the fixture files for the whole module (see analysed_template)."""
    d = tmp_path_factory.mktemp("table-template")
    mp = pytest.MonkeyPatch()
    try:
        isolated_settings(d, mp)
        yield analysed_template(d, audio_fixtures.make_library, FORMATS)
    finally:
        mp.undo()


def _window(qtbot, tmp_path, template_db, music=None):
    db = tmp_path / "library.sqlite"
    if not db.exists():
        copy_db(template_db, db)
    window = open_window(qtbot, music or tmp_path / "music", db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    return window


def _setup(qtbot, tmp_path, monkeypatch, template_db, **settings):
    isolated_settings(tmp_path, monkeypatch, **settings)
    files = audio_fixtures.make_library(tmp_path / "music", FORMATS)
    return _window(qtbot, tmp_path, template_db), files


def _popup_actions(qtbot, trigger) -> list[str]:
    """Open a popup menu by `trigger` (a real click), read its entries, close it."""
    seen: list[str] = []

    def grab():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
            menu.close()
        else:
            QTimer.singleShot(20, grab)

    QTimer.singleShot(20, grab)
    trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    return seen


def _right_click(widget, pos: QPoint) -> None:
    """What a right click delivers to a widget: a context menu event at `pos`."""
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Mouse, pos, widget.mapToGlobal(pos)))


def _drag_edge(qtbot, table, key: str, width: int) -> None:
    """Drag the right edge of a column's header with the mouse until it is `width` wide."""
    header = table.horizontalHeader()
    i = table.columns.keys.index(key)
    edge = header.sectionViewportPosition(i) + header.sectionSize(i) - 1
    y = header.height() // 2
    vp = header.viewport()
    QTest.mouseMove(vp, QPoint(edge, y))
    QTest.mousePress(vp, Qt.LeftButton, Qt.NoModifier, QPoint(edge, y))
    QTest.mouseMove(vp, QPoint(edge + width - header.sectionSize(i), y))
    QTest.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, QPoint(edge + width - header.sectionSize(i), y))
    qtbot.waitUntil(lambda: header.sectionSize(i) == width, timeout=2000)


def _header_x(table, key: str) -> int:
    header = table.horizontalHeader()
    i = table.columns.keys.index(key)
    return header.sectionViewportPosition(i) + header.sectionSize(i) // 2


# ---------------------------------------------------------------------- columns
def test_default_columns_fit_the_default_window(qtbot, tmp_path, monkeypatch, template_db):
    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db)
    assert (window.width(), window.height()) == (1360, 820)
    table = window.table
    header = table.horizontalHeader()
    shown = [k for k in table.columns.keys if table.columns.is_visible(k)]
    assert shown == ["artist", "album", "track", "title", "current", "suggested", "confidence", "status", "decision"]
    right = max(
        header.sectionViewportPosition(i) + header.sectionSize(i)
        for i in range(header.count())
        if not header.isSectionHidden(i)
    )
    assert right <= table.viewport().width()  # "Will write" included, no scrolling
    will_write = table.columns.keys.index("decision")
    assert header.sectionViewportPosition(will_write) + 40 <= table.viewport().width()
    close_window(qtbot, window)


def test_column_chooser_and_the_layout_is_kept(qtbot, tmp_path, monkeypatch, template_db):
    window, files = _setup(qtbot, tmp_path, monkeypatch, template_db)
    table = window.table
    header = table.horizontalHeader()
    # a right click on the header opens the chooser: every column, and Reset
    entries = _popup_actions(qtbot, lambda: _right_click(header.viewport(), QPoint(_header_x(table, "title"), 5)))
    assert {"Artist", "File name", "Folder", "Path", "Format", "Duration", "Bitrate", "Date added"} <= set(entries)
    assert "Reset columns" in entries
    menu = table.columns.menu()
    for action in menu.actions():
        if action.data() in ("filename", "bitrate", "format"):
            action.trigger()
    assert table.columns.is_visible("filename") and table.columns.is_visible("bitrate")

    rows = window.model.visible_rows()
    col = {k: i for i, k in enumerate(table.columns.keys)}
    by_name = {r.file_name: r for r in rows}
    assert set(by_name) == {p.name for p in files.values()}
    for r in rows:
        pos = window.model.position_of(r.id)
        assert window.model.index(pos, col["filename"]).data() == r.file_name
        assert window.model.index(pos, col["format"]).data() == r.format.upper()
        kbps = window.model.index(pos, col["bitrate"]).data()
        assert kbps.endswith(" kbps") and int(kbps.split()[0]) > 8

    # move File name first, widen it, sort by bitrate (descending), hide Album
    header.moveSection(header.visualIndex(col["filename"]), 0)
    _drag_edge(qtbot, table, "filename", 222)  # a user's drag: the layout is theirs now
    assert not table.columns.auto_fit
    table.sortByColumn(col["bitrate"], Qt.DescendingOrder)
    rates = [r.bitrate for r in window.model.visible_rows()]
    assert rates == sorted(rates, reverse=True)
    table.columns.set_visible(col["album"], False)
    order_before = [window.model.row_at(i).id for i in range(window.model.rowCount())]
    close_window(qtbot, window)

    again = _window(qtbot, tmp_path, template_db)
    t2 = again.table
    h2 = t2.horizontalHeader()
    assert h2.logicalIndex(0) == col["filename"]
    assert t2.columnWidth(col["filename"]) == 222
    assert not t2.columns.is_visible("album") and t2.columns.is_visible("bitrate")
    assert h2.sortIndicatorSection() == col["bitrate"] and h2.sortIndicatorOrder() == Qt.DescendingOrder
    assert [again.model.row_at(i).id for i in range(again.model.rowCount())] == order_before

    # Reset: the default columns again
    t2.columns.reset()
    assert t2.columns.is_visible("album") and not t2.columns.is_visible("filename")
    assert h2.logicalIndex(0) == col["artist"]
    close_window(qtbot, again)


def test_a_track_without_tags_shows_its_file_name(qtbot, tmp_path, monkeypatch, template_db):
    import mutagen

    isolated_settings(tmp_path, monkeypatch)
    files = audio_fixtures.make_library(tmp_path / "music", FORMATS)
    bare = files["flac"]
    mutagen.File(bare).delete()  # no artist, no title, no tag at all
    window = _window(qtbot, tmp_path, template_db)
    row = next(r for r in window.model.visible_rows() if r.path == str(bare.resolve()))
    assert not row.artist and not row.title
    pos = window.model.position_of(row.id)
    title_col = window.table.columns.keys.index("title")
    assert window.model.index(pos, title_col).data() == bare.name
    close_window(qtbot, window)
