"""What a personal model learns from: genres the user typed, and suggestions accepted
each on its own; not the suggestions accepted together with others (accept all, an
album, a folder, a selection), which are the base model's guesses taken on trust
(tagger.training_data.teaches). Each decision records how it was made (its scope), undo
puts it back, and the CLI, the app's core and the trainer read it by the one rule.

Real data: the analysed library of real music pieces (tests/personal_fixtures.py)."""

from __future__ import annotations

import sqlite3

import pytest

from tagger.cli import main


@pytest.fixture
def ws(analysed_pieces, tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    from tagger.app.workspace import open_workspace
    from tagger.config import Settings

    workspace = open_workspace(analysed_pieces.copy_db(tmp_path / "lib.sqlite"), settings=Settings(min_confidence=0.0))
    yield workspace
    workspace.close()


def ids(ws, paths) -> list[int]:
    return [ws.lib.track_by_path(p).id for p in paths]


def scopes(ws) -> dict[int, tuple[str, str | None]]:
    """track id -> (state, scope), read from the library file itself."""
    con = sqlite3.connect(ws.lib.path)
    try:
        return {
            tid: (state, scope) for tid, state, scope in con.execute("SELECT track_id, state, scope FROM decisions")
        }
    finally:
        con.close()


def taught_paths(ws) -> set[str]:
    from tagger.training_data import training_set

    return {t.path for t in training_set(ws.lib).tracks}


def test_accept_all_teaches_nothing_and_the_train_check_says_why(ws, analysed_pieces):
    from tagger.app.decisions import accept_all_above_threshold, review_data
    from tagger.app.personal import train_library
    from tagger.app.training import check_training
    from tagger.training_data import training_set

    data = review_data(ws)
    plan = accept_all_above_threshold(ws, data)
    assert plan.count == len(analysed_pieces.genre) > 20  # every piece has a suggestion at 0 %
    assert set(scopes(ws).values()) == {("accepted", "group")}
    found = training_set(ws.lib)
    assert found.tracks == [] and found.accepted_in_groups == plan.count

    check = check_training(ws.lib.path, ws.vocab)
    assert check.counts == {} and check.accepted_in_groups == plan.count
    assert check.blocker.startswith(f"Nothing to learn from yet: the {plan.count} suggestion(s) you confirmed")
    outcome = train_library(ws)
    assert outcome.model is None and outcome.blocker == check.blocker


def test_a_track_accepted_on_its_own_teaches_and_a_group_leaves_it_so(ws, analysed_pieces):
    from tagger.app.decisions import decide, undo_decisions, undoable_step
    from tagger.app.personal import train_library

    jazz = analysed_pieces.of("Jazz")
    one, others = jazz[0], jazz[1:4]
    decide(ws, ids(ws, [one]), "accepted")
    assert scopes(ws)[ids(ws, [one])[0]] == ("accepted", "track")
    assert taught_paths(ws) == {one}

    # the same suggestion accepted again with others: still the user's own decision
    decide(ws, ids(ws, [one, *others]), "accepted")
    assert taught_paths(ws) == {one}
    assert undoable_step(ws).n_tracks == len(others)  # the one already decided is not in it
    outcome = train_library(ws)
    assert outcome.model is not None and outcome.model.decisions == 1
    assert outcome.accepted_in_groups == len(others)
    assert any("accepted together with others" in line for line in outcome.lines(ws.min_confidence))

    # accepting a group-accepted track on its own is a step of its own: it now teaches
    decide(ws, ids(ws, [others[0]]), "accepted")
    assert undoable_step(ws).what == "accept 1 track"
    assert taught_paths(ws) == {one, others[0]}
    out = undo_decisions(ws)  # back to accepted in a group, not to "no decision"
    assert out.restored[ids(ws, [others[0]])[0]][0::3] == ("accepted", "group")
    assert taught_paths(ws) == {one}


def test_genres_typed_by_the_user_teach_however_many_tracks_took_them(ws, analysed_pieces):
    from tagger.app.decisions import decide

    waltz = analysed_pieces.of("Waltz")
    decide(ws, ids(ws, waltz), "overridden", ["Waltz"])
    assert {scope for _, scope in scopes(ws).values()} == {"group"}
    assert taught_paths(ws) == set(waltz)


def test_decisions_recorded_before_scopes_were_kept_still_teach(ws, analysed_pieces):
    folk = analysed_pieces.of("Folk")[:3]
    ws.lib.set_decision(ids(ws, folk), "accepted", ["Folk"])  # as the app did before: no scope
    assert {scope for _, scope in scopes(ws).values()} == {None}
    assert taught_paths(ws) == set(folk)


def test_the_cli_accepts_a_folder_as_a_group_and_a_file_on_its_own(ws, analysed_pieces, capsys):
    db = str(ws.lib.path)
    folder = str(analysed_pieces.folder)
    first = analysed_pieces.of("Jazz")[0]
    assert main(["decide", folder, "--accept", "--min-confidence", "0", "--db", db]) == 0
    assert taught_paths(ws) == set()
    capsys.readouterr()
    assert main(["personal", "train", "--db", db]) == 1
    out = capsys.readouterr().out
    assert "Nothing to learn from yet" in out and "accepted together with others" in out

    assert main(["decide", first, "--accept", "--min-confidence", "0", "--db", db]) == 0
    assert scopes(ws)[ids(ws, [first])[0]] == ("accepted", "track")
    assert taught_paths(ws) == {first}
    assert main(["personal", "train", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "from 1 confirmed track" in out
    n_group = len(analysed_pieces.genre) - 1
    assert f"{n_group} suggestion(s) accepted together with others" in out


def test_a_moved_track_keeps_how_its_decision_was_made(ws, analysed_pieces, tmp_path):
    """A decision follows its file to a new place (tagger.db.decisions.follow_moves),
    scope included: a group accept does not start to teach by being moved."""
    import shutil

    from tagger.app.decisions import decide
    from tagger.scan import scan

    pieces = analysed_pieces.of("Folk")[:2]
    decide(ws, ids(ws, pieces), "accepted")
    moved = tmp_path / "moved"
    moved.mkdir()
    for p in pieces:  # (the fixture's files are shared: copy, then hide the originals from this library)
        shutil.copy(p, moved)
    con = sqlite3.connect(ws.lib.path)
    with con:
        con.executemany("UPDATE tracks SET status = 'gone' WHERE path = ?", [(p,) for p in pieces])
    con.close()
    scan(ws.lib, [moved])
    new_ids = [ws.lib.track_by_path(str(moved / p.rsplit("/", 1)[1])).id for p in pieces]
    assert {tid: scopes(ws).get(tid) for tid in new_ids} == dict.fromkeys(new_ids, ("accepted", "group"))


def test_a_removed_track_takes_no_decision_back_and_stays_removed_when_moved(ws, analysed_pieces, tmp_path):
    """Remove from library forgets a track's decision. Redoing a step that decided it
    leaves it alone (and says so) instead of deciding it again, so it cannot teach;
    moving its file keeps it removed (a scan pairs the move, as it does for decisions)."""
    import shutil

    from tagger import db
    from tagger.app.decisions import decide, describe_outcome, redo_decisions, undo_decisions
    from tagger.scan import scan

    folk = analysed_pieces.of("Folk")[:2]
    kept, removed = ids(ws, folk)
    decide(ws, [kept], "overridden", ["Folk"])
    decide(ws, [removed], "overridden", ["Folk"])
    undo_decisions(ws)
    assert db.tracks.remove(ws.lib, [removed]) == 1
    out = redo_decisions(ws)
    assert out.restored == {} and out.changed_since == [removed]
    assert "1 track left alone (decided otherwise since, moved or removed)" in describe_outcome(out, undone=False)
    assert taught_paths(ws) == {folk[0]}
    ws.lib.set_decision([removed], "overridden", ["Folk"])  # (even one recorded by other means)
    assert taught_paths(ws) == {folk[0]}

    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(folk[1], moved)
    con = sqlite3.connect(ws.lib.path)
    with con:  # its old place is gone (the fixture's files are shared: hidden from this library)
        con.execute("UPDATE tracks SET status = 'gone' WHERE id = ?", (removed,))
    con.close()
    scan(ws.lib, [moved])
    arrived = ws.lib.track_by_path(str(moved / folk[1].rsplit("/", 1)[1]))
    assert arrived.removed_at is not None
    assert [t.id for t in ws.lib.tracks_under([moved])] == []  # left out, as before the move


def test_redo_after_a_move_leaves_the_gone_row_alone(ws, analysed_pieces):
    from tagger.app.decisions import decide, redo_decisions, undo_decisions

    waltz = analysed_pieces.of("Waltz")[0]
    (tid,) = ids(ws, [waltz])
    decide(ws, [tid], "overridden", ["Waltz"])
    undo_decisions(ws)
    con = sqlite3.connect(ws.lib.path)
    with con:  # a scan found it gone (moved elsewhere, not rescanned there yet)
        con.execute("UPDATE tracks SET status = 'gone' WHERE id = ?", (tid,))
    con.close()
    out = redo_decisions(ws)
    assert out.restored == {} and out.changed_since == [tid] and scopes(ws) == {}


def test_a_selection_is_a_group_whatever_each_took(ws, analysed_pieces):
    """Two tracks named, one refused (unreadable): the one accepted was accepted with
    others all the same, so it does not teach; its undo changes nothing learnt, while
    the undo of a track accepted on its own does (changed_teaching)."""
    from tagger.app.decisions import changed_teaching, decide, undo_decisions

    folk = analysed_pieces.of("Folk")[:2]
    good, bad = ids(ws, folk)
    con = sqlite3.connect(ws.lib.path)
    with con:
        con.execute("UPDATE tracks SET status = 'error', error = 'cut short' WHERE id = ?", (bad,))
    con.close()
    result = decide(ws, [good, bad], "accepted")
    assert list(result.recorded) == [good] and [r.track_id for r in result.refused] == [bad]
    assert scopes(ws)[good] == ("accepted", "group") and taught_paths(ws) == set()
    assert changed_teaching(undo_decisions(ws)) == set()
    decide(ws, [good], "accepted")
    assert changed_teaching(undo_decisions(ws)) == {good}


def test_deciding_again_what_is_already_so_says_nothing_changed(ws, analysed_pieces, capsys):
    """No step is recorded for a decision a track already has, so the command says
    nothing changed (the next undo takes back the step before, which the user made)."""
    db = str(ws.lib.path)
    path = analysed_pieces.of("Jazz")[0]
    assert main(["decide", path, "--accept", "--min-confidence", "0", "--db", db]) == 0
    assert capsys.readouterr().out == "1 of 1 track(s) updated\n"
    assert main(["decide", path, "--accept", "--min-confidence", "0", "--db", db]) == 0
    assert capsys.readouterr().out == "nothing changed: the 1 track(s) already were so\n"


def test_a_model_the_library_cannot_record_leaves_no_file_behind(ws, analysed_pieces, monkeypatch):
    """`tagger personal train` while another program holds the library's write lock: the
    one-line 'busy' error, and no model file kept that nothing would ever use."""
    from tagger.app.decisions import decide
    from tagger.app.personal import activate, models_dir, train_library
    from tagger.db import library

    for genre in ("Folk", "Waltz"):
        decide(ws, ids(ws, analysed_pieces.of(genre)[:2]), "overridden", [genre])
    outcome = train_library(ws)
    assert outcome.model is not None
    monkeypatch.setattr(library, "BUSY_TIMEOUT_MS", 200)
    ws.lib.close()
    ws.lib = library.Library(ws.lib.path)  # (its connections made with the short wait)
    holder = sqlite3.connect(ws.lib.path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Exception) as raised:
            activate(ws, outcome.model)
    finally:
        holder.rollback()
        holder.close()
    assert library.database_problem(raised.value) == library.BUSY
    assert list(models_dir(ws.lib).glob("*")) == []


def test_training_after_a_move_not_rescanned_says_to_rescan(ws, analysed_pieces, tmp_path, capsys):
    import shutil

    from tagger.app.decisions import decide
    from tagger.scan import scan

    moved = tmp_path / "mine"
    moved.mkdir()
    copy = shutil.copy(analysed_pieces.of("Folk")[0], moved / "folk.wav")
    scan(ws.lib, [moved])
    decide(ws, ids(ws, [str(copy)]), "overridden", ["Folk"])
    (moved / "folk.wav").rename(moved / "folk (1).wav")  # moved, the library not told yet
    assert main(["personal", "train", "--db", str(ws.lib.path)]) == 1
    assert capsys.readouterr().out.startswith(
        "The 1 confirmed track(s) are not where the library last saw them (moved or deleted): scan the folder"
    )


def test_a_track_removed_in_the_app_is_said_so_and_brought_back_by_scan_restore(ws, analysed_pieces, capsys):
    from tagger import db

    db_path = str(ws.lib.path)
    piece = analysed_pieces.of("Jazz")[0]
    assert db.tracks.remove(ws.lib, ids(ws, [piece])) == 1
    capsys.readouterr()
    assert main(["decide", piece, "--genres", "Jazz", "--db", db_path]) == 1
    said = (
        "tagger: the 1 track(s) there were removed from the library (Remove from library in the app): "
        "`tagger scan --restore` on those paths brings them back\n"
    )
    assert capsys.readouterr().err == said
    assert main(["scan", piece, "--db", db_path]) == 0  # a plain scan leaves it removed
    assert main(["decide", piece, "--genres", "Jazz", "--db", db_path]) == 1
    capsys.readouterr()
    assert main(["scan", piece, "--restore", "--db", db_path]) == 0
    assert "1 removed track(s) brought back into the library" in capsys.readouterr().err
    assert main(["decide", piece, "--genres", "Jazz", "--db", db_path]) == 0
