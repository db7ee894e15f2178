"""Track-level figures of a classifier, shared by `trainer fit` (every architecture,
`--arch head` too) for its validation and its held-out test."""

from __future__ import annotations

import numpy as np


def track_metrics(probs: np.ndarray, y: np.ndarray, labels: list[str]) -> dict:
    """Track-level figures from pooled probabilities [n, classes] and true indices [n]."""
    # imported here: scikit-learn takes seconds to import, and `trainer --help` loads
    # trainer.head, which uses this module
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    pred = probs.argmax(1)
    k = min(3, probs.shape[1])
    topk = np.argsort(-probs, axis=1)[:, :k]
    present = sorted(set(y.tolist()))
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=list(range(len(labels))), zero_division=0)
    eps = 1e-7
    return {
        "tracks": int(len(y)),
        "accuracy": float((pred == y).mean()),
        "top3_accuracy": float((topk == y[:, None]).any(1).mean()),
        "macro_f1": float(f1_score(y, pred, labels=present, average="macro", zero_division=0)),
        "loss": float(-np.log(np.clip(probs[np.arange(len(y)), y], eps, 1.0)).mean()),
        "per_class": {
            labels[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i in range(len(labels))
        },
    }


def wilson_interval(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion (sound for small n and 0 or n hits)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def reliability(confidence, correct, n_bins: int = 10) -> dict:
    """Top-1 calibration: tracks binned by their best score (equal-width bins over 0-1).

    Per bin: tracks, mean confidence, accuracy (share whose best genre is right) and its
    95 % interval. ECE = sum over bins of (tracks in bin / all tracks) x |accuracy -
    mean confidence| (Guo et al. 2017); 0 means a score of x was right x of the time."""
    conf = np.clip(np.asarray(confidence, np.float64), 0.0, 1.0)
    ok = np.asarray(correct, bool)
    which = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    bins, ece = [], 0.0
    for b in range(n_bins):
        mask = which == b
        n = int(mask.sum())
        row = {"low": b / n_bins, "high": (b + 1) / n_bins, "tracks": n}
        if n:
            hits = int(ok[mask].sum())
            row.update(confidence=float(conf[mask].mean()), accuracy=hits / n, right=hits)
            row["interval"] = list(wilson_interval(hits, n))
            ece += n / len(conf) * abs(row["accuracy"] - row["confidence"])
        bins.append(row)
    return {"ece": float(ece), "tracks": int(len(conf)), "accuracy": float(ok.mean()) if len(ok) else 0.0, "bins": bins}


def threshold_table(ranked: list[list[tuple[str, float]]], truth: list[set[str]], max_genres: int, thresholds) -> list:
    """What each threshold would have meant for the app's suggestions (the one rule,
    tagger.suggestion.suggest): how many tracks get one, how often their first genre is
    right, and how many of all the suggested genres are right."""
    from tagger.suggestion import suggest

    rows = []
    for t in thresholds:
        chosen = [suggest(r, t, max_genres) for r in ranked]
        with_one = [(c, tr) for c, tr in zip(chosen, truth) if c]
        first_right = sum(c[0][0] in tr for c, tr in with_one)
        genres = sum(len(c) for c, _ in with_one)
        genres_right = sum(name in tr for c, tr in with_one for name, _ in c)
        rows.append(
            {
                "threshold": float(t),
                "tracks": len(ranked),
                "suggested": len(with_one),
                "first_right": first_right,
                "genres": genres,
                "genres_right": genres_right,
            }
        )
    return rows


SMALL_SET = 100  # fewer tracks than this: read a rate with its interval (trainer evaluate says so too)


def recorded_figures(metrics: dict, n_classes: int) -> dict:
    """The headline figures a trained model records about itself (`track_metrics`):
    accuracy and macro-F1; top-3 accuracy only with more than 3 classes (else it is 1.0
    whatever the model does); and, on a small set, the accuracy's 95 % interval, so a
    figure from a handful of tracks does not read like one from thousands."""
    n = metrics["tracks"]
    out = {"tracks": n, "accuracy": round(metrics["accuracy"], 4)}
    if n_classes > 3:
        out["top3_accuracy"] = round(metrics["top3_accuracy"], 4)
    out["macro_f1"] = round(metrics["macro_f1"], 4)
    interval = small_set_interval(metrics["accuracy"], n)
    if interval is not None:
        out["accuracy_95_interval"] = f"{interval} (a small set: {n} tracks)"
    return out


def small_set_interval(accuracy: float, n: int) -> str | None:
    """'0.27-0.81': the 95 % interval of an accuracy measured on fewer than SMALL_SET
    tracks (None on a larger set, where the figure speaks for itself)."""
    if not 0 < n < SMALL_SET:
        return None
    low, high = wilson_interval(round(accuracy * n), n)
    return f"{low:.2f}-{high:.2f}"


def figures_line(split: str, figures: dict) -> str:
    """'test split (9 tracks): accuracy 0.556, 95 % interval 0.27-0.81 (a small set: 9
    tracks), macro-F1 0.533' from `recorded_figures`: what `trainer fit` says at its end."""
    acc = f"accuracy {figures['accuracy']:.3f}"
    if "accuracy_95_interval" in figures:
        acc += f", 95 % interval {figures['accuracy_95_interval']}"
    top3 = f", top-3 {figures['top3_accuracy']:.3f}" if "top3_accuracy" in figures else ""
    return f"{split} split ({figures['tracks']} tracks): {acc}{top3}, macro-F1 {figures['macro_f1']:.3f}"
