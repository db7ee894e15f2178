"""The tables of a library (SQLAlchemy ORM classes) and the schema version.

JSON columns (genres, scores, labels) are read through properties; every query on these
tables lives in the aggregate modules next to this one.
"""

from __future__ import annotations

import json
import time

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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
    # audio bit rate (bits/s) as the file's header says; NULL: read before it was stored
    bitrate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # when the track joined the library (the review table's "Date added"); NULL: added
    # before it was stored (the table shows when it was last read instead)
    added_at: Mapped[float | None] = mapped_column(Float, nullable=True, default=time.time)
    # set when the user removed the track from the library ("Remove from library": the
    # file stays). A removed track is left out of the review, analyses and writes, and a
    # scan leaves it removed; adding its file or folder again (a drop) brings it back
    removed_at: Mapped[float | None] = mapped_column(Float, nullable=True)

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
