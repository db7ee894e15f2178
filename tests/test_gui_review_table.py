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
from PySide6.QtGui import QColor, QContextMenuEvent  # noqa: E402
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


def test_a_small_window_narrows_artist_and_title_before_the_genres(qtbot, tmp_path, monkeypatch, template_db):
    """At 1024 x 640 the columns cannot all have their default widths: the suggested and
    current genres (what the app is for) keep more of theirs than artist, album, title
    and Will write, and everything still fits (columns.shrunk)."""
    from tagger.gui.columns import MIN_ELASTIC, TRACK_COLUMNS

    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=3000)
    table = window.table
    table.columns.fit()
    default = {c.key: c.width for c in TRACK_COLUMNS}
    kept = {k: table.columnWidth(table.columns.keys.index(k)) / default[k] for k in default}
    assert kept["suggested"] < 1  # (the window is small enough for the rule to matter)
    for other in ("artist", "album", "title", "decision"):
        assert kept["suggested"] > kept["current"] > kept[other], kept
    header = table.horizontalHeader()
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    assert sum(header.sectionSize(i) for i in shown) <= table.viewport().width()
    assert min(header.sectionSize(i) for i in shown) >= min(MIN_ELASTIC, 30)
    close_window(qtbot, window)


def test_an_albums_best_genre_below_the_threshold_is_shown_greyed(qtbot, tmp_path, monkeypatch, template_db):
    """As a track's: an album whose pooled best genre is below the threshold shows it in
    brackets, greyed and in italics, with the reason in its tooltip, and takes no album
    action."""

    from tagger.gui import roles
    from tagger.gui.review_model import ALBUM_COLUMNS

    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db, min_confidence=0.99)
    window.group_albums.setChecked(True)
    model = window.album_table.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
    col = {k: i for i, (k, _) in enumerate(ALBUM_COLUMNS)}
    albums = [model.album_at(r) for r in range(model.rowCount())]
    below = [r for r, a in enumerate(albums) if not a.folder_group and a.best_guess]
    assert below, [(a.album, a.suggestion, a.best_guess) for a in albums]
    r = below[0]
    a = albums[r]
    assert a.suggestion == [] and a.confidence < 0.99
    cell = model.index(r, col["suggested"])
    assert model.data(cell) == f"({a.best_guess})"
    from tagger.gui import theme

    grey = QColor(theme.color("muted"))  # greyed, and still readable (not the disabled text's 1.7:1)
    assert model.data(cell, roles.FOREGROUND).color() == grey and model.data(cell, roles.FONT).italic()
    assert "is below the 99% threshold" in model.data(cell, roles.TOOLTIP)
    # the detail panel gives the same reason (not "no track analysed yet")
    window.album_table.selectRow(r)
    qtbot.waitUntil(lambda: window.detail.album is a, timeout=5000)
    said = window.detail.genres_label.text()
    assert f"its best genre, {a.best_guess} (" in said and "below the 99% threshold" in said, said
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


# ---------------------------------------------------------------------- context menu
def _context_menu_actions(qtbot, window, row: int) -> dict:
    """Right-click a track row (it becomes the selection, as a click does); the menu's
    actions by text (the menu is closed again)."""
    table = window.table
    rect = table.visualRect(window.model.index(row, 3))
    QTest.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    found: dict = {}

    def grab():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            found.update({a.text(): a for a in menu.actions() if not a.isSeparator()})
            menu.close()
        else:
            QTimer.singleShot(20, grab)

    QTimer.singleShot(20, grab)
    _right_click(table.viewport(), rect.center())
    qtbot.waitUntil(lambda: bool(found), timeout=3000)
    return found


def _accept_next_dialog(qtbot, seen: list) -> None:
    """Press the default button of the next modal dialog (a real QMessageBox)."""

    def press():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press)
            return
        seen.append(box.text() if hasattr(box, "text") else box.windowTitle())
        box.defaultButton().click()

    QTimer.singleShot(20, press)


