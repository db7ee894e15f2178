"""What every format adapter shares: the registry's record types, TrackTags, TagError.

They live here, not in ``tagger.tags``, so that the adapters (which raise TagError and
fill TrackTags) and ``tagger.tags`` (which re-exports them unchanged) import in one
direction only: tags -> formats -> base.
"""

from __future__ import annotations

import os
import re
import stat
import struct
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


# The fields genre-like values can be written to (Settings -> Tags): "genre" is the
# genre tag itself; each adapter says which tag of its family holds the others.
FIELDS = ("genre", "style", "grouping", "mood")
# the separators offered for tags that hold a single value (ID3v2.3 text frames, RIFF
# INFO): "" is each format's own convention ("/" in ID3v2.3, "; " in RIFF INFO)
SEPARATORS = ("", "; ", " / ", ", ")


@dataclass(frozen=True)
class TagOptions:
    """How values are written (and so read back): the separator of single-value tags,
    and the ID3v2 version of a tag a file does not have yet (a file keeps its own)."""

    separator: str = ""
    id3_version: int = 4  # 3 or 4

    def __post_init__(self):
        if self.separator not in SEPARATORS:
            raise ValueError(f"unknown separator {self.separator!r} (one of {', '.join(map(repr, SEPARATORS))})")
        if self.id3_version not in (3, 4):
            raise ValueError(f"ID3 version must be 3 or 4, not {self.id3_version!r}")

    def to_json(self) -> dict:
        return {"separator": self.separator, "id3_version": self.id3_version}

    @classmethod
    def from_json(cls, data: dict | None) -> TagOptions:
        data = data or {}
        return cls(separator=data.get("separator", ""), id3_version=data.get("id3_version", 4))


def split_on(values: list[str], separator: str) -> list[str]:
    """Values of a single-value tag split on a separator's symbol ("; " splits on ";")."""
    symbol = separator.strip()
    if not symbol:
        return list(values)
    return [part.strip() for v in values for part in v.split(symbol) if part.strip()]


def refuse_separator(values: list[str], separator: str, where: str, path) -> None:
    """A value holding the separator's symbol would read back as two: refused."""
    symbol = separator.strip()
    bad = [v for v in values if symbol and symbol in v]
    if bad:
        raise TagError(f"{bad[0]!r} contains {symbol!r}, which separates values in {where}", path)


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
    # the other FIELDS ("style", "grouping", "mood") that hold values
    fields: dict[str, list[str]] = field(default_factory=dict)
    # what was wrong in a tag that was read all the same (e.g. a genre value holding a
    # NUL byte, read as the values around it): one line each, for the scan to report
    notes: list[str] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        """The values of one of FIELDS."""
        return list(self.genres) if name == "genre" else list(self.fields.get(name, []))


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


def genres_as_read(values, t: TrackTags, field_name: str) -> list[str]:
    """The genre values of a tag field as read. A value holding a NUL byte (no format
    allows one inside a value: ID3v2.4 and APEv2 put it *between* values, and some
    converters copied that into Vorbis comments or MP4 atoms) is split there, with a note
    in ``t.notes``: the rest of the file reads as usual."""
    out: list[str] = []
    for value in values:
        value = str(value)
        if "\x00" in value:
            parts = [p for p in value.split("\x00") if p.strip()]
            shown = "; ".join(p.strip() for p in parts) or "nothing"
            t.notes.append(f"{field_name} value {value!r} holds a NUL byte: read as {shown}")
            out.extend(parts)
        else:
            out.append(value)
    return normalize_genres(out)


def short(e: BaseException) -> str:
    """An exception's text, cut to fit on one line of a list. One without any (a bare
    ``struct.error()``) is named by its kind, never as a lone "(error)"."""
    s = str(e).strip()
    if not s:
        kind = type(e).__name__
        module = type(e).__module__
        if kind.lower() != "error" and module != "builtins":  # mutagen._iff.InvalidChunk: "invalid chunk"
            s = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower()
        else:
            s = f"{module}.{kind}" if module not in ("builtins", "__main__") else kind
    return s if len(s) <= 120 else s[:117] + "..."


