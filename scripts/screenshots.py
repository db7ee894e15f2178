"""Start the app on a copy of resources/example-music and save screenshots of its main
states into docs/screenshots/ (run through scripts/screenshots.sh, under Xvfb).

The app gets its own config/data folders in a temporary directory: nothing of the
user's is read or written."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"


def wait(app, condition, timeout: float, what: str) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents(QEventLoop.AllEvents, 50)


def settle(app, seconds: float = 0.5) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.AllEvents, 20)


def save(widget, name: str) -> Path:
    path = OUT / name
    widget.grab().save(str(path))
    print(f"  {path.relative_to(REPO)} ({widget.width()}x{widget.height()})")
    return path


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="gt-screens-"))
    os.environ["GENRE_TAGGER_CONFIG_DIR"] = str(tmp / "config")
    os.environ["GENRE_TAGGER_DATA_DIR"] = str(tmp / "data")
    sys.path.insert(0, str(REPO))
    music = tmp / "Example music"
    music.mkdir()
    for f in sorted((REPO / "resources" / "example-music").iterdir()):
        if f.suffix.lower() in (".ogg", ".mp3", ".flac", ".m4a", ".opus", ".wav"):
            shutil.copy(f, music / f.name)
    from tagger.config import Settings

    Settings(workers=2).save()
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        from tagger.gui.app import create_window

        app, window = create_window(folder=str(music), db=str(tmp / "data" / "library.sqlite"))
        window.resize(1440, 860)
        window.show()
        window.move(0, 0)
        print("analysing the example music…")
        wait(app, lambda: window.progress.isVisible() and window.progress.maximum() > 0, 60, "the analysis to start")
        settle(app, 1.0)
        save(window, "analysing.png")
        wait(app, lambda: window.last_summary is not None and window.analysis is None, 300, "the analysis")
        settle(app, 0.5)
        m = window.model
        from PySide6.QtCore import Qt

        window.table.sortByColumn(0, Qt.AscendingOrder)
        rows = m.visible_rows()
        # a few decisions so the table shows them
        from tagger.app.decisions import decide_rows

        for i, (state, genres) in enumerate([("accepted", None), ("overridden", ["Jazz", "Swing"]), ("skipped", None)]):
            if i < len(rows):
                decide_rows(window.ctx.ws, window.review_data, [rows[i]], state, genres)
        m.rows_changed(rows)
        pick = next((r for r in rows if "Hungarian" in (r.title or "")), rows[min(3, len(rows) - 1)])
        window.select_track(pick.id)
        wait(app, lambda: window.detail.spectrogram._image is not None, 60, "the spectrogram")
        settle(app, 0.8)
        save(window, "review.png")
        save(window.detail, "detail-panel.png")

        window.group_albums.setChecked(True)
        window.album_table.selectRow(0)
        settle(app, 0.5)
        save(window, "albums.png")
        window.group_albums.setChecked(False)
        settle(app, 0.3)

        window.write_tags()
        dlg = window.write_dialog
        wait(app, lambda: dlg.write_button.isEnabled() or "Nothing" in dlg.summary.text(), 60, "the write plan")
        dlg.scope.setCurrentIndex(dlg.scope.findData("all"))
        wait(app, lambda: dlg.write_button.isEnabled() or "Nothing" in dlg.summary.text(), 60, "the write plan")
        settle(app, 0.5)
        save(dlg, "write-confirmation.png")
        dlg.reject()

        window.show_settings()
        settle(app, 0.5)
        save(window.settings_dialog, "settings.png")
        window.settings_dialog.reject()
        settle(app, 0.2)
        window.close()
        window.ctx.lib.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
