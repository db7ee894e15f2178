"""A folder named to a command means that folder: not its sibling that differs only in
case ("Rock" and "rock" are two folders here), nor the folders its name would match as
a pattern ("Album [Live]", "100% Hits", "a_b", "*"). Real files, a real library."""

from __future__ import annotations

import shutil

from tagger.cli import main
from tagger.db import Library
from tagger.tags import read_tags

NAMES = ["Rock", "rock", "Album [Live]", "Album L", "100% Hits", "100X Hits", "a_b", "aXb", "*", "star", "?", "q"]


def test_a_folder_matches_itself_only(tmp_path, make_library, monkeypatch, capsys):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = tmp_path / "music"
    source = make_library(tmp_path / "source", ["flac"])["flac"]
    for name in NAMES:
        (music / name).mkdir(parents=True)
        shutil.copy(source, music / name / "track.flac")
    db = tmp_path / "lib.sqlite"
    assert main(["scan", str(music), "--db", str(db)]) == 0
    lib = Library(db)
    try:
        for name in NAMES:
            found = [t.path for t in lib.tracks_under([music / name])]
            assert found == [str(music / name / "track.flac")], (name, found)
    finally:
        lib.close()

    # as the user met it: deciding and writing "rock" leaves "Rock" alone
    capsys.readouterr()
    assert main(["decide", str(music / "Rock"), "--genres", "Hard Rock", "--db", str(db)]) == 0
    assert main(["decide", str(music / "rock"), "--genres", "Soft Rock", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == ["1 track(s) updated", "1 track(s) updated"]
    assert main(["apply", str(music / "rock"), "--decided-only", "--mode", "replace", "--db", str(db)]) == 0
    assert read_tags(music / "rock" / "track.flac").genres == ["Soft Rock"]
    assert read_tags(music / "Rock" / "track.flac").genres == read_tags(source).genres  # untouched
    # a scan of one folder does not call its case sibling's tracks gone
    capsys.readouterr()
    assert main(["scan", str(music / "Rock"), "--db", str(db)]) == 0
    assert "0 gone" in capsys.readouterr().out
