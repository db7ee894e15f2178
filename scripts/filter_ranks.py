#!/usr/bin/env python3
"""How low-rank are a model's wide convolution filters? For each Conv whose kernel is at
least 7 x 30 (musicnn's timbral front end: 7 x 38 and 7 x 67 over the mel bands), the
share of each filter's energy (squared singular values) that its best rank-r
approximation keeps, r = 1..5: median and worst over the filters. A filter that rank 1-2
captures almost whole could run as two thin convolutions for a fraction of the
multiply-adds (docs/benchmarks.md, "Where the model's time goes").

    python3 scripts/filter_ranks.py [MODEL.onnx]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    import onnx
    from onnx import numpy_helper

    path = sys.argv[1] if len(sys.argv) > 1 else str(REPO / "resources" / "models" / "msd-musicnn.onnx")
    model = onnx.load(path)
    weights = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    print("| convolution | filters | kernel | " + " | ".join(f"rank {r}: median / worst" for r in range(1, 6)) + " |")
    print("|---|---|---|" + "---|" * 5)
    for node in model.graph.node:
        w = weights.get(node.input[1]) if node.op_type == "Conv" and len(node.input) > 1 else None
        if w is None or w.ndim != 4 or min(w.shape[2:]) < 7 or max(w.shape[2:]) < 30:
            continue
        filters = w.reshape(-1, *w.shape[2:]).astype(np.float64)
        filters = filters[np.abs(filters).sum(axis=(1, 2)) > 0]
        s = np.linalg.svd(filters, compute_uv=False)
        kept = (s**2).cumsum(axis=1) / (s**2).sum(axis=1, keepdims=True)
        cells = [f"{np.median(kept[:, r]):.0%} / {kept[:, r].min():.0%}" for r in range(5)]
        print(f"| {node.name} | {len(filters)} | {w.shape[2]} x {w.shape[3]} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
