"""A moved or renamed file keeps the user's decision (matched by its audio content)."""

from __future__ import annotations

import shutil

from tagger.db import Track
from tagger.scan import scan


def track_at(lib, path):
    with lib.session() as s:
        return s.query(Track).filter(Track.path == str(path)).one()


def test_rename_within_one_scan_keeps_the_decision(tmp_path, make_library, lib):
    music = tmp_path / "music"
    files = make_library(music, ["flac", "mp3"])
    scan(lib, [music])
    lib.set_decision([track_at(lib, files["flac"]).id], "overridden", ["Dub Techno"])

    renamed = music / "sub" / "renamed.flac"
    renamed.parent.mkdir()
    files["flac"].rename(renamed)
    result = scan(lib, [music])

    assert (result.new, result.gone, result.moved) == (0, 0, 1)  # a move counts once, as moved
    assert result.seen == result.new + result.changed + result.unchanged + result.moved
    moved = lib.decision_for(track_at(lib, renamed).id)
    assert moved.state == "overridden" and moved.genres == ["Dub Techno"]
    assert lib.decision_for(track_at(lib, files["flac"]).id) is None  # followed, not copied
    assert lib.decision_for(track_at(lib, files["mp3"]).id) is None


def test_folder_moved_between_roots_scanned_at_different_times(tmp_path, make_library, lib):
    """Root A is rescanned after the folder left it (the tracks go missing); root B,
    where the folder now is, is scanned later: the decisions follow."""
    a, b = tmp_path / "a", tmp_path / "b"
    files = make_library(a / "album", ["flac", "ogg"])
    b.mkdir()
    scan(lib, [a])
    lib.set_decision([track_at(lib, files["flac"]).id], "accepted", ["Jazz"])
    lib.set_decision([track_at(lib, files["ogg"]).id], "skipped")

    shutil.move(str(a / "album"), str(b / "album"))
    first = scan(lib, [a])
    assert (first.gone, first.moved) == (2, 0)
    second = scan(lib, [b])

    assert (second.new, second.gone, second.moved) == (0, 0, 2)  # gone in the first scan already
    jazz = lib.decision_for(track_at(lib, b / "album" / files["flac"].name).id)
    assert jazz.state == "accepted" and jazz.genres == ["Jazz"]
    assert lib.decision_for(track_at(lib, b / "album" / files["ogg"].name).id).state == "skipped"


def test_new_copy_of_present_file_gets_no_decision(tmp_path, make_library, lib):
    """Only files that went missing hand their decision on: a second copy is new."""
    music = tmp_path / "music"
    files = make_library(music, ["flac"])
    scan(lib, [music])
    lib.set_decision([track_at(lib, files["flac"]).id], "accepted", ["Folk"])
    copy = music / "copy.flac"
    shutil.copy2(files["flac"], copy)
    result = scan(lib, [music])
    assert (result.new, result.moved) == (1, 0)
    assert lib.decision_for(track_at(lib, copy).id) is None
    assert lib.decision_for(track_at(lib, files["flac"]).id).genres == ["Folk"]
