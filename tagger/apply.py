"""From suggestions to files: what to write (fill / merge / replace), numbered batches,
and undo. Every write goes through `tagger.safewrite`; the old and new values are in the
database before a file is replaced, so a batch can always be undone.

Undo is byte-exact: before each replace, the image that rebuilds the original file
(`tagger.restore`) is stored with the change, and undo puts the original bytes back,
checked by their sha256, as long as the file is still what the batch wrote. A file
changed since (or written without an image) gets its genres back only, and the outcome
says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tagger import db, restore
from tagger.db import Analysis, Change, Decision, Library, RestoreImage
from tagger.db.batches import UNDOABLE
from tagger.fingerprint import FingerprintError, same_audio
from tagger.vocabulary import Vocabulary
from tagger.write_lock import writing_tags


@dataclass
class PlannedChange:
    track_id: int
    path: str
    old: list[str]
    new: list[str]
    source: str  # accepted | overridden | suggested
    problem: str | None = None  # why the safe writer will refuse it, when its cheap checks tell (preflight)
    content_id: str | None = None  # the audio the decision or suggestion was made for (last scan)


@dataclass
class Outcome:
    path: str
    old: list[str]
    new: list[str]
    status: str  # written | failed | skipped | undone
    error: str | None = None
    moved_from: str | None = None  # undo: the path the batch wrote, when the file has moved since
    note: str | None = None  # undo: why the file got its genres back but not its exact bytes


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
    "skipped": "skipped",
    "undecided": "not accepted or overridden",
    "unanalysed": "not analysed by this model",
    "nothing": "no decision or confident suggestion",
}


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
) -> list[PlannedChange]:
    """The changes `apply` would make to `tracks`; unchanged tracks are left out (counted
    per reason, a LEFT_OUT_REASONS key, in `left_out` when given)."""

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
            if decided_only and (decision is None or decision.state == "skipped"):
                leave("undecided" if decision is None else "skipped")
                continue
            analysis = analyses.get(t.content_id) if t.content_id else None
            proposed, source = proposed_genres(analysis, decision, info, vocab, min_confidence, max_genres)
            if not proposed:
                # never erase genres: not for a suggestion below the threshold (even in
                # replace mode), nor for an empty override (databases from before
                # set_decision refused them)
                leave(
                    "skipped"
                    if source == "skipped"
                    else "unanalysed"
                    if source == "none" and analysis is None
                    else "nothing"
                )
                continue
            new, kept = write_result(source, mode, t.genres, proposed, vocab)
            if kept is None:
                changes.append(PlannedChange(t.id, t.path, t.genres, new, source, content_id=t.content_id))
            else:
                leave(kept)
    return changes


def _record(lib: Library, change_id: int, status: str, error: str | None = None) -> None:
    db.batches.set_change_status(lib, change_id, status, error)


def _write_one(
    lib: Library,
    path: str,
    change_id: int,
    expected_old: list[str],
    target: list[str],
    done_status: str,
    expected_content: str | None = None,
) -> Outcome:
    from tagger.safewrite import WriteError, write_genres_safely
    from tagger.scan import refresh_track
    from tagger.tags import TagError, normalize_genres, read_tags, reason_of

    writing = done_status == "written"
    try:
        current = read_tags(path).genres
    except (TagError, OSError) as exc:
        _record(lib, change_id, "failed" if writing else "undo-failed", reason_of(exc))
        return Outcome(path, expected_old, target, "failed", reason_of(exc))
    if not writing and normalize_genres(current) == normalize_genres(target) != normalize_genres(expected_old):
        # already holds what undo puts back (an undo killed after its replace, or another
        # undo of the same file): restored, not "changed since"
        _record(lib, change_id, "undone")
        return Outcome(path, expected_old, target, "undone")
    if normalize_genres(current) != normalize_genres(expected_old):
        if writing:
            reason = (
                f"genres changed on disk since planned ({current} instead of {expected_old}); "
                "left alone: rescan (`tagger scan`, or Rescan in the app) and review it again"
            )
        else:
            reason = (
                f"genres changed on disk since this batch wrote them ({current} instead of {expected_old}); left alone"
            )
        # skipped, not failed: nothing went wrong, the plan was out of date (an undo
        # stays pending so that it can be retried)
        _record(lib, change_id, "skipped" if writing else "undo-failed", reason)
        return Outcome(path, current, target, "skipped", reason)
    if expected_content is not None:
        # another file under the same name (copied over it, same size and date possible):
        # genres chosen for the old audio must not go into it
        try:  # (in the id's own version: a library scanned by an older version too)
            same, why = same_audio(path, expected_content), ""
        except (FingerprintError, OSError) as exc:
            same, why = None, reason_of(exc)
        if not same:
            reason = (
                "the audio changed since it was analysed (another file under this name?); left alone: "
                "re-analyse it (`tagger analyze`, or Rescan in the app) and review it again"
            )
            if same is None:
                reason = f"cannot read the audio to check it is the one analysed ({why}); left alone"
            _record(lib, change_id, "skipped", reason)
            return Outcome(path, current, target, "skipped", reason)
    try:
        # the DB already holds old and new values (the Change row) before the replace,
        # and the image that rebuilds the original (stored by on_ready)
        write_genres_safely(path, target, on_ready=_image_keeper(lib, change_id) if writing else None)
    except WriteError as exc:
        _record(lib, change_id, "failed" if writing else "undo-failed", exc.reason)
        return Outcome(path, expected_old, target, "failed", exc.reason)
    _record(lib, change_id, done_status)
    try:
        refresh_track(lib, Path(path))  # so the next scan sees the file as unchanged
    except (TagError, OSError):
        pass
    return Outcome(path, expected_old, target, "written" if writing else "undone")


def _image_keeper(lib: Library, change_id: int) -> Callable[[Path, Path], None]:
    """The safe writer's on_ready for one change: store the image that rebuilds the
    original from the file about to replace it (none when it cannot be made, e.g. too
    large: undo then restores the tags only, and says so)."""

    def keep(original: Path, ready: Path) -> None:
        try:
            image = restore.make_image(original, ready)
        except restore.ImageError:
            return
        db.batches.keep_image(
            lib, change_id, image.original_sha256, image.original_size, image.written_sha256, image.data
        )

    return keep


def write_batch(
    lib: Library,
    changes: list[PlannedChange],
    mode: str,
    model_key: str | None = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> tuple[int, list[Outcome]]:
    """Write `changes` as one numbered batch. Returns (batch id, outcomes). Holds the
    library's writer lock (tagger.write_lock): while another process writes tags to
    this library, `on_wait(message)` is called and the write waits for it."""
    with writing_tags(lib.path, on_wait, should_stop):
        return _write_batch(lib, changes, mode, model_key, progress, should_stop)


def _write_batch(lib: Library, changes, mode, model_key, progress, should_stop) -> tuple[int, list[Outcome]]:
    # every old and new value is recorded before any file is touched
    batch_id, ids = db.batches.create(lib, mode, model_key, changes)
    outcomes = []
    for i, (c, change_id) in enumerate(zip(changes, ids)):
        if should_stop and should_stop():
            _record(lib, change_id, "skipped", "cancelled before writing")
            outcomes.append(Outcome(c.path, c.old, c.new, "skipped", "cancelled"))
            continue
        # a library error here (disk full, locked) ends the batch: this change and the
        # ones after it stay pending; undo tells the files written from the others on disk
        out = _write_one(lib, c.path, change_id, c.old, c.new, "written", c.content_id)
        outcomes.append(out)
        if progress:
            progress(i + 1, len(changes), out)
    return batch_id, outcomes


def last_undoable_batch(lib: Library) -> int | None:
    """The newest batch not undone that changed a file (one that wrote nothing is only a
    record of what failed)."""
    return db.batches.last_undoable(lib)


def _where_now(lib: Library, row: Change, taken: set[str]) -> str:
    """Where the file of `row` is now: its recorded path, or, when that is gone, the
    present track with the same audio (tag writes keep the content id, so a rescan after
    a move or rename knows the file by it). Of several copies, the one holding what the
    batch wrote; files with their own row in the batch (`taken`) are not candidates."""
    if os.path.exists(row.path) or row.track_id is None:
        return row.path
    from tagger.tags import TagError, normalize_genres

    copies = [t for t in db.tracks.copies_of(lib, row.track_id) if t.path not in taken and os.path.exists(t.path)]
    if not copies:
        return row.path
    try:
        wanted = normalize_genres(row.new)
        return next((t.path for t in copies if normalize_genres(t.genres) == wanted), copies[0].path)
    except TagError:
        return copies[0].path


def _undo_one(lib: Library, row: Change, path: str) -> Outcome | None:
    """Put back what `row` replaced in the file at `path`. None when the batch never
    wrote the file (a pending change whose file still holds the old genres: the write
    stopped before it, or before its replace): recorded as skipped, nothing to put back."""
    if not os.path.exists(path):
        reason = (
            "file does not exist (if it was moved or renamed, scan its new folder with `tagger scan` and undo again)"
        )
        _record(lib, row.id, "undo-failed", reason)
        return Outcome(path, row.new, row.old, "failed", reason)
    image = db.batches.image_of(lib, row.id)
    if row.status == "pending" and _never_replaced(row, path, image):
        _record(lib, row.id, "skipped", "not written: the write stopped before this file")
        return None
    if image is not None:
        exact = _restore_exactly(lib, row, path, image)
        if exact is not None:
            return exact
        note = "restored tags only: file changed since"
    else:
        note = "restored tags only: no byte-exact image was kept for this file"
    out = _write_one(lib, path, row.id, row.new, row.old, "undone")
    if out.status == "undone":
        out.note = note
    return out


def _never_replaced(row: Change, path: str, image: RestoreImage | None) -> bool:
    """A pending change whose file is still the original: the write stopped before its
    replace (by the image's sha256 when there is one, else by the genres on disk)."""
    from tagger.tags import TagError, read_tags

    try:
        if image is not None:
            return restore.file_sha256(path) == image.original_sha256
        return read_tags(path).genres == row.old
    except (TagError, OSError):
        return False


def _restore_exactly(lib: Library, row: Change, path: str, image: RestoreImage) -> Outcome | None:
    """Put the original bytes back from the change's image while the file is still the
    one the batch wrote (None when it is not: changed since). A file that already is the
    original (the replace never happened, or an undo died after its own) counts as
    restored."""
    from tagger.safewrite import WriteError, restore_safely
    from tagger.scan import refresh_track
    from tagger.tags import TagError, reason_of

    try:
        now = restore.file_sha256(path)
    except OSError as exc:
        _record(lib, row.id, "undo-failed", reason_of(exc))
        return Outcome(path, row.new, row.old, "failed", reason_of(exc))
    if now == image.original_sha256:
        _record(lib, row.id, "undone")
        return Outcome(path, row.new, row.old, "undone")
    if now != image.written_sha256:
        return None
    try:
        restore_safely(path, lambda current, out: restore.rebuild(image.data, current, out), image.original_sha256)
    except (WriteError, restore.ImageError) as exc:
        reason = exc.reason if isinstance(exc, WriteError) else f"cannot rebuild the original ({exc})"
        _record(lib, row.id, "undo-failed", reason)
        return Outcome(path, row.new, row.old, "failed", reason)
    _record(lib, row.id, "undone")
    try:
        refresh_track(lib, Path(path))
    except (TagError, OSError):
        pass
    return Outcome(path, row.new, row.old, "undone")


def undo_batch(
    lib: Library,
    batch_id: int | None = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[int, list[Outcome]]:
    """Restore the genre values a batch replaced (default: the last batch not undone).
    A file whose genres were changed again since the batch is left alone and reported;
    a file moved or renamed since (and rescanned) is found by its audio content. Holds
    the writer lock like `write_batch` (`on_wait`, `should_stop`: while waiting for it);
    the batch is chosen once it is held."""
    with writing_tags(lib.path, on_wait, should_stop):
        return _undo_batch(lib, batch_id, progress)


def _undo_batch(lib: Library, batch_id: int | None, progress) -> tuple[int, list[Outcome]]:
    if batch_id is None:
        batch_id = last_undoable_batch(lib)
        if batch_id is None:
            raise ValueError("nothing to undo: no write batch in this library")
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
    outcomes = []
    for i, row in enumerate(rows):
        path = _where_now(lib, row, taken)
        taken.add(path)
        out = _undo_one(lib, row, path)
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
