"""Datasets for `trainer fit` / `trainer evaluate`: what the tracks are, their genres,
and which split (train / valid / test) each one belongs to.

Four sources, detected from the path:

- a GTZAN-layout folder (`genres/<genre>/<genre>.000NN.<ext>` or `<genre>/<genre>.000NN.<ext>`):
  the fault-filtered split lists shipped in `trainer/splits/` are used when the file
  names match them (no artist on two sides; the tracks in no list, and files not named
  the GTZAN way, are left out);
- a folder per genre (`<root>/<genre>/**/<audio>`): split by artist when it is known
  (tags, or "Artist - Title" file names), else by track;
- a CSV manifest `path,label[,split]` (optional header, see `CSV_COLUMNS`; extra `artist`
  column allowed; several labels separated by ";" or "|"; relative paths resolved against
  the CSV's folder);
- a Genre Tagger library database (SQLite): tracks whose genres the user confirmed,
  through `tagger.db.confirmed_tracks`.

A split never puts one track on two sides, so patches of one song never train and
validate at once: byte-identical files (copies under other names or in two genre
folders) count as one track for that.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import mutagen
import numpy as np

from tagger.formats import AUDIO_EXTENSIONS
from trainer.featcache import file_key

SPLITS = ("train", "valid", "test")
# (valid, test) shares held out when the data has no split of its own: fit, head and
# evaluate (which splits again to find a model's held-out tracks) must agree
DEFAULT_FRACTIONS = (0.15, 0.15)
SPLIT_DIR = Path(__file__).resolve().parent / "splits"
GTZAN_LISTS = {"train": "train_filtered.txt", "valid": "valid_filtered.txt", "test": "test_filtered.txt"}
_GTZAN_NAME = re.compile(r"^([a-z]+)\.(\d{5})\.[A-Za-z0-9]+$")
GTZAN_GENRES = frozenset({"blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"})
# accepted CSV header names (compared after norm_label: any case, spaces or "_" ignored)
CSV_COLUMNS = {
    "path": ("path", "file", "filename", "filepath"),
    "label": ("label", "labels", "genre", "genres", "class"),
    "split": ("split", "set", "subset"),
    "artist": ("artist",),
}
_SPLIT_ALIASES = {
    "train": "train",
    "training": "train",
    "valid": "valid",
    "val": "valid",
    "validation": "valid",
    "dev": "valid",
    "test": "test",
    "testing": "test",
    "eval": "test",
}


class DatasetError(ValueError):
    """The data cannot be used as given; the message says what to fix."""


def audio_extensions() -> set[str]:
    return set(AUDIO_EXTENSIONS) | {".au", ".snd"}  # GTZAN's original files are .au


def is_audio(path: Path) -> bool:
    return path.suffix.lower() in audio_extensions() and not path.name.startswith(".")


def norm_label(label: str) -> str:
    """Case/punctuation-insensitive form of a label: "Hip-Hop" == "hiphop" == "hip hop"."""
    return re.sub(r"[^0-9a-z]+", "", label.casefold())


@dataclass
class Track:
    path: str  # absolute
    labels: list[str]  # the first is the training (single-label) target
    split: str | None = None  # train | valid | test | None (not assigned yet)
    group: str = ""  # split unit: "artist:<name>" or "track:<path>"
    content: str = ""  # hash of the bytes when the data holds an identical copy, else ""
    album_unit: str = ""  # "<folder>\n<album>" from its album tag: a split unit when artists are few
    # a library's confirmed track: the app's held-out unit for a personal model
    # (tagger.training_data.held_out_group, an album within its folder); None elsewhere
    album_group: str | None = None

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass
class Dataset:
    tracks: list[Track]
    kind: str  # gtzan | folders | csv | db
    source: str
    split_origin: str = ""  # gtzan-fault-filtered | csv | by-artist-or-track | none
    notes: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return sorted({t.label for t in self.tracks})

    def split(self, name: str) -> list[Track]:
        return [t for t in self.tracks if t.split == name]

    def note(self, text: str) -> None:
        self.notes.append(text)

    @property
    def source_id(self) -> str:
        """Identifies where the data came from (a hash of the resolved path: a model file
        that records it reveals no folder names)."""
        return source_id(self.source)

    def describe(self) -> str:
        counts = Counter(t.split for t in self.tracks)
        parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in SPLITS)
        return f"{len(self.tracks)} tracks in {len(self.labels)} classes ({parts}) from {self.kind} {self.source}"


def source_id(path) -> str:
    return hashlib.blake2b(str(Path(path).expanduser().resolve()).encode(), digest_size=8).hexdigest()


# ---------------------------------------------------------------------- detection
def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        return next(csv.reader(f), [])


def _missing_table_columns(path: str | Path) -> list[str] | None:
    """The GTZAN table columns a CSV's header lacks; None when `path` is not a CSV file."""
    from tagger.gtzan57 import COLUMNS

    p = Path(path).expanduser()
    if not (p.is_file() and p.suffix.lower() in (".csv", ".tsv", ".txt")):
        return None
    names = {norm_label(h) for h in _header(p)}
    return [c for c in COLUMNS if norm_label(c) not in names]


