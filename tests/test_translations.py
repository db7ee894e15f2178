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
