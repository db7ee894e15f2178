"""Genre vocabulary: model labels and tag spellings -> the canonical names written into files.

The bundled table (`resources/vocabulary.json`) can be replaced by the user's own copy in
the config folder. Lookups ignore case, spaces and punctuation ("hip hop" = "Hip-Hop").

Genres have parents ("parents": {"Heavy Metal": "Metal", "Metal": "Rock"}). What a model
label becomes is shaped by two settings (Settings -> Tags), here and nowhere else, so the
review table, `decide`, `apply` and `analyze` all see the same names:

- the level: "specific" (the genre itself), "top" (its top-level ancestor) or "both";
- the whitelist (as beets' lastgenre): only these genres are written; any other folds into
  its nearest allowed ancestor, and is left out when it has none.

`GenreMap` is the one rule that turns a model's label scores into one score per genre
name; the names a label stands for come from the level and the whitelist (`shape`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from tagger import messages
from tagger.fsnames import has_controls, one_line
from tagger.paths import config_dir, resources_dir
from tagger.suggestion import suggest

USER_FILE = "vocabulary.json"
GENRE_NAME_MAX = 200  # characters: longer is a paste gone wrong, not a genre


def genre_name_problem(name: str) -> messages.Message | None:
    """Why `name` cannot be a genre, or None: the one rule for a name typed in an
    override, given to `tagger decide --genres`, or named by a vocabulary. A control
    character (a tab, an escape; a line break only gets here from a tag, a file or a
    script) would travel into every file and every line that shows it, and a
    text-direction override would reorder what follows it wherever it is shown."""
    if has_controls(name):
        return messages.Message(messages.GENRE_CONTROL_CHARACTER, genre=one_line(name))
    if any("\udc80" <= c <= "\udcff" for c in name):  # an argument's undecodable bytes (surrogateescape)
        return messages.Message(messages.GENRE_NOT_TEXT, genre=one_line(name))
    if len(name) > GENRE_NAME_MAX:
        return messages.Message(messages.GENRE_TOO_LONG, length=len(name), most=GENRE_NAME_MAX)
    return None


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


LEVELS = ("specific", "top", "both")


class GenreMap:
    """A model's label scores -> one score per genre name (vectorised over tracks).

    The rule: each label counts for every name `names_of` gives its tag (the level and
    the whitelist, `Vocabulary.shape`: usually one name, two for the level "both", none
    for a genre the whitelist leaves out), and the labels of one name are grouped. Within one
    tagger the group's best label counts (its synonyms and sub-tags, e.g. "electronic"
    and "electronica", are evidence for the same genre); the taggers of a fused model
    (`label_sources`) that both have the genre count equally: the mean of their scores.
    A mean, not the best of them: a genre two taggers know would otherwise get two
    chances to score high, against one for a genre only one tagger knows (the model
    card, resources/models/msd-mtt-musicnn.md, has the reasoning and the measurements).
    """

    def __init__(self, info, names_of: Callable[[str], Sequence[str]], kinds: Sequence[str] = ("genre",)):
        groups: dict[str, dict[str, list[int]]] = {}
        for i, (tag, kind, source) in enumerate(zip(info.tags, info.label_kinds, info.sources)):
            if kind in kinds:
                for name in names_of(tag):
                    groups.setdefault(name, {}).setdefault(source, []).append(i)
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


class BaseGenres:
    """A model's genre names as a personal genre is matched to them (tagger.review.
    GenreMapper): by the vocabulary's canonical name, so a personal model that spells
    a genre "hip hop" meets the model's "Hip-Hop"."""

    def __init__(self, names, canonical: Callable[[str], str]):
        self.names = frozenset(names)
        self._canonical = canonical

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._canonical(name) in self.names


