"""The format registry (tagger.formats) and the formats added with it, on real files.

M4B, TTA, Sun .au are encoded by PyAV; Musepack and Speex are small committed files
(tests/data, licences beside them); DSF and DSDIFF are written byte by byte by
tests/audio_fixtures.py. TAK and OptimFROG have no encoder here: see the tests at the end.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import shutil
from pathlib import Path

import audio_fixtures as af
import mutagen
import numpy as np
import pytest
from mutagen.apev2 import APEv2

import tagger.formats
from tagger import decode, formats
from tagger import fingerprint as fp
from tagger.decode import DecodeError, read_windows
from tagger.formats.base import AudioFormat
from tagger.tags import TagError, read_tags, write_genres

MULTI = ["Rock", "Jazz Fusion", "Funk / Soul", "Électronique"]
NEW = list(af.EXTRA_FORMATS)
WRITABLE = [k for k in NEW if k not in ("dff", "au")]

# fixture key -> (sample rate, channels, seconds, container kind, tag type after a write)
EXPECTED = {
    "m4b": (44100, 2, 8.0, "mp4", "mp4"),
    "tta": (44100, 2, 8.0, "tta", "apev2"),
    "mpc": (44100, 2, 4.0, "mpc", "apev2"),
    "spx": (16000, 1, 4.0, "ogg", "vorbis"),
    "dsf": (2822400, 2, 1.0, "dsf", "id3v2.4"),
    "dff": (2822400, 2, 1.0, "dff", "id3v2.4"),
    "au": (44100, 2, 8.0, "au", None),
}


# ---------------------------------------------------------------- the registry


def test_each_extension_and_name_is_registered_once():
    exts = [e for f in formats.REGISTRY for e in f.extensions]
    assert len(exts) == len(set(exts))
    assert all(e == e.lower() and e.startswith(".") for e in exts)
    names = [f.name for f in formats.REGISTRY]
    assert len(names) == len(set(names))


def test_every_adapter_module_is_registered():
    """Each module under tagger/formats (but the shared helpers: base, payload, and the
    APEv2 items of APEv2 files and of MP3s) defines formats, and every format it defines
    is in REGISTRY: an entry there is all it takes."""
    defined = []
    for mod in pkgutil.iter_modules(tagger.formats.__path__):
        if mod.name in ("base", "payload", "ape_items"):
            continue
        module = importlib.import_module(f"tagger.formats.{mod.name}")
        mine = [v for v in vars(module).values() if isinstance(v, AudioFormat)]
        assert mine, f"tagger.formats.{mod.name} defines no format"
        defined += mine
    assert {id(f) for f in defined} <= {id(f) for f in formats.REGISTRY}
    assert len(formats.REGISTRY) == len({id(f) for f in formats.REGISTRY})


def test_adapters_do_not_import_their_callers():
    """No import cycle: tags, fingerprint, decode and scan import tagger.formats, never
    the other way round."""
    for mod in pkgutil.iter_modules(tagger.formats.__path__):
        module = importlib.import_module(f"tagger.formats.{mod.name}")
        imported = {
            n.module
            for n in ast.walk(ast.parse(inspect.getsource(module)))
            if isinstance(n, ast.ImportFrom) and n.module
        }
        imported |= {
            a.name for n in ast.walk(ast.parse(inspect.getsource(module))) if isinstance(n, ast.Import) for a in n.names
        }
        assert all(
            m == "tagger.formats" or m.startswith("tagger.formats.") for m in imported if m.startswith("tagger")
        ), (mod.name, imported)


def _code_strings(module) -> set[str]:
    """The string constants of a module's code (docstrings left out)."""
    tree = ast.parse(inspect.getsource(module))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    }


def test_tags_fingerprint_decode_name_no_format():
    """They dispatch through the registry: no format name is spelled out in their code."""
    for module in ("tagger.tags", "tagger.fingerprint", "tagger.decode"):
        strings = _code_strings(importlib.import_module(module))
        assert not strings & set(formats.BY_NAME), module
        exts = {e for f in formats.REGISTRY for e in f.extensions}
        assert not strings & exts, module


