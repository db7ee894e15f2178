"""A program without Ray (the packaged app leaves it out; a pip install without the
cluster extra): the cluster choice says why it cannot be made, and a cluster chosen in
the settings (shared with another installation) does not stop the analysis: it runs on
this computer, with a note. Ray is hidden from the import system here, whether or not
this machine has it."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tagger.config import Settings


@pytest.fixture
def no_ray(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a, **k: None if name.split(".")[0] == "ray" else real(name, *a, **k)
    )
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError


@pytest.fixture
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def test_the_packaged_apps_cluster_tab_says_why_it_has_none(qtbot, no_ray, monkeypatch):
    pytest.importorskip("pytestqt")
    from tagger.gui.cluster_settings import ClusterTab

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    s = Settings(cluster="auto")
    tab = ClusterTab(s)
    qtbot.addWidget(tab)

    assert tab.local.isChecked() and not tab.remote.isEnabled() and not tab.test_button.isEnabled()
    assert tab.result.text().startswith("This packaged app has no Ray: a cluster needs Genre Tagger installed with pip")
    assert "pip install" not in tab.result.text()
    assert tab.apply(s) is False and s.cluster == "auto"  # a cluster set elsewhere stays set


def test_a_cluster_in_the_settings_is_a_note_not_a_failure(tmp_path, make_library, no_ray, private_dirs, capsys):
    from tagger.cli import main

    Settings(cluster="auto").save()
    music = tmp_path / "music"
    make_library(music, ["flac", "ogg"])

    code = main(["analyze", str(music)])

    err = capsys.readouterr().err
    assert code == 0, err
    assert "2 tracks: 2 analysed" in err
    assert (
        "note: the settings choose a Ray cluster, but analysing on a cluster needs Ray: "
        "pip install 'genre-tagger[cluster]' (on this machine and every node): analysed on this computer"
    ) in err


def test_a_cluster_asked_for_is_refused_in_one_line(tmp_path, make_library, no_ray, private_dirs, capsys):
    from tagger.cli import main

    music = tmp_path / "music"
    make_library(music, ["flac"])

    assert main(["analyze", str(music)]) == 0  # analysed here: every track cached
    capsys.readouterr()

    code = main(["analyze", str(music), "--cluster", "auto"])

    out, err = capsys.readouterr()
    err = err.strip().splitlines()
    assert code == 1 and out == ""  # refused before anything was listed
    assert err == [
        "tagger: analysing on a cluster needs Ray: pip install 'genre-tagger[cluster]' (on this machine and every node)"
    ]
