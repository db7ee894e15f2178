"""From suggestions to files: what to write (fill / merge / replace), numbered batches,
and undo. Every write goes through `tagger.safewrite`; the old and new values are in the
database before a file is replaced, so a batch can always be undone.

A batch holds one change per track and field written (genre, style, grouping, mood), but
the fields of one file are written together: one replace per file, verified as a whole
(`safewrite.write_fields_safely`), so a file never ends up with some of its fields.

Undo is byte-exact: before each replace, the image that rebuilds the original file
(`tagger.restore`) is stored with the change (with each change of the file: they share
one replace, so one image), and undo puts the original bytes back, checked by their
sha256, as long as the file is still what the batch wrote. A file changed since (or
written without an image) gets its values back only, and the outcome says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tagger import db, restore
from tagger.db import Analysis, Change, Decision, Library, RestoreImage
from tagger.db.batches import UNDOABLE
from tagger.db.decisions import is_stale
from tagger.fingerprint import FingerprintError, holds_audio, same_audio
from tagger.formats.base import FIELDS, TagOptions
from tagger.messages import (
    AUDIO_CHANGED,
    AUDIO_UNCHECKABLE,
    CHANGED_SINCE_PLANNED,
    CHANGED_SINCE_WRITTEN,
    FIELD_VALUES,
    TAGS_ONLY_CHANGED,
    TAGS_ONLY_NO_IMAGE,
    UNDO_FILE_GONE,
    UNDO_NOT_WRITTEN,
    UNDO_OTHER_AUDIO,
    WRITTEN_BEFORE_ERROR,
    Message,
)
from tagger.vocabulary import Vocabulary
from tagger.write_lock import writing_tags


@dataclass(frozen=True)
class TagTarget:
    """Where and how a write puts values (Settings -> Tags): the fields genres go to (one
    or more of genre, style, grouping, mood), the tag options (separator, ID3 version),
    and the threshold of the model's top mood, written to the Mood field (None: no mood;
    never when genres themselves go to Mood)."""

    fields: tuple[str, ...] = ("genre",)
    options: TagOptions = TagOptions()
    mood_threshold: float | None = None

    def __post_init__(self):
        if not self.fields or any(f not in FIELDS for f in self.fields):
            raise ValueError(f"genre fields must be one or more of {', '.join(FIELDS)}: {self.fields!r}")

    @property
    def writes_mood(self) -> bool:
        return self.mood_threshold is not None and "mood" not in self.fields

    @classmethod
    def from_settings(cls, settings) -> TagTarget:
        fields = tuple(f for f in FIELDS if f in settings.tag_fields) or ("genre",)
        return cls(
            fields=fields,
            options=TagOptions(separator=settings.separator, id3_version=settings.id3_version),
            mood_threshold=settings.mood_threshold if settings.write_mood else None,
        )


@dataclass
class PlannedChange:
    track_id: int
    path: str
    old: list[str]
    new: list[str]
    source: str  # accepted | overridden | suggested
    problem: str | None = None  # why the safe writer will refuse it, when its cheap checks tell (preflight)
    content_id: str | None = None  # the audio the decision or suggestion was made for (last scan)
    field: str = "genre"  # the tag field written (tagger.formats.base.FIELDS)


@dataclass
class Outcome:
    path: str
    old: list[str]
    new: list[str]
    status: str  # written | failed | skipped | undone
    error: str | None = None
    moved_from: str | None = None  # undo: the path the batch wrote, when the file has moved since
    field: str = "genre"
    note: str | None = None  # undo: why the file got its values back but not its exact bytes


def proposed_genres(
    analysis: Analysis | None,
    decision: Decision | None,
    info,
    vocab: Vocabulary,
    min_confidence: float,
    max_genres: int,
) -> tuple[list[str], str]:
    """The genres proposed for a track and where they come from. A user's decision wins
    over the model; a skipped track proposes nothing."""
    if decision is not None:
        if decision.state == "skipped":
            return [], "skipped"
        return decision.genres, decision.state
    if analysis is None or analysis.status != "ok":
        return [], "none"
    return [n for n, _ in vocab.suggest(info, analysis.scores, min_confidence, max_genres)], "suggested"


def mood_label(label: str) -> str:
    """A model's mood label as written: "mellow" -> "Mellow"."""
    return label[:1].upper() + label[1:]


