"""Tools -> Train: teach the app your own genres from the tracks you confirmed.

Trains in the app (tagger.app.personal, in a worker thread: no trainer, no PyTorch, so
the packaged app trains too) and says in plain words what it would learn before, and
what it learnt and how reliable the held-out check was after. No terminal log.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout

from tagger.app.personal import train_library
from tagger.app.training import check_training

from . import theme
from .personal_words import PersonalWords
from .widgets import plain_label
from .workers import FunctionWorker


def describe_counts(counts: dict[str, int], accepted_in_groups: int = 0) -> str:
    return PersonalWords().counts(counts, accepted_in_groups)


class TrainDialog(QDialog):
    """Train a personal model from the genres confirmed in this library."""

    model_ready = Signal(object)  # the trained PersonalModel, when the user chose to use it
    training_ended = Signal(object)  # the TrainOutcome, or the reason (str) it failed

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.outcome = None
        self.worker: FunctionWorker | None = None
        self.words = PersonalWords(self)
        self.setWindowTitle(self.tr("Teach the app your genres"))
        self.resize(640, 460)
        lay = QVBoxLayout(self)
        lay.addWidget(
            plain_label(
                self.tr(
                    "Learns your own genres from the tracks you accepted one at a time or overrode, and adds them to the "
                    "model's genres: a genre of yours that the model also has replaces its score once the "
                    "held-out check finds most of your tracks of it (until then it can only raise it); the "
                    "model's other genres stay. Music unlike all of your genres scores low on each of them "
                    "(it is learnt against a background of varied music too)."
                )
            )
        )
        self.check = check_training(ctx.db_path, ctx.vocab)
        self.counts_label = plain_label(describe_counts(self.check.counts, self.check.accepted_in_groups))
        self.counts_label.setObjectName("train-counts")
        self.counts_label.setVisible(bool(self.counts_label.text()))
        lay.addWidget(self.counts_label)
        notes = self.words.check_notes(self.check)
        self.notes_label = plain_label("\n".join(notes))
        self.notes_label.setObjectName("train-notes")
        theme.set_text_color(self.notes_label, "warning")
        self.notes_label.setVisible(bool(notes))
        lay.addWidget(self.notes_label)
        blocker = self.words.blocker(
            self.check.blocker, self.check.counts, self.check.accepted_in_groups, self.check.missing, self.check.stale
        ) or (self.tr("No model to learn with: {reason}").format(reason=ctx.model_error) if ctx.info is None else "")
        self.blocker = blocker
        self.blocker_label = plain_label(blocker)
        self.blocker_label.setObjectName("train-blocker")
        theme.set_text_color(self.blocker_label, "error")
        self.blocker_label.setVisible(bool(blocker))
        lay.addWidget(self.blocker_label)
        self.status = plain_label("")
        self.status.setObjectName("train-status")
        lay.addWidget(self.status)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setObjectName("train-result")
        self.result.setAccessibleName(self.tr("What was learnt"))
        self.result.setPlaceholderText(
            self.tr("What was learnt, and how reliable the check on held-out tracks was, shows here.")
        )
        lay.addWidget(self.result, 1)
        self.learn = QCheckBox(self.tr("Learn as I review (retrain in the background after every few decisions)"))
        self.learn.setChecked(ctx.settings.learn_as_you_review)
        lay.addWidget(self.learn)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Train"))
        self.start_button.setEnabled(not blocker)
        self.start_button.clicked.connect(self.start)
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._use)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay.addLayout(buttons)

    def start(self) -> None:
        ws = self.ctx.ws
        self.start_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self.result.clear()
        self.status.setText(self.tr("Learning…"))
        worker = FunctionWorker(lambda w: train_library(ws, should_stop=w.should_stop, progress=w.report), name="train")
        worker.progress.connect(
            lambda text: self.status.setText(self.tr("Learning: {what}…").format(what=self.words.progress(text)))
        )
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self.worker = worker
        self.ctx.start(worker)

    def _done(self, outcome) -> None:
        self.worker = None
        self.outcome = outcome
        self.start_button.setEnabled(True)
        threshold = self.ctx.ws.min_confidence
        if outcome.model is None:
            why = self.words.blocker(
                outcome.blocker, outcome.counts, outcome.accepted_in_groups, outcome.missing, outcome.stale
            )
            self.status.setText(self.tr("Nothing learnt: {why}").format(why=why))
        else:
            # the system's decimal mark, as every number the app shows (%Ln, dates)
            seconds = QLocale().toString(float(outcome.seconds), "f", 1)
            self.status.setText(self.tr("Done in {seconds} s.").format(seconds=seconds))
            self.result.setPlainText("\n\n".join(self.words.outcome_lines(outcome, threshold)))
            self.use_button.setEnabled(True)
        self.training_ended.emit(outcome)

    def _failed(self, reason: str) -> None:
        self.worker = None
        self.start_button.setEnabled(True)
        self.status.setText(self.tr("Training failed: {reason}").format(reason=reason))
        self.training_ended.emit(reason)

    def _use(self) -> None:
        self.model_ready.emit(self.outcome.model)
        self.accept()

    def done(self, result):  # noqa: A003
        s = self.ctx.settings
        if self.learn.isChecked() != s.learn_as_you_review:
            s.learn_as_you_review = self.learn.isChecked()
            try:
                s.save()
            except OSError:
                pass  # the setting still holds for this session
        if self.worker is not None:
            self.worker.stop()
            self.worker.wait(10000)
        super().done(result)
