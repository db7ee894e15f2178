"""The write dialog shows the files the safe writer will refuse, and the write then
refuses exactly those, each with the reason the dialog gave.

`check_write_dialog` is shared by tests/test_permissions.py: called in-process (a
read-only mount, as root) and through `test_as_another_user` below, which that file
runs with pytest as user `nobody` (GT_WRITE_DIALOG_CASE holds the case as JSON). This
module is not collected on its own (its name does not start with test_)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from gui_helpers import close_window, isolated_settings, open_window, wait_analysis, wait_idle
from PySide6.QtCore import Qt

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def check_write_dialog(qtbot, music: Path, db: Path, refused: dict[str, str], written: list[str]) -> None:
    """Open the app on `music`, plan a write of the decided tracks: the files of
    `refused` (path -> start of the reason) are shown refused, with the reason, and
    the `written` ones are not; then write, and the outcomes say the same."""
    from tagger.gui.dialogs import ChangesModel

    window = open_window(qtbot, music, db)
    wait_analysis(qtbot, window, 120)
    wait_idle(qtbot, window)
    window.write_tags()
    dlg = window.write_dialog
    qtbot.waitUntil(lambda: dlg._worker is None and bool(dlg.changes), timeout=30000)
    problems = {c.path: c.problem for c in dlg.changes}
    assert set(problems) == set(refused) | set(written), problems
    why = ChangesModel.HEADERS.index("Why")
    for row, change in enumerate(dlg.model.changes):
        shown = dlg.model.data(dlg.model.index(row, why))
        if change.path in refused:
            assert problems[change.path] and problems[change.path].startswith(refused[change.path]), problems
            assert shown == f"will be refused: {problems[change.path]}"
        else:
            assert problems[change.path] is None and not shown.startswith("will be refused")
    assert f"{len(refused)} of them will be refused" in dlg.summary.text()
    assert dlg.write_button.isEnabled() == bool(written)
    if written:
        with qtbot.waitSignal(window.write_finished, timeout=60000) as done:
            qtbot.mouseClick(dlg.write_button, Qt.LeftButton)
        _, outcomes = done.args[0]
        got = {o.path: (o.status, o.error) for o in outcomes}
        for path in refused:
            assert got[path] == ("failed", problems[path])  # as the dialog said
        for path in written:
            assert got[path] == ("written", None)
        wait_idle(qtbot, window)
    else:
        dlg.reject()
    close_window(qtbot, window)


def test_as_another_user(qtbot, tmp_path, monkeypatch):
    case = os.environ.get("GT_WRITE_DIALOG_CASE")
    if not case:
        pytest.skip("run by tests/test_permissions.py as another user")
    case = json.loads(case)
    isolated_settings(tmp_path, monkeypatch)
    check_write_dialog(qtbot, Path(case["music"]), Path(case["db"]), case["refused"], case["written"])
