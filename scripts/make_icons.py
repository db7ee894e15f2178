"""Render resources/icons/genre-tagger.svg to PNGs (16-1024 px), .ico (Windows) and
.icns (macOS). Needs PySide6 (QtSvg) and Pillow. Run: python scripts/make_icons.py"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    svg = ICONS / "genre-tagger.svg"
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"{svg}: not a valid SVG", file=sys.stderr)
        return 1
    pngs = {}
    for size in SIZES:
        img = QImage(size, size, QImage.Format_ARGB32)
        img.fill(Qt.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        renderer.render(p)
        p.end()
        out = ICONS / f"genre-tagger-{size}.png"
        if size <= 512:
            img.save(str(out))
            pngs[size] = out
        else:
            big = ICONS / ".genre-tagger-1024.png"
            img.save(str(big))
            pngs[size] = big
    from PIL import Image

    base = Image.open(pngs[256])
    base.save(ICONS / "genre-tagger.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    Image.open(pngs[1024]).save(ICONS / "genre-tagger.icns")
    pngs[1024].unlink()
    print("wrote", ", ".join(sorted(p.name for p in ICONS.iterdir())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
