"""The CLI and the GUI give the same answer (issue 10's four disagreements), each case run
through `tagger` and through the real window on the same real library: the suggestion
rule, a broken vocabulary, the training counts, and files the writer will refuse."""

from __future__ import annotations

import json
import os
import shutil
import stat

import pytest
from gui_helpers import close_window, isolated_settings, open_window, wait_analysis, wait_idle
from PySide6.QtCore import Qt

from tagger.cli import main

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _library_with_scores(tmp_path, make_library, scores_by_format: dict[str, dict[str, float]]):
    """Scan real files with the CLI, then store the bundled model's analysis of each with
    the given genre scores (every other label 0.01), as `tagger analyze` would."""
    from tagger import db as library_db
    from tagger.analyze import DEFAULT_PATCHES
    from tagger.db import Library
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    files = make_library(tmp_path / "music", list(scores_by_format))
    db = tmp_path / "library.sqlite"
    assert main(["scan", str(tmp_path / "music"), "--db", str(db)]) == 0
    info = read_metadata(default_model_path())
    lib = Library(db)
    try:
        lib.register_model(info)
        for fmt, genre_scores in scores_by_format.items():
            track = lib.track_by_path(str(files[fmt].resolve()))
            vector = [genre_scores.get(tag, 0.01) for tag in info.tags]  # a fused model: each tagger's label
            result = {
                "status": "ok",
                "error": None,
                "seconds": 0.1,
                "scores": vector,
                "patch_starts": [],
                "patch_scores": [],
            }  # what analyze_file returns, stored as the job stores it
            library_db.analyses.store(lib, track.content_id, info.key, result, DEFAULT_PATCHES)
    finally:
        lib.close()
    return files, db


def _decisions(db, files: dict) -> dict:
    """{key: (state, genres) or None} of each file's decision in the library."""
    from tagger.db import Library

    lib = Library(db)
    try:
        out = {}
        for key, path in files.items():
            d = lib.decision_for(lib.track_by_path(str(path.resolve())).id)
            out[key] = None if d is None else (d.state, d.genres)
        return out
    finally:
        lib.close()


def _select_all_and_wait(qtbot, window):
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    window.table.selectAll()


# ---------------------------------------------------------------- 1. the suggestion rule
def test_a_best_genre_below_the_threshold_is_no_suggestion_in_both(qtbot, tmp_path, monkeypatch, make_library, capsys):
    """Scores [0.15, 0.05] at threshold 0.2: nothing to accept or write, CLI and GUI alike."""
    isolated_settings(tmp_path, monkeypatch, min_confidence=0.2, max_genres=2)
    files, db = _library_with_scores(
        tmp_path, make_library, {"flac": {"jazz": 0.15, "blues": 0.05}, "wav": {"rock": 0.6, "pop": 0.3}}
    )
    # CLI
    code, _, err = _cli(capsys, "decide", files["flac"], "--accept", "--db", db)
    assert code == 1 and "no suggestion to accept" in err and "below the threshold 0.2" in err
    code, out, _ = _cli(capsys, "apply", tmp_path / "music", "--dry-run", "--json", "--db", db)
    planned = {json.loads(line)["path"] for line in out.splitlines()}
    assert planned == {str(files["wav"].resolve())}  # only the confident one
    # GUI: the same row shows its best guess but has no suggestion; Accept records nothing
    window = open_window(qtbot, tmp_path / "music", db)
    _select_all_and_wait(qtbot, window)
    rows = {r.path: r for r in window.review_data.rows}
    low = rows[str(files["flac"].resolve())]
    assert low.suggestion == [] and low.best_guess == "Jazz"
    from tagger.review import COLUMN_KEYS

    cell = window.model.index(window.model.position_of(low.id), COLUMN_KEYS.index("suggested"))
    assert cell.data() == "(Jazz)" and "No suggestion" in cell.data(Qt.ToolTipRole)
    window.act_accept.trigger()
    wait_idle(qtbot, window)
    assert window.ctx.lib.decision_for(low.id) is None
    assert "left alone" in window.statusBar().currentMessage()
    high = rows[str(files["wav"].resolve())]
    assert window.ctx.lib.decision_for(high.id).genres == ["Rock", "Pop"]
    close_window(qtbot, window)
    # and the CLI accepts exactly what the GUI accepted
    assert main(["decide", str(files["wav"]), "--clear", "--db", str(db)]) == 0
    code, _, _ = _cli(capsys, "decide", files["wav"], "--accept", "--db", db)
    from tagger.db import Library

    lib = Library(db)
    try:
        assert code == 0 and lib.decision_for(high.id).genres == ["Rock", "Pop"]
    finally:
        lib.close()


