"""WAV genres that FFmpeg-based readers can see: they discard the `id3 ` chunk when a
RIFF LIST/INFO chunk exists, so a WAV with INFO gets its genres in INFO `IGNR` too
(added when missing), and no WAV gets an ID3 chunk that holds nothing.

ffprobe is the independent reader here (tests that need it skip without it);
libsndfile is a second one for INFO."""

from __future__ import annotations

import json
import shutil
import subprocess

import audio_fixtures as af
import numpy as np
import pytest
import soundfile as sf

from tagger.safewrite import write_genres_safely
from tagger.tags import read_tags


def ffprobe_genre(path) -> str | None:
    """The genre ffprobe reports for the file (None: no genre tag)."""
    if shutil.which("ffprobe") is None:
        pytest.skip("ffprobe is not installed (apt-get install ffmpeg)")
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-of", "json", str(path)],
        stdin=subprocess.DEVNULL,  # ffmpeg's tools read stdin otherwise
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tags = json.loads(out)["format"].get("tags", {})
    return {k.lower(): v for k, v in tags.items()}.get("genre")


def top_level_chunks(path) -> list[bytes]:
    """The ids of the RIFF chunks at the top level of a WAV, in order."""
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    ids, pos = [], 12
    while pos + 8 <= len(data):
        n = int.from_bytes(data[pos + 4 : pos + 8], "little")
        ids.append(data[pos : pos + 4])
        pos += 8 + n + (n & 1)
    return ids


def make_wav(path, **info) -> np.ndarray:
    """A real WAV written by libsndfile, with INFO fields `info` (none: no INFO chunk)."""
    pcm = (af.source_pcm("a")[:, :44100].T * 20000).astype(np.int16)
    with sf.SoundFile(path, "w", 44100, 2, "PCM_16") as out:
        for key, value in info.items():
            setattr(out, key, value)
        out.write(pcm)
    return pcm


def test_wav_with_info_but_no_genre_gets_ignr(tmp_path):
    path = tmp_path / "info.wav"
    pcm = make_wav(path, artist="Info Artist", title="Info Title")
    assert b"LIST" in top_level_chunks(path) and b"id3 " not in top_level_chunks(path)
    assert ffprobe_genre(path) is None

    write_genres_safely(path, ["Jazz", "Blues"])
    assert read_tags(path).genres == ["Jazz", "Blues"]
    assert ffprobe_genre(path) == "Jazz; Blues"  # before the fix: no genre at all
    with sf.SoundFile(path) as f:
        assert (f.genre, f.artist, f.title) == ("Jazz; Blues", "Info Artist", "Info Title")
        assert np.array_equal(f.read(dtype="int16"), pcm)

    write_genres_safely(path, ["Soul"])  # the IGNR added above is updated, not doubled
    assert ffprobe_genre(path) == "Soul"
    assert read_tags(path).genres == ["Soul"]

    write_genres_safely(path, [])  # what an undo to "no genre" writes
    assert ffprobe_genre(path) is None and read_tags(path).genres == []
    with sf.SoundFile(path) as f:
        assert (f.genre, f.title) == ("", "Info Title")
    assert b"id3 " not in top_level_chunks(path)  # nothing left in it: gone

    # INFO with a genre already: ffprobe shows the new one, not the old
    polka = tmp_path / "polka.wav"
    make_wav(polka, artist="A", genre="Polka")
    assert ffprobe_genre(polka) == "Polka"
    write_genres_safely(polka, ["Rock", "Pop"])
    assert ffprobe_genre(polka) == "Rock; Pop" and read_tags(polka).genres == ["Rock", "Pop"]


def test_no_empty_id3_chunk_is_added(tmp_path):
    """A WAV without tags: writing "no genre" changes nothing; genres go into an ID3
    chunk (ffprobe reads it when there is no INFO); clearing them removes the chunk."""
    path = tmp_path / "plain.wav"
    make_wav(path)
    original = path.read_bytes()
    assert top_level_chunks(path) == [b"fmt ", b"data"]

    write_genres_safely(path, [])
    assert top_level_chunks(path) == [b"fmt ", b"data"]  # before the fix: an empty `id3 ` chunk
    assert path.read_bytes() == original

    write_genres_safely(path, ["Rock"])
    assert top_level_chunks(path) == [b"fmt ", b"data", b"id3 "]
    assert ffprobe_genre(path) == "Rock"

    write_genres_safely(path, [])
    assert top_level_chunks(path) == [b"fmt ", b"data"]
    assert path.read_bytes() == original

    # an ID3 chunk holding more than the genre stays when the genres are cleared
    tagged = af.make_library(tmp_path, ["wav"])["wav"]  # ID3: artist, album, title; no genre
    before = read_tags(tagged)
    write_genres_safely(tagged, ["Rock"])
    write_genres_safely(tagged, [])
    after = read_tags(tagged)
    assert b"id3 " in top_level_chunks(tagged)
    assert (after.artist, after.album, after.title, after.genres) == (before.artist, before.album, before.title, [])