def is_feature_table(path: str | Path) -> bool:
    """A CSV whose header has all 57 GTZAN table columns (trainer.feature_table reads it)."""
    return _missing_table_columns(path) == []


def _refuse_feature_table(p: Path) -> None:
    """A feature table is not a list of audio files: say so, not "N files do not exist".
    One that lacks some columns (most of them there) is named too."""
    from tagger.gtzan57 import COLUMNS

    missing = _missing_table_columns(p)
    if missing == []:
        raise DatasetError(
            f"{p} is a feature table (the GTZAN table's 57 columns), not a list of audio files: "
            "only `trainer fit --arch mlp` reads it"
        )
    if missing and len(missing) < len(COLUMNS) / 2:
        raise DatasetError(
            f"{p} looks like a feature table without the column(s) {', '.join(missing)}: "
            "`--arch mlp` needs all 57 columns of the GTZAN table"
        )


# the rule the automatic split follows, recorded with a model (`training_split.split_rule`)
# so that `trainer evaluate` makes its split again: 1 = by artist, else by track;
# 2 = by album where a class has fewer than 3 artists (assign_splits)
SPLIT_RULE = 2


def load_dataset(
    path: str | Path,
    *,
    seed: int = 0,
    valid_fraction: float = DEFAULT_FRACTIONS[0],
    test_fraction: float = DEFAULT_FRACTIONS[1],
    for_training: bool = True,
    exclude: Collection[str] = (),
    split_rule: int = SPLIT_RULE,
) -> Dataset:
    """Read a dataset and give every track a split.

    With `for_training`, classes need at least two files and the splits must leave
    every class something to train on and the validation set non-empty. `exclude`:
    files left out before the split is made (those `trainer fit` could not read; it
    records them, so that `trainer evaluate` makes the same split)."""
    p = Path(path).expanduser()
    if not p.exists():
        raise DatasetError(f"{p}: no such file or folder")
    if p.is_dir():
        ds = _gtzan(p, for_training)
        if ds is None:
            ds = _folders(_genre_root(p))
    elif is_sqlite(p):
        ds = _database(p)
    elif p.suffix.lower() in (".csv", ".tsv", ".txt"):
        _refuse_feature_table(p)
        ds = _csv(p)
    else:
        raise DatasetError(
            f"{p}: not a dataset: give a folder (one sub-folder per genre, or GTZAN layout), "
            "a CSV manifest (path,label[,split]) or a Genre Tagger library database"
        )
    if exclude:
        left_out = set(exclude)
        before = len(ds.tracks)
        ds.tracks = [t for t in ds.tracks if t.path not in left_out]
        if len(ds.tracks) < before:
            ds.note(f"{before - len(ds.tracks)} unreadable file(s) left out before the split")
    if not ds.tracks:
        why = f" ({'; '.join(ds.notes)})" if ds.notes else ""
        raise DatasetError(f"{p}: no labelled audio files found{why}")
    _keep_copies_together(ds)
    if ds.split_origin == "csv":
        _rows_without_split_to_train(ds)
    if for_training:
        check_classes(ds)
    if any(t.split is None for t in ds.tracks):
        assign_splits(
            ds, seed=seed, valid_fraction=valid_fraction, test_fraction=test_fraction, by_album=split_rule >= 2
        )
    if for_training:
        check_splits(ds)
    if ds.split_origin == "csv" and ds.split("test"):  # a split given: say what its test part leaves out
        untested = sorted(set(ds.labels) - {t.label for t in ds.split("test")})
        if untested:
            ds.note(f"class(es) {', '.join(untested)} have no test tracks in the CSV's split: no test figures for them")
    return ds


# ---------------------------------------------------------------------- GTZAN
def _gtzan_lists() -> dict[str, str]:
    """ "genre/genre.000NN" -> split, from the shipped fault-filtered lists."""
    out = {}
    for split, name in GTZAN_LISTS.items():
        f = SPLIT_DIR / name
        if not f.exists():
            continue
        for line in f.read_text().splitlines():
            line = line.strip()
            if line:
                out[line.rsplit(".", 1)[0]] = split
    return out


