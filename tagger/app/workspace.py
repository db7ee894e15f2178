"""Opening a library with its settings, vocabulary and model: one policy for the CLI
and the GUI.

- A broken user vocabulary is an error everywhere (`SetupError`): quietly tagging with
  the bundled names instead would write names the user replaced. The GUI offers to set
  the broken file aside (`set_aside_user_vocabulary`), which loses nothing.
- A model that cannot be used is kept as `model_error`: commands that need it raise it
  (`Workspace.require_model`); reviewing decisions, writing them and undo still work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tagger.analyze import DEFAULT_PATCHES
from tagger.config import Settings
from tagger.db import Library
from tagger.model import default_model_path, find_model
from tagger.modelfile import ModelFileError, ModelInfo, read_metadata
from tagger.paths import config_dir, default_db_path
from tagger.personal import PersonalModel
from tagger.vocabulary import USER_FILE, Vocabulary, bundled_path


class SetupError(ValueError):
    """The library, vocabulary or model cannot be used; the message is one line for the
    user. A ValueError, so the CLI prints it like any other bad input."""


class VocabularyError(SetupError):
    """The user's vocabulary file is broken (`path`: the file, None: the bundled one)."""

    def __init__(self, message: str, path: Path | None):
        super().__init__(message)
        self.path = path


def user_vocabulary_path() -> Path:
    return config_dir() / USER_FILE


def load_vocabulary() -> Vocabulary:
    """The user's vocabulary, else the bundled one; a broken user file is a SetupError."""
    user = user_vocabulary_path()
    path = user if user.exists() else bundled_path()
    try:
        return Vocabulary.load(path)
    except (ValueError, AttributeError, TypeError) as exc:  # the last two: a name or alias that is not text
        reason = str(exc) if isinstance(exc, ValueError) else f"{path}: not a valid vocabulary file ({exc})"
        hint = "; fix it, or delete it to use the bundled vocabulary" if path == user else ""
        raise VocabularyError(reason + hint, path if path == user else None) from None


def set_aside_user_vocabulary() -> Path:
    """Rename a broken user vocabulary to `vocabulary.json.broken` (numbered when taken),
    so the bundled one is used and the user's file is kept to be fixed."""
    user = user_vocabulary_path()
    target = user.with_name(USER_FILE + ".broken")
    n = 1
    while target.exists():
        n += 1
        target = user.with_name(f"{USER_FILE}.broken{n}")
    user.rename(target)
    return target


def resolve_model(spec: str | None) -> tuple[str | None, ModelInfo | None, str | None]:
    """(path, info, error) of the model `spec` names (a listed name, name@version or a
    file; None: the bundled default)."""
    try:
        path = find_model(spec) if spec else default_model_path()
        return str(path), read_metadata(path), None
    except ModelFileError as exc:
        if not spec and not default_model_path().exists():
            return (
                None,
                None,
                (
                    f"the bundled model is missing ({default_model_path()}): choose a model "
                    "in Settings, or reinstall the app"
                ),
            )
        return None, None, str(exc)


@dataclass
class Workspace:
    """A library with the settings, vocabulary and model it is used with. The CLI's
    options override the settings for one command (`min_confidence`, ...: None = the
    setting); the GUI changes the settings themselves."""

    lib: Library
    settings: Settings
    vocab: Vocabulary
    model_spec: str | None = None  # --model, else settings.model
    model_path: str | None = None
    info: ModelInfo | None = None
    model_error: str | None = None
    personal: PersonalModel | None = None  # the library's personal model (tagger.app.personal)
    personal_note: str = ""  # why the library's personal model is not used
    min_confidence_override: float | None = None
    max_genres_override: int | None = None
    write_mode_override: str | None = None

    # ---- what the settings say, unless a command says otherwise
    @property
    def min_confidence(self) -> float:
        o = self.min_confidence_override
        return self.settings.min_confidence if o is None else o

    @property
    def max_genres(self) -> int:
        o = self.max_genres_override
        return self.settings.max_genres if o is None else o

    @property
    def write_mode(self) -> str:
        return self.write_mode_override or self.settings.write_mode

    @property
    def tag_target(self):
        """Where and how values are written (Settings -> Tags): tagger.apply.TagTarget."""
        from tagger.apply import TagTarget

        return TagTarget.from_settings(self.settings)

    @property
    def patches(self) -> int:
        return self.settings.patches or DEFAULT_PATCHES

    @property
    def db_path(self) -> Path:
        return Path(self.lib.path)

    def set_min_confidence(self, value: float) -> None:
        """Change the threshold of the suggestion rule and save it in the settings (as the
        Settings dialog does); an OSError when it cannot be saved (it is used all the same)."""
        self.settings.min_confidence = round(min(1.0, max(0.0, value)), 4)
        self.settings.save()

    # ---- the model
    def load_model(self, spec: str | None = None) -> None:
        """(Re)read the chosen model's metadata: `spec`, else the setting, else the
        bundled one. On failure `info` is None and `model_error` says why."""
        self.model_spec = spec if spec is not None else self.settings.model
        self.model_path, self.info, self.model_error = resolve_model(self.model_spec)
        self.load_personal()

    def load_personal(self) -> None:
        """(Re)read the library's personal model (it must read this model's embedding)."""
        from tagger.app.personal import load_active

        load_active(self)

    def require_model(self) -> ModelInfo:
        if self.info is None:
            raise SetupError(f"no usable model: {self.model_error}")
        return self.info

    # ---- the vocabulary
    def save_vocabulary(self, genres: dict[str, list[str]], parents: dict[str, str] | None = None) -> bool:
        """Store the user's vocabulary; True when it changed."""
        if genres == self.vocab.genres and (parents is None or parents == self.vocab.parents):
            return False
        self.vocab = self.vocab.with_genres(genres, parents)
        self.vocab.save(user_vocabulary_path())
        return True

    def close(self) -> None:
        self.lib.close()


def open_workspace(
    db: str | Path | None = None,
    *,
    model: str | None = None,
    settings: Settings | None = None,
    min_confidence: float | None = None,
    max_genres: int | None = None,
    write_mode: str | None = None,
) -> Workspace:
    """Open the library (default: the platform's data folder) with the user's settings,
    vocabulary and model. Raises SetupError (or LibraryError, also a ValueError) with one
    line when the library or the vocabulary cannot be used."""
    settings = settings or Settings.load()
    vocab = load_vocabulary()
    vocab.configure(settings.genre_level, settings.genre_whitelist)
    lib = Library(db or default_db_path())
    ws = Workspace(
        lib=lib,
        settings=settings,
        vocab=vocab,
        min_confidence_override=min_confidence,
        max_genres_override=max_genres,
        write_mode_override=write_mode,
    )
    ws.load_model(model)
    return ws
