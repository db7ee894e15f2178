#!/usr/bin/env python3
"""Smoke test and budget measurement of a built Genre Tagger bundle (any platform).

    python packaging/smoke_test.py dist/genre-tagger                 # Linux / Windows folder
    python packaging/smoke_test.py "dist/Genre Tagger.app"           # macOS
    python packaging/smoke_test.py dist/genre-tagger --archive dist/genre-tagger-0.1.0-linux-x86_64.tar.xz \
        --runs 5 --write-doc docs/packaging.md --json-out build/smoke.json
    python packaging/smoke_test.py dist/genre-tagger --check-contents-only

Checks, each failing loudly (exit 1, a line per problem):

1. contents: the default model, resources/vocabulary.json and the icons are inside; none
   of torch, librosa, numba, llvmlite, tensorflow, matplotlib, sklearn, onnx (the Python
   package) is, neither as files nor as modules in the frozen archive.
2. `--version` prints `genre-tagger <tagger.__version__ of this checkout>`;
   `models --json` lists the bundled default model.
3. `analyze --json --db <tmp> <folder>` on real files of every supported format (made
   with tests/audio_fixtures.py: PyAV transcodes of resources/example-music excerpts and
   the committed APE): one JSON object per file, status ok, model msd-mtt-musicnn@1.1.0,
   genres non-empty and sorted best first.
4. the main window opens offscreen (QT_QPA_PLATFORM=offscreen) and the app exits 0, via
   the smoke hook of `tagger.gui.app.run_app`: with GENRE_TAGGER_SMOKE_EXIT_MS=N it
   prints `genre-tagger smoke: window shown` on stderr once the main window is up and
   quits N ms later. With GENRE_TAGGER_SMOKE_PLAY=FILE as well, the preview player's
   pieces run in the frozen app: one second of FILE decoded by its decoding thread (PyAV),
   and QtMultimedia asked for the default output (answering "No audio output device"
   on a machine without sound is a pass; a crash or short decode is not).
5. a personal model trains and is used in the frozen app: two files decided as a genre no
   model has (`decide --genres`), `personal train` (tagger.personal: numpy only), then
   `analyze --json` scores every file for that genre from the stored embeddings; then the
   GUI's Train dialog (GENRE_TAGGER_SMOKE_TRAIN=1, tagger.gui.app._smoke_train) trains
   from the same decisions in the app and the status bar names the personal model.
6. contents, again: Qt's FFmpeg media plugin, Qt's own FFmpeg libraries and
   QtQuick/Qml/VirtualKeyboard are not in the bundle (the preview player uses PyAV and
   QAudioSink; see docs/packaging.md), while PyAV's FFmpeg is.

The bundle runs in a clean environment: HOME/APPDATA in a temporary folder, PATH without
this Python, its venv, or ffmpeg (an empty folder on Linux/macOS; System32 on Windows),
no PYTHON* variables. This script itself needs numpy, PyAV and mutagen (to make the
audio files): run it with the build venv's Python.

With --runs N (N > 0) it also measures, N times each: process start to `--version`
done, to the main window shown, and to the first analysed track (`--workers 1`, a fresh
database, one MP3); plus the unpacked size and the --archive size. Medians (and the
first run, the coldest) go to stdout, --json-out, and the block between
`<!-- measured:begin -->` and `<!-- measured:end -->` of --write-doc.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IS_WIN = sys.platform.startswith("win")
IS_MAC = sys.platform == "darwin"

DEFAULT_MODEL = "msd-mtt-musicnn@1.1.0"
SMOKE_ENV = "GENRE_TAGGER_SMOKE_EXIT_MS"
SMOKE_MARKER = "genre-tagger smoke: window shown"
# Qt's FFmpeg (its own libav*/libsw*, the FFmpeg stubs) and QtQuick/Qml/VirtualKeyboard,
# which only Qt's FFmpeg media plugin needed: never in the bundle (PySide6's folders only;
# PyAV's own FFmpeg lives in av.libs / av/.dylibs and is needed)
QT_DROPPED = re.compile(
    r"^(lib)?(avcodec|avformat|avutil|avfilter|avdevice|swresample|swscale)[-.]"
    r"|^(lib)?Qt6FFmpegStub"
    r"|^(lib)?Qt6?(Quick|Qml|QmlMeta|QmlModels|QmlWorkerScript|VirtualKeyboard|VirtualKeyboardQml)"
    r"(\.so|\.dll|\.\d+\.dylib|\.framework$)"
    r"|qtvirtualkeyboardplugin"
)
# with SMOKE_ENV: decode 1 s of this file the way the preview player does, say where it would play
PREVIEW_ENV = "GENRE_TAGGER_SMOKE_PLAY"
PREVIEW_RE = re.compile(
    r"genre-tagger smoke: preview decoded (\d+) bytes \((\d+) Hz, (\d) ch, (s16|flt)\); "
    r"output: (.*)$",
    re.M,
)
FORBIDDEN = ("torch", "librosa", "numba", "llvmlite", "tensorflow", "matplotlib", "sklearn", "onnx")
BUDGETS = {"unpacked_mb": 400, "compressed_mb": 160, "window_s": 3.0}


class SmokeFailure(Exception):
    pass


def log(msg: str) -> None:
    print(msg, flush=True)


# ------------------------------------------------------------------ the bundle
class Bundle:
    def __init__(self, path: Path):
        self.path = path.resolve()
        if not self.path.exists():
            raise SmokeFailure(f"no bundle at {path}")
        if self.path.suffix == ".app":  # macOS: Contents/MacOS/<exe>, data in Frameworks/Resources
            self.gui = self.cli = self.path / "Contents" / "MacOS" / "genre-tagger"
            self.internal = self.path / "Contents" / "Frameworks"
            self.resource_roots = [self.path / "Contents" / "Resources", self.internal]
        elif IS_WIN:
            self.gui = self.path / "genre-tagger.exe"
            self.cli = self.path / "tagger.exe"
            self.internal = self.path / "_internal"
            self.resource_roots = [self.internal]
        else:
            self.gui = self.cli = self.path / "genre-tagger"
            self.internal = self.path / "_internal"
            self.resource_roots = [self.internal]
        for exe in {self.gui, self.cli}:
            if not exe.is_file():
                raise SmokeFailure(f"missing executable {exe}")

    def resource(self, rel: str) -> Path | None:
        for r in self.resource_roots:
            p = r / "resources" / rel
            if p.exists():
                return p
        return None

    def size_bytes(self) -> int:
        total = 0
        for dirpath, _dirs, files in os.walk(self.path):
            for f in files:
                p = os.path.join(dirpath, f)
                if not os.path.islink(p):
                    total += os.path.getsize(p)
        return total


def check_contents(b: Bundle) -> list[str]:
    problems = []
    allow_no_icons = os.environ.get("GENRE_TAGGER_ALLOW_NO_ICONS") == "1"
    for rel in ("models/msd-mtt-musicnn.onnx", "vocabulary.json", "background-embeddings.npz"):
        if b.resource(rel) is None:
            problems.append(f"missing resources/{rel}")
    icons = b.resource("icons")
    if not allow_no_icons:
        if icons is None or not any(p.suffix in (".png", ".svg") for p in icons.iterdir()):
            problems.append("missing resources/icons (the window icon: genre-tagger*.png/.svg)")
        if b.path.suffix == ".app" and not list((b.path / "Contents" / "Resources").glob("*.icns")):
            problems.append("the .app has no .icns icon")
    # files: a folder or shared library named after a forbidden package
    names = set(FORBIDDEN)
    for dirpath, dirs, files in os.walk(b.path):
        for d in dirs:
            if d in names or d.split("-")[0] in names and d.endswith(".dist-info"):
                problems.append(f"forbidden package in the bundle: {Path(dirpath, d).relative_to(b.path)}")
        for f in files:
            if re.match(r"lib(torch|c10|numba|llvmlite|tensorflow)\b", f):
                problems.append(f"forbidden library in the bundle: {Path(dirpath, f).relative_to(b.path)}")
    # modules frozen into the PYZ archive (only visible through PyInstaller's reader)
    mods = frozen_modules(b)
    if mods is None:
        log("  (PyInstaller not importable here: frozen-module list not checked)")
    else:
        for m in sorted(mods):
            if m.split(".")[0] in names:
                problems.append(f"forbidden module frozen into the app: {m}")
                break
        for m in (
            "tagger.cli",
            "tagger.analyze",
            "tagger.model",
            "tagger.gui.app",
            "tagger.gui.main_window",
            "tagger.personal",  # personal models train in the app (no trainer, no torch)
            "tagger.app.personal",
            "tagger.gui.train_dialog",
            "tagger.gui.learning",
            "av",
            "onnxruntime",
            "PySide6",
            "sqlalchemy",
            "mutagen",
            "soundfile",
            "platformdirs",
        ):
            if m not in mods:
                problems.append(f"module missing from the app: {m}")
    # what QMediaPlayer needed and the preview player does not (genre-tagger.spec drops it)
    for dirpath, dirs, files in os.walk(b.internal):
        rel = Path(dirpath).relative_to(b.internal).as_posix()
        if not rel.startswith("PySide6"):
            continue
        if rel.endswith("plugins/multimedia") and files:
            problems.append(f"Qt's media backend plugins are in the bundle: {rel}/{', '.join(sorted(files))}")
        for f in files + dirs:
            if QT_DROPPED.match(f):
                problems.append(f"in the bundle although unused: {rel}/{f}")
    for dirpath, dirs, files in os.walk(b.path):
        for f in files + dirs:
            p = Path(dirpath, f)
            if p.is_symlink() and not p.exists():
                problems.append(f"dangling link in the bundle: {p.relative_to(b.path)} -> {os.readlink(p)}")
    if not any(re.match(r"(lib)?avcodec", f) for _d, _s, fs in os.walk(b.internal / "av.libs") for f in fs) and not any(
        re.match(r"(lib)?avcodec", f) for _d, _s, fs in os.walk(b.internal / "av") for f in fs
    ):
        problems.append("PyAV's FFmpeg (avcodec) is missing from the bundle")
    # compiled extension modules are files next to the archive
    for stem in ("PySide6/QtWidgets", "PySide6/QtMultimedia", "onnxruntime/capi/onnxruntime_pybind11_state"):
        folder = b.internal / Path(stem).parent
        if not list(folder.glob(Path(stem).name + ".*")):
            problems.append(f"extension module missing from the app: {stem}")
    return problems


def frozen_modules(b: Bundle) -> set[str] | None:
    """Module names in the executable's archive (PKG and its embedded PYZ)."""
    try:
        from PyInstaller.archive.readers import pkg_archive_contents
    except ImportError:
        return None
    try:
        return set(pkg_archive_contents(str(b.cli), recursive=True))
    except Exception as exc:  # noqa: BLE001 - a layout this reader doesn't know: say so, don't crash
        log(f"  (could not read the frozen archive of {b.cli.name}: {exc})")
        return None