def _gtzan_files(base: Path) -> tuple[list[tuple[str, Path]], list[Path], list[Path]] | None:
    """(GTZAN-named files as (genre, path), the other audio files directly in the
    folders, the folders that are no GTZAN genre), or None when none is one."""
    folders = [d for d in sorted(base.iterdir()) if d.is_dir() and not d.name.startswith(".")]
    if not any(d.name in GTZAN_GENRES for d in folders):
        return None  # cheap exit for a music library: its files are not listed twice
    named, odd = [], []
    for d in folders:
        for f in sorted(d.iterdir()):
            if not (f.is_file() and is_audio(f)):
                continue
            m = _GTZAN_NAME.match(f.name)
            if m and m.group(1) == d.name:
                named.append((d.name, f))
            else:
                odd.append(f)
    return named, odd, [d for d in folders if d.name not in GTZAN_GENRES]


def _gtzan(root: Path, for_training: bool = True) -> Dataset | None:
    base = root / "genres" if (root / "genres").is_dir() else root
    found = _gtzan_files(base)
    if found is None:
        return None
    named, odd, others = found
    # GTZAN when most files carry its names: a stray copy ("blues.00000 (copy).wav")
    # must not turn the fault-filtered split into a random one
    if len(named) <= len(odd):
        return None
    strangers = [d.name for d in others if any(f.is_file() and is_audio(f) for f in d.rglob("*"))]
    if strangers:
        ds = _folders(base)
        ds.note(
            f"warning: GTZAN file names, but folder(s) {', '.join(strangers[:5])} are not GTZAN "
            "genres: treated as a plain folder per genre (the fault-filtered GTZAN split covers "
            "only GTZAN's 10 genres)"
        )
        return ds
    odd += [
        f
        for genre in sorted(GTZAN_GENRES)
        for f in sorted((base / genre).rglob("*"))
        if f.parent != base / genre and f.is_file() and is_audio(f)
    ]  # in sub-folders
    lists = _gtzan_lists()
    ds = Dataset([], "gtzan", str(root))
    left_out = []
    for genre, f in named:
        key = f"{genre}/{f.name.rsplit('.', 1)[0]}"
        split = lists.get(key)
        if split is None:
            left_out.append(f)
            continue
        ds.tracks.append(Track(str(f.resolve()), [genre], split, f"track:{f.resolve()}"))
    have = Counter(t.split for t in ds.tracks)
    usable = (have.get("train") and have.get("valid")) if for_training else ds.tracks
    if not usable:
        # names look like GTZAN but the lists do not cover them: split like any folder
        fallback = _folders(base)
        fallback.kind = "gtzan"
        fallback.note(
            "GTZAN file names, but too few match the shipped fault-filtered split lists: splitting by track instead"
        )
        return fallback
    ds.split_origin = "gtzan-fault-filtered"
    ds.note(
        "GTZAN layout: using the shipped fault-filtered split (Kereliuk et al. 2015 / Lee et al. 2017; "
        f"{have.get('train', 0)} train, {have.get('valid', 0)} valid, {have.get('test', 0)} test tracks, "
        "no artist on two sides)"
    )
    if left_out:
        ds.note(
            f"{len(left_out)} GTZAN file(s) are in none of the fault-filtered lists and are left out "
            f"(e.g. {', '.join(f.name for f in left_out[:3])})"
        )
    if odd:
        shown = ", ".join(str(f.relative_to(base)) for f in odd[:3])
        ds.note(
            f"warning: {len(odd)} audio file(s) in the GTZAN folders are not named "
            f"<genre>.000NN.<ext> after their folder and are left out (no fault-filtered list "
            f"has them): {shown}{', ...' if len(odd) > 3 else ''}"
        )
    return ds


def _genre_root(root: Path) -> Path:
    """`root/genres` when that is all `root` holds (GTZAN's wrapper folder): its
    sub-folders are the genres, not `genres` itself."""
    subs = [d for d in root.iterdir() if not d.name.startswith(".") and (d.is_dir() or is_audio(d))]
    if len(subs) == 1 and subs[0].name == "genres" and subs[0].is_dir():
        return subs[0]
    return root


