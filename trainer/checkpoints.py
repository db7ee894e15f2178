"""The checkpoint file of `trainer fit` (`MODEL.onnx.ckpt`, or `--checkpoint`): rewritten
after every epoch, read by `--resume`. It holds the training state (weights, optimizer,
scheduler, best epoch, history), the run's settings and its split, so that a resumed run
ends where an uninterrupted one would."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import torch

CKPT_FORMAT = "genre-tagger-trainer-checkpoint"
CKPT_VERSION = 1


def save_checkpoint(path: Path, training_state: dict, config: dict, splits: dict) -> None:
    """Write atomically: an interrupted write leaves the previous epoch's checkpoint."""
    state = {"format": CKPT_FORMAT, "version": CKPT_VERSION, **training_state, "config": config, "splits": splits}
    tmp = path.with_name(f".{path.name}.tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path: str | Path) -> dict:
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such checkpoint")
    try:
        with warnings.catch_warnings():  # torch warns about pickle protocols of foreign files
            warnings.simplefilter("ignore")
            ck = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - torch raises several kinds
        raise ValueError(f"{path}: not a trainer checkpoint or damaged ({_load_failure(exc)})") from None
    if not isinstance(ck, dict) or ck.get("format") != CKPT_FORMAT:
        raise ValueError(f"{path}: not a checkpoint written by `trainer fit`")
    if ck.get("version") != CKPT_VERSION:
        raise ValueError(f"{path}: checkpoint version {ck.get('version')} is not supported")
    return ck


def _load_failure(exc: Exception) -> str:
    """torch's reason in a few words, without its advice to load with weights_only=False
    (which would run whatever code the file holds)."""
    text = str(exc).split("WeightsUnpickler error:", 1)[-1]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.split(". ")[0].rstrip(".")
    if not first or "weights_only" in first:
        first = {"EOFError": "the file ends too early"}.get(type(exc).__name__, type(exc).__name__)
    return first
