"""Entry script of the frozen app (PyInstaller), the same for every executable it makes.

No arguments open the desktop app; `tagger`'s subcommands work too (`--version`,
`analyze ...`, ...). `tagger.cli.main` calls `multiprocessing.freeze_support()` first
thing, which is what lets the analysis worker processes (spawn) start from the frozen
executable. This file is not a module of the app: `packaging/` is deliberately not a
Python package (it would shadow PyPI's `packaging`).
"""

import sys

from tagger.cli import main

if __name__ == "__main__":
    sys.exit(main())