def test_scan_list_is_the_decodable_formats():
    for f in formats.REGISTRY:
        for e in f.extensions:
            assert (e in formats.AUDIO_EXTENSIONS) == (f.decoder is not None)
            assert formats.is_audio_path("x" + e.upper()) == (f.decoder is not None)
    assert formats.AUDIO_EXTENSIONS[".m4b"] == "m4a"
    assert formats.unsupported_reason("a.ofr") == "FFmpeg has no OptimFROG decoder"
    assert formats.unsupported_reason("song.MID")
    for other in ("cover.jpg", "notes.txt", "album.cue", "rip.log", "x.nfo", "list.m3u", "a.mp3", "README"):
        assert formats.unsupported_reason(other) is None


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("key", NEW)
def test_read_initial_tags(tmp_path, key):
    spec = af.EXTRA_SPECS[key]
    rate, channels, seconds, _kind, tag_type = EXPECTED[key]
    path = af.make_library(tmp_path, [key])[key]
    t = read_tags(path)
    assert t.format == spec.format
    assert (t.sample_rate, t.duration) == (rate, pytest.approx(seconds, abs=0.1))
    if key != "tta":  # mutagen's TTA info has no channel count
        assert t.channels == channels
    if key == "au":
        assert (t.tag_type, t.genres, t.artist) == (None, [], None)
    else:
        assert t.tag_type == tag_type
        assert (t.artist, t.album, t.title, t.tracknumber) == (
            spec.artist,
            spec.album,
            af.SOURCES["a"][2],
            spec.tracknumber,
        )
        assert t.genres == list(spec.genres)


@pytest.mark.parametrize("key", WRITABLE)
def test_write_genres_roundtrip_keeps_audio_and_other_tags(tmp_path, key):
    path = af.make_library(tmp_path, [key])[key]
    before = read_tags(path)
    pcm, digest, cid = af.decode(path), fp.payload_digest(path), fp.content_id(path)
    for genres in (MULTI, ["Electronic"], []):
        write_genres(path, genres)
        after = read_tags(path)
        assert after.genres == genres
        assert (after.artist, after.album, after.title, after.tracknumber, after.format) == (
            before.artist,
            before.album,
            before.title,
            before.tracknumber,
            before.format,
        )
        assert fp.payload_digest(path) == digest and fp.content_id(path) == cid
    write_genres(path, MULTI)
    assert read_tags(path).genres == MULTI
    decoded = af.decode(path)
    assert decoded.dtype == pcm.dtype and np.array_equal(decoded, pcm)  # bit for bit


@pytest.mark.parametrize("key", ["tta", "mpc"])
def test_apev2_formats_store_a_null_separated_list(tmp_path, key):
    path = af.make_library(tmp_path, [key])[key]
    write_genres(path, MULTI)
    ape = APEv2(path)
    assert [k for k in ape.keys() if k.lower() == "genre"] == ["Genre"]
    assert ape["Genre"].value == "\x00".join(MULTI)


def test_speex_uses_repeated_vorbis_genre(tmp_path):
    path = af.make_library(tmp_path, ["spx"])["spx"]
    write_genres(path, MULTI)
    assert mutagen.File(path).tags["GENRE"] == MULTI
    ogg = tmp_path / "speex-in.ogg"  # an Ogg extension may hold any Ogg codec
    shutil.copyfile(path, ogg)
    assert (read_tags(ogg).format, read_tags(ogg).genres) == ("speex", MULTI)


def test_dsf_keeps_its_id3_at_the_end(tmp_path):
    path = af.make_library(tmp_path, ["dsf"])["dsf"]
    write_genres(path, MULTI)
    data = path.read_bytes()
    pointer = int.from_bytes(data[20:28], "little")
    assert data[pointer : pointer + 3] == b"ID3"  # the DSD chunk's metadata pointer
    assert mutagen.File(path).tags["TCON"].text == MULTI
    assert int.from_bytes(data[12:20], "little") == len(data)


def test_m4b_is_an_mp4(tmp_path):
    path = af.make_library(tmp_path, ["m4b"])["m4b"]
    write_genres(path, MULTI)
    assert mutagen.File(path).tags["\xa9gen"] == MULTI


# ---------------------------------------------------------------- read-only formats


