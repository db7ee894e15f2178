"""GUI behaviour on real folders and DBs: cancel/pause/close mid-analysis, broken files,
file text shown as plain text, the detail panel, write failures, settings, training."""

from __future__ import annotations

import os
import time

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
from PySide6.QtWidgets import QLabel, QStyle  # noqa: E402

CACHED_FORMATS = ["mp3", "ogg", "flac"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    """One analysis of the fixture files for the whole module (see analysed_template)."""
    d = tmp_path_factory.mktemp("gui-template")
    mp = pytest.MonkeyPatch()
    try:
        isolated_settings(d, mp)
        yield analysed_template(d, audio_fixtures.make_library, CACHED_FORMATS)
    finally:
        mp.undo()


def _cached_window(qtbot, tmp_path, monkeypatch, template_db, formats=CACHED_FORMATS, **settings):
    isolated_settings(tmp_path, monkeypatch, **settings)
    files = audio_fixtures.make_library(tmp_path / "music", formats)
    db = copy_db(template_db, tmp_path / "library.sqlite")
    window = open_window(qtbot, tmp_path / "music", db)
    summary = wait_analysis(qtbot, window, 60)
    return window, files, summary


def _same_icon(a, b) -> bool:
    return a.pixmap(16, 16).toImage() == b.pixmap(16, 16).toImage()


def test_pause_resume_cancel_keep_what_finished(qtbot, tmp_path, monkeypatch, make_library):
    isolated_settings(tmp_path, monkeypatch, patches=6)
    monkeypatch.setattr("tagger.gui.workers.AnalysisWorker.EMIT_EVERY", 0.0)
    make_library(tmp_path / "music")  # every format: 12 files
    window = open_window(qtbot, tmp_path / "music", tmp_path / "library.sqlite")
    window.ctx.settings.workers = 1
    qtbot.waitUntil(
        lambda: window.review_data is not None and any(r.analysed for r in window.review_data.rows), timeout=60000
    )
    window.act_pause.trigger()
    assert window.analysis.paused and window.act_pause.isChecked()
    # at once, before any new progress arrives: the status says Paused (no ETA), and the
    # button shows what it does next (Resume, a play icon)
    label = window.progress_label.text()
    assert label.startswith("Paused") and "ETA" not in label, label
    assert window.act_pause.text().replace("&", "") == "Resume"
    assert _same_icon(window.act_pause.icon(), window.style().standardIcon(QStyle.SP_MediaPlay))
    assert not _same_icon(window.act_pause.icon(), window.style().standardIcon(QStyle.SP_MediaPause))
    time.sleep(0.2)
    qtbot.wait(1500)  # in-flight tracks finish, nothing new starts
    done_paused = sum(r.analysed for r in window.review_data.rows)
    qtbot.wait(1500)
    assert sum(r.analysed for r in window.review_data.rows) == done_paused
    assert "Paused" in window.progress_label.text()
    window.act_pause.trigger()  # resume
    assert not window.analysis.paused
    assert "Paused" not in window.progress_label.text()
    assert _same_icon(window.act_pause.icon(), window.style().standardIcon(QStyle.SP_MediaPause))
    window.act_cancel.trigger()
    summary = wait_analysis(qtbot, window, 60)
    assert summary["cancelled"]
    assert summary["done"] < 12
    analysed = [r for r in window.review_data.rows if r.analysed]
    # what finished is in the DB
    from tagger.db import Analysis

    with window.ctx.lib.session() as s:
        assert s.query(Analysis).filter_by(status="ok").count() == summary["done"] == len(analysed)
    assert "stopped" in window.statusBar().currentMessage()
    # the counts tell the tracks still waiting apart from the new ones; opened again, the
    # library says they wait and how to go on
    waiting = 12 - len(analysed)
    assert f"{waiting} not analysed" in window.status_bar.counts_label.text(), window.status_bar.counts_label.text()
    window._told_waiting = []  # as when the library is opened again
    window.reload_rows()
    qtbot.waitUntil(lambda: "not analysed yet" in window.statusBar().currentMessage(), timeout=30000)
    assert "not analysed yet: Rescan and analyse (F5) goes on where it stopped" in window.statusBar().currentMessage()
    assert window.statusBar().currentMessage().startswith(f"{waiting} track")
    close_window(qtbot, window)


def test_closing_mid_analysis_stops_the_workers(qtbot, tmp_path, monkeypatch, make_library):
    isolated_settings(tmp_path, monkeypatch)
    make_library(tmp_path / "music")
    window = open_window(qtbot, tmp_path / "music", tmp_path / "library.sqlite")
    qtbot.waitUntil(
        lambda: window.review_data is not None and any(r.analysed for r in window.review_data.rows), timeout=60000
    )
    worker = window.analysis
    assert worker is not None and worker.isRunning()
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 30
    assert worker.isFinished() and not window.ctx.threads
    from tagger.db import Analysis

    with window.ctx.lib.session() as s:  # what finished before the close is kept
        kept = s.query(Analysis).filter_by(status="ok").count()
    assert 1 <= kept < 12
    window.ctx.lib.close()


def test_broken_files_show_as_failed_with_their_reason(qtbot, tmp_path, monkeypatch, template_db, broken_files):
    isolated_settings(tmp_path, monkeypatch)
    audio_fixtures.make_library(tmp_path / "music", ["ogg"])
    audio_fixtures.broken_files(tmp_path / "music" / "broken")
    window = open_window(qtbot, tmp_path / "music", copy_db(template_db, tmp_path / "library.sqlite"))
    wait_analysis(qtbot, window, 60)
    window.set_filter("failed")
    failed = window.model.visible_rows()
    names = {r.path.rsplit("/", 1)[-1] for r in failed}
    assert {"empty.mp3", "random.mp3", "truncated.flac", "text.ogg"} <= names, names
    assert all(r.error for r in failed)
    window.table.selectRow(0)
    row = window.model.row_at(0)
    assert window.detail.error_label.isVisible()
    assert row.error in window.detail.error_label.text()
    # its charts say it cannot be analysed, not "not analysed yet"; a readable track's do
    cannot = "no genre scores: the file could not be analysed"
    assert window.detail.timeline.empty_text == window.detail.scores.empty_text == cannot
    assert window.model.data(window.model.index(0, 7)) == "unreadable"  # not a failed write
    assert row.error in window.model.data(window.model.index(0, 3), Qt.ToolTipRole)
    window.set_filter("all")
    good = next(r for r in window.model.visible_rows() if not r.error)
    window.table.selectRow(window.model.position_of(good.id))
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row.id == good.id, timeout=5000)
    assert window.detail.timeline.empty_text == window.detail.scores.empty_text == ""
    close_window(qtbot, window)


