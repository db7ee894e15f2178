"""Real audio files in every supported format, for the tests (no pytest in here).

The files are short excerpts of the bundled example music
(``resources/example-music``, CC / public domain, licences beside them), transcoded with
PyAV, then given some initial tags with mutagen directly (not through ``tagger.tags``,
so the tag code is tested against files it did not make). APE, Musepack and Speex are
the exceptions: FFmpeg cannot encode them, so small committed files (``tests/data/``, see
the ``.txt`` beside each) are copied and tagged instead. DSD files (.dsf, .dff) are
written here byte by byte (FFmpeg only decodes DSD): the music run through a first-order
sigma-delta modulator, which FFmpeg's DSD decoder turns back into the same music.

Use:

    lib = make_library(tmp_path)                  # {fixture key: Path}, fresh copies
    lib = make_library(tmp_path, ["mp3", "flac"])  # only some
    other = make_library(tmp_path / "b", variant="b")  # the same formats, other music
    bad = broken_files(tmp_path)                  # {name: Path}, see BROKEN_FILES
    new = make_library(tmp_path, EXTRA_FORMATS)   # the formats added with the registry

Built files are cached per process (in a temporary folder, or the one given to
``set_cache_dir`` -- the test ``conftest`` points it at a pytest session folder), so
every later ``make_library`` is only a file copy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_MUSIC = REPO / "resources" / "example-music"
DATA_DIR = Path(__file__).resolve().parent / "data"
APE_SOURCE = DATA_DIR / "brahms-hungarian-dance-5-excerpt.ape"
# fixture key -> committed file (no encoder in PyAV); these exist only as variant "a"
COMMITTED = {
    "ape": APE_SOURCE,
    "mpc": DATA_DIR / "brahms-hungarian-dance-5-excerpt.mpc",
    "spx": DATA_DIR / "brahms-hungarian-dance-5-excerpt.spx",
}

# variant -> (source file, start seconds, title used in the tags)
SOURCES: dict[str, tuple[str, float, str]] = {
    "a": ("brahms-hungarian-dance-5.ogg", 12.0, "Hungarian Dance No. 5"),
    "b": ("kevin-macleod-vibe-ace.ogg", 20.0, "Vibe Ace"),
}
SECONDS = 8.0
RATE = 44100


@dataclass(frozen=True)
class FixtureSpec:
    key: str
    ext: str
    format: str  # tagger.formats name (and TrackTags.format)
    genres: tuple[str, ...] = ()  # initial genres
    artist: str = "Example Artist"
    album: str = "Example Album"
    tracknumber: int = 1
    notes: str = ""


# Every format the tagger writes. Some start with genres (one or several), some with none.
SPECS: dict[str, FixtureSpec] = {
    s.key: s
    for s in [
        FixtureSpec("mp3", ".mp3", "mp3", ("Classical", "Orchestral"), tracknumber=1, notes="ID3v2.4, two TCON values"),
        FixtureSpec("mp3_v23", ".mp3", "mp3", ("Jazz",), tracknumber=2, notes="ID3v2.3, one genre"),
        FixtureSpec("flac", ".flac", "flac", ("Classical", "Romantic"), tracknumber=3),
        FixtureSpec("ogg", ".ogg", "ogg", (), tracknumber=4, notes="Vorbis, no genre"),
        FixtureSpec("opus", ".opus", "opus", ("Folk",), tracknumber=5),
        FixtureSpec(
            "m4a",
            ".m4a",
            "m4a",
            (),
            tracknumber=6,
            notes="AAC, moov before mdat; legacy numeric `gnre` atom (Blues), no ©gen",
        ),
        FixtureSpec("m4a_alac", ".m4a", "m4a", ("Ragtime",), tracknumber=7, notes="ALAC, mdat before moov"),
        FixtureSpec("wav", ".wav", "wav", (), tracknumber=8, notes="ID3 chunk, no genre"),
        FixtureSpec("aiff", ".aiff", "aiff", ("Waltz",), tracknumber=9, notes="ID3 chunk"),
        FixtureSpec("wma", ".wma", "wma", ("Jazz", "Swing"), tracknumber=10),
        FixtureSpec(
            "ape", ".ape", "ape", ("Classical",), tracknumber=11, notes="committed tests/data file, mono 22.05 kHz, 4 s"
        ),
        FixtureSpec("wavpack", ".wv", "wavpack", (), tracknumber=12),
    ]
}
FORMATS: tuple[str, ...] = tuple(SPECS)

# The formats added with the tag-family registry (tests/test_formats.py). Kept out of
# FORMATS so that the older tests' libraries (and the counts they check) stay as they were.
EXTRA_SPECS: dict[str, FixtureSpec] = {
    s.key: s
    for s in [
        FixtureSpec("m4b", ".m4b", "m4a", ("Audiobook",), tracknumber=1, notes="AAC, M4B"),
        FixtureSpec(
            "tta", ".tta", "tta", ("Classical",), tracknumber=2, notes="TTA, APEv2 (FFmpeg's muxer writes one)"
        ),
        FixtureSpec(
            "mpc",
            ".mpc",
            "mpc",
            ("Classical", "Romantic"),
            tracknumber=3,
            notes="committed tests/data file, Musepack SV8, stereo 44.1 kHz, 4 s",
        ),
        FixtureSpec(
            "spx",
            ".spx",
            "speex",
            ("Classical",),
            tracknumber=4,
            notes="committed tests/data file, Speex wideband, mono 16 kHz, 4 s",
        ),
        FixtureSpec("dsf", ".dsf", "dsf", ("Classical",), tracknumber=5, notes="DSD64 stereo, 1 s, ID3v2.4 at the end"),
        FixtureSpec(
            "dff",
            ".dff",
            "dff",
            ("Classical", "Romantic"),
            tracknumber=6,
            notes="DSDIFF DSD64 stereo, 1 s, ID3 chunk (read-only format)",
        ),
        FixtureSpec("au", ".au", "au", notes="Sun/NeXT 16-bit PCM: no tag format"),
    ]
}
EXTRA_FORMATS: tuple[str, ...] = tuple(EXTRA_SPECS)
# formats the app reads that have no fixture: format name -> why
NO_FIXTURE = {"tak": "TAK's only encoder is a Windows program; FFmpeg only decodes TAK"}
ALL_SPECS: dict[str, FixtureSpec] = SPECS | EXTRA_SPECS
# M4A fixture's legacy genre: `gnre` holds ID3v1 index + 1; 0 = Blues -> 1
M4A_GNRE_GENRE = "Blues"

# encoder settings per fixture key: (container format, codec, rate, extra codec options)
_ENCODE: dict[str, tuple[str, str, int, dict]] = {
    "mp3": ("mp3", "libmp3lame", RATE, {}),
    "mp3_v23": ("mp3", "libmp3lame", RATE, {}),
    "flac": ("flac", "flac", RATE, {}),
    "ogg": ("ogg", "vorbis", RATE, {"strict": "experimental"}),
    "opus": ("ogg", "libopus", 48000, {}),
    "m4a": ("ipod", "aac", RATE, {}),
    "m4a_alac": ("ipod", "alac", RATE, {}),
    "wav": ("wav", "pcm_s16le", RATE, {}),
    "aiff": ("aiff", "pcm_s16be", RATE, {}),
    "wma": ("asf", "wmav2", RATE, {}),
    "wavpack": ("wv", "wavpack", RATE, {}),
    # not a tag-writing format; used by the fingerprint tests (ADTS stream + ID3v2/APE)
    "aac": ("adts", "aac", RATE, {}),
    "m4b": ("ipod", "aac", RATE, {}),
    "tta": ("tta", "tta", RATE, {}),
    "au": ("au", "pcm_s16be", RATE, {}),
}
_CONTAINER_OPTIONS = {"m4a": {"movflags": "+faststart"}}

_lock = threading.Lock()
_cache_dir: Path | None = None
_pcm_cache: dict[str, np.ndarray] = {}


def set_cache_dir(path: os.PathLike | str) -> None:
    global _cache_dir
    _cache_dir = Path(path)
    _cache_dir.mkdir(parents=True, exist_ok=True)


def _cache() -> Path:
    global _cache_dir
    if _cache_dir is None:
        _cache_dir = Path(tempfile.mkdtemp(prefix="gt-audio-fixtures-"))
    return _cache_dir


def source_pcm(variant: str = "a") -> np.ndarray:
    """float32 [2, n] at 44.1 kHz: the excerpt of the variant's example track."""
    if variant not in _pcm_cache:
        name, start, _ = SOURCES[variant]
        want0, want1 = int(start * RATE), int((start + SECONDS) * RATE)
        rs = av.AudioResampler(format="fltp", layout="stereo", rate=RATE)
        parts, have = [], 0
        with av.open(str(EXAMPLE_MUSIC / name)) as c:
            for frame in c.decode(audio=0):
                for f in rs.resample(frame):
                    parts.append(f.to_ndarray())
                    have += f.samples
                if have >= want1:
                    break
        x = np.concatenate(parts, axis=1)[:, want0:want1]
        # a short fade in/out so lossy encoders don't start/end on a click
        ramp = np.linspace(0.0, 1.0, 2048, dtype=np.float32)
        x[:, :2048] *= ramp
        x[:, -2048:] *= ramp[::-1]
        _pcm_cache[variant] = np.ascontiguousarray(x, dtype=np.float32)
    return _pcm_cache[variant]


