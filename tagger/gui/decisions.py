"""Decisions on the selected tracks or albums (accept, override, skip, undecide,
accept all above the threshold, the album suggestion): recorded in the library and
shown in the review table at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tagger.review import ALBUM_LEFT_OUT, FOLDER_GROUP_NOTE, ReviewRow, decision_groups

from . import dialogs
from .workers import FunctionWorker, describe_error

SYNC_DECISION_LIMIT = 2000  # more rows than this: the DB write goes to a worker thread


class Decisions(QObject):
    decided = Signal(object)  # the rows whose decision changed (already marked in the review data)

    def __init__(self, window):
        """`window`: the MainWindow (its review data, selection and status bar)."""
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.override_dialog: dialogs.OverrideDialog | None = None

    def decide(self, rows: list[ReviewRow], state: str, genres: list[str] | None = None, what: str = "") -> None:
        data = self.window.review_data
        if data is None or not rows:
            return
        groups = decision_groups(rows, state, genres)
        if len(rows) <= SYNC_DECISION_LIMIT:
            try:
                for (st, gs), ids in groups.items():
                    self.ctx.lib.set_decision(ids, st, list(gs))
            except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
                self.window.show_status(f"Cannot record the decision: {describe_error(exc)}", error=True)
                return
        else:
            lib = self.ctx.lib

            def store(worker, groups=groups):
                for (st, gs), ids in groups.items():
                    for i in range(0, len(ids), 5000):
                        lib.set_decision(ids[i:i + 5000], st, list(gs))
                return len(rows)

            w = FunctionWorker(store, name="decisions")
            w.failed.connect(lambda reason: self.window.show_status(f"Cannot record the decisions: {reason}",
                                                                    error=True))
            self.ctx.start(w)
        data.mark_decided(rows, state, genres)
        self.decided.emit(rows)
        n = len(rows)
        self.window.show_status(what or f"{state.capitalize()}: {n} track{'s' if n != 1 else ''}", timeout=8000)

    def accept_selected(self) -> None:
        if self.window.pages.showing_albums():
            self.apply_album_suggestion()
            return
        rows = [r for r in self.window.selected_rows() if r.suggestion]
        skipped = len(self.window.selected_rows()) - len(rows)
        if not rows:
            self.window.show_status("Nothing to accept: the selected tracks have no suggestion yet", error=True)
            return
        self.decide(rows, "accepted", what=f"Accepted the suggestion for {len(rows)} track"
                    f"{'s' if len(rows) != 1 else ''}" + (f" ({skipped} without a suggestion left alone)"
                                                          if skipped else ""))
        self._advance()

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
        initial = first.decision_genres if first.decision == "overridden" else (first.suggestion or first.current)
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
                self.decide(rows, "overridden", gs,
                            what=f"Overridden: {len(rows)} track{'s' if len(rows) != 1 else ''} → {'; '.join(gs)}")
                self._advance()

        dlg.finished.connect(done)
        dlg.open()

    def skip_selected(self) -> None:
        rows = self.window.selected_rows()
        self.decide(rows, "skipped")
        self._advance()

    def clear_selected(self) -> None:
        rows = [r for r in self.window.selected_rows() if r.decision]
        self.decide(rows, "cleared", what=f"Decision cleared for {len(rows)} tracks")

    def accept_all_above_threshold(self) -> None:
        data = self.window.review_data
        if data is None:
            return
        rows = data.above_threshold(self.window.pages.visible_rows())
        if not rows:
            self.window.show_status(f"No undecided track shown reaches {data.min_confidence * 100:.0f}% confidence",
                                    timeout=8000)
            return
        self.decide(rows, "accepted", what=f"Accepted {len(rows):,} suggestions with at least "
                                           f"{data.min_confidence * 100:.0f}% confidence")

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
            action.setToolTip(f"No album suggestion: {FOLDER_GROUP_NOTE}")
        else:
            action.setToolTip(action.statusTip())

    def apply_album_suggestion(self) -> None:
        data = self.window.review_data
        if data is None:
            return
        albums = self.albums_for_action()
        folder_groups = [a for a in albums if a.folder_group]
        albums = [a for a in albums if not a.folder_group]
        if not albums:
            if folder_groups:
                self.window.show_status(f"No album suggestion for {folder_groups[0].album}: {FOLDER_GROUP_NOTE}",
                                        error=True, timeout=12000)
            return
        n = 0
        left: dict[str, int] = {}
        with_suggestion = 0
        for a in albums:
            if not a.suggestion:
                continue
            with_suggestion += 1
            # failed/unreadable, undecided-by-analysis, user-decided and disagreeing tracks
            # are left alone (tagger.review.ReviewData.album_decisions says why)
            take, why = data.album_decisions(a)
            for k, v in why.items():
                left[k] = left.get(k, 0) + v
            if take:
                # "accepted" with the album's genres, not "overridden": the album genre is a
                # (pooled) model suggestion, so the write mode applies (fill keeps genres
                # a file already has); an override is written whatever the mode
                self.decide(take, "accepted", a.suggestion)
            n += len(take)
        if not with_suggestion:
            self.window.show_status("No album suggestion yet (no track of the album is analysed)", error=True)
            return
        text = f"Album suggestion applied to {n} track{'s' if n != 1 else ''}"
        notes = [f"{v} {ALBUM_LEFT_OUT[k]}" for k, v in sorted(left.items(), key=lambda kv: -kv[1])]
        if folder_groups:
            notes.append(f"{len(folder_groups)} folder group{'s' if len(folder_groups) != 1 else ''} "
                         "(not albums)")
        if notes:
            text += "; left alone: " + ", ".join(notes)
        self.window.show_status(text, error=not n, timeout=12000)
