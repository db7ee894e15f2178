"""The app on a 100,000-track library (issue 11, "Scale on one machine").

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" python3 scripts/bench_gui_scale.py [--tracks N]
    QT_QPA_PLATFORM=offscreen python3 scripts/bench_gui_scale.py    (no X server: Qt draws into memory)

1. Analyses the example music and the tests' real audio once (`tagger analyze`), then
   builds an N-track library from those real results copied under new content ids
   (scores jittered a little, so sorting by confidence has something to sort), with
   varied artists and albums. Every track is a hard link to one of the real files, so a
   rescan finds them all unchanged and cached, and selecting a track decodes real audio.
2. Measures the driver's SQLite store rate: results stored per second by the analysis
   run (`tagger.app.analysis.AnalysisRun`) when the executor hands back results at once.
3. In a fresh process, opens the real main window on the library and measures, with a
   5 ms timer in the app's own event loop, the longest gap between two ticks (a frozen
   window) while it loads, sorts by each column, filters, searches, groups by album,
   scrolls, holds Down for 50 rows, accepts all above the threshold, sorts by "Will
   write", uses a personal model (every row re-scored) and rescans; plus the GUI process's peak memory (VmHWM) and the DB size per
   track. Goals: no gap over 100 ms, peak under 1 GB, DB at most 1.5 KB per track.

BENCH_STACKS=1 prints every thread's stack when the window has not ticked for 100 ms
(faulthandler's watchdog, re-armed at each tick: it needs no GIL, so it shows who held
it), after an "ACTION name" line, on stderr, kept in WORK/gui-stderr.txt. It reads the
other threads' frames while they run: once in about six runs here it crashed the GUI
process in the middle of a dump (a diagnostic, not for the figures).
BENCH_PERF=FILE records the rescan with `perf` (Debian's linux-perf; CPU samples and
scheduler switches of every thread, native stacks) into FILE, and the frame timer's ticks
and the window's paint, resize and layout events, on the same clock, into FILE.ticks;
`python3 scripts/perf_gaps.py FILE` then tells what each thread did during the longest
gaps (it found the rescan's last long frames: the window resized by its status bar).
WORK/gui-progress.txt has each action as it ended, with the process's peak memory so far
and the collector passes of over 30 ms during it (any thread's full pass holds the GIL).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SOURCES = [REPO / "resources" / "example-music", REPO / "tests" / "data"]
GENRES = ["Rock", "Jazz", "Classical", "Electronic", "Pop", "Blues", "Hip-Hop", "Folk", "Country", "Metal"]
WORDS = (
    "love night blue river city dream fire stone light rain gold road heart wild summer shadow "
    "silver morning echo glass ocean paper iron velvet winter garden"
).split()


def env(work: Path) -> dict:
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        ORT_DISABLE_TELEMETRY="1",
        GENRE_TAGGER_CONFIG_DIR=str(work / "config"),
        GENRE_TAGGER_DATA_DIR=str(work / "data"),
    )


# ---------------------------------------------------------------------- building
def analyse_sources(work: Path) -> Path:
    """The real analyses: every audio file of SOURCES, analysed once."""
    src = work / "sources.sqlite"
    if src.exists():
        src.unlink()
    cmd = [sys.executable, "-m", "tagger", "analyze", *map(str, SOURCES), "--db", str(src), "--workers", "2"]
    subprocess.run(cmd, env=env(work), check=True, cwd=REPO, capture_output=True, text=True)
    return src


def source_results(src: Path):
    """[(path, size, mtime_ns, format, duration, result dict)] of the analysed files."""
    from tagger import db
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    info = read_metadata(default_model_path())
    lib = db.Library(src)
    out = []
    for t in lib.tracks_under([str(p) for p in SOURCES]):
        a = lib.analysis_for(t.content_id, info.key) if t.content_id else None
        if a is None or a.status != "ok":
            continue
        st = os.stat(t.path)
        result = {
            "status": "ok",
            "error": None,
            "seconds": a.seconds,
            "scores": a.scores,
            "patch_starts": a.patch_starts,
            "patch_scores": a.patch_scores,
            "embedding": a.embedding,
        }
        out.append((t.path, st.st_size, st.st_mtime_ns, t.format, t.duration, a.n_patches, result))
    lib.close()
    return info, out


def names(rng, n_words: int) -> str:
    return " ".join(w.capitalize() for w in rng.choice(WORDS, n_words))


def build(work: Path, n_tracks: int, n_albums: int, patches: int = 0) -> dict:
    """The big library (DB + hard-linked files). Returns what was measured on the way."""
    from tagger import db

    started = time.perf_counter()
    src = analyse_sources(work)
    info, sources = source_results(src)
    analyse_s = time.perf_counter() - started
    rng = np.random.default_rng(11)
    root = work / "library"
    shutil.rmtree(root, ignore_errors=True)
    path = work / "big.sqlite"
    for p in work.glob("big.sqlite*"):
        p.unlink()
    lib = db.Library(path)
    lib.register_model(info)
    n_artists = max(1, n_albums // 5)
    artists = [f"{names(rng, 2)} {i}" for i in range(n_artists)]
    tracks, results = [], []
    patch_pool = np.concatenate([np.asarray(r["patch_scores"], np.float32) for *_, r in sources])
    per_album = n_tracks / n_albums
    for i in range(n_tracks):
        album_no = int(i / per_album)
        artist = artists[(album_no * 7919) % n_artists]
        first = i == 0 or int((i - 1) / per_album) != album_no
        album = f"{names(rng, 2)} {album_no}" if first else tracks[-1]["album"]
        number = 1 if first else tracks[-1]["tracknumber"] + 1
        folder = root / f"{artist[:1]}" / artist / album
        k = i % len(sources)
        spath, size, mtime_ns, fmt, duration, n_patches, result = sources[k]
        file = folder / f"{number:02d} {names(rng, 3)}{Path(spath).suffix}"
        if first:
            folder.mkdir(parents=True, exist_ok=True)
        os.link(spath, file)
        cid = "v2:" + hashlib.sha256(f"bench-{i}".encode()).hexdigest()[:32]
        genres = [] if rng.random() < 0.35 else [GENRES[int(rng.integers(len(GENRES)))]]
        tracks.append(
            dict(
                path=str(file),
                folder=str(folder),
                album=album,
                artist=artist,
                title=file.stem[3:],
                tracknumber=number,
                duration=duration,
                format=fmt,
                content_id=cid,
                genres_json=json.dumps(genres),
                fields_json="{}",
                status="present",
                size=size,
                mtime_ns=mtime_ns,
                scanned_at=time.time(),
            )
        )
        scores = np.clip(np.asarray(result["scores"]) + rng.normal(0, 0.04, len(result["scores"])), 0, 1)
        copy = dict(result, scores=scores.astype(np.float32).tolist())
        if patches:  # `patches` a track (--patches): real patch rows, drawn from all files
            picks = patch_pool[rng.integers(len(patch_pool), size=patches)]
            starts = sorted((rng.random(patches) * max(30.0, (duration or 200) - 3)).round(3).tolist())
            copy.update(patch_scores=picks.tolist(), patch_starts=starts)
        results.append((cid, copy))
    with lib.engine.begin() as c:
        c.execute(db.Track.__table__.insert(), tracks)
    t = time.perf_counter()
    store_all(lib, results, info.key, n_patches)
    store_s = time.perf_counter() - t
    lib.close()
    size = sum(p.stat().st_size for p in work.glob("big.sqlite*"))
    space = [(name, n / n_tracks) for name, n in db.space.space_by_object(path) if n / n_tracks >= 1]
    return {
        "db": str(path),
        "root": str(root),
        "sources": len(sources),
        "analyse_s": analyse_s,
        "build_store_per_s": n_tracks / store_s,
        "db_bytes_per_track": size / n_tracks,
        "db_bytes_per_track_by_object": space,  # tables and indexes of at least a byte a track
        "n_tracks": n_tracks,
        "model": info.key,
    }


def store_all(lib, results, model_key: str, n_patches: int) -> None:
    """The results, stored as the analysis job stores them."""
    from tagger import db

    store_many = getattr(db.analyses, "store_many", None)
    if store_many is not None:
        for start in range(0, len(results), 5000):
            store_many(lib, results[start : start + 5000], model_key, n_patches)
        return
    # an older version (before issue 11): the JSON row its `store` wrote, inserted in bulk
    rows = [
        dict(
            content_id=cid,
            model_key=model_key,
            status="ok",
            error=None,
            seconds=r["seconds"],
            n_patches=n_patches,
            created_at=time.time(),
            scores_json=json.dumps(r["scores"]),
            patch_starts_json=json.dumps(r["patch_starts"]),
            patch_scores_json=json.dumps(r["patch_scores"]),
            embedding=r.get("embedding"),
        )
        for cid, r in results
    ]
    with lib.engine.begin() as c:
        c.execute(db.Analysis.__table__.insert(), rows)


class ReplayExecutor:
    """Hands back a real result for every task at once: the analysis run's own cost
    (storing, progress) is then all that is measured."""

    slots = 256

    def __init__(self, result: dict):
        self.result, self.device_note, self.incidents, self.queue = result, "", [], []

    def start(self) -> None:
        pass

    def submit(self, task) -> None:
        self.queue.append(task)

    def pending(self) -> int:
        return len(self.queue)

    def cancel(self) -> int:
        return 0

    def results(self, timeout: float):
        out, self.queue = [(t, self.result) for t in self.queue], []
        return out

    def close(self) -> None:
        pass


def store_rate(work: Path, n: int = 5000) -> float:
    """Results stored per second by AnalysisRun with an executor that answers at once."""
    from tagger import db
    from tagger.app.analysis import AnalysisRun

    src = work / "sources.sqlite"
    info, sources = source_results(src)
    path = work / "rate.sqlite"
    for p in work.glob("rate.sqlite*"):
        p.unlink()
    lib = db.Library(path)
    lib.register_model(info)
    with lib.engine.begin() as c:
        c.execute(
            db.Track.__table__.insert(),
            [
                dict(
                    path=f"/nowhere/{i:06d}.ogg",
                    folder="/nowhere",
                    content_id="v2:" + hashlib.sha256(f"rate-{i}".encode()).hexdigest()[:32],
                    genres_json="[]",
                    status="present",
                    size=1,
                    mtime_ns=1,
                    scanned_at=0.0,
                )
                for i in range(n)
            ],
        )
    tracks = lib.tracks_under(["/nowhere"])
    run = AnalysisRun(lib, executor=ReplayExecutor(sources[0][-1]), n_patches=sources[0][5])
    t = time.perf_counter()
    progress = run.run(tracks)
    seconds = time.perf_counter() - t
    assert progress.done == n, progress
    lib.close()
    return n / seconds


# ---------------------------------------------------------------------- the GUI
FACTS = ("peak memory (VmHWM)", "Qt platform")  # result rows that are not actions


class Timeline:
    """BENCH_PERF=FILE (see the module's note): `perf record` of this process during one
    action, with the ticks and the window's events on perf's clock (CLOCK_MONOTONIC)."""

    EVENTS = ("Paint", "Resize", "LayoutRequest")

    def __init__(self, out: str, widgets):
        from PySide6.QtCore import QEvent, QObject

        self.out, self.lines, self.on = out, [], False
        wanted = {getattr(QEvent, name) for name in self.EVENTS}
        lines = self.lines
        timeline = self

        class EventLog(QObject):
            def eventFilter(self, obj, ev):
                if timeline.on and ev.type() in wanted:
                    lines.append(f"# {time.monotonic():.6f} {ev.type().name} {obj.objectName() or type(obj).__name__}")
                return False

        self._log = EventLog()
        for w in widgets:
            w.installEventFilter(self._log)
        self.perf = None

    def tick(self) -> None:
        if self.on:
            self.lines.append(f"{time.monotonic():.6f}")

    def start(self) -> None:
        cmd = ["perf", "record", "-q", "-k", "CLOCK_MONOTONIC", "-e", "cpu-clock", "-e", "sched:sched_switch"]
        cmd += ["-F", "1000", "--call-graph", "dwarf,16384", "-p", str(os.getpid()), "-o", self.out]
        self.perf = subprocess.Popen(cmd)
        time.sleep(1.0)  # perf attached
        self.on = True

    def stop(self) -> None:
        import signal

        self.on = False
        if self.perf is not None:
            self.perf.send_signal(signal.SIGINT)
            self.perf.wait()
        Path(self.out + ".ticks").write_text("\n".join(self.lines) + "\n")


def vm(key: str) -> float:
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def collector_passes(over_s: float = 0.03) -> list[tuple[str, int, float]]:
    """Collector passes over `over_s`, as (thread, generation, seconds), appended as they
    end (gc.callbacks): a full pass in any thread holds the GIL, and the window with it."""
    import gc
    import threading

    passes: list[tuple[str, int, float]] = []
    started: dict[int, float] = {}

    def note(phase, info):
        me = threading.get_ident()
        if phase == "start":
            started[me] = time.perf_counter()
        elif me in started:
            took = time.perf_counter() - started.pop(me)
            if took > over_s:
                passes.append((threading.current_thread().name, info["generation"], took))

    gc.callbacks.append(note)
    return passes


def gui(db_path: str, root: str, n_tracks: int) -> list[tuple[str, float, float, str]]:
    """[(action, longest gap ms, seconds, note)] measured in the real main window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from tagger.config import Settings
    from tagger.gui import dialogs
    from tagger.gui.app import create_window
    from tagger.review import COLUMNS, FILTERS

    Settings(workers=2, learn_as_you_review=False).save()
    app, window = create_window(db=db_path)
    window.resize(1400, 900)
    window.show()

    gaps = {"last": time.perf_counter(), "worst": 0.0}

    watchdog = bool(os.environ.get("BENCH_STACKS"))
    if watchdog:
        import faulthandler

    timeline: Timeline | None = None  # BENCH_PERF

    def tick():
        if timeline is not None:
            timeline.tick()
        now = time.perf_counter()
        gaps["worst"] = max(gaps["worst"], now - gaps["last"])
        gaps["last"] = now
        if watchdog:  # every thread's stack, from a C thread (no GIL needed), if no tick for 100 ms
            faulthandler.dump_traceback_later(0.1, repeat=False, file=sys.stderr)

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)
    probe.start()
    passes = collector_passes()

    def run_loop(ms: int, until=None, timeout_s: float = 300.0) -> None:
        loop = QEventLoop()
        deadline = time.perf_counter() + (timeout_s if until else ms / 1000)
        check = QTimer()
        check.setInterval(10 if until else ms)

        def done():
            if until is None or until() or time.perf_counter() > deadline:
                loop.quit()

        check.timeout.connect(done)
        check.start()
        loop.exec()
        check.stop()

    results: list[tuple[str, float, float, str]] = []

    def measure(name: str, action, until=None, settle_ms: int = 300, note=lambda: "") -> None:
        run_loop(50)
        if watchdog:
            print(f"ACTION {name}", file=sys.stderr, flush=True)
        del passes[:]
        gaps["last"], gaps["worst"] = time.perf_counter(), 0.0
        t = time.perf_counter()
        action()
        if until is not None:
            run_loop(0, until)
        seconds = time.perf_counter() - t
        run_loop(settle_ms)
        results.append((name, gaps["worst"] * 1000, seconds, note()))
        # with the peak so far (kept in WORK/gui-progress.txt): which action reaches the peak
        collected = ", ".join(f"{t} gen{g} {1000 * d:.0f} ms" for t, g, d in passes)
        print(
            f"  {name:<38} {gaps['worst'] * 1000:8.0f} ms {seconds:8.2f} s  {results[-1][3]}"
            f"  [peak so far {vm('VmHWM'):.0f} MB]"
            + (f"  [collector passes over 30 ms: {collected}]" if passes else ""),
            flush=True,
        )

    def load():
        window.roots = [root]
        window.reload_rows()

    measure(
        "load",
        load,
        lambda: window.review_data is not None and window.model.rowCount() == n_tracks,
        note=lambda: f"RSS {vm('VmRSS'):.0f} MB",
    )
    table = window.table
    for col, (_key, header) in enumerate(COLUMNS):
        measure(f"sort by {header}", lambda col=col: table.sortByColumn(col, Qt.AscendingOrder))
    measure("sort by Artist, descending", lambda: table.sortByColumn(0, Qt.DescendingOrder))
    for key in FILTERS:
        measure(
            f"filter: {key}", lambda key=key: window.set_filter(key), note=lambda: f"{window.model.rowCount()} rows"
        )
    measure("filter: all", lambda: window.set_filter("all"))

    window.search.setFocus()
    for i, letter in enumerate("river"):
        measure(
            f"search: type '{'river'[: i + 1]}'",
            lambda letter=letter: QTest.keyClick(window.search, letter),
            settle_ms=500,
            note=lambda: f"{window.model.rowCount()} rows",
        )
    measure("search: clear", lambda: window.set_search(""))
    measure(
        "group by album",
        lambda: window.group_albums.setChecked(True),
        lambda: not getattr(window.album_page, "grouping", lambda: False)(),  # built a part per turn
        settle_ms=500,
        note=lambda: f"{window.album_model.rowCount()} albums",
    )
    measure("back to tracks", lambda: window.group_albums.setChecked(False), settle_ms=500)

    def scroll():
        bar = table.verticalScrollBar()
        for v in np.linspace(0, bar.maximum(), 60):
            bar.setValue(int(v))
            run_loop(20)

    measure("scroll top to bottom (60 steps)", scroll)
    table.sortByColumn(0, Qt.AscendingOrder)
    table.setFocus()
    table.selectRow(0)

    def details_done():  # no spectrogram decode running
        return not any(t.objectName() == "details" for t in list(window.ctx.threads))

    run_loop(0, details_done, 60)
    rss_before = vm("VmRSS")

    def hold_down():
        for _ in range(50):
            QTest.keyClick(table, Qt.Key_Down)
            run_loop(33)  # key auto-repeat: about 30 rows a second

    measure(
        "hold Down for 50 rows",
        hold_down,
        details_done,
        note=lambda: f"RSS {vm('VmRSS'):.0f} MB (was {rss_before:.0f}), row {table.currentIndex().row()}",
    )
    threshold = window.review_data.min_confidence
    dialogs.ask = lambda *a, **k: True  # the confirmation, answered yes
    taken = {"n": sum(1 for r in window.review_data.rows if r.status == "new")}  # counted before the clock starts

    def accept_all():
        window.accept_all_above_threshold()

    measure(
        f"accept all above {threshold:.0%}",
        accept_all,
        lambda: window.decisions.recording == 0,
        settle_ms=500,
        note=lambda: f"{taken['n'] - sum(1 for r in window.review_data.rows if r.status == 'new')} accepted",
    )
    decision_col = [k for k, _ in COLUMNS].index("decision")
    measure("sort by Will write (after accepting)", lambda: table.sortByColumn(decision_col, Qt.AscendingOrder))
    measure("sort by Will write, descending", lambda: table.sortByColumn(decision_col, Qt.DescendingOrder))
    # a personal model, as learn-as-you-review makes one: trained (before the clock) on
    # tracks of the library, then used; the window re-scores all 100,000 rows
    from tagger.personal import Example, load_background, source_of, train

    data = window.review_data
    taught = [r for r in data.rows if r.embedding is not None and r.suggestion][:: max(1, len(data.rows) // 400)]
    model = train(
        [Example(r.embedding, [r.suggestion[0]], group=r.album) for r in taught],
        load_background(),
        source_of(window.ctx.ws.info),
    )
    measure(
        "use a personal model (re-score every row)",
        lambda: window.learning.use_model(model),
        lambda: not window.learning.rescoring,
        settle_ms=500,
        note=lambda: f"{len(window.learning.last_changed)} suggestions changed",
    )
    window.last_summary = None
    if os.environ.get("BENCH_PERF"):
        timeline = Timeline(os.environ["BENCH_PERF"], [table.viewport(), table, window.status_bar, window])
        timeline.start()
    measure(
        "rescan (all cached)",
        window.rescan,
        lambda: window.last_summary is not None and window.analysis is None,
        settle_ms=1000,
        note=lambda: f"{(window.last_summary or {}).get('cached')} cached",
    )
    if timeline is not None:
        timeline.stop()
    results.append(("peak memory (VmHWM)", 0.0, 0.0, f"{vm('VmHWM'):.0f} MB"))
    results.append(("Qt platform", 0.0, 0.0, app.platformName()))  # xcb under Xvfb; offscreen draws into memory
    probe.stop()
    window.close()
    window.ctx.lib.close()
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=100_000)
    ap.add_argument("--albums", type=int, default=8_000)
    ap.add_argument("--work", default="/tmp/gt-bench-scale", help="folder for the library (rebuilt)")
    ap.add_argument(
        "--patches",
        type=int,
        default=0,
        help="per-patch scores stored per track (default: as analysed, 1-3 with the default model)",
    )
    ap.add_argument("--build-only", action="store_true", help="build the library, measure size and store rate")
    ap.add_argument("--gui", nargs=3, metavar=("DB", "ROOT", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.gui:  # the GUI process (its own peak memory)
        rows = gui(args.gui[0], args.gui[1], int(args.gui[2]))
        print("RESULTS " + json.dumps(rows))
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update(env(work))
    print(f"building a {args.tracks:,}-track library in {work} ...", flush=True)
    if args.build_only:
        built = build(work, args.tracks, args.albums, args.patches)
        print(json.dumps(built), f"driver stores {store_rate(work):,.0f} results/s")
        print_space(built)
        return 0
    built = build(work, args.tracks, args.albums, args.patches)
    rate = store_rate(work)
    print(
        f"  {built['sources']} real analyses copied; DB {built['db_bytes_per_track']:.0f} bytes per track; "
        f"driver stores {rate:,.0f} results/s",
        flush=True,
    )
    proc = subprocess.run(
        [sys.executable, __file__, "--gui", built["db"], built["root"], str(args.tracks)],
        env=env(work),
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    (work / "gui-stderr.txt").write_text(proc.stderr)  # the stall stacks (BENCH_STACKS=1), Qt's notes
    (work / "gui-progress.txt").write_text(proc.stdout)  # each action as it ends, with the peak memory so far
    sys.stderr.write(proc.stderr[-3000:])
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULTS ")]
    if proc.returncode or not line:
        print(proc.stdout[-3000:])
        return 1
    rows = json.loads(line[-1][len("RESULTS ") :])
    print(f"\n| action ({args.tracks:,} tracks) | longest frame | took | note |")
    print("|---|---:|---:|---|")
    for name, gap, seconds, note in rows:
        if name in FACTS:
            print(f"| {name} | | | {note} |")
        else:
            flag = " **over**" if gap > 100 else ""
            print(f"| {name} | {gap:.0f} ms{flag} | {seconds:.2f} s | {note} |")
    worst = max(g for n, g, _, _ in rows if n not in FACTS)
    print(f"| DB size | | | {built['db_bytes_per_track']:.0f} bytes per track |")
    print(f"| driver store rate | | | {rate:,.0f} results/s |")
    print(f"\nlongest frame overall: {worst:.0f} ms (goal: 100 ms)")
    print_space(built)
    return 0


def print_space(built: dict) -> None:
    """The DB's bytes per track by table and index (SQLite's dbstat)."""
    print("\n| table or index | bytes per track |\n|---|---:|")
    for name, per_track in built["db_bytes_per_track_by_object"]:
        print(f"| {name} | {per_track:,.0f} |")
    print(f"| **file** (goal: 1,500) | **{built['db_bytes_per_track']:,.0f}** |")


if __name__ == "__main__":
    sys.exit(main())
