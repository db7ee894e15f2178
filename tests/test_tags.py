"""tagger.tags on real files: reading, multi-value genre writing, audio untouched."""

from __future__ import annotations

import shutil

import audio_fixtures as af
import mutagen
import numpy as np
import pytest
import soundfile as sf
from mutagen import id3

from tagger import fingerprint as fp
from tagger.tags import TagError, normalize_genres, read_tags, write_genres

MULTI = ["Rock", "Jazz Fusion", "Funk / Soul", "Électronique"]


@pytest.mark.parametrize("key", af.FORMATS)
def test_read_initial_tags(audio_files, key):
    spec = af.SPECS[key]
    t = read_tags(audio_files[key])
    assert t.format == spec.format
    assert t.artist == spec.artist and t.album == spec.album
    assert t.title == af.SOURCES["a"][2]
    assert t.tracknumber == spec.tracknumber
    expected = [af.M4A_GNRE_GENRE] if key == "m4a" else list(spec.genres)
    assert t.genres == expected
    if key == "ape":
        assert (t.sample_rate, t.channels) == (22050, 1)
        assert t.duration == pytest.approx(4.0, abs=0.05)
    else:
        assert t.sample_rate == (48000 if key == "opus" else 44100)
        assert t.channels == 2
        assert t.duration == pytest.approx(af.SECONDS, abs=0.1)


@pytest.mark.parametrize("key", af.FORMATS)
def test_write_genres_roundtrip_keeps_audio_and_other_tags(audio_files, key):
    path = audio_files[key]
    before = read_tags(path)
    pcm = af.decode(path)
    digest = fp.payload_digest(path)

    for genres in (MULTI, ["Electronic"], []):
        write_genres(path, genres)
        after = read_tags(path)
        assert after.genres == genres
        assert (after.artist, after.album, after.title, after.tracknumber) == (
            before.artist,
            before.album,
            before.title,
            before.tracknumber,
        )
        assert after.format == before.format
        assert fp.payload_digest(path) == digest
    write_genres(path, MULTI)
    assert read_tags(path).genres == MULTI
    decoded = af.decode(path)
    assert decoded.dtype == pcm.dtype and decoded.shape == pcm.shape
    assert np.array_equal(decoded, pcm)  # bit for bit


def test_ape_fixture_is_lossless_and_survives(tmp_path):
    """The committed APE decodes to 4 s of 16-bit mono; a write keeps every sample."""
    path = af.make_library(tmp_path, ["ape"])["ape"]
    pcm = af.decode(path)
    assert pcm.shape == (1, 4 * 22050) and pcm.dtype == np.int16
    write_genres(path, MULTI)
    assert np.array_equal(af.decode(path), pcm)


# ------------------------------------------------- each format's own storage, checked raw


def test_id3v24_stores_separate_values(audio_files):
    path = audio_files["mp3"]
    write_genres(path, MULTI)
    raw = id3.ID3(path, translate=False)
    assert raw.version == (2, 4, 0)
    assert raw["TCON"].text == MULTI


def test_id3v23_stays_v23_with_slash_join(audio_files):
    path = audio_files["mp3_v23"]
    write_genres(path, ["Rock", "Jazz Fusion", "Funk / Soul"])
    raw = id3.ID3(path, translate=False)
    assert raw.version == (2, 3, 0)
    assert path.read_bytes()[3] == 3
    assert raw["TCON"].text == ["Rock/Jazz Fusion/Funk / Soul"]
    t = read_tags(path)
    assert t.tag_type == "id3v2.3"
    assert t.genres == ["Rock", "Jazz Fusion", "Funk / Soul"]


def test_id3v23_refuses_a_bare_slash_in_a_genre(audio_files):
    path = audio_files["mp3_v23"]
    data = path.read_bytes()
    with pytest.raises(TagError, match="'/'"):
        write_genres(path, ["Rock/Pop"])
    assert path.read_bytes() == data


def test_id3v23_null_separated_values_from_other_taggers(audio_files):
    path = audio_files["mp3_v23"]
    f = mutagen.File(path)
    f.tags.delall("TCON")
    f.tags.add(id3.TCON(encoding=1, text=["Blues", "Soul"]))
    f.save(v2_version=3, v23_sep=None)  # NUL-separated v2.3 (foobar2000 style)
    assert id3.ID3(path, translate=False).version == (2, 3, 0)
    assert read_tags(path).genres == ["Blues", "Soul"]


def test_id3v24_slash_is_part_of_the_name(audio_files):
    path = audio_files["mp3"]
    f = mutagen.File(path)
    f.tags.delall("TCON")
    f.tags.add(id3.TCON(encoding=3, text=["Rock/Pop"]))
    f.save(v2_version=4)
    assert read_tags(path).genres == ["Rock/Pop"]


