"""The tables of a library (SQLAlchemy ORM classes) and the schema version.

JSON columns (genres, scores, labels) are read through properties; every query on these
tables lives in the aggregate modules next to this one.
"""

from __future__ import annotations

import json
import time

from sqlalchemy import Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint, cast
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from tagger.db import compact
from tagger.fsnames import from_stored, readable, to_stored

SCHEMA_VERSION = 1


class PathText(TypeDecorator):
    """A file path, kept exactly: valid Unicode as the text it always was, a name that is
    not UTF-8 as its bytes (tagger.fsnames). Comparisons and LIKE bind through it too."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else to_stored(value)

    def process_result_value(self, value, dialect):
        return None if value is None else from_stored(value)


class MessageText(TypeDecorator):
    """A reason shown to the user, which may quote a file name that is not UTF-8: stored
    readable (its undecodable bytes as \\xNN), since SQLite text must be UTF-8."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else readable(value)


class Base(DeclarativeBase):
    pass


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # indexed: the path (unique, what a scan upserts on) and the content id (copies of a
    # track, moves). No query needs an index on folder, album or status (EXPLAIN QUERY
    # PLAN: docs/benchmarks.md, "Size"), so they have none: 130 bytes a track
    # (libraries made before lose theirs on opening: tagger.db.library.UNUSED_INDEXES)
    path: Mapped[str] = mapped_column(PathText, unique=True, index=True)
    folder: Mapped[str] = mapped_column(PathText)
    size: Mapped[int] = mapped_column(Integer, default=0)
    mtime_ns: Mapped[int] = mapped_column(Integer, default=0)
    # present | gone (removed since) | error (cannot be read: see `error`)
    status: Mapped[str] = mapped_column(String, default="present")
    error: Mapped[str | None] = mapped_column(MessageText, nullable=True)
    format: Mapped[str | None] = mapped_column(String, nullable=True)
    duration: Mapped[float | None] = mapped_column(Float, nullable=True)
    artist: Mapped[str | None] = mapped_column(String, nullable=True)
    album: Mapped[str | None] = mapped_column(String, nullable=True)
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
    # the other tag fields values can be written to, as read: {"style"|"grouping"|"mood":
    # [values]}; NULL in a library scanned before they were read (a write re-reads the file)
    fields_json: Mapped[str | None] = mapped_column(Text, nullable=True)

    @property
    def genres(self) -> list[str]:
        return json.loads(self.genres_json or "[]")

    @genres.setter
    def genres(self, values: list[str]) -> None:
        self.genres_json = json.dumps(list(values), ensure_ascii=False)

    def field_values(self, name: str) -> list[str]:
        """The values of a tag field ("genre", "style", "grouping", "mood")."""
        if name == "genre":
            return self.genres
        return list(json.loads(self.fields_json or "{}").get(name, []))


# Track.path as bytes, the order of every list of tracks: a UTF-8 path's bytes sort as
# its text always did, and a path stored as bytes (PathText) sorts among them
BY_PATH = cast(Track.path, LargeBinary)


class ModelRow(Base):
    """Labels of each model whose results are stored (scores are stored by position)."""

    __tablename__ = "models"

    key: Mapped[str] = mapped_column(String, primary_key=True)  # name@version
    labels_json: Mapped[str] = mapped_column(Text)
    kinds_json: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(PathText, nullable=True)
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
    # looked up through the unique (content_id, model_key) index: no index of its own
    # (libraries made before lose theirs on opening: tagger.db.library.UNUSED_INDEXES)
    content_id: Mapped[str] = mapped_column(String)
    model_key: Mapped[str] = mapped_column(String, ForeignKey("models.key"))
    status: Mapped[str] = mapped_column(String, default="ok")  # ok | error
    error: Mapped[str | None] = mapped_column(MessageText, nullable=True)
    # calibrated track scores and raw per-patch scores: compact blobs (tagger.db.compact)
    # since issue 11; the JSON columns hold them in libraries made before ("[]" after)
    scores_json: Mapped[str] = mapped_column(Text, default="[]")
    patch_starts_json: Mapped[str] = mapped_column(Text, default="[]")  # seconds
    patch_scores_json: Mapped[str] = mapped_column(Text, default="[]")
    scores_u16: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    patch_scores_u8: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    n_patches: Mapped[int] = mapped_column(Integer, default=0)  # the --patches it was made with
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # compute time
    created_at: Mapped[float] = mapped_column(Float, default=time.time)
    # the pooled embedding (model's embedding_output, mean over the analysed patches) as
    # float16 bytes (tagger.personal.to_blob): a personal model re-scores from it without
    # decoding. NULL: the model has no embedding output, or analysed before it was stored.
    # (Not int8: its rounding moved a never-taught piece over the personal model's threshold)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    @property
    def scores(self) -> list[float]:
        return compact.scores_of(self.scores_u16, self.scores_json)

    @property
    def patch_starts(self) -> list[float]:
        return json.loads(self.patch_starts_json)

    @property
    def patch_scores(self) -> list[list[float]]:
        if self.patch_scores_u8 is not None:
            return compact.unpack_patch_scores(self.patch_scores_u8, len(self.scores)).tolist()
        return json.loads(self.patch_scores_json)


