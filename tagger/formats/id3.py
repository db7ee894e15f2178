"""ID3: MP3, and the ID3 chunks of AIFF, DSF and DSDIFF (WAV's is in riff_info.py).

Several genres: ID3v2.4 keeps them as separate TCON values (NUL-separated). ID3v2.3 has
no list: mutagen joins them with "/" (``v23_sep``, the convention of v2.3 readers), and
reading splits on a "/" *without* spaces around it ("Rock/Pop" -> Rock, Pop; "Funk /
Soul" stays one genre); so a genre holding a bare "/" can't be written to a v2.3 tag
and is refused. Numeric genres ("(17)", "17", "(17)(20)") become names through
mutagen (TCON.genres). A v2.3 tag stays v2.3; every other one (none, v2.2, v2.4, ID3v1
only) is written as v2.4, and an existing ID3v1 tag is updated too (mutagen's default).
``easy=True`` is never used (it fails on WAV/AIFF).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from mutagen.aiff import AIFF
from mutagen.dsdiff import DSDIFF
from mutagen.dsf import DSF
from mutagen.id3 import TCON
from mutagen.mp3 import MP3

from tagger.formats.base import (
    AudioFormat,
    Container,
    Range,
    TagError,
    TagFamily,
    TrackTags,
    join_values,
    normalize_genres,
    track_number,
)
from tagger.formats.payload import STREAM, FingerprintError, magic, read_at, refuse_truncated_chunks

V23_SEP = re.compile(r"(?<=\S)/(?=\S)")


def id3_version(tags) -> tuple[int, int]:
    v = getattr(tags, "version", (2, 4, 0))
    return (v[0], v[1])


def _genres(frame, version: tuple[int, int]) -> list[str]:
    texts = [str(x) for x in frame.text]
    if version < (2, 4):
        parts: list[str] = []
        for x in texts:
            parts.extend(p.strip() for p in V23_SEP.split(x))
        texts = [p for p in parts if p]
    return normalize_genres(TCON(encoding=3, text=texts).genres)


def read_id3_tags(tags, t: TrackTags) -> None:
    """Fill ``t`` from an ID3 tag object (None or not ID3: nothing)."""
    if tags is None or not hasattr(tags, "getall"):
        return
    version = id3_version(tags)
    t.tag_type = "id3v1" if version[0] == 1 else f"id3v2.{version[1]}"

    def text(fid):
        frame = tags.get(fid)
        return join_values(frame.text) if frame is not None else None

    t.artist, t.album, t.title = text("TPE1"), text("TALB"), text("TIT2")
    trck = tags.get("TRCK")
    t.tracknumber = track_number(trck.text) if trck is not None else None
    tcon = tags.get("TCON")
    t.genres = _genres(tcon, version) if tcon is not None else []


def replace_id3_genres(tags, values: list[str], path) -> dict:
    """Put ``values`` in the tag's TCON; -> the keyword arguments its save() needs."""
    v23 = id3_version(tags) == (2, 3)
    if v23:
        bad = [g for g in values if V23_SEP.search(g)]
        if bad:
            raise TagError(f"genre {bad[0]!r} contains '/', which separates genres in an ID3v2.3 tag", path)
    tags.delall("TCON")
    if values:
        tags.add(TCON(encoding=3, text=values))
    if v23:
        tags.update_to_v23()
        return {"v2_version": 3, "v23_sep": "/"}
    return {"v2_version": 4}


def read_id3(f, path: Path, t: TrackTags) -> None:
    read_id3_tags(f.tags, t)


def write_id3(f, values: list[str], path: Path) -> None:
    if isinstance(f, AIFF):
        refuse_truncated_chunks(path, big_endian=True, label="AIFF")
    if f.tags is None:
        f.add_tags()
    f.save(**replace_id3_genres(f.tags, values, path))


ID3 = TagFamily("id3", read_id3, write_id3)


# ---------------------------------------------------------------- payload ranges


