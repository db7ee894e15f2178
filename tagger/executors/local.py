"""The local executor: a pool of spawned worker processes on this machine, each holding
one onnxruntime session (loaded once per worker, not per file)."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack

from tagger.analyze import analyze_file, thread_limits, worker_device_note, worker_init
from tagger.executors import AnalysisTask
from tagger.stop_signals import held

CRASHES_BEFORE_FAILED = 2  # a file in flight during this many worker deaths is the cause
CRASHED_REASON = "the analysis worker crashed on this file (twice)"


def _stop_resource_tracker() -> None:
    """The spawn context starts multiprocessing's resource-tracker process, which would
    otherwise outlive the command by a moment (it exits when it notices its parent has
    gone): a command must leave no process behind. Stopping it waits for it; the next
    pool starts a new one. `_stop` is private but has been there since Python 3.8."""
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


def exit_with_parent() -> None:
    """End this worker when the process that spawned it ends, however it ends. A command
    stopped by Ctrl+C or SIGTERM stops its pool; one killed outright (kill -9, the
    out-of-memory killer) cannot, and its workers lived on for good, each holding a
    model (~250 MB). A spawned child holds a pipe end its parent keeps open (`sentinel`):
    it becomes readable when the parent is gone, on every platform."""
    from multiprocessing.connection import wait as wait_for

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait_for([parent.sentinel])
        os._exit(1)  # nothing of this worker's is worth keeping: its results had nowhere to go

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def local_worker_init(model_path: str, device: str, threads: int, precision: str) -> None:
    exit_with_parent()
    worker_init(model_path, device, threads, precision)


WORKER_NICENESS = 10  # the usual niceness of background work (nice(1)'s default)


def lower_priority(pids: list[int]) -> None:
    """Workers run below normal priority, from their first moment: on a 2-core machine
    two workers importing onnxruntime and analysing at full speed took CPU time from the
    window's thread (frames over 100 ms while a rescan started the pool). With nothing
    else to run they are as fast as before; only contended CPU time goes to the user's
    programs first. POSIX only (Windows workers keep normal priority). Raising the
    niceness of one's own processes needs no privilege; failing to is not an error."""
    if not hasattr(os, "setpriority"):
        return
    for pid in pids:
        try:
            os.setpriority(os.PRIO_PROCESS, pid, max(os.getpriority(os.PRIO_PROCESS, pid), WORKER_NICENESS))
        except OSError:
            pass


class LocalPoolExecutor:
    """`workers` processes with `cores // workers` onnxruntime threads each. One task per
    worker in flight, no more: a task handed to the pool cannot be taken back once a
    worker has it queued, so after Stop (or Pause) only the tasks already running finish.

    A worker that dies (a decoder crash, the OOM killer) takes the pool with it: the pool
    is restarted and the tasks in flight are resubmitted; a task in flight during two
    crashes comes back as failed."""

    def __init__(self, model_path: str, device: str = "auto", workers: int | None = None, precision: str = "auto"):
        self.model_path = model_path
        self.device = device
        self.precision = precision
        self.slots = max(1, workers or os.cpu_count() or 1)
        self.threads = max(1, (os.cpu_count() or 1) // self.slots)
        self.device_note = ""
        self.incidents: list[str] = []
        self._pool: ProcessPoolExecutor | None = None
        self._in_flight: dict[Future, AnalysisTask] = {}
        self._crashes: dict[str, int] = {}
        self._limits = ExitStack()
        self._limits_held = False
        self._warm_up: list[Future] = []

    def launch(self) -> None:
        """Spawn the workers and have them load the model, without waiting: the job calls
        this before its scan, so the pool's start (about 2 s: Python, onnxruntime, the
        model; docs/benchmarks.md "Start-up") overlaps the scan. `start` waits for it."""
        if self._pool is not None:
            return
        # Spawned workers inherit these for as long as the pool lives (the pool spawns
        # workers on demand): one BLAS thread each; onnxruntime gets `threads`.
        if not self._limits_held:
            self._limits.enter_context(thread_limits())
            self._limits_held = True
        ctx = multiprocessing.get_context("spawn")  # no fork: safe with Qt and threads
        with held():  # a Ctrl+C in the middle of a spawn: after it (tagger.stop_signals)
            self._pool = ProcessPoolExecutor(
                self.slots,
                mp_context=ctx,
                initializer=local_worker_init,
                initargs=(self.model_path, self.device, self.threads, self.precision),
            )
            # one call per slot: the pool spawns a worker per call while none is idle, so all
            # workers load the model at once (one call would start one, the next on demand)
            self._warm_up = [self._pool.submit(worker_device_note) for _ in range(self.slots)]
        lower_priority(list(getattr(self._pool, "_processes", {})))

    def start(self) -> None:
        self.launch()
        assert self._pool is not None
        try:
            self.device_note = self._warm_up[0].result()
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self.close()
            from tagger.model import Model  # only on this failure path: it costs an onnxruntime session

            # raises the real reason, if it is the model
            Model(self.model_path, device=self.device, precision=self.precision)
            raise RuntimeError("the analysis worker processes could not start") from None

    def submit(self, task: AnalysisTask) -> None:
        assert self._pool is not None, "start() first"
        fut = self._pool.submit(analyze_file, task.path, task.duration, task.n_patches)
        self._in_flight[fut] = task

    def pending(self) -> int:
        return len(self._in_flight)

    def cancel(self) -> int:
        dropped = [f for f in self._in_flight if f.cancel()]  # not started yet
        for f in dropped:
            self._in_flight.pop(f)
        return len(dropped)

    def results(self, timeout: float) -> list[tuple[AnalysisTask, dict]]:
        if not self._in_flight:
            return []
        done, _ = wait(self._in_flight, timeout=timeout, return_when=FIRST_COMPLETED)
        out: list[tuple[AnalysisTask, dict]] = []
        broken = False
        for fut in done:
            try:
                result = fut.result()
            except BrokenProcessPool:
                broken = True  # handled below with the others in flight
                continue
            out.append((self._in_flight.pop(fut), result))
        if broken:
            out.extend(self._restart_after_crash())
        return out

    def _restart_after_crash(self) -> list[tuple[AnalysisTask, dict]]:
        assert self._pool is not None
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        victims = list(self._in_flight.values())
        self._in_flight = {}
        self.start()
        failed = []
        self.incidents.append(f"an analysis worker crashed; the {len(victims)} file(s) it was working on were retried")
        for task in victims:
            self._crashes[task.key] = self._crashes.get(task.key, 0) + 1
            if self._crashes[task.key] >= CRASHES_BEFORE_FAILED:
                failed.append((task, {"path": task.path, "status": "error", "error": CRASHED_REASON, "seconds": 0.0}))
            else:
                self.submit(task)
        return failed

    def close(self) -> None:
        if self._pool is not None:
            if not all(f.done() for f in self._warm_up):
                # launched for a scan that left nothing to analyse: the workers are only
                # loading the model, so they are stopped rather than waited for
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            _stop_resource_tracker()
        self._in_flight = {}
        self._warm_up = []
        self._limits.close()
        self._limits_held = False
