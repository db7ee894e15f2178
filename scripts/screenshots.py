"""Start the app on a copy of resources/example-music and save screenshots of its main
states into docs/screenshots/ (run through scripts/screenshots.sh, under Xvfb): in
English and German, light and dark. A few copies get file names in other scripts
(Japanese, Russian, Arabic), as a real collection has: the fonts that draw them come
from scripts/system-deps.sh.

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

# example file -> the name its copy gets (tracks without a title show their file name)
RENAMED = {
    "setuniman-sweet-waltz.ogg": "甘い円舞曲 (sweet waltz).ogg",
    "lena-orsa-pistachio-ragtime.ogg": "Лена Орса — фисташковый регтайм.ogg",
    "sorohan-solo-trumpet.ogg": "ترومبيت منفرد (solo trumpet).ogg",
}
# (language, theme, file name suffix); the first one also takes the one-off screenshots
LOOKS = [("en", "light", ""), ("en", "dark", "-dark"), ("de", "light", "-de"), ("de", "dark", "-de-dark")]


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


def save_screen(app, rect, name: str) -> Path:
    """The screen's pixels in `rect` (popups included, which a widget grab leaves out)."""
    path = OUT / name
    app.primaryScreen().grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height()).save(str(path))
    print(f"  {path.relative_to(REPO)} ({rect.width()}x{rect.height()}, from the screen)")
    return path


def use_look(language: str, theme: str, workers: int = 2) -> None:
    from tagger.config import Settings

    s = Settings.load()
    s.workers, s.language, s.theme = workers, language, theme
    s.save()


def start_page_shot() -> None:
    """The first run: no folder yet."""
    from tagger.gui.app import create_window

    app, window = create_window(folder=None, db=str(Path(os.environ["GENRE_TAGGER_DATA_DIR"]) / "library.sqlite"))
    window.show()
    window.move(0, 0)
    settle(app, 1.0)
    save(window, "start-page.png")
    window.close()
    window.ctx.lib.close()


