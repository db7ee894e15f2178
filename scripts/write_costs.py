#!/usr/bin/env python3
"""What byte-exact undo stores and what the MP4 packet check costs, on real songs.

    python scripts/write_costs.py            # about 10 minutes here; prints Markdown tables

Music: the 8 full-length songs of scripts/benchmark.py (Debian's fretsonfire packages,
fetched once into bench-out/) and the 8 pieces bundled in resources/example-music, each
as its original Ogg Vorbis file and transcoded to every other format the app writes
that FFmpeg encodes (MP3, FLAC, Opus, M4A AAC and ALAC, WAV, AIFF, WMA, WavPack, TTA),
tagged like a library (artist, album, title, track number, a genre); MP3, FLAC and M4A
once more with a front cover (the 240 KB review screenshot in docs/screenshots).

1. Undo storage: one batch writes two genres into every file through tagger.apply (the
   app's own path), then reads the restore images' sizes per format and the library
   database's growth. Then the batch is undone and every file is checked against its
   original sha256 (the script stops if one differs).
2. Packet check: the time to demux a file's packets (tagger.packets, run twice per MP4
   write) against the time of a whole safe write of that file, median of 3.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-out" / "write-costs"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

COVER = REPO / "docs" / "screenshots" / "review.png"
RATE = 44100
# name -> (extension, container, codec, sample rate)
ENCODE = {
    "mp3": (".mp3", "mp3", "libmp3lame", RATE),
    "flac": (".flac", "flac", "flac", RATE),
    "opus": (".opus", "ogg", "libopus", 48000),
    "m4a": (".m4a", "ipod", "aac", RATE),
    "m4a-alac": (".m4a", "ipod", "alac", RATE),
    "wav": (".wav", "wav", "pcm_s16le", RATE),
    "aiff": (".aiff", "aiff", "pcm_s16be", RATE),
    "wma": (".wma", "asf", "wmav2", RATE),
    "wavpack": (".wv", "wv", "wavpack", RATE),
    "tta": (".tta", "tta", "tta", RATE),
}
WITH_COVER = ("mp3", "flac", "m4a")


def sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def decode(path: Path) -> np.ndarray:
    """float32 [2, n] at 44.1 kHz."""
    import av

    rs = av.AudioResampler(format="fltp", layout="stereo", rate=RATE)
    parts = []
    with av.open(str(path)) as c:
        for frame in c.decode(audio=0):
            parts.extend(f.to_ndarray() for f in rs.resample(frame))
    parts.extend(f.to_ndarray() for f in rs.resample(None))
    return np.ascontiguousarray(np.concatenate(parts, axis=1), dtype=np.float32)


def encode(pcm: np.ndarray, name: str, dest: Path) -> None:
    import av

    _, container, codec, rate = ENCODE[name]
    with av.open(str(dest), "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "stereo"
        if codec == "wmav2":
            stream.bit_rate = 128000
        fmt = {"alac": "s16p", "wavpack": "s16p", "tta": "s16"}.get(
            codec, stream.codec_context.codec.audio_formats[0].name
        )
        stream.format = fmt
        rs = av.AudioResampler(format=fmt, layout="stereo", rate=rate)
        frames = []
        for i in range(0, pcm.shape[1], 4096):
            f = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm[:, i : i + 4096]), format="fltp", layout="stereo")
            f.sample_rate, f.pts, f.time_base = RATE, i, Fraction(1, RATE)
            frames.extend(rs.resample(f))
        frames.extend(rs.resample(None))
        pts = 0
        for f in frames:
            f.pts, f.time_base = pts, Fraction(1, rate)
            pts += f.samples
            for p in stream.encode(f):
                out.mux(p)
        for p in stream.encode(None):
            out.mux(p)


def tag(path: Path, title: str, number: int, cover: bytes | None) -> None:
    """Tags as a tagger or ripper leaves them, each format its own way (mutagen)."""
    import mutagen
    from mutagen import id3
    from mutagen.apev2 import APEv2
    from mutagen.flac import Picture
    from mutagen.mp4 import MP4Cover

    ext = path.suffix
    if ext in (".mp3", ".wav", ".aiff"):
        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        for frame in (id3.TPE1, id3.TALB, id3.TIT2):
            f.tags.add(frame(encoding=3, text=[{"TIT2": title}.get(frame.__name__, "Example")]))
        f.tags.add(id3.TRCK(encoding=3, text=[str(number)]))
        f.tags.add(id3.TCON(encoding=3, text=["Rock"]))
        if cover:
            f.tags.add(id3.APIC(encoding=3, mime="image/png", type=3, desc="", data=cover))
        f.save(v2_version=4)
    elif ext in (".flac", ".opus"):
        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        f["ARTIST"], f["ALBUM"], f["TITLE"], f["TRACKNUMBER"], f["GENRE"] = (
            "Example",
            "Example",
            title,
            str(number),
            "Rock",
        )
        if cover:
            pic = Picture()
            pic.type, pic.mime, pic.data = 3, "image/png", cover
            f.add_picture(pic)
        f.save()
    elif ext == ".m4a":
        f = mutagen.File(path)
        f["\xa9ART"], f["\xa9alb"], f["\xa9nam"], f["\xa9gen"] = ["Example"], ["Example"], [title], ["Rock"]
        f["trkn"] = [(number, 0)]
        if cover:
            f["covr"] = [MP4Cover(cover, MP4Cover.FORMAT_PNG)]
        f.save()
    elif ext == ".wma":
        f = mutagen.File(path)
        f["Author"], f["WM/AlbumTitle"], f["Title"], f["WM/TrackNumber"], f["WM/Genre"] = (
            ["Example"],
            ["Example"],
            [title],
            [str(number)],
            ["Rock"],
        )
        f.save()
    elif ext in (".wv", ".tta"):
        f = APEv2()
        f["Artist"], f["Album"], f["Title"], f["Track"], f["Genre"] = "Example", "Example", title, str(number), "Rock"
        f.save(path)


def build_library() -> dict[str, list[Path]]:
    """{format: [files]}: every song in every format (made once, then reused)."""
    from benchmark import fetch_songs

    songs = [*fetch_songs(), *sorted((REPO / "resources" / "example-music").glob("*.ogg"))]
    lib = OUT / "library"
    done = lib / ".complete"
    cover = COVER.read_bytes()
    if not done.exists():
        shutil.rmtree(lib, ignore_errors=True)
        lib.mkdir(parents=True)
        for i, song in enumerate(songs):
            stem = f"{i:02d}-{song.parent.name if song.name == 'song.ogg' else song.stem}"
            shutil.copy(song, lib / f"{stem}.ogg")  # the original Vorbis file, tags as they come
            pcm = decode(song)
            for name, (ext, *_rest) in ENCODE.items():
                dest = lib / f"{stem}-{name}{ext}"
                encode(pcm, name, dest)
                tag(dest, stem, i + 1, None)
                if name in WITH_COVER:
                    with_cover = lib / f"{stem}-{name}+cover{ext}"
                    shutil.copy(dest, with_cover)
                    tag(with_cover, stem, i + 1, cover)
            print(f"  made {stem}", file=sys.stderr)
        done.touch()
    names = sorted([*ENCODE, *(f"{n}+cover" for n in WITH_COVER)], key=len, reverse=True)
    by_format: dict[str, list[Path]] = {}
    for p in sorted(lib.iterdir()):
        if not p.name.startswith("."):
            key = next((n for n in names if p.stem.endswith("-" + n)), "ogg")
            by_format.setdefault(key, []).append(p)
    return by_format


def storage(by_format: dict[str, list[Path]]) -> None:
    from tagger import db
    from tagger.apply import PlannedChange, undo_batch, write_batch
    from tagger.db import Library
    from tagger.scan import scan

    work = OUT / "work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "music").mkdir(parents=True)
    files = []
    for paths in by_format.values():
        for p in paths:
            dest = work / "music" / p.name
            shutil.copy(p, dest)
            files.append(dest)
    originals = {p: sha(p) for p in files}
    dbfile = work / "library.db"
    lib = Library(dbfile)
    scan(lib, [work / "music"])
    lib.close()

    def db_bytes() -> int:
        return sum(f.stat().st_size for f in work.glob("library.db*"))

    lib = Library(dbfile)
    size_before = db_bytes()
    tracks = {t.path: t for t in lib.tracks_under([work / "music"])}
    changes = [
        PlannedChange(t.id, t.path, t.genres, ["Dub Techno", "Polka"], "overridden", content_id=t.content_id)
        for t in tracks.values()
    ]
    t0 = time.perf_counter()
    batch, outcomes = write_batch(lib, changes, "replace")
    seconds = time.perf_counter() - t0
    failed = [(o.path, o.error) for o in outcomes if o.status != "written"]
    if failed:
        sys.exit(f"writes failed: {failed}")
    lib.close()
    size_after = db_bytes()
    lib = Library(dbfile)
    image_bytes: dict[str, list[int]] = {}
    audio_bytes: dict[str, int] = {}
    kind = {str(work / "music" / p.name): k for k, paths in by_format.items() for p in paths}
    for c in lib.changes_of(batch):
        image = db.batches.image_of(lib, c.id)
        if image is None:
            sys.exit(f"no image kept for {c.path}")
        image_bytes.setdefault(kind[c.path], []).append(len(image.data))
        audio_bytes[kind[c.path]] = audio_bytes.get(kind[c.path], 0) + image.original_size
    _, undone = undo_batch(lib, batch)
    lib.close()
    not_exact = [o.path for o in undone if o.status != "undone" or o.note] + [
        str(p) for p in files if sha(p) != originals[p]
    ]
    if not_exact:
        sys.exit(f"not restored byte for byte: {not_exact}")

    n = len(files)
    total = sum(sum(v) for v in image_bytes.values())
    print(
        f"\n{n} files ({sum(audio_bytes.values()) / 1e6:.0f} MB), one batch in {seconds:.1f} s, undone byte for byte\n"
    )
    print("| format | files | mean file size | image: mean / largest | per 1,000 such files |")
    print("|---|---|---|---|---|")
    for k, sizes in image_bytes.items():
        mean = statistics.mean(sizes)
        print(
            f"| {k} | {len(sizes)} | {audio_bytes[k] / len(sizes) / 1e6:.1f} MB | "
            f"{mean / 1024:.2f} KiB / {max(sizes) / 1024:.2f} KiB | {mean * 1000 / 1e6:.2f} MB |"
        )
    print(
        f"\nAll {n} files: images {total / n / 1024:.2f} KiB per file = {total / n * 1000 / 1e6:.2f} MB per 1,000 "
        f"written files; the library database grew by {(size_after - size_before) / n / 1024:.2f} KiB per file "
        f"= {(size_after - size_before) / n * 1000 / 1e6:.2f} MB per 1,000 (images, change rows, indexes)."
    )


def packet_costs(by_format: dict[str, list[Path]]) -> None:
    from tagger import packets
    from tagger.safewrite import write_genres_safely

    def median(f, setup=lambda: None, n=3) -> float:
        times = []
        for _ in range(n):
            setup()
            t = time.perf_counter()
            f()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    work = OUT / "packets"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("\n| format | file | packets | demux once | whole safe write |")
    print("|---|---|---|---|---|")
    for k, paths in by_format.items():
        if k.endswith("+cover"):
            continue
        src = max(paths, key=lambda p: p.stat().st_size)  # the longest song
        dest = work / src.name

        demux = median(lambda src=src: packets.packet_digests(src))
        write = median(
            lambda dest=dest: write_genres_safely(dest, ["Dub Techno", "Polka"]),
            lambda src=src, dest=dest: shutil.copy(src, dest),
        )
        print(
            f"| {k} | {src.stat().st_size / 1e6:.1f} MB | {len(packets.packet_digests(src))} | "
            f"{demux * 1000:.0f} ms | {write * 1000:.0f} ms |"
        )


def main() -> int:
    by_format = build_library()
    storage(by_format)
    packet_costs(by_format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
