"""Scenarios on a real Ray cluster: a head and worker nodes started with `ray start` on
this machine (one raylet each), and `tagger analyze --cluster` as the driver.

Run by tests/test_cluster.py inside a network namespace that has only loopback; on its
own this file does nothing (every test is skipped), so that no test ever sends cluster
traffic anywhere else.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
MUSIC = ROOT / "resources" / "example-music"
PORT = 6390
ADDRESS = f"127.0.0.1:{PORT}"
NODE_OPTS = ["--num-cpus=1", "--object-store-memory=120000000", "--disable-usage-stats"]

pytestmark = pytest.mark.skipif(
    os.environ.get("GENRE_TAGGER_IN_NETNS") != "1",
    reason="runs inside a network namespace of its own, started by tests/test_cluster.py",
)


def _ray_cmd(*args: str, env_extra: dict | None = None) -> None:
    ray_bin = Path(sys.executable).with_name("ray")
    cmd = [str(ray_bin) if ray_bin.exists() else "ray", *args]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env={**os.environ, **(env_extra or {})})
    assert run.returncode == 0, run.stdout + run.stderr


def _processes_mentioning(text: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _kill(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def cluster():
    """A head and one worker node, one CPU each; every Ray process is killed afterwards."""
    temp = tempfile.mkdtemp(prefix="gt-ray-", dir="/tmp")  # short: Ray's socket paths are limited
    try:
        # Ray Client (ray://) starts a server process per client and gives it 30 s; a busy
        # 2-core machine has taken longer. That process is forked by a process that runs
        # gRPC, whose fork handlers made it abort in 2 joins of 6 (docs/scale.md)
        _ray_cmd("start", "--head", "--node-ip-address=127.0.0.1", f"--port={PORT}", f"--temp-dir={temp}",
                 "--include-dashboard=false", *NODE_OPTS,
                 env_extra={"RAY_CLIENT_SERVER_CHECK_CHANNEL_TIMEOUT_S": "180",
                            "GRPC_ENABLE_FORK_SUPPORT": "false"})  # fmt: skip
        _ray_cmd("start", f"--address={ADDRESS}", "--node-ip-address=127.0.0.1", *NODE_OPTS)
        yield temp
    finally:
        for pid in _processes_mentioning(temp):
            _kill(_descendants(pid))
        shutil.rmtree(temp, ignore_errors=True)


def tagger(*args, env_extra=None, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "tagger", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=900, **kw)  # fmt: skip


def analyses_by_path(db: Path) -> dict[str, dict]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT t.path, t.content_id, a.model_key, a.status, a.error, a.scores_json, a.patch_starts_json, "
            "a.patch_scores_json, a.scores_u16, a.patch_scores_u8, a.embedding "
            "FROM tracks t LEFT JOIN analyses a ON a.content_id = t.content_id"
        ).fetchall()
    finally:
        con.close()
    from tagger.db import compact

    keys = ("content_id", "model_key", "status", "error", "scores", "patch_starts", "patch_scores")
    out = {}
    for path, *vals in rows:
        rec = dict(zip(keys, vals[:7]))
        u16, u8, embedding = vals[7:]
        for k in ("scores", "patch_starts", "patch_scores"):
            rec[k] = json.loads(rec[k]) if rec[k] else None
        if u16 is not None:  # stored compactly (tagger.db.compact)
            rec["scores"] = compact.unpack_scores(u16).tolist()
            rec["patch_scores"] = compact.unpack_patch_scores(u8, len(rec["scores"])).tolist()
        rec["embedding"] = embedding
        out[Path(path).name] = rec
    return out


FILES = [
    "brahms-hungarian-dance-5.ogg",
    "kevin-macleod-vibe-ace.ogg",
    "setuniman-sweet-waltz.ogg",
    "sorohan-solo-trumpet.ogg",
]


@pytest.fixture(scope="module")
def local_results(tmp_path_factory):
    """The local pool's analyses of FILES: what the cluster must reproduce."""
    base = tmp_path_factory.mktemp("local")
    music = base / "music"
    music.mkdir()
    for name in FILES:
        shutil.copy(MUSIC / name, music)
    run = tagger("analyze", music, "--db", base / "lib.db", "--json")
    assert run.returncode == 0, run.stderr
    return analyses_by_path(base / "lib.db")


