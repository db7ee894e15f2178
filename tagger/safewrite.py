"""Writing genres without ever leaving a damaged or half-written file.

``write_fields_safely(path, {field: values}, before_replace=None, options=...)`` (and
``write_genres_safely(path, genres, ...)``, one field):

1. checks the file (``preflight``, which the dry run and the write dialog use too): it
   must exist, be a regular file on a writable mount, have a write permission bit, be
   writable by this user, and sit in a folder this user may create files in; a rewrite
   must be able to keep its owner and group (see "read-only" and "owner" below);
2. copies it to a hidden temporary file in the same folder
   (``.<stem>.gt-tmp-XXXXXXXX<ext>``: same file system, so the final rename is atomic;
   the extension is kept because mutagen partly sniffs formats by it);
3. writes the values to the copy, in the chosen fields (genre, style, grouping or mood:
   ``tagger.tags.write_fields``, with the chosen ``TagOptions``); one file's fields are
   written together, so a batch replaces each file once and keeps one restore image;
4. verifies the copy: each written field's values read back equal the requested ones
   (after ``tags.normalize_genres``), every other field reads as in the original,
   ``fingerprint.payload_digest`` equals the original's
   (not one audio byte changed), and, in containers whose header locates the audio by
   byte offsets (MP4), the packets a player demuxes are the original's
   (``tagger.packets``: intact bytes behind stale chunk offsets would pass the digest);
5. gives the copy the original's owner and group, permission bits and extended
   attributes (ACLs, labels; Linux), and refuses when the owner, group, bits or ACL
   cannot be kept; fsyncs it;
6. checks the original is still there and unchanged (size, mtime) since step 2;
7. calls ``on_ready(original, copy)`` (undo keeps what rebuilds the original there)
   and ``before_replace()`` -- the DB records old/new values there; if either raises,
   nothing is replaced;
8. ``os.replace`` (atomic), then fsyncs the folder (best effort).

``restore_safely(path, rebuild, sha256)`` is undo's byte-exact restore through the same
steps: the temporary file is built by ``rebuild`` from the open original (step 2, no
step 3), and step 4 checks the sha256 of the whole file.

On any failure the temporary file is deleted, the original is left byte for byte as it
was, and ``WriteError`` is raised with a reason for people ("read-only file", "disk
full", "file no longer exists", ...); ``WriteError.__cause__`` keeps the detail.

Decisions:

- Read-only: a file whose mode has no write bit for anyone (``chmod a-w``) is refused
  as "read-only file", and a folder without any write bit as "read-only folder". This
  is checked on the mode bits on purpose: ``os.access`` says yes to root for
  everything, and the app may run as root (containers, NAS boxes; the tests do).
- Permission: otherwise the OS decides (``os.access`` with the effective ids: groups
  and ACLs count). A file this user may not write is refused ("permission denied")
  even when its folder is writable: replacing it would rewrite someone else's file.
  A read-only mount is "read-only file system" (``statvfs``), told before any copy.
- Owner: the replacement is a new file, created as ours. It gets the original's owner
  and group or the file is not written: a user other than root is refused files that
  belong to someone else, and files of a group they are not in (the preflight says so
  before, the write checks the result).
- The modification time changes (the file did change; backup and sync tools must see
  it). Owner, group, permission bits and ACL are kept.
- Symbolic links: the file they point to is rewritten; the link stays a link.
- A file with several hard links is refused: replacing it would silently split the
  links (the other names would keep the old tags).
- Temporary files left by a crash between 2 and 8 (kill -9, power cut) are named in
  the writer's claim (``tagger.temp_copies``) before they are created; the next command
  or app start deletes those whose writer is gone. The scanner skips them (hidden names).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tagger import fingerprint, packets, tags, temp_copies
from tagger.messages import (
    ANOTHER_WRITER,
    CANCELLED_BEFORE_REPLACE,
    CANNOT_KEEP_ACL,
    CANNOT_KEEP_MODE,
    CANNOT_KEEP_OWNER,
    CANNOT_KEEP_OWNER_SHORT,
    CANNOT_WRITE_TAG,
    CHANGED_WHILE_WRITING,
    FIELD_VALUES,
    FILE_GONE,
    HARD_LINKS,
    NO_FOLDER_PERMISSION,
    NO_TEMP_FILE,
    NO_WRITE_PERMISSION,
    NOT_REGULAR,
    OTHER_GROUP,
    OTHER_OWNER,
    READ_ONLY_FILE,
    READ_ONLY_FOLDER,
    READ_ONLY_FS,
    VERIFY_AUDIO_CHANGED,
    VERIFY_OTHER_CHANGED,
    VERIFY_PLAYER,
    VERIFY_READ_BACK,
    VERIFY_REBUILT,
    VERIFY_UNREADABLE,
    Message,
)
from tagger.temp_copies import TEMP_MARKER, is_temp_name, temp_name_for  # noqa: F401 - this module's names too


class WriteError(Exception):
    """The genres were not written; the file is as it was. ``reason`` is for people and
    names no path: callers that show the path beside it use ``reason``, not ``str()``
    (which is "<path>: <reason>", for logs and tracebacks)."""

    def __init__(self, reason: str, path: os.PathLike | str | None = None):
        super().__init__(reason if path is None else f"{path}: {reason}")
        self.reason = reason
        self.path = path


def _reason(e: OSError) -> str:
    code = e.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "disk full"
    if code == errno.EFBIG:
        return "file too large for the file system or size limit"
    if code == errno.EROFS:
        return "read-only file system"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ENOENT:
        return "file no longer exists"
    if code == errno.ENAMETOOLONG:
        return "file name too long"
    return f"write failed ({e.strerror or e})"


def _unlink_quietly(p: Path) -> None:
    try:
        os.unlink(p)
    except FileNotFoundError:
        pass
    except OSError:
        pass


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_xattrs(src: Path, dst: Path) -> list[str]:
    """Extended attributes of `src` onto `dst` (Linux): Finder-style comments, SELinux
    labels and POSIX ACLs (``system.posix_acl_access``) live there. After the chmod, so
    an ACL is restored exactly. -> the names that could not be copied: attributes the
    file system or our rights refuse are skipped (the tags matter more than a label),
    but the caller refuses to lose an ACL (those are permissions)."""
    if not hasattr(os, "listxattr"):
        return []
    try:
        names = os.listxattr(src)
    except OSError:
        return []
    failed = []
    for name in names:
        try:
            os.setxattr(dst, name, os.getxattr(src, name))
        except OSError:
            failed.append(name)
    return failed


def _keep_owner_and_permissions(target: Path, tmp: Path, st: os.stat_result, path) -> None:
    """Give the replacement the original's owner, group, mode bits and ACL, or refuse:
    a tag write never changes who may do what with a file. The chown comes first, since
    it clears set-id bits, then the chmod, then the ACL (which sets the group bits)."""
    keeps_owner = hasattr(os, "chown")  # POSIX; Windows files have no owner in st_uid
    if keeps_owner and (os.stat(tmp).st_uid, os.stat(tmp).st_gid) != (st.st_uid, st.st_gid):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError as e:
            raise WriteError(Message(CANNOT_KEEP_OWNER, owner=_user(st.st_uid), group=_group(st.st_gid)), path) from e
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if any(name.startswith("system.posix_acl") for name in _copy_xattrs(target, tmp)):
        raise WriteError(Message(CANNOT_KEEP_ACL), path)
    got = os.stat(tmp)
    if keeps_owner and (got.st_uid, got.st_gid) != (st.st_uid, st.st_gid):
        raise WriteError(Message(CANNOT_KEEP_OWNER_SHORT), path)
    if stat.S_IMODE(got.st_mode) != stat.S_IMODE(st.st_mode):
        raise WriteError(
            Message(CANNOT_KEEP_MODE, mode=stat.filemode(st.st_mode)[1:], got=stat.filemode(got.st_mode)[1:]), path
        )


def _may(p: Path, mode: int) -> bool:
    """Whether this process may access `p` as the OS decides it (effective user and
    groups, ACLs, a read-only mount), asked of the OS rather than worked out from the
    mode bits. Root is allowed nearly everything here: the mode-bit checks in
    `preflight` keep refusing what nobody is meant to write."""
    if os.access in os.supports_effective_ids:
        return os.access(p, mode, effective_ids=True)
    return os.access(p, mode)


def _read_only_mount(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except OSError:
        return False


def _user(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def _group(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return f"group {gid}"


def _ownership_problem(st: os.stat_result, folder: os.stat_result) -> str | None:
    """Why a rewrite by this process could not keep the file's owner or group (POSIX):
    the replacement is a new file, created as ours, and only root may give a file to
    another user or to a group we are not in. None when it can (the write checks again)."""
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        return None
    if st.st_uid != os.geteuid():
        return Message(OTHER_OWNER, owner=_user(st.st_uid))
    ours = {os.getegid(), *os.getgroups()}
    new_gid = folder.st_gid if folder.st_mode & stat.S_ISGID else os.getegid()
    if st.st_gid != new_gid and st.st_gid not in ours:
        return Message(OTHER_GROUP, group=_group(st.st_gid))
    return None


def preflight(path: os.PathLike | str) -> tuple[Path, os.stat_result]:
    """The checks made before any copy: (the real file behind `path`, its stat). Raises
    WriteError for what would certainly be refused; cheap (stat and access calls only),
    so a dry run and the write dialog say in advance which files will not be written."""
    given = Path(path)
    try:
        lst = os.lstat(given)
    except FileNotFoundError:
        raise WriteError(Message(FILE_GONE), path) from None
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    target = Path(os.path.realpath(given)) if stat.S_ISLNK(lst.st_mode) else given
    try:
        st = os.stat(target)
    except FileNotFoundError:
        raise WriteError(Message(FILE_GONE), path) from None
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(Message(NOT_REGULAR), path)
    if _read_only_mount(target.parent):
        raise WriteError(Message(READ_ONLY_FS), path)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(Message(READ_ONLY_FILE), path)
    if not _may(target, os.W_OK):
        raise WriteError(Message(NO_WRITE_PERMISSION, owner=_user(st.st_uid), mode=stat.filemode(st.st_mode)[1:]), path)
    if st.st_nlink > 1:
        raise WriteError(Message(HARD_LINKS, links=st.st_nlink), path)
    try:
        dst = os.stat(target.parent)
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    if not dst.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(Message(READ_ONLY_FOLDER), path)
    if not _may(target.parent, os.W_OK | os.X_OK):
        raise WriteError(Message(NO_FOLDER_PERMISSION), path)
    problem = _ownership_problem(st, dst)
    if problem:
        raise WriteError(problem, path)
    return target, st


def write_genres_safely(
    path: os.PathLike | str,
    genres: list[str],
    before_replace: Callable[[], object] | None = None,
    *,
    field: str = "genre",
    options: tags.TagOptions | None = None,
    on_ready: Callable[[Path, Path], object] | None = None,
) -> None:
    """Write ``genres`` as the values of ``field`` (one of tags.FIELDS: the genre tag, or
    style, grouping or mood), as ``options`` say (separator, ID3 version)."""
    write_fields_safely(path, {field: genres}, before_replace, options=options, on_ready=on_ready)


def write_fields_safely(
    path: os.PathLike | str,
    changes: dict[str, list[str]],
    before_replace: Callable[[], object] | None = None,
    *,
    options: tags.TagOptions | None = None,
    on_ready: Callable[[Path, Path], object] | None = None,
    unchanged_since: os.stat_result | None = None,
) -> None:
    """Write each field's values ({field: values}) into the file at `path`, in one
    replace (steps 1-8 above). `on_ready(original, ready)` is called at step 7 with the
    file and its verified replacement, both still in place: tagger.apply keeps what undo
    needs to rebuild the original there. `unchanged_since`: the file's stat when the
    caller read what it plans from; a file changed since is not written."""
    unknown = [name for name in changes if name not in tags.FIELDS]
    if unknown or not changes:
        raise WriteError(f"unknown tag field {unknown[0]!r}" if unknown else "no tag field to write", path)
    try:
        wanted = {name: tags.normalize_genres(values) for name, values in changes.items()}
    except (TypeError, tags.TagError) as e:
        raise WriteError(f"invalid genres ({e})", path) from e
    _replace_safely(
        path, _GenreWrite(path, wanted, options or tags.TagOptions()), before_replace, on_ready, unchanged_since
    )


def restore_safely(
    path: os.PathLike | str,
    rebuild: Callable[[BinaryIO, BinaryIO], None],
    sha256: str,
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Replace the file at `path` by `rebuild(current, out)`'s bytes (undo's byte-exact
    restore), the same way as a tag write: built in a temporary copy from the open file,
    verified (the sha256 of the whole new file must be `sha256`), then renamed over it."""
    _replace_safely(path, _Rebuild(path, rebuild, sha256), before_replace)


