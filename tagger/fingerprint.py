"""Which bytes of an audio file are the audio: a content id and a payload digest.

``audio_payload_ranges(path)`` finds the byte ranges that hold the encoded audio, with
every tag block left out, by parsing the container (the format is sniffed from the
bytes, never taken from the extension):

=================  ==========================================================
MP3, AAC (ADTS),   everything after the leading ID3v2 tag(s) and before the
APE, WavPack,      trailing tags: ID3v1 ``TAG``, APEv2 ``APETAGEX`` (with or
unknown streams    without header), an appended ID3v2 with footer (``3DI``)
FLAC               the frames after the last metadata block (and before any
                   trailing ID3v1/APEv2)
Ogg (Vorbis, Opus, the *bodies* of the audio pages. Header packets (identification,
FLAC, Speex)       comments, setup) are left out, and so are page headers: a
                   re-tag repaginates the headers and renumbers every following
                   page (sequence number and CRC), the bodies stay the same
MP4 / M4A          the contents of every ``mdat`` box
WAV (RIFF/RF64)    the ``data`` chunk's contents
AIFF / AIFF-C      the sample data of the ``SSND`` chunk
WMA (ASF)          the packets of the Data Object
anything else      the whole file
=================  ==========================================================

The two hashes built on the ranges:

- ``content_id(path)``: blake2b of the payload length and three 64 KiB samples of the
  payload (start, middle, end). Reads at most ~200 KiB plus the container structure
  (an Ogg file's page headers are all read, ~1 per 4-8 KiB), so a rescan of thousands
  of files stays cheap. The same audio gives the same id wherever the file is, whatever
  its name and tags. It's a cache key, not a proof: two files whose payloads differ only
  outside the sampled bytes (and have the same length) share an id.
- ``payload_digest(path)``: blake2b of *all* payload bytes, for the safe writer's check
  that writing tags didn't touch a single audio byte.
"""

from __future__ import annotations

import hashlib
import os
import struct
from typing import BinaryIO

SAMPLE = 64 * 1024
_ID_VERSION = b"genre-tagger content id 1"

_ASF_HEADER = bytes.fromhex("3026B2758E66CF11A6D900AA0062CE6C")
_ASF_DATA = bytes.fromhex("3626B2758E66CF11A6D900AA0062CE6C")

Range = tuple[int, int]


class FingerprintError(Exception):
    pass


# ---------------------------------------------------------------- public API


def audio_payload_ranges(path: os.PathLike | str) -> list[Range]:
    """[(offset, length), ...] of the encoded audio in the file, in file order."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        return _ranges(f, size)


def content_id(path: os.PathLike | str) -> str:
    """Cheap id of the audio: same for moved, renamed and re-tagged copies."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        ranges = _ranges(f, size)
        total = sum(n for _, n in ranges)
        h = hashlib.blake2b(digest_size=16, person=b"gt-content-id")
        h.update(_ID_VERSION)
        h.update(struct.pack("<Q", total))
        if total <= 3 * SAMPLE:
            for chunk in _read_virtual(f, ranges, 0, total):
                h.update(chunk)
        else:
            for start in (0, total // 2 - SAMPLE // 2, total - SAMPLE):
                for chunk in _read_virtual(f, ranges, start, SAMPLE):
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
    "ape", "wavpack" or "stream" (MP3/ADTS/unknown)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        start = _skip_id3v2(f, 0, size)
        f.seek(start)
        return _sniff(f.read(16))


# ---------------------------------------------------------------- helpers


def _read_at(f: BinaryIO, offset: int, n: int) -> bytes:
    f.seek(offset)
    return f.read(n)


def _read_virtual(f: BinaryIO, ranges: list[Range], start: int, n: int | None,
                  block: int = 1 << 20):
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


def _syncsafe(b: bytes) -> int:
    return (b[0] & 0x7F) << 21 | (b[1] & 0x7F) << 14 | (b[2] & 0x7F) << 7 | (b[3] & 0x7F)


def _skip_id3v2(f: BinaryIO, start: int, end: int) -> int:
    """Offset after any ID3v2 tags at ``start`` (several can be stacked)."""
    while start + 10 <= end:
        h = _read_at(f, start, 10)
        if len(h) < 10 or h[:3] != b"ID3" or h[3] == 0xFF or any(x & 0x80 for x in h[6:10]):
            break
        size = _syncsafe(h[6:10]) + 10
        if h[3] >= 4 and h[5] & 0x10:  # footer present
            size += 10
        start = min(end, start + size)
    return start


def _trim_trailing_tags(f: BinaryIO, start: int, end: int) -> int:
    """New end of the audio with ID3v1, APEv2 and appended ID3v2 tags removed."""
    changed = True
    while changed and end > start:
        changed = False
        if end - start >= 128 and _read_at(f, end - 128, 3) == b"TAG":
            end -= 128
            changed = True
            continue
        if end - start >= 32:
            foot = _read_at(f, end - 32, 32)
            if foot[:8] == b"APETAGEX":
                tag_size, _items, flags = struct.unpack("<III", foot[12:24])
                total = tag_size + (32 if flags & 0x80000000 else 0)
                if 32 <= total <= end - start:
                    end -= total
                    changed = True
                    continue
        if end - start >= 10:
            foot = _read_at(f, end - 10, 10)
            if foot[:3] == b"3DI" and not any(x & 0x80 for x in foot[6:10]):
                total = _syncsafe(foot[6:10]) + 20
                if total <= end - start:
                    end -= total
                    changed = True
                    continue
    return end


def _sniff(head: bytes) -> str:
    if head[:4] == b"fLaC":
        return "flac"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] in (b"RIFF", b"RF64", b"BW64") and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    if head[:16] == _ASF_HEADER:
        return "asf"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"MAC ":
        return "ape"
    if head[:4] == b"wvpk":
        return "wavpack"
    return "stream"


