"""Where the per-track analysis runs. The analysis job (`tagger.app.analysis`) plans the
work, reads and writes the cache, and counts progress; an executor only runs
`tagger.analyze.analyze_file` on the files it is given and hands the results back as they
finish. The local process pool is one executor (`local.LocalPoolExecutor`); a cluster
can be another, with the same job on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AnalysisTask:
    """One file to analyse. `key` identifies the task (the audio content id: files with
    identical audio are one task)."""

    key: str
    path: str
    duration: float | None
    n_patches: int


class Executor(Protocol):
    """The small interface the analysis job drives (from one thread)."""

    slots: int  # tasks worth having submitted at once; the job never submits more
    device_note: str  # where the model runs, for the user ("" until known)
    incidents: list[str]  # faults met and recovered from (a worker lost, tasks retried), for the user

    def start(self) -> None:
        """Load the model where it runs; raises with the reason when it cannot."""

    def submit(self, task: AnalysisTask) -> None:
        """Queue a task; its result comes back from `results`."""

    def results(self, timeout: float) -> list[tuple[AnalysisTask, dict]]:
        """The tasks finished since the last call (waiting up to `timeout` seconds for
        one), each with `analyze_file`'s result dict. A task whose worker died is retried
        by the executor; one that killed two workers comes back as an error result."""

    def cancel(self) -> int:
        """Drop the tasks no worker has started; returns how many were dropped. The
        ones already running still come back from `results`."""

    def pending(self) -> int:
        """Tasks submitted whose results have not been returned yet."""

    def close(self) -> None:
        """Stop the workers (waiting for the ones still running)."""
