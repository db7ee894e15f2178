"""Start the desktop app: `run_app(folder=None, db=None) -> exit code`."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject


def icon_path(name: str = "genre-tagger") -> Path:
    from tagger.paths import resources_dir

    return resources_dir() / "icons" / f"{name}.svg"


def app_icon():
    from PySide6.QtGui import QIcon

    from tagger.paths import resources_dir

    icons = resources_dir() / "icons"
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = icons / f"genre-tagger-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    if icon.isNull() and (icons / "genre-tagger.svg").exists():
        icon.addFile(str(icons / "genre-tagger.svg"))
    return icon


# How long a thread waiting for the GIL waits before the thread holding it must let go
# (Python's default: 5 ms). The window's thread takes the GIL for every call into Python
# (each table cell it paints), so while a worker thread runs Python (recording 98,000
# decisions, reading 100,000 cached results) each call waited up to 5 ms: frames of
# 0.7-8 s. Shorter turns cost the worker a little throughput only while both want it.
GIL_SWITCH_SECONDS = 0.0005


def make_application(argv=None):
    """The QApplication (created once), with the app's name and icon."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("genre-tagger")
        QCoreApplication.setApplicationName("Genre Tagger")
        # argv[0] names the window class on X11 (WM_CLASS): "genre-tagger" as the .desktop
        # file's StartupWMClass says, whether started as `tagger` or `genre-tagger`
        app = QApplication(["genre-tagger", *list(argv or sys.argv[:1])[1:]])
    app.setApplicationDisplayName("Genre Tagger")
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    app.setDesktopFileName("genre-tagger")
    app.setWindowIcon(app_icon())
    _language_and_look(app)
    return app


def _language_and_look(app) -> None:
    """The translations and the theme the settings choose (i18n.py, theme.py), before
    any window exists: every string is built in the language once."""
    from tagger.config import Settings

    from . import i18n, theme

    settings = Settings.load()
    i18n.install(settings.language)
    theme.apply(app, settings.theme)


def make_context(db=None):
    """The workspace (tagger.app.workspace: library, settings, vocabulary, model) with
    what the windows share. Raises SetupError as the CLI would (e.g. a broken vocabulary:
    never silently replaced by the bundled one)."""
    from tagger.app.workspace import open_workspace

    from .context import AppContext

    return AppContext(ws=open_workspace(db))


def _offer_to_set_aside_vocabulary(exc) -> bool:
    """A broken user vocabulary: say why, and offer to keep the file aside and use the
    bundled vocabulary (the user's file is renamed, not deleted). True: retry."""
    from PySide6.QtWidgets import QMessageBox

    from tagger.app.workspace import set_aside_user_vocabulary

    box = QMessageBox(
        QMessageBox.Warning,
        QCoreApplication.translate("App", "Genre Tagger: vocabulary file not valid"),
        QCoreApplication.translate(
            "App",
            "{reason}\n\nThe app does not fall back silently: tags would be written with the bundled names "
            "instead of yours.",
        ).format(reason=exc),
    )
    use = box.addButton(
        QCoreApplication.translate("App", "Set my file aside and use the bundled vocabulary"), QMessageBox.AcceptRole
    )
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is not use:
        return False
    kept = set_aside_user_vocabulary()
    print(f"genre-tagger: your vocabulary was kept as {kept}", file=sys.stderr)
    return True


def _install_excepthook(window_getter) -> None:
    """An unexpected error is shown as a message with its reason (and printed to
    stderr for bug reports), never as a crash."""

    def hook(exc_type, exc, tb):
        traceback.print_exception(exc_type, exc, tb)
        if issubclass(exc_type, KeyboardInterrupt):
            return
        from tagger import error_report

        report = error_report.save(exc)  # a windowed app has no terminal to print to
        try:
            from .dialogs import message
            from .workers import describe_error

            w = window_getter()
            if w is not None:
                w.show_status(
                    QCoreApplication.translate("App", "Unexpected error: {reason}").format(reason=describe_error(exc)),
                    error=True,
                )
            from PySide6.QtWidgets import QMessageBox

            message(
                w,
                QCoreApplication.translate("App", "Something went wrong"),
                (
                    QCoreApplication.translate(
                        "App", "{reason}\n\nThe app keeps running. The details are in {file}: please report it."
                    ).format(reason=describe_error(exc), file=report)
                    if report
                    else QCoreApplication.translate(
                        "App", "{reason}\n\nThe app keeps running; details were printed to the terminal."
                    ).format(reason=describe_error(exc))
                ),
                QMessageBox.Warning,
            )
        except Exception:  # noqa: BLE001
            pass

    sys.excepthook = hook