# ---------------------------------------------------------------------- folders
def _folders(root: Path) -> Dataset:
    folders = [d for d in sorted(root.iterdir()) if d.is_dir() and not d.name.startswith(".")]
    ds = Dataset([], "folders", str(root))
    loose = [f for f in root.iterdir() if f.is_file() and is_audio(f)]
    for d in folders:
        for f in sorted(d.rglob("*")):
            if f.is_file() and is_audio(f):
                ds.tracks.append(Track(str(f.resolve()), [d.name]))
    if not ds.tracks:
        hint = (
            f" ({len(loose)} audio file(s) lie directly in it: put them in one sub-folder per genre)" if loose else ""
        )
        raise DatasetError(f"{root}: no audio files found in genre sub-folders{hint}; expected <root>/<genre>/<files>")
    if loose:
        ds.note(f"{len(loose)} audio file(s) directly in {root} have no genre folder and are ignored")
    _fill_artists(ds)
    return ds


def tags_of(path: str) -> tuple[str | None, str | None]:
    """(artist, album) from the track's tags (album artist first); None where not known."""

    def first(values) -> str | None:
        return next((str(v).strip() for v in values or () if str(v).strip()), None)

    artist = album = None
    try:
        audio = mutagen.File(path, easy=True)
        if audio is not None and audio.tags is not None and hasattr(audio.tags, "get"):
            artist = first(audio.tags.get("albumartist")) or first(audio.tags.get("artist"))
            album = first(audio.tags.get("album"))
    except Exception:  # noqa: BLE001 - WAV/AIFF refuse easy mode; unreadable tags: not known
        pass
    if artist is None or album is None:
        try:  # ID3 in WAV/AIFF
            audio = mutagen.File(path)
            tags = getattr(audio, "tags", None)
            if tags is not None and hasattr(tags, "getall"):
                artist = artist or first(tags.getall("TPE2")) or first(tags.getall("TPE1"))
                album = album or first(tags.getall("TALB"))
        except Exception:  # noqa: BLE001
            pass
    return artist, album


def artist_of(path: str, tagged: str | None = None) -> str | None:
    """The track's artist from its tags (`tagged`, when already read), else from an
    "Artist - Title" file name."""
    if tagged is None:
        tagged = tags_of(path)[0]
    if tagged:
        return tagged
    stem = Path(path).stem
    if " - " in stem:
        name = stem.split(" - ", 1)[0].strip()
        name = re.sub(r"^\d+[\s.\-_]*", "", name).strip()  # "01 - Artist - Title"
        if name and not name.isdigit():
            return name
    return None


def _fill_artists(ds: Dataset, artists: dict[str, str | None] | None = None) -> None:
    known = 0
    for t in ds.tracks:
        tagged, album = tags_of(t.path)
        if album:
            t.album_unit = f"{os.path.dirname(t.path)}\n{album}"
        name = (artists or {}).get(t.path) or artist_of(t.path, tagged or "")
        if name:
            t.group = "artist:" + norm_label(name) if norm_label(name) else "artist:" + name.casefold()
            known += 1
        else:
            t.group = f"track:{t.path}"
    if known:
        ds.note(
            f"artist known for {known} of {len(ds.tracks)} tracks (tags or 'Artist - Title' names): "
            "tracks of one artist stay on one side of the split"
        )
    elif ds.tracks:
        ds.note(
            f"no artist known for the {len(ds.tracks)} tracks (no artist tags or 'Artist - Title' "
            "names): split by track (each track on one side)"
        )


