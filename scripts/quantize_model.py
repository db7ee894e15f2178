#!/usr/bin/env python3
"""Make the int8 copy of a model (NAME.int8.onnx beside it) and judge it against the
float model on the project's real music.

    python3 scripts/quantize_model.py [--model PATH] [--judge-only]

Static quantisation of the convolutions (`trainer.quantize`: onnxruntime's own tools)
calibrated on the patches of the real music in resources/example-music and tests/data
(16 planned patches per file). Dynamic quantisation was measured too
(scripts/quantize_check.py): 3x slower than float here, so static it is.

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
    from trainer.quantize import quantize

    src = Path(args.model or default_model_path())
    dest = int8_copy(src)
    float_model = Model(src, threads=1, precision="float")
    if not args.judge_only:
        calib_files = music(REPO / "resources" / "example-music") + music(REPO / "tests" / "data")
        calibration = [planned_patches(float_model, f, 16) for f in calib_files]
        quantize(src, dest, calibration)
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