def _encode(pcm: np.ndarray, key: str, dest: Path) -> None:
    container, codec, rate, opts = _ENCODE[key]
    with av.open(str(dest), "w", format=container, options=_CONTAINER_OPTIONS.get(key, {})) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "stereo"
        if opts:
            stream.codec_context.options = dict(opts)
        if codec == "wmav2":
            stream.bit_rate = 128000  # it has no default
        fmt = stream.codec_context.codec.audio_formats[0].name
        if codec == "wavpack":
            fmt = "s16p"
        elif codec == "alac":
            fmt = "s16p"
        elif codec == "tta":
            fmt = "s16"  # its first format is u8
        stream.format = fmt
        rs = av.AudioResampler(format=fmt, layout="stereo", rate=rate)
        pts = 0
        step = 4096
        frames = []
        for i in range(0, pcm.shape[1], step):
            f = av.AudioFrame.from_ndarray(pcm[:, i : i + step], format="fltp", layout="stereo")
            f.sample_rate = RATE
            f.pts = i
            f.time_base = Fraction(1, RATE)
            frames.extend(rs.resample(f))
        frames.extend(rs.resample(None))
        for f in frames:
            f.pts = pts
            f.time_base = Fraction(1, rate)
            pts += f.samples
            for p in stream.encode(f):
                out.mux(p)
        for p in stream.encode(None):
            out.mux(p)


