"""User settings, stored as JSON in the platform's config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tagger.messages import SETTING_NOT_VALID, SETTINGS_NOT_AN_OBJECT, SETTINGS_UNREADABLE, Message
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
PRECISIONS = ("auto", "float", "int8")  # tagger.model.PRECISIONS
DEVICES = ("auto", "cpu", "cuda", "directml", "coreml")  # tagger.model.DEVICE_PROVIDERS' keys
CHOICES: dict[str, tuple] = {
    "write_mode": WRITE_MODES,
    "theme": THEMES,
    "separator": SEPARATORS,
    "id3_version": ID3_VERSIONS,
    "genre_level": GENRE_LEVELS,
    "precision": PRECISIONS,
    "device": DEVICES,
}


# the whole-number settings' ranges, as the Settings dialog and the command line offer them
RANGES = {"workers": (0, 64), "patches": (1, 30), "max_genres": (1, 10), "learn_after": (1, 10_000)}


def _valid(name: str, value) -> bool:
    """Whether `value` is one the setting `name` can take (CHOICES, RANGES, its type)."""
    if name in CHOICES:
        return isinstance(value, type(CHOICES[name][0])) and value in CHOICES[name]
    if name in RANGES:
        lo, hi = RANGES[name]
        return isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi
    if name in ("min_confidence", "mood_threshold"):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
    if name == "model":
        return value is None or (isinstance(value, str) and bool(value))
    if name in ("ship_audio", "learn_as_you_review", "write_mood"):
        return isinstance(value, bool)
    if name == "tag_fields":
        return isinstance(value, list) and bool(value) and all(v in TAG_FIELDS for v in value)
    if name in ("recent_folders", "genre_whitelist"):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)  # cluster, language


def _keep_aside_if_unreadable(path: Path) -> None:
    """A settings file that holds no settings object (a hand edit gone wrong) is renamed
    `settings.json.unreadable` (-1, -2, ...) before new settings replace it: its text
    is the user's and may be worth mending."""
    try:
        if isinstance(json.loads(path.read_text(encoding="utf-8")), dict):
            return
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        pass
    aside = path.with_name(path.name + ".unreadable")
    n = 0
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.unreadable-{n}")
    path.replace(aside)


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__


@dataclass
class Settings:
    model: str | None = None  # None: the bundled default model
    device: str = "auto"
    # which copy of the model runs on the CPU: auto (int8 where the CPU has int8
    # dot-product instructions), float or int8 (tagger.model.choose_precision)
    precision: str = "auto"
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
    def load(cls, path: str | Path | None = None, problems: list[Message] | None = None) -> Settings:
        """The settings in `path` (default: the user's settings file); a value that is not
        valid gives way to its default, and `problems` (if given) gets one line for it.
        A missing file is no problem: every setting has its default."""
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        say = problems.append if problems is not None else (lambda line: None)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            say(Message(SETTINGS_UNREADABLE, path=str(path), error=_short(exc)))
            return cls()
        if not isinstance(data, dict):
            say(Message(SETTINGS_NOT_AN_OBJECT, path=str(path)))
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if _valid(f.name, value):
                values[f.name] = list(value) if isinstance(value, list) else value
            else:
                default = json.dumps(getattr(defaults, f.name))
                say(
                    Message(
                        SETTING_NOT_VALID, path=str(path), name=f.name, value=json.dumps(value)[:40], default=default
                    )
                )
        return cls(**values)

    def save(self, path: str | Path | None = None) -> Path:
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        _keep_aside_if_unreadable(path)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        tmp.replace(path)
        return path

    def add_recent_folder(self, folder: str, keep: int = 10) -> None:
        self.recent_folders = [folder] + [f for f in self.recent_folders if f != folder][: keep - 1]