@pytest.mark.parametrize(
    "text,expected",
    [
        (["(17)"], ["Rock"]),
        (["17"], ["Rock"]),
        (["(17)(20)"], ["Rock", "Alternative"]),
        (["(9)Metal"], ["Metal"]),
        (["(RX)"], ["Remix"]),
    ],
)
def test_id3_numeric_genres(audio_files, text, expected):
    path = audio_files["mp3"]
    f = mutagen.File(path)
    f.tags.delall("TCON")
    f.tags.add(id3.TCON(encoding=0, text=text))
    f.save(v2_version=3)
    assert read_tags(path).genres == expected


def test_id3v1_only_file(tmp_path):
    path = af.make_library(tmp_path, ["mp3"])["mp3"]
    f = mutagen.File(path)
    f.tags.delall("TCON")
    f.tags.add(id3.TCON(encoding=0, text=["Rock"]))
    f.save(v1=2)
    id3.ID3(path).delete(delete_v1=False, delete_v2=True)  # keep only ID3v1
    data = path.read_bytes()
    assert data[:3] != b"ID3" and data[-128:-125] == b"TAG" and data[-1] == 17
    t = read_tags(path)
    assert (t.tag_type, t.genres, t.artist) == ("id3v1", ["Rock"], "Example Artist")
    digest = fp.payload_digest(path)
    write_genres(path, ["Jazz", "Blues"])
    t = read_tags(path)
    assert (t.tag_type, t.genres) == ("id3v2.4", ["Jazz", "Blues"])
    assert path.read_bytes()[-1] == 8  # the ID3v1 genre byte follows: Jazz
    assert fp.payload_digest(path) == digest


@pytest.mark.parametrize("key", ["flac", "ogg", "opus"])
def test_vorbis_comment_field_repeated(audio_files, key):
    write_genres(audio_files[key], MULTI)
    assert mutagen.File(audio_files[key]).tags["GENRE"] == MULTI
    assert list(dict(mutagen.File(audio_files[key]).tags.as_dict()).keys()).count("genre") == 1


def test_m4a_removes_legacy_gnre(audio_files):
    path = audio_files["m4a"]
    assert b"gnre" in path.read_bytes()
    write_genres(path, MULTI)
    data = path.read_bytes()
    assert b"gnre" not in data and b"\xa9gen" in data
    assert mutagen.File(path).tags["\xa9gen"] == MULTI
    # faststart file: moov before mdat, its chunk offsets moved with the tag
    assert data.index(b"moov") < data.index(b"mdat")
    assert np.array_equal(af.decode(path), af.decode(af.fixture_path("m4a")))


def test_m4a_removes_unparseable_gnre(audio_files):
    """A gnre with an out-of-range index is one mutagen keeps blindly: we drop it."""
    import struct

    from mutagen.mp4 import Atom

    path = audio_files["m4a_alac"]
    f = mutagen.File(path)
    f.tags._failed_atoms["gnre"] = [Atom.render(b"data", struct.pack(">IIH", 0, 0, 999))]
    f.save()
    assert b"gnre" in path.read_bytes()
    write_genres(path, ["Jazz"])
    assert b"gnre" not in path.read_bytes()
    assert read_tags(path).genres == ["Jazz"]


def test_wma_attribute_repeated_and_genre_id_removed(audio_files):
    from mutagen.asf import ASF

    path = audio_files["wma"]
    f = ASF(path)
    del f["WM/Genre"]
    f["WM/GenreID"] = ["(17)"]
    f.save()
    assert read_tags(path).genres == ["Rock"]
    write_genres(path, MULTI)
    f = ASF(path)
    assert [str(v) for v in f["WM/Genre"]] == MULTI
    assert "WM/GenreID" not in f


@pytest.mark.parametrize("key", ["ape", "wavpack"])
def test_apev2_null_separated_list(audio_files, key):
    from mutagen.apev2 import APEv2

    write_genres(audio_files[key], MULTI)
    ape = APEv2(audio_files[key])
    assert [k for k in ape.keys() if k.lower() == "genre"] == ["Genre"]
    assert ape["Genre"].value == "\x00".join(MULTI)


@pytest.mark.parametrize("key", ["wav", "aiff"])
def test_wav_aiff_use_an_id3_chunk(audio_files, key):
    path = audio_files[key]
    write_genres(path, MULTI)
    f = mutagen.File(path)
    assert type(f).__name__ == ("WAVE" if key == "wav" else "AIFF")
    assert f.tags["TCON"].text == MULTI
    chunk = b"id3 " if key == "wav" else b"ID3 "
    assert chunk in path.read_bytes()


