"""MP4 atoms: M4A (AAC, ALAC), M4B audiobooks, MP4.

Several genres are several ``©gen`` values. A legacy numeric ``gnre`` atom is read (as
its ID3v1 genre name: mutagen puts it in ``©gen``) and removed on write, or players
keep showing the old genre. Grouping is ``©grp``; style and mood are iTunes freeform
atoms (``----:com.apple.iTunes:STYLE`` / ``MOOD``), several values each.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from mutagen.mp4 import MP4, MP4FreeForm

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
from tagger.formats.payload import FingerprintError, read_at

# grouping is ©grp; style and mood have no atom of their own: iTunes freeform atoms, as
# MusicBrainz Picard writes mood
_ATOMS = {"genre": "\xa9gen", "grouping": "\xa9grp"}
_FREEFORM = {"style": "----:com.apple.iTunes:STYLE", "mood": "----:com.apple.iTunes:MOOD"}


def _freeform(tags, key: str) -> list[str]:
    return [bytes(v).decode("utf-8", "replace") for v in tags.get(key, [])]


def read_mp4(f, path: Path, t: TrackTags, options: TagOptions | None = None) -> None:
    tags = f.tags
    if tags is None:
        return
    t.tag_type = "mp4"
    t.artist = join_values(tags.get("\xa9ART"))
    t.album = join_values(tags.get("\xa9alb"))
    t.title = join_values(tags.get("\xa9nam"))
    t.tracknumber = track_number(tags.get("trkn"))
    # mutagen reads a numeric `gnre` atom into ©gen already (as its ID3v1 name)
    t.genres = genres_as_read(tags.get("\xa9gen", []), t, "©gen")
    for name in FIELDS[1:]:
        key = _ATOMS[name] if name in _ATOMS else _FREEFORM[name]
        values = genres_as_read(tags.get(key, []) if name in _ATOMS else _freeform(tags, key), t, key)
        if values:
            t.fields[name] = values


def write_mp4(f, changes: dict[str, list[str]], path: Path, options: TagOptions | None = None) -> None:
    if f.tags is None:
        f.add_tags()
    tags = f.tags
    # A numeric `gnre` that mutagen parsed is already in ©gen (and is dropped on save);
    # one it could not parse (an index out of range) it would write back: drop it too.
    failed = getattr(tags, "_failed_atoms", None)
    if isinstance(failed, dict) and "genre" in changes:
        failed.pop("gnre", None)
    for name, values in changes.items():
        key = _ATOMS.get(name) or _FREEFORM[name]
        if values:
            tags[key] = values if name in _ATOMS else [MP4FreeForm(v.encode("utf-8")) for v in values]
        elif key in tags:
            del tags[key]
    f.save()


MP4_TAGS = TagFamily("mp4", read_mp4, write_mp4)


def _mp4_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The contents of every top-level ``mdat`` box."""
    out: list[Range] = []
    pos = start
    while pos + 8 <= size:
        h = read_at(f, pos, 16)
        box = int.from_bytes(h[0:4], "big")
        kind = h[4:8]
        hdr = 8
        if box == 1:
            if len(h) < 16:
                raise FingerprintError("truncated MP4 box")
            box = int.from_bytes(h[8:16], "big")
            hdr = 16
        elif box == 0:
            box = size - pos
        if box < hdr:
            raise FingerprintError("bad MP4 box size")
        if kind == b"mdat":
            out.append((pos + hdr, min(box, size - pos) - hdr))
        pos += box
    if not out:
        raise FingerprintError("no mdat")
    return out


# boxes walked into, and the boxes decoding depends on: the sample description (codec and
# its configuration), time scale, sample sizes, durations and chunking, and the edit list
# (encoder delay and padding). Not stco/co64 (file offsets: a bigger tag moves them) nor
# udta/meta (the tags).
_MP4_PARENTS = (b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts")
_MP4_HEADERS = (b"mdhd", b"stsd", b"stts", b"stsc", b"stsz", b"stz2", b"ctts", b"elst")


def _mp4_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The contents of the codec boxes of every track (see _MP4_HEADERS)."""
    out: list[Range] = []

    def walk(pos: int, end: int) -> None:
        while pos + 8 <= end:
            h = read_at(f, pos, 16)
            box, kind, hdr = int.from_bytes(h[0:4], "big"), h[4:8], 8
            if box == 1:
                box, hdr = int.from_bytes(h[8:16], "big"), 16
            elif box == 0:
                box = end - pos
            if box < hdr or pos + box > end:
                raise FingerprintError("bad MP4 box size")
            if kind in _MP4_PARENTS:
                walk(pos + hdr, pos + box)
            elif kind in _MP4_HEADERS:
                out.append((pos + hdr, box - hdr))
            pos += box

    walk(start, size)
    if not out:
        raise FingerprintError("no MP4 sample description")
    return out


MP4_CONTAINER = Container("mp4", lambda h: h[4:8] == b"ftyp", _mp4_ranges, audio_by_offsets=True, headers=_mp4_headers)
# one name for all: the same container and tag whatever the extension says
MP4_FORMAT = AudioFormat("m4a", "MP4/M4A", (".m4a", ".m4b", ".mp4", ".alac"), MP4_CONTAINER, MP4_TAGS, (MP4,))
