"""Byte-level helpers the adapters' payload parsers share: tags before and after a stream.

"Stream" formats (MP3, AAC in ADTS, APE, WavPack, Musepack, TTA, TAK, OptimFROG) have
no container that says where the audio is: the audio is everything after the leading
ID3v2 tag(s) and before the trailing ID3v1 ``TAG``, APEv2 ``APETAGEX`` (with or without
header) and appended ID3v2 (``3DI`` footer) tags.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal

from tagger.formats.base import Container, Range, TagError


class FingerprintError(Exception):
    """A file's structure can't be followed (``tagger.fingerprint`` re-exports it)."""


def read_at(f: BinaryIO, offset: int, n: int) -> bytes:
    f.seek(offset)
    return f.read(n)


@dataclass
class Chunk:
    """A RIFF / IFF chunk header: where it is, its id and the size it declares."""

    pos: int
    id: bytes
    size: int

    @property
    def body(self) -> int:
        return self.pos + 8


def iff_chunks(f: BinaryIO, start: int, end: int, order: Literal["big", "little"] = "little") -> Iterator[Chunk]:
    """The chunks of a RIFF (WAV, little-endian sizes) or IFF (AIFF, big-endian) file from
    `start` to `end`, each as declared (sizes are not checked against the file: the
    callers each decide what a size past the end means). A caller may set a chunk's
    `size` before the next one is read (an RF64 data chunk's real size is in ds64): the
    walk goes on from there. Every walk over a WAV's or an AIFF's chunks is this one."""
    pos = start
    while pos + 8 <= end:
        h = read_at(f, pos, 8)
        chunk = Chunk(pos, h[:4], int.from_bytes(h[4:8], order))
        yield chunk
        pos += 8 + chunk.size + (chunk.size & 1)


# A size a program writes when it cannot go back to fill it in (ffmpeg writing a WAV to a
# pipe); in RF64 / BW64 the real size is in the ds64 chunk.
UNKNOWN_SIZE = 0xFFFFFFFF
STREAMED_WAV = (
    "the {label} file's sizes are unknown (written as 0xFFFFFFFF, as a program streaming to a pipe "
    "does): a tag chunk cannot be added to it; nothing was written (save it again with any audio "
    "editor or converter, which fills them in)"
)


def refuse_truncated_chunks(path, big_endian: bool, label: str) -> None:
    """Raise TagError when a chunk of a RIFF (WAV) or IFF (AIFF) file claims more bytes
    than the file has (a cut-off copy or download). mutagen would append the tag chunk
    where the reader then looks for the rest of that chunk: the write could not be read
    back. So the file is refused, saying why, before anything is written."""
    order: Literal["big", "little"] = "big" if big_endian else "little"
    with open(path, "rb") as f:
        size = f.seek(0, 2)
        head = read_at(f, 0, 8)
        if head[:4] == b"RIFF" and int.from_bytes(head[4:8], order) == UNKNOWN_SIZE:
            raise TagError(STREAMED_WAV.format(label=label), path)
        for chunk in iff_chunks(f, 12, size, order):
            cid, n = chunk.id, chunk.size
            if cid == b"data" and n == UNKNOWN_SIZE and head[:4] == b"RIFF":
                raise TagError(STREAMED_WAV.format(label=label), path)
            if not all(0x20 <= c < 0x7F for c in cid) or (cid == b"data" and n == UNKNOWN_SIZE):
                return  # not a chunk header (mutagen says what is wrong), or RF64's size in ds64
            have = size - chunk.body
            if n > have:
                name = cid.decode("latin-1").strip()
                raise TagError(
                    f"the {label} file is truncated or damaged: its '{name}' chunk claims {n:,} bytes "
                    f"but the file ends after {have:,} of them; nothing was written",
                    path,
                )


def syncsafe(b: bytes) -> int:
    return (b[0] & 0x7F) << 21 | (b[1] & 0x7F) << 14 | (b[2] & 0x7F) << 7 | (b[3] & 0x7F)


def skip_id3v2(f: BinaryIO, start: int, end: int) -> int:
    """Offset after any ID3v2 tags at ``start`` (several can be stacked)."""
    while start + 10 <= end:
        h = read_at(f, start, 10)
        if len(h) < 10 or h[:3] != b"ID3" or h[3] == 0xFF or any(x & 0x80 for x in h[6:10]):
            break
        size = syncsafe(h[6:10]) + 10
        if h[3] >= 4 and h[5] & 0x10:  # footer present
            size += 10
        start = min(end, start + size)
    return start


def trim_trailing_tags(f: BinaryIO, start: int, end: int) -> int:
    """New end of the audio with ID3v1, APEv2 and appended ID3v2 tags removed."""
    changed = True
    while changed and end > start:
        changed = False
        if end - start >= 128 and read_at(f, end - 128, 3) == b"TAG":
            end -= 128
            changed = True
            continue
        if end - start >= 32:
            foot = read_at(f, end - 32, 32)
            if foot[:8] == b"APETAGEX":
                tag_size, _items, flags = struct.unpack("<III", foot[12:24])
                total = tag_size + (32 if flags & 0x80000000 else 0)
                if 32 <= total <= end - start:
                    end -= total
                    changed = True
                    continue
        if end - start >= 10:
            foot = read_at(f, end - 10, 10)
            if foot[:3] == b"3DI" and not any(x & 0x80 for x in foot[6:10]):
                total = syncsafe(foot[6:10]) + 20
                if total <= end - start:
                    end -= total
                    changed = True
                    continue
    return end


def stream_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The one range between the leading and the trailing tags."""
    end = trim_trailing_tags(f, start, size)
    return [(start, end - start)]


def magic(*prefixes: bytes, at: int = 0):
    """A sniff function: the head has one of ``prefixes`` at offset ``at``."""
    return lambda head: any(head[at : at + len(p)] == p for p in prefixes)


# MP3 and ADTS have no signature worth trusting (a sync word): they, and anything not
# recognised, are the fallback stream container
STREAM = Container("stream", lambda head: False, stream_ranges)
