"""User settings, stored as JSON in the platform's config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from tagger.paths import config_dir

SETTINGS_FILE = "settings.json"
WRITE_MODES = ("fill", "merge", "replace")
THEMES = ("system", "light", "dark")


@dataclass
class Settings:
    model: str | None = None  # None: the bundled default model
    device: str = "auto"
    workers: int = 0  # 0: one per core
    min_confidence: float = 0.2  # MSD tag scores: a clear genre scores 0.3-0.9 (docs/benchmarks.md)
    max_genres: int = 2
    write_mode: str = "fill"
    patches: int = 6
    cluster: str = ""  # "" : analyse on this computer; else a Ray address (auto, HOST:PORT, ray://HOST:PORT)
    ship_audio: bool = False  # with a cluster: send the files' bytes to the nodes
    language: str = ""  # the app's language ("de", "es", "en"); "": the system's
    theme: str = "system"  # system | light | dark
    recent_folders: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.write_mode not in WRITE_MODES:
            settings.write_mode = "fill"
        if settings.theme not in THEMES:
            settings.theme = "system"
        if not isinstance(settings.language, str):
            settings.language = ""
        return settings

    def save(self, path: str | Path | None = None) -> Path:
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        tmp.replace(path)
        return path

    def add_recent_folder(self, folder: str, keep: int = 10) -> None:
        self.recent_folders = [folder] + [f for f in self.recent_folders if f != folder][: keep - 1]