def parse_problem(e: BaseException) -> str:
    """What a parser's error on a damaged file means, then its own words: mutagen and
    the formats' own parsers raise bare ``struct.error``, ``'ascii' codec can't decode``,
    KeyError... which say nothing to a person by themselves."""
    cause = e.__cause__ or e.__context__
    if (
        type(e).__module__.startswith("mutagen")
        and cause is not None
        and not type(cause).__module__.startswith("mutagen")
    ):
        e = cause  # mutagen's wrapper around a low-level error: say what that error means
    if isinstance(e, UnicodeDecodeError):
        byte = e.object[e.start : e.start + 1].hex() if e.start < len(e.object) else "?"
        return f"a name or text field in its structure is not text (byte 0x{byte}; {short(e)})"
    if isinstance(e, MemoryError):
        return "a header claims an impossibly large size"
    if isinstance(e, (struct.error, EOFError)):
        return f"a header or tag field is cut short ({short(e)})"
    if isinstance(e, KeyError) and e.args and isinstance(e.args[0], str):  # mutagen's "b'moov' not found"
        said = re.sub(r"b'(.{4})'", r"'\1'", e.args[0])
        return f"its structure is malformed ({said})"
    if isinstance(e, (KeyError, IndexError, ValueError, OverflowError, TypeError, AttributeError)):
        return f"its structure is malformed ({type(e).__name__}: {short(e)})"
    if isinstance(e, OSError) and e.errno is not None:
        return f"a header points outside the file ({e.strerror or short(e)})"
    if isinstance(e, OSError):  # a parser's own OSError (no errno): it read past what is there
        return "a header or tag claims more data than the file holds" + (f" ({e})" if str(e).strip() else "")
    return short(e)


PERMISSION_DENIED = "permission denied: cannot read the file (check its permissions and owner)"

_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def not_a_regular_file(mode: int) -> str:
    """The reason for a path that is not a regular file (e.g. one swapped for a FIFO
    since the scan), naming what it is."""
    what = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
    return f"not a regular file: {what} is at this path now"


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
    """How one tag family stores values: ``read(f, path, t, options)`` fills TrackTags
    (genres and the other FIELDS) from the opened file; ``write(f, changes, path,
    options)`` replaces the values of the fields in ``changes`` ({field: values}),
    leaves every other field alone, and saves (in place)."""

    name: str
    read: Callable[[object, Path, TrackTags, TagOptions], None]
    write: Callable[[object, dict[str, list[str]], Path, TagOptions], None]


@dataclass(frozen=True)
class Container:
    """A file layout as the fingerprint sees it: ``sniff(head)`` says whether the first
    16 bytes (after any ID3v2 tag) are this container; ``ranges(f, start, size)`` lists
    the byte ranges of encoded audio, tags left out; ``headers(f, start, size)`` the
    codec headers outside them that decoding depends on (rate, channels, codebooks,
    sample tables), never a tag (None: the payload holds them)."""

    kind: str
    sniff: Callable[[bytes], bool]
    ranges: Callable[[BinaryIO, int, int], list[Range]]
    headers: Callable[[BinaryIO, int, int], list[Range]] | None = None
    # True: players find the audio through byte offsets stored in the file's header (MP4
    # chunk offsets), which a tag write must update; the safe writer then also compares
    # the demuxed packets (tagger.packets), since intact audio bytes prove nothing there
    audio_by_offsets: bool = False


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
    # raises TagError for a file its writer refuses whatever it writes (a cut-off WAV):
    # cheap, headers only, so that a dry run and the write dialog say it in advance
    write_check: Callable[[Path], None] | None = None
    fixed_sample_rate: int | None = None  # Opus always decodes at 48 kHz

    @property
    def writable(self) -> bool:
        return self.tags is not None and not self.read_only

    def write_refusal(self) -> str:
        if self.tags is None:
            return f"no tag format: cannot write genres to {self.label} files"
        return self.read_only