def _tag(path: Path, spec: FixtureSpec, title: str) -> None:
    """Initial tags, written with mutagen directly (each format's own way)."""
    import mutagen
    from mutagen import id3

    artist, album, track, genres = spec.artist, spec.album, spec.tracknumber, list(spec.genres)
    key = spec.key
    if key in ("mp3", "mp3_v23", "wav", "aiff", "dsf", "dff"):
        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        t = f.tags
        t.delall("TXXX")  # ffmpeg's encoder tags
        t.delall("TSSE")
        t.add(id3.TPE1(encoding=3, text=[artist]))
        t.add(id3.TALB(encoding=3, text=[album]))
        t.add(id3.TIT2(encoding=3, text=[title]))
        t.add(id3.TRCK(encoding=3, text=[f"{track}/12"]))
        if genres:
            t.add(id3.TCON(encoding=3, text=genres))
        if key == "mp3_v23":
            f.save(v2_version=3)
        elif key in ("dsf", "dff"):
            f.save()  # always v2.4 (their save() takes no version)
        else:
            f.save(v2_version=4)
    elif key in ("flac", "ogg", "opus", "spx"):
        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        f.tags.clear()
        f["ARTIST"], f["ALBUM"], f["TITLE"] = artist, album, title
        f["TRACKNUMBER"] = str(track)
        if genres:
            f["GENRE"] = genres
        f.save()
    elif key in ("m4a", "m4a_alac", "m4b"):
        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        f.tags.clear()
        f["\xa9ART"], f["\xa9alb"], f["\xa9nam"] = [artist], [album], [title]
        f["trkn"] = [(track, 12)]
        if genres:
            f["\xa9gen"] = genres
        if key == "m4a":
            # the legacy numeric `gnre` atom (ID3v1 genre index + 1; 1 = Blues).
            # mutagen can't write one (it reads gnre as ©gen), so hand it a raw atom
            # through the list it uses to write back atoms it couldn't parse.
            import struct

            from mutagen.mp4 import Atom

            payload = Atom.render(b"data", struct.pack(">IIH", 0, 0, 1))
            f.tags._failed_atoms["gnre"] = [payload]
        f.save()
    elif key == "wma":
        from mutagen.asf import ASF

        f = ASF(path)
        f["Author"] = [artist]  # ASF's artist
        f["Title"] = [title]
        f["WM/AlbumTitle"] = [album]
        f["WM/TrackNumber"] = [str(track)]
        if genres:
            f["WM/Genre"] = genres
        f.save()
    elif key in ("ape", "wavpack", "mpc"):
        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        f["Artist"], f["Album"], f["Title"] = artist, album, title
        f["Track"] = f"{track}/12"
        if genres:
            f["Genre"] = genres
        f.save()
    elif key == "tta":  # APEv2 (mutagen's TrueAudio class opens the ID3 tag instead)
        from mutagen.apev2 import APEv2

        f = APEv2(path)  # FFmpeg's muxer wrote one (with its encoder name): start afresh
        f.clear()
        f["Artist"], f["Album"], f["Title"] = artist, album, title
        f["Track"] = f"{track}/12"
        if genres:
            f["Genre"] = genres
        f.save(path)
    elif key in ("aac", "au"):
        pass
    else:  # pragma: no cover
        raise KeyError(key)