# ------------------------------------------------------------------ running it
def clean_env(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "ORT_DISABLE_TELEMETRY": "1",
    }
    if IS_WIN:
        sysroot = os.environ.get("SYSTEMROOT", r"C:\Windows")
        for k in ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE"):
            if k in os.environ:
                env[k] = os.environ[k]
        env["PATH"] = f"{sysroot}\\System32;{sysroot}"
        for k, sub in (
            ("USERPROFILE", "home"),
            ("APPDATA", "home/AppData/Roaming"),
            ("LOCALAPPDATA", "home/AppData/Local"),
            ("TEMP", "tmp"),
            ("TMP", "tmp"),
        ):
            (tmp / sub).mkdir(parents=True, exist_ok=True)
            env[k] = str(tmp / sub)
    else:
        empty = tmp / "empty-bin"
        empty.mkdir(exist_ok=True)
        env["PATH"] = str(empty)  # nothing to lean on: no python, no ffmpeg
        env["TMPDIR"] = str(tmp)
        if not IS_MAC:
            run = tmp / "xdg-runtime"
            run.mkdir(mode=0o700, exist_ok=True)
            env["XDG_RUNTIME_DIR"] = str(run)
    return env


def run(cmd, env, timeout=300, check=True) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [str(c) for c in cmd],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )
    if check and p.returncode != 0:
        raise SmokeFailure(
            f"`{' '.join(map(str, cmd))}` exited {p.returncode}\n--- stdout\n{p.stdout[-3000:]}"
            f"\n--- stderr\n{p.stderr[-3000:]}"
        )
    return p


