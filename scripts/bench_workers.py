#!/usr/bin/env python3
"""One worker against two on this machine: `tagger analyze` of the example music with a
fresh library each time, `--workers 1` and `--workers 2` alternately, median of
`--repeats` runs (wall time, start-up included). Then the BLAS threads: the per-track
work of one worker (`analyze_file` in this process, onnxruntime on every core) with
OpenBLAS limited to 1 thread (what the pool's workers get, `tagger.analyze.thread_limits`)
against as many threads as cores, alternately (threadpoolctl, if installed). Prints
Markdown for docs/benchmarks.md.

    python3 scripts/bench_workers.py [--repeats 3] [--music DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(music: str, workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(REPO), GENRE_TAGGER_CONFIG_DIR=tmp)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tagger", "analyze", music, "--db", f"{tmp}/lib.db", "--workers", str(workers), "--json"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--music", default=str(REPO / "resources" / "example-music"))
    args = ap.parse_args()
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeats):
        for workers in times:
            times[workers].append(run(args.music, workers))
    one, two = (statistics.median(times[w]) for w in (1, 2))
    print(f"| workers | median of {args.repeats} (s) | runs |")
    print("|---|---|---|")
    for w in times:
        print(f"| {w} | {statistics.median(times[w]):.1f} | {', '.join(f'{t:.1f}' for t in times[w])} |")
    print(f"\nOne worker takes {one / two:.2f}x the time of two.")
    blas(args.music, args.repeats)
    return 0


def blas(music: str, repeats: int) -> None:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        print("\n(threadpoolctl is not installed: BLAS threads not measured)")
        return
    sys.path.insert(0, str(REPO))
    from tagger.analyze import analyze_file
    from tagger.formats import AUDIO_EXTENSIONS
    from tagger.model import Model

    cores = os.cpu_count() or 1
    files = sorted(str(p) for p in Path(music).iterdir() if p.suffix.lower() in AUDIO_EXTENSIONS)
    model = Model(threads=cores)
    analyze_file(files[0], None, 6, model=model)  # warm: filters built, session run once
    times: dict[int, list[float]] = {1: [], cores: []}
    for _ in range(repeats):
        for n in times:
            with threadpool_limits(limits=n, user_api="blas"):
                started = time.perf_counter()
                for f in files:
                    analyze_file(f, None, 6, model=model)
                times[n].append(time.perf_counter() - started)
    print(
        f"\n| one worker, onnxruntime {cores} threads: BLAS threads | {len(files)} tracks, median of {repeats} (s) | runs |"
    )
    print("|---|---|---|")
    for n, t in times.items():
        print(f"| {n} | {statistics.median(t):.1f} | {', '.join(f'{x:.1f}' for x in t)} |")
    one, many = statistics.median(times[1]), statistics.median(times[cores])
    print(f"\n{cores} BLAS threads take {many / one:.2f}x the time of 1.")


if __name__ == "__main__":
    sys.exit(main())
