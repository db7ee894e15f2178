"""Which bytes of an audio file are the audio: a content id and a payload digest.

``audio_payload_ranges(path)`` finds the byte ranges that hold the encoded audio, with
every tag block left out, by parsing the container. The format is sniffed from the
bytes, never taken from the extension; each format's adapter in ``tagger.formats``
knows its container's layout:

=================  ==========================================================
MP3, AAC (ADTS),   everything after the leading ID3v2 tag(s) and before the
APE, WavPack, TTA, trailing tags: ID3v1 ``TAG``, APEv2 ``APETAGEX`` (with or
Musepack, TAK,     without header), an appended ID3v2 with footer (``3DI``)
OptimFROG, unknown
FLAC               the frames after the last metadata block (and before any
                   trailing ID3v1/APEv2)
Ogg (Vorbis, Opus, the *bodies* of the audio pages (header packets and page
FLAC, Speex)       headers left out: a re-tag renumbers the pages)
MP4 / M4A / M4B    the contents of every ``mdat`` box
WAV (RIFF/RF64)    the ``data`` chunk's contents
AIFF / AIFF-C      the sample data of the ``SSND`` chunk
WMA (ASF)          the packets of the Data Object
DSF / DSDIFF       the ``data`` / ``DSD `` chunk's contents
Sun/NeXT (.au)     the samples after the header and its annotation
anything else      the whole file
=================  ==========================================================

Some containers keep what the decoder needs to read the payload outside it: the
*codec headers* (``Container.headers``): WAV ``fmt``, AIFF ``COMM``, FLAC STREAMINFO,
the Ogg identification header (and Vorbis's setup header, its codebooks), the MP4 sample
description, sample tables and edit list, the ASF stream properties, DSF ``fmt``,
DSDIFF ``PROP``, the Sun/NeXT encoding, rate and channels. Never a tag.

The two hashes built on the ranges:

- ``content_id(path)``: SHA-256 of the codec headers and of *every* payload byte (with
  their lengths), as ``v2:<32 hex digits>`` (128 bits). Two files whose audio differs
  never share an id, so never an analysis: a damaged copy of a file (a flipped byte
  anywhere in the audio, a damaged header) gets its own. The same audio gives the same id wherever the
  file is, whatever its name and tags. It reads the whole payload (docs/benchmarks.md
  has the cost; a rescan does not read unchanged files). The prefix is the id's
  version: a library scanned by an older version holds ids without it (version 1: three
  64 KiB samples of the payload), which the next scan replaces, so those tracks are
  analysed once more (``is_current_id``; ``same_audio`` still compares with them).
- ``payload_digest(path)``: blake2b of *all* payload bytes, for the safe writer's check
  that writing tags didn't touch a single audio byte.
"""

from __future__ import annotations

import hashlib
import os
import struct
from typing import BinaryIO

from tagger.formats import sniff_container
from tagger.formats.base import Container, Range
from tagger.formats.payload import FingerprintError, read_at, skip_id3v2

__all__ = [
    "FingerprintError",
    "ID_PREFIX",
    "audio_payload_ranges",
    "codec_header_ranges",
    "container_kind",
    "container_of",
    "content_id",
    "is_current_id",
    "payload_digest",
    "payload_ranges_in",
    "same_audio",
]

ID_PREFIX = "v2:"  # the version of content_id; version 1 ids had no prefix
_V1_SAMPLE = 64 * 1024
_BUFFER = 1 << 20


# ---------------------------------------------------------------- public API


def audio_payload_ranges(path: os.PathLike | str) -> list[Range]:
    """[(offset, length), ...] of the encoded audio in the file, in file order."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        return _ranges(f, size)


def codec_header_ranges(path: os.PathLike | str) -> list[Range]:
    """[(offset, length), ...] of the codec headers outside the payload (see above)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        return _headers(f, size)


def content_id(path: os.PathLike | str) -> str:
    """Id of the audio: same for moved, renamed and re-tagged copies, different for any
    other audio (a damaged copy included)."""
    # a big buffer: an Ogg file's page walk (one small read per page) and its thousands
    # of page bodies come from a few reads. SHA-256: 2.5x blake2b's speed here (OpenSSL
    # uses the CPU's SHA instructions); 128 of its bits are the id.
    with open(path, "rb", buffering=_BUFFER) as f:
        size = os.fstat(f.fileno()).st_size
        headers, ranges = _headers(f, size), _ranges(f, size)
        h = hashlib.sha256(b"genre-tagger content id 2")
        for part in (headers, ranges):
            h.update(struct.pack("<Q", sum(n for _, n in part)))
            for chunk in _read_virtual(f, part, 0, None):
                h.update(chunk)
        return ID_PREFIX + h.hexdigest()[:32]


