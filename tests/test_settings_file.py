"""The settings file as a user may leave it after editing it by hand: every value that is
not valid gives way to its default with one line naming it (the command line prints
it, the app shows it), the rest is kept, and nothing ends in a traceback."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields

import pytest

from tagger.cli import main
from tagger.config import RANGES, Settings

# one value of the wrong kind or out of range for every setting
BAD = {
    "model": 5,
    "device": "gpu",  # not one of tagger.config.DEVICES
    "precision": "int4",
    "workers": "x",
    "min_confidence": "abc",
    "max_genres": 0,
    "write_mode": "overwrite",
    "patches": "6",
    "cluster": 123,
    "ship_audio": "yes",
    "language": None,
    "theme": "blue",
    "learn_as_you_review": 1,
    "learn_after": -3,
    "recent_folders": "/music",
    "tag_fields": ["colour"],
    "separator": "|",
    "id3_version": True,
    "write_mood": "no",
    "mood_threshold": float("inf"),
    "genre_level": "all",
    "genre_whitelist": [1, 2],
}


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def test_every_setting_is_checked():
    assert set(BAD) == {f.name for f in fields(Settings)}


def test_values_that_are_not_valid_give_way_to_their_defaults_and_are_named(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(BAD | {"unknown": 1}))
    problems: list[str] = []
    assert asdict(Settings.load(path, problems)) == asdict(Settings())
    named = {line.split(": ", 1)[1].split(" = ")[0] for line in problems}
    assert named == set(BAD)  # one line per bad value; an unknown key is no problem
    assert all(line.startswith(str(path)) and "its default" in line for line in problems)

    # valid values are kept, whole numbers at the ends of their ranges too
    good = {"min_confidence": 0, "mood_threshold": 1.0, "theme": "dark", "tag_fields": ["genre", "mood"]}
    good |= {name: hi for name, (_, hi) in RANGES.items()}
    path.write_text(json.dumps(good))
    problems.clear()
    loaded = Settings.load(path, problems)
    assert problems == [] and {k: getattr(loaded, k) for k in good} == good


@pytest.mark.parametrize(
    ("text", "said"),
    [("[1, 2]", "holds no settings"), ('{"min_confidence": ', "cannot be read"), ("", "cannot be read")],
)
def test_a_file_that_holds_no_settings_gives_the_defaults(tmp_path, text, said):
    path = tmp_path / "settings.json"
    path.write_text(text)
    problems: list[str] = []
    assert asdict(Settings.load(path, problems)) == asdict(Settings())
    assert len(problems) == 1 and said in problems[0]
    assert Settings.load(tmp_path / "missing.json", problems) == Settings() and len(problems) == 1


def test_saving_keeps_an_unreadable_file_aside(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark",')  # a hand edit cut short
    Settings(theme="light").save(path)
    assert Settings.load(path).theme == "light"
    assert (tmp_path / "settings.json.unreadable").read_text() == '{"theme": "dark",'
    path.write_text("[]")
    Settings().save(path)
    assert (tmp_path / "settings.json.unreadable-1").read_text() == "[]"
    Settings(theme="dark").save(path)  # a readable file is simply replaced
    assert not (tmp_path / "settings.json.unreadable-2").exists()


@pytest.mark.slow
def test_commands_say_which_setting_was_not_valid_and_go_on(tmp_path, make_library, capsys):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"min_confidence": "abc", "patches": "6", "max_genres": 1}))
    files = make_library(tmp_path / "music", ["ogg"])
    code = main(["analyze", str(tmp_path / "music"), "--db", str(tmp_path / "lib.sqlite"), "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    assert "settings: " in err and "min_confidence" in err and "patches" in err and "max_genres" not in err
    assert str(files["ogg"]) in out and "1 analysed" in err + out and "0 failed" in err + out
    assert err.count("\n") == len(err.splitlines())  # whole lines only


def test_the_app_shows_a_setting_that_was_not_valid(qtbot, tmp_path):
    pytest.importorskip("pytestqt")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui_helpers import close_window, open_window

    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"language": "en", "theme": 7, "max_genres": 11}))
    window = open_window(qtbot)
    try:
        shown = window.statusBar().currentMessage()
        assert "max_genres = 11 is not valid" in shown and "(and 1 more)" in shown  # theme: the 2nd
    finally:
        close_window(qtbot, window)