def test_wav_riff_info_genre_read_and_updated(tmp_path):
    """A WAV with RIFF INFO only (written by libsndfile): read from INFO; a write adds
    the ID3 chunk and updates IGNR, so INFO-only readers see the new genres too."""
    path = tmp_path / "info.wav"
    pcm = (af.source_pcm("a")[:, :44100].T * 20000).astype(np.int16)
    with sf.SoundFile(path, "w", 44100, 2, "PCM_16") as out:
        out.artist, out.title, out.genre = "Info Artist", "Info Title", "Polka"
        out.write(pcm)
    t = read_tags(path)
    assert (t.tag_type, t.artist, t.title, t.genres) == ("riff-info", "Info Artist", "Info Title", ["Polka"])
    write_genres(path, ["Jazz", "Blues"])
    t = read_tags(path)
    assert (t.tag_type, t.genres) == ("id3v2.4", ["Jazz", "Blues"])
    with sf.SoundFile(path) as f:  # an independent reader of RIFF INFO
        assert f.genre == "Jazz; Blues"
        assert f.artist == "Info Artist"
        assert np.array_equal(f.read(dtype="int16"), pcm)
    write_genres(path, [])
    with sf.SoundFile(path) as f:
        assert f.genre == "" and f.title == "Info Title"
    assert read_tags(path).genres == []


def _wav_with_id3_and_info_genre(path, info_genre="Polka"):
    """A real WAV with RIFF INFO (IART/INAM/IGNR, written by libsndfile) and an ID3 chunk
    (added by mutagen) that has artist/title but no TCON."""
    pcm = (af.source_pcm("a")[:, :44100].T * 20000).astype(np.int16)
    with sf.SoundFile(path, "w", 44100, 2, "PCM_16") as out:
        out.artist, out.title, out.genre = "Info Artist", "Info Title", info_genre
        out.write(pcm)
    f = mutagen.File(path)
    f.add_tags()
    f.tags.add(id3.TPE1(encoding=3, text=["ID3 Artist"]))
    f.tags.add(id3.TIT2(encoding=3, text=["ID3 Title"]))
    f.save(v2_version=4)
    f = mutagen.File(path)
    assert "TCON" not in f.tags and b"id3 " in path.read_bytes()
    with sf.SoundFile(path) as g:
        assert g.genre == info_genre
    return pcm


def test_wav_id3_without_genre_reports_info_ignr(tmp_path):
    """ID3 chunk without TCON + INFO IGNR: IGNR is the current genre (a write changes
    it), so what read_tags reports is what a write replaces and what undo restores."""
    path = tmp_path / "both.wav"
    pcm = _wav_with_id3_and_info_genre(path)
    t = read_tags(path)
    assert (t.artist, t.title) == ("ID3 Artist", "ID3 Title")  # ID3 wins for the rest
    assert (t.tag_type, t.genres) == ("riff-info", ["Polka"])
    write_genres(path, ["Jazz", "Swing"])
    t = read_tags(path)
    assert (t.tag_type, t.genres) == ("id3v2.4", ["Jazz", "Swing"])
    with sf.SoundFile(path) as f:
        assert f.genre == "Jazz; Swing"
    write_genres(path, ["Polka"])  # what an undo writes back
    assert read_tags(path).genres == ["Polka"]
    with sf.SoundFile(path) as f:
        assert f.genre == "Polka" and f.title == "Info Title"
        assert np.array_equal(f.read(dtype="int16"), pcm)
    write_genres(path, [])  # removing genres removes IGNR too: nothing left to report
    assert read_tags(path).genres == []
    with sf.SoundFile(path) as f:
        assert f.genre == ""


def test_wav_info_genre_survives_batch_and_undo(tmp_path):
    """End to end: scan records IGNR as the old genre, a batch replaces it, undo puts
    IGNR back (before the fix, undo wrote [] and deleted it)."""
    from tagger.apply import PlannedChange, undo_batch, write_batch
    from tagger.db import Library
    from tagger.scan import scan

    folder = tmp_path / "music"
    folder.mkdir()
    path = folder / "both.wav"
    pcm = _wav_with_id3_and_info_genre(path, "Polka")
    lib = Library(tmp_path / "lib.db")
    try:
        scan(lib, [folder])
        track = lib.track_by_path(str(path.resolve()))
        assert track.genres == ["Polka"]
        _, outcomes = write_batch(
            lib, [PlannedChange(track.id, str(path.resolve()), ["Polka"], ["Jazz"], "accepted")], "replace"
        )
        assert [o.status for o in outcomes] == ["written"]
        with sf.SoundFile(path) as f:
            assert f.genre == "Jazz"
        _, outcomes = undo_batch(lib)
        assert [o.status for o in outcomes] == ["undone"]
    finally:
        lib.close()
    assert read_tags(path).genres == ["Polka"]
    with sf.SoundFile(path) as f:
        assert f.genre == "Polka"
        assert np.array_equal(f.read(dtype="int16"), pcm)