def test_file_text_is_shown_as_plain_text(qtbot, tmp_path, monkeypatch, template_db):
    import mutagen

    isolated_settings(tmp_path, monkeypatch)
    files = audio_fixtures.make_library(tmp_path / "music", ["ogg"])
    f = mutagen.File(files["ogg"])
    f["title"] = ["<b>bold</b>"]
    f["artist"] = ["<i>Tom & Jerry</i>"]
    f.save()
    window = open_window(qtbot, tmp_path / "music", copy_db(template_db, tmp_path / "library.sqlite"))
    wait_analysis(qtbot, window, 60)
    m = window.model
    assert m.data(m.index(0, 3)) == "<b>bold</b>"
    assert m.data(m.index(0, 0)) == "<i>Tom & Jerry</i>"
    assert "<b>bold" not in m.data(m.index(0, 3), Qt.ToolTipRole)
    from tagger.gui.review_model import plain_tooltip

    assert "&lt;b&gt;bold&lt;/b&gt;" in plain_tooltip("/music/<b>bold</b>.ogg")
    window.table.selectRow(0)
    assert window.detail.title.text() == "<b>bold</b>"
    for label in window.findChildren(QLabel):
        if "<b>" in label.text() or "<i>" in label.text():
            assert label.textFormat() == Qt.PlainText, label.text()
    # the window title and the status bar never interpret text either
    close_window(qtbot, window)


