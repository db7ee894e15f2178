"""The start page (nothing to review yet) and what it leads to, on real folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

import audio_fixtures  # noqa: E402
from gui_helpers import close_window, isolated_settings, open_window, wait_analysis, wait_idle  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402


def test_first_run_start_page_opens_a_folder(qtbot, tmp_path, monkeypatch):
    isolated_settings(tmp_path, monkeypatch)
    files = audio_fixtures.make_library(tmp_path / "music", ["mp3", "flac"])
    window = open_window(qtbot, None, tmp_path / "library.sqlite")
    start = window.pages.start_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is start, timeout=3000)
    assert start.isVisible() and not window.detail.isVisible()  # the page has the whole width
    assert start.open_button.text() == "Open your music folder…"
    assert "drop" in start.drop_hint.text()
    steps = start.steps.text().splitlines()
    assert len(steps) == 3 and "accept (A)" in steps[1]
    assert not start.recent_box.isVisible()

    # the guide link
    start.guide_link.linkActivated.emit("guide")
    assert window.guide_dialog.isVisible()
    window.guide_dialog.close()

    # the big button: the folder dialog, then the folder opens and is analysed
    asked = []

    def choose(parent, caption, where):
        asked.append(caption)
        return str(tmp_path / "music")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    QTest.mouseClick(start.open_button, Qt.LeftButton)
    assert asked
    wait_analysis(qtbot, window, 150)
    wait_idle(qtbot, window)
    assert window.pages.currentWidget() is window.track_page
    assert window.detail.isVisible()
    assert window.model.rowCount() == len(files)
    close_window(qtbot, window)


def test_start_page_offers_the_other_recent_folders(qtbot, tmp_path, monkeypatch):
    isolated_settings(tmp_path, monkeypatch)
    empty = tmp_path / "no music here"
    empty.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    from tagger.config import Settings

    s = Settings.load()
    s.recent_folders = [str(other), str(tmp_path / "gone")]
    s.save()
    window = open_window(qtbot, empty, tmp_path / "library.sqlite")
    wait_analysis(qtbot, window, 60)
    start = window.pages.start_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is start, timeout=3000)
    assert start.message.isVisible() and "No audio files found" in start.message.text()
    assert [b.toolTip() for b in start.recent_buttons] == [str(other)]  # not the open one, not a gone one
    window.last_summary = None
    start.recent_buttons[0].click()
    wait_analysis(qtbot, window, 60)
    assert window.roots == [str(other.resolve())]
    close_window(qtbot, window)