def time_to_line(cmd, env, stream: str, pattern: str | None, timeout=120) -> tuple[float, subprocess.Popen, str]:
    """Seconds from process start to the first line on `stream` (matching `pattern`);
    waits for the process to exit and returns (seconds, process, all output of `stream`)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [str(c) for c in cmd],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    q: queue.Queue = queue.Queue()
    chunks = {"stdout": [], "stderr": []}

    def pump(name, f):
        for line in f:
            chunks[name].append(line)
            if name == stream:
                q.put((time.perf_counter(), line))
        f.close()

    threads = [threading.Thread(target=pump, args=(n, getattr(p, n)), daemon=True) for n in chunks]
    for t in threads:
        t.start()
    hit = None
    deadline = t0 + timeout
    while hit is None:
        try:
            when, line = q.get(timeout=max(0.01, min(0.5, deadline - time.perf_counter())))
        except queue.Empty:
            if time.perf_counter() > deadline:
                p.kill()
                raise SmokeFailure(
                    f"`{' '.join(map(str, cmd))}`: no {pattern or 'output'} on {stream} "
                    f"within {timeout} s\n{''.join(chunks['stderr'])[-2000:]}"
                ) from None
            if p.poll() is not None and q.empty() and not any(t.is_alive() for t in threads):
                break
            continue
        if pattern is None or pattern in line:
            hit = when - t0
    try:
        p.wait(timeout=max(1.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        p.kill()
        raise SmokeFailure(f"`{' '.join(map(str, cmd))}` did not exit within {timeout} s") from None
    for t in threads:
        t.join(5)
    if hit is None:
        raise SmokeFailure(
            f"`{' '.join(map(str, cmd))}` exited {p.returncode} without {pattern or 'output'} "
            f"on {stream}\n--- stdout\n{''.join(chunks['stdout'])[-2000:]}\n--- stderr\n"
            f"{''.join(chunks['stderr'])[-2000:]}"
        )
    return hit, p, "".join(chunks[stream])


# ------------------------------------------------------------------ audio files
def make_audio(folder: Path) -> list[Path]:
    """Every supported format (tests/audio_fixtures.py), plus a raw ADTS .aac (but those
    of audio_fixtures.NO_FIXTURE: no encoder here)."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import audio_fixtures
    except ImportError as exc:
        raise SmokeFailure(
            f"cannot make the audio files ({exc}): run this with the build venv's Python "
            "(it needs numpy, av and mutagen)"
        ) from exc
    audio_fixtures.set_cache_dir(folder.parent / "fixture-cache")
    files = list(audio_fixtures.make_library(folder).values())
    files += audio_fixtures.make_library(folder, audio_fixtures.EXTRA_FORMATS).values()
    aac = folder / "adts.aac"
    shutil.copyfile(audio_fixtures.fixture_path("aac"), aac)
    files.append(aac)
    sys.path.insert(0, str(ROOT))
    from tagger.formats import AUDIO_EXTENSIONS

    covered = {AUDIO_EXTENSIONS[f.suffix.lower()] for f in files}
    missing = set(AUDIO_EXTENSIONS.values()) - covered - set(audio_fixtures.NO_FIXTURE)
    if missing:
        raise SmokeFailure(f"no test file for format(s) {sorted(missing)}")
    return files