def test_detail_panel_plays_from_the_first_patch_and_draws(qtbot, tmp_path, monkeypatch, template_db):
    window, files, summary = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    assert summary["cached"] == len(CACHED_FORMATS)
    window.table.selectRow(0)
    row = window.model.row_at(0)
    detail = window.detail
    qtbot.waitUntil(lambda: detail.spectrogram._image is not None, timeout=20000)
    from tagger.db import Analysis, Track

    with window.ctx.lib.session() as s:
        t = s.get(Track, row.id)
        a = s.query(Analysis).filter_by(content_id=t.content_id).one()
        first = a.patch_starts[0]
    assert detail._first_start == pytest.approx(first)
    assert detail.spectrogram._patches == a.patch_starts
    assert detail.spectrogram._image.width() > 100 and detail.spectrogram._image.height() == 96
    assert detail.timeline._names and detail.timeline._matrix.shape == (
        len(detail.timeline._names),
        len(a.patch_starts),
    )
    assert detail.scores._items and detail.scores._items[0][0] == row.suggestion[0]
    # the player was given the file and starts where the analysis listened
    player = detail._player
    assert player is not None and player.path == row.path
    qtbot.waitUntil(lambda: abs(player.position() - first) < 0.25, timeout=10000)
    assert detail.slider.value() == pytest.approx(first * 1000, abs=1)
    assert detail.spectrogram._position == pytest.approx(first)
    if player.available:  # a machine with a sound device: it plays from there
        detail.seek(1.0)
        qtbot.waitUntil(lambda: detail.is_playing() and player.position() > 1.0, timeout=10000)
        detail.toggle_play()
        assert not detail.is_playing()
    else:  # headless (CI): no crash, play disabled and saying why, seeking still moves the playhead
        assert not detail.play_button.isEnabled()
        assert detail.play_button.toolTip() == "No audio output device"
        detail.toggle_play()  # Space: nothing plays, the status bar says why
        assert window.statusBar().currentMessage() == "No audio output device"
        detail.seek(1.0)
        assert not detail.is_playing()
        assert player.position() == pytest.approx(1.0)
        assert detail.spectrogram._position == pytest.approx(1.0)
        assert detail.time_label.text().startswith("0:01 / ")
    img = window.grab()
    assert not img.isNull()
    close_window(qtbot, window)


def test_write_failure_is_reported_per_file(qtbot, tmp_path, monkeypatch, template_db):
    window, files, _ = _cached_window(
        qtbot, tmp_path, monkeypatch, template_db, min_confidence=0.05, write_mode="replace"
    )
    window.table.selectAll()
    window.act_accept.trigger()
    window.write_tags()
    dlg = window.write_dialog
    qtbot.waitUntil(lambda: dlg.write_button.isEnabled(), timeout=20000)
    assert len(dlg.changes) == len(CACHED_FORMATS)
    # someone changes one file between planning and writing
    import mutagen

    victim = files["ogg"]
    f = mutagen.File(victim)
    f["genre"] = ["Polka"]
    f.save()
    with qtbot.waitSignal(window.write_finished, timeout=60000) as blocker:
        qtbot.mouseClick(dlg.write_button, Qt.LeftButton)
    _, outcomes = blocker.args[0]
    bad = [o for o in outcomes if o.status != "written"]
    assert len(bad) == 1 and bad[0].path == str(victim.resolve()) and "changed on disk" in bad[0].error
    out = window.outcomes_dialog
    texts = []
    from PySide6.QtWidgets import QTableWidget

    t = out.findChild(QTableWidget)
    for i in range(t.rowCount()):
        texts.append(" | ".join(t.item(i, j).text() for j in range(t.columnCount())))
    assert "changed on disk" in texts[0] and texts[0].startswith("skipped")
    wait_idle(qtbot, window)
    window.set_filter("failed")
    assert [r.path for r in window.model.visible_rows()] == [str(victim.resolve())]
    out.close()
    close_window(qtbot, window)


