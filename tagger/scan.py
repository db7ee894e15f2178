"""Incremental folder scan: find audio files and record their metadata in the library.

An unchanged file (same size and modification time) is not opened again; a file that
disappeared is marked `gone`; a file that cannot be read is recorded with the reason and
the scan goes on, and it is reported as unreadable on every scan until it changes. A
file that was moved or renamed keeps the user's decision (matched by its audio content
id), also when it went missing in an earlier scan or under another root. A symlinked
audio file is a track only when its target is not scanned already (see `scan`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tagger import db, formats
from tagger.db import Library
from tagger.fingerprint import is_current_id
from tagger.formats import AUDIO_EXTENSIONS, is_audio_path
from tagger.moved_folder import MovedFolder, guess
from tagger.paths import resolve_root

COMMIT_EVERY = 500
# ... or after this long: a scan holds the library's write lock from its first change to
# the commit, and another writer (a second scan, the app's decisions) waits at most
# SQLite's busy_timeout (10 s) for it, however slow the disk is
COMMIT_SECONDS = 1.0


@dataclass
class ScanResult:
    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    gone: int = 0
    moved: int = 0  # only here, not also in new and gone: seen = new + changed + unchanged + moved
    # decisions that followed their audio to another track (names swapped, a folder back)
    decisions_followed: int = 0
    renewed: int = 0  # unchanged files given a content id of the current version
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    links_skipped: int = 0  # symlinks to a file scanned as itself or through an earlier link
    # extension -> number of audio files of a format the app can't read (not scanned):
    # only extensions of known audio formats (formats.UNSUPPORTED_AUDIO) are counted,
    # so pictures, cue sheets, logs and playlists beside the music are not "skipped"
    skipped: dict[str, int] = field(default_factory=dict)
    # extension -> number of scanned files whose genres can't be written (.au, .dff)
    not_taggable: dict[str, int] = field(default_factory=dict)
    # PASSED_OVER key -> count: folders that can't be read, links that lead nowhere or
    # back to themselves, FIFOs and devices named like audio files
    passed_over: dict[str, int] = field(default_factory=dict)
    # (path, note) of files read all the same around something wrong in their tag
    # (TrackTags.notes: e.g. a genre value holding a NUL byte)
    notes: list[tuple[str, str]] = field(default_factory=list)
    # a folder that no longer exists whose tracks' audio this scan found here: looks
    # moved or renamed, which the user confirms (tagger.moved_folder)
    moved_folder: MovedFolder | None = None

    @property
    def library_changed(self) -> bool:
        """Whether the scan changed any track of the library (else rows loaded before
        it are still right)."""
        return bool(self.new or self.changed or self.gone or self.moved or self.renewed)

    def summary(self) -> str:
        text = (
            f"{self.seen} audio files: {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.gone} gone, {self.moved} moved, "
            f"{len(self.errors)} unreadable ({self.seconds:.1f} s)"
        )
        if self.links_skipped:
            n = self.links_skipped
            text += f"; skipped {n} symlink{'s' if n != 1 else ''} to files already scanned"
        if self.decisions_followed:
            text += f"; {self.decisions_followed} decision(s) followed their audio to where it is now"
        return text

    def skipped_lines(self) -> list[str]:
        """What the scan passed over or can't tag, by extension, so that no file
        disappears without a word: e.g. "skipped 3 .mid files (MIDI is notes, not
        sound)", "6 files analysed but not taggable: .au ×6 (no tag format)"."""
        lines = []
        if self.skipped:
            n = sum(self.skipped.values())
            if len(self.skipped) == 1:
                ((ext, _),) = self.skipped.items()
                lines.append(f"skipped {n} {ext} file{'s' if n != 1 else ''} ({formats.unsupported_reason(ext)})")
            else:
                lines.append(
                    f"skipped {n} files: "
                    + ", ".join(
                        f"{ext} ×{k} ({formats.unsupported_reason(ext)})" for ext, k in sorted(self.skipped.items())
                    )
                )
        if self.not_taggable:
            n = sum(self.not_taggable.values())
            lines.append(
                f"{n} file{'s' if n != 1 else ''} analysed but not taggable: "
                + ", ".join(f"{ext} ×{k} ({_why_not_taggable(ext)})" for ext, k in sorted(self.not_taggable.items()))
            )
        if self.passed_over:
            counts = [(self.passed_over[k], text) for k, text in PASSED_OVER.items() if self.passed_over.get(k)]
            lines.append("passed over: " + ", ".join(f"{n} {text}" for n, text in counts))
        lines += [f"damaged tag value, the rest read: {path}: {note}" for path, note in self.notes[:NOTES_SHOWN]]
        if len(self.notes) > NOTES_SHOWN:
            lines.append(f"and {len(self.notes) - NOTES_SHOWN} more files with a damaged tag value")
        return lines


NOTES_SHOWN = 5  # tag notes named in full in skipped_lines


