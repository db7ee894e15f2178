"""Every query of the app lives in tagger/db/: no other module of the app (tagger/,
trainer/) imports SQLAlchemy, opens a session or imports the DB package's private helpers."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tagger", "trainer")
DB_PACKAGE = ROOT / "tagger" / "db"


def app_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if DB_PACKAGE not in path.parents:
                yield path


def violations(path: Path, root: Path = ROOT) -> list[str]:
    """ "file:line: what" (file relative to `root`) for each import of sqlalchemy,
    `.session(` call and import of a private name of tagger.db in `path`."""
    where = path.relative_to(root)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [
                f"{where}:{node.lineno}: imports {a.name}" for a in node.names if a.name.split(".")[0] == "sqlalchemy"
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "sqlalchemy":
                found.append(f"{where}:{node.lineno}: imports from {node.module}")
            elif node.module.startswith("tagger.db"):
                found += [
                    f"{where}:{node.lineno}: imports the private {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_")
                ]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "session":
            found.append(f"{where}:{node.lineno}: calls .session( (queries belong in tagger/db/)")
    return found


def test_no_sqlalchemy_or_sessions_outside_the_db_package():
    modules = list(app_modules())
    assert len(modules) > 20  # the walk found the app
    found = [v for path in modules for v in violations(path)]
    assert not found, "outside tagger/db/:\n" + "\n".join(found)


def test_the_check_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlalchemy.orm\nfrom sqlalchemy import select\n"
        "from tagger.db.tracks import _glob_prefix\n"
        "def f(lib):\n    with lib.session() as s:\n        pass\n"
        "# lib.session() in a comment is no call\n"
    )
    found = violations(sample, tmp_path)
    assert [v.split(":")[:2] for v in found] == [["sample.py", n] for n in ("1", "2", "3", "5")], found
