"""`trainer fit --arch head`: a personal model (the user's own genres, added to the base
model's) from labelled tracks: a folder per genre, a CSV manifest or a library database.

It is the app's personal model, made by the app's own code (`tagger.personal.train`:
one calibrated sigmoid per genre against the other tracks and the shipped background of
varied music; numpy only), so the trainer and the app's Train dialog make the same
model from the same data and count genres the same way (`tagger.training_data`):

1. the backbone (default: the bundled model, which the shipped background belongs to)
   gives each track's embedding for the app's patch plan (`--head-patches`, default 6),
   cached per audio content (trainer.embeddings), pooled as the app pools it (the mean
   over the patches, `tagger.personal.pool_embeddings`);
2. `tagger.personal.train` fits the genres on the `train` and `valid` tracks (the
   calibration's held-out folds replace a validation split);
3. the `test` tracks (never a track on both sides) are scored by the model and the
   figures go into its report, with the split (`training_split`) as `trainer evaluate`
   records it;
4. the result is a personal model file (`--out NAME.personal.npz`), the one the app
   reads (Tools -> Train -> "Use a model file", or copy it next to the library's).

Spellings that differ only in case/punctuation ("dub techno", "Dub-Techno") are one
genre (`merge_spellings`, which `trainer evaluate` also uses), and names are spelled as
the app's vocabulary spells them.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from tagger.model import default_model_path
from tagger.modelfile import ModelFileError, read_metadata
from tagger.personal import (
    DEFAULT_L2,
    SUFFIX,
    Example,
    PersonalError,
    load_background,
    pool_embeddings,
    source_of,
)
from tagger.personal import (
    train as train_personal,
)
from tagger.training_data import genre_counts, personal_blocker, unify_spellings
from trainer.datasets import DEFAULT_FRACTIONS, SPLIT_RULE, DatasetError, assign_splits, load_dataset, norm_label
from trainer.embeddings import default_cache_dir, extract

DEFAULT_PATCHES = 6  # = tagger.analyze.DEFAULT_PATCHES: train on the patches the app will score
MAX_LISTED = 20


class HeadError(ValueError):
    """Data or settings the head cannot train on; the message says what to fix."""


def say(msg: str) -> None:
    print(f"trainer fit --arch head: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- CLI
def add_arguments(group) -> None:
    """Options of `--arch head` (added to `trainer fit` by trainer.fit)."""
    group.add_argument(
        "--backbone",
        default=None,
        help="model file whose embedding the personal model reads (default: the bundled default model)",
    )
    group.add_argument(
        "--background",
        default=None,
        help="background embeddings of that model (default: the shipped resources/background-embeddings.npz; "
        "make one for another model with `trainer background --model M --out F`)",
    )
    group.add_argument(
        "--head-patches",
        type=int,
        default=DEFAULT_PATCHES,
        help=f"patches per track, placed by the app's plan (default {DEFAULT_PATCHES})",
    )
    group.add_argument(
        "--head-l2",
        type=float,
        default=DEFAULT_L2,
        help=f"L2 strength of the logistic regressions (default {DEFAULT_L2:g})",
    )
    group.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="the suggestion threshold the held-out figures count at (default: the app's setting)",
    )


def _arg(args, name, default):
    value = getattr(args, name, None)
    return default if value is None else value


# ---------------------------------------------------------------------- data
def _unify_spellings(ds) -> list[str]:
    """One name per genre whatever its case/punctuation; returns notes."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for t in ds.tracks:
        for g in t.labels:
            spellings[norm_label(g) or g.casefold()][g] += 1
    chosen = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in spellings.items()}
    notes = []
    for k, c in spellings.items():
        if len(c) > 1:
            notes.append(f"genre spellings {sorted(c)} are one genre: {chosen[k]!r}")
    for t in ds.tracks:
        seen, labels = set(), []
        for g in t.labels:
            name = chosen[norm_label(g) or g.casefold()]
            if name not in seen:
                seen.add(name)
                labels.append(name)
        t.labels = labels
    return notes


