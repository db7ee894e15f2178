"""Reading tags and writing multi-value genres, each format its own way (mutagen).

Where genres live, and how several are stored:

=============  ==================  ===================================================
format         tag                 several genres
=============  ==================  ===================================================
MP3 ID3v2.4    TCON                one frame, several text values (null-separated)
MP3 ID3v2.3    TCON                one value joined with "/" (mutagen's v23_sep, the
                                   convention of v2.3 readers); read back by splitting
                                   on a "/" *without* spaces around it (see below)
FLAC, Ogg      GENRE (Vorbis       the field repeated, one genre each
Vorbis, Opus   comment)
M4A (AAC,      ©gen                several values; a legacy numeric ``gnre`` atom is
ALAC)                              read (as its ID3v1 genre name) and removed on write
WMA            WM/Genre            the attribute repeated; WM/GenreID (legacy) is
                                   read when WM/Genre is missing, removed on write
APE, WavPack   APEv2 "Genre"       one item, values separated by NUL (APEv2 lists)
WAV, AIFF      ID3 chunk, TCON     as for MP3 (the file's ID3 version is kept).
                                   WAV: an existing RIFF INFO ``IGNR`` is updated too
                                   ("; "-joined: INFO has no list), so tools that read
                                   only INFO don't show a stale genre. INFO is read
                                   when there is no ID3 chunk, and IGNR also when the
                                   ID3 chunk has no genre (a write would change IGNR,
                                   so it is the genre the user sees); never split.
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
import re
from dataclasses import dataclass, field
from pathlib import Path

from tagger.formats import AUDIO_EXTENSIONS


class TagError(Exception):
    """A file's tags can't be read or written; ``reason`` says why, for people."""

    def __init__(self, reason: str, path: os.PathLike | str | None = None):
        super().__init__(reason if path is None else f"{path}: {reason}")
        self.reason = reason
        self.path = path


def reason_of(exc: Exception) -> str:
    """The reason alone, for a list that shows the path beside it: TagError and the safe
    writer's WriteError keep it in ``reason`` (their str() names the path), OSError in
    ``strerror``."""
    return getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)


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
    # which tag the genres come from: "id3v2.4", "id3v2.3", "id3v1", "vorbis", "mp4",
    # "asf", "apev2", "riff-info" or None (no tag at all)
    tag_type: str | None = None


# formats that may share an extension's name (".ogg" holding Opus, ...)
_COMPATIBLE = {"ogg": {"ogg", "opus"}, "opus": {"ogg", "opus"}}

_V23_SEP = re.compile(r"(?<=\S)/(?=\S)")


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


# ---------------------------------------------------------------- opening


def _kinds():
    from mutagen.aac import AAC
    from mutagen.aiff import AIFF
    from mutagen.asf import ASF
    from mutagen.flac import FLAC
    from mutagen.monkeysaudio import MonkeysAudio
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4
    from mutagen.oggflac import OggFLAC
    from mutagen.oggopus import OggOpus
    from mutagen.oggspeex import OggSpeex
    from mutagen.oggvorbis import OggVorbis
    from mutagen.wave import WAVE
    from mutagen.wavpack import WavPack

    return [
        (MP3, "mp3"), (FLAC, "flac"), (OggVorbis, "ogg"), (OggOpus, "opus"),
        (OggFLAC, "ogg"), (OggSpeex, "ogg"), (MP4, "m4a"), (WAVE, "wav"),
        (AIFF, "aiff"), (ASF, "wma"), (MonkeysAudio, "ape"), (WavPack, "wavpack"),
        (AAC, "aac"),
    ]


_FORMAT_LABEL = {
    "mp3": "MP3", "flac": "FLAC", "ogg": "Ogg", "opus": "Opus", "m4a": "MP4/M4A",
    "wav": "WAV", "aiff": "AIFF", "wma": "WMA", "ape": "Monkey's Audio (APE)",
    "wavpack": "WavPack", "aac": "AAC (ADTS)",
}


def _open(path: os.PathLike | str):
    """(mutagen file object, format name) or TagError."""
    import mutagen

    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise TagError("file does not exist", path) from None
    except OSError as e:
        raise TagError(f"can't access the file ({e.strerror})", path) from e
    if not p.is_file():
        raise TagError("not a regular file", path)
    if st.st_size == 0:
        raise TagError("empty file (0 bytes)", path)
    kinds = _kinds()
    try:
        f = mutagen.File(p, options=[k for k, _ in kinds])
    except PermissionError as e:
        raise TagError("permission denied", path) from e
    except OSError as e:
        raise TagError(f"can't read the file ({e.strerror or e})", path) from e
    except mutagen.MutagenError as e:
        ext_fmt = AUDIO_EXTENSIONS.get(p.suffix.lower())
        actual = _other_format(p, kinds, ext_fmt)
        if actual is not None:
            raise TagError(
                f"the file holds {_FORMAT_LABEL[actual]} but its extension "
                f"'{p.suffix}' says {_FORMAT_LABEL.get(ext_fmt, ext_fmt)}: rename it first",
                path) from e
        label = _FORMAT_LABEL.get(ext_fmt, "audio")
        raise TagError(f"corrupt or unreadable {label} file ({_short(e)})", path) from e
    except Exception as e:  # mutagen's parsers can raise plain errors on garbage
        raise TagError(f"corrupt or unreadable file ({type(e).__name__}: {_short(e)})",
                       path) from e
    if f is None:
        raise TagError("not a recognised audio format", path)
    fmt = next(name for cls, name in kinds if isinstance(f, cls))
    ext_fmt = AUDIO_EXTENSIONS.get(p.suffix.lower())
    if ext_fmt is not None and fmt not in _COMPATIBLE.get(ext_fmt, {ext_fmt}):
        raise TagError(
            f"the file holds {_FORMAT_LABEL[fmt]} but its extension "
            f"'{p.suffix}' says {_FORMAT_LABEL.get(ext_fmt, ext_fmt)}: rename it first",
            path)
    info = f.info
    if not getattr(info, "length", 0) or info.length <= 0:
        raise TagError(f"no audio found in this {_FORMAT_LABEL[fmt]} file", path)
    return f, fmt


def _other_format(p: Path, kinds, ext_fmt) -> str | None:
    """After a failed load: the format the bytes really are, if another one loads them."""
    for cls, name in kinds:
        if name in _COMPATIBLE.get(ext_fmt, {ext_fmt}):
            continue
        try:
            f = cls(p)
        except Exception:
            continue
        if getattr(f.info, "length", 0) > 0:
            return name
    return None


def _short(e: Exception) -> str:
    s = str(e).strip() or type(e).__name__
    return s if len(s) <= 120 else s[:117] + "..."


# ---------------------------------------------------------------- reading


def read_tags(path: os.PathLike | str) -> TrackTags:
    f, fmt = _open(path)
    info = f.info
    sample_rate = getattr(info, "sample_rate", None) or None
    if fmt == "opus":
        sample_rate = 48000  # Opus always decodes at 48 kHz
    t = TrackTags(format=fmt, duration=float(info.length), sample_rate=sample_rate,
                  channels=getattr(info, "channels", None) or None)
    try:
        if fmt in ("mp3", "wav", "aiff"):
            _read_id3(f.tags, t)
            if fmt == "wav" and t.tag_type is None:
                _read_riff_info(path, t)
            elif fmt == "wav" and not t.genres:
                # an ID3 chunk without genres: INFO IGNR is the current genre, since a
                # write updates (or, for [], deletes) it; undo must be able to put it back
                ignr = _riff_info(path).get("IGNR")
                if ignr:
                    t.genres = normalize_genres([ignr])
                    t.tag_type = "riff-info"  # where the genres come from
        elif fmt in ("flac", "ogg", "opus"):
            _read_vorbis(f.tags, t)
        elif fmt == "m4a":
            _read_mp4(f.tags, t)
        elif fmt == "wma":
            _read_asf(f.tags, t)
        elif fmt in ("ape", "wavpack"):
            _read_ape(f.tags, t)
        elif fmt == "aac":
            _read_id3(getattr(f, "tags", None), t)
    except TagError:
        raise
    except Exception as e:  # a malformed value in an otherwise readable tag
        raise TagError(f"unreadable tag ({type(e).__name__}: {_short(e)})", path) from e
    return t


def _join(values) -> str | None:
    vals = [str(v).strip() for v in values or [] if str(v).strip()]
    return "; ".join(vals) if vals else None


def _track(value) -> int | None:
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


def _id3_version(tags) -> tuple[int, int]:
    v = getattr(tags, "version", (2, 4, 0))
    return (v[0], v[1])


def _id3_genres(frame, version: tuple[int, int]) -> list[str]:
    from mutagen.id3 import TCON

    texts = [str(x) for x in frame.text]
    if version < (2, 4):
        parts = []
        for x in texts:
            parts.extend(p.strip() for p in _V23_SEP.split(x))
        texts = [p for p in parts if p]
    return normalize_genres(TCON(encoding=3, text=texts).genres)


def _read_id3(tags, t: TrackTags) -> None:
    if tags is None or not hasattr(tags, "getall"):
        return
    version = _id3_version(tags)
    t.tag_type = "id3v1" if version[0] == 1 else f"id3v2.{version[1]}"

    def text(fid):
        frame = tags.get(fid)
        return _join(frame.text) if frame is not None else None

    t.artist, t.album, t.title = text("TPE1"), text("TALB"), text("TIT2")
    trck = tags.get("TRCK")
    t.tracknumber = _track(trck.text) if trck is not None else None
    tcon = tags.get("TCON")
    t.genres = _id3_genres(tcon, version) if tcon is not None else []


def _read_vorbis(tags, t: TrackTags) -> None:
    if tags is None:
        return
    t.tag_type = "vorbis"
    t.artist = _join(tags.get("artist"))
    t.album = _join(tags.get("album"))
    t.title = _join(tags.get("title"))
    t.tracknumber = _track(tags.get("tracknumber"))
    t.genres = normalize_genres(tags.get("genre", []))


def _read_mp4(tags, t: TrackTags) -> None:
    if tags is None:
        return
    t.tag_type = "mp4"
    t.artist = _join(tags.get("\xa9ART"))
    t.album = _join(tags.get("\xa9alb"))
    t.title = _join(tags.get("\xa9nam"))
    t.tracknumber = _track(tags.get("trkn"))
    # mutagen reads a numeric `gnre` atom into ©gen already (as its ID3v1 name)
    t.genres = normalize_genres(tags.get("\xa9gen", []))


def _asf_values(tags, key) -> list[str]:
    return [str(v.value) for v in tags.get(key, []) if str(v.value).strip()]


def _read_asf(tags, t: TrackTags) -> None:
    if tags is None:
        return
    t.tag_type = "asf"
    t.artist = _join(_asf_values(tags, "Author") or _asf_values(tags, "WM/AlbumArtist"))
    t.album = _join(_asf_values(tags, "WM/AlbumTitle"))
    t.title = _join(_asf_values(tags, "Title"))
    t.tracknumber = _track(_asf_values(tags, "WM/TrackNumber") or _asf_values(tags, "WM/Track"))
    genres = _asf_values(tags, "WM/Genre")
    if not genres:
        from mutagen.id3 import TCON

        genres = TCON(encoding=3, text=_asf_values(tags, "WM/GenreID")).genres
    t.genres = normalize_genres(genres)


def _ape_list(tags, key) -> list[str]:
    from mutagen.apev2 import APETextValue

    v = tags.get(key)
    if v is None or not isinstance(v, APETextValue):
        return []
    return list(v)


def _read_ape(tags, t: TrackTags) -> None:
    if tags is None:
        return
    t.tag_type = "apev2"
    t.artist = _join(_ape_list(tags, "Artist"))
    t.album = _join(_ape_list(tags, "Album"))
    t.title = _join(_ape_list(tags, "Title"))
    t.tracknumber = _track(_ape_list(tags, "Track"))
    t.genres = normalize_genres(_ape_list(tags, "Genre"))


def _riff_info(path) -> dict[str, str]:
    """RIFF LIST/INFO fields of a WAV, read directly (mutagen doesn't read them)."""
    out: dict[str, str] = {}
    with open(path, "rb") as fh:
        head = fh.read(12)
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return out
        size = os.fstat(fh.fileno()).st_size
        pos = 12
        while pos + 8 <= size:
            fh.seek(pos)
            h = fh.read(12)
            if len(h) < 8:
                break
            cid, n = h[:4], int.from_bytes(h[4:8], "little")
            if cid == b"LIST" and h[8:12] == b"INFO" and n <= 1 << 20:
                body = fh.read(n - 4)
                i = 0
                while i + 8 <= len(body):
                    sid, sn = body[i:i + 4], int.from_bytes(body[i + 4:i + 8], "little")
                    raw = body[i + 8:i + 8 + sn].split(b"\x00", 1)[0]
                    try:
                        val = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        val = raw.decode("latin-1")
                    out[sid.decode("latin-1")] = val.strip()
                    i += 8 + sn + (sn & 1)
            pos += 8 + n + (n & 1)
    return out


def _read_riff_info(path, t: TrackTags) -> None:
    info = _riff_info(path)
    if not any(k in info for k in ("IART", "IPRD", "INAM", "IGNR", "ITRK", "IPRT")):
        return
    t.tag_type = "riff-info"
    t.artist = info.get("IART") or None
    t.album = info.get("IPRD") or None
    t.title = info.get("INAM") or None
    t.tracknumber = _track(info.get("ITRK") or info.get("IPRT"))
    t.genres = normalize_genres([info["IGNR"]]) if info.get("IGNR") else []


# ---------------------------------------------------------------- writing


def write_genres(path: os.PathLike | str, genres: list[str]) -> None:
    """Replace the file's genres with ``genres`` (an empty list removes them), in place.

    Everything else in the tag is kept. Raises TagError for what can't be written
    (unsupported format, unrepresentable genre, corrupt tag) and lets OSError through
    for I/O failures (so ``safewrite`` can tell "disk full" from "permission denied").
    """
    import mutagen

    values = normalize_genres(genres)
    f, fmt = _open(path)
    try:
        if fmt in ("mp3", "wav", "aiff"):
            _write_id3(f, values, path)
            if fmt == "wav":
                _write_riff_ignr(path, values)
        elif fmt in ("flac", "ogg", "opus"):
            if f.tags is None:
                f.add_tags()
            if values:
                f.tags["GENRE"] = values
            elif "GENRE" in f.tags:
                del f.tags["GENRE"]
            f.save()
        elif fmt == "m4a":
            _write_mp4(f, values)
        elif fmt == "wma":
            tags = f.tags
            for key in ("WM/Genre", "WM/GenreID"):
                if key in tags:
                    del tags[key]
            if values:
                tags["WM/Genre"] = values
            f.save()
        elif fmt in ("ape", "wavpack"):
            if f.tags is None:
                f.add_tags()
            for key in [k for k in f.tags.keys() if k.lower() == "genre"]:
                del f.tags[key]
            if values:
                f.tags["Genre"] = values
            f.save()
        else:
            raise TagError(f"writing tags to {_FORMAT_LABEL[fmt]} files isn't supported",
                           path)
    except TagError:
        raise
    except mutagen.MutagenError as e:
        cause = e.__cause__ or e.__context__
        if isinstance(cause, OSError):  # mutagen wraps IOError; keep errno visible
            raise cause
        raise TagError(f"couldn't write the tag ({_short(e)})", path) from e


def _write_id3(f, values: list[str], path) -> None:
    from mutagen.id3 import TCON

    if f.tags is None:
        f.add_tags()
    tags = f.tags
    v23 = _id3_version(tags) == (2, 3)
    if v23:
        bad = [g for g in values if _V23_SEP.search(g)]
        if bad:
            raise TagError(
                f"genre {bad[0]!r} contains '/', which separates genres in an ID3v2.3 "
                "tag", path)
    tags.delall("TCON")
    if values:
        tags.add(TCON(encoding=3, text=values))
    if v23:
        tags.update_to_v23()
        f.save(v2_version=3, v23_sep="/")
    else:
        f.save(v2_version=4)


def _write_mp4(f, values: list[str]) -> None:
    if f.tags is None:
        f.add_tags()
    tags = f.tags
    # A numeric `gnre` that mutagen parsed is already in ©gen (and is dropped on save);
    # one it could not parse (an index out of range) it would write back: drop it too.
    failed = getattr(tags, "_failed_atoms", None)
    if isinstance(failed, dict):
        failed.pop("gnre", None)
    if values:
        tags["\xa9gen"] = values
    elif "\xa9gen" in tags:
        del tags["\xa9gen"]
    f.save()


def _write_riff_ignr(path, values: list[str]) -> None:
    """Update an existing RIFF INFO IGNR (never creates INFO)."""
    from mutagen._riff import RiffFile

    with open(path, "r+b") as fh:
        riff = RiffFile(fh)
        for chunk in list(riff.root.subchunks()):
            if chunk.id != "LIST" or getattr(chunk, "name", None) != "INFO":
                continue
            for sub in list(chunk.subchunks()):
                if sub.id != "IGNR":
                    continue
                if values:
                    data = "; ".join(values).encode("utf-8") + b"\x00"
                    sub.resize(len(data))
                    sub.write(data)
                else:
                    sub.delete()
                return
