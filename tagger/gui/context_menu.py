"""What the table's context menu offers beyond decisions, for the selected tracks (or the
tracks of the selected albums): show the file in the file manager, copy the paths,
analyse again, remove from the library, and go between a track and its album. The
rules (what Re-analyse forgets, what Remove does) are tagger.app.library_tracks'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from tagger.app.library_tracks import follow_moved_folder, forget_analyses, remove
from tagger.fsnames import readable
from tagger.review import ReviewRow

from . import dialogs
from .workers import describe_error


def reveal_in_file_manager(path: str) -> bool:
    """Show `path` in the platform's file manager (selected where the platform can do
    that: Explorer, Finder; elsewhere its folder is opened). False if nothing opened."""
    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", "/select,", str(Path(path))])  # noqa: S603, S607
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-R", path])  # noqa: S603, S607
            return True
    except OSError:
        pass
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


class TrackCommands(QObject):
    def __init__(self, window):
        """`window`: the MainWindow (its selection, pages, analysis and status bar)."""
        super().__init__(window)
        self.window = window

    def _rows(self) -> list[ReviewRow]:
        return self.window.selected_rows()

    # ------------------------------------------------------------ files
    def open_containing_folder(self) -> None:
        rows = self._rows()
        if not rows:
            return
        row = self.window.track_page.current_row() if self.window.pages.showing_tracks() else None
        row = row if row in rows else rows[0]
        if not Path(row.path).exists():
            self.window.show_status(self.tr("The file is gone: {path}").format(path=row.path), error=True)
            return
        if not reveal_in_file_manager(row.path):
            self.window.show_status(
                self.tr("No file manager could be opened for {path}").format(path=row.path), error=True
            )

    def copy_paths(self) -> None:
        rows = self._rows()
        if not rows:
            return
        QGuiApplication.clipboard().setText("\n".join(r.path for r in rows))
        self.window.show_status(self.tr("Copied %n path(s)", "", len(rows)), timeout=5000)

    # ------------------------------------------------------------ library
    def reanalyse(self) -> None:
        """Forget the model's results for the selected tracks and analyse them again."""
        w = self.window
        rows = self._rows()
        if not rows:
            return
        if w.analysis_control.is_running():
            w.show_status(self.tr("An analysis is running: re-analyse when it has finished"), error=True)
            return
        try:
            paths = forget_analyses(w.ctx.ws, [r.id for r in rows])
        except Exception as exc:  # noqa: BLE001 - no model, or the DB is locked: one line
            w.show_status(self.tr("Cannot re-analyse: {reason}").format(reason=describe_error(exc)), error=True)
            return
        w.show_status(self.tr("Analysing %n track(s) again", "", len(paths)), timeout=8000)
        w.analysis_control.start(paths, view_roots=w.roots or None)

    def remove(self) -> None:
        """Take the selected tracks out of the library, after asking (the files stay)."""
        w = self.window
        rows = self._rows()
        if not rows:
            return
        n = len(rows)
        text = self.tr(
            "Remove %n track(s) from the library?\n\nThe files stay where they are, untouched. "
            "Their decisions are forgotten, and rescans leave them out. To bring them back, "
            "drop the files or their folder on the window.",
            "",
            n,
        )
        if not dialogs.ask(w, self.tr("Remove from library"), text, yes=self.tr("Remove")):
            return
        try:
            removed = remove(w.ctx.ws, [r.id for r in rows])
        except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
            w.show_status(self.tr("Cannot remove: {reason}").format(reason=describe_error(exc)), error=True)
            return
        w.show_status(self.tr("Removed %n track(s) from the library (the files stay)", "", removed), timeout=8000)
        w.reload_rows()

    def follow_moved_folder(self, moved) -> None:
        """The user confirmed that `moved.old` was moved or renamed to `moved.new` (the
        bar that asks: moved_folder_bar.py): the decisions and history follow."""
        w = self.window
        try:
            done = follow_moved_folder(w.ctx.ws, moved.old, moved.new)
        except Exception as exc:  # noqa: BLE001 - refused (MoveError), or the DB is locked or gone
            w.show_status(self.tr("Cannot follow the move: {reason}").format(reason=describe_error(exc)), error=True)
            return
        w.show_status(
            self.tr("{old} moved to {new}: %n decision(s) came with its tracks", "", done.decisions).format(
                old=readable(moved.old), new=readable(moved.new)
            ),
            timeout=15000,
        )
        w.reload_rows()

    # ------------------------------------------------------------ albums
    def show_album_tracks(self) -> None:
        """The tracks of the album of the selection (or of the selected album), alone."""
        w = self.window
        albums = w.selected_albums()
        if albums:
            w.open_album(albums[0])
            return
        rows = self._rows()
        if not rows or w.review_data is None:
            return
        first = rows[0]
        members = [r for r in w.review_data.rows if r.folder == first.folder and r.album == first.album]
        w.open_album(w.review_data.album_row(first.folder, first.album, members))

    def show_in_albums(self) -> None:
        """The album list, with the album of the selected track selected."""
        w = self.window
        rows = self._rows()
        if not rows:
            return
        key = (rows[0].folder, rows[0].album)
        w.set_album_filter(None)
        w.group_albums.setChecked(True)
        w.album_page.select_album(key)
