"""The whole GUI flow on a real folder and a real DB, driving the real widgets:
open folder -> analysis -> filter -> accept / override / accept all -> write -> undo."""

from __future__ import annotations

import os
import re
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from gui_helpers import (  # noqa: E402
    TickCounter,
    close_window,
    isolated_settings,
    open_window,
    wait_analysis,
    wait_idle,
)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tagger.tags import read_tags  # noqa: E402

FORMATS = ["mp3", "flac", "ogg", "m4a"]


def _press(qtbot, window, key, modifier=Qt.NoModifier):
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    QTest.keyClick(window.table, key, modifier)


def test_open_review_write_undo(qtbot, tmp_path, monkeypatch, make_library):
    isolated_settings(tmp_path, monkeypatch, min_confidence=0.05, max_genres=2, write_mode="replace")
    files = make_library(tmp_path / "music", FORMATS)
    before = {str(p.resolve()): read_tags(p).genres for p in files.values()}
    db = tmp_path / "library.sqlite"

    ticks = TickCounter()
    started = time.perf_counter()
    window = open_window(qtbot, tmp_path / "music", db)
    summary = wait_analysis(qtbot, window)
    elapsed = time.perf_counter() - started
    ticks.stop()
    assert summary["total"] == len(FORMATS) and summary["failed"] == 0, summary
    assert summary["done"] + summary["cached"] == len(FORMATS)
    # the UI thread kept turning while scanning and analysing in the background
    assert ticks.ticks > elapsed / 0.02 * 0.3, (ticks.ticks, elapsed)
    assert ticks.max_gap < 2.0, ticks.max_gap
    assert window.progress.isHidden()
    # the status line says where the model ran and which copy of it (float or int8)
    assert re.search(r"(float|int8) model", window.status_bar.device_note()), window.status_bar.device_note()

    data = window.review_data
    assert len(data.rows) == len(FORMATS)
    assert all(r.analysed and r.suggestion and r.status == "new" for r in data.rows)
    assert window.model.rowCount() == len(FORMATS)

    # filter: files without a genre
    window.set_filter("nogenre")
    shown = window.model.visible_rows()
    assert shown and all(not r.current for r in shown)
    assert len(shown) == sum(1 for g in before.values() if not g)
    window.set_filter("all")

    # sort by title through the header (Python-side sort, no proxy)
    window.table.sortByColumn(3, Qt.DescendingOrder)
    titles = [r.display_title.casefold() for r in window.model.visible_rows()]
    assert titles == sorted(titles, reverse=True)
    window.table.sortByColumn(0, Qt.AscendingOrder)

    rows = window.model.visible_rows()
    lib = window.ctx.lib

    # accept one with the keyboard (A)
    window.table.selectRow(0)
    first = window.model.row_at(0)
    _press(qtbot, window, Qt.Key_A)
    d = lib.decision_for(first.id)
    assert d is not None and d.state == "accepted" and d.genres == first.suggestion
    assert first.status == "accepted"

    # override one (O opens the dialog; several genres with ';')
    pos = window.model.position_of(rows[1].id)
    window.table.selectRow(pos)
    _press(qtbot, window, Qt.Key_O)
    qtbot.waitUntil(lambda: getattr(window, "override_dialog", None) is not None, timeout=3000)
    dlg = window.override_dialog
    dlg.combo.setCurrentText("jazz; Blues")  # canonical spelling comes from the vocabulary
    dlg.accept()
    d = lib.decision_for(rows[1].id)
    assert d.state == "overridden" and d.genres == ["Jazz", "Blues"]

    # skip one (S), then undecide it (Backspace) so batch-accept takes it
    window.table.selectRow(window.model.position_of(rows[2].id))
    _press(qtbot, window, Qt.Key_S)
    assert lib.decision_for(rows[2].id).state == "skipped"
    window.table.selectRow(window.model.position_of(rows[2].id))
    _press(qtbot, window, Qt.Key_Backspace)
    assert lib.decision_for(rows[2].id) is None

    # accept all above threshold (Ctrl+Shift+A): the undecided rest, once confirmed
    from tagger.gui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda parent, title, text, yes="OK": asked.append(text) or True)
    _press(qtbot, window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(asked) == 1 and asked[0].startswith(f"Accept {len(rows) - 2} suggestions at 5% or more?")
    for r in rows[2:]:
        d = lib.decision_for(r.id)
        assert d is not None and d.state == "accepted" and d.genres == r.suggestion
    expected = {r.path: (["Jazz", "Blues"] if r is rows[1] else list(r.suggestion)) for r in rows}

    # the accepted filter now shows everything
    window.set_filter("accepted")
    assert window.model.rowCount() == len(FORMATS)
    window.set_filter("all")

    # write: the confirmation dialog shows the exact diff
    window.write_tags()
    dlg = window.write_dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.write_button.isEnabled(), timeout=20000)
    planned = {c.path: (c.old, c.new) for c in dlg.changes}
    assert set(planned) == {p for p in expected if expected[p] != before[p]}
    for path, (old, new) in planned.items():
        assert old == before[path] and new == expected[path]
    assert str(len(planned)) in dlg.summary.text()
    assert dlg.write_button.text() == f"Write {len(planned)} files"
    with qtbot.waitSignal(window.write_finished, timeout=60000) as blocker:
        qtbot.mouseClick(dlg.write_button, Qt.LeftButton)
    batch_id, outcomes = blocker.args[0]
    assert all(o.status == "written" for o in outcomes), [(o.path, o.error) for o in outcomes]
    for path, genres in expected.items():
        assert read_tags(path).genres == genres, path
    wait_idle(qtbot, window)
    assert {r.status for r in window.review_data.rows} == {"written"}
    assert "wrote" in window.statusBar().currentMessage()

    # the history lists the batch
    window.show_history()
    hist = window.history_dialog
    assert hist.batches.rowCount() == 1 and hist.batches.item(0, 0).text() == f"#{batch_id}"
    assert hist.changes.rowCount() == len(planned)
    assert hist.undo_button.isEnabled()

    # undo the last write: the files hold their old genres again
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    with qtbot.waitSignal(window.undo_finished, timeout=60000) as blocker:
        window.undo_last()
    _, outcomes = blocker.args[0]
    assert all(o.status == "undone" for o in outcomes), [(o.path, o.error) for o in outcomes]
    for path, genres in before.items():
        assert read_tags(path).genres == genres, path
    wait_idle(qtbot, window)
    assert "undone" in hist.batches.item(0, 4).text()
    assert not hist.undo_button.isEnabled()
    assert {r.status for r in window.review_data.rows} == {"accepted", "overridden"}
    hist.close()
    close_window(qtbot, window)