def proposed_mood(analysis: Analysis | None, info, threshold: float) -> list[str]:
    """The model's top mood when it scores at least `threshold`; else nothing."""
    if analysis is None or analysis.status != "ok":
        return []
    scores = analysis.scores
    moods = [(scores[i], info.tags[i]) for i in info.labels_of_kind("mood") if i < len(scores)]  # a tag: no "<tagger>:"
    if not moods:
        return []
    score, label = max(moods)
    return [mood_label(label)] if score >= threshold else []


def combine(mode: str, current: list[str], proposed: list[str], vocab: Vocabulary) -> list[str]:
    """The genres a file gets; one spelling per genre, so what is recorded in a batch is
    exactly what the file reads back after the write (undo compares the two)."""
    if mode not in ("fill", "merge", "replace"):
        raise ValueError(f"unknown mode {mode!r} (fill, merge or replace)")
    proposed = vocab.dedupe(proposed)
    if mode == "fill":
        return list(current) if current else proposed
    if mode == "merge":
        return vocab.merge(current, proposed)
    return proposed


def write_result(
    source: str, mode: str, current: list[str], proposed: list[str], vocab: Vocabulary
) -> tuple[list[str], str | None]:
    """(the genres the file gets, None) when a write changes it; else (current, why
    not: "fill" when fill mode keeps genres the proposal would add to, "unchanged").
    An override is the user's explicit answer: written as given whatever the mode.
    The one rule behind `plan` and the review table's "Will write" column."""
    effective = "replace" if source == "overridden" else mode
    new = combine(effective, current, proposed, vocab)
    if new != current:
        return new, None
    if effective == "fill" and current and vocab.merge(current, proposed) != current:
        return list(current), "fill"
    return list(current), "unchanged"


# why plan() left a track out (the `left_out` counts), as the write dialog says it
LEFT_OUT_REASONS = {
    "unreadable": "unreadable",
    "missing": "missing (moved or deleted)",
    "fill": "already have genres (fill mode)",
    "unchanged": "already hold these genres",
    "skipped": "skipped by you",
    "undecided": "not accepted or overridden",
    "unanalysed": "not analysed by this model",
    "failed": "whose analysis failed",
    "nothing": "no decision or confident suggestion",
    "stale": "decided for other audio (the file's audio changed since: decide again)",
}
_ONE_LEFT_OUT = {"fill": "already has genres (fill mode)", "unchanged": "already holds these genres"}


def left_out_words(reason: str, n: int) -> str:
    """'3 already have genres (fill mode)', '1 already has genres (fill mode)'."""
    words = _ONE_LEFT_OUT.get(reason) if n == 1 else None
    return f"{n} {words or LEFT_OUT_REASONS.get(reason, reason)}"


