"""Shared fixtures: real audio files in every format (see tests/audio_fixtures.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `import audio_fixtures`

import audio_fixtures  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _own_data_folder(tmp_path_factory):
    """The app's data folder of the session (tests that need their own set theirs):
    what a test writes there (the safe writer's claims, tagger.temp_copies) never
    lands in the user's."""
    if "GENRE_TAGGER_DATA_DIR" in os.environ:
        yield
        return
    os.environ["GENRE_TAGGER_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    yield
    os.environ.pop("GENRE_TAGGER_DATA_DIR", None)


@pytest.fixture(scope="session", autouse=True)
def _audio_fixture_cache(tmp_path_factory):
    """Build each fixture file at most once per test session (lazily, on first use)."""
    audio_fixtures.set_cache_dir(tmp_path_factory.mktemp("audio-fixture-cache"))


@pytest.fixture
def audio_files(tmp_path) -> dict[str, Path]:
    """{fixture key: path}: fresh, writable copies of every format (audio_fixtures.FORMATS)."""
    return audio_fixtures.make_library(tmp_path / "library")


@pytest.fixture
def make_library():
    """make_library(dir, formats=None, variant="a") -> {key: path} (fresh copies)."""
    return audio_fixtures.make_library


@pytest.fixture
def broken_files(tmp_path) -> dict[str, Path]:
    """{name: path} of broken files (audio_fixtures.BROKEN_FILES says what each is)."""
    return audio_fixtures.broken_files(tmp_path / "broken")


@pytest.fixture
def lib(tmp_path):
    """An empty library database (a real SQLite file), closed after the test."""
    from tagger.db import Library

    library = Library(tmp_path / "lib.db")
    yield library
    library.close()


@pytest.fixture
def window_on(qtbot, tmp_path, monkeypatch):
    """open(db) -> the real main window on that library, closed after the test; the
    messages it shows are collected in its `shown` [(title, text)] instead of blocking.
    Skipped without PySide6 and pytest-qt."""
    pytest.importorskip("PySide6.QtWidgets")
    pytest.importorskip("pytestqt")
    from gui_helpers import close_window, isolated_settings, open_window

    from tagger.gui import dialogs

    isolated_settings(tmp_path, monkeypatch)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, title, text, *a, **k: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    windows = []

    def open_(dbf: Path):
        w = open_window(qtbot, None, dbf)
        w.shown = shown
        windows.append(w)
        return w

    yield open_
    for w in windows:
        close_window(qtbot, w)


@pytest.fixture(scope="session")
def analysed_pieces(tmp_path_factory):
    """The example recordings cut into ~15 s tracks, analysed into a real library
    (tests/personal_fixtures.py); built once per session."""
    from tagger.model import default_model_path

    if not default_model_path().exists():
        pytest.skip("needs the bundled default model")
    import personal_fixtures

    return personal_fixtures.build(tmp_path_factory.mktemp("personal-library"))
