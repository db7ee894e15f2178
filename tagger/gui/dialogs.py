"""Dialogs: override genres, write confirmation (the exact diff), write results, history
with per-batch undo, settings (model, device, thresholds, vocabulary), train a model."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tagger.app.writing import plan_writes
from tagger.config import RANGES
from tagger.fsnames import readable
from tagger.review import join_genres, split_genres
from tagger.vocabulary import genre_name_problem

from . import core_text, labels, roles, theme
from .labels import percent, percent_suffix
from .review_model import plain_tooltip
from .train_dialog import TrainDialog  # re-exported: dialogs.TrainDialog
from .widgets import list_table, plain_label
from .workers import FunctionWorker, describe_error


def mode_help(mode: str) -> str:
    """A write mode and what it does, in the app's language."""
    return QCoreApplication.translate("Dialogs", MODE_HELP[mode]) if mode in MODE_HELP else mode


MODE_HELP = {
    "fill": QT_TRANSLATE_NOOP("Dialogs", "fill: only files without a genre get one"),
    "merge": QT_TRANSLATE_NOOP("Dialogs", "merge: add the new genres to the ones a file has"),
    "replace": QT_TRANSLATE_NOOP("Dialogs", "replace: the new genres replace what a file has"),
}


def message(parent, title: str, text: str, icon=QMessageBox.Information, details: str = "") -> None:
    """A message box that shows file text literally (no HTML)."""
    box = QMessageBox(icon, title, "", QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    box.setText(readable(text))  # a file name that is not UTF-8: its bytes as \xNN
    if details:
        box.setDetailedText(readable(details))
    box.exec()


def ask(parent, title: str, text: str, yes: str | None = None) -> bool:
    """A question with a Cancel button and `yes` (default: OK) as the default button."""
    box = QMessageBox(QMessageBox.Question, title, "", QMessageBox.NoButton, parent)
    yes = yes or QCoreApplication.translate("Dialogs", "OK")
    box.setTextFormat(Qt.PlainText)
    box.setText(text)
    ok = box.addButton(yes, QMessageBox.AcceptRole)
    box.addButton(QMessageBox.Cancel)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


# ---------------------------------------------------------------- override
class MultiValueCompleter(QCompleter):
    """Completes the genre after the last ';' ("Jazz; Bl" -> "Jazz; Blues")."""

    def __init__(self, names, parent=None):
        super().__init__(parent)
        # the model needs a Python-side owner: one made inline in super().__init__ was
        # collected at once, and the completer offered nothing
        self.names_model = QStringListModel(sorted(names, key=str.casefold), self)
        self.setModel(self.names_model)
        self.setCaseSensitivity(Qt.CaseInsensitive)
        self.setFilterMode(Qt.MatchContains)
        self.setCompletionMode(QCompleter.PopupCompletion)

    def splitPath(self, path: str):  # noqa: N802
        return [path.rsplit(";", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802
        value = super().pathFromIndex(index)
        widget = self.widget()
        if hasattr(widget, "lineEdit"):  # an editable combo box is the widget of its line edit's completer
            widget = widget.lineEdit()
        text = widget.text() if widget is not None and hasattr(widget, "text") else ""
        head = text.rsplit(";", 1)[0] + "; " if ";" in text else ""
        return head + value


class OverrideDialog(QDialog):
    """Choose the genres to write for the selected tracks (several: "Jazz; Blues")."""

    def __init__(self, vocab, initial: list[str], n_tracks: int, suggestions: list[str] = (), parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override genres"))
        lay = QVBoxLayout(self)
        lay.addWidget(
            plain_label(self.tr("Genres to write for %n track(s). Separate several genres with ';'.", "", n_tracks))
        )
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.NoInsert)
        items = []
        for s in suggestions:
            if s and s not in items:
                items.append(s)
        for name in vocab.names():
            if name not in items:
                items.append(name)
        self.combo.addItems(items)
        self.combo.setCurrentText(join_genres(initial))
        self.completer = MultiValueCompleter(vocab.names(), self.combo)
        # on the line edit, not the combo box (which takes a chosen completion as its item,
        # dropping the genres typed before it); and the whole text is set once Qt is done
        # with the key (depending on focus, the combo box's handling put back the typed text)
        self.combo.lineEdit().setCompleter(self.completer)
        self.completer.activated[str].connect(self._completed, Qt.QueuedConnection)
        self.combo.lineEdit().selectAll()
        self.combo.setMinimumWidth(340)
        lay.addWidget(self.combo)
        self.vocab = vocab
        self.hint = plain_label("")
        theme.set_text_color(self.hint, "muted")
        lay.addWidget(self.hint)
        self.combo.editTextChanged.connect(self._update_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Override"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        lay.addWidget(buttons)
        self._update_hint()

    def _completed(self, text: str) -> None:
        self.combo.lineEdit().setText(text)

    def genres(self) -> list[str]:
        return [self.vocab.canonical(g) for g in split_genres(self.combo.currentText())]

    def _update_hint(self, *_):
        gs = self.genres()
        unknown = [g for g in gs if g not in self.vocab.genres]
        problem = next((p for p in map(genre_name_problem, gs) if p is not None), None)
        if not gs:
            self.hint.setText(self.tr("Enter at least one genre."))
        elif problem is not None:
            self.hint.setText(core_text.text(problem))
        elif unknown:
            self.hint.setText(
                self.tr("Not in the vocabulary (written as typed): {genres}").format(genres=", ".join(unknown))
            )
        else:
            self.hint.setText(self.tr("Will write: {genres}").format(genres=join_genres(gs)))
        self.ok_button.setEnabled(bool(gs) and problem is None)
        if self.sizeHint().height() > self.height():  # a hint of two lines: the dialog grows to show it
            self.resize(self.width(), self.sizeHint().height())


# ---------------------------------------------------------------- write confirmation
class ChangesModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ChangesModel", "File"),
        QT_TRANSLATE_NOOP("ChangesModel", "Folder"),
        QT_TRANSLATE_NOOP("ChangesModel", "Current genres"),
        "",
        QT_TRANSLATE_NOOP("ChangesModel", "New genres"),
        QT_TRANSLATE_NOOP("ChangesModel", "Why"),
    )

    def __init__(self, changes, parent=None):
        super().__init__(parent)
        self.changes = list(changes)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=roles.DISPLAY):  # noqa: N802
        if orientation == roles.HORIZONTAL and role == roles.DISPLAY:
            return self.tr(self.HEADERS[section]) if self.HEADERS[section] else ""
        return None

    def data(self, index, role=roles.DISPLAY):
        if not index.isValid():
            return None
        c = self.changes[index.row()]
        col = index.column()
        if role == roles.DISPLAY:
            p = Path(c.path)
            why = (
                self.tr("will be refused: {reason}").format(reason=readable(core_text.text(c.problem)))
                if c.problem
                else labels.source(c.source)
            )
            # a field other than Genre (Settings -> Tags: Style, Grouping, Mood) is named
            field = labels.field_prefix(getattr(c, "field", "genre"))
            old, new = join_genres(c.old) or self.tr("(none)"), join_genres(c.new) or self.tr("(none)")
            return [readable(p.name), readable(str(p.parent)), field + old, "→", field + new, why][col]
        if role == roles.TOOLTIP:
            refuse = self.tr("The write will refuse this file: {reason}").format(reason=core_text.text(c.problem))
            return plain_tooltip(c.path + (f"\n{refuse}" if c.problem else ""))
        if role == roles.FOREGROUND and c.problem:
            return QBrush(QColor(theme.color("error")))
        return None


class WriteConfirmDialog(QDialog):
    """Shows exactly what will be written (re-planned when the scope changes)."""

    def __init__(self, ctx, scopes: dict, default_scope: str, parent=None):
        """scopes: {key: (label, track ids, decided_only)}."""
        super().__init__(parent)
        self.ctx = ctx
        self.scopes = scopes
        self.changes = []
        self.left_out: dict[str, int] = {}
        self._worker = None
        self.setWindowTitle(self.tr("Write genre tags"))
        self.resize(980, 560)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Write:"), wrap=False))
        self.scope = QComboBox()
        for key, (label, ids, _) in scopes.items():
            self.scope.addItem(self.tr("{scope} (%Ln track(s))", "", len(ids)).format(scope=label), key)
        self.scope.setCurrentIndex(max(0, list(scopes).index(default_scope)) if default_scope in scopes else 0)
        self.scope.currentIndexChanged.connect(self.replan)
        top.addWidget(self.scope, 1)
        lay.addLayout(top)
        s = ctx.settings
        self.settings_label = plain_label(
            self.tr(
                "Mode {mode}. Suggestions need {percent} confidence; at most %n genre(s) per track. "
                "(Change these in Settings.)",
                "",
                s.max_genres,
            ).format(mode=mode_help(s.write_mode), percent=percent(s.min_confidence))
            # an override is the user's own answer: written as given whatever the mode (tagger.apply)
            + (
                ""
                if s.write_mode == "replace"
                else " " + self.tr("Genres you chose with Override are written as chosen.")
            )
        )
        lay.addWidget(self.settings_label)
        self.summary = plain_label(self.tr("Working out the changes…"))
        f = self.summary.font()
        f.setBold(True)
        self.summary.setFont(f)
        lay.addWidget(self.summary)
        self.table = QTableView()
        list_table(self.table, self.tr("Changes to write"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideMiddle)
        self.model = ChangesModel([])
        self.table.setModel(self.model)
        lay.addWidget(self.table, 1)
        lay.addWidget(
            plain_label(
                self.tr(
                    "Each file is copied, written, checked (genres read back, audio bytes "
                    "unchanged) and only then replaces the original. The old values are "
                    "recorded first: Tags → Undo last write restores them."
                )
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.write_button = self.buttons.button(QDialogButtonBox.Ok)
        self.write_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.replan()

    def scope_key(self) -> str:
        return self.scope.currentData()

    def replan(self, *_):
        if self._worker is not None:
            self._worker.stop()
        label, ids, decided_only = self.scopes[self.scope_key()]
        self.write_button.setEnabled(False)
        self.write_button.setText(self.tr("Write"))
        self.summary.setText(self.tr("Working out the changes…"))
        self.model.beginResetModel()
        self.model.changes = []
        self.model.endResetModel()
        worker = FunctionWorker(
            lambda w: plan_writes(
                self.ctx.ws, track_ids=list(ids), decided_only=decided_only, should_stop=w.should_stop
            ),
            name="plan",
        )
        worker.done.connect(lambda planned, w=worker: self._planned(w, planned))
        worker.failed.connect(
            lambda reason: self.summary.setText(self.tr("Cannot plan the changes: {reason}").format(reason=reason))
        )
        self._worker = worker
        self.ctx.start(worker)

    def _planned(self, worker, planned) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        changes = planned.changes
        self.changes = changes
        self.left_out = dict(planned.left_out)
        self.model.beginResetModel()
        self.model.changes = changes
        self.model.endResetModel()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Interactive)
        for col, width in enumerate((240, 220, 170, 24, 170, 90)):
            self.table.setColumnWidth(col, width)
        hh.setStretchLastSection(True)
        n = len(changes)
        if n == 0 and sum(self.left_out.values()):
            self.summary.setText(self.tr("Nothing to write."))  # left_out_text says why
        elif n == 0:
            self.summary.setText(
                self.tr(
                    "Nothing to write: every file in this selection already holds these genres "
                    "(or has no decision / confident suggestion)."
                )
            )
        else:
            first = sum(1 for c in changes if not c.old)
            folders = len({str(Path(c.path).parent) for c in changes})
            self.summary.setText(
                self.tr("%n file(s) will change", "", n)
                + self.tr(" in %n folder(s)", "", folders)
                + self.tr(": {first}, {changed}.").format(
                    first=self.tr("%n get a genre for the first time", "", first),
                    changed=self.tr("%n have their genres changed", "", n - first),
                )
            )
        refused = len(planned.refused)
        if refused:  # the safe writer's preflight (tagger.app.writing): said before, not after
            self.summary.setText(
                self.summary.text()
                + "\n"
                + self.tr(
                    "%n of them will be refused (read-only, no permission, another owner, hard links…): "
                    "shown in red, with the reason.",
                    "",
                    refused,
                )
            )
        self.summary.setText(self.summary.text() + self.left_out_text())
        self.write_button.setEnabled(n > refused)
        # what will be written: the refused ones are not
        self.write_button.setText(self.tr("Write %n file(s)", "", n - refused) if n > refused else self.tr("Write"))
        self.write_button.setDefault(True)

    def left_out_text(self) -> str:
        """'\n4 of the 10 selected tracks are left out: 3 already have genres (fill mode), 1 unreadable.'"""
        total = sum(self.left_out.values())
        if not total:
            return ""
        n = len(self.scopes[self.scope_key()][1])
        parts = [
            labels.write_left_out(reason, count)
            for reason, count in sorted(self.left_out.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return "\n" + self.tr("%n of the {selected} selected tracks are left out: {why}.", "", total).format(
            selected=n, why=", ".join(parts)
        )

    def done(self, result):  # noqa: A003 - QDialog API
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        super().done(result)


class OutcomesDialog(QDialog):
    """Per-file results of a write or an undo (failures first, with the reason)."""

    def __init__(self, title: str, summary: str, outcomes, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(summary))
        order = {"failed": 0, "skipped": 1, "written": 2, "undone": 3}
        rows = sorted(outcomes, key=lambda o: (order.get(o.status, 9), o.path))
        table = QTableWidget(len(rows), 4)
        list_table(table, self.tr("Files and what happened to them"))
        table.setHorizontalHeaderLabels([self.tr("Result"), self.tr("File"), self.tr("Genres"), self.tr("Reason")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        for i, o in enumerate(rows):
            moved = self.tr("moved since the write (was {path})").format(path=o.moved_from) if o.moved_from else ""
            note = "; ".join(n for n in (core_text.text(o.note), moved) if n)
            values = [
                labels.change_status(o.status),
                o.path,
                f"{join_genres(o.old) or self.tr('(none)')} → {join_genres(o.new) or self.tr('(none)')}",
                core_text.text(o.error) or note,
            ]
            for j, v in enumerate(values):
                item = QTableWidgetItem(readable(v))
                item.setToolTip(plain_tooltip(v))
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)


# ---------------------------------------------------------------- history
class HistoryDialog(QDialog):
    undo_requested = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Write history"))
        self.resize(900, 560)
        lay = QVBoxLayout(self)
        lay.addWidget(
            plain_label(
                self.tr(
                    "Every write is a numbered batch. Undo puts back the genres a batch "
                    "replaced (files changed again since are left alone and reported)."
                )
            )
        )
        split = QSplitter(Qt.Vertical)
        self.batches = QTableWidget(0, 5)
        list_table(self.batches, self.tr("Write batches"))
        self.batches.setHorizontalHeaderLabels(
            [self.tr("Batch"), self.tr("When"), self.tr("Mode"), self.tr("Files"), self.tr("State")]
        )
        self.batches.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.batches.setSelectionMode(QAbstractItemView.SingleSelection)
        self.batches.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.batches.verticalHeader().setVisible(False)
        self.batches.horizontalHeader().setStretchLastSection(True)
        self.batches.itemSelectionChanged.connect(self._show_changes)
        split.addWidget(self.batches)
        self.changes = QTableWidget(0, 4)
        list_table(self.changes, self.tr("Files of the chosen batch"))
        self.changes.setHorizontalHeaderLabels([self.tr("File"), self.tr("Before"), self.tr("After"), self.tr("State")])
        self.changes.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.changes.verticalHeader().setVisible(False)
        self.changes.horizontalHeader().setStretchLastSection(True)
        split.addWidget(self.changes)
        lay.addWidget(split, 1)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo this batch"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self._undo)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        row.addWidget(close)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        from tagger.app.writing import history

        selected = self.selected_batch()
        self._history = history(self.ctx.ws)
        self.batches.setRowCount(len(self._history))
        for i, h in enumerate(self._history):
            counts = h["counts"]
            n = sum(counts.values())
            state = ", ".join(f"{v} {labels.change_status(k)}" for k, v in sorted(counts.items()))
            if h["undone_at"]:
                when = time.strftime("%Y-%m-%d %H:%M", time.localtime(h["undone_at"]))
                state = self.tr("undone {when} ({state})").format(when=when, state=state)
            values = [
                f"#{h['batch']}",
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(h["created_at"])),
                h["mode"],
                str(n),
                state,
            ]
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.UserRole, h["batch"])
                self.batches.setItem(i, j, item)
        self.batches.resizeColumnsToContents()
        self.batches.horizontalHeader().setStretchLastSection(True)
        row = next((i for i, h in enumerate(self._history) if h["batch"] == selected), 0 if self._history else -1)
        if row >= 0:
            self.batches.selectRow(row)
        self._show_changes()

    def selected_batch(self) -> int | None:
        items = self.batches.selectedItems() if hasattr(self, "_history") else []
        return items[0].data(Qt.UserRole) if items else None

    def _show_changes(self) -> None:
        batch = self.selected_batch()
        h = next((h for h in getattr(self, "_history", []) if h["batch"] == batch), None)
        self.undo_button.setEnabled(h is not None and h["undoable"])  # not for a batch that wrote nothing
        rows = self.ctx.lib.changes_of(batch) if batch is not None else []
        self.changes.setRowCount(len(rows))
        for i, c in enumerate(rows):
            state = labels.change_status(c.status) + (f": {core_text.stored(c.error)}" if c.error else "")
            field = labels.field_prefix(c.field_name)
            old = field + (join_genres(c.old) or self.tr("(none)"))
            new = field + (join_genres(c.new) or self.tr("(none)"))
            for j, v in enumerate([c.path, old, new, state]):
                item = QTableWidgetItem(readable(v))
                item.setToolTip(plain_tooltip(v))
                self.changes.setItem(i, j, item)
        self.changes.resizeColumnsToContents()
        self.changes.horizontalHeader().setStretchLastSection(True)

    def _undo(self) -> None:
        batch = self.selected_batch()
        if batch is not None:
            self.undo_requested.emit(batch)


# ---------------------------------------------------------------- settings
def model_summary(info) -> str:
    """The core's summary (tagger.model_summary, what `tagger models` prints) with its
    words in the app's language; the figures' names are the model file's own."""
    from tagger.model_summary import evaluation_lines, labels_by_kind

    lines = [f"{info.name} {info.version}"]
    if info.description:
        lines.append(info.description)
    lines.append(
        QCoreApplication.translate("Dialogs", "{labels} labels, {genres} genre tags:").format(
            labels=len(info.labels), genres=len(info.genre_tags)
        )
    )
    for kind, names in labels_by_kind(info):
        lines.append(f"  {labels.label_kind(kind)} ({len(names)}): {', '.join(names)}")
    licence = info.license or QCoreApplication.translate("Dialogs", "not stated")
    lines.append(
        QCoreApplication.translate("Dialogs", "Licence: {licence}").format(licence=licence)
        + (f". {info.credit}" if info.credit else "")
    )
    if info.evaluation:
        lines.append(QCoreApplication.translate("Dialogs", "Evaluation:"))
        lines.extend(f"  {line}" for line in evaluation_lines(info.evaluation))
    if info.path:
        lines.append(QCoreApplication.translate("Dialogs", "File: {path}").format(path=info.path))
    return "\n".join(lines) + "\n" + labels.personal_model_hint()


class SettingsDialog(QDialog):
    """Settings.save on OK; the vocabulary is saved (Vocabulary.save) if it was edited."""

    def __init__(self, ctx, parent=None, device_note: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.resize(720, 560)
        s = ctx.settings
        lay = QVBoxLayout(self)
        self.tabs = tabs = QTabWidget()
        lay.addWidget(tabs)

        # ---- analysis & writing
        general = QWidget()
        form = QFormLayout(general)
        self.model_combo = QComboBox()
        self._models = self._list_models()
        current = s.model
        from tagger.model import default_model_path

        default = str(default_model_path())
        for entry in self._models:
            if isinstance(entry, tuple):
                path, reason = entry
                self.model_combo.addItem(self.tr("{name} (unusable)").format(name=Path(path).name), str(path))
                idx = self.model_combo.count() - 1
                self.model_combo.model().item(idx).setEnabled(False)
                self.model_combo.setItemData(idx, plain_tooltip(reason), Qt.ToolTipRole)
            else:
                bundled = entry.path == default
                user = "" if bundled else self.tr(" — your model")
                label = f"{entry.name} {entry.version}" + (self.tr(" (bundled default)") if bundled else user)
                self.model_combo.addItem(label, entry.path)
        if self.model_combo.count() == 0:
            self.model_combo.addItem(self.tr("(no model found)"), None)
        want = current or default
        idx = self.model_combo.findData(want)
        self.model_combo.setCurrentIndex(idx if idx >= 0 else 0)
        self.model_combo.currentIndexChanged.connect(self._show_model)
        form.addRow(self.tr("Model:"), self.model_combo)
        self.model_info = QPlainTextEdit()  # plain text: model metadata is file content
        self.model_info.setReadOnly(True)
        self.model_info.setFixedHeight(150)
        form.addRow("", self.model_info)

        from tagger.model import available_devices

        try:
            devices = available_devices()
        except Exception as exc:  # noqa: BLE001 - onnxruntime missing/broken: say so
            devices = ["cpu"]
            device_note = device_note or f"onnxruntime: {exc}"
        self.device_combo = QComboBox()
        self.device_combo.addItem(self.tr("Automatic (GPU if there is one)"), "auto")
        names = {
            "cpu": self.tr("CPU"),
            "cuda": self.tr("NVIDIA GPU (CUDA)"),
            "directml": self.tr("GPU (DirectML)"),
            "coreml": self.tr("Apple (Core ML)"),
        }
        for d in devices:
            self.device_combo.addItem(names.get(d, d), d)
        if s.device not in ["auto", *devices]:
            self.device_combo.addItem(
                self.tr("{device} (not offered by this onnxruntime)").format(device=s.device), s.device
            )
        self.device_combo.setCurrentIndex(max(0, self.device_combo.findData(s.device)))
        form.addRow(self.tr("Device:"), self.device_combo)
        self.device_note = plain_label(device_note or self.tr("Only devices this onnxruntime build offers are listed."))
        # a wrapped label in a form row otherwise reserves the height of a much narrower one
        self.device_note.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        form.addRow("", self.device_note)

        self.workers = QSpinBox()
        self.workers.setRange(*RANGES["workers"])
        self.workers.setSpecialValueText(self.tr("one per core"))
        self.workers.setValue(int(s.workers or 0))
        form.addRow(self.tr("Worker processes:"), self.workers)
        self.patches = QSpinBox()
        self.patches.setRange(*RANGES["patches"])
        self.patches.setValue(int(s.patches or 6))
        self.patches.setPrefix(self.tr("up to "))
        self.patches.setSuffix(self.tr(" × 3 s stretches per track"))
        self.patches.setToolTip(
            self.tr(
                "Four spread-out stretches are always analysed; the others only when the two best genres are a close call."
            )
        )
        form.addRow(self.tr("Listen to:"), self.patches)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setDecimals(0)
        self.threshold.setSuffix(percent_suffix())
        self.threshold.setValue(round(s.min_confidence * 100))
        form.addRow(self.tr("Confidence threshold:"), self.threshold)
        self.max_genres = QSpinBox()
        self.max_genres.setRange(*RANGES["max_genres"])
        self.max_genres.setValue(int(s.max_genres))
        form.addRow(self.tr("Genres per track, at most:"), self.max_genres)
        self.mode = QComboBox()
        for m in MODE_HELP:
            self.mode.addItem(mode_help(m), m)
        self.mode.setCurrentIndex(max(0, self.mode.findData(s.write_mode)))
        form.addRow(self.tr("Write mode:"), self.mode)
        tabs.addTab(general, self.tr("Analysis && writing"))
        from .cluster_settings import ClusterTab

        self.cluster_tab = ClusterTab(s)
        tabs.addTab(self.cluster_tab, self.tr("Cluster"))
        from .tag_settings import TagsTab

        self.tags_tab = TagsTab(s)
        tabs.addTab(self.tags_tab, self.tr("Tags"))
        from .appearance_settings import AppearanceTab

        self.appearance_tab = AppearanceTab(s)
        tabs.addTab(self.appearance_tab, self.tr("Appearance"))

        # ---- vocabulary
        vocab_tab = QWidget()
        vl = QVBoxLayout(vocab_tab)
        vl.addWidget(
            plain_label(
                self.tr(
                    "The genre names written into files, and the spellings (model labels, "
                    "existing tags) that mean the same genre. Separate aliases with commas."
                )
            )
        )
        self.vocab_table = QTableWidget(0, 3)
        self.vocab_table.setAccessibleName(self.tr("Genre vocabulary"))
        self.vocab_table.setHorizontalHeaderLabels(
            [self.tr("Genre (written as)"), self.tr("Aliases"), self.tr("Parent")]
        )
        self.vocab_table.horizontalHeader().setStretchLastSection(True)
        self.vocab_table.verticalHeader().setVisible(False)
        self.vocab_table.setColumnWidth(0, 180)
        self.vocab_table.setColumnWidth(1, 260)
        # the hierarchy as a tree (read-only), rebuilt as the table is edited
        self.vocab_tree = QTreeWidget()
        self.vocab_tree.setAccessibleName(self.tr("Genre tree"))
        self.vocab_tree.setHeaderLabels([self.tr("Genre tree")])
        split = QHBoxLayout()
        split.addWidget(self.vocab_table, 3)
        split.addWidget(self.vocab_tree, 1)
        vl.addLayout(split, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add genre"))
        add.clicked.connect(self._add_genre)
        remove = QPushButton(self.tr("Remove selected"))
        remove.clicked.connect(self._remove_genres)
        reset = QPushButton(self.tr("Restore the bundled list"))
        reset.clicked.connect(self._restore_vocab)
        for b in (add, remove, reset):
            row.addWidget(b)
        row.addStretch(1)
        vl.addLayout(row)
        tabs.addTab(vocab_tab, self.tr("Genre vocabulary"))
        self._fill_vocab(ctx.vocab.genres, ctx.vocab.parents)
        self._vocab_dirty = False
        self.vocab_table.itemChanged.connect(self._vocab_edited)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._show_model()

    @staticmethod
    def _list_models():
        from tagger.model import list_models

        try:
            return list_models()
        except Exception as exc:  # noqa: BLE001
            return [(Path("?"), str(exc))]

    def _show_model(self, *_):
        path = self.model_combo.currentData()
        info = next((m for m in self._models if not isinstance(m, tuple) and m.path == path), None)
        self.model_info.setPlainText(
            model_summary(info) if info is not None else self.tr("No usable model: the bundled one is missing.")
        )

    def _fill_vocab(self, genres: dict, parents: dict | None = None) -> None:
        parents = parents or {}
        self.vocab_table.blockSignals(True)
        self.vocab_table.setRowCount(0)
        for name in sorted(genres, key=str.casefold):
            self._append_vocab_row(name, ", ".join(genres[name]), parents.get(name, ""))
        self.vocab_table.blockSignals(False)
        self._show_tree()

    def _append_vocab_row(self, name: str, aliases: str, parent: str = "") -> int:
        i = self.vocab_table.rowCount()
        self.vocab_table.insertRow(i)
        self.vocab_table.setItem(i, 0, QTableWidgetItem(name))
        self.vocab_table.setItem(i, 1, QTableWidgetItem(aliases))
        self.vocab_table.setItem(i, 2, QTableWidgetItem(parent))
        return i

    def _vocab_edited(self, *_):
        self._vocab_dirty = True
        self._show_tree()

    def _show_tree(self) -> None:
        """The table's genres under their parents; a loop or an unknown parent is said."""
        from tagger.vocabulary import Vocabulary

        self.vocab_tree.clear()
        try:
            vocab = Vocabulary(self.vocabulary_genres(), self.vocabulary_parents())
        except ValueError as exc:
            self.vocab_tree.addTopLevelItem(QTreeWidgetItem([f"⚠ {describe_error(exc)}"]))
            return

        def add(parent_item, name: str | None) -> None:
            for child in vocab.children(name):
                item = QTreeWidgetItem([child])
                if parent_item is None:
                    self.vocab_tree.addTopLevelItem(item)
                else:
                    parent_item.addChild(item)
                add(item, child)

        add(None, None)
        self.vocab_tree.expandAll()

    def _add_genre(self):
        i = self._append_vocab_row(self.tr("New genre"), "")
        self._vocab_dirty = True
        self.vocab_table.setCurrentCell(i, 0)
        self.vocab_table.editItem(self.vocab_table.item(i, 0))

    def _remove_genres(self):
        rows = sorted({i.row() for i in self.vocab_table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.vocab_table.removeRow(r)
        self._vocab_dirty = self._vocab_dirty or bool(rows)

    def _restore_vocab(self):
        from tagger.vocabulary import Vocabulary, bundled_path

        bundled = Vocabulary.load(bundled_path())
        self._fill_vocab(bundled.genres, bundled.parents)
        self._vocab_dirty = True

    def vocabulary_genres(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for i in range(self.vocab_table.rowCount()):
            name = (self.vocab_table.item(i, 0).text() if self.vocab_table.item(i, 0) else "").strip()
            if not name:
                continue
            aliases_text = self.vocab_table.item(i, 1).text() if self.vocab_table.item(i, 1) else ""
            aliases = [a.strip() for a in aliases_text.split(",") if a.strip()]
            out.setdefault(name, [])
            out[name].extend(a for a in aliases if a not in out[name])
        return out

    def vocabulary_parents(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(self.vocab_table.rowCount()):
            name = (self.vocab_table.item(i, 0).text() if self.vocab_table.item(i, 0) else "").strip()
            parent = (self.vocab_table.item(i, 2).text() if self.vocab_table.item(i, 2) else "").strip()
            if name and parent:
                out[name] = parent
        return out

    def apply(self) -> tuple[bool, bool]:
        """Store the settings (and the vocabulary). Returns (model changed, thresholds changed)."""
        from tagger.model import default_model_path

        s = self.ctx.settings
        old = (s.model, s.device, s.patches, s.min_confidence, s.max_genres)
        path = self.model_combo.currentData()
        s.model = None if (path is None or path == str(default_model_path())) else path
        s.device = self.device_combo.currentData()
        s.workers = self.workers.value()
        s.patches = self.patches.value()
        s.min_confidence = round(self.threshold.value() / 100, 4)
        s.max_genres = self.max_genres.value()
        s.write_mode = self.mode.currentData()
        self.cluster_tab.apply(s)
        tags_changed = self.tags_tab.apply(s)
        self.language_changed = self.appearance_tab.apply(s)
        self.ctx.ws.vocab.configure(s.genre_level, s.genre_whitelist)  # level and whitelist shape names
        s.save()
        vocab_changed = self._vocab_dirty and self.ctx.ws.save_vocabulary(
            self.vocabulary_genres(), self.vocabulary_parents()
        )
        model_changed = (old[0], old[1], old[2]) != (s.model, s.device, s.patches)
        thresholds_changed = (old[3], old[4]) != (s.min_confidence, s.max_genres) or vocab_changed or tags_changed
        return model_changed, thresholds_changed


__all__ = [
    "message",
    "ask",
    "OverrideDialog",
    "WriteConfirmDialog",
    "OutcomesDialog",
    "HistoryDialog",
    "SettingsDialog",
    "TrainDialog",
    "QCheckBox",
]
