"""`python -m trainer.genre_calibration MODEL MANIFEST`: does a genre score mean the chance
that the genre is right? Fit a map that would make it so, check it on held-out music,
and store it only if it helps there.

The map is Platt scaling of every genre label's calibrated logit, one (a, b) per tagger
of a fused model: logit' = a * logit + b. It folds exactly into the model's existing
`logit_affine` calibration (scale' = a * scale, shift' = a * shift + b for the genre
labels; moods and other kinds untouched), so the app keeps one calibration, in the model
file, used alike by the CLI and the GUI (tagger.model.calibrate).

It is fitted on what the expected calibration error measures: each track's best genre
(the app's genres, tagger.vocabulary.GenreMap) and whether it is right, by maximum
likelihood over a grid. Held-out check: leave one *set* of the manifest out at a time (a
set is the `source` column, or the folder: an album or a game's soundtrack), fit on the
others, score the held-out set; the held-out scores of all sets give the ECE after, to
compare with the ECE before on the same tracks. `--write` stores the map fitted on all
tracks, and only when the held-out ECE improves and no track's right best genre turns
wrong (held out or in the final fit); otherwise it says why and writes nothing.

Each track is scored once, as the app does (trainer.evaluate.score_tracks), and cached
(`--cache`).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from trainer.metrics import reliability

GRID_A = np.round(np.arange(0.3, 2.51, 0.1), 3)
GRID_B = np.round(np.arange(-2.0, 3.01, 0.1), 3)


@dataclasses.dataclass
class Track:
    path: str
    labels: set[str]
    group: str


def read_manifest(path: Path, vocab) -> list[Track]:
    """CSV with path, label (names joined by ';') and optionally source (the held-out set;
    default: the file's folder)."""
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = {vocab.canonical(n.strip()) for n in row["label"].split(";") if n.strip()}
            group = row.get("source") or str(Path(row["path"]).parent)
            out.append(Track(row["path"], names, group))
    return out


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def remap(label_scores: np.ndarray, info, params: dict[str, tuple[float, float]]) -> np.ndarray:
    """Label scores [n, labels] with the genre labels' logits mapped by their tagger's (a, b)."""
    a = np.ones(len(info.labels))
    b = np.zeros(len(info.labels))
    for j, (kind, source) in enumerate(zip(info.label_kinds, info.sources)):
        if kind == "genre" and source in params:
            a[j], b[j] = params[source]
    return 1 / (1 + np.exp(-(a * logit(label_scores) + b)))


def best_genres(genre_map, label_scores: np.ndarray, truth: list[set[str]]):
    """(best genre, its score, right?) per track (ties to the first name, as GenreMap.ranked)."""
    m = genre_map.matrix(np.asarray(label_scores, np.float64))
    best = m.argmax(axis=1)
    names = genre_map.names
    return [(names[j], float(m[i, j]), names[j] in tr) for i, (j, tr) in enumerate(zip(best, truth))]


def nll(rows) -> float:
    p = np.clip([s for _, s, _ in rows], 1e-6, 1 - 1e-6)
    y = np.array([r for _, _, r in rows], float)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).sum())


def fit(genre_map, info, label_scores: np.ndarray, truth: list[set[str]]) -> dict[str, tuple[float, float]]:
    """One (a, b) per tagger, shared grid search by coordinate descent (two rounds)."""
    sources = list(dict.fromkeys(s for s, k in zip(info.sources, info.label_kinds) if k == "genre"))
    params = {s: (1.0, 0.0) for s in sources}
    for _ in range(2):
        for s in sources:
            best = (np.inf, params[s])
            for a in GRID_A:
                for b in GRID_B:
                    trial = {**params, s: (float(a), float(b))}
                    value = nll(best_genres(genre_map, remap(label_scores, info, trial), truth))
                    if value < best[0]:
                        best = (value, (float(a), float(b)))
            params[s] = best[1]
    return params


def held_out(genre_map, info, label_scores, truth, groups):
    """Leave one set out: each set's rows scored by the map fitted on the others."""
    rows: list = [None] * len(truth)
    fits = {}
    for g in sorted(set(groups)):
        test = [i for i, x in enumerate(groups) if x == g]
        train = [i for i, x in enumerate(groups) if x != g]
        params = fit(genre_map, info, label_scores[train], [truth[i] for i in train])
        fits[g] = params
        got = best_genres(genre_map, remap(label_scores[test], info, params), [truth[i] for i in test])
        for i, r in zip(test, got):
            rows[i] = r
    return rows, fits