def _ranges(f: BinaryIO, size: int) -> list[Range]:
    start = _skip_id3v2(f, 0, size)
    head = _read_at(f, start, 16)
    kind = _sniff(head)
    try:
        if kind == "flac":
            r = _flac(f, start, size)
        elif kind == "ogg":
            r = _ogg(f, start, size)
        elif kind == "mp4":
            r = _mp4(f, start, size)
        elif kind == "wav":
            r = _riff(f, start, size)
        elif kind == "aiff":
            r = _aiff(f, start, size)
        elif kind == "asf":
            r = _asf(f, start, size)
        else:  # mp3, adts, ape, wavpack, unknown: a stream between tags
            end = _trim_trailing_tags(f, start, size)
            r = [(start, end - start)]
    except (struct.error, FingerprintError):
        r = None
    if not r:
        # structure not understood: the whole file (changes with the tags, but then
        # an id that changes is better than two tracks sharing one)
        return [(0, size)] if size else []
    return _merge(r)


def _flac(f: BinaryIO, start: int, size: int) -> list[Range]:
    pos = start + 4
    while True:
        h = _read_at(f, pos, 4)
        if len(h) < 4:
            raise FingerprintError("truncated FLAC metadata")
        last = h[0] & 0x80
        pos += 4 + int.from_bytes(h[1:4], "big")
        if last:
            break
    end = _trim_trailing_tags(f, pos, size)
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


def _ogg(f: BinaryIO, start: int, size: int) -> list[Range]:
    out: list[Range] = []
    # per serial: [header packets (-1: unknown codec), packets completed so far]
    streams: dict[int, list] = {}
    pos = start
    while pos + 27 <= size:
        h = _read_at(f, pos, 27 + 255)
        if h[:4] != b"OggS":
            # lost sync (junk between pages): look for the next capture pattern
            block = _read_at(f, pos + 1, 1 << 16)
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
        table = h[27:27 + nseg]
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
                first = _read_at(f, body_off, min(first_len, 128))
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


def _mp4(f: BinaryIO, start: int, size: int) -> list[Range]:
    out: list[Range] = []
    pos = start
    while pos + 8 <= size:
        h = _read_at(f, pos, 16)
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


def _riff(f: BinaryIO, start: int, size: int) -> list[Range]:
    riff = _read_at(f, start, 12)
    pos = start + 12
    ds64_data = None
    out: list[Range] = []
    while pos + 8 <= size:
        h = _read_at(f, pos, 8)
        cid, n = h[:4], int.from_bytes(h[4:8], "little")
        if cid == b"ds64" and riff[:4] in (b"RF64", b"BW64"):
            body = _read_at(f, pos + 8, 28)
            ds64_data = int.from_bytes(body[8:16], "little")
        if cid == b"data":
            if n == 0xFFFFFFFF:
                n = ds64_data if ds64_data is not None else size - pos - 8
            out.append((pos + 8, min(n, size - pos - 8)))
        pos += 8 + n + (n & 1)
    if not out:
        raise FingerprintError("no data chunk")
    return out


def _aiff(f: BinaryIO, start: int, size: int) -> list[Range]:
    pos = start + 12
    out: list[Range] = []
    while pos + 8 <= size:
        h = _read_at(f, pos, 16)
        cid, n = h[:4], int.from_bytes(h[4:8], "big")
        if cid == b"SSND":
            offset = int.from_bytes(h[8:12], "big")
            body = min(n, size - pos - 8)
            out.append((pos + 16 + offset, body - 8 - offset))
        pos += 8 + n + (n & 1)
    if not out:
        raise FingerprintError("no SSND chunk")
    return out


def _asf(f: BinaryIO, start: int, size: int) -> list[Range]:
    pos = start
    while pos + 24 <= size:
        h = _read_at(f, pos, 24)
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
