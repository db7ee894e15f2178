#!/usr/bin/env python3
"""Make the int8 copy of a model (NAME.int8.onnx beside it) and judge it against the
float model on the project's real music.

    python3 scripts/quantize_model.py [--model PATH] [--judge-only]

Static quantisation with onnxruntime's own tools (QDQ, per-channel int8 weights, uint8
activations, MinMax calibration) on the patches of the real music in
resources/example-music and tests/data, with the model's metadata copied, so the copy is
the same model to the app (same name, version and cache key; `tagger.model.choose_precision`
picks which file runs). Dynamic quantisation was measured too (scripts/quantize_check.py):
no more accurate where it matters and 3x slower than float here, so static it is.

Judged on the example music and the benchmark songs (scripts/benchmark.py fetches them:
the eight full songs, and the 64-track library cut and transcoded from them), each track
scored on the same six planned patches by both models, pooled and calibrated as the app
does: how often the top genre (the app's genre rule, `tagger.vocabulary.GenreMap`) is the
same, and the mean absolute difference of the track scores. Prints Markdown for the model
card. The acceptance bar (issue 14) is the same top genre on >= 98 % of tracks; the
script exits 1 (and removes the copy) below it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
BAR = 0.98


def music(folder: Path) -> list[Path]:
    from tagger.formats import AUDIO_EXTENSIONS

    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in AUDIO_EXTENSIONS)


def planned_patches(model, path: Path, n: int = 6) -> np.ndarray:
    from tagger.analyze import plan_patch_starts, track_patches
    from tagger.decode import audio_info

    spec = model.spec
    patch_s = spec.patch_frames * spec.hop_length / spec.sample_rate
    return track_patches(path, spec, plan_patch_starts(audio_info(path).duration, patch_s, n))


def quantize(src: Path, dest: Path, calibration: list[np.ndarray], input_name: str) -> None:
    import onnx
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from tagger.modelfile import read_metadata, write_metadata

    class Patches(CalibrationDataReader):
        def __init__(self):
            self._it = iter([{input_name: p[i : i + 1]} for p in calibration for i in range(len(p))])

        def get_next(self):
            return next(self._it, None)

    logging.getLogger().setLevel(logging.ERROR)  # per-channel axis notes about folded batch norms
    pre = dest.with_suffix(".pre.onnx")
    try:
        quant_pre_process(str(src), str(pre))
        quantize_static(str(pre), str(dest), Patches(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)  # fmt: skip
    finally:
        pre.unlink(missing_ok=True)
    model = onnx.load(str(dest))
    write_metadata(model, read_metadata(src))  # the same model to the app
    onnx.save(model, str(dest))


def judge(float_model, int8_model, tracks: list[Path]) -> tuple[int, list[float], list[str]]:
    """(tracks whose top genre agrees, mean abs track-score difference per track, disagreements)."""
    from tagger.vocabulary import GenreMap, normalise

    genres = GenreMap(float_model.info, lambda tag: [normalise(tag)])
    agree, diffs, differ = 0, [], []
    for path in tracks:
        x = planned_patches(float_model, path)
        a = float_model.track_scores(float_model.score_patches(x)[0])
        b = int8_model.track_scores(int8_model.score_patches(x)[0])
        ga, gb = genres.matrix(a)[0], genres.matrix(b)[0]
        if np.argmax(ga) == np.argmax(gb):
            agree += 1
        else:
            differ.append(f"{path.name}: {genres.names[int(np.argmax(ga))]} -> {genres.names[int(np.argmax(gb))]}")
        diffs.append(float(np.abs(a - b).mean()))
    return agree, diffs, differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None)
    ap.add_argument("--judge-only", action="store_true", help="judge the existing copy; make nothing")
    args = ap.parse_args()

    from benchmark import build_library, fetch_songs

    from tagger.model import Model, default_model_path, int8_copy

    src = Path(args.model or default_model_path())
    dest = int8_copy(src)
    float_model = Model(src, threads=1, precision="float")
    if not args.judge_only:
        calib_files = music(REPO / "resources" / "example-music") + music(REPO / "tests" / "data")
        calibration = [planned_patches(float_model, f) for f in calib_files]
        quantize(src, dest, calibration, float_model.info.input_name)
        print(f"calibrated on {sum(map(len, calibration))} patches of {len(calib_files)} files")
    int8_model = Model(dest, threads=1)
    sets = {
        "example music (8 pieces; also in the calibration)": music(REPO / "resources" / "example-music"),
        "benchmark songs (8 full songs; held out)": fetch_songs(),
        "benchmark library (64 cuts of those songs in 5 formats; held out)": music(build_library(64)),
    }
    print(f"\n`{dest.name}`: {dest.stat().st_size / 1e6:.1f} MB (float: {src.stat().st_size / 1e6:.1f} MB)\n")
    print("| music | tracks | top genre = float's | mean abs score difference |")
    print("|---|---|---|---|")
    total_agree, all_diffs, all_differ = 0, [], []
    for name, tracks in sets.items():
        agree, diffs, differ = judge(float_model, int8_model, tracks)
        total_agree, all_diffs, all_differ = total_agree + agree, all_diffs + diffs, all_differ + differ
        print(f"| {name} | {len(tracks)} | {agree}/{len(tracks)} ({100 * agree / len(tracks):.1f} %) | {np.mean(diffs):.4f} |")  # fmt: skip
    n = len(all_diffs)
    print(f"| all | {n} | {total_agree}/{n} ({100 * total_agree / n:.1f} %) | {np.mean(all_diffs):.4f} |")
    print(f"\nlargest per-track mean difference: {max(all_diffs):.4f}")
    for line in all_differ:
        print(f"- top genre differs: {line}")
    if total_agree < BAR * n:
        print(f"\nBELOW THE BAR ({100 * BAR:.0f} %): not shipped")
        if not args.judge_only:
            dest.unlink()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
