"""Genre vocabulary: model labels and tag spellings -> the canonical names written into files.

The bundled table (`resources/vocabulary.json`) can be replaced by the user's own copy in
the config folder. Lookups ignore case, spaces and punctuation ("hip hop" = "Hip-Hop").

`GenreMap` is the one rule that turns a model's label scores into one score per genre.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from tagger.paths import config_dir, resources_dir
from tagger.suggestion import suggest

USER_FILE = "vocabulary.json"


def normalise(name: str) -> str:
    return re.sub(r"[^0-9a-z&+]", "", name.casefold())


# How several genres end up in one tag value: "; " (Picard, foobar2000, WAV INFO IGNR as
# this app writes it), "/" (ID3v2.3), ", " and " | " (typed by hand). Files are never
# split on these (see tagger.tags); merge only uses them to see what a value holds.
_JOINED = re.compile(r"[;/,|]")


def value_parts(value: str) -> list[str]:
    """A tag value and, when it reads as several genres joined ("electronica; Jazz"),
    each of them."""
    parts = [p.strip() for p in _JOINED.split(value) if p.strip()]
    return [value, *parts] if len(parts) > 1 else [value]


class GenreMap:
    """A model's label scores -> one score per genre name (vectorised over tracks).

    The rule: the labels whose tag `name_of` maps to one name are grouped. Within one
    tagger the group's best label counts (its synonyms and sub-tags, e.g. "electronic"
    and "electronica", are evidence for the same genre); the taggers of a fused model
    (`label_sources`) that both have the genre count equally: the mean of their scores.
    A mean, not the best of them: a genre two taggers know would otherwise get two
    chances to score high, against one for a genre only one tagger knows (the model
    card, resources/models/msd-mtt-musicnn.md, has the reasoning and the measurements).
    """

    def __init__(self, info, name_of: Callable[[str], str], kinds: Sequence[str] = ("genre",)):
        groups: dict[str, dict[str, list[int]]] = {}
        for i, (tag, kind, source) in enumerate(zip(info.tags, info.label_kinds, info.sources)):
            if kind in kinds:
                groups.setdefault(name_of(tag), {}).setdefault(source, []).append(i)
        self.names: list[str] = sorted(groups)
        self.first_label = [min(i for labels in groups[name].values() for i in labels) for name in self.names]
        # one row per (name, source): the labels whose best score is that source's vote
        self._votes = [(j, labels) for j, name in enumerate(self.names) for labels in groups[name].values()]
        self._n_votes = np.array([len(groups[name]) for name in self.names], dtype=np.float32)
        self.n_labels = len(info.labels)

    def matrix(self, scores) -> np.ndarray:
        """[n, labels] (or [labels]) model scores -> [n, names] genre scores (float32
        for float32 input, as the review table keeps them; float64 otherwise)."""
        scores = np.asarray(scores)
        dtype = np.float32 if scores.dtype == np.float32 else np.float64
        scores = scores.astype(dtype, copy=False)
        if scores.ndim == 1:
            scores = scores[None, :]
        out = np.zeros((scores.shape[0], len(self.names)), dtype=dtype)
        for j, labels in self._votes:
            out[:, j] += scores[:, labels].max(axis=1)
        return out / self._n_votes.astype(dtype) if len(self.names) else out

    def ranked(self, scores) -> list[tuple[str, float]]:
        """(name, score) of one track, best first; ties by name."""
        vec = self.matrix(scores)[0]
        return sorted(zip(self.names, map(float, vec)), key=lambda kv: (-kv[1], kv[0]))


class Vocabulary:
    def __init__(self, genres: dict[str, list[str]]):
        self.genres = {k: list(v) for k, v in genres.items()}
        self._lookup: dict[str, str] = {}
        for canonical, aliases in self.genres.items():
            for spelling in [canonical, *aliases]:
                self._lookup.setdefault(normalise(spelling), canonical)
        self._maps: dict[tuple, GenreMap] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Vocabulary:
        """The user's vocabulary if there is one, else the bundled one."""
        if path is None:
            user = config_dir() / USER_FILE
            path = user if user.exists() else bundled_path()
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            genres = data["genres"]
            if not isinstance(genres, dict) or not all(isinstance(v, list) for v in genres.values()):
                raise ValueError("'genres' must map names to lists of aliases")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not a valid vocabulary file ({exc})") from None
        return cls(genres)

    def save(self, path: str | Path | None = None) -> Path:
        path = Path(path) if path else config_dir() / USER_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"genres": self.genres}, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        return path

    def canonical(self, name: str) -> str:
        """The canonical spelling of a genre name; unknown names are kept as they are."""
        name = name.strip()
        return self._lookup.get(normalise(name), name)

    def same(self, a: str, b: str) -> bool:
        return normalise(self.canonical(a)) == normalise(self.canonical(b))

    def names(self) -> list[str]:
        return sorted(self.genres, key=str.casefold)

    def genre_map(self, info, kinds: Sequence[str] = ("genre",)) -> GenreMap:
        """The model's labels of `kinds` grouped by canonical name (`GenreMap`), kept per model."""
        key = (info.labels, info.label_kinds, info.label_sources, tuple(kinds))
        if key not in self._maps:
            self._maps[key] = GenreMap(info, self.canonical, kinds)
        return self._maps[key]

    def genre_scores(self, info, scores, kinds=("genre",)) -> list[tuple[str, float]]:
        """(canonical name, score) for the model's labels of `kinds`, best first, by the
        one rule (`GenreMap`)."""
        return self.genre_map(info, kinds).ranked(scores)

    def suggest(self, info, scores, min_confidence: float, max_genres: int) -> list[tuple[str, float]]:
        """The genres to write, by the one suggestion rule (tagger.suggestion)."""
        return suggest(self.genre_scores(info, scores), min_confidence, max_genres)

    def merge(self, current: list[str], new: list[str]) -> list[str]:
        """`current` plus the genres of `new` it lacks (alias-aware), order kept. Current
        values are kept as they are, but a genre inside a joined one ("Jazz" in
        "electronica; Jazz") counts as present: it is not added a second time."""
        out = list(current)
        held = [part for c in current for part in value_parts(c)]
        for g in new:
            if not any(self.same(g, h) for h in held):
                out.append(g)
                held.append(g)
        return out

    def dedupe(self, genres: list[str]) -> list[str]:
        """Stripped, non-empty, and one spelling per genre (the first one given)."""
        return self.merge([], [g.strip() for g in genres if g and g.strip()])


def bundled_path() -> Path:
    return resources_dir() / USER_FILE
