"""`tagger` command line. Heavy modules are imported inside the commands so that
`tagger --help` answers at once."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import sys
import textwrap
import threading

from tagger.config import DEVICES  # plain Python: --help stays fast
from tagger.fsnames import one_line, readable, visible_controls  # plain Python, no dependencies
from tagger.paths import resolve_root
from tagger.stop_signals import STOPS, Terminated, handled_by, terminate
from tagger.suggestion import shown_score, suggest  # plain Python, no dependencies: --help stays fast

EPILOG = """typical use:
  tagger analyze ~/Music              scan, analyse, print suggestions
  tagger apply ~/Music --dry-run      show exactly what would be written
  tagger apply ~/Music                write genres to files without one (mode fill)
  tagger undo                         restore what the last apply changed
  tagger                              open the desktop app
  tagger ~/Music                      open the desktop app on a folder (same as `tagger gui ~/Music`)

exit status: 0 done; 1 a problem, said in one line on stderr (or some files could not be
analysed or written: each is named); 2 wrong options; 130 interrupted (Ctrl+C);
141 the output was closed early (e.g. piped into `head`)
"""


# Argument types. Their own messages name the expected value: argparse would otherwise
# print the function's name ("invalid _fraction value").
def _number(text: str, kind, what: str):
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None


def positive_int(text: str) -> int:
    value = _number(text, int, "a whole number")
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def path_arg(text: str) -> str:
    """A path (or model) the user typed; an empty one (an unset shell variable, `"$MUSIC"`)
    is refused, not taken as the current folder or the default."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty (an unset variable?): name a folder, file or model")
    return text


def setting_int(name: str):
    """An argparse type: a whole number in the range the Settings dialog offers for the
    setting `name` (tagger.config.RANGES), 1 at least."""
    from tagger.config import RANGES

    lo, hi = max(1, RANGES[name][0]), RANGES[name][1]

    def parse(text: str) -> int:
        value = _number(text, int, "a whole number")
        if value < lo:
            raise argparse.ArgumentTypeError(f"must be {lo} or more")
        if value > hi:
            raise argparse.ArgumentTypeError(f"must be {hi} or less")
        return value

    return parse


