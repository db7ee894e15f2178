"""Decisions have their own undo: one step per action (an accept, override, skip or
undecide, one accept-all, one album action, one `tagger decide`), kept in the library,
shared by the app (Ctrl+Z in the table) and `tagger decide --undo`. And "Accept all
above threshold" asks first, with the count the core's accept-all gives in its dry
form, at the threshold shown (and changed) beside the button.

Real data: the example tracks in resources/example-music, analysed by the bundled model
once per module; each test works on its own copies of the files and the library."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from gui_helpers import (
    analysed_template,
    close_window,
    copy_db,
    isolated_settings,
    open_window,
    wait_analysis,
    wait_idle,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tagger.cli import main

pytestmark = [pytest.mark.gui, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "example-music"


def copy_examples(directory, formats=None) -> dict[str, Path]:
    """Fresh copies of the example tracks: {file name: path} (`formats` unused: the
    signature of make_library, for analysed_template)."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    return {p.name: Path(shutil.copy(p, d / p.name)) for p in sorted(EXAMPLES.glob("*.ogg"))}


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("undo-template")
    mp = pytest.MonkeyPatch()
    try:
        isolated_settings(d, mp)
        yield analysed_template(d, copy_examples, None)
    finally:
        mp.undo()


def _library(tmp_path, monkeypatch, template_db, **settings):
    isolated_settings(tmp_path, monkeypatch, **settings)
    files = copy_examples(tmp_path / "music")
    return files, copy_db(template_db, tmp_path / "library.sqlite")


def _press(qtbot, window, key, modifier=Qt.NoModifier, widget=None):
    widget = widget or window.table
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    QTest.keyClick(widget, key, modifier)


def _decisions(db, paths) -> dict[str, tuple | None]:
    """{path: (state, genres, decided_at) or None}, read with a library of its own."""
    from tagger.db import Library

    lib = Library(db)
    try:
        out = {}
        for p in paths:
            d = lib.decision_for(lib.track_by_path(str(Path(p).resolve())).id)
            out[str(p)] = None if d is None else (d.state, d.genres, d.decided_at)
        return out
    finally:
        lib.close()


def _rule(db, music, threshold: float) -> dict[int, list[str]]:
    """Each track's suggestion at `threshold` by the core's rule from the stored
    analyses (what `tagger decide --accept --min-confidence` takes): {track id: genres}."""
    from tagger.app.decisions import suggestions_for
    from tagger.app.workspace import open_workspace

    ws = open_workspace(db, min_confidence=threshold)
    try:
        found, _ = suggestions_for(ws, ws.lib.tracks_under([music]))
        return found
    finally:
        ws.close()