# ---------------------------------------------------------------- 2. a broken vocabulary
def test_a_broken_vocabulary_stops_both(qtbot, tmp_path, monkeypatch, make_library, capsys):
    from tagger.app.workspace import VocabularyError, open_workspace, set_aside_user_vocabulary
    from tagger.gui.app import create_window

    isolated_settings(tmp_path, monkeypatch)
    make_library(tmp_path / "music", ["wav"])
    db = tmp_path / "library.sqlite"
    vocab = tmp_path / "config" / "vocabulary.json"
    vocab.write_text('{"genres": {"Jazz": "not a list"}}', encoding="utf-8")
    code, _, err = _cli(capsys, "analyze", tmp_path / "music", "--db", db)
    assert code == 1 and "vocabulary.json: not a valid vocabulary file" in err
    with pytest.raises(VocabularyError) as raised:
        create_window(folder=str(tmp_path / "music"), db=str(db))
    assert str(raised.value) == err.strip().removeprefix("tagger: ") and raised.value.path == vocab
    # the GUI's way out keeps the user's file and then both open with the bundled one
    kept = set_aside_user_vocabulary()
    assert kept.read_text(encoding="utf-8").startswith('{"genres"') and not vocab.exists()
    open_workspace(db).close()
    assert _cli(capsys, "vocabulary")[0] == 0


# ---------------------------------------------------------------- 3. the training counts
def test_the_train_dialog_counts_what_the_trainer_trains_on(qtbot, tmp_path, monkeypatch, make_library):
    """Multi-genre decisions, a skipped track and a deleted file: the dialog's numbers are
    the genres `trainer fit --arch head` learns (every confirmed genre of a track counts)."""
    from trainer.cli import build_parser
    from trainer.head import train

    isolated_settings(tmp_path, monkeypatch)
    files, db = _library_with_scores(
        tmp_path, make_library, {f: {"rock": 0.5} for f in ("wav", "flac", "ogg", "mp3", "aiff", "m4a")}
    )
    decide = [
        ("wav", "--genres", "Jazz; Blues"),
        ("flac", "--genres", "Jazz"),
        ("ogg", "--genres", "Folk"),
        ("mp3", "--genres", "folk; Jazz"),  # another spelling of Folk: one genre
        ("aiff", "--skip"),
        ("m4a", "--genres", "Waltz"),
    ]
    for fmt, *how in decide:
        assert main(["decide", str(files[fmt]), *how, "--db", str(db)]) == 0
    os.remove(files["m4a"])  # confirmed, then deleted (the window's scan marks it gone): not counted
    window = open_window(qtbot, tmp_path / "music", db)
    wait_analysis(qtbot, window, 60)
    window.show_train()
    dlg = window.train_dialog
    assert dlg.check.counts == {"Blues": 1, "Folk": 2, "Jazz": 3}
    assert dlg.counts_label.text() == "Your confirmed tracks teach 3 genres: Blues (1), Folk (2), Jazz (3)."
    assert "One example is weak: Blues" in dlg.notes_label.text()
    assert dlg.start_button.isEnabled() and not dlg.blocker
    dlg.reject()
    close_window(qtbot, window)
    args = build_parser().parse_args(
        ["fit", "--arch", "head", "--data", str(db), "--out", str(tmp_path / "m.personal.npz")]
        + ["--cache-dir", str(tmp_path / "cache"), "--workers", "1", "--no-progress", "--test-fraction", "0"]
    )
    summary = train(args)
    assert summary["counts"] == dlg.check.counts