def test_settings_dialog_stores_settings_and_vocabulary(qtbot, tmp_path, monkeypatch, template_db):
    window, _, _ = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    window.show_settings()
    dlg = window.settings_dialog
    names = [dlg.model_combo.itemText(i) for i in range(dlg.model_combo.count())]
    assert any("musicnn" in n for n in names), names
    assert "genres" in dlg.model_info.toPlainText()
    assert dlg.device_combo.findData("cpu") >= 0
    dlg.threshold.setValue(42)
    dlg.max_genres.setValue(3)
    dlg.mode.setCurrentIndex(dlg.mode.findData("merge"))
    dlg._add_genre()
    i = dlg.vocab_table.rowCount() - 1
    dlg.vocab_table.item(i, 0).setText("Zydeco")
    dlg.vocab_table.item(i, 1).setText("zydeco music, zydeko")

    # the editor shows the tree, and a parent typed in the table moves the genre in it
    def tree_children(name):
        found = dlg.vocab_tree.findItems(name, Qt.MatchExactly | Qt.MatchRecursive)
        return [found[0].child(k).text(0) for k in range(found[0].childCount())] if found else None

    assert "Heavy Metal" in tree_children("Metal") and "Zydeco" not in (tree_children("Folk") or [])
    dlg.vocab_table.item(i, 2).setText("Folk")
    assert "Zydeco" in tree_children("Folk")
    dlg.tags_tab.level.setCurrentIndex(dlg.tags_tab.level.findData("top"))
    dlg.accept()
    from tagger.config import Settings
    from tagger.vocabulary import Vocabulary

    s = Settings.load()
    assert (s.min_confidence, s.max_genres, s.write_mode) == (0.42, 3, "merge")
    v = Vocabulary.load()
    assert v.canonical("zydeko") == "Zydeco" and v.ancestors("Zydeco") == ["Folk"]
    assert s.genre_level == "top" and window.ctx.vocab.level == "top"
    assert window.ctx.vocab.shape("zydeko") == ["Folk"]
    wait_idle(qtbot, window)
    assert window.review_data.min_confidence == 0.42
    close_window(qtbot, window)


def test_the_vocabulary_editor_refuses_a_genre_no_file_may_hold(qtbot, tmp_path, monkeypatch, template_db):
    """A genre name with a text-direction override (pasted from the web) is said in the
    tree at once, and saving keeps the vocabulary as it was (the one genre-name rule)."""
    from tagger.paths import config_dir

    window, _, _ = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    window.show_settings()
    dlg = window.settings_dialog
    dlg._add_genre()
    i = dlg.vocab_table.rowCount() - 1
    dlg.vocab_table.item(i, 0).setText("Zydeco\u202e")
    warning = dlg.vocab_tree.topLevelItem(0).text(0)
    assert warning.startswith("⚠") and "'Zydeco\\u202e' cannot be a genre" in warning, warning
    dlg.accept()
    assert window.status_bar.currentMessage().startswith("Cannot save the settings: 'Zydeco\\u202e' cannot be")
    assert not (config_dir() / "vocabulary.json").exists() and "Zydeco\u202e" not in window.ctx.vocab.genres
    close_window(qtbot, window)


def test_empty_state_disables_what_needs_a_library(qtbot, tmp_path, monkeypatch):
    """No folder open: nothing to undo, filter, search or group; the Confidence header is
    wide enough for its title and the sort arrow."""
    isolated_settings(tmp_path, monkeypatch)
    window = open_window(qtbot, None, tmp_path / "library.sqlite")
    qtbot.wait(100)  # the start-up step (no folder, no recent folder)
    assert window.stack.currentWidget() is window.empty_page
    assert not window.act_undo.isEnabled()
    for w in (window.filter_combo, window.search, window.group_albums):
        assert not w.isEnabled(), w
    assert window.act_open.isEnabled()
    for table in (window.table, window.album_table):
        model = table.model()
        col = next(
            i for i in range(model.columnCount()) if model.headerData(i, Qt.Horizontal, Qt.DisplayRole) == "Confidence"
        )
        header = table.horizontalHeader()
        text_w = header.fontMetrics().horizontalAdvance("Confidence")
        arrow = header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMarkSize, None, header)
        assert table.columnWidth(col) >= text_w + arrow + 8
        table.setColumnWidth(col, 20)  # dragged narrower: the title stays readable
        assert table.columnWidth(col) >= text_w + arrow + 8
    close_window(qtbot, window)


def test_undo_is_enabled_only_with_an_undoable_batch(qtbot, tmp_path, monkeypatch, template_db):
    window, _, _ = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    assert window.filter_combo.isEnabled() and window.search.isEnabled() and window.group_albums.isEnabled()
    assert not window.act_undo.isEnabled()  # nothing written yet
    close_window(qtbot, window)