# ---------------------------------------------------------------- the app
def test_accept_all_asks_with_the_count_and_ctrl_z_takes_the_batch_back(qtbot, tmp_path, monkeypatch, template_db):
    from tagger.config import Settings
    from tagger.gui import dialogs

    files, db = _library(tmp_path, monkeypatch, template_db)
    music = tmp_path / "music"
    window = open_window(qtbot, music, db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    data, lib = window.review_data, window.ctx.lib
    assert len(data.rows) == len(files) and all(r.analysed for r in data.rows)
    # two thresholds from the model's own confidences: every track, and the best three
    confidences = sorted((r.confidence for r in data.rows), reverse=True)
    high, low = math.floor(confidences[2] * 100), math.floor(confidences[-1] * 100)
    assert confidences[-1] < high / 100, confidences  # the two thresholds take different tracks

    # one decision before: an override, a step of its own
    overridden = window.model.row_at(0)
    window.select_track(overridden.id)
    window.override_selected(["Blues"])
    assert lib.decision_for(overridden.id).genres == ["Blues"]

    asked, answer = [], [False]
    monkeypatch.setattr(
        dialogs, "ask", lambda parent, title, text, yes="OK": asked.append((title, text, yes)) or answer[0]
    )

    def set_threshold(percent: int) -> dict[int, list[str]]:
        with qtbot.waitSignal(window.threshold_box.changed, timeout=5000):
            window.threshold_box.spin.setValue(percent)
        assert Settings.load().min_confidence == percent / 100  # saved as Settings saves it
        assert window.review_data.min_confidence == percent / 100
        expected = {t: g for t, g in _rule(db, music, percent / 100).items() if t != overridden.id}
        shown = {r.id: r.suggestion for r in window.review_data.rows if r.suggestion and r.id != overridden.id}
        assert shown == expected  # the table's suggestions follow the threshold
        return expected

    # at the higher threshold: asked with its count; Cancel records nothing
    at_high = set_threshold(high)
    _press(qtbot, window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert asked[-1][1].startswith(f"Accept {len(at_high)} suggestions at {high}% or more?")
    assert asked[-1][2] == f"Accept {len(at_high)}"
    assert [lib.decision_for(r.id) is None for r in data.rows].count(False) == 1

    # lower: the count follows the threshold beside the button
    at_low = set_threshold(low)
    assert len(at_low) == len(files) - 1 > len(at_high)
    answer[0] = True
    _press(qtbot, window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert asked[-1][1].startswith(f"Accept {len(at_low)} suggestions at {low}% or more?")
    for tid, genres in at_low.items():
        d = lib.decision_for(tid)
        assert (d.state, d.genres) == ("accepted", genres)
    assert f"{len(at_low)} accepted" in window.status_bar.counts_label.text()
    assert window.act_undo_decision.isEnabled() and window.act_undo_decision.text().startswith("&Undo accept all")

    # Ctrl+Z in the search field undoes the typing there, not a decision
    some = next(iter(at_low))
    window.search.setFocus()
    QTest.keyClicks(window.search, "x")
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier, widget=window.search)
    assert window.search.text() == "" and lib.decision_for(some) is not None
    window.set_search("")
    window.select_track(some)
    assert window.detail.row is data.by_id[some] and "Status: accepted" in window.detail.genres_label.text()

    # Ctrl+Z in the table: every track of the batch undecided again, in one step
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    assert all(lib.decision_for(tid) is None for tid in at_low)
    assert all(data.by_id[tid].status == "new" and data.by_id[tid].decision is None for tid in at_low)
    assert lib.decision_for(overridden.id).genres == ["Blues"]  # the step before stays
    assert window.statusBar().currentMessage().startswith(f"Undone: accept all at {low}% or more")
    assert "accepted" not in window.status_bar.counts_label.text()
    assert f"{len(at_low)} new" in window.status_bar.counts_label.text()
    assert "Status: new" in window.detail.genres_label.text()  # the detail panel too

    # redo (Ctrl+Shift+Z, and Ctrl+Y), undo again; the next undo takes the override back
    for redo in (Qt.ControlModifier | Qt.ShiftModifier, Qt.ControlModifier):
        _press(qtbot, window, Qt.Key_Z if redo & Qt.ShiftModifier else Qt.Key_Y, redo)
        assert all(lib.decision_for(tid).genres == g for tid, g in at_low.items())
        assert "Status: accepted" in window.detail.genres_label.text()
        assert not window.act_redo_decision.isEnabled()  # nothing more to redo
        _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
        assert all(lib.decision_for(tid) is None for tid in at_low)
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    assert lib.decision_for(overridden.id) is None and data.by_id[overridden.id].status == "new"
    assert not window.act_undo_decision.isEnabled()
    close_window(qtbot, window)

    # the CLI shares the history: redo the override there, and undo it again
    assert main(["decide", "--redo", "--db", str(db)]) == 0
    assert _decisions(db, [overridden.path])[overridden.path][:2] == ("overridden", ["Blues"])
    assert main(["decide", str(music), "--undo", "--db", str(db)]) == 0
    assert _decisions(db, [overridden.path])[overridden.path] is None


def test_each_decision_and_the_album_action_are_one_step(qtbot, tmp_path, monkeypatch, template_db):
    files, db = _library(tmp_path, monkeypatch, template_db, min_confidence=0.05)
    window = open_window(qtbot, tmp_path / "music", db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    lib = window.ctx.lib
    # write undo keeps its own entry, away from Ctrl+Z
    assert window.act_undo.shortcut().toString() == "Ctrl+Alt+Z"
    assert window.act_undo_decision.shortcut().toString() == "Ctrl+Z"
    assert window.act_undo.text() == "&Undo last write…" and "Ctrl+Alt+Z" in window.act_undo.toolTip()
    # the box beside Accept all shows the setting, also after the Settings dialog changed it
    assert window.threshold_box.spin.value() == 5
    window.ctx.settings.min_confidence = 0.07
    window.settings_applied(False, True)
    wait_idle(qtbot, window)
    assert window.threshold_box.spin.value() == 7
    window.threshold_box.spin.setValue(5)
    window.threshold_box.commit()  # applied at once, without waiting for the value to rest
    data = window.review_data
    assert window.ctx.settings.min_confidence == 0.05 and data.min_confidence == 0.05

    first, second = window.model.row_at(0), window.model.row_at(1)
    window.table.selectRow(0)
    _press(qtbot, window, Qt.Key_A)  # accept, and the cursor moves on
    assert lib.decision_for(first.id).genres == first.suggestion
    assert window.track_page.current_row() is second
    _press(qtbot, window, Qt.Key_S)  # skip the second
    assert lib.decision_for(second.id).state == "skipped"
    window.select_track(first.id)
    _press(qtbot, window, Qt.Key_Backspace)  # undecide the first
    assert lib.decision_for(first.id) is None

    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)  # the undecide, back to accepted
    d = lib.decision_for(first.id)
    assert (d.state, d.genres) == ("accepted", first.suggestion) and first.status == "accepted"
    assert window.track_page.current_row() is first
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)  # the skip
    assert lib.decision_for(second.id) is None and second.status == "new"
    assert lib.decision_for(first.id) is not None
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)  # the accept
    assert lib.decision_for(first.id) is None and first.status == "new"

    # the album action on every album at once: one step
    window.table.selectAll()
    albums = [a for a in window.decisions.albums_for_action() if not a.folder_group and a.suggestion]
    assert len(albums) >= 2, [a.album for a in albums]
    window.act_album.trigger()
    taken = [r for r in data.rows if r.decision]
    assert len(taken) >= 2 and all(lib.decision_for(r.id).state == "accepted" for r in taken)
    assert window.act_undo_decision.text().startswith("&Undo album suggestion")
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    assert all(lib.decision_for(r.id) is None and r.status == "new" for r in taken)
    assert not window.act_undo_decision.isEnabled()

    # many decisions are recorded, and undone, in a worker thread: the same steps
    from tagger.gui import decisions as gui_decisions
    from tagger.gui import dialogs

    monkeypatch.setattr(gui_decisions, "SYNC_DECISION_LIMIT", 1)
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    window.accept_all_above_threshold()
    assert window.decisions.recording  # the rows are marked a slice per turn of the event loop
    window.accept_all_above_threshold()  # refused until then: it would count them again
    assert window.statusBar().currentMessage().startswith("Still recording the last decisions")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.decisions.recording)
    assert window.statusBar().currentMessage().startswith("Accepted ")
    accepted = [r for r in data.rows if r.suggestion]
    assert all(r.status == "accepted" for r in accepted)
    assert len(accepted) > 1 and all(lib.decision_for(r.id).genres == r.suggestion for r in accepted)
    _press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    wait_idle(qtbot, window)
    assert all(lib.decision_for(r.id) is None and r.status == "new" for r in accepted)
    assert window.statusBar().currentMessage().startswith("Undone: accept all at 5% or more")
    close_window(qtbot, window)


