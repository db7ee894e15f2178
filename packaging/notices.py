"""THIRD-PARTY-NOTICES.txt for the packaged app, made by the spec from what PyInstaller
actually collected (its module and binary lists), in the build environment, so that it
lists the versions bundled and nothing else:

- every Python distribution that owns a collected module or library folder, with its
  licence and the licence files its wheel ships (not scripts or caches);
- PyInstaller, whose bootloader starts the app;
- the native libraries the wheels carry (FFmpeg in PyAV, with the licence FFmpeg
  reports for its own build; Qt in PySide6; OpenBLAS in numpy; libsndfile; libsoxr);
- the shared libraries PyInstaller took from the build system, by name;
- the texts of the GNU licences these name, from the build system's
  /usr/share/common-licenses when it has them.

    python packaging/notices.py OUT.txt   # from this environment's installed modules
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ALSO = ("pyinstaller",)  # in the bundle, not imported by the app
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice)", re.I)
NOT_A_TEXT = (".py", ".pyc", ".pyi", ".so", ".dll", ".dylib")
# native libraries inside the wheels, whose licence files the wheels may not carry
NATIVE = {
    "numpy": "OpenBLAS (BSD-3-Clause)",
    "pyside6-essentials": "Qt 6 (LGPL-3.0-only; https://www.qt.io/licensing/open-source-lgpl-obligations)",
    "soundfile": "libsndfile (LGPL-2.1-or-later)",
    "soxr": "libsoxr (LGPL-2.1-or-later)",
}
COMMON_LICENCES = Path("/usr/share/common-licenses")
GNU_TEXTS = {"LGPL-2.1": "LGPL-2.1", "LGPL-3": "LGPL-3", "GPL-2": "GPL-2", "GPL-3": "GPL-3"}


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bundled_distributions(modules, binaries) -> list[metadata.Distribution]:
    """The distributions that own a collected module (`modules`: dotted names) or a
    collected library under a package folder (`binaries`: paths inside the bundle)."""
    owners = metadata.packages_distributions()
    tops = {m.split(".")[0] for m in modules}
    tops |= {Path(b).parts[0].removesuffix(".libs") for b in binaries if len(Path(b).parts) > 1}
    names = {d for top in tops for d in owners.get(top, [])} | set(ALSO)
    found: dict[str, metadata.Distribution] = {}
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found.setdefault(_key(dist.metadata["Name"]), dist)
    return sorted(found.values(), key=lambda d: d.metadata["Name"].lower())


def system_libraries(binaries) -> list[str]:
    """Shared libraries PyInstaller put at the top of the bundle: from the build
    system, not from a wheel."""
    return sorted({b for b in binaries if len(Path(b).parts) == 1 and (".so" in b or b.endswith((".dll", ".dylib")))})


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    short = (meta.get("License") or "").strip()
    if short and len(short) < 100 and "\n" not in short:
        classifiers.insert(0, short)
    return "; ".join(dict.fromkeys(classifiers)) or "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """The licence files the distribution installed (its .dist-info and its package
    folders: onnxruntime keeps LICENSE and ThirdPartyNotices.txt beside its code)."""
    texts = []
    for f in dist.files or []:
        if not LICENCE_FILE.search(f.name) or f.name.endswith(NOT_A_TEXT) or "__pycache__" in f.parts:
            continue
        try:
            texts.append((str(f), Path(dist.locate_file(f)).read_text(encoding="utf-8", errors="replace")))
        except OSError:
            pass
    return texts


def ffmpeg_licence() -> str | None:
    """The licence PyAV's FFmpeg reports for its own build (its configure options decide
    it), or None without PyAV."""
    try:
        import av._core as core
    except ImportError:
        return None
    meta = getattr(core, "library_meta", {}).get("libavcodec", {})
    return meta.get("license")


def notices(dists: list[metadata.Distribution], system_libs: list[str], ffmpeg: str | None) -> str:
    out = [
        "Genre Tagger: third-party software in this package",
        "",
        "Genre Tagger itself is under the MIT licence (LICENSE, beside this file). The packaged",
        "app also contains the software below, each under its own licence. mutagen is under the",
        "GNU GPL, version 2 or later, and Qt and FFmpeg are under the LGPL, version 3: the",
        "package as a whole is distributed under the GNU GPL, version 3 or later. Its complete",
        "source is Genre Tagger's (MIT) with the sources of the versions listed here. The LGPL",
        "libraries are separate files in this folder and can be replaced.",
        "",
        "Summary:",
        f"  Python {sys.version.split()[0]} (the interpreter): PSF-2.0",
    ]
    for d in dists:
        key = _key(d.metadata["Name"])
        native = NATIVE.get(key)
        if key == "av" and ffmpeg:
            native = f"FFmpeg libraries ({ffmpeg}, as FFmpeg reports its build; https://ffmpeg.org/legal.html)"
        out.append(f"  {d.metadata['Name']} {d.version}: {licence_of(d)}" + (f"; bundles {native}" if native else ""))
    if system_libs:
        out += [
            "",
            "Shared libraries taken from the build system (each under its distribution's licence;",
            "on Debian, /usr/share/doc/<package>/copyright):",
            "  " + ", ".join(system_libs),
        ]
    python_licence = (
        Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt"
    )
    if python_licence.is_file():
        out += [
            "",
            "=" * 78,
            f"Python {sys.version.split()[0]}",
            "",
            python_licence.read_text(errors="replace").rstrip(),
        ]
    for d in dists:
        out += ["", "=" * 78, f"{d.metadata['Name']} {d.version}", f"Licence: {licence_of(d)}"]
        if d.metadata.get("Home-page"):
            out.append(f"Home page: {d.metadata['Home-page']}")
        for name, text in licence_texts(d):
            out += ["", f"--- {name} ---", text.rstrip()]
    for title, name in GNU_TEXTS.items():
        if (COMMON_LICENCES / name).is_file():
            out += ["", "=" * 78, f"The text of the GNU {title}", "", (COMMON_LICENCES / name).read_text().rstrip()]
    return "\n".join(out) + "\n"


def write_notices(path: Path, modules, binaries) -> Path:
    """Write the notices for what the spec collected (`modules`: Analysis.pure names;
    `binaries`: Analysis.binaries paths inside the bundle)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = notices(bundled_distributions(modules, binaries), system_libraries(binaries), ffmpeg_licence())
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    import tagger.cli  # noqa: F401 - what the app imports

    print(write_notices(Path(sys.argv[1] if len(sys.argv) > 1 else "THIRD-PARTY-NOTICES.txt"), list(sys.modules), []))
