"""What a file named like audio really is, when its first bytes say it is something
else: a program, an archive, a document, a picture, a web page, text.

Header parsers are lenient: mutagen finds an "MPEG frame" in almost any binary, and
FFmpeg then decodes a fraction of a second of it, so an executable renamed .mp3 was
analysed and tagged. These signatures never begin an audio file of any format the app
reads, so a match is refused before any parser runs, with what the file is.
"""

from __future__ import annotations

HEAD_BYTES = 512  # read from the start of the file
# a file this short may be an audio header cut off ("fLaC"), not text
TEXT_MIN_BYTES = 32

# (leading bytes, what the file is); first match wins
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an ELF executable (a Linux program or library)"),
    (b"MZ", "a Windows executable (PE/DOS)"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable (Mach-O)"),
    (b"\xce\xfa\xed\xfe", "a macOS executable (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "a macOS executable or Java class file"),
    (b"#!", "a script"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive (empty)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_TEXT_CONTROLS = set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


def what_it_is(head: bytes) -> str | None:
    """What a file starting with `head` is when it is recognisably not audio, e.g.
    "an ELF executable (a Linux program or library)"; None when it may be audio."""
    for magic, what in SIGNATURES:
        if head.startswith(magic):
            return what
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    if text.startswith(b"<?xml"):
        return "an XML file"
    if len(head) >= TEXT_MIN_BYTES and _is_text(head):
        return "a text file"
    return None


def _is_text(head: bytes) -> bool:
    """No NUL or other control byte, and valid UTF-8 (a character cut at the end of
    `head` allowed): every audio header has binary fields that fail this."""
    if any(b in _TEXT_CONTROLS for b in head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True