def test_context_menu_file_commands(qtbot, tmp_path, monkeypatch, template_db):
    from PySide6.QtGui import QDesktopServices, QGuiApplication
    from test_gui_player import FMT, FakeSink

    window, files = _setup(qtbot, tmp_path, monkeypatch, template_db)
    sinks = []  # a sound device that plays in real time (test_gui_player.py)
    window.detail._player_options = {
        "output": (None, FMT),
        "sink_factory": lambda output: sinks.append(FakeSink(output[1])) or sinks[-1],
    }
    acts = _context_menu_actions(qtbot, window, 0)
    assert [t for t in acts] == [
        "&Accept",
        "&Override…",
        "S&kip",
        "Undeci&de",
        "Apply album suggestion",
        "Show album &tracks",
        "Show in album &list",
        "Play / pause",
        "Open containing &folder",
        "&Copy path",
        "Re-a&nalyse",
        "Re&move from library…",
    ]
    row = window.selected_rows()[0]
    assert row is window.model.row_at(0)

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    acts["Open containing &folder"].trigger()
    assert [u.toLocalFile() for u in opened] == [row.folder]

    window.table.selectAll()
    acts["&Copy path"].trigger()
    assert QGuiApplication.clipboard().text().splitlines() == [r.path for r in window.model.visible_rows()]

    acts = _context_menu_actions(qtbot, window, 1)
    qtbot.waitUntil(lambda: window.detail._player is not None and window.detail._first_start > 0, timeout=20000)
    acts["Play / pause"].trigger()
    qtbot.waitUntil(lambda: window.detail.is_playing(), timeout=10000)
    assert window.detail._player.path == window.model.row_at(1).path
    acts["Play / pause"].trigger()
    qtbot.waitUntil(lambda: not window.detail.is_playing(), timeout=10000)
    close_window(qtbot, window)


def test_context_menu_reanalyse_and_remove(qtbot, tmp_path, monkeypatch, template_db):
    window, files = _setup(qtbot, tmp_path, monkeypatch, template_db)
    paths = {r.path for r in window.model.visible_rows()}
    acts = _context_menu_actions(qtbot, window, 0)
    target = window.selected_rows()[0]
    window.last_summary = None
    acts["Re-a&nalyse"].trigger()
    summary = wait_analysis(qtbot, window, 120)
    # only that track, computed afresh (not from the cache), and the table keeps every row
    assert (summary["total"], summary["done"], summary["cached"]) == (1, 1, 0), summary
    wait_idle(qtbot, window)
    assert {r.path for r in window.model.visible_rows()} == paths
    assert window.review_data.by_id[target.id].analysed

    acts = _context_menu_actions(qtbot, window, 0)
    gone = window.selected_rows()[0]
    before = (tmp_path / "music" / gone.file_name).read_bytes()
    asked: list = []
    _accept_next_dialog(qtbot, asked)
    acts["Re&move from library…"].trigger()
    assert asked and "The files stay" in asked[0]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10000)
    assert gone.path not in {r.path for r in window.model.visible_rows()}
    assert (tmp_path / "music" / gone.file_name).read_bytes() == before
    window.last_summary = None
    window.act_rescan.trigger()  # a rescan leaves it out
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 2
    close_window(qtbot, window)


def test_context_menu_album_commands(qtbot, tmp_path, monkeypatch, template_db):
    import mutagen

    isolated_settings(tmp_path, monkeypatch)
    files = audio_fixtures.make_library(tmp_path / "music", FORMATS)
    f = mutagen.File(files["ogg"])
    f["ALBUM"] = "Another Album"
    f.save()
    window = _window(qtbot, tmp_path, template_db)
    window.table.sortByColumn(window.table.columns.keys.index("album"), Qt.AscendingOrder)
    first = window.model.row_at(0)
    assert first.album == "Another Album"
    acts = _context_menu_actions(qtbot, window, 0)
    acts["Show album &tracks"].trigger()
    assert [r.album for r in window.model.visible_rows()] == ["Another Album"]
    assert window.album_bar.isVisible()
    window.set_album_filter(None)
    assert window.model.rowCount() == 3

    acts = _context_menu_actions(qtbot, window, 2)
    other = window.selected_rows()[0]
    acts["Show in album &list"].trigger()
    assert window.pages.showing_albums()
    (album,) = window.selected_albums()
    assert album.album == other.album and other in album.rows
    assert window.detail.album is album
    # on the album list the menu has no "Show in album list"
    table = window.album_table
    rect = table.visualRect(window.album_model.index(0, 0))
    found: dict = {}

    def grab():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            found.update({a.text(): a for a in menu.actions() if not a.isSeparator()})
            menu.close()
        else:
            QTimer.singleShot(20, grab)

    QTimer.singleShot(20, grab)
    _right_click(table.viewport(), rect.center())
    qtbot.waitUntil(lambda: bool(found), timeout=3000)
    assert "Show in album &list" not in found and "Show album &tracks" in found
    close_window(qtbot, window)