def folded(calibration: dict, info, params: dict[str, tuple[float, float]]) -> dict:
    """The model's logit_affine calibration with the map folded in (genre labels only)."""
    scale = list(calibration["scale"])
    shift = list(calibration["shift"])
    for j, (kind, source) in enumerate(zip(info.label_kinds, info.sources)):
        if kind == "genre" and source in params:
            a, b = params[source]
            scale[j], shift[j] = a * scale[j], a * shift[j] + b
    out = dict(calibration, scale=scale, shift=shift)
    out["genre_platt"] = {s: [a, b] for s, (a, b) in params.items()}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("manifest", type=Path, help="CSV: path,label[,source] (scripts/labelled_music.py)")
    ap.add_argument("--cache", type=Path, default=None, help="npz cache of the tracks' label scores")
    ap.add_argument("--report", type=Path, default=None, help="write the figures as JSON here")
    ap.add_argument("--write", action="store_true", help="store the map in the model file if it helps held out")
    args = ap.parse_args(argv)

    from tagger.model import Model
    from tagger.vocabulary import Vocabulary, bundled_path
    from trainer.evaluate import score_tracks

    model = Model(args.model, device="cpu")
    info = model.info
    vocab = Vocabulary.load(bundled_path())
    genre_map = vocab.genre_map(info)
    tracks = [t for t in read_manifest(args.manifest, vocab) if t.labels & set(genre_map.names)]
    cache: dict[str, np.ndarray] = {}
    if args.cache and args.cache.exists():
        z = np.load(args.cache, allow_pickle=False)
        if str(z["model"]) == info.key + json.dumps(info.calibration):
            cache = dict(zip(z["paths"].tolist(), z["scores"]))
    todo = [t for t in tracks if t.path not in cache]
    if todo:
        scores, ok, failed = score_tracks(model, todo, 6)
        cache.update({t.path: s for t, s in zip(ok, scores)})
        for p, why in failed.items():
            print(f"not scored: {p}: {why}", file=sys.stderr)
        if args.cache:
            np.savez(
                args.cache,
                model=np.array(info.key + json.dumps(info.calibration)),
                paths=np.array(list(cache)),
                scores=np.stack(list(cache.values())),
            )
    tracks = [t for t in tracks if t.path in cache]
    label_scores = np.stack([cache[t.path] for t in tracks])
    truth = [t.labels for t in tracks]
    groups = [t.group for t in tracks]

    before = best_genres(genre_map, label_scores, truth)
    after, fits = held_out(genre_map, info, label_scores, truth, groups)
    # for contrast only: folds that mix the sets (each set's hit rate is then in the fit)
    mixed_groups = [str(i) for i in np.random.default_rng(0).permutation(len(tracks)) % 5]
    mixed, _ = held_out(genre_map, info, label_scores, truth, mixed_groups)
    final = fit(genre_map, info, label_scores, truth)
    in_fit = best_genres(genre_map, remap(label_scores, info, final), truth)
    rel_before = reliability([s for _, s, _ in before], [r for _, _, r in before])
    rel_after = reliability([s for _, s, _ in after], [r for _, _, r in after])
    turned = [t.path for t, b, a in zip(tracks, before, after) if b[2] and not a[2]]
    turned += [t.path for t, b, a in zip(tracks, before, in_fit) if b[2] and not a[2] and t.path not in turned]
    by_set = {}
    for g in sorted(set(groups)):
        idx = [i for i, x in enumerate(groups) if x == g]
        by_set[g] = {
            "tracks": len(idx),
            "right": sum(before[i][2] for i in idx),
            "mean_best_before": round(float(np.mean([before[i][1] for i in idx])), 3),
            "mean_best_held_out": round(float(np.mean([after[i][1] for i in idx])), 3),
        }
    report = {
        "model": info.key,
        "tracks": len(tracks),
        "sets": by_set,
        "ece_before": round(rel_before["ece"], 4),
        "ece_held_out_after": round(rel_after["ece"], 4),
        "ece_mixed_folds_after": round(reliability([x for _, x, _ in mixed], [r for _, _, r in mixed])["ece"], 4),
        "nll_before": round(nll(before), 3),
        "nll_held_out_after": round(nll(after), 3),
        "fits_per_held_out_set": fits,
        "final_fit": final,
        "right_turned_wrong": turned,
        "bins_before": rel_before["bins"],
        "bins_held_out_after": rel_after["bins"],
    }
    print(json.dumps({k: v for k, v in report.items() if not k.startswith("bins")}, indent=1))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=1))
    if args.write:
        if rel_after["ece"] >= rel_before["ece"] or turned:
            why = "the held-out ECE does not improve" if rel_after["ece"] >= rel_before["ece"] else ""
            why = why or f"{len(turned)} right best genre(s) would turn wrong"
            print(f"not written: {why}", file=sys.stderr)
            return 1
        import onnx  # here: only --write needs it, and the app's environment has none

        from tagger.modelfile import write_metadata

        onnx_model = onnx.load(str(args.model))
        calibration = folded(info.calibration or _identity(info), info, final)
        write_metadata(onnx_model, dataclasses.replace(info, calibration=calibration, path=None))
        onnx.save(onnx_model, str(args.model))
        print(f"wrote the genre calibration to {args.model}", file=sys.stderr)
    return 0


def _identity(info) -> dict:
    n = len(info.labels)
    return {"method": "logit_affine", "scale": [1.0] * n, "shift": [0.0] * n}


if __name__ == "__main__":
    sys.exit(main())
