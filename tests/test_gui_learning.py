"""Learning as you review, driven through the real window (pytest-qt, offscreen) on a real
library of analysed real music (tests/personal_fixtures.py): decisions retrain the
personal model in the background, the suggestions change in place, the status bar says
which model made them and from how many decisions, and the user can go back. The Train
dialog trains in the app and says what was learnt in plain words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from gui_helpers import close_window, isolated_settings, open_window, wait_analysis, wait_idle  # noqa: E402
from PySide6.QtCore import QItemSelectionModel  # noqa: E402


def _open(qtbot, tmp_path, monkeypatch, pieces, **settings):
    isolated_settings(tmp_path, monkeypatch, **settings)
    db = pieces.copy_db(tmp_path / "library.sqlite")
    window = open_window(qtbot, pieces.folder, db)
    summary = wait_analysis(qtbot, window)
    assert summary["failed"] == 0 and summary["cached"] == len(pieces.genre), summary
    wait_idle(qtbot, window)
    return window


def _select(window, paths) -> list:
    """Select the rows of these files in the table, as a user would (ctrl-click)."""
    ids = [window.ctx.lib.track_by_path(p).id for p in paths]
    window.table.clearSelection()
    sel = window.table.selectionModel()
    for tid in ids:
        pos = window.model.position_of(tid)
        assert pos is not None
        sel.select(window.model.index(pos, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    rows = window.selected_rows()
    assert {r.id for r in rows} == set(ids)
    return rows


def _row(window, path):
    return window.review_data.by_id[window.ctx.lib.track_by_path(path).id]


def _suggested_cell(window, row) -> str:
    from tagger.review import COLUMN_KEYS

    pos = window.model.position_of(row.id)
    return window.model.index(pos, COLUMN_KEYS.index("suggested")).data()


def _wait_trained(qtbot, window, decisions: int):
    learning = window.learning
    qtbot.waitUntil(
        lambda: (
            learning.worker is None
            and window.ctx.ws.personal is not None
            and window.ctx.ws.personal.decisions == decisions
        ),
        timeout=120000,
    )


def test_learn_as_you_review_and_go_back(qtbot, tmp_path, monkeypatch, analysed_pieces):
    from tagger.config import Settings

    assert Settings().learn_as_you_review and Settings().learn_after == 5  # the app's defaults
    pieces = analysed_pieces
    window = _open(qtbot, tmp_path, monkeypatch, pieces, learn_after=5, learn_as_you_review=True)
    learning = window.learning
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    assert learning.label.text() == f"Suggestions: {read_metadata(default_model_path()).name}"
    waltz, folk, jazz = pieces.of("Waltz"), pieces.of("Folk"), pieces.of("Jazz")
    held_waltz = waltz[-1]  # never decided: its suggestion is what changes
    assert "Waltz" not in _row(window, held_waltz).suggestion  # the base model has no Waltz

    _select(window, waltz[:-1])
    window.override_selected(["Waltz"])
    assert learning.worker is None and learning.pending == len(waltz) - 1  # not yet: fewer than 5
    assert "new decision" in learning.label.text()
    _select(window, folk[:3])
    window.override_selected(["Folk"])
    first = len(waltz) - 1 + 3
    _wait_trained(qtbot, window, first)  # retrained in the background, no click needed
    wait_idle(qtbot, window)
    assert window.ctx.ws.personal.genres == ["Folk", "Waltz"]
    row = _row(window, held_waltz)
    assert row.suggestion and row.suggestion[0] == "Waltz", row.suggestion
    assert _suggested_cell(window, row).startswith("Waltz")  # shown in the table, in place
    assert f"from {first} decisions" in learning.label.text()
    message = window.status_bar.currentMessage()
    assert "suggestions changed" in message and "personal model (Folk, Waltz)" in message, message
    changed_first = len(learning.last_changed)
    assert changed_first >= 1 and f"{changed_first} suggestion" in message
    assert "Changed by the last model change" in learning.label.toolTip()

    # the base model's Jazz suggestions accepted together teach nothing: the model's own
    # guesses, taken on trust (tagger.training_data.teaches)
    jazz_rows = [r for r in (_row(window, p) for p in jazz) if "Jazz" in r.suggestion]
    assert len(jazz_rows) >= 3
    _select(window, [r.path for r in jazz_rows])
    window.act_accept.trigger()
    assert all(r.decision == "accepted" for r in jazz_rows)
    assert learning.pending == 0 and learning.worker is None and not learning._timer.isActive()
    # undoing and redoing that group accept changes nothing a personal model learns
    window.act_undo_decision.trigger()
    qtbot.waitUntil(lambda: all(r.decision is None for r in jazz_rows), timeout=10000)
    window.act_redo_decision.trigger()
    qtbot.waitUntil(lambda: all(r.decision == "accepted" for r in jazz_rows), timeout=10000)
    assert learning.pending == 0 and learning.worker is None
    # accepted one at a time, they teach Jazz too (it replaces the base Jazz score)
    for r in jazz_rows:
        _select(window, [r.path])
        window.act_accept.trigger()
    second = first + len(jazz_rows)
    if len(jazz_rows) < 5:  # fewer than learn_after: no retraining yet, Train now does it
        assert learning.pending == len(jazz_rows) and learning.worker is None
        learning.act_train_now.trigger()
    _wait_trained(qtbot, window, second)
    wait_idle(qtbot, window)
    # what those accepted suggestions held (Jazz, and a second genre where the model gave one)
    taught = {"Folk", "Waltz"} | {g for r in jazz_rows for g in r.suggestion}
    assert "Jazz" in taught and window.ctx.ws.personal.genres == sorted(taught, key=str.casefold)
    assert f"from {second} decisions" in learning.label.text()

    # go back to the previous personal model: the rows follow
    assert learning.act_go_back.isEnabled()
    learning.act_go_back.trigger()
    assert window.ctx.ws.personal.genres == ["Folk", "Waltz"]
    assert f"from {first} decisions" in learning.label.text()
    assert learning.rescoring and "updating the suggestions" in learning.label.text()  # in a worker, then in slices
    wait_idle(qtbot, window)
    assert "updating" not in learning.label.text()
    assert "Back to your personal model (Folk, Waltz)" in window.status_bar.currentMessage()
    assert _row(window, held_waltz).suggestion[0] == "Waltz"
    # the library remembers which one is in use: a reload shows the same suggestions
    shown = {r.id: list(r.suggestion) for r in window.review_data.rows}
    window.reload_rows()
    qtbot.waitUntil(lambda: not window.ctx.threads, timeout=30000)
    assert {r.id: list(r.suggestion) for r in window.review_data.rows} == shown

    # undeciding several taught tracks at once is learnt too (they stop teaching)
    jazz_rows = [_row(window, r.path) for r in jazz_rows]
    _select(window, [r.path for r in jazz_rows])
    before = learning.pending
    window.decisions.clear_selected()
    assert all(r.decision is None for r in jazz_rows)
    assert learning.pending == before + len(jazz_rows) or learning.worker is not None
    close_window(qtbot, window)


def test_learning_can_be_turned_off_and_train_now_still_works(qtbot, tmp_path, monkeypatch, analysed_pieces):
    pieces = analysed_pieces
    window = _open(qtbot, tmp_path, monkeypatch, pieces, learn_after=2, learn_as_you_review=False)
    learning = window.learning
    assert not learning.act_learn.isChecked()
    # nothing confirmed yet: Train now says so, and the label does not stay at "learning…"
    with qtbot.waitSignal(learning.trained, timeout=30000):
        learning.act_train_now.trigger()
    assert "Personal model not trained" in window.statusBar().currentMessage()
    assert "learning" not in learning.label.text()
    _select(window, pieces.of("Folk")[:3])
    window.override_selected(["Folk"])
    qtbot.wait(800)
    assert learning.worker is None and window.ctx.ws.personal is None  # off: nothing trains
    learning.act_train_now.trigger()
    _wait_trained(qtbot, window, 3)
    assert window.ctx.ws.personal.genres == ["Folk"]
    close_window(qtbot, window)


def test_train_dialog_trains_in_the_app_and_says_what_was_learnt(qtbot, tmp_path, monkeypatch, analysed_pieces):
    pieces = analysed_pieces
    window = _open(qtbot, tmp_path, monkeypatch, pieces, learn_as_you_review=False)
    window.show_train()
    dlg = window.train_dialog
    assert not dlg.start_button.isEnabled() and "accept or override" in dlg.blocker_label.text()
    dlg.reject()
    _select(window, pieces.of("Jazz")[:3])
    window.override_selected(["Jazz"])
    _select(window, pieces.of("Ragtime")[:1])  # one example
    window.override_selected(["Ragtime"])
    window.show_train()
    dlg = window.train_dialog
    assert dlg.counts_label.text() == "Your confirmed tracks teach 2 genres: Jazz (3), Ragtime (1)."
    assert dlg.notes_label.isVisible() and "One example is weak: Ragtime" in dlg.notes_label.text()
    assert dlg.start_button.isEnabled() and not dlg.use_button.isEnabled()
    dlg.start_button.click()
    qtbot.waitUntil(lambda: dlg.use_button.isEnabled(), timeout=120000)
    text = dlg.result.toPlainText()
    assert "Learnt 2 genres from 4 confirmed tracks" in text
    assert "Jazz: 3 confirmed tracks; held-out check:" in text and "3 test tracks: a rough check." in text
    assert "the model's own Jazz" in text and "the model's own Ragtime" not in text  # the model has no Ragtime
    assert "Ragtime: 1 confirmed track (one example is weak" in text
    assert "\r" not in text and "it/s" not in text and "%|" not in text  # no terminal log, no tqdm
    assert dlg.status.text().startswith("Done in")
    dlg.use_button.click()
    wait_idle(qtbot, window)
    assert window.ctx.ws.personal.genres == ["Jazz", "Ragtime"]
    assert "from 4 decisions" in window.learning.label.text()
    assert "new decision" not in window.learning.label.text()  # it learnt from all 4 (said "· 4 new decisions")
    close_window(qtbot, window)


def test_undoing_every_decision_takes_back_what_was_learnt_from_them(qtbot, tmp_path, monkeypatch, analysed_pieces):
    """A review saw the personal model learnt from 7 decisions keep raising suggestions
    after they were undone, and the retraining's "not trained" replace "Undone: …" in
    the status bar. Now the base model's genres come back, and both messages show."""
    pieces = analysed_pieces
    window = _open(qtbot, tmp_path, monkeypatch, pieces, learn_after=2, learn_as_you_review=True)
    learning = window.learning
    before = {r.id: list(r.suggestion) for r in window.review_data.rows}
    _select(window, pieces.of("Folk")[:3])
    window.override_selected(["Folk"])
    _wait_trained(qtbot, window, 3)
    wait_idle(qtbot, window)
    message = window.status_bar.currentMessage()
    assert "3 track" in message and "Suggestions now from your personal model (Folk)" in message, message
    assert {r.id: list(r.suggestion) for r in window.review_data.rows} != before  # it learnt something

    window.act_undo_decision.trigger()
    qtbot.waitUntil(lambda: learning.worker is None and window.ctx.ws.personal is None, timeout=120000)
    wait_idle(qtbot, window)
    message = window.status_bar.currentMessage()
    assert message.startswith("Undone") and "No confirmed tracks left" in message, message
    assert {r.id: list(r.suggestion) for r in window.review_data.rows} == before  # the base model's again
    assert "your personal model" not in learning.label.text() and "new decision" not in learning.label.text()
    assert learning.act_go_back.isEnabled()  # the model learnt from them can be had back
    close_window(qtbot, window)


def test_a_re_score_that_fails_says_so_and_the_label_stops_saying_updating(
    qtbot, tmp_path, monkeypatch, analysed_pieces
):
    from tagger.personal import Example, load_background, source_of, train
    from tagger.review import ReviewData

    window = _open(qtbot, tmp_path, monkeypatch, analysed_pieces, learn_as_you_review=False)
    learning = window.learning
    rows = [r for r in window.review_data.rows if r.embedding is not None and r.suggestion]
    model = train(
        [Example(r.embedding, [r.suggestion[0]], group=r.path) for r in rows],
        load_background(),
        source_of(window.ctx.ws.info),
    )

    def fails(self, personal):
        raise OSError("disk I/O error")

    monkeypatch.setattr(ReviewData, "prepare_personal", fails)
    learning.use_model(model)
    assert "updating the suggestions" in learning.label.text()
    wait_idle(qtbot, window)
    assert "Cannot re-score the suggestions: disk I/O error" in window.status_bar.currentMessage()
    assert "updating" not in learning.label.text()
    close_window(qtbot, window)