def merge_spellings(ds, seed: int, valid_fraction: float, test_fraction: float) -> tuple[list[str], bool]:
    """Merge spellings of one genre, and redo an automatic split with the merged genres (the
    split is stratified by genre). Returns (notes, whether the split was redone).
    `trainer evaluate` calls it too, to find the same held-out tracks."""
    notes = _unify_spellings(ds)
    if not notes or ds.split_origin != "by-artist-or-track":
        return notes, False
    for t in ds.tracks:
        t.split = None
    # the first split's notes on classes ("class(es) X have too few tracks/artists for a
    # test split") name unmerged genres: the new split writes its own
    ds.notes = [n for n in ds.notes if not (n.startswith("class(es) ") and "split" in n)]
    assign_splits(ds, seed=seed, valid_fraction=valid_fraction, test_fraction=test_fraction)
    return notes, True


def _held_out_unit(track) -> str:
    """What the personal model's held-out check keeps whole for a dataset track: for a
    library, the app's unit (tagger.training_data.held_out_group, an album within its
    folder), so the same library gives the same model here and in the app; for folders
    and manifests, the dataset's split group (artist, or the track)."""
    return track.album_group if track.album_group is not None else track.group


def check_genres(counts: dict[str, int], source: str, unreadable: dict[str, str] | None = None) -> None:
    """The app's rule (tagger.training_data.personal_blocker), in the trainer's words."""
    blocker = personal_blocker(counts)
    if blocker:
        extra = f"; {len(unreadable)} unreadable file(s) were left out:\n{_list(unreadable)}" if unreadable else ""
        raise HeadError(f"{source}: no labelled tracks to learn from{extra}")


def _list(items: dict[str, str]) -> str:
    shown = [f"  {p}: {r}" for p, r in list(items.items())[:MAX_LISTED]]
    more = [f"  ... and {len(items) - MAX_LISTED} more"] if len(items) > MAX_LISTED else []
    return "\n".join(shown + more)


# ---------------------------------------------------------------------- main
def fit_head(args) -> int:
    summary = train(args)
    return 0 if summary else 1


