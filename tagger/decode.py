"""Audio decoding: any supported format -> mono float32, only the windows asked for.

Two back ends, chosen by the format's entry in ``tagger.formats`` (``decoder``):
- libsndfile (via soundfile) for WAV/AIFF/FLAC/MP3 and Sun .au: fastest here for those
  and seeks sample-accurately (MP3 with a 0.5 s pre-roll: a few seek sequences
  otherwise got the first ~30 ms wrong);
- PyAV (FFmpeg) for everything else (Ogg Vorbis, M4A/AAC/ALAC, Opus, Speex, WMA, APE,
  WavPack, Musepack, TTA, TAK, DSD) and as the fallback when libsndfile refuses a file.
  Ogg Vorbis left libsndfile (1.2.2): a seek into the last Ogg page lands 448 samples
  off, and some other seeks got up to 17 ms wrong.

Timeline: sample 0 is the first sample a decode of the whole file from its start gives;
a window (start, duration) is that decode's samples [start*sr, (start+duration)*sr),
however it was reached (see `_AvTimeline`). FFmpeg already removes the encoder delay it
knows of (MP3 LAME delay, AAC priming via the MP4 edit list, Opus pre-skip: measured 0
lag against the source PCM for all of them); the MP4 edit list's end is applied here.
FFmpeg's WMA (wmav2) decoder outputs nothing for the first packets, so a WMA decode
starts one frame (2048 samples, 46 ms at 44.1 kHz) into the music and is 12 ms short:
a constant offset, harmless for analysis.

Both average the channels themselves: FFmpeg's own downmix is (L+R)/sqrt(2), 3 dB
louder than the mean the models were trained on. Resampling is not done here: the
feature spec names its resampler (see `tagger.resample`).

`stream_pcm` is the same timeline for listening: interleaved PCM in a sound device's
format (`PcmFormat`) from a position to the end, reached like a window (the same
opener, seek and anchor, one pass from 0 for formats that can't seek, the MP4 end), so
the preview player starts where the analysis listened.
"""

from __future__ import annotations

import errno
import itertools
import math
import os
import stat
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from tagger import formats
from tagger.formats.base import PERMISSION_DENIED, not_a_regular_file, parse_problem
from tagger.formats.payload import STREAM
from tagger.not_audio import HEAD_BYTES, what_it_is
from tagger.resample import resample

# PyAV (~80 ms) and soundfile (~150 ms with cffi) are imported in the functions that use
# them: start-up time of the commands (and the GUI) that never decode.


class DecodeError(Exception):
    """The file could not be decoded; the message says why."""


class NotAudioError(DecodeError):
    """The file holds no real audio (another kind of file named like audio, or a stream
    that decodes to almost nothing): an unreadable track, not only a failed analysis."""


# one wording for "nothing to decode" whichever back end and format noticed it
EMPTY_FILE = "empty file (0 bytes)"
NO_AUDIO = "empty or truncated file (no audio frames)"


@dataclass(frozen=True)
class AudioInfo:
    sample_rate: int
    channels: int
    duration: float  # seconds


@dataclass(frozen=True)
class PcmFormat:
    """Interleaved PCM as a sound device takes it (what `stream_pcm` yields)."""

    rate: int
    channels: int  # 1 or 2
    sample: str = "s16"  # FFmpeg's packed sample format: "s16" or "flt"

    @property
    def bytes_per_frame(self) -> int:
        return self.channels * (2 if self.sample == "s16" else 4)

    @property
    def bytes_per_second(self) -> int:
        return self.rate * self.bytes_per_frame

    def seconds(self, nbytes: int) -> float:
        return nbytes / self.bytes_per_second

    def bytes_at(self, seconds: float) -> int:
        """Byte offset of `seconds` into a stream, on a frame boundary."""
        return max(0, int(round(seconds * self.rate))) * self.bytes_per_frame


def _use_soundfile(path: Path) -> bool:
    """The format's registry entry chooses libsndfile (then PyAV if it refuses)."""
    fmt = formats.format_for_extension(path)
    return fmt is not None and fmt.decoder == "soundfile"


def _seekable(path: Path) -> bool:
    fmt = formats.format_for_extension(path)
    return fmt is None or fmt.seekable


def _is_stream(path: Path) -> bool:
    """A format without a container (MP3, ADTS AAC, ...): its file can be a tag alone."""
    fmt = formats.format_for_extension(path)
    return fmt is not None and fmt.container is STREAM


