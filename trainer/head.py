"""`trainer fit --arch head`: a few-shot genre model on a pretrained backbone.

A user who confirmed a handful of tracks per genre (in the app, in folders or in a CSV)
gets a model for *their* genre names in seconds on a CPU:

1. the backbone (default: the bundled MSD musicnn) computes, for the app's patch plan of
   each track (`--head-patches`, default the app's 6), its 200-d embedding
   (`penultimate`) and its 50 tag scores (`taggram`) — cached per audio content
   (trainer.embeddings);
2. a multinomial logistic regression is fitted on the standardised per-patch vectors
   [embedding, tag scores], every track weighing the same and every genre the same
   (class balancing); the L2 strength C is chosen by cross-validation by track (or
   artist) when every genre has at least two training tracks;
3. the held-out tracks (the dataset's `test` split, never a track on both sides) are
   scored the way the app scores them (mean of the patch probabilities) and the figures
   go into the model's `evaluation`, with the split (`training_split`: seed, fractions) so
   that `trainer evaluate` can find the same held-out tracks again;
4. the head is appended to the backbone graph as ONNX nodes (Concat -> Sub -> Mul ->
   MatMul -> Add -> Softmax) so the result is ONE model file with the backbone's input and
   feature spec; it is read back with `tagger.modelfile.read_metadata` and run with
   `tagger.model.Model` to check that it gives the head's probabilities (1e-5).

Decisions (see docs/few-shot.md): single-label softmax; a track with several confirmed
genres trains its first (primary) genre; `valid` tracks are training tracks here (CV
replaces early stopping); spellings that differ only in case/punctuation ("dub techno",
"Dub-Techno") are one genre, named by its most frequent spelling.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from tagger.analyze import plan_patch_starts, track_patches
from tagger.decode import audio_info
from tagger.features import patch_seconds
from tagger.model import Model
from tagger.modelfile import ModelFileError, ModelInfo, read_metadata, write_metadata
from tagger.paths import bundled_models_dir
from trainer.datasets import DEFAULT_FRACTIONS, DatasetError, assign_splits, load_dataset, norm_label
from trainer.embeddings import TrackFeatures, default_cache_dir, extract
from trainer.metrics import track_metrics
from trainer.modelcard import EVAL_END, EVAL_START  # the markers `trainer evaluate --update-model` replaces

DEFAULT_PATCHES = 6  # = tagger.analyze.DEFAULT_PATCHES: train on the patches the app will score
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
DEFAULT_C = 0.1  # when there are too few tracks to cross-validate
FEATURE_SETS = ("both", "embedding", "tags")
OUTPUT_NAME = "genre_probabilities"
PARITY_TOLERANCE = 1e-5
MAX_LISTED = 20


class HeadError(ValueError):
    """Data or settings the head cannot train on; the message says what to fix."""


def say(msg: str) -> None:
    print(f"trainer fit --arch head: {msg}", file=sys.stderr, flush=True)


DEFAULT_BACKBONE = "msd-musicnn.onnx"


# ---------------------------------------------------------------------- CLI
def add_arguments(group) -> None:
    """Options of `--arch head` (added to `trainer fit` by trainer.fit)."""
    group.add_argument(
        "--backbone",
        default=None,
        help="pretrained model file with an embedding output (default: the bundled msd-musicnn.onnx)",
    )
    group.add_argument(
        "--head-patches",
        type=int,
        default=DEFAULT_PATCHES,
        help=f"patches per track, placed by the app's plan (default {DEFAULT_PATCHES})",
    )
    group.add_argument(
        "--head-features",
        choices=FEATURE_SETS,
        default="both",
        help="what the head sees: the backbone's embedding and tag scores (both, default), or one of them",
    )
    group.add_argument(
        "--head-c",
        type=float,
        default=None,
        help="L2 inverse strength C of the logistic regression (default: chosen by CV)",
    )


def _arg(args, name, default):
    value = getattr(args, name, None)
    return default if value is None else value


# ---------------------------------------------------------------------- the head
@dataclass
class Head:
    """Standardise -> linear -> softmax, fitted on per-patch backbone features."""

    mean: np.ndarray  # [d]
    inv_std: np.ndarray  # [d]
    weight: np.ndarray  # [d, k]
    bias: np.ndarray  # [k]
    C: float
    clf: object = None  # the sklearn estimator (for the parity check)

    def logits(self, x: np.ndarray) -> np.ndarray:
        z = (np.asarray(x, np.float64) - self.mean) * self.inv_std
        return z @ self.weight + self.bias

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        a = self.logits(x)
        a -= a.max(axis=1, keepdims=True)
        e = np.exp(a)
        return e / e.sum(axis=1, keepdims=True)


def _sample_weights(owner: np.ndarray, y_track: np.ndarray, n_classes: int) -> np.ndarray:
    """Per patch: every track weighs the same, every class weighs the same; sum = tracks."""
    n_tracks = len(y_track)
    patches_of = np.bincount(owner, minlength=n_tracks).astype(np.float64)
    tracks_of_class = np.bincount(y_track, minlength=n_classes).astype(np.float64)
    class_w = n_tracks / (n_classes * np.maximum(tracks_of_class, 1))
    return class_w[y_track[owner]] / patches_of[owner]


def fit_classifier(x, owner, y_track, n_classes: int, C: float, seed: int = 0) -> Head:
    """Fit on patches `x` [n, d]; `owner` [n] = track index; `y_track` [tracks] = class."""
    # imported here: scikit-learn takes seconds to import, and `trainer --help` loads this module
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(x, np.float64)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    inv_std = 1.0 / np.where(std > 1e-6, std, 1.0)
    z = (x - mean) * inv_std
    y = y_track[owner]
    clf = LogisticRegression(C=C, max_iter=2000, tol=1e-5, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(z, y, sample_weight=_sample_weights(owner, y_track, n_classes))
    if len(clf.classes_) != n_classes:
        raise HeadError("every genre needs training tracks")  # (checked earlier; a guard)
    if n_classes == 2:  # binary: sklearn keeps one logit; softmax([0, a]) = sigmoid(a)
        weight = np.stack([np.zeros(x.shape[1]), clf.coef_[0]], axis=1)
        bias = np.array([0.0, clf.intercept_[0]])
    else:
        weight, bias = clf.coef_.T.copy(), clf.intercept_.copy()
    return Head(mean, inv_std, weight, bias, C, clf)


def pooled(head: Head, x, owner, n_tracks: int) -> np.ndarray:
    """Track probabilities: mean of the patch probabilities (the model's `pooling`)."""
    p = head.predict_proba(x)
    out = np.zeros((n_tracks, p.shape[1]))
    np.add.at(out, owner, p)
    return out / np.maximum(np.bincount(owner, minlength=n_tracks), 1)[:, None]


def choose_c(x, owner, y_track, groups, n_classes: int, seed: int) -> tuple[float, dict]:
    """C by stratified group k-fold CV (class-balanced track log loss of pooled
    probabilities). Returns (C, figures)."""
    # imported here: scikit-learn takes seconds to import, and `trainer --help` loads this module
    from sklearn.model_selection import StratifiedGroupKFold

    group_ids = np.unique(np.asarray(groups), return_inverse=True)[1]
    per_class = min(len(set(group_ids[y_track == c])) for c in range(n_classes))
    folds = min(5, per_class)
    if folds < 2:
        return DEFAULT_C, {"cv": f"not enough tracks per genre to cross-validate: C = {DEFAULT_C}"}
    cv = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    splits = list(cv.split(np.zeros(len(y_track)), y_track, group_ids))
    class_w = len(y_track) / (n_classes * np.bincount(y_track, minlength=n_classes))
    results = {}
    for C in C_GRID:
        oof = np.zeros((len(y_track), n_classes))
        for tr, te in splits:
            tr_set = np.zeros(len(y_track), bool)
            tr_set[tr] = True
            if len(np.unique(y_track[tr])) < n_classes:
                continue
            remap = -np.ones(len(y_track), np.int64)
            remap[tr] = np.arange(len(tr))
            m_tr = tr_set[owner]
            head = fit_classifier(x[m_tr], remap[owner[m_tr]], y_track[tr], n_classes, C, seed)
            te_set = np.zeros(len(y_track), bool)
            te_set[te] = True
            m_te = te_set[owner]
            remap_te = -np.ones(len(y_track), np.int64)
            remap_te[te] = np.arange(len(te))
            oof[te] = pooled(head, x[m_te], remap_te[owner[m_te]], len(te))
        p_true = np.clip(oof[np.arange(len(y_track)), y_track], 1e-7, 1.0)
        w = class_w[y_track]
        nll = float((w * -np.log(p_true)).sum() / w.sum())
        acc = float((oof.argmax(1) == y_track).mean())
        results[C] = (nll, acc)
    best = min(C_GRID, key=lambda c: (results[c][0], -c))
    return best, {
        "cv_folds": folds,
        "cv_tracks": int(len(y_track)),
        "cv_accuracy": round(results[best][1], 4),
        "cv_log_loss": round(results[best][0], 4),
        "cv_grid": {str(c): round(v[0], 4) for c, v in results.items()},
    }


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


def check_genres(tracks, source: str, unreadable: dict[str, str] | None = None) -> None:
    counts = Counter(t.label for t in tracks)
    extra = ""
    if unreadable:
        extra = f"; {len(unreadable)} unreadable file(s) were left out:\n{_list(unreadable)}"
    if len(counts) < 2:
        raise HeadError(
            f"{source}: a genre model needs at least 2 genres, found {len(counts)}"
            f"{': ' + ', '.join(sorted(counts)) if counts else ''}{extra}"
        )
    thin = sorted((g for g, n in counts.items() if n < 2), key=str.casefold)
    if thin:
        raise HeadError(
            f"{source}: genre(s) with fewer than 2 tracks: "
            + ", ".join(f"{g!r} ({counts[g]})" for g in thin)
            + f"; every genre needs at least 2 tracks (5-20 recommended){extra}"
        )


def _list(items: dict[str, str]) -> str:
    shown = [f"  {p}: {r}" for p, r in list(items.items())[:MAX_LISTED]]
    more = [f"  ... and {len(items) - MAX_LISTED} more"] if len(items) > MAX_LISTED else []
    return "\n".join(shown + more)


def feature_matrix(feats, which: str) -> np.ndarray:
    parts = {"embedding": [feats.embeddings], "tags": [feats.scores], "both": [feats.embeddings, feats.scores]}[which]
    return np.concatenate(parts, axis=1).astype(np.float32)


# ---------------------------------------------------------------------- ONNX
def merge_into_backbone(backbone_path: str | Path, head: Head, which: str, info):
    """The backbone's ONNX graph with the head appended; outputs: class probabilities
    (and the backbone's embedding)."""
    # imported here: onnx takes a second to import, and `trainer --help` loads this module
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(backbone_path))
    g = model.graph
    sources = {
        "embedding": [info.embedding_output],
        "tags": [info.output_name],
        "both": [info.embedding_output, info.output_name],
    }[which]
    taken = {n for node in g.node for n in node.output} | {i.name for i in g.initializer} | {i.name for i in g.input}
    names = {
        k: f"head/{k}" for k in ("features", "mean", "inv_std", "centred", "z", "weight", "matmul", "bias", "logits")
    }
    if any(n in taken for n in [*names.values(), OUTPUT_NAME]):
        raise RuntimeError(f"{backbone_path}: the backbone already uses the head's tensor names")
    f32 = np.float32
    g.initializer.extend(
        [
            numpy_helper.from_array(head.mean.astype(f32), names["mean"]),
            numpy_helper.from_array(head.inv_std.astype(f32), names["inv_std"]),
            numpy_helper.from_array(head.weight.astype(f32), names["weight"]),
            numpy_helper.from_array(head.bias.astype(f32), names["bias"]),
        ]
    )
    if len(sources) > 1:
        g.node.append(helper.make_node("Concat", sources, [names["features"]], axis=1, name="head/concat"))
    else:
        g.node.append(helper.make_node("Identity", sources, [names["features"]], name="head/identity"))
    g.node.extend(
        [
            helper.make_node("Sub", [names["features"], names["mean"]], [names["centred"]], name="head/sub"),
            helper.make_node("Mul", [names["centred"], names["inv_std"]], [names["z"]], name="head/mul"),
            helper.make_node("MatMul", [names["z"], names["weight"]], [names["matmul"]], name="head/matmul"),
            helper.make_node("Add", [names["matmul"], names["bias"]], [names["logits"]], name="head/add"),
            helper.make_node("Softmax", [names["logits"]], [OUTPUT_NAME], axis=-1, name="head/softmax"),
        ]
    )
    keep = [o for o in g.output if o.name == info.embedding_output]
    del g.output[:]
    g.output.append(helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, ["batch", head.weight.shape[1]]))
    g.output.extend(keep)
    onnx.checker.check_model(model)
    return model


