"""ID3: MP3, and the ID3 chunks of AIFF, DSF and DSDIFF (WAV's is in riff_info.py).

Several genres: ID3v2.4 keeps them as separate TCON values (NUL-separated). ID3v2.3 has
no list: mutagen joins them with "/" (``v23_sep``, the convention of v2.3 readers), and
reading splits on a "/" *without* spaces around it ("Rock/Pop" -> Rock, Pop; "Funk /
Soul" stays one genre); so a genre holding a bare "/" can't be written to a v2.3 tag
and is refused. Numeric genres ("(17)", "17", "(17)(20)") become names through
mutagen (TCON.genres). A v2.3 or v2.4 tag keeps its version; a file with no ID3v2 tag
yet (none, ID3v1 only, or v2.2, which mutagen can't write) gets the version chosen in
``TagOptions`` (v2.4 by default), and an existing ID3v1 tag is updated too (mutagen's
default). With a separator chosen in ``TagOptions``, v2.3 values are joined with it and
split on its symbol too (and a value holding that symbol is refused). The other fields:
grouping TIT1, mood TMOO (TXXX:MOOD in v2.3, which has no TMOO), style TXXX:STYLE.
``easy=True`` is never used (it fails on WAV/AIFF).
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import BinaryIO

from mutagen.aiff import AIFF
from mutagen.dsdiff import DSDIFF
from mutagen.dsf import DSF
from mutagen.id3 import TCON, TMOO, TXXX, Frames
from mutagen.mp3 import MP3

from tagger.formats.ape_items import apev2_of, field_values, replace_apev2_fields
from tagger.formats.base import (
    FIELDS,
    AudioFormat,
    Container,
    Range,
    TagError,
    TagFamily,
    TagOptions,
    TrackTags,
    join_values,
    normalize_genres,
    refuse_separator,
    split_on,
    track_number,
)
from tagger.formats.payload import (
    STREAM,
    FingerprintError,
    iff_chunks,
    magic,
    read_at,
    refuse_truncated_chunks,
    syncsafe,
)

DEFAULT_OPTIONS = TagOptions()

V23_SEP = re.compile(r"(?<=\S)/(?=\S)")

# where each field lives: a text frame, or a TXXX description. Mood is TMOO, a v2.4
# frame: in a v2.3 tag (which has no TMOO) it is TXXX:MOOD, as MusicBrainz Picard writes it.
_FRAMES = {"genre": "TCON", "grouping": "TIT1"}
_TXXX = {"style": "STYLE", "mood": "MOOD"}


def id3_version(tags) -> tuple[int, int]:
    v = getattr(tags, "version", (2, 4, 0))
    return (v[0], v[1])


def _split(texts: list[str], version: tuple[int, int], options: TagOptions) -> list[str]:
    """A frame's values: v2.4 keeps a list; before v2.4 one string holds them, joined by
    "/" (split only between two non-space characters) or the chosen separator."""
    if version >= (2, 4):
        return texts
    parts: list[str] = []
    for x in texts:
        parts.extend(p.strip() for p in V23_SEP.split(x))
    return split_on([p for p in parts if p], options.separator)


def _genres(frame, version: tuple[int, int], options: TagOptions = DEFAULT_OPTIONS) -> list[str]:
    texts = _split([str(x) for x in frame.text], version, options)
    return normalize_genres(TCON(encoding=3, text=texts).genres)


def _field(tags, name: str, version, options: TagOptions) -> list[str]:
    frames = []
    if name == "mood":
        frames = tags.getall("TMOO")
    if name in _FRAMES and name != "genre":
        frames = tags.getall(_FRAMES[name])
    if not frames and name in _TXXX:
        frames = tags.getall(f"TXXX:{_TXXX[name]}")
    texts = [str(x) for f in frames for x in f.text]
    return normalize_genres(_split(texts, version, options))


def read_id3_tags(tags, t: TrackTags, options: TagOptions = DEFAULT_OPTIONS) -> None:
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
    t.genres = _genres(tcon, version, options) if tcon is not None else []
    for name in FIELDS[1:]:
        values = _field(tags, name, version, options)
        if values:
            t.fields[name] = values


def written_version(tags, options: TagOptions) -> int:
    """The ID3v2 version a write saves: the tag's own (2.3 or 2.4); for a file with no
    ID3v2 tag yet (none, ID3v1 only, or v2.2, which can't be written) the chosen one."""
    if tags is None:
        return options.id3_version
    version = id3_version(tags)
    return version[1] if version in ((2, 3), (2, 4)) else options.id3_version


def replace_id3_fields(tags, changes: dict[str, list[str]], path, options: TagOptions, v2: int) -> dict:
    """Put each field's values in its frame; -> the keyword arguments save() needs to
    write version ``v2`` (3 or 4)."""
    separator = options.separator or "/"
    if v2 == 3:
        for values in changes.values():
            if separator == "/":
                bad = [g for g in values if V23_SEP.search(g)]
                if bad:
                    raise TagError(f"{bad[0]!r} contains '/', which separates values in an ID3v2.3 tag", path)
            refuse_separator(values, options.separator, "an ID3v2.3 tag", path)
    for name, values in changes.items():
        frame_ids = [_FRAMES[name]] if name in _FRAMES else []
        if name == "mood":
            frame_ids.append("TMOO")
        for fid in frame_ids:
            tags.delall(fid)
        if name in _TXXX:
            tags.delall(f"TXXX:{_TXXX[name]}")
        if not values:
            continue
        if name in _FRAMES:
            tags.add(Frames[_FRAMES[name]](encoding=3, text=values))
        elif name == "mood" and v2 == 4:
            tags.add(TMOO(encoding=3, text=values))
        else:
            tags.add(TXXX(encoding=3, desc=_TXXX[name], text=values))
    if v2 == 3:
        tags.update_to_v23()
        return {"v2_version": 3, "v23_sep": separator}
    return {"v2_version": 4}


def read_id3(f, path: Path, t: TrackTags, options: TagOptions = DEFAULT_OPTIONS) -> None:
    read_id3_tags(f.tags, t, options)


def write_id3(f, changes: dict[str, list[str]], path: Path, options: TagOptions = DEFAULT_OPTIONS) -> None:
    if isinstance(f, AIFF):
        refuse_truncated_chunks(path, big_endian=True, label="AIFF")
    v2 = written_version(f.tags, options)
    if f.tags is None:
        f.add_tags()
    f.save(**replace_id3_fields(f.tags, changes, path, options, v2))


ID3 = TagFamily("id3", read_id3, write_id3)


# An MP3 may also carry an APEv2 tag at its end (foobar2000, Mp3tag, older rippers), and
# players that read APEv2 show its genre. Its fields are read where the ID3 tag has none
# (fill mode must not add a second, different genre beside it), and a write puts the
# same values in the APEv2 items the tag already has, so the two never disagree; no
# APEv2 tag or item is made where there was none.
def read_mp3(f, path: Path, t: TrackTags, options: TagOptions = DEFAULT_OPTIONS) -> None:
    read_id3_tags(f.tags, t, options)
    ape = apev2_of(path)
    if ape is None:
        return
    if not t.genres:
        t.genres = field_values(ape, "genre")
    for name in FIELDS[1:]:
        if not t.fields.get(name):
            values = field_values(ape, name)
            if values:
                t.fields[name] = values


def write_mp3(f, changes: dict[str, list[str]], path: Path, options: TagOptions = DEFAULT_OPTIONS) -> None:
    ape = apev2_of(path)
    write_id3(f, changes, path, options)
    _drop_stale_footer(path)
    if ape is None:
        return
    held = {name: values for name, values in changes.items() if any(k.lower() == name for k in ape.keys())}
    if held:
        ape = apev2_of(path)  # (read again: the ID3 write moved what follows it)
        if ape is not None:
            replace_apev2_fields(ape, held)
            ape.save(path)


def _drop_stale_footer(path: Path) -> None:
    """An ID3v2.4 tag may end in a footer (a "3DI" copy of its header). mutagen writes
    the new tag without one and leaves the old footer's 10 bytes in front of the audio,
    where the safe writer's check refused the write ("the audio data would change"):
    they go. (Only ever in the writer's temporary copy.)"""
    with open(path, "r+b") as fh:
        head = fh.read(10)
        if len(head) < 10 or head[:3] != b"ID3" or any(x & 0x80 for x in head[6:10]):
            return
        end = syncsafe(head[6:10]) + 10 + (10 if head[3] >= 4 and head[5] & 0x10 else 0)
        fh.seek(end)
        if fh.read(3) != b"3DI":  # (MPEG audio starts with a sync word, never with these)
            return
        src, dst = end + 10, end
        while True:
            fh.seek(src)
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            fh.seek(dst)
            fh.write(chunk)
            src += len(chunk)
            dst += len(chunk)
        fh.truncate(dst)


MP3_TAGS = TagFamily("id3", read_mp3, write_mp3)


# ---------------------------------------------------------------- payload ranges


def _aiff_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The sample data of the SSND chunk."""
    out: list[Range] = []
    for chunk in iff_chunks(f, start + 12, size, "big"):
        if chunk.id == b"SSND":
            offset = int.from_bytes(read_at(f, chunk.body, 4), "big")
            body = min(chunk.size, size - chunk.body)
            out.append((chunk.body + 8 + offset, body - 8 - offset))
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

MP3_FORMAT = AudioFormat("mp3", "MP3", (".mp3",), STREAM, MP3_TAGS, (MP3,), decoder="soundfile")
AIFF_FORMAT = AudioFormat(
    "aiff",
    "AIFF",
    (".aif", ".aiff", ".aifc"),
    AIFF_CONTAINER,
    ID3,
    (AIFF,),
    decoder="soundfile",
    write_check=partial(refuse_truncated_chunks, big_endian=True, label="AIFF"),
)
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
