"""Log-mel features for training, computed once and kept on disk.

Each track's log-mel (the shared `tagger.features.logmel`, so training sees what the app
computes) is stored as `<cache>/<spec key>/<content key>.npy`:

- the spec key hashes the FeatureSpec, the clip length and the cache format version, so
  changing any feature parameter starts a new sub-folder;
- the content key hashes the file's bytes, so renaming or moving files keeps their
  features, and editing a file recomputes them.

Arrays are read back memory-mapped: a GTZAN-sized cache (about 0.6 GB) is not loaded
into RAM. Long tracks are cut to their middle `clip_seconds` (GTZAN clips are 30 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import platformdirs
from tqdm import tqdm

from tagger.decode import audio_info, load_mono
from tagger.features import logmel

CACHE_VERSION = 1
DEFAULT_CLIP_SECONDS = 60.0


def default_cache_dir() -> Path:
    override = os.environ.get("GENRE_TAGGER_TRAINER_CACHE")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("genre-tagger", appauthor=False)) / "trainer-features"


def file_key(path: str | Path) -> str:
    """Hash of the file's bytes (blake2b, 128 bits)."""
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


DIGEST_CHARS = 12  # of file_key: 48 bits, enough to tell a copy of a training track


def trained_on(paths) -> list[str]:
    """Short content digests of the files a model learnt from (recorded in its
    evaluation.training_split), so that `trainer evaluate --update-model` can refuse
    figures measured on copies of them, whatever their names or folders. Files that
    cannot be read are left out."""
    found = set()
    for p in paths:
        try:
            found.add(file_key(p)[:DIGEST_CHARS])
        except OSError:
            continue
    return sorted(found)


def spec_key(spec, clip_seconds: float | None) -> str:
    payload = json.dumps({"spec": spec.to_dict(), "clip": clip_seconds or 0, "v": CACHE_VERSION}, sort_keys=True)
    return hashlib.blake2b(payload.encode(), digest_size=8).hexdigest()


def load_audio(path: str | Path, spec, clip_seconds: float | None = DEFAULT_CLIP_SECONDS) -> np.ndarray:
    """Mono float32 at `spec.sample_rate`: the middle `clip_seconds` of the file (all of it
    when shorter or when clip_seconds is falsy), resampled with the spec's resampler."""
    offset, duration = 0.0, None
    if clip_seconds:
        total = audio_info(path).duration
        if total > clip_seconds:
            offset, duration = (total - clip_seconds) / 2.0, float(clip_seconds)
    y, sr = load_mono(path, sr=spec.sample_rate, offset=offset, duration=duration, resampler=spec.resampler)
    return np.ascontiguousarray(y, dtype=np.float32)


def compute_logmel(path: str | Path, spec, clip_seconds: float | None = DEFAULT_CLIP_SECONDS) -> np.ndarray:
    """float32 [frames, n_mels], at least `spec.patch_frames` frames (short audio is padded
    with silence the way the app pads the end of a file)."""
    y = load_audio(path, spec, clip_seconds)
    if y.size == 0 or not np.isfinite(y).all():
        raise ValueError("no usable audio (empty or not finite)")
    need = spec.patch_frames * spec.hop_length + spec.n_fft
    if y.shape[0] < need:
        y = np.pad(y, (0, need - y.shape[0]))
    mel = np.asarray(logmel(y, spec), dtype=np.float32)
    if mel.shape[0] < spec.patch_frames:  # non-centred STFT can still come out short
        pad = np.full((spec.patch_frames - mel.shape[0], mel.shape[1]), mel.min(), np.float32)
        mel = np.concatenate([mel, pad])
    return mel


class FeatureCache:
    """Disk cache of log-mels; `dir=None` keeps them in memory only."""

    def __init__(self, cache_dir: str | Path | None, spec, clip_seconds: float | None = DEFAULT_CLIP_SECONDS):
        self.spec = spec
        self.clip_seconds = clip_seconds
        self.dir = None
        if cache_dir is not None:
            self.dir = Path(cache_dir).expanduser() / spec_key(spec, clip_seconds)
            self.dir.mkdir(parents=True, exist_ok=True)
            info = self.dir / "spec.json"
            if not info.exists():
                info.write_text(
                    json.dumps(
                        {"feature_spec": spec.to_dict(), "clip_seconds": clip_seconds, "cache_version": CACHE_VERSION},
                        indent=1,
                        sort_keys=True,
                    )
                )
        self._memory: dict[str, np.ndarray] = {}

    def path_for(self, key: str) -> Path | None:
        return None if self.dir is None else self.dir / f"{key}.npy"

    def lookup(self, key: str) -> np.ndarray | None:
        if key in self._memory:
            return self._memory[key]
        p = self.path_for(key)
        if p is not None and p.exists():
            try:
                return np.load(p, mmap_mode="r")
            except (OSError, ValueError):  # a torn write: recompute
                p.unlink(missing_ok=True)
        return None

    def store(self, key: str, mel: np.ndarray) -> np.ndarray:
        p = self.path_for(key)
        if p is None:
            self._memory[key] = mel
            return mel
        tmp = p.with_name(f".{p.stem}.{os.getpid()}.tmp.npy")
        np.save(tmp, mel)
        os.replace(tmp, p)
        return np.load(p, mmap_mode="r")


def _work(args):
    path, key, spec, clip = args
    try:
        mel = compute_logmel(path, spec, clip)
    except Exception as exc:  # noqa: BLE001 - any decoder failure: report and skip the file
        return path, key, None, f"{exc.__class__.__name__}: {exc}"
    return path, key, mel, None


def features_for(
    paths: list[str], cache: FeatureCache, *, workers: int = 0, progress: bool = True, desc: str = "features"
) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Log-mels of `paths` (from the cache, computing the missing ones, in `workers`
    processes when > 1). Returns ({path: mel}, {path: reason} for files that failed)."""
    mels: dict[str, np.ndarray] = {}
    failed: dict[str, str] = {}
    todo = []
    for p in paths:
        try:
            key = file_key(p)
        except OSError as exc:
            failed[p] = f"cannot read file: {exc}"
            continue
        hit = cache.lookup(key)
        if hit is not None:
            mels[p] = hit
        else:
            todo.append((p, key))
    if todo:
        bar = tqdm(
            total=len(todo),
            desc=f"{desc} ({len(paths) - len(todo) - len(failed)} cached)",
            unit="track",
            disable=not progress,
            file=sys.stderr,
        )
        jobs = [(p, key, cache.spec, cache.clip_seconds) for p, key in todo]
        if workers and workers > 1 and len(todo) > 1:
            pool = ProcessPoolExecutor(max_workers=workers, initializer=quiet_worker)
            try:
                for res in pool.map(_work, jobs, chunksize=4):
                    _collect(res, cache, mels, failed)
                    bar.update(1)
            except BaseException:  # Ctrl+C, SIGTERM: the files not started are dropped, not decoded first
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            pool.shutdown()
        else:
            for job in jobs:
                _collect(_work(job), cache, mels, failed)
                bar.update(1)
        bar.close()
    return mels, failed


def quiet_worker() -> None:
    """A feature worker leaves Ctrl+C, SIGTERM and SIGHUP to the trainer (a stop sent to
    the whole process group, as a terminal's Ctrl+C or a service manager's is, reached
    forked workers with the trainer's own handler, and each printed a traceback); the
    trainer stops the pool itself."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def _collect(res, cache, mels, failed):
    path, key, mel, err = res
    if err is not None:
        failed[path] = err
    else:
        mels[path] = cache.store(key, mel)