def verify(out: Path, backbone_path: str, head: Head, which: str, check_paths: list[str], n_patches: int) -> float:
    """Run the written file with the app's Model on real patches and compare with the head
    (numpy and sklearn) applied to the backbone's outputs. Returns max |difference|."""
    read_metadata(out)
    merged = Model(out, device="cpu", threads=1)
    backbone = Model(backbone_path, device="cpu", threads=1)
    worst = 0.0
    for p in check_paths:
        spec = backbone.spec
        starts = plan_patch_starts(audio_info(p).duration, patch_seconds(spec), n_patches)
        x = track_patches(p, spec, starts)
        probs, _ = merged.score_patches(x)
        scores, embeds = backbone.score_patches(x)
        feats = feature_matrix(TrackFeatures(starts, scores, embeds), which)
        want = head.predict_proba(feats)
        if head.clf is not None:  # the numpy head is sklearn's
            sk = head.clf.predict_proba((feats.astype(np.float64) - head.mean) * head.inv_std)
            worst = max(worst, float(np.abs(sk - want).max()))
        worst = max(worst, float(np.abs(probs - want).max()))
    if worst > PARITY_TOLERANCE:
        raise RuntimeError(
            f"{out}: the merged model differs from the trained head by {worst:.2e} "
            f"(> {PARITY_TOLERANCE}); the file is not usable"
        )
    return worst