# Decoders that overlap frames (MDCT codecs: MP3, AAC, Vorbis, Opus, WMA) need a few
# frames before the first correct sample; so does Ogg's page-granular seeking. A seek
# lands this far before the window, and everything decoded before the window is dropped.
PREROLL_S = 0.5
# ASF (WMA) timestamps are in whole milliseconds; its seek index is coarse too.
PREROLL_S_ASF = 1.0


# ---------------------------------------------------------------- soundfile route
class _QuietCStderr:
    """libmpg123 (inside libsndfile) prints warnings such as "Xing stream size off by
    more than 1%" straight to the process's stderr, naming no file; what matters reaches
    the user in the decode's own result. So the C-level stderr (fd 2) goes to the null
    device while libsndfile works. Counted, under a lock: two threads decoding at once
    (the app's player and spectrogram) must not leave fd 2 pointing at the null device."""

    def __init__(self):
        self._lock = threading.Lock()
        self._depth = 0
        self._saved = -1

    def __enter__(self):
        with self._lock:
            if self._depth == 0:
                try:
                    saved = os.dup(2)
                    null = os.open(os.devnull, os.O_WRONLY)
                except OSError:  # no stderr at all (a GUI launched without one): nothing to hide
                    saved = -1
                else:
                    os.dup2(null, 2)
                    os.close(null)
                self._saved = saved
            self._depth += 1

    def __exit__(self, *exc):
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._saved >= 0:
                os.dup2(self._saved, 2)
                os.close(self._saved)
                self._saved = -1


_quiet_c_stderr = _QuietCStderr()


def _sf_name(path: Path) -> str | bytes:
    """What soundfile opens: the name's bytes on POSIX, so a file name that is not UTF-8
    opens too (soundfile encodes a str strictly and fails on it)."""
    return str(path) if os.name == "nt" else os.fsencode(path)


def _sf_windows(path: Path, windows):
    import soundfile as sf

    out = []
    with _quiet_c_stderr, sf.SoundFile(_sf_name(path)) as f:
        sr = f.samplerate
        lossy = f.format in ("OGG", "MP3", "MPEG") or f.subtype in ("VORBIS", "OPUS", "MPEG_LAYER_III")
        total = f.frames
        if total <= 0:
            # no frames by the header: let FFmpeg try, it reads the data of a WAV whose
            # header says 0 bytes (as some streaming recorders leave it)
            raise DecodeError(NO_AUDIO)
        for start, duration in windows:
            first = max(0, int(round(start * sr)))
            count = total - first if duration is None else int(round(duration * sr))
            if first >= total or count <= 0:
                out.append(np.zeros(0, np.float32))
                continue
            # lossy codecs: start decoding a little earlier and drop it (libsndfile 1.2.2
            # got the first 2-30 ms after some MP3 / Vorbis seeks wrong)
            lead = min(first, int(PREROLL_S * sr)) if lossy else 0
            f.seek(first - lead)
            data = f.read(lead + min(count, total - first), dtype="float32", always_2d=True)
            out.append(data[lead:].mean(axis=1, dtype=np.float32))
    return out, sr


def _sf_info(path: Path) -> AudioInfo:
    import soundfile as sf

    with _quiet_c_stderr:
        info = sf.info(_sf_name(path))
    return AudioInfo(info.samplerate, info.channels, info.frames / info.samplerate)


# ---------------------------------------------------------------- PyAV route
def _av_open(path: Path):
    import av

    container = av.open(str(path), metadata_errors="ignore")
    if not container.streams.audio:
        container.close()
        raise DecodeError("no audio stream in the file")
    stream = container.streams.audio[0]
    if not stream.rate:
        # FFmpeg's FLAC demuxer "opens" an empty or garbled .flac with a 0 Hz stream
        container.close()
        raise DecodeError(f"{NO_AUDIO}: no sample rate; not an audio file?")
    return container, stream


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