def test_narrow_window_keeps_every_toolbar_button_visible(qtbot, tmp_path, monkeypatch):
    """Below the width the labelled buttons need, the toolbar shows icons only (each has
    a tooltip) instead of hiding Write, Undo and Settings in its overflow menu."""
    from PySide6.QtCore import Qt

    isolated_settings(tmp_path, monkeypatch)
    window = open_window(qtbot, None, tmp_path / "library.sqlite")
    window.resize(800, 500)
    qtbot.waitUntil(lambda: window.width() <= 800)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonIconOnly
    assert window.toolbar.sizeHint().width() <= window.width()  # nothing pushed into the » menu
    assert all(a.toolTip() for a in (window.act_write, window.act_undo, window.act_settings))
    window.resize(window.toolbar.text_width + 40, 800)
    qtbot.waitUntil(lambda: window.toolbar.toolButtonStyle() == Qt.ToolButtonTextBesideIcon)
    close_window(qtbot, window)


def test_long_status_texts_never_make_the_window_wider(qtbot, tmp_path, monkeypatch, template_db):
    """The status bar's labels (progress, device, counts, personal model) may be
    narrower than their text: shown elided, the whole text in `text()` and the tooltip;
    they make room for a message.
    A QLabel's minimum width is its whole text, and a long progress line made the window
    itself grow (1,000 to 1,600 px), repainting the whole table each time."""
    window, _, _ = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    # a narrow window (1,000 px, or just over its minimum where that is more)
    width = max(window.minimumSizeHint().width() + 60, 1000)
    window.resize(width, 600)
    qtbot.waitUntil(lambda: window.width() == width)
    bar = window.status_bar
    long_texts = {
        bar.progress_label: "12,345 analysed · 45,678 cached · 3 failed · ETA 1 h 2 min " * 3,
        bar.device_label: "running on the CPU (CPUExecutionProvider), the float model: this CPU has no VNNI " * 2,
        bar.counts_label: "100,000 tracks · 1,564 new · 98,436 accepted · 12 failed · showing 24,809 " * 2,
        window.learning.label: "Suggestions: the default model + your 12 genres, trained on 4,321 tracks " * 2,
    }
    for label, text in long_texts.items():
        label.setText(text)
    bar.device_label.setToolTip("<p>where the model runs</p>")
    qtbot.wait(100)  # layouts run
    assert window.width() == width and window.minimumSizeHint().width() < width
    for label, text in long_texts.items():
        assert label.text() == text  # callers read back what they set
        assert label.is_elided() and label.width() < label.sizeHint().width()
        shown = QLabel.text(label)  # what the label draws
        cut = shown.removesuffix("…").removesuffix("...")  # "..." where the font has no "…"
        assert cut != shown and text.startswith(cut)
        assert text.split(" · ")[0] in label.toolTip()
    assert bar.device_label.toolTip().endswith("<p>where the model runs</p>")  # its own tooltip kept

    # a message gets room from the labels (it was not shown at all beside them), also
    # beside the progress bar of a running analysis
    message = "Analysis finished: 12,345 analysed, 0 already known, 3 failed (1,234 s)."
    labels = [*long_texts]
    for progress_shown in (False, True):
        if progress_shown:
            bar.analysis_started()  # the bar shows (as in a running analysis)
            bar.progress_label.setText(long_texts[bar.progress_label])
        window.show_status(message)
        qtbot.wait(100)
        # the message is drawn left of the first permanent widget
        first = min(w.geometry().left() for w in [*labels, bar.progress] if w.isVisible() and w.width())
        assert first >= bar.fontMetrics().horizontalAdvance(message), progress_shown
        assert window.width() == width
    bar.analysis_ended()
    bar.clearMessage()
    qtbot.waitUntil(lambda: all(label.maximumWidth() > bar.width() for label in labels))

    window.resize(9000, 600)  # room for everything: whole texts, no tooltip of their own
    qtbot.waitUntil(lambda: not bar.counts_label.is_elided())
    assert QLabel.text(bar.counts_label) == long_texts[bar.counts_label] and bar.counts_label.toolTip() == ""
    close_window(qtbot, window)


