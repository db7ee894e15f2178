"""What the windows share: the library, settings, vocabulary and the model in use,
plus a registry of running worker threads (waited for on close)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread


@dataclass
class AppContext:
    lib: object  # tagger.db.Library
    settings: object  # tagger.config.Settings
    vocab: object  # tagger.vocabulary.Vocabulary
    info: object | None = None  # tagger.modelfile.ModelInfo of the model in use
    model_path: str | None = None
    model_error: str | None = None  # why there is no usable model
    threads: set = field(default_factory=set)

    @property
    def db_path(self) -> Path:
        return Path(self.lib.path)

    def load_model_info(self) -> None:
        """Read the chosen (or default) model's metadata; keep the reason on failure."""
        from tagger.model import default_model_path
        from tagger.modelfile import ModelFileError, read_metadata

        path = self.settings.model or str(default_model_path())
        try:
            self.info = read_metadata(path)
            self.model_path, self.model_error = str(path), None
        except ModelFileError as exc:
            self.info, self.model_path = None, None
            if not Path(path).exists() and not self.settings.model:
                self.model_error = (f"The bundled model is missing ({path}). Choose a model in "
                                    "Settings, or reinstall the app.")
            else:
                self.model_error = str(exc)

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
