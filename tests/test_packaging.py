"""The packaging files are consistent (fast: nothing is built here).

The real build and its smoke test are `packaging/build-linux.sh` (minutes; not part of
the default test run). These tests check what can be checked without building: the
PyInstaller spec runs (against stand-ins for PyInstaller's classes) on every platform
and references files that exist, the shell scripts parse, the GitHub workflow passes
actionlint, the Inno Setup script and the spec agree with the app's version.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "packaging"
SPEC = PKG / "genre-tagger.spec"
ISS = PKG / "windows" / "genre-tagger.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
SCRIPTS = sorted(PKG.rglob("*.sh"))


def app_version() -> str:
    return re.search(r'^__version__\s*=\s*"([^"]+)"', (ROOT / "tagger" / "__init__.py").read_text(), re.M).group(1)


# ------------------------------------------------------------------ packaging/ is not a package
def test_packaging_folder_is_not_a_python_package():
    # it would shadow PyPI's `packaging` (used by pip, setuptools, PyInstaller, ...)
    assert not (PKG / "__init__.py").exists()
    spec = importlib.util.find_spec("packaging")
    if spec is not None and spec.origin:
        assert not Path(spec.origin).resolve().is_relative_to(PKG)


# ------------------------------------------------------------------ the spec
class _Recorder:
    calls: list

    def __init__(self, kind, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs
        _Recorder.calls.append(self)


QT_DROPPED = [
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/lib/libavcodec.so.61",
    "PySide6/Qt/lib/libavformat.so.61",
    "PySide6/Qt/lib/libavutil.so.59",
    "PySide6/Qt/lib/libswresample.so.5",
    "PySide6/Qt/lib/libswscale.so.8",
    "PySide6/Qt/lib/libQt6FFmpegStub-va.so.2",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6QmlModels.so.6",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/plugins/multimedia/ffmpegmediaplugin.dll",
    "PySide6/plugins/multimedia/windowsmediaplugin.dll",
    "PySide6/avcodec-61.dll",
    "PySide6/Qt6Quick.dll",
    "PySide6/Qt6QmlMeta.dll",
    "PySide6/Qt/plugins/multimedia/libdarwinmediaplugin.dylib",
    "PySide6/Qt/lib/libavcodec.61.dylib",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
]
QT_KEPT = [
    "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6OpenGL.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt6Multimedia.dll",
    "PySide6/Qt/lib/QtMultimedia.framework/Versions/A/QtMultimedia",
    "av.libs/libavcodec-6a4fd1b8.so.61.19.101",
    "av.libs/libswresample-1a2b3c4d.so.5.3.100",
    "av/avcodec-61.dll",
    "av/.dylibs/libavcodec.61.19.101.dylib",
]


class _Analysis(_Recorder):
    def __init__(self, scripts, **kwargs):
        super().__init__("Analysis", scripts, **kwargs)
        self.scripts, self.pure = list(scripts), []
        # what PySide6's QtMultimedia hook brings along (Linux, Windows and macOS names):
        # the spec drops Qt's media plugins, Qt's FFmpeg and QtQuick/Qml, keeps the rest
        # and PyAV's own FFmpeg
        self.binaries = [(d, "/x/" + d.rsplit("/", 1)[-1], "BINARY") for d in QT_DROPPED + QT_KEPT] + [
            # PyInstaller's top-level links to libraries it put in a subfolder
            ("libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "SYMLINK"),
            ("libavcodec.so.61", "PySide6/Qt/lib/libavcodec.so.61", "SYMLINK"),
            ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ]
        # what PyInstaller's Qt hook adds: the spec keeps only Qt's translations of its
        # standard buttons in the app's languages
        self.datas = [(d, s, "DATA") for s, d in kwargs.get("datas", [])] + [
            ("PySide6/Qt/translations/qt_de.qm", "/x/qt_de.qm", "DATA"),
            ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
            ("PySide6/Qt/translations/qtbase_fr.qm", "/x/qtbase_fr.qm", "DATA"),
            ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
        ]


def _fake_versioninfo():
    """PyInstaller.utils.win32.versioninfo stand-in (PyInstaller is not a test dependency)."""
    mod = types.ModuleType("PyInstaller.utils.win32.versioninfo")

    class Node:
        def __init__(self, *args, **kwargs):
            self.args, self.kwargs = args, kwargs

        def __repr__(self):
            return f"{type(self).__name__}({self.args!r}, {self.kwargs!r})"

    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(mod, name, type(name, (Node,), {}))
    return mod


def run_spec(monkeypatch, platform: str) -> dict:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("GENRE_TAGGER_ALLOW_NO_MODEL", raising=False)
    fake = _fake_versioninfo()
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.utils.win32"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", fake)
    monkeypatch.setattr(sys.modules["PyInstaller.utils.win32"], "versioninfo", fake, raising=False)
    _Recorder.calls = []
    ns = {
        "SPECPATH": str(PKG),
        "__file__": str(SPEC),
        "__name__": "__main__",
        "Analysis": _Analysis,
        "PYZ": lambda *a, **k: _Recorder("PYZ", *a, **k),
        "EXE": lambda *a, **k: _Recorder("EXE", *a, **k),
        "COLLECT": lambda *a, **k: _Recorder("COLLECT", *a, **k),
        "BUNDLE": lambda *a, **k: _Recorder("BUNDLE", *a, **k),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), ns)
    ns["_calls"] = list(_Recorder.calls)
    return ns


def test_spec_compiles():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_runs_and_references_existing_files(monkeypatch, platform):
    ns = run_spec(monkeypatch, platform)
    calls = ns["_calls"]
    analysis = next(c for c in calls if c.kind == "Analysis")
    for script in analysis.scripts:
        assert Path(script).is_file(), script
    # bundled data: every source exists; the default model, vocabulary and icons are in
    datas = analysis.kwargs["datas"]
    for src, _dest in datas:
        assert Path(src).exists(), src
    dests = {Path(src).name: dest for src, dest in datas}
    assert dests.get("vocabulary.json") == "resources"
    assert dests.get("models") == "resources/models"
    assert (ROOT / "resources" / "models" / "msd-mtt-musicnn.onnx").is_file()
    assert dests.get("icons") == "resources/icons", "resources/icons is not bundled (missing?)"
    assert "example-music" not in dests
    # the app's licence, and the notices of what was collected (packaging/notices.py)
    assert dests.get("LICENSE") == "resources"
    notices = [src for dest, src, _ in analysis.datas if dest == "resources/THIRD-PARTY-NOTICES.txt"]
    assert len(notices) == 1 and Path(notices[0]).is_file()
    # the trainer's stack never goes in (nor GNU readline, GPL-3.0: the app reads no terminal lines)
    excludes = set(analysis.kwargs["excludes"])
    assert "readline" in excludes
    assert {
        "torch",
        "librosa",
        "numba",
        "llvmlite",
        "tensorflow",
        "matplotlib",
        "sklearn",
        "onnx",
        "trainer",
    } <= excludes
    # hidden imports name real modules of the app
    for mod in analysis.kwargs["hiddenimports"]:
        rel = Path(*mod.split("."))
        assert (ROOT / rel).with_suffix(".py").is_file() or (ROOT / rel / "__init__.py").is_file(), mod
    assert "tagger.gui.app" in analysis.kwargs["hiddenimports"]
    # the app's translations are bundled; of Qt's, only qtbase in the app's languages is kept
    assert dests.get("translations") == "resources/translations"
    qt = sorted(Path(d[0]).name for d in ns["a"].datas if d[0].startswith("PySide6/Qt/translations"))
    assert qt == ["qtbase_de.qm"]
    # the user guide, in every language it is written in
    assert {n for n, dest in dests.items() if dest == "resources/help"} == {
        p.name for p in (ROOT / "docs").glob("guide*.md")
    }
    assert any(d[0].endswith("libqxcb.so") for d in ns["a"].datas)
    # QMediaPlayer's route is dropped (the preview player uses PyAV + QAudioSink), PyAV's
    # FFmpeg and the Qt modules the app uses are kept
    assert sorted(b[0] for b in ns["a"].binaries) == sorted(QT_KEPT + ["libQt6Core.so.6"])
    assert "PySide6.QtMultimedia" not in excludes
    # executables
    exes = [c for c in calls if c.kind == "EXE"]
    by_name = {c.kwargs["name"]: c.kwargs for c in exes}
    assert by_name["genre-tagger"]["console"] is False
    assert all(k["exclude_binaries"] for k in by_name.values())  # one-folder
    collect = next(c for c in calls if c.kind == "COLLECT")
    assert collect.kwargs["name"] == "genre-tagger"
    assert ns["VERSION"] == app_version()
    icon = by_name["genre-tagger"]["icon"]
    if platform == "win32":
        assert set(by_name) == {"genre-tagger", "tagger"}
        assert by_name["tagger"]["console"] is True
        assert icon and icon.endswith(".ico") and Path(icon).is_file()
        info = by_name["genre-tagger"]["version"]
        assert app_version() in repr(info)
    else:
        assert set(by_name) == {"genre-tagger"}
    if platform == "darwin":
        assert icon and icon.endswith(".icns") and Path(icon).is_file()
        bundle = next(c for c in calls if c.kind == "BUNDLE")
        assert bundle.kwargs["name"] == "Genre Tagger.app"
        plist = bundle.kwargs["info_plist"]
        assert plist["CFBundleShortVersionString"] == app_version()
        assert bundle.kwargs["version"] == app_version()
        assert bundle.kwargs["bundle_identifier"]
    else:
        assert not any(c.kind == "BUNDLE" for c in calls)


def test_spec_refuses_to_build_without_the_default_model(monkeypatch, tmp_path):
    # a copy of the layout without the model: the spec must stop with a clear message
    fake_root = tmp_path / "repo"
    (fake_root / "packaging").mkdir(parents=True)
    (fake_root / "tagger").mkdir()
    (fake_root / "tagger" / "__init__.py").write_text('__version__ = "9.9.9"\n')
    (fake_root / "resources" / "models").mkdir(parents=True)
    (fake_root / "resources" / "vocabulary.json").write_text("{}")
    monkeypatch.delenv("GENRE_TAGGER_ALLOW_NO_MODEL", raising=False)
    ns = {"SPECPATH": str(fake_root / "packaging"), "__name__": "__main__"}
    with pytest.raises(SystemExit, match="msd-mtt-musicnn.onnx"):
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), ns)


# ------------------------------------------------------------------ scripts
@pytest.mark.parametrize("script", SCRIPTS, ids=[str(s.relative_to(ROOT)) for s in SCRIPTS])
def test_shell_scripts_parse_and_are_executable(script):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    p = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert script.read_text().startswith("#!/usr/bin/env bash")
    if sys.platform != "win32":
        assert script.stat().st_mode & 0o111, f"{script} is not executable"


def test_expected_scripts_exist():
    for rel in (
        "build-linux.sh",
        "build-gpu-linux.sh",
        "smoke_test.py",
        "launch.py",
        "README.md",
        "macos/make-dmg.sh",
        "linux/install.sh",
        "linux/genre-tagger.desktop",
    ):
        assert (PKG / rel).is_file(), rel
    assert (ROOT / "docs" / "packaging.md").is_file()


def _load_smoke_test():
    spec = importlib.util.spec_from_file_location("gt_smoke_test", PKG / "smoke_test.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_smoke_test_help_runs():
    p = subprocess.run(
        [sys.executable, str(PKG / "smoke_test.py"), "--help"], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0, p.stderr
    assert "--runs" in p.stdout


def test_smoke_test_fails_on_a_missing_bundle(tmp_path):
    p = subprocess.run(
        [sys.executable, str(PKG / "smoke_test.py"), str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 1
    assert "SMOKE TEST FAILED" in p.stderr


def test_smoke_test_checks_the_analysis_json(tmp_path):
    st = _load_smoke_test()
    files = [tmp_path / "a.mp3", tmp_path / "b.flac"]
    for f in files:
        f.write_bytes(b"")
    good = [
        {
            "path": str(f),
            "status": "ok",
            "model": "msd-musicnn@1.1.0",
            "genres": [{"name": "Rock", "score": 0.9}, {"name": "Pop", "score": 0.4}],
        }
        for f in files
    ]
    text = "\n".join(json.dumps(o) for o in good)
    assert st.check_analysis(text, files, "msd-musicnn@1.1.0") == []
    bad = [
        dict(good[0], genres=[{"name": "Pop", "score": 0.4}, {"name": "Rock", "score": 0.9}]),
        dict(good[1], status="error", error="boom"),
    ]
    problems = st.check_analysis("\n".join(json.dumps(o) for o in bad) + "\nnoise", files, "msd-musicnn@1.1.0")
    text_problems = " | ".join(problems)
    assert "not sorted" in text_problems and "status 'error'" in text_problems and "non-JSON" in text_problems
    assert st.check_analysis(json.dumps(good[0]), files, "other@2")  # wrong model + missing file


@pytest.mark.gui
@pytest.mark.slow
def test_the_smoke_tests_personal_model_checks_pass_on_the_app(tmp_path, make_library):
    """The bundle's smoke test trains a personal model with `personal train` and in the
    Train dialog, and reads what the app says: run here on the app from the source tree
    (a stale expectation there failed every bundle build: the default model's name)."""
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata

    st = _load_smoke_test()
    assert st.DEFAULT_MODEL == read_metadata(default_model_path()).key  # what the bundle must ship
    files = sorted(make_library(tmp_path / "library", ["wav", "ogg", "flac"]).values())
    cli = tmp_path / "genre-tagger"
    cli.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tagger "$@"\n')
    cli.chmod(0o755)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GENRE_TAGGER", "XDG_"))},
        "HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    db = tmp_path / "smoke.sqlite"
    st.run([cli, "analyze", "--workers", "1", "--patches", "1", "--db", db, tmp_path / "library"], env)
    bundle = types.SimpleNamespace(cli=cli)
    assert st.check_personal(bundle, env, db, tmp_path / "library", files)["personal_train_s"] > 0
    said = st.check_train_dialog(bundle, env, db, st.DEFAULT_MODEL)
    assert any(line.startswith("status bar: Suggestions: msd-mtt-musicnn + your personal model") for line in said)


def test_smoke_hook_is_in_the_gui():
    # packaging/smoke_test.py opens the window through this hook of run_app
    st = _load_smoke_test()
    text = (ROOT / "tagger" / "gui" / "app.py").read_text()
    assert st.SMOKE_ENV in text and st.SMOKE_MARKER in text


def test_doc_has_the_measured_block():
    text = (ROOT / "docs" / "packaging.md").read_text()
    assert "<!-- measured:begin -->" in text and "<!-- measured:end -->" in text
    assert "not verified" in text.lower()


# ------------------------------------------------------------------ GitHub workflow
def _actionlint() -> str | None:
    found = shutil.which("actionlint")
    if found:
        return found
    for d in {Path(sys.executable).parent, Path(sys.prefix) / ("Scripts" if sys.platform == "win32" else "bin")}:
        for name in ("actionlint", "actionlint.exe"):
            if (d / name).is_file():
                return str(d / name)
    return None


def test_workflow_passes_actionlint():
    exe = _actionlint()
    assert exe, "actionlint not found: it comes with the test extra (pip install -e '.[test]')"
    p = subprocess.run(
        [exe, "-no-color", "-shellcheck=", "-pyflakes=", str(WORKFLOW)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert p.returncode == 0, p.stdout + p.stderr


def test_workflow_builds_every_platform_and_runs_the_smoke_test():
    text = WORKFLOW.read_text()
    for os_ in ("ubuntu-", "windows-", "macos-"):
        assert f"os: {os_}" in text
    assert 'python-version: "3.11"' in text
    assert "packaging/smoke_test.py" in text and "packaging/build-linux.sh" in text
    assert "packaging/genre-tagger.spec" in text and "genre-tagger.iss" in text and "make-dmg.sh" in text
    assert "onnxruntime-directml" in text and "build-gpu-linux.sh" in text
    assert ".[test]" not in text and "[trainer]" not in text  # app-only build environments


# ------------------------------------------------------------------ Inno Setup
def test_inno_setup_script():
    text = ISS.read_text(encoding="utf-8")
    m = re.search(r'#ifndef AppVersion\s*\n\s*#define AppVersion "([^"]+)"', text)
    assert m and m.group(1) == app_version(), "the .iss default AppVersion must equal tagger.__version__"
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))
    assert defines["AppExe"] == "genre-tagger.exe" and defines["CliExe"] == "tagger.exe"
    repo_dir = (ISS.parent / defines["RepoDir"].replace("\\", "/")).resolve()
    assert repo_dir == ROOT
    # files the compiler reads at build time (other than the built bundle) exist
    icon = re.search(r"^SetupIconFile=\{#RepoDir\}\\(.+)$", text, re.M).group(1).strip()
    assert (ROOT / icon.replace("\\", "/")).is_file(), icon
    assert re.search(r'#define BundleDir RepoDir \+ "\\dist\\genre-tagger"', text)
    for section in ("[Setup]", "[Files]", "[Icons]", "[Tasks]", "[Run]", "[Code]"):
        assert section in text
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.M)
    assert "{autoprograms}" in text  # Start-menu entry
    assert "UninstallDisplayIcon=" in text and "AppVersion={#AppVersion}" in text


