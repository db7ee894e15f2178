"""Loading the review rows of the open folders from the library, in a worker thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tagger.app.decisions import new_review_data
from tagger.review import ReviewData

from .workers import FunctionWorker


def make_review_data(ctx) -> ReviewData:
    """Empty review data with the model, vocabulary and settings in use."""
    return new_review_data(ctx.ws)


class RowLoader(QObject):
    loaded = Signal(object)  # ReviewData of the latest load (earlier ones are dropped)
    failed = Signal(str)

    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._loader: FunctionWorker | None = None

    def load(self, roots: list[str]) -> None:
        """Reload every row under `roots` (all tracks if none); stops a load still running."""
        if self._loader is not None:
            self._loader.stop()
        roots = list(roots)
        worker = FunctionWorker(lambda w: self._load_data(roots, w), name="load-rows")
        worker.done.connect(lambda data, w=worker: self._rows_loaded(w, data))
        worker.failed.connect(lambda reason, w=worker: self._load_failed(w, reason))
        self._loader = worker
        self.ctx.start(worker)

    def _load_data(self, roots, worker):
        data = make_review_data(self.ctx)
        data.load(self.ctx.lib, roots or None, should_stop=worker.should_stop)
        return data

    @property
    def loading(self) -> bool:
        """Rows are being loaded: the window's rows are about to be replaced."""
        return self._loader is not None

    def _rows_loaded(self, worker, data) -> None:
        if worker is not self._loader or worker.should_stop():
            return
        self._loader = None
        self.loaded.emit(data)

    def _load_failed(self, worker, reason: str) -> None:
        if worker is self._loader:
            self._loader = None
        self.failed.emit(reason)
