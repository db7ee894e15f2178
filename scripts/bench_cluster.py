#!/usr/bin/env python3
"""Ray executor against the local pool on the same files and the same machine.

    sudo python3 scripts/bench_cluster.py [--tracks 32] [--repeats 3]

Needs root: it re-runs itself inside a network namespace that has only loopback
(`unshare -n`), where it starts a Ray head and one worker node (one CPU each, so the
cluster has the machine's two cores, as the local pool does), then times

- `tagger analyze LIB --workers 2` (the local pool), and
- `tagger analyze LIB --cluster 127.0.0.1:PORT` (the Ray executor),

alternately, each on a fresh library DB, `--repeats` times, and prints the medians and
the ratio as Markdown (docs/benchmarks.md, "Cluster"). Also measures how many analysis
results per second the driver can store in the library DB (the SQLite write rate), so
that the driver is shown not to be the bottleneck. The library is the main benchmark's
(scripts/benchmark.py: real songs cut and transcoded, every file its own audio).
"""

from __future__ import annotations

import argparse
import os
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
PORT = 6391
ADDRESS = f"127.0.0.1:{PORT}"


def ray_cmd(*args: str) -> None:
    ray_bin = Path(sys.executable).with_name("ray")
    subprocess.run([str(ray_bin) if ray_bin.exists() else "ray", *args], check=True, capture_output=True)


def stop_cluster(temp: str) -> None:
    """Kill this benchmark's Ray processes (they name its temp dir), not other clusters
    on the machine as `ray stop` would."""
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and temp.encode() in (entry / "cmdline").read_bytes():
                os.kill(int(entry.name), 9)
        except OSError:
            pass


def timed_analyze(lib: Path, extra: list[str]) -> tuple[float, float, float]:
    """(whole run, time to the first result, steady rate): the command's wall time, when
    its first result came out (start-up: Python, connecting, workers or actors, the
    model), and the tracks per second between the first result and the last."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(REPO), GENRE_TAGGER_CONFIG_DIR=tmp)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tagger", "analyze", str(lib), "--db", f"{tmp}/lib.db", "--json", *extra],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        stamps = [time.perf_counter() - started for _ in proc.stdout]  # one JSON line per track, as it arrives
        err = proc.stderr.read()
        seconds = time.perf_counter() - started
        if proc.wait() != 0:
            sys.exit(f"analyze {' '.join(extra)} failed: {err[-2000:]}")
        steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else float("nan")
        return seconds, stamps[0], steady


def store_rate(n: int = 2000) -> float:
    """Analysis results stored per second by the driver's code path (db.analyses.store)."""
    from tagger import db
    from tagger.db import Library
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    info = read_metadata(default_model_path())
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "lib.db")
        lib.register_model(info)
        result = {
            "status": "ok",
            "error": None,
            "scores": [0.1] * len(info.labels),
            "patch_starts": [1.0, 4.0, 7.0, 10.0],
            "patch_scores": [[0.1] * len(info.labels)] * 4,
            "seconds": 0.2,
        }
        started = time.perf_counter()
        for i in range(n):
            db.analyses.store(lib, f"bench-{i:08d}", info.key, result, 6)
        rate = n / (time.perf_counter() - started)
        lib.close()
    return rate


def inside(args) -> None:
    from benchmark import build_library

    lib = build_library(args.tracks)
    files = sorted(lib.iterdir())[: args.tracks]
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    for f in files:
        shutil.copy(f, work)
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    temp = tempfile.mkdtemp(prefix="gt-ray-", dir="/tmp")
    opts = ["--num-cpus=1", "--object-store-memory=200000000", "--disable-usage-stats"]
    try:
        ray_cmd("start", "--head", "--node-ip-address=127.0.0.1", f"--port={PORT}", f"--temp-dir={temp}",
                "--include-dashboard=false", *opts)  # fmt: skip
        ray_cmd("start", f"--address={ADDRESS}", "--node-ip-address=127.0.0.1", *opts)
        local, cluster, loads = [], [], []
        for r in range(args.repeats):
            for side in ("local", "ray") if r % 2 == 0 else ("ray", "local"):
                if side == "local":
                    local.append(timed_analyze(work, ["--workers", "2"]))
                else:
                    cluster.append(timed_analyze(work, ["--cluster", ADDRESS]))
            loads.append(os.getloadavg()[0])
    finally:
        stop_cluster(temp)
        shutil.rmtree(temp, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    n = len(files)
    med = statistics.median

    def col(runs, i):
        return [r[i] for r in runs]

    lm, cm = med(col(local, 0)), med(col(cluster, 0))
    rate = med(store_rate() for _ in range(3))
    print(f"1-minute load during the runs: {min(loads):.1f}-{max(loads):.1f} (2 cores)\n")
    print(f"| executor | {n} tracks, whole run (s) | tracks/s, whole run | first result after (s) | tracks/s after the first result |")  # fmt: skip
    print("|---|---|---|---|---|")
    for name, runs in (("local pool, 2 workers", local), ("Ray: head + 1 worker node, 1 CPU each", cluster)):
        whole = med(col(runs, 0))
        print(f"| {name} | {whole:.1f} | {n / whole:.2f} | {med(col(runs, 1)):.1f} | {med(col(runs, 2)):.2f} |")
    print(f"\nRay / local throughput, whole run (start-up included): **{lm / cm:.2f}**; after the first result "
          f"(steady state): **{med(col(cluster, 2)) / med(col(local, 2)):.2f}**. Medians of {args.repeats}, runs "
          f"alternating; whole runs: local {[round(x, 1) for x in col(local, 0)]}, Ray {[round(x, 1) for x in col(cluster, 0)]}.")  # fmt: skip
    print(f"\nDriver store rate (db.analyses.store, one commit per result): {rate:.0f} results/s (median of 3 x 2000)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracks", type=int, default=32)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    if args.inside:
        inside(args)
        return 0
    if os.geteuid() != 0:
        sys.exit("run as root: the cluster runs in a network namespace of its own (unshare -n)")
    return subprocess.call(["unshare", "-n", sys.executable, __file__, "--inside", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