def _why_not_taggable(ext: str) -> str:
    fmt = formats.format_for_extension(ext)
    return "no tag format" if fmt is None or fmt.tags is None else "read-only tags"


def _count(counts: dict[str, int], path: str) -> None:
    ext = os.path.splitext(path)[1].lower()
    counts[ext] = counts.get(ext, 0) + 1


PASSED_OVER = {
    "folder": "folder(s) that cannot be read (permissions?)",
    "link": "link(s) to audio that lead nowhere or back to themselves",
    "special": "FIFO(s) or device(s) named like audio files (or links to them)",
    "not_a_folder": "path(s) given that are neither a file nor a folder (a FIFO, a device)",
    "folder_link": "link(s) to folders, not followed (scan the folder a link leads to on its own)",
}


def walk_audio_files(
    root: Path,
    links: list | None = None,
    skipped: dict[str, int] | None = None,
    passed_over: dict[str, int] | None = None,
):
    """Yield (path, os.stat_result) of audio files below `root`, depth first, sorted.

    Hidden names are skipped; symlinked folders are not entered. A symlinked audio file
    is yielded like a file (with its target's stat), or, when `links` is given,
    appended to it as (path, stat) instead: whether it is a track depends on what else
    the scan finds. The safe writer's temporary copies are hidden names too: a crash's
    leftovers are deleted when a command or the app starts (tagger.temp_copies).
    Audio files of formats the app can't read are counted by extension in `skipped`, and
    what cannot be looked at (PASSED_OVER) in `passed_over`."""

    def pass_over(kind: str) -> None:
        if passed_over is not None:
            passed_over[kind] = passed_over.get(kind, 0) + 1

    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except NotADirectoryError:  # only the root can be one: a FIFO or device named to scan
            pass_over("not_a_folder")
            continue
        except OSError:
            pass_over("folder")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):  # hidden files, the safe writer's copies
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append(Path(entry.path))
                elif entry.is_file() and is_audio_path(entry.name):
                    if links is not None and entry.is_symlink():
                        links.append((Path(entry.path), entry.stat()))
                    else:
                        yield Path(entry.path), entry.stat()
                elif is_audio_path(entry.name):  # named like audio, yet not a file
                    pass_over(_what_is_not_a_file(entry))
                elif entry.is_symlink() and entry.is_dir():  # not entered (loops, a folder twice): said
                    pass_over("folder_link")
                elif skipped is not None and formats.unsupported_reason(entry.name):
                    if entry.is_file():
                        _count(skipped, entry.name)
            except OSError:
                if is_audio_path(entry.name):
                    pass_over(_what_is_not_a_file(entry))
                continue
        stack.extend(reversed(subdirs))


def _what_is_not_a_file(entry) -> str:
    """PASSED_OVER's kind of an entry named like audio that is not a file: a link that
    leads nowhere (or round in a loop), else a FIFO or device (a link to /dev/zero too)."""
    try:
        leads_somewhere = not entry.is_symlink() or os.path.exists(entry.path)
    except OSError:
        leads_somewhere = False
    return "special" if leads_somewhere else "link"


def read_file_record(path: Path, tag_options=None, notes: list[str] | None = None) -> dict:
    """Everything the library stores about one file (raises TagError / OSError);
    `tag_options` (tagger.tags.TagOptions): how the app writes tags, so how it reads them;
    what was wrong in a tag read all the same is appended to `notes` (TrackTags.notes)."""
    from tagger.fingerprint import content_id
    from tagger.tags import read_tags

    tags = read_tags(path, tag_options)
    if notes is not None:
        notes.extend(tags.notes)
    return {
        "format": tags.format,
        "duration": tags.duration,
        "bitrate": tags.bitrate,
        "artist": tags.artist,
        "album": tags.album,
        "title": tags.title,
        "tracknumber": tags.tracknumber,
        "genres": list(tags.genres),
        "fields": dict(tags.fields),
        "content_id": content_id(path),
    }


def refresh_track(lib: Library, path: Path, tag_options=None) -> db.Track:
    """Re-read one file into the library now (after a write or an undo)."""
    st = path.stat()
    record = read_file_record(path, tag_options)
    return db.tracks.store_record(lib, path, record, st.st_size, st.st_mtime_ns)


