"""Settings → Tags: which field genres are written to, the separator of single-value
tags, the ID3 version of a new tag, the mood, and the genre level and whitelist
(`tagger.vocabulary.Vocabulary.shape`). The rules are the core's
(`tagger.apply.TagTarget`, `tagger.formats`); this tab only edits the `Settings` fields
they are made from."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from . import labels
from .widgets import plain_label

LEVEL_LABELS = {
    "specific": QT_TRANSLATE_NOOP("TagsTab", "The most specific (Heavy Metal)"),
    "top": QT_TRANSLATE_NOOP("TagsTab", "The top level (Rock)"),
    "both": QT_TRANSLATE_NOOP("TagsTab", "Both (Heavy Metal; Rock)"),
}
SEPARATOR_LABELS = {
    "": QT_TRANSLATE_NOOP("TagsTab", "The format's own (“/” in ID3v2.3)"),
    "; ": QT_TRANSLATE_NOOP("TagsTab", "“; ” (semicolon)"),
    " / ": QT_TRANSLATE_NOOP("TagsTab", "“ / ” (slash)"),
    ", ": QT_TRANSLATE_NOOP("TagsTab", "“, ” (comma)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TagsTab", text)


class TagsTab(QWidget):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        from tagger.config import ID3_VERSIONS, SEPARATORS, TAG_FIELDS

        form = QFormLayout(self)
        row = QHBoxLayout()
        self.fields: dict[str, QCheckBox] = {}
        for name in TAG_FIELDS:
            box = QCheckBox(labels.field_name(name))
            box.setChecked(name in settings.tag_fields)
            box.toggled.connect(self._enable)
            self.fields[name] = box
            row.addWidget(box)
        row.addStretch(1)
        form.addRow(self.tr("Write genres to:"), row)
        form.addRow(
            "",
            plain_label(
                self.tr(
                    "Genre is the field every player shows. Style, Grouping and Mood are for players and "
                    "DJ software that sort by them; choose several to write the same genres to each."
                )
            ),
        )
        self.separator = QComboBox()
        for value in SEPARATORS:
            self.separator.addItem(_tr(SEPARATOR_LABELS[value]), value)
        self.separator.setCurrentIndex(max(0, self.separator.findData(settings.separator)))
        form.addRow(self.tr("Separator:"), self.separator)
        form.addRow(
            "",
            plain_label(
                self.tr(
                    "For tags that hold one value only (ID3v2.3, WAV INFO). FLAC, Ogg, Opus, MP4, WMA, "
                    "APE and ID3v2.4 tags always get real multiple values."
                )
            ),
        )
        self.id3_version = QComboBox()
        for version in ID3_VERSIONS:
            name = f"ID3v2.{version}"
            text = self.tr("{version} (recommended)").format(version=name) if version == 4 else name
            self.id3_version.addItem(text, version)
        self.id3_version.setCurrentIndex(max(0, self.id3_version.findData(settings.id3_version)))
        form.addRow(self.tr("New ID3 tags:"), self.id3_version)
        form.addRow(
            "",
            plain_label(self.tr("For MP3, WAV and AIFF files without an ID3 tag yet; a file keeps its own version.")),
        )
        self.write_mood = QCheckBox(self.tr("Write the model's top mood into the Mood field"))
        self.write_mood.setChecked(settings.write_mood)
        self.write_mood.toggled.connect(self._enable)
        form.addRow(self.tr("Mood:"), self.write_mood)
        self.mood_threshold = QDoubleSpinBox()
        self.mood_threshold.setRange(0.0, 1.0)
        self.mood_threshold.setSingleStep(0.05)
        self.mood_threshold.setDecimals(2)
        self.mood_threshold.setValue(settings.mood_threshold)
        form.addRow(self.tr("Mood needs a score of:"), self.mood_threshold)

        self.level = QComboBox()
        for value, text in LEVEL_LABELS.items():
            self.level.addItem(_tr(text), value)
        self.level.setCurrentIndex(max(0, self.level.findData(settings.genre_level)))
        form.addRow(self.tr("Genre level:"), self.level)
        self.whitelist = QLineEdit(", ".join(settings.genre_whitelist))
        self.whitelist.setPlaceholderText(self.tr("every genre (e.g. Rock, Electronic, Jazz to allow only those)"))
        form.addRow(self.tr("Only these genres:"), self.whitelist)
        form.addRow(
            "",
            plain_label(
                self.tr(
                    "Genres have parents in the vocabulary (Heavy Metal → Metal → Rock). A genre outside "
                    "the list is written as its nearest parent in the list, or not at all."
                )
            ),
        )
        self._enable()

    def _enable(self, *_):
        genres_in_mood = self.fields["mood"].isChecked()
        self.write_mood.setEnabled(not genres_in_mood)  # one of the two writes Mood
        self.write_mood.setToolTip(self.tr("Genres already go to Mood") if genres_in_mood else "")
        self.mood_threshold.setEnabled(self.write_mood.isChecked() and not genres_in_mood)

    def chosen_fields(self) -> list[str]:
        return [name for name, box in self.fields.items() if box.isChecked()] or ["genre"]

    def apply(self, settings) -> bool:
        """Store the choices in `settings`; True when what a write does changed."""
        old = _chosen(settings)
        settings.tag_fields = self.chosen_fields()
        settings.separator = self.separator.currentData()
        settings.id3_version = self.id3_version.currentData()
        settings.write_mood = self.write_mood.isChecked() and "mood" not in settings.tag_fields
        settings.mood_threshold = round(self.mood_threshold.value(), 4)
        settings.genre_level = self.level.currentData()
        settings.genre_whitelist = [g.strip() for g in self.whitelist.text().split(",") if g.strip()]
        return old != _chosen(settings)


def _chosen(settings) -> tuple:
    return (
        list(settings.tag_fields),
        settings.separator,
        settings.id3_version,
        settings.write_mood,
        settings.mood_threshold,
        settings.genre_level,
        list(settings.genre_whitelist),
    )