class _AvTimeline:
    """One open PyAV container and the decode timeline of the file.

    Sample 0 of the timeline is the first sample a decode from the beginning of the file
    outputs (FFmpeg already drops encoder delay / priming it knows of: MP3 LAME delay,
    AAC edit-list priming, Opus pre-skip). A window is reached by seeking PREROLL_S
    before it (from a freshly opened container), mapping one anchor frame's pts onto
    the timeline -- relative to the pts of the first frame of a decode from 0, which is
    `stream.start_time` (the encoder delay) for MP3 and two packets in for WMA -- and
    then *counting* decoded samples: other frames' pts are not trusted (ASF gives
    millisecond pts shared by the frames of a packet, APE gives none). Everything before
    the window is dropped. A seek that can't be anchored before the window falls back
    to decoding from 0.

    `skip_damaged`: a packet the decoder rejects is skipped, as players do (listening
    goes on past a damaged spot); the analysis (False) reports the file as corrupt.
    """

    def __init__(self, path: Path, skip_damaged: bool = False):
        self.path = path
        self.skip_damaged = skip_damaged
        self.container, self.stream = _av_open(path)
        self.fresh = True  # nothing read yet: a decode from 0 needs no seek
        self.used = False  # read beyond the first frame (the origin probe) or seeked
        self.sr = self.stream.rate
        self.tb = self.stream.time_base
        self.is_asf = "asf" in self.container.format.name
        # millisecond (or coarser) time bases can't place a frame to the sample
        self.coarse = self.tb is None or self.tb > Fraction(1, self.sr)
        self._origin = None  # pts of the first frame of a decode from 0
        self._first_samples = 0
        self.frames_decoded = 0
        self.decodes_tried = 0
        self.end = None  # timeline length in samples, when the container knows it exactly
        if "mp4" in self.container.format.name and self.stream.duration is not None and self.tb is not None:
            # MP4/M4A: the edit list gives the exact media length; FFmpeg trims the AAC
            # priming at the start but not the encoder's padding of the last frame.
            self.end = int(round(self.stream.duration * self.tb * self.sr))

    def close(self):
        self.container.close()

    def reopen(self):
        self.container.close()
        self.container, self.stream = _av_open(self.path)
        self.fresh = True
        self.used = False

    def _decode(self):
        if not self.skip_damaged:
            return self.container.decode(self.stream)
        return self._decode_skipping(self.container, self.stream)

    @staticmethod
    def _decode_skipping(container, stream):
        import av  # (not at the top: start-up time, see the imports)

        for packet in container.demux(stream):  # ends with the decoder's flush packet
            try:
                yield from packet.decode()
            except av.error.InvalidDataError:
                continue

    def origin(self):
        if self._origin is None:
            if not self.fresh:
                self.reopen()
            self.fresh = False
            for frame in self._decode():
                self._origin = frame.pts if frame.pts is not None else 0
                self._first_samples = frame.samples
                break
            else:
                self._origin = 0
        return self._origin

    def frames_from(self, first: int):
        """Yield (timeline position, frame) from a point at or before sample `first`."""
        preroll = int((PREROLL_S_ASF if self.is_asf else PREROLL_S) * self.sr)
        for attempt in range(3):  # a seek that lands after the window: seek earlier
            seek_to = first - preroll * 4**attempt
            if seek_to <= 0 or self.tb is None:
                break
            found = self._seek(seek_to)
            if found is None:
                break  # no usable timestamp
            pos, frame, gen = found
            if pos < 0:
                break
            if pos <= first:
                yield from self._count(pos, frame, gen)
                return
        # decode from 0 (short files, windows near the start, no usable timestamps)
        if not self.fresh:
            self.reopen()
        self.fresh = False
        self.used = True
        yield from self._count(0, None, self._decode())

    def _pos(self, pts, origin, samples):
        pos = float((pts - origin) * self.tb) * self.sr
        grid = math.gcd(samples, self._first_samples)
        if self.coarse and grid > 1:
            # millisecond pts: snap to the decoder's fixed frame grid (WMA: 2048 samples
            # at 44.1 kHz; a packet of several frames is decoded as one AVFrame)
            pos = round(pos / grid) * grid
        return int(round(pos))

    def _seek(self, seek_to: int):
        """Seek before timeline sample `seek_to`; -> (position, anchor frame, the rest) or
        None. The anchor is the first frame whose pts agrees with the next frame's: the
        first frame after a seek can be odd (Vorbis: after a flush the decoder's first
        output is 576 samples long where the pts advance by 128 -- anchoring on it put
        windows 448 samples late)."""
        origin = self.origin()
        if self.used:
            # a demuxer that has been read on (to the end) can give wrong pts after a
            # seek (Ogg: 61440 samples late, after a decode to EOF): start afresh
            self.reopen()
        target = origin + int(seek_to / self.sr / self.tb)
        self.container.seek(target, stream=self.stream, backward=True, any_frame=False)
        self.fresh = False
        self.used = True
        gen = self._decode()
        frame = next(gen, None)
        if frame is None or frame.pts is None:
            return None
        pos = self._pos(frame.pts, origin, frame.samples)
        for _ in range(4):
            nxt = next(gen, None)
            if nxt is None:
                break
            if nxt.pts is None:  # APE: only a packet's first frame has a pts
                return pos, frame, itertools.chain([nxt], gen)
            nxt_pos = self._pos(nxt.pts, origin, nxt.samples)
            slack = 1 if not self.coarse else int(float(self.tb) * self.sr) + 1
            if abs(nxt_pos - (pos + frame.samples)) <= slack:
                return pos, frame, itertools.chain([nxt], gen)
            frame, pos = nxt, nxt_pos  # inconsistent: drop it (it is pre-roll)
        return pos, frame, gen

    def _count(self, pos, frame, gen):
        self.decodes_tried += 1
        if frame is not None:
            self.frames_decoded += 1
            yield pos, frame
            pos += frame.samples
        for frame in gen:
            self.frames_decoded += 1
            yield pos, frame
            pos += frame.samples