# ---------------------------------------------------------------------- CSV
def _csv_text(path: Path) -> tuple[str, str | None]:
    """The manifest's text, and a note when it was not read as UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read the CSV: {exc.strerror or exc}") from None
    where = ""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a spreadsheet's "Unicode text" export
            return data.decode("utf-16"), None
        return data.decode("utf-8-sig"), None  # with or without a BOM
    except UnicodeDecodeError as exc:
        where = f" (byte 0x{data[exc.start]:02x} at position {exc.start})"
    # Excel's plain "CSV" export on Windows writes the ANSI code page (cp1252 in Western
    # locales), not UTF-8: read that rather than refuse it; a wrong guess shows in the
    # file names, which the missing-file check then lists. NUL bytes: UTF-16, not cp1252.
    if b"\x00" not in data:
        try:
            return data.decode("cp1252"), (
                f"{path.name} is not UTF-8{where}: read as Windows-1252 (cp1252, a spreadsheet's "
                "plain CSV export); save it as UTF-8 if names with accents are not found"
            )
        except UnicodeDecodeError:
            pass
    raise DatasetError(
        f"{path}: the CSV must be UTF-8 text (a UTF-8 BOM is fine); this file is "
        f"not{where}: in a spreadsheet, save as 'CSV UTF-8'"
    )


def _csv_dialect(path: Path, first_line: str):
    """Comma, else tab (.tsv, or a tab-separated first line), else ";" when it splits a
    header (European spreadsheets' CSV); ";" in data rows separates labels."""
    if path.suffix.lower() == ".tsv" or ("," not in first_line and "\t" in first_line):
        return csv.excel_tab
    if "," not in first_line and ";" in first_line:
        cells = {norm_label(c) for c in first_line.split(";")}
        if cells & set(CSV_COLUMNS["path"]) and cells & set(CSV_COLUMNS["label"]):
            return _Semicolon
    return csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def _csv_header_error(path: Path, header: list[str], extra: str = "") -> DatasetError:
    accepted = "; ".join(f"{k}: {', '.join(v)}" for k, v in CSV_COLUMNS.items())
    return DatasetError(
        f"{path}: the header {header} does not name a path and a label column{extra}. Accepted "
        f"column names (any case): {accepted}. Without a header the columns are path,label[,split]."
    )


def _csv_columns(path: Path, rows: list[tuple[int, list[str]]], base: Path):
    """(column of each field, the data rows, the header or None): from the header, or
    path,label,split."""
    head = [norm_label(c) for c in rows[0][1]]
    cols = {k: next((head.index(a) for a in alts if a in head), None) for k, alts in CSV_COLUMNS.items()}
    if any(i is not None for i in cols.values()):
        if cols["path"] is None or cols["label"] is None:
            raise _csv_header_error(path, rows[0][1])
        return cols, rows[1:], rows[0][1]

    # no known name: data, unless row 1 names no file while later rows do (a header)
    def names_file(row):
        return bool(row and row[0].strip()) and _resolve(row[0].strip(), base).is_file()

    if not names_file(rows[0][1]) and any(names_file(r) for _, r in rows[1:21]):
        raise _csv_header_error(
            path, rows[0][1], f" (or, if line {rows[0][0]} is data, its file {rows[0][1][0].strip()!r} does not exist)"
        )
    return {"path": 0, "label": 1, "split": 2, "artist": None}, rows, None


def _resolve(raw: str, base: Path) -> Path:
    p = Path(raw).expanduser()
    return (p if p.is_absolute() else base / p).resolve()


def _csv(path: Path) -> Dataset:
    text, encoding_note = _csv_text(path)
    lines = text.splitlines()
    reader = csv.reader(lines, _csv_dialect(path, lines[0] if lines else ""))
    rows = [(reader.line_num, r) for r in reader]
    rows = [(n, r) for n, r in rows if r and any(c.strip() for c in r)]
    if not rows:
        raise DatasetError(f"{path}: the CSV is empty (expected rows of path,label[,split])")
    base = path.resolve().parent
    cols, rows, header = _csv_columns(path, rows, base)
    ds = Dataset([], "csv", str(path))
    if encoding_note:
        ds.note(encoding_note)
    missing, no_path, no_label, repeats, artists = [], [], [], 0, {}
    seen: dict[str, tuple[Track, int]] = {}
    for n, row in rows:

        def cell(key, row=row):  # (bound now: defined in the loop)
            i = cols[key]
            return row[i].strip() if i is not None and i < len(row) else ""

        raw, label_cell = cell("path"), cell("label")
        labels = [x.strip() for x in re.split(r"[;|]", label_cell) if x.strip()]
        if not raw or not labels:
            (no_path if not raw else no_label).append(n)
            continue
        p = _resolve(raw, base)
        if not p.is_file():
            missing.append(raw)
            continue
        split = cell("split").lower() or None
        if split is not None:
            if split not in _SPLIT_ALIASES:
                raise DatasetError(f"{path}: line {n}: unknown split {split!r} (use train, valid or test)")
            split = _SPLIT_ALIASES[split]
        if str(p) in seen:  # listed again: one track, never one file on two sides
            _merge_row(path, seen[str(p)], raw, n, labels, split)
            repeats += 1
            continue
        t = Track(str(p), labels, split)
        seen[str(p)] = (t, n)
        ds.tracks.append(t)
        if cell("artist"):
            artists[str(p)] = cell("artist")
    if missing:
        shown = "\n  ".join(missing[:5])
        more = f"\n  ... and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise DatasetError(
            f"{path}: {len(missing)} of {len(rows)} listed file(s) do not exist "
            f"(relative paths are resolved against {base}):\n  {shown}{more}"
        )
    label_col = f"the {header[cols['label']].strip()!r} column" if header else "the 2nd column"
    if not ds.tracks and no_label:
        raise DatasetError(
            f"{path}: no labelled audio files: {len(no_label)} of {len(rows)} row(s) have "
            f"no label ({label_col} is empty or missing; e.g. line {no_label[0]})"
        )
    if no_label:
        ds.note(f"{len(no_label)} row(s) without a label ignored (lines {no_label[:5]})")
    if no_path:
        ds.note(f"{len(no_path)} row(s) without a path ignored (lines {no_path[:5]})")
    if repeats:
        ds.note(f"{repeats} row(s) list a file already listed: each file is kept once, with the labels of all its rows")
    if any(t.split for t in ds.tracks):
        ds.split_origin = "csv"
        ds.note("using the split column of the CSV")
    else:
        _fill_artists(ds, artists)  # the split is made here: by artist where known
    multi = sum(len(t.labels) > 1 for t in ds.tracks)
    if multi:
        ds.note(f"{multi} track(s) have several labels: single-label training uses the first one")
    return ds


