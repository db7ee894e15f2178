"""The core's words as the GUI shows them, in the app's language: filter names, column
titles, track statuses, why an album action left a track alone. The core (Qt-free)
names things by key; the translations live here, keyed the same way."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from tagger.review import ALBUM_LEFT_OUT, COLUMNS, FILTERS, STATUSES
from tagger.suggestion import shown_percent

CONTEXT = "Labels"

_FILTERS = {
    "all": QT_TRANSLATE_NOOP("Labels", "All tracks"),
    "review": QT_TRANSLATE_NOOP("Labels", "Needs review (low confidence)"),
    "nogenre": QT_TRANSLATE_NOOP("Labels", "No genre yet"),
    "disagree": QT_TRANSLATE_NOOP("Labels", "Disagrees with current tag"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted or overridden"),
    "skipped": QT_TRANSLATE_NOOP("Labels", "Skipped"),
    "written": QT_TRANSLATE_NOOP("Labels", "Written"),
    "failed": QT_TRANSLATE_NOOP("Labels", "Failed"),
}
# the review table's column titles: their own context, so a language can make them
# shorter than the names the column chooser shows (_COLUMN_NAMES)
_COLUMNS = {
    "artist": QT_TRANSLATE_NOOP("ColumnTitle", "Artist"),
    "album": QT_TRANSLATE_NOOP("ColumnTitle", "Album"),
    "track": QT_TRANSLATE_NOOP("ColumnTitle", "#"),
    "title": QT_TRANSLATE_NOOP("ColumnTitle", "Title"),
    "current": QT_TRANSLATE_NOOP("ColumnTitle", "Current genre"),
    "suggested": QT_TRANSLATE_NOOP("ColumnTitle", "Suggested genre"),
    "confidence": QT_TRANSLATE_NOOP("ColumnTitle", "Confidence"),
    "status": QT_TRANSLATE_NOOP("ColumnTitle", "Status"),
    "decision": QT_TRANSLATE_NOOP("ColumnTitle", "Will write"),
    "filename": QT_TRANSLATE_NOOP("ColumnTitle", "File name"),
    "folder": QT_TRANSLATE_NOOP("ColumnTitle", "Folder"),
    "path": QT_TRANSLATE_NOOP("ColumnTitle", "Path"),
    "format": QT_TRANSLATE_NOOP("ColumnTitle", "Format"),
    "duration": QT_TRANSLATE_NOOP("ColumnTitle", "Duration"),
    "bitrate": QT_TRANSLATE_NOOP("ColumnTitle", "Bitrate"),
    "added": QT_TRANSLATE_NOOP("ColumnTitle", "Date added"),
}
_COLUMN_NAMES = {  # where the title alone says too little, or is shortened
    "track": QT_TRANSLATE_NOOP("Labels", "Track number"),
    "current": QT_TRANSLATE_NOOP("Labels", "Current genre"),
    "suggested": QT_TRANSLATE_NOOP("Labels", "Suggested genre"),
}
_ALBUM_COLUMNS = {
    "artist": QT_TRANSLATE_NOOP("Labels", "Artist"),
    "album": QT_TRANSLATE_NOOP("Labels", "Album"),
    "tracks": QT_TRANSLATE_NOOP("Labels", "Tracks"),
    "current": QT_TRANSLATE_NOOP("Labels", "Current genres"),
    "suggested": QT_TRANSLATE_NOOP("Labels", "Album suggestion"),
    "confidence": QT_TRANSLATE_NOOP("Labels", "Confidence"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
}
_STATUSES = {
    "new": QT_TRANSLATE_NOOP("Labels", "new"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "accepted"),
    "overridden": QT_TRANSLATE_NOOP("Labels", "overridden"),
    "skipped": QT_TRANSLATE_NOOP("Labels", "skipped"),
    "written": QT_TRANSLATE_NOOP("Labels", "written"),
    "failed": QT_TRANSLATE_NOOP("Labels", "failed"),
    "not analysed": QT_TRANSLATE_NOOP("Labels", "not analysed"),
    "unreadable": QT_TRANSLATE_NOOP("Labels", "unreadable"),
    "not written": QT_TRANSLATE_NOOP("Labels", "not written"),
}
# the reasons _Counted words (tagger.apply.LEFT_OUT_REASONS, tagger.review.ALBUM_LEFT_OUT)
_WRITE_REASONS = (
    "unreadable",
    "missing",
    "fill",
    "unchanged",
    "skipped",
    "undecided",
    "unanalysed",
    "failed",
    "nothing",
    "stale",
)
_ALBUM_REASONS = ("failed", "unanalysed", "decided", "differs")
# the state of a file in a write batch (tagger.db.schema.Change.status)
_CHANGE_STATUSES = {
    "pending": QT_TRANSLATE_NOOP("Labels", "pending"),
    "written": QT_TRANSLATE_NOOP("Labels", "written"),
    "failed": QT_TRANSLATE_NOOP("Labels", "failed"),
    "skipped": QT_TRANSLATE_NOOP("Labels", "skipped"),
    "undone": QT_TRANSLATE_NOOP("Labels", "undone"),
    "undo-failed": QT_TRANSLATE_NOOP("Labels", "undo failed"),
}
# where a planned genre comes from (tagger.apply.PlannedChange.source)
_SOURCES = {
    "accepted": QT_TRANSLATE_NOOP("Labels", "accepted"),
    "overridden": QT_TRANSLATE_NOOP("Labels", "overridden"),
    "suggested": QT_TRANSLATE_NOOP("Labels", "suggested"),
}
# the tag fields genres can be written to (tagger.formats.base.FIELDS, Settings -> Tags)
_FIELDS = {
    "genre": QT_TRANSLATE_NOOP("Labels", "Genre"),
    "style": QT_TRANSLATE_NOOP("Labels", "Style"),
    "grouping": QT_TRANSLATE_NOOP("Labels", "Grouping"),
    "mood": QT_TRANSLATE_NOOP("Labels", "Mood"),
}
# the kinds of a model's labels (tagger.modelfile label_kinds)
_LABEL_KINDS = {
    "genre": QT_TRANSLATE_NOOP("Labels", "genre"),
    "mood": QT_TRANSLATE_NOOP("Labels", "mood"),
    "era": QT_TRANSLATE_NOOP("Labels", "era"),
    "instrument": QT_TRANSLATE_NOOP("Labels", "instrument"),
    "voice": QT_TRANSLATE_NOOP("Labels", "voice"),
    "other": QT_TRANSLATE_NOOP("Labels", "other"),
}
# tagger.app.training.PERSONAL_MODEL_HINT, as the Settings dialog shows it
PERSONAL_MODEL_HINT = QT_TRANSLATE_NOOP(
    "Labels",
    "Genres the bundled models do not know (reggae, disco and others, listed in their model cards): "
    "a personal model learns them from the tracks whose genres you confirmed "
    "(in the app: Tools > Train a model from my library; in a terminal: `tagger personal train`).",
)


def missing() -> list[str]:
    """Keys of the core with no label here (tests/test_gui_look.py keeps this empty)."""
    from tagger.app.training import PERSONAL_MODEL_HINT as CORE_HINT
    from tagger.apply import LEFT_OUT_REASONS
    from tagger.formats.base import FIELDS

    return sorted(
        ({"PERSONAL_MODEL_HINT"} if CORE_HINT != PERSONAL_MODEL_HINT else set())
        | (set(FIELDS) - set(_FIELDS))
        | (set(FILTERS) - set(_FILTERS))
        | (set(LEFT_OUT_REASONS) - set(_WRITE_REASONS))
        | ({k for k, _ in COLUMNS} - set(_COLUMNS))
        | (set(STATUSES) - set(_STATUSES))
        | (set(ALBUM_LEFT_OUT) - set(_ALBUM_REASONS))
    )


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, None, n)


def filter_label(key: str) -> str:
    return _tr(_FILTERS[key])


def column_title(key: str) -> str:
    return QCoreApplication.translate("ColumnTitle", _COLUMNS[key])


def column_name(key: str) -> str:
    """The column's name in the column chooser (and the header's tooltip)."""
    return _tr(_COLUMN_NAMES[key]) if key in _COLUMN_NAMES else column_title(key)


def status_words() -> list[str]:
    """Every status word the table shows, in the app's language (column widths)."""
    return [status(w) for w in _STATUSES]


