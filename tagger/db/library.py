"""Opening a library file: the checks before anything touches it, the SQLite settings,
sessions. `Library` also keeps the methods the app called before the queries moved to
the aggregate modules (tracks, analyses, decisions, batches, models); they delegate."""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from tagger.db import analyses, batches, decisions, models, tracks
from tagger.db.schema import SCHEMA_VERSION, Analysis, Base, Batch, Change, Decision, Track
from tagger.messages import DATABASE_ERROR, Message

# a new library's page size: rows of analyses (about 0.85 KB) fill 8 KB pages with less
# left over than 4 KB ones (1.47 instead of 1.57 KB a track at 100,000 tracks). Only a
# new, empty file takes it: an older library keeps its pages
PAGE_SIZE = 8192

# indexes of libraries made before that no query needs (EXPLAIN QUERY PLAN:
# docs/benchmarks.md, "Size"): dropped on opening, about 130 bytes a track
UNUSED_INDEXES = ("ix_tracks_folder", "ix_tracks_album", "ix_tracks_status", "ix_analyses_content_id")

# how long a statement waits for another process's write transaction before "database is
# locked" (the scan commits at least every second, so only a stuck writer makes anyone wait this long)
BUSY_TIMEOUT_MS = 10_000
OPEN_RETRY_S = 0.05  # opening again after an immediate "locked" (Library.__init__)


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")  # first: switching to WAL waits too
    cursor.execute(f"PRAGMA page_size={int(PAGE_SIZE)}")  # before WAL, which fixes a new file's page size
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the UI) never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class LibraryError(ValueError):
    """The library file cannot be opened or created, or is not a Genre Tagger library.
    A ValueError: the CLI and the app show its message as one line."""