class _GenreWrite:
    """Steps 2-4 of a tag write: copy, write the fields' values, verify them, the fields
    not written, and the audio."""

    def __init__(self, path: os.PathLike | str, wanted: dict[str, list[str]], options: tags.TagOptions):
        self.path, self.wanted, self.options = path, wanted, options
        self.original_digest = ""
        self.original: tags.TrackTags | None = None
        self.original_packets: list[bytes] | None = None

    def prepare(self, target: Path) -> None:
        self.original_digest = fingerprint.payload_digest(target)
        try:
            self.original = tags.read_tags(target, self.options)
        except tags.TagError as e:
            raise WriteError(Message(CANNOT_WRITE_TAG, reason=e.reason), self.path) from e
        if fingerprint.container_of(target).audio_by_offsets:
            try:
                self.original_packets = packets.packet_digests(target)
            except packets.PacketError:
                self.original_packets = None  # FFmpeg can't read it: nothing to compare with

    def fill(self, src: BinaryIO, out: BinaryIO) -> None:
        shutil.copyfileobj(src, out, 1 << 20)

    def change(self, tmp: Path) -> None:
        try:
            tags.write_fields(tmp, self.wanted, self.options)
        except tags.TagError as e:
            raise WriteError(Message(CANNOT_WRITE_TAG, reason=e.reason), self.path) from e

    def verify(self, tmp: Path) -> None:
        path = self.path
        try:
            written = tags.read_tags(tmp, self.options)
        except tags.TagError as e:
            raise WriteError(Message(VERIFY_UNREADABLE, reason=e.reason), path) from e
        for field, wanted in self.wanted.items():
            got = written.values(field)
            if got != wanted:
                what = Message(FIELD_VALUES[field]) if field in FIELD_VALUES else field
                raise WriteError(Message(VERIFY_READ_BACK, what=what, got=got, wanted=wanted), path)
        before = self.original  # read by prepare()
        for other in tags.FIELDS:  # the fields not written must read as before
            if before is not None and other not in self.wanted and written.values(other) != before.values(other):
                raise WriteError(
                    Message(VERIFY_OTHER_CHANGED, field=other, old=before.values(other), new=written.values(other)),
                    path,
                )
        if fingerprint.payload_digest(tmp) != self.original_digest:
            raise WriteError(Message(VERIFY_AUDIO_CHANGED), path)
        if self.original_packets is not None:
            # the audio bytes are all there; do the file's offsets still lead a player to them?
            try:
                why = packets.difference(self.original_packets, packets.packet_digests(tmp))
            except packets.PacketError as e:
                why = f"the written file cannot be demuxed ({e})"
            if why:
                raise WriteError(Message(VERIFY_PLAYER, why=why), path)


