"""tagger.fingerprint on real files of every container."""

from __future__ import annotations

import re
import shutil
import struct

import audio_fixtures as af
import mutagen
import pytest
from mutagen import id3

from tagger import fingerprint as fp

ALL = list(af.FORMATS) + ["aac"]  # + raw ADTS AAC (not a tag-writing format)
BIG = 200_000  # bytes of picture / text added by a re-tag


def _payload(path) -> bytes:
    data = path.read_bytes()
    return b"".join(data[o : o + n] for o, n in fp.audio_payload_ranges(path))


def _retag_big(path, key: str) -> None:
    """A thorough re-tag with mutagen: other genres, a new title, ~200 KB more tag data."""
    blob = bytes(range(256)) * (BIG // 256)
    f = None if key == "aac" else mutagen.File(path)
    if key in ("mp3", "mp3_v23", "wav", "aiff", "aac"):
        if key == "aac":  # ADTS: an ID3v2 tag in front, as some taggers do
            t = id3.ID3()
            t.add(id3.TCON(encoding=3, text=["Rock", "Pop"]))
            t.add(id3.TIT2(encoding=3, text=["New title"]))
            t.add(id3.APIC(encoding=3, mime="image/png", type=3, data=blob))
            t.save(path, v2_version=4)
            return
        f.tags.delall("TCON")
        f.tags.add(id3.TCON(encoding=3, text=["Rock", "Pop"]))
        f.tags.add(id3.TIT2(encoding=3, text=["New title"]))
        f.tags.add(id3.APIC(encoding=3, mime="image/png", type=3, desc="c", data=blob))
        f.save(v2_version=3 if key == "mp3_v23" else 4)
    elif key in ("flac",):
        from mutagen.flac import Picture

        f["GENRE"] = ["Rock", "Pop"]
        f["TITLE"] = "New title"
        pic = Picture()
        pic.type, pic.mime, pic.data = 3, "image/png", blob
        f.add_picture(pic)
        f.save(padding=lambda info: 50_000)
    elif key in ("ogg", "opus"):
        import base64

        from mutagen.flac import Picture

        pic = Picture()
        pic.type, pic.mime, pic.data = 3, "image/png", blob
        f["GENRE"] = ["Rock", "Pop"]
        f["TITLE"] = "New title"
        f["METADATA_BLOCK_PICTURE"] = [base64.b64encode(pic.write()).decode("ascii")]
        f.save()
    elif key in ("m4a", "m4a_alac"):
        from mutagen.mp4 import MP4Cover

        f["\xa9gen"] = ["Rock", "Pop"]
        f["\xa9nam"] = ["New title"]
        f["covr"] = [MP4Cover(blob, imageformat=MP4Cover.FORMAT_PNG)]
        f.save()
    elif key == "wma":
        f["WM/Genre"] = ["Rock", "Pop"]
        f["Title"] = ["New title"]
        f["WM/Lyrics"] = ["la " * (BIG // 3)]
        f.save()
    elif key in ("ape", "wavpack"):
        from mutagen.apev2 import BINARY, APEValue

        f["Genre"] = ["Rock", "Pop"]
        f["Title"] = "New title"
        f["Cover Art (Front)"] = APEValue(b"cover.png\x00" + blob, BINARY)
        f.save()
    else:  # pragma: no cover
        raise KeyError(key)


def _retag_small(path, key: str) -> None:
    """Remove most tags again (the tag shrinks below its original size)."""
    if key == "aac":
        id3.ID3(path).delete()
        return
    f = mutagen.File(path)
    if f.tags is not None:
        if key in ("flac",):
            f.clear_pictures()
        f.tags.clear() if hasattr(f.tags, "clear") else None
    f.save()


@pytest.mark.parametrize("key", ALL)
def test_ranges_exclude_tags_and_survive_retagging(tmp_path, key):
    path = af.make_library(tmp_path, [key])[key]
    size = path.stat().st_size
    ranges = fp.audio_payload_ranges(path)
    assert ranges and all(o >= 0 and n > 0 and o + n <= size for o, n in ranges)
    payload = _payload(path)
    # the payload holds no tag text (Latin-1/UTF-8 and ASF's UTF-16)
    for marker in ("Example Artist", "Example Album"):
        assert marker.encode() not in payload
        assert marker.encode("utf-16-le") not in payload
    if key != "aac":  # the tag is not inside the ranges
        assert len(payload) < size
    cid, digest = fp.content_id(path), fp.payload_digest(path)
    before = path.read_bytes()

    _retag_big(path, key)
    after_big = path.read_bytes()
    assert len(after_big) > len(before) + BIG // 2  # the re-tag really happened
    assert fp.content_id(path) == cid
    assert fp.payload_digest(path) == digest
    assert _payload(path) == payload

    _retag_small(path, key)
    assert path.read_bytes() != after_big
    assert fp.content_id(path) == cid
    assert fp.payload_digest(path) == digest


@pytest.mark.parametrize("key", ALL)
def test_moved_and_renamed_copy_keeps_id(tmp_path, key):
    path = af.make_library(tmp_path / "a", [key])[key]
    other = tmp_path / "elsewhere" / "deeper" / ("renamed" + path.suffix)
    other.parent.mkdir(parents=True)
    shutil.move(path, other)
    assert fp.content_id(other) == fp.content_id(af.fixture_path(key))
    assert fp.payload_digest(other) == fp.payload_digest(af.fixture_path(key))


@pytest.mark.parametrize("key", [k for k in ALL if k != "ape"])
def test_different_audio_different_ids(key):
    a, b = af.fixture_path(key, "a"), af.fixture_path(key, "b")
    assert fp.content_id(a) != fp.content_id(b)
    assert fp.payload_digest(a) != fp.payload_digest(b)


@pytest.mark.parametrize("key", ALL)
def test_one_changed_audio_byte_changes_digest(tmp_path, key):
    """payload_digest and content_id see any byte (here the middle one)."""
    path = af.make_library(tmp_path, [key])[key]
    cid, digest = fp.content_id(path), fp.payload_digest(path)
    ranges = fp.audio_payload_ranges(path)
    total = sum(n for _, n in ranges)
    # the byte at virtual offset total//2 (inside content_id's middle sample)
    want, pos = total // 2, 0
    for off, n in ranges:
        if pos + n > want:
            at = off + (want - pos)
            break
        pos += n
    data = bytearray(path.read_bytes())
    data[at] ^= 0x55
    path.write_bytes(bytes(data))
    assert fp.payload_digest(path) != digest
    assert fp.content_id(path) != cid


def test_mp3_trailing_id3v1_and_apev2_are_not_audio(tmp_path):
    path = af.make_library(tmp_path, ["mp3"])["mp3"]
    cid, digest = fp.content_id(path), fp.payload_digest(path)
    f = mutagen.File(path)
    f.save(v1=2)  # add an ID3v1 tag at the end
    assert path.read_bytes()[-128:-125] == b"TAG"
    assert fp.payload_digest(path) == digest
    from mutagen.apev2 import APEv2

    ape = APEv2()
    ape["Genre"] = ["Rock", "Pop"]
    ape.save(path)  # APEv2 (with header) before the ID3v1
    assert b"APETAGEX" in path.read_bytes()[-400:]
    assert fp.content_id(path) == cid
    assert fp.payload_digest(path) == digest


def test_ogg_page_renumbering_does_not_matter(tmp_path):
    """A bigger comment packet spans more pages: every later page gets a new sequence
    number and CRC, and the hash of the page bodies must not move."""
    path = af.make_library(tmp_path, ["ogg"])["ogg"]
    seqs_before = _ogg_seqnos(path)
    digest = fp.payload_digest(path)
    f = mutagen.File(path)
    f["COMMENT"] = ["x" * 150_000]
    f.save()
    seqs_after = _ogg_seqnos(path)
    assert seqs_after[-1] > seqs_before[-1]  # pages were renumbered
    assert fp.payload_digest(path) == digest


def _ogg_seqnos(path) -> list[int]:
    data, out, pos = path.read_bytes(), [], 0
    while (pos := data.find(b"OggS", pos)) >= 0:
        out.append(struct.unpack("<I", data[pos + 18 : pos + 22])[0])
        nseg = data[pos + 26]
        pos += 27 + nseg + sum(data[pos + 27 : pos + 27 + nseg])
    return out


def test_unknown_and_empty_files(tmp_path):
    text = tmp_path / "notes.mp3"
    text.write_bytes(b"hello, not audio at all\n" * 10)
    assert fp.audio_payload_ranges(text) == [(0, text.stat().st_size)]
    empty = tmp_path / "empty.flac"
    empty.write_bytes(b"")
    assert fp.audio_payload_ranges(empty) == []
    assert fp.content_id(empty) != fp.content_id(text)
    # a FLAC cut inside its metadata: not parseable -> whole file
    cut = tmp_path / "cut.flac"
    cut.write_bytes(af.fixture_path("flac").read_bytes()[:100])
    assert fp.audio_payload_ranges(cut) == [(0, 100)]
    with pytest.raises(FileNotFoundError):
        fp.content_id(tmp_path / "missing.mp3")


def test_content_id_covers_every_byte_of_a_big_file(tmp_path):
    """On a 64 MiB WAV a byte far from version 1's three samples changes the id too;
    the id says its version."""
    path = tmp_path / "big.wav"
    n = 64 << 20
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + n) + b"WAVE")
        f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 2, 44100, 176400, 4, 16))
        f.write(b"data" + struct.pack("<I", n))
        f.truncate(44 + n)  # sparse: zeros
    assert fp.audio_payload_ranges(path) == [(44, n)]
    assert fp.codec_header_ranges(path) == [(20, 16)]
    cid = fp.content_id(path)
    assert re.fullmatch(r"v2:[0-9a-f]{32}", cid) and fp.is_current_id(cid)
    with open(path, "r+b") as f:
        f.seek(44 + n // 4)  # between version 1's first and middle samples
        f.write(b"\x01")
    assert fp.content_id(path) != cid


# files whose payload is bigger than version 1's three 64 KiB samples: it skipped most of it
V1_SKIPPED = ["flac", "m4a_alac", "wav", "aiff", "wavpack", "tta", "dsf", "dff", "au"]
EXAMPLE_OGG = af.EXAMPLE_MUSIC / "kevin-macleod-vibe-ace.ogg"  # a whole real song, Vorbis


def _copy(tmp_path, key):
    if key == "song":
        tmp_path.mkdir(parents=True, exist_ok=True)
        dest = tmp_path / "song.ogg"
        shutil.copy(EXAMPLE_OGG, dest)
        return dest
    return af.make_library(tmp_path, [key])[key]


def _at_virtual(ranges, want: int) -> int:
    pos = 0
    for off, n in ranges:
        if pos + n > want:
            return off + (want - pos)
        pos += n
    raise AssertionError("outside the ranges")


@pytest.mark.parametrize("key", [*V1_SKIPPED, "song"])
def test_a_damaged_copy_never_shares_the_id(tmp_path, key):
    """A copy with 16 bytes flipped where version 1 did not look (between its first and
    middle sample) is other audio: its own id, so never the healthy file's analysis. The
    same audio under other tags keeps the id."""
    healthy = _copy(tmp_path / "a", key)
    ranges = fp.audio_payload_ranges(healthy)
    total = sum(n for _, n in ranges)
    assert total > 3 * 64 * 1024  # version 1 sampled only part of it
    data = bytearray(healthy.read_bytes())
    at = _at_virtual(ranges, 64 * 1024 + (total // 2 - 96 * 1024) // 2)
    for i in range(16):
        data[at + i] ^= 0xFF
    damaged = tmp_path / ("damaged" + healthy.suffix)
    damaged.write_bytes(bytes(data))
    assert fp.content_id(damaged) != fp.content_id(healthy)

    from tagger.formats import format_for_extension
    from tagger.tags import write_genres

    if format_for_extension(healthy).writable:
        retagged = _copy(tmp_path / "b", key)
        write_genres(retagged, ["Something Else", "Rock"])
        assert retagged.read_bytes() != healthy.read_bytes()
        assert fp.content_id(retagged) == fp.content_id(healthy)


@pytest.mark.parametrize(
    "key", [k for k in af.ALL_SPECS if k not in ("mp3", "mp3_v23", "ape", "wavpack", "tta", "mpc")]
)
def test_a_damaged_codec_header_never_shares_the_id(tmp_path, key):
    """What decoding depends on outside the payload (rate, channels, codec setup, sample
    tables): a changed byte there is other audio too."""
    path = af.make_library(tmp_path, [key])[key]
    headers = fp.codec_header_ranges(path)
    assert headers and all(o >= 0 and n > 0 and o + n <= path.stat().st_size for o, n in headers)
    payload = fp.audio_payload_ranges(path)
    assert all(o + n <= po or po + pn <= o for o, n in headers for po, pn in payload)  # not audio bytes
    original, cid = path.read_bytes(), fp.content_id(path)
    for off, n in headers:
        data = bytearray(original)
        data[off + n // 2] ^= 0x10
        path.write_bytes(bytes(data))
        assert fp.content_id(path) != cid, (off, n)
    path.write_bytes(original)
    assert fp.content_id(path) == cid


def test_a_library_of_version_1_ids(tmp_path, lib):
    """A library scanned by an older version holds version 1 ids: a write still checks
    the audio against them, and the next scan makes them again (counted as unchanged),
    so those tracks miss the analysis cache once."""
    from sqlalchemy import update

    from tagger.apply import PlannedChange, write_batch
    from tagger.db import Track
    from tagger.scan import scan

    files = {k: p.resolve() for k, p in af.make_library(tmp_path / "music", ["flac", "wav"]).items()}
    scan(lib, [tmp_path / "music"])
    v1 = {k: fp._content_id_v1(p) for k, p in files.items()}
    with lib.engine.begin() as con:  # as version 1 stored them
        for k, p in files.items():
            con.execute(update(Track).where(Track.path == str(p)).values(content_id=v1[k]))
    assert not any(fp.is_current_id(t.content_id) for t in lib.tracks_under([tmp_path / "music"]))

    flac = lib.track_by_path(str(files["flac"]))
    other_audio = PlannedChange(flac.id, flac.path, flac.genres, ["Rock"], "overridden", content_id=v1["wav"])
    _, [out] = write_batch(lib, [other_audio], "replace")
    assert out.status == "skipped" and "the audio changed" in out.error
    same_audio = PlannedChange(flac.id, flac.path, flac.genres, ["Rock"], "overridden", content_id=v1["flac"])
    _, [out] = write_batch(lib, [same_audio], "replace")
    assert out.status == "written", out.error

    result = scan(lib, [tmp_path / "music"])
    assert (result.unchanged, result.changed, result.new) == (2, 0, 0)
    now = {t.path: t.content_id for t in lib.tracks_under([tmp_path / "music"])}
    assert now == {str(p): fp.content_id(p) for p in files.values()}
    assert all(fp.is_current_id(c) for c in now.values())
