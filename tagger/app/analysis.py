"""The analysis job: scan folders, pick their tracks, take what the cache already knows,
send the rest to an executor, and store each result as it arrives. The CLI and the GUI
both run this; they only show its events.

Events are plain callbacks, called in the job's thread:
- `on_scan(n_seen, path)` while scanning,
- `on_scanned(ScanResult, tracks)` once, before analysis starts (the GUI loads its
  review rows there),
- `on_result(TrackResult, Progress)` per track (cached ones included),
- `on_device(note)` once the executor knows where the model runs.
Pause, resume and cancel are thread-safe.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tagger import db
from tagger.analyze import DEFAULT_PATCHES
from tagger.db import Library
from tagger.executors import AnalysisTask, Executor
from tagger.gc_pause import no_collector_passes
from tagger.gil_steps import release_in_steps
from tagger.messages import CHANGED_WHILE_ANALYSED, CLUSTER_SETTING_NOT_FOLLOWED, Message
from tagger.model import default_model_path
from tagger.modelfile import read_metadata
from tagger.scan import ScanResult, scan

CACHE_CHUNK = 500  # tracks per cache query: one query per 500 tracks, not one per track


@dataclass
class Progress:
    total: int = 0
    done: int = 0  # computed now
    cached: int = 0  # already in the DB
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)
    current: str = ""

    @property
    def finished(self) -> int:
        return self.done + self.cached + self.failed

    @property
    def eta_seconds(self) -> float | None:
        elapsed = time.perf_counter() - self.started
        computed = self.done + self.failed
        remaining = self.total - self.finished
        if computed == 0 or remaining <= 0:
            return None if remaining > 0 else 0.0
        return elapsed / computed * remaining


@dataclass
class TrackResult:
    track_id: int
    path: str
    status: str  # ok | error
    error: str | None
    cached: bool
    scores: list[float] | None
    embedding: bytes | None = None  # pooled embedding, float16 bytes (tagger.personal.to_blob)


class RunControl:
    """Pause, resume and cancel, from any thread. A job and the run inside it share one,
    so a Stop during the scan also stops the analysis that follows."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def cancel(self) -> None:
        self._cancel.set()
        self._running.set()  # a paused run wakes up to stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self, timeout: float) -> None:
        self._running.wait(timeout)


class Controllable:
    """`cancel()`, `pause()`, `resume()`, `cancelled`, `paused` of `self.control`."""

    control: RunControl

    def cancel(self) -> None:
        self.control.cancel()

    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    @property
    def paused(self) -> bool:
        return self.control.paused


