"""Writing genres without ever leaving a damaged or half-written file.

``write_genres_safely(path, genres, before_replace=None)``:

1. checks the file: it must exist, be a regular file, have a write permission bit
   and sit in a folder with a write permission bit (see "read-only" below);
2. copies it to a hidden temporary file in the same folder
   (``.<stem>.gt-tmp-XXXXXXXX<ext>``: same file system, so the final rename is atomic;
   the extension is kept because mutagen partly sniffs formats by it);
3. writes the genres to the copy (``tagger.tags.write_genres``);
4. verifies the copy: its genres read back equal the requested ones (after
   ``tags.normalize_genres``), and ``fingerprint.payload_digest`` equals the original's
   (not one audio byte changed);
5. copies the original's permission bits (and owner, when running as root) and its
   extended attributes (ACLs, labels; Linux) to the copy, fsyncs it;
6. checks the original is still there and unchanged (size, mtime) since step 2;
7. calls ``before_replace()`` -- the DB records old/new values there; if it raises,
   nothing is replaced;
8. ``os.replace`` (atomic), then fsyncs the folder (best effort).

On any failure the temporary file is deleted, the original is left byte for byte as it
was, and ``WriteError`` is raised with a reason for people ("read-only file", "disk
full", "file no longer exists", ...); ``WriteError.__cause__`` keeps the detail.

Decisions:

- Read-only: a file whose mode has no write bit for anyone (``chmod a-w``) is refused
  as "read-only file", and a folder without any write bit as "read-only folder". This
  is checked on the mode bits on purpose: ``os.access`` says yes to root for
  everything, and the app may run as root (containers, NAS boxes; the tests do).
  Other permission problems surface as "permission denied" from the OS, a read-only
  mount as "read-only file system".
- The modification time changes (the file did change; backup and sync tools must see
  it). Permission bits are kept, and the owner/group when we can (root).
- Symbolic links: the file they point to is rewritten; the link stays a link.
- A file with several hard links is refused: replacing it would silently split the
  links (the other names would keep the old tags).
- Stale temporary files (a crash between 2 and 8) are recognisable by
  ``is_temp_name``; the scanner should skip them and may delete them.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from tagger import fingerprint, tags

TEMP_MARKER = ".gt-tmp-"
_NAME_MAX = 255


class WriteError(Exception):
    """The genres were not written; the file is as it was. ``reason`` is for people and
    names no path: callers that show the path beside it use ``reason``, not ``str()``
    (which is "<path>: <reason>", for logs and tracebacks)."""

    def __init__(self, reason: str, path: os.PathLike | str | None = None):
        super().__init__(reason if path is None else f"{path}: {reason}")
        self.reason = reason
        self.path = path


_TEMP_NAME = re.compile(r"\..*" + re.escape(TEMP_MARKER) + r"[0-9a-f]{8}(\.[^.]*)?", re.S)


def is_temp_name(name: str) -> bool:
    """True for the names of this module's temporary files (``temp_name_for``):
    ``.<stem>.gt-tmp-<8 hex digits><ext>``, nothing else (the scanner deletes stale
    ones, so a user's own hidden file must never match)."""
    return _TEMP_NAME.fullmatch(name) is not None


def temp_name_for(path: Path) -> str:
    stem, ext = path.stem, path.suffix
    token = secrets.token_hex(4)
    room = _NAME_MAX - len(os.fsencode("." + TEMP_MARKER + token + ext))
    b = os.fsencode(stem)  # the name's bytes, also when it is not UTF-8
    if len(b) > room:  # keep the name within NAME_MAX
        stem = os.fsdecode(b[: max(room, 0)])
    return f".{stem}{TEMP_MARKER}{token}{ext}"


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


def _copy_xattrs(src: Path, dst: Path) -> None:
    """Extended attributes of `src` onto `dst` (Linux): Finder-style comments, SELinux
    labels and POSIX ACLs (``system.posix_acl_access``) live there. After the chmod, so
    an ACL is restored exactly. Attributes the file system or our rights refuse are
    skipped: the mode bits are already right, and the tags matter more than a label."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(src)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(dst, name, os.getxattr(src, name))
        except OSError:
            pass


def preflight(path: os.PathLike | str) -> tuple[Path, os.stat_result]:
    """The checks made before any copy: (the real file behind `path`, its stat). Raises
    WriteError for what would certainly be refused; cheap (stat calls only), so a dry
    run can say in advance which files will not be written."""
    given = Path(path)
    try:
        lst = os.lstat(given)
    except FileNotFoundError:
        raise WriteError("file no longer exists", path) from None
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    target = Path(os.path.realpath(given)) if stat.S_ISLNK(lst.st_mode) else given
    try:
        st = os.stat(target)
    except FileNotFoundError:
        raise WriteError("file no longer exists", path) from None
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    if not stat.S_ISREG(st.st_mode):
        raise WriteError("not a regular file", path)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("read-only file", path)
    if st.st_nlink > 1:
        raise WriteError(f"file has {st.st_nlink} hard links (rewriting it would separate them)", path)
    try:
        dst = os.stat(target.parent)
    except OSError as e:
        raise WriteError(_reason(e), path) from e
    if not dst.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("read-only folder", path)
    return target, st


def write_genres_safely(
    path: os.PathLike | str, genres: list[str], before_replace: Callable[[], object] | None = None
) -> None:
    target, st = preflight(path)
    folder = target.parent

    try:
        wanted = tags.normalize_genres(genres)
    except (TypeError, tags.TagError) as e:
        raise WriteError(f"invalid genres ({e})", path) from e

    tmp: Path | None = None
    try:
        try:
            original_digest = fingerprint.payload_digest(target)
        except FileNotFoundError:
            raise WriteError("file no longer exists", path) from None

        # 2. copy (O_EXCL: never clobber anything)
        for _ in range(10):
            tmp = folder / temp_name_for(target)
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:
                tmp = None
                continue
        else:
            raise WriteError("could not create a temporary file", path)
        try:
            with open(target, "rb") as src:
                before = os.fstat(src.fileno())
                with os.fdopen(fd, "wb") as out:
                    while True:
                        block = src.read(1 << 20)
                        if not block:
                            break
                        out.write(block)
        except FileNotFoundError:
            raise WriteError("file no longer exists", path) from None

        # 3. write
        try:
            tags.write_genres(tmp, wanted)
        except tags.TagError as e:
            raise WriteError(f"could not write the tag: {e.reason}", path) from e

        # 4. verify
        try:
            got = tags.read_tags(tmp).genres
        except tags.TagError as e:
            raise WriteError(f"verification failed: the written file is unreadable ({e.reason})", path) from e
        if got != wanted:
            raise WriteError(f"verification failed: genres read back {got!r}, expected {wanted!r}", path)
        if fingerprint.payload_digest(tmp) != original_digest:
            raise WriteError("verification failed: the audio data would change", path)

        # 5. permissions, owner, durability
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not root: the file becomes ours, as with any editor
        _copy_xattrs(target, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())

        # 6. the original must be the one we copied
        try:
            now = os.stat(target)
        except FileNotFoundError:
            raise WriteError("file no longer exists", path) from None
        if (now.st_size, now.st_mtime_ns, now.st_ino) != (before.st_size, before.st_mtime_ns, before.st_ino):
            raise WriteError("file changed while its tags were being written", path)

        # 7. the caller's last word
        if before_replace is not None:
            try:
                before_replace()
            except Exception as e:
                raise WriteError(f"cancelled before replacing the file ({e})", path) from e

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