class _Texts(QObject):
    """Texts with plural forms (Qt's lupdate finds those in tr() calls only)."""

    def more_problems(self, n: int) -> str:
        return self.tr(" (and %n more)", "", n)

    def leftover_copies(self, n: int) -> str:
        return self.tr("Removed %n temporary copy(s) of audio files left by an interrupted write", "", n)


def _remove_leftover_copies(window) -> None:
    """Temporary copies a killed write left beside the music go at every start
    (tagger.temp_copies); the status bar says so."""
    from tagger.temp_copies import remove_leftovers

    n = len(remove_leftovers())
    if n:
        window.show_status(_Texts().leftover_copies(n), timeout=15000)


def _settings_problems(window) -> None:
    """A settings value that is not valid was replaced by its default (tagger.config):
    the status bar says which (the first; the command line prints them all)."""
    from tagger.config import Settings

    from . import core_text

    problems: list = []
    Settings.load(problems=problems)
    if problems:
        lines = [core_text.sentence(p) for p in problems]
        more = _Texts().more_problems(len(lines) - 1) if len(lines) > 1 else ""
        window.show_status(lines[0] + more, error=True, timeout=30000)


def create_window(folder: str | None = None, db: str | None = None):
    """(app, window) without entering the event loop (used by tests and screenshots)."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    app = make_application()
    ctx = make_context(db)
    from .main_window import MainWindow

    window = MainWindow(ctx, folder=folder)
    _remove_leftover_copies(window)
    _settings_problems(window)
    _load_what_the_first_track_needs()
    return app, window


def _load_what_the_first_track_needs() -> None:
    """Loaded now, before the window shows, rather than when the first track is selected,
    where each froze the window once: PyAV's decoders (about 100 ms here, imported by
    the spectrogram's worker thread with the GIL held) and Qt Multimedia's audio backend
    (about 55 ms, on the window's thread). Either may be missing: playback and decoding
    say so when used."""
    try:
        import av  # noqa: F401
    except ImportError:
        pass
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return
    QMediaDevices.defaultAudioOutput()


def _packaging_smoke_hook(app, window=None) -> None:
    """Packaging smoke test hook (packaging/smoke_test.py, docs/packaging.md): with the
    environment variable GENRE_TAGGER_SMOKE_EXIT_MS=N, print
    "genre-tagger smoke: window shown" on stderr once the event loop runs with the main
    window up, then quit N ms later (exit code 0). Does nothing when the variable is unset."""
    ms = os.environ.get("GENRE_TAGGER_SMOKE_EXIT_MS")
    if not ms:
        return
    from PySide6.QtCore import QTimer

    def shown():
        if sys.stderr is not None:  # a windowed Windows exe has no stderr
            print("genre-tagger smoke: window shown", file=sys.stderr, flush=True)
        play = os.environ.get("GENRE_TAGGER_SMOKE_PLAY")
        if play:
            _smoke_preview(play)
        if os.environ.get("GENRE_TAGGER_SMOKE_TRAIN") and window is not None:
            _smoke_train(app, window, int(ms))
            return
        QTimer.singleShot(max(0, int(ms)), app.quit)

    QTimer.singleShot(0, shown)


def _smoke_train(app, window, ms: int) -> None:
    """GENRE_TAGGER_SMOKE_TRAIN=1 (with the hook above): the Train dialog in the frozen
    app: train from the library's decisions, use the model, print what the dialog and the
    status bar say ("genre-tagger smoke: train: ..."), then quit `ms` later."""
    from PySide6.QtCore import QTimer

    def say(text: str) -> None:
        if sys.stderr is not None:
            print(f"genre-tagger smoke: train: {text}", file=sys.stderr, flush=True)

    window.show_train()
    dlg = window.train_dialog
    if not dlg.start_button.isEnabled():
        say(f"cannot start: {dlg.blocker}")
        QTimer.singleShot(ms, app.quit)
        return

    def finished(outcome) -> None:
        if isinstance(outcome, str):
            say(f"failed: {outcome}")
            QTimer.singleShot(ms, app.quit)
            return
        lines = dlg.result.toPlainText().splitlines()
        say(f"dialog says: {lines[0] if lines else dlg.status.text()}")
        if dlg.use_button.isEnabled():
            dlg.use_button.click()
        say(f"status bar: {window.learning.label.text()}")
        QTimer.singleShot(ms, app.quit)

    dlg.training_ended.connect(finished)
    dlg.start_button.click()


def _smoke_preview(path: str) -> None:
    """GENRE_TAGGER_SMOKE_PLAY=FILE (with the hook above): the preview player's pieces in
    the frozen app: ask QtMultimedia for the default output (without Qt's FFmpeg plugin
    in the bundle) and decode one second of FILE from 1 s in the player's thread. Prints
    "genre-tagger smoke: preview decoded <bytes> bytes (<format>); output: <device or why none>"."""
    from tagger.decode import PcmFormat

    from .player import PcmFeed, default_output

    output, reason = default_output()
    fmt = output[1] if output else PcmFormat(48000, 2, "s16")
    feed = PcmFeed(path, 1.0, fmt)
    feed.wait_for(fmt.bytes_at(1.0), timeout=20.0)
    got = len(feed.read(fmt.bytes_at(1.0)))
    feed.close()
    where = output[0].description() if output else reason
    problem = f" ERROR {feed.error}" if feed.error else ""
    if sys.stderr is not None:
        print(
            f"genre-tagger smoke: preview decoded {got} bytes ({fmt.rate} Hz, {fmt.channels} ch, {fmt.sample})"
            f"; output: {where}{problem}",
            file=sys.stderr,
            flush=True,
        )


def run_app(folder: str | None = None, db: str | None = None) -> int:
    from tagger.app.workspace import VocabularyError

    try:
        try:
            app, window = create_window(folder, db)
        except VocabularyError as exc:
            if exc.path is None or not _offer_to_set_aside_vocabulary(exc):
                raise
            app, window = create_window(folder, db)
    except Exception as exc:  # noqa: BLE001 - e.g. the DB cannot be opened
        from .workers import describe_error

        print(f"genre-tagger: cannot start: {describe_error(exc)}", file=sys.stderr)
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is not None:
                from .dialogs import message

                message(
                    None,
                    QCoreApplication.translate("App", "Genre Tagger cannot start"),
                    describe_error(exc),
                    QMessageBox.Critical,
                )
        except Exception:  # noqa: BLE001
            pass
        return 1
    _install_excepthook(lambda: window)
    window.show()
    _packaging_smoke_hook(app, window)
    code = app.exec()
    window.ctx.lib.close()
    return int(code)


def main() -> int:
    """Entry point of the `genre-tagger` GUI script: genre-tagger [FOLDER or FILE ...] [--db PATH]."""
    import argparse
    import multiprocessing

    multiprocessing.freeze_support()
    from tagger.paths import folder_to_open

    p = argparse.ArgumentParser(prog="genre-tagger", description="Genre Tagger desktop app")
    p.add_argument("paths", nargs="*", metavar="PATH", help="music folder to open (a file opens its folder)")
    p.add_argument("--db", help="library database (default: in the platform data folder)")
    args = p.parse_args()
    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        p.error(f"{missing[0]}: no such file or folder")
    folder, others = folder_to_open(args.paths)
    if others:
        print(f"genre-tagger: opening {folder}; left out (one folder at a time): {', '.join(others)}", file=sys.stderr)
    return run_app(folder=folder, db=args.db)


if __name__ == "__main__":
    raise SystemExit(main())
