"""ASF attributes: WMA.

Several genres are the ``WM/Genre`` attribute repeated. ``WM/GenreID`` (legacy, often
numeric) is read when ``WM/Genre`` is missing and removed on write. Grouping is
``WM/ContentGroupDescription``, mood ``WM/Mood``, style ``WM/Style``.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from mutagen.asf import ASF
from mutagen.id3 import TCON

from tagger.formats.base import (
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
from tagger.formats.payload import FingerprintError, magic, read_at

_ASF_HEADER = bytes.fromhex("3026B2758E66CF11A6D900AA0062CE6C")
_ASF_DATA = bytes.fromhex("3626B2758E66CF11A6D900AA0062CE6C")


def _values(tags, key) -> list[str]:
    return [str(v.value) for v in tags.get(key, []) if str(v.value).strip()]


# grouping and mood as Windows Media names them (and MusicBrainz Picard writes them);
# style has no WM name: "WM/Style", in the same family
_KEYS = {"grouping": "WM/ContentGroupDescription", "mood": "WM/Mood", "style": "WM/Style"}


def read_asf(f, path: Path, t: TrackTags, options: TagOptions | None = None) -> None:
    tags = f.tags
    if tags is None:
        return
    t.tag_type = "asf"
    t.artist = join_values(_values(tags, "Author") or _values(tags, "WM/AlbumArtist"))
    t.album = join_values(_values(tags, "WM/AlbumTitle"))
    t.title = join_values(_values(tags, "Title"))
    t.tracknumber = track_number(_values(tags, "WM/TrackNumber") or _values(tags, "WM/Track"))
    genres = _values(tags, "WM/Genre")
    if not genres:  # numeric IDs become names the ID3v1 way
        genres = TCON(encoding=3, text=_values(tags, "WM/GenreID")).genres
    t.genres = genres_as_read(genres, t, "WM/Genre")
    for name, key in _KEYS.items():
        values = genres_as_read(_values(tags, key), t, key)
        if values:
            t.fields[name] = values


def write_asf(f, changes: dict[str, list[str]], path: Path, options: TagOptions | None = None) -> None:
    tags = f.tags
    for name, values in changes.items():
        keys = ("WM/Genre", "WM/GenreID") if name == "genre" else (_KEYS[name],)
        for key in keys:
            if key in tags:
                del tags[key]
        if values:
            tags[keys[0]] = values
    f.save()


ASF_TAGS = TagFamily("asf", read_asf, write_asf)


def _asf_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The packets of the Data Object."""
    pos = start
    while pos + 24 <= size:
        h = read_at(f, pos, 24)
        guid, n = h[:16], int.from_bytes(h[16:24], "little")
        if guid == _ASF_DATA:
            # 16 GUID + 8 size + 16 file id + 8 packet count + 2 reserved
            if n == 0 or n > size - pos:  # 0: still being written / broadcast
                n = size - pos
            return [(pos + 50, n - 50)]
        if n < 24:
            raise FingerprintError("bad ASF object size")
        pos += n
    raise FingerprintError("no ASF Data Object")


# the Stream Properties Object: codec, channels, rate (in its type-specific data)
_ASF_STREAM_PROPERTIES = bytes.fromhex("9107dcb7b7a9cf118ee600c00c205365")


def _asf_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The contents of the Header Object's Stream Properties Objects."""
    h = read_at(f, start, 30)
    n = int.from_bytes(h[16:24], "little")
    if h[:16] != _ASF_HEADER or n < 30 or start + n > size:
        raise FingerprintError("bad ASF Header Object")
    out: list[Range] = []
    pos, end = start + 30, start + n
    while pos + 24 <= end:
        o = read_at(f, pos, 24)
        k = int.from_bytes(o[16:24], "little")
        if k < 24 or pos + k > end:
            raise FingerprintError("bad ASF object size")
        if o[:16] == _ASF_STREAM_PROPERTIES:
            out.append((pos + 24, k - 24))
        pos += k
    if not out:
        raise FingerprintError("no ASF Stream Properties Object")
    return out


ASF_CONTAINER = Container("asf", magic(_ASF_HEADER), _asf_ranges, _asf_headers)
ASF_FORMAT = AudioFormat("wma", "WMA", (".wma", ".asf"), ASF_CONTAINER, ASF_TAGS, (ASF,))
