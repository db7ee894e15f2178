"""Byte-exact undo: what is kept of a file before a tag write replaces it, and the
rebuild of the original from the file the write left.

A tag write changes only bytes outside the audio payload (``tagger.fingerprint``'s
ranges): tag blocks, headers, an MP4's ``moov``, Ogg page headers. The payload is the
same bytes in the same order (the safe writer checked it). So the original is kept as an
*image*: pieces that describe it against the written file --

- ``P length``: the next bytes of the written file's payload (its ranges, concatenated);
- ``O start length``: bytes of the written file *outside* its payload (those ranges,
  concatenated) that the write left as they were: cover art, unchanged page headers;
- ``D start mask``: such bytes rewritten in place, as the XOR of old and new (an Ogg page
  header whose sequence number and CRC changed: a mask of mostly zeros);
- ``L bytes``: original bytes the written file no longer has: the old tag, its padding.

zlib-compressed, an image is a few kilobytes: the changed tag bytes, never the audio
(``scripts/write_costs.py`` measures it; docs/benchmarks.md). Undo rebuilds the original
from the *current* file's payload and outside bytes wherever they now are (the pieces
address the payload by its position in the payload, not in the file, so an MP4 whose
``moov`` after the ``mdat`` grew, or whose ``mdat`` moved, rebuilds the same), and the
sha256 of the whole result must be the original's.

Per container, what ends up in ``L`` (the rest is ``P`` and ``O``):

- MP3 and the other tag-around-a-stream formats: the old ID3v2 tag in front and the old
  ID3v1/APEv2 tag behind;
- FLAC: the old metadata blocks that changed (VORBIS_COMMENT, PADDING); a PICTURE is
  found unchanged in the written file;
- Ogg: the pages holding the old comment packet; when the write changed how many pages
  that packet needs, mutagen renumbers every later page, and each page header differs in
  its sequence number and CRC: kept as ``D`` masks (a few bytes per page compressed).
  Storing the whole file instead would cost a thousand times as much, and recomputing
  the pages (sequence, CRC) would be a second Ogg writer to get right;
- MP4: the old ``moov`` bytes around the changed ``ilst`` and the chunk offsets that moved;
- WAV, AIFF, DSF: the old ID3 (and INFO) chunk and the container's size fields;
- WMA: the old header object's changed attributes.

Nothing stores the whole file: an image above ``MAX_IMAGE`` (a tag write that rewrote
megabytes of tags) is not kept, and undo restores the tags only, as it says.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from tagger import fingerprint
from tagger.formats.base import Range

MAX_IMAGE = 1 << 20  # compressed bytes; above it nothing is kept (undo restores tags only)
_BLOCK = 1024  # the shortest run of original bytes looked up in the written file
_SEARCH_BUDGET = 256 << 20  # bytes scanned by lookups per image, then the rest is literal
_MAGIC = b"GTU1"


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


class ImageError(Exception):
    """No exact image can be made (the reason is for logs and the undo's note)."""


@dataclass(frozen=True)
class Image:
    original_sha256: str
    original_size: int
    written_sha256: str
    data: bytes  # the pieces, zlib-compressed


def file_sha256(path: os.PathLike | str) -> str:
    with open(path, "rb") as f:
        return _sha256(f)


def make_image(original: os.PathLike | str, written: os.PathLike | str) -> Image:
    """The image that rebuilds `original` from `written` (the same file after a tag
    write). Checked before it is returned: rebuilding from `written` gives `original`'s
    sha256. Raises ImageError (payloads differ, structure unreadable, too large)."""
    try:
        with open(original, "rb") as fo, open(written, "rb") as fw:
            o_size, w_size = os.fstat(fo.fileno()).st_size, os.fstat(fw.fileno()).st_size
            o_ranges, w_ranges = fingerprint.payload_ranges_in(fo), fingerprint.payload_ranges_in(fw)
            if sum(n for _, n in o_ranges) != sum(n for _, n in w_ranges):
                raise ImageError("the audio payloads differ in length")
            w_gaps = _gaps(w_ranges, w_size)
            blob = b"".join(_read(fw, off, n) for off, n, _ in w_gaps)
            at_payload = _gap_starts(w_gaps)
            pieces = _Pieces()
            budget = [_SEARCH_BUDGET]
            pos = v = 0
            for off, n in [*o_ranges, (o_size, 0)]:
                if off < pos:
                    raise ImageError("payload ranges overlap or are out of order")
                if off > pos:
                    _outside(_read(fo, pos, off - pos), blob, at_payload.get(v), pieces, budget)
                pieces.copy(b"P", v, n)
                pos, v = off + n, v + n
            data = zlib.compress(pieces.encode(), 9)
            if len(data) > MAX_IMAGE:
                raise ImageError(f"the image would take {len(data) // 1024} KiB")
            fo.seek(0)
            fw.seek(0)
            image = Image(_sha256(fo), o_size, _sha256(fw), data)
            check = hashlib.sha256()
            rebuild(data, fw, _HashSink(check))
            if check.hexdigest() != image.original_sha256:
                raise ImageError("the rebuilt file would not be the original")
            return image
    except (OSError, fingerprint.FingerprintError) as e:
        raise ImageError(str(e)) from e


def rebuild(image_data: bytes, current: BinaryIO, out: Writable) -> None:
    """Write the original described by an image's `image_data` to `out`, taking the payload
    and the kept outside bytes from `current` (the file as the write left it). Raises
    ImageError when `current` cannot serve (or the image is corrupt), OSError."""
    size = os.fstat(current.fileno()).st_size
    ranges = fingerprint.payload_ranges_in(current)
    payload = _Spans(ranges)
    outside = _Spans([(off, n) for off, n, _ in _gaps(ranges, size)])
    try:
        raw = zlib.decompress(image_data)
    except zlib.error as e:
        raise ImageError(f"corrupt undo image ({e})") from e
    for kind, data, start, n in _decode(raw):
        if kind == b"L":
            out.write(data)
        elif kind == b"D":
            theirs = b"".join(_read(current, off, length) for off, length in outside.spans(start, n))
            out.write((int.from_bytes(theirs, "big") ^ int.from_bytes(data, "big")).to_bytes(n, "big"))
        else:
            for off, length in (payload if kind == b"P" else outside).spans(start, n):
                _copy(current, off, length, out)


# ---------------------------------------------------------------- building the pieces


class _Pieces:
    """The pieces in order, adjacent ones of a kind merged. Encoded compactly, since an
    Ogg file has two or three pieces per page: ``P`` holds only its length (the payload is
    taken in order), ``O`` and ``D`` their start as a step from where the last one ended
    (usually 0), all numbers as varints."""

    def __init__(self) -> None:
        self.items: list[list] = []  # [kind, start, length, bytes (L, D)]

    def literal(self, data: bytes) -> None:
        if not data:
            return
        if self.items and self.items[-1][0] == b"L":
            self.items[-1][3] += data
            self.items[-1][2] += len(data)
        else:
            self.items.append([b"L", 0, len(data), bytearray(data)])

    def copy(self, kind: bytes, start: int, n: int) -> None:
        if n <= 0:
            return
        last = self.items[-1] if self.items else None
        if last is not None and last[0] == kind and last[1] + last[2] == start:
            last[2] += n
        else:
            self.items.append([kind, start, n, b""])

    def xor(self, start: int, mask: bytes) -> None:
        """The written outside bytes at `start`, XORed with `mask` (Ogg page headers that
        differ only in sequence number and CRC: the mask is mostly zeros)."""
        self.items.append([b"D", start, len(mask), mask])

    def encode(self) -> bytes:
        out = bytearray(_MAGIC)
        outside_end = 0
        for kind, start, n, data in self.items:
            out += kind
            if kind in (b"O", b"D"):
                out += _varint(_zigzag(start - outside_end))
                outside_end = start + n
            out += _varint(n)
            if kind in (b"L", b"D"):
                out += data
        return bytes(out)


def _decode(raw: bytes) -> Iterator[tuple[bytes, bytes, int, int]]:
    """(kind, bytes of L and D, start, length) of each piece."""
    if raw[:4] != _MAGIC:
        raise ImageError("not an undo image")
    pos, payload_end, outside_end = 4, 0, 0
    while pos < len(raw):
        kind = raw[pos : pos + 1]
        pos += 1
        if kind in (b"O", b"D"):
            step, pos = _read_varint(raw, pos)
            start = outside_end + (step >> 1 if not step & 1 else -((step + 1) >> 1))
        elif kind == b"P":
            start = payload_end
        elif kind != b"L":
            raise ImageError("corrupt undo image")
        n, pos = _read_varint(raw, pos)
        data = b""
        if kind in (b"L", b"D"):
            data, pos = raw[pos : pos + n], pos + n
        if kind == b"P":
            payload_end = start + n
        elif kind != b"L":
            outside_end = start + n
        yield kind, data, (0 if kind == b"L" else start), n


def _zigzag(n: int) -> int:
    return n << 1 if n >= 0 else ((-n) << 1) - 1


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def _read_varint(raw: bytes, pos: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        if pos >= len(raw):
            raise ImageError("corrupt undo image")
        b = raw[pos]
        n |= (b & 0x7F) << shift
        pos, shift = pos + 1, shift + 7
        if not b & 0x80:
            return n, pos


def _outside(gap: bytes, blob: bytes, hint: tuple[int, int] | None, pieces: _Pieces, budget: list[int]) -> None:
    """Pieces for one run of original bytes outside the payload: the written file's
    outside bytes where they are the same (first at `hint`, the (start, length) of the
    written file's run at the same payload position), literal bytes elsewhere."""
    at = None
    if hint is not None:
        at, length = hint
        theirs = blob[at : at + length]
        if theirs == gap:
            pieces.copy(b"O", at, length)
            return
        if length == len(gap) < _BLOCK:  # a header rewritten in place: keep what differs
            mask = int.from_bytes(gap, "big") ^ int.from_bytes(theirs, "big")
            pieces.xor(at, mask.to_bytes(length, "big"))
            return
    hint_at = at
    pending = 0  # start of the bytes not yet described
    i = 0
    while i + _BLOCK <= len(gap):
        chunk = gap[i : i + _BLOCK]
        if hint_at is not None and blob[hint_at : hint_at + _BLOCK] == chunk:
            j = hint_at
        elif budget[0] > 0:
            budget[0] -= len(blob)
            j = blob.find(chunk)
        else:
            break
        if j < 0:
            i += _BLOCK
            continue
        back = _common_suffix(gap, i, blob, j, min(i - pending, j))
        n = _BLOCK + _common_prefix(gap, i + _BLOCK, blob, j + _BLOCK)
        pieces.literal(gap[pending : i - back])
        pieces.copy(b"O", j - back, back + n)
        i += n
        pending, hint_at = i, j + n
    pieces.literal(gap[pending:])


def _common_prefix(a: bytes, i: int, b: bytes, j: int) -> int:
    limit = min(len(a) - i, len(b) - j)
    n, step = 0, 1 << 16
    while step:
        if n + step <= limit and a[i + n : i + n + step] == b[j + n : j + n + step]:
            n += step
        else:
            step >>= 1
    return n


def _common_suffix(a: bytes, i: int, b: bytes, j: int, limit: int) -> int:
    """How many bytes before a[i] equal those before b[j] (at most `limit`)."""
    n, step = 0, 1 << 16
    while step:
        if n + step <= limit and a[i - n - step : i - n] == b[j - n - step : j - n]:
            n += step
        else:
            step >>= 1
    return n


# ---------------------------------------------------------------- ranges


def _gaps(ranges: list[Range], size: int) -> list[tuple[int, int, int]]:
    """The runs outside the payload: (offset, length, payload position they sit at)."""
    out = []
    pos = v = 0
    for off, n in ranges:
        if off < pos:
            raise ImageError("payload ranges overlap or are out of order")
        if off > pos:
            out.append((pos, off - pos, v))
        pos, v = off + n, v + n
    if size > pos:
        out.append((pos, size - pos, v))
    return out


def _gap_starts(gaps: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """payload position -> (start, length) of the run outside the payload there, in the
    runs concatenated."""
    starts, at = {}, 0
    for _, n, v in gaps:
        starts[v] = (at, n)
        at += n
    return starts


class _Spans:
    """Spans of a file read as one stream: the file pieces of stream bytes [start, start+n)."""

    def __init__(self, ranges: list[Range]):
        self.ranges = ranges
        self.starts = []
        at = 0
        for _, n in ranges:
            self.starts.append(at)
            at += n
        self.total = at

    def spans(self, start: int, n: int) -> Iterator[Range]:
        if start + n > self.total:
            raise ImageError("the file is shorter than the image needs")
        k = bisect.bisect_right(self.starts, start) - 1
        while n > 0:
            off, length = self.ranges[k]
            skip = start - self.starts[k]
            take = min(length - skip, n)
            yield off + skip, take
            start, n, k = start + take, n - take, k + 1


# ---------------------------------------------------------------- bytes


def _read(f: BinaryIO, off: int, n: int) -> bytes:
    f.seek(off)
    data = f.read(n)
    if len(data) != n:
        raise ImageError("file is shorter than its structure says")
    return data


def _copy(src: BinaryIO, off: int, n: int, out: Writable) -> None:
    src.seek(off)
    while n > 0:
        block = src.read(min(n, 1 << 20))
        if not block:
            raise ImageError("file is shorter than its structure says")
        out.write(block)
        n -= len(block)


def _sha256(f: BinaryIO) -> str:
    h = hashlib.sha256()
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
    return h.hexdigest()


class _HashSink:
    """A write-only file object that hashes what is written to it."""

    def __init__(self, h):
        self.h = h

    def write(self, data: bytes, /) -> int:
        self.h.update(data)
        return len(data)