# ---------------------------------------------------------------- the command line
def _cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_decide_undo_restores_exactly_what_was_there(tmp_path, monkeypatch, template_db, capsys):
    files, db = _library(tmp_path, monkeypatch, template_db)
    music = tmp_path / "music"
    assert main(["scan", str(music), "--db", str(db)]) == 0
    paths = [str(p) for p in files.values()]
    one, other = paths[0], paths[1]
    assert main(["decide", one, "--genres", "Blues", "--db", str(db)]) == 0
    assert main(["decide", other, "--skip", "--db", str(db)]) == 0
    before = _decisions(db, paths)
    capsys.readouterr()

    # each file named on its own: decided again, the override and the skip included
    code, out, _ = _cli(capsys, "decide", *paths, "--accept", "--min-confidence", "0", "--db", db)
    assert code == 0 and f"{len(paths)} of {len(paths)} track(s) updated" in out
    accepted = _decisions(db, paths)
    assert all(d is not None and d[0] == "accepted" for d in accepted.values())

    code, out, _ = _cli(capsys, "decide", "--undo", "--db", db)
    assert code == 0 and out.strip() == f"Undone: accept {len(paths)} tracks ({len(paths)} tracks restored)"
    assert _decisions(db, paths) == before  # the override and the skip with their times; none elsewhere
    code, out, _ = _cli(capsys, "decide", "--redo", "--db", db)
    assert code == 0 and _decisions(db, paths) == accepted
    assert main(["decide", "--undo", "--db", str(db)]) == 0

    # a path the last step did not touch: refused, nothing undone
    code, _, err = _cli(capsys, "decide", one, "--undo", "--db", db)
    assert code == 1 and "the last decision step (skip 1 track) touched no track under" in err
    assert _decisions(db, paths) == before
    assert _cli(capsys, "decide", other, "--undo", "--db", db)[0] == 0
    assert _cli(capsys, "decide", music, "--undo", "--db", db)[0] == 0
    assert set(_decisions(db, paths).values()) == {None}
    code, _, err = _cli(capsys, "decide", "--undo", "--db", db)
    assert code == 1 and "nothing to undo" in err
    # a new decision ends what could be redone
    assert main(["decide", one, "--skip", "--db", str(db)]) == 0
    code, _, err = _cli(capsys, "decide", "--redo", "--db", db)
    assert code == 1 and "nothing to redo" in err
    # decide without a path (other than undo or redo) says so
    code, _, err = _cli(capsys, "decide", "--accept", "--db", db)
    assert code == 2 and "PATH" in err