def _av_windows(path: Path, windows):
    import av  # (not at the top: start-up time, see the imports)

    tl = _AvTimeline(path)
    try:
        sr = tl.sr
        spans = []
        for start, duration in windows:
            first = max(0, int(round(start * sr)))
            stop = None if duration is None else first + int(round(duration * sr))
            if tl.end is not None:
                stop = tl.end if stop is None else min(stop, tl.end)
            spans.append((first, stop))
        if _seekable(path):
            out = [_av_window(tl, first, stop) for first, stop in spans]
        else:
            out = _av_windows_in_one_pass(tl, spans)
        if tl.decodes_tried and not tl.frames_decoded:
            raise DecodeError(NO_AUDIO)  # header only (WAV, FLAC, Ogg) or cut off before the first frame
        return out, sr
    except av.error.FFmpegError as exc:
        raise DecodeError(_reason(exc, "cannot decode audio", tl.frames_decoded)) from None
    finally:
        tl.close()


def _av_window(tl: _AvTimeline, first: int, stop: int | None) -> np.ndarray:
    """Samples [first, stop) of the timeline, reached by a seek."""
    if stop is not None and stop <= first:
        return np.zeros(0, np.float32)
    pieces = []
    for pos, frame in tl.frames_from(first):
        if stop is not None and pos >= stop:
            break
        if pos + frame.samples <= first:
            continue  # pre-roll
        mono = _frame_to_mono(frame)
        lo = max(0, first - pos)
        hi = mono.shape[0] if stop is None else min(mono.shape[0], stop - pos)
        pieces.append(mono[lo:hi])
    return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


def _av_windows_in_one_pass(tl: _AvTimeline, spans) -> list[np.ndarray]:
    """Every window from one decode from sample 0 (in any order), for the formats whose
    seeking FFmpeg gets wrong (``AudioFormat.seekable``)."""
    pieces: list[list[np.ndarray]] = [[] for _ in spans]
    todo = [(i, first, stop) for i, (first, stop) in enumerate(spans) if stop is None or stop > first]
    last = None if any(stop is None for _, _, stop in todo) else max((stop for _, _, stop in todo), default=0)
    if todo:
        for pos, frame in tl.frames_from(0):
            if last is not None and pos >= last:
                break
            mono = None
            for i, first, stop in todo:
                if pos + frame.samples <= first or (stop is not None and pos >= stop):
                    continue
                if mono is None:
                    mono = _frame_to_mono(frame)
                hi = mono.shape[0] if stop is None else min(mono.shape[0], stop - pos)
                pieces[i].append(mono[max(0, first - pos) : hi])
    return [np.concatenate(p) if p else np.zeros(0, np.float32) for p in pieces]


