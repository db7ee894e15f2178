"""Datasets for `trainer fit` / `trainer evaluate`: what the tracks are, their genres,
and which split (train / valid / test) each one belongs to.

Four sources, detected from the path:

- a GTZAN-layout folder (`genres/<genre>/<genre>.000NN.<ext>` or `<genre>/<genre>.000NN.<ext>`):
  the fault-filtered split lists shipped in `trainer/splits/` are used when the file
  names match them (no artist on two sides; the tracks in no list are left out);
- a folder per genre (`<root>/<genre>/**/<audio>`): split by artist when it is known
  (tags, or "Artist - Title" file names), else by track;
- a CSV manifest `path,label[,split]` (optional header; extra `artist` column allowed;
  several labels separated by ";" or "|"; relative paths resolved against the CSV's folder);
- a Genre Tagger library database (SQLite): tracks whose genres the user confirmed,
  through `tagger.db.confirmed_tracks`.

A split never puts one track on two sides, so patches of one song never train and
validate at once.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SPLITS = ("train", "valid", "test")
SPLIT_DIR = Path(__file__).resolve().parent / "splits"
GTZAN_LISTS = {"train": "train_filtered.txt", "valid": "valid_filtered.txt", "test": "test_filtered.txt"}
_GTZAN_NAME = re.compile(r"^([a-z]+)\.(\d{5})\.[A-Za-z0-9]+$")
_SPLIT_ALIASES = {
    "train": "train", "training": "train",
    "valid": "valid", "val": "valid", "validation": "valid", "dev": "valid",
    "test": "test", "testing": "test", "eval": "test",
}


class DatasetError(ValueError):
    """The data cannot be used as given; the message says what to fix."""


def audio_extensions() -> set[str]:
    from tagger.formats import AUDIO_EXTENSIONS

    return set(AUDIO_EXTENSIONS) | {".au", ".snd"}  # GTZAN's original files are .au


def is_audio(path: Path) -> bool:
    return path.suffix.lower() in audio_extensions() and not path.name.startswith(".")


def norm_label(label: str) -> str:
    """Case/punctuation-insensitive form of a label: "Hip-Hop" == "hiphop" == "hip hop"."""
    return re.sub(r"[^0-9a-z]+", "", label.casefold())


@dataclass
class Track:
    path: str                 # absolute
    labels: list[str]         # the first is the training (single-label) target
    split: str | None = None  # train | valid | test | None (not assigned yet)
    group: str = ""           # split unit: "artist:<name>" or "track:<path>"

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass
class Dataset:
    tracks: list[Track]
    kind: str                 # gtzan | folders | csv | db
    source: str
    split_origin: str = ""    # gtzan-fault-filtered | csv | by-artist-or-track | none
    notes: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return sorted({t.label for t in self.tracks})

    def split(self, name: str) -> list[Track]:
        return [t for t in self.tracks if t.split == name]

    def note(self, text: str) -> None:
        self.notes.append(text)

    def describe(self) -> str:
        counts = Counter(t.split for t in self.tracks)
        parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in SPLITS)
        return f"{len(self.tracks)} tracks in {len(self.labels)} classes ({parts}) from {self.kind} {self.source}"


# ---------------------------------------------------------------------- detection
def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def load_dataset(path: str | Path, *, seed: int = 0, valid_fraction: float = 0.15,
                 test_fraction: float = 0.15, for_training: bool = True) -> Dataset:
    """Read a dataset and give every track a split.

    With `for_training`, classes need at least two files and the splits must leave
    every class something to train on and the validation set non-empty."""
    p = Path(path).expanduser()
    if not p.exists():
        raise DatasetError(f"{p}: no such file or folder")
    if p.is_dir():
        ds = _gtzan(p, for_training)
        if ds is None:
            ds = _folders(p)
    elif is_sqlite(p):
        ds = _database(p)
    elif p.suffix.lower() in (".csv", ".tsv", ".txt"):
        ds = _csv(p)
    else:
        raise DatasetError(
            f"{p}: not a dataset: give a folder (one sub-folder per genre, or GTZAN layout), "
            "a CSV manifest (path,label[,split]) or a Genre Tagger library database"
        )
    if not ds.tracks:
        raise DatasetError(f"{p}: no labelled audio files found")
    if for_training:
        check_classes(ds)
    if any(t.split is None for t in ds.tracks):
        assign_splits(ds, seed=seed, valid_fraction=valid_fraction, test_fraction=test_fraction)
    if for_training:
        check_splits(ds)
    return ds


# ---------------------------------------------------------------------- GTZAN
def _gtzan_lists() -> dict[str, str]:
    """"genre/genre.000NN" -> split, from the shipped fault-filtered lists."""
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


def _gtzan(root: Path, for_training: bool = True) -> Dataset | None:
    base = root / "genres" if (root / "genres").is_dir() else root
    folders = [d for d in sorted(base.iterdir()) if d.is_dir() and not d.name.startswith(".")]
    if not folders:
        return None
    files: list[tuple[str, Path]] = []
    for d in folders:
        audio = [f for f in sorted(d.iterdir()) if f.is_file() and is_audio(f)]
        for f in audio:
            m = _GTZAN_NAME.match(f.name)
            if not m or m.group(1) != d.name:
                return None  # not GTZAN naming: treat as a plain folder per genre
            files.append((d.name, f))
    if not files:
        return None
    lists = _gtzan_lists()
    ds = Dataset([], "gtzan", str(root))
    left_out = []
    for genre, f in files:
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
        fallback = _folders(root if base == root else base)
        fallback.kind = "gtzan"
        fallback.note("GTZAN file names, but too few match the shipped fault-filtered split "
                      "lists: splitting by track instead")
        return fallback
    ds.split_origin = "gtzan-fault-filtered"
    ds.note(
        "GTZAN layout: using the shipped fault-filtered split (Kereliuk et al. 2015 / Lee et al. 2017; "
        f"{have.get('train', 0)} train, {have.get('valid', 0)} valid, {have.get('test', 0)} test tracks, "
        "no artist on two sides)"
    )
    if left_out:
        ds.note(f"{len(left_out)} GTZAN file(s) are in none of the fault-filtered lists and are left out "
                f"(e.g. {', '.join(f.name for f in left_out[:3])})")
    return ds


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
        hint = f" ({len(loose)} audio file(s) lie directly in it: put them in one sub-folder per genre)" if loose else ""
        raise DatasetError(
            f"{root}: no audio files found in genre sub-folders{hint}; expected <root>/<genre>/<files>"
        )
    if loose:
        ds.note(f"{len(loose)} audio file(s) directly in {root} have no genre folder and are ignored")
    _fill_artists(ds)
    return ds


def artist_of(path: str) -> str | None:
    """The track's artist from its tags, else from an "Artist - Title" file name."""
    try:
        import mutagen

        audio = mutagen.File(path, easy=True)
        if audio is not None and audio.tags is not None:
            for key in ("albumartist", "artist"):
                vals = audio.tags.get(key) if hasattr(audio.tags, "get") else None
                if vals:
                    name = str(vals[0]).strip()
                    if name:
                        return name
    except Exception:  # noqa: BLE001 - WAV/AIFF refuse easy mode; unreadable tags: no artist
        pass
    try:  # ID3 in WAV/AIFF
        from mutagen import File as MFile

        audio = MFile(path)
        tags = getattr(audio, "tags", None)
        if tags is not None and hasattr(tags, "getall"):
            for frame in ("TPE2", "TPE1"):
                found = tags.getall(frame)
                if found and str(found[0]).strip():
                    return str(found[0]).strip()
    except Exception:  # noqa: BLE001
        pass
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
        name = (artists or {}).get(t.path) or artist_of(t.path)
        if name:
            t.group = "artist:" + norm_label(name) if norm_label(name) else "artist:" + name.casefold()
            known += 1
        else:
            t.group = f"track:{t.path}"
    if ds.tracks:
        ds.note(f"artist known for {known} of {len(ds.tracks)} tracks (tags or 'Artist - Title' names): "
                "tracks of one artist stay on one side of the split")


