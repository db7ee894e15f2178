"""Settings → Appearance: the language (the system's, or one of the shipped translations)
and the look (light, dark or the system's). The theme changes at once; the language
when the app starts next (every window is built in it)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QWidget

from tagger.config import THEMES

from . import i18n, theme
from .widgets import plain_label


class AppearanceTab(QWidget):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.setObjectName("language-choice")
        self.language.addItem(self.tr("The system's language"), "")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("Language:"), self.language)
        self.language_note = plain_label(self.tr("A new language shows the next time the app starts."))
        form.addRow("", self.language_note)
        self.theme = QComboBox()
        self.theme.setObjectName("theme-choice")
        names = {"system": self.tr("The system's"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for key in THEMES:
            self.theme.addItem(names[key], key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form.addRow(self.tr("Theme:"), self.theme)

    def apply(self, settings) -> bool:
        """Store the choices in `settings` and show the theme now; True when the
        language changed (it shows after a restart)."""
        language_changed = settings.language != self.language.currentData()
        settings.language = self.language.currentData()
        if settings.theme != self.theme.currentData():
            settings.theme = self.theme.currentData()
            theme.apply(QApplication.instance(), settings.theme)
        return language_changed