def test_ogg_file_holding_opus_is_fine(tmp_path):
    path = tmp_path / "opus-in.ogg"
    shutil.copyfile(af.fixture_path("opus"), path)
    write_genres(path, ["Folk", "Pop"])
    t = read_tags(path)
    assert (t.format, t.genres) == ("opus", ["Folk", "Pop"])


def test_normalize_genres():
    assert normalize_genres([" Rock ", "", "Rock", "Pop"]) == ["Rock", "Pop"]
    with pytest.raises(TypeError):
        normalize_genres("Rock")
    with pytest.raises(TagError):
        normalize_genres(["a\x00b"])


def test_write_dedupes_and_strips(audio_files):
    write_genres(audio_files["flac"], [" Rock", "Rock ", "Pop"])
    assert read_tags(audio_files["flac"]).genres == ["Rock", "Pop"]


# ------------------------------------------------------------------- failures


@pytest.mark.parametrize(
    "name,reason",
    [
        ("empty.mp3", "empty file"),
        ("random.mp3", "corrupt or unreadable MP3"),
        ("truncated.flac", "corrupt or unreadable FLAC"),
        ("truncated.m4a", "corrupt or unreadable MP4"),
        ("mp3-named.flac", "holds MP3 but its extension '.flac' says FLAC"),
        ("text.ogg", "not audio: a text file named .ogg"),
    ],
)
def test_broken_files_raise_clear_reasons(broken_files, name, reason):
    path = broken_files[name]
    data = path.read_bytes()
    with pytest.raises(TagError) as e:
        read_tags(path)
    assert reason in e.value.reason
    with pytest.raises(TagError):
        write_genres(path, ["Rock"])
    assert path.read_bytes() == data


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(TagError, match="does not exist"):
        read_tags(tmp_path / "nope.mp3")
    with pytest.raises(TagError, match="not a regular file"):
        read_tags(tmp_path)


def test_raw_aac_gets_an_apev2_tag(tmp_path):
    """ADTS AAC has no tag of its own: a write gives it an APEv2 tag (as Picard does),
    multi-valued, and leaves every audio byte where it was."""
    from mutagen.apev2 import APEv2

    path = af.make_library(tmp_path, ["aac"])["aac"]
    t = read_tags(path)
    assert (t.format, t.genres, t.sample_rate, t.tag_type) == ("aac", [], 44100, None)
    pcm, digest = af.decode(path), fp.payload_digest(path)
    write_genres(path, MULTI)
    t = read_tags(path)
    assert (t.format, t.genres, t.tag_type) == ("aac", MULTI, "apev2")
    assert APEv2(path)["Genre"].value == "\x00".join(MULTI)
    assert fp.payload_digest(path) == digest
    assert np.array_equal(af.decode(path), pcm)
    write_genres(path, [])
    assert read_tags(path).genres == []


def test_raw_aac_with_an_id3_tag_keeps_id3(tmp_path):
    """An ADTS file that already has an ID3v2 tag in front (what FFmpeg reads): that tag
    is the one updated, with the ID3 rules (v2.3 stays v2.3)."""
    path = af.make_library(tmp_path, ["aac"])["aac"]
    pcm, digest = af.decode(path), fp.payload_digest(path)
    tag = id3.ID3()
    tag.add(id3.TIT2(encoding=3, text=["ADTS title"]))
    tag.add(id3.TCON(encoding=3, text=["Polka"]))
    tag.save(path, v2_version=3)
    t = read_tags(path)
    assert (t.format, t.tag_type, t.title, t.genres) == ("aac", "id3v2.3", "ADTS title", ["Polka"])
    write_genres(path, ["Rock", "Jazz Fusion"])
    assert id3.ID3(path, translate=False)["TCON"].text == ["Rock/Jazz Fusion"]
    t = read_tags(path)
    assert (t.tag_type, t.title, t.genres) == ("id3v2.3", "ADTS title", ["Rock", "Jazz Fusion"])
    assert b"APETAGEX" not in path.read_bytes()
    assert fp.payload_digest(path) == digest
    assert np.array_equal(af.decode(path), pcm)