def test_suggestions_accepted_together_teach_neither_the_dialog_nor_the_trainer(
    qtbot, tmp_path, monkeypatch, make_library, capsys
):
    """A folder's suggestions accepted at once are the model's guesses taken on trust: the
    Train dialog and `trainer fit --arch head` both leave them out, and say so in the
    same words (tagger.training_data.teaches)."""
    from trainer.cli import build_parser
    from trainer.head import HeadError, train

    isolated_settings(tmp_path, monkeypatch)
    files, db = _library_with_scores(tmp_path, make_library, {f: {"rock": 0.9} for f in ("wav", "flac", "ogg")})
    assert main(["decide", str(tmp_path / "music"), "--accept", "--db", str(db)]) == 0
    capsys.readouterr()
    window = open_window(qtbot, tmp_path / "music", db)
    wait_analysis(qtbot, window, 60)
    window.show_train()
    dlg = window.train_dialog
    expected = (
        "Nothing to learn from yet: the 3 suggestions you confirmed were accepted together with others, "
        "and those do not teach. Accept a track on its own, or override it."
    )
    assert dlg.blocker == expected and dlg.blocker_label.text() == expected
    assert dlg.counts_label.isHidden()  # not also "You have not confirmed any track yet."
    assert not dlg.start_button.isEnabled()
    dlg.reject()
    close_window(qtbot, window)
    args = build_parser().parse_args(
        ["fit", "--arch", "head", "--data", str(db), "--out", str(tmp_path / "m.personal.npz")]
        + ["--cache-dir", str(tmp_path / "cache"), "--workers", "1", "--no-progress", "--test-fraction", "0"]
    )
    with pytest.raises(HeadError, match="Nothing to learn from yet: the 3 suggestion"):
        train(args)


