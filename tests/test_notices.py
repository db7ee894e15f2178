"""THIRD-PARTY-NOTICES.txt (packaging/notices.py): the licences of what the spec
collected, and only of that; licence texts, never scripts or caches."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def notices_module():
    spec = importlib.util.spec_from_file_location("gt_notices_test", ROOT / "packaging" / "notices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_notices_cover_what_was_collected_and_nothing_else(tmp_path):
    notices = notices_module()
    # what PyInstaller collects for the app, in its own terms: module names and library paths
    modules = ["mutagen.id3", "onnxruntime.capi", "PySide6.QtCore", "sqlalchemy.orm", "numpy", "av.container"]
    binaries = ["onnxruntime/capi/libonnxruntime.so.1", "numpy.libs/libscipy_openblas64_.so", "libssl.so.3"]

    text = notices.write_notices(tmp_path / "n.txt", modules, binaries).read_text(encoding="utf-8")

    summary = text.split("\n\n=")[0]
    for name in ("mutagen", "onnxruntime", "SQLAlchemy", "numpy", "av"):
        assert f"\n  {name} " in summary, name
    assert "GPL-2.0-or-later" in summary  # mutagen's
    assert "PySide6_Essentials " in summary or "pyside6_essentials " in summary.lower()
    # not collected here: not listed (the build's tools, the trainer's and the tests' stacks)
    for name in ("setuptools", "pytest", "torch", "onnx ", "protobuf"):
        assert f"\n  {name}" not in summary, name
    assert "libssl.so.3" in summary  # a library from the build system, named
    # licence texts only: onnxruntime's own files (beside its code), no scripts, no caches
    assert "ThirdPartyNotices" in text or "onnxruntime/LICENSE" in text
    assert ".pyc ---" not in text and ".py ---" not in text
    text.encode("utf-8")  # (all text)
    assert "\x00" not in text
