"""Filtering, searching and sorting through the numpy columns (tagger.review_index) give
the same rows in the same order as the rule (tagger.review.matches_filter and sort_rows),
on a library in real SQLite with the awkward cases: empty and missing values, names
equal but for case, decisions of every kind, unreadable files, failed analyses."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_review import INFO, VOCAB

from tagger.db import Analysis, Decision, Library, Track
from tagger.review import COLUMN_KEYS, FILTERS, ReviewData, sort_rows

ARTISTS = ["", "Abba", "abba", "Zappa", "Ärzte", "Björk", "bjork", "10cc"]
ALBUMS = ["", "Live", "live", "Greatest Hits", "Ünter", "Zoo"]
TITLES = ["", "River", "river deep", "Blue Night", "Ça plane", "Zed"]
GENRE_SETS = [[], ["Rock"], ["Jazz"], ["Rock", "Blues"], ["Classical"], ["Hip-Hop"]]


@pytest.fixture
def library(tmp_path):
    rng = np.random.default_rng(5)
    lib = Library(tmp_path / "lib.sqlite")
    lib.register_model(INFO)
    with lib.session() as s:
        for i in range(400):
            folder = f"/music/{ARTISTS[i % len(ARTISTS)] or 'none'}/{i // 9}"
            t = Track(
                path=f"{folder}/{rng.integers(1000):03d}-{i}.flac",
                folder=folder,
                artist=ARTISTS[int(rng.integers(len(ARTISTS)))] or None,
                album=ALBUMS[int(rng.integers(len(ALBUMS)))] or None,
                title=TITLES[int(rng.integers(len(TITLES)))] or None,
                tracknumber=None if rng.random() < 0.2 else int(rng.integers(1, 4)),
                status="error" if i % 37 == 0 else "present",
                error="unreadable" if i % 37 == 0 else None,
                content_id=f"c{i}",
                duration=100.0,
            )
            t.genres = GENRE_SETS[int(rng.integers(len(GENRE_SETS)))]
            s.add(t)
            s.flush()
            if i % 11 == 0:
                s.add(Analysis(content_id=f"c{i}", model_key=INFO.key, status="error", error="cannot decode"))
            elif i % 5:
                scores = np.round(rng.random(len(INFO.labels)), 2).tolist()
                s.add(Analysis(content_id=f"c{i}", model_key=INFO.key, status="ok", scores_json=json.dumps(scores)))
            pick = rng.random()
            if pick < 0.15:
                s.add(Decision(track_id=t.id, state="accepted", genres_json=json.dumps(["Rock"]), decided_at=1.0))
            elif pick < 0.25:
                s.add(Decision(track_id=t.id, state="overridden", genres_json=json.dumps(["Jazz", "Blues"])))
            elif pick < 0.3:
                s.add(Decision(track_id=t.id, state="skipped", genres_json="[]"))
    yield lib
    lib.close()


def _loaded(lib, min_confidence: float = 0.6) -> ReviewData:
    d = ReviewData(INFO, VOCAB, min_confidence=min_confidence, max_genres=2, write_mode="fill")
    d.load(lib)
    return d


@pytest.fixture
def data(library):
    return _loaded(library)


def by_rule(d: ReviewData, filter_key: str, text: str, key: str | None, descending: bool, album=None):
    rows = [r for r in d.rows if album is None or (r.folder, r.album) == album]
    out = [r for r in rows if d.matches(r, filter_key, text)]
    return sort_rows(out, key, descending, data=d) if key else out


@pytest.mark.parametrize("key", [*COLUMN_KEYS, "path", None])
def test_every_sort_and_filter_gives_the_rules_order(data, key):
    for filter_key in FILTERS:
        for descending in (False, True):
            for text in ("", "ri", "abba live", "rock", "ça", "ÄRZTE", "/music/zappa"):
                got = data.query(filter_key, text, key, descending)
                want = by_rule(data, filter_key, text, key, descending)
                assert [r.id for r in got] == [r.id for r in want], (filter_key, text, key, descending)


def test_the_index_follows_decisions_thresholds_and_the_write_mode(data):
    undecided = [r for r in data.rows if r.status == "new" and r.suggestion][:30]
    data.mark_decided(undecided, "accepted")
    data.mark_decided(data.rows[:10], "skipped")
    data.set_thresholds(0.3, 1)
    data.set_write_mode("merge")
    for key in ("decision", "status", "suggested", "confidence"):
        for filter_key in ("review", "disagree", "accepted", "skipped", "all"):
            assert [r.id for r in data.query(filter_key, "", key, True)] == [
                r.id for r in by_rule(data, filter_key, "", key, True)
            ]


def test_one_album_only(data):
    r = next(r for r in data.rows if r.album)
    album = (r.folder, r.album)
    got = data.query("all", "", "track", False, album=album)
    assert got and [x.id for x in got] == [x.id for x in by_rule(data, "all", "", "track", False, album=album)]
    assert data.query("all", "", None, False, album=("/nowhere", "x")) == []


def albums_by_rule(d: ReviewData, rows):
    """Album grouping as it was done row by row: a dict of (folder, album tag) groups in
    the order their first track comes, members by track number and path, each album's
    suggestion by GenreMapper.suggestion on its mean genre vector."""
    groups: dict = {}
    for r in rows:
        groups.setdefault((r.folder, r.album), []).append(r)
    out = []
    for (folder, album), members in groups.items():
        members.sort(key=lambda r: (r.tracknumber or 0, r.path))
        vecs = [r.genre_vector for r in members if r.genre_vector is not None]
        suggestion, confidence = [], None
        if vecs:
            mean = np.mean(np.stack(vecs).astype(np.float64), axis=0).astype(np.float32)
            suggestion, _, confidence, _ = d.mapper.suggestion(mean, d.min_confidence, d.max_genres)
        a = d.album_row(folder, album, members)
        out.append((a.artist, a.album, folder, [r.id for r in members], suggestion, confidence))
    out.sort(key=lambda a: (a[0].casefold(), a[1].casefold(), a[2]))
    return out


@pytest.mark.parametrize("filter_key,text", [("all", ""), ("disagree", ""), ("all", "live")])
def test_albums_group_as_the_rule_does(data, filter_key, text):
    rows = data.query(filter_key, text)
    got = data.albums(rows)
    want = albums_by_rule(data, rows)
    assert [(a.folder, [r.id for r in a.rows], a.suggestion) for a in got] == [(w[2], w[3], w[4]) for w in want]
    for a, w in zip(got, want):
        assert (a.confidence is None) == (w[5] is None)
        if a.confidence is not None:
            assert abs(a.confidence - w[5]) < 1e-6
    # the same albums from the rows' positions (what the album page passes)
    again = data.albums(positions=data.query_positions(filter_key, text))
    assert [(a.folder, [r.id for r in a.rows]) for a in again] == [(a.folder, [r.id for r in a.rows]) for a in got]


def test_every_album_counts_as_album_row_does(data):
    """The vectorised albums (numpy counts over all albums at once) against album_row, the
    rule for one album, field by field: artist (one tag, the majority, or "Various
    artists"; tags differing in case are different artists), current genres most
    common first (ties in the order first seen), statuses, pooled vector and
    suggestion. After decisions, new analyses and another threshold too."""

    def check():
        albums = data.albums()
        assert albums and any(a.artist == "Various artists" for a in albums)
        assert any(len(set(r.artist for r in a.rows)) > 1 and a.artist != "Various artists" for a in albums)
        for a in albums:
            rule = data.album_row(a.folder, a.rows[0].album, a.rows)
            assert (a.album, a.artist, a.current, a.folder_group) == (
                rule.album,
                rule.artist,
                rule.current,
                rule.folder_group,
            )
            assert a.statuses == dict(rule.statuses)
            assert (a.suggestion, a.suggestion_scores, a.confidence) == (
                rule.suggestion,
                rule.suggestion_scores,
                rule.confidence,
            )
            assert (a.pooled is None) == (rule.pooled is None)
            if a.pooled is not None:
                assert np.array_equal(a.pooled, rule.pooled)

    check()
    data.mark_decided([r for r in data.rows if r.suggestion][:40], "accepted")
    fresh = next(r for r in data.rows if not r.analysed and not r.error)
    data.set_analysis(fresh.id, "ok", None, np.linspace(0, 1, len(INFO.labels)).tolist())
    assert fresh.genre_vector is not None
    data.set_thresholds(0.3, 1)
    check()


def _dynamic_columns(d: ReviewData) -> dict:
    index = d.index
    names = ["confidence", "analysed", "status", "has_suggested", "has_decision", "disagree", "dynamic_hay"]
    out = {n: index.column(n).tolist() for n in names}
    out["confidence"] = np.nan_to_num(index.column("confidence"), nan=-1.0).tolist()  # nan != nan
    # codes are ranks among the distinct values: compare the values they stand for
    for name in ("suggested", "decision"):
        keys = index._keys[name]
        out[name] = [keys[c] for c in index.column(name).tolist()]
    return out


def test_accept_all_marked_in_slices_equals_the_rule_row_by_row(library):
    """The sliced marking (a slice per turn of the GUI's event loop) leaves the rows and
    every index column as marking them all at once does, and as a fresh load of what was
    recorded shows them."""
    from tagger.app.decisions import mark_rows, mark_rows_in_slices, row_decisions

    class Ws:
        info, vocab, min_confidence, max_genres = INFO, VOCAB, 0.3, 2

    sliced, whole = _loaded(library, 0.3), _loaded(library, 0.3)
    for d in (sliced, whole):
        d.index.column("status")  # the index built before the decisions, as in the window
    taken = sliced.above_threshold()
    groups, _ = row_decisions(Ws, taken, "accepted")
    assert sum(len(ids) for ids in groups.values()) > 50 and len(groups) > 1
    steps = list(mark_rows_in_slices(sliced, groups, size=7))
    assert len(steps) > len(groups) and all(len(s) <= 7 for s in steps)
    mark_rows(whole, groups)

    def state(d):
        return [(r.id, r.status, r.decision, r.decision_genres) for r in d.rows]

    assert state(sliced) == state(whole)
    assert {r.status for r in sliced.rows if r.id in {t.id for t in taken}} == {"accepted"}
    assert _dynamic_columns(sliced) == _dynamic_columns(whole)
    fresh = ReviewData(INFO, VOCAB, min_confidence=0.3, max_genres=2, write_mode="fill")
    fresh.rows = sliced.rows  # the same rows, their index built from scratch
    fresh.by_id = sliced.by_id
    assert _dynamic_columns(fresh) == _dynamic_columns(sliced)
    for key in ("status", "decision", "suggested"):
        assert [r.id for r in sliced.query("all", "", key)] == [r.id for r in sort_rows(sliced.rows, key, data=sliced)]


def test_a_result_a_row_has_already_changes_nothing(data):
    """A rescan hands back every unchanged file's cached result: rows that show it already
    are left alone (not returned as changed, so the table is not repainted for them);
    other scores, or a failed analysis, still change the row."""
    from tagger.app.analysis import TrackResult

    analysed = [r for r in data.rows if r.analysed and not r.error]
    assert len(analysed) > 2 and all(r.embedding is None for r in analysed)
    shown = [(r.status, list(r.suggestion), r.confidence) for r in data.rows]
    same = [TrackResult(r.id, r.path, "ok", None, True, r.scores.copy(), None) for r in analysed]
    assert data.set_analyses(same) == []
    assert [(r.status, list(r.suggestion), r.confidence) for r in data.rows] == shown
    other, failed = analysed[0], analysed[1]
    new_scores = np.clip(other.scores + 0.1, 0, 1)
    results = [
        TrackResult(other.id, other.path, "ok", None, True, new_scores, None),
        TrackResult(failed.id, failed.path, "error", "cannot decode", False, None, None),
    ]
    assert data.set_analyses(results) == [other, failed]
    assert failed.status == "failed" and np.array_equal(other.scores, new_scores.astype(np.float32))
    # with a stored embedding: the same blob changes nothing, another one does
    from tagger.personal import from_blob

    row = analysed[2]
    blob = np.linspace(-1, 1, 8).astype("<f2").tobytes()
    row.embedding = from_blob(blob)
    assert data.set_analyses([TrackResult(row.id, row.path, "ok", None, True, row.scores.copy(), blob)]) == []
    other_blob = np.linspace(-1, 0.5, 8).astype("<f2").tobytes()
    assert data.set_analyses([TrackResult(row.id, row.path, "ok", None, True, row.scores.copy(), other_blob)]) == [row]
    assert data.set_analyses([TrackResult(row.id, row.path, "ok", None, True, row.scores.tolist(), other_blob)]) == []
    assert failed in data.query("failed", "")


@pytest.mark.parametrize("threshold", [0.0, "a row's own confidence", 0.9])
def test_accept_all_takes_what_the_rule_row_by_row_takes(library, threshold):
    """Accept-all's rows and groups, found in numpy for 100,000 rows, are those of the
    rule written row by row: undecided, analysed, a suggestion reaching the threshold,
    each accepted as `row_decisions` accepts it; of all rows and of some rows."""
    from tagger.app.decisions import accept_all_above_threshold, row_decisions

    if isinstance(threshold, str):  # a confidence exactly at the threshold is taken
        confidences = sorted(r.confidence for r in _loaded(library, 0.0).rows if r.suggestion)
        threshold = confidences[len(confidences) // 2]

    class Ws:
        info, vocab, min_confidence, max_genres = INFO, VOCAB, threshold, 2

    data = _loaded(library, threshold)

    def rule(rows):
        return [
            r for r in rows if r.status == "new" and r.analysed and r.suggestion and r.confidence >= data.min_confidence
        ]

    some = data.rows[::3][::-1]
    for rows, positions in ((data.rows, None), (some, data.positions_of(some))):
        expected = rule(rows)
        groups, refused = row_decisions(Ws, expected, "accepted")
        plan = accept_all_above_threshold(Ws, data, positions=positions, dry_run=True)
        assert not refused and expected
        assert sorted(r.id for r in plan.rows) == sorted(r.id for r in expected)
        assert {k: sorted(v) for k, v in plan.groups.items()} == {k: sorted(v) for k, v in groups.items()}
        assert plan.count == len(expected)
        assert [r.id for r in data.above_threshold(rows)] == [r.id for r in expected]
