#!/usr/bin/env python3
"""Would an INT8 copy of a model pay on this machine? Quantises it with onnxruntime's
own tools and compares it with the float model on real music.

    python3 scripts/quantize_check.py [--model PATH] [--music DIR ...]

Static quantisation (QDQ, per-channel int8 weights, uint8 activations) is calibrated on
the patches of the first half of the tracks and judged on the other half; dynamic
quantisation needs no calibration and is judged on all. For each it prints, as Markdown
(docs/benchmarks.md, "INT8"):
- the track-level top genre agreement with the float model (the bar is 98 %),
- the mean absolute difference of the track scores,
- the time per batch of 6 patches, one onnxruntime thread, median of 7, against float,
- what this CPU offers (numpy's CPU feature table: AVX512-VNNI, AVX-VNNI, ARM dot product),
  since onnxruntime's int8 kernels only beat float with those instructions.
Nothing here is used by the app: a model is shipped quantised only if it passes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def cpu_int8_features() -> str:
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features
    except ImportError:
        return "unknown"
    wanted = ("AVX512VNNI", "AVX512_CLX", "AVXVNNI", "ASIMDDP", "AVX2", "AVX512F")
    return ", ".join(f"{k} {'yes' if features.get(k) else 'no'}" for k in wanted if k in features)


def session(path: str):
    from tagger.ort import ort_module

    ort = ort_module()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None)
    ap.add_argument("--music", nargs="*", default=[str(REPO / "resources" / "example-music")])
    args = ap.parse_args()

    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_dynamic,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from tagger.analyze import plan_patch_starts, track_patches
    from tagger.decode import audio_info
    from tagger.formats import AUDIO_EXTENSIONS
    from tagger.model import Model, default_model_path

    src = str(args.model or default_model_path())
    model = Model(src, threads=1)
    spec, name_in, name_out = model.spec, model.info.input_name, model.info.output_name
    patch_s = spec.patch_frames * spec.hop_length / spec.sample_rate
    files = sorted(p for d in args.music for p in Path(d).rglob("*") if p.suffix.lower() in AUDIO_EXTENSIONS)
    tracks = [track_patches(f, spec, plan_patch_starts(audio_info(f).duration, patch_s, 6)) for f in files]
    calib, held_out = tracks[: len(tracks) // 2], tracks[len(tracks) // 2 :]
    genre = model.info.labels_of_kind("genre") or list(range(len(model.info.labels)))

    class Patches(CalibrationDataReader):
        def __init__(self):
            self._it = iter([{name_in: p[i : i + 1]} for p in calib for i in range(len(p))])

        def get_next(self):
            return next(self._it, None)

    float_sess = session(src)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pre = f"{tmp}/pre.onnx"
        quant_pre_process(src, pre)
        quantize_static(pre, f"{tmp}/static.onnx", Patches(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)  # fmt: skip
        quantize_dynamic(pre, f"{tmp}/dynamic.onnx", weight_type=QuantType.QInt8)
        batch = tracks[0][:6]

        def per_batch(sess) -> float:
            sess.run([name_out], {name_in: batch})
            times = []
            for _ in range(7):
                t = time.perf_counter()
                sess.run([name_out], {name_in: batch})
                times.append(time.perf_counter() - t)
            return statistics.median(times)

        float_time = per_batch(float_sess)
        for kind, judged in (("static", held_out), ("dynamic", tracks)):
            q = session(f"{tmp}/{kind}.onnx")
            agree, diffs = 0, []
            for patches in judged:
                a = float_sess.run([name_out], {name_in: patches})[0].mean(0)
                b = q.run([name_out], {name_in: patches})[0].mean(0)
                agree += int(np.argmax(a[genre]) == np.argmax(b[genre]))
                diffs.append(float(np.abs(a - b).mean()))
            t = per_batch(q)
            size = Path(f"{tmp}/{kind}.onnx").stat().st_size / 1e6
            rows.append((kind, agree, len(judged), float(np.mean(diffs)), t, size))
    print(f"Model `{Path(src).name}`; CPU features: {cpu_int8_features()}; {len(files)} tracks.\n")
    print("| variant | top genre = float's | mean abs score diff | s per 6 patches (1 thread) | vs float | size (MB) |")
    print("|---|---|---|---|---|---|")
    print(f"| float | - | - | {float_time:.3f} | 1.00 | {Path(src).stat().st_size / 1e6:.1f} |")
    for kind, agree, n, diff, t, size in rows:
        print(f"| int8 {kind} | {agree}/{n} ({100 * agree / n:.0f} %) | {diff:.4f} | {t:.3f} | {t / float_time:.2f} | {size:.1f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