# ---------------------------------------------------------------------- drag and drop
def _drop(window, paths) -> bool:
    """A synthesised drag of `paths` (file URLs, as a file manager sends) onto the window's
    middle, then the drop; whether the window accepted the drag."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = window.rect().center()
    enter = QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_drag_and_drop_adds_folders_and_files(qtbot, tmp_path, monkeypatch, template_db):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragEnterEvent

    isolated_settings(tmp_path, monkeypatch)
    first = audio_fixtures.make_library(tmp_path / "first", ["mp3", "ogg"])
    second = audio_fixtures.make_library(tmp_path / "second", ["flac"])
    notes = tmp_path / "second" / "notes.txt"
    notes.write_text("liner notes")
    db = copy_db(template_db, tmp_path / "library.sqlite")
    window = open_window(qtbot, None, db)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is not window.track_page, timeout=5000)
    assert not window.roots

    text_only = QMimeData()
    text_only.setText("hello")
    enter = QDragEnterEvent(window.rect().center(), Qt.CopyAction, text_only, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()  # only files and folders are taken

    assert _drop(window, [tmp_path / "first"])  # nothing open: the folder opens
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    assert window.roots == [str((tmp_path / "first").resolve())]
    assert {r.path for r in window.model.visible_rows()} == {str(p.resolve()) for p in first.values()}

    window.last_summary = None
    assert _drop(window, [second["flac"], notes])  # a file from elsewhere, and a text file
    summary = wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    assert summary["total"] == 1  # only the dropped file was scanned and analysed
    shown = {r.path for r in window.model.visible_rows()}
    assert shown == {str(p.resolve()) for p in [*first.values(), second["flac"]]}
    assert "notes.txt: not an audio file" in window.status_bar.currentMessage()
    close_window(qtbot, window)

    again = open_window(qtbot, None, db)  # the next start shows the same tracks
    qtbot.waitUntil(lambda: again.review_data is not None and len(again.review_data.rows) == 3, timeout=20000)
    wait_idle(qtbot, again)

    # a removed track comes back when its file is dropped again
    from tagger.app.library_tracks import remove

    remove(again.ctx.ws, [again.ctx.lib.track_by_path(str(first["mp3"].resolve())).id])
    again.reload_rows()
    qtbot.waitUntil(lambda: again.model.rowCount() == 2, timeout=10000)
    again.last_summary = None
    assert _drop(again, [first["mp3"]])
    wait_analysis(qtbot, again, 60)
    qtbot.waitUntil(lambda: again.model.rowCount() == 3, timeout=10000)
    close_window(qtbot, again)


# ---------------------------------------------------------------------- keyboard
def _key(qtbot, window, key, modifier=Qt.NoModifier):
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    QTest.keyClick(window.table, key, modifier)


def test_n_and_shift_n_go_to_undecided_tracks(qtbot, tmp_path, monkeypatch, template_db):
    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db, min_confidence=0.01)
    window.table.sortByColumn(window.table.columns.keys.index("track"), Qt.AscendingOrder)
    rows = window.model.visible_rows()
    assert len(rows) == 3 and all(r.status == "new" for r in rows)
    window.table.selectRow(1)
    _key(qtbot, window, Qt.Key_S)  # skip the middle track: decided
    assert rows[1].status == "skipped"
    window.table.selectRow(0)
    window.table.setCurrentIndex(window.model.index(0, 0))
    _key(qtbot, window, Qt.Key_N)
    assert window.selected_rows() == [rows[2]]  # the decided one is passed over
    _key(qtbot, window, Qt.Key_N)
    assert window.selected_rows() == [rows[0]]  # round the end, to the top
    _key(qtbot, window, Qt.Key_N, Qt.ShiftModifier)
    assert window.selected_rows() == [rows[2]]  # Shift+N: back, round the top
    assert window.detail.row is rows[2]
    window.table.selectAll()
    _key(qtbot, window, Qt.Key_S)
    _key(qtbot, window, Qt.Key_N)
    assert "No undecided track" in window.status_bar.currentMessage()
    close_window(qtbot, window)


def test_help_menu_keyboard_sheet_and_guide(qtbot, tmp_path, monkeypatch, template_db):
    from PySide6.QtGui import QDesktopServices

    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == [
        "User &guide",
        "&Keyboard shortcuts",
        "&About Genre Tagger",
    ]
    for key in (Qt.Key_F1, Qt.Key_Question):
        window.shortcuts_dialog = None
        _key(qtbot, window, key)
        qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None, timeout=3000)
        sheet = window.shortcuts_dialog
        assert sheet.isVisible()
        entries = sheet.entries()
        assert entries["Accept"] == "A" and entries["Next undecided"] == "N"
        assert entries["Previous undecided"] == "Shift+N"
        assert entries["Keyboard shortcuts"] == "F1, ?"
        assert entries["Write tags…"] == "Ctrl+S"
        sheet.close()

    window.act_guide.trigger()
    guide = window.guide_dialog
    assert guide.isVisible() and guide.path.name == "guide.md"
    text = guide.browser.toPlainText()
    assert "Review the suggestions" in text and "Next / previous track with no decision" in text
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    guide.open_button.click()
    assert opened == [str(guide.path)]
    guide.close()
    close_window(qtbot, window)


# ---------------------------------------------------------------------- one change, every view
def test_album_action_updates_the_detail_panel(qtbot, tmp_path, monkeypatch, template_db):
    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db, min_confidence=0.01)
    window.detail._player_options = {"output": False}  # no sound device: a track says so
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.player_note.isVisible(), timeout=10000)
    window.group_albums.setChecked(True)
    window.album_table.selectRow(0)
    (album,) = window.selected_albums()
    assert window.detail.album is album
    assert not window.detail.player_note.isVisible()  # an album has no player, nor its note
    assert f"Status: {len(album.rows)} new" in window.detail.genres_label.text()
    window.album_table.setFocus()
    _key(qtbot, window, Qt.Key_B)
    qtbot.waitUntil(lambda: window.status_bar.currentMessage().startswith("Album suggestion applied"), timeout=5000)
    (now,) = window.selected_albums()  # the same album, still selected
    assert (now.folder, now.album) == (album.folder, album.album)
    taken = now.statuses.get("accepted", 0)
    assert taken > 0
    assert window.album_model.index(0, 6).data() == now.status_text
    assert window.detail.album is now
    assert f"Status: {now.status_text}" in window.detail.genres_label.text()
    assert "new" not in now.status_text or now.statuses["new"] == len(now.rows) - taken
    close_window(qtbot, window)


def test_many_tracks_are_grouped_by_album_a_part_per_turn(qtbot, tmp_path, monkeypatch, template_db):
    """Above ALBUMS_AT_ONCE tracks, "Group by album" builds the albums a part per turn of
    the event loop (the window keeps drawing): nothing is listed until they are all
    built, then the same albums as grouping at once; "Show in albums" selects its album
    once the grouping is done."""
    from tagger import review
    from tagger.gui import album_page

    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db)
    monkeypatch.setattr(album_page, "ALBUMS_AT_ONCE", 0)
    monkeypatch.setattr(review, "ALBUM_PART", 1)
    want = [(a.folder, a.album, a.artist, [r.id for r in a.rows], a.suggestion) for a in window.review_data.albums()]
    assert want
    window.table.selectRow(len(window.review_data.rows) - 1)
    track = window.selected_rows()[0]
    window.show_in_albums()
    assert window.album_page.grouping() and window.album_model.rowCount() == 0
    qtbot.waitUntil(lambda: not window.album_page.grouping(), timeout=5000)
    got = [(a.folder, a.album, a.artist, [r.id for r in a.rows], a.suggestion) for a in window.album_page.model._view]
    assert got == want
    (selected,) = window.selected_albums()
    assert track in selected.rows
    close_window(qtbot, window)


def test_a_sort_is_done_once_and_again_after_a_change(qtbot, tmp_path, monkeypatch, template_db):
    """Qt asks the model to sort twice per header click; the second ask, with nothing
    changed, changes nothing. After a decision the same sort orders the rows again."""
    from tagger.app.decisions import decide_rows
    from tagger.review import STATUSES

    window, _ = _setup(qtbot, tmp_path, monkeypatch, template_db)
    table, model = window.table, window.model
    col = table.columns.keys.index("status")
    layouts = []
    model.layoutChanged.connect(lambda *a: layouts.append(1))
    table.sortByColumn(col, Qt.DescendingOrder)
    table.sortByColumn(col, Qt.DescendingOrder)
    assert len(layouts) == 1
    last = model.row_at(model.rowCount() - 1)
    decide_rows(window.ctx.ws, window.review_data, [last], "skipped")
    table.sortByColumn(col, Qt.DescendingOrder)
    assert len(layouts) == 2
    ranks = [STATUSES.index(r.status) for r in model.visible_rows()]
    assert ranks == sorted(ranks, reverse=True) and "skipped" in {r.status for r in model.visible_rows()}
    close_window(qtbot, window)
