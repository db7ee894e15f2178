"""tagger.review: the Qt-free query layer of the review table (a hand-made DB, no model run)."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from tagger.app.decisions import decide_rows, row_decisions
from tagger.app.workspace import Workspace
from tagger.config import Settings
from tagger.db import Analysis, Batch, Change, Library, Track
from tagger.modelfile import ModelInfo
from tagger.review import ReviewData, sort_rows, split_genres
from tagger.vocabulary import Vocabulary

LABELS = ("rock", "jazz", "blues", "female vocalists", "classical", "hip hop")
KINDS = ("genre", "genre", "genre", "voice", "genre", "genre")
INFO = ModelInfo(
    name="fake", version="1", labels=LABELS, label_kinds=KINDS, feature_spec={}, input_name="x", output_name="y"
)
VOCAB = Vocabulary(
    {
        "Rock": ["rock"],
        "Jazz": ["jazz"],
        "Blues": ["blues"],
        "Classical": ["classical"],
        "Hip-Hop": ["hip hop", "hip-hop"],
    }
)


def _lib(tmp_path, tracks):
    """tracks: list of dicts (path, artist, album, title, genres, scores or None or 'error', status)."""
    lib = Library(tmp_path / "lib.sqlite")
    lib.register_model(INFO)
    with lib.session() as s:
        for i, t in enumerate(tracks):
            row = Track(
                path=str(tmp_path / t["path"]),
                folder=str(tmp_path / t.get("folder", "a")),
                artist=t.get("artist"),
                album=t.get("album"),
                title=t.get("title"),
                tracknumber=t.get("n", i + 1),
                status=t.get("status", "present"),
                error=t.get("error"),
                content_id=f"c{i}",
                duration=100.0,
            )
            row.genres = t.get("genres", [])
            s.add(row)
            scores = t.get("scores")
            if scores == "error":
                s.add(Analysis(content_id=f"c{i}", model_key=INFO.key, status="error", error="cannot decode audio"))
            elif scores is not None:
                s.add(Analysis(content_id=f"c{i}", model_key=INFO.key, status="ok", scores_json=json.dumps(scores)))
    return lib


TRACKS = [
    # rock, jazz, blues, female, classical, hiphop
    dict(
        path="a/1.mp3",
        artist="Ann",
        album="First",
        title="One",
        genres=["Rock"],
        scores=[0.9, 0.1, 0.2, 0.95, 0.0, 0.0],
    ),
    dict(path="a/2.mp3", artist="Ann", album="First", title="Two", genres=[], scores=[0.6, 0.55, 0.1, 0.1, 0.0, 0.0]),
    dict(
        path="a/3.mp3",
        artist="Ann",
        album="First",
        title="<b>bold</b>",
        genres=["Jazz"],
        scores=[0.8, 0.1, 0.1, 0.1, 0.0, 0.0],
    ),
    dict(
        path="b/4.mp3",
        folder="b",
        artist="Bob",
        album="Second",
        title="Four",
        genres=[],
        scores=[0.1, 0.2, 0.3, 0.0, 0.1, 0.1],
    ),
    dict(path="b/5.mp3", folder="b", artist="Bob", album="Second", title="Five", genres=[], scores="error"),
    dict(path="b/6.mp3", folder="b", artist="Bob", album="Second", title="Six", genres=[], scores=None),
    dict(path="b/7.mp3", folder="b", status="error", error="not an audio file", scores=None),
]


@pytest.fixture
def data(tmp_path):
    lib = _lib(tmp_path, TRACKS)
    d = ReviewData(INFO, VOCAB, min_confidence=0.5, max_genres=2)
    d.load(lib)
    d.lib = lib
    yield d
    lib.close()


def _ws(d) -> Workspace:
    """The application layer's view of this library with the table's thresholds."""
    return Workspace(
        lib=d.lib,
        settings=Settings(min_confidence=d.min_confidence, max_genres=d.max_genres, write_mode=d.write_mode),
        vocab=VOCAB,
        info=INFO,
    )


def _by_title(d, title):
    return next(r for r in d.rows if r.title == title)


def test_rows_suggestions_and_status(data):
    assert len(data.rows) == 7
    one = _by_title(data, "One")
    assert one.suggestion == ["Rock"]  # female vocalists is a voice, not a genre
    assert one.confidence == pytest.approx(0.9)
    two = _by_title(data, "Two")
    assert two.suggestion == ["Rock", "Jazz"]  # both above 0.5, at most 2
    four = _by_title(data, "Four")
    # below the threshold: no suggestion (the one rule), but the best guess is known for display
    assert four.suggestion == [] and four.best_guess == "Blues" and four.confidence == pytest.approx(0.3)
    assert _by_title(data, "Five").status == "failed"
    assert _by_title(data, "Five").error == "cannot decode audio"
    six = _by_title(data, "Six")
    assert six.status == "new" and not six.analysed and six.suggestion == []
    broken = next(r for r in data.rows if r.path.endswith("7.mp3"))
    assert broken.status == "failed" and broken.error == "not an audio file"


def test_suggestion_matches_vocabulary_suggest(data):
    analysed = [r for r in data.rows if r.analysed]
    assert sum(r.confidence >= 0.5 for r in analysed) >= 2 and any(r.confidence < 0.5 for r in analysed)
    for r in analysed:  # confident or not: the table and the CLI's rule agree on every row
        scores = json.loads(next(t for t in TRACKS if r.path.endswith(t["path"]))["scores"].__repr__())
        assert r.suggestion == [n for n, _ in VOCAB.suggest(INFO, scores, 0.5, 2)]


def test_filters(data):
    titles = lambda rows: sorted(r.title for r in rows)  # noqa: E731
    assert titles(data.query("review")) == ["Four"]
    assert titles(data.query("nogenre")) == ["Five", "Four", "Six", "Two"]
    assert titles(data.query("disagree")) == ["<b>bold</b>"]  # Jazz tagged, model says Rock
    assert titles(data.query("failed")) == ["", "Five"]
    assert data.query("accepted") == []
    with pytest.raises(ValueError):
        data.query("bogus")


def test_text_search(data):
    assert [r.title for r in data.query(text="bob fi")] == ["Five"]
    assert {r.title for r in data.query(text="ROCK")} >= {"One", "Two"}  # genres are searched too
    assert [r.title for r in data.query(text="<b>")] == ["<b>bold</b>"]


def test_sorting(data):
    rows = sort_rows(data.rows, "confidence", descending=True)
    assert rows[0].title == "One"
    unknown = [r.confidence is None for r in rows]
    assert any(unknown) and unknown == sorted(unknown)  # tracks without a confidence sort last
    by_title = [r.display_title for r in sort_rows(data.rows, "title")]
    assert by_title == sorted(by_title, key=str.casefold)
    for key in ("artist", "album", "track", "current", "suggested", "status", "decision"):
        assert len(sort_rows(data.rows, key)) == 7


def test_decisions_are_stored_and_change_status(data):
    lib = data.lib
    one, two = _by_title(data, "One"), _by_title(data, "Two")
    decide_rows(_ws(data), data, [one], "accepted")
    decide_rows(_ws(data), data, [two], "overridden", ["Jazz", "Blues"])
    assert lib.decision_for(one.id).state == "accepted" and lib.decision_for(one.id).genres == ["Rock"]
    assert lib.decision_for(two.id).genres == ["Jazz", "Blues"]
    assert (one.status, two.status) == ("accepted", "overridden")
    assert {r.title for r in data.query("accepted")} == {"One", "Two"}
    # a fresh load sees the same
    again = ReviewData(INFO, VOCAB, 0.5, 2)
    again.load(lib)
    assert _by_title(again, "Two").status == "overridden"
    assert _by_title(again, "Two").will_write == ["Jazz", "Blues"]
    decide_rows(_ws(data), data, [one], "cleared")
    assert lib.decision_for(one.id) is None and one.status == "new"


def test_accept_groups_by_each_rows_own_suggestion(data):
    rows = [_by_title(data, t) for t in ("One", "Two", "<b>bold</b>")]
    groups, refused = row_decisions(_ws(data), rows, "accepted")
    assert not refused and groups == {
        ("accepted", ("Rock",)): [rows[0].id, rows[2].id],
        ("accepted", ("Rock", "Jazz")): [rows[1].id],
    }


def test_above_threshold(data):
    assert {r.title for r in data.above_threshold()} == {"One", "Two", "<b>bold</b>"}
    data.set_thresholds(0.25, 1)
    assert {r.title for r in data.above_threshold()} == {"One", "Two", "<b>bold</b>", "Four"}
    assert _by_title(data, "Two").suggestion == ["Rock"]


def test_albums_pool_their_tracks(data):
    albums = {a.album: a for a in data.albums()}
    first = albums["First"]
    assert len(first.rows) == 3 and first.artist == "Ann"
    # mean of Rock 0.9/0.6/0.8 = 0.767, Jazz 0.25
    assert first.suggestion == ["Rock"] and first.confidence == pytest.approx((0.9 + 0.6 + 0.8) / 3, abs=1e-5)
    assert first.current == ["Rock", "Jazz"] or set(first.current) == {"Rock", "Jazz"}
    second = albums["Second"]
    # only one analysed track, Blues 0.3: below the threshold, so no album suggestion either (one rule)
    assert second.suggestion == [] and second.confidence == pytest.approx(0.3)
    assert "failed" in second.status_text


def _write_batch(lib, written, failed, created_at: float) -> None:
    """A write batch as `tagger apply` records it: `written`'s genres written, `failed`'s
    write failed (permission denied)."""
    with lib.session() as s:
        b = Batch(mode="fill", created_at=created_at)
        s.add(b)
        s.flush()
        for row, status, error in ((written, "written", None), (failed, "failed", "permission denied")):
            s.add(
                Change(
                    batch_id=b.id,
                    track_id=row.id,
                    path=row.path,
                    old_json="[]",
                    new_json='["Rock"]',
                    status=status,
                    error=error,
                )
            )


def test_written_and_failed_status_from_the_last_change(data):
    lib = data.lib
    one, two = _by_title(data, "One"), _by_title(data, "Two")
    decide_rows(_ws(data), data, [one, two], "accepted")
    _write_batch(lib, written=one, failed=two, created_at=time.time() + 5)
    again = ReviewData(INFO, VOCAB, 0.5, 2)
    again.load(lib)
    assert _by_title(again, "One").status == "written"
    two = _by_title(again, "Two")
    assert two.status == "failed" and "permission denied" in two.error
    with lib.session() as s:
        s.get(Batch, 1).undone_at = time.time()
    again.load(lib)
    assert _by_title(again, "One").status == "accepted"  # undone: back to the decision


def test_already_decided_is_one_rule_for_rows_and_the_library(data):
    """A write of a suggestion without a decision (`tagger apply`) makes a track decided
    for the group actions; a write of it that failed does not, and accepting it then
    replaces the failure. The rows (the app) and the library (the CLI) agree."""
    from tagger.app.decisions import already_decided_ids
    from tagger.review import already_decided

    lib = data.lib
    one, two = _by_title(data, "One"), _by_title(data, "Two")
    _write_batch(lib, written=one, failed=two, created_at=time.time())
    again = ReviewData(INFO, VOCAB, 0.5, 2)
    again.load(lib)
    again.lib = lib
    one, two, bold = (_by_title(again, t) for t in ("One", "Two", "<b>bold</b>"))
    assert (one.status, two.status, bold.status) == ("written", "failed", "new")
    by_rows = {r.id for r in again.rows if already_decided(r.decision, r.status)}
    assert by_rows == already_decided_ids(_ws(again), [r.id for r in again.rows]) == {one.id}
    assert {r.title for r in again.above_threshold()} == {"Two", "<b>bold</b>"}
    decide_rows(_ws(again), again, [two], "accepted")
    assert two.status == "accepted" and two.error is None  # the failure no longer stands
    assert {r.title for r in again.above_threshold()} == {"<b>bold</b>"}
    assert already_decided_ids(_ws(again), [two.id]) == {two.id}
    # a decision cleared: the write's outcome shows again, as after a reload
    decide_rows(_ws(again), again, [one, two], "accepted")
    decide_rows(_ws(again), again, [one, two], "cleared")
    assert (one.status, two.status) == ("written", "failed") and "permission denied" in two.error
    fresh = ReviewData(INFO, VOCAB, 0.5, 2)
    fresh.load(lib)
    assert [(r.status, r.error) for r in (one, two)] == [
        (_by_title(fresh, t).status, _by_title(fresh, t).error) for t in ("One", "Two")
    ]


def test_live_analysis_results_update_rows(data):
    six = _by_title(data, "Six")
    row = data.set_analysis(six.id, "ok", None, [0.0, 0.0, 0.0, 0.0, 0.9, 0.7])
    assert row is six and six.suggestion == ["Classical", "Hip-Hop"] and six.analysed
    data.set_analysis(six.id, "error", "cannot decode audio", None)
    assert six.status == "failed"


def test_load_restricted_to_a_folder(data, tmp_path):
    d = ReviewData(INFO, VOCAB)
    d.load(data.lib, [tmp_path / "b"])
    assert {r.title or "" for r in d.rows} == {"Four", "Five", "Six", ""}


def test_split_genres():
    assert split_genres(" Jazz; blues ;jazz;; ") == ["Jazz", "blues"]
    # not at commas (a genre may hold one); one per line as pasted
    assert split_genres("Folk, World, & Country\nJazz\r\nBlues") == ["Folk, World, & Country", "Jazz", "Blues"]


def test_a_hundred_thousand_rows(tmp_path):
    """The review layer over a 100,000-track library (its speed is measured by
    scripts/benchmark.py, not asserted here)."""
    n = 100_000
    lib = Library(tmp_path / "big.sqlite")
    lib.register_model(INFO)
    rng = np.random.default_rng(0)
    with lib.engine.begin() as c:  # core inserts: the ORM would take longer than the test
        c.execute(
            Track.__table__.insert(),
            [
                dict(
                    path=f"/m/{i:06d}.mp3",
                    folder=f"/m/{i // 10}",
                    album=f"A{i // 10}",
                    artist="X",
                    title=f"T{i}",
                    content_id=f"c{i}",
                    genres_json="[]",
                    status="present",
                    size=0,
                    mtime_ns=0,
                    scanned_at=0.0,
                )
                for i in range(n)
            ],
        )
        c.execute(
            Analysis.__table__.insert(),
            [
                dict(
                    content_id=f"c{i}",
                    model_key=INFO.key,
                    status="ok",
                    scores_json=json.dumps(np.round(rng.random(6), 3).tolist()),
                    patch_starts_json="[]",
                    patch_scores_json="[]",
                    seconds=0.0,
                    created_at=0.0,
                )
                for i in range(n)
            ],
        )
    d = ReviewData(INFO, VOCAB)
    d.load(lib)
    found = d.query(text="T99999")
    albums = d.albums()
    ranked = d.query("all", "", "confidence", True)
    lib.close()
    assert len(d.rows) == n and [r.title for r in found] == ["T99999"]
    assert len(albums) == n // 10
    conf = [r.confidence for r in ranked]
    assert conf == sorted(conf, reverse=True)


# ---------------------------------------------------------------- "Will write" = what the write does
def _plan_for(data, mode):
    from tagger.apply import plan

    left: dict[str, int] = {}
    with data.lib.session() as s:
        tracks = list(s.query(Track).order_by(Track.path))
    changes = plan(
        data.lib, tracks, INFO, VOCAB, mode=mode, min_confidence=0.5, max_genres=2, decided_only=True, left_out=left
    )
    return {c.track_id: c.new for c in changes}, left


@pytest.mark.parametrize("mode", ["fill", "merge", "replace"])
def test_will_write_follows_the_write_rule(data, mode):
    lib = data.lib
    data.set_write_mode(mode)
    one, two, bold = (_by_title(data, t) for t in ("One", "Two", "<b>bold</b>"))
    four = _by_title(data, "Four")
    broken = next(r for r in data.rows if r.track_status == "error")
    decide_rows(
        _ws(data), data, [one, two, bold], "accepted"
    )  # current Rock / none / Jazz; suggestions Rock / Rock;Jazz / Rock
    decide_rows(_ws(data), data, [four], "overridden", ["Blues"])
    lib.set_decision([broken.id], "overridden", ["Jazz"])  # an override of an unreadable file
    data.mark_decided([broken], "overridden", ["Jazz"])
    planned, left = _plan_for(data, mode)
    for row in (one, two, bold, four, broken):
        genres, text = data.write_preview(row)
        assert genres == planned.get(row.id, []), (mode, row.title)
        assert (text == "; ".join(genres)) if genres else not text or text.startswith("("), text
    assert data.will_write_text(broken) == "" and left["unreadable"] == 1
    assert data.will_write_text(two) == "Rock; Jazz"
    assert data.will_write_text(four) == "Blues"  # an override is written whatever the mode
    assert data.will_write_text(one) == "(already set)"
    if mode == "fill":
        assert data.will_write_text(bold) == "(keeps Jazz — fill mode)"
        assert left == {"unreadable": 1, "fill": 1, "unchanged": 1, "undecided": 2}
    elif mode == "merge":
        assert data.will_write_text(bold) == "Jazz; Rock"
    else:
        assert data.will_write_text(bold) == "Rock"
    # sorting by the column sorts by what is shown; rows with nothing to write come last
    by_decision = data.query(sort_key="decision")
    shown = [data.will_write_text(r) for r in by_decision]
    assert [t for t in shown if t] == sorted((t for t in shown if t), key=str.casefold)
    assert shown.index("") > max(i for i, t in enumerate(shown) if t)


def test_will_write_is_cached_and_follows_a_mode_change(data):
    bold = _by_title(data, "<b>bold</b>")
    decide_rows(_ws(data), data, [bold], "accepted")
    assert data.will_write_text(bold).startswith("(keeps Jazz")
    data.set_write_mode("replace")
    assert data.will_write_text(bold) == "Rock"
    decide_rows(_ws(data), data, [bold], "skipped")
    assert data.will_write_text(bold) == "(skip)"


# ---------------------------------------------------------------- album suggestion safety
ALBUM_TRACKS = [
    # rock, jazz, blues, female, classical, hiphop
    dict(path="x/1.mp3", folder="x", artist="Cy", album="Rocks", title="R1", scores=[0.9, 0.1, 0.1, 0, 0, 0]),
    dict(path="x/2.mp3", folder="x", artist="Cy", album="Rocks", title="R2", scores=[0.8, 0.2, 0.1, 0, 0, 0]),
    dict(path="x/3.mp3", folder="x", artist="Cy", album="Rocks", title="R3", scores=[0.7, 0.1, 0.1, 0, 0, 0]),
    dict(path="x/4.mp3", folder="x", artist="Cy", album="Rocks", title="Waltz", scores=[0.1, 0.2, 0.1, 0, 0.9, 0]),
    dict(path="x/5.mp3", folder="x", artist="Cy", album="Rocks", title="Bad", scores="error"),
    dict(path="x/6.mp3", folder="x", artist="Cy", album="Rocks", title="Mine", scores=[0.9, 0, 0, 0, 0, 0]),
    dict(path="y/1.mp3", folder="y", title="Loose1", scores=[0.9, 0.1, 0.1, 0, 0, 0]),
    dict(path="y/2.mp3", folder="y", title="Loose2", scores=[0.9, 0.1, 0.1, 0, 0, 0]),
    dict(path="y/3.mp3", folder="y", status="error", error="not an audio file", scores=None),
]


def test_album_decisions_leave_failed_differing_and_decided_tracks_alone(tmp_path):
    lib = _lib(tmp_path, ALBUM_TRACKS)
    data = ReviewData(INFO, VOCAB, 0.5, 2)
    data.load(lib)
    data.lib = lib
    decide_rows(_ws(data), data, [_by_title(data, "Mine")], "overridden", ["Blues"])
    albums = {a.album: a for a in data.albums()}
    rocks, loose = albums["Rocks"], albums["y (folder)"]
    assert not rocks.folder_group and rocks.suggestion == ["Rock"]
    take, left = data.album_decisions(rocks)
    assert sorted(r.title for r in take) == ["R1", "R2", "R3"]
    assert left == {"differs": 1, "failed": 1, "decided": 1}
    # loose files grouped by folder are not an album: no album decision at all
    assert loose.folder_group and loose.suggestion
    assert data.album_decisions(loose) == ([], {})
    lib.close()


def test_an_albums_suggestion_takes_a_track_whose_write_of_a_suggestion_failed(tmp_path):
    """A failed write is not a decision: the album action takes the track, as accept all
    and `decide FOLDER --accept` do (tagger.review.already_decided); one whose write
    failed after a decision counts as decided."""
    lib = _lib(tmp_path, ALBUM_TRACKS)
    data = ReviewData(INFO, VOCAB, 0.5, 2)
    data.load(lib)
    data.lib = lib
    r1, r2 = _by_title(data, "R1"), _by_title(data, "R2")
    decide_rows(_ws(data), data, [r2], "accepted")
    _write_batch(lib, written=_by_title(data, "Mine"), failed=r1, created_at=time.time() + 5)
    with lib.session() as s:  # R2's write failed too, after its decision
        b = s.get(Batch, 1)
        s.add(Change(batch_id=b.id, track_id=r2.id, path=r2.path, old_json="[]", new_json="[]", status="failed"))
    again = ReviewData(INFO, VOCAB, 0.5, 2)
    again.load(lib)
    assert _by_title(again, "R1").status == _by_title(again, "R2").status == "failed"
    rocks = {a.album: a for a in again.albums()}["Rocks"]
    take, left = again.album_decisions(rocks)
    assert "R1" in {r.title for r in take} and "R2" not in {r.title for r in take}
    assert left["decided"] == 2 and left["failed"] == 1  # R2 and Mine (written); the unreadable one
    lib.close()


def test_counts_tell_tracks_not_analysed_apart_from_new_ones(data):
    """The status bar's counts: "new" tracks (a suggestion to review) and those not
    analysed yet (none: a stopped analysis) are not lumped together as "new"."""
    d = ReviewData(INFO, VOCAB)
    d.load(data.lib)
    counts = d.counts()
    waiting = sum(1 for r in d.rows if r.status == "new" and not r.analysed)
    fresh = sum(1 for r in d.rows if r.status == "new" and r.analysed)
    assert waiting and fresh, (waiting, fresh)  # the fixture has both
    assert counts.get("not analysed") == waiting and counts.get("new") == fresh
    assert sum(counts.values()) == len(d.rows)
