#!/usr/bin/env python3
"""Start-up of `tagger analyze` on a small folder: the pool's start (spawn + model load)
and a 10-track run, old code against this code, interleaved.

    python3 scripts/bench_startup.py [--old COMMIT] [--repeats 7]

- pool start: `LocalPoolExecutor.launch()` until every worker has loaded the model (this
  code), and the scan of the folder alone, in this process, median of `--repeats`;
- `tagger analyze FOLDER --workers 2` (a fresh library each time), the old commit's code
  (`git archive`, with this checkout's resources) and this code alternately, wall time of
  the whole command, median of `--repeats` and the ratio.
The folder: 10 distinct tracks of the benchmark library (scripts/benchmark.py; every
sixth file, so MP3, FLAC, Opus, M4A and Ogg Vorbis). Prints Markdown (docs/benchmarks.md,
"Start-up").
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def old_tree(commit: str) -> Path:
    dest = Path(tempfile.mkdtemp(prefix="old-tagger-"))
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "tagger"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    (dest / "resources").symlink_to(REPO / "resources")
    return dest


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def analyze(code: Path, folder: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(code), GENRE_TAGGER_CONFIG_DIR=tmp)
        cpu, started = cpu_children(), time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tagger", "analyze", str(folder), "--db", f"{tmp}/lib.db", "--workers", "2", "--json"],
            env=env, check=True, capture_output=True, cwd=code,  # cwd: `-m` puts it first on sys.path
        )  # fmt: skip
        return time.perf_counter() - started, cpu_children() - cpu


POOL_START = """
import time
from tagger.executors.local import LocalPoolExecutor
from tagger.model import default_model_path
started = time.perf_counter()
pool = LocalPoolExecutor(str(default_model_path()), "auto", 2)
pool.start()
print(time.perf_counter() - started)
pool.close()
"""


def first_worker_ready(code: Path) -> float:
    """`LocalPoolExecutor.start()` of `code`: until the first worker has loaded the model."""
    env = dict(os.environ, PYTHONPATH=str(code))
    run = subprocess.run(
        [sys.executable, "-c", POOL_START], env=env, check=True, capture_output=True, text=True, cwd=code
    )
    return float(run.stdout.strip().splitlines()[-1])


def pool_start() -> float:
    from concurrent.futures import wait

    from tagger.executors.local import LocalPoolExecutor
    from tagger.model import default_model_path

    pool = LocalPoolExecutor(str(default_model_path()), "auto", 2)
    started = time.perf_counter()
    pool.launch()
    wait(pool._warm_up)
    seconds = time.perf_counter() - started
    pool.close()
    return seconds


def scan_time(folder: Path) -> float:
    from tagger.db import Library
    from tagger.scan import scan

    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "lib.db")
        started = time.perf_counter()
        scan(lib, [folder])
        seconds = time.perf_counter() - started
        lib.close()
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", default="fcb3d15")
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    from benchmark import build_library

    folder = Path(tempfile.mkdtemp(prefix="ten-tracks-"))
    for f in sorted(build_library(64).iterdir())[::6][:10]:
        shutil.copy(f, folder)
    old = old_tree(args.old)
    times: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    ready: dict[str, list[float]] = {"old": [], "new": []}
    starts, scans, loads = [], [], []
    try:
        for r in range(args.repeats):
            for side in ("old", "new") if r % 2 == 0 else ("new", "old"):
                code = old if side == "old" else REPO
                times[side].append(analyze(code, folder))
                ready[side].append(first_worker_ready(code))
            starts.append(pool_start())
            scans.append(scan_time(folder))
            loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    med = statistics.median

    def col(side: str, i: int) -> list[float]:
        return [t[i] for t in times[side]]

    print(f"1-minute load during the runs: {min(loads):.1f}-{max(loads):.1f} (2 cores)\n")
    print(f"| measurement | old ({args.old}) | new | new / old |\n|---|---|---|---|")
    rows = [
        ("pool start: until the first worker has the model", ready["old"], ready["new"]),
        ("`tagger analyze` of 10 tracks: wall time", col("old", 0), col("new", 0)),
        ("... CPU time (command and workers)", col("old", 1), col("new", 1)),
    ]
    for name, o, n in rows:
        print(f"| {name} | {med(o):.2f} s | {med(n):.2f} s | {med(n) / med(o):.2f} |")
    print(f"\nMedians of {args.repeats}, runs alternating. This code alone: pool start until both workers "
          f"have the model {med(starts):.2f} s; the scan of the folder {med(scans):.2f} s.")  # fmt: skip
    for name, o, n in rows:
        print(f"- {name}: old {', '.join(f'{x:.1f}' for x in o)}; new {', '.join(f'{x:.1f}' for x in n)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