def shoot(music: Path, db: Path, language: str, theme: str, suffix: str, first: bool) -> None:
    from PySide6.QtCore import QPoint, Qt

    from tagger.app.decisions import decide_rows
    from tagger.gui import actions
    from tagger.gui.app import create_window

    print(f"{language}, {theme}:")
    app, window = create_window(folder=str(music), db=str(db))
    window.show()
    window.move(0, 0)
    if first:
        wait(app, lambda: window.progress.isVisible() and window.progress.maximum() > 0, 60, "the analysis to start")
        settle(app, 1.0)
        save(window, "analysing.png")
    wait(app, lambda: window.last_summary is not None and window.analysis is None, 600, "the analysis")
    settle(app, 0.5)
    m = window.model
    window.table.sortByColumn(0, Qt.AscendingOrder)
    rows = m.visible_rows()
    if first:  # a few decisions so the table shows them (kept in the library for the other looks)
        for i, (state, genres) in enumerate([("accepted", None), ("overridden", ["Jazz", "Swing"]), ("skipped", None)]):
            if i < len(rows):
                decide_rows(window.ctx.ws, window.review_data, [rows[i]], state, genres)
        window.reload_rows()
        wait(app, lambda: not window.ctx.threads, 30, "the rows")
        rows = m.visible_rows()
    pick = next((r for r in rows if "Hungarian" in (r.title or "")), rows[min(3, len(rows) - 1)])
    window.select_track(pick.id)
    wait(app, lambda: window.detail.spectrogram._image is not None, 60, "the spectrogram")
    settle(app, 0.8)
    save(window, f"review{suffix}.png")
    if first or suffix == "-dark":
        save(window.detail, f"detail-panel{suffix}.png")

    if first:  # the track menu, over the window
        rect = window.table.visualRect(m.index(m.position_of(pick.id), 3))
        menu = actions.context_menu(window, window.acts)
        menu.popup(window.table.viewport().mapToGlobal(rect.center() + QPoint(10, 0)))
        settle(app, 0.6)
        save_screen(app, window.frameGeometry(), "context-menu.png")
        menu.close()

    window.group_albums.setChecked(True)
    window.album_table.selectRow(0)
    settle(app, 0.5)
    if first or suffix == "-dark":
        save(window, f"albums{suffix}.png")
    window.group_albums.setChecked(False)
    settle(app, 0.3)

    if first or language != "en" and not suffix.endswith("dark"):
        window.write_tags()
        dlg = window.write_dialog
        wait(app, lambda: dlg.write_button.isEnabled() or not dlg.changes and dlg._worker is None, 60, "the plan")
        dlg.scope.setCurrentIndex(dlg.scope.findData("all"))
        settle(app, 0.2)
        wait(app, lambda: dlg.write_button.isEnabled() or not dlg.changes and dlg._worker is None, 60, "the plan")
        settle(app, 0.5)
        save(dlg, f"write-confirmation{suffix}.png")
        dlg.reject()

        window.show_settings()
        settle(app, 0.5)
        dlg = window.settings_dialog
        save(dlg, f"settings{suffix}.png")
        for tab, name in ((dlg.tags_tab, "tags"), (dlg.cluster_tab, "cluster")):
            dlg.tabs.setCurrentWidget(tab)
            settle(app, 0.3)
            save(dlg, f"settings-{name}{suffix}.png")
        dlg.reject()
        settle(app, 0.2)

        window.show_train()  # before training: what the confirmed tracks would teach
        settle(app, 0.5)
        save(window.train_dialog, f"train{suffix}.png")
        window.train_dialog.reject()
        settle(app, 0.2)

    if first:
        window.show_shortcuts()
        settle(app, 0.5)
        save(window.shortcuts_dialog, "shortcuts.png")
        window.shortcuts_dialog.close()
        train_result(app, window)
    window.close()
    window.ctx.lib.close()


def train_result(app, window) -> None:
    """The Train dialog after training on a few genres of the example music: what was
    learnt, how reliable each held-out check was, and what each genre does to the
    model's own genre of its name."""
    from tagger.app.decisions import decide_rows

    taught = {"Classical": ("brahms", "sugar-plum"), "Jazz": ("vibe-ace", "регтайм", "trumpet"), "Folk": ("fishin",)}
    rows = window.model.visible_rows()
    for genre, words in taught.items():
        picked = [r for r in rows if any(w in Path(r.path).name for w in words)]
        decide_rows(window.ctx.ws, window.review_data, picked, "overridden", [genre])
    window.reload_rows()
    wait(app, lambda: not window.ctx.threads, 30, "the rows")
    window.show_train()
    dlg = window.train_dialog
    dlg.start_button.click()
    wait(app, lambda: dlg.use_button.isEnabled() or dlg.start_button.isEnabled(), 300, "the training")
    settle(app, 0.5)
    save(dlg, "train-result.png")
    dlg.reject()
    settle(app, 0.2)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="gt-screens-"))
    os.environ["GENRE_TAGGER_CONFIG_DIR"] = str(tmp / "config")
    os.environ["GENRE_TAGGER_DATA_DIR"] = str(tmp / "data")
    sys.path.insert(0, str(REPO))
    music = tmp / "Example music"
    music.mkdir()
    for f in sorted((REPO / "resources" / "example-music").iterdir()):
        if f.suffix.lower() in (".ogg", ".mp3", ".flac", ".m4a", ".opus", ".wav"):
            shutil.copy(f, music / RENAMED.get(f.name, f.name))
    OUT.mkdir(parents=True, exist_ok=True)
    db = tmp / "data" / "library.sqlite"
    try:
        use_look("en", "light")
        start_page_shot()
        for i, (language, theme, suffix) in enumerate(LOOKS):
            use_look(language, theme)
            shoot(music, db, language, theme, suffix, first=i == 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
