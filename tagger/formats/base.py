"""What every format adapter shares: the registry's record types, TrackTags, TagError.

They live here, not in ``tagger.tags``, so that the adapters (which raise TagError and
fill TrackTags) and ``tagger.tags`` (which re-exports them unchanged) import in one
direction only: tags -> formats -> base.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

Range = tuple[int, int]  # (offset, length) of audio payload bytes in a file


class TagError(Exception):
    """A file's tags can't be read or written; ``reason`` says why, for people."""

    def __init__(self, reason: str, path: os.PathLike | str | None = None):
        super().__init__(reason if path is None else f"{path}: {reason}")
        self.reason = reason
        self.path = path


@dataclass
class TrackTags:
    format: str  # tagger.formats name of the *content*: mp3, flac, ogg, opus, m4a, ...
    duration: float  # seconds
    artist: str | None = None
    album: str | None = None
    title: str | None = None
    tracknumber: int | None = None
    genres: list[str] = field(default_factory=list)
    sample_rate: int | None = None
    channels: int | None = None
    bitrate: int | None = None  # bits per second, as the stream header says (None: unknown)
    # which tag the genres come from: "id3v2.4", "id3v2.3", "id3v1", "vorbis", "mp4",
    # "asf", "apev2", "riff-info" or None (no tag at all)
    tag_type: str | None = None


def normalize_genres(genres) -> list[str]:
    """Stripped, non-empty, first occurrence kept: what writing then reading gives."""
    if isinstance(genres, str):
        raise TypeError("genres must be a list of strings, not a string")
    out: list[str] = []
    for g in genres:
        if not isinstance(g, str):
            raise TypeError(f"genre {g!r} is not a string")
        g = g.strip()
        if "\x00" in g:
            raise TagError(f"genre {g!r} contains a NUL character")
        if g and g not in out:
            out.append(g)
    return out


def short(e: Exception) -> str:
    """An exception's text, cut to fit on one line of a list."""
    s = str(e).strip() or type(e).__name__
    return s if len(s) <= 120 else s[:117] + "..."


def join_values(values) -> str | None:
    vals = [str(v).strip() for v in values or [] if str(v).strip()]
    return "; ".join(vals) if vals else None


def track_number(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        if not value:
            return None
        value = value[0]
    if isinstance(value, tuple):  # MP4 trkn (n, total)
        value = value[0]
    m = re.match(r"\s*(\d+)", str(value))
    if not m:
        return None
    n = int(m.group(1))
    return n if n > 0 else None


# ---------------------------------------------------------------- registry records


@dataclass(frozen=True)
class TagFamily:
    """How one tag family stores genres: ``read(f, path, t)`` fills TrackTags from the
    opened file, ``write(f, values, path)`` replaces the genres and saves (in place)."""

    name: str
    read: Callable[[object, Path, TrackTags], None]
    write: Callable[[object, list[str], Path], None]


@dataclass(frozen=True)
class Container:
    """A file layout as the fingerprint sees it: ``sniff(head)`` says whether the first
    16 bytes (after any ID3v2 tag) are this container; ``ranges(f, start, size)`` lists
    the byte ranges of encoded audio, tags left out."""

    kind: str
    sniff: Callable[[bytes], bool]
    ranges: Callable[[BinaryIO, int, int], list[Range]]


@dataclass(frozen=True)
class StreamInfo:
    """Length and layout of a file mutagen can't open (``AudioFormat.probe``)."""

    length: float
    sample_rate: int
    channels: int


@dataclass(frozen=True)
class AudioFormat:
    """One audio format: its extensions, how its tags and audio bytes are found, how it
    decodes. One entry of ``tagger.formats.REGISTRY``."""

    name: str  # stored in the DB (Track.format) and in TrackTags.format
    label: str  # for messages: "MP3", "Musepack", ...
    extensions: tuple[str, ...]
    container: Container
    tags: TagFamily | None  # None: the format has no tag at all
    mutagen_types: tuple[type, ...] = ()  # mutagen classes that open it (first: by extension)
    # files mutagen can't open: their length and layout, read by this (raises TagError)
    probe: Callable[[Path], StreamInfo] | None = None
    decoder: str | None = "pyav"  # "soundfile" (then PyAV as fallback), "pyav", None
    no_decoder: str = ""  # decoder None: why, for the scan's "skipped" line
    # False: FFmpeg's seeking in this format is wrong, so every window of a file is
    # cut from one decode from its start (tagger.decode)
    seekable: bool = True
    read_only: str = ""  # non-empty: why writing tags is refused (the tags are read)
    fixed_sample_rate: int | None = None  # Opus always decodes at 48 kHz

    @property
    def writable(self) -> bool:
        return self.tags is not None and not self.read_only

    def write_refusal(self) -> str:
        if self.tags is None:
            return f"no tag format: cannot write genres to {self.label} files"
        return self.read_only