def assert_same_results(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for name, w in want.items():
        g = got[name]
        assert g["status"] == "ok", (name, g["error"])
        assert (g["content_id"], g["model_key"], g["patch_starts"]) == (
            w["content_id"],
            w["model_key"],
            w["patch_starts"],
        )
        # 1e-5, plus one step of the stored form (uint16 track scores, uint8 patch scores)
        assert g["scores"] and len(g["scores"]) == len(w["scores"]), name
        assert max(abs(a - b) for a, b in zip(g["scores"], w["scores"])) <= 1e-5 + 1 / 65535, name
        flat = [(a, b) for pa, pb in zip(g["patch_scores"], w["patch_scores"]) for a, b in zip(pa, pb)]
        assert flat and max(abs(a - b) for a, b in flat) <= 1e-5 + 1 / 255, name
        # the pooled embedding (float16): the same network on the same patches, so equal up
        # to one float16 step where a batch's rounding differs
        assert g["embedding"] is not None and w["embedding"] is not None, name
        ge, we = (np.frombuffer(e, dtype=np.float16).astype(np.float32) for e in (g["embedding"], w["embedding"]))
        assert ge.shape == we.shape and np.allclose(ge, we, rtol=1e-3, atol=1e-4), name


def test_the_cluster_gives_the_local_pools_results(cluster, local_results, tmp_path):
    music = tmp_path / "music"
    music.mkdir()
    for name in FILES:
        shutil.copy(MUSIC / name, music)
    run = tagger("analyze", music, "--db", tmp_path / "lib.db", "--cluster", ADDRESS, "--json")
    assert run.returncode == 0, run.stderr
    assert "Ray cluster" in run.stderr and "2 nodes, 2 CPUs" in run.stderr, run.stderr
    assert len(run.stdout.strip().splitlines()) == len(FILES)
    assert_same_results(analyses_by_path(tmp_path / "lib.db"), local_results)


@pytest.mark.parametrize("address", ["auto", "ray://127.0.0.1:10001"])
def test_auto_and_ray_client_addresses_join_the_same_cluster(cluster, local_results, tmp_path, address):
    """`auto`: the cluster running on this machine; `ray://`: Ray Client, through the
    client server the head node starts (the cluster extra installs ray[client])."""
    music = tmp_path / "music"
    music.mkdir()
    for name in FILES:
        shutil.copy(MUSIC / name, music)
    run = tagger("analyze", music, "--db", tmp_path / "lib.db", "--cluster", address, "--json")
    assert run.returncode == 0, run.stderr
    assert f"Ray cluster {address} (2 nodes, 2 CPUs" in run.stderr, run.stderr
    assert_same_results(analyses_by_path(tmp_path / "lib.db"), local_results)


def _private_mount_run(tmp_path: Path, extra: list[str]) -> subprocess.CompletedProcess:
    """`tagger analyze` on files that only the driver can see: they live on a tmpfs
    mounted in a mount namespace of the driver's own; the nodes see an empty folder."""
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    copies = " ".join(f"'{MUSIC / n}'" for n in FILES)
    cmd = (
        f"mount -t tmpfs none '{hidden}' && cp {copies} '{hidden}/' && "
        f"exec '{sys.executable}' -m tagger analyze '{hidden}' --db '{tmp_path / 'lib.db'}' "
        f"--cluster {ADDRESS} --json {' '.join(extra)}"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(["unshare", "-m", "bash", "-c", cmd], env=env, capture_output=True, text=True, timeout=900)


def test_ship_audio_reaches_nodes_that_cannot_see_the_files(cluster, local_results, tmp_path):
    (tmp_path / "blind").mkdir()
    blind = _private_mount_run(tmp_path / "blind", [])
    assert blind.returncode == 1  # without --ship-audio the nodes cannot open the files
    lines = [json.loads(line) for line in blind.stdout.splitlines()]
    assert len(lines) == len(FILES) and all(line["status"] == "error" for line in lines)
    shipped = _private_mount_run(tmp_path, ["--ship-audio"])
    assert shipped.returncode == 0, shipped.stderr
    assert_same_results(analyses_by_path(tmp_path / "lib.db"), local_results)


def test_a_node_killed_mid_run_loses_no_file(cluster, tmp_path):
    music = tmp_path / "music"
    music.mkdir()
    names = sorted(p.name for p in MUSIC.glob("*.ogg"))
    for name in names:
        shutil.copy(MUSIC / name, music)
    node_port = 6401
    _ray_cmd("start", f"--address={ADDRESS}", "--node-ip-address=127.0.0.1", f"--node-manager-port={node_port}",
             *NODE_OPTS)  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "tagger", "analyze", str(music), "--db", str(tmp_path / "lib.db")]
    err_file = tmp_path / "stderr.txt"
    with err_file.open("w") as err_out:
        proc = subprocess.Popen([*cmd, "--cluster", ADDRESS, "--json", "--patches", "6"], env=env,
                                stdout=subprocess.PIPE, stderr=err_out, text=True)  # fmt: skip
    first = [proc.stdout.readline() for _ in range(3)]  # under way on all three nodes, 5 files in flight
    assert all(first), err_file.read_text()
    raylets = _processes_mentioning(f"--node_manager_port={node_port}")
    assert raylets, "the extra node's raylet was not found"
    for pid in raylets:
        _kill(_descendants(pid))
    # read on through the same reader: communicate() reads the pipe itself and would skip
    # the lines readline() had already buffered (a file seemed lost when it was not)
    rest = proc.stdout.read()
    proc.wait(timeout=900)
    err = err_file.read_text()
    # stdout holds the results only, whatever Ray's driver prints about the lost node
    lines = [json.loads(line) for line in [*first, *rest.splitlines()]]
    assert "Traceback" not in err
    assert "note: a cluster worker was lost" in err and "retried on another worker" in err, err
    assert sorted(Path(line["path"]).name for line in lines) == names  # every file came back once
    for line in lines:
        assert line["status"] == "ok" or line["error"], line
    stored = analyses_by_path(tmp_path / "lib.db")
    assert all(rec["status"] in ("ok", "error") for rec in stored.values())
    assert sum(rec["status"] == "ok" for rec in stored.values()) >= len(names) - 1
    # the actors of every run so far (killed, never cleaned up after) share one copy of the
    # model on this machine, named by its content
    from tagger.model import default_model_path

    copies = list(Path(tempfile.gettempdir()).glob(f"genre-tagger-models/*/{default_model_path().name}"))
    assert len(copies) == 1, copies


def test_workers_that_cannot_load_the_model_are_one_line(cluster, tmp_path):
    """Actors that die starting (here: a model file the nodes cannot load) end the start with
    one ClusterError line, also when the start runs in the launch thread during the scan."""
    from tagger.executors.cluster import ClusterError, RayExecutor

    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model" * 100)
    executor = RayExecutor(ADDRESS, str(broken))
    executor.launch()
    try:
        with pytest.raises(ClusterError, match="^the cluster's workers could not load the model: ") as caught:
            executor.start()
        assert "\n" not in str(caught.value)
    finally:
        executor.close()


def test_cancel_leaves_the_library_consistent(cluster, tmp_path):
    from tagger.app.analysis import AnalysisRun
    from tagger.db import Library
    from tagger.executors.cluster import RayExecutor
    from tagger.model import default_model_path
    from tagger.scan import scan

    music = tmp_path / "music"
    music.mkdir()
    for name in sorted(p.name for p in MUSIC.glob("*.ogg")):
        shutil.copy(MUSIC / name, music)
    lib = Library(tmp_path / "lib.db")
    try:
        scan(lib, [music])
        tracks = lib.tracks_under([str(music)])
        run = AnalysisRun(lib, default_model_path(), executor=RayExecutor(ADDRESS, str(default_model_path())))
        seen = []

        def on_result(tr, progress):
            seen.append(tr)
            run.cancel()

        progress = run.run(tracks, on_result)
        assert 1 <= progress.done < len(tracks)  # stopped early; what was running finished
        stored = analyses_by_path(tmp_path / "lib.db")
        done = [r for r in stored.values() if r["status"] is not None]
        assert len(done) == progress.done and all(r["status"] == "ok" and r["scores"] for r in done)
        again = AnalysisRun(lib, default_model_path(), executor=RayExecutor(ADDRESS, str(default_model_path())))
        second = again.run(lib.tracks_under([str(music)]))
        assert second.cached == progress.done and second.done == len(tracks) - progress.done
    finally:
        lib.close()


def test_the_settings_tab_sees_the_cluster(cluster, qtbot):
    from tagger.config import Settings
    from tagger.gui.cluster_settings import ClusterTab

    tab = ClusterTab(Settings(cluster=ADDRESS))
    qtbot.addWidget(tab)
    tab.test_button.click()
    qtbot.waitUntil(lambda: tab.test_button.isEnabled(), timeout=120000)
    # at least the head and the worker (a node killed by an earlier test may still count
    # until the head's health check has noticed)
    assert re.fullmatch(rf"Connected to {re.escape(ADDRESS)}: [23] nodes, [23] CPUs, 0 GPUs\.", tab.result.text())


def test_the_app_analyses_on_the_cluster_chosen_in_settings(cluster, local_results, tmp_path, qtbot, monkeypatch):
    from gui_helpers import close_window, isolated_settings, open_window, wait_analysis

    music = tmp_path / "music"
    music.mkdir()
    for name in FILES:
        shutil.copy(MUSIC / name, music)
    isolated_settings(tmp_path, monkeypatch, cluster=ADDRESS)
    window = open_window(qtbot, folder=music, db=tmp_path / "lib.db")
    try:
        summary = wait_analysis(qtbot, window, timeout_s=600)
        assert "error" not in summary, summary
        assert window.status_bar.device_note().startswith(f"Ray cluster {ADDRESS}"), window.status_bar.device_note()
    finally:
        close_window(qtbot, window)
    assert_same_results(analyses_by_path(tmp_path / "lib.db"), local_results)


def test_a_gpu_node_batches_tracks_and_gives_the_local_pools_results(cluster, local_results, tmp_path):
    """A node with a GPU runs a GPU actor (num_gpus) that takes several tracks per call.
    This machine has no GPU: the node declares one (`--num-gpus=1`, a Ray resource), so the
    actor's model falls back to the CPU; the batching and its results are what is tested."""
    from tagger.app.analysis import AnalysisRun
    from tagger.db import Library
    from tagger.executors.cluster import RayExecutor
    from tagger.model import default_model_path
    from tagger.scan import scan

    node_port = 6402
    _ray_cmd("start", f"--address={ADDRESS}", "--node-ip-address=127.0.0.1", f"--node-manager-port={node_port}",
             "--num-cpus=0", "--num-gpus=1", "--object-store-memory=120000000", "--disable-usage-stats")  # fmt: skip
    try:
        music = tmp_path / "music"
        music.mkdir()
        for name in FILES:
            shutil.copy(MUSIC / name, music)
        lib = Library(tmp_path / "lib.db")
        try:
            scan(lib, [music])
            executor = RayExecutor(ADDRESS, str(default_model_path()))
            executor.launch()
            executor.start()
            # every actor loaded first: else the CPU actors, ready sooner on a busy machine,
            # may take every file before the GPU actor can
            assert executor.wait_for_workers(timeout=120) >= 3 and executor.info.gpus == 1
            progress = AnalysisRun(lib, default_model_path(), executor=executor).run(lib.tracks_under([str(music)]))
        finally:
            lib.close()
        assert progress.done == len(FILES), progress
        assert max(executor.call_sizes) > 1, executor.call_sizes  # the GPU actor took several tracks at once
        assert_same_results(analyses_by_path(tmp_path / "lib.db"), local_results)
    finally:
        for pid in _processes_mentioning(f"--node_manager_port={node_port}"):
            _kill(_descendants(pid))