class Vocabulary:
    def __init__(
        self,
        genres: dict[str, list[str]],
        parents: dict[str, str] | None = None,
        level: str = "specific",
        allowed: list[str] | None = None,
    ):
        for name in genres:  # written into files: a genre name by the one rule
            problem = genre_name_problem(name) if isinstance(name, str) else "a genre name must be text"
            if problem is not None:
                raise ValueError(problem)
        self.genres = {k: list(v) for k, v in genres.items()}
        self._lookup: dict[str, str] = {}
        for canonical, aliases in self.genres.items():
            for spelling in [canonical, *aliases]:
                self._lookup.setdefault(normalise(spelling), canonical)
        self.parents = self._checked_parents(parents or {})
        self._maps: dict[tuple, GenreMap] = {}
        self.configure(level, allowed)

    def _checked_parents(self, parents: dict[str, str]) -> dict[str, str]:
        """{genre: parent} in canonical spellings; a parent must be a genre of the table
        and the chain must end (no genre is its own ancestor)."""
        out: dict[str, str] = {}
        for child, parent in parents.items():
            if not isinstance(child, str) or not isinstance(parent, str):
                raise ValueError("'parents' must map genre names to genre names")
            c, p = self.canonical(child), self.canonical(parent)
            for name in (c, p):
                if name not in self.genres:
                    raise ValueError(f"'parents' names {name!r}, which is not a genre of the vocabulary")
            out[c] = p
        for start in out:
            seen = {start}
            node = start
            while node in out:
                node = out[node]
                if node in seen:
                    raise ValueError(f"'parents' loops: {start!r} is its own ancestor")
                seen.add(node)
        return out

    def configure(self, level: str = "specific", allowed: list[str] | None = None) -> None:
        """How labels are shaped: the level (LEVELS) and the whitelist (empty: all)."""
        if level not in LEVELS:
            raise ValueError(f"unknown genre level {level!r} (one of {', '.join(LEVELS)})")
        self.level = level
        self.allowed = [self.canonical(g) for g in allowed or [] if g.strip()]

    def with_genres(self, genres: dict[str, list[str]], parents: dict[str, str] | None = None) -> Vocabulary:
        """Another table, shaped by the same settings (parents of genres no longer in
        it are dropped)."""
        kept = {
            c: p for c, p in (parents if parents is not None else self.parents).items() if c in genres and p in genres
        }
        return Vocabulary(genres, kept, self.level, self.allowed)

    # ---- the hierarchy
    def ancestors(self, name: str) -> list[str]:
        """Parent, grandparent, ... of a genre (canonical names)."""
        out: list[str] = []
        node = self.canonical(name)
        while node in self.parents:
            node = self.parents[node]
            out.append(node)
        return out

    def children(self, name: str | None) -> list[str]:
        """The genres whose parent is `name` (None: the top-level genres), sorted."""
        return sorted((g for g in self.genres if self.parents.get(g) == name), key=str.casefold)

    def shape(self, name: str) -> list[str]:
        """The names written for a genre, by the level and the whitelist."""
        chain = [self.canonical(name), *self.ancestors(name)]
        if self.allowed:
            chain = [g for g in chain if g in self.allowed]
            if not chain:
                return []  # nothing allowed above it: left out
        specific, top = chain[0], chain[-1]
        if self.level == "top":
            return [top]
        if self.level == "both" and top != specific:
            return [specific, top]
        return [specific]

    def label_names(self, label: str) -> list[str]:
        """The genre names a model label stands for (shaped): usually one."""
        return self.shape(label)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Vocabulary:
        """The user's vocabulary if there is one, else the bundled one."""
        if path is None:
            user = config_dir() / USER_FILE
            path = user if user.exists() else bundled_path()
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or "genres" not in data:
                raise ValueError("a JSON object with 'genres' was expected")
            genres = data["genres"]
            if not isinstance(genres, dict) or not all(isinstance(v, list) for v in genres.values()):
                raise ValueError("'genres' must map names to lists of aliases")
            parents = data.get("parents", {})
            if not isinstance(parents, dict):
                raise ValueError("'parents' must map genre names to their parent genre")
            return cls(genres, parents)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not a valid vocabulary file ({exc})") from None

    def save(self, path: str | Path | None = None) -> Path:
        path = Path(path) if path else config_dir() / USER_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        data: dict = {"genres": self.genres}
        if self.parents:
            data["parents"] = self.parents
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
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
        """The model's labels of `kinds` grouped by the names they stand for (`GenreMap`,
        shaped by the level and the whitelist), kept per model and setting."""
        key = (info.labels, info.label_kinds, info.label_sources, tuple(kinds), self.level, tuple(self.allowed))
        if key not in self._maps:
            self._maps[key] = GenreMap(info, self.label_names, kinds)
        return self._maps[key]

    def base_genres(self, info) -> BaseGenres:
        """The model's genres that a personal genre of the same name may replace."""
        return BaseGenres(self.genre_map(info).names, self.canonical)

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
