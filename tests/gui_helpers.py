"""Helpers for the GUI tests (tests/test_gui_*.py): an isolated config/data folder, the
app window on a real folder and DB, and waiting for its background work."""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # a 1920x1200 screen (the plugin's default is 800x600): windows get the size a user's
    # would, so layout checks (columns on screen at the default size) mean something
    _SCREEN = Path(__file__).resolve().parent / "data" / "offscreen-screen.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import pytest  # noqa: E402


def model_for_tests() -> str | None:
    """None = the bundled default model; GT_TEST_MODEL overrides it (development)."""
    override = os.environ.get("GT_TEST_MODEL")
    if override:
        return override
    from tagger.model import default_model_path

    if not default_model_path().exists():
        pytest.skip("the default model (resources/models/msd-musicnn.onnx) is not there")
    return None


def isolated_settings(tmp_path: Path, monkeypatch, **values):
    """Point the app's config and data folders at tmp_path and save Settings there."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    from tagger.config import Settings

    values.setdefault("language", "en")  # the strings the tests check, whatever the machine's language
    # learning as you review (on in the app) retrains the personal model after a few
    # decisions and changes suggestions under a test of something else: on only where asked
    values.setdefault("learn_as_you_review", False)
    s = Settings(model=model_for_tests(), workers=2, **values)
    s.save()
    return s


def open_window(qtbot, folder=None, db=None):
    from tagger.gui.app import create_window

    app, window = create_window(folder=str(folder) if folder else None, db=str(db) if db else None)
    qtbot.addWidget(window)
    window.show()
    return window


def wait_analysis(qtbot, window, timeout_s: float = 150.0) -> dict:
    qtbot.waitUntil(lambda: window.last_summary is not None and window.analysis is None, timeout=int(timeout_s * 1000))
    return window.last_summary


def wait_idle(qtbot, window, timeout_s: float = 30.0) -> None:
    """Until no worker thread of the window runs (row loads, writes, details) and no
    re-scoring for a new personal model is being applied."""
    qtbot.waitUntil(lambda: not window.ctx.threads and not window.learning.rescoring, timeout=int(timeout_s * 1000))


def close_window(qtbot, window) -> None:
    release_modifiers(window)
    window.close()
    window.ctx.lib.close()


def release_modifiers(widget) -> None:
    """Let go of modifier keys QTest left held: after QTest.keyClick(w, Qt.Key_Z,
    Qt.ControlModifier) the application still reports Ctrl, and the next test's
    selectRow() then toggled the row instead of selecting it (a test failed or passed
    by the order the tests ran in)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    keys = (
        (Qt.ControlModifier, Qt.Key_Control),
        (Qt.ShiftModifier, Qt.Key_Shift),
        (Qt.AltModifier, Qt.Key_Alt),
        (Qt.MetaModifier, Qt.Key_Meta),
    )
    for modifier, key in keys:
        if QGuiApplication.keyboardModifiers() & modifier:
            QTest.keyRelease(widget, key)


class TickCounter:
    """Counts QTimer ticks: proof that the UI thread's event loop keeps turning."""

    def __init__(self, interval_ms: int = 20):
        from PySide6.QtCore import QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def ticks(self) -> int:
        return len(self.times)

    @property
    def max_gap(self) -> float:
        if len(self.times) < 2:
            return float("inf")
        return max(b - a for a, b in zip(self.times, self.times[1:]))


def analysed_template(directory: Path, make_library, formats) -> Path:
    """A library DB holding the analyses of the fixture files of `formats` (made with the
    core directly). A test copies it: its own copies of the files (same audio content)
    then find their analyses cached, so the GUI has results at once."""
    import shutil

    from tagger.app.analysis import AnalysisRun
    from tagger.config import Settings
    from tagger.db import Library
    from tagger.scan import scan

    db = directory / "template.sqlite"
    if db.exists():
        return db
    music = directory / "music"
    make_library(music, formats)
    s = Settings.load()
    lib = Library(db)
    try:
        scan(lib, [music])
        AnalysisRun(lib, model_path=s.model, workers=2).run(lib.tracks_under([music]))
    finally:
        lib.close()
    shutil.rmtree(music)
    return db


def copy_db(template: Path, dest: Path) -> Path:
    import shutil

    shutil.copy(template, dest)
    return dest
