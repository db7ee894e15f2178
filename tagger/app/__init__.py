"""The application layer: what the command line and the desktop app both do, in one
place and without Qt. The CLI (`tagger/cli.py`) and the GUI (`tagger/gui/`) only turn
user input into calls here and show what comes back; every policy (what is suggested,
what may be written, what a broken vocabulary means) is decided below this line.

- `workspace`: opening a library with its settings, vocabulary and model
- `decisions`: accept / override / skip / clear, per track and per album
- `writing`: write plans with their preflight, writes, undo and history
- `analysis`: the scan -> analyse job, on an executor (`tagger.executors`)
- `training`: what a personal model would be trained on, and how to start it
"""
