"""The core's sentences (tagger.messages) in the app's language: why rows were left
alone, why an album action took nothing, why a file was not written or only got its
tags back, shown in German in real widgets, from real files and a real library; and
the same values print the English lines the CLI prints."""

from __future__ import annotations

import os
import pickle
import stat

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from gui_helpers import close_window, isolated_settings, open_window, wait_idle  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableWidget  # noqa: E402

from tagger.apply import plan, undo_batch, write_batch  # noqa: E402
from tagger.db import Library  # noqa: E402
from tagger.messages import TEMPLATES, Message, placeholders  # noqa: E402
from tagger.scan import scan  # noqa: E402
from tagger.tags import write_genres  # noqa: E402


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    from tagger.gui import i18n

    if QApplication.instance() is not None:
        i18n.install("en")


def _reasons(dlg) -> dict[str, str]:
    """{file: reason} of an OutcomesDialog's table, as shown."""
    table = dlg.findChild(QTableWidget)
    return {table.item(r, 1).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def _written_library(tmp_path, make_library, formats):
    """Files of `formats` scanned into a real library, each overridden with Jazz."""
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata
    from tagger.vocabulary import Vocabulary, bundled_path

    music = (tmp_path / "music").resolve()
    files = make_library(music, formats)
    lib = Library(tmp_path / "lib.sqlite")
    scan(lib, [music])
    for p in files.values():
        lib.set_decision([lib.track_by_path(str(p)).id], "overridden", ["Jazz"])
    info = read_metadata(default_model_path())
    changes = plan(lib, lib.tracks_under([music]), info, Vocabulary.load(bundled_path()), "replace", decided_only=True)
    return lib, files, info, changes


def test_a_writer_error_and_an_undo_note_in_german(qtbot, qapp, tmp_path, make_library):
    from tagger.gui import core_text, i18n
    from tagger.gui.dialogs import OutcomesDialog

    lib, files, info, changes = _written_library(tmp_path, make_library, ["mp3", "flac"])
    try:
        os.chmod(files["mp3"], stat.S_IRUSR | stat.S_IRGRP)  # the safe writer refuses it
        batch, outcomes = write_batch(lib, changes, "replace", info.key)
        by_path = {o.path: o for o in outcomes}
        refused, written = by_path[str(files["mp3"])], by_path[str(files["flac"])]
        assert refused.status == "failed" and refused.error == "read-only file"  # the CLI's line, unchanged
        assert written.status == "written"
        write_genres(files["flac"], ["Edited By Hand"])  # changed since the batch: undo leaves it alone
        _, undone = undo_batch(lib, batch)
        [left] = undone
        assert left.status == "skipped"
        assert left.error == (
            "genres changed on disk since this batch wrote them (['Edited By Hand'] instead of ['Jazz']); left alone"
        )

        i18n.install("de")
        dlg = OutcomesDialog("t", "s", outcomes + undone)
        qtbot.addWidget(dlg)
        reasons = _reasons(dlg)
        assert reasons[str(files["mp3"])] == "schreibgeschützte Datei"
        dlg = OutcomesDialog("t", "s", undone)
        qtbot.addWidget(dlg)
        german = (
            "Genres auf der Festplatte geändert, seit dieser Vorgang sie schrieb "
            "(['Edited By Hand'] statt ['Jazz']); nicht angetastet"
        )
        assert _reasons(dlg)[str(files["flac"])] == german
        # the library keeps the English line; the history shows it in German too
        stored = {c.path: c.error for c in lib.changes_of(batch)}
        assert stored[str(files["mp3"])] == "read-only file"
        assert core_text.stored(stored[str(files["mp3"])]) == "schreibgeschützte Datei"
        assert core_text.stored(stored[str(files["flac"])]) == german
        assert core_text.stored("some OS error") == "some OS error"
    finally:
        lib.close()


def test_why_rows_and_albums_were_left_alone_in_german(qtbot, tmp_path, monkeypatch, make_library):
    """Tracks scanned but not analysed: Accept says why nothing was taken, and the album
    action says why there is no album suggestion, both in German, in the status bar."""
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    music = (tmp_path / "music").resolve()
    # the folder reopened from the recent list: its rows shown, nothing analysed
    isolated_settings(tmp_path, monkeypatch, language="de", recent_folders=[str(music)])
    make_library(music, ["mp3", "ogg"])
    db = tmp_path / "lib.sqlite"
    lib = Library(db)
    scan(lib, [music])
    lib.close()
    window = open_window(qtbot, None, db)
    try:
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: len(window.model.visible_rows()) == 2, timeout=20000)
        key = read_metadata(default_model_path()).key
        window.table.selectAll()
        window.decisions.accept_selected()
        assert (
            window.status_bar.currentMessage()
            == f"Nichts anzunehmen: 2 ohne Vorschlag nicht angetastet: nicht analysiert von {key}"
        )
        window.decisions.apply_album_suggestion()
        assert window.status_bar.currentMessage() == "Noch kein Albumvorschlag (kein Titel des Albums ist analysiert)"
    finally:
        close_window(qtbot, window)


