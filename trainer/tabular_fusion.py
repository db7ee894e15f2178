"""`trainer fit --arch crnn --tabular COLUMNS`: a CRNN fused with track data.

As in the metal-subgenre CRNNs this follows: a small fully connected branch over the
track's tabular values, concatenated with the GRU's output before the classifier. The
values are standardised inside the network (mean and standard deviation of the training
tracks, stored as buffers), so the exported model takes them raw.

Columns come from one of two places:

- the fixed list the app can compute for any file (`tagger.tabular.COLUMNS`: duration,
  sample_rate, channels, bitrate, tempo, loudness), computed here with the app's own code;
- extra numeric columns of a CSV manifest, at training time only. A model that uses one
  of those cannot be run by the app (it has no such value for the user's files): it
  trains and its checkpoint is kept, but the export refuses it with a message that says so.
"""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path

import numpy as np
import torch
from torch import nn

from tagger.tabular import COLUMNS as APP_COLUMNS
from tagger.tabular import track_values, unknown_columns
from trainer.datasets import DatasetError, _csv_dialect, _csv_text, _resolve, norm_label
from trainer.featcache import file_key

TABULAR_INPUT = "tabular"
BRANCH_UNITS = 16


def parse_columns(value: str | None) -> list[str]:
    columns = [c.strip() for c in (value or "").split(",") if c.strip()]
    if len(set(columns)) != len(columns):
        raise ValueError(f"--tabular {value}: a column is named twice")
    return columns


def check_arch(args) -> None:
    """--tabular is a branch of the crnn: refuse it with any other --arch."""
    if getattr(args, "tabular", None) and args.arch != "crnn":
        raise ValueError(f"--tabular adds a branch to the crnn: use it with --arch crnn, not {args.arch}")


def export_refusal(columns) -> str | None:
    """Why a model with these columns cannot be exported (None: it can)."""
    bad = unknown_columns(columns)
    if not bad:
        return None
    return (
        f"the model uses tabular column(s) {', '.join(bad)}, which the app cannot compute for a file "
        f"(it computes only {', '.join(APP_COLUMNS)}): it would not run in the app, so it is not exported. "
        f"Train with --tabular {','.join(c for c in columns if c in APP_COLUMNS) or 'duration'} (or without "
        "--tabular); the checkpoint of this run is kept"
    )


class TabularCRNN(nn.Module):
    """CRNN (trainer.networks) + a dense branch over standardised tabular values."""

    def __init__(self, crnn: nn.Module, mean: np.ndarray, std: np.ndarray, n_classes: int):
        super().__init__()
        self.crnn = crnn
        self.register_buffer("mean", torch.tensor(np.asarray(mean, np.float32)))
        self.register_buffer("scale", torch.tensor(1.0 / np.maximum(np.asarray(std, np.float32), 1e-6)))
        self.branch = nn.Sequential(nn.Linear(len(mean), BRANCH_UNITS), nn.ReLU())
        self.fc = nn.Linear(crnn.fc.in_features + BRANCH_UNITS, n_classes)

    def forward(self, mel: torch.Tensor, tab: torch.Tensor) -> torch.Tensor:
        fused = torch.cat([self.crnn.embed(mel), self.branch((tab - self.mean) * self.scale)], dim=1)
        return self.fc(self.crnn.dropout(fused))


def _cached_values(path: str, columns: list[str], cache_dir: Path | None) -> np.ndarray:
    """The app-computable columns of one file (cached per file content; tempo costs a decode)."""
    target = None
    if cache_dir is not None:
        target = cache_dir / "tabular-v1" / f"{file_key(path)}.json"
        if target.exists():
            try:
                stored = json.loads(target.read_text())
                if all(c in stored for c in columns):
                    return np.asarray([stored[c] for c in columns], np.float32)
            except (OSError, ValueError):
                pass
    values = track_values(path, list(APP_COLUMNS))  # all of them: one decode serves every run
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dict(zip(APP_COLUMNS, map(float, values)))))
        os.replace(tmp, target)
    return np.asarray([values[APP_COLUMNS.index(c)] for c in columns], np.float32)


def _manifest_values(manifest: Path, columns: list[str]) -> dict[str, list[float]]:
    """{absolute path: values of `columns`} from a CSV manifest's extra columns."""
    text, _ = _csv_text(manifest)
    lines = text.splitlines()
    rows = list(csv.reader(lines, _csv_dialect(manifest, lines[0] if lines else "")))
    header = [norm_label(h) for h in rows[0]] if rows else []
    path_col = next((header.index(n) for n in ("path", "file", "filename", "filepath") if n in header), None)
    missing = [c for c in columns if norm_label(c) not in header]
    if path_col is None or missing:
        raise DatasetError(
            f"{manifest}: --tabular column(s) {', '.join(missing) or columns} are neither computed by the app "
            f"({', '.join(APP_COLUMNS)}) nor columns of this CSV"
        )
    cols = [header.index(norm_label(c)) for c in columns]
    out = {}
    for n, row in enumerate(rows[1:], start=2):
        if not row or not row[path_col].strip():
            continue
        try:
            values = [float(row[i]) for i in cols]
        except (ValueError, IndexError):
            raise DatasetError(f"{manifest}: line {n} has no number in a --tabular column") from None
        if not all(math.isfinite(v) for v in values):
            raise DatasetError(f"{manifest}: line {n} has a non-finite --tabular value")
        out[str(_resolve(row[path_col].strip(), manifest.parent))] = values
    return out


def track_table(tracks, columns: list[str], data: str, cache_dir: Path | None) -> dict[str, np.ndarray]:
    """{track path: float32 [len(columns)]} for every track."""
    extra = [c for c in columns if c not in APP_COLUMNS]
    from_csv: dict[str, list[float]] = {}
    if extra:
        manifest = Path(data).expanduser()
        if manifest.suffix.lower() not in (".csv", ".tsv", ".txt") or not manifest.is_file():
            raise DatasetError(
                f"--tabular column(s) {', '.join(extra)} are not computed by the app "
                f"({', '.join(APP_COLUMNS)}); such columns can only come from a CSV manifest"
            )
        from_csv = _manifest_values(manifest.resolve(), extra)
    app = [c for c in columns if c in APP_COLUMNS]
    out = {}
    for t in tracks:
        computed = dict(zip(app, _cached_values(t.path, app, cache_dir))) if app else {}
        if extra and t.path not in from_csv:
            raise DatasetError(f"{data}: no --tabular values for {t.path}")
        given = dict(zip(extra, from_csv.get(t.path, [])))
        out[t.path] = np.asarray([computed[c] if c in computed else given[c] for c in columns], np.float32)
    return out
