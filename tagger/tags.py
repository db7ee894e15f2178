"""Reading tags and writing multi-value genres, each format its own way (mutagen).

Each tag family's rules live in its adapter module under ``tagger.formats`` (``id3``,
``riff_info``, ``vorbis``, ``mp4``, ``asf``, ``apev2``, ``sun_au``); this module opens
the file, checks that its bytes are the format its extension says, and hands it to the
adapter the registry names. Where genres live, and how several are stored:

=============  ==================  ===================================================
format         tag                 several genres
=============  ==================  ===================================================
MP3 ID3v2.4    TCON                one frame, several text values (null-separated)
MP3 ID3v2.3    TCON                one value joined with "/" (mutagen's v23_sep, the
                                   convention of v2.3 readers); read back by splitting
                                   on a "/" *without* spaces around it (see below)
FLAC, Ogg      GENRE (Vorbis       the field repeated, one genre each
Vorbis, Opus,  comment)
Speex
M4A, M4B (AAC, ©gen                several values; a legacy numeric ``gnre`` atom is
ALAC)                              read (as its ID3v1 genre name) and removed on write
WMA            WM/Genre            the attribute repeated; WM/GenreID (legacy) is
                                   read when WM/Genre is missing, removed on write
APE, WavPack,  APEv2 "Genre"       one item, values separated by NUL (APEv2 lists)
Musepack, TAK,
OptimFROG
TTA, AAC       APEv2 "Genre", or   the tag the file has (APEv2 first); a file with none
(ADTS)         ID3 TCON            gets APEv2 (as Picard and foobar2000 write)
WAV, AIFF,     ID3 chunk, TCON     as for MP3 (the file's ID3 version is kept).
DSF                                WAV: an existing RIFF INFO ``IGNR`` is updated too
                                   ("; "-joined: INFO has no list), so tools that read
                                   only INFO don't show a stale genre. INFO is read
                                   when there is no ID3 chunk, and IGNR also when the
                                   ID3 chunk has no genre (a write would change IGNR,
                                   so it is the genre the user sees); never split.
DSDIFF (.dff)  ID3 chunk           read only: writes are refused (no standard tag)
Sun/NeXT .au   none                read (length from the header); writes refused:
                                   "no tag format: cannot write"
=============  ==================  ===================================================

Reading splits only a format's own separators: NUL/repeated fields everywhere, and for
ID3 before v2.4 a "/" between two non-space characters ("Rock/Pop" -> Rock, Pop; but
"Funk / Soul" stays one genre). Legacy strings joined with "; " or "," are *not* split
(they could be names). ID3 numeric genres ("(17)", "17", "(17)(20)") become names
through mutagen (TCON.genres). Because "/" separates in ID3v2.3, a genre containing a
bare "/" can't be written to an ID3v2.3 file: ``write_genres`` refuses it (TagError).

MP3 and WAV/AIFF files whose tag is ID3v2.3 stay v2.3; every other ID3 tag (none,
v2.2, v2.4, ID3v1 only) is written as v2.4. An existing ID3v1 tag is updated too
(mutagen's default). ``easy=True`` is never used (it fails on WAV/AIFF).

``write_genres`` changes the file in place: the app calls it only on a copy, through
``tagger.safewrite``.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

import mutagen

from tagger import formats
from tagger.formats.base import (
    FIELDS,
    PERMISSION_DENIED,
    AudioFormat,
    TagError,
    TagOptions,
    TrackTags,
    normalize_genres,
    not_a_regular_file,
    parse_problem,
    short,
)
from tagger.not_audio import HEAD_BYTES, what_it_is

__all__ = [
    "FIELDS",
    "TagError",
    "TagOptions",
    "TrackTags",
    "normalize_genres",
    "reason_of",
    "read_tags",
    "write_fields",
    "write_genres",
]


def reason_of(exc: Exception) -> str:
    """The reason alone, for a list that shows the path beside it: TagError and the safe
    writer's WriteError keep it in ``reason`` (their str() names the path), OSError in
    ``strerror``."""
    return getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)


# ---------------------------------------------------------------- opening


def _open(path: os.PathLike | str):
    """(mutagen file object or None, its AudioFormat, its stream info) or TagError."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise TagError("file does not exist", path) from None
    except OSError as e:
        raise TagError(f"can't access the file ({e.strerror})", path) from e
    if not stat.S_ISREG(st.st_mode):
        raise TagError(not_a_regular_file(st.st_mode), path)
    if st.st_size == 0:
        raise TagError("empty file (0 bytes)", path)
    head = _head(p, path)
    really = what_it_is(head)
    if really is not None:  # an executable renamed .mp3 "decodes" as MPEG noise
        raise TagError(f"not audio: {really} named {p.suffix or 'like audio'}", path)
    ext_fmt = formats.format_for_extension(p)
    if ext_fmt is not None and ext_fmt.probe is not None:  # a format mutagen can't open
        return _found_audio(None, ext_fmt, ext_fmt.probe(p), path)
    label = ext_fmt.label if ext_fmt is not None else "audio"
    try:
        f = mutagen.File(p, options=formats.MUTAGEN_TYPES)
    except (OSError, mutagen.MutagenError) as e:
        io = e if isinstance(e, OSError) and not isinstance(e, mutagen.MutagenError) else e.__cause__ or e.__context__
        if isinstance(io, OSError) and not isinstance(io, mutagen.MutagenError) and io.errno is not None:
            raise TagError(_os_reason(io), path) from e  # the disk's error (mutagen wraps them)
        # else the parser's: a bare OSError() without errno is its way of saying a header
        # claims more than the file holds (a tag cut short), not an I/O error.
        # mutagen.File picks a parser by its score (an ID3 tag in front of ADTS AAC
        # scores as MP3): the extension's own parser may still read it
        f = _load_as(p, ext_fmt)
        if f is None:
            actual = _other_format(p, ext_fmt)
            if actual is not None:
                raise _mismatch(actual, ext_fmt, p, path) from e
            raise TagError(f"corrupt or unreadable {label} file: {parse_problem(e)}", path) from e
    except Exception as e:  # mutagen's parsers can raise plain errors on garbage
        raise TagError(f"corrupt or unreadable {label} file: {parse_problem(e)}", path) from e
    if f is None:
        raise TagError("not a recognised audio format", path)
    fmt = formats.format_of_mutagen(f)
    if ext_fmt is not None and not formats.same_content(ext_fmt, fmt):
        own = _load_as(p, ext_fmt)
        if own is None:
            raise _mismatch(fmt, ext_fmt, p, path)
        f, fmt = own, ext_fmt
    return _found_audio(f, fmt, f.info, path)