# ---------------------------------------------------------------------- CSV
def _csv(path: Path) -> Dataset:
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    rows = [r for r in csv.reader(text.splitlines(), dialect) if r and any(c.strip() for c in r)]
    if not rows:
        raise DatasetError(f"{path}: the CSV is empty (expected rows of path,label[,split])")
    cols = {"path": 0, "label": 1, "split": 2, "artist": None}
    head = [c.strip().lower() for c in rows[0]]
    if "path" in head or "label" in head or "file" in head:
        names = {"path": ("path", "file", "filename"), "label": ("label", "labels", "genre", "genres"),
                 "split": ("split", "set", "subset"), "artist": ("artist",)}
        cols = {k: next((head.index(a) for a in alts if a in head), None) for k, alts in names.items()}
        if cols["path"] is None or cols["label"] is None:
            raise DatasetError(f"{path}: the header needs 'path' and 'label' columns, found {rows[0]}")
        rows = rows[1:]
    base = path.resolve().parent
    ds = Dataset([], "csv", str(path))
    missing, bad_rows, artists = [], [], {}
    for n, row in enumerate(rows, start=1):
        def cell(key):
            i = cols[key]
            return row[i].strip() if i is not None and i < len(row) else ""

        raw, label_cell = cell("path"), cell("label")
        labels = [x.strip() for x in re.split(r"[;|]", label_cell) if x.strip()]
        if not raw or not labels:
            bad_rows.append(n)
            continue
        p = Path(raw).expanduser()
        p = (p if p.is_absolute() else base / p).resolve()
        if not p.is_file():
            missing.append(raw)
            continue
        split = cell("split").lower() or None
        if split is not None:
            if split not in _SPLIT_ALIASES:
                raise DatasetError(f"{path}: row {n}: unknown split {split!r} (use train, valid or test)")
            split = _SPLIT_ALIASES[split]
        ds.tracks.append(Track(str(p), labels, split))
        if cell("artist"):
            artists[str(p)] = cell("artist")
    if missing:
        shown = "\n  ".join(missing[:5])
        more = f"\n  ... and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise DatasetError(
            f"{path}: {len(missing)} of {len(rows)} listed file(s) do not exist "
            f"(relative paths are resolved against {base}):\n  {shown}{more}"
        )
    if bad_rows:
        ds.note(f"{len(bad_rows)} row(s) without a path or label ignored (rows {bad_rows[:5]})")
    given = sum(t.split is not None for t in ds.tracks)
    if given and given < len(ds.tracks):
        for t in ds.tracks:
            if t.split is None:
                t.split = "train"
        ds.note(f"{len(ds.tracks) - given} row(s) have no split and go to train")
    if given:
        ds.split_origin = "csv"
        ds.note("using the split column of the CSV")
    multi = sum(len(t.labels) > 1 for t in ds.tracks)
    if multi:
        ds.note(f"{multi} track(s) have several labels: single-label training uses the first one")
    _fill_artists(ds, artists)
    return ds