class _Rebuild:
    """Steps 2-4 of undo's byte-exact restore: build the file, check its sha256."""

    def __init__(self, path: os.PathLike | str, rebuild: Callable[[BinaryIO, BinaryIO], None], sha256: str):
        self.path, self.rebuild, self.sha256 = path, rebuild, sha256

    def prepare(self, target: Path) -> None:
        pass

    def fill(self, src: BinaryIO, out: BinaryIO) -> None:
        self.rebuild(src, out)

    def change(self, tmp: Path) -> None:
        pass

    def verify(self, tmp: Path) -> None:
        h = hashlib.sha256()
        with open(tmp, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        if h.hexdigest() != self.sha256:
            raise WriteError(Message(VERIFY_REBUILT), self.path)


def _replace_safely(
    path: os.PathLike | str,
    edit: _GenreWrite | _Rebuild,
    before_replace: Callable[[], object] | None = None,
    on_ready: Callable[[Path, Path], object] | None = None,
    unchanged_since: os.stat_result | None = None,
) -> None:
    target, st = preflight(path)
    folder = target.parent
    with _one_writer(target, path):
        _check_unchanged(target, unchanged_since or st, path)  # as the caller (its plan) or the preflight saw it
        _replace_locked(target, folder, st, path, edit, before_replace, on_ready)


def _check_unchanged(target: Path, seen: os.stat_result, path) -> None:
    """WriteError unless the file at `target` is still the one `seen` (size, modification
    time, inode: a rename over it changes the inode)."""
    try:
        now = os.stat(target)
    except FileNotFoundError:
        raise WriteError(Message(FILE_GONE), path) from None
    if (now.st_size, now.st_mtime_ns, now.st_ino) != (seen.st_size, seen.st_mtime_ns, seen.st_ino):
        raise WriteError(Message(CHANGED_WHILE_WRITING), path)


LOCK_WAIT_SECONDS = 60.0


@contextmanager
def _one_writer(target: Path, path):
    """One Genre Tagger process rewrites a file at a time: an advisory lock (flock) on
    the file, taken before it is copied and held until it is replaced. Two libraries
    writing one folder lost each other's writes without it: both copied the original,
    and the later replace won (step 6 only narrows that window; the caller's database
    work sits between it and the replace). Programs that take no lock are met by step 6
    as before. Where there is no flock (Windows), step 6 alone."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise WriteError(Message(FILE_GONE), path) from None
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(Message(ANOTHER_WRITER), path) from None
                time.sleep(0.02)
            except OSError:  # a file system without flock: step 6 alone
                break
        if os.fstat(fd).st_ino != os.stat(target).st_ino:  # replaced while we waited
            raise WriteError(Message(CHANGED_WHILE_WRITING), path)
        yield
    finally:
        os.close(fd)  # (releases the lock)


def _replace_locked(
    target: Path,
    folder: Path,
    st: os.stat_result,
    path,
    edit: _GenreWrite | _Rebuild,
    before_replace: Callable[[], object] | None,
    on_ready: Callable[[Path, Path], object] | None,
) -> None:
    """Steps 2-8, the file locked (`_one_writer`)."""
    try:
        claim = temp_copies.claim()  # names the copy, so a crash's leftover is removed at the next start
    except OSError as e:
        raise WriteError(f"cannot record the temporary copy in the app's data folder ({_reason(e)})", path) from e
    tmp: Path | None = None
    try:
        try:
            edit.prepare(target)
        except FileNotFoundError:
            raise WriteError(Message(FILE_GONE), path) from None

        # 2. copy (O_EXCL: never clobber anything)
        for _ in range(10):
            name = folder / temp_name_for(target)
            claim.add(name)
            tmp = name
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:
                tmp = None
                continue
        else:
            raise WriteError(Message(NO_TEMP_FILE), path)
        try:
            with open(target, "rb") as src:
                before = os.fstat(src.fileno())
                with os.fdopen(fd, "wb") as out:
                    edit.fill(src, out)
        except FileNotFoundError:
            raise WriteError(Message(FILE_GONE), path) from None

        # 3. write
        edit.change(tmp)

        # 4. verify
        edit.verify(tmp)

        # 5. owner, permissions, durability
        _keep_owner_and_permissions(target, tmp, st, path)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())

        # 6. the original must be the one we copied
        _check_unchanged(target, before, path)

        # 7. the caller's last word
        if before_replace is not None or on_ready is not None:
            try:
                if on_ready is not None:
                    on_ready(target, tmp)
                if before_replace is not None:
                    before_replace()
            except Exception as e:
                raise WriteError(Message(CANCELLED_BEFORE_REPLACE, reason=str(e)), path) from e

        # 8. swap
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(folder)
    except WriteError:
        raise
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    finally:
        if tmp is not None:
            _unlink_quietly(tmp)
        claim.release()
