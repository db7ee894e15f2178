"""What the windows share: the application layer's workspace (library, settings,
vocabulary, model in use) plus a registry of running worker threads (waited for on
close). Every policy lives in `tagger.app`; this only adds what Qt needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread

from tagger.app.workspace import Workspace


@dataclass
class AppContext:
    ws: Workspace
    threads: set = field(default_factory=set)

    # the workspace's parts, as the widgets read them
    @property
    def lib(self):
        return self.ws.lib

    @property
    def settings(self):
        return self.ws.settings

    @property
    def vocab(self):
        return self.ws.vocab

    @property
    def info(self):
        return self.ws.info

    @property
    def model_path(self):
        return self.ws.model_path

    @property
    def model_error(self):
        return self.ws.model_error

    @property
    def db_path(self) -> Path:
        return self.ws.db_path

    def load_model_info(self) -> None:
        """Re-read the model the settings choose (after Settings changed it)."""
        self.ws.load_model()

    def start(self, thread: QThread) -> QThread:
        """Start a worker thread and keep a reference until it finishes."""
        self.threads.add(thread)
        thread.finished.connect(lambda t=thread: self._finished(t))
        thread.start()
        return thread

    def _finished(self, thread: QThread) -> None:
        self.threads.discard(thread)
        thread.deleteLater()

    def stop_all(self, timeout_ms: int = 60000) -> None:
        for t in list(self.threads):
            stop = getattr(t, "cancel", None) or getattr(t, "stop", None)
            if stop:
                stop()
        for t in list(self.threads):
            t.wait(timeout_ms)
        self.threads.clear()
