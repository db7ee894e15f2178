"""Learn as you review: the library's personal model retrains in the background as the
user accepts and overrides, and the suggestions update in place.

The fitting is the Qt-free core's (tagger.app.personal.train_library, in a worker
thread); this controller only decides *when* (after `settings.learn_after` new
decisions, or at once on Train now), swaps the model in (tagger.app.personal.activate,
ReviewData.set_personal) and says what happened: which model made the suggestions and
from how many decisions (a permanent label in the status bar), how many suggestions
changed, and a way back to the previous personal model (Tools menu).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from tagger.app.personal import activate, can_go_back, go_back, stop_using, train_library

from .eliding_label import ElidingLabel
from .personal_words import PersonalWords
from .review_model import plain_tooltip
from .workers import FunctionWorker, describe_error, step_per_turn

DEBOUNCE_MS = 400  # decisions made in a quick burst train once
MAX_LISTED = 12  # changed tracks named in the label's tooltip
RESCORE_SLICE = 2500  # rows re-scored per turn of the event loop (index columns included: 15-20 ms)


class LearningController(QObject):
    """Owns the personal-model part of the main window (actions, status label, worker)."""

    trained = Signal(object)  # TrainOutcome of a background training (used or not)
    model_changed = Signal(int)  # the personal model in use changed; how many suggestions changed
    busy_changed = Signal(bool)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.pending = 0  # decisions since the model in use was trained
        self.worker: FunctionWorker | None = None
        self._again = False  # more decisions arrived while training
        self.last_changed: list = []  # rows whose suggestion the last model change changed
        self.rescoring = False  # the rows are being re-scored for a new personal model
        self._rescore_next: str | None = None  # asked for again meanwhile (what to say)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.train_now(after_decisions=True))
        self._after_decisions = False  # the training running was started by decisions (not Train now)
        self._said = ""  # the last status message this controller showed
        self._follows_action = False  # the news to show came from decisions: after their message
        self.words = PersonalWords(self)
        self.label = ElidingLabel()  # may be narrower than its text (eliding_label.py)
        self.label.setObjectName("personal-model-label")
        window.status_bar.add_label(self.label)
        self.act_train_now = QAction(self.tr("Train my &genres now"), window)
        self.act_train_now.setObjectName("train-now")
        self.act_train_now.setToolTip(self.tr("Retrain the personal model from your decisions so far"))
        self.act_train_now.triggered.connect(self.train_now)
        self.act_go_back = QAction(self.tr("Go &back to the previous personal model"), window)
        self.act_go_back.setObjectName("personal-go-back")
        self.act_go_back.triggered.connect(self.go_back)
        self.act_learn = QAction(self.tr("&Learn as I review"), window)
        self.act_learn.setCheckable(True)
        self.act_learn.setChecked(self.ctx.settings.learn_as_you_review)
        self.act_learn.toggled.connect(self._set_learning)
        self._add_to_tools_menu()
        self.update_label()

    # ------------------------------------------------------------ wiring
    def _add_to_tools_menu(self) -> None:
        train = getattr(self.window, "act_train", None)  # the Tools menu, in any language
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None and train in menu.actions():
                menu.addSeparator()
                for a in (self.act_learn, self.act_train_now, self.act_go_back):
                    menu.addAction(a)
                return

    def _set_learning(self, on: bool) -> None:
        self.ctx.settings.learn_as_you_review = on
        self.window._save_settings()
        if on and self.pending >= self.ctx.settings.learn_after:
            self._timer.start(DEBOUNCE_MS)

    # ------------------------------------------------------------ decisions come in
    def on_decided(self, rows) -> None:
        """Rows whose decision changed (accepted, overridden, skipped or undecided)."""
        self.pending += len(rows)
        s = self.ctx.settings
        if s.learn_as_you_review and self.pending >= max(1, s.learn_after):
            self._timer.start(DEBOUNCE_MS)
        self.update_label()

    def train_now(self, after_decisions: bool = False) -> None:
        """Train from every decision so far, in a worker thread (`after_decisions`:
        learning as the user reviews, not the Train now action)."""
        if self.ctx.info is None:
            self.window.show_status(self.tr("Cannot train: {reason}").format(reason=self.ctx.model_error), error=True)
            return
        if self.worker is not None:
            self._again = True
            return
        self._again = False
        self._after_decisions = after_decisions
        taken = self.pending
        ws = self.ctx.ws
        worker = FunctionWorker(lambda w: train_library(ws, should_stop=w.should_stop), name="personal-train")
        worker.done.connect(lambda outcome, taken=taken: self._trained(outcome, taken))
        worker.failed.connect(self._failed)
        self.worker = worker
        self.busy_changed.emit(True)
        self.update_label()
        self.ctx.start(worker)

    def _trained(self, outcome, taken: int) -> None:
        self.worker = None
        self.busy_changed.emit(False)
        self._follows_action = self._after_decisions
        if outcome.model is None and not outcome.counts and self._after_decisions and self.ctx.ws.personal is not None:
            # every confirmed track was taken back (undo, clear): a model learnt from them
            # must not keep steering the suggestions (it can be gone back to)
            stop_using(self.ctx.ws)
            self.pending = 0
            self._rescore(self.tr("No confirmed tracks left: suggestions from the base model's genres only"))
        elif outcome.model is None:
            self.pending = 0  # nothing these decisions teach can be trained: no retraining loop
            if not outcome.counts and outcome.accepted_in_groups:  # short: it follows the action's message
                text = self.tr("Personal model not trained: suggestions accepted together do not teach")
            else:
                why = self.words.blocker(
                    outcome.blocker, outcome.counts, outcome.accepted_in_groups, outcome.missing, outcome.stale
                )
                text = self.tr("Personal model not trained: {why}").format(why=why)
            self._say(text, 8000)
            self.update_label()  # no longer "learning…"
        else:
            self.pending = max(0, self.pending - taken)
            self.use_model(outcome.model)
        self.trained.emit(outcome)
        if self._again:
            self.train_now(after_decisions=True)

    def _failed(self, reason: str) -> None:
        self.worker = None
        self.busy_changed.emit(False)
        self.update_label()
        self.window.show_status(self.tr("Cannot train the personal model: {reason}").format(reason=reason), error=True)

    # ------------------------------------------------------------ using a model
    def use_trained_model(self, model) -> None:
        """The Train dialog's "Use this model": trained from every decision so far."""
        self.pending = 0
        self._follows_action = False
        self.use_model(model)

    def use_model(self, model) -> None:
        """Make `model` the library's personal model and re-score the rows in place."""
        try:
            activate(self.ctx.ws, model)
        except OSError as exc:
            self.window.show_status(
                self.tr("Cannot keep the personal model: {reason}").format(reason=describe_error(exc)), error=True
            )
            return
        self._rescore(self.tr("Suggestions now from your {model}").format(model=self.words.summary(model)))

    def go_back(self) -> None:
        if not can_go_back(self.ctx.ws):
            self.window.show_status(self.tr("There is no earlier personal model to go back to."), timeout=6000)
            return
        model = go_back(self.ctx.ws)
        self._follows_action = False
        what = (
            self.tr("Back to your {model}").format(model=self.words.summary(model))
            if model is not None
            else self.tr("Back to the base model's genres only")
        )
        self._rescore(what)

    def _rescore(self, what: str) -> None:
        """Re-score the rows under the personal model now in use: computed in a worker
        thread, applied a slice per turn of the event loop (100,000 rows in one go froze
        the window for seconds after every retraining). A second request while one runs
        waits for it, then re-scores for the model in use by then."""
        if self.rescoring:
            self._rescore_next = what
            self.update_label()  # the model in use changed already
            return
        data = self.window.review_data
        if data is None or data.info is None:
            self._rescored(what, [])
            return
        self.rescoring = True
        self.update_label()
        personal = self.ctx.ws.personal
        worker = FunctionWorker(lambda w: data.prepare_personal(personal), name="personal-rescore")
        worker.done.connect(lambda rescore: self._apply_in_slices(data, rescore, what))
        worker.failed.connect(self._rescore_failed)
        self.ctx.start(worker)

    def _apply_in_slices(self, data, rescore, what: str) -> None:
        if self.window.review_data is not data:  # reloaded meanwhile, with the model in use
            self._rescored(what, [])
            return
        slices = data.apply_personal_in_slices(rescore, RESCORE_SLICE)
        step_per_turn(self, slices, lambda: self._rescored(what, rescore.changed))

    def _rescore_failed(self, reason: str) -> None:
        self.rescoring = False
        self._rescore_next = None
        self.update_label()
        self.window.show_status(self.tr("Cannot re-score the suggestions: {reason}").format(reason=reason), error=True)

    def _rescored(self, what: str, changed: list) -> None:
        self.rescoring = False
        self.last_changed = changed
        if changed:
            self.window.model.rows_changed(changed)
            self.window.pages.rebuild_albums()
            self.window.detail.refresh()
        n = len(changed)
        self._say(self.tr("{what}: %n suggestion(s) changed", "", n).format(what=what), 15000)
        self._follows_action = False
        self.update_label()
        self.model_changed.emit(n)
        if self._rescore_next is not None:
            what, self._rescore_next = self._rescore_next, None
            self._rescore(what)

    # ------------------------------------------------------------ what the user sees
    def _say(self, text: str, timeout: int) -> None:
        """Show the learning's news; after decisions, behind what their action said, not
        over it: a retraining follows a decision or an undo within a second, and replaced
        its message ("Undone: album suggestion … (7 tracks restored)") before it was read."""
        current = self.window.status_bar.currentMessage()
        if self._follows_action and current and current != self._said and text not in current:
            text = f"{current}  —  {text}"
        self._said = text
        self.window.show_status(text, timeout=timeout)

    def describe(self) -> str:
        """Which model makes the suggestions, in the status bar's words."""
        ws = self.ctx.ws
        if ws.info is None:
            return ""
        base = ws.info.name
        if ws.personal is None:
            text = self.tr("Suggestions: {model}").format(model=base)
            if ws.personal_note:
                text += " " + self.tr("(personal model not used)")
        else:
            text = self.tr("Suggestions: {model} + your {personal}").format(
                model=base, personal=self.words.summary(ws.personal)
            )
        if self.worker is not None:
            text += " · " + self.tr("learning…")
        elif self.rescoring:
            text += " · " + self.tr("updating the suggestions…")
        elif self.pending:
            text += " · " + self.tr("%n new decision(s)", "", self.pending)
        return text

    def update_label(self) -> None:
        self.label.setText(self.describe())
        tip = self.words.note(self.ctx.ws.personal_note)
        if self.last_changed:
            shown = [
                f"{r.display_title}: {'; '.join(r.suggestion) or self.tr('(none)')}"
                for r in self.last_changed[:MAX_LISTED]
            ]
            more = len(self.last_changed) - len(shown)
            tip = (
                self.tr("Changed by the last model change:")
                + "\n"
                + "\n".join(shown)
                + ("\n" + self.tr("… and %n more", "", more) if more else "")
            )
        self.label.setToolTip(plain_tooltip(tip) if tip else "")
        self.act_go_back.setEnabled(can_go_back(self.ctx.ws))

    def shutdown(self) -> None:
        self._timer.stop()
        if self.worker is not None:
            self.worker.stop()
