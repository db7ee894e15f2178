"""The review table as data (Qt-free): one row per track with its current genres, the
model's suggestion and confidence, and where the user's decision stands.

Used by the GUI's table model (which loads rows in a background thread and sorts and
filters them in Python) and usable by the CLI. Everything is loaded with a few bulk
queries, so 100,000 tracks take a second or two, not minutes.

Row status, in order of precedence:
- ``failed``: the file cannot be read, its analysis failed, or the last write to it failed
  (``error`` says why);
- ``written``: the last write batch that touched the file wrote it (and it was not undone,
  and no decision was made since);
- ``accepted`` / ``overridden`` / ``skipped``: the user's decision;
- ``new``: nothing decided yet (``analysed`` tells whether there is a suggestion).
"""

from __future__ import annotations

import gc
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tagger import messages
from tagger.fsnames import readable, readable_name
from tagger.gc_pause import no_collector_passes
from tagger.gil_steps import STEP, fill_rows_in_steps
from tagger.suggestion import suggest, suggested_counts

ALBUM_PART = 2000  # albums built per step of AlbumParts (ReviewData.album_parts): 10-30 ms of Python here
STATUSES = ("new", "accepted", "overridden", "skipped", "written", "failed")

# filter key -> label shown in the UI
FILTERS = {
    "all": "All tracks",
    "review": "Needs review (low confidence)",
    "nogenre": "No genre yet",
    "disagree": "Disagrees with current tag",
    "accepted": "Accepted or overridden",
    "skipped": "Skipped",
    "written": "Written",
    "failed": "Failed",
}

# column key -> header (the GUI shows these translated, tagger/gui/columns.py)
COLUMNS = (
    ("artist", "Artist"),
    ("album", "Album"),
    ("track", "#"),
    ("title", "Title"),
    ("current", "Current genre"),
    ("suggested", "Suggested genre"),
    ("confidence", "Confidence"),
    ("status", "Status"),
    ("decision", "Will write"),
    ("filename", "File name"),
    ("folder", "Folder"),
    ("path", "Path"),
    ("format", "Format"),
    ("duration", "Duration"),
    ("bitrate", "Bitrate"),
    ("added", "Date added"),
)
COLUMN_KEYS = tuple(k for k, _ in COLUMNS)


def join_genres(genres: Iterable[str]) -> str:
    return "; ".join(genres)


def split_genres(text: str) -> list[str]:
    """What a person types or pastes as genres -> the names: 'Jazz; Blues' (or one per
    line) -> ['Jazz', 'Blues'], empty parts and duplicates dropped. Not at commas: a
    genre may hold one (Discogs' "Folk, World, & Country"). The app's override box and
    `tagger decide --genres` both read genres this way."""
    out: list[str] = []
    for part in _GENRE_SEPARATORS.split(text):
        part = part.strip()
        if part and part.casefold() not in (o.casefold() for o in out):
            out.append(part)
    return out


_GENRE_SEPARATORS = re.compile(r";|\r\n|[\n\r\x85\u2028\u2029]")


def folder_as_album(folder: str) -> messages.Message:
    """The name of loose files (no album tag) grouped by their folder: "Downloads (folder)"
    (a Message: the app shows it in its language)."""
    return messages.Message(messages.FOLDER_AS_ALBUM, folder=readable_name(folder))


@dataclass(eq=False, slots=True)  # slots: 100,000 rows without a __dict__ each (about 100 MB less)
class ReviewRow:
    id: int
    path: str
    folder: str = ""
    artist: str = ""
    album: str = ""
    title: str = ""
    tracknumber: int | None = None
    duration: float | None = None
    format: str | None = None
    bitrate: int | None = None  # bits/s: the stream header's, else the file's average
    added_at: float | None = None  # when the track joined the library (epoch seconds)
    current: list[str] = field(default_factory=list)  # the first chosen tag field's values
    # every chosen tag field's values (Settings -> Tags: Genre, Style...), in their order
    field_values: dict[str, list[str]] = field(default_factory=dict)
    track_status: str = "present"  # tracks.status
    analysed: bool = False
    analysis_failed: bool = False  # by the model in use (its reason in `error`)
    # the model's proposal by the one rule (tagger.suggestion): the genres it would write
    # (empty when none reaches the threshold), their scores, the confidence (the best
    # genre score) and that best genre (shown greyed when it is below the threshold)
    suggestion: list[str] = field(default_factory=list)
    suggestion_scores: list[float] = field(default_factory=list)
    confidence: float | None = None
    best_guess: str | None = None
    decision: str | None = None  # accepted | overridden | skipped
    decision_genres: list[str] = field(default_factory=list)
    decided_at: float | None = None
    status: str = "new"
    error: str | None = None
    genre_vector: np.ndarray | None = None  # per GenreMapper.names, for album pooling
    mood: str | None = None  # the mood a write puts in the Mood field (Settings -> Tags), if any
    scores: np.ndarray | None = None  # the base model's label scores (re-mapped when the personal model changes)
    embedding: np.ndarray | None = None  # the stored pooled embedding (a personal model reads it)
    last_change: tuple | None = None  # the last write to the file, as loaded (see _status)
    _haystack: str | None = None
    _preview: tuple | None = None  # (write mode, previews by field): ReviewData.previews_by_field cache

    # -- display
    @property
    def file_name(self) -> str:
        return readable_name(self.path)  # a name that is not UTF-8 shown as caf\xe9.flac

    @property
    def display_title(self) -> str:
        """The title tag, else the file name (a row is never a line of blanks)."""
        return self.title or self.file_name

    @property
    def will_write(self) -> list[str]:
        """The genres this row proposes (decision first, else the suggestion)."""
        if self.decision == "skipped":
            return []
        if self.decision in ("accepted", "overridden"):
            return list(self.decision_genres)
        return []

    def haystack(self) -> str:
        if self._haystack is None:
            self._haystack = "\n".join(
                [
                    self.artist or "",
                    self.album or "",
                    self.title or "",
                    readable(self.path),
                    join_genres(self.current),
                    join_genres(self.suggestion),
                    join_genres(self.decision_genres),
                ]
            ).casefold()
        return self._haystack

    @property
    def unanalysable(self) -> bool:
        """The file could not be read, or the model in use failed on it: no genre scores
        (a failed write's reason is in `error` too, but the file was analysed)."""
        return self.track_status == "error" or self.analysis_failed

    @property
    def writable(self) -> bool:
        """Whether a write can touch the file (tagger.apply.plan only plans present tracks)."""
        return can_be_decided(self.track_status)

    def invalidate(self) -> None:
        self._haystack = None
        self._preview = None