def album_column_title(key: str) -> str:
    return _tr(_ALBUM_COLUMNS[key])


def status(word: str) -> str:
    """A status word ("accepted", "not analysed"…); an unknown one as it is."""
    return _tr(_STATUSES[word]) if word in _STATUSES else word


def status_counts(statuses: Counter) -> str:
    """ "2 new, 1 accepted" in the app's language, in the order of STATUSES."""
    order = {s: i for i, s in enumerate(STATUSES)}
    return ", ".join(f"{n} {status(s)}" for s, n in sorted(statuses.items(), key=lambda kv: order.get(kv[0], 99)))


def write_left_out(reason: str, n: int) -> str:
    """ "3 already have genres (fill mode)": how many tracks a write leaves out and why."""
    return _Counted().write_left_out(reason, n)


def album_left_out(reason: str, n: int) -> str:
    """ "2 not analysed yet": how many tracks an album action leaves alone and why."""
    return _Counted().album_left_out(reason, n)


class _Counted(QObject):
    """Counted reasons with their plural forms (lupdate finds those in tr() calls only)."""

    def write_left_out(self, reason: str, n: int) -> str:
        texts = {
            "unreadable": lambda: self.tr("%n unreadable", "", n),
            "missing": lambda: self.tr("%n missing (moved or deleted)", "", n),
            "fill": lambda: self.tr("%n already have genres (fill mode)", "", n),
            "unchanged": lambda: self.tr("%n already hold these genres", "", n),
            "skipped": lambda: self.tr("%n skipped by you", "", n),
            "undecided": lambda: self.tr("%n not accepted or overridden", "", n),
            "unanalysed": lambda: self.tr("%n not analysed by this model", "", n),
            "failed": lambda: self.tr("%n whose analysis failed", "", n),
            "nothing": lambda: self.tr("%n with no decision or confident suggestion", "", n),
            "stale": lambda: self.tr(
                "%n decided for other audio (the file's audio changed since: decide again)", "", n
            ),
        }
        if reason in texts:
            return texts[reason]()
        from tagger.apply import left_out_words

        return left_out_words(reason, n)

    def album_left_out(self, reason: str, n: int) -> str:
        texts = {
            "failed": lambda: self.tr("%n unreadable or with a failed analysis", "", n),
            "unanalysed": lambda: self.tr("%n not analysed yet", "", n),
            "decided": lambda: self.tr("%n already decided or written", "", n),
            "differs": lambda: self.tr("%n whose best genre differs from the album's", "", n),
        }
        return texts[reason]() if reason in texts else f"{n} {reason}"