def train(args) -> dict:
    """Everything `trainer fit --arch head` does. Returns a summary dict."""
    from tagger.app.workspace import load_vocabulary
    from tagger.config import Settings

    t0 = time.perf_counter()
    if not getattr(args, "data", None):
        raise HeadError("--data is required: a folder per genre, a CSV manifest or a tagger library database")
    if not getattr(args, "out", None):
        raise HeadError(f"--out is required: the personal model file to write (NAME{SUFFIX})")
    out = Path(args.out).expanduser()
    if not out.name.endswith(SUFFIX):
        raise HeadError(f"{out}: a personal model file name must end in {SUFFIX}")
    seed = int(_arg(args, "seed", 0))
    n_patches = int(_arg(args, "head_patches", DEFAULT_PATCHES))
    if n_patches < 1:
        raise HeadError("--head-patches must be at least 1")
    l2 = float(_arg(args, "head_l2", DEFAULT_L2))
    threshold = float(_arg(args, "threshold", Settings.load().min_confidence))
    progress = bool(_arg(args, "progress", True))

    backbone = Path(_arg(args, "backbone", "") or default_model_path())
    try:
        binfo = read_metadata(backbone)
    except ModelFileError as exc:
        raise HeadError(f"backbone: {exc}") from None
    source = source_of(binfo)
    if source is None:
        raise HeadError(
            f"{backbone}: the backbone has no embedding output (metadata 'embedding_output'); "
            "a personal model needs one (e.g. the bundled msd-musicnn.onnx)"
        )
    try:
        background = load_background(_arg(args, "background", None))
    except PersonalError as exc:
        raise HeadError(str(exc)) from None

    # -- data
    valid_fraction = float(_arg(args, "valid_fraction", DEFAULT_FRACTIONS[0]))
    test_fraction = float(_arg(args, "test_fraction", DEFAULT_FRACTIONS[1]))
    try:
        ds = load_dataset(
            args.data, seed=seed, valid_fraction=valid_fraction, test_fraction=test_fraction, for_training=False
        )
    except DatasetError as exc:
        raise HeadError(str(exc)) from None
    merged_notes, resplit = merge_spellings(ds, seed, valid_fraction, test_fraction)
    training_split = {
        "seed": seed,
        "valid_fraction": valid_fraction,
        "test_fraction": test_fraction,
        "origin": ds.split_origin or "none",
        "data_id": ds.source_id,
        "split_rule": SPLIT_RULE,
    }
    if resplit:
        training_split["merged_spellings"] = True
    # every confirmed genre of a track is learnt here (one sigmoid per genre), not only the first
    notes = [n for n in dict.fromkeys(ds.notes) if "single-label training" not in n] + merged_notes
    vocab = load_vocabulary()
    genres_of = dict(zip((t.path for t in ds.tracks), unify_spellings([t.labels for t in ds.tracks], vocab.canonical)))
    check_genres(genre_counts(genres_of.values()), ds.source)

    # -- backbone features, pooled as the app pools them
    cache_root = getattr(args, "cache_dir", None)
    cache_dir = Path(cache_root).expanduser() / "head-embeddings" if cache_root else default_cache_dir()
    workers = int(_arg(args, "workers", 1))
    paths = [t.path for t in ds.tracks]
    feats, unreadable, cached = extract(
        paths, backbone, n_patches, cache_dir=cache_dir, workers=workers, progress=progress
    )
    t_feat = time.perf_counter() - t0
    if unreadable:
        say(f"{len(unreadable)} of {len(paths)} file(s) could not be read and are left out:\n{_list(unreadable)}")
        notes.append(f"{len(unreadable)} unreadable file(s) left out: " + ", ".join(list(unreadable)[:5]))
    tracks = [t for t in ds.tracks if t.path in feats]
    if not tracks:
        raise HeadError(f"{ds.source}: none of the {len(paths)} audio file(s) could be read:\n{_list(unreadable)}")
    train_tracks = [t for t in tracks if t.split != "test"]
    test_tracks = [t for t in tracks if t.split == "test"]
    counts = genre_counts(genres_of[t.path] for t in train_tracks)
    check_genres(counts, ds.source, unreadable)

    # -- fit: the app's personal model
    t1 = time.perf_counter()
    examples = [
        Example(pool_embeddings(feats[t.path].embeddings), genres_of[t.path], _held_out_unit(t)) for t in train_tracks
    ]
    with threadpool_limits(1):  # tiny problems: several BLAS threads on a busy CPU are slower
        try:
            model = train_personal(examples, background, source, threshold=threshold, same=vocab.same, l2=l2, seed=seed)
        except PersonalError as exc:
            raise HeadError(f"{ds.source}: {exc}") from None
    t_fit = time.perf_counter() - t1

    # -- held-out test tracks, scored as the app scores them
    evaluation: dict = {
        "dataset": f"{ds.kind}: {ds.source}",
        "method": f"personal model (one calibrated sigmoid per genre, L2 {l2:g}) on {binfo.key} "
        f"'{source.embedding_output}', {n_patches} patches/track, {model.background} background pieces",
        "train_tracks": len(train_tracks),
        "threshold": threshold,
        "training_split": training_split,
    }
    if test_tracks:
        evaluation.update(held_out_figures(model, test_tracks, feats, genres_of, threshold))
        say(
            f"held-out: {evaluation['top1_correct']} of {evaluation['tracks']} test tracks have their genre "
            f"as the best of yours; {evaluation['found']} of {evaluation['positives']} genre labels found "
            f"at {threshold:g} or more"
        )
    else:
        evaluation.update({"split": "none: no test tracks (too few tracks, or --test-fraction 0)", "tracks": 0})
        say("no held-out test tracks: the report has only the calibration's held-out folds")

    out.parent.mkdir(parents=True, exist_ok=True)
    model.notes = notes + model.notes
    model.save(out)
    base = vocab.base_genres(binfo)  # what a genre of the same name may replace
    card = write_card(out, model, evaluation, ds, threshold, base, len(train_tracks))
    total = time.perf_counter() - t0
    summary = {
        "out": str(out),
        "labels": list(model.genres),
        "counts": counts,
        "evaluation": evaluation,
        "notes": model.notes,
        "tracks": len(tracks),
        "train_tracks": len(train_tracks),
        "test_tracks": len(test_tracks),
        "test_paths": [t.path for t in test_tracks],
        "unreadable": unreadable,
        "cached": cached,
        "seconds": {"features": round(t_feat, 2), "fit": round(t_fit, 2), "total": round(total, 2)},
        "model": model,
        "n_patches": n_patches,
    }
    for n in model.notes:
        say(n)
    for r in model.reports:
        say(r.describe(threshold, base))
    say(
        f"{len(tracks)} tracks ({len(train_tracks)} train, {len(test_tracks)} test) in {len(model.genres)} genres; "
        f"features {t_feat:.1f} s ({cached} cached), fit {t_fit:.2f} s"
    )
    say(f"wrote {out} and {card}")
    return summary


def held_out_figures(model, tracks, feats, genres_of, threshold: float) -> dict:
    """How the model does on tracks it never saw: best-of-yours accuracy, labels found at
    the threshold, and wrong genres at the threshold."""
    x = np.stack([pool_embeddings(feats[t.path].embeddings) for t in tracks])
    p = model.scores(x)
    index = {g: j for j, g in enumerate(model.genres)}
    top1 = found = positives = false_alarms = 0
    per_genre: dict[str, dict] = defaultdict(lambda: {"tracks": 0, "found": 0, "false_alarms": 0})
    for row, t in zip(p, tracks):
        known = [index[g] for g in genres_of[t.path] if g in index]
        if known and int(np.argmax(row)) in known:
            top1 += 1
        for g, j in index.items():
            hit = row[j] >= threshold
            if j in known:
                positives += 1
                found += int(hit)
                per_genre[g]["tracks"] += 1
                per_genre[g]["found"] += int(hit)
            elif hit:
                false_alarms += 1
                per_genre[g]["false_alarms"] += 1
    return {
        "split": "held-out test tracks (split by track/artist: no track on both sides)",
        "tracks": len(tracks),
        "top1_correct": top1,
        "accuracy": round(top1 / len(tracks), 4),
        "positives": positives,
        "found": found,
        "false_alarms": false_alarms,
        "per_class": dict(per_genre),
    }


def write_card(out: Path, model, evaluation: dict, ds, threshold: float, base_genres=(), learnt_from: int = 0) -> Path:
    from trainer.modelcard import EVAL_END, EVAL_START  # the markers `trainer evaluate --update-model` replaces

    card = out.with_name(out.name[: -len(SUFFIX)] + ".md")
    figures = "\n".join(
        f"| {k} | {json.dumps(v) if isinstance(v, dict) else v} |"
        for k, v in evaluation.items()
        if k not in ("per_class", "training_split")
    )
    lines = "\n".join(f"- {r.describe(threshold, base_genres)}" for r in model.reports)
    notes = "\n".join(f"- {n}" for n in model.notes) or "- (none)"
    card.write_text(f"""# Personal model {out.name}

{model.summary()}: one calibrated sigmoid per genre on {model.source.describe()},
against the user's other tracks and {model.background} pieces of background music. The app adds these
genres to the base model's: a genre named like one of the base model's takes its place once its
held-out check finds at least half of two or more of its tracks, and until then can only raise
it (each genre's line below says which).

## Data

{ds.describe()}

It learns from the training and validation tracks together ({learnt_from}: a personal model
calibrates on held-out folds of them, not on a validation split); the test tracks are held out
for the evaluation below.

{notes}

## What was learnt (held-out folds of the training tracks, at {threshold:g})

{lines}

{EVAL_START}
## Evaluation

| figure | value |
|---|---|
{figures}
{EVAL_END}
""")
    return card
