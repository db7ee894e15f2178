"""Decisions on the selected tracks or albums (accept, override, skip, undecide,
accept all above the threshold, the album suggestion): recorded in the library and
shown in the review table at once; and their undo and redo, one step per action."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence

from tagger.app.decisions import (
    accept_all_above_threshold,
    changed_teaching,
    decide_albums,
    mark_rows,
    mark_rows_in_slices,
    record,
    redo_decisions,
    redoable_step,
    row_decisions,
    scope_for,
    teaches_when_decided,
    undo_decisions,
    undoable_step,
)
from tagger.review import ReviewRow

from . import core_text, dialogs, labels
from .labels import percent
from .workers import FunctionWorker, describe_error, step_per_turn

SYNC_DECISION_LIMIT = 2000  # more rows than this: the DB write goes to a worker thread


class Decisions(QObject):
    decided = Signal(object)  # the rows whose decision changed (already marked in the review data)
    # those of them whose change can change what a personal model learns (not the
    # suggestions accepted in a group: tagger.training_data.teaches)
    teaching = Signal(object)
    history_changed = Signal()  # what Undo / Redo decision would do changed

    def __init__(self, window):
        """`window`: the MainWindow (its review data, selection and status bar)."""
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.override_dialog: dialogs.OverrideDialog | None = None
        self.recording = 0  # decisions being recorded in a worker: undo waits for them
        self._steps: tuple | None = None  # (undoable, redoable) step, cached until a decision
        self.decided.connect(lambda _: self._history_changed())

    def decide(self, rows: list[ReviewRow], state: str, genres: list[str] | None = None, what: str = "") -> int:
        """Record a decision through the application layer (tagger.app.decisions: the
        same rule as `tagger decide`) and show it at once; rows without a suggestion to
        accept are left alone, and the status bar says why. Returns how many rows hold
        the decision now (0: none took it, and the review stays on them)."""
        data = self.window.review_data
        if data is None or not rows:
            return 0
        try:
            groups, refused = row_decisions(self.ctx.ws, rows, state, genres)
        except ValueError as exc:  # e.g. an empty override
            self.window.show_status(describe_error(exc), error=True)
            return 0
        decided = sum(len(ids) for ids in groups.values())
        scope = scope_for(len(rows))  # several rows selected are a group, whatever each took
        step = None
        if decided <= SYNC_DECISION_LIMIT:
            try:
                step = record(self.ctx.ws, groups, scope=scope)
            except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
                self.window.show_status(
                    self.tr("Cannot record the decision: {reason}").format(reason=describe_error(exc)), error=True
                )
                return 0
            if decided and step is None:  # each already had this decision: no step, nothing to undo
                self.window.show_status(self.tr("Nothing changed: already decided so"), timeout=8000)
                return decided
        else:
            self._record_in_worker(groups, scope=scope)
        changed = mark_rows(data, groups)
        if changed:
            self.decided.emit(changed)
            if teaches_when_decided(state, len(rows)):
                self.teaching.emit(changed)
        accepting = state == "accepted" and genres is None
        left = core_text.refusals(refused, accepting)
        if not decided:
            if not left:
                text = self.tr("Nothing to record")
            elif accepting:
                text = self.tr("Nothing to accept: {why}").format(why=left)
            else:
                text = self.tr("Nothing to record: {why}").format(why=left)
            self.window.show_status(text, error=True)
            return 0
        text = what or self._done_text(state, decided)
        self.window.show_status(text + (f" ({left})" if left else ""), timeout=8000)
        return decided

    def _done_text(self, state: str, n: int) -> str:
        if state == "skipped":
            return self.tr("Skipped: %n track(s)", "", n)
        if state == "cleared":
            return self.tr("Decision cleared for %n track(s)", "", n)
        if state == "overridden":
            return self.tr("Overridden: %n track(s)", "", n)
        return self.tr("Accepted: %n track(s)", "", n)

    def accept_selected(self) -> None:
        if self.window.pages.showing_albums():
            self.apply_album_suggestion()
            return
        rows = self.window.selected_rows()
        n = sum(bool(r.suggestion) for r in rows)
        if self.decide(rows, "accepted", what=self.tr("Accepted the suggestion for %n track(s)", "", n)):
            self._advance()  # a row with nothing to accept keeps the review on it, as the status bar says

    def _advance(self) -> None:
        """After deciding one row, move to the next one (keyboard reviewing)."""
        if self.window.pages.showing_tracks():
            self.window.track_page.advance()

    def override_selected(self, genres: list[str] | None = None) -> None:
        rows = self.window.selected_rows()
        if not rows:
            return
        if genres is not None:
            self.decide(rows, "overridden", genres)
            return
        first = rows[0]
        initial = (
            first.decision_genres
            if first.decision == "overridden"
            else (first.suggestion or ([first.best_guess] if first.best_guess else first.current))
        )
        suggestions = []
        for r in rows[:50]:
            for gs in (r.suggestion, r.current):
                text = "; ".join(gs)
                if text and text not in suggestions:
                    suggestions.append(text)
        dlg = dialogs.OverrideDialog(self.ctx.vocab, initial, len(rows), suggestions, self.window)
        self.override_dialog = dlg

        def done(result, dlg=dlg, rows=rows):
            self.override_dialog = None
            if result:
                gs = dlg.genres()
                self.decide(
                    rows,
                    "overridden",
                    gs,
                    what=self.tr("Overridden: %n track(s) → {genres}", "", len(rows)).format(genres="; ".join(gs)),
                )
                self._advance()

        dlg.finished.connect(done)
        dlg.open()

    def skip_selected(self) -> None:
        rows = self.window.selected_rows()
        self.decide(rows, "skipped")
        self._advance()

    def clear_selected(self) -> None:
        rows = [r for r in self.window.selected_rows() if r.decision]
        self.decide(rows, "cleared", what=self.tr("Decision cleared for %n track(s)", "", len(rows)))

    def _record_in_worker(self, groups, what: str = "", then=None, scope: str | None = None) -> None:
        """Many decisions: the DB write goes to a worker thread (undo waits for it);
        `then()` runs once they are recorded."""
        w = FunctionWorker(lambda worker, groups=groups: record(self.ctx.ws, groups, what, scope), name="decisions")
        if then is not None:
            w.done.connect(lambda _: then())
        w.failed.connect(
            lambda reason: self.window.show_status(
                self.tr("Cannot record the decisions: {reason}").format(reason=reason), error=True
            )
        )
        w.finished.connect(self._recorded)
        self.recording += 1
        self.ctx.start(w)

    def _recorded(self) -> None:
        self.recording -= 1
        self._history_changed()

    def accept_all_above_threshold(self) -> None:
        """After a confirmation with the count: the count is the application layer's
        accept-all in its dry form, and the accept is that same function."""
        data = self.window.review_data
        if data is None:
            return
        if self.recording:  # the rows of the last batch are not all marked yet: it would count them again
            self.window.show_status(self.tr("Still recording the last decisions: try again in a moment"), error=True)
            return
        ws, visible = self.ctx.ws, self.window.pages.visible_positions()
        plan = accept_all_above_threshold(ws, data, positions=visible, dry_run=True)
        at = percent(plan.threshold)
        if not plan.count:
            self.window.show_status(
                self.tr("No undecided track shown has a suggestion at {percent} or more").format(percent=at),
                timeout=8000,
            )
            return
        n = plan.count
        undo_key = self.window.act_undo_decision.shortcut().toString(QKeySequence.NativeText)
        if not dialogs.ask(
            self.window,
            self.tr("Accept all above threshold"),
            self.tr("Accept %Ln suggestion(s) at {percent} or more?", "", n).format(percent=at)
            + "\n\n"
            + self.tr(
                "Only undecided tracks shown now are taken. Undo decision ({key}) takes them all back at once."
            ).format(key=undo_key)
            + "\n\n"
            + self.tr(
                "Suggestions accepted together do not teach your personal model: it learns from the tracks you "
                "accept one at a time or override."
            ),
            self.tr("Accept %Ln", "", n),
        ):
            return
        if n > SYNC_DECISION_LIMIT:
            # recorded first, then marked: while the worker runs Python, each call of the
            # window's thread into Python (every table cell it paints) waits for the GIL,
            # so the rows are marked and the table repainted once the worker is done
            self.window.show_status(self.tr("Accepting %Ln suggestion(s)…", "", plan.count))
            self._record_in_worker(
                plan.groups, plan.what, then=lambda: self._mark_in_slices(data, plan, at), scope=plan.scope
            )
            return
        try:
            plan = accept_all_above_threshold(ws, data, positions=visible)  # the same, recorded
        except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
            self.window.show_status(
                self.tr("Cannot record the decisions: {reason}").format(reason=describe_error(exc)), error=True
            )
            return
        mark_rows(data, plan.groups)
        self._accepted_all(plan, at)

    def _mark_in_slices(self, data, plan, at: str) -> None:
        """Many rows: marked a slice per turn of the event loop, so the window keeps
        drawing (98,000 rows in one go froze it for 5.8 s); undo waits for the end."""
        self.recording += 1

        def marked() -> None:
            self.recording -= 1
            self._accepted_all(plan, at)

        step_per_turn(self, mark_rows_in_slices(data, plan.groups), marked)

    def _accepted_all(self, plan, at: str) -> None:
        self.decided.emit(plan.rows)
        self.window.show_status(
            self.tr("Accepted %Ln suggestion(s) at {percent} or more", "", plan.count).format(percent=at),
            timeout=8000,
        )

    # ---------------------------------------------------------------- undo, redo
    def steps(self) -> tuple:
        """(the step Undo decision takes back, the step Redo does again), each a StepInfo
        or None; the DB is asked again only after a decision, an undo or a redo."""
        if self._steps is None:
            try:
                self._steps = (undoable_step(self.ctx.ws), redoable_step(self.ctx.ws))
            except Exception:  # noqa: BLE001 - a locked or odd DB: Undo says what is wrong
                return (None, None)
        return self._steps

    def _history_changed(self) -> None:
        self._steps = None
        self.history_changed.emit()

    def undo_decision(self) -> None:
        self._undo_or_redo(undo=True)

    def redo_decision(self) -> None:
        self._undo_or_redo(undo=False)

    def _undo_or_redo(self, undo: bool) -> None:
        verb = "undo" if undo else "redo"
        if self.recording:
            self.window.show_status(
                self.tr("Still recording the last decisions: undo in a moment")
                if undo
                else self.tr("Still recording the last decisions: redo in a moment"),
                error=True,
            )
            return
        run = undo_decisions if undo else redo_decisions
        step = self.steps()[0 if undo else 1]
        if step is not None and step.n_tracks > SYNC_DECISION_LIMIT:  # many: the DB work in a worker
            w = FunctionWorker(lambda worker: run(self.ctx.ws), name=f"decision-{verb}")
            w.done.connect(lambda out: self._show_undone(out, undo, restore=True))
            w.failed.connect(lambda reason: self.window.show_status(self._cannot(undo, reason), error=True))
            w.finished.connect(self._recorded)
            self.recording += 1
            what = labels.step_what(step.what)
            self.window.show_status(
                self.tr("Undoing: {what}…").format(what=what) if undo else self.tr("Redoing: {what}…").format(what=what)
            )
            self.ctx.start(w)
            return
        try:
            out = run(self.ctx.ws, self.window.review_data)
        except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
            self.window.show_status(self._cannot(undo, describe_error(exc)), error=True)
            return
        self._show_undone(out, undo)

    def _cannot(self, undo: bool, reason: str) -> str:
        if undo:
            return self.tr("Cannot undo: {reason}").format(reason=reason)
        return self.tr("Cannot redo: {reason}").format(reason=reason)

    def _show_undone(self, out, undo: bool, restore: bool = False) -> None:
        """Every view shows what an undo or redo put back (`restore`: the review rows
        are updated here, after the DB work ran in a worker)."""
        data = self.window.review_data
        if out is not None and restore and data is not None:
            out.rows = data.restore_decisions(out.restored)
        if out is None:
            self._history_changed()
            self.window.show_status(
                self.tr("No decision to undo") if undo else self.tr("No decision to redo"), timeout=8000
            )
            return
        self.decided.emit(out.rows)
        taught = changed_teaching(out)  # (undoing a group accept teaches nothing)
        self.teaching.emit([r for r in out.rows if r.id in taught])
        if len(out.rows) == 1 and self.window.pages.showing_tracks():
            self.window.select_track(out.rows[0].id)  # back to the track, as after A
        self.window.show_status(self._outcome_text(out, undo), error=bool(out.changed_since), timeout=12000)

    def _outcome_text(self, out, undo: bool) -> str:
        """tagger.app.decisions.describe_outcome in the app's language: 'Undone: accept 13
        tracks (13 tracks restored)' and what was left alone."""
        what, n = labels.step_what(out.step.what), len(out.restored)
        if undo:
            text = self.tr("Undone: {what} (%Ln track(s) restored)", "", n).format(what=what)
        else:
            text = self.tr("Redone: {what} (%Ln track(s) decided again)", "", n).format(what=what)
        if out.changed_since:
            text += "; " + self.tr(
                "%Ln track(s) left alone (decided otherwise since, moved or removed)", "", len(out.changed_since)
            )
        return text

    def albums_for_action(self) -> list:
        """The albums the album action works on: the selected albums, or the albums of
        the selected tracks."""
        w = self.window
        data = w.review_data
        if data is None:
            return []
        albums = w.selected_albums()
        if albums or w.pages.showing_albums():
            return albums
        keys = []
        for r in w.selected_rows():
            if (r.folder, r.album) not in keys:
                keys.append((r.folder, r.album))
        out = []
        for folder, album in keys:
            members = [r for r in data.rows if r.folder == folder and r.album == album]
            out.append(data.album_row(folder, album, members))
        return out

    def update_album_action(self) -> None:
        """Disabled (with the reason as tooltip) when only folder groups are selected:
        loose files grouped by folder are not an album."""
        w, action = self.window, self.window.act_album
        if w.review_data is None or not action.isEnabled():
            return
        if w.pages.showing_albums():
            groups = [a.folder_group for a in w.selected_albums()]
        else:  # tracks: an album tag is what makes an album (cheap: no pooling here)
            groups = [not r.album for r in w.selected_rows()]
        if groups and all(groups):
            action.setEnabled(False)
            action.setToolTip(self.tr("No album suggestion: {why}").format(why=labels.folder_group_note()))
        else:
            action.setToolTip(action.statusTip())

    def apply_album_suggestion(self) -> None:
        """The albums' pooled suggestions, by the application layer's album rule (the
        same as `tagger decide --album`)."""
        data = self.window.review_data
        if data is None:
            return
        albums = self.albums_for_action()
        if not albums:
            return
        try:
            outcomes = decide_albums(self.ctx.ws, data, albums)
        except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
            self.window.show_status(
                self.tr("Cannot record the decisions: {reason}").format(reason=describe_error(exc)), error=True
            )
            return
        taken = [r for o in outcomes for r in o.taken]
        if taken:
            self.decided.emit(taken)
        real = [o for o in outcomes if not o.album.folder_group]
        if not real:
            self.window.show_status(
                self.tr("No album suggestion for {album}: {why}").format(
                    album=core_text.text(outcomes[0].album.album), why=labels.folder_group_note()
                ),
                error=True,
                timeout=12000,
            )
            return
        if not any(o.album.suggestion for o in real):
            self.window.show_status(core_text.sentence(real[0].note), error=True)
            return
        n = len(taken)
        text = self.tr("Album suggestion applied to %n track(s)", "", n)
        left: dict[str, int] = {}
        for o in real:
            for k, v in o.left_out.items():
                left[k] = left.get(k, 0) + v
        notes = [labels.album_left_out(k, v) for k, v in sorted(left.items(), key=lambda kv: -kv[1])]
        groups = len(outcomes) - len(real)
        if groups:
            notes.append(self.tr("%n folder group(s) (not albums)", "", groups))
        if notes:
            text += self.tr("; left alone: {what}").format(what=", ".join(notes))
        self.window.show_status(text, error=not n, timeout=12000)