def test_dff_is_read_and_analysed_but_not_written(tmp_path):
    path = af.make_library(tmp_path, ["dff"])["dff"]
    data = path.read_bytes()
    with pytest.raises(TagError, match=r"DSDIFF \(\.dff\) tags are read-only") as e:
        write_genres(path, ["Rock"])
    assert "\n" not in str(e.value)
    assert path.read_bytes() == data
    assert formats.BY_NAME["dff"].writable is False


def test_au_has_no_tag_format(tmp_path):
    path = af.make_library(tmp_path, ["au"])["au"]
    data = path.read_bytes()
    with pytest.raises(TagError, match="no tag format: cannot write") as e:
        write_genres(path, ["Rock"])
    assert "Sun/NeXT" in e.value.reason
    assert path.read_bytes() == data
    # the payload is the samples after the header (PyAV's muxer adds an annotation)
    offset = int.from_bytes(data[4:8], "big")
    assert fp.audio_payload_ranges(path) == [(offset, len(data) - offset)]


def test_au_that_is_not_au_or_has_no_samples_says_so(tmp_path):
    path = tmp_path / "fake.au"
    path.write_bytes(b"not a sun audio file\x00\x01" * 4)  # binary: plain text is "not audio: a text file"
    with pytest.raises(TagError, match="corrupt or unreadable Sun/NeXT audio"):
        read_tags(path)
    header_only = tmp_path / "empty.au"
    header_only.write_bytes(af.fixture_path("au").read_bytes()[:32])
    with pytest.raises(TagError, match=r"no audio found in this Sun/NeXT audio \(\.au\) file"):
        read_tags(header_only)


# ---------------------------------------------------------------- fingerprint


@pytest.mark.parametrize("key", NEW)
def test_payload_ranges_exclude_tags(tmp_path, key):
    kind = EXPECTED[key][3]
    path = af.make_library(tmp_path, [key])[key]
    assert fp.container_kind(path) == kind
    ranges = fp.audio_payload_ranges(path)
    size = path.stat().st_size
    assert ranges and all(o >= 0 and n > 0 and o + n <= size for o, n in ranges)
    data = path.read_bytes()
    payload = b"".join(data[o : o + n] for o, n in ranges)
    assert len(payload) < size
    assert b"Example Artist" not in payload and b"Example Album" not in payload
    # one changed audio byte (in content_id's middle sample) changes both hashes
    cid, digest = fp.content_id(path), fp.payload_digest(path)
    want, pos = len(payload) // 2, 0
    for off, n in ranges:
        if pos + n > want:
            at = off + (want - pos)
            break
        pos += n
    changed = bytearray(data)
    changed[at] ^= 0x55
    path.write_bytes(bytes(changed))
    assert fp.payload_digest(path) != digest and fp.content_id(path) != cid


@pytest.mark.parametrize("key", [k for k in NEW if k not in ("mpc", "spx")])
def test_other_music_other_id(key):
    a, b = af.fixture_path(key, "a"), af.fixture_path(key, "b")
    assert fp.content_id(a) != fp.content_id(b)


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("key", NEW)
def test_windows_decode_and_match_the_full_decode(key):
    path = af.fixture_path(key)
    rate, _channels, seconds, *_ = EXPECTED[key]
    (full,), sr = read_windows(path, [(0, None)])
    native = rate // 8 if key in ("dsf", "dff") else rate  # FFmpeg decodes DSD at 1/8 rate
    assert sr == native
    assert len(full) / sr == pytest.approx(seconds, abs=0.1)
    starts = [0.0, round(seconds * 0.3, 2), round(seconds * 0.6, 2)]
    ws, _ = read_windows(path, [(t, seconds * 0.25) for t in starts])
    for t, w in zip(starts, ws):
        first = int(round(t * sr))
        ref = full[first : first + len(w)]
        assert len(w) == int(round(seconds * 0.25 * sr))
        if key == "m4b":  # AAC noise substitution: see tests/test_decode.py
            assert np.corrcoef(w, ref)[0, 1] > 0.998, t
        else:  # lossless, Musepack (one pass from 0), Speex, DSD: the same samples
            assert float(np.abs(w - ref).max()) < 1e-5, (key, t)