def _os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return PERMISSION_DENIED
    return f"can't read the file ({e.strerror or short(e)})"


def _head(p: Path, path) -> bytes:
    """The first bytes of the file (what it really is); a file that cannot be opened
    says why here, not as a parser's error later."""
    try:
        with open(p, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as e:
        raise TagError(_os_reason(e), path) from e


def _found_audio(f, fmt: AudioFormat, info, path):
    if not getattr(info, "length", 0) or info.length <= 0:
        if _fragmented_mp4(path):
            raise TagError(
                f"a fragmented {fmt.label} file (its audio is in movie fragments, as streaming tools write it): "
                "not supported; a copy made with `ffmpeg -i IN -c copy OUT.m4a` is",
                path,
            )
        raise TagError(f"no audio found in this {fmt.label} file", path)
    return f, fmt, info


def _fragmented_mp4(path) -> bool:
    """Whether `path` is an MP4 whose audio is in movie fragments (a top-level 'moof'
    box): mutagen then finds no length, though FFmpeg plays it."""
    import struct

    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            at = 0
            for _ in range(64):  # the top-level boxes, as far as the first fragment
                head = fh.read(8)
                if len(head) < 8:
                    return False
                n, kind = struct.unpack(">I4s", head)
                if kind == b"moof":
                    return True
                if n == 1:
                    n = struct.unpack(">Q", fh.read(8))[0]
                if n < 8 or at + n > size:
                    return False
                at += n
                fh.seek(at)
    except (OSError, struct.error):
        return False
    return False


def _mismatch(actual: AudioFormat, ext_fmt: AudioFormat | None, p: Path, path) -> TagError:
    said = ext_fmt.label if ext_fmt is not None else "another format"
    return TagError(f"the file holds {actual.label} but its extension '{p.suffix}' says {said}: rename it first", path)


def _load_as(p: Path, fmt: AudioFormat | None):
    """The file opened by ``fmt``'s own parser, if that finds audio in it; else None."""
    for cls in fmt.mutagen_types if fmt is not None else ():
        try:
            f = cls(p)
        except Exception:
            continue
        if getattr(f.info, "length", 0) > 0:
            return f
    return None


def _other_format(p: Path, ext_fmt: AudioFormat | None) -> AudioFormat | None:
    """After a failed load: the format the bytes really are, if another one loads them."""
    for fmt in formats.REGISTRY:
        if ext_fmt is not None and formats.same_content(ext_fmt, fmt):
            continue
        if _load_as(p, fmt) is not None:
            return fmt
    return None


# ---------------------------------------------------------------- reading


def read_tags(path: os.PathLike | str, options: TagOptions | None = None) -> TrackTags:
    """The file's tags; ``options`` is how they were written (the separator of
    single-value tags is split on when reading)."""
    f, fmt, info = _open(path)
    sample_rate = fmt.fixed_sample_rate or getattr(info, "sample_rate", None) or None
    t = TrackTags(
        format=fmt.name,
        duration=float(info.length),
        sample_rate=sample_rate,
        channels=getattr(info, "channels", None) or None,
        bitrate=int(getattr(info, "bitrate", 0) or 0) or None,
    )
    if fmt.tags is None:
        return t
    try:
        fmt.tags.read(f, Path(path), t, options or TagOptions())
    except TagError:
        raise
    except Exception as e:  # a malformed value in an otherwise readable tag
        raise TagError(f"unreadable {fmt.tags.name} tag: {parse_problem(e)}", path) from e
    return t


# ---------------------------------------------------------------- writing


def write_problem(path: os.PathLike | str) -> str | None:
    """Why the file's writer would refuse it whatever it writes (a cut-off WAV or AIFF),
    from its headers (AudioFormat.write_check), or None: the dry run's and the write
    dialog's advance notice of a failure the write itself would meet."""
    fmt = formats.format_for_extension(Path(path))
    if fmt is None or fmt.write_check is None:
        return None
    try:
        fmt.write_check(Path(path))
    except TagError as e:
        return e.reason
    except OSError:
        return None  # the preflight and the write say what is wrong with the file itself
    return None


def write_genres(path: os.PathLike | str, genres: list[str], options: TagOptions | None = None) -> None:
    """Replace the file's genres with ``genres`` (an empty list removes them), in place."""
    write_fields(path, {"genre": genres}, options)


def write_fields(path: os.PathLike | str, changes: dict[str, list[str]], options: TagOptions | None = None) -> None:
    """Replace the values of each field in ``changes`` ({one of FIELDS: values}; an
    empty list removes the field), in place, written as ``options`` say.

    Everything else in the tag is kept. Raises TagError for what can't be written
    (unsupported format, unrepresentable value, corrupt tag) and lets OSError through
    for I/O failures (so ``safewrite`` can tell "disk full" from "permission denied").
    """
    unknown = [name for name in changes if name not in FIELDS]
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} (one of {', '.join(FIELDS)})")
    values = {name: normalize_genres(v) for name, v in changes.items()}
    f, fmt, _info = _open(path)
    if not fmt.writable:
        raise TagError(fmt.write_refusal(), path)
    try:
        fmt.tags.write(f, values, Path(path), options or TagOptions())
    except TagError:
        raise
    except mutagen.MutagenError as e:
        cause = e.__cause__ or e.__context__
        if isinstance(cause, OSError):  # mutagen wraps IOError; keep errno visible
            raise cause from None
        raise TagError(f"couldn't write the tag ({short(e)})", path) from e
    except struct.error as e:  # a size field of the file's format overflows with the new tag
        raise TagError(f"couldn't write the tag: a size in the file would overflow ({e})", path) from e
