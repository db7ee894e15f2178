"""The scanner deletes stale temp copies left by a crashed safe write, and nothing else."""

from __future__ import annotations

import os
import shutil
import time

from tagger.safewrite import is_temp_name, temp_name_for
from tagger.scan import ScanResult, scan, walk_audio_files

TWO_HOURS_AGO = time.time() - 2 * 3600


def age(path, when=TWO_HOURS_AGO):
    os.utime(path, (when, when))


def test_stale_temp_removed_fresh_and_user_files_kept(tmp_path, make_library, lib):
    music = tmp_path / "music"
    files = make_library(music, ["flac", "mp3"])
    sub = music / "sub"
    sub.mkdir()
    shutil.copyfile(files["mp3"], sub / "other.mp3")

    # what a crash between copy and replace leaves: a full copy of the audio file
    stale = music / temp_name_for(files["flac"])
    stale_sub = sub / temp_name_for(sub / "other.mp3")
    fresh = music / temp_name_for(files["mp3"])
    for src, dst in ((files["flac"], stale), (sub / "other.mp3", stale_sub), (files["mp3"], fresh)):
        shutil.copyfile(src, dst)
    age(stale)
    age(stale_sub)
    assert all(is_temp_name(p.name) for p in (stale, stale_sub, fresh))

    # the user's own hidden files, however old and however named, are not ours
    user_hidden = music / ".flac.mp3"
    user_lookalike = music / ".notes.gt-tmp-backup.flac"  # no 8-hex token
    user_upper = music / ".song.gt-tmp-0123ABCD.flac"  # our tokens are lowercase
    for p in (user_hidden, user_lookalike, user_upper):
        shutil.copyfile(files["flac"], p)
        age(p)
    # a symlink named like a temp file: never followed, never removed
    link = music / ".link.gt-tmp-0123abcd.flac"
    link.symlink_to(files["flac"])
    os.utime(link, (TWO_HOURS_AGO, TWO_HOURS_AGO), follow_symlinks=False)

    result = scan(lib, [music])
    assert result.stale_temps_removed == 2
    assert "removed 2 stale temp files" in result.summary()
    assert not stale.exists() and not stale_sub.exists()
    assert fresh.exists()
    for p in (user_hidden, user_lookalike, user_upper, link, files["flac"], files["mp3"]):
        assert p.exists(), p
    assert link.is_symlink()
    # temp files are never tracks
    assert result.seen == 3 and result.new == 3
    tracks = lib.tracks_under([str(music.resolve())])
    assert sorted(os.path.basename(t.path) for t in tracks) == ["flac.flac", "mp3.mp3", "other.mp3"]

    # the fresh one goes once it is stale too; a clean scan says nothing about temps
    age(fresh)
    result = scan(lib, [music])
    assert result.stale_temps_removed == 1 and not fresh.exists()
    assert "removed 1 stale temp file" in result.summary()
    assert "stale temp files" not in result.summary()
    result = scan(lib, [music])
    assert result.stale_temps_removed == 0
    assert "temp" not in result.summary()


def test_walk_reports_removed_temps(tmp_path, make_library):
    files = make_library(tmp_path, ["wav"])
    stale = tmp_path / temp_name_for(files["wav"])
    shutil.copyfile(files["wav"], stale)
    age(stale)
    removed = []
    found = [p for p, _ in walk_audio_files(tmp_path, removed)]
    assert found == [files["wav"]]
    assert removed == [stale] and not stale.exists()


def test_just_under_an_hour_is_kept(tmp_path, make_library):
    files = make_library(tmp_path, ["ogg"])
    temp = tmp_path / temp_name_for(files["ogg"])
    shutil.copyfile(files["ogg"], temp)
    age(temp, time.time() - 3300)
    assert [p for p, _ in walk_audio_files(tmp_path)] == [files["ogg"]]
    assert temp.exists()


def test_summary_mentions_temps_only_when_some_were_removed():
    r = ScanResult(seen=1, new=1)
    assert "temp" not in r.summary()
    r.stale_temps_removed = 3
    assert r.summary().endswith("; removed 3 stale temp files")
