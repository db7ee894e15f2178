"""The detail panel: play the selected track (from where the analysis listened), see its
spectrogram, the per-genre scores and the genre over time; or an album's pooled scores."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tagger import db
from tagger.features import FeatureSpec, patch_seconds
from tagger.fsnames import one_line, readable
from tagger.review import AlbumRow, ReviewRow, join_genres
from tagger.spectrogram import compute_spectrogram

from . import core_text, labels, theme
from .labels import percent
from .shortcuts import SPACE_PLAYS
from .widgets import GenreTimeline, ScoreBars, SpectrogramView, fmt_time, plain_label, spectrogram_image
from .workers import NewestOnly

TOP_SCORES = 10
TIMELINE_GENRES = 5


def load_details(ctx, track_id: int, worker) -> None:
    """In a worker thread: the stored analysis, then the spectrogram (reported as
    they become ready)."""
    track = db.tracks.get(ctx.lib, track_id)
    if track is None:
        raise ValueError(QCoreApplication.translate("DetailPanel", "the track is no longer in the library"))
    path, duration, content_id = track.path, track.duration, track.content_id
    analysis = None
    if content_id and ctx.info is not None:
        analysis = db.analyses.get(ctx.lib, content_id, ctx.info.key)
    starts = analysis.patch_starts if analysis is not None and analysis.status == "ok" else []
    patch_scores = analysis.patch_scores if analysis is not None and analysis.status == "ok" else []
    spec = FeatureSpec.from_dict(ctx.info.feature_spec) if ctx.info is not None else None
    worker.report(
        {
            "kind": "analysis",
            "track_id": track_id,
            "starts": starts,
            "patch_scores": np.asarray(patch_scores, np.float32) if patch_scores else None,
            "patch_s": patch_seconds(spec) if spec else 3.0,
            "duration": duration,
        }
    )
    if worker.should_stop() or spec is None:
        return None
    computed = compute_spectrogram(path, spec, should_stop=worker.should_stop)
    if computed is None or worker.should_stop():
        return None  # another track was selected meanwhile
    mel, _, decoded = computed
    return {
        "kind": "spectrogram",
        "track_id": track_id,
        "image": spectrogram_image(mel),
        "duration": decoded,
        "fmax": float(spec.fmax),
    }


MIN_WIDTH = 360  # px; more when the decision buttons need it (set_decision_actions)


class DetailPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.row: ReviewRow | None = None
        self.album: AlbumRow | None = None
        # one decode at a time, the newest selection's (a superseded one stops)
        self._details = NewestOnly(ctx, "details", self)
        self._player = None  # .player.PreviewPlayer, made on first use
        self._player_options: dict = {}  # PreviewPlayer keywords (tests: a fake output)
        self._first_start = 0.0
        self._duration = 0.0
        self._slider_dragging = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        outer.addWidget(scroll)
        body = self._body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)

        self.title = plain_label(self.tr("No track selected"))
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.subtitle = plain_label("", selectable=True)
        self.path_label = plain_label("", selectable=True)
        self.path_label.setForegroundRole(self.path_label.foregroundRole())
        pf = self.path_label.font()
        pf.setPointSizeF(pf.pointSizeF() * 0.9)
        self.path_label.setFont(pf)
        self.error_label = plain_label("", selectable=True)
        theme.set_text_color(self.error_label, "error")
        self.error_label.hide()
        for w in (self.title, self.subtitle, self.path_label, self.error_label):
            lay.addWidget(w)

        # genres summary
        self.genres_label = plain_label("")
        lay.addWidget(self.genres_label)

        # decision buttons (actions are set by the main window)
        self.decision_row = QHBoxLayout()
        self.decision_row.setSpacing(4)
        lay.addLayout(self.decision_row)

        # player
        self.player_box = QWidget()
        pl = QHBoxLayout(self.player_box)
        pl.setContentsMargins(0, 4, 0, 0)
        self.play_button = QToolButton()
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.play_button.setAccessibleName(self.tr("Play / pause"))
        self.play_button.clicked.connect(self.toggle_play)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setAccessibleName(self.tr("Playing position"))
        self.slider.setRange(0, 0)
        self.slider.sliderPressed.connect(lambda: setattr(self, "_slider_dragging", True))
        self.slider.sliderReleased.connect(self._slider_released)
        # the keyboard seeks too: arrows 5 s, Page Up/Down 30 s, Home/End; Space plays
        self.slider.setSingleStep(5000)
        self.slider.setPageStep(30000)
        self.slider.actionTriggered.connect(self._slider_key)
        self.slider.setProperty(SPACE_PLAYS, True)  # (shortcuts.ControlsKeepTheirKeys)
        self.time_label = plain_label("--:-- / --:--", wrap=False)
        # why the play button is off (no sound device), visible, not only in its tooltip
        self.player_note = plain_label("")  # wraps: a long note (Spanish) must not widen the panel
        self.player_note.setObjectName("player-note")
        theme.set_text_color(self.player_note, "warning")
        self.player_note.hide()
        pl.addWidget(self.play_button)
        pl.addWidget(self.slider, 1)
        pl.addWidget(self.time_label)
        lay.addWidget(self.player_box)
        lay.addWidget(self.player_note)  # its own line: the seek bar keeps its width

        self.spectrogram = SpectrogramView()
        self.spectrogram.seek_requested.connect(self.seek)
        lay.addWidget(self.spectrogram)
        self.timeline_caption = plain_label(self.tr("Genre over time"))
        self.timeline_caption.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.timeline_caption)
        self.timeline = GenreTimeline()
        lay.addWidget(self.timeline)
        self.scores_caption = plain_label(self.tr("Genre scores"))
        self.scores_caption.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.scores_caption)
        self.scores = ScoreBars()
        lay.addWidget(self.scores)
        lay.addStretch(1)
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.show_nothing()

    # ------------------------------------------------------------ decisions
    def set_decision_actions(self, actions) -> None:
        buttons: list[QToolButton] = []
        for action in actions:
            b = QToolButton()
            b.setDefaultAction(action)
            b.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            self.decision_row.addWidget(b)
            buttons.append(b)
        self.decision_row.addStretch(1)
        # Tab goes down the panel as it reads: the decisions, then the player below them
        for before, after in zip(buttons, [*buttons[1:], self.play_button, self.slider]):
            QWidget.setTabOrder(before, after)
        # wide enough for the buttons in every language (German's are the widest): the
        # body scrolls up and down only, never sideways, beside a vertical scroll bar
        bar = self.style().pixelMetric(QStyle.PM_ScrollBarExtent)
        self.setMinimumWidth(max(MIN_WIDTH, self._body.minimumSizeHint().width() + bar + 2))

    # ------------------------------------------------------------ contents
    def show_nothing(self, message: str | None = None) -> None:
        self._cancel_worker()
        self.row, self.album = None, None
        self.title.setText(self.tr("No track selected"))
        if message is None:
            message = self.tr("Select a track to listen to it and see what the model heard.")
        self.subtitle.setText(message)
        self.path_label.setText("")
        self.genres_label.setText("")
        self.error_label.hide()
        self._stop_player()
        self.player_box.setEnabled(False)
        self.spectrogram.clear("")
        self.timeline.clear()
        self.scores.set_scores([], self.ctx.settings.min_confidence)
        self._set_track_widgets_visible(False)
        self.scores_caption.hide()
        self.scores.hide()

    def _set_track_widgets_visible(self, visible: bool) -> None:
        for w in (self.player_box, self.spectrogram, self.timeline_caption, self.timeline):
            w.setVisible(visible)
        if not visible:  # no track, no player: its note too (a track shows it again when it applies)
            self.player_note.hide()

    def show_row(self, row: ReviewRow | None, reload: bool = True) -> None:
        """Show a track. reload=False refreshes the texts only (after a decision)."""
        if row is None:
            self.show_nothing()
            return
        same = self.row is not None and self.row.id == row.id
        self.row, self.album = row, None
        self._set_track_widgets_visible(True)
        self.scores_caption.show()
        self.scores.show()
        self.title.setText(row.display_title)
        parts = [p for p in (row.artist, row.album) if p]
        extra = []
        if row.tracknumber:
            extra.append(self.tr("track {n}").format(n=row.tracknumber))
        if row.duration:
            extra.append(fmt_time(row.duration))
        if row.format:
            extra.append(row.format.upper())
        self.subtitle.setText(" — ".join(parts) + (("   (" + ", ".join(extra) + ")") if extra else ""))
        self.path_label.setText(one_line(row.path))
        self._update_genre_texts(row)
        if row.error:
            self.error_label.setText(readable(self.tr("Problem: {reason}").format(reason=core_text.text(row.error))))
            self.error_label.show()
        else:
            self.error_label.hide()
        # a file that cannot be read (or failed its analysis) will not be "analysed yet"
        unanalysable = self.tr("no genre scores: the file could not be analysed") if row.unanalysable else ""
        self.timeline.empty_text = self.scores.empty_text = unanalysable
        self._update_scores_from_row(row)
        if same and not reload:
            return
        self._load(row)

    def _update_genre_texts(self, row: ReviewRow) -> None:
        none = self.tr("(none)")
        data = getattr(self.parent_window(), "review_data", None)
        current = data.current_by_field(row) if data is not None else [("genre", row.current)]
        lines = [
            self.tr("Current genre: {genres}").format(
                genres=labels.by_field([(f, join_genres(v) or none) for f, v in current])
            )
        ]
        if row.suggestion:
            lines.append(
                self.tr("Suggested: {genres}").format(
                    genres=", ".join(f"{g} ({percent(s)})" for g, s in zip(row.suggestion, row.suggestion_scores))
                )
            )
        elif row.track_status != "error":
            lines.append(
                self.tr("Suggested: (not analysed yet)") if not row.analysed else self.tr("Suggested: (nothing)")
            )
        status = labels.status(row.status)
        if row.decision in ("accepted", "overridden") and row.status != "written":
            # the write's own rule (write mode, unreadable files): tagger.review.write_preview
            genres, text = data.write_preview(row) if data is not None else (row.decision_genres, "")
            previews = data.previews_by_field(row) if data is not None else []
            if len(previews) > 1:  # the fields differ: each named
                shown = labels.by_field([(f, core_text.text(t)) for f, _, t in previews])
                status = self.tr("{status}: will write {genres}").format(status=status, genres=shown)
            elif genres:
                status = self.tr("{status}: will write {genres}").format(status=status, genres=join_genres(genres))
            elif not row.writable:
                status = self.tr("{status}: nothing to write (the file cannot be read)").format(status=status)
            elif text:
                status = self.tr("{status}: nothing to write {why}").format(status=status, why=core_text.text(text))
        lines.append(self.tr("Status: {status}").format(status=status))
        self.genres_label.setText("\n".join(lines))

    def _update_scores_from_row(self, row: ReviewRow) -> None:
        data = getattr(self.parent_window(), "review_data", None)
        if row.genre_vector is not None and data is not None and data.mapper is not None:
            ranked = data.mapper.ranked(row.genre_vector)[:TOP_SCORES]
            self.scores.set_scores(ranked, data.min_confidence, row.suggestion)
        else:
            self.scores.set_scores([], self.ctx.settings.min_confidence)

    def parent_window(self):
        return self.window()

    def refresh(self) -> None:
        if self.row is not None:
            self.show_row(self.row, reload=False)
        elif self.album is not None:
            self.show_album(self.album)

    def show_album(self, album: AlbumRow) -> None:
        self._cancel_worker()
        self._stop_player()
        self.row, self.album = None, album
        self._set_track_widgets_visible(False)
        self.scores_caption.show()
        self.scores.show()
        self.title.setText(core_text.text(album.album) or self.tr("(no album tag)"))
        tracks = self.tr("%n track(s)", "", len(album.rows))
        artist = core_text.text(album.artist) or self.tr("Unknown artist")  # "Various artists" translated
        self.subtitle.setText(f"{artist} — {tracks}")
        self.path_label.setText(one_line(album.folder))
        self.error_label.hide()
        data = getattr(self.window(), "review_data", None)
        lines = [self.tr("Current genres: {genres}").format(genres=join_genres(album.current) or self.tr("(none)"))]
        if album.folder_group:
            lines.append(self.tr("No album suggestion: {why}").format(why=labels.folder_group_note()))
        elif album.suggestion:
            lines.append(
                self.tr("Album suggestion (pooled over its tracks): {genres}").format(
                    genres=", ".join(f"{g} ({percent(s)})" for g, s in zip(album.suggestion, album.suggestion_scores))
                )
            )
        elif album.best_guess is not None and album.confidence is not None:
            # analysed, but its tracks' best genre together is below the threshold (the
            # album table shows it greyed, with the same reason)
            threshold = percent(data.min_confidence if data is not None else self.ctx.settings.min_confidence)
            lines.append(
                self.tr(
                    "No album suggestion: its best genre, {genre} ({score}), is below the {threshold} threshold"
                ).format(genre=album.best_guess, score=percent(album.confidence), threshold=threshold)
            )
        else:
            lines.append(self.tr("Album suggestion: (no track analysed yet)"))
        lines.append(self.tr("Status: {status}").format(status=labels.status_counts(album.statuses)))
        self.genres_label.setText("\n".join(lines))
        if album.pooled is not None and data is not None and data.mapper is not None:
            self.scores.set_scores(data.mapper.ranked(album.pooled)[:TOP_SCORES], data.min_confidence, album.suggestion)
        else:
            self.scores.set_scores([], self.ctx.settings.min_confidence)

    # ------------------------------------------------------------ loading
    def _cancel_worker(self) -> None:
        self._details.cancel()

    def _load(self, row: ReviewRow) -> None:
        self._cancel_worker()
        self.spectrogram.clear(self.tr("Computing the spectrogram…"))
        self.timeline.clear()
        self._first_start, self._duration = 0.0, row.duration or 0.0
        self._prepare_player(row.path)
        if row.track_status == "error":
            self.spectrogram.clear(self.tr("This file cannot be read"))
            return

        def connect(worker):
            worker.progress.connect(self._on_details)
            worker.done.connect(self._on_details)
            worker.failed.connect(lambda reason, tid=row.id: self._on_details_failed(tid, reason))

        self._details.request(lambda w, tid=row.id: load_details(self.ctx, tid, w), connect)

    def _on_details(self, result) -> None:
        if not result or self.row is None or result.get("track_id") != self.row.id:
            return  # a late answer for a track no longer shown
        if result["kind"] == "analysis":
            starts = result["starts"]
            duration = result["duration"] or self._duration
            self._duration = duration or 0.0
            self.spectrogram.set_duration(self._duration or 1.0)
            self._set_slider_range()
            if self._player is not None:
                self._player.set_duration(self._duration)
            self._update_time(int(round(self._player.position() * 1000)) if self._player is not None else 0)
            self.spectrogram.set_patches(starts, result["patch_s"])
            if starts:
                self._first_start = float(starts[0])
                self._seek_when_loaded(self._first_start)
            data = getattr(self.window(), "review_data", None)
            ps = result["patch_scores"]
            if (
                ps is not None
                and data is not None
                and data.mapper is not None
                and self.row.genre_vector is not None
                and ps.ndim == 2
                and ps.shape[1] == data.mapper.n_labels
            ):
                g = data.mapper.genre_matrix(ps)  # [patches, genres]
                # the personal model's genres have no per-patch scores: the model's own genres over time
                ranked = [n for n, _ in data.mapper.ranked(self.row.genre_vector) if n in data.mapper.base_names]
                top = ranked[:TIMELINE_GENRES]
                idx = [data.mapper.names.index(n) for n in top]
                self.timeline.set_data(top, g[:, idx].T, starts, result["patch_s"], self._duration or 1.0)
        elif result["kind"] == "spectrogram":
            self.spectrogram.set_image(result["image"], self._duration or result["duration"], result["fmax"])

    def _on_details_failed(self, track_id: int, reason: str) -> None:
        if self.row is None or self.row.id != track_id:
            return  # a late answer for a track no longer shown
        self.spectrogram.clear(self.tr("No spectrogram: {reason}").format(reason=reason))
        self.status_message.emit(self.tr("Cannot show the spectrogram: {reason}").format(reason=reason))

    # ------------------------------------------------------------ player
    def _ensure_player(self):
        """The PreviewPlayer (made on first use: asking for the audio device loads
        QtMultimedia's backend, which start-up does not need)."""
        if self._player is None:
            from .player import PreviewPlayer

            self._player = PreviewPlayer(self, **self._player_options)
            self._player.position_changed.connect(self._on_position)
            self._player.playing_changed.connect(self._on_state)
            self._player.error.connect(self._on_player_error)
            self._player.device_changed.connect(self._update_play_button)
        return self._player

    def _update_play_button(self) -> None:
        player = self._player
        can = player is not None and player.available
        self.play_button.setEnabled(can)
        reason = (player.unavailable_reason if player is not None else "") or ""
        self.play_button.setToolTip(self.tr("Play / pause (Space)") if can else reason)
        note = (
            ""
            if can or player is None
            else self.tr("{reason}: playback unavailable").format(reason=reason or self.tr("No audio output"))
        )
        self.player_note.setText(note)
        self.player_note.setToolTip(note)
        self.player_note.setVisible(bool(note))

    def _prepare_player(self, path: str) -> None:
        self.player_box.setEnabled(True)
        player = self._ensure_player()
        player.load(path)
        player.set_duration(self._duration)
        self._update_play_button()
        self._set_slider_range()
        self._on_position(0.0)

    def _set_slider_range(self) -> None:
        self.slider.setRange(0, max(0, int(round(self._duration * 1000))))

    def _stop_player(self) -> None:
        """Stop playing and close the file (before a write replaces it, or the
        selection changes)."""
        if self._player is not None:
            self._player.stop()

    def _seek_when_loaded(self, seconds: float) -> None:
        """Put the playhead where the analysis listened (unless already playing)."""
        if self._player is None:
            return
        if not self._player.is_playing():
            self._player.seek(seconds)
        self._on_position(self._player.position())

    def toggle_play(self) -> None:
        if self._player is None or self.row is None:
            return
        if not self._player.available:  # Space without a sound device: say why nothing happens
            self.status_message.emit(self._player.unavailable_reason or self.tr("Playback is not available"))
            return
        self._player.toggle()

    def seek(self, seconds: float) -> None:
        """A click on the spectrogram: go there and play."""
        if self._player is None or self.row is None:
            return
        self._player.seek(seconds)
        self._on_position(self._player.position())
        self._player.play()

    def _slider_key(self, action: int) -> None:
        """A step of the slider that is not a drag (keys, a click on its groove): go there.
        (Called before the value follows; the slider's position is already the new one.)"""
        if action != QAbstractSlider.SliderMove and self._player is not None and not self._slider_dragging:
            self._player.seek(self.slider.sliderPosition() / 1000)
            self._on_position(self._player.position())

    def _slider_released(self) -> None:
        self._slider_dragging = False
        if self._player is not None:
            self._player.seek(self.slider.value() / 1000)

    def _on_position(self, seconds: float) -> None:
        ms = int(round(seconds * 1000))
        if not self._slider_dragging:
            self.slider.setValue(ms)
        self.spectrogram.set_position(seconds)
        self._update_time(ms)

    def _update_time(self, ms: int) -> None:
        self.time_label.setText(f"{fmt_time(ms / 1000)} / {fmt_time(self._duration or None)}")

    def _on_state(self, playing: bool) -> None:
        icon = QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))

    def _on_player_error(self, text: str) -> None:
        if self.row is not None:
            self.status_message.emit(
                self.tr("Cannot play {title}: {reason}").format(title=self.row.display_title, reason=text)
            )

    def is_playing(self) -> bool:
        return self._player is not None and self._player.is_playing()

    def shutdown(self) -> None:
        self._cancel_worker()
        if self._player is not None:
            self._player.shutdown()