def _merge_row(path: Path, seen: tuple[Track, int], raw: str, n: int, labels: list[str], split: str | None) -> None:
    """A file listed a second time: one split only, all the labels."""
    t, first = seen
    if split and t.split and split != t.split:
        raise DatasetError(
            f"{path}: {raw} is listed as {t.split} (line {first}) and as {split} "
            f"(line {n}): a file can be in one split only"
        )
    t.split = t.split or split
    t.labels += [x for x in labels if x not in t.labels]


def _rows_without_split_to_train(ds: Dataset) -> None:
    rest = [t for t in ds.tracks if t.split is None]
    for t in rest:
        t.split = "train"
    if rest:
        ds.note(f"{len(rest)} row(s) have no split and go to train")


# ---------------------------------------------------------------------- database
def _database(path: Path) -> Dataset:
    from tagger.db import Library
    from tagger.training_data import group_note, personal_blocker, stale_note, training_set  # the app's DB layer

    try:  # read-only look first: never add tables to someone else's SQLite file
        import sqlite3

        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DatasetError(f"{path}: cannot open the database ({exc})") from None
    if not {"tracks", "decisions"} <= tables:
        raise DatasetError(f"{path}: an SQLite file, but not a Genre Tagger library (no tracks/decisions tables)")
    ds = Dataset([], "db", str(path))
    lib = Library(path)
    try:  # the app's own reading of a library's confirmed tracks: the train dialog counts the same
        found = training_set(lib)
    finally:
        lib.close()
    missing = found.missing
    for confirmed in found.tracks:
        track = Track(str(Path(confirmed.path).resolve()), list(confirmed.genres), album_group=confirmed.group)
        ds.tracks.append(track)
    if missing:
        ds.note(
            f"{len(missing)} confirmed track(s) are no longer on disk and are skipped (e.g. {', '.join(missing[:3])})"
        )
    if found.accepted_in_groups:
        ds.note(group_note(found.accepted_in_groups))
    if found.stale:
        ds.note(stale_note(found.stale))
    if not ds.tracks and not missing:
        if found.accepted_in_groups or found.stale:
            raise DatasetError(f"{path}: {personal_blocker({}, found.accepted_in_groups, 0, found.stale)}")
        raise DatasetError(
            f"{path}: the library has no tracks with confirmed genres yet: accept or correct "
            "some suggestions in the app first"
        )
    multi = sum(len(t.labels) > 1 for t in ds.tracks)
    if multi:
        ds.note(f"{multi} track(s) have several confirmed genres: single-label training uses the first one")
    _fill_artists(ds)
    return ds


