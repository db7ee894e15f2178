"""Where the app keeps its files: the platform's standard places (platformdirs),
and the bundled resources (next to the package, or inside a PyInstaller bundle)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "genre-tagger"


def _dirs():
    import platformdirs  # imported lazily: keeps `tagger --help` fast

    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    override = os.environ.get("GENRE_TAGGER_CONFIG_DIR")
    return Path(override) if override else Path(_dirs().user_config_dir)


def data_dir() -> Path:
    override = os.environ.get("GENRE_TAGGER_DATA_DIR")
    return Path(override) if override else Path(_dirs().user_data_dir)


def default_db_path() -> Path:
    return data_dir() / "library.sqlite"


def user_models_dir() -> Path:
    return data_dir() / "models"


def resources_dir() -> Path:
    """The project's `resources/` folder (bundled models, vocabulary, icons, example music)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    installed = Path(__file__).resolve().parent / "resources"  # a wheel (`pip install .`) carries them here
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"  # a source checkout (`pip install -e .`)


def bundled_models_dir() -> Path:
    return resources_dir() / "models"


def resolve_root(path: str | os.PathLike) -> Path:
    """`path` made absolute with its links resolved, for a folder or file the user named.
    A link that leads back to itself is a clear FileNotFoundError, not pathlib's
    RuntimeError (Python 3.11 raises that for a loop)."""
    try:
        return Path(path).resolve()
    except RuntimeError:
        raise FileNotFoundError(f"{path}: a symbolic link that leads back to itself (a link loop)") from None


def folder_to_open(paths) -> tuple[str | None, list[str]]:
    """The folder the app opens for the paths it was given (a file stands for its
    folder: a file manager's "Open with" passes files), and the other folders, which
    are left out (the app opens one folder at a time)."""
    folders: list[str] = []
    for p in paths:
        folder = p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
        if folder not in folders:
            folders.append(folder)
    return (folders[0] if folders else None), folders[1:]
