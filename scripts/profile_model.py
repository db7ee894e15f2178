#!/usr/bin/env python3
"""Where a model's time goes, per patch, on one CPU thread (as a pool worker runs it).

    python3 scripts/profile_model.py [MODEL.onnx] [--batch 3] [--runs 15]

Prints the time per patch, onnxruntime's profile by operator type and by node (the
heaviest), and for the convolutions their multiply-adds and the rate they run at, next
to this machine's single-thread matrix-multiply rate (numpy's BLAS, one thread): how
close the model's arithmetic already is to what the core can do.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # the reference rate: one core

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def session(path: Path, profile_in: Path | None = None):
    """One-thread session; `profile_in`: a folder for onnxruntime's profile file
    (otherwise it writes one into the current folder)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    if profile_in is not None:
        options.enable_profiling = True
        options.profile_file_prefix = str(profile_in / "profile")
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def conv_macs(path: Path, frames: int) -> dict[str, int]:
    """Multiply-adds per patch of each convolution with a constant kernel, from the
    kernel's shape and the input's (frames x bands, one channel in front)."""
    import onnx
    from onnx import shape_inference

    model = shape_inference.infer_shapes(onnx.load(str(path)))
    shapes = {}
    for v in list(model.graph.value_info) + list(model.graph.output) + list(model.graph.input):
        dims = [d.dim_value if d.HasField("dim_value") else 1 for d in v.type.tensor_type.shape.dim]
        shapes[v.name] = dims
    weights = {w.name: list(w.dims) for w in model.graph.initializer}
    out = {}
    for node in model.graph.node:
        if node.op_type != "Conv" or node.input[1] not in weights:
            continue
        k = weights[node.input[1]]  # [out channels, in channels, kh, kw]
        y = shapes.get(node.output[0])
        if not y or len(y) != 4:
            continue
        out[node.name] = int(np.prod(y[1:])) * int(np.prod(k[1:]))
    return out


def gemm_rate() -> float:
    a = np.random.default_rng(0).random((1024, 1024), dtype=np.float32)
    np.dot(a, a)
    best = min(_timed(lambda: np.dot(a, a)) for _ in range(5))
    return 2 * 1024**3 / best / 1e9


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", nargs="?", default=str(REPO / "resources" / "models" / "msd-mtt-musicnn.onnx"))
    ap.add_argument("--batch", type=int, default=3, help="patches per call (a track has 2-3)")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    path = Path(args.model)
    s = session(path)
    inp = s.get_inputs()[0]
    frames, bands = (d if isinstance(d, int) else 1 for d in inp.shape[1:])
    x = np.random.default_rng(0).standard_normal((args.batch, frames, bands)).astype(np.float32)
    s.run(None, {inp.name: x})
    per_patch = statistics.median(_timed(lambda: s.run(None, {inp.name: x})) for _ in range(args.runs)) / args.batch
    print(f"{path.name}: {per_patch * 1000:.1f} ms per patch (median of {args.runs}, batch {args.batch}, 1 thread)")

    with tempfile.TemporaryDirectory() as folder:
        p = session(path, profile_in=Path(folder))
        for _ in range(args.runs):
            p.run(None, {inp.name: x})
        events = json.loads(Path(p.end_profiling()).read_text())
    by_op: collections.Counter = collections.Counter()
    by_node: collections.Counter = collections.Counter()
    for e in events:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
            by_op[e["args"].get("op_name")] += e["dur"]
            by_node[e["name"].removesuffix("_kernel_time")] += e["dur"]
    total = sum(by_op.values())
    print("\nby operator type:")
    for op, us in by_op.most_common(6):
        print(f"  {op:<20} {us / total * 100:5.1f} %")
    print("\nheaviest nodes:")
    for node, us in by_node.most_common(6):
        print(f"  {node[:60]:<60} {us / total * 100:5.1f} %")

    macs = conv_macs(path, frames)
    total_macs = sum(macs.values())
    conv_share = by_op.get("Conv", 0) / total if total else 0.0
    conv_seconds = per_patch * conv_share
    print(f"\nconvolutions: {total_macs / 1e9:.2f} G multiply-adds per patch, {conv_share * 100:.0f} % of the time")
    if conv_seconds > 0 and total_macs:
        rate = 2 * total_macs / conv_seconds / 1e9
        ref = gemm_rate()
        print(f"  run at {rate:.0f} GFLOP/s; this core's matrix multiply (numpy BLAS, 1 thread): {ref:.0f} GFLOP/s")
        print(f"  ({rate / ref * 100:.0f} % of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
