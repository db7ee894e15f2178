"""The inline executor: analyses each task in the calling thread with one model loaded
once. No processes: for small runs, debugging and profiling (a profiler sees the whole
analysis), and the proof that the analysis job depends only on the Executor interface."""

from __future__ import annotations

from collections import deque

from tagger.analyze import analyze_file
from tagger.executors import AnalysisTask
from tagger.model import Model


class InlineExecutor:
    slots = 1

    def __init__(self, model_path: str, device: str = "auto", threads: int | None = None):
        self.model_path, self.device, self.threads = model_path, device, threads
        self.device_note = ""
        self.incidents: list[str] = []  # nothing to recover from: one thread, no workers
        self._model: Model | None = None
        self._queue: deque[AnalysisTask] = deque()

    def start(self) -> None:
        self._model = Model(self.model_path, device=self.device, threads=self.threads)
        self.device_note = self._model.choice.note

    def submit(self, task: AnalysisTask) -> None:
        self._queue.append(task)

    def pending(self) -> int:
        return len(self._queue)

    def cancel(self) -> int:
        return 0  # a submitted task runs at the next `results` call; nothing is queued beyond it

    def results(self, timeout: float) -> list[tuple[AnalysisTask, dict]]:
        if not self._queue:
            return []
        task = self._queue.popleft()
        return [(task, analyze_file(task.path, task.duration, task.n_patches, model=self._model))]

    def close(self) -> None:
        self._model = None
        self._queue.clear()
