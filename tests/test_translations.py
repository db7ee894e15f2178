"""The translation files: up to date with the code, complete, built, and every
translation keeps its placeholders ({name}, %n) and at most one keyboard mnemonic."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TS = sorted((REPO / "translations").glob("genre_tagger_*.ts"))


def test_languages_shipped():
    from tagger.gui.i18n import APP_FILE, LANGUAGES

    assert {p.stem.rsplit("_", 1)[1] for p in TS} == set(LANGUAGES)
    for lang in LANGUAGES:
        assert (REPO / "resources" / "translations" / f"{APP_FILE}_{lang}.qm").is_file()


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_translations_are_up_to_date_complete_and_built():
    proc = subprocess.run(["bash", "scripts/translations.sh", "--check"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def _messages(path: Path):
    for m in ET.parse(path).getroot().iter("message"):
        tr = m.find("translation")
        forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        yield m.find("source").text, m.get("numerus") == "yes", forms


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


@pytest.mark.parametrize("path", TS, ids=lambda p: p.name)
def test_translations_keep_placeholders(path):
    placeholder = re.compile(r"\{\w+\}|%L?n")
    for source, numerus, forms in _messages(path):
        assert len(forms) == (2 if numerus else 1), source  # de, es and en have two plural forms
        for form in forms:
            assert form.strip(), source
            assert sorted(placeholder.findall(form)) == sorted(placeholder.findall(source)), (source, form)
            assert _mnemonics(form) == _mnemonics(source), (source, form)
            assert form.count("\n") == source.count("\n") or not source.count("\n"), (source, form)


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_no_two_entries_of_a_menu_share_an_access_key(qapp, language):
    """Alt+letter in a menu picks one entry: two with the same letter only highlight the
    first (found by a keyboard-only helper: Review had U twice and A twice, File R three
    times, Tags W twice). Every menu, the menu bar and the track's context menu, in every
    language the app ships."""
    from PySide6.QtCore import QCoreApplication

    from tagger.gui import actions, i18n

    texts = {spec.name: spec.text for spec in actions.ACTIONS}

    def key(text: str) -> str | None:
        m = re.search(r"&(?!&)(.)", text.replace("&&", ""))
        return m.group(1).casefold() if m else None

    def clashes(entries: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        out = []
        for text in entries:
            k = key(text)
            if k is None:
                continue
            if k in seen:
                out.append(f"{seen[k]!r} and {text!r}")
            seen[k] = text
        return out

    try:
        i18n.install(language)
        tr = lambda text: QCoreApplication.translate("Actions", text)  # noqa: E731
        recent = QCoreApplication.translate("RecentFoldersMenu", "Open rec&ent")
        texts.update(actions.SUBMENU_TEXTS)  # Sort by, Columns
        menus = {
            tr(title): [
                recent if n == actions.RECENT else tr(texts[n]) for n in names if n in texts or n == actions.RECENT
            ]
            for title, names in actions.MENUS
        }
        # the menu bar's titles and the window's own Alt+letter ("Show:" before the filter)
        show = QCoreApplication.translate("FilterBar", "Sho&w:")
        menus["menu bar"] = [tr(title) for title, _ in actions.MENUS] + [show]
        menus["context menu"] = [tr(texts[n]) for n in actions.CONTEXT_MENU if n in texts]
        found = {title: clashes(entries) for title, entries in menus.items()}
    finally:
        i18n.install("en")
    assert not any(found.values()), {t: c for t, c in found.items() if c}
