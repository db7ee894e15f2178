"""User settings, stored as JSON in the platform's config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from tagger.paths import config_dir

SETTINGS_FILE = "settings.json"
WRITE_MODES = ("fill", "merge", "replace")
THEMES = ("system", "light", "dark")
# Settings -> Tags: where genres go (tagger.formats.base.FIELDS), how single-value tags
# join them (tagger.formats.base.SEPARATORS), the ID3 version of a new tag
TAG_FIELDS = ("genre", "style", "grouping", "mood")
SEPARATORS = ("", "; ", " / ", ", ")
ID3_VERSIONS = (4, 3)
GENRE_LEVELS = ("specific", "top", "both")  # tagger.vocabulary.LEVELS


@dataclass
class Settings:
    model: str | None = None  # None: the bundled default model
    device: str = "auto"
    workers: int = 0  # 0: one per core
    # chosen from the default model's measured figures (resources/models/msd-mtt-musicnn.md):
    # at 0.2, 26 of 28 first suggestions were right on the music the model knows (example,
    # benchmark and Nexuiz sets). On music it gets wrong as a whole (the Wesnoth orchestral
    # score, 7 of 28 right) the wrong answers score like right ones: 0.3 would drop 8 of
    # the 26 right ones and still leave 6 of 10 Wesnoth ones wrong. Teaching helps, not 0.3.
    min_confidence: float = 0.2
    max_genres: int = 2
    write_mode: str = "fill"
    patches: int = 6
    cluster: str = ""  # "" : analyse on this computer; else a Ray address (auto, HOST:PORT, ray://HOST:PORT)
    ship_audio: bool = False  # with a cluster: send the files' bytes to the nodes
    language: str = ""  # the app's language ("de", "es", "en"); "": the system's
    theme: str = "system"  # system | light | dark
    # the personal model retrains in the background after this many new decisions
    learn_as_you_review: bool = True
    learn_after: int = 5
    recent_folders: list[str] = field(default_factory=list)
    tag_fields: list[str] = field(default_factory=lambda: ["genre"])  # one or more of TAG_FIELDS
    separator: str = ""  # "": each format's own ("/" in ID3v2.3)
    id3_version: int = 4  # of a file's first ID3 tag; a file keeps its own version
    write_mood: bool = False  # the model's top mood into the Mood field
    mood_threshold: float = 0.5  # the score that mood needs
    genre_level: str = "specific"  # tagger.vocabulary.LEVELS: specific, top, both
    genre_whitelist: list[str] = field(default_factory=list)  # empty: every genre

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
        defaults = cls()
        fields_ok = isinstance(settings.tag_fields, list) and settings.tag_fields
        if not fields_ok or any(f not in TAG_FIELDS for f in settings.tag_fields):
            settings.tag_fields = defaults.tag_fields
        if settings.separator not in SEPARATORS:
            settings.separator = defaults.separator
        if settings.id3_version not in ID3_VERSIONS:
            settings.id3_version = defaults.id3_version
        if not isinstance(settings.mood_threshold, (int, float)) or not 0 <= settings.mood_threshold <= 1:
            settings.mood_threshold = defaults.mood_threshold
        if settings.genre_level not in GENRE_LEVELS:
            settings.genre_level = defaults.genre_level
        if not isinstance(settings.genre_whitelist, list) or not all(
            isinstance(g, str) for g in settings.genre_whitelist
        ):
            settings.genre_whitelist = []
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