def source(word: str) -> str:
    """Why the write dialog writes a file: "accepted", "overridden" or "suggested"."""
    return _tr(_SOURCES[word]) if word in _SOURCES else word


def change_status(word: str) -> str:
    """A file's state in a write batch ("written", "undone"…)."""
    return _tr(_CHANGE_STATUSES[word]) if word in _CHANGE_STATUSES else word


def field_name(key: str) -> str:
    """A tag field's name ("Genre", "Style"…); an unknown one capitalised."""
    return _tr(_FIELDS[key]) if key in _FIELDS else key.capitalize()


def field_prefix(key: str) -> str:
    """ "Style: " before a change of a field other than Genre; "" for Genre."""
    return "" if key == "genre" else field_name(key) + ": "


def by_field(entries: list[tuple[str, str]]) -> str:
    """ "Jazz · Style: Rock": a text per chosen tag field (tagger.review.ReviewData
    current_by_field / previews_by_field), each named but Genre; one entry as it is."""
    if len(entries) == 1:
        return entries[0][1]
    return " · ".join(field_prefix(f) + (text or "—") for f, text in entries)


def label_kind(kind: str) -> str:
    """A model label's kind ("genre", "mood"…); an unknown one as it is."""
    return _tr(_LABEL_KINDS[kind]) if kind in _LABEL_KINDS else kind


def personal_model_hint() -> str:
    return _tr(PERSONAL_MODEL_HINT)


def folder_group_note() -> str:
    """tagger.review.FOLDER_GROUP_NOTE (a core sentence: translated in context "core")."""
    from tagger.messages import FOLDER_GROUP, Message

    from .core_text import text

    return text(Message(FOLDER_GROUP))


# the names tagger.app.decisions gives the decision steps it stores (English, in the
# library: the CLI shows them too), recognised to be shown in the app's language
_N = r"([\d,]+) tracks?"