class GenreMapper:
    """Model scores -> scores per canonical genre name (vectorised over many tracks), by
    the one rule (`tagger.vocabulary.GenreMap`); with a personal model, its genres
    overlaid from the tracks' embeddings.

    With a personal model (tagger.personal) the names are the base model's genres plus
    the user's: a user genre spelled like a base genre (after the vocabulary) replaces
    that genre's score once it has earned it, else only raises it
    (PersonalModel.replaces_base); the base model's other genres keep their scores. A track without
    a stored embedding keeps the base model's scores (its user-only genres are unknown)."""

    def __init__(self, info, vocab, personal=None):
        self.info = info
        self.vocab = vocab
        self.personal = personal
        self._map = vocab.genre_map(info)
        base = list(self._map.names)
        user = [vocab.canonical(g) for g in personal.genres] if personal is not None else []
        self.base_names = set(base)  # the genres patch scores can show
        self.names: list[str] = sorted(self.base_names | set(user))
        index = {n: j for j, n in enumerate(self.names)}
        self._base_idx = np.array([index[n] for n in base], dtype=np.int64)
        self._user_idx = np.array([index[n] for n in user], dtype=np.int64)
        # per user genre: its score replaces the base genre's, or only raises it
        self._replaces = personal.replaces_base() if personal is not None else np.zeros(0, bool)
        self.n_labels = len(info.labels)

    def genre_matrix(self, scores: np.ndarray, embeddings: np.ndarray | None = None, has=None) -> np.ndarray:
        """[n, labels] model scores -> [n, genres] (the vocabulary's rule); with
        `embeddings` [n, d] (rows where `has` is False are ignored), the personal model's
        genres overlaid (a user genre named like a base genre replaces its score when it
        has earned it, else raises it: PersonalModel.replaces_base)."""
        scores = np.asarray(scores, dtype=np.float32)
        if scores.ndim == 1:
            scores = scores[None, :]
        out = np.full((scores.shape[0], len(self.names)), -1.0, dtype=np.float32)
        out[:, self._base_idx] = self._map.matrix(scores)
        if self.personal is not None and embeddings is not None and len(self._user_idx):
            e = np.asarray(embeddings, np.float32)
            if e.ndim == 1:
                e = e[None, :]
            rows = np.arange(len(out)) if has is None else np.flatnonzero(np.asarray(has, bool))
            if len(rows) and e.shape[-1] == self.personal.coef.shape[0]:
                own = self.personal.scores(e[rows])
                before = out[np.ix_(rows, self._user_idx)]  # -1 for a genre the base model lacks
                out[np.ix_(rows, self._user_idx)] = np.where(self._replaces, own, np.maximum(before, own))
        return out

    def ranked(self, vec: np.ndarray) -> list[tuple[str, float]]:
        """(name, score) best first; ties by name, like Vocabulary.genre_scores."""
        order = np.argsort(-vec, kind="stable")  # names are sorted: ties keep name order
        return [(self.names[j], float(vec[j])) for j in order if vec[j] >= 0]

    def suggestion(self, vec: np.ndarray, min_confidence: float, max_genres: int):
        """(genres, scores, confidence, best genre) by the one rule (tagger.suggestion):
        the genres may be empty while the best genre and its score are still known."""
        # the rule never looks past the first max_genres genres: rank only those (album
        # grouping calls this once per album, on 100,000-track libraries too)
        order = np.argsort(-vec, kind="stable")[: max(1, max_genres)]
        ranked = [(self.names[j], float(vec[j])) for j in order if vec[j] >= 0]
        if not ranked:
            return [], [], None, None
        chosen = suggest(ranked, min_confidence, max_genres)
        return [n for n, _ in chosen], [s for _, s in chosen], ranked[0][1], ranked[0][0]


def _collapsed(pairs: list[tuple]) -> list[tuple]:
    """Per-field entries (field, ...), as one (the first) when all but the field agree."""
    return pairs[:1] if all(p[1:] == pairs[0][1:] for p in pairs) else pairs


def _field_values(fields_json: str | None, name: str) -> list[str]:
    try:
        values = json.loads(fields_json or "{}").get(name, [])
    except (ValueError, AttributeError):
        return []
    return [v for v in values if isinstance(v, str)]


def _embedding_size(rows: list[ReviewRow]) -> int | None:
    """The most common embedding size of the rows (None: none has one)."""
    sizes = Counter(len(r.embedding) for r in rows if r.embedding is not None)
    return sizes.most_common(1)[0][0] if sizes else None


def _embedding_matrix(rows: list[ReviewRow], size: int | None = None) -> tuple[np.ndarray | None, np.ndarray]:
    """The rows' embeddings of `size` (default: their most common size) as one [n, d]
    matrix (zeros where a row has none) and which rows have one."""
    has = np.zeros(len(rows), bool)
    d = size or _embedding_size(rows)
    if d is None:
        return None, has
    out = np.zeros((len(rows), d), np.float32)
    for i, r in enumerate(rows):
        if r.embedding is not None and len(r.embedding) == d:
            out[i] = r.embedding
            has[i] = True
    return out, has