def check_analysis(stdout: str, files: list[Path], model: str) -> list[str]:
    problems = []
    objs = []
    for line in stdout.splitlines():
        if not line.strip():
            continue
        try:
            objs.append(json.loads(line))
        except json.JSONDecodeError:
            problems.append(f"analyze --json printed a non-JSON line: {line[:200]!r}")
    by_path = {}
    for o in objs:
        by_path.setdefault(os.path.normcase(os.path.realpath(o.get("path", ""))), []).append(o)
    for f in files:
        key = os.path.normcase(os.path.realpath(f))
        got = by_path.pop(key, [])
        if len(got) != 1:
            problems.append(f"{f.name}: {len(got)} JSON objects (want 1)")
            continue
        o = got[0]
        if o.get("status") != "ok":
            problems.append(f"{f.name}: status {o.get('status')!r}, error {o.get('error')!r}")
            continue
        if o.get("model") != model:
            problems.append(f"{f.name}: model {o.get('model')!r} (want {model})")
        genres = o.get("genres") or []
        if not genres:
            problems.append(f"{f.name}: no genres")
            continue
        scores = [g["score"] for g in genres]
        if scores != sorted(scores, reverse=True) or not all(
            isinstance(g.get("name"), str) and g["name"] for g in genres
        ):
            problems.append(f"{f.name}: genres not sorted best first: {genres[:5]}")
    for extra in by_path:
        problems.append(f"unexpected JSON object for {extra}")
    return problems


