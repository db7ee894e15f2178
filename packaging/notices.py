"""THIRD-PARTY-NOTICES.txt for the packaged app: the licence of every Python
distribution the app needs at run time (genre-tagger's requirements, followed through
their own, extras left out) and of PyInstaller (its bootloader starts the app), each
with the licence files its wheel ships. Made by the spec at build time from the build
environment, so it lists the versions actually bundled.

    python packaging/notices.py OUT.txt      # what the spec does
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT_DIST = "genre-tagger"
ALSO = ("pyinstaller",)  # in the bundle, not required by the app
# native libraries inside the wheels, whose licence files the wheels may not carry
NATIVE = {
    "av": "FFmpeg libraries (LGPL-2.1-or-later; https://ffmpeg.org/legal.html)",
    "numpy": "OpenBLAS (BSD-3-Clause)",
    "pyside6-essentials": "Qt 6 (LGPL-3.0-only; https://www.qt.io/licensing/open-source-lgpl-obligations)",
    "soundfile": "libsndfile (LGPL-2.1-or-later)",
    "soxr": "libsoxr (LGPL-2.1-or-later)",
}
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.I)


def _name(requirement: str) -> str | None:
    """The distribution a requirement names, or None for one only an extra needs."""
    if re.search(r"extra\s*==", requirement):
        return None
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return m.group(1) if m else None


def runtime_distributions(root: str = ROOT_DIST) -> list[metadata.Distribution]:
    """`root` and everything it requires at run time that is installed, by name."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root, *ALSO]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        todo += [n for n in map(_name, dist.requires or []) if n]
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


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
    texts = []
    for f in dist.files or []:
        if LICENCE_FILE.search(f.name) and ".dist-info" in str(f) or str(f).startswith(("licenses/", "LICENSES/")):
            if LICENCE_FILE.search(f.name):
                try:
                    texts.append((str(f), Path(dist.locate_file(f)).read_text(encoding="utf-8", errors="replace")))
                except OSError:
                    pass
    return texts


def notices(dists: list[metadata.Distribution]) -> str:
    out = [
        "Genre Tagger: third-party software in this package",
        "",
        "Genre Tagger itself is under the MIT licence (LICENSE, beside this file). The packaged",
        "app also contains the software below, each under its own licence. Among them, mutagen is",
        "under the GNU GPL, version 2 or later: the package as a whole is therefore distributed",
        "under the terms of the GPL, version 2 or later, and its complete source is Genre",
        "Tagger's source (MIT) together with the sources of the versions listed here.",
        "",
        "Summary:",
    ]
    out.append(f"  Python {sys.version.split()[0]} (the interpreter): PSF-2.0")
    for d in dists:
        native = NATIVE.get(re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower())
        out.append(f"  {d.metadata['Name']} {d.version}: {licence_of(d)}" + (f"; bundles {native}" if native else ""))
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
    return "\n".join(out) + "\n"


def write_notices(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notices(runtime_distributions()), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_notices(Path(sys.argv[1] if len(sys.argv) > 1 else "THIRD-PARTY-NOTICES.txt")))