class AnalysisRun(Controllable):
    """Analyse library tracks with one model on an executor (default: the local process
    pool); pause/resume/cancel from any thread. The run, not the executor, reads and
    writes the library."""

    def __init__(
        self,
        lib: Library,
        model_path=None,
        device: str = "auto",
        workers: int | None = None,
        n_patches: int = DEFAULT_PATCHES,
        executor: Executor | None = None,
        control: RunControl | None = None,
        precision: str = "auto",
    ):
        self.lib = lib
        self.precision = precision
        self.model_path = str(model_path or default_model_path())
        self.info = read_metadata(self.model_path)
        self.device = device
        self.workers = workers
        self.n_patches = n_patches
        self.executor = executor
        self.progress = Progress()
        self.device_note = ""
        self.incidents: list[str] = []
        self.control = control or RunControl()

    def run(self, tracks, on_result: Callable[[TrackResult, Progress], None] | None = None) -> Progress:
        """Analyse `tracks` (db.Track rows). Calls `on_result` in this thread per track."""
        self.lib.register_model(self.info)
        key = self.info.key
        self.progress = Progress(total=len(tracks))
        todo = []
        # 100,000 cached results made in a few seconds (they hold no cycles) set off
        # full collector passes in this thread, 100-190 ms each with the window waiting;
        # kept out of its view after (the first young pass walked every one still queued)
        with no_collector_passes(keep_out=True):
            for chunk_start in range(0, len(tracks), CACHE_CHUNK):
                chunk = tracks[chunk_start : chunk_start + CACHE_CHUNK]
                done = self._cached_scores([t.content_id for t in chunk if t.content_id], key)
                for t in chunk:
                    if t.status == "error" or not t.content_id:
                        self.progress.failed += 1
                        tr = TrackResult(t.id, t.path, "error", t.error or "unreadable file", False, None)
                        self._emit(on_result, tr)
                    elif t.content_id in done:
                        self.progress.cached += 1
                        scores, blob = done[t.content_id]
                        self._emit(on_result, TrackResult(t.id, t.path, "ok", None, True, scores, blob))
                    else:
                        todo.append(t)
        if not todo:
            return self.progress
        groups: dict[str, list] = {}
        for t in todo:  # identical audio in several files is analysed once
            groups.setdefault(t.content_id, []).append(t)
        executor = self.executor or self._local_executor(len(groups))
        executor.start()
        self.device_note = executor.device_note
        try:
            self._drive(executor, groups, key, on_result)
        finally:
            executor.close()
            self.incidents = list(getattr(executor, "incidents", []))
        return self.progress

    def _local_executor(self, n_tasks: int) -> Executor:
        from tagger.executors.local import LocalPoolExecutor  # spawn machinery: only when there is work

        workers = min(max(1, self.workers or os.cpu_count() or 1), n_tasks)
        return LocalPoolExecutor(self.model_path, self.device, workers, self.precision)

    def _drive(self, executor: Executor, groups: dict[str, list], key: str, on_result) -> None:
        queue = [AnalysisTask(cid, g[0].path, g[0].duration, self.n_patches) for cid, g in groups.items()]
        queue.reverse()  # popped from the end: files go out in path order
        while queue or executor.pending():
            while queue and executor.pending() < executor.slots and not self.cancelled and not self.paused:
                executor.submit(queue.pop())
            if self.cancelled:
                executor.cancel()
            if not executor.pending():
                if self.cancelled:
                    break
                self.control.wait_while_paused(0.2)  # paused
                continue
            queue += self._store(executor.results(0.2), groups, key, on_result)
            if self.cancelled and not executor.pending():
                break

    def _cached_scores(self, content_ids, key: str) -> dict:
        return db.analyses.cached_scores(self.lib, content_ids, key, self.n_patches)

    def _store(self, finished: list, groups: dict[str, list], key: str, on_result) -> list[AnalysisTask]:
        """Keep the results an executor handed back, in one transaction (a commit per
        result held the run to about 400 results a second), then report each track.
        Returns the tasks to run again: a copy of the same audio failed (damage outside
        the audio, in a tag, can stop a decoder), so the next copy is tried, and the
        failure is that file's alone."""
        if not finished:
            return []
        kept: list[tuple[AnalysisTask, dict]] = []
        changed: list[AnalysisTask] = []
        again: list[AnalysisTask] = []
        for task, result in finished:
            group = groups[task.key]
            if result["status"] != "ok" and len(group) > 1 and not self.cancelled:
                self._report(result, group[:1], on_result)
                del group[0]
                again.append(AnalysisTask(task.key, group[0].path, group[0].duration, self.n_patches))
            elif _unchanged_since_scan(group[0]):
                kept.append((task, result))
            else:
                changed.append(task)
        db.analyses.store_many(
            self.lib, [(groups[task.key][0].content_id, result) for task, result in kept], key, self.n_patches
        )
        for task, result in kept:
            self._report(result, groups[task.key], on_result)
        for task in changed:
            # the file changed after the scan (replaced while it was being decoded?): its
            # scores may be another recording's, and stored under this audio's content id
            # every copy of it would inherit them. Not stored; said
            self._report({"status": "error", "error": Message(CHANGED_WHILE_ANALYSED)}, groups[task.key], on_result)
        return again

    def _report(self, result: dict, group, on_result) -> None:
        if result.get("unreadable"):  # no real audio: an unreadable track, never written
            db.tracks.mark_unreadable(self.lib, [t.id for t in group], result["error"])
        scores = result.get("scores")
        if result["status"] == "ok" and scores is not None:
            scores = db.analyses.as_stored(scores)  # what the cache will hand back
        for t in group:
            ok = result["status"] == "ok"
            if ok:
                self.progress.done += 1
            else:
                self.progress.failed += 1
            self._emit(
                on_result,
                TrackResult(
                    t.id,
                    t.path,
                    result["status"],
                    result["error"],
                    False,
                    scores,
                    result.get("embedding"),
                ),
            )

    def _emit(self, on_result, tr: TrackResult) -> None:
        self.progress.current = tr.path
        if on_result:
            on_result(tr, self.progress)


def _unchanged_since_scan(track) -> bool:
    """Whether the file of `track` still holds the audio the scan saw: the same size and
    modification time, or else (a tag written meanwhile) the same audio content."""
    from tagger.fingerprint import holds_audio

    try:
        st = os.stat(track.path)
    except OSError:
        return False
    return (st.st_size == track.size and st.st_mtime_ns == track.mtime_ns) or holds_audio(track.path, track.content_id)


@dataclass
class JobSummary:
    scan: ScanResult | None = None
    progress: Progress = field(default_factory=Progress)
    cancelled: bool = False
    seconds: float = 0.0
    device_note: str = ""
    incidents: list[str] = field(default_factory=list)  # faults the executor recovered from
    not_analysed: str = ""  # why the job only scanned


