"""Vorbis comments: FLAC, Ogg Vorbis (and Ogg FLAC), Opus, Speex.

Several genres are the GENRE field repeated, one genre each; the other fields are
STYLE, GROUPING and MOOD, repeated the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from mutagen.flac import FLAC
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis

from tagger.formats.base import (
    FIELDS,
    AudioFormat,
    Container,
    Range,
    TagFamily,
    TagOptions,
    TrackTags,
    genres_as_read,
    join_values,
    track_number,
)
from tagger.formats.payload import FingerprintError, magic, read_at, trim_trailing_tags


def read_vorbis(f, path: Path, t: TrackTags, options: TagOptions | None = None) -> None:
    tags = f.tags
    if tags is None:
        return
    t.tag_type = "vorbis"
    t.artist = join_values(tags.get("artist"))
    t.album = join_values(tags.get("album"))
    t.title = join_values(tags.get("title"))
    t.tracknumber = track_number(tags.get("tracknumber"))
    t.genres = genres_as_read(tags.get("genre", []), t, "GENRE")
    for name in FIELDS[1:]:
        values = genres_as_read(tags.get(name, []), t, name.upper())
        if values:
            t.fields[name] = values


def write_vorbis(f, changes: dict[str, list[str]], path: Path, options: TagOptions | None = None) -> None:
    if f.tags is None:
        f.add_tags()
    for name, values in changes.items():  # GENRE, STYLE, GROUPING, MOOD: each repeated per value
        key = name.upper()
        if values:
            f.tags[key] = values
        elif key in f.tags:
            del f.tags[key]
    f.save()


VORBIS = TagFamily("vorbis", read_vorbis, write_vorbis)


# ---------------------------------------------------------------- payload ranges


def _flac_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The frames after the last metadata block (and before any trailing ID3v1/APEv2)."""
    pos = start + 4
    while True:
        h = read_at(f, pos, 4)
        if len(h) < 4:
            raise FingerprintError("truncated FLAC metadata")
        last = h[0] & 0x80
        pos += 4 + int.from_bytes(h[1:4], "big")
        if last:
            break
    end = trim_trailing_tags(f, pos, size)
    if pos > end:
        raise FingerprintError("FLAC metadata runs past the end")
    return [(pos, end - pos)]


def _ogg_header_packets(first: bytes) -> int | None:
    """Number of header packets of a logical stream, from its first packet."""
    if first.startswith(b"\x01vorbis") or first.startswith(b"\x80theora"):
        return 3
    if first.startswith(b"OpusHead"):
        return 2
    if first.startswith(b"\x7fFLAC") and len(first) >= 9:
        n = int.from_bytes(first[7:9], "big")
        return 1 + n if n else None
    if first.startswith(b"Speex   ") and len(first) >= 72:
        return 2 + int.from_bytes(first[68:72], "little")
    if first.startswith(b"fishead\x00") or first.startswith(b"fisbone\x00"):
        return 1 << 62  # Ogg skeleton: metadata only
    return None


