"""Help → User guide: docs/guide.md (in the user's language when there is a translation,
docs/guide.<lang>.md) shown in the app, with a button that opens the same file in the
browser or editor the system picks. The guide is in the wheel and the bundle as
resources/help/ (pyproject.toml, packaging/genre-tagger.spec)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from tagger.paths import resources_dir


def help_dirs() -> list[Path]:
    """Where the guide is: resources/help (wheel, bundle), else the checkout's docs/."""
    res = resources_dir()
    return [res / "help", res.parent / "docs"]


def guide_path(language: str = "") -> Path | None:
    """The guide in `language` (e.g. "de"), else the English one; None if missing."""
    names = ([f"guide.{language}.md"] if language and language != "en" else []) + ["guide.md"]
    for name in names:
        for d in help_dirs():
            if (d / name).is_file():
                return d / name
    return None


class GuideDialog(QDialog):
    def __init__(self, path: Path | None, parent=None):
        super().__init__(parent)
        self.setObjectName("guide-dialog")
        self.setWindowTitle(self.tr("Genre Tagger user guide"))
        self.resize(760, 720)
        self.path = path
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        if path is not None:
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            self.browser.setPlainText(self.tr("The user guide is not installed with this copy of the app."))
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.open_button = buttons.addButton(self.tr("Open in the browser"), QDialogButtonBox.ActionRole)
        self.open_button.setEnabled(path is not None)
        self.open_button.clicked.connect(self.open_externally)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def open_externally(self) -> bool:
        return self.path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