class AnalysisJob(Controllable):
    """Scan `roots`, then analyse every track under them with the workspace's model.
    The one scan -> select -> analyse path of the CLI and the GUI."""

    def __init__(
        self,
        ws,
        roots,
        *,
        device: str | None = None,
        workers: int | None = None,
        patches: int | None = None,
        executor: Executor | None = None,
        cluster: str | None = None,
        ship_audio: bool | None = None,
    ):
        self.ws = ws
        self.roots = [str(r) for r in roots]
        self.device = device or ws.settings.device or "auto"
        self.precision = ws.settings.precision or "auto"
        self.workers = workers or ws.settings.workers or None
        self.patches = patches or ws.patches
        # where the analysis runs: an explicit executor, else a cluster (given, or chosen in
        # Settings; "local" forces this computer), else the local pool
        self.notes: list[str] = []  # said with the summary (the CLI's "note:" lines, the app's status)
        if (cluster or ws.settings.cluster) and cluster != "local":
            from tagger.executors.cluster import ClusterError, ray_missing

            missing = ray_missing()
            if missing and cluster:  # asked for here: refused before the scan, in one line
                raise ClusterError(missing)
            if missing:  # a setting this program cannot follow: not a failed analysis
                self.notes.append(Message(CLUSTER_SETTING_NOT_FOLLOWED, why=missing))
                cluster = "local"
        cluster = ws.settings.cluster if cluster is None else cluster
        self.cluster = "" if cluster in (None, "", "local") else cluster
        self.ship_audio = ws.settings.ship_audio if ship_audio is None else ship_audio
        self.executor = executor
        self.run_obj: AnalysisRun | None = None
        self.control = RunControl()  # shared with the run: one Pause/Stop for scan and analysis

    def run(self, on_scan=None, on_scanned=None, on_result=None) -> JobSummary:
        """Scan, then analyse. Without a usable model the job only scans (the GUI still
        lists the files): `summary.not_analysed` says why; the CLI refuses earlier."""
        executor = self.executor or self._prelaunched_pool()
        try:
            return self._run(executor, on_scan, on_scanned, on_result)
        finally:
            if executor is not None and executor is not self.executor:
                executor.close()  # a pool the scan left nothing for: stopped, not left behind

    def _prelaunched_pool(self) -> Executor | None:
        """The executor, already starting while the scan runs: the local pool's workers
        loading the model (the pool's start is about 2 s, the scan of a small folder far
        less; docs/benchmarks.md "Start-up"), or the cluster being joined and its actors
        loading the model. None without a model."""
        if self.ws.info is None:
            return None
        if self.cluster:
            from tagger.executors.cluster import RayExecutor  # imports Ray only when it is used

            ray_executor = RayExecutor(
                self.cluster, str(self.ws.model_path), self.device, self.ship_audio, precision=self.precision
            )
            ray_executor.launch()
            return ray_executor
        from tagger.executors.local import LocalPoolExecutor  # spawn machinery: only when there may be work

        workers = max(1, self.workers or os.cpu_count() or 1)
        pool = LocalPoolExecutor(str(self.ws.model_path), self.device, workers, self.precision)
        pool.launch()
        return pool

    def _run(self, executor: Executor | None, on_scan, on_scanned, on_result) -> JobSummary:
        started = time.perf_counter()
        summary = JobSummary()

        def scan_progress(n, path):
            if on_scan:
                on_scan(n, path)
            while self.paused and not self.cancelled:
                self.control.wait_while_paused(0.1)  # paused while scanning

        summary.scan = scan(
            self.ws.lib,
            self.roots,
            progress=scan_progress,
            should_stop=lambda: self.cancelled,
            tag_options=self.ws.tag_target.options,
        )
        if self.cancelled:
            summary.cancelled, summary.seconds = True, time.perf_counter() - started
            return summary
        tracks = self.ws.lib.tracks_under(self.roots)
        if on_scanned:
            on_scanned(summary.scan, tracks)
        if self.ws.info is None:
            summary.not_analysed = f"no model to analyse with: {self.ws.model_error}"
            summary.seconds = time.perf_counter() - started
            return summary
        run = AnalysisRun(
            self.ws.lib,
            self.ws.model_path,
            device=self.device,
            workers=self.workers,
            n_patches=self.patches,
            executor=executor,
            control=self.control,
            precision=self.precision,
        )
        self.run_obj = run
        summary.progress = run.run(tracks, on_result)
        release_in_steps(tracks)  # nothing reads them now (tagger.gil_steps says why in steps)
        summary.device_note = run.device_note
        summary.incidents = self.notes + run.incidents
        summary.cancelled = run.cancelled
        summary.seconds = time.perf_counter() - started
        return summary