def _ogg_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The *bodies* of the audio pages. Header packets (identification, comments, setup)
    are left out, and so are page headers: a re-tag repaginates the headers and
    renumbers every following page (sequence number and CRC), the bodies stay the same."""
    out: list[Range] = []
    # per serial: [header packets (-1: unknown codec), packets completed so far]
    streams: dict[int, list] = {}
    pos = start
    while pos + 27 <= size:
        h = read_at(f, pos, 27 + 255)
        if h[:4] != b"OggS":
            # lost sync (junk between pages): look for the next capture pattern
            block = read_at(f, pos + 1, 1 << 16)
            i = block.find(b"OggS")
            if i < 0:
                if len(block) < (1 << 16):
                    break
                pos += len(block) - 3
                continue
            pos += 1 + i
            continue
        flags = h[5]
        granule = int.from_bytes(h[6:14], "little", signed=True)
        serial = int.from_bytes(h[14:18], "little")
        nseg = h[26]
        table = h[27 : 27 + nseg]
        body_off = pos + 27 + nseg
        body_len = sum(table)
        if len(table) < nseg or body_off + body_len > size:
            break  # truncated last page
        st = streams.get(serial)
        if st is None or flags & 0x02:  # beginning of a logical stream
            st = streams[serial] = [None, 0]
        packets_before = st[1]  # the page's first byte belongs to this packet
        if st[0] is None:
            if flags & 0x01 or packets_before:
                st[0] = -1
            else:
                first_len = 0
                for lace in table:
                    first_len += lace
                    if lace < 255:
                        break
                first = read_at(f, body_off, min(first_len, 128))
                n_headers = _ogg_header_packets(first)
                st[0] = -1 if n_headers is None else n_headers
        st[1] += sum(1 for lace in table if lace < 255)
        if st[0] == -1:  # unknown codec: header pages are the ones at granule 0
            is_audio = granule != 0
        else:
            is_audio = packets_before >= st[0]
        if is_audio and body_len:
            out.append((body_off, body_len))
        pos = body_off + body_len
    if not streams:
        raise FingerprintError("no Ogg pages")
    return out


def _flac_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The STREAMINFO block's contents: rate, channels, sample size, frame sizes."""
    pos = start + 4
    while pos + 4 <= size:
        h = read_at(f, pos, 4)
        n = int.from_bytes(h[1:4], "big")
        if pos + 4 + n > size:
            break
        if h[0] & 0x7F == 0:
            return [(pos + 4, n)]
        if h[0] & 0x80:
            break
        pos += 4 + n
    raise FingerprintError("no FLAC STREAMINFO")


def _ogg_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """Each logical stream's identification header packet (rate, channels, Opus
    pre-skip...) and Vorbis's setup header (its codebooks): not the comment packet (the
    tags), nor any page header (a re-tag renumbers the pages)."""
    out: list[Range] = []
    wanted: dict[int, tuple[int, ...]] = {}  # serial -> the header packets taken
    done: dict[int, int] = {}  # serial -> packets completed so far
    pos = start
    while pos + 27 <= size:
        h = read_at(f, pos, 27 + 255)
        if h[:4] != b"OggS":
            break  # the headers are at the start; lost sync later is the payload walk's
        serial, nseg = int.from_bytes(h[14:18], "little"), h[26]
        table = h[27 : 27 + nseg]
        body = pos + 27 + nseg
        if len(table) < nseg or body + sum(table) > size:
            break
        if serial not in wanted or h[5] & 0x02:  # beginning of a logical stream
            wanted[serial] = (0, 2) if read_at(f, body, 7) == b"\x01vorbis" else (0,)
            done[serial] = 0
        off = body
        for lace in table:
            if done[serial] in wanted[serial] and lace:
                out.append((off, lace))
            off += lace
            done[serial] += lace < 255
        if all(done[s] > max(w) for s, w in wanted.items()):
            break
        pos = body + sum(table)
    if not out:
        raise FingerprintError("no Ogg identification header")
    return out


FLAC_CONTAINER = Container("flac", magic(b"fLaC"), _flac_ranges, _flac_headers)
OGG_CONTAINER = Container("ogg", magic(b"OggS"), _ogg_ranges, _ogg_headers)

FLAC_FORMAT = AudioFormat("flac", "FLAC", (".flac",), FLAC_CONTAINER, VORBIS, (FLAC,), decoder="soundfile")
# Ogg Vorbis left libsndfile: see tagger.decode
OGG_FORMAT = AudioFormat("ogg", "Ogg", (".ogg", ".oga"), OGG_CONTAINER, VORBIS, (OggVorbis, OggFLAC))
OPUS_FORMAT = AudioFormat("opus", "Opus", (".opus",), OGG_CONTAINER, VORBIS, (OggOpus,), fixed_sample_rate=48000)
# FFmpeg 8's Ogg Speex seeking is wrong late in a file: measured on tests/data/*.spx (4 s),
# every window from 2.9 s on came out off by 640-14720 samples and not the same audio
# (0.5 max abs diff): no seeking (Speex decodes fast; its files are short speech)
SPEEX_FORMAT = AudioFormat("speex", "Speex", (".spx",), OGG_CONTAINER, VORBIS, (OggSpeex,), seekable=False)
