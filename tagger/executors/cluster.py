"""The Ray executor: the same per-track analysis as the local pool, on the nodes of a Ray
cluster (the optional `cluster` extra: `pip install 'genre-tagger[cluster]'`).

Shape of the work:
- one actor per CPU of the cluster (and one per GPU, when `--device` allows a GPU), each
  holding one onnxruntime session: the model is loaded once per actor, not per file;
- each call decodes, computes features and scores one track (`tagger.analyze.analyze_file`,
  the local pool's code), so results are the local pool's;
- the driver (the analysis job, `tagger.app.analysis`) keeps at most `slots` tasks in
  flight and stores each result as it arrives: memory stays flat however many files wait;
- files are read by their path on the node (the library mounted at the same place on every
  node), or, with `ship_audio`, sent by the driver through Ray's object store.

Faults: an actor that dies (its node was lost, or a decoder crashed it) takes its tasks
with it; they are sent to another actor, and a replacement actor is started where there
is room. A task in flight during two actor deaths comes back as failed, as in the local
pool. Only this module imports Ray.
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tagger.executors import AnalysisTask
from tagger.executors.local import CRASHED_REASON, CRASHES_BEFORE_FAILED
from tagger.model import int8_copy

RAY_VERSION = "2.60.0"  # the release the cluster extra pins and the tests run
TASKS_PER_ACTOR = 2  # calls per actor: one running, one waiting: the actor never idles between calls
GPU_BATCH_TRACKS = 16  # tracks per call of a GPU actor: their patches go through the model together
CONNECT_TIMEOUT_S = 5.0
CLIENT_SERVER_DIED = "Starting Ray client server failed"  # Ray Client: the head's server for this client died
CLIENT_SERVER_ATTEMPTS = 3
NO_WORKERS_TIMEOUT_S = 120.0  # no live actor for this long: the cluster has nothing left to run on


class ClusterError(ValueError):
    """The cluster cannot be used. A ValueError: the CLI and the app show its message as
    one line."""


@dataclass(frozen=True)
class ClusterInfo:
    address: str
    nodes: int
    cpus: int
    gpus: int

    def describe(self) -> str:
        return f"{self.nodes} node{'s' * (self.nodes != 1)}, {self.cpus} CPUs, {self.gpus} GPUs"


def ray_missing() -> str | None:
    """Why this program cannot analyse on a cluster, or None when Ray is there. The
    packaged app leaves Ray out (it would double its size): its users are not sent to
    pip, which cannot add a package to it."""
    import importlib.util
    import sys

    if importlib.util.find_spec("ray") is not None:
        return None
    from tagger.messages import RAY_NOT_IN_PACKAGED_APP, RAY_NOT_INSTALLED, Message

    return Message(RAY_NOT_IN_PACKAGED_APP if getattr(sys, "frozen", False) else RAY_NOT_INSTALLED)


def _ray():
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage reporting, as with onnxruntime
    try:
        import ray
    except ImportError:
        raise ClusterError(ray_missing() or "Ray cannot be imported") from None
    return ray


def _check_reachable(address: str) -> None:
    """A quick TCP check of HOST:PORT, so an unreachable cluster is one line in seconds
    rather than Ray's minute of retries."""
    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ClusterError(f"cluster address {address!r}: expected auto, HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ClusterError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


def connect(address: str) -> ClusterInfo:
    """Join the cluster at `address` (`auto`: the one running on this machine; `HOST:PORT`
    or `ray://HOST:PORT`: a remote one) and say what it has. Raises ClusterError."""
    ray = _ray()
    if not ray.is_initialized():
        import logging

        # joined from the job's thread (the GUI's, or the scan's side): Ray warns that it
        # set no SIGTERM handler there, which is noise to the user; errors still show
        logging.getLogger("ray._private.worker").setLevel(logging.ERROR)
        if address != "auto":
            _check_reachable(address)
        _init(ray, address)
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    total = ray.cluster_resources()
    return ClusterInfo(address, len(nodes), int(total.get("CPU", 0)), int(total.get("GPU", 0)))


def _init(ray, address: str) -> None:
    """`ray.init`, with one line for what failed. Ray Client's per-client server on the
    head node can die as it starts (2 joins in 6 here: gRPC's fork handlers abort the
    forked child, unless the head runs with GRPC_ENABLE_FORK_SUPPORT=false,
    docs/scale.md), and that is said only once its start-up wait has passed; a fresh
    client gets a fresh server, so the join is tried again."""
    for attempt in range(1, CLIENT_SERVER_ATTEMPTS + 1):
        try:
            ray.init(address=address, log_to_driver=False, logging_level="error", configure_logging=True)
            return
        except Exception as exc:  # noqa: BLE001 - Ray raises several kinds; the user needs one line
            reason = _reason_line(exc)
            if CLIENT_SERVER_DIED in reason and attempt < CLIENT_SERVER_ATTEMPTS:
                continue
            raise ClusterError(f"cannot join the Ray cluster at {address}: {reason}") from None


def disconnect() -> None:
    ray = _ray()
    if ray.is_initialized():
        ray.shutdown()


def test_connection(address: str) -> ClusterInfo:
    """Join, describe and leave: what Settings' "Test connection" shows."""
    try:
        return connect(address)
    finally:
        disconnect()


class _Worker:
    """The actor body (made a Ray actor in `RayExecutor.start`): one onnxruntime session,
    loaded from the model bytes the driver put in the object store."""

    def __init__(self, model_bytes: bytes, model_name: str, device: str, int8_bytes=None, precision: str = "auto"):
        from tagger.analyze import worker_init
        from tagger.model import int8_copy

        # one copy per model and node, named by its content, shared by the node's actors
        # and later runs: an actor is killed (never cleaned up after), and a copy per
        # actor left a model's megabytes in the node's temporary folder at every run
        folder = Path(tempfile.gettempdir()) / "genre-tagger-models" / hashlib.sha256(model_bytes).hexdigest()[:16]
        model_path = folder / model_name
        _write_once(model_path, model_bytes)
        if int8_bytes is not None:  # the node's own CPU decides which copy runs
            _write_once(int8_copy(model_path), int8_bytes)
        worker_init(str(model_path), device, 1, precision)

    def device_note(self) -> str:
        from tagger.analyze import worker_device_note

        return worker_device_note()

    def analyze(self, path: str, duration, n_patches: int, audio: bytes | None = None) -> dict:
        return self.analyze_many([(path, duration, n_patches)], [audio])[0]

    def analyze_many(self, items: list, audios: list) -> list[dict]:
        """Several tracks in one call, their patches scored together
        (`tagger.analyze.analyze_files`): what a GPU actor runs. `audios`: the shipped
        bytes of each file, or None where the node reads the file by its path."""
        if all(audio is None for audio in audios):
            return _analyze(items)
        with tempfile.TemporaryDirectory(prefix="genre-tagger-audio-") as folder:
            # shipped bytes: a local copy with the same name, so format detection is the same
            local_paths = [
                None if audio is None else Path(folder) / f"{i}-{Path(path).name}"
                for i, ((path, _, _), audio) in enumerate(zip(items, audios))
            ]
            for local, audio in zip(local_paths, audios):
                if local is not None:
                    local.write_bytes(audio)
            results = _analyze(
                [(str(local) if local else path, d, n) for (path, d, n), local in zip(items, local_paths)]
            )
        for (path, _, _), local, result in zip(items, local_paths, results):
            if local is not None:
                result["path"] = path
                if result.get("error"):
                    result["error"] = result["error"].replace(str(local), path)
        return results


def _analyze(items: list) -> list[dict]:
    from tagger.analyze import analyze_file, analyze_files

    return analyze_files(items) if len(items) > 1 else [analyze_file(*items[0])]


def _write_once(path: Path, data: bytes) -> None:
    """`data` at `path`, unless a complete copy is there: written beside it and renamed, so
    an actor starting at the same moment never loads half a file."""
    if path.is_file() and path.stat().st_size == len(data):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_bytes(data)
    os.replace(part, path)


@dataclass
class _Actor:
    handle: Any
    ready: Any  # the ObjectRef of its first call until it answered
    gpu: bool
    busy: int = 0


class RayExecutor:
    """`Executor` on a Ray cluster (see the module docstring)."""

    def __init__(
        self, address: str, model_path: str, device: str = "auto", ship_audio: bool = False, precision: str = "auto"
    ):
        self.address = address
        self.model_path = str(model_path)
        self.device = device
        self.precision = precision
        self.ship_audio = ship_audio
        self.slots = 1
        self.device_note = ""
        self.incidents: list[str] = []
        self.info: ClusterInfo | None = None
        self._actors: list[_Actor] = []
        self._in_flight: dict[object, tuple[list[AnalysisTask], _Actor]] = {}  # ObjectRef -> its tasks
        self._waiting: list[AnalysisTask] = []  # submitted, not yet sent to an actor
        self.call_sizes: list[int] = []  # tracks per call sent (GPU actors take several)
        self._crashes: dict[str, int] = {}
        self._model_ref = None
        self._int8_ref = None
        self._actor_class = None
        self._no_workers_since: float | None = None
        self._launch: Any = None  # the thread of `launch`
        self._launch_error: BaseException | None = None

    # ---------------------------------------------------------------- set-up
    def launch(self) -> None:
        """Start joining the cluster and loading the model on its actors in a thread of
        its own, without waiting: the job calls this before its scan, so Ray's start
        (importing Ray, connecting, the actors' processes and model; about 2 s more than
        the local pool's, docs/benchmarks.md "Cluster") overlaps the scan. `start` waits
        for it and raises what it raised."""
        import threading

        if self._launch is not None:
            return

        def run() -> None:
            try:
                self._start_now()
            except BaseException as exc:  # noqa: BLE001 - handed to start() in the job's thread
                self._launch_error = exc

        self._launch = threading.Thread(target=run, name="ray-executor-start", daemon=True)
        self._launch.start()

    def start(self) -> None:
        if self._launch is None:
            self._start_now()
            return
        self._launch.join()
        if self._launch_error is not None:
            error, self._launch_error = self._launch_error, None
            raise error

    def _start_now(self) -> None:
        ray = _ray()
        self.info = connect(self.address)
        if self.info.cpus + self.info.gpus == 0:
            raise ClusterError(f"the Ray cluster at {self.address} has no CPUs or GPUs to run on")
        self._model_ref = ray.put(Path(self.model_path).read_bytes())
        int8 = int8_copy(self.model_path)
        self._int8_ref = ray.put(int8.read_bytes()) if int8.is_file() and self.precision != "float" else None
        self._actor_class = ray.remote(_Worker)
        use_gpus = self.info.gpus if self.device in ("auto", "cuda", "directml") else 0
        for _ in range(self.info.cpus):
            self._add_actor(gpu=False)
        for _ in range(use_gpus):
            self._add_actor(gpu=True)
        self.slots = TASKS_PER_ACTOR * sum(GPU_BATCH_TRACKS if a.gpu else 1 for a in self._actors)
        # the first actor to answer says where the model runs (and that the model loads)
        try:
            notes = self._first_ready_notes()
        except ray.exceptions.RayActorError as exc:
            self._release()  # not close(): this may run in the launch thread, which close() joins
            raise ClusterError(_actor_start_failure(exc)) from None
        self.device_note = f"Ray cluster {self.address} ({self.info.describe()}): {notes}"

    def _add_actor(self, gpu: bool) -> None:
        assert self._actor_class is not None
        options = {"num_cpus": 0, "num_gpus": 1} if gpu else {"num_cpus": 1}
        device = self.device if gpu else "cpu"
        handle = self._actor_class.options(max_restarts=0, **options).remote(
            self._model_ref, Path(self.model_path).name, device, self._int8_ref, self.precision
        )
        self._actors.append(_Actor(handle, handle.device_note.remote(), gpu))

    def _first_ready_notes(self) -> str:
        ray = _ray()
        refs = {a.ready: a for a in self._actors}
        ready, _ = ray.wait(list(refs), num_returns=1, timeout=None)
        note = ray.get(ready[0])
        self._promote_ready(timeout=0)
        return note

    def wait_for_workers(self, timeout: float) -> int:
        """After `start`: wait until every actor has loaded the model (or died), at most
        `timeout` s, and say how many are ready. A run does not wait (it begins as soon as
        one actor is ready); measurements and tests that need every node at work from the
        first task do."""
        deadline = time.monotonic() + timeout
        while any(a.ready is not None for a in self._actors) and time.monotonic() < deadline:
            self._promote_ready(timeout=min(1.0, max(0.0, deadline - time.monotonic())))
        return sum(a.ready is None for a in self._actors)

    def _promote_ready(self, timeout: float) -> None:
        """Actors whose model has loaded start taking tasks; dead ones are dropped."""
        ray = _ray()
        starting = {a.ready: a for a in self._actors if a.ready is not None}
        if not starting:
            return
        ready, _ = ray.wait(list(starting), num_returns=len(starting), timeout=timeout)
        for ref in ready:
            actor = starting[ref]
            try:
                ray.get(ref)
                actor.ready = None
            except ray.exceptions.RayActorError:
                self._actors.remove(actor)

    # ---------------------------------------------------------------- work
    def submit(self, task: AnalysisTask) -> None:
        # queued only: `results` (called by the job after its submits) sends the calls, so a
        # GPU actor finds several tracks waiting to take at once
        self._waiting.append(task)

    def _dispatch(self) -> None:
        live = [a for a in self._actors if a.ready is None]
        while self._waiting and live:
            actor = min(live, key=lambda a: (a.busy, not a.gpu))  # the least busy; a GPU first
            if actor.busy >= TASKS_PER_ACTOR:
                break
            # a GPU actor takes several tracks per call: a GPU is worth having only when
            # it scores many patches at once (one track has 2-6)
            tasks = self._waiting[: GPU_BATCH_TRACKS if actor.gpu else 1]
            del self._waiting[: len(tasks)]
            audios = [Path(t.path).read_bytes() if self.ship_audio else None for t in tasks]
            if len(tasks) == 1:
                t = tasks[0]
                ref = actor.handle.analyze.remote(t.path, t.duration, t.n_patches, audios[0])
            else:
                ref = actor.handle.analyze_many.remote([(t.path, t.duration, t.n_patches) for t in tasks], audios)
            actor.busy += 1
            self._in_flight[ref] = (tasks, actor)
            self.call_sizes.append(len(tasks))

    def pending(self) -> int:
        return sum(len(tasks) for tasks, _ in self._in_flight.values()) + len(self._waiting)

    def cancel(self) -> int:
        dropped = len(self._waiting)
        self._waiting = []
        return dropped

    def results(self, timeout: float) -> list[tuple[AnalysisTask, dict]]:
        ray = _ray()
        self._promote_ready(timeout=0)
        self._dispatch()
        if not self._in_flight:
            self._check_workers_left(timeout)
            return []
        ready, _ = ray.wait(list(self._in_flight), num_returns=len(self._in_flight), timeout=timeout)
        if not ready:  # nothing within timeout: fine, unless it was one ready at the start
            ready, _ = ray.wait(list(self._in_flight), num_returns=1, timeout=0)
        out: list[tuple[AnalysisTask, dict]] = []
        for ref in ready:
            tasks, actor = self._in_flight.pop(ref)
            actor.busy -= 1
            try:
                got = ray.get(ref)
                out.extend(zip(tasks, got if isinstance(got, list) else [got]))
            except ray.exceptions.RayActorError:
                for task in tasks:
                    out.extend(self._after_actor_death(task, actor))
            except ray.exceptions.RayError as exc:  # e.g. the object was lost with its node
                for task in tasks:
                    out.extend(self._after_actor_death(task, actor, _first_line(exc)))
        self._dispatch()
        return out

    def _after_actor_death(self, task: AnalysisTask, actor: _Actor, reason: str = "") -> list:
        if actor in self._actors:
            self._actors.remove(actor)
            # Ray may only have lost touch with it ("temporarily unavailable"): killed, so
            # that its CPU goes to the replacement, which starts where there is room
            _kill_quietly(actor.handle)
            self._add_actor(actor.gpu)
        self._crashes[task.key] = self._crashes.get(task.key, 0) + 1
        lost = f"a cluster worker was lost{f' ({reason})' if reason else ''} while analysing {task.path}"
        if self._crashes[task.key] >= CRASHES_BEFORE_FAILED:
            self.incidents.append(f"{lost}: marked failed (lost twice)")
            error = CRASHED_REASON + (f": {reason}" if reason else "")
            return [(task, {"path": task.path, "status": "error", "error": error, "seconds": 0.0})]
        self.incidents.append(f"{lost}: retried on another worker")
        self._waiting.insert(0, task)  # first in line for the next free actor
        return []

    def _check_workers_left(self, timeout: float) -> None:
        if not self._waiting or any(a.ready is None for a in self._actors):
            self._no_workers_since = None
            return
        time.sleep(min(timeout, 0.2))
        self._no_workers_since = self._no_workers_since or time.monotonic()
        if time.monotonic() - self._no_workers_since > NO_WORKERS_TIMEOUT_S:
            raise ClusterError(f"the Ray cluster at {self.address} has no worker left that can run the analysis")

    def close(self) -> None:
        if self._launch is not None:
            self._launch.join()  # a start still under way finishes first, then is undone
        self._release()

    def _release(self) -> None:
        """Kill the actors and leave the cluster."""
        ray = _ray()
        if ray.is_initialized():
            for actor in self._actors:
                _kill_quietly(actor.handle)
        self._actors = []
        self._in_flight = {}
        self._waiting = []
        disconnect()


def _kill_quietly(handle) -> None:
    try:
        _ray().kill(handle)
    except Exception:  # noqa: BLE001, S110 - already gone with its node
        pass


def _actor_start_failure(exc: BaseException) -> str:
    """One line for actors that died starting: the usual cause, a node without the app,
    named as such (Ray's own message is a wrapped traceback)."""
    if "No module named 'tagger'" in str(exc):
        return (
            "the cluster's nodes cannot run the analysis: genre-tagger is not installed there "
            "(pip install 'genre-tagger[cluster]' on every node, in the Python that runs Ray)"
        )
    return f"the cluster's workers could not load the model: {_first_line(exc)}"


def _reason_line(exc: BaseException) -> str:
    """One line for Ray's multi-line errors. Ray Client's "Initialization failure from
    server:" is followed by the server's traceback, whose last line says what failed."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return exc.__class__.__name__
    if lines[0].endswith(":") and len(lines) > 1:
        return f"{lines[0]} {lines[-1]}"
    return lines[0]


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