# ---------------------------------------------------------------------- main
def fit_head(args) -> int:
    summary = train(args)
    return 0 if summary else 1


def train(args) -> dict:
    """Everything `trainer fit --arch head` does. Returns a summary dict."""
    # imported here: onnx takes a second to import, and `trainer --help` loads this module
    import onnx

    t0 = time.perf_counter()
    if not getattr(args, "data", None):
        raise HeadError("--data is required: a folder per genre, a CSV manifest or a tagger library database")
    if not getattr(args, "out", None):
        raise HeadError("--out is required: the model file to write (.onnx)")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".onnx":
        raise HeadError(f"{out}: the model file name must end in .onnx")
    seed = int(_arg(args, "seed", 0))
    n_patches = int(_arg(args, "head_patches", DEFAULT_PATCHES))
    if n_patches < 1:
        raise HeadError("--head-patches must be at least 1")
    which = _arg(args, "head_features", "both")
    if which not in FEATURE_SETS:
        raise HeadError(f"--head-features must be one of {', '.join(FEATURE_SETS)}")
    progress = bool(_arg(args, "progress", True))

    # the MSD tagger alone, not the default model: the fused default runs two taggers per
    # patch, which a head model (one tagger's plan in the app) would pay on every patch
    backbone = Path(_arg(args, "backbone", "") or bundled_models_dir() / DEFAULT_BACKBONE)
    try:
        binfo = read_metadata(backbone)
    except ModelFileError as exc:
        raise HeadError(f"backbone: {exc}") from None
    if not binfo.embedding_output:
        raise HeadError(
            f"{backbone}: the backbone has no embedding output (metadata 'embedding_output'); "
            "a few-shot head needs one (e.g. the bundled msd-musicnn.onnx)"
        )

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
    # recorded so that `trainer evaluate` can find the held-out tracks again (same seed, fractions)
    training_split = {
        "seed": seed,
        "valid_fraction": valid_fraction,
        "test_fraction": test_fraction,
        "origin": ds.split_origin or "none",
        "data_id": ds.source_id,
    }
    if resplit:
        training_split["merged_spellings"] = True
    notes = list(dict.fromkeys(ds.notes)) + merged_notes
    multi = sum(len(t.labels) > 1 for t in ds.tracks)
    if multi:
        notes.append(f"{multi} track(s) have several genres: the first (primary) one is trained")
    check_genres(ds.tracks, ds.source)

    # -- backbone features
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
    check_genres(tracks, ds.source, unreadable)

    labels = sorted({t.label for t in tracks}, key=str.casefold)
    index = {g: i for i, g in enumerate(labels)}
    is_test = np.array([t.split == "test" for t in tracks])
    is_train = ~is_test
    train_genres = {t.label for t, tr in zip(tracks, is_train) if tr}
    lacking = [g for g in labels if g not in train_genres]
    if lacking:
        raise HeadError(f"{ds.source}: no training tracks (only test tracks) for genre(s) {', '.join(lacking)}")

    xs, owner = [], []
    for i, t in enumerate(tracks):
        m = feature_matrix(feats[t.path], which)
        xs.append(m)
        owner.extend([i] * len(m))
    x = np.concatenate(xs)
    owner = np.asarray(owner, np.int64)
    y = np.array([index[t.label] for t in tracks], np.int64)
    tr_idx = np.flatnonzero(is_train)
    te_idx = np.flatnonzero(is_test)
    remap = -np.ones(len(tracks), np.int64)
    remap[tr_idx] = np.arange(len(tr_idx))
    m_tr = is_train[owner]
    x_tr, own_tr, y_tr = x[m_tr], remap[owner[m_tr]], y[tr_idx]

    # -- fit
    t1 = time.perf_counter()
    groups = [tracks[i].group or f"track:{tracks[i].path}" for i in tr_idx]
    per_class_groups = min(len({g for g, c in zip(groups, y_tr) if c == k}) for k in range(len(labels)))
    if per_class_groups < 2:  # one artist per genre: cross-validate by track instead
        groups = [f"track:{tracks[i].path}" for i in tr_idx]
    cv_info: dict = {}
    # one BLAS thread: these problems are tiny, and several threads on a busy CPU are 10-100x slower
    with threadpool_limits(1):
        if getattr(args, "head_c", None):
            C = float(args.head_c)
            cv_info = {"cv": "C given with --head-c"}
        else:
            C, cv_info = choose_c(x_tr, own_tr, y_tr, groups, len(labels), seed)
        head = fit_classifier(x_tr, own_tr, y_tr, len(labels), C, seed)
    t_fit = time.perf_counter() - t1

    # -- held-out evaluation (the app's pooling: mean of patch probabilities)
    chance = 1.0 / len(labels)
    evaluation: dict = {
        "dataset": f"{ds.kind}: {ds.source}",
        "method": f"few-shot head (logistic regression, C={C:g}) on {binfo.key} "
        f"{'embedding + tag scores' if which == 'both' else which}, {n_patches} patches/track",
        "train_tracks": int(len(tr_idx)),
        **cv_info,
        "training_split": training_split,
    }
    if len(te_idx):
        remap_te = -np.ones(len(tracks), np.int64)
        remap_te[te_idx] = np.arange(len(te_idx))
        m_te = is_test[owner]
        probs = pooled(head, x[m_te], remap_te[owner[m_te]], len(te_idx))
        metrics = track_metrics(probs, y[te_idx], labels)
        majority = Counter(y[te_idx].tolist()).most_common(1)[0][1] / len(te_idx)
        evaluation.update(
            {
                "split": "held-out test tracks (split by track/artist: no track on both sides)",
                "tracks": metrics["tracks"],
                "accuracy": round(metrics["accuracy"], 4),
                "top3_accuracy": round(metrics["top3_accuracy"], 4),
                "macro_f1": round(metrics["macro_f1"], 4),
                "log_loss": round(metrics["loss"], 4),
                "chance_accuracy": round(chance, 4),
                "majority_accuracy": round(majority, 4),
                "per_class": {
                    k: {kk: (round(vv, 4) if isinstance(vv, float) else vv) for kk, vv in v.items()}
                    for k, v in metrics["per_class"].items()
                },
            }
        )
        say(
            f"held-out accuracy {metrics['accuracy']:.3f} on {metrics['tracks']} test tracks "
            f"(chance {chance:.3f}, always-the-commonest {majority:.3f})"
        )
    else:
        evaluation.update(
            {
                "split": "none: no test tracks (too few tracks, or --test-fraction 0)",
                "tracks": 0,
                "chance_accuracy": round(chance, 4),
            }
        )
        say("no held-out test tracks: the model's evaluation has only the cross-validation figures")

    # -- export: one ONNX file = backbone + head
    t2 = time.perf_counter()
    n_train = int(len(tr_idx))
    user_licence = _arg(args, "license", "") or "trained on the user's own music (personal use)"
    info = ModelInfo(
        name=_arg(args, "name", "") or out.stem,
        version=_arg(args, "version", "1.0.0"),
        labels=tuple(labels),
        label_kinds=tuple("genre" for _ in labels),
        feature_spec=dict(binfo.feature_spec),
        input_name=binfo.input_name,
        output_name=OUTPUT_NAME,
        activation="softmax",
        pooling="mean",
        license=f"backbone {binfo.name}: {binfo.license}; head: {user_licence}",
        credit="; ".join(
            x
            for x in (
                f"backbone: {binfo.credit or binfo.name}",
                f"few-shot head trained by Genre Tagger's `trainer fit --arch head` on {n_train} user tracks",
                _arg(args, "credit", ""),
            )
            if x
        ),
        description=_arg(args, "description", "")
        or (
            f"few-shot genre head ({len(labels)} genres) on {binfo.key}: "
            f"logistic regression on {which} features of 3-second patches"
        ),
        embedding_output=binfo.embedding_output,
        evaluation=evaluation,
    )
    model = merge_into_backbone(backbone, head, which, binfo)
    write_metadata(model, info)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.stem}.tmp.onnx")  # read_metadata wants an .onnx name
    onnx.save(model, str(tmp))
    check_paths = [tracks[i].path for i in tr_idx[:2]]
    try:
        diff = verify(tmp, str(backbone), head, which, check_paths, n_patches)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    final = out
    read_back = read_metadata(final)
    t_export = time.perf_counter() - t2
    total = time.perf_counter() - t0
    summary = {
        "out": str(final),
        "labels": labels,
        "C": C,
        "evaluation": evaluation,
        "notes": notes,
        "parity_max_abs_diff": diff,
        "tracks": len(tracks),
        "train_tracks": n_train,
        "test_tracks": int(len(te_idx)),
        "test_paths": [tracks[i].path for i in te_idx],
        "unreadable": unreadable,
        "cached": cached,
        "seconds": {
            "features": round(t_feat, 2),
            "fit": round(t_fit, 2),
            "export": round(t_export, 2),
            "total": round(total, 2),
        },
        "info": read_back,
        "head": head,
        "features": which,
        "n_patches": n_patches,
    }
    card = write_card(final, read_back, summary, ds)
    for n in notes:
        say(n)
    say(
        f"{len(tracks)} tracks ({n_train} train, {len(te_idx)} test) in {len(labels)} genres; "
        f"C={C:g}; features {t_feat:.1f} s ({cached} cached), fit {t_fit:.2f} s, export+check {t_export:.1f} s; "
        f"parity {diff:.1e}"
    )
    say(f"wrote {final} and {card.name}")
    return summary


