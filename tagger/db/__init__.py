"""The library database (SQLite through SQLAlchemy).

One file holds everything the app knows: the tracks found by scans, the analysis results
per (audio content, model), the user's decisions, and every write batch with the old and
new genre values (what undo restores) and the image that rebuilds each written file
byte for byte. Only the main process writes to it; workers
return results to it.

Every query of the app is in this package, and nothing outside it imports SQLAlchemy
(tests/test_db_boundary.py checks):
- schema.py: the tables (ORM classes) and SCHEMA_VERSION;
- library.py: `Library` (open with its checks, sessions, close) and `LibraryError`;
- one module of plain functions taking a `Library` per aggregate: tracks.py,
  analyses.py (the analysis cache), decisions.py, decision_steps.py (their undo
  history), batches.py, models.py, meta.py;
- review_table.py: the review table's bulk load;
- space.py: the bytes of each table and index (the size benchmark).
"""

from tagger.db import analyses, batches, decision_steps, decisions, meta, models, space, tracks
from tagger.db.library import Library, LibraryError, confirmed_tracks, database_problem
from tagger.db.review_table import review_rows
from tagger.db.schema import (
    SCHEMA_VERSION,
    Analysis,
    Base,
    Batch,
    Change,
    Decision,
    DecisionStep,
    Meta,
    ModelRow,
    RestoreImage,
    Track,
)

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Base",
    "Batch",
    "Change",
    "Decision",
    "DecisionStep",
    "Library",
    "LibraryError",
    "Meta",
    "ModelRow",
    "RestoreImage",
    "Track",
    "analyses",
    "batches",
    "confirmed_tracks",
    "database_problem",
    "decision_steps",
    "decisions",
    "meta",
    "models",
    "review_rows",
    "space",
    "tracks",
]
