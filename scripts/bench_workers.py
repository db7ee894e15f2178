#!/usr/bin/env python3
"""One worker against two on this machine: `tagger analyze` of the example music with a
fresh library each time, `--workers 1` and `--workers 2` alternately, median of
`--repeats` runs (wall time, start-up included). Prints Markdown for docs/benchmarks.md.

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