def test_core_sentences_are_english_for_the_cli_and_translated_for_the_gui(qapp):
    from tagger.gui import core_text, i18n
    from tagger.messages import BEST_BELOW_THRESHOLD, DATABASE_ERROR, NOT_ANALYSED_BY, PERSONAL_NOT_USED, THE_MODEL
    from tagger.suggestion import why_no_suggestion

    why = why_no_suggestion([("Jazz", 0.4123)], 0.6, 3)
    assert why == "its best genre, Jazz (0.41), is below the threshold 0.6" and why.template == BEST_BELOW_THRESHOLD
    # rounded down, as the app shows scores: never "0.20" below a threshold of 0.2
    assert why_no_suggestion([("Jazz", 0.1996)], 0.2, 3) == "its best genre, Jazz (0.19), is below the threshold 0.2"
    from tagger.suggestion import shown_percent

    assert [shown_percent(x) for x in (0.1996, 0.2, 0.29, 0.57, 1.0, 0.0)] == [19, 20, 29, 57, 100, 0]
    from tagger.suggestion import shown_score  # the CLI's form of the same rule

    assert [shown_score(x) for x in (0.4499, 0.1996, 0.29, 1.0)] == ["0.44", "0.19", "0.29", "1.00"]
    nested = Message(NOT_ANALYSED_BY, model=Message(THE_MODEL))
    assert nested == "not analysed by the model"
    try:
        i18n.install("de")
        assert core_text.text(why) == "sein bestes Genre, Jazz (0.41), liegt unter der Schwelle 0.6"
        assert core_text.text(nested) == "nicht analysiert von dem Modell"
        assert core_text.text(Message(DATABASE_ERROR, reason="disk I/O error")) == (
            "Fehler der Bibliotheksdatenbank: disk I/O error"  # SQLite's own words stay as they are
        )
        assert core_text.text("an OS error") == "an OS error"  # not the core's: as it is
        from tagger.review import album_artist

        various = album_artist(3, "A", 1, 3)  # three artists, none on most tracks
        assert various == "Various artists" and core_text.text(various) == "Verschiedene Interpreten"
        from tagger.review import folder_as_album

        loose = folder_as_album("/music/Downloads")  # loose files grouped by their folder
        assert loose == "Downloads (folder)" and core_text.text(loose) == "Downloads (Ordner)"
        i18n.install("es")
        assert core_text.text(Message(PERSONAL_NOT_USED, reason="x")) == "modelo personal no usado: x"
        assert core_text.text(various) == "Varios artistas"
    finally:
        i18n.install("en")
    assert core_text.text(why) == str(why)


@pytest.mark.parametrize("lang", ["de", "es"])
def test_every_core_template_is_translated_with_its_placeholders(qapp, lang):
    """Each template of tagger.messages has a translation that keeps every named
    placeholder with its format (a lost {model} would fall back to English)."""
    from PySide6.QtCore import QCoreApplication

    from tagger.gui import i18n

    try:
        i18n.install(lang)
        for template in TEMPLATES:
            translated = QCoreApplication.translate("core", template)
            # (templates of placeholders and punctuation only read the same in every language)
            assert translated != template or template in (
                "{model} '{output}' ({dim} values)",
                "{device}, {precision}",
            ), template
            assert placeholders(translated) == placeholders(template), (template, translated)
    finally:
        i18n.install("en")


def test_the_core_makes_messages_only_from_declared_templates():
    """A Message made from a literal would be English in every language (lupdate lists
    tagger.messages.TEMPLATES only): the core names a declared template instead."""
    import re
    from pathlib import Path

    import tagger

    root = Path(tagger.__file__).parent
    literal = re.compile(r"\bMessage\(\s*f?[\"']")
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in root.rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


def test_where_the_model_runs_is_said_in_the_apps_language(qapp):
    """The status bar's device note (tagger.model: a Message of Messages) in German; a
    fallback to the CPU is still told as a warning whatever the language."""
    from tagger.gui import i18n
    from tagger.gui.status_bar import MainStatusBar
    from tagger.messages import DEVICE_AND_PRECISION, DEVICE_NOT_AVAILABLE, FLOAT_NO_INT8_CPU, RUNNING_ON_CPU, Message

    fine = Message(
        DEVICE_AND_PRECISION,
        device=Message(RUNNING_ON_CPU, provider="CPUExecutionProvider"),
        precision=Message(FLOAT_NO_INT8_CPU),
    )
    fallback = Message(DEVICE_NOT_AVAILABLE, device="cuda", providers="CPUExecutionProvider")
    try:
        i18n.install("de")
        bar = MainStatusBar()
        assert bar.show_device_note(fine) is False
        assert bar.device_label.text() == (
            "läuft auf der CPU (CPUExecutionProvider), Float-Modell (diese CPU hat keine int8-Skalarprodukt-Befehle)"
        )
        assert bar.show_device_note(fallback) is True
        assert "läuft stattdessen auf der CPU" in bar.device_label.text()
        # as the pool sends it: the fallback inside the device-and-precision note, pickled
        # across the worker process; told by its template, not its words
        wrapped = Message(DEVICE_AND_PRECISION, device=fallback, precision=Message(FLOAT_NO_INT8_CPU))
        assert bar.show_device_note(pickle.loads(pickle.dumps(wrapped))) is True
        assert bar.device_label.text().startswith("⚠ ")
        assert bar.show_device_note("a plain line that says instead and not available") is False
    finally:
        i18n.install("en")
