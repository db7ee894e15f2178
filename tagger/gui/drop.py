"""Drag and drop of folders and audio files onto the window: they join the library and
are analysed. Which paths count and how the library's folders grow are
tagger.app.library_tracks' rules; this turns drop events into that."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from tagger.app.library_tracks import addable, restore, roots_with

from .workers import describe_error


def local_paths(mime) -> list[str]:
    """The local files and folders a drag carries (none for text or web links)."""
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class DropController(QObject):
    """Installed on the main window: accepts drags that carry local paths and adds
    what they hold (`add_paths`)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pending: list[str] = []  # dropped while an analysis ran: scanned when it ends
        self.notice = ""  # what the last drop did not add (kept beside the analysis summary)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.DragEnter, QEvent.DragMove):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Drop:
            paths = local_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.add_paths(paths)
                return True
        return super().eventFilter(watched, event)

    def add_paths(self, paths: list[str]) -> None:
        """Add folders and audio files to the library view and analyse them; removed
        tracks among them come back (the user added them on purpose)."""
        w = self.window
        take, left = addable(paths)
        self.notice = ""
        if left:
            names = "; ".join(f"{p}: {why}" for p, why in left[:3]) + ("; …" if len(left) > 3 else "")
            self.notice = self.tr("Not added: {names}").format(names=names)
            w.show_status(self.notice, error=True)
        if not take:
            return
        try:
            restore(w.ctx.ws, take)
        except Exception as exc:  # noqa: BLE001 - the DB may be locked or gone
            w.show_status(self.tr("Cannot add: {reason}").format(reason=describe_error(exc)), error=True)
            return
        if not w.roots and len(take) == 1 and w.open_folder_if_folder(take[0]):
            return  # nothing open yet: a dropped folder opens like Open folder
        w.roots = roots_with(w.roots, take)
        w.remember_roots()
        if w.analysis_control.is_running():
            self.pending += [p for p in take if p not in self.pending]
            w.show_status(self.tr("Added; analysed when the current analysis ends"), timeout=8000)
            return
        self.scan(take)

    def scan(self, paths: list[str]) -> None:
        w = self.window
        w.set_album_filter(None, refilter=False)
        w._set_title()
        w.analysis_control.start(paths, view_roots=w.roots)

    def analysis_ended(self) -> None:
        """Scan what was dropped during the analysis that just ended; what the drop
        could not add stays said beside the summary."""
        if self.notice:
            w = self.window
            w.show_status(f"{w.status_bar.currentMessage()}  {self.notice}".strip())
            self.notice = ""
        if self.pending:
            paths, self.pending = self.pending, []
            self.scan(paths)
