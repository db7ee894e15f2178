"""APEv2 items: reading a tag's fields and replacing them, for the APEv2 formats
(apev2.py) and for an APEv2 tag at the end of an MP3 (id3.py). Several genres are one
"Genre" item holding a list (values separated by NUL); any other spelling of the key
("GENRE") is replaced by "Genre"; the other fields are "Style", "Grouping" and "Mood"."""

from __future__ import annotations

from pathlib import Path

from mutagen.apev2 import APENoHeaderError, APETextValue, APEv2

from tagger.formats.base import FIELDS, TrackTags, join_values, normalize_genres, track_number


def _list(tags, key) -> list[str]:
    v = tags.get(key)
    if v is None or not isinstance(v, APETextValue):
        return []
    return list(v)


KEYS = {"genre": "Genre", "style": "Style", "grouping": "Grouping", "mood": "Mood"}


def read_apev2_tags(tags, t: TrackTags) -> None:
    if tags is None:
        return
    t.tag_type = "apev2"
    t.artist = join_values(_list(tags, "Artist"))
    t.album = join_values(_list(tags, "Album"))
    t.title = join_values(_list(tags, "Title"))
    t.tracknumber = track_number(_list(tags, "Track"))
    t.genres = normalize_genres(_list(tags, "Genre"))
    for name in FIELDS[1:]:
        values = normalize_genres(_list(tags, KEYS[name]))
        if values:
            t.fields[name] = values


def field_values(tags, name: str) -> list[str]:
    """The values of field `name` (tagger.formats.FIELDS) in an APEv2 tag."""
    return normalize_genres(_list(tags, KEYS[name]))


def replace_apev2_fields(tags, changes: dict[str, list[str]]) -> None:
    for name, values in changes.items():
        for key in [k for k in tags.keys() if k.lower() == name]:
            del tags[key]
        if values:
            tags[KEYS[name]] = values


def apev2_of(path: Path):
    try:
        return APEv2(path)
    except APENoHeaderError:
        return None