# ---------------------------------------------------------------------- database
def _database(path: Path) -> Dataset:
    try:
        from tagger.db import confirmed_tracks
    except ImportError as exc:
        raise DatasetError(f"{path}: reading a library database needs tagger.db ({exc})") from None
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
    missing = []
    for track_path, genres in confirmed_tracks(path):
        genres = [g for g in genres if g and g.strip()]
        if not genres:
            continue
        if not Path(track_path).is_file():
            missing.append(track_path)
            continue
        ds.tracks.append(Track(str(Path(track_path).resolve()), list(genres)))
    if missing:
        ds.note(f"{len(missing)} confirmed track(s) are no longer on disk and are skipped "
                f"(e.g. {', '.join(missing[:3])})")
    if not ds.tracks and not missing:
        raise DatasetError(
            f"{path}: the library has no tracks with confirmed genres yet: accept or correct "
            "some suggestions in the app first"
        )
    multi = sum(len(t.labels) > 1 for t in ds.tracks)
    if multi:
        ds.note(f"{multi} track(s) have several confirmed genres: single-label training uses the first one")
    _fill_artists(ds)
    return ds


# ---------------------------------------------------------------------- checks and splits
def check_classes(ds: Dataset) -> None:
    counts = Counter(t.label for t in ds.tracks)
    if len(counts) < 2:
        raise DatasetError(f"{ds.source}: need at least two classes to train, found {sorted(counts) or 'none'}")
    single = sorted(c for c, n in counts.items() if n < 2)
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


def assign_splits(ds: Dataset, *, seed: int = 0, valid_fraction: float = 0.15,
                  test_fraction: float = 0.15) -> None:
    """Give every track without a split one, stratified by class, one group (artist or
    track) per side. Classes with fewer than 3 artists are split by track instead."""
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
    by_track = sorted(c for c, g in groups_of.items()
                      if len(g) < 3 and sum(t.label == c for t in todo) >= 3
                      and any(x.startswith("artist:") for x in g))
    if by_track:
        for t in todo:
            if t.label in by_track:
                t.group = f"track:{t.path}"
        ds.note(f"class(es) {', '.join(by_track)} have fewer than 3 artists: split by track there "
                "(validation figures may be optimistic)")
    members = defaultdict(list)
    for t in todo:
        members[t.group].append(t)
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
    ds.note(f"split by {'artist or ' if any(g.startswith('artist:') for g in members) else ''}track "
            f"(seed {seed}, {valid_fraction:.0%} valid, {test_fraction:.0%} test per class)")
    if thin:
        ds.note(f"class(es) {', '.join(thin)} have too few tracks/artists for a test split")


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
