"""Settings → Cluster (the real widget): the choice is stored in Settings, and Test
connection says why a cluster cannot be reached in one line. The same tab connecting
to a real cluster is in cluster_scenarios.py (inside its own network namespace)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("pytestqt")
pytest.importorskip("ray", reason="the cluster extra (Ray) is not installed")

from tagger.config import Settings  # noqa: E402
from tagger.gui.cluster_settings import ClusterTab  # noqa: E402


def test_the_choice_is_stored_and_the_address_enabled_only_for_a_cluster(qtbot):
    s = Settings()
    tab = ClusterTab(s)
    qtbot.addWidget(tab)
    assert tab.local.isChecked() and not tab.address.isEnabled()
    tab.remote.setChecked(True)
    assert tab.address.isEnabled() and tab.test_button.isEnabled()
    tab.address.setText(" 10.0.0.5:6379 ")
    tab.ship_audio.setChecked(True)
    assert tab.apply(s) is True
    assert (s.cluster, s.ship_audio) == ("10.0.0.5:6379", True)
    tab.local.setChecked(True)
    tab.apply(s)
    assert s.cluster == ""


def test_test_connection_to_an_unreachable_cluster_says_so_in_one_line(qtbot):
    tab = ClusterTab(Settings(cluster="127.0.0.1:1"))
    qtbot.addWidget(tab)
    assert tab.remote.isChecked() and tab.address.text() == "127.0.0.1:1"
    tab.test_button.click()
    qtbot.waitUntil(lambda: tab.test_button.isEnabled(), timeout=30000)
    text = tab.result.text()
    assert text.startswith("cannot reach the Ray cluster at 127.0.0.1:1") and "\n" not in text