def write_card(out: Path, info, summary: dict, ds) -> Path:
    ev = info.evaluation
    per_class = "\n".join(
        f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        for c, v in ev.get("per_class", {}).items()
    )
    figures = "\n".join(f"| {k} | {v} |" for k, v in ev.items() if k not in ("per_class", "cv_grid", "training_split"))
    notes = "\n".join(f"- {n}" for n in summary["notes"]) or "- (none)"
    ts = ev.get("training_split") or {}
    if ts.get("origin") in ("csv", "gtzan-fault-filtered"):
        split = f"Split: the data's own ({ts['origin']})."
    else:
        split = (
            f"Split: seed {ts['seed']}, {ts['valid_fraction']:.0%} valid, {ts['test_fraction']:.0%} "
            f"test per genre ({ts.get('origin')})."
            if ts
            else ""
        )
    card = out.with_suffix(".md")
    card.write_text(f"""# {info.name} {info.version}

{info.description}

- Genres ({len(info.labels)}, kind `genre`, softmax, mean-pooled over patches): {", ".join(info.labels)}
- One file: the backbone graph plus the head (standardise, linear, softmax) as ONNX nodes;
  input `{info.input_name}` as the backbone's, output `{info.output_name}`, embedding `{info.embedding_output}`
- Licence: {info.license}
- Credit: {info.credit}
- Seconds: {summary["seconds"]}; onnxruntime vs the trained head: max |difference| {summary["parity_max_abs_diff"]:.1e}

## Data

{ds.describe()}. {split}

{notes}

{EVAL_START}
## Evaluation

| figure | value |
|---|---|
{figures}

| genre | precision | recall | F1 | test tracks |
|---|---|---|---|---|
{per_class}
{EVAL_END}
""")
    return card