def is_current_id(cid: str | None) -> bool:
    """Whether `cid` was made by this version of content_id (else a scan makes it again)."""
    return bool(cid) and str(cid).startswith(ID_PREFIX)


def same_audio(path: os.PathLike | str, cid: str) -> bool:
    """Whether the file at `path` has the audio `cid` was made from, in `cid`'s own
    version (a library scanned by an older version is checked with its ids)."""
    return (content_id(path) if is_current_id(cid) else _content_id_v1(path)) == cid


def holds_audio(path: os.PathLike | str, cid: str | None) -> bool:
    """`same_audio`, False when there is no id or the file cannot be read or parsed."""
    if not cid:
        return False
    try:
        return same_audio(path, cid)
    except (FingerprintError, OSError):
        return False


def _content_id_v1(path: os.PathLike | str) -> str:
    """Version 1: the payload length and three 64 KiB samples of the payload."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        ranges = _ranges(f, size)
        total = sum(n for _, n in ranges)
        h = hashlib.blake2b(digest_size=16, person=b"gt-content-id")
        h.update(b"genre-tagger content id 1")
        h.update(struct.pack("<Q", total))
        if total <= 3 * _V1_SAMPLE:
            for chunk in _read_virtual(f, ranges, 0, total):
                h.update(chunk)
        else:
            for start in (0, total // 2 - _V1_SAMPLE // 2, total - _V1_SAMPLE):
                for chunk in _read_virtual(f, ranges, start, _V1_SAMPLE):
                    h.update(chunk)
        return h.hexdigest()


def payload_digest(path: os.PathLike | str) -> str:
    """blake2b of every payload byte (and of the payload length)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        ranges = _ranges(f, size)
        h = hashlib.blake2b(digest_size=32, person=b"gt-payload")
        h.update(struct.pack("<Q", sum(n for _, n in ranges)))
        for chunk in _read_virtual(f, ranges, 0, None):
            h.update(chunk)
        return h.hexdigest()


def container_kind(path: os.PathLike | str) -> str:
    """The container as sniffed here: "flac", "ogg", "mp4", "wav", "aiff", "asf",
    "ape", "wavpack", "mpc", "tta", "tak", "ofr", "dsf", "dff", "au" or "stream"
    (MP3/ADTS/unknown)."""
    return container_of(path).kind


def container_of(path: os.PathLike | str) -> Container:
    """The registry's container record of the file, sniffed from its bytes."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        start = skip_id3v2(f, 0, size)
        f.seek(start)
        return sniff_container(f.read(16))


def payload_ranges_in(f: BinaryIO) -> list[Range]:
    """``audio_payload_ranges`` of a file already open for reading (binary)."""
    return _ranges(f, os.fstat(f.fileno()).st_size)


# ---------------------------------------------------------------- helpers


def _read_virtual(f: BinaryIO, ranges: list[Range], start: int, n: int | None, block: int = 1 << 20):
    """Yield the bytes [start, start+n) of the concatenated ranges (n None: to the end)."""
    pos = 0  # virtual offset of the current range
    remaining = n
    for off, length in ranges:
        if remaining is not None and remaining <= 0:
            return
        end = pos + length
        if end <= start:
            pos = end
            continue
        skip = max(0, start - pos)
        take = length - skip
        if remaining is not None:
            take = min(take, remaining)
        f.seek(off + skip)
        left = take
        while left > 0:
            chunk = f.read(min(block, left))
            if not chunk:
                raise FingerprintError("file is shorter than its structure says")
            left -= len(chunk)
            yield chunk
        if remaining is not None:
            remaining -= take
        pos = end


def _merge(ranges: list[Range]) -> list[Range]:
    out: list[Range] = []
    for off, n in ranges:
        if n <= 0:
            continue
        if out and out[-1][0] + out[-1][1] == off:
            out[-1] = (out[-1][0], out[-1][1] + n)
        else:
            out.append((off, n))
    return out


def _headers(f: BinaryIO, size: int) -> list[Range]:
    start = skip_id3v2(f, 0, size)
    container = sniff_container(read_at(f, start, 16))
    if container.headers is None:
        return []  # the payload holds them (MP3 and other bare streams)
    try:
        r = container.headers(f, start, size)
    except (struct.error, FingerprintError):
        r = None
    if not r:
        # damaged: the whole file (an id that changes with the tags is better than a
        # damaged file sharing the healthy one's id)
        return [(0, size)] if size else []
    return _merge(r)


def _ranges(f: BinaryIO, size: int) -> list[Range]:
    start = skip_id3v2(f, 0, size)
    container = sniff_container(read_at(f, start, 16))
    try:
        r = container.ranges(f, start, size)
    except (struct.error, FingerprintError):
        r = None
    if not r:
        # structure not understood: the whole file (changes with the tags, but then
        # an id that changes is better than two tracks sharing one)
        return [(0, size)] if size else []
    return _merge(r)
