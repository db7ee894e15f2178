"""The suggestion rule: which of a track's genre scores the app proposes to write.

One rule for every place that shows, accepts or writes a suggestion (the review table,
`tagger analyze`, `tagger decide --accept`, `tagger apply`, the GUI's Accept and album
actions): the genres scoring at least `min_confidence`, best first, at most `max_genres`.
A track whose best genre is below the threshold has *no* suggestion: the table may show
that best guess (greyed) so the user can judge it, but accepting it takes an explicit
override, in the GUI as on the command line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tagger.messages import BEST_BELOW_THRESHOLD, MAX_GENRES_ZERO, NO_GENRE_LABELS, Message

Ranked = Sequence[tuple[str, float]]  # (genre, score), best first


def suggest(ranked: Ranked, min_confidence: float, max_genres: int) -> list[tuple[str, float]]:
    """The genres to propose: score >= min_confidence, at most max_genres (0: none)."""
    return [(name, score) for name, score in ranked if score >= min_confidence][: max(0, max_genres)]


def suggested_counts(sorted_scores, min_confidence: float, max_genres: int):
    """`suggest` for many tracks at once: `sorted_scores` [n, k] holds each track's best
    scores, best first (a negative score: no such genre); returns how many of each row's
    first genres `suggest` would propose ([n] ints). The genres reaching the threshold
    are a prefix of a sorted row, so the count says it all."""
    import numpy as np

    top = np.asarray(sorted_scores)
    ok = (top >= 0) & (top >= min_confidence)
    first_miss = np.where(ok.all(axis=1), top.shape[1], np.argmin(ok, axis=1))
    return np.minimum(first_miss, max(0, max_genres))


def why_no_suggestion(ranked: Ranked, min_confidence: float, max_genres: int) -> str:
    """Why `suggest` returned nothing for an analysed track, in the user's words."""
    if max_genres < 1:
        return Message(MAX_GENRES_ZERO)
    if not ranked:
        return Message(NO_GENRE_LABELS)
    name, score = ranked[0]
    # shown rounded down: 0.1996 is "0.19", not a "0.20" below a threshold of 0.2
    return Message(BEST_BELOW_THRESHOLD, genre=name, score=shown_percent(score) / 100, threshold=min_confidence)


def shown_score(score: float) -> str:
    """A score as the CLI shows it, two decimals rounded down like `shown_percent`
    (0.4499 is "0.44", the "44%" of the app)."""
    return f"{shown_percent(score) / 100:.2f}"


def shown_percent(score: float) -> int:
    """A score as a whole percentage, rounded down: a score shown at the threshold meets
    it (19.96 % shown as "20 %" beside an empty suggestion at a 20 % threshold looked
    like a fault). The app's tables, bars and album list show scores this way."""
    return math.floor(score * 100 + 1e-9)  # (1e-9: 0.29 * 100 is 28.999999999999996)
