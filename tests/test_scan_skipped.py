"""The scan names what it passes over: audio files it can't read, and files it analyses
but can't tag, by extension. Other files (pictures, text, cue sheets...) stay unmentioned."""

from __future__ import annotations

import json
import shutil

import audio_fixtures as af
import pytest

from tagger.cli import main
from tagger.scan import scan

# files that are not audio: never counted as skipped
NOT_AUDIO = [
    "cover.jpg",
    "notes.txt",
    "album.cue",
    "rip.log",
    "info.nfo",
    "list.m3u",
    "list.pls",
    "folder.png",
    "README",
]


def _folder(tmp_path):
    music = tmp_path / "music"
    af.make_library(music, ["au", "dff", "flac"])
    shutil.copyfile(music / "au.au", music / "second.au")
    sub = music / "sub"
    sub.mkdir()
    # a real (tiny) standard MIDI file: header + one empty track
    (sub / "tune.mid").write_bytes(b"MThd\x00\x00\x00\x06\x00\x00\x00\x01\x00\x60MTrk\x00\x00\x00\x04\x00\xff\x2f\x00")
    shutil.copyfile(sub / "tune.mid", sub / "tune2.MID")
    (sub / "x.ofr").write_bytes(b"OFR " + bytes(100))  # by name: never opened
    for name in NOT_AUDIO:
        (sub / name).write_bytes(b"not audio\n")
    (music / ".hidden.mid").write_bytes(b"hidden files are not looked at")
    return music


def test_scan_counts_skipped_and_untaggable_by_extension(tmp_path, lib):
    music = _folder(tmp_path)
    result = scan(lib, [music])
    assert result.seen == 4 and not result.errors  # flac, dff, two .au
    assert result.skipped == {".mid": 2, ".ofr": 1}
    assert result.not_taggable == {".au": 2, ".dff": 1}
    assert result.skipped_lines() == [
        "skipped 3 files: .mid ×2 (MIDI is notes, not sound), .ofr ×1 (FFmpeg has no OptimFROG decoder)",
        "3 files analysed but not taggable: .au ×2 (no tag format), .dff ×1 (read-only tags)",
    ]
    # a rescan (nothing changed) says the same
    again = scan(lib, [music])
    assert (again.unchanged, again.skipped, again.not_taggable) == (4, result.skipped, result.not_taggable)


def test_one_extension_reads_naturally(tmp_path, lib):
    music = tmp_path / "m"
    af.make_library(music, ["flac"])
    (music / "a.mid").write_bytes(b"MThd")
    (music / "b.mid").write_bytes(b"MThd")
    (music / "c.mid").write_bytes(b"MThd")
    assert scan(lib, [music]).skipped_lines() == ["skipped 3 .mid files (MIDI is notes, not sound)"]
    assert scan(lib, [music / "a.mid"]).skipped_lines() == []  # a file named on purpose


def test_nothing_to_say(tmp_path, lib):
    music = tmp_path / "m"
    af.make_library(music, ["flac", "mpc"])
    (music / "cover.jpg").write_bytes(b"jpeg")
    assert scan(lib, [music]).skipped_lines() == []


def test_cli_scan_prints_the_lines(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = _folder(tmp_path)
    assert main(["scan", str(music), "--db", str(tmp_path / "lib.db")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3].startswith("4 audio files: 4 new")
    assert out[-2].startswith("skipped 3 files: .mid ×2")
    assert out[-1].startswith("3 files analysed but not taggable: .au ×2 (no tag format)")
    assert main(["scan", str(music), "--db", str(tmp_path / "lib.db"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])["summary"]
    assert summary["skipped"] == {".mid": 2, ".ofr": 1}
    assert summary["not_taggable"] == {".au": 2, ".dff": 1}


@pytest.mark.slow
def test_cli_analyze_analyses_every_new_format(tmp_path, capsys, monkeypatch):
    """End to end with the real model: each added format is analysed (the .au and .dff
    too), and the summary on stderr names the ones that can't be tagged."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = tmp_path / "music"
    files = af.make_library(music, af.EXTRA_FORMATS)
    code = main(["analyze", str(music), "--db", str(tmp_path / "lib.db"), "--json", "--workers", "1"])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert code == 0
    assert sorted(line["path"] for line in lines) == sorted(str(p) for p in files.values())
    assert all(line["status"] != "error" and line["genres"] for line in lines), lines
    code = main(["analyze", str(music), "--db", str(tmp_path / "lib.db"), "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 0
    assert ("2 files analysed but not taggable: .au ×1 (no tag format), .dff ×1 (read-only tags)") in err
