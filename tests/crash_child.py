"""A write batch or an undo that kills itself (SIGKILL, as `kill -9`) at its N-th kill
point; run as a separate process by tests/test_kill_property.py.

    python crash_child.py DB ROOT write|undo N '["Genre", ...]'

Kill points are just before and just after each step that matters for a crash: the
Change rows, the tag write into the temporary copy, the image kept for undo, the fsyncs,
the atomic rename, each status update, the rescan of the file, and undo's rebuild.
N = 0 never kills; the process then prints how many kill points it passed.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    db_path, root, phase, kill_at, genres = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    import tagger.db.batches
    import tagger.restore
    import tagger.scan
    import tagger.tags
    from tagger.apply import PlannedChange, undo_batch, write_batch
    from tagger.db import Library

    passed = 0

    def kill_point() -> None:
        nonlocal passed
        passed += 1
        if passed == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def around(owner, name: str) -> None:
        real = getattr(owner, name)

        def wrapped(*args, **kwargs):
            kill_point()
            result = real(*args, **kwargs)
            kill_point()
            return result

        setattr(owner, name, wrapped)

    for owner, name in [
        (os, "replace"),
        (os, "fsync"),
        (tagger.tags, "write_fields"),  # what the safe writer calls on its copy
        (tagger.restore, "make_image"),
        (tagger.restore, "rebuild"),
        (tagger.db.batches, "create"),
        (tagger.db.batches, "keep_image"),
        (tagger.db.batches, "set_change_status"),
        (tagger.scan, "refresh_track"),
    ]:
        around(owner, name)

    lib = Library(db_path)
    try:
        if phase == "write":
            new = json.loads(genres)
            tracks = sorted(lib.tracks_under([root]), key=lambda t: t.path)
            changes = [
                PlannedChange(t.id, t.path, t.genres, new, "overridden", content_id=t.content_id) for t in tracks
            ]
            write_batch(lib, changes, "replace")
        else:
            try:
                undo_batch(lib)
            except ValueError:  # nothing to undo: killed before the batch was recorded
                pass
    finally:
        lib.close()
    print(passed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