def _av_stream(path: Path, start: float, fmt: PcmFormat, should_stop, chunk_seconds: float):
    """`stream_pcm` on an open timeline (PyAV's resampler makes the device format)."""
    import av  # (not at the top: start-up time, see the imports)

    tl = _AvTimeline(path, skip_damaged=True)
    try:
        sr = tl.sr
        first = max(0, int(round(start * sr)))
        # the registry's rule, as for windows: formats FFmpeg seeks wrongly play from 0
        frames = tl.frames_from(first if _seekable(path) else 0)
        resampler = av.AudioResampler(
            format=fmt.sample, rate=fmt.rate, layout="stereo" if fmt.channels == 2 else "mono"
        )
        bpf = fmt.bytes_per_frame
        chunk = max(bpf, fmt.bytes_at(chunk_seconds))
        # Whole frames before `first` are never resampled; the head of the first frame
        # that reaches it is dropped after resampling, counted in output samples (within
        # one sample of `first`; the resampler's start-up transient falls in it too).
        drop = None  # output bytes still to drop (None: no frame reached `first` yet)
        left = None  # output bytes up to the timeline's end, when it is known (MP4)
        pending: list[bytes] = []
        pending_n = 0
        for pos, frame in itertools.chain(frames, [(None, None)]):  # None: flush
            if should_stop():
                return
            if frame is not None:
                if tl.end is not None and pos >= tl.end:
                    frame = None  # the encoder's padding after the edit list's end
                elif pos + frame.samples <= first:
                    continue  # pre-roll
                elif drop is None:
                    drop = int(round((first - pos) * fmt.rate / sr)) * bpf if first > pos else 0
                    if tl.end is not None:
                        left = int(round((tl.end - first) * fmt.rate / sr)) * bpf
            if drop is None:
                break  # nothing at or after `first`: past the end
            for out in resampler.resample(frame):
                if out is None:  # a pass-through resampler's flush
                    continue
                data = bytes(out.planes[0])[: out.samples * bpf]
                if drop:
                    cut = min(drop, len(data))
                    data, drop = data[cut:], drop - cut
                if left is not None:
                    data = data[:left]
                    left -= len(data)
                if data:
                    pending.append(data)
                    pending_n += len(data)
                    if pending_n >= chunk:
                        yield b"".join(pending)
                        pending, pending_n = [], 0
            if frame is None or left == 0:
                break
        if pending:
            yield b"".join(pending)
        if tl.decodes_tried and not tl.frames_decoded:
            raise DecodeError(NO_AUDIO)
    except av.error.FFmpegError as exc:
        raise DecodeError(_reason(exc, "cannot decode audio", tl.frames_decoded)) from None
    finally:
        tl.close()