# ---------------------------------------------------------------------- identical copies
def _head_key(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.blake2b(f.read(1 << 16), digest_size=16).hexdigest()


def content_keys(paths: list[str]) -> dict[str, str]:
    """{path: hash of its bytes} for the files that have a byte-identical copy among
    `paths`. Copies share their size and first 64 KiB, so only files that do are read
    whole; unreadable files are left to the feature stage to report."""

    def refine(groups, key):  # split each group by `key`; keep the parts with 2+ files
        out = []
        for same in groups:
            by = defaultdict(list)
            for p in same:
                try:
                    by[key(p)].append(p)
                except OSError:
                    pass
            out += [(k, g) for k, g in by.items() if len(g) > 1]
        return out

    groups = [g for _, g in refine([list(dict.fromkeys(paths))], os.path.getsize)]
    groups = [g for _, g in refine(groups, _head_key)]
    return {p: k for k, g in refine(groups, file_key) for p in g}


def _keep_copies_together(ds: Dataset) -> None:
    """Mark byte-identical tracks (Track.content) so the split keeps them on one side;
    where the data's own split puts them on two: an error for a CSV, for GTZAN the
    copy on the later side is left out."""
    keys = content_keys([t.path for t in ds.tracks])
    copies = defaultdict(list)
    for t in ds.tracks:
        t.content = keys.get(t.path, "")
        if t.content:
            copies[t.content].append(t)
    if not copies:
        return
    clashes = []
    for ts in copies.values():
        given = {t.split for t in ts if t.split}
        if len(given) > 1:
            clashes.append(ts)
        elif given:  # a copy without a split follows the one with
            for t in ts:
                t.split = next(iter(given))
    if clashes:
        _split_clashes(ds, clashes)
    _note_copies(ds)


def _split_clashes(ds: Dataset, clashes: list[list[Track]]) -> None:
    def shown(ts):
        return " = ".join(f"{_short(t.path)} ({t.split})" for t in sorted(ts, key=_side))

    if ds.kind == "csv":
        listing = "\n  ".join(shown(ts) for ts in clashes[:5])
        more = f"\n  ... and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        raise DatasetError(
            f"{ds.source}: {len(clashes)} recording(s) are in more than one split as byte-identical "
            f"files; put the copies in one split (or list one of them):\n  {listing}{more}"
        )
    dropped = []
    for ts in clashes:
        first = min(_side(t) for t in ts)
        dropped += [t for t in ts if _side(t) != first]
    gone = {id(t) for t in dropped}
    ds.tracks = [t for t in ds.tracks if id(t) not in gone]
    ds.note(
        f"warning: {len(dropped)} file(s) are byte-identical to a file on an earlier side of the "
        f"split and are left out of the later one: {'; '.join(shown(ts) for ts in clashes[:3])}"
    )


def _side(t: Track) -> int:
    return SPLITS.index(t.split) if t.split in SPLITS else len(SPLITS)


def _short(path: str) -> str:
    p = Path(path)
    return f"{p.parent.name}/{p.name}"


def _note_copies(ds: Dataset) -> None:
    copies = defaultdict(list)
    for t in ds.tracks:
        if t.content:
            copies[t.content].append(t)
    sets = [ts for ts in copies.values() if len(ts) > 1]
    genres = [ts for ts in sets if len({t.label for t in ts}) > 1]
    if genres:
        eg = genres[0]
        ds.note(
            f"{len(genres)} file(s) appear under more than one genre (byte-identical copies, e.g. "
            f"{' = '.join(_short(t.path) for t in eg[:3])}): the copies stay on one side of the split"
        )
    same = [ts for ts in sets if len({t.label for t in ts}) == 1]
    if same:
        eg = same[0]
        ds.note(
            f"{len(same)} file(s) have byte-identical copies under other names (e.g. "
            f"{' = '.join(_short(t.path) for t in eg[:3])}): the copies stay on one side of the split"
        )


# ---------------------------------------------------------------------- checks and splits
def check_classes(ds: Dataset) -> None:
    """The rule the app's train dialog checks too (tagger.app.training.training_blocker)."""
    from tagger.training_data import MIN_GENRES, MIN_TRACKS_PER_GENRE

    counts = Counter(t.label for t in ds.tracks)
    if len(counts) < MIN_GENRES:
        raise DatasetError(f"{ds.source}: need at least two classes to train, found {sorted(counts) or 'none'}")
    single = sorted(c for c, n in counts.items() if n < MIN_TRACKS_PER_GENRE)
    if single:
        raise DatasetError(
            f"{ds.source}: class(es) with only one file: {', '.join(single)}; every class needs at "
            "least two tracks (one to train on, one to validate), better 20 or more"
        )


def check_splits(ds: Dataset) -> None:
    train_labels = {t.label for t in ds.split("train")}
    lacking = sorted(set(ds.labels) - train_labels)
    if lacking:
        raise DatasetError(f"{ds.source}: no training tracks for class(es) {', '.join(lacking)}")
    if not ds.split("valid"):
        raise DatasetError(f"{ds.source}: the validation split is empty (needed for early stopping)")


