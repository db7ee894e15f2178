"""The Ray executor (`tagger analyze --cluster`), tested on a real Ray cluster.

The cluster tests themselves are in `cluster_scenarios.py`: they start a head and worker
nodes (`ray start`, several raylets on this machine) and run the driver, all inside a
network namespace of their own that has only loopback, so no test traffic leaves the
machine (Ray otherwise picks the machine's network address). That needs root and
`unshare`, which CI has; elsewhere the test says why it is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tagger.cli import main

ROOT = Path(__file__).resolve().parent.parent
ray = pytest.importorskip("ray", reason="the cluster extra (Ray) is not installed")


def test_an_unreachable_cluster_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    music = tmp_path / "music"
    music.mkdir()
    shutil.copy(ROOT / "resources/example-music/sorohan-solo-trumpet.ogg", music)
    code = main(["analyze", str(music), "--db", str(tmp_path / "lib.db"), "--cluster", "127.0.0.1:1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith("tagger: cannot reach the Ray cluster at 127.0.0.1:1"), err
    assert "Traceback" not in "\n".join(err)


def test_a_malformed_address_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    music = tmp_path / "music"
    music.mkdir()
    shutil.copy(ROOT / "resources/example-music/sorohan-solo-trumpet.ogg", music)
    code = main(["analyze", str(music), "--db", str(tmp_path / "lib.db"), "--cluster", "headnode"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and "expected auto, HOST:PORT or ray://HOST:PORT" in err[-1]


class _FlakyClientServer:
    """Stands in for `ray` where Ray Client's per-client server dies as it starts (what
    the real head node did, docs/scale.md) for the first `failures` joins."""

    def __init__(self, failures: int):
        self.failures, self.joins = failures, 0

    def init(self, **_):
        self.joins += 1
        if self.joins <= self.failures:
            raise ConnectionAbortedError(
                "Initialization failure from server:\nTraceback (most recent call last):\n  ...\n"
                "RuntimeError: Starting Ray client server failed. See ray_client_server_23000.err for detailed logs."
            )


def test_a_client_server_that_dies_at_start_is_tried_again():
    from tagger.executors import cluster

    flaky = _FlakyClientServer(failures=cluster.CLIENT_SERVER_ATTEMPTS - 1)
    cluster._init(flaky, "ray://head:10001")
    assert flaky.joins == cluster.CLIENT_SERVER_ATTEMPTS


def test_a_client_server_that_keeps_dying_is_one_line():
    from tagger.executors import cluster

    flaky = _FlakyClientServer(failures=99)
    with pytest.raises(cluster.ClusterError) as failed:
        cluster._init(flaky, "ray://head:10001")
    assert flaky.joins == cluster.CLIENT_SERVER_ATTEMPTS
    assert str(failed.value) == (
        "cannot join the Ray cluster at ray://head:10001: Initialization failure from server: "
        "RuntimeError: Starting Ray client server failed. See ray_client_server_23000.err for detailed logs."
    )


def test_other_join_failures_are_not_tried_again():
    from tagger.executors import cluster

    class Refused(_FlakyClientServer):
        def init(self, **_):
            self.joins += 1
            raise ConnectionError("Failed to connect to GCS at address 10.0.0.1:6379")

    refused = Refused(failures=0)
    with pytest.raises(cluster.ClusterError, match="Failed to connect to GCS"):
        cluster._init(refused, "10.0.0.1:6379")
    assert refused.joins == 1


def _can_unshare() -> str | None:
    if os.geteuid() != 0:
        return "needs root for a network namespace of its own (unshare -n)"
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            return f"needs `{tool}` for a network namespace of its own"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        return f"unshare -n is not allowed here: {probe.stderr.decode().strip()}"
    return None


def test_a_real_cluster_in_its_own_network_namespace():
    reason = _can_unshare()
    if reason:
        pytest.skip(reason)
    env = dict(os.environ, GENRE_TAGGER_IN_NETNS="1", RAY_USAGE_STATS_ENABLED="0", PYTHONPATH=str(ROOT))
    inner = f"ip link set lo up && exec {sys.executable} -m pytest -q -p no:cacheprovider -x tests/cluster_scenarios.py"
    run = subprocess.run(
        ["unshare", "-n", "bash", "-c", inner], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500
    )
    print(run.stdout[-6000:], run.stderr[-3000:])
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout
