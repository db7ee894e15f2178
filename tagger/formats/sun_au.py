"""Sun/NeXT audio (.au, .snd; the format GTZAN ships in): analysed, never tagged.

The format has no tag (only a free-text "annotation" field after the header, which no
player shows as metadata), and mutagen does not open it: its length is read from the
24-byte header here, and a write is refused with "no tag format: cannot write".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from tagger.formats.base import AudioFormat, Container, Range, StreamInfo, TagError
from tagger.formats.payload import FingerprintError, magic, read_at

# encoding code -> bytes per sample (the PCM / G.711 encodings FFmpeg and libsndfile read)
_SAMPLE_BYTES = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 4, 7: 8, 27: 1}
_UNKNOWN_SIZE = 0xFFFFFFFF


def _header(f: BinaryIO, start: int, size: int) -> tuple[int, int, int, int, int]:
    """(data offset, data length, encoding, rate, channels); FingerprintError if bad."""
    h = read_at(f, start, 24)
    if len(h) < 24 or h[:4] != b".snd":
        raise FingerprintError("not a Sun/NeXT audio file")
    offset, length, encoding, rate, channels = (int.from_bytes(h[i : i + 4], "big") for i in range(4, 24, 4))
    offset += start
    if offset < start + 24 or offset > size:
        raise FingerprintError("bad Sun/NeXT data offset")
    if length == _UNKNOWN_SIZE or offset + length > size:
        length = size - offset  # unknown (streamed) or cut off: up to the end
    return offset, length, encoding, rate, channels


def _au_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    offset, length, *_ = _header(f, start, size)
    return [(offset, length)]


def _au_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The header's encoding, rate and channels."""
    _header(f, start, size)
    return [(start + 12, 12)]


def probe_au(path: Path) -> StreamInfo:
    with open(path, "rb") as f:
        try:
            _offset, length, encoding, rate, channels = _header(f, 0, os.fstat(f.fileno()).st_size)
        except FingerprintError as e:
            raise TagError(f"corrupt or unreadable Sun/NeXT audio file ({e})", path) from None
    width = _SAMPLE_BYTES.get(encoding)
    if width is None:
        raise TagError(f"Sun/NeXT audio encoding {encoding} is not supported", path)
    if not rate or not channels:
        raise TagError("corrupt Sun/NeXT audio header (no sample rate or channels)", path)
    return StreamInfo(length / (width * channels * rate), rate, channels)


AU_CONTAINER = Container("au", magic(b".snd"), _au_ranges, _au_headers)
AU_FORMAT = AudioFormat(
    "au", "Sun/NeXT audio (.au)", (".au", ".snd"), AU_CONTAINER, None, probe=probe_au, decoder="soundfile"
)
