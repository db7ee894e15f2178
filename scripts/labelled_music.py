#!/usr/bin/env python3
"""The project's labelled music as one CSV manifest for `trainer evaluate`, and the
old-against-new table of two evaluation reports.

    python scripts/labelled_music.py                       # writes bench-out/labelled.csv
    trainer evaluate resources/models/msd-mtt-musicnn.onnx bench-out/labelled.csv --report bench-out/eval-new
    trainer evaluate resources/models/msd-musicnn.onnx bench-out/labelled.csv --report bench-out/eval-old
    python scripts/labelled_music.py --compare bench-out/eval-old bench-out/eval-new

The music (real recordings, all with free licences), each set labelled as said:
- resources/example-music, labelled by its genres.csv;
- the eight full songs of the Debian packages fretsonfire-songs-muldjord/-sectoid, the
  benchmark songs (scripts/benchmark.py fetches them the same way), each `song.ogg` as
  the benchmark analyses it; rock and metal songs: any rock or metal genre is right;
- the 17 tracks of the Debian package nexuiz-music (an electronic game soundtrack,
  GPL; the few-second jingles left out), labelled as a whole, not track by track: any
  electronic genre is right.
- the 33 pieces of the Debian package wesnoth-1.16-music (GPL-2+) of a minute or more (the
  jingles - victory, defeat, silence and the like - left out): the orchestral score of
  Battle for Wesnoth, labelled as a whole, not track by track: Classical is right. A few
  pieces lean towards folk or Celtic music (traveling_minstrels, knalgan_theme); they are
  still labelled Classical only, so this set is a hard case, not an easy one.
Fetched once with `apt-get download` + `dpkg -x` into bench-out/ (not in the repository).

Not included, for want of a documented genre: hyperrogue-music and drascula-music (game
soundtracks whose packages say nothing of their style). So the set has no music of a genre
the model does not know (reggae, disco, Latin...): calibration fitted on it (`python -m
trainer.genre_calibration`) has not seen such music, and the model card says so.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-out"
ROCK = ["Rock", "Metal", "Hard Rock", "Heavy Metal", "Alternative Rock", "Classic Rock", "Punk", "Progressive Rock"]
ELECTRONIC = ["Electronic", "Electro", "Dance", "House", "Ambient", "Chillout", "Experimental"]


def fetch_nexuiz() -> list[Path]:
    root = OUT / "nexuiz"
    music = root / "music"
    if not list(music.glob("sound/cdtracks/*.ogg")):
        root.mkdir(parents=True, exist_ok=True)
        if not list(root.glob("nexuiz-music_*.deb")):
            subprocess.run(["apt-get", "download", "nexuiz-music"], cwd=root, check=True)
        deb = next(root.glob("nexuiz-music_*.deb"))
        subprocess.run(["dpkg", "-x", str(deb), str(root / "extract")], check=True)
        pk3 = next((root / "extract").rglob("music.pk3"))
        with zipfile.ZipFile(pk3) as z:
            z.extractall(music)
    return sorted(p for p in music.glob("sound/cdtracks/*.ogg") if p.stat().st_size >= 500_000)


WESNOTH_MIN_SECONDS = 60.0  # shorter files are jingles (victory, defeat, silence)


def fetch_wesnoth() -> list[Path]:
    import soundfile as sf

    root = OUT / "wesnoth"
    if not list(root.glob("extract/**/data/core/music/*.ogg")):
        root.mkdir(parents=True, exist_ok=True)
        if not list(root.glob("wesnoth-*-music_*.deb")):
            subprocess.run(["apt-get", "download", "wesnoth-1.16-music"], cwd=root, check=True)
        deb = next(root.glob("wesnoth-*-music_*.deb"))
        subprocess.run(["dpkg", "-x", str(deb), str(root / "extract")], check=True)
    return sorted(
        p for p in root.glob("extract/**/data/core/music/*.ogg") if sf.info(str(p)).duration >= WESNOTH_MIN_SECONDS
    )


def rows() -> list[tuple[str, str, str]]:
    """(path, labels joined by ';', source) of every labelled track."""
    sys.path.insert(0, str(REPO / "scripts"))
    from benchmark import fetch_songs  # the benchmark's own songs, fetched its way

    example = REPO / "resources" / "example-music"
    out = []
    with open(example / "genres.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label"].strip():
                out.append((str(example / r["path"]), r["label"], "example music"))
    out += [(str(p), ";".join(ROCK), "benchmark songs") for p in fetch_songs()]
    out += [(str(p), ";".join(ELECTRONIC), "nexuiz") for p in fetch_nexuiz()]
    out += [(str(p), "Classical", "wesnoth") for p in fetch_wesnoth()]
    return out


def write_manifest(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["path", "label", "source"])
        for p, labels, source in rows():
            w.writerow([p, labels, source])
    print(f"wrote {path}")


def short(path: str) -> str:
    p = Path(path)
    return p.parent.name if p.name == "song.ogg" else p.stem


def compare(old_dir: Path, new_dir: Path) -> None:
    """Markdown: each track's best genre and score under both models, right or not."""
    reports = [json.loads((Path(d) / "report.json").read_text()) for d in (old_dir, new_dir)]
    best = [{b["path"]: b for b in r["confidence"]["best"]} for r in reports]
    sources = {p: s for p, _, s in rows()}
    keys = [r["model_key"] for r in reports]
    print(f"| source | track | {keys[0]} | {keys[1]} |\n|---|---|---|---|")
    counts = {}
    for path, source in sources.items():
        cells = []
        for k, b in enumerate(best):
            if path in b:
                x = b[path]
                cells.append(f"{x['genre']} {x['score']:.2f} {'right' if x['right'] else 'WRONG'}")
                counts.setdefault((source, k), [0, 0])
                counts[(source, k)][0] += x["right"]
                counts[(source, k)][1] += 1
            else:
                cells.append("(no label of this model)")
        print(f"| {source} | {short(path)} | {cells[0]} | {cells[1]} |")
    print()
    for source in dict.fromkeys(sources.values()):
        got = [counts.get((source, k), [0, 0]) for k in (0, 1)]
        print(f"- {source}: {keys[0]} {got[0][0]}/{got[0][1]} right, {keys[1]} {got[1][0]}/{got[1][1]} right")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT / "labelled.csv")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD_REPORT", "NEW_REPORT"))
    args = ap.parse_args()
    if args.compare:
        compare(*args.compare)
    else:
        write_manifest(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