def fraction(text: str) -> float:
    value = _number(text, float, "a number between 0 and 1")
    if not 0.0 <= value <= 1.0:  # also rejects nan
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def exits(one: str = "", two: str = "") -> str:
    """A sub-command's exit statuses, for its --help: `one` and `two` say when else it
    exits with 1 or 2."""
    one = f", or {one}" if one else ""
    two = f", or {two}" if two else ""
    return (
        f"exit status: 0 done; 1 a problem, said on stderr{one}; 2 wrong options{two}; "
        "130 interrupted (Ctrl+C); 143 or 129 stopped (SIGTERM, SIGHUP)"
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=path_arg, metavar="FILE", help="library database (default: in the platform's data folder)"
    )

    model_opts = argparse.ArgumentParser(add_help=False)
    model_opts.add_argument(
        "--model",
        type=path_arg,  # an empty one (an unset variable) is not "the default model"
        metavar="MODEL",
        help="a model's name or name@version as `tagger models` lists it, or an .onnx file "
        "(default: settings, else the bundled model)",
    )
    model_opts.add_argument(
        "--min-confidence", type=fraction, metavar="X", help="lowest score a suggested genre needs (0-1)"
    )
    model_opts.add_argument(
        "--max-genres", type=setting_int("max_genres"), metavar="N", help="most genres suggested per track (1-10)"
    )

    p = argparse.ArgumentParser(
        prog="tagger",
        description="Genre Tagger: suggest and write genre tags for a music collection.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from tagger import __version__

    p.add_argument("--version", action="version", version=f"genre-tagger {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser(
        "scan",
        parents=[common],
        help="find audio files and read their tags (incremental)",
        epilog=exits() + " (unreadable files are listed, they do not change the status)",
    )
    s.add_argument(
        "paths", nargs="+", type=path_arg, metavar="DIR", help="folders (or files) to scan; sub-folders are included"
    )
    s.add_argument(
        "--restore",
        action="store_true",
        help="bring back the tracks at or under the paths that were removed from the library "
        "(the app's Remove from library); a scan otherwise leaves them removed",
    )
    s.add_argument(
        "--moved-from",
        metavar="OLD",
        type=path_arg,
        help="OLD, a folder that no longer exists, was moved or renamed to the one folder scanned: "
        "its tracks' decisions and removals go to the tracks here that hold their audio, and undo "
        "finds the files here (a scan says when a folder looks moved)",
    )
    s.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per unreadable file, then a summary: seen = new + changed + "
        "unchanged + moved (a moved or renamed file counts only as moved, not as new and gone)",
    )

    a = sub.add_parser(
        "analyze",
        aliases=["analyse"],
        parents=[common, model_opts],
        help="scan, then suggest genres with the model (cached per audio content and model)",
        epilog=exits(
            "any track could not be analysed (each is reported with its reason; "
            "the others are analysed and cached all the same)"
        ),
    )
    a.add_argument("paths", nargs="+", type=path_arg, metavar="PATH", help="folders or audio files to scan and analyse")
    a.add_argument("--device", choices=DEVICES, help="where the model runs (default auto)")
    a.add_argument(
        "--workers",
        type=setting_int("workers"),
        metavar="N",
        help="worker processes, 1 to 64 (default: one per core; more than the cores rarely helps)",
    )
    a.add_argument(
        "--patches",
        type=setting_int("patches"),
        metavar="N",
        help="3-second patches analysed per track, 1 to 30 (default 6)",
    )
    a.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="analyse on a Ray cluster: auto (the one running on this machine), HOST:PORT or ray://HOST:PORT "
        "(needs the cluster extra; every node must see the files at the same paths, or use --ship-audio); "
        "local: this computer. Default: the choice in the app's Settings, else this computer",
    )
    a.add_argument(
        "--ship-audio", action="store_true", help="on a cluster: send each file's bytes to the node that analyses it"
    )
    a.add_argument("--json", action="store_true", help="one JSON object per track on stdout, nothing else")

    w = sub.add_parser(
        "apply",
        parents=[common, model_opts],
        help="write suggested or confirmed genres into the files",
        epilog=exits("any file could not be written or was left alone (each is named)"),
    )
    w.add_argument(
        "paths", nargs="+", type=path_arg, metavar="PATH", help="folders or audio files whose tracks are written"
    )
    w.add_argument(
        "--mode",
        choices=["fill", "merge", "replace"],
        help="fill: only tracks without a genre (default); merge: add; replace: overwrite. "
        "Tracks you overrode get exactly your genres in every mode",
    )
    w.add_argument("--decided-only", action="store_true", help="write only tracks the user accepted or overrode")
    w.add_argument("--dry-run", action="store_true", help="print the exact before/after and change nothing")
    w.add_argument("--json", action="store_true", help="one JSON object per file on stdout")

    u = sub.add_parser(
        "undo",
        parents=[common],
        help="restore the files a write batch changed, byte for byte (default: the last)",
        epilog=exits("nothing is left to undo, or any file could not be restored (each is named)"),
    )
    u.add_argument(
        "batch",
        nargs="?",
        type=positive_int,
        metavar="BATCH",
        help="the batch number `tagger history` and `apply` show (default: the newest not undone)",
    )

    h = sub.add_parser("history", parents=[common], help="list write batches", epilog=exits())
    h.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per batch: batch, created_at, mode, model, undone_at, counts per status, undoable",
    )

    d = sub.add_parser(
        "decide",
        parents=[common, model_opts],
        help="record a review decision for tracks (or undo the last one)",
        description="Record a review decision for the tracks under PATH. Each decide command (like "
        "each decision in the app) is one step of the library's decision history: --undo takes the "
        "last step back, --redo does it again.",
        epilog=textwrap.fill(
            "The history is kept in the library, shared with the app (its Undo decision, Ctrl+Z), "
            "and holds the last 100 steps; a new decision drops what could be redone. Undo restores "
            "each track's decision as it was, or none; a track decided otherwise since is left alone. "
            "Undo only changes decisions: to put back genres written into files, use `tagger undo`."
        )
        + "\n\n"
        + textwrap.fill(
            exits(
                "--accept recorded nothing (no track had a suggestion: each reason is printed)",
                "--album with another choice than --accept",
            ),
            break_on_hyphens=False,
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument(
        "paths",
        nargs="*",
        type=path_arg,
        metavar="PATH",
        help="folders or audio files, already scanned (optional with --undo and --redo)",
    )
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument(
        "--accept",
        action="store_true",
        help="accept the suggested genres; tracks found under a folder keep a decision they already "
        "have (as the app's Accept all above threshold), a file named on its own is decided again",
    )
    g.add_argument("--genres", metavar="'A; B'", help="override with these genres (separated by ';')")
    g.add_argument("--skip", action="store_true", help="never write these tracks")
    g.add_argument("--clear", action="store_true", help="forget the decision")
    g.add_argument(
        "--undo",
        action="store_true",
        help="take back the last decision step (from a decide command or the app): its tracks get "
        "back the decisions they had. With PATH, refused unless that step touched a track there",
    )
    g.add_argument("--redo", action="store_true", help="do the last undone decision step again")
    d.add_argument(
        "--album",
        action="store_true",
        help="with --accept: give each album under PATH its pooled suggestion (tracks whose own best "
        "genre differs, or that are already decided or written, are left alone)",
    )

    m = sub.add_parser("models", help="list bundled and user models with labels and figures", epilog=exits())
    m.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per model with all its metadata (labels, kinds, feature spec, evaluation, ...)",
    )

    v = sub.add_parser(
        "vocabulary",
        help="show the genre vocabulary; --init copies it to the config folder for editing",
        epilog=exits("your vocabulary file is broken (the reason is printed)"),
    )
    v.add_argument(
        "--init",
        action="store_true",
        help="copy the bundled vocabulary to the config folder, where you can edit it (an existing one is kept)",
    )

    pm = sub.add_parser(
        "personal",
        parents=[common],
        help="your own genres, learnt from the tracks you confirmed: status, train, use FILE, back, off",
        description="A personal model adds your genres to the model's, learnt from the tracks you overrode "
        "and the suggestions you accepted one at a time (not those accepted together: a folder, several files, "
        "accept all, an album; they would only teach it what the model already says); no decoding: from the "
        "stored analyses. train: learn from every decision so far and use "
        "it; use FILE: use a personal model file made for another library, or by `trainer fit --arch head` "
        "where the trainer is installed (a copy is kept with the library); back: use the previous personal model again; off: the model's genres only.",
    )
    pm.add_argument("action", nargs="?", choices=["status", "train", "use", "back", "off"], default="status")
    pm.add_argument("file", nargs="?", help="with `use`: the .personal.npz file")

    gu = sub.add_parser(
        "gui",
        parents=[common],
        help="open the desktop app (the default without a command)",
        epilog=exits(two="there is no display to open it on"),
    )
    gu.add_argument(
        "paths",
        nargs="*",
        type=path_arg,
        metavar="PATH",
        help="a music folder to open at once; a file opens its folder (what a file manager's "
        "'Open with' passes). `tagger FOLDER` is short for `tagger gui FOLDER`",
    )
    return p


# ------------------------------------------------------------------ helpers
def _library(args, create: bool = False):
    """The library; `create`: a command that fills a library (scan, analyze) may make it."""
    from tagger.db import Library
    from tagger.paths import default_db_path

    _check_library(args, create)
    return Library(args.db or default_db_path())


def _check_library(args, create: bool) -> None:
    """A library named with --db that is not there is a typo for every command but those
    that make one: said, rather than a new, empty library made beside the music."""
    if args.db and not create and not os.path.exists(args.db):
        raise FileNotFoundError(f"{args.db}: no library there (`tagger scan FOLDER --db {args.db}` makes one)")
    folder = os.path.dirname(os.path.abspath(args.db)) if args.db else None
    if folder and not os.path.isdir(folder):  # a typo: no folders made for it (only the default's are)
        raise FileNotFoundError(f"{args.db}: its folder {folder} does not exist")


def _workspace(args, create: bool = False):
    """The library with the settings, vocabulary and model (tagger.app.workspace: one
    policy with the GUI); this command's options override the settings."""
    from tagger.app.workspace import open_workspace

    _check_library(args, create)
    return open_workspace(
        args.db,
        model=getattr(args, "model", None),
        min_confidence=getattr(args, "min_confidence", None),
        max_genres=getattr(args, "max_genres", None),
        write_mode=getattr(args, "mode", None),
    )


def _check_paths(paths) -> None:
    """A mistyped path is reported as such, not as 'nothing scanned there'."""
    for p in paths:
        if not os.path.exists(p):
            raise FileNotFoundError(f"{one_line(p)}: no such file or folder")


def _nothing_there(paths, hint: str, lib=None) -> str:
    """Why a command found no tracks under `paths`: a file that is not audio is said to
    be one (not "not scanned"); tracks removed from the library (in the app) are said to
    be, with the way back; else the command that scans them."""
    from tagger.formats import is_audio_path, unsupported_reason

    for p in paths:
        if os.path.isfile(p) and not is_audio_path(os.path.basename(p)):
            why = unsupported_reason(p)
            return f"{one_line(p)}: not an audio file" + (f" ({why})" if why else " the app reads")
    if lib is not None:
        from tagger.db.tracks import removed_under

        removed = removed_under(lib, [resolve_root(p) for p in paths])
        if removed:
            return (
                f"the {removed} track(s) there were removed from the library (Remove from library in the app): "
                "`tagger scan --restore` on those paths brings them back"
            )
    return f"no scanned tracks there: run {hint} on those paths first"


def _analyze_hint(args) -> str:
    """The command that makes the missing analyses (with the model asked for)."""
    import shlex

    model = f" --model {shlex.quote(args.model)}" if getattr(args, "model", None) else ""
    return f"`tagger analyze {' '.join(shlex.quote(p) for p in args.paths)}{model}`"


_SURROGATES = re.compile("[\ud800-\udfff]")


class VisibleControls(io.TextIOBase):
    """A text stream that writes control characters as visible escapes (\\x1b), and
    the bytes of a file name that is not UTF-8 as \\xNN too (tagger.fsnames.readable),
    never a crash nor a byte that garbles the terminal."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        # a tag or a file name holding ESC [2J would clear the user's screen if printed as it is
        self.stream.write(readable(visible_controls(text, keep="\t\n\r")))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


class JsonEscapes(io.TextIOBase):
    """--json output: a file name that is not UTF-8 holds lone surrogates, which no UTF-8
    stream can write; they only occur inside JSON strings, where they are written as
    \\udcNN escapes (what json.dumps' ensure_ascii does), so json.loads in Python gives
    back the exact name (os.fsencode: its bytes)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(_SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


class OwnOutput(io.TextIOBase):
    """stdout as the command's own output. Text that another thread prints goes to
    `other` (stderr): a library's background thread must not land among the results
    (Ray's driver prints a lost node's report on stdout, which broke --json's one JSON
    object per line)."""

    def __init__(self, stream, other):
        self.stream = stream
        self.other = other
        self.thread = threading.get_ident()

    def write(self, text: str) -> int:
        if threading.get_ident() == self.thread:
            with _output_errors():
                return self.stream.write(text)
        self.other.write(_COLOURS.sub("", text))  # Ray colours its reports; stderr would show the codes
        return len(text)

    def flush(self) -> None:
        with _output_errors():
            self.stream.flush()
        self.other.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


class OutputError(Exception):
    """The command's output could not be written (a full disk behind `> file`)."""


@contextlib.contextmanager
def _output_errors():
    try:
        yield
    except BrokenPipeError:
        raise  # the reader stopped early: quietly (_run)
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from exc


def _stopped(exc: KeyboardInterrupt, more: str = "") -> int:
    """Say that the command was stopped (a signal) or interrupted (Ctrl+C); its exit code."""
    _err(("stopped" if isinstance(exc, Terminated) else "interrupted") + more)
    return 128 + getattr(exc, "signum", signal.SIGINT)


def _err(msg: str) -> None:
    try:
        print(f"tagger: {msg}", file=sys.stderr)
    except OSError:  # the terminal is gone (SIGHUP: EIO): what was to be done still is
        pass


class TerminalProgress:
    """A one-line progress bar with ETA on stderr, only when it is a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.width = 28

    def update(self, done: int, total: int, eta: float | None, extra: str = "") -> None:
        if not self.enabled or total <= 0:
            return
        filled = int(self.width * done / total)
        eta_s = "" if eta is None else f" ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        line = f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}{eta_s} {extra}"
        sys.stderr.write(line[:120].ljust(120))
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 120 + "\r")
            sys.stderr.flush()


# ------------------------------------------------------------------ commands
def cmd_scan(args) -> int:
    from dataclasses import asdict

    from tagger.apply import TagTarget
    from tagger.config import Settings
    from tagger.moved_folder import check_gone, follow, hint
    from tagger.scan import scan

    if args.moved_from is not None:
        if len(args.paths) != 1 or not os.path.isdir(args.paths[0]):
            _err("--moved-from: name the one folder the old one was moved or renamed to")
            return 2
        check_gone(args.moved_from)
    lib = _library(args, create=True)
    if args.restore:
        from tagger.db.tracks import restore

        back = restore(lib, [resolve_root(p) for p in args.paths])
        print(f"{back} removed track(s) brought back into the library", file=sys.stderr)
    bar = TerminalProgress("scanning")
    result = scan(
        lib,
        args.paths,
        progress=lambda n, p: bar.update(n, max(n, 1), None) if n % 50 == 0 else None,
        tag_options=TagTarget.from_settings(Settings.load()).options,
    )
    bar.close()
    followed = None
    if args.moved_from is not None:
        followed = follow(lib, args.moved_from, args.paths[0])
        result.moved_folder = None  # (the move it saw is the one just followed)
    if args.json:
        for path, reason in result.errors:
            print(json.dumps({"path": path, "status": "error", "error": reason}, ensure_ascii=False))
        summary = result.__dict__ | {"errors": len(result.errors)}
        summary["moved_folder"] = asdict(result.moved_folder) if result.moved_folder else None
        if followed is not None:
            summary["moved_from"] = asdict(followed)
        print(json.dumps({"summary": summary}))
    else:
        for path, reason in result.errors:
            print(f"unreadable: {one_line(path)}: {reason}")
        print("\n".join([result.summary(), *result.skipped_lines()]))
        if followed is not None:
            print(f"moved: {one_line(followed.summary())}")
        elif result.moved_folder is not None:
            print(one_line(hint(result.moved_folder)))
    return 0


def _track_json(track, analysis_scores, ws, status, error, embedding=None) -> dict:
    from tagger.app.decisions import ranking_of

    info = ws.info
    genres = [] if analysis_scores is None else ranking_of(ws, analysis_scores, embedding)
    suggested = [n for n, _ in suggest(genres, ws.min_confidence, ws.max_genres)]
    line = {
        "path": track.path,
        "status": status,
        "error": error,
        "model": info.key,
        "genres": [{"name": n, "score": round(s, 4)} for n, s in genres],
        "suggested": suggested,
        "current": track.genres,
    }
    if ws.personal is not None:  # the user's own genres are in the ranking (see `tagger personal`)
        line["personal"] = list(ws.personal.genres)
    return line


def _human_line(line: dict, ws) -> str:
    from tagger.suggestion import why_no_suggestion

    if line["status"] == "error":
        return f"{one_line(line['path'])}\n    FAILED: {line['error']}"
    top = ", ".join(f"{g['name']} {shown_score(g['score'])}" for g in line["genres"][:4])  # as the app: rounded down
    current = one_line("; ".join(line["current"])) or "-"  # a tag's value may hold a newline
    ranked = [(g["name"], g["score"]) for g in line["genres"]]
    suggested = (
        one_line("; ".join(line["suggested"]))
        or f"none ({why_no_suggestion(ranked, ws.min_confidence, ws.max_genres)})"
    )
    return f"{one_line(line['path'])}\n    suggested: {suggested}   [{top}]   current: {current}"


def cmd_analyze(args) -> int:
    from tagger.app.analysis import AnalysisJob

    ws = _workspace(args, create=True)
    ws.require_model()
    job = AnalysisJob(
        ws,
        args.paths,
        device=args.device,
        workers=args.workers,
        patches=args.patches,
        cluster=args.cluster,
        ship_audio=args.ship_audio or None,
    )
    scan_bar = TerminalProgress("scanning")
    bar = TerminalProgress("analysing")
    by_id: dict = {}

    def on_scanned(scan_result, tracks):
        scan_bar.close()
        by_id.update((t.id, t) for t in tracks)

    def on_result(tr, progress):
        line = _track_json(by_id[tr.track_id], tr.scores, ws, tr.status, tr.error, tr.embedding)
        if args.json:
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:  # printed as results arrive: memory stays flat on huge libraries
            bar.close()
            print(_human_line(line, ws), flush=True)
        bar.update(
            progress.finished,
            progress.total,
            progress.eta_seconds,
            f"({progress.cached} cached, {progress.failed} failed)",
        )

    summary = job.run(
        on_scan=lambda n, p: scan_bar.update(n, max(n, 1), None) if n % 50 == 0 else None,
        on_scanned=on_scanned,
        on_result=on_result,
    )
    bar.close()
    progress = summary.progress
    if summary.device_note:  # stderr: stdout stays pure JSON with --json
        print(f"model {ws.info.key}, {summary.device_note}", file=sys.stderr)
    for incident in summary.incidents:
        print(f"note: {incident}", file=sys.stderr)
    if not args.json and summary.scan is not None:
        print(
            "\n".join(
                [
                    summary.scan.summary(),
                    *summary.scan.skipped_lines(),
                    f"{progress.total} tracks: {progress.done} analysed, "
                    f"{progress.cached} cached, {progress.failed} failed",
                ]
            ),
            file=sys.stderr,
        )
        if summary.scan.moved_folder is not None:
            from tagger.moved_folder import hint

            print(one_line(hint(summary.scan.moved_folder)), file=sys.stderr)
    if not progress.total:  # (tracks removed in the app are left out: say so, and the way back)
        from tagger.db.tracks import removed_under

        if removed_under(ws.lib, [resolve_root(p) for p in args.paths]):
            _err(_nothing_there(args.paths, "`tagger analyze`", ws.lib))
    return 1 if progress.failed else 0  # scripts can tell a partly failed run


def cmd_apply(args) -> int:
    from contextlib import nullcontext

    from tagger.app.writing import writer_lock

    _check_paths(args.paths)
    ws = _workspace(args)
    ws.require_model()
    # a real write plans inside the writer lock: after another writer it waited for, the
    # plan sees what that one wrote (a dry run changes nothing: it does not wait)
    with nullcontext() if args.dry_run else writer_lock(ws, on_wait=_err):
        return _apply(args, ws)


def _apply(args, ws) -> int:
    from tagger.app.writing import plan_writes, write

    info = ws.require_model()
    tracks = ws.lib.tracks_under(args.paths)
    if not tracks:
        _err(_nothing_there(args.paths, "`tagger analyze`", ws.lib))
        return 1
    mode = ws.write_mode
    planned = plan_writes(ws, tracks, decided_only=args.decided_only)
    changes = planned.changes
    if planned.unanalysed:  # apply suggests only from the chosen model's own analyses: else
        # their suggestions vanish without a word
        _err(
            f"{planned.unanalysed} of {planned.present} track(s) not analysed by {info.key}: no suggestion "
            f"for them (run {_analyze_hint(args)} first)"
        )
    if planned.left_out and not args.json:
        print(f"not in this write: {planned.left_out_text()}", file=sys.stderr)
    if args.dry_run:
        return _print_dry_run(changes, mode, args.json)
    if not changes:
        print(f"nothing to write (mode {mode})", file=sys.stderr)
        return 0
    bar = TerminalProgress("writing")
    written = []

    def progress(i: int, n: int, outcome) -> None:
        bar.update(i, n, None)
        if outcome.status == "written":
            written.append(outcome.path)

    try:
        with _stop_between_files() as stopped:
            batch_id, outcomes = write(ws, changes, progress=progress, should_stop=stopped)
    except KeyboardInterrupt as exc:  # stopped at once (a second Ctrl+C): every file is whole
        bar.close()
        files = len(set(written))  # a file written in two fields (genre and mood) once
        return _stopped(exc, f": {files} file(s) written before, `tagger undo` puts them back" if files else "")
    except Exception:  # the library stopped the batch (full, locked): its note says what was written
        bar.close()
        raise
    bar.close()
    try:
        code = _report_writes(args, batch_id, outcomes, stopped.signum)
        sys.stdout.flush()  # a full disk behind `> file` is told here, with the batch
        return code
    except OutputError as exc:  # the files are written whatever became of the output
        done = sum(o.status == "written" for o in outcomes)
        exc.add_note(f"batch {batch_id}: {done} file(s) written all the same (`tagger undo {batch_id}` puts them back)")
        raise


def _report_writes(args, batch_id: int, outcomes, signum: int) -> int:
    """Each file that was not written (all of them with --json), then the batch's line."""
    counts = {"written": 0, "failed": 0, "skipped": 0}
    cancelled = len({o.path for o in outcomes if o.error == "cancelled"})
    counted: set[tuple[str, str]] = set()  # files, not field changes (genre and style: one file)
    for o in outcomes:
        if o.error != "cancelled" and (o.status, o.path) not in counted:  # (cancelled: counted apart)
            counted.add((o.status, o.path))
            counts[o.status] = counts.get(o.status, 0) + 1
        if args.json:
            print(
                json.dumps(
                    {
                        "path": o.path,
                        "old": o.old,
                        "new": o.new,
                        "status": o.status,
                        "error": o.error,
                        "batch": batch_id,
                        "field": o.field,
                    },
                    ensure_ascii=False,
                )
            )
        elif o.status != "written" and o.error != "cancelled":
            print(f"{OUTCOME_WORDS.get(o.status, o.status)}: {one_line(o.path)}: {o.error}", file=sys.stderr)
    if not args.json:
        hint = (
            f"undo with `tagger undo {batch_id}`"
            if counts["written"]
            else "nothing was written, so there is nothing to undo"
        )
        print(
            f"batch {batch_id}: {counts['written']} written, {counts['failed']} failed"
            + (f", {counts['skipped']} {OUTCOME_WORDS['skipped']}" if counts["skipped"] else "")
            + (f", {cancelled} not written (stopped)" if cancelled else "")
            + f" ({hint})"
        )
    if cancelled:
        return 128 + signum
    return 1 if any(o.status != "written" for o in outcomes) else 0


class _StopRequest:
    """`should_stop` of a write: true after Ctrl+C, SIGTERM or SIGHUP."""

    signum = 0

    def __call__(self) -> bool:
        return bool(self.signum)


@contextlib.contextmanager
def _stop_between_files():
    """While tags are written, a first Ctrl+C (SIGTERM, SIGHUP) lets the file being written
    finish and leaves the others as they are, so the summary can say what was written and
    how to undo it; a second one stops at once (the safe writer keeps every file whole)."""
    request = _StopRequest()

    def ask(signum, frame):
        if request.signum:
            raise KeyboardInterrupt if signum == signal.SIGINT else Terminated(signum)
        request.signum = signum
        _err("stopping after the file being written (once more to stop at once)")

    with handled_by(ask, *STOPS):
        yield request


# An outcome "skipped" is a file left alone because it changed since the plan (or the
# write was cancelled): not a track the user skipped (those are never planned).
OUTCOME_WORDS = {"skipped": "left alone (changed since planned)"}


def _print_dry_run(changes, mode: str, as_json: bool) -> int:
    """The planned changes, each with the reason it would be refused when the safe
    writer's cheap checks (read-only, hard links, ...) already tell (WritePlan)."""
    refused = 0
    for c in changes:
        problem = c.problem
        refused += bool(problem)
        if as_json:
            print(
                json.dumps(
                    {
                        "path": c.path,
                        "old": c.old,
                        "new": c.new,
                        "source": c.source,
                        "field": c.field,
                        "status": "planned" if problem is None else "would-fail",
                        "error": problem,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            note = f"   WOULD FAIL: {problem}" if problem else ""
            field = "" if c.field == "genre" else f"{c.field}: "
            empty = "(no genre)" if c.field == "genre" else "(none)"
            print(
                f"{one_line(c.path)}\n    - {field}{one_line('; '.join(c.old)) or empty}"
                f"\n    + {field}{one_line('; '.join(c.new))}   ({c.source}){note}"
            )
    if not as_json:
        # files, not field changes: a file whose genre and style both change counts once
        files = {c.path for c in changes}
        refused_files = {c.path for c in changes if c.problem}
        fields = f" ({len(changes)} field changes)" if len(changes) != len(files) else ""
        print(
            f"dry run: {len(files - refused_files)} file(s) would change{fields}, {len(refused_files)} would be "
            f"refused (mode {mode}); nothing written",
            file=sys.stderr,
        )
    return 0


def cmd_undo(args) -> int:
    from tagger.apply import undo_batch

    lib = _library(args)  # no vocabulary or model needed: undo works whatever state they are in
    batch_id, outcomes = undo_batch(lib, args.batch, on_wait=_err)
    bad = [o for o in outcomes if o.status != "undone"]
    for o in bad:
        print(f"not restored: {one_line(o.path)}: {o.error}", file=sys.stderr)
    said: set[str] = set()  # a file with several fields in the batch is named once
    for o in outcomes:
        line = ""
        if o.status == "undone" and o.moved_from:
            line = f"restored at its new place: {one_line(o.path)} (was {one_line(o.moved_from)})"
        elif o.status == "undone" and o.note:
            line = f"{o.note}: {one_line(o.path)}"
        if line and line not in said:
            said.add(line)
            print(line)
    # files, not field changes: a file counts as restored when each of its fields was
    not_restored = {o.path for o in bad}
    restored = {o.path for o in outcomes} - not_restored
    exact = restored - {o.path for o in outcomes if o.note}
    print(
        f"batch {batch_id}: {len(restored)} file(s) restored ({len(exact)} byte for byte), "
        f"{len(not_restored)} not restored"
    )
    return 1 if bad else 0


def cmd_history(args) -> int:
    import time

    from tagger.apply import history

    rows = history(_library(args))
    if args.json:
        for r in rows:
            print(json.dumps(r))
        return 0
    if not rows:
        print("no write batches yet")
    for r in rows:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(r["created_at"]))
        undone = f", undone {time.strftime('%Y-%m-%d %H:%M', time.localtime(r['undone_at']))}" if r["undone_at"] else ""
        counts = ", ".join(f"{n} {k}" for k, n in sorted(r["counts"].items()))
        nothing = "" if r["undoable"] or r["undone_at"] else " (nothing to undo)"
        print(f"batch {r['batch']}  {when}  mode {r['mode']}  {counts}{undone}{nothing}")
    return 0


def cmd_decide(args) -> int:
    from tagger.app.decisions import decide
    from tagger.db.decisions import GROUP
    from tagger.review import split_genres

    if args.undo or args.redo:
        return _decide_undo(args)
    if not args.paths:
        _err("decide: give the files or folders to decide for (PATH)")
        return 2
    _check_paths(args.paths)
    ws = _workspace(args)
    if args.album:
        return _decide_albums(args, ws)
    tracks = ws.lib.tracks_under(args.paths)
    if not tracks:
        _err(_nothing_there(args.paths, "`tagger scan` (or `tagger analyze`)", ws.lib))
        return 1
    ids = [t.id for t in tracks]
    if args.clear:
        result = decide(ws, ids, "cleared")
    elif args.skip or args.genres is not None:
        genres = None if args.skip else split_genres(args.genres)
        result = decide(ws, ids, "skipped" if args.skip else "overridden", genres)
        for r in result.refused:  # a file that could not be read takes no decision
            _err(f"{one_line(r.path)}: not decided ({r.reason})")
        if result.refused:
            print(_updated(result, len(tracks)))
            return 0 if result.recorded else 1
    else:
        # a folder's tracks keep what the user decided; a file named on its own is decided again
        named = {str(resolve_root(p)) for p in args.paths if not os.path.isdir(p)}
        # a folder's suggestions are accepted as a group (they teach no personal model)
        scope = GROUP if len(named) < len(args.paths) else None
        result = decide(ws, ids, "accepted", keep_decided=[t.id for t in tracks if t.path not in named], scope=scope)
        if result.kept:
            _err(
                f"{len(result.kept)} track(s) already decided or written, left alone "
                "(name a file to accept its suggestion instead, or --clear its decision first)"
            )
        for r in result.refused:
            hint = (
                f": run {_analyze_hint(args)} first"
                if r.kind == "unanalysed"
                else (": lower --min-confidence, or override with --genres" if r.kind == "below" else "")
            )
            _err(f"{one_line(r.path)}: no suggestion to accept ({r.reason}{hint})")
        if not result.recorded and not result.refused:  # every track was decided already
            return 0
        if not result.recorded:  # the reasons were printed per track
            _err(f"nothing recorded: none of the {len(tracks)} track(s) has a suggestion to accept")
            return 1
        print(_updated(result, len(tracks), of=True))
        return 0
    print(_updated(result, len(tracks)))
    return 0


def _updated(result, n_tracks: int, of: bool = False) -> str:
    """'3 track(s) updated', '2 of 5 track(s) updated', and how many already were so
    (no step is recorded for those: `decide --undo` takes back the one before)."""
    n = len(result.recorded)
    if n and not result.changed:
        return f"nothing changed: the {n} track(s) already were so"
    whole = n == n_tracks and not of
    text = f"{result.changed} track(s) updated" if whole else f"{result.changed} of {n_tracks} track(s) updated"
    same = n - result.changed
    return text + (f" ({same} already so)" if same else "")


def _decide_undo(args) -> int:
    """`decide --undo` / `--redo`: the library's decision history, by the same functions
    as the app's Undo decision and Redo decision."""
    from tagger.app import decisions

    if args.album:
        _err("--album goes with --accept")
        return 2
    _check_paths(args.paths)
    ws = _workspace(args)
    step = decisions.undoable_step(ws) if args.undo else decisions.redoable_step(ws)
    if step is None:
        _err(f"nothing to {'undo' if args.undo else 'redo'}: no decision step in the library's history")
        return 1
    if args.paths:  # the user named where: refuse a step that was elsewhere
        here = {t.id for t in ws.lib.tracks_under(args.paths, include_gone=True)}
        if not here.intersection(decisions.step_track_ids(ws, step)):
            _err(
                f"the last decision step ({step.what}) touched no track under "
                f"{', '.join(args.paths)}: nothing {'undone' if args.undo else 'redone'}"
            )
            return 1
    out = decisions.undo_decisions(ws) if args.undo else decisions.redo_decisions(ws)
    if out is None:  # another process took it meanwhile
        _err(f"nothing to {'undo' if args.undo else 'redo'}")
        return 1
    print(decisions.describe_outcome(out, undone=args.undo))
    return 0 if out.restored or not out.changed_since else 1


def _decide_albums(args, ws) -> int:
    """`decide --album`: every album under the paths takes its pooled suggestion, by the
    same rule as the app's Apply album suggestion."""
    from tagger.app.decisions import decide_albums, review_data

    if args.genres is not None or args.skip or args.clear:
        _err("--album goes with --accept: it accepts each album's pooled suggestion")
        return 2
    ws.require_model()
    data = review_data(ws, args.paths)
    albums = data.albums()
    if not albums:
        _err(_nothing_there(args.paths, "`tagger analyze`", ws.lib))
        return 1
    outcomes = decide_albums(ws, data, albums)
    for o in outcomes:
        print(o.describe(), file=sys.stdout if o.taken else sys.stderr)
    taken = sum(len(o.taken) for o in outcomes)
    print(f"{taken} track(s) of {sum(bool(o.taken) for o in outcomes)} album(s) updated", file=sys.stderr)
    # every album's tracks decided already: nothing to do is not a failure (as a folder's --accept)
    all_decided = all(not o.note and set(o.left_out) <= {"decided"} for o in outcomes)
    return 0 if taken or all_decided else 1


def cmd_models(args) -> int:
    import dataclasses

    from tagger.app.training import PERSONAL_MODEL_HINT
    from tagger.model import available_devices, default_model_path, list_models

    models = list_models()
    default = str(default_model_path())
    if args.json:
        for m in models:
            if isinstance(m, tuple):
                print(json.dumps({"path": str(m[0]), "error": m[1]}))
            else:
                print(json.dumps({"key": m.key, **dataclasses.asdict(m)}, ensure_ascii=False))
        return 0
    from tagger.model_summary import summary_lines

    for i, m in enumerate(models):
        if i:
            print()
        if isinstance(m, tuple):
            print(f"{m[0]}\n    UNUSABLE: {m[1]}")
            continue
        lines = summary_lines(m)  # named by its key: what --model takes
        print("\n".join([m.key + ("  [default]" if m.path == default else ""), *(f"    {x}" for x in lines[1:])]))
    print()
    print(f"devices here: {', '.join(available_devices())}")
    print(PERSONAL_MODEL_HINT)
    return 0


def cmd_vocabulary(args) -> int:
    from tagger.app.workspace import load_vocabulary, user_vocabulary_path

    vocab = load_vocabulary()  # a broken user file: exit 1 with the reason
    user = user_vocabulary_path()
    if args.init and user.exists():  # never overwrite the user's edits
        print(f"kept your vocabulary {user} (already there; delete it to start again from the bundled one)")
        return 0
    if args.init:
        path = vocab.save(user)
        print(f"vocabulary copied to {path}: edit it, the app and the CLI use it from now on")
        return 0

    def show(parent: str | None, depth: int) -> None:  # the tree: each genre under its parent
        for name in vocab.children(parent):
            aliases = [a for a in vocab.genres[name] if a.casefold() != name.casefold()]
            print("  " * depth + name + (f"  ({', '.join(aliases)})" if aliases else ""))
            show(name, depth + 1)

    show(None, 0)
    return 0


def cmd_gui(args) -> int:
    from tagger.paths import folder_to_open

    paths = getattr(args, "paths", None) or []
    _check_paths(paths)
    folder, others = folder_to_open(paths)
    if others:
        _err(
            f"opening {one_line(str(folder))}; the app opens one folder at a time, so these are left out: "
            + ", ".join(map(one_line, others))
        )
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    ):
        _err(
            "no display to open the app on; from a terminal use a command, e.g. "
            "`tagger analyze ~/Music` (see `tagger --help`)"
        )
        return 2
    from tagger.gui.app import run_app

    return run_app(folder=folder, db=getattr(args, "db", None))


def cmd_personal(args) -> int:
    from tagger.app import personal

    if (args.action == "use") != bool(args.file):
        _err("`tagger personal use FILE` names a .personal.npz file; the other actions take none")
        return 2
    ws = _workspace(args)
    ws.require_model()
    if args.action == "train":
        outcome = personal.train_library(ws)
        # kept before anything is printed: a reader that closes the pipe early (`| head -1`)
        # must not cost the user the model
        path = personal.activate(ws, outcome.model) if outcome.model is not None else None
        for line in outcome.lines(ws.min_confidence):
            print(line)
        if outcome.model is None:
            return 1
        print(f"now in use: your {outcome.model.summary()} ({path})", file=sys.stderr)
        return 0
    if args.action == "use":
        path = personal.use_file(ws, args.file)
        print(f"now in use: your {ws.personal.summary()} (kept as {path})", file=sys.stderr)
        return 0
    if args.action == "back":
        model = personal.go_back(ws)
    elif args.action == "off":
        personal.stop_using(ws)
        model = None
    else:
        model = ws.personal
        if ws.personal_note:
            print(ws.personal_note)
    print(f"in use: your {model.summary()}" if model is not None else "in use: the model's genres only")
    if model is not None and args.action == "status":
        base = personal.base_genres(ws)
        for r in model.reports:
            print("  " + r.describe(model.threshold, base))
    return 0


COMMANDS = {
    "scan": cmd_scan,
    "analyze": cmd_analyze,
    "analyse": cmd_analyze,
    "apply": cmd_apply,
    "undo": cmd_undo,
    "history": cmd_history,
    "decide": cmd_decide,
    "models": cmd_models,
    "vocabulary": cmd_vocabulary,
    "personal": cmd_personal,
    "gui": cmd_gui,
}


def _files_named_like_options(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`argv` with each file named like an option that no command has ("-3.opus", a
    track number first) written as "./-3.opus": argparse took it for an unknown option
    and answered with the top-level usage. Only an argument that is no option of the
    command and names something on disk is changed ("--json" stays an option even
    where a file of that name exists)."""
    if "--" in argv:
        argv, rest = argv[: argv.index("--")], argv[argv.index("--") :]
    else:
        rest = []
    options = _option_strings(parser, argv[0] if argv else "")
    out, takes_value = [], False
    for token in argv[1:]:
        known = token.split("=", 1)[0] if token.startswith("--") else token
        matches = [o for o in options if o == known or (known.startswith("--") and o.startswith(known))]
        if takes_value:  # the value of the option before it, whatever it looks like
            takes_value = False
        elif matches:
            takes_value = "=" not in token and any(options[o] for o in matches)
        elif token.startswith("-") and len(token) > 1 and os.path.lexists(token):
            token = os.path.join(".", token)
        out.append(token)
    return argv[:1] + out + rest


def _option_strings(parser: argparse.ArgumentParser, command: str) -> dict[str, bool]:
    """The option strings of `command` (and the top level's) -> whether each takes a value."""
    found: dict[str, bool] = {}
    parsers = [parser]
    for action in parser._actions:  # argparse keeps its subcommands here (no public way to list them)
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            parsers.append(action.choices[command])
    for p in parsers:
        for action in p._actions:
            for option in action.option_strings:
                found[option] = action.nargs != 0
    return found


def main(argv: list[str] | None = None) -> int:
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before anything imports onnxruntime
    import multiprocessing

    multiprocessing.freeze_support()  # worker processes of the frozen app
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-") and os.path.exists(argv[0]):
        argv = ["gui", *argv]  # `genre-tagger FOLDER`, and what a .desktop entry's %F passes
    parser = _parser()
    args = parser.parse_args(_files_named_like_options(parser, argv))
    if not args.command:
        args.command, args.paths, args.db = "gui", [], None
    if sys.stdout is None and args.command != "gui":  # closed (`tagger history >&-`)
        if sys.stderr is not None:
            _err("standard output is closed: nothing to write the results to")
        return 1
    # None in a windowed app, or closed: what would go there goes nowhere
    sys.stdout = sys.stdout or open(os.devnull, "w")  # noqa: SIM115 - for the process's life
    sys.stderr = sys.stderr or open(os.devnull, "w")  # noqa: SIM115
    saved = sys.stdout, sys.stderr
    sys.stderr = VisibleControls(sys.stderr)
    # --json: stdout is exact JSON
    out = JsonEscapes(sys.stdout) if getattr(args, "json", False) else VisibleControls(sys.stdout)
    sys.stdout = OwnOutput(out, sys.stderr)
    # a `kill` or a closed terminal stops a command as Ctrl+C does; the app ends by its window
    stops = contextlib.nullcontext() if args.command == "gui" else handled_by(terminate, "SIGTERM", "SIGHUP")
    try:
        with stops:
            return _run(args)
    finally:
        sys.stdout, sys.stderr = saved


def _remove_leftover_copies() -> None:
    """Temporary copies a killed write left beside the music go at every start."""
    from tagger.temp_copies import remove_leftovers

    n = len(remove_leftovers())
    if n:
        _err(f"removed {n} temporary cop{'y' if n == 1 else 'ies'} of audio files left by an interrupted write")


def _settings_problems() -> None:
    """A settings value that is not valid was replaced by its default: say which."""
    from tagger.config import Settings

    problems: list = []
    Settings.load(problems=problems)
    for line in problems:
        _err(f"settings: {line}")


def _run(args) -> int:
    try:
        _remove_leftover_copies()
        _settings_problems()
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a full disk behind `> file` is told now, not lost at exit
        return code
    except KeyboardInterrupt as exc:
        return _stopped(exc)
    except BrokenPipeError:  # the reader stopped early (`tagger history | head -1`): quietly, like other tools
        _silence_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for a command cut off this way
    except OutputError as exc:
        _silence_stdout()
        _err(_noted(f"cannot write the output: {exc}", exc))
        return 1
    except (FileNotFoundError, PermissionError) as exc:
        _err(_noted(str(exc), exc))
        return 1
    except Exception as exc:  # a ValueError too (ModelFileError is one): is_bug tells ours from a library's
        from tagger import error_report  # only on this path: keeps `tagger --help` fast
        from tagger.db import database_problem

        problem = database_problem(exc)
        if not error_report.is_bug(exc):  # its one line is the whole story
            _err(_noted(problem or str(exc) or exc.__class__.__name__, exc))
        elif problem is not None:  # SQLite's own words, and the details kept
            report = error_report.save(exc)
            _err(_noted(f"{problem}" + (f" (details in {report}: please report it)" if report else ""), exc))
        else:  # a bug: one line here, the traceback in a report file
            _err(_noted(error_report.one_line(exc, error_report.save(exc)), exc))
        return 1


def _noted(line: str, exc: BaseException) -> str:
    """The error's line with what the command added on its way out (`add_note`: e.g. the
    files a write had done before it), still one line."""
    return "; ".join([line, *getattr(exc, "__notes__", ())])


def _silence_stdout() -> None:
    """No second error when Python flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