def test_album_grouping_applies_the_pooled_suggestion(qtbot, tmp_path, monkeypatch, make_library):
    isolated_settings(tmp_path, monkeypatch, min_confidence=0.05)
    make_library(tmp_path / "music", ["mp3", "ogg", "wav"])
    window = open_window(qtbot, tmp_path / "music", tmp_path / "library.sqlite")
    wait_analysis(qtbot, window)
    window.group_albums.setChecked(True)
    assert window.stack.currentWidget() is window.album_page
    assert window.album_model.rowCount() == 1  # one folder, one album tag
    window.album_table.selectRow(0)
    album = window.album_model.album_at(0)
    assert album.suggestion and len(album.rows) == 3
    assert window.detail.title.text() == album.album
    window.act_album.trigger()
    lib = window.ctx.lib
    for r in album.rows:
        d = lib.decision_for(r.id)
        assert d is not None and d.genres == album.suggestion
    # Enter (as the F1 sheet says) or a double-click: the album's tracks
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.album_table.setFocus()
    window.album_table.setCurrentIndex(window.album_model.index(0, 0))
    QTest.keyClick(window.album_table, Qt.Key_Return)
    assert window.stack.currentWidget() is window.track_page and window.model.rowCount() == 3
    assert window.album_bar.isVisible()
    window.album_bar.show_all_requested.emit()  # back to every track, then to the albums
    window.group_albums.setChecked(True)
    assert window.stack.currentWidget() is window.album_page
    window.album_table.doubleClicked.emit(window.album_model.index(0, 0))
    assert window.stack.currentWidget() is window.track_page and window.model.rowCount() == 3
    close_window(qtbot, window)


