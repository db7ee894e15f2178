"""Benchmark of personal models: how much the stored embeddings add to a library, how
long training on 1,000 confirmed tracks takes, and re-scoring a 100,000-track library
with a new personal model (no decoding). Writes its section of docs/benchmarks.md
(between the `personal` markers; scripts/benchmark.py keeps it).

    python scripts/bench_personal.py [--repeats 5]

Synthetic embeddings (drawn around the shipped background's real ones, float16 as
stored) and synthetic scores: the cost of these steps does not depend on what the
vectors hold, and the library needs no audio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

START, END = "<!-- personal-start -->", "<!-- personal-end -->"
GENRES = [f"Genre {i}" for i in range(10)]


def median_time(fn, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def make_library(path: Path, n: int, with_embeddings: bool, confirmed: int = 0, seed: int = 0):
    """An n-track library with an analysis per track (and `confirmed` decisions)."""
    from tagger.db import Analysis, Decision, Library, Track
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata
    from tagger.personal import load_background, to_blob

    info = read_metadata(default_model_path())
    bg = load_background()
    centres = bg.embeddings[np.random.default_rng(0).integers(0, len(bg.embeddings), len(GENRES))]  # one "world"
    rng = np.random.default_rng(seed)
    spread = bg.embeddings.std(axis=0)
    lib = Library(path)
    lib.register_model(info)
    genre_of = rng.integers(0, len(GENRES), n)
    chunk = 20_000
    for lo in range(0, n, chunk):
        ids = range(lo, min(n, lo + chunk))
        with lib.engine.begin() as c:
            c.execute(
                Track.__table__.insert(),
                [
                    dict(
                        id=i + 1,
                        path=f"/m/{i // 500}/{i // 12}/{i:06d}.mp3",
                        folder=f"/m/{i // 500}/{i // 12}",
                        album=f"Album {i // 12}",
                        artist=f"Artist {i // 500}",
                        title=f"Title {i}",
                        content_id=f"c{i}",
                        genres_json="[]",
                        status="present",
                        size=0,
                        mtime_ns=0,
                        scanned_at=0.0,
                    )
                    for i in ids
                ],
            )
            c.execute(
                Analysis.__table__.insert(),
                [
                    dict(
                        content_id=f"c{i}",
                        model_key=info.key,
                        status="ok",
                        n_patches=6,
                        scores_json=json.dumps(np.round(rng.random(len(info.labels)) * 0.6, 5).tolist()),
                        patch_starts_json=json.dumps([10.0 * k for k in range(4 + 2 * (i % 4 == 0))]),
                        patch_scores_json=json.dumps(
                            np.round(rng.random((4 + 2 * (i % 4 == 0), len(info.labels))), 5).tolist()
                        ),
                        seconds=0.2,
                        created_at=0.0,
                        embedding=to_blob(centres[genre_of[i]] + 0.5 * spread * rng.standard_normal(len(spread)))
                        if with_embeddings
                        else None,
                    )
                    for i in ids
                ],
            )
            if confirmed:
                c.execute(
                    Decision.__table__.insert(),
                    [
                        dict(
                            track_id=i + 1,
                            state="overridden",
                            genres_json=json.dumps([GENRES[genre_of[i]]]),
                            decided_at=0.0,
                        )
                        for i in ids
                        if i < confirmed
                    ],
                )
    return lib


def db_growth(n: int = 1000) -> tuple[float, float]:
    """(MB per 1,000 tracks without embeddings, MB added by the embeddings)."""
    sizes = []
    with tempfile.TemporaryDirectory() as tmp:
        for with_emb in (False, True):
            path = Path(tmp) / f"lib-{with_emb}.sqlite"
            lib = make_library(path, n, with_emb)
            with lib.engine.begin() as c:
                c.exec_driver_sql("VACUUM")
            lib.close()
            sizes.append(path.stat().st_size / 1e6 * 1000 / n)
    return sizes[0], sizes[1] - sizes[0]


def db_growth_real() -> tuple[int, float, float]:
    """A real library: the example recordings and background audio cut into 15 s
    pieces, analysed by the app (tests/personal_fixtures.py). (tracks, MB per 1,000
    tracks with the embeddings, MB per 1,000 without them), both after VACUUM."""
    import sqlite3

    sys.path.insert(0, str(REPO / "tests"))
    import personal_fixtures

    with tempfile.TemporaryDirectory() as tmp:
        pieces = personal_fixtures.build(Path(tmp) / "real")
        n = len(pieces.genre)
        sizes = []
        con = sqlite3.connect(pieces.db)
        for step in ("VACUUM", "UPDATE analyses SET embedding = NULL"):
            if step.startswith("UPDATE"):
                con.execute(step)
                con.commit()
                con.execute("VACUUM")
            else:
                con.execute(step)
            sizes.append(pieces.db.stat().st_size / 1e6 * 1000 / n)
        con.close()
    return n, sizes[0], sizes[1]


def bench_training(repeats: int, n: int = 1000) -> tuple[float, float, int]:
    """Training a personal model from a library with n confirmed tracks: (seconds of
    the whole tagger.app.personal.train_library, seconds of the fit alone, genres)."""
    from tagger.app.personal import train_library
    from tagger.app.workspace import open_workspace
    from tagger.config import Settings
    from tagger.personal import load_background

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GENRE_TAGGER_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["GENRE_TAGGER_DATA_DIR"] = str(Path(tmp) / "data")
        path = Path(tmp) / "lib.sqlite"
        make_library(path, n, True, confirmed=n).close()
        ws = open_workspace(path, settings=Settings())
        bg = load_background()
        import tagger.training_data as td

        real_is_file = Path.is_file
        Path.is_file = lambda self: str(self).startswith("/m/") or real_is_file(self)  # type: ignore[method-assign]
        try:
            total, outcome = median_time(lambda: train_library(ws, background=bg, analyse_missing=False), repeats)
        finally:
            Path.is_file = real_is_file  # type: ignore[method-assign]
        del td
        fit = statistics.median([train_library_fit_seconds(ws, bg) for _ in range(repeats)])
        ws.close()
    assert outcome.model is not None
    return total, fit, len(outcome.model.genres)


def train_library_fit_seconds(ws, bg) -> float:
    from tagger import db
    from tagger.personal import Example, from_blob, source_of, train
    from tagger.training_data import training_set

    real_is_file = Path.is_file
    Path.is_file = lambda self: str(self).startswith("/m/") or real_is_file(self)  # type: ignore[method-assign]
    try:
        found = training_set(ws.lib)
    finally:
        Path.is_file = real_is_file  # type: ignore[method-assign]
    blobs = db.analyses.embeddings_for(ws.lib, [t.content_id for t in found.tracks], ws.info.key)
    ex = [Example(from_blob(blobs[t.content_id]), t.genres, t.group) for t in found.tracks]
    t = time.perf_counter()
    train(ex, bg, source_of(ws.info))
    return time.perf_counter() - t


def bench_rescoring(repeats: int, n: int = 100_000) -> tuple[float, float, float, int]:
    """A 100,000-track library: (load of the review rows with embeddings, re-scoring
    every row with a new personal model, the same with no personal model, rows changed)."""
    from tagger.app.workspace import open_workspace
    from tagger.config import Settings
    from tagger.personal import Example, load_background, source_of, train
    from tagger.review import ReviewData

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GENRE_TAGGER_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["GENRE_TAGGER_DATA_DIR"] = str(Path(tmp) / "data")
        path = Path(tmp) / "big.sqlite"
        make_library(path, n, True).close()
        ws = open_workspace(path, settings=Settings())
        bg = load_background()
        # trained on 1,000 tracks drawn like the library's (make_library's generator)
        train_lib = make_library(Path(tmp) / "train.sqlite", 1000, True, confirmed=1000, seed=1)
        from tagger import db as tdb
        from tagger.personal import from_blob

        decided = train_lib.confirmed_tracks_detailed()
        blobs = tdb.analyses.embeddings_for(train_lib, [c for _, c, _, _, _ in decided], ws.info.key)
        examples = [Example(from_blob(blobs[c]), g) for _, c, _, _, g in decided]
        train_lib.close()
        model = train(examples, bg, source_of(ws.info))
        data = ReviewData(ws.info, ws.vocab, ws.min_confidence, ws.max_genres)
        plain_lib = make_library(Path(tmp) / "plain.sqlite", n, False)
        plain_data = ReviewData(ws.info, ws.vocab, ws.min_confidence, ws.max_genres)
        with_times, plain_times = [], []
        for _ in range(repeats):  # interleaved: the machine's load changes from minute to minute
            with_times.append(median_time(lambda: data.load(ws.lib), 1)[0])
            plain_times.append(median_time(lambda: plain_data.load(plain_lib), 1)[0])
        load, load_plain = statistics.median(with_times), statistics.median(plain_times)
        plain_lib.close()

        def swap():
            data.set_personal(None)
            t = time.perf_counter()
            changed = data.set_personal(model)
            return time.perf_counter() - t, changed

        runs = [swap() for _ in range(repeats)]
        rescore = statistics.median(r[0] for r in runs)
        plain, _ = median_time(lambda: data.set_personal(None), repeats)
        changed = len(runs[-1][1])
        ws.close()
    return load_plain, load, rescore, plain, changed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--out", default=str(REPO / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    r = args.repeats
    base_mb, emb_mb = db_growth()
    print(f"db growth: {base_mb:.2f} MB / 1000 tracks without, +{emb_mb:.2f} MB with embeddings", flush=True)
    n_real, real_with, real_without = db_growth_real()
    print(f"real library: {real_without:.2f} -> {real_with:.2f} MB / 1000 tracks", flush=True)
    total, fit, k = bench_training(r)
    print(f"training 1000 confirmed tracks ({k} genres): {total:.2f} s (fit {fit:.2f} s)", flush=True)
    load_plain, load, rescore, plain, changed = bench_rescoring(r)
    print(f"100k: load {load_plain:.2f} / {load:.2f} s, re-score {rescore:.2f} s, base only {plain:.2f} s", flush=True)
    section = f"""{START}
