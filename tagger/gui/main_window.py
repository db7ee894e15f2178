"""The main window: wires together the actions and menus (actions.py), the filter bars
(filter_bar.py), the review pages (review_pages.py: start_page, track_page and
album_page), the detail panel (detail_panel.py) and the status bar (status_bar.py), and
the controllers that run what the user asks: loading the rows (row_loader.py), the
analysis (analysis_control.py), decisions (decisions.py), writing and undo
(write_flow.py). What it remembers between runs is in window_state.py."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tagger import __version__
from tagger.fsnames import readable_name
from tagger.review import AlbumRow, ReviewData, ReviewRow

from . import actions, core_text, dialogs, labels, window_state
from .analysis_control import AnalysisControl
from .context_menu import TrackCommands
from .decisions import Decisions
from .detail_panel import DetailPanel
from .drop import DropController
from .filter_bar import AlbumFilterBar, FilterBar
from .learning import LearningController
from .moved_folder_bar import MovedFolderBar
from .review_pages import ReviewPages
from .row_loader import RowLoader, make_review_data
from .shortcuts import ControlsKeepTheirKeys, ReviewNavigation
from .status_bar import MainStatusBar
from .workers import describe_error
from .write_flow import WriteFlow

# analysis results are shown RESULTS_SLICE at a time, for up to RESULTS_TURN_SECONDS per
# turn of the event loop (at least one slice): a rescan of 100,000 cached tracks hands
# back thousands every 0.2 s
RESULTS_SLICE = 200
RESULTS_TURN_SECONDS = 0.03


class MainWindow(QMainWindow):
    rows_loaded = Signal()  # the table has (re)loaded its rows
    analysis_finished = Signal(object)  # the summary dict
    write_finished = Signal(object)  # (batch id, outcomes)
    undo_finished = Signal(object)

    def __init__(self, ctx, folder: str | None = None):
        super().__init__()
        self.ctx = ctx
        self.review_data: ReviewData | None = None
        self.roots: list[str] = []
        self._told_waiting: list[str] = []  # the folders whose tracks not analysed were mentioned
        self._focus_on_rows_for: list[str] = []  # the folders whose first rows took the keyboard focus
        self.last_summary: dict | None = None
        self.qsettings = window_state.window_settings()
        self.setWindowTitle("Genre Tagger")
        self.acts = actions.build_actions(self)  # also self.act_<name>
        self._build_bars()
        self._build_central()
        self._build_controllers()
        self._keys_guard = ControlsKeepTheirKeys.install(self)
        self._restore_state()
        self._page_changed()
        self._update_actions()
        if ctx.model_error:
            self.show_status(ctx.model_error, error=True)
        self._pending_results: list = []  # analysis results not shown yet (_on_results)
        self._results_timer = QTimer(self)  # shows them, a few per turn of the event loop
        self._results_timer.setInterval(0)
        self._results_timer.timeout.connect(self._show_some_results)
        self._finished_summary: dict | None = None  # the run's end, once they are
        QTimer.singleShot(0, lambda: self._startup(folder))

    # ================================================================ building
    def _build_bars(self) -> None:
        """Menus, toolbar, the filter bars above the table, and the status bar."""
        self.recent_menu = actions.RecentFoldersMenu(lambda: self.ctx.settings.recent_folders, self)
        self.recent_menu.folder_chosen.connect(self.open_folder)
        self.recent_menu.clear_requested.connect(self._clear_recent)
        self.toolbar = actions.MainToolBar(self.acts, self.recent_menu, self)
        self.addToolBar(self.toolbar)
        self.threshold_box = self.toolbar.threshold_box
        self.threshold_box.show_value(self.ctx.ws.min_confidence)
        self.threshold_box.changed.connect(self.set_threshold)
        actions.build_menus(self, self.acts, self.recent_menu, columns=self._columns_shown)
        self.filter_bar = FilterBar()
        self.filter_bar.filter_changed.connect(
            lambda: self._refiltered(self.pages.set_filter, self.filter_bar.filter_key())
        )
        self.filter_bar.search_changed.connect(lambda text: self._refiltered(self.pages.set_search, text))
        self.filter_bar.grouping_toggled.connect(self._group_toggled)
        self.filter_bar.leave_search.connect(self._to_the_results)
        self.album_bar = AlbumFilterBar()  # tracks of one album
        self.album_bar.show_all_requested.connect(lambda: self.set_album_filter(None))
        self.moved_bar = MovedFolderBar()  # a folder that looks moved: bring its decisions along?
        self.moved_bar.follow_requested.connect(lambda moved: self.track_commands.follow_moved_folder(moved))
        self.status_bar = MainStatusBar()
        self.setStatusBar(self.status_bar)
        # the widgets as tests and scripts know them
        self.filter_combo, self.search = self.filter_bar.filter_combo, self.filter_bar.search
        self.group_albums = self.filter_bar.group_albums
        self.progress, self.progress_label = self.status_bar.progress, self.status_bar.progress_label

    def _build_central(self) -> None:
        """The review pages beside the detail panel, under the filter bars."""
        self.pages = self.stack = ReviewPages()
        self.pages.open_requested.connect(self.choose_folder)
        self.pages.folder_chosen.connect(self.open_folder)
        self.pages.guide_requested.connect(self.show_guide)
        self.pages.currentChanged.connect(self._page_changed)
        self.pages.album_opened.connect(self.open_album)
        self.pages.selection_changed.connect(self._selection_changed)
        self.pages.context_menu_requested.connect(self._context_menu)
        self.empty_page, self.track_page, self.album_page = (
            self.pages.empty_page,
            self.pages.track_page,
            self.pages.album_page,
        )
        self.table, self.model = self.track_page.table, self.track_page.model
        self.album_table, self.album_model = self.album_page.table, self.album_page.model
        self.model.counts_changed.connect(self._update_counts)
        self.detail = DetailPanel(self.ctx)
        self.detail.status_message.connect(lambda m: self.show_status(m, error=True))
        self.detail.set_decision_actions([self.acts[n] for n in actions.DECISION_ACTIONS])
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 4, 6, 0)
        outer.setSpacing(4)
        outer.addWidget(self.filter_bar)
        outer.addWidget(self.album_bar)
        outer.addWidget(self.moved_bar)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_controllers(self) -> None:
        self.loader = RowLoader(self.ctx, self)
        self.loader.loaded.connect(self.set_review_data)
        self.loader.failed.connect(
            lambda reason: self.show_status(
                self.tr("Cannot read the library: {reason}").format(reason=reason), error=True
            )
        )
        self.analysis_control = AnalysisControl(
            self.ctx,
            self.status_bar,
            self.act_pause,
            lambda: make_review_data(self.ctx),
            self,
            # the rows whose cached results need not be sent again; none while a
            # reload is under way (its rows come later and may lack a result)
            shown_rows=lambda: None if self.loader.loading else self.review_data,
        )
        self.analysis_control.rows_ready.connect(self.set_review_data)
        self.analysis_control.results.connect(self._on_results)
        self.analysis_control.finished.connect(self._on_analysis_finished)
        self.analysis_control.failed.connect(self._on_analysis_failed)
        self.analysis_control.running_changed.connect(self._update_actions)
        self.track_commands = TrackCommands(self)  # the context menu's file and library commands
        self.drops = DropController(self)  # folders and files dropped on the window
        self.navigation = ReviewNavigation(self)  # N / Shift+N
        self.decisions = Decisions(self)
        self.decisions.decided.connect(self._rows_decided)
        self.decisions.history_changed.connect(self._update_actions)
        self.learning = LearningController(self)  # the personal model learns as you review
        self.decisions.teaching.connect(self.learning.on_decided)
        self.writes = WriteFlow(self)
        self.writes.busy_changed.connect(self._update_actions)
        self.writes.write_finished.connect(self.write_finished)
        self.writes.undo_finished.connect(self.undo_finished)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self.toolbar.fit(self.width())

    def _page_changed(self) -> None:
        """The start page has the whole width (no track, no detail panel) and offers the
        other recent folders."""
        start = self.pages.currentWidget() is self.empty_page
        self.detail.setVisible(not start)
        if start:
            self.empty_page.set_recent([f for f in self.ctx.settings.recent_folders if f not in self.roots])

    def _context_menu(self, global_pos: QPoint) -> None:
        actions.context_menu(self, self.acts).exec(global_pos)

    # ================================================================ state
    def _restore_state(self) -> None:
        window_state.restore_state(self, self.qsettings)

    def save_state(self) -> None:
        window_state.save_state(self, self.qsettings)

    def closeEvent(self, event):  # noqa: N802
        if self.analysis_control.is_running():
            self.show_status(self.tr("Stopping the analysis (finished tracks are kept)…"))
            self.analysis.cancel()
        self.detail.shutdown()
        self.learning.shutdown()
        self.save_state()
        self.ctx.stop_all()
        super().closeEvent(event)

    # ================================================================ status
    def show_status(self, text: str, error: bool = False, timeout: int = 0) -> None:
        self.status_bar.show_status(text, error, timeout)

    def _update_counts(self) -> None:
        if self.review_data is None:
            self.status_bar.show_counts(None, 0)
            return
        self.status_bar.show_counts(self.review_data, self.model.rowCount())
        self._update_actions()

    def _update_actions(self) -> None:
        running = self.analysis_control.is_running()
        have_rows = self.review_data is not None and bool(self.review_data.rows)
        rows = self.selected_rows() if have_rows else []
        selected = bool(rows)
        self.act_pause.setEnabled(running)
        self.act_cancel.setEnabled(running)
        self.act_rescan.setEnabled(not running and bool(self.roots))
        # a file that could not be read takes no decision (the core refuses it too)
        decidable = any(r.writable for r in rows)
        for a in (self.act_accept, self.act_override, self.act_skip):
            a.setEnabled(decidable)
        for a in (self.act_clear, self.act_album):
            a.setEnabled(selected)
        self.decisions.update_album_action()
        self.act_accept_all.setEnabled(have_rows)
        self._update_decision_history(library_open=bool(self.roots) or self.review_data is not None)
        self.act_write.setEnabled(have_rows and self.ctx.info is not None and not self.writes.busy)
        self.act_undo.setEnabled(not self.writes.busy and self._has_undoable_batch())
        self.act_play.setEnabled(self.detail.row is not None)
        self._update_track_commands(selected, running)
        # empty state (no folder open): nothing to filter, search or group
        library_open = bool(self.roots) or self.review_data is not None
        self.filter_bar.set_controls_enabled(library_open)
        self.act_search.setEnabled(library_open)

    def _update_track_commands(self, selected: bool, running: bool) -> None:
        tracks = self.pages.showing_tracks()
        for a in (self.act_open_folder, self.act_copy_path, self.act_remove, self.act_album_tracks):
            a.setEnabled(selected)
        self.act_reanalyse.setEnabled(selected and not running and self.ctx.info is not None)
        self.act_in_albums.setVisible(tracks)
        self.act_in_albums.setEnabled(selected and tracks)

    def _update_decision_history(self, library_open: bool) -> None:
        """Undo / Redo decision say which step they take (the library's decision history)."""
        undo, redo = self.decisions.steps() if library_open else (None, None)
        self.act_undo_decision.setEnabled(undo is not None)
        self.act_undo_decision.setText(
            self.tr("&Undo {what}").format(what=labels.step_what(undo.what))
            if undo is not None
            else actions.tr_action("&Undo decision")
        )
        self.act_redo_decision.setEnabled(redo is not None)
        self.act_redo_decision.setText(
            self.tr("&Redo {what}").format(what=labels.step_what(redo.what))
            if redo is not None
            else actions.tr_action("&Redo decision")
        )

    def _has_undoable_batch(self) -> bool:
        """No library open: nothing to undo (WriteFlow caches the answer)."""
        if not (self.roots or self.review_data is not None):
            return False
        return self.writes.has_undoable_batch()

    # ================================================================ opening
    def _startup(self, folder: str | None) -> None:
        if folder:
            self.open_folder(folder)
            return
        recent = [f for f in self.ctx.settings.recent_folders if Path(f).is_dir()]
        kept = window_state.saved_roots(self.qsettings)  # with what was dropped on the window
        if kept or recent:
            self.roots = kept or [recent[0]]
            self._set_title()
            self.reload_rows()
        else:
            self.pages.show_empty()
            self._page_changed()

    def _set_title(self) -> None:
        if self.roots:
            self.setWindowTitle(f"{readable_name(self.roots[0])} — Genre Tagger")
        else:
            self.setWindowTitle("Genre Tagger")

    def choose_folder(self) -> None:
        start = self.roots[0] if self.roots else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a music folder"), start)
        if folder:
            self.open_folder(folder)

    def _clear_recent(self) -> None:
        self.ctx.settings.recent_folders = []
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.ctx.settings.save()
        except OSError as exc:
            self.show_status(self.tr("Cannot save the settings: {reason}").format(reason=exc), error=True)

    def open_folder(self, folder: str) -> None:
        folder = str(Path(folder).expanduser().resolve())
        if not Path(folder).is_dir():
            dialogs.message(
                self,
                self.tr("Open folder"),
                self.tr("{folder} is not a folder (or is gone).").format(folder=folder),
                dialogs.QMessageBox.Warning,
            )
            return
        self.analysis_control.cancel_and_wait()
        self.moved_bar.withdraw()
        self.ctx.settings.add_recent_folder(folder)
        self._save_settings()
        self.roots = [folder]
        self.remember_roots()
        self.set_album_filter(None, refilter=False)
        self._set_title()
        self.start_analysis()

    def open_folder_if_folder(self, path: str) -> bool:
        if not Path(path).is_dir():
            return False
        self.open_folder(path)
        return True

    def remember_roots(self) -> None:
        """The folders (and dropped files) shown, opened again at the next start."""
        window_state.save_roots(self.qsettings, self.roots)

    def add_paths(self, paths: list[str]) -> None:
        """Folders and audio files join the library and are analysed (a drop)."""
        self.drops.add_paths(paths)

    def rescan(self) -> None:
        if self.roots:
            # the rows shown stay when the scan changes nothing (no second copy of
            # 100,000 rows in memory while the first is shown)
            self.analysis_control.start(self.roots, rows_shown=self.review_data is not None)

    def reload_rows(self) -> None:
        """Reload every row from the DB in a worker thread (after writes, settings)."""
        self.loader.load(self.roots)

    def set_review_data(self, data: ReviewData) -> None:
        current = self.detail.row.id if self.detail.row is not None else None
        self.review_data = data
        empty_text = (
            self.tr("No audio files found in {folder} (yet).").format(folder=self.roots[0]) if self.roots else None
        )
        row = self.pages.set_data(data, current, empty_text)
        if row is not None:
            self.detail.show_row(row, reload=False)
        if data.rows and self._focus_on_rows_for != self.roots:  # a folder opened: keys go to its tracks
            self._focus_on_rows_for = list(self.roots)
            focused = QApplication.focusWidget()
            if focused is None or focused.window() is self and not isinstance(focused, (QLineEdit, QAbstractSpinBox)):
                (self.album_table if self.pages.showing_albums() else self.table).setFocus()
        self._update_counts()
        self._say_what_is_not_analysed(data)
        self.rows_loaded.emit()

    def _say_what_is_not_analysed(self, data: ReviewData) -> None:
        """A library reopened after an analysis was stopped: say that tracks wait, and how
        to go on (once per folder opened, not at every reload)."""
        waiting = data.counts().get("not analysed", 0)
        if not waiting or self.analysis_control.is_running() or self._told_waiting == self.roots:
            return
        self._told_waiting = list(self.roots)
        key = self.act_rescan.shortcut().toString(QKeySequence.NativeText)
        self.show_status(
            self.tr(
                "%n track(s) not analysed yet: Rescan and analyse ({key}) goes on where it stopped", "", waiting
            ).format(key=key),
            timeout=20000,
        )

    # ================================================================ analysis (analysis_control.py)
    def start_analysis(self) -> None:
        self.analysis_control.start(self.roots)

    def toggle_pause(self) -> None:
        self.analysis_control.toggle_pause()

    def cancel_analysis(self) -> None:
        self.analysis_control.cancel()

    analysis = property(lambda self: self.analysis_control.worker)  # the running AnalysisWorker

    def _on_results(self, batch) -> None:
        """Results arrive in batches (a rescan of cached tracks: thousands at once); they
        are shown a few per turn of the event loop, so the window keeps answering. One
        timer shows them all: a chain of single shots per batch multiplied while batches
        kept coming (frames of 5-8 s in a rescan of 100,000 cached tracks)."""
        self._pending_results.extend(batch)
        if not self._results_timer.isActive():
            self._results_timer.start()

    def _show_some_results(self) -> None:
        started = time.perf_counter()
        changed: list = []
        data = self.review_data
        slices = 0
        # the budget holds whether or not a slice changed rows: a rescan's cached results
        # change none, and "until a row changed" showed all 100,000 in one 65-100 ms turn
        while self._pending_results and (not slices or time.perf_counter() - started < RESULTS_TURN_SECONDS):
            slices += 1
            batch = self._pending_results[:RESULTS_SLICE]
            del self._pending_results[:RESULTS_SLICE]
            if data is not None:
                changed.extend(data.set_analyses(batch))  # vectorised (tagger.review)
                data.index.column("status")  # the index follows this slice now (bounded work per slice)
        if not self._pending_results:
            self._results_timer.stop()
        if changed:
            refresh_detail = self.detail.row is not None and any(row is self.detail.row for row in changed)
            self.model.rows_changed(changed)
            if refresh_detail:
                self.detail.show_row(self.detail.row, reload=True)
        if not self._pending_results and self._finished_summary is not None:
            summary, self._finished_summary = self._finished_summary, None
            self._on_analysis_finished(summary)

    def _on_analysis_finished(self, summary: dict) -> None:
        if self._pending_results:  # finished once every result is shown
            self._finished_summary = summary
            return
        self.last_summary = summary
        if self.review_data is not None:
            self.model.refilter()
            self.pages.refresh_albums()
        self._update_actions()
        self.analysis_finished.emit(summary)
        self.drops.analysis_ended()
        if summary.get("moved_folder") is not None and not summary.get("cancelled"):
            self.moved_bar.offer(summary["moved_folder"])

    def _on_analysis_failed(self, reason: str) -> None:
        self.last_summary = {"error": reason}
        self.analysis_finished.emit({"error": reason})
        self.drops.analysis_ended()

    # ================================================================ table
    def set_filter(self, key: str) -> None:
        self.filter_bar.set_filter(key)

    def set_search(self, text: str) -> None:
        self.filter_bar.set_search(text)

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def _columns_shown(self):
        """The column layout of the table shown (tracks, or albums when grouped)."""
        return (self.album_table if self.pages.showing_albums() else self.table).columns

    def _refiltered(self, change, value) -> None:
        """A filter or search change; a track it hides leaves the detail panel too (its
        selection went with it, and Qt says nothing of that)."""
        change(value)
        shown = self.detail.row
        if self.pages.showing_tracks() and shown is not None and shown not in self.selected_rows():
            self._selection_changed()

    def _to_the_results(self) -> None:
        """From the search box to the table shown (tracks, or albums when grouped), on
        its first row when none is selected."""
        albums = self.pages.showing_albums()
        table, model = (self.album_table, self.album_model) if albums else (self.table, self.model)
        table.setFocus()
        if not table.selectionModel().hasSelection() and model.rowCount():
            table.selectRow(0)

    def _group_toggled(self, on: bool) -> None:
        if on:
            self.set_album_filter(None, refilter=True)
        self.pages.set_grouped(on)
        self._selection_changed()

    def open_album(self, album: AlbumRow) -> None:
        """The track page with only the album's tracks (an album double-clicked)."""
        first = album.rows[0]
        self.group_albums.setChecked(False)
        self.set_album_filter(
            (first.folder, first.album), label=f"{core_text.text(album.artist)} — {core_text.text(album.album)}"
        )

    def set_album_filter(self, album, label: str = "", refilter: bool = True) -> None:
        self.album_bar.show_album(label if album is not None else None)
        self.track_page.set_album_filter(album, refilter)

    def selected_rows(self) -> list[ReviewRow]:
        return self.pages.selected_rows()

    def selected_albums(self) -> list[AlbumRow]:
        return self.pages.selected_albums()

    def select_track(self, track_id: int) -> bool:
        return self.track_page.select_track(track_id)

    def _selection_changed(self) -> None:
        if self.pages.showing_albums():
            albums = self.selected_albums()
            if len(albums) == 1:
                self.detail.show_album(albums[0])
            else:
                self.detail.show_nothing(
                    self.tr("Select an album to see its pooled suggestion.")
                    if not albums
                    else self.tr("%n album(s) selected.", "", len(albums))
                )
        else:
            rows = self.selected_rows()
            row = self.track_page.current_row()
            if row is None or row not in rows:
                row = rows[0] if rows else None
            if len(rows) == 1 or (row is not None and len(rows) > 1 and self.detail.row is not row):
                self.detail.show_row(row)
            elif not rows:
                self.detail.show_nothing()
        self._update_actions()

    # ================================================================ decisions (decisions.py)
    def accept_selected(self) -> None:
        self.decisions.accept_selected()

    def override_selected(self, genres: list[str] | None = None) -> None:
        self.decisions.override_selected(genres)

    def skip_selected(self) -> None:
        self.decisions.skip_selected()

    def clear_selected(self) -> None:
        self.decisions.clear_selected()

    def accept_all_above_threshold(self) -> None:
        self.decisions.accept_all_above_threshold()

    def apply_album_suggestion(self) -> None:
        self.decisions.apply_album_suggestion()

    def undo_decision(self) -> None:
        self.decisions.undo_decision()

    def redo_decision(self) -> None:
        self.decisions.redo_decision()

    def set_threshold(self, fraction: float) -> None:
        """The threshold beside Accept all changed: saved like the Settings dialog saves
        it, and the suggestions shown follow at once."""
        try:
            self.ctx.ws.set_min_confidence(fraction)
        except OSError as exc:
            self.show_status(self.tr("Cannot save the settings: {reason}").format(reason=exc), error=True)
        self.apply_threshold()

    def apply_threshold(self) -> None:
        """Every view shows the suggestions at the workspace's threshold."""
        self.threshold_box.show_value(self.ctx.ws.min_confidence)
        data = self.review_data
        if data is None:
            return
        data.set_thresholds(self.ctx.ws.min_confidence, self.ctx.ws.max_genres)
        self.model.refilter()  # filters such as "low confidence" follow the threshold
        self.model.rows_changed(data.rows)
        self.pages.refresh_albums()
        self.detail.refresh()

    override_dialog = property(lambda self: self.decisions.override_dialog)

    def _rows_decided(self, rows: list[ReviewRow]) -> None:
        self.model.rows_changed(rows)
        self.pages.rebuild_albums()
        self.detail.refresh()

    def toggle_play(self) -> None:
        self.detail.toggle_play()

    def next_undecided(self) -> None:
        self.navigation.go(forward=True)

    def previous_undecided(self) -> None:
        self.navigation.go(forward=False)

    # ================================================================ tracks (context_menu.py)
    def open_containing_folder(self) -> None:
        self.track_commands.open_containing_folder()

    def copy_paths(self) -> None:
        self.track_commands.copy_paths()

    def reanalyse_selected(self) -> None:
        self.track_commands.reanalyse()

    def remove_selected(self) -> None:
        self.track_commands.remove()

    def show_album_tracks(self) -> None:
        self.track_commands.show_album_tracks()

    def show_in_albums(self) -> None:
        self.track_commands.show_in_albums()

    # ================================================================ writing (write_flow.py)
    def write_tags(self) -> None:
        if self.review_data is not None and self.ctx.info is not None:
            self.writes.write_tags(self.review_data.rows, self.selected_rows(), self.model.visible_rows())

    def undo_last(self) -> None:
        self.writes.undo_last()

    def undo_batch(self, batch_id: int) -> None:
        self.writes.undo_batch(batch_id)

    def show_history(self) -> None:
        self.writes.show_history()

    # the write flow's dialogs and last outcomes, as tests and scripts know them
    write_dialog = property(lambda self: self.writes.write_dialog)
    history_dialog = property(lambda self: self.writes.history_dialog)
    outcomes_dialog = property(lambda self: self.writes.outcomes_dialog)
    last_outcomes = property(lambda self: self.writes.last_outcomes)

    # ================================================================ settings, training
    def show_settings(self) -> None:
        note = self.status_bar.device_note()
        dlg = dialogs.SettingsDialog(self.ctx, self, device_note=note)
        self.settings_dialog = dlg

        def finished(result, dlg=dlg):
            self.settings_dialog = None
            if not result:
                return
            try:
                model_changed, thresholds_changed = dlg.apply()
            except (OSError, ValueError) as exc:
                reason = describe_error(exc)  # (the core's sentence, translated)
                self.show_status(self.tr("Cannot save the settings: {reason}").format(reason=reason), error=True)
                return
            self.settings_applied(model_changed, thresholds_changed)
            if getattr(dlg, "language_changed", False):
                self.show_status(self.tr("The new language shows the next time the app starts"), timeout=10000)

        dlg.finished.connect(finished)
        dlg.open()

    def settings_applied(self, model_changed: bool, thresholds_changed: bool) -> None:
        self.threshold_box.show_value(self.ctx.ws.min_confidence)
        if model_changed:
            self.ctx.load_model_info()
            if self.ctx.model_error:
                self.show_status(self.ctx.model_error, error=True)
            else:
                self.show_status(
                    self.tr("Model: {name} {version}").format(name=self.ctx.info.name, version=self.ctx.info.version),
                    timeout=8000,
                )
            if self.roots and self.ctx.info is not None:
                self.start_analysis()  # results of the new model (cached ones come back at once)
            else:
                self.reload_rows()
        elif thresholds_changed:
            self.reload_rows()
        elif self.review_data is not None and self.review_data.write_mode != self.ctx.settings.write_mode:
            self.review_data.set_write_mode(self.ctx.settings.write_mode)  # "Will write" follows the mode
            self.model.rows_changed(self.review_data.rows)
            self.detail.refresh()

    def show_train(self) -> None:
        dlg = dialogs.TrainDialog(self.ctx, self)
        self.train_dialog = dlg
        dlg.model_ready.connect(self.learning.use_trained_model)
        dlg.finished.connect(lambda _: self.learning.act_learn.setChecked(self.ctx.settings.learn_as_you_review))
        dlg.open()

    def show_guide(self) -> None:
        from .help import GuideDialog, guide_path

        self.guide_dialog = GuideDialog(guide_path(self.language), self)
        self.guide_dialog.open()

    def show_shortcuts(self) -> None:
        from .shortcuts import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.acts, self)
        self.shortcuts_dialog.open()

    @property
    def language(self) -> str:
        """The language the app shows (i18n.py), e.g. "de"."""
        from . import i18n

        return i18n.current()

    def show_about(self) -> None:
        from tagger.paths import resources_dir

        info = self.ctx.info
        model = f"{info.name} {info.version}" if info is not None else self.tr("none")
        notices = resources_dir() / "THIRD-PARTY-NOTICES.txt"  # in the packaged app (packaging/notices.py)
        licence = (
            self.tr(
                "Free software under the MIT licence. This package also holds software under other "
                "licences (mutagen: GPL 2.0 or later, so the package as a whole is under the GPL): {notices}"
            ).format(notices=notices)
            if notices.is_file()
            else self.tr("Free software under the MIT licence; the libraries it uses come with their own licences.")
        )
        dialogs.message(
            self,
            self.tr("About Genre Tagger"),
            self.tr(
                "Genre Tagger {version}\n\nListens to your music, suggests genres, and writes only what you "
                "confirm — every write can be undone.\n\nModel: {model}\nLibrary: {library}"
            ).format(version=__version__, model=model, library=self.ctx.db_path)
            + "\n\n"
            + licence,
        )
