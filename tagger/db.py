"""The library database (SQLite through SQLAlchemy).

One file holds everything the app knows: the tracks found by scans, the analysis results
per (audio content, model), the user's decisions, and every write batch with the old and
new genre values (what undo restores). Only the main process writes to it; workers
return results to it.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

SCHEMA_VERSION = 1


class Base(DeclarativeBase):
    pass


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String, unique=True, index=True)
    folder: Mapped[str] = mapped_column(String, index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    mtime_ns: Mapped[int] = mapped_column(Integer, default=0)
    # present | gone (removed since) | error (cannot be read: see `error`)
    status: Mapped[str] = mapped_column(String, default="present", index=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    format: Mapped[str | None] = mapped_column(String, nullable=True)
    duration: Mapped[float | None] = mapped_column(Float, nullable=True)
    artist: Mapped[str | None] = mapped_column(String, nullable=True)
    album: Mapped[str | None] = mapped_column(String, nullable=True, index=True)
    title: Mapped[str | None] = mapped_column(String, nullable=True)
    tracknumber: Mapped[int | None] = mapped_column(Integer, nullable=True)
    genres_json: Mapped[str] = mapped_column(Text, default="[]")
    content_id: Mapped[str | None] = mapped_column(String, nullable=True, index=True)
    scanned_at: Mapped[float] = mapped_column(Float, default=time.time)

    @property
    def genres(self) -> list[str]:
        return json.loads(self.genres_json or "[]")

    @genres.setter
    def genres(self, values: list[str]) -> None:
        self.genres_json = json.dumps(list(values), ensure_ascii=False)


class ModelRow(Base):
    """Labels of each model whose results are stored (scores are stored by position)."""

    __tablename__ = "models"

    key: Mapped[str] = mapped_column(String, primary_key=True)  # name@version
    labels_json: Mapped[str] = mapped_column(Text)
    kinds_json: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(String, nullable=True)
    digest: Mapped[str | None] = mapped_column(String, nullable=True)  # of the .onnx file

    @property
    def labels(self) -> list[str]:
        return json.loads(self.labels_json)

    @property
    def kinds(self) -> list[str]:
        return json.loads(self.kinds_json)


class Analysis(Base):
    """Model output for one audio content: cached across moves, renames and re-tags."""

    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("content_id", "model_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_id: Mapped[str] = mapped_column(String, index=True)
    model_key: Mapped[str] = mapped_column(String, ForeignKey("models.key"))
    status: Mapped[str] = mapped_column(String, default="ok")  # ok | error
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    scores_json: Mapped[str] = mapped_column(Text, default="[]")  # calibrated track scores
    patch_starts_json: Mapped[str] = mapped_column(Text, default="[]")  # seconds
    patch_scores_json: Mapped[str] = mapped_column(Text, default="[]")  # raw per-patch scores
    n_patches: Mapped[int] = mapped_column(Integer, default=0)  # the --patches it was made with
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # compute time
    created_at: Mapped[float] = mapped_column(Float, default=time.time)

    @property
    def scores(self) -> list[float]:
        return json.loads(self.scores_json)

    @property
    def patch_starts(self) -> list[float]:
        return json.loads(self.patch_starts_json)

    @property
    def patch_scores(self) -> list[list[float]]:
        return json.loads(self.patch_scores_json)


class Decision(Base):
    """What the user decided for a track: accepted, overridden (own genres) or skipped."""

    __tablename__ = "decisions"

    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String)  # accepted | overridden | skipped
    genres_json: Mapped[str] = mapped_column(Text, default="[]")
    decided_at: Mapped[float] = mapped_column(Float, default=time.time)

    @property
    def genres(self) -> list[str]:
        return json.loads(self.genres_json or "[]")


class Batch(Base):
    """One `apply` run: a numbered, undoable set of changes."""

    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, default=time.time)
    mode: Mapped[str] = mapped_column(String)
    model_key: Mapped[str | None] = mapped_column(String, nullable=True)
    undone_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class Change(Base):
    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    track_id: Mapped[int | None] = mapped_column(ForeignKey("tracks.id"), nullable=True)
    path: Mapped[str] = mapped_column(String)
    old_json: Mapped[str] = mapped_column(Text)
    new_json: Mapped[str] = mapped_column(Text)
    # pending (recorded, file not yet replaced) | written | failed | skipped (not written:
    # changed on disk since planned, or cancelled) | undone | undo-failed (retried by undo)
    status: Mapped[str] = mapped_column(String, default="pending")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)

    @property
    def old(self) -> list[str]:
        return json.loads(self.old_json)

    @property
    def new(self) -> list[str]:
        return json.loads(self.new_json)


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the UI) never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
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
            raise LibraryError(f"cannot create the folder of library {self.path}: "
                               f"{exc.strerror or exc}") from exc
        _check_is_library(self.path)
        self.engine = create_engine(f"sqlite:///{self.path}", future=True)
        event.listen(self.engine, "connect", _sqlite_pragmas)
        # connect and write now, so a bad path fails here with its reason, not at first use
        try:
            Base.metadata.create_all(self.engine)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)
            with self.session() as s:
                if s.get(Meta, "schema_version") is None:
                    s.add(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
        except DBAPIError as exc:
            self.engine.dispose()
            raise LibraryError(_open_error(self.path, exc.orig or exc)) from exc

    @contextmanager
    def session(self):
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

    # ---- models
    def register_model(self, info) -> None:
        """Remember a model's labels. A different file under the same name@version (a
        retrained model) makes the stored results of that key stale: they are dropped."""
        digest = _file_digest(info.path) if info.path else None
        with self.session() as s:
            row = s.get(ModelRow, info.key)
            labels = json.dumps(list(info.labels), ensure_ascii=False)
            kinds = json.dumps(list(info.label_kinds))
            if row is None:
                s.add(ModelRow(key=info.key, labels_json=labels, kinds_json=kinds, path=info.path, digest=digest))
                return
            if digest and row.digest and row.digest != digest:
                s.query(Analysis).filter(Analysis.model_key == info.key).delete()
            row.labels_json, row.kinds_json, row.path = labels, kinds, info.path
            row.digest = digest or row.digest

    # ---- tracks
    def track_by_path(self, path: str) -> Track | None:
        with self.session() as s:
            return s.scalar(select(Track).where(Track.path == path))

    def tracks_under(self, paths, include_gone: bool = False) -> list[Track]:
        """Tracks whose path is one of `paths` or lies in one of those folders."""
        from sqlalchemy import or_

        clauses = []
        for p in paths:
            p = str(Path(p).resolve())
            clauses.append(Track.path == p)
            clauses.append(Track.path.like(_like_prefix(p), escape="\\"))
        with self.session() as s:
            q = select(Track).where(or_(*clauses)) if clauses else select(Track)
            if not include_gone:
                q = q.where(Track.status != "gone")
            return list(s.scalars(q.order_by(Track.path)))

    def tracks_by_id(self, track_ids) -> list[Track]:
        """The tracks with these ids, in path order (500 ids per query)."""
        ids = list(track_ids)
        out: list[Track] = []
        with self.session() as s:
            for i in range(0, len(ids), 500):
                out.extend(s.scalars(select(Track).where(Track.id.in_(ids[i:i + 500]))))
        return sorted(out, key=lambda t: t.path)

    def analyses_for(self, content_ids, model_key: str) -> dict[str, Analysis]:
        """{content id: Analysis} of one model for these contents (500 per query)."""
        ids = [c for c in dict.fromkeys(content_ids) if c]
        out: dict[str, Analysis] = {}
        with self.session() as s:
            for i in range(0, len(ids), 500):
                out.update((a.content_id, a) for a in s.scalars(select(Analysis).where(
                    Analysis.model_key == model_key, Analysis.content_id.in_(ids[i:i + 500]))))
        return out

    def analysis_for(self, content_id: str, model_key: str) -> Analysis | None:
        with self.session() as s:
            return s.scalar(
                select(Analysis).where(Analysis.content_id == content_id, Analysis.model_key == model_key)
            )

    def decision_for(self, track_id: int) -> Decision | None:
        with self.session() as s:
            return s.get(Decision, track_id)

    def confirmed_tracks(self) -> list[tuple[str, list[str]]]:
        """(path, genres) of present tracks whose genres the user confirmed (accepted or
        overridden in the app) — the training data for a personal model."""
        with self.session() as s:
            rows = s.execute(
                select(Track.path, Decision.genres_json)
                .join(Decision, Decision.track_id == Track.id)
                .where(Decision.state.in_(("accepted", "overridden")), Track.status == "present")
                .order_by(Track.path)
            ).all()
        return [(path, json.loads(g)) for path, g in rows if json.loads(g)]

    def set_decision(self, track_ids, state: str, genres: list[str] | None = None) -> None:
        """Record a decision at once (nothing is lost if the app is killed)."""
        if state not in ("accepted", "overridden", "skipped", "cleared"):
            raise ValueError(f"unknown decision {state!r}")
        if state == "overridden":
            genres = [g.strip() for g in genres or [] if g and g.strip()]
            if not genres:  # `apply --mode replace` would erase the file's genres
                raise ValueError("an override needs at least one genre; to forget the decision, "
                                 "clear it instead (`tagger decide FILE --clear`, or Undecide in the app)")
        with self.session() as s:
            for tid in track_ids:
                row = s.get(Decision, tid)
                if state == "cleared":
                    if row is not None:
                        s.delete(row)
                    continue
                payload = json.dumps(list(genres or []), ensure_ascii=False)
                if row is None:
                    s.add(Decision(track_id=tid, state=state, genres_json=payload, decided_at=time.time()))
                else:
                    row.state, row.genres_json, row.decided_at = state, payload, time.time()

    def batches(self) -> list[Batch]:
        with self.session() as s:
            return list(s.scalars(select(Batch).order_by(Batch.id.desc())))

    def changes_of(self, batch_id: int) -> list[Change]:
        with self.session() as s:
            return list(s.scalars(select(Change).where(Change.batch_id == batch_id).order_by(Change.id)))


def _check_is_library(path: Path) -> None:
    """Refuse an existing file that is not one of our libraries before anything touches
    it: create_all would add our tables to another program's database, and the WAL
    pragma would switch its journal mode. Plain sqlite3, reading only."""
    import sqlite3

    try:
        if not path.is_file() or path.stat().st_size == 0:  # new (or empty): ours to create
            return
    except OSError:
        return  # SQLite will say why it cannot open it
    try:
        con = sqlite3.connect(str(path))
        try:  # also fails on a file that is not SQLite, or a damaged one
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise LibraryError(_open_error(path, exc)) from exc
    if tables and "meta" not in tables:  # every library has had `meta` from the start
        raise LibraryError(f"{path} is not a Genre Tagger library (an SQLite database of another program)")


def _open_error(path: Path, exc: Exception) -> str:
    """One line for an SQLite error on opening `path` (not SQLAlchemy's statement dump)."""
    reason = str(exc).strip()
    if path.is_dir():
        return f"cannot open library {path}: it is a folder, not a database file"
    if "not a database" in reason or "malformed" in reason:
        return f"{path} is not a Genre Tagger library (not an SQLite database, or a damaged one: {reason})"
    return f"cannot open library {path}: {reason} (check the path and that its folder is writable)"


def _file_digest(path) -> str | None:
    import hashlib

    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def _like_prefix(folder: str) -> str:
    escaped = folder.rstrip("/\\").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    import os

    sep = os.sep.replace("\\", "\\\\")
    return escaped + sep + "%"


def confirmed_tracks(db_path: str | Path) -> list[tuple[str, list[str]]]:
    """`Library.confirmed_tracks` of the library at `db_path`."""
    lib = Library(db_path)
    try:
        return lib.confirmed_tracks()
    finally:
        lib.close()