def fixture_path(key: str, variant: str = "a") -> Path:
    """The cached, built fixture (don't modify it: copy it, or use make_library)."""
    spec = ALL_SPECS.get(key)
    ext = spec.ext if spec else ".aac"
    dest = _cache() / variant / f"{key}{ext}"
    with _lock:
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name("building-" + dest.name)
            if key in COMMITTED:
                if variant != "a":  # no encoder: only the committed file exists
                    raise KeyError(f"{key} exists only as variant 'a' (committed file)")
                shutil.copyfile(COMMITTED[key], tmp)
            elif key in ("dsf", "dff"):
                write_dsd(dsd_excerpt(variant), key, tmp)
            else:
                _encode(source_pcm(variant), key, tmp)
            title = SOURCES[variant][2]
            if spec is not None:
                _tag(tmp, spec, title)
            os.replace(tmp, dest)
    return dest


def make_library(
    directory: os.PathLike | str, formats=None, variant: str = "a", names: str = "{key}"
) -> dict[str, Path]:
    """Fresh copies of the fixtures in ``directory``: {fixture key: path}.

    ``formats``: fixture keys (default: all of FORMATS). ``names``: a format string for
    file stems, given ``key`` (e.g. "track-{key}").
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    out = {}
    for key in formats or FORMATS:
        src = fixture_path(key, variant)
        dst = d / (names.format(key=key) + src.suffix)
        shutil.copyfile(src, dst)
        out[key] = dst
    return out


DSD_RATE = 2822400  # DSD64: 64 x 44.1 kHz, one bit per sample
DSD_BLOCK = 4096  # DSF: bytes per channel per block


def dsd_excerpt(variant: str = "a") -> np.ndarray:
    """float32 [2, n]: the 1 s of the variant's excerpt that the DSD fixtures hold."""
    return source_pcm(variant)[:, 2 * RATE : 3 * RATE]


