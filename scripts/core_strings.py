"""Print the core's sentence templates (tagger.messages.TEMPLATES) as lupdate markers,
QT_TRANSLATE_NOOP("core", "..."), for scripts/translations.sh: the templates are written
once, in the core, and reach the .ts files from there (the GUI translates them by key,
tagger/gui/core_text.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tagger.messages import TEMPLATES  # noqa: E402 - after the path


def main() -> None:
    for template in dict.fromkeys(TEMPLATES):
        print(f'QT_TRANSLATE_NOOP("core", {json.dumps(template, ensure_ascii=False)})')


if __name__ == "__main__":
    main()
