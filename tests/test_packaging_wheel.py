"""`pip install .` (a wheel, not editable) works on its own: the resources (model,
vocabulary, example music) are in it, and the installed app analyses the example music
from a folder outside the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_every_package_of_the_tree_is_in_the_wheel_list():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(REPO).parts)
        for top in ("tagger", "trainer")
        for p in (REPO / top).rglob("__init__.py")
    }
    assert found <= listed and listed - found == {"tagger.resources", "tagger.resources.help"}


def test_the_installed_wheel_analyses_the_example_music(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)],
        check=True,
        cwd=tmp_path,
    )
    wheel = next(wheels.glob("genre_tagger-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)  # dependencies from this environment
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, cwd=tmp_path)
    music = tmp_path / "music"
    shutil.copytree(REPO / "resources" / "example-music", music)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(GENRE_TAGGER_DATA_DIR=str(tmp_path / "data"), GENRE_TAGGER_CONFIG_DIR=str(tmp_path / "config"))
    where = subprocess.run(
        [python, "-c", "import tagger.paths as p; print(p.__file__); print(p.resources_dir())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert where[0].startswith(str(env_dir)) and where[1].startswith(str(env_dir)), where
    proc = subprocess.run(
        [python, "-m", "tagger", "analyze", str(music), "--workers", "1", "--patches", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "8 tracks: 8 analysed" in proc.stderr and proc.stdout.count("suggested:") == 8


def test_the_wheel_carries_the_translations_and_the_guide(tmp_path):
    """What the app loads at run time besides the model: its translations (.qm, built by
    scripts/translations.sh) and the user guide (docs/guide*.md as tagger/resources/help)."""
    import zipfile

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        cwd=tmp_path,
    )
    names = set(zipfile.ZipFile(next(tmp_path.glob("genre_tagger-*.whl"))).namelist())
    for qm in (REPO / "resources" / "translations").glob("*.qm"):
        assert f"tagger/resources/translations/{qm.name}" in names
    assert {
        "tagger/resources/translations/genre_tagger_de.qm",
        "tagger/resources/translations/genre_tagger_es.qm",
    } <= names
    for guide in (REPO / "docs").glob("guide*.md"):
        assert f"tagger/resources/help/{guide.name}" in names