def test_results_that_change_nothing_are_still_shown_a_slice_per_turn(qtbot, tmp_path, monkeypatch, template_db):
    """A rescan hands back every cached result; the window goes through them a slice per
    turn of the event loop, within its time budget, also when they change no row (it went
    through all of them in one turn: 65-100 ms frames at 100,000 tracks)."""
    from tagger.app.analysis import TrackResult
    from tagger.gui import main_window

    window, _, _ = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    rows = [r for r in window.review_data.rows if r.analysed]
    assert len(rows) == len(CACHED_FORMATS)
    same = [
        TrackResult(r.id, r.path, "ok", None, True, r.scores, r.embedding.astype("<f2").tobytes()) for r in rows
    ] * 4  # what a rescan's cache gives: nothing new
    assert all(window.review_data.shows_result(tr) for tr in same)  # they change no row
    monkeypatch.setattr(main_window, "RESULTS_SLICE", len(rows))
    monkeypatch.setattr(main_window, "RESULTS_TURN_SECONDS", 0.0)  # one slice per turn
    window._on_results(same)  # as the analysis thread's signal does; its timer starts
    window._show_some_results()  # one turn
    assert len(window._pending_results) == 3 * len(rows)  # one slice, not all
    qtbot.waitUntil(lambda: not window._pending_results)  # the timer shows the rest
    assert all(r.analysed and r.status == "new" for r in rows)
    close_window(qtbot, window)


def test_keys_typed_in_the_search_and_threshold_boxes_stay_there(qtbot, tmp_path, monkeypatch, template_db):
    """A letter typed in the threshold box decides nothing (A is Accept in the table: a
    review reported it did, not reproduced here, offscreen or under Xvfb); in the search
    box Esc clears, Esc again or Down goes on to the results; Tab leaves the table."""
    from PySide6.QtTest import QTest

    window, files, _ = _cached_window(qtbot, tmp_path, monkeypatch, template_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    lib = window.ctx.lib
    window.table.selectRow(0)
    row = window.model.visible_rows()[0]
    spin = window.threshold_box.spin
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key_A)
    QTest.keyClick(spin, Qt.Key_S)
    assert lib.decision_for(row.id) is None
    # a letter on the "Show:" box picks its entry, Space on "Group by album" ticks it: a
    # review saw them accept the selected track and play it instead
    combo = window.filter_bar.filter_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key_A)
    QTest.keyClick(combo, Qt.Key_S)
    assert lib.decision_for(row.id) is None
    box = window.filter_bar.group_albums
    box.setFocus()
    QTest.keyClick(box, Qt.Key_Space)
    assert box.isChecked() and lib.decision_for(row.id) is None
    box.setChecked(False)
    qtbot.waitUntil(lambda: not window.pages.showing_albums(), timeout=5000)
    combo.setCurrentIndex(0)
    window.table.selectRow(0)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key_A)  # the shortcut itself still works in the table
    qtbot.waitUntil(lambda: lib.decision_for(row.id) is not None, timeout=5000)

    search = window.filter_bar.search
    search.setFocus()
    QTest.keyClicks(search, "zzz-no-such-track")
    QTest.keyClick(search, Qt.Key_Escape)
    assert search.text() == "" and search.hasFocus()
    QTest.keyClick(search, Qt.Key_Escape)
    assert window.table.hasFocus()
    search.setFocus()
    QTest.keyClicks(search, files["mp3"].stem)
    window.table.clearSelection()
    QTest.keyClick(search, Qt.Key_Down)  # searches at once, and goes on to the first result
    assert window.table.hasFocus() and window.model.rowCount() >= 1
    assert window.table.selectionModel().hasSelection()
    # Tab leaves the table (rows are selected, not cells) for the widgets after it
    QTest.keyClick(window.table, Qt.Key_Tab)
    assert not window.table.hasFocus()
    # grouped by album: the album table is where the results are
    window.group_albums.setChecked(True)
    qtbot.waitUntil(window.pages.showing_albums, timeout=5000)
    search.setFocus()
    QTest.keyClick(search, Qt.Key_Return)
    assert window.album_table.hasFocus()
    close_window(qtbot, window)