def test_musepack_windows_come_from_one_pass():
    """Musepack is not seeked (FFmpeg gets it wrong): windows in any order, one past the
    end and one whole-file window are all slices of the one decode from 0."""
    path = af.fixture_path("mpc")
    (full,), sr = read_windows(path, [(0, None)])
    wins = [(3.0, 0.5), (0.2, 0.5), (3.8, 1.0), (5.0, 1.0), (1.0, None), (2.0, 0.0)]
    got, _ = read_windows(path, wins)
    for (start, duration), w in zip(wins, got):
        first = int(round(start * sr))
        ref = full[first:] if duration is None else full[first : first + int(round(duration * sr))]
        assert np.array_equal(w, ref), (start, duration)
    assert len(got[3]) == 0 and len(got[5]) == 0 and 0 < len(got[2]) < sr


@pytest.mark.parametrize("key", ["dsf", "dff", "au", "tta"])
def test_decode_is_the_source_music(key):
    """The decoded audio is the music the fixture was made from (DSD through its
    one-bit modulator and FFmpeg's DSD filter: correlation, not equality)."""
    path = af.fixture_path(key)
    (full,), sr = read_windows(path, [(0, None)])
    src = (af.dsd_excerpt() if key in ("dsf", "dff") else af.source_pcm()).mean(axis=0)
    if sr != af.RATE:
        from tagger.resample import resample

        full = resample(full, sr, af.RATE, "soxr_hq")
    n = min(len(full), len(src))
    assert np.corrcoef(full[:n], src[:n])[0, 1] > 0.98


# ---------------------------------------------------------------- no file to test on


def test_optimfrog_is_registered_but_never_decoded(tmp_path):
    """No OptimFROG encoder (closed source) and no FFmpeg decoder: its APEv2 tags are the
    family's (tested on APE, WavPack, Musepack, TTA); the app says why it can't play it."""
    ofr = formats.BY_NAME["ofr"]
    assert ofr.tags is formats.BY_NAME["ape"].tags and ofr.decoder is None
    assert ".ofr" not in formats.AUDIO_EXTENSIONS
    path = tmp_path / "x.ofr"
    path.write_bytes(b"OFR " + bytes(200))
    with pytest.raises(DecodeError, match="cannot decode OptimFROG audio: FFmpeg has no OptimFROG decoder"):
        decode.read_windows(path, [(0, 1.0)])


def test_tak_payload_and_clear_error_without_a_real_file(tmp_path):
    """No TAK encoder runs here (TAK's is Windows-only), so there is no real .tak to
    round-trip: what is tested is the part that needs no encoder. A TAK stream between
    tags (bytes named as TAK, with an APEv2 tag appended by mutagen) has its tag left
    out of the payload, and a file mutagen can't parse as TAK is refused plainly."""
    path = tmp_path / "x.tak"
    body = b"tBaK" + bytes(range(256)) * 40
    path.write_bytes(body)
    tag = APEv2()
    tag["Genre"] = ["Rock", "Pop"]
    tag.save(path)
    assert fp.container_kind(path) == "tak"
    assert fp.audio_payload_ranges(path) == [(0, len(body))]
    with pytest.raises(TagError, match="corrupt or unreadable TAK file"):
        read_tags(path)
    assert formats.BY_NAME["tak"].tags is formats.BY_NAME["ape"].tags
    assert formats.AUDIO_EXTENSIONS[".tak"] == "tak"  # FFmpeg decodes TAK


def test_registry_paths_resolve(tmp_path):
    assert formats.format_for_extension(Path("a/b/C.DSF")) is formats.BY_NAME["dsf"]
    assert formats.format_for_extension("noext") is None


@pytest.mark.parametrize("key", NEW)
@pytest.mark.parametrize("keep", ["100 bytes", "half"])
def test_damaged_new_formats_fail_plainly(tmp_path, key, keep):
    """A cut-off file of each added format: every step answers, or fails with the app's
    own one-line error (TagError / DecodeError), never a stray exception."""
    data = af.fixture_path(key).read_bytes()
    path = tmp_path / f"cut{af.EXTRA_SPECS[key].ext}"
    path.write_bytes(data[:100] if keep == "100 bytes" else data[: len(data) // 2])
    for step in (
        lambda: read_tags(path),
        lambda: read_windows(path, [(0.2, 0.5)]),
        lambda: write_genres(path, ["Rock"]),
    ):
        try:
            step()
        except (TagError, DecodeError) as e:
            assert "\n" not in str(e) and str(e).strip()
    assert fp.content_id(path).startswith(fp.ID_PREFIX)