# ---------------------------------------------------------------- 4. files the writer will refuse
def test_read_only_files_are_predicted_by_both(qtbot, tmp_path, monkeypatch, make_library, capsys):
    isolated_settings(tmp_path, monkeypatch, write_mode="replace")
    files, db = _library_with_scores(tmp_path, make_library, {"flac": {"jazz": 0.7}, "mp3": {"rock": 0.8}})
    capsys.readouterr()  # the scan's summary
    read_only = files["mp3"]
    os.chmod(read_only, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        code, out, err = _cli(capsys, "apply", tmp_path / "music", "--dry-run", "--json", "--db", db)
        lines = {json.loads(line)["path"]: json.loads(line) for line in out.splitlines()}
        cli_refused = {p: d["error"] for p, d in lines.items() if d["status"] == "would-fail"}
        assert list(cli_refused) == [str(read_only.resolve())] and "read-only" in cli_refused[str(read_only.resolve())]
        window = open_window(qtbot, tmp_path / "music", db)
        _select_all_and_wait(qtbot, window)
        window.write_tags()
        dlg = window.write_dialog
        qtbot.waitUntil(lambda: dlg.write_button.isEnabled(), timeout=20000)
        gui_refused = {c.path: c.problem for c in dlg.changes if c.problem}
        assert gui_refused == cli_refused
        assert "1 of them will be refused" in dlg.summary.text()
        dlg.reject()
        close_window(qtbot, window)
    finally:
        os.chmod(read_only, stat.S_IRUSR | stat.S_IWUSR)


# ---------------------------------------------------------------- album decisions, both ways
def test_album_decisions_are_the_same_from_the_cli_and_the_gui(qtbot, tmp_path, monkeypatch, make_library, capsys):
    """One album: two Rock tracks and one whose own best genre is Jazz. The album's pooled
    suggestion (Rock) goes to the two, the Jazz track is left alone: `decide --album` and
    the app's B record the same decisions."""

    isolated_settings(tmp_path, monkeypatch, min_confidence=0.2, max_genres=2)
    files, db = _library_with_scores(
        tmp_path,
        make_library,
        {"flac": {"rock": 0.6}, "wav": {"rock": 0.5, "pop": 0.3}, "mp3": {"jazz": 0.5, "rock": 0.2}},
    )
    capsys.readouterr()

    def decisions():
        return _decisions(db, files)

    code, out, err = _cli(capsys, "decide", tmp_path / "music", "--accept", "--album", "--db", db)
    assert code == 0 and "Rock for 2 track(s)" in out and "own best genre differs" in out
    expected = {"flac": ("accepted", ["Rock"]), "wav": ("accepted", ["Rock"]), "mp3": None}
    assert decisions() == expected
    assert main(["decide", str(tmp_path / "music"), "--clear", "--db", str(db)]) == 0
    assert set(decisions().values()) == {None}

    window = open_window(qtbot, tmp_path / "music", db)
    _select_all_and_wait(qtbot, window)
    window.act_album.trigger()
    wait_idle(qtbot, window)
    assert "applied to 2 tracks" in window.statusBar().currentMessage()
    close_window(qtbot, window)
    assert decisions() == expected


# ---------------------------------------------------------------- accept all, and its undo, both ways
def test_accept_all_and_its_undo_are_decide_accept_and_decide_undo(qtbot, tmp_path, monkeypatch, make_library, capsys):
    """The app's Accept all above threshold records what `tagger decide --accept` records
    for the same tracks (the one below the threshold left alone by both); Ctrl+Z in the
    table and `tagger decide --undo` each take the whole batch back in one step."""
    from PySide6.QtTest import QTest

    from tagger.gui import dialogs

    isolated_settings(tmp_path, monkeypatch, min_confidence=0.2, max_genres=2)
    files, db = _library_with_scores(
        tmp_path,
        make_library,
        {
            "flac": {"jazz": 0.15, "blues": 0.05},
            "wav": {"rock": 0.6, "pop": 0.3},
            "mp3": {"jazz": 0.5},
            "ogg": {"folk": 0.25, "blues": 0.22},
        },
    )
    capsys.readouterr()

    def decisions():
        return _decisions(db, files)

    window = open_window(qtbot, tmp_path / "music", db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda parent, title, text, yes="OK": asked.append(text) or True)
    window.act_accept_all.trigger()
    assert len(asked) == 1 and asked[0].startswith("Accept 3 suggestions at 20% or more?")
    by_app = decisions()
    assert by_app == {
        "flac": None,  # its best genre is below the threshold
        "wav": ("accepted", ["Rock", "Pop"]),
        "mp3": ("accepted", ["Jazz"]),
        "ogg": ("accepted", ["Folk", "Blues"]),
    }
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    QTest.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert set(decisions().values()) == {None}
    close_window(qtbot, window)

    code, out, _ = _cli(capsys, "decide", tmp_path / "music", "--accept", "--db", db)
    assert code == 0 and "3 of 4 track(s) updated" in out
    assert decisions() == by_app
    code, out, _ = _cli(capsys, "decide", tmp_path / "music", "--undo", "--db", db)
    assert code == 0 and out.startswith("Undone: accept 3 tracks")
    assert set(decisions().values()) == {None}


# ---------------------------------------------------------------- what "already decided" means
def test_group_actions_leave_the_same_tracks_alone_in_the_cli_and_the_gui(
    qtbot, tmp_path, monkeypatch, make_library, capsys
):
    """One album of five confident Rock tracks: one accepted, one overridden, one skipped,
    one written by `tagger apply` without a decision, one untouched. `decide FOLDER
    --accept`, the app's Accept all above threshold, and the album's suggestion (CLI and
    app) each take the untouched one only (tagger.review.already_decided)."""

    isolated_settings(tmp_path, monkeypatch, min_confidence=0.2, max_genres=2)
    rock = {"rock": 0.6, "pop": 0.3}
    files, db = _library_with_scores(
        tmp_path, make_library, {fmt: rock for fmt in ("flac", "wav", "mp3", "ogg", "m4a")}
    )
    music = tmp_path / "music"
    assert main(["decide", str(files["flac"]), "--accept", "--db", str(db)]) == 0
    assert main(["decide", str(files["wav"]), "--genres", "Jazz", "--db", str(db)]) == 0
    assert main(["decide", str(files["mp3"]), "--skip", "--db", str(db)]) == 0
    assert main(["apply", str(files["ogg"]), "--mode", "replace", "--db", str(db)]) == 0  # written, no decision
    capsys.readouterr()

    def decisions():
        return _decisions(db, files)

    before = decisions()
    assert before == {
        "flac": ("accepted", ["Rock", "Pop"]),
        "wav": ("overridden", ["Jazz"]),
        "mp3": ("skipped", []),
        "ogg": None,
        "m4a": None,
    }
    taken = {**before, "m4a": ("accepted", ["Rock", "Pop"])}

    def clear_m4a():
        assert main(["decide", str(files["m4a"]), "--clear", "--db", str(db)]) == 0
        assert decisions() == before

    code, out, err = _cli(capsys, "decide", music, "--accept", "--db", db)
    assert code == 0 and "1 of 5 track(s) updated" in out
    assert "4 track(s) already decided or written, left alone" in err
    assert decisions() == taken
    clear_m4a()

    code, out, err = _cli(capsys, "decide", music, "--accept", "--album", "--db", db)
    assert code == 0 and "for 1 track(s)" in out and "4 already decided or written" in out
    assert decisions() == {**before, "m4a": ("accepted", ["Rock", "Pop"])}
    code, out, err = _cli(capsys, "decide", music, "--accept", "--album", "--db", db)  # again: nothing to do
    assert code == 0 and "5 already decided or written" in err and "0 track(s) of 0 album(s) updated" in err
    clear_m4a()

    from tagger.gui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask", lambda parent, title, text, yes="OK": asked.append(text) or True)
    window = open_window(qtbot, music, db)
    _select_all_and_wait(qtbot, window)
    window.act_accept_all.trigger()
    assert len(asked) == 1 and asked[0].startswith("Accept 1 suggestion at 20% or more?")
    assert decisions() == taken
    window.act_undo_decision.trigger()
    assert decisions() == before
    window.table.selectAll()
    window.act_album.trigger()
    wait_idle(qtbot, window)
    message = window.statusBar().currentMessage()
    assert "applied to 1 track" in message and "4 already decided or written" in message
    close_window(qtbot, window)
    assert decisions() == taken


# ---------------------------------------------------------------- an unreadable file takes no decision
def test_an_unreadable_file_takes_no_decision_in_both(qtbot, tmp_path, monkeypatch, make_library, capsys):
    """A file the scan could not read: `decide --genres/--skip` refuse it with the reason
    (tagger.review.can_be_decided), and in the app Accept, Override and Skip are off for
    it alone and leave it out of a mixed selection; clearing a decision stays possible."""
    import audio_fixtures

    isolated_settings(tmp_path, monkeypatch, min_confidence=0.2, max_genres=2)
    files, db = _library_with_scores(tmp_path, make_library, {"wav": {"rock": 0.6}})
    music = tmp_path / "music"
    bad = music / "text.ogg"
    shutil.copyfile(audio_fixtures.broken_files(tmp_path / "broken")["text.ogg"], bad)
    assert main(["scan", str(music), "--db", str(db)]) == 0
    capsys.readouterr()

    def decisions():
        return _decisions(db, {"wav": files["wav"], "bad": bad})

    code, out, err = _cli(capsys, "decide", bad, "--genres", "Jazz", "--db", db)
    assert code == 1 and "not decided (the file could not be read" in err and "0 of 1 track(s) updated" in out
    code, out, err = _cli(capsys, "decide", bad, "--skip", "--db", db)
    assert code == 1 and "not decided" in err
    code, out, err = _cli(capsys, "decide", music, "--genres", "Jazz", "--db", db)
    assert code == 0 and "1 of 2 track(s) updated" in out and str(bad.resolve()) in err
    assert decisions() == {"wav": ("overridden", ["Jazz"]), "bad": None}
    assert main(["decide", str(music), "--clear", "--db", str(db)]) == 0

    window = open_window(qtbot, music, db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    by_path = {r.path: i for i, r in enumerate(window.review_data.rows)}
    bad_row = window.review_data.rows[by_path[str(bad.resolve())]]
    assert not bad_row.writable
    assert window.select_track(bad_row.id)
    qtbot.waitUntil(lambda: [r.id for r in window.selected_rows()] == [bad_row.id], timeout=5000)
    assert not window.act_accept.isEnabled() and not window.act_override.isEnabled()
    assert not window.act_skip.isEnabled()
    window.table.selectAll()
    assert window.act_skip.isEnabled()
    window.act_skip.trigger()
    assert "Skipped: 1 track" in window.statusBar().currentMessage()
    assert "1 left alone: the file could not be read" in window.statusBar().currentMessage()
    close_window(qtbot, window)
    assert decisions() == {"wav": ("skipped", []), "bad": None}


def test_an_unreadable_file_without_a_recorded_reason_is_said_so_in_every_language():
    """A track whose scan recorded no reason is refused with a sentence the app can
    translate, not with an English 'unknown error' inside a German line."""
    from tagger.app.decisions import _unreadable
    from tagger.messages import FILE_UNREADABLE, FILE_UNREADABLE_NO_REASON

    without = _unreadable(7, "/music/a.ogg", None).reason
    assert (without, without.template) == ("the file could not be read", FILE_UNREADABLE_NO_REASON)
    given = _unreadable(7, "/music/a.ogg", "truncated").reason
    assert (given, given.template) == ("the file could not be read: truncated", FILE_UNREADABLE)