# ------------------------------------------------------------------ the test
def smoke(b: Bundle, tmp: Path, model: str) -> dict:
    env = clean_env(tmp)
    results: dict = {}
    version = re.search(r'^__version__\s*=\s*"([^"]+)"', (ROOT / "tagger" / "__init__.py").read_text(), re.M).group(1)

    log("- --version")
    out = run([b.cli, "--version"], env).stdout.strip()
    if out != f"genre-tagger {version}":
        raise SmokeFailure(f"--version printed {out!r}, want 'genre-tagger {version}'")
    results["version"] = version
    if not IS_WIN and b.path.suffix != ".app":
        link_dir = tmp / "link-bin"  # how install.sh exposes it: a symlink elsewhere
        link_dir.mkdir(exist_ok=True)
        (link_dir / "tagger").symlink_to(b.cli)
        out = run([link_dir / "tagger", "--version"], env).stdout.strip()
        if out != f"genre-tagger {version}":
            raise SmokeFailure(f"through a symlink, --version printed {out!r}")

    if (b.path / "install.sh").is_file() and not IS_WIN and not IS_MAC:
        log("- install.sh (user install into a temporary HOME), then the installed `tagger`")
        prefix = tmp / "home" / ".local"
        ienv = dict(env, PATH="/usr/bin:/bin", PREFIX=str(prefix))
        run(["bash", b.path / "install.sh"], ienv, timeout=300)
        out = run([prefix / "bin" / "tagger", "--version"], env).stdout.strip()
        if out != f"genre-tagger {version}":
            raise SmokeFailure(f"the installed tagger printed {out!r}")
        desktop = tmp / "home" / ".local" / "share" / "applications" / "genre-tagger.desktop"
        if not desktop.is_file():
            raise SmokeFailure("install.sh made no desktop entry")
        run(["bash", prefix / "opt" / "genre-tagger" / "install.sh", "--uninstall"], ienv)
        if (prefix / "bin" / "tagger").exists() or (prefix / "opt" / "genre-tagger").exists():
            raise SmokeFailure("install.sh --uninstall left files behind")

    log("- models --json")
    models = [json.loads(line) for line in run([b.cli, "models", "--json"], env).stdout.splitlines() if line.strip()]
    keys = [f"{m.get('name')}@{m.get('version')}" for m in models]
    if model not in keys:
        raise SmokeFailure(f"models --json does not list {model}: {keys}")

    log("- analyze --json, every format")
    lib = tmp / "library"
    files = make_audio(lib)
    t0 = time.perf_counter()
    p = run([b.cli, "analyze", "--json", "--workers", "2", "--db", tmp / "smoke.sqlite", lib], env, timeout=600)
    results["analyze_all_s"] = round(time.perf_counter() - t0, 2)
    problems = check_analysis(p.stdout, files, model)
    if problems:
        raise SmokeFailure("analyze --json:\n  " + "\n  ".join(problems) + f"\n--- stderr\n{p.stderr[-2000:]}")
    results["formats"] = sorted({f.suffix for f in files})
    results["files_analysed"] = len(files)
    log(f"  {len(files)} files ({', '.join(results['formats'])}) in {results['analyze_all_s']} s")

    log("- a personal model: decide, `personal train`, then the analysis offers the genre")
    results.update(check_personal(b, env, tmp / "smoke.sqlite", lib, files))
    log("- the Train dialog in the GUI (offscreen): trains in the app, uses the model")
    for line in check_train_dialog(b, env, tmp / "smoke.sqlite", model):
        log(f"  {line}")

    log("- main window (offscreen), and the preview player's decoding and output lookup")
    preview_file = next((f for f in files if f.suffix == ".m4a"), files[0])
    genv = dict(env, **{SMOKE_ENV: "1500", PREVIEW_ENV: str(preview_file)})
    secs, proc, err = time_to_line([b.cli, "gui"], genv, "stderr", SMOKE_MARKER, timeout=120)
    if proc.returncode != 0:
        raise SmokeFailure(f"the GUI exited {proc.returncode}\n{err[-2000:]}")
    results["preview"] = check_preview(err, preview_file)
    log(f"  preview: {results['preview']}")
    if IS_WIN:  # the windowed exe: it has no console, so only its exit code is checked
        p = run([b.gui], genv, timeout=120)
    log(f"  window shown after {secs:.2f} s, exit 0")
    results["window_first_s"] = round(secs, 2)
    return results