def percent(value: float | None) -> str:
    """A score or a threshold as the app shows it everywhere: a whole percentage rounded
    down (tagger.suggestion.shown_percent), written as the app's language writes one
    ("60%" in English, "60 %" in German and Spanish)."""
    if value is None:
        return ""
    return QCoreApplication.translate("Labels", "{n}%").format(n=shown_percent(value))


def percent_suffix() -> str:
    """The suffix of a percentage box, written as `percent` writes it ("%", " %")."""
    return QCoreApplication.translate("Labels", "%", "the suffix of a box that holds a percentage")


_STEP_PATTERNS = (
    ("verb", re.compile(rf"^(accept|override|skip|undecide|decide) {_N}$")),
    ("override_with", re.compile(rf"^override {_N} with (.+)$")),
    ("accept_all", re.compile(rf"^accept all at (.+?) or more: {_N}$")),
    ("album", re.compile(rf"^album suggestion: {_N} of ([\d,]+) albums?$")),
)


def step_kind(what: str) -> str | None:
    """Which of the core's step names `what` is ("verb", "accept_all"…); None: unknown."""
    return next((kind for kind, pattern in _STEP_PATTERNS if pattern.match(what)), None)


def step_what(what: str) -> str:
    """A decision step's name ('accept 3 tracks', 'override 1 track with Jazz') in the
    app's language; a name of another making as it is."""
    return _Steps().step_what(what)


def _count(text: str) -> int:
    return int(text.replace(",", ""))


class _Steps(QObject):
    def step_what(self, what: str) -> str:
        for kind, pattern in _STEP_PATTERNS:
            m = pattern.match(what)
            if m is None:
                continue
            if kind == "verb":
                return self._verb(m.group(1), _count(m.group(2)))
            if kind == "override_with":
                return self.tr("override %Ln track(s) with {genres}", "", _count(m.group(1))).format(genres=m.group(2))
            if kind == "accept_all":
                number = re.fullmatch(r"(\d+) ?%", m.group(1))  # (steps named before 2026-12-05: "60 %")
                shown = percent(int(number.group(1)) / 100) if number else m.group(1)
                return self.tr("accept all at {percent} or more: %Ln track(s)", "", _count(m.group(2))).format(
                    percent=shown
                )
            if kind == "album":
                tracks = self.tr("%Ln track(s)", "", _count(m.group(1)))
                return self.tr("album suggestion: {tracks} of %Ln album(s)", "", _count(m.group(2))).format(
                    tracks=tracks
                )
        return what

    def _verb(self, verb: str, n: int) -> str:
        if verb == "accept":
            return self.tr("accept %Ln track(s)", "", n)
        if verb == "override":
            return self.tr("override %Ln track(s)", "", n)
        if verb == "skip":
            return self.tr("skip %Ln track(s)", "", n)
        if verb == "undecide":
            return self.tr("undecide %Ln track(s)", "", n)
        return self.tr("decide %Ln track(s)", "", n)


_WAITING = re.compile(r"^another Genre Tagger is writing tags to this library(?: \(pid (\d+)\))?; waiting…$")


def waiting(text: str) -> str:
    """tagger.write_lock.waiting_message in the app's language; another line as it is."""
    m = _WAITING.match(text)
    if m is None:
        return text
    if m.group(1):
        return QCoreApplication.translate(
            "Labels", "another Genre Tagger is writing tags to this library (pid {pid}); waiting…"
        ).format(pid=m.group(1))
    return QCoreApplication.translate("Labels", "another Genre Tagger is writing tags to this library; waiting…")


def database_problem_text(problem: str) -> str:
    """tagger.db.library.database_problem's line (a busy or full library database) in the
    app's language; another line as it is."""
    from tagger.db.library import BUSY, DAMAGED, FULL

    if problem == BUSY:
        return QCoreApplication.translate(
            "Labels",
            "the library database is busy: another program (the app, a tagger command) is writing to it; "
            "try again when it has finished",
        )
    if problem == FULL:
        return QCoreApplication.translate(
            "Labels",
            "the disk that holds the library database is full: free some space and try again "
            "(what was done before this is kept)",
        )
    if problem == DAMAGED:
        return QCoreApplication.translate(
            "Labels",
            "the library database is damaged (SQLite finds its pages malformed): put back a backup copy of it, "
            "or move it aside and scan again to start a new one (the decisions and write history were in it)",
        )
    return problem
