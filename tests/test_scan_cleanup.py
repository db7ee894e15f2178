"""The scanner never makes tracks of the safe writer's temporary copies, and deletes
nothing, however old: a copy may belong to a write still running (a big file on a slow
share, another process), and the ones a crash left are removed at the next start by
tagger.temp_copies, which knows whose they are (tests/test_temp_copies.py)."""

from __future__ import annotations

import os
import shutil
import time

from tagger.safewrite import is_temp_name, temp_name_for
from tagger.scan import scan, walk_audio_files

TWO_HOURS_AGO = time.time() - 2 * 3600


def test_temp_copies_are_not_tracks_and_the_scan_deletes_nothing(tmp_path, make_library, lib):
    music = tmp_path / "music"
    files = make_library(music, ["flac", "mp3"])
    sub = music / "sub"
    sub.mkdir()
    shutil.copyfile(files["mp3"], sub / "other.mp3")

    # what a write in progress (or a crash) has beside the music: full copies of audio files
    copies = [music / temp_name_for(files["flac"]), sub / temp_name_for(sub / "other.mp3")]
    for src, dst in zip((files["flac"], sub / "other.mp3"), copies):
        shutil.copyfile(src, dst)
        os.utime(dst, (TWO_HOURS_AGO, TWO_HOURS_AGO))  # an hour's age once made them "stale"
    assert all(is_temp_name(p.name) for p in copies)
    user_hidden = music / ".flac.mp3"  # the user's own hidden file
    shutil.copyfile(files["flac"], user_hidden)

    result = scan(lib, [music])
    assert result.seen == 3 and result.new == 3
    tracks = lib.tracks_under([str(music.resolve())])
    assert sorted(os.path.basename(t.path) for t in tracks) == ["flac.flac", "mp3.mp3", "other.mp3"]
    assert all(p.exists() for p in copies) and user_hidden.exists()  # before: the old copies were deleted
    assert "temp" not in result.summary()
    assert [p for p, _ in walk_audio_files(music)] == [files["flac"], files["mp3"], sub / "other.mp3"]