def _aiff_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The sample data of the SSND chunk."""
    pos = start + 12
    out: list[Range] = []
    while pos + 8 <= size:
        h = read_at(f, pos, 16)
        cid, n = h[:4], int.from_bytes(h[4:8], "big")
        if cid == b"SSND":
            offset = int.from_bytes(h[8:12], "big")
            body = min(n, size - pos - 8)
            out.append((pos + 16 + offset, body - 8 - offset))
        pos += 8 + n + (n & 1)
    if not out:
        raise FingerprintError("no SSND chunk")
    return out


def _dsf_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``data`` chunk's samples (the ID3 tag sits after it, found by a pointer)."""
    pos = start
    while pos + 12 <= size:
        h = read_at(f, pos, 12)
        cid, n = h[:4], int.from_bytes(h[4:12], "little")
        if n < 12:
            raise FingerprintError("bad DSF chunk size")
        if cid == b"data":
            return [(pos + 12, min(n, size - pos) - 12)]
        pos += n
    raise FingerprintError("no DSF data chunk")


def _dff_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``DSD `` (or DST-compressed ``DST ``) sound chunk of a DSDIFF FRM8 form."""
    pos = start + 16
    while pos + 12 <= size:
        h = read_at(f, pos, 12)
        cid, n = h[:4], int.from_bytes(h[4:12], "big")
        if cid in (b"DSD ", b"DST "):
            return [(pos + 12, min(n, size - pos - 12))]
        pos += 12 + n + (n & 1)
    raise FingerprintError("no DSDIFF sound chunk")


def _aiff_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``COMM`` chunk's contents: channels, frames, sample size, rate (compression)."""
    pos = start + 12
    while pos + 8 <= size:
        h = read_at(f, pos, 8)
        cid, n = h[:4], int.from_bytes(h[4:8], "big")
        if cid == b"COMM":
            if pos + 8 + n > size:
                raise FingerprintError("truncated COMM chunk")
            return [(pos + 8, n)]
        pos += 8 + n + (n & 1)
    raise FingerprintError("no COMM chunk")


def _dsf_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``fmt `` chunk's contents (the ``DSD `` chunk before it holds the file size and
    where the tag is: it changes with the tag)."""
    pos = start
    while pos + 12 <= size:
        h = read_at(f, pos, 12)
        cid, n = h[:4], int.from_bytes(h[4:12], "little")
        if n < 12 or pos + n > size:
            raise FingerprintError("bad DSF chunk size")
        if cid == b"fmt ":
            return [(pos + 12, n - 12)]
        pos += n
    raise FingerprintError("no DSF fmt chunk")


def _dff_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``PROP`` chunk's contents: rate, channels, compression."""
    pos = start + 16
    while pos + 12 <= size:
        h = read_at(f, pos, 12)
        cid, n = h[:4], int.from_bytes(h[4:12], "big")
        if cid == b"PROP":
            if pos + 12 + n > size:
                raise FingerprintError("truncated DSDIFF PROP chunk")
            return [(pos + 12, n)]
        pos += 12 + n + (n & 1)
    raise FingerprintError("no DSDIFF PROP chunk")


AIFF_CONTAINER = Container(
    "aiff", lambda h: h[:4] == b"FORM" and h[8:12] in (b"AIFF", b"AIFC"), _aiff_ranges, _aiff_headers
)
DSF_CONTAINER = Container("dsf", magic(b"DSD "), _dsf_ranges, _dsf_headers)
DFF_CONTAINER = Container("dff", lambda h: h[:4] == b"FRM8" and h[12:16] == b"DSD ", _dff_ranges, _dff_headers)

MP3_FORMAT = AudioFormat("mp3", "MP3", (".mp3",), STREAM, ID3, (MP3,), decoder="soundfile")
AIFF_FORMAT = AudioFormat("aiff", "AIFF", (".aif", ".aiff", ".aifc"), AIFF_CONTAINER, ID3, (AIFF,), decoder="soundfile")
DSF_FORMAT = AudioFormat("dsf", "DSF (DSD)", (".dsf",), DSF_CONTAINER, ID3, (DSF,))
DFF_FORMAT = AudioFormat(
    "dff",
    "DSDIFF (DSD)",
    (".dff",),
    DFF_CONTAINER,
    ID3,
    (DSDIFF,),
    read_only="DSDIFF (.dff) tags are read-only here: the format has no standard tag "
    "chunk (its ID3 chunk is an unofficial extension); convert to .dsf to tag it",
)
