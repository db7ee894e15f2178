"""Settings → Tags (the real widget): the field, separator, ID3 version and mood choices
are stored in Settings, read back by a new tab, and a write made with them puts the
values where they say, in real files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("pytestqt")

import audio_fixtures as af  # noqa: E402
from mutagen.wave import WAVE  # noqa: E402

from tagger.apply import TagTarget  # noqa: E402
from tagger.config import Settings  # noqa: E402
from tagger.gui.tag_settings import TagsTab  # noqa: E402
from tagger.safewrite import write_genres_safely  # noqa: E402
from tagger.tags import read_tags  # noqa: E402


def test_defaults_are_genre_only_native_separator_v24_and_no_mood(qtbot):
    tab = TagsTab(Settings())
    qtbot.addWidget(tab)
    assert [n for n, b in tab.fields.items() if b.isChecked()] == ["genre"]
    assert tab.separator.currentData() == "" and tab.id3_version.currentData() == 4
    assert not tab.write_mood.isChecked() and not tab.mood_threshold.isEnabled()


def test_choices_are_saved_read_back_and_written_into_files(qtbot, tmp_path):
    s = Settings()
    tab = TagsTab(s)
    qtbot.addWidget(tab)
    tab.fields["genre"].setChecked(False)
    tab.fields["grouping"].setChecked(True)
    tab.separator.setCurrentIndex(tab.separator.findData("; "))
    tab.id3_version.setCurrentIndex(tab.id3_version.findData(3))
    tab.write_mood.setChecked(True)
    assert tab.mood_threshold.isEnabled()
    tab.mood_threshold.setValue(0.35)
    assert tab.apply(s) is True
    s.save(tmp_path / "settings.json")
    back = Settings.load(tmp_path / "settings.json")
    assert (back.tag_fields, back.separator, back.id3_version, back.write_mood, back.mood_threshold) == (
        ["grouping"],
        "; ",
        3,
        True,
        0.35,
    )
    again = TagsTab(back)  # a new dialog shows what was saved
    qtbot.addWidget(again)
    assert again.fields["grouping"].isChecked() and not again.fields["genre"].isChecked()
    assert (again.separator.currentData(), again.id3_version.currentData()) == ("; ", 3)
    assert again.apply(back) is False

    # a write made with these settings: grouping only, joined with "; ", a new tag as v2.3
    target = TagTarget.from_settings(back)
    path = af.make_library(tmp_path / "music", ["wav"])["wav"]
    WAVE(path).delete()  # no ID3 chunk yet
    genres = read_tags(path).genres
    for field in target.fields:
        write_genres_safely(path, ["Funk", "Soul"], field=field, options=target.options)
    chunk = WAVE(path).tags
    assert chunk.version[:2] == (2, 3) and chunk["TIT1"].text == ["Funk; Soul"]
    got = read_tags(path, target.options)
    assert got.values("grouping") == ["Funk", "Soul"] and got.genres == genres


def test_genres_into_mood_leave_no_room_for_the_model_mood(qtbot):
    s = Settings(write_mood=True)
    tab = TagsTab(s)
    qtbot.addWidget(tab)
    assert tab.write_mood.isEnabled() and tab.mood_threshold.isEnabled()
    tab.fields["mood"].setChecked(True)
    assert not tab.write_mood.isEnabled() and not tab.mood_threshold.isEnabled()
    tab.apply(s)
    assert s.tag_fields == ["genre", "mood"] and s.write_mood is False
    assert not TagTarget.from_settings(s).writes_mood


def test_genre_level_and_whitelist_are_stored(qtbot):
    s = Settings()
    tab = TagsTab(s)
    qtbot.addWidget(tab)
    assert tab.level.currentData() == "specific" and tab.whitelist.text() == ""
    tab.level.setCurrentIndex(tab.level.findData("both"))
    tab.whitelist.setText(" Rock, Electronic ,, Jazz")
    assert tab.apply(s) is True
    assert s.genre_level == "both" and s.genre_whitelist == ["Rock", "Electronic", "Jazz"]
    again = TagsTab(s)
    qtbot.addWidget(again)
    assert again.level.currentData() == "both" and again.whitelist.text() == "Rock, Electronic, Jazz"


def test_current_and_will_write_show_every_chosen_field(qtbot, tmp_path, monkeypatch):
    """Genre and Style chosen: the review table's "Current" and "Will write" cells name
    each field when the fields differ, in the real window on a real library."""
    from gui_helpers import close_window, isolated_settings, open_window, wait_idle
    from PySide6.QtCore import Qt

    from tagger.db import Library
    from tagger.scan import scan
    from tagger.tags import write_fields

    music = (tmp_path / "music").resolve()
    files = af.make_library(music, ["flac"])
    write_fields(files["flac"], {"genre": ["Rock"]})
    isolated_settings(tmp_path, monkeypatch, tag_fields=["genre", "style"], recent_folders=[str(music)])
    db = tmp_path / "lib.sqlite"
    lib = Library(db)
    scan(lib, [music])
    lib.set_decision([lib.track_by_path(str(files["flac"])).id], "accepted", ["Funk"])
    lib.close()
    window = open_window(qtbot, None, db)
    try:
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: len(window.model.visible_rows()) == 1, timeout=20000)
        keys = window.table.columns.keys

        def cell(key):
            return window.model.index(0, keys.index(key)).data(Qt.DisplayRole)

        assert cell("current") == "Rock · Style: —"
        assert cell("decision") == "(keeps Rock — fill mode) · Style: Funk"
        # the core's note (tagger.messages.PREVIEW_KEEPS_FILL) in the app's language, and
        # the tooltip that explains it, told by the core (ReviewData.kept_by_fill_mode)
        from tagger.gui import i18n

        try:
            i18n.install("de")
            assert cell("decision") == "(behält Rock — Modus füllen) · Stil: Funk", cell("decision")
        finally:
            i18n.install("en")
        tip = window.model.index(0, keys.index("decision")).data(Qt.ToolTipRole)
        assert "only writes files without genres" not in tip  # Style gets Funk: not left alone
    finally:
        close_window(qtbot, window)