def assign_splits(
    ds: Dataset,
    *,
    seed: int = 0,
    valid_fraction: float = DEFAULT_FRACTIONS[0],
    test_fraction: float = DEFAULT_FRACTIONS[1],
    by_album: bool = True,
) -> None:
    """Give every track without a split one, stratified by class, one group (artist or
    track) per side. Classes with fewer than 3 artists are split by album instead where
    their album tags name 3 or more (clips of one recording stay on one side), else by
    track."""
    todo = [t for t in ds.tracks if t.split is None]
    if not todo:
        return
    for t in todo:
        if not t.group:
            t.group = f"track:{t.path}"
    # classes whose tracks come from too few artists for a by-artist split
    groups_of = defaultdict(set)
    for t in todo:
        groups_of[t.label].add(t.group)
    by_track = sorted(
        c
        for c, g in groups_of.items()
        if len(g) < 3 and sum(t.label == c for t in todo) >= 3 and any(x.startswith("artist:") for x in g)
    )
    albums_of = defaultdict(set)
    for t in todo:
        if t.album_unit:
            albums_of[t.label].add(t.album_unit)
    # by album where 3 or more albums hold the class and none more than half of it (a
    # split of albums 20 + 1 + 1 could leave one track to train on); not for a model made
    # before this rule (SPLIT_RULE 1), whose split `trainer evaluate` makes again
    sizes = Counter((t.label, t.album_unit) for t in todo if t.album_unit)
    per_class = Counter(t.label for t in todo)
    album_classes = [
        c
        for c in by_track
        if by_album
        and len(albums_of[c]) >= 3
        and max(n for (label, _), n in sizes.items() if label == c) * 2 <= per_class[c]
    ]
    by_track = [c for c in by_track if c not in album_classes]
    for t in todo:
        if t.label in album_classes:
            t.group = f"album:{t.album_unit}" if t.album_unit else f"track:{t.path}"
        elif t.label in by_track:
            t.group = f"track:{t.path}"
    if album_classes:
        ds.note(f"class(es) {', '.join(album_classes)} have fewer than 3 artists: split by album there")
    if by_track:
        ds.note(
            f"class(es) {', '.join(by_track)} have fewer than 3 artists (and albums): split by track there "
            "(validation figures may be optimistic)"
        )
    members = defaultdict(list)
    for t, unit in zip(todo, _split_units(todo)):
        members[unit].append(t)
    group_label = {g: Counter(t.label for t in ts).most_common(1)[0][0] for g, ts in members.items()}
    per_label = defaultdict(list)
    for g in sorted(members):
        per_label[group_label[g]].append(g)
    rng = np.random.default_rng(seed)
    thin = []
    for label in sorted(per_label):
        groups = per_label[label]
        order = rng.permutation(len(groups))
        groups = [groups[i] for i in order]
        n = len(groups)
        n_test = int(round(n * test_fraction))
        n_valid = int(round(n * valid_fraction))
        if n >= 3:
            n_test = max(1, n_test) if test_fraction > 0 else 0
            n_valid = max(1, n_valid) if valid_fraction > 0 else 0
            while n - n_test - n_valid < 1:
                if n_test >= n_valid and n_test > 0:
                    n_test -= 1
                else:
                    n_valid -= 1
        elif n == 2:
            n_test, n_valid = 0, 1
            thin.append(label)
        else:
            n_test, n_valid = 0, 0
            thin.append(label)
        for i, g in enumerate(groups):
            split = "test" if i < n_test else "valid" if i < n_test + n_valid else "train"
            for t in members[g]:
                t.split = split
    ds.split_origin = ds.split_origin or "by-artist-or-track"
    ds.note(
        f"split by {'artist or ' if any(g.startswith('artist:') for g in members) else ''}track "
        f"(seed {seed}, {valid_fraction:.0%} valid, {test_fraction:.0%} test per class)"
    )
    if thin:
        ds.note(f"class(es) {', '.join(thin)} have too few tracks/artists for a test split")


def _split_units(tracks: list[Track]) -> list[str]:
    """Each track's split unit: its group, joined with the groups of its byte-identical
    copies (so a copy in another genre folder, or by another artist tag, goes along)."""
    parent: dict[str, str] = {}

    def root(g):
        while parent.get(g, g) != g:
            g = parent[g]
        return g

    first: dict[str, str] = {}
    for t in tracks:
        if t.content:
            a, b = root(first.setdefault(t.content, t.group)), root(t.group)
            if a != b:
                parent[b] = a
    return [root(t.group) for t in tracks]


def drop_tracks(ds: Dataset, paths: set[str], *, for_training: bool = True) -> None:
    """Remove tracks (e.g. unreadable files) and re-check what is left."""
    if not paths:
        return
    ds.tracks = [t for t in ds.tracks if t.path not in paths]
    if not ds.tracks:
        raise DatasetError(f"{ds.source}: none of the audio files could be read")
    if for_training:
        check_classes(ds)
        check_splits(ds)