class Library:
    """A connection to one library database file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create the folder of library {self.path}: {exc.strerror or exc}") from exc
        _check_is_library(self.path)
        self.engine = create_engine(f"sqlite:///{self.path}", future=True)
        event.listen(self.engine, "connect", _sqlite_pragmas)
        # connect and write now, so a bad path fails here with its reason, not at first use
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                _create_or_upgrade_tables(self.engine)
                break
            except DBAPIError as exc:
                self.engine.dispose()
                # SQLite answers "locked" at once, without waiting, where waiting could
                # deadlock: two processes switching a new library to WAL together. Try again.
                if database_problem(exc) == BUSY and time.monotonic() < deadline:
                    time.sleep(OPEN_RETRY_S)
                    continue
                raise LibraryError(_open_error(self.path, exc.orig or exc)) from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    @contextmanager
    def session(self):
        """A session committed on leaving the block (rolled back on an exception). Rows
        stay readable after it (no expiry on commit). For the tagger.db modules only."""
        session: Session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    # ---- the methods of before the aggregate modules (other code calls them). Their
    # bodies name the modules: a method body sees the globals, not the class's names.
    def register_model(self, info) -> None:
        models.register(self, info)

    def track_by_path(self, path: str) -> Track | None:
        return tracks.by_path(self, path)

    def tracks_under(self, paths, include_gone: bool = False) -> list[Track]:
        return tracks.under(self, paths, include_gone)

    def analysis_for(self, content_id: str, model_key: str) -> Analysis | None:
        return analyses.get(self, content_id, model_key)

    def decision_for(self, track_id: int) -> Decision | None:
        return decisions.get(self, track_id)

    def confirmed_tracks(self) -> list[tuple[str, list[str]]]:
        return decisions.confirmed_tracks(self)

    def confirmed_tracks_detailed(self) -> list[decisions.ConfirmedRow]:
        return decisions.confirmed_tracks_detailed(self)

    def set_decision(self, track_ids, state: str, genres: list[str] | None = None, scope: str | None = None) -> None:
        decisions.record(self, track_ids, state, genres, scope)

    def batches(self) -> list[Batch]:
        return batches.newest_first(self)

    def changes_of(self, batch_id: int) -> list[Change]:
        return batches.changes_of(self, batch_id)


def _create_or_upgrade_tables(engine) -> None:
    """Create the tables of a new library, or bring an older one up to date, in one
    write transaction taken at once (BEGIN IMMEDIATE): two processes opening a new
    library together (the app and a command) would otherwise both see a table missing
    and both create it ("table tracks already exists"). The second waits for the first
    (busy_timeout), then finds everything there.

    A library already up to date is only read (`_up_to_date`): a command that only reads
    (`history`, `apply --dry-run`) then works while another program writes, instead of
    waiting for the write lock and giving up; a command that writes waits at its first
    write, as it would anyway."""
    if _up_to_date(engine):
        return
    with engine.connect() as con:
        con.exec_driver_sql("BEGIN IMMEDIATE")
        Base.metadata.create_all(con)
        _add_missing_columns(con)
        _drop_unused_indexes(con)
        # in the same transaction: two processes creating the library would otherwise both
        # find no version row and both insert one
        con.exec_driver_sql(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        con.commit()


def _up_to_date(engine) -> bool:
    """Whether the library has every table, column and index of this version, none of
    the UNUSED_INDEXES and its version row: nothing for `_create_or_upgrade_tables` to
    do. Reads only (no write lock: readers never wait in WAL mode)."""
    with engine.connect() as con:
        indexes = {row[0] for row in con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        if indexes.intersection(UNUSED_INDEXES):
            return False
        existing = inspect(con)
        tables = set(existing.get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in tables:
                return False
            have = {c["name"] for c in existing.get_columns(table.name)}
            if any(column.name not in have for column in table.columns):
                return False
            if any(index.name not in indexes for index in table.indexes):
                return False
        version = con.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").first()
        con.rollback()
        return version is not None


def _add_missing_columns(con) -> None:
    """Bring a library made by an older version up to the current tables. Changes are
    additive only: create_all makes new tables; a column added to an existing table is
    added here, empty (NULL), so every new column must be nullable. No column or row is
    dropped or rewritten (only unused indexes: `_drop_unused_indexes`), so an older app
    can still open the file."""
    existing = inspect(con)
    for table in Base.metadata.sorted_tables:
        have = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            if not column.nullable:
                raise RuntimeError(f"schema: new column {table.name}.{column.name} must be nullable")
            kind = column.type.compile(dialect=con.dialect)
            con.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}')


def _drop_unused_indexes(con) -> None:
    """Drop the indexes an older version made that no query uses (UNUSED_INDEXES). In
    the opening transaction: a crash leaves the library as it was. An older app still
    opens the file (it never recreates an index of a table it finds)."""
    for name in UNUSED_INDEXES:
        con.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')


def _check_is_library(path: Path) -> None:
    """Refuse an existing file that is not one of our libraries before anything touches
    it: create_all would add our tables to another program's database, and the WAL
    pragma would switch its journal mode. Plain sqlite3, reading only."""
    try:
        if not path.is_file() or path.stat().st_size == 0:  # new (or empty): ours to create
            return
    except OSError:
        return  # SQLite will say why it cannot open it
    try:
        con = sqlite3.connect(str(path))
        try:  # also fails on a file that is not SQLite, or a damaged one
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version = (
                con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if "meta" in tables
                else None
            )
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise LibraryError(_open_error(path, exc)) from exc
    if tables and "meta" not in tables:  # every library has had `meta` from the start
        raise LibraryError(f"{path} is not a Genre Tagger library (an SQLite database of another program)")
    # changes to the tables are additive (`_add_missing_columns`): a newer version raises
    # the number only for a change this version would misread, or damage by writing
    if version is not None and str(version[0]).isdigit() and int(version[0]) > SCHEMA_VERSION:
        raise LibraryError(
            f"{path} was made by a newer version of Genre Tagger (library format {version[0]}; this version "
            f"reads format {SCHEMA_VERSION}): open it with that version, or use another library (--db)"
        )


BUSY = (
    "the library database is busy: another program (the app, a tagger command) is writing to it; "
    "try again when it has finished"
)
FULL = (
    "the disk that holds the library database is full: free some space and run the command again "
    "(what was done before this is kept)"
)
DAMAGED = (
    "the library database is damaged (SQLite finds its pages malformed): put back a backup copy of it, or "
    "move it aside and scan again to start a new one (the decisions and write history were in it)"
)


def database_problem(exc: BaseException) -> str | None:
    """One line for an SQLite error met while working on the library (locked, disk
    full...), or None when `exc` is not one. Not SQLAlchemy's statement dump."""
    if not isinstance(exc, (DBAPIError, sqlite3.Error)):
        return None
    reason = str(getattr(exc, "orig", None) or exc).strip()
    if "locked" in reason or "busy" in reason:
        return BUSY
    if "full" in reason:
        return FULL
    if "malformed" in reason or "not a database" in reason:  # pages overwritten: the user's file, not our bug
        return DAMAGED
    return Message(DATABASE_ERROR, reason=reason.splitlines()[0] if reason else exc.__class__.__name__)


def _open_error(path: Path, exc: Exception) -> str:
    """One line for an SQLite error on opening `path` (not SQLAlchemy's statement dump)."""
    reason = str(exc).strip()
    if "locked" in reason or "full" in reason:
        return f"cannot open library {path}: {database_problem(exc) or reason}"
    if path.is_dir():
        return f"cannot open library {path}: it is a folder, not a database file"
    if "not a database" in reason or "malformed" in reason:
        return f"{path} is not a Genre Tagger library (not an SQLite database, or a damaged one: {reason})"
    if "disk I/O error" in reason and _no_room(path.parent):  # SQLite's word when the WAL cannot grow
        return f"cannot open library {path}: {FULL}"
    return f"cannot open library {path}: {reason} (check the path and that its folder is writable)"


def _no_room(folder: Path) -> bool:
    """Whether the disk holding `folder` is (about) full: less than a database page or two left."""
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def confirmed_tracks(db_path: str | Path) -> list[tuple[str, list[str]]]:
    """`decisions.confirmed_tracks` of the library at `db_path` (the trainer's DB adapter)."""
    lib = Library(db_path)
    try:
        return decisions.confirmed_tracks(lib)
    finally:
        lib.close()
