"""Backbone features for the few-shot head: per-patch outputs of a pretrained model.

For every track, the app's own patch plan (`tagger.analyze.plan_patch_starts`) and patch
extraction (`tagger.analyze.track_patches`) give `n` log-mel patches; the backbone (a
Genre Tagger model file with an `embedding_output`, e.g. the bundled MSD musicnn) turns
each patch into its tag scores (`output_name`, 50 sigmoid values) and its embedding
(`embedding_output`, 200 values). These are exactly the tensors the merged model file
computes inside its graph, so a head trained on them sees at analysis time what it saw
in training.

Results are cached on disk per (audio content, backbone graph, feature spec, patch
count): `tagger.fingerprint.content_id` ignores tags, so a file the app re-tagged, moved
or renamed is not recomputed.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from tagger.analyze import plan_patch_starts, track_patches
from tagger.decode import DecodeError, audio_info
from tagger.features import patch_seconds
from tagger.fingerprint import content_id
from tagger.model import Model
from tagger.modelfile import read_metadata
from trainer import featcache

CACHE_VERSION = 1


@dataclass
class TrackFeatures:
    starts: list[float]  # patch start times (s), the app's plan
    scores: np.ndarray  # [n, n_tags] backbone output (`output_name`)
    embeddings: np.ndarray  # [n, d] backbone `embedding_output`


def backbone_identity(path: str | Path) -> str:
    """Hash of the backbone's graph (not its metadata: a rewritten calibration or model
    card does not change what the graph computes) and of its feature spec."""
    # imported here: onnx takes a second to import, and `trainer --help` loads this module
    import onnx

    info = read_metadata(path)
    model = onnx.load(str(path))
    h = hashlib.blake2b(digest_size=12)
    h.update(model.graph.SerializeToString(deterministic=True))
    h.update(json.dumps(info.feature_spec, sort_keys=True).encode())
    h.update(f"{info.output_name}|{info.embedding_output}".encode())
    return h.hexdigest()


def audio_key(path: str | Path) -> str:
    """Content id of the audio payload (tags ignored); whole-file hash as a fallback."""
    try:
        return "c" + content_id(path)
    except Exception:  # noqa: BLE001 - unknown container: hash all bytes
        return "f" + featcache.file_key(path)


def default_cache_dir() -> Path:
    return featcache.default_cache_dir().parent / "head-embeddings"


class EmbeddingCache:
    """`<dir>/<backbone id>/<audio key>-p<n>.npz`; `dir=None`: no disk cache."""

    def __init__(self, cache_dir: str | Path | None, backbone_id: str):
        self.dir = None
        if cache_dir is not None:
            self.dir = Path(cache_dir).expanduser() / f"v{CACHE_VERSION}-{backbone_id}"
            self.dir.mkdir(parents=True, exist_ok=True)

    def _file(self, key: str, n_patches: int) -> Path | None:
        return None if self.dir is None else self.dir / f"{key}-p{n_patches}.npz"

    def lookup(self, key: str, n_patches: int) -> TrackFeatures | None:
        f = self._file(key, n_patches)
        if f is None or not f.exists():
            return None
        try:
            with np.load(f) as z:
                return TrackFeatures(
                    [float(s) for s in z["starts"]], z["scores"].astype(np.float32), z["embeddings"].astype(np.float32)
                )
        except (OSError, ValueError, KeyError):  # torn or foreign file: recompute
            f.unlink(missing_ok=True)
            return None

    def store(self, key: str, n_patches: int, feats: TrackFeatures) -> None:
        f = self._file(key, n_patches)
        if f is None:
            return
        tmp = f.with_name(f".{f.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, starts=np.asarray(feats.starts, np.float64), scores=feats.scores, embeddings=feats.embeddings)
        os.replace(tmp, f)


def track_features(model, path: str, n_patches: int) -> TrackFeatures:
    """Backbone outputs for the app's `n_patches` patches of one file (raises on bad audio)."""
    spec = model.spec
    duration = audio_info(path).duration
    if not duration or duration <= 0:
        raise ValueError("no audio (zero duration)")
    starts = plan_patch_starts(duration, patch_seconds(spec), n_patches)
    x = track_patches(path, spec, starts)
    if not np.all(np.isfinite(x)):
        raise ValueError("the audio gave non-finite features")
    scores, embeds = model.score_patches(x)
    if embeds is None:
        raise ValueError(f"the backbone {model.info.key} has no embedding output")
    if not (np.all(np.isfinite(scores)) and np.all(np.isfinite(embeds))):
        raise ValueError("the backbone produced non-finite outputs")
    return TrackFeatures(starts, scores, embeds)


# ---------------------------------------------------------------- worker processes
_WORKER_MODEL = None


def _worker_init(backbone: str, threads: int) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = Model(backbone, device="cpu", threads=threads)


def _work(job):
    path, n_patches = job
    try:
        return path, track_features(_WORKER_MODEL, path, n_patches), None
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        return path, None, _reason(exc)


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, DecodeError) else f"{exc.__class__.__name__}: {exc}"


def extract(
    paths: list[str],
    backbone: str | Path,
    n_patches: int,
    *,
    cache_dir: str | Path | None,
    workers: int = 1,
    progress: bool = True,
) -> tuple[dict[str, TrackFeatures], dict[str, str], int]:
    """Backbone features of `paths`. Returns ({path: features}, {path: reason} of the files
    that could not be read, number served from the cache)."""
    backbone = str(backbone)
    cache = EmbeddingCache(cache_dir, backbone_identity(backbone))
    out: dict[str, TrackFeatures] = {}
    failed: dict[str, str] = {}
    keys: dict[str, str] = {}
    todo: list[str] = []
    for p in paths:
        try:
            keys[p] = audio_key(p)
        except OSError as exc:
            failed[p] = f"cannot read file: {exc.strerror or exc}"
            continue
        hit = cache.lookup(keys[p], n_patches)
        if hit is not None:
            out[p] = hit
        else:
            todo.append(p)
    cached = len(out)
    if not todo:
        return out, failed, cached
    bar = tqdm(
        total=len(todo),
        desc=f"backbone features ({cached} cached)",
        unit="track",
        disable=not progress,
        file=sys.stderr,
    )

    def collect(path, feats, err):
        if err is not None:
            failed[path] = err
        else:
            out[path] = feats
            cache.store(keys[path], n_patches, feats)
        bar.update(1)

    workers = max(1, min(int(workers or 1), len(todo)))
    if workers > 1 and len(todo) >= 4:
        threads = max(1, (os.cpu_count() or 1) // workers)
        ctx = multiprocessing.get_context("spawn")  # no fork: safe with threads (and Qt)
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_worker_init, initargs=(backbone, threads)
        ) as pool:
            for res in pool.map(_work, [(p, n_patches) for p in todo], chunksize=1):
                collect(*res)
    else:
        model = Model(backbone, device="cpu", threads=os.cpu_count() or 1)
        for p in todo:
            try:
                collect(p, track_features(model, p, n_patches), None)
            except Exception as exc:  # noqa: BLE001
                collect(p, None, _reason(exc))
    bar.close()
    return out, failed, cached
