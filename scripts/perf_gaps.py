"""What each thread of the GUI did while its window did not tick.

    python3 scripts/perf_gaps.py FILE [--gaps N]

FILE is what `BENCH_PERF=FILE python3 scripts/bench_gui_scale.py` recorded: `perf`'s data
(CPU samples and scheduler switches with native stacks) and FILE.ticks (the frame timer's
ticks and the window's paint, resize and layout events, on perf's clock). For each of the
N longest gaps between two ticks it prints, per thread, how many samples and switches fell
in it and their commonest native stacks, and the window's events around it. The main
thread is the process's own id; a thread that switches out in `futex_wait` over and over
while another runs Python is waiting for the GIL.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess

HEADER = re.compile(r"^\s*(\S.*?)\s+(\d+)/(\d+)\s+([\d.]+):\s+(?:\d+\s+)?(\S+):")
# interpreter plumbing, left out of the stacks printed (the native callers say more)
PLUMBING = ("_PyEval_EvalFrameDefault", "_PyFunction_Vectorcall", "PyObject_Vectorcall", "_PyObject_")


def read_samples(data: str) -> tuple[int | None, list[tuple[float, int, str, list[str]]]]:
    """(the process id, [(time, thread id, event, frames)]) from `perf script`."""
    text = subprocess.run(
        ["perf", "script", "-i", data, "-F", "comm,pid,tid,time,event,ip,sym"],
        capture_output=True,
        text=True,
        errors="replace",
        check=True,
    ).stdout
    pid, samples, current = None, [], None
    for line in text.splitlines():
        if not line.strip():
            current = None
            continue
        if not line[0].isspace():
            m = HEADER.match(line)
            if m:
                pid = pid or int(m.group(2))
                current = (float(m.group(4)), int(m.group(3)), m.group(5), [])
                samples.append(current)
            continue
        if current is not None:
            parts = line.split(None, 1)
            if len(parts) == 2:
                current[3].append(re.sub(r"\+0x[0-9a-f]+$", "", parts[1].split(" (")[0]))
    return pid, samples


def brief(frames: list[str], n: int = 8) -> str:
    kept = [f[:60] for f in frames if not f.startswith(PLUMBING)]
    return " < ".join(kept[:n])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("--gaps", type=int, default=6)
    args = ap.parse_args()
    lines = open(args.data + ".ticks").read().split("\n")
    ticks = [float(x) for x in lines if x and not x.startswith("#")]
    events = [(float(x.split()[1]), " ".join(x.split()[2:])) for x in lines if x.startswith("#")]
    pid, samples = read_samples(args.data)
    print(f"{len(samples)} samples, {len(ticks)} ticks, main thread {pid}")
    gaps = sorted(((b - a, a, b) for a, b in zip(ticks, ticks[1:])), reverse=True)[: args.gaps]
    for gap, start, end in gaps:
        print(f"\n=== {gap * 1000:.0f} ms without a tick ({start:.3f}-{end:.3f})")
        near = [f"{t - start:+.3f} {what}" for t, what in events if start - 0.05 <= t <= end]
        print("  window events:", "; ".join(near) or "none")
        by_thread = collections.defaultdict(list)
        for s in samples:
            if start <= s[0] <= end:
                by_thread[(s[1], s[2])].append(s)
        for (tid, event), found in sorted(by_thread.items()):
            print(f"  {'main' if tid == pid else tid} {event}: {len(found)}")
            for stack, count in collections.Counter(brief(s[3]) for s in found).most_common(3):
                print(f"      {count:4d}  {stack}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
