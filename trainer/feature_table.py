"""The data of `trainer fit --arch mlp`: rows of the 57 GTZAN table columns, with the
track, genre and split of each row.

Two sources:

- a feature table: the published GTZAN table (`features_30_sec.csv`) or any CSV with
  its 57 columns (`tagger.gtzan57.COLUMNS`, any order, extra columns ignored) and a
  label column. When its file names are GTZAN's (`blues.00000.wav`), the fault-filtered
  split shipped in `trainer/splits/` is used (rows in no list are left out); else a
  `split` column; else a split per class as for audio (by artist when an `artist`
  column is there).
- audio (any `--data` that `trainer.datasets` reads): the same 57 columns computed by the
  app's own code (`tagger.analyze.track_patches` with the `gtzan-57` spec) for each
  30-second window the app would score, one row per window, cached on disk per file
  content.
"""

from __future__ import annotations

import csv
import math
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from tagger.analyze import plan_patch_starts, track_patches
from tagger.decode import audio_info
from tagger.features import GTZAN57_SPEC, patch_seconds
from tagger.gtzan57 import COLUMNS
from trainer.datasets import (
    _GTZAN_NAME,
    CSV_COLUMNS,
    GTZAN_GENRES,
    Dataset,
    DatasetError,
    Track,
    _gtzan_lists,
    assign_splits,
    check_classes,
    check_splits,
    norm_label,
)
from trainer.featcache import file_key, quiet_worker, spec_key

CACHE_VERSION = 1


@dataclass
class Table:
    """Rows [n, 57] and the track each row belongs to (several windows of one audio track)."""

    x: np.ndarray  # float64 [rows, 57]
    owner: np.ndarray  # int64 [rows]: index into ds.tracks
    ds: Dataset

    def rows_of(self, split: str) -> np.ndarray:
        wanted = np.array([t.split == split for t in self.ds.tracks], bool)
        return np.flatnonzero(wanted[self.owner]) if len(self.owner) else np.zeros(0, np.int64)


def _column(header: list[str], role: str) -> int | None:
    wanted = {norm_label(n) for n in CSV_COLUMNS[role]}
    return next((i for i, h in enumerate(header) if norm_label(h) in wanted), None)


def read_table(path: str | Path, *, seed: int = 0, valid_fraction: float = 0.15, test_fraction: float = 0.15) -> Table:
    """A feature table with a split for every row it keeps (see the module docstring)."""
    path = Path(path).expanduser().resolve()
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
    index = {norm_label(h): i for i, h in enumerate(header)}
    feature_cols = [index[norm_label(c)] for c in COLUMNS]
    label_col, name_col = _column(header, "label"), _column(header, "path")
    split_col, artist_col = _column(header, "split"), _column(header, "artist")
    if label_col is None:
        raise DatasetError(f"{path}: the feature table has no label column ({', '.join(CSV_COLUMNS['label'])})")
    x, tracks = [], []
    for n, row in enumerate(body, start=2):
        try:
            values = [float(row[i]) for i in feature_cols]
        except (ValueError, IndexError):
            raise DatasetError(f"{path}: line {n} has a missing or non-numeric feature value") from None
        if not all(math.isfinite(v) for v in values):
            raise DatasetError(f"{path}: line {n} has a non-finite feature value")
        label = row[label_col].strip() if label_col < len(row) else ""
        if not label:
            raise DatasetError(f"{path}: line {n} has no label")
        name = row[name_col].strip() if name_col is not None and name_col < len(row) else f"line {n}"
        t = Track(path=name, labels=[label])
        if artist_col is not None and artist_col < len(row) and row[artist_col].strip():
            t.group = f"artist:{norm_label(row[artist_col])}"
        if split_col is not None and split_col < len(row) and row[split_col].strip():
            t.split = {"val": "valid", "validation": "valid"}.get(
                row[split_col].strip().lower(), row[split_col].strip().lower()
            )
        tracks.append(t)
        x.append(values)
    ds = Dataset(tracks=tracks, kind="table", source=str(path))
    keep = _gtzan_split(ds) if name_col is not None else None
    if keep is not None:
        x = [v for v, k in zip(x, keep) if k]
    elif any(t.split for t in tracks):
        ds.split_origin = "csv"
        for t in tracks:
            t.split = t.split or "train"
        ds.note("split from the table's split column (rows without one train)")
    else:
        assign_splits(ds, seed=seed, valid_fraction=valid_fraction, test_fraction=test_fraction)
    check_classes(ds)
    check_splits(ds)
    return Table(np.asarray(x, np.float64), np.arange(len(ds.tracks), dtype=np.int64), ds)


