"""Audio decoding: any supported format -> mono float32, only the windows asked for.

Two back ends:
- libsndfile (via soundfile) for WAV/AIFF/FLAC/Ogg Vorbis/MP3: fastest here for those
  and seeks sample-accurately;
- PyAV (FFmpeg) for everything else (M4A/AAC/ALAC, Opus, WMA, APE, WavPack) and as the
  fallback when libsndfile refuses a file.

Both average the channels themselves: FFmpeg's own downmix is (L+R)/sqrt(2), 3 dB
louder than the mean the models were trained on. Resampling is not done here: the
feature spec names its resampler (see `tagger.resample`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

SOUNDFILE_FORMATS = {"wav", "aiff", "flac", "ogg", "mp3"}


class DecodeError(Exception):
    """The file could not be decoded; the message says why."""


@dataclass(frozen=True)
class AudioInfo:
    sample_rate: int
    channels: int
    duration: float  # seconds


def _format_of(path: Path) -> str:
    from tagger.formats import AUDIO_EXTENSIONS

    return AUDIO_EXTENSIONS.get(path.suffix.lower(), "")


def _use_soundfile(path: Path) -> bool:
    return _format_of(path) in SOUNDFILE_FORMATS


# ---------------------------------------------------------------- soundfile route
def _sf_windows(path: Path, windows):
    import soundfile as sf

    out = []
    with sf.SoundFile(str(path)) as f:
        sr = f.samplerate
        total = f.frames
        for start, duration in windows:
            first = max(0, int(round(start * sr)))
            count = total - first if duration is None else int(round(duration * sr))
            if first >= total or count <= 0:
                out.append(np.zeros(0, np.float32))
                continue
            f.seek(first)
            data = f.read(min(count, total - first), dtype="float32", always_2d=True)
            out.append(data.mean(axis=1, dtype=np.float32))
    return out, sr


def _sf_info(path: Path) -> AudioInfo:
    import soundfile as sf

    info = sf.info(str(path))
    return AudioInfo(info.samplerate, info.channels, info.frames / info.samplerate)


# ---------------------------------------------------------------- PyAV route
def _av_open(path: Path):
    import av

    container = av.open(str(path), metadata_errors="ignore")
    if not container.streams.audio:
        container.close()
        raise DecodeError("no audio stream in the file")
    return container, container.streams.audio[0]


def _av_info(path: Path) -> AudioInfo:
    container, stream = _av_open(path)
    try:
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        else:
            duration = 0.0
        return AudioInfo(stream.rate, stream.channels, duration)
    finally:
        container.close()


def _frame_to_mono(frame) -> np.ndarray:
    data = frame.to_ndarray()
    if frame.format.is_planar:  # (channels, samples)
        data = data.astype(np.float32, copy=False)
    else:  # packed: (1, samples * channels)
        data = data.reshape(-1, len(frame.layout.channels)).T.astype(np.float32, copy=False)
    if frame.format.name.startswith(("s16", "s32", "u8")):
        scale = {"s16": 32768.0, "s32": 2147483648.0, "u8": 128.0}[frame.format.name[:3]]
        data = data / scale if not frame.format.name.startswith("u8") else data / scale - 1.0
    return data.mean(axis=0, dtype=np.float32)


def _av_windows(path: Path, windows):
    import av

    container, stream = _av_open(path)
    try:
        sr = stream.rate
        tb = stream.time_base
        # After a seek MP3 timestamps include the encoder delay (stream.start_time).
        origin = stream.start_time or 0
        out = []
        for start, duration in windows:
            want = None if duration is None else int(round(duration * sr))
            first = int(round(start * sr))
            if start > 0:
                container.seek(int(start / tb) + origin, stream=stream, backward=True, any_frame=False)
            pieces, have, frame_pos = [], 0, None
            for frame in container.decode(stream):
                if frame.pts is None:
                    pos = frame_pos if frame_pos is not None else 0
                else:
                    pos = int(round(float((frame.pts - origin) * tb) * sr))
                mono = _frame_to_mono(frame)
                frame_pos = pos + mono.shape[0]
                if frame_pos <= first:
                    continue
                if pos < first:
                    mono = mono[first - pos:]
                pieces.append(mono)
                have += mono.shape[0]
                if want is not None and have >= want:
                    break
            audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
            out.append(audio[:want] if want is not None else audio)
        return out, sr
    except av.error.FFmpegError as exc:
        raise DecodeError(f"cannot decode audio: {exc}") from None
    finally:
        container.close()


# ---------------------------------------------------------------- public API
def audio_info(path: str | Path) -> AudioInfo:
    path = Path(path)
    if _use_soundfile(path):
        try:
            return _sf_info(path)
        except Exception:  # noqa: BLE001 - fall back to FFmpeg, which reads more
            pass
    try:
        return _av_info(path)
    except DecodeError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise DecodeError(f"cannot read audio: {exc}") from None


def read_windows(path: str | Path, windows) -> tuple[list[np.ndarray], int]:
    """Decode `windows` = [(start_s, duration_s or None), ...] -> (mono float32 arrays, rate).

    Arrays may be shorter than asked at the end of the file."""
    path = Path(path)
    if not path.exists():
        raise DecodeError("file not found")
    windows = list(windows)
    if _use_soundfile(path):
        try:
            return _sf_windows(path, windows)
        except Exception:  # noqa: BLE001 - libsndfile refused: FFmpeg reads more
            pass
    try:
        result, sr = _av_windows(path, windows)
    except DecodeError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise DecodeError(f"cannot decode audio: {exc}") from None
    if not any(len(w) for w in result):
        raise DecodeError("no audio could be decoded")
    return result, sr


def load_mono(path: str | Path, sr: int | None = None, offset: float = 0.0,
              duration: float | None = None, resampler: str = "soxr_hq") -> tuple[np.ndarray, int]:
    """Decode one stretch of a file as mono float32, optionally resampled to `sr`."""
    (audio,), native = read_windows(path, [(offset, duration)])
    if sr is not None and sr != native:
        from tagger.resample import resample

        audio = resample(audio, native, sr, resampler)
        return audio, sr
    return audio, native