class Decision(Base):
    """What the user decided for a track: accepted, overridden (own genres) or skipped."""

    __tablename__ = "decisions"

    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String)  # accepted | overridden | skipped
    genres_json: Mapped[str] = mapped_column(Text, default="[]")
    decided_at: Mapped[float] = mapped_column(Float, default=time.time)
    # how it was made: "track" (on its own: one row, one file named) or "group" (with
    # others in one action: accept all, an album, a folder, a selection). A suggestion
    # accepted in a group does not teach a personal model (tagger.training_data.teaches).
    # NULL: decided before this was recorded (counted as "track", as it was then)
    scope: Mapped[str | None] = mapped_column(String, nullable=True)
    # the audio it was made for (its track's content id when decided): a scan moves the
    # decision with that audio when names are swapped or a folder comes back, and a
    # decision whose file now holds other audio is not written (NULL: decided before this
    # was kept; it stays with its path, as then)
    content_id: Mapped[str | None] = mapped_column(String, nullable=True)

    @property
    def genres(self) -> list[str]:
        return json.loads(self.genres_json or "[]")


class DecisionStep(Base):
    """One undoable step of review decisions (one accept, override, skip or undecide,
    one accept-all, one album action, one `tagger decide`): every track it touched, with
    its decision before and after, as JSON lists of [track id, state or null, genres,
    decided_at or null, scope or null] (steps recorded before the scope was kept have four
    items: scope null). Undo puts `before` back; redo puts `after` back."""

    __tablename__ = "decision_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, default=time.time)
    what: Mapped[str] = mapped_column(Text, default="")  # "accept 13 tracks", for the user
    n_tracks: Mapped[int] = mapped_column(Integer, default=0)
    before_json: Mapped[str] = mapped_column(Text, default="[]")
    after_json: Mapped[str] = mapped_column(Text, default="[]")
    undone_at: Mapped[float | None] = mapped_column(Float, nullable=True)  # set: on the redo side


class Batch(Base):
    """One `apply` run: a numbered, undoable set of changes."""

    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, default=time.time)
    mode: Mapped[str] = mapped_column(String)
    model_key: Mapped[str | None] = mapped_column(String, nullable=True)
    undone_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    # how values were written (tagger.tags.TagOptions as JSON): undo writes and reads
    # them back the same way; NULL in older libraries (the defaults)
    tag_options_json: Mapped[str | None] = mapped_column(Text, nullable=True)

    @property
    def tag_options(self) -> dict:
        return json.loads(self.tag_options_json or "{}")


class Change(Base):
    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    track_id: Mapped[int | None] = mapped_column(ForeignKey("tracks.id"), nullable=True)
    path: Mapped[str] = mapped_column(PathText)
    old_json: Mapped[str] = mapped_column(Text)
    new_json: Mapped[str] = mapped_column(Text)
    # pending (recorded, file not yet replaced) | written | failed | skipped (not written:
    # changed on disk since planned, or cancelled) | undone | undo-failed (retried by undo)
    status: Mapped[str] = mapped_column(String, default="pending")
    error: Mapped[str | None] = mapped_column(MessageText, nullable=True)
    # the tag field written: genre, style, grouping or mood (NULL in older libraries: genre)
    field: Mapped[str | None] = mapped_column(String, nullable=True)
    # the audio the change was planned for (the file's content id at its last scan): undo
    # puts values back only into that audio, wherever it is now (NULL in older libraries)
    content_id: Mapped[str | None] = mapped_column(String, nullable=True)

    @property
    def field_name(self) -> str:
        return self.field or "genre"

    @property
    def old(self) -> list[str]:
        return json.loads(self.old_json)

    @property
    def new(self) -> list[str]:
        return json.loads(self.new_json)


class RestoreImage(Base):
    """What rebuilds a file exactly as it was before a change wrote it (tagger.restore):
    stored before the file is replaced. `data` is the zlib-compressed image (the bytes
    outside the audio that the write changed: kilobytes); undo uses it while the file's
    sha256 is still `written_sha256`, and checks the result against `original_sha256`."""

    __tablename__ = "restore_images"

    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id"), primary_key=True)
    original_sha256: Mapped[str] = mapped_column(String)
    original_size: Mapped[int] = mapped_column(Integer)
    written_sha256: Mapped[str] = mapped_column(String)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