def is_gtzan(ds: Dataset) -> bool:
    return ds.split_origin == "gtzan-fault-filtered"


def _gtzan_split(ds: Dataset) -> list[bool] | None:
    """Give rows named like GTZAN's files their fault-filtered split; None when the names
    are not GTZAN's. Returns which rows are kept (those in a list)."""
    keys = []
    for t in ds.tracks:
        m = _GTZAN_NAME.match(Path(t.path).name)
        keys.append(f"{m.group(1)}/{m.group(1)}.{m.group(2)}" if m and m.group(1) in GTZAN_GENRES else None)
    if sum(k is not None for k in keys) <= len(keys) / 2:
        return None
    lists = _gtzan_lists()
    keep = [k is not None and k in lists for k in keys]
    for t, k, kept in zip(ds.tracks, keys, keep):
        if kept:
            t.split, t.group = lists[k], f"track:{k}"
    left_out = len(keep) - sum(keep)
    ds.tracks = [t for t, kept in zip(ds.tracks, keep) if kept]
    ds.split_origin = "gtzan-fault-filtered"
    ds.note(
        "GTZAN file names: the fault-filtered split (Kereliuk et al. 2015; no artist on two sides) "
        f"from trainer/splits; {left_out} row(s) in no list left out"
    )
    return keep


# ------------------------------------------------------------------ from audio
def _cache_file(cache_dir: Path | None, key: str, n_windows: int, spec) -> Path | None:
    if cache_dir is None:
        return None
    folder = Path(cache_dir).expanduser() / f"gtzan57-{spec_key(spec, None)}-v{CACHE_VERSION}"
    return folder / f"{key}-{n_windows}.npy"


def _windows(path: str, spec, n_windows: int) -> np.ndarray:
    """The app's analysis windows of one file and their 57 columns [n, 57]."""
    starts = plan_patch_starts(audio_info(path).duration, patch_seconds(spec), n_windows)
    return track_patches(path, spec, starts).astype(np.float64)


def _work(job):
    path, spec, n_windows, target = job
    try:
        rows = _windows(path, spec, n_windows)
    except Exception as exc:  # noqa: BLE001 - any decoder failure: report and skip the file
        return path, None, f"{exc.__class__.__name__}: {exc}"
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp.npy")
        np.save(tmp, rows)
        os.replace(tmp, target)
    return path, rows, None


def audio_table(
    ds: Dataset,
    *,
    n_windows: int,
    cache_dir: Path | None,
    workers: int = 0,
    progress: bool = True,
    spec=GTZAN57_SPEC,
) -> tuple[Table, dict[str, str]]:
    """The 57 columns of every track's analysis windows. Returns (table, {path: why} of
    the files that could not be read; those tracks are not in the table)."""
    found: dict[str, np.ndarray] = {}
    failed: dict[str, str] = {}
    jobs = []
    for t in ds.tracks:
        try:
            target = _cache_file(cache_dir, file_key(t.path), n_windows, spec)
        except OSError as exc:
            failed[t.path] = f"cannot read file: {exc}"
            continue
        if target is not None and target.exists():
            try:
                found[t.path] = np.load(target)
                continue
            except (OSError, ValueError):  # a torn write: recompute
                target.unlink(missing_ok=True)
        jobs.append((t.path, spec, n_windows, target))
    bar = tqdm(total=len(jobs), desc="gtzan-57 features", unit="track", disable=not progress, file=sys.stderr)
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=quiet_worker) as pool:
            results = list(pool.map(_work, jobs))
    else:
        results = [_work(j) for j in jobs]
    for path, rows, err in results:
        bar.update(1)
        if err is not None:
            failed[path] = err
        else:
            found[path] = rows
    bar.close()
    tracks = [t for t in ds.tracks if t.path in found]
    x = [found[t.path] for t in tracks]
    owner = [np.full(len(r), i, np.int64) for i, r in enumerate(x)]
    ds.tracks = tracks
    if not tracks:
        raise DatasetError(f"{ds.source}: none of the {len(failed)} audio files could be read")
    return Table(np.concatenate(x), np.concatenate(owner), ds), failed