def test_desktop_entry():
    text = (PKG / "linux" / "genre-tagger.desktop").read_text()
    assert text.startswith("[Desktop Entry]")
    keys = dict(line.split("=", 1) for line in text.splitlines()[1:] if "=" in line)
    assert keys["Type"] == "Application" and keys["Exec"].startswith("genre-tagger") and keys["Icon"] == "genre-tagger"
    # file managers pass the chosen folders and files ("Open with Genre Tagger")
    assert keys["Exec"] == "genre-tagger %F" and "inode/directory" in keys["MimeType"].split(";")
    install = (PKG / "linux" / "install.sh").read_text()
    assert 's|^Exec=genre-tagger|Exec=\\"$DEST/genre-tagger\\"|' in install  # the %F stays


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("readelf") is None, reason="ELF, readelf")
def test_spec_prunes_libraries_no_kept_binary_needs(monkeypatch):
    """With real ELF files: a library a kept module needs (libssl for _ssl, and libcrypto,
    which both need) stays; one nothing needs (what a dropped plugin brought) goes; a
    binary whose dependencies can't be read stops the pruning."""
    import _ssl

    ns = run_spec(monkeypatch, "linux")
    prune = ns["_prune_unreached"]
    lib = Path("/lib/x86_64-linux-gnu")
    wanted = ("libssl.so.3", "libcrypto.so.3", "libogg.so.0")
    if not all((lib / n).exists() for n in wanted):
        pytest.skip("the system libraries this test reads are not there")
    ssl_dest = "python3.11/lib-dynload/" + Path(_ssl.__file__).name
    binaries = [(ssl_dest, _ssl.__file__, "BINARY")] + [(n, str(lib / n), "BINARY") for n in wanted]
    kept = [b[0] for b in prune(binaries)]
    assert kept == [ssl_dest, "libssl.so.3", "libcrypto.so.3"]
    unreadable = binaries + [("PySide6/missing.so", "/nonexistent/missing.so", "BINARY")]
    assert prune(unreadable) == unreadable
    # glibc's libmvec never goes in; the wheel's libsndfile stands for the system's
    assert ns["_GLIBC_PARTS"].match("libmvec.so.1")
