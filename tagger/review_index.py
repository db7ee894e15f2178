"""The review table's rows as numpy columns, so filtering, searching and sorting 100,000
rows is a few array operations instead of a Python key function per row (0.3-1.9 s on
the UI thread before). The rules stay those of tagger.review (`matches_filter`,
`sort_rows`); this is their vectorised form, and tests/test_review_index.py checks
that both give the same rows in the same order.

Columns of what a scan read (artist, album, title, path...) are built once per load,
off the UI thread; columns of what changes (suggestion, confidence, status, what a write
would do) are rebuilt when the rows changed (ReviewData.version), from a few distinct
values each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tagger.fsnames import readable
from tagger.gil_steps import bytes_array_in_steps, sorted_in_steps

if TYPE_CHECKING:
    from tagger.review import ReviewData, ReviewRow


def _ranks(values: list[str]) -> np.ndarray:
    """Each string's rank in sorted order (equal strings share one): the distinct values
    sorted, then looked up (8,000 folders of 100,000 rows: milliseconds, where a numpy
    sort of the fixed-width strings took over a second)."""
    distinct = sorted_in_steps(set(values))  # 100,000 titles: 60-80 ms in one C call
    code = {v: i for i, v in enumerate(distinct)}
    return np.fromiter((code[v] for v in values), np.int64, len(values))


def _text_ranks(values: list[str]) -> np.ndarray:
    """tagger.review._text_key as a rank: casefolded, empty values after every other."""
    ranks = _ranks([v.casefold() for v in values])
    empty = np.array([not v for v in values], bool)
    ranks[empty] = (ranks.max() + 1) if len(ranks) else 0
    return ranks


def _coded(values: list, order: Callable | None = None) -> np.ndarray:
    """Ranks of a column with few distinct values (sorted by `order`)."""
    distinct = sorted(set(values), key=order)
    code = {v: i for i, v in enumerate(distinct)}
    return np.fromiter((code[v] for v in values), np.int64, len(values))


def _first_seen_codes(values: list[str], names: list[str], empty: int | None = None) -> np.ndarray:
    """Each value's code: its place in `names`, which this fills in first-seen order. With
    `empty` given, an empty value gets that code and stays out of `names`."""
    skip = 0 if empty is None else 1
    code: dict[str, int] = {} if empty is None else {"": empty}
    out = np.fromiter((code.setdefault(v, len(code) - skip) for v in values), np.int64, len(values))
    names.extend(list(code)[skip:])
    return out


def _counted_by_group(group: np.ndarray, value: np.ndarray, n_values: int):
    """Occurrences of (group, value) counted, most common first within each group, ties
    in the order first seen (collections.Counter.most_common's order): the pairs'
    groups, values and counts, sorted so."""
    pair, first, count = np.unique(group * n_values + value, return_index=True, return_counts=True)
    order = np.lexsort((first, -count, pair // n_values))
    return pair[order] // n_values, pair[order] % n_values, count[order]


def _haystack_bytes(texts: list[str]) -> np.ndarray:
    return bytes_array_in_steps([t.casefold().encode("utf-8", "surrogatepass") for t in texts])


# the track columns tagger.review.sort_key_function sorts by (value, then path): the
# value (casefolded text, or a number) and which rows lack one (last in both orders)
_TRACK_COLUMNS: dict[str, tuple[Callable, Callable | None]] = {
    "filename": (lambda r: r.file_name.casefold(), None),
    "folder": (lambda r: r.folder.casefold(), None),
    "format": (lambda r: (r.format or "").casefold(), lambda r: not r.format),
    "duration": (lambda r: r.duration or 0.0, lambda r: not r.duration),
    "bitrate": (lambda r: r.bitrate or 0, lambda r: not r.bitrate),
    "added": (lambda r: r.added_at or 0.0, lambda r: r.added_at is None),
}


@dataclass
class AlbumFacts:
    """ReviewIndex.album_facts: per album (arrays of one value per album)."""

    sizes: np.ndarray  # members
    n_artists: np.ndarray  # distinct artist tags among them (empty ones left out)
    top_artist: np.ndarray  # the most common artist tag's code in artist_names (-1: none)
    top_artist_count: np.ndarray  # members with that tag
    artist_names: list[str]
    genres: list[list[str]]  # the members' current genres, the most common first
    statuses: np.ndarray  # [album, status] members per status (tagger.review.STATUSES order)


class ReviewIndex:
    """Numpy columns over `data.rows` (position i is data.rows[i])."""

    def __init__(self, data: ReviewData, rules):
        """`rules`: the module tagger.review (its statuses, filters and sort keys),
        handed in so that this module does not import it back."""
        self.data = data
        self.rules = rules
        join_genres = rules.join_genres
        rows = data.rows
        n = self.n = len(rows)
        self.position = {r.id: i for i, r in enumerate(rows)}  # track id -> row position
        self.ids = np.fromiter((r.id for r in rows), np.int64, n)
        paths = [r.path for r in rows]
        # rows come sorted by path (tagger.db.review_table): then the rank is the
        # position, checked in a plain loop (a sort in C would hold the GIL, and the
        # window with it, for 0.1 s at 100,000 rows)
        if all(a < b for a, b in zip(paths, paths[1:])):
            self.path = np.arange(n, dtype=np.int64)
        else:
            self.path = np.empty(n, np.int64)
            self.path[sorted_in_steps(range(n), key=paths.__getitem__)] = np.arange(n)
        self.artist = _text_ranks([r.artist for r in rows])
        self.album = _text_ranks([r.album for r in rows])
        self.folder = _ranks([r.folder for r in rows])
        self.title = _text_ranks([r.display_title for r in rows])
        self.current = _text_ranks([join_genres(r.current) for r in rows])
        tn = [r.tracknumber for r in rows]
        self.tn_missing = np.array([t is None for t in tn], bool)
        self.tn = np.array([t or 0 for t in tn], np.int64)
        self.has_artist = np.array([bool(r.artist) for r in rows], bool)
        self.has_album = np.array([bool(r.album) for r in rows], bool)
        self.has_current = np.array([bool(r.current) for r in rows], bool)
        self.unreadable = np.array([r.track_status == "error" for r in rows], bool)
        # (folder, album tag): the album filter's groups
        self.album_group = _coded([(r.folder, r.album) for r in rows])
        self._album_codes = {(r.folder, r.album): int(c) for r, c in zip(rows, self.album_group)}
        # what album rows count: each row's artist exactly as tagged (-1: none), and its
        # current genres as codes (row i's are genre_code[genre_start[i]:genre_start[i + 1]])
        self.artist_names: list[str] = []
        self.artist_code = _first_seen_codes([r.artist for r in rows], self.artist_names, empty=-1)
        self.genre_names: list[str] = []
        genre_lists = [r.current for r in rows]
        self.genre_start = np.zeros(n + 1, np.int64)
        np.cumsum([len(g) for g in genre_lists], out=self.genre_start[1:])
        self.genre_code = _first_seen_codes([g for gs in genre_lists for g in gs], self.genre_names)
        self.haystack = _haystack_bytes(
            ["\n".join([r.artist, r.album, r.title, readable(r.path), join_genres(r.current)]) for r in rows]
        )
        self._dynamic: dict[str, np.ndarray] = {}
        self._keys: dict[str, list] = {}
        self._track_keys: dict[str, tuple[list[np.ndarray], np.ndarray | None]] = {}
        for key in _TRACK_COLUMNS:  # here, in the loader's thread, not at the first sort
            self._track_column(key)
        self._version = -1

    # ------------------------------------------------------------ changing columns
    def _refresh(self) -> None:
        """Bring the changing columns up to date: every row after a change to all of
        them (thresholds, write mode, a new load), else only the rows changed since
        (a decision, an analysis result): ReviewData.changed says which."""
        data = self.data
        if self._version == data.version:
            return
        dirty = data.take_changed()
        if dirty is None or not self._dynamic:
            self._build_dynamic(list(range(self.n)))
        else:
            where = self.position
            self._update_dynamic([where[t] for t in dirty if t in where])
        self._version = data.version

    def _values(self, positions: list[int]):
        """The changing values of those rows, one list per column."""
        STATUSES, disagrees, join_genres = self.rules.STATUSES, self.rules.disagrees, self.rules.join_genres  # noqa: N806
        already_decided = self.rules.already_decided
        data, rows = self.data, self.data.rows
        conf, analysed, status, sugg, will, disagree, hay, decided = [], [], [], [], [], [], [], []
        seen: dict[tuple, bool] = {}
        # the text columns follow from a few fields that many rows share (98,000 rows
        # accepted at once: a handful of distinct values), so each is made once
        derived: dict[tuple, tuple] = {}
        for i in positions:
            r = rows[i]
            conf.append(np.nan if r.confidence is None else r.confidence)
            analysed.append(r.analysed)
            k = (r.status, r.decision, tuple(r.suggestion), tuple(r.current), tuple(r.decision_genres), r.writable)
            d = derived.get(k)
            if d is None:
                s = join_genres(r.suggestion)
                w = data.will_write_text(r)
                d = derived[k] = (
                    STATUSES.index(r.status),
                    (not s, s.casefold(), s),  # s too: one code per suggestion (group_by_suggestion)
                    (not w, w.casefold()),
                    (s + "\n" + join_genres(r.decision_genres)).casefold().encode("utf-8", "surrogatepass"),
                    already_decided(r.decision, r.status),
                )
            status.append(d[0])
            sugg.append(d[1])
            will.append(d[2])
            hay.append(d[3])
            decided.append(d[4])
            disagree.append(self._disagrees(r, seen, disagrees))
        return conf, analysed, status, sugg, will, disagree, hay, decided

    def _build_dynamic(self, positions: list[int]) -> None:
        conf, analysed, status, sugg, will, disagree, hay, decided = self._values(positions)
        self._keys = {"suggested": sorted(set(sugg)), "decision": sorted(set(will))}
        codes = {name: {k: i for i, k in enumerate(keys)} for name, keys in self._keys.items()}
        self._dynamic = {
            "confidence": np.array(conf, np.float64),
            "analysed": np.array(analysed, bool),
            "status": np.array(status, np.int64),
            "already_decided": np.array(decided, bool),
            "suggested": np.fromiter((codes["suggested"][k] for k in sugg), np.int64, len(sugg)),
            "has_suggested": np.array([not k[0] for k in sugg], bool),
            "decision": np.fromiter((codes["decision"][k] for k in will), np.int64, len(will)),
            "has_decision": np.array([not k[0] for k in will], bool),
            "disagree": np.array(disagree, bool),
            "dynamic_hay": bytes_array_in_steps(hay),
        }

    def _update_dynamic(self, positions: list[int]) -> None:
        if not positions:
            return
        conf, analysed, status, sugg, will, disagree, hay, decided = self._values(positions)
        d = self._dynamic
        p = np.asarray(positions, np.int64)
        d["confidence"][p] = conf
        d["analysed"][p] = analysed
        d["status"][p] = status
        d["already_decided"][p] = decided
        d["disagree"][p] = disagree
        for name, keys in (("suggested", sugg), ("decision", will)):
            self._recode(name, keys)
            code = {k: i for i, k in enumerate(self._keys[name])}
            d[name][p] = [code[k] for k in keys]
            d["has_" + name][p] = [not k[0] for k in keys]
        widest = max(len(h) for h in hay)
        if widest > d["dynamic_hay"].dtype.itemsize:
            d["dynamic_hay"] = d["dynamic_hay"].astype(f"S{widest}")
        d["dynamic_hay"][p] = hay

    def _recode(self, name: str, new_keys: list) -> None:
        """A value not seen before: the codes (ranks among the distinct values) are
        made again and the column remapped in one numpy step."""
        old = self._keys[name]
        fresh = set(new_keys) - set(old)
        if not fresh:
            return
        keys = sorted(set(old) | fresh)
        rank = {k: i for i, k in enumerate(keys)}
        remap = np.array([rank[k] for k in old], np.int64)
        if len(remap):
            self._dynamic[name] = remap[self._dynamic[name]]
        self._keys[name] = keys

    def _disagrees(self, r: ReviewRow, seen: dict[tuple, bool], disagrees) -> bool:
        """tagger.review.disagrees, asked once per distinct (suggestion, current) pair
        (passed in: an import statement per row costs ~15 µs under PySide's hook)."""
        data = self.data
        if not r.current or not r.analysed or r.confidence is None or r.confidence < data.min_confidence:
            return False
        k = (tuple(r.suggestion), tuple(r.current))
        v = seen.get(k)
        if v is None:
            v = seen[k] = disagrees(r, data.vocab, data.min_confidence)
        return v

    # ------------------------------------------------------------ albums
    def album_facts(self, pos: np.ndarray, starts: np.ndarray) -> AlbumFacts:
        """What tagger.review.ReviewData.album_row counts per album, for many albums in a
        few numpy passes (8,000 albums of 100,000 tracks: Python per album held the
        window for 0.5-1.5 s). `pos`: row positions, each album's members together;
        `starts`: where each album begins in `pos`."""
        n_albums = len(starts)
        sizes = np.diff(np.r_[starts, len(pos)])
        album = np.repeat(np.arange(n_albums), sizes)  # each member's album
        # artists: (album, artist) pairs counted, the most common first
        artist = self.artist_code[pos]
        named = artist >= 0
        a_album, a_code, a_count = _counted_by_group(album[named], artist[named], max(1, len(self.artist_names)))
        n_artists = np.bincount(a_album, minlength=n_albums)
        top = np.full(n_albums, -1, np.int64)
        top_count = np.zeros(n_albums, np.int64)
        lead = np.flatnonzero(np.r_[True, a_album[1:] != a_album[:-1]]) if len(a_album) else a_album
        top[a_album[lead]], top_count[a_album[lead]] = a_code[lead], a_count[lead]
        # current genres, every member's in order: counted per album, the most common first
        first, lengths = self.genre_start[pos], self.genre_start[pos + 1] - self.genre_start[pos]
        flat_start = np.cumsum(lengths) - lengths
        at = np.repeat(first - flat_start, lengths) + np.arange(int(lengths.sum()))
        g_album, g_code, _ = _counted_by_group(
            np.repeat(album, lengths), self.genre_code[at], max(1, len(self.genre_names))
        )
        names = np.array(self.genre_names, dtype=object)[g_code].tolist()
        bounds = np.searchsorted(g_album, np.arange(n_albums + 1)).tolist()
        genres = [names[a:b] for a, b in zip(bounds, bounds[1:])]
        # statuses: members per (album, status)
        n_status = len(self.rules.STATUSES)
        status = np.bincount(album * n_status + self.column("status")[pos], minlength=n_albums * n_status)
        return AlbumFacts(
            sizes=sizes,
            n_artists=n_artists,
            top_artist=top,
            top_artist_count=top_count,
            artist_names=self.artist_names,
            genres=genres,
            statuses=status.reshape(n_albums, n_status),
        )

    def counts(self) -> dict[str, int]:
        """Rows per status (ReviewData.counts), from the status column; "new" rows not
        analysed yet are counted apart, as "not analysed" (the table's word for them): a
        stopped analysis left "255 new" where 246 had no suggestion at all."""
        STATUSES = self.rules.STATUSES  # noqa: N806
        status = self.column("status")
        n = np.bincount(status, minlength=len(STATUSES))
        out = {s: int(c) for s, c in zip(STATUSES, n) if c}
        if "new" in out:
            waiting = int(np.count_nonzero((status == STATUSES.index("new")) & ~self.column("analysed")))
            out["new"] -= waiting
            out["not analysed"] = waiting
        return {s: c for s, c in out.items() if c}

    def column(self, name: str) -> np.ndarray:
        self._refresh()
        return self._dynamic[name]

    # ------------------------------------------------------------ queries
    def above_threshold(self) -> np.ndarray:
        """Per row: not already decided (tagger.review.already_decided), analysed, and with
        a suggestion whose confidence reaches the threshold (what "accept all above the
        threshold" takes; ReviewData.above_threshold)."""
        conf = np.nan_to_num(self.column("confidence"), nan=-1.0)
        open_rows = ~self.column("already_decided")
        return open_rows & self.column("analysed") & self.column("has_suggested") & (conf >= self.data.min_confidence)

    def group_by_suggestion(self, positions: np.ndarray) -> dict[tuple[str, ...], list[int]]:
        """The track ids of the rows at `positions`, grouped by their suggestion, in
        numpy: 98,000 rows in milliseconds (a Python pass took 40-75 ms of the window's
        thread). The "suggested" column has one code per distinct suggestion text, and
        the text (genres joined) is one per list of genres (a genre holds no separator)."""
        positions = np.asarray(positions, np.int64)
        if not len(positions):
            return {}
        codes = self.column("suggested")[positions]
        order = np.argsort(codes, kind="stable")
        codes, positions = codes[order], positions[order]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        ends = np.r_[starts[1:], len(codes)]
        rows, ids = self.data.rows, self.ids
        return {tuple(rows[positions[a]].suggestion): ids[positions[a:b]].tolist() for a, b in zip(starts, ends)}

    def mask(self, filter_key: str, text: str = "", album: tuple[str, str] | None = None) -> np.ndarray:
        """tagger.review.matches_filter (and the search words, and one album) per row."""
        STATUSES = self.rules.STATUSES  # noqa: N806
        status = self.column("status")
        if filter_key == "all":
            m = np.ones(self.n, bool)
        elif filter_key == "review":
            conf = np.nan_to_num(self.column("confidence"), nan=0.0)
            m = (status == STATUSES.index("new")) & self.column("analysed") & (conf < self.data.min_confidence)
        elif filter_key == "nogenre":
            m = ~self.has_current & ~self.unreadable
        elif filter_key == "disagree":
            m = self.column("disagree").copy()
        elif filter_key == "accepted":
            m = (status == STATUSES.index("accepted")) | (status == STATUSES.index("overridden"))
        elif filter_key in ("skipped", "written", "failed"):
            m = status == STATUSES.index(filter_key)
        else:
            raise ValueError(f"unknown filter {filter_key!r}")
        if album is not None:
            code = self._album_codes.get(album)
            m &= self.album_group == code if code is not None else False
        for word in text.casefold().split():
            needle = np.array(word.encode("utf-8", "surrogatepass"), dtype=bytes)
            hit = np.strings.find(self.haystack, needle) >= 0
            hit |= np.strings.find(self.column("dynamic_hay"), needle) >= 0
            m &= hit
        return m

    def order(self, positions: np.ndarray, key: str | None, descending: bool = False) -> np.ndarray:
        """`positions` (row indices) sorted as tagger.review.sort_rows sorts: rows without
        a value in the column last, by path, in both orders."""
        if not key or not len(positions):
            return positions
        keys, have = self._sort_keys(key)
        p = positions
        if have is not None:
            lack = p[~have[p]]
            p = p[have[p]]
        else:
            lack = p[:0]
        ordered = p[np.lexsort(tuple(k[p] for k in reversed(keys)))]
        if descending:
            ordered = ordered[::-1]
        return np.concatenate([ordered, lack[np.argsort(self.path[lack], kind="stable")]])

    def _sort_keys(self, key: str) -> tuple[list[np.ndarray], np.ndarray | None]:
        """The column's sort key (most significant first) and which rows have a value."""
        if key == "artist":
            return [self.artist, self.album, self.tn, self.path], self.has_artist
        if key == "album":
            return [self.album, self.folder, self.tn, self.path], self.has_album
        if key == "track":
            return [self.tn, self.path], ~self.tn_missing
        if key == "title":
            return [self.title, self.path], None
        if key == "current":
            return [self.current, self.path], self.has_current
        if key == "path":
            return [self.path], None
        if key == "suggested":
            return [self.column("suggested"), self.path], self.column("has_suggested")
        if key == "confidence":
            conf = self.column("confidence")
            return [np.nan_to_num(conf, nan=0.0), self.path], ~np.isnan(conf)
        if key == "status":
            return [self.column("status"), self.path], None
        if key == "decision":
            return [self.column("decision"), self.path], self.column("has_decision")
        if key in _TRACK_COLUMNS:
            return self._track_column(key)
        return self._python_keys(key)

    def _track_column(self, key: str) -> tuple[list[np.ndarray], np.ndarray | None]:
        """A column of what the scan read (file name, folder, format, duration, bitrate,
        date added): ranked once, when first sorted by (it does not change until the
        next load)."""
        if key not in self._track_keys:
            rows = self.data.rows
            value, missing = _TRACK_COLUMNS[key]
            values = [value(r) for r in rows]
            if isinstance(values[0] if values else "", str):
                rank = _ranks(values)
            else:
                rank = np.asarray(values, np.float64)
            have = None if missing is None else np.array([not missing(r) for r in rows], bool)
            self._track_keys[key] = ([rank, self.path], have)
        return self._track_keys[key]

    def _python_keys(self, key: str) -> tuple[list[np.ndarray], np.ndarray | None]:
        """Any other column: its key function, ranked once (cached until rows change)."""
        missing_of, sort_key_function = self.rules._MISSING, self.rules.sort_key_function
        cache_key = "py:" + key
        self._refresh()
        if cache_key not in self._dynamic:
            rows = self.data.rows
            fn = sort_key_function(key, self.data)
            rank = np.empty(self.n, np.int64)
            rank[sorted(range(self.n), key=lambda i: fn(rows[i]))] = np.arange(self.n)
            missing = missing_of.get(key)
            self._dynamic[cache_key] = rank
            self._dynamic[cache_key + ":have"] = (
                np.array([not missing(r) for r in rows], bool) if missing is not None else np.ones(self.n, bool)
            )
        return [self._dynamic[cache_key]], self._dynamic[cache_key + ":have"]


class RowView:
    """The rows shown: positions into the full list of rows (a permutation of a subset),
    read like a list. Where a track is shown comes from an inverse array made when
    first asked (a dict of 100,000 rows took 60-100 ms on the UI thread)."""

    def __init__(self, rows: list, order: np.ndarray, position: dict[int, int]):
        self._rows = rows
        self._order = order
        self._position = position  # track id -> position in `rows` (ReviewIndex.position)
        self._shown_at: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, i: int):
        return self._rows[int(self._order[i])]

    @property
    def positions(self) -> np.ndarray:
        """The rows shown, as positions in the full list."""
        return self._order

    def __iter__(self):
        rows = self._rows
        return (rows[i] for i in self._order.tolist())

    def _inverse(self) -> np.ndarray:
        if self._shown_at is None:
            inv = np.full(len(self._rows), -1, np.int64)
            inv[self._order] = np.arange(len(self._order))
            self._shown_at = inv
        return self._shown_at

    def position_of(self, track_id: int) -> int | None:
        p = self._position.get(track_id)
        if p is None:
            return None
        shown = int(self._inverse()[p])
        return shown if shown >= 0 else None

    def positions_of(self, track_ids) -> np.ndarray:
        """Where those tracks are shown (those not shown left out)."""
        where = self._position
        p = np.fromiter((where.get(t, -1) for t in track_ids), np.int64)
        p = p[p >= 0]
        shown = self._inverse()[p]
        return shown[shown >= 0]
