"""The app's language: Qt translations (resources/translations/genre_tagger_<lang>.qm,
built from the .ts files by scripts/translations.sh) plus Qt's own for its standard
buttons and dialogs. Chosen from the system's languages, unless Settings → Appearance
names one. The English file holds only plural forms ("1 track", "2 tracks"): the
source strings are English."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tagger.paths import resources_dir

# shipped languages, each named in itself (as the Settings list shows them)
LANGUAGES = {"en": "English", "de": "Deutsch", "es": "Español"}
APP_FILE = "genre_tagger"

_installed: list[QTranslator] = []  # kept alive while installed


def translations_dir():
    return resources_dir() / "translations"


def choose(setting: str, ui_languages: Iterable[str]) -> str:
    """The language to show: the setting when it names a shipped one, else the first of
    the system's languages (e.g. "de-AT", "es_419") that is shipped, else English."""
    if setting in LANGUAGES:
        return setting
    for tag in ui_languages:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install(setting: str = "", ui_languages: Iterable[str] | None = None) -> str:
    """Load the translations of the chosen language into the running application (before
    any window is built); the language code in use."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    langs = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    lang = choose(setting, langs)
    own = QTranslator()
    if own.load(f"{APP_FILE}_{lang}", str(translations_dir())):
        _installed.append(own)
    if lang != "en":  # Qt's own: standard buttons and dialogs
        for folder in _qt_translation_dirs():
            qt = QTranslator()
            if qt.load(QLocale(lang), "qtbase", "_", folder):
                _installed.append(qt)
                break
    for t in _installed:
        app.installTranslator(t)
    app.setProperty("gt-language", lang)
    return lang


def _qt_translation_dirs() -> list[str]:
    """Where Qt's translations are: Qt's own idea, else PySide6's folder (a frozen app)."""
    import PySide6

    here = Path(PySide6.__file__).resolve().parent
    return [
        QLibraryInfo.path(QLibraryInfo.TranslationsPath),
        str(here / "Qt" / "translations"),
        str(here / "translations"),
    ]


def current() -> str:
    app = QCoreApplication.instance()
    return str(app.property("gt-language") or "en") if app is not None else "en"