def plan(
    lib: Library,
    tracks,
    info,
    vocab: Vocabulary,
    mode: str = "fill",
    min_confidence: float = 0.5,
    max_genres: int = 2,
    decided_only: bool = False,
    left_out: dict[str, int] | None = None,
    target: TagTarget | None = None,
) -> list[PlannedChange]:
    """The changes `apply` would make to `tracks`, one per track and field written
    (`target`: the genre fields, and the mood); unchanged tracks are left out (counted
    per reason, a LEFT_OUT_REASONS key, in `left_out` when given)."""
    target = target or TagTarget()

    def leave(reason: str) -> None:
        if left_out is not None:
            left_out[reason] = left_out.get(reason, 0) + 1

    changes = []
    for t in tracks:
        if t.status != "present":
            leave("unreadable" if t.status == "error" else "missing")
    tracks = [t for t in tracks if t.status == "present"]
    for first in range(0, len(tracks), 500):  # two queries per 500 tracks, not two per track
        chunk = tracks[first : first + 500]
        decisions = db.decisions.for_tracks(lib, [t.id for t in chunk])
        analyses = db.analyses.for_contents(lib, [t.content_id for t in chunk if t.content_id], info.key)
        for t in chunk:
            decision = decisions.get(t.id)
            if decision is not None and is_stale(decision, t):
                # the file now holds other audio than the one decided for (replaced or
                # re-encoded, and that audio nowhere to follow): undecided, as the
                # review shows it; --decided-only says why it is left out
                decision = None
                if decided_only:
                    leave("stale")
                    continue
            if decided_only and (decision is None or decision.state == "skipped"):
                leave("undecided" if decision is None else "skipped")
                continue
            analysis = analyses.get(t.content_id) if t.content_id else None
            proposed, source = proposed_genres(analysis, decision, info, vocab, min_confidence, max_genres)
            if target.writes_mood and source != "skipped":
                changes.extend(_mood_change(t, analysis, info, vocab, mode, target.mood_threshold or 0.0))
            if not proposed:
                # never erase genres: not for a suggestion below the threshold (even in
                # replace mode), nor for an empty override (databases from before
                # set_decision refused them)
                if source == "skipped":
                    leave("skipped")
                elif source == "none" and analysis is None:
                    leave("unanalysed")
                elif source == "none" and analysis is not None and analysis.status != "ok":
                    leave("failed")
                else:
                    leave("nothing")
                continue
            why_not, wrote = "unchanged", False
            for name in target.fields:
                current = t.field_values(name)
                new, kept = write_result(source, mode, current, proposed, vocab)
                if kept is None:
                    changes.append(
                        PlannedChange(t.id, t.path, current, new, source, content_id=t.content_id, field=name)
                    )
                    wrote = True
                elif kept == "fill":
                    why_not = kept
            if not wrote:
                leave(why_not)
    return changes


def _mood_change(t, analysis, info, vocab: Vocabulary, mode: str, threshold: float) -> list[PlannedChange]:
    """The Mood field's change for one track, by the write mode, like genres."""
    mood = proposed_mood(analysis, info, threshold)
    if not mood:
        return []
    current = t.field_values("mood")
    new, kept = write_result("suggested", mode, current, mood, vocab)
    if kept is not None:
        return []
    return [PlannedChange(t.id, t.path, current, new, "suggested", content_id=t.content_id, field="mood")]


def _record(lib: Library, change_id: int, status: str, error: str | None = None) -> None:
    db.batches.set_change_status(lib, change_id, status, error)


@dataclass
class _FieldWrite:
    """One change of one file's write: `old` is what the field must hold now, `new` what
    it gets."""

    change_id: int
    field: str
    old: list[str]
    new: list[str]