def _dsd_bits(x: np.ndarray) -> np.ndarray:
    """One channel at 44.1 kHz -> DSD64 bits (uint8 0/1): a first-order sigma-delta
    modulator, written in its closed form (each bit is whether the running sum of the
    64x-interpolated signal, mapped to 0..1, crossed the next integer)."""
    t = np.arange(x.shape[-1] * 64) / 64.0
    up = np.interp(t, np.arange(x.shape[-1]), x)
    running = np.cumsum(up * 0.5 + 0.5)
    return np.diff(np.floor(running), prepend=0).astype(np.uint8)


def write_dsd(pcm: np.ndarray, key: str, dest: Path) -> None:
    """A DSF (Sony's layout: LSB first, 4096-byte blocks per channel) or DSDIFF (Philips':
    FRM8 form, MSB first, channels interleaved byte by byte) file of stereo ``pcm``."""
    import struct

    bits = [_dsd_bits(pcm[c]) for c in range(2)]
    if key == "dsf":
        chans = [np.packbits(b, bitorder="little") for b in bits]
        n = len(chans[0])
        data = bytearray()
        for start in range(0, n, DSD_BLOCK):
            for c in chans:
                block = c[start : start + DSD_BLOCK].tobytes()
                data += block + b"\x00" * (DSD_BLOCK - len(block))
        fmt = b"fmt " + struct.pack("<QIIIIIIQII", 52, 1, 0, 2, 2, DSD_RATE, 1, n * 8, DSD_BLOCK, 0)
        chunk = b"data" + struct.pack("<Q", 12 + len(data)) + bytes(data)
        head = b"DSD " + struct.pack("<QQQ", 28, 28 + len(fmt) + len(chunk), 0)
        dest.write_bytes(head + fmt + chunk)
        return

    def ck(cid: bytes, body: bytes) -> bytes:
        return cid + struct.pack(">Q", len(body)) + body + b"\x00" * (len(body) & 1)

    inter = np.stack([np.packbits(b, bitorder="big") for b in bits], axis=1).tobytes()
    name = b"not compressed"
    prop = (
        b"SND "
        + ck(b"FS  ", struct.pack(">I", DSD_RATE))
        + ck(b"CHNL", struct.pack(">H", 2) + b"SLFTSRGT")
        + ck(b"CMPR", b"DSD " + bytes([len(name)]) + name)
    )
    body = b"DSD " + ck(b"FVER", struct.pack(">I", 0x01050000)) + ck(b"PROP", prop) + ck(b"DSD ", inter)
    dest.write_bytes(ck(b"FRM8", body))


# name -> what is wrong with it; broken_files() makes them all
BROKEN_FILES: dict[str, str] = {
    "empty.mp3": "zero bytes",
    "random.mp3": "64 KiB of random bytes named .mp3",
    "truncated.flac": "the first 100 bytes of a FLAC (cut inside its metadata)",
    "truncated.m4a": "an M4A cut before its moov atom",
    "mp3-named.flac": "a valid MP3 with a .flac extension",
    "text.ogg": "a text file named .ogg",
}


def broken_files(directory: os.PathLike | str) -> dict[str, Path]:
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    out = {n: d / n for n in BROKEN_FILES}
    out["empty.mp3"].write_bytes(b"")
    out["random.mp3"].write_bytes(np.random.default_rng(1234).bytes(65536))
    out["truncated.flac"].write_bytes(fixture_path("flac").read_bytes()[:100])
    m4a = fixture_path("m4a_alac").read_bytes()  # mdat first, moov at the end
    out["truncated.m4a"].write_bytes(m4a[: len(m4a) // 2])
    shutil.copyfile(fixture_path("mp3"), out["mp3-named.flac"])
    out["text.ogg"].write_text("This is not an Ogg file.\n" * 20)
    return out


def decode(path: os.PathLike | str) -> np.ndarray:
    """All decoded samples, in the decoder's own sample format, [channels, n] (PyAV)."""
    parts = []
    with av.open(str(path)) as c:
        for frame in c.decode(audio=0):
            a = frame.to_ndarray()
            if frame.format.is_packed:
                a = a.reshape(-1, len(frame.layout.channels)).T
            parts.append(a)
    return np.concatenate(parts, axis=1)