def scan(
    lib: Library,
    roots,
    progress: Callable[[int, str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    tag_options=None,
) -> ScanResult:
    """Scan `roots` (folders or files) into `lib`. `progress(n_seen, path)` is called per file.

    Symlinked audio files are looked at after every root was walked: a link to a file
    the walk found is skipped (the file is the track: a second track of the same file
    would get its own suggestion and decision, and apply would write both), and so is a
    link to a file an earlier link already stands for. Any other link is one track at
    the link's path (the safe writer writes through it to the real file)."""
    started = time.perf_counter()
    result = ScanResult()
    roots = [resolve_root(r) for r in roots]
    seen_paths: set[str] = set()
    new_ids: list[int] = []
    reread_ids: list[int] = []  # known tracks read again (their audio may have changed)
    links: list[tuple[Path, os.stat_result]] = []
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"{root}: no such file or folder")
    with db.tracks.scan_writer(lib) as w:
        known = w.known(roots)
        pending, first_pending = 0, 0.0

        def visit(files) -> bool:
            """Scan `files`; False when stopped."""
            nonlocal pending, first_pending
            for path, st in files:
                if should_stop and should_stop():
                    return False
                key = str(path)
                if key in seen_paths:
                    continue
                seen_paths.add(key)
                result.seen += 1
                fmt = formats.format_for_extension(path)
                if fmt is not None and not fmt.writable:
                    _count(result.not_taggable, key)
                if progress:
                    progress(result.seen, key)
                row = known.get(key)
                if not _scan_file(w, path, st, row, result, new_ids, tag_options):
                    continue  # unchanged
                if row is not None:
                    reread_ids.append(row.id)
                if not pending:
                    first_pending = time.monotonic()
                pending += 1
                if pending >= COMMIT_EVERY or time.monotonic() - first_pending >= COMMIT_SECONDS:
                    w.commit()
                    pending = 0
            return True

        for root in roots:
            files = (
                [(root, root.stat())]
                if root.is_file()
                else walk_audio_files(root, links, result.skipped, result.passed_over)
            )
            if not visit(files):
                break
        else:
            visit(_links_to_scan(links, seen_paths, result))
        stopped = bool(should_stop and should_stop())
        if not stopped:  # a cancelled scan has not seen everything: mark nothing gone
            gone_ids = [r.id for p, r in known.items() if p not in seen_paths and r.status != "gone"]
            w.mark_gone(gone_ids)
            moved_from = w.carry_decisions_over_moves(new_ids)
            result.decisions_followed = w.follow_audio(reread_ids + gone_ids + moved_from)
            # a move counts once, as moved: not also as a new file and a gone one (its
            # old place may have gone in an earlier scan: then it is not in gone_ids)
            result.moved = len(moved_from)
            result.new -= len(moved_from)
            result.gone = len(set(gone_ids) - set(moved_from))
        else:  # what it read again is kept: their decisions follow their audio all the same
            result.decisions_followed = w.follow_audio(reread_ids)
    if not stopped:
        result.moved_folder = guess(db.tracks.copies_elsewhere(lib, roots))
    result.seconds = time.perf_counter() - started
    return result


def _scan_file(
    w: db.tracks.ScanWriter, path: Path, st, row, result: ScanResult, new_ids: list[int], tag_options=None
) -> bool:
    """Record one file (`row`: its known row or None). False when it was unchanged."""
    from tagger.tags import TagError, reason_of

    key = str(path)
    if row is not None and row.size == st.st_size and row.mtime_ns == st.st_mtime_ns and row.status != "gone":
        result.unchanged += 1
        if row.status == "error":  # not changed, so still broken: report it again
            result.errors.append((key, row.error or "unreadable"))
            return False
        if row.content_id and not is_current_id(row.content_id):
            # an id made by an older version (tagger.fingerprint): made again, once
            return _renew_content_id(w, path, row, result)
        return False
    track = w.get(row.id) if row is not None else db.Track(path=key, folder=str(path.parent))
    if row is None:
        result.new += 1
    else:
        result.changed += 1
    track.size, track.mtime_ns, track.scanned_at = st.st_size, st.st_mtime_ns, time.time()
    track.format = AUDIO_EXTENSIONS.get(path.suffix.lower())
    notes: list[str] = []
    try:
        db.tracks.apply_record(track, read_file_record(path, tag_options, notes))
        result.notes.extend((key, note) for note in notes)
    except (TagError, OSError) as exc:
        # the row already names the file: keep the reason alone
        track.status, track.error = "error", reason_of(exc) or exc.__class__.__name__
        result.errors.append((key, track.error))
    if row is None:
        new_ids.append(w.add(track))
    return True


def _renew_content_id(w: db.tracks.ScanWriter, path: Path, row, result: ScanResult) -> bool:
    from tagger.fingerprint import FingerprintError, content_id
    from tagger.tags import reason_of

    track = w.get(row.id)
    result.renewed += 1
    try:
        old, track.content_id = track.content_id, content_id(path)
        w.renew_content_id(old, track.content_id)  # (decisions and changes name the same audio)
    except (FingerprintError, OSError) as exc:
        track.status, track.error = "error", reason_of(exc) or exc.__class__.__name__
        result.errors.append((str(path), track.error))
    return True


def _links_to_scan(links, seen_paths: set[str], result: ScanResult):
    """The symlinks (path, stat) that are tracks: those whose target was not scanned as
    itself and is not the target of an earlier link (walk order: the first link to a
    file outside the roots stands for it, the others are counted in `links_skipped`)."""
    targets: set[str] = set()
    for path, st in links:
        target = os.path.realpath(path)
        if target in seen_paths or target in targets:
            result.links_skipped += 1
            continue
        targets.add(target)
        yield path, st