def test_decide_help_documents_undo(capsys):
    from tagger.db.decision_steps import MAX_STEPS

    with pytest.raises(SystemExit):
        main(["decide", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--undo" in text and "--redo" in text and "take back the last decision step" in text
    assert f"the last {MAX_STEPS} steps" in text and "`tagger undo`" in text


# ---------------------------------------------------------------- the history itself
def test_the_history_is_capped_and_a_track_changed_since_is_left_alone(tmp_path, monkeypatch, template_db):
    from tagger.app.decisions import decide, undo_decisions, undoable_step
    from tagger.app.workspace import open_workspace
    from tagger.db import decision_steps

    files, db = _library(tmp_path, monkeypatch, template_db)
    assert main(["scan", str(tmp_path / "music"), "--db", str(db)]) == 0
    monkeypatch.setattr(decision_steps, "MAX_STEPS", 3)
    ws = open_workspace(db)
    try:
        ids = [t.id for t in ws.lib.tracks_under([tmp_path / "music"])]
        for genre in ("Jazz", "Blues", "Folk", "Rock"):
            decide(ws, ids[:2], "overridden", [genre])
        assert undoable_step(ws).what == "override 2 tracks with Rock"
        decide(ws, ids[:2], "overridden", ["Rock"])  # changes nothing: no step
        assert undoable_step(ws).what == "override 2 tracks with Rock"
        # a decision made outside the history (as a scan moving a track would)
        ws.lib.set_decision([ids[0]], "skipped")
        out = undo_decisions(ws)
        assert out.changed_since == [ids[0]] and list(out.restored) == [ids[1]]
        assert ws.lib.decision_for(ids[0]).state == "skipped"
        assert ws.lib.decision_for(ids[1]).genres == ["Folk"]
        assert undo_decisions(ws) is not None and ws.lib.decision_for(ids[1]).genres == ["Blues"]
        assert undo_decisions(ws) is not None and ws.lib.decision_for(ids[1]).genres == ["Jazz"]
        assert undo_decisions(ws) is None  # only the last 3 steps were kept
        assert ws.lib.decision_for(ids[1]).genres == ["Jazz"]
        with pytest.raises(ValueError, match="at least one genre"):
            decide(ws, ids[:1], "overridden", [" "])
    finally:
        ws.close()


def test_many_accepted_are_recorded_first_then_marked_a_slice_per_turn(qtbot, tmp_path, monkeypatch, template_db):
    """Above SYNC_DECISION_LIMIT rows, accept-all records in a worker thread and only then
    marks the rows, a slice per turn of the event loop (while a worker runs Python, each
    cell the window paints waits for the GIL): the rows stay undecided until the
    decisions are in the library, then every one is marked as recorded, and one undo
    takes them all back."""
    from tagger.app import decisions as app_decisions
    from tagger.gui import decisions as gui_decisions
    from tagger.gui import dialogs

    files, db = _library(tmp_path, monkeypatch, template_db, min_confidence=0.01)
    window = open_window(qtbot, tmp_path / "music", db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    data, lib = window.review_data, window.ctx.lib
    monkeypatch.setattr(gui_decisions, "SYNC_DECISION_LIMIT", 0)
    monkeypatch.setattr(app_decisions, "MARK_SLICE", 1)
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    recorded_when_marked = []
    mark = data.mark_decided

    def marking(rows, state, genres=None):
        recorded_when_marked.extend(lib.decision_for(r.id) is not None for r in rows)
        mark(rows, state, genres)

    monkeypatch.setattr(data, "mark_decided", marking)
    taken = [r for r in data.rows if r.suggestion]
    assert len(taken) == len(files) > 1
    window.accept_all_above_threshold()
    assert window.decisions.recording and all(r.status == "new" for r in data.rows)
    qtbot.waitUntil(lambda: window.decisions.recording == 0, timeout=20000)
    assert recorded_when_marked == [True] * len(taken)
    for r in taken:
        d = lib.decision_for(r.id)
        assert (r.status, r.decision_genres) == ("accepted", r.suggestion) == (d.state, d.genres)
    assert f"{len(taken)} accepted" in window.status_bar.counts_label.text()
    window.undo_decision()
    qtbot.waitUntil(
        lambda: window.decisions.recording == 0 and all(r.status == "new" for r in data.rows), timeout=20000
    )
    assert all(lib.decision_for(r.id) is None for r in taken)
    close_window(qtbot, window)


def test_accept_all_on_the_album_page_takes_the_tracks_it_groups(qtbot, tmp_path, monkeypatch, template_db):
    """Grouped by album with a search typed, accept-all takes the undecided tracks the
    album page groups (those the search lets through), each as the core's rule
    suggests, and no other track."""
    from tagger.gui import dialogs

    files, db = _library(tmp_path, monkeypatch, template_db)
    music = tmp_path / "music"
    window = open_window(qtbot, music, db)
    wait_analysis(qtbot, window, 60)
    wait_idle(qtbot, window)
    data = window.review_data
    threshold = data.min_confidence
    rule = _rule(db, music, threshold)
    # a search that keeps some tracks with a suggestion and leaves out others
    kept = next(r for r in data.rows if r.id in rule)
    word = kept.file_name.split(".")[0]
    window.set_search(word)
    window.group_albums.setChecked(True)
    qtbot.waitUntil(lambda: window.pages.showing_albums() and window.album_model.rowCount() > 0, timeout=10000)
    grouped = {r.id for r in window.pages.album_source_rows()}
    assert kept.id in grouped and len(grouped) < len(data.rows)
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    window.accept_all_above_threshold()
    qtbot.waitUntil(lambda: window.decisions.recording == 0, timeout=10000)
    decided = _decisions(db, [r.path for r in data.rows])
    by_path = {r.path: r.id for r in data.rows}
    accepted = {by_path[p]: d[1] for p, d in decided.items() if d is not None}
    assert accepted == {t: g for t, g in rule.items() if t in grouped}
    close_window(qtbot, window)