def test_will_write_left_out_and_folder_groups(qtbot, tmp_path, monkeypatch, make_library):
    """Fill mode: "Will write" shows what the write does; the write dialog says what it
    leaves out and why; loose files grouped by folder get no album suggestion."""
    import mutagen

    from tagger.gui.review_model import ALBUM_COLUMNS

    isolated_settings(tmp_path, monkeypatch, min_confidence=0.05, write_mode="fill")
    music = tmp_path / "music"
    make_library(music, ["mp3", "flac", "ogg", "wav"])
    loose = make_library(music, ["opus"], names="loose-{key}")["opus"]
    f = mutagen.File(loose)
    del f["ALBUM"]  # a loose file: no album tag
    f.save()
    (music / "corrupt.mp3").write_bytes(b"\x00not audio" * 4000)
    window = open_window(qtbot, music, tmp_path / "library.sqlite")
    wait_analysis(qtbot, window)
    data, lib, vocab = window.review_data, window.ctx.lib, window.ctx.vocab
    by_name = {r.path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: r for r in data.rows}
    bad, opus = by_name["corrupt.mp3"], by_name["loose-opus.opus"]
    assert bad.track_status == "error" and bad.status == "failed"

    # --- folder groups: no album action, in the album view nor from a track
    window.group_albums.setChecked(True)
    albums = [window.album_model.album_at(i) for i in range(window.album_model.rowCount())]
    folder_row = next(i for i, a in enumerate(albums) if a.folder_group)
    assert {r.id for r in albums[folder_row].rows} == {bad.id, opus.id}
    window.album_table.selectRow(folder_row)
    suggested_col = [k for k, _ in ALBUM_COLUMNS].index("suggested")
    shown = window.album_model.data(window.album_model.index(folder_row, suggested_col))
    assert shown == "— (loose files)"  # no pooled genre offered for a folder
    assert "No album suggestion" in window.detail.genres_label.text()
    assert not window.act_album.isEnabled()
    assert "grouped by folder" in window.act_album.toolTip()
    window.accept_selected()  # A in the album view
    assert "not an album" in window.statusBar().currentMessage()
    assert lib.decision_for(bad.id) is None and lib.decision_for(opus.id) is None
    # the real album: every analysed track agreeing with it gets it, none failed
    album_row = next(i for i, a in enumerate(albums) if not a.folder_group)
    window.album_table.selectRow(album_row)
    assert window.act_album.isEnabled()
    window.act_album.trigger()
    album = albums[album_row]
    for r in album.rows:
        d = lib.decision_for(r.id)
        if d is not None:
            assert d.genres == album.suggestion and vocab.same(r.suggestion[0], album.suggestion[0])
    assert "Album suggestion applied" in window.statusBar().currentMessage()
    window.group_albums.setChecked(False)
    window.select_track(opus.id)  # B on a loose track: nothing
    assert not window.act_album.isEnabled()
    window.apply_album_suggestion()
    assert lib.decision_for(opus.id) is None and lib.decision_for(bad.id) is None

    # --- accept every track's own suggestion; the unreadable file takes no decision
    window.table.selectAll()
    window.accept_selected()
    window.select_track(bad.id)
    assert not window.act_override.isEnabled()
    window.override_selected(["Jazz"])
    assert lib.decision_for(bad.id) is None
    assert "the file could not be read" in window.statusBar().currentMessage()
    col = [k for k, _ in __import__("tagger.review", fromlist=["COLUMNS"]).COLUMNS].index("decision")

    def shown(row):
        return window.model.data(window.model.index(window.model.position_of(row.id), col))

    def tip(row):
        return window.model.data(window.model.index(window.model.position_of(row.id), col), Qt.ToolTipRole)

    expected_fill = 0
    for r in data.rows:
        if r is bad:
            assert shown(r) == ""  # nothing can be written to it
            continue
        if not r.current:
            assert shown(r) == "; ".join(r.suggestion)
        elif vocab.merge(r.current, r.suggestion) != r.current:
            assert shown(r) == f"(keeps {'; '.join(r.current)} — fill mode)"
            assert "only writes files without genres: this file keeps" in tip(r)
            expected_fill += 1
        else:
            assert shown(r) == "(already set)"
            assert "only writes files without genres" not in tip(r)
    window.select_track(by_name["mp3.mp3"].id)
    assert "will write" not in window.detail.genres_label.text()
    window.select_track(bad.id)
    assert "will write" not in window.detail.genres_label.text()

    # --- the write dialog: how many are left out, and why
    wav = by_name["wav.wav"]
    assert not wav.current  # so it is among the planned writes
    os.chmod(wav.path, 0o444)  # its write will be refused
    window.write_tags()
    dlg = window.write_dialog
    qtbot.waitUntil(lambda: dlg._worker is None and dlg.write_button.isEnabled(), timeout=20000)
    text = dlg.summary.text()
    assert "1 of them will be refused" in text
    n = len(dlg.changes) - 1  # what will be written
    assert dlg.write_button.text() == f"Write {n} file{'s' if n != 1 else ''}"
    decided = len(data.rows) - 1  # all but the unreadable file
    assert f"of the {decided} selected tracks are left out" in text, text
    assert "unreadable" not in text
    if expected_fill:
        assert f"{expected_fill} already have genres (fill mode)" in text
    assert len(dlg.changes) == sum(1 for r in data.rows if not r.current and r is not bad)
    with qtbot.waitSignal(window.write_finished, timeout=60000):
        qtbot.mouseClick(dlg.write_button, Qt.LeftButton)
    wait_idle(qtbot, window)
    # after the write: nothing claims a write that did not happen
    data = window.review_data
    for r in data.rows:
        if r.path != wav.path:
            assert not data.write_preview(r)[0], (r.path, r.status, data.will_write_text(r))
    # one "Failed" filter, two problems, told apart in the Status column
    status_col = [k for k, _ in __import__("tagger.review", fromlist=["COLUMNS"]).COLUMNS].index("status")

    def status_shown(path):
        row = next(r for r in window.review_data.rows if r.path == path)
        return window.model.data(window.model.index(window.model.position_of(row.id), status_col))

    assert status_shown(wav.path) == "not written"
    assert status_shown(bad.path) == "unreadable"
    # the reason in the app's language (the core's Message, tagger.review.write_failed)
    from tagger.gui import i18n

    wav_row = next(r for r in window.review_data.rows if r.path == wav.path)
    try:
        i18n.install("de")
        tip = window.model.data(window.model.index(window.model.position_of(wav_row.id), status_col), Qt.ToolTipRole)
        assert "nicht geschrieben: " in tip, tip
    finally:
        i18n.install("en")
    close_window(qtbot, window)