def _write_file(
    lib: Library,
    path: str,
    items: list[_FieldWrite],
    done_status: str,
    expected_content: str | None = None,
    options: TagOptions | None = None,
    replaced: list[str] | None = None,
) -> list[Outcome]:
    """Write the changes of one file (each a different field) in one safe replace; one
    Outcome per change, in order. A field that changed on disk since it was planned is
    left alone (skipped), the others are written."""
    from tagger.safewrite import WriteError, write_fields_safely
    from tagger.scan import refresh_track
    from tagger.tags import TagError, normalize_genres, read_tags, reason_of

    writing = done_status == "written"
    failed = "failed" if writing else "undo-failed"
    outcomes: dict[int, Outcome] = {}

    def finish(item: _FieldWrite, status: str, recorded: str, old: list[str], error: str | None = None) -> None:
        _record(lib, item.change_id, recorded, error)
        outcomes[item.change_id] = Outcome(path, old, item.new, status, error, field=item.field)

    try:
        seen = os.stat(path)  # what the plan is checked against must still be there at the replace
        on_disk = read_tags(path, options)
    except (TagError, OSError) as exc:
        for item in items:
            finish(item, "failed", failed, item.old, reason_of(exc))
        return [outcomes[item.change_id] for item in items]
    todo: list[_FieldWrite] = []
    for item in items:
        current = on_disk.values(item.field)
        what = Message(FIELD_VALUES[item.field]) if item.field in FIELD_VALUES else item.field
        if not writing and normalize_genres(current) == normalize_genres(item.new) != normalize_genres(item.old):
            # already holds what undo puts back (an undo killed after its replace, or another
            # undo of the same file): restored, not "changed since"
            finish(item, "undone", "undone", item.old)
        elif normalize_genres(current) != normalize_genres(item.old):
            if writing:
                reason = Message(CHANGED_SINCE_PLANNED, what=what, current=current, old=item.old)
            else:
                reason = Message(CHANGED_SINCE_WRITTEN, what=what, current=current, old=item.old)
            # skipped, not failed: nothing went wrong, the plan was out of date (an undo
            # stays pending so that it can be retried)
            finish(item, "skipped", "skipped" if writing else "undo-failed", current, reason)
        else:
            todo.append(item)
    if writing and len(todo) < len(items):
        try:  # the library holds what the file says now (also read as the options say)
            refresh_track(lib, Path(path), options)
        except (TagError, OSError):
            pass
    if todo and expected_content is not None:
        # another file under the same name (copied over it, same size and date possible):
        # genres chosen for the old audio must not go into it
        try:  # (in the id's own version: a library scanned by an older version too)
            same, why = same_audio(path, expected_content), ""
        except (FingerprintError, OSError) as exc:
            same, why = None, reason_of(exc)
        if not same:
            if same is None:
                reason = Message(AUDIO_UNCHECKABLE, why=why)
            else:
                reason = Message(AUDIO_CHANGED) if writing else Message(UNDO_OTHER_AUDIO)
            for item in todo:  # (an undo stays pending: retried once the file is found)
                finish(item, "skipped", "skipped" if writing else "undo-failed", on_disk.values(item.field), reason)
            todo = []
    if todo:
        ids = [item.change_id for item in todo]
        try:
            # the DB already holds old and new values (the Change rows) before the replace,
            # and the image that rebuilds the original (stored by on_ready)
            write_fields_safely(
                path,
                {item.field: item.new for item in todo},
                options=options,
                on_ready=_image_keeper(lib, ids) if writing else None,
                unchanged_since=seen,
            )
        except WriteError as exc:
            for item in todo:
                finish(item, "failed", failed, item.old, exc.reason)
        else:
            if replaced is not None:
                replaced.append(path)
            for item in todo:
                finish(item, "written" if writing else "undone", done_status, item.old)
            try:
                refresh_track(lib, Path(path), options)  # so the next scan sees the file as unchanged
            except (TagError, OSError):
                pass
    return [outcomes[item.change_id] for item in items]


def _image_keeper(lib: Library, change_ids: list[int]) -> Callable[[Path, Path], None]:
    """The safe writer's on_ready for one file's changes: store the image that rebuilds
    the original from the file about to replace it (none when it cannot be made, e.g.
    too large: undo then restores the values only, and says so)."""

    def keep(original: Path, ready: Path) -> None:
        try:
            image = restore.make_image(original, ready)
        except restore.ImageError:
            return
        db.batches.keep_image(
            lib, change_ids, image.original_sha256, image.original_size, image.written_sha256, image.data
        )

    return keep


