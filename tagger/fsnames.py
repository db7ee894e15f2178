"""File names that are not UTF-8 (old Latin-1 or CP1252 collections, ZIP extractions):
kept exactly, shown readably.

Python gives such a name as a str whose undecodable bytes are lone surrogates
(U+DC80..U+DCFF, the "surrogateescape" of os.fsdecode): it opens the file again as it
is, but SQLite text must be valid UTF-8 and Qt drops the surrogates silently. So:

- `to_stored` / `from_stored` are the one conversion the library uses for path columns
  (tagger/db/schema.py `PathText`): a path that is valid Unicode is stored as the same
  text as always (an existing library needs no migration); any other is stored as its
  exact file system bytes (an SQLite BLOB), read back as the same str.
- `readable` is how a person sees any text that may hold such a name (CLI, GUI, stored
  messages): each undecodable byte as \\xNN, e.g. "caf\\xe9.flac".
- `one_line` is how a name itself is shown where it must stay on one line (the CLI's
  lines, a table cell): `readable`, plus a newline or tab in the name as \\n, \\t.
"""

from __future__ import annotations

import codecs
import os
import re
import sys

# lone surrogates: the undecodable bytes of a file name (U+DC80..U+DCFF on POSIX) and,
# on Windows, unpaired UTF-16 halves a name may hold
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_exact_text(text: str) -> bool:
    """True when `text` is valid Unicode (no lone surrogate): storable as SQLite text."""
    return _SURROGATE.search(text) is None


# Python decodes file names by the locale's encoding unless it runs in UTF-8 mode: under
# LC_ALL=C (a cron job, a service) "café" comes as "caf\udcc3\udca9". The stored form is
# made from the name's bytes, so one file has one stored path whatever the locale.
_UTF8_NAMES = codecs.lookup(sys.getfilesystemencoding()).name == "utf-8"


def to_stored(path: str) -> str | bytes:
    """The library's form of `path`: the text of its bytes when they are UTF-8 (as
    always: an existing library needs no migration), else the bytes themselves."""
    if _UTF8_NAMES:
        return path if is_exact_text(path) else os.fsencode(path)
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def from_stored(value: str | bytes) -> str:
    """The path `to_stored` was given, as this process names files (a str with
    surrogate escapes for bytes it cannot decode)."""
    if isinstance(value, bytes):
        return os.fsdecode(value)
    return value if _UTF8_NAMES else os.fsdecode(value.encode("utf-8", "surrogatepass"))


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def readable(text: str) -> str:
    """`text` with each undecodable byte of a file name shown as \\xNN (valid Unicode,
    so printable and showable anywhere); text without any is returned as it is."""
    return text if is_exact_text(text) else _SURROGATE.sub(_escape, text)


# C0 and C1 control characters: a newline or tab in a file name (legal on POSIX) would
# split one item of the CLI's output over two lines, or a table cell over two rows. And
# Unicode's bidirectional embeddings, overrides and isolates: "evil\u202egpj.m4a" shows as
# "evil4am.jpg" (a known way to disguise a file's name), and the text after one is
# reordered. The marks (U+200E, U+200F) only help right-to-left text and are kept.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def has_controls(text: str) -> bool:
    """Whether `text` holds a control character or a bidirectional override (what
    `visible_controls` would show escaped)."""
    return _CONTROLS.search(text) is not None


def visible_controls(text: str, keep: str = "") -> str:
    """`text` with each control character shown as an escape: a newline, carriage return
    or tab as \\n, \\r, \\t, another as \\xNN, a bidirectional override or isolate as
    \\u202e; the characters in `keep` stay as they are (the CLI's own line breaks)."""

    def escape(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return _NAMED.get(char) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")

    return _CONTROLS.sub(escape, text)


def one_line(text: str) -> str:
    """`text` (a file name, a path, a tag's value) readable and on one line, shown as it
    is: each undecodable byte as \\xNN, each control character and bidirectional override
    escaped (`visible_controls`). For showing text; never for opening the file."""
    return visible_controls(readable(text))


def readable_name(path: str) -> str:
    """The last component of `path`, readable and on one line."""
    return one_line(os.path.basename(path.rstrip("/\\")) or path)