## Personal models

Reproduce: `python scripts/bench_personal.py --repeats {r}` (synthetic embeddings around the
shipped background's real ones, stored as float16 like real ones; synthetic scores; no
audio is needed: neither training nor re-scoring decodes anything).
Measured {time.strftime("%Y-%m-%d")} on {platform.machine()}, {os.cpu_count()} cores, Python
{platform.python_version()}; medians of {r} runs; default model's 200-value embedding.

| measurement | result |
|---|---|
| real library ({n_real} analysed pieces of the example recordings), per 1,000 tracks: without / with the stored embeddings | {real_without:.2f} MB / {real_with:.2f} MB (+{real_with - real_without:.2f} MB) |
| synthetic library (1,000 tracks, 4-6 patches each): without / added by the stored embeddings | {base_mb:.2f} MB / +{emb_mb:.2f} MB |
| training from 1,000 confirmed tracks ({k} genres, with the background): whole step / the fit alone | {total:.2f} s / {fit:.2f} s |
| 100,000-track library: loading the review rows, without / with stored embeddings | {load_plain:.2f} s / {load:.2f} s |
| 100,000-track library: re-scoring every row with a new personal model | {rescore:.2f} s ({changed:,} suggestions changed) |
| 100,000-track library: back to the base model's genres only | {plain:.2f} s |

The embedding is 200 float16 values (400 bytes, 0.40 MB per 1,000 tracks) per analysis; the
file grows by less or more than that because SQLite stores rows in 4 KB pages (an analysis
row with 4-6 patch scores as JSON is 2-3 KB, so 400 more bytes sometimes fit in the same page).
The machine is shared with other work: compare figures of one run with each other. The fit is one Newton-CG
logistic regression per genre plus {5} held-out folds for the calibration.
{END}"""
    out = Path(args.out)
    text = out.read_text() if out.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    out.write_text(text)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
