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
