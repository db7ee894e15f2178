"""MP3 tags beyond a plain ID3v2 tag, as real files have them.

- An APEv2 tag at the end as well as the ID3 tag (foobar2000, Mp3tag, older rippers):
  players that read APEv2 show its genre, so the app reads it where the ID3 tag has none
  and writes the same values into the APEv2 items the tag already has.
- An ID3v2.4 tag with a footer: written (the stale footer mutagen leaves goes).

A write and its undo keep the audio and every other item, byte for byte on undo."""

from __future__ import annotations

import audio_fixtures as af
import pytest
from mutagen.apev2 import APENoHeaderError, APEv2
from mutagen.id3 import ID3, TPE1

from tagger.cli import main
from tagger.fingerprint import payload_digest
from tagger.safewrite import write_genres_safely
from tagger.tags import read_tags


def mp3_with_apev2(tmp_path, ape_items: dict[str, str]):
    path = af.make_library(tmp_path, ["mp3"])["mp3"]
    tag = ID3(path)
    tag.delall("TCON")
    tag.add(TPE1(encoding=3, text=["ID3 Artist"]))
    tag.save(path)
    ape = APEv2()
    for key, value in ape_items.items():
        ape[key] = value
    ape.save(path)
    return path


def test_the_apev2_genre_is_read_where_the_id3_tag_has_none(tmp_path):
    path = mp3_with_apev2(tmp_path, {"Genre": "Jazz", "Artist": "APE Artist"})
    t = read_tags(path)
    assert t.genres == ["Jazz"] and t.artist == "ID3 Artist"


def test_a_write_keeps_both_tags_saying_the_same(tmp_path):
    path = mp3_with_apev2(tmp_path, {"Genre": "Jazz", "Artist": "APE Artist", "Replaygain_Track_Gain": "-7.1 dB"})
    audio = payload_digest(path)

    write_genres_safely(path, ["Metal", "Doom"])

    assert [str(v) for v in ID3(path).getall("TCON")[0].text] == ["Metal", "Doom"]
    ape = APEv2(path)
    assert list(ape["Genre"]) == ["Metal", "Doom"]
    assert str(ape["Artist"]) == "APE Artist" and str(ape["Replaygain_Track_Gain"]) == "-7.1 dB"
    assert read_tags(path).genres == ["Metal", "Doom"]
    assert payload_digest(path) == audio


def test_no_apev2_item_is_made_where_there_was_none(tmp_path):
    with_ape = mp3_with_apev2(tmp_path / "a", {"Artist": "APE Artist"})
    write_genres_safely(with_ape, ["Metal"])
    assert "Genre" not in APEv2(with_ape)
    plain = af.make_library(tmp_path / "b", ["mp3"])["mp3"]
    write_genres_safely(plain, ["Metal"])
    assert read_tags(plain).genres == ["Metal"]
    with pytest.raises(APENoHeaderError):
        APEv2(plain)


def test_replace_and_undo_through_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    path = mp3_with_apev2(tmp_path / "music", {"Genre": "Jazz"})
    original = path.read_bytes()
    music = str(path.parent)
    assert main(["scan", music]) == 0
    assert main(["decide", str(path), "--genres", "Blues"]) == 0
    assert main(["apply", music, "--decided-only", "--mode", "replace"]) == 0
    assert list(APEv2(path)["Genre"]) == ["Blues"] and read_tags(path).genres == ["Blues"]

    assert main(["undo"]) == 0
    assert path.read_bytes() == original


def test_an_id3v24_tag_with_a_footer_is_written_and_undone(tmp_path, monkeypatch):
    """mutagen writes no footer and left the old one in front of the audio: the write was
    refused ("the audio data would change"). Found by the broken-file hunt."""
    from mutagen.id3 import TIT2

    from tagger.formats.payload import syncsafe

    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    path = af.make_library(tmp_path / "music", ["mp3"])["mp3"]
    tag = ID3()
    tag.add(TIT2(encoding=3, text=["title"]))
    tag.save(path, v2_version=4, padding=lambda info: 0)
    data = bytearray(path.read_bytes())
    size = syncsafe(data[6:10])
    data[5] |= 0x10  # footer present
    data[10 + size : 10 + size] = b"3DI" + bytes(data[3:10])
    path.write_bytes(bytes(data))
    original, audio = path.read_bytes(), payload_digest(path)
    music = str(path.parent)
    assert main(["scan", music]) == 0
    assert main(["decide", str(path), "--genres", "Jazz"]) == 0

    assert main(["apply", music, "--decided-only"]) == 0

    assert read_tags(path).genres == ["Jazz"] and read_tags(path).title == "title"
    assert payload_digest(path) == audio and b"3DI" not in path.read_bytes()[:4096]
    assert main(["undo"]) == 0
    assert path.read_bytes() == original