PERSONAL_GENRE = "Smoke Test Waltz"  # in no model and no vocabulary: only the personal model can offer it


def check_personal(b: Bundle, env, db: Path, lib: Path, files: list[Path]) -> dict:
    """Train a personal model in the frozen app from two decisions and use it: every
    analysed track then has the user's genre among its scores (from the stored
    embeddings: nothing is decoded again)."""
    taught = files[:2]
    run([b.cli, "decide", "--db", db, "--genres", PERSONAL_GENRE, *taught], env)
    t0 = time.perf_counter()
    p = run([b.cli, "personal", "train", "--db", db], env, timeout=300)
    seconds = round(time.perf_counter() - t0, 2)
    if f"Learnt 1 genre from {len(taught)} confirmed tracks" not in p.stdout:
        raise SmokeFailure(f"personal train printed:\n{p.stdout}\n--- stderr\n{p.stderr[-2000:]}")
    p = run([b.cli, "analyze", "--json", "--workers", "1", "--db", db, lib], env, timeout=600)
    lines = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    problems = []
    for line in lines:
        if line.get("personal") != [PERSONAL_GENRE]:
            problems.append(f"{line.get('path')}: no personal model in use ({line.get('personal')})")
        elif PERSONAL_GENRE not in [g["name"] for g in line.get("genres", [])]:
            problems.append(f"{line.get('path')}: no score for {PERSONAL_GENRE}")
    if problems or len(lines) != len(files):
        raise SmokeFailure("personal model not used:\n  " + "\n  ".join(problems or [f"{len(lines)} lines"]))
    log(f"  trained in {seconds} s; all {len(lines)} tracks scored for {PERSONAL_GENRE!r}")
    return {"personal_train_s": seconds}


TRAIN_ENV = "GENRE_TAGGER_SMOKE_TRAIN"
TRAIN_RE = re.compile(r"genre-tagger smoke: train: (.*)$", re.M)


def check_train_dialog(b: Bundle, env, db: Path, model: str = DEFAULT_MODEL) -> list[str]:
    """The Train dialog in the frozen GUI (tagger.gui.app._smoke_train): it trains from the
    library's decisions in the app, says what was learnt, and the status bar then names the
    model (`model`'s name) and the personal model."""
    genv = dict(env, **{SMOKE_ENV: "500", TRAIN_ENV: "1"})
    p = run([b.cli, "gui", "--db", db], genv, timeout=300, check=False)
    said = TRAIN_RE.findall(p.stderr)
    want_dialog = "dialog says: Learnt 1 genre from 2 confirmed tracks"
    name = model.split("@")[0]
    want_status = f"status bar: Suggestions: {name} + your personal model ({PERSONAL_GENRE}) from 2 decisions"
    if p.returncode != 0 or not any(x.startswith(want_dialog) for x in said) or want_status not in said:
        raise SmokeFailure(f"the Train dialog (exit {p.returncode}) said {said}\n--- stderr\n{p.stderr[-2000:]}")
    return said


def check_preview(stderr: str, path: Path) -> str:
    """The GUI's preview line (tagger.gui.app._smoke_preview): one second of PCM decoded
    by PyAV in the frozen app, and QtMultimedia's answer about the output device."""
    m = PREVIEW_RE.search(stderr)
    if m is None:
        raise SmokeFailure(f"the GUI printed no preview line for {path.name}\n{stderr[-2000:]}")
    got, rate, ch, sample, output = int(m[1]), int(m[2]), int(m[3]), m[4], m[5].strip()
    want = rate * ch * (2 if sample == "s16" else 4)
    if got != want or "ERROR" in output:
        raise SmokeFailure(f"preview of {path.name}: {got} bytes decoded (want {want}); output: {output}")
    return f"1 s of {path.name} decoded ({rate} Hz, {ch} ch, {sample}); output: {output}"


