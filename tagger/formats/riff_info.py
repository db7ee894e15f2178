"""WAV: the ID3 chunk holds the genres, RIFF LIST/INFO is kept in step.

When the file has an INFO list, its ``IGNR`` is written on every write ("; "-joined:
INFO has no list; added when missing; an empty write deletes it; INFO itself is never
created), because FFmpeg-based readers (ffprobe, mpv, many players) discard the ID3
chunk when INFO exists: without IGNR they would show no genre, or an old one. INFO is
read when there is no ID3 chunk, and IGNR also when the ID3 chunk has no genre (a write
would change IGNR, so it is the genre the user sees, and the one an undo must put back).
INFO values are never split. A write leaves no empty ID3 chunk behind: one is added
only to hold genres, and removed when clearing the genres leaves it with no frame.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import BinaryIO

from mutagen._riff import RiffFile
from mutagen.wave import WAVE

from tagger.formats.base import (
    AudioFormat,
    Container,
    Range,
    TagFamily,
    TagOptions,
    TrackTags,
    normalize_genres,
    track_number,
)
from tagger.formats.id3 import DEFAULT_OPTIONS, read_id3_tags, write_id3
from tagger.formats.payload import FingerprintError, iff_chunks, read_at, refuse_truncated_chunks


def riff_info(path) -> dict[str, str]:
    """RIFF LIST/INFO fields of a WAV, read directly (mutagen doesn't read them)."""
    out: dict[str, str] = {}
    with open(path, "rb") as fh:
        head = fh.read(12)
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return out
        size = os.fstat(fh.fileno()).st_size
        for chunk in iff_chunks(fh, 12, size):
            n = chunk.size
            if chunk.id == b"LIST" and n <= 1 << 20 and read_at(fh, chunk.body, 4) == b"INFO":
                body = fh.read(n - 4)
                i = 0
                while i + 8 <= len(body):
                    sid, sn = body[i : i + 4], int.from_bytes(body[i + 4 : i + 8], "little")
                    raw = body[i + 8 : i + 8 + sn].split(b"\x00", 1)[0]
                    try:
                        val = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        val = raw.decode("latin-1")
                    out[sid.decode("latin-1")] = val.strip()
                    i += 8 + sn + (sn & 1)
    return out


def _read_info_only(path, t: TrackTags) -> None:
    info = riff_info(path)
    if not any(k in info for k in ("IART", "IPRD", "INAM", "IGNR", "ITRK", "IPRT")):
        return
    t.tag_type = "riff-info"
    t.artist = info.get("IART") or None
    t.album = info.get("IPRD") or None
    t.title = info.get("INAM") or None
    t.tracknumber = track_number(info.get("ITRK") or info.get("IPRT"))
    t.genres = normalize_genres([info["IGNR"]]) if info.get("IGNR") else []


def _held_share(path) -> float:
    """The share of the bytes a RIFF WAV's data chunk claims that the file holds: below 1
    for a WAV written to a pipe (sizes 0xFFFFFFFF) or cut off; 1.0 otherwise (RF64 too)."""
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        if read_at(fh, 0, 4) != b"RIFF":
            return 1.0
        for chunk in iff_chunks(fh, 12, size):
            if chunk.id == b"data":
                return min(1.0, (size - chunk.body) / chunk.size) if chunk.size else 1.0
    return 1.0


def read_wav(f, path: Path, t: TrackTags, options: TagOptions = DEFAULT_OPTIONS) -> None:
    # mutagen takes the data chunk's size at its word: a streamed WAV (0xFFFFFFFF) would
    # "last" 6.8 hours at CD quality and its patches be planned far past its end
    t.duration *= _held_share(path)
    read_id3_tags(f.tags, t, options)
    if t.tag_type is None:
        _read_info_only(path, t)
    elif not t.genres:
        # an ID3 chunk without genres: INFO IGNR is the current genre, since a write
        # updates (or, for [], deletes) it; undo must be able to put it back
        ignr = riff_info(path).get("IGNR")
        if ignr:
            t.genres = normalize_genres([ignr])
            t.tag_type = "riff-info"  # where the genres come from


def write_ignr(path, values: list[str], separator: str = "") -> None:
    """Set RIFF INFO IGNR to `values` (joined with the separator, "; " by default),
    adding it to an existing INFO list when missing; [] deletes it. A file without INFO
    is left alone (never created)."""
    data = (separator or "; ").join(values).encode("utf-8") + b"\x00" if values else None
    with open(path, "r+b") as fh:
        riff = RiffFile(fh)
        for chunk in list(riff.root.subchunks()):
            if chunk.id != "LIST" or getattr(chunk, "name", None) != "INFO":
                continue
            for sub in list(chunk.subchunks()):
                if sub.id != "IGNR":
                    continue
                if data is not None:
                    sub.resize(len(data))
                    sub.write(data)
                else:
                    sub.delete()
                return
            if data is not None:
                chunk.insert_chunk("IGNR", data)
            return


def write_wav(f, changes: dict[str, list[str]], path: Path, options: TagOptions = DEFAULT_OPTIONS) -> None:
    refuse_truncated_chunks(path, big_endian=False, label="WAV")
    genres = changes.get("genre")
    cleared = not any(changes.values())
    if f.tags is not None and cleared and _only_frames_of(f.tags, changes):
        f.delete(path)  # clearing the values would leave an empty ID3 chunk: none instead
    elif not cleared or f.tags is not None:  # no ID3 chunk is added just to say "no value"
        write_id3(f, changes, path, options)
    if genres is not None:  # INFO has only a genre
        write_ignr(path, genres, options.separator)


def _only_frames_of(tags, changes: dict[str, list[str]]) -> bool:
    """Whether the ID3 chunk holds nothing but the frames of the fields being cleared."""
    owned = {"genre": ("TCON",), "grouping": ("TIT1",), "mood": ("TMOO", "TXXX:MOOD"), "style": ("TXXX:STYLE",)}
    prefixes = tuple(p for name in changes for p in owned[name])
    return all(key.startswith(prefixes) for key in tags.keys())


RIFF_WAV = TagFamily("id3+riff-info", read_wav, write_wav)


def _wav_ranges(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``data`` chunk's contents (RF64/BW64: its size from ``ds64``)."""
    riff = read_at(f, start, 12)
    ds64_data = None
    out: list[Range] = []
    for chunk in iff_chunks(f, start + 12, size):
        if chunk.id == b"ds64" and riff[:4] in (b"RF64", b"BW64"):
            body = read_at(f, chunk.body, 28)
            ds64_data = int.from_bytes(body[8:16], "little")
        if chunk.id == b"data":
            if chunk.size == 0xFFFFFFFF:  # the walk goes on after the real size
                chunk.size = ds64_data if ds64_data is not None else size - chunk.body
            out.append((chunk.body, min(chunk.size, size - chunk.body)))
    if not out:
        raise FingerprintError("no data chunk")
    return out


def _wav_headers(f: BinaryIO, start: int, size: int) -> list[Range]:
    """The ``fmt `` chunk's contents: encoding, channels, rate, sample width."""
    for chunk in iff_chunks(f, start + 12, size):
        if chunk.id == b"fmt ":
            if chunk.body + chunk.size > size:
                raise FingerprintError("truncated fmt chunk")
            return [(chunk.body, chunk.size)]
    raise FingerprintError("no fmt chunk")


WAV_CONTAINER = Container(
    "wav", lambda h: h[:4] in (b"RIFF", b"RF64", b"BW64") and h[8:12] == b"WAVE", _wav_ranges, _wav_headers
)
WAV_FORMAT = AudioFormat(
    "wav",
    "WAV",
    (".wav",),
    WAV_CONTAINER,
    RIFF_WAV,
    (WAVE,),
    decoder="soundfile",
    write_check=partial(refuse_truncated_chunks, big_endian=False, label="WAV"),
)