# ---------------------------------------------------------------- public API
def _check_not_empty(path: Path) -> None:
    """Name the common "nothing in it" cases before a back end gives an obscure error
    (a 0-byte FLAC gave "Fraction(1, 0)", MP3 "Invalid data found", Ogg "End of file")."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DecodeError("file not found") from None
    except OSError as exc:
        raise DecodeError(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):  # swapped for a FIFO since the scan: opening it would block
        raise DecodeError(not_a_regular_file(st.st_mode))
    size = st.st_size
    if size == 0:
        raise DecodeError(EMPTY_FILE)
    try:
        with open(path, "rb") as fh:
            really = what_it_is(fh.read(HEAD_BYTES))
    except PermissionError:
        raise DecodeError(PERMISSION_DENIED) from None
    except OSError as exc:
        raise DecodeError(f"cannot read file: {exc.strerror or exc}") from None
    if really is not None:
        raise NotAudioError(f"not audio: {really} named {path.suffix or 'like audio'}")
    fmt = formats.format_for_extension(path)
    if fmt is not None and fmt.decoder is None:  # tags readable, audio not (OptimFROG)
        raise DecodeError(f"cannot decode {fmt.label} audio: {fmt.no_decoder}")
    if _is_stream(path) and _id3_only(path, size):
        raise DecodeError(f"{NO_AUDIO}: only an ID3 tag")


def _id3_only(path: Path, size: int) -> bool:
    """True when the file is an ID3v2 tag and nothing after it."""
    try:
        with open(path, "rb") as f:
            head = f.read(10)
    except OSError:
        return False
    if len(head) < 10 or head[:3] != b"ID3":
        return False
    tag = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | head[9] & 0x7F)
    tag += 10 if head[5] & 0x10 else 0  # footer
    return tag >= size


def _reason(exc: Exception, what: str, frames_decoded: int = 0) -> str:
    # FFmpeg hit the end of the file before any audio (a cut-off download or copy):
    # "End of file" alone does not say the file is incomplete
    if isinstance(exc, EOFError) and not frames_decoded:
        return f"{NO_AUDIO}: the file ends before its first audio frame"
    if _is_ffmpeg_error(exc):
        return _ffmpeg_reason(exc, what)
    return f"{what}: {parse_problem(exc)}"


def _is_ffmpeg_error(exc: Exception) -> bool:
    try:
        import av
    except ImportError:
        return False
    return isinstance(exc, av.error.FFmpegError)


def _ffmpeg_reason(exc, what: str) -> str:
    """What the user can act on, then FFmpeg's own short words. str(exc) carries the errno
    (e.g. 1094995529), the internal call ('avcodec_send_packet()') or the path in its
    place, and the last log line: noise in a list of unreadable files."""
    import av

    said = f"(FFmpeg: {(exc.strerror or exc.__class__.__name__).strip()})"
    if getattr(exc, "errno", None) == errno.EACCES:
        return PERMISSION_DENIED
    # EPERM and EINVAL: what FFmpeg's demuxers and decoders answer to damaged headers
    # and packets, not a permission problem
    if isinstance(exc, (av.error.InvalidDataError, av.error.EOFError)) or getattr(exc, "errno", None) in (
        errno.EPERM,
        errno.EINVAL,
    ):
        return f"corrupt or truncated audio data {said}"
    if isinstance(exc, av.error.DecoderNotFoundError):
        return f"no decoder for this audio codec {said}"
    if isinstance(exc, av.error.PatchWelcomeError):
        return f"the audio uses a feature FFmpeg cannot decode, or its data is damaged {said}"
    return f"{what} {said}"


def audio_info(path: str | Path) -> AudioInfo:
    path = Path(path)
    _check_not_empty(path)
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
        raise DecodeError(_reason(exc, "cannot read audio")) from None


def read_windows(path: str | Path, windows) -> tuple[list[np.ndarray], int]:
    """Decode `windows` = [(start_s, duration_s or None), ...] -> (mono float32 arrays, rate).

    Every window is the same stretch of samples a decode of the whole file from 0 gives
    (sample-exact for lossless codecs and for MP3/Vorbis/Opus/WMA; AAC files that use
    perceptual noise substitution differ slightly in the noise-filled bands, because the
    decoder's noise generator state depends on where decoding started). Arrays are
    shorter than asked at the end of the file, empty past it."""
    path = Path(path)
    _check_not_empty(path)
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
        raise DecodeError(_reason(exc, "cannot decode audio")) from None
    # windows past the end are empty arrays (like the soundfile route); a file that
    # yields no audio at all raised DecodeError in _av_windows
    return result, sr


def stream_pcm(path: str | Path, start: float, fmt: PcmFormat, should_stop=lambda: False, chunk_seconds: float = 0.25):
    """Yield interleaved PCM (`bytes` in `fmt`, about `chunk_seconds` each) of `path` from
    `start` seconds on `read_windows`' timeline to the end of the file.

    The first sample is the window at `start`'s first sample, within one output sample
    (resampling to `fmt.rate` is FFmpeg's; at the file's own rate the channels' mean is
    the window itself). Always PyAV, whatever the format's analysis decoder: libsndfile
    decodes the same timeline (tests/test_decode.py), and FFmpeg's resampler makes the
    device format. Damaged packets are skipped. `should_stop()` is asked between frames.
    Raises DecodeError with a reason; closing the generator closes the file."""
    path = Path(path)
    _check_not_empty(path)
    try:
        yield from _av_stream(path, float(start), fmt, should_stop, chunk_seconds)
    except DecodeError:
        raise
    except Exception as exc:  # noqa: BLE001 - one reason for the user, as read_windows
        raise DecodeError(_reason(exc, "cannot decode audio")) from None


def load_mono(
    path: str | Path,
    sr: int | None = None,
    offset: float = 0.0,
    duration: float | None = None,
    resampler: str = "soxr_hq",
) -> tuple[np.ndarray, int]:
    """Decode one stretch of a file as mono float32, optionally resampled to `sr`."""
    (audio,), native = read_windows(path, [(offset, duration)])
    if sr is not None and sr != native:
        audio = resample(audio, native, sr, resampler)
        return audio, sr
    return audio, native