def write_batch(
    lib: Library,
    changes: list[PlannedChange],
    mode: str,
    model_key: str | None = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    options: TagOptions | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> tuple[int, list[Outcome]]:
    """Write `changes` as one numbered batch, tags written as `options` say (recorded
    with the batch: its undo writes the same way). Returns (batch id, outcomes). Holds
    the library's writer lock (tagger.write_lock): while another process writes tags to
    this library, `on_wait(message)` is called and the write waits for it."""
    with writing_tags(lib.path, on_wait, should_stop):
        return _write_batch(lib, changes, mode, model_key, progress, should_stop, options or TagOptions())


def _by_file(changes: list[PlannedChange], ids: list[int]) -> list[list[tuple[PlannedChange, int]]]:
    """The changes grouped by file (first appearance order), one field at most once per
    group: each group is one replace."""
    groups: list[list[tuple[PlannedChange, int]]] = []
    open_group: dict[str, list[tuple[PlannedChange, int]]] = {}
    for c, change_id in zip(changes, ids):
        group = open_group.get(c.path)
        if group is None or any(other.field == c.field for other, _ in group):
            group = []
            groups.append(group)
            open_group[c.path] = group
        group.append((c, change_id))
    return groups


def _write_batch(
    lib: Library, changes, mode, model_key, progress, should_stop, options: TagOptions
) -> tuple[int, list[Outcome]]:
    # every old and new value is recorded before any file is touched
    batch_id, ids = db.batches.create(lib, mode, model_key, changes, options.to_json())
    outcomes: list[Outcome] = []
    replaced: list[str] = []  # the files replaced so far (one whose record then failed too)
    for group in _by_file(changes, ids):
        if should_stop and should_stop():
            for c, change_id in group:
                _record(lib, change_id, "skipped", "cancelled before writing")
                outcomes.append(Outcome(c.path, c.old, c.new, "skipped", "cancelled", field=c.field))
            continue
        # a library error here (disk full, locked) ends the batch: this file's changes and
        # the ones after it stay pending; undo tells the files written from the others on disk
        first = group[0][0]
        items = [_FieldWrite(change_id, c.field, c.old, c.new) for c, change_id in group]
        try:
            written = _write_file(lib, first.path, items, "written", first.content_id, options, replaced)
        except Exception as exc:  # the error's one line also says what was written before it
            if replaced:
                exc.add_note(Message(WRITTEN_BEFORE_ERROR, files=len(replaced), batch=batch_id))
            raise
        for out in written:
            outcomes.append(out)
            if progress:
                progress(len(outcomes), len(changes), out)
    return batch_id, outcomes


def last_undoable_batch(lib: Library) -> int | None:
    """The newest batch not undone that changed a file (one that wrote nothing is only a
    record of what failed)."""
    return db.batches.last_undoable(lib)


def _where_now(
    lib: Library,
    row: Change,
    image: RestoreImage | None,
    taken: set[str],
    written: dict[str, set[str]],
    options: TagOptions,
) -> str:
    """Where the file of `row` is now. Its recorded path while that holds the audio the
    change was made for (`row.content_id`; any file there for a change recorded before
    it was kept). Else, first, a file that is exactly what this change wrote, among the
    batch's files and the tracks with that audio: names swapped or renumbered since the
    write, rescanned or not. Else the present track with the same audio (tag writes keep
    the content id, so a rescan after a move or rename knows the file by it): of several
    copies, the one holding what the batch wrote; files with their own row in the batch
    (`taken`) are not candidates. Else the recorded path (undo then says what is there)."""
    from tagger.tags import TagError, normalize_genres

    if row.content_id is None:
        if os.path.exists(row.path) or row.track_id is None:
            return row.path
        copies = [t for t in db.tracks.copies_of(lib, row.track_id) if t.path not in taken and os.path.exists(t.path)]
        if not copies:
            return row.path
        try:
            wanted = normalize_genres(row.new)
            return next(
                (t.path for t in copies if normalize_genres(t.field_values(row.field_name)) == wanted), copies[0].path
            )
        except TagError:
            return copies[0].path
    if image is not None and _sha256_or_none(row.path) in (image.written_sha256, image.original_sha256):
        return row.path  # (the common case, known without reading the audio apart)
    if holds_audio(row.path, row.content_id):
        return row.path
    same = [t.path for t in db.tracks.with_content(lib, row.content_id)]
    if image is not None:
        for p in dict.fromkeys([*written, *same]):
            if p == row.path:
                continue
            now = _sha256_or_none(p)
            # exactly what this change wrote, and not what the change recorded at p wrote
            # there (identical copies written alike are each their own change's file)
            if now == image.written_sha256 and now not in written.get(p, set()):
                return p
    found = [p for p in same if p not in taken and p != row.path and holds_audio(p, row.content_id)]
    return _holding_new(row, found, options) or row.path


def _sha256_or_none(path: str) -> str | None:
    try:
        return _file_sha256(path)
    except OSError:
        return None


_SHA256: dict[str, str] = {}  # path -> sha256, for one undo (cleared at its start; a file it writes, dropped)


def _file_sha256(path: str) -> str:
    """restore.file_sha256, each file read once per undo (finding files and restoring
    them both need it; looking for a moved file must not read or stat the batch's files
    again for each file missing)."""
    if path not in _SHA256:
        _SHA256[path] = restore.file_sha256(path)
    return _SHA256[path]


def _holding_new(row: Change, paths: list[str], options: TagOptions) -> str | None:
    """Of `paths`, the one whose field holds what `row` wrote (else the first; None: none)."""
    from tagger.tags import TagError, normalize_genres, read_tags

    if not paths:
        return None
    try:
        wanted = normalize_genres(row.new)
        return next(
            (p for p in paths if normalize_genres(read_tags(p, options).values(row.field_name)) == wanted), paths[0]
        )
    except (TagError, OSError):
        return paths[0]


def _undo_one(lib: Library, row: Change, image: RestoreImage | None, path: str, options: TagOptions) -> Outcome | None:
    """Put back what `row` replaced in the file at `path`, in the field it wrote, written
    as its batch was. None when the batch never wrote the file (a pending change whose
    file is still the original: the write stopped before it, or before its replace):
    recorded as skipped, nothing to put back."""
    field = row.field_name
    if not os.path.exists(path):
        reason = Message(UNDO_FILE_GONE)
        _record(lib, row.id, "undo-failed", reason)
        return Outcome(path, row.new, row.old, "failed", reason, field=field)
    if row.status == "pending" and _never_replaced(row, path, image, options):
        _record(lib, row.id, "skipped", Message(UNDO_NOT_WRITTEN))
        return None
    if image is not None:
        exact = _restore_exactly(lib, row, path, image, options)
        if exact is not None:
            return exact
        note = Message(TAGS_ONLY_CHANGED)
    else:
        note = Message(TAGS_ONLY_NO_IMAGE)
    # only into the audio the change was made for (not another file now under its name)
    item = _FieldWrite(row.id, field, row.new, row.old)
    (out,) = _write_file(lib, path, [item], "undone", expected_content=row.content_id, options=options)
    if out.status == "undone":
        out.note = note
    return out


def _never_replaced(row: Change, path: str, image: RestoreImage | None, options: TagOptions) -> bool:
    """A pending change whose file is still the original: the write stopped before its
    replace (by the image's sha256 when there is one, else by the field's values on disk)."""
    from tagger.tags import TagError, read_tags

    try:
        if image is not None:
            return _file_sha256(path) == image.original_sha256
        return read_tags(path, options).values(row.field_name) == row.old
    except (TagError, OSError):
        return False


def _restore_exactly(lib: Library, row: Change, path: str, image: RestoreImage, options: TagOptions) -> Outcome | None:
    """Put the original bytes back from the change's image while the file is still the
    one the batch wrote (None when it is not: changed since). A file that already is the
    original (the replace never happened, an undo died after its own, or another change
    of the same file, sharing the image, restored it) counts as restored."""
    from tagger.safewrite import WriteError, restore_safely
    from tagger.scan import refresh_track
    from tagger.tags import TagError, reason_of

    field = row.field_name
    try:
        now = _file_sha256(path)
    except OSError as exc:
        _record(lib, row.id, "undo-failed", reason_of(exc))
        return Outcome(path, row.new, row.old, "failed", reason_of(exc), field=field)
    if now == image.original_sha256:
        _record(lib, row.id, "undone")
        return Outcome(path, row.new, row.old, "undone", field=field)
    if now != image.written_sha256:
        return None
    try:
        restore_safely(path, lambda current, out: restore.rebuild(image.data, current, out), image.original_sha256)
    except (WriteError, restore.ImageError) as exc:
        reason = exc.reason if isinstance(exc, WriteError) else f"cannot rebuild the original ({exc})"
        _record(lib, row.id, "undo-failed", reason)
        return Outcome(path, row.new, row.old, "failed", reason, field=field)
    _record(lib, row.id, "undone")
    try:
        refresh_track(lib, Path(path), options)
    except (TagError, OSError):
        pass
    return Outcome(path, row.new, row.old, "undone", field=field)


def _nothing_to_undo(lib: Library) -> str:
    """Why there is no batch to undo: none yet, or every one already undone or empty."""
    batches = db.batches.newest_first(lib)
    if not batches:
        return "nothing to undo: no write batch in this library"
    undone = sum(b.undone_at is not None for b in batches)
    n = len(batches)
    if undone == n:
        return (
            f"nothing to undo: {'the only' if n == 1 else f'all {n}'} write batch{'es' if n > 1 else ''} already undone"
        )
    return (
        f"nothing to undo: of {n} write batches, {undone} already undone and the others changed no file "
        "(`tagger history` lists them)"
    )


def undo_batch(
    lib: Library,
    batch_id: int | None = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[int, list[Outcome]]:
    """Restore the values a batch replaced (default: the last batch not undone), each in
    the field it wrote. A file whose values were changed again since the batch is left
    alone and reported; a file moved or renamed since (and rescanned) is found by its
    audio content. Holds the writer lock like `write_batch` (`on_wait`, `should_stop`:
    while waiting for it); the batch is chosen once it is held."""
    with writing_tags(lib.path, on_wait, should_stop):
        return _undo_batch(lib, batch_id, progress)


def _undo_batch(lib: Library, batch_id: int | None, progress) -> tuple[int, list[Outcome]]:
    if batch_id is None:
        batch_id = last_undoable_batch(lib)
        if batch_id is None:
            raise ValueError(_nothing_to_undo(lib))
    batch = db.batches.get(lib, batch_id)
    if batch is None:
        raise ValueError(f"no batch {batch_id} in this library")
    if batch.undone_at is not None:
        raise ValueError(f"batch {batch_id} was already undone")
    all_rows = db.batches.changes_of(lib, batch_id)
    rows = [r for r in all_rows if r.status in UNDOABLE]
    if not rows:
        raise ValueError(f"nothing to undo: batch {batch_id} changed no file")
    taken = {r.path for r in all_rows}
    written: dict[str, set[str]] = {r.path: set() for r in all_rows} | db.batches.written_hashes(lib, batch_id)
    _SHA256.clear()
    options = TagOptions.from_json(batch.tag_options)
    outcomes = []
    moved: dict[str, str] = {}  # a file with several fields in the batch is found once
    for i, row in enumerate(rows):
        image = db.batches.image_of(lib, row.id)  # (finding the file and restoring it both need it)
        path = moved.get(row.path) or _where_now(lib, row, image, taken, written, options)
        moved[row.path] = path
        taken.add(path)
        out = _undo_one(lib, row, image, path, options)
        _SHA256.pop(path, None)  # (written now, or may be)
        if out is None:  # never written: not a file undo restored
            continue
        if path != row.path:
            out.moved_from = row.path
            if out.status == "undone":  # the history shows where the file was restored
                _record(lib, row.id, "undone", f"moved since: restored at {path}")
        outcomes.append(out)
        if progress:
            progress(i + 1, len(rows), out)
    db.batches.close_if_undone(lib, batch_id)
    return batch_id, outcomes


def history(lib: Library) -> list[dict]:
    """Every batch, newest first, with counts per change status (written, failed,
    skipped: not written because the file changed since planned, or cancelled; undone,
    undo-failed, pending) and whether undo has anything to restore."""
    out = []
    for b, counts in db.batches.with_status_counts(lib):
        undoable = b.undone_at is None and any(counts.get(k) for k in UNDOABLE)
        out.append(
            {
                "batch": b.id,
                "created_at": b.created_at,
                "mode": b.mode,
                "model": b.model_key,
                "undone_at": b.undone_at,
                "counts": counts,
                "undoable": undoable,
            }
        )
    return out