def evict(path: Path) -> bool:
    """Drop the bundle's files from the page cache (Linux, no root needed), so the next
    start reads them from disk like a first start after boot. False where unsupported."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for dirpath, _dirs, files in os.walk(path):
        for f in files:
            p = os.path.join(dirpath, f)
            if os.path.islink(p):
                continue
            try:
                fd = os.open(p, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def bench(b: Bundle, tmp: Path, runs: int) -> dict:
    env = clean_env(tmp)
    one = tmp / "one-track"
    one.mkdir(exist_ok=True)
    shutil.copyfile(tmp / "library" / "mp3.mp3", one / "track.mp3")
    genv = dict(env, **{SMOKE_ENV: "200"})
    rows = {"version_s": [], "window_s": [], "first_track_s": []}
    for i in range(runs):
        s, _, _ = time_to_line([b.cli, "--version"], env, "stdout", None)
        rows["version_s"].append(s)
        s, _, _ = time_to_line([b.cli, "gui"], genv, "stderr", SMOKE_MARKER)
        rows["window_s"].append(s)
        db = tmp / f"bench-{i}.sqlite"
        s, _, _ = time_to_line([b.cli, "analyze", "--json", "--workers", "1", "--db", db, one], env, "stdout", None)
        rows["first_track_s"].append(s)
        log(
            f"  run {i + 1}: --version {rows['version_s'][-1]:.2f} s, window {rows['window_s'][-1]:.2f} s, "
            f"first track {rows['first_track_s'][-1]:.2f} s"
        )
    if evict(b.path):  # cold: the bundle's files read from disk, not the page cache
        rows["cold_window_s"], rows["cold_first_track_s"] = [], []
        for i in range(max(1, min(3, runs))):
            evict(b.path)
            s, _, _ = time_to_line([b.cli, "gui"], genv, "stderr", SMOKE_MARKER)
            rows["cold_window_s"].append(s)
            evict(b.path)
            db = tmp / f"bench-cold-{i}.sqlite"
            s, _, _ = time_to_line([b.cli, "analyze", "--json", "--workers", "1", "--db", db, one], env, "stdout", None)
            rows["cold_first_track_s"].append(s)
            log(
                f"  cold run {i + 1}: window {rows['cold_window_s'][-1]:.2f} s, "
                f"first track {rows['cold_first_track_s'][-1]:.2f} s"
            )
    out = {}
    for k, v in rows.items():
        out[k] = {
            "median": round(statistics.median(v), 2),
            "first": round(v[0], 2),
            "min": round(min(v), 2),
            "max": round(max(v), 2),
            "runs": len(v),
        }
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    osname = platform.platform(terse=True)
    try:
        rel = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        osname = rel.get("PRETTY_NAME", osname).strip('"')
    except OSError:
        pass
    return f"{osname}, {os.cpu_count()} cores ({cpu})"


def doc_block(res: dict) -> str:
    mb = lambda n: n / 1e6  # noqa: E731
    b = res.get("bench", {})
    ok = lambda v, lim: "yes" if v < lim else "**no**"  # noqa: E731
    runs = b.get("window_s", {}).get("runs", 0)
    timing = (
        f"Times are wall-clock from process start, medians of {runs} runs (first run in brackets: the coldest)."
        if b
        else "No start times were measured (`--runs N` measures them)."
    )
    lines = [
        f"Measured by `packaging/build-linux.sh` on {res['date']}: {res['machine']}; "
        f"genre-tagger {res['smoke']['version']}, {res['platform']}. {timing}",
        "",
        "| what | measured | budget | within |",
        "|---|---|---|---|",
        f"| bundle unpacked (`{res['bundle']}`) | {mb(res['unpacked_bytes']):.0f} MB | "
        f"< {BUDGETS['unpacked_mb']} MB | {ok(mb(res['unpacked_bytes']), BUDGETS['unpacked_mb'])} |",
    ]
    for name, size in res.get("archives", {}).items():
        lines.append(
            f"| compressed (`{name}`) | {mb(size):.0f} MB | "
            f"< {BUDGETS['compressed_mb']} MB | {ok(mb(size), BUDGETS['compressed_mb'])} |"
        )
    if b:
        w, f, v = b["window_s"], b["first_track_s"], b["version_s"]
        lines += [
            f"| start to main window shown (offscreen) | {w['median']:.2f} s ({w['first']:.2f} s) | "
            f"< {BUDGETS['window_s']:.0f} s | {ok(w['median'], BUDGETS['window_s'])} |",
            f"| start to first analysed track (`analyze --json --workers 1`, one MP3, new DB) | "
            f"{f['median']:.2f} s ({f['first']:.2f} s) | - | - |",
            f"| `tagger --version` | {v['median']:.2f} s ({v['first']:.2f} s) | - | - |",
        ]
        if "cold_window_s" in b:
            cw, cf = b["cold_window_s"], b["cold_first_track_s"]
            lines += [
                f"| cold (bundle evicted from the page cache): start to main window, median of {cw['runs']} | "
                f"{cw['median']:.2f} s | < {BUDGETS['window_s']:.0f} s | {ok(cw['median'], BUDGETS['window_s'])} |",
                f"| cold: start to first analysed track, median of {cf['runs']} | {cf['median']:.2f} s | - | - |",
            ]
    lines += [
        f"| smoke: all {res['smoke']['files_analysed']} test files ({' '.join(res['smoke']['formats'])}), "
        f"2 workers | {res['smoke']['analyze_all_s']:.1f} s | - | - |",
        "",
        "numba, torch, librosa, llvmlite, tensorflow, matplotlib, sklearn and onnx: absent "
        "(files and frozen modules checked by the smoke test).",
    ]
    return "\n".join(lines)


def write_doc(path: Path, block: str) -> None:
    begin, end = "<!-- measured:begin -->", "<!-- measured:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new = f"{begin}\n{block}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + new + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n## Measured\n\n" + new + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle", type=Path, help="dist/genre-tagger (or the .app on macOS)")
    ap.add_argument("--check-contents-only", action="store_true", help="only check the bundle's files")
    ap.add_argument(
        "--archive", type=Path, action="append", default=[], help="a compressed download, to measure (repeatable)"
    )
    ap.add_argument("--runs", type=int, default=0, help="start-time measurements per case (default 0)")
    ap.add_argument("--model", default=DEFAULT_MODEL, help=f"expected model key (default {DEFAULT_MODEL})")
    ap.add_argument("--json-out", type=Path, help="write the results as JSON here")
    ap.add_argument("--write-doc", type=Path, help="rewrite the measured block of this markdown file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)
    try:
        b = Bundle(args.bundle)
        log(f"smoke test of {b.path}")
        log("- contents")
        problems = check_contents(b)
        if problems:
            raise SmokeFailure("bundle contents:\n  " + "\n  ".join(problems))
        if args.check_contents_only:
            log("contents OK")
            return 0
        tmp = Path(tempfile.mkdtemp(prefix="gt-smoke-"))
        try:
            res = {
                "date": time.strftime("%Y-%m-%d"),
                "machine": machine(),
                "platform": f"{sys.platform}-{platform.machine()}",
            }
            res["smoke"] = smoke(b, tmp, args.model)
            res["unpacked_bytes"] = b.size_bytes()
            try:
                res["bundle"] = str(b.path.relative_to(Path.cwd()))
            except ValueError:
                res["bundle"] = str(b.path)
            res["archives"] = {a.name: a.stat().st_size for a in args.archive}
            if args.runs > 0:
                log(f"- start times, {args.runs} runs")
                res["bench"] = bench(b, tmp, args.runs)
        finally:
            if args.keep:
                log(f"(kept {tmp})")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    except SmokeFailure as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    block = doc_block(res)
    log("\n" + block + "\n")
    over = [
        k
        for k, lim in (
            ("unpacked", res["unpacked_bytes"] / 1e6 >= BUDGETS["unpacked_mb"]),
            ("compressed", min(res.get("archives", {}).values(), default=0) / 1e6 >= BUDGETS["compressed_mb"]),
            ("window", res.get("bench", {}).get("window_s", {}).get("median", 0) >= BUDGETS["window_s"]),
            ("cold window", res.get("bench", {}).get("cold_window_s", {}).get("median", 0) >= BUDGETS["window_s"]),
        )
        if lim
    ]
    if over:
        log(f"WARNING: over budget: {', '.join(over)}")
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(res, indent=2))
    if args.write_doc:
        write_doc(args.write_doc, block)
        log(f"measurements written to {args.write_doc}")
    log("SMOKE TEST PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