def _stored_embeddings(items: list[tuple]) -> tuple[np.ndarray | None, np.ndarray]:
    """The float16 embeddings of load items (row, scores json, scores u16, embedding) as
    one [n, d] matrix (zeros where none) and which have one."""
    from tagger.personal import blobs_to_matrix

    sizes = Counter(len(it[3]) for it in items if it[3] is not None)
    has = np.zeros(len(items), bool)
    if not sizes:
        return None, has
    size = sizes.most_common(1)[0][0]
    out = np.zeros((len(items), size // 2), np.float32)
    take = [i for i, it in enumerate(items) if it[3] is not None and len(it[3]) == size]
    fill_rows_in_steps(out, take, [items[i][3] for i in take], blobs_to_matrix)
    has[take] = True
    return out, has


@contextmanager
def _no_gc_passes():
    """No cyclic-garbage passes while many rows are built (they hold no cycles; each
    pass walked every row, up to 0.35 s with the UI thread waiting for the GIL), and
    the rows built moved out of the collector's view afterwards (gc.freeze)."""
    gc.unfreeze()  # the rows of an earlier load: collectable again (if in a cycle)
    # frozen before the collector is back on: otherwise its first (young) pass walked
    # the 700,000 objects just built, 165 ms with the window waiting
    with no_collector_passes(keep_out=True):
        yield


_POOL = object()  # album_row: "pool the members' vectors here"


def _show_suggestion(row: ReviewRow, vector: np.ndarray, suggestion: tuple) -> None:
    """A row's genre vector and its suggestion (ReviewData._suggestions' tuple)."""
    row.genre_vector = vector
    row.suggestion, row.suggestion_scores, row.confidence, row.best_guess = suggestion
    row._haystack = None  # the search text follows the suggestion


@dataclass
class PersonalRescore:
    """ReviewData.prepare_personal's result: every analysed row's suggestion under
    another personal model, computed and not yet applied."""

    personal: Any
    mapper: GenreMapper
    rows: list[ReviewRow]  # the analysed rows
    scores: list  # each row's model scores as computed from (the same objects)
    genres: np.ndarray  # [rows, genres] genre vectors
    suggestions: list[tuple[list[str], list[float], float | None, str | None]]
    vectors: tuple[np.ndarray, np.ndarray]  # ReviewData.genre_vectors as it will be
    changed: list[ReviewRow] = field(default_factory=list)  # filled as it is applied


class ReviewData:
    """All rows of a library (for one model), plus filtering, searching, sorting and
    album grouping. Loading is the slow part: call `load` off the UI thread."""

    def __init__(
        self,
        info,
        vocab,
        min_confidence: float = 0.5,
        max_genres: int = 2,
        write_mode: str = "fill",
        mood_threshold: float | None = None,
        field: str = "genre",
        personal=None,
        fields: Iterable[str] | None = None,
    ):
        self.info = info
        self.vocab = vocab
        # the tag fields genres are written to (Settings -> Tags), `field` alone when not
        # given: "Current" and "Will write" show each; the first one's values are each
        # row's `current` (filters, sorting, album pooling)
        self.fields: tuple[str, ...] = tuple(fields) if fields else (field,)
        self.field = self.fields[0]
        self.mood_threshold = mood_threshold  # None: no mood is written (the default)
        self.min_confidence = min_confidence
        self.max_genres = max_genres
        self.write_mode = write_mode  # fill | merge | replace: what "Will write" shows follows it
        self.personal = personal  # tagger.personal.PersonalModel or None
        self.mapper = GenreMapper(info, vocab, personal) if info is not None else None
        self.rows: list[ReviewRow] = []
        self.by_id: dict[int, ReviewRow] = {}
        # bumped whenever rows change (decisions, analyses, thresholds): the index's
        # columns of what changes are rebuilt then (tagger.review_index)
        self.version = 0
        self._index = None
        self._changed_ids: set[int] | None = None  # rows changed since the index looked (None: all)
        self._write_results: dict[tuple, tuple] = {}  # apply.write_result by its inputs
        # every row's genre_vector as one matrix (zeros where a row has none) and which rows
        # have one: what albums pool, kept up to date as vectors change (genre_vectors)
        self._vectors: tuple[np.ndarray, np.ndarray] | None = None

    # ------------------------------------------------------------------ loading
    def load(
        self, lib, roots: Iterable[str] | None = None, should_stop: Callable[[], bool] | None = None
    ) -> list[ReviewRow]:
        from tagger.db import review_rows

        key = self.info.key if self.info is not None else ""
        self._vectors = None  # made again for the new rows
        rows: list[ReviewRow] = []
        pending_scores: list[tuple] = []
        same: dict[str, str] = {}
        with _no_gc_passes():  # 100,000 rows: collector passes over them froze the window
            for r, ch in review_rows(lib, key, roots):  # columns: tagger.db.review_table.COLUMNS
                if should_stop and should_stop():
                    return []
                (
                    tid,
                    path,
                    folder,
                    tstatus,
                    terror,
                    artist,
                    album,
                    title,
                    tn,
                    dur,
                    fmt,
                    gjson,
                    astatus,
                    aerror,
                    sjson,
                    u16,
                    blob,
                    dstate,
                    djson,
                    dat,
                    bitrate,
                    size,
                    added,
                    fjson,
                ) = r
                row = ReviewRow(
                    id=tid,
                    path=path,
                    # one string per distinct folder, artist, album (not one per row)
                    folder=same.setdefault(folder or "", folder or ""),
                    artist=same.setdefault(artist or "", artist or ""),
                    album=same.setdefault(album or "", album or ""),
                    title=title or "",
                    tracknumber=tn,
                    duration=dur,
                    format=fmt,
                    field_values={
                        f: _json_list(gjson) if f == "genre" else _field_values(fjson, f) for f in self.fields
                    },
                    track_status=tstatus,
                    decision=dstate,
                    decision_genres=_json_list(djson) if dstate else [],
                    decided_at=dat,
                    bitrate=bitrate or _average_bitrate(size, dur),
                    added_at=added,
                )
                if tstatus == "error":
                    row.error = terror or "unreadable file"
                elif astatus == "error":
                    row.error, row.analysis_failed = aerror or "analysis failed", True
                elif astatus == "ok" and (u16 is not None or sjson):
                    pending_scores.append((row, sjson, u16, blob))
                row.current = row.field_values[self.field]
                row.last_change = ch
                row.status = _status(row, ch)
                rows.append(row)
            self._apply_scores(pending_scores)
        self.rows = rows
        self.by_id = {r.id: r for r in rows}
        self.version += 1
        self._index = self._build_index()  # here, off the UI thread
        self._vectors = None
        self.genre_vectors()  # this too
        return rows

    def _build_index(self):
        from tagger.review_index import ReviewIndex

        with _no_gc_passes():
            index = ReviewIndex(self, sys.modules[__name__])  # this module: the rules
            index.column("status")  # the changing columns too, while off the UI thread
        return index

    @property
    def index(self):
        """The rows as numpy columns (tagger.review_index.ReviewIndex)."""
        if self._index is None or self._index.n != len(self.rows):
            self._index = self._build_index()
        return self._index

    def changed(self, rows: Iterable[ReviewRow] | None = None) -> None:
        """Rows changed (a decision, an analysis result: `rows`; None: every row, as a
        threshold or the write mode changes them): the index follows."""
        self.version += 1
        if rows is None:
            self._changed_ids = None
        elif self._changed_ids is not None:
            self._changed_ids.update(r.id for r in rows)

    def take_changed(self) -> set[int] | None:
        """The ids of the rows changed since the last call (None: every row)."""
        ids, self._changed_ids = self._changed_ids, set()
        return ids

    def _apply_scores(self, items: list[tuple]) -> None:
        """Scores and embeddings of many rows, decoded in a few vectorised passes: the
        compact blobs of tagger.db.compact, or the JSON and float16 bytes of a library
        made before."""
        if not items or self.mapper is None:
            return
        from tagger.db.compact import unpack_scores_many

        n_labels = self.mapper.n_labels
        scores = np.zeros((len(items), n_labels), np.float32)
        ok = np.zeros(len(items), bool)
        packed = [i for i, it in enumerate(items) if it[2] is not None and len(it[2]) == 2 * n_labels]
        if packed:
            fill_rows_in_steps(scores, packed, [items[i][2] for i in packed], unpack_scores_many)
            ok[packed] = True
        old = [i for i, it in enumerate(items) if it[2] is None]
        if old:  # one parse for all: much faster than one json.loads per row
            texts = [items[i][1] for i in old]
            try:
                parsed = json.loads("[" + ",".join(texts) + "]")
            except ValueError:
                parsed = [_json_list(t) for t in texts]
            for i, s in zip(old, parsed):
                if len(s) == n_labels:
                    scores[i] = s
                    ok[i] = True
        good = [it for it, k in zip(items, ok) if k]
        scores = scores[ok]
        if not good:
            return
        embeddings, has = _stored_embeddings(good)
        for i, it in enumerate(good):
            r = it[0]
            r.scores = scores[i]
            r.embedding = embeddings[i] if embeddings is not None and has[i] else None
        matrix = self.mapper.genre_matrix(scores, embeddings, has)
        self._set_vectors([it[0] for it in good], matrix)
        for it, mood in zip(good, self.moods(scores)):
            it[0].mood = mood

    def set_personal(self, personal) -> list[ReviewRow]:
        """Use another personal model (None: none) for every analysed row, re-scored from
        the stored scores and embeddings (no decoding). Returns the rows whose suggestion
        changed. In one go: the window prepares off its thread and applies in slices
        (`prepare_personal`, `apply_personal_in_slices`)."""
        if self.info is None:
            return []
        rescore = self.prepare_personal(personal)
        for _ in self.apply_personal_in_slices(rescore, size=max(1, len(self.rows))):
            pass
        return rescore.changed

    def prepare_personal(self, personal) -> PersonalRescore:
        """Every analysed row's suggestion under `personal`, computed but not applied:
        no row changes, so a worker thread can do this while the window shows the rows
        (100,000 rows: seconds of numpy and Python). A slice of rows at a time: the
        whole library's scores and embeddings as matrices at once added 300 MB to the
        window's peak, and each big C call held the GIL."""
        # 100,000 new suggestions (lists in tuples) set off full collector passes of
        # 75-130 ms, and the first pass after them walked them all: paused, then frozen
        with no_collector_passes(keep_out=True):
            return self._prepare_personal(personal)

    def _prepare_personal(self, personal) -> PersonalRescore:
        mapper = GenreMapper(self.info, self.vocab, personal)
        # one pass: a result arriving meanwhile (the window's thread) cannot misalign them
        pairs = [(r, s) for r in self.rows if (s := r.scores) is not None]
        rows = [r for r, _ in pairs]
        scores = [s for _, s in pairs]
        size = _embedding_size(rows)
        genres = np.zeros((len(rows), len(mapper.names)), np.float32)
        suggestions: list[tuple[list[str], list[float], float | None, str | None]] = []
        for a in range(0, len(rows), STEP):
            embeddings, has = _embedding_matrix(rows[a : a + STEP], size)
            genres[a : a + STEP] = mapper.genre_matrix(np.stack(scores[a : a + STEP]), embeddings, has)
            suggestions += self._suggestions(genres[a : a + STEP], mapper)
        vectors = np.zeros((len(self.rows), len(mapper.names)), np.float32)  # genre_vectors, made ready
        where = self.positions_of(rows)
        vectors[where] = genres
        present = np.zeros(len(self.rows), bool)
        present[where] = True
        return PersonalRescore(personal, mapper, rows, scores, genres, suggestions, (vectors, present))

    def apply_personal_in_slices(self, rescore: PersonalRescore, size: int = 5000) -> Generator[None, None, None]:
        """Apply `rescore` (from prepare_personal) `size` rows at a time, the review index
        brought up to date after each (a generator: the thread owning the rows lets its
        event loop run between slices). A row analysed again since it was prepared is
        re-scored here, as is a row analysed meanwhile. `rescore.changed` ends as the
        rows whose suggestion changed."""
        self.personal = rescore.personal
        self.mapper = rescore.mapper
        self._vectors = rescore.vectors if len(rescore.vectors[1]) == len(self.rows) else None
        done: set[int] = set()
        for start in range(0, len(rescore.rows), size):
            part = rescore.rows[start : start + size]
            fresh = []
            for i, row in enumerate(part, start):
                if row.scores is not rescore.scores[i]:
                    continue  # analysed again since: below
                before = tuple(row.suggestion)
                _show_suggestion(row, rescore.genres[i], rescore.suggestions[i])
                done.add(row.id)
                fresh.append(row)
                if tuple(row.suggestion) != before:
                    rescore.changed.append(row)
            self.changed(fresh)
            self.index.column("status")  # this slice's index columns, now
            yield
        others = [r for r in self.rows if r.scores is not None and r.id not in done]
        if others:
            before_others = [tuple(r.suggestion) for r in others]
            embeddings, has = _embedding_matrix(others)
            matrix = np.stack([r.scores for r in others if r.scores is not None])
            self._set_vectors(others, self.mapper.genre_matrix(matrix, embeddings, has))
            rescore.changed.extend(r for r, old in zip(others, before_others) if tuple(r.suggestion) != old)

    def moods(self, scores: np.ndarray) -> list[str | None]:
        """The mood each row of model scores writes (tagger.apply.proposed_mood's rule:
        the top mood label, at least the mood threshold); None throughout when off."""
        from tagger.apply import mood_label

        idx = self.info.labels_of_kind("mood") if self.info is not None else []
        if self.mood_threshold is None or not idx:
            return [None] * len(scores)
        sub = scores[:, idx]
        best = sub.argmax(axis=1)
        return [
            mood_label(self.info.tags[idx[b]]) if sub[i, b] >= self.mood_threshold else None
            for i, b in enumerate(best.tolist())
        ]

    def genre_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(every row's genre_vector as a [rows, genres] float32 matrix, zeros where a row
        has none; which rows have one), made once per load and then kept up to date."""
        rows = self.rows
        if self._vectors is None or len(self._vectors[1]) != len(rows):
            has = np.array([r.genre_vector is not None for r in rows], bool)
            width = len(self.mapper.names) if self.mapper is not None else 0
            matrix = np.zeros((len(rows), width), np.float32)
            where = np.flatnonzero(has)
            vectors = [r.genre_vector for r in rows if r.genre_vector is not None]
            for a in range(0, len(where), STEP):  # one np.stack of 100,000 held the GIL 0.1-0.2 s
                matrix[where[a : a + STEP]] = np.stack(vectors[a : a + STEP])
            self._vectors = (matrix, has)
        return self._vectors

    def _vectors_changed(self, rows: list[ReviewRow], matrix: np.ndarray) -> None:
        """genre_vectors follows rows given new vectors (once it exists: a load makes it)."""
        if self._vectors is None or len(self._vectors[1]) != len(self.rows):
            return
        if matrix.shape[1] != self._vectors[0].shape[1]:  # another personal model's genres
            self._vectors = None
            return
        p = self.positions_of(rows)
        self._vectors[0][p] = matrix
        self._vectors[1][p] = True

    def _set_vectors(self, rows: list[ReviewRow], matrix: np.ndarray) -> None:
        """Vectorised _set_vector for many rows."""
        assert self.mapper is not None  # rows have vectors only when there is a model
        self.changed(rows)
        self._vectors_changed(rows, matrix)
        for row, vec, suggestion in zip(rows, matrix, self._suggestions(matrix)):
            row.analysed = True
            _show_suggestion(row, vec, suggestion)

    def _suggestions(
        self, matrix: np.ndarray, mapper: GenreMapper | None = None
    ) -> list[tuple[list[str], list[float], float | None, str | None]]:
        """GenreMapper.suggestion (of `mapper`, else the one in use) for each row of a
        [n, genres] matrix, vectorised."""
        m = mapper or self.mapper
        assert m is not None
        if not len(matrix):
            return []
        k = max(1, self.max_genres)  # the best genre is kept even when max_genres is 0
        order = np.argsort(-matrix, axis=1, kind="stable")[:, :k]
        top = np.take_along_axis(matrix, order, axis=1)
        names = np.array(m.names, dtype=object)
        counts = suggested_counts(top, self.min_confidence, self.max_genres).tolist()
        out: list[tuple[list[str], list[float], float | None, str | None]] = []
        for a in range(0, len(matrix), STEP):  # tolist() of 100,000 rows held the GIL 60 ms
            b = a + STEP
            for nm, sc, n in zip(names[order[a:b]].tolist(), top[a:b].tolist(), counts[a:b]):
                if not sc or sc[0] < 0:
                    out.append(([], [], None, None))
                else:
                    out.append((nm[:n], sc[:n], sc[0], nm[0]))
        return out

    def _set_vector(self, row: ReviewRow, vec: np.ndarray) -> None:
        assert self.mapper is not None  # a vector comes from the mapper
        row.genre_vector = vec
        self._vectors_changed([row], vec[None, :])
        row.analysed = True
        row.suggestion, row.suggestion_scores, row.confidence, row.best_guess = self.mapper.suggestion(
            vec, self.min_confidence, self.max_genres
        )
        row.invalidate()

    # ------------------------------------------------------------------ updates
    def set_analysis(
        self, track_id: int, status: str, error: str | None, scores, embedding: bytes | None = None
    ) -> ReviewRow | None:
        """Update a row from an analysis result (tagger.analyze.TrackResult)."""
        row = self.by_id.get(track_id)
        if row is None:
            return None
        self.changed([row])
        if status == "ok" and scores is not None and self.mapper is not None:
            if len(scores) == self.mapper.n_labels:
                from tagger.personal import from_blob

                row.scores = np.asarray(scores, np.float32)
                row.embedding = from_blob(embedding)
                self._set_vector(row, self.mapper.genre_matrix(row.scores, row.embedding)[0])
                row.mood = self.moods(row.scores[None, :])[0]
            if row.track_status != "error":
                row.error = None
            row.analysis_failed = False
        else:
            row.error, row.analysis_failed = error or "analysis failed", True
        row.status = _status(row, None) if row.status != "written" else row.status
        if row.error:
            row.status = "failed"
        row.invalidate()
        return row

    def set_analyses(self, results) -> list[ReviewRow]:
        """`set_analysis` for many results (tagger.app.analysis.TrackResult) in a few
        vectorised passes: a rescan hands back 100,000 cached results, and one
        set_analysis each froze the window. Returns the rows changed: a result the row
        has already (a rescan's cached result for an unchanged file) changes nothing."""
        from tagger.personal import from_blob

        changed: list[ReviewRow] = []
        scored: list[tuple[ReviewRow, object, bytes | None]] = []
        n_labels = self.mapper.n_labels if self.mapper is not None else -1
        for tr in results:
            row = self.by_id.get(tr.track_id)
            if row is None or _has_result(row, tr):
                continue
            if tr.status == "ok" and tr.scores is not None and self.mapper is not None:
                if len(tr.scores) == n_labels:
                    scored.append((row, tr.scores, tr.embedding))
                if row.track_status != "error":
                    row.error = None
                row.analysis_failed = False
            else:
                row.error, row.analysis_failed = tr.error or "analysis failed", True
            row.status = _status(row, None) if row.status != "written" else row.status
            if row.error:
                row.status = "failed"
            row.invalidate()
            changed.append(row)
        if scored:
            assert self.mapper is not None  # scored only with a model
            scores = np.asarray([sc for _, sc, _ in scored], np.float32)
            vectors = [from_blob(e) for _, _, e in scored]
            sizes = Counter(len(v) for v in vectors if v is not None)
            embeddings, has = None, np.zeros(len(scored), bool)
            if sizes:
                d = sizes.most_common(1)[0][0]
                embeddings = np.zeros((len(scored), d), np.float32)
                for i, v in enumerate(vectors):
                    if v is not None and len(v) == d:
                        embeddings[i], has[i] = v, True
            for i, (row, _, _) in enumerate(scored):
                row.scores = scores[i]
                row.embedding = vectors[i]
            self._set_vectors([r for r, _, _ in scored], self.mapper.genre_matrix(scores, embeddings, has))
            for (row, _, _), mood in zip(scored, self.moods(scores)):
                row.mood = mood
        self.changed(changed)
        return changed

    def shows_result(self, tr) -> bool:
        """Whether the track's row shows this analysis result already (a rescan's cached
        result for an unchanged file): set_analyses would change nothing for it. Only
        reads the row, so the analysis thread can ask before sending the result on."""
        row = self.by_id.get(tr.track_id)
        return row is not None and _has_result(row, tr)

    def set_thresholds(self, min_confidence: float, max_genres: int) -> None:
        self.min_confidence, self.max_genres = min_confidence, max_genres
        self.changed()  # "disagrees" and "low confidence" of every row follow
        rows = [r for r in self.rows if r.genre_vector is not None]
        if rows:
            self._set_vectors(rows, np.stack([r.genre_vector for r in rows if r.genre_vector is not None]))

    def set_write_mode(self, mode: str) -> None:
        if mode != self.write_mode:
            self.write_mode = mode
            self.changed()
            for r in self.rows:
                r._preview = None

    # ------------------------------------------------------------------ what a write does
    def write_preview(self, row: ReviewRow) -> tuple[list[str], str]:
        """(genres the file would get, text for the "Will write" column) for a decided row,
        by the rule the write uses (tagger.apply.plan: the decision combined with the
        stored current genres in the write mode; an override is written as given whatever
        the mode). Empty genres: the write leaves the file alone (the text says why, or
        is empty when there is nothing to say). Undecided rows show nothing: what they
        get depends on the write dialog's scope. Cached per row (cheap at 100k rows)."""
        genres = next((g for _, g, _ in self.previews_by_field(row) if g), [])
        return genres, self.will_write_text(row)

    def current_by_field(self, row: ReviewRow) -> list[tuple[str, list[str]]]:
        """(field, values) of each chosen tag field, for the "Current" column; one entry
        (the first field) when every field holds the same values (one field: always)."""
        pairs = [(f, row.field_values.get(f, row.current if f == self.field else [])) for f in self.fields]
        return _collapsed(pairs)

    def previews_by_field(self, row: ReviewRow) -> list[tuple[str, list[str], str]]:
        """(field, genres, text) of `write_preview` for each chosen tag field, for the
        "Will write" column: a write puts the decision into every chosen field, each by
        the write mode's rule against that field's own values. One entry (the first
        field) when every field comes out the same."""
        cached = row._preview
        if cached is not None and cached[0] == self.write_mode:
            return cached[1]
        result = _collapsed([(f, *self._compute_preview(row, f)) for f in self.fields])
        row._preview = (self.write_mode, result)
        return result

    def _compute_preview(self, row: ReviewRow, field_name: str) -> tuple[list[str], str]:
        current = row.field_values.get(field_name, row.current if field_name == self.field else [])
        if row.decision == "skipped":
            return [], messages.Message(messages.PREVIEW_SKIP)
        if row.decision not in ("accepted", "overridden") or not row.decision_genres:
            return [], ""
        if not row.writable:  # unreadable/missing file: the write leaves it out
            return [], ""
        # the same decision on the same current genres gives the same result: asked once
        # (accepting 75,000 rows then sorting by "Will write" ran write_result 75,000 times)
        memo_key = (row.decision, self.write_mode, tuple(current), tuple(row.decision_genres))
        memo = self._write_results.get(memo_key)
        if memo is None:
            # imported here, on a miss only: an import statement costs ~15 µs under
            # PySide's import hook, and this runs for every row of a sort
            from tagger.apply import write_result

            memo = self._write_results[memo_key] = write_result(
                row.decision, self.write_mode, current, row.decision_genres, self.vocab
            )
        new, kept = memo
        new = list(new)
        if kept is None:
            return new, join_genres(new)
        if row.status == "written":
            return [], ""
        if kept == "fill":
            return [], messages.Message(messages.PREVIEW_KEEPS_FILL, genres=join_genres(current))
        return [], messages.Message(messages.PREVIEW_ALREADY_SET)

    def kept_by_fill_mode(self, row: ReviewRow) -> bool:
        """Whether a write leaves this decided file alone because the write mode "fill"
        keeps the genres it already has (in a chosen field; nothing goes to another)."""
        previews = self.previews_by_field(row)  # (no genres in any field: write_preview's empty genres)
        return not any(genres for _, genres, _ in previews) and any(
            getattr(text, "template", None) == messages.PREVIEW_KEEPS_FILL for *_, text in previews
        )

    def will_write_text(self, row: ReviewRow) -> str:
        """The "Will write" text, each field named when the fields differ ("Jazz ·
        Style: (already set)"): what the table sorts and filters by."""
        previews = self.previews_by_field(row)
        if len(previews) == 1:
            return previews[0][2]
        return " · ".join(("" if f == "genre" else f"{f.capitalize()}: ") + text for f, _, text in previews)

    def mark_decided(self, rows: list[ReviewRow], state: str, genres: list[str] | None = None) -> None:
        now = time.time()
        rows = list(rows)
        self.changed(rows)
        for row in rows:
            if state == "cleared":
                row.decision, row.decision_genres, row.decided_at = None, [], None
            else:
                st, gs = _decision_for(row, state, genres)
                row.decision, row.decision_genres, row.decided_at = st, list(gs), now
            _restatus(row)
            row.invalidate()

    def restore_decisions(self, states: dict) -> list[ReviewRow]:
        """Give the rows the decisions an undo or redo put back ({track id: (state or
        None, genres, decided_at, scope)}), with their own decision time, so each row reads as
        it did before (a written file shows "written" again). Returns the rows changed."""
        changed = []
        self.changed([self.by_id[t] for t in states if t in self.by_id])
        for tid, (state, genres, decided_at, *_) in states.items():
            row = self.by_id.get(tid)
            if row is None:  # not among the rows loaded (another folder)
                continue
            row.decision, row.decision_genres = state, list(genres) if state else []
            row.decided_at = decided_at if state else None
            _restatus(row)
            row.invalidate()
            changed.append(row)
        return changed

    # ------------------------------------------------------------------ queries
    def matches(self, row: ReviewRow, filter_key: str = "all", text: str = "") -> bool:
        if text and not all(word in row.haystack() for word in text.casefold().split()):
            return False
        return matches_filter(row, filter_key, self.min_confidence, self.vocab)

    def query(
        self,
        filter_key: str = "all",
        text: str = "",
        sort_key: str | None = None,
        descending: bool = False,
        rows: list[ReviewRow] | None = None,
        album: tuple[str, str] | None = None,
    ) -> list[ReviewRow]:
        """The rows (all, or of one (folder, album tag)) that pass the filter and the
        search, sorted by a column; through the numpy index unless `rows` are given."""
        if rows is None:
            every = self.rows
            return [every[i] for i in self.query_positions(filter_key, text, sort_key, descending, album).tolist()]
        out = [r for r in rows if self.matches(r, filter_key, text)]
        if sort_key:
            out = sort_rows(out, sort_key, descending, data=self)
        return out

    def query_positions(
        self,
        filter_key: str = "all",
        text: str = "",
        sort_key: str | None = None,
        descending: bool = False,
        album: tuple[str, str] | None = None,
    ) -> np.ndarray:
        """`query` as positions in self.rows (vectorised: tagger.review_index)."""
        index = self.index
        positions = np.flatnonzero(index.mask(filter_key, text, album))
        return index.order(positions, sort_key, descending)

    def above_threshold(self, rows: list[ReviewRow] | None = None) -> list[ReviewRow]:
        """Undecided analysed rows whose suggestion reaches the threshold, of `rows` (all:
        None); the rule is ReviewIndex.above_threshold."""
        positions = None if rows is None else self.positions_of(rows)
        return [self.rows[p] for p in self.above_threshold_positions(positions).tolist()]

    def above_threshold_positions(self, positions: np.ndarray | None = None) -> np.ndarray:
        """`above_threshold` as positions in self.rows, of `positions` (all: None)."""
        mask = self.index.above_threshold()
        if positions is None:
            return np.flatnonzero(mask)
        positions = np.asarray(positions, np.int64)
        return positions[mask[positions]]

    def positions_of(self, rows: list[ReviewRow]) -> np.ndarray:
        """Where `rows` are in self.rows."""
        where = self.index.position
        return np.fromiter((where[r.id] for r in rows), np.int64, len(rows))

    def counts(self) -> Counter:
        """Rows per status (from the index's status column: no pass over the rows)."""
        return Counter(self.index.counts())

    # ------------------------------------------------------------------ albums
    def albums(self, rows: list[ReviewRow] | None = None, positions: np.ndarray | None = None) -> list[AlbumRow]:
        """Rows grouped by album (album tag within a folder; untagged files by folder),
        each with a suggestion pooled over its analysed tracks: of `rows`, or of the rows
        at `positions` in self.rows (query_positions), or of all rows. `album_row`'s rule
        for every album at once: grouped, counted and pooled through the numpy columns
        (tagger.review_index), so 8,000 albums of 100,000 tracks take a tenth of a second
        (Python per album held the window for 0.5-1.5 s). `album_parts` gives the same
        albums a part at a time."""
        if positions is None and rows is not None:
            positions = self.positions_of(rows)
        parts = self.album_parts(positions)
        while not parts.step():
            pass
        return parts.albums or []

    def album_parts(self, positions: np.ndarray | None = None, size: int | None = None) -> AlbumParts:
        """`albums` of the rows at `positions` (None: all rows), built a part per
        `AlbumParts.step()`: `size` albums or one numpy pass per step, so that the window
        can draw between steps (tagger.gui runs one per turn of its event loop)."""
        every = np.arange(len(self.rows)) if positions is None else positions
        return AlbumParts(self._album_steps(every, size or ALBUM_PART))

    def _album_steps(self, positions: np.ndarray, size: int) -> Generator[None, None, list[AlbumRow]]:
        """The steps of AlbumParts (a generator: yields between parts; returns the albums)."""
        index = self.index
        if not len(positions):
            return []
        # each album's members together, in track order (track number, then path)
        perm = np.lexsort((index.path[positions], index.tn[positions], index.album_group[positions]))
        pos = positions[perm]
        codes = index.album_group[pos]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        facts = index.album_facts(pos, starts)
        yield None
        pooled: list[np.ndarray | None] = []
        suggestions: list = []
        ends = np.r_[starts[1:], len(pos)]
        for a in range(0, len(starts), size):  # `size` albums' pooled suggestions per step
            begin, end = int(starts[a]), int(ends[min(a + size, len(starts)) - 1])
            part = self._pooled_means(pos[begin:end], starts[a : a + size] - begin)
            found: list = [None] * len(part)
            have = [(i, p) for i, p in enumerate(part) if p is not None]
            if have and self.mapper is not None:
                for (i, _), sug in zip(have, self._suggestions(np.stack([p for _, p in have]))):
                    found[i] = sug
            pooled.extend(part)
            suggestions.extend(found)
            yield None
        every = self.rows
        ordered = [every[i] for i in pos.tolist()]
        bounds = starts.tolist() + [len(ordered)]
        sizes, n_artists = facts.sizes.tolist(), facts.n_artists.tolist()
        tops, top_counts = facts.top_artist.tolist(), facts.top_artist_count.tolist()
        statuses = facts.statuses.tolist()
        out = []
        # albums in the order their first track came (the final sort's ties keep it)
        first = np.minimum.reduceat(perm, starts)
        for n, i in enumerate(np.argsort(first, kind="stable").tolist()):
            if n and not n % size:
                yield None
            members = ordered[bounds[i] : bounds[i + 1]]
            head = members[0]
            top = facts.artist_names[tops[i]] if tops[i] >= 0 else ""
            genres, scores, confidence, best = suggestions[i] or ([], [], None, None)
            out.append(
                AlbumRow(
                    folder=head.folder,
                    album=head.album or folder_as_album(head.folder),
                    artist=album_artist(n_artists[i], top, top_counts[i], sizes[i]),
                    rows=members,
                    current=facts.genres[i],
                    suggestion=genres,
                    suggestion_scores=scores,
                    confidence=confidence,
                    pooled=pooled[i],
                    statuses={s: n for s, n in zip(STATUSES, statuses[i]) if n},
                    folder_group=not head.album,
                    best_guess=best,
                )
            )
        out.sort(key=lambda a: (a.artist.casefold(), a.album.casefold(), a.folder))
        return out

    def _pooled_means(self, pos: np.ndarray, starts: np.ndarray) -> list[np.ndarray | None]:
        """Each album's mean genre vector over its analysed members (None: none
        analysed); albums are the runs of `pos` (row positions) beginning at `starts`.
        Summed in float64 in member order, as `_pooled_vectors` does."""
        vectors, has = self.genre_vectors()
        analysed = has[pos]
        counts = np.add.reduceat(analysed.astype(np.int64), starts)
        if not counts.any():
            return [None] * len(starts)
        nonempty = counts > 0
        taken = pos[analysed]
        taken_starts = (np.cumsum(counts) - counts)[nonempty]
        sums = np.add.reduceat(vectors[taken], taken_starts, axis=0, dtype=np.float64)
        means = (sums / counts[nonempty][:, None]).astype(np.float32)
        it = iter(means)
        return [next(it) if n else None for n in counts.tolist()]

    def _pooled_vectors(self, groups: list[list[ReviewRow]]) -> list[np.ndarray | None]:
        """Each group's mean genre vector over its analysed rows (None: none analysed)."""
        sizes, vecs = [], []
        for members in groups:
            have = [r.genre_vector for r in members if r.genre_vector is not None]
            sizes.append(len(have))
            vecs.extend(have)
        if not vecs:
            return [None] * len(groups)
        counts = np.asarray(sizes)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        nonempty = counts > 0
        sums = np.add.reduceat(np.stack(vecs).astype(np.float64), starts[nonempty], axis=0)
        means = (sums / counts[nonempty][:, None]).astype(np.float32)
        it = iter(means)
        return [next(it) if n else None for n in sizes]

    def album_row(
        self, folder: str, album: str, members: list[ReviewRow], pooled: Any = _POOL, suggestion=None
    ) -> AlbumRow:
        """`pooled`: the members' mean genre vector when already computed (albums()), and
        `suggestion` its (genres, scores, confidence, best genre) when computed too."""
        artists = Counter(r.artist for r in members if r.artist)
        top, n_top = artists.most_common(1)[0] if artists else ("", 0)
        artist = album_artist(len(artists), top, n_top, len(members))
        current = Counter(g for r in members for g in r.current)
        if pooled is _POOL:
            pooled = self._pooled_vectors([members])[0]
        genres: list[str] = []
        scores: list[float] = []
        confidence = best = None
        if suggestion is not None:
            genres, scores, confidence, best = suggestion
        elif pooled is not None and self.mapper is not None:
            genres, scores, confidence, best = self.mapper.suggestion(pooled, self.min_confidence, self.max_genres)
        name = album or folder_as_album(folder)
        return AlbumRow(
            folder=folder,
            album=name,
            artist=artist,
            rows=members,
            current=[g for g, _ in current.most_common()],
            suggestion=genres,
            suggestion_scores=scores,
            confidence=confidence,
            pooled=pooled,
            statuses=_status_counts(members),
            folder_group=not album,
            best_guess=best,
        )

    def album_decisions(self, album: AlbumRow) -> tuple[list[ReviewRow], dict[str, int]]:
        """The tracks of `album` that take its pooled suggestion, and the others counted
        per reason (ALBUM_LEFT_OUT keys). Nothing for a folder group (loose files without
        an album tag are not an album: one pooled genre for them is a guess). Left alone:
        - tracks that cannot be read or whose analysis failed (nothing to judge them by,
          and writing them fails anyway);
        - tracks not analysed yet;
        - tracks already decided or written (`already_decided`: a group action never
          replaces the user's own answer);
        - tracks whose own best genre is not among the album's genres. Safer than asking:
          a confirmation is easily clicked through, while a skipped track stays undecided
          in the table and can be reviewed (or overridden) on its own."""
        if album.folder_group or not album.suggestion:
            return [], {}
        take: list[ReviewRow] = []
        left: dict[str, int] = {}
        for r in album.rows:
            if r.unanalysable or not r.writable:  # (a failed write is judged by already_decided)
                reason = "failed"
            elif not r.analysed or r.best_guess is None:
                reason = "unanalysed"
            elif already_decided(r.decision, r.status):
                reason = "decided"
            elif not any(self.vocab.same(r.best_guess, g) for g in album.suggestion):
                reason = "differs"
            else:
                take.append(r)
                continue
            left[reason] = left.get(reason, 0) + 1
        return take, left


def album_artist(n_artists: int, top: str, n_top: int, n_members: int) -> str:
    """An album's artist: its one artist tag; with several, the most common one if more
    than half the tracks have it, else "Various artists" (`top`: the most common tag,
    on `n_top` of the `n_members` tracks; `n_artists`: distinct tags, empty ones left out)."""
    if n_artists <= 1:
        return top
    return top if n_top > n_members / 2 else messages.Message(messages.VARIOUS_ARTISTS)


class AlbumParts:
    """ReviewData.albums built a part at a time (ReviewData.album_parts): `step()` does
    the next part and says whether `albums` is ready. The rows must not change between
    steps (a decision, a new load): start again then."""

    def __init__(self, steps: Generator[None, None, list[AlbumRow]]):
        self._steps = steps
        self.albums: list[AlbumRow] | None = None

    def step(self) -> bool:
        if self.albums is None:
            with no_collector_passes(keep_out=True):  # 8,000 albums' objects: passes walked every row too
                try:
                    next(self._steps)
                except StopIteration as done:
                    self.albums = done.value
        return self.albums is not None


# why ReviewData.album_decisions leaves a track of an album alone
ALBUM_LEFT_OUT = {
    "failed": "unreadable or failed analysis",
    "unanalysed": "not analysed yet",
    "decided": "already decided or written",
    "differs": "own best genre differs from the album's",
}

FOLDER_GROUP_NOTE = messages.FOLDER_GROUP


@dataclass(eq=False, slots=True)  # slots: 8,000 albums built at once, without a __dict__ each
class AlbumRow:
    folder: str
    album: str
    artist: str
    rows: list[ReviewRow]
    current: list[str]
    suggestion: list[str]
    suggestion_scores: list[float]
    confidence: float | None
    pooled: np.ndarray | None
    statuses: dict[str, int]  # tracks per status (those with none left out)
    folder_group: bool = False  # no album tag: loose files grouped by their folder, not an album
    best_guess: str | None = None  # the pooled best genre (shown greyed when below the threshold)

    @property
    def status_text(self) -> str:
        return ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items(), key=lambda kv: STATUSES.index(kv[0])))

    def haystack(self) -> str:
        return "\n".join(
            [self.artist, self.album, readable(self.folder), join_genres(self.current), join_genres(self.suggestion)]
        ).casefold()


# ---------------------------------------------------------------------- helpers
def _has_result(row: ReviewRow, tr) -> bool:
    """Whether the row shows this successful analysis result already (the same scores
    and embedding, no error): a rescan of 100,000 unchanged files hands them all back
    from the cache, and redoing each row repainted the table all the way through."""
    if tr.status != "ok" or tr.scores is None or row.scores is None or row.error or row.status == "failed":
        return False
    scores = tr.scores
    if isinstance(scores, np.ndarray) and scores.dtype == np.float32:  # the cache's: bytes compare fastest
        if scores.tobytes() != row.scores.tobytes():
            return False
    elif not np.array_equal(row.scores, scores):
        return False
    if not tr.embedding or row.embedding is None:
        return not tr.embedding and row.embedding is None
    # the row's embedding is the stored float16 blob decoded (from_blob): the same blob encodes back to it
    return row.embedding.astype("<f2").tobytes() == tr.embedding


def _status_counts(members: list[ReviewRow]) -> Counter:
    first = members[0].status if members else None
    if all(r.status == first for r in members):
        return Counter({first: len(members)}) if members else Counter()
    return Counter(r.status for r in members)


def _json_list(text: str | None) -> list:
    if not text or text == "[]":
        return []
    return json.loads(text)


def _average_bitrate(size: int | None, duration: float | None) -> int | None:
    """Bits per second over the whole file (tags included): for tracks read before the
    stream's own bit rate was stored."""
    if not size or not duration or duration <= 0:
        return None
    return int(size * 8 / duration)


def _decision_for(row: ReviewRow, state: str, genres: list[str] | None) -> tuple[str, tuple[str, ...]]:
    if state == "skipped":
        return "skipped", ()
    if state == "accepted":
        gs = tuple(genres) if genres is not None else tuple(row.suggestion)
        return "accepted", gs
    if state == "overridden":
        return "overridden", tuple(genres or ())
    raise ValueError(f"unknown decision {state!r}")


def _status(row: ReviewRow, last_change) -> str:
    """Row status from the row's decision/error and the last change to its file
    (status, error, batch created_at, batch undone_at) or None."""
    if row.error:
        return "failed"
    outcome = write_outcome(last_change, row.decided_at)
    if outcome is not None:
        status, why = outcome
        if status == "failed":
            row.error = messages.Message(messages.NOT_WRITTEN, why=why)
        return status
    if row.decision in ("accepted", "overridden", "skipped"):
        return row.decision
    return "new"


def _restatus(row: ReviewRow) -> None:
    """The row's status after its decision changed: from the decision and the last write
    to its file (a decision after a failed write replaces the failure's reason; cleared,
    the write's outcome shows again)."""
    if row.error and not row.unanalysable:
        row.error = None  # a failed write's reason: _status says again whether it stands
    row.status = _status(row, row.last_change)


def write_failed(row: ReviewRow) -> bool:
    """Whether a failed row failed in its last write (the file was not written), not
    because it could not be read or analysed: the app's filter tells the two apart."""
    return row.status == "failed" and getattr(row.error, "template", None) == messages.NOT_WRITTEN


def write_outcome(last_change, decided_at: float | None) -> tuple[str, str | None] | None:
    """What the last write to a file left standing: ("written", None), ("failed", why), or
    None when there was no write, it was undone, or the track was decided after it.
    `last_change`: (status, error, batch created_at, batch undone_at) or None."""
    if last_change is None:
        return None
    cstatus, cerror, created, undone = last_change
    if undone is not None or (decided_at is not None and decided_at > (created or 0)):
        return None
    if cstatus == "written":
        return "written", None
    if cstatus in ("failed", "skipped"):  # skipped: changed on disk since planned, or cancelled
        return "failed", cerror or "unknown reason"
    return None


def can_be_decided(track_status: str) -> bool:
    """Whether a track can take a decision (accept, override, skip): its file could be
    read, so a write can reach it (an override of an unreadable file would only be left
    out of every write). Forgetting a decision is always allowed."""
    return track_status == "present"


def already_decided(decision: str | None, status: str) -> bool:
    """A track no group action decides again: the user's own answer (accepted, overridden,
    skipped) or genres the app wrote to it (`tagger apply` writes suggestions too).
    The one rule of "accept all above the threshold", an album's suggestion (the app and
    `tagger decide --album`) and `tagger decide FOLDER --accept`; naming a track (a
    selected row, a file on the command line) decides it again."""
    return decision is not None or status == "written"


def disagrees(row: ReviewRow, vocab, min_confidence: float) -> bool:
    """The model is confident and none of its suggested genres is among the current ones."""
    if not row.current or not row.analysed or row.confidence is None or row.confidence < min_confidence:
        return False
    return not any(vocab.same(s, c) for s in row.suggestion for c in row.current)


def undecided(row: ReviewRow) -> bool:
    """Still to review (N in the app): not already decided or written (`already_decided`),
    and nothing failed (unreadable, analysis or write)."""
    return not already_decided(row.decision, row.status) and row.status != "failed"


def next_undecided(rows: list[ReviewRow], current: int | None, forward: bool = True) -> int | None:
    """The position in `rows` of the next undecided row after `current` (before it when
    not `forward`), wrapping around the ends; None when no row is undecided. `current`
    None: the search starts at the top (or the bottom, going back)."""
    n = len(rows)
    if not n:
        return None
    step = 1 if forward else -1
    start = (-1 if forward else n) if current is None else current
    for k in range(1, n + 1):
        i = (start + step * k) % n
        if undecided(rows[i]):
            return i
    return None


def matches_filter(row: ReviewRow, key: str, min_confidence: float, vocab) -> bool:
    if key == "all":
        return True
    if key == "review":
        return row.status == "new" and row.analysed and (row.confidence or 0.0) < min_confidence
    if key == "nogenre":
        return not row.current and row.track_status != "error"
    if key == "disagree":
        return disagrees(row, vocab, min_confidence)
    if key == "accepted":
        return row.status in ("accepted", "overridden")
    if key in ("skipped", "written", "failed"):
        return row.status == key
    raise ValueError(f"unknown filter {key!r}")


def _text_key(s: str | None) -> tuple[int, str]:
    return (0, s.casefold()) if s else (1, "")  # empty values last


def sort_key_function(key: str, data: ReviewData | None = None) -> Callable[[ReviewRow], Any]:
    if key == "artist":
        return lambda r: (_text_key(r.artist), _text_key(r.album), r.tracknumber or 0, r.path)
    if key == "album":
        return lambda r: (_text_key(r.album), r.folder, r.tracknumber or 0, r.path)
    if key == "track":
        return lambda r: (r.tracknumber is None, r.tracknumber or 0, r.path)
    if key == "title":
        return lambda r: (_text_key(r.display_title), r.path)
    if key == "current":
        return lambda r: (_text_key(join_genres(r.current)), r.path)
    if key == "suggested":
        return lambda r: (_text_key(join_genres(r.suggestion)), r.path)
    if key == "confidence":
        return lambda r: (r.confidence is None, r.confidence or 0.0, r.path)
    if key == "status":
        return lambda r: (STATUSES.index(r.status), r.path)
    if key == "decision":
        if data is not None:  # what the write does (ReviewData.write_preview)
            return lambda r: (_text_key(data.will_write_text(r)), r.path)
        return lambda r: (_text_key(join_genres(r.will_write)), r.path)
    if key == "path":
        return lambda r: r.path
    if key == "filename":
        return lambda r: (r.file_name.casefold(), r.path)
    if key == "folder":
        return lambda r: (r.folder.casefold(), r.path)
    if key == "format":
        return lambda r: ((r.format or "").casefold(), r.path)
    if key == "duration":
        return lambda r: (r.duration or 0.0, r.path)
    if key == "bitrate":
        return lambda r: (r.bitrate or 0, r.path)
    if key == "added":
        return lambda r: (r.added_at or 0.0, r.path)
    raise ValueError(f"unknown column {key!r}")


_MISSING = {
    "artist": lambda r: not r.artist,
    "album": lambda r: not r.album,
    "track": lambda r: r.tracknumber is None,
    "current": lambda r: not r.current,
    "suggested": lambda r: not r.suggestion,
    "confidence": lambda r: r.confidence is None,
    "decision": lambda r: not r.will_write,
    "format": lambda r: not r.format,
    "duration": lambda r: not r.duration,
    "bitrate": lambda r: not r.bitrate,
    "added": lambda r: r.added_at is None,
}


def sort_rows(
    rows: list[ReviewRow], key: str, descending: bool = False, data: ReviewData | None = None
) -> list[ReviewRow]:
    """Sorted by a column; rows without a value in it come last in both orders."""
    fn = sort_key_function(key, data)
    missing = _MISSING.get(key)
    if key == "decision" and data is not None:
        missing = lambda r: not data.will_write_text(r)  # noqa: E731
    if missing is None:
        return sorted(rows, key=fn, reverse=descending)
    have = [r for r in rows if not missing(r)]
    lack = [r for r in rows if missing(r)]
    return sorted(have, key=fn, reverse=descending) + sorted(lack, key=lambda r: r.path)
