"""The detail panel's preview player, without QMediaPlayer.

QMediaPlayer needs Qt's FFmpeg multimedia plugin, and that plugin links Qt's own FFmpeg
and QtQuick/Qml: 39 MB of the bundle for a preview button. Here the core's decoder
(`tagger.decode.stream_pcm`, PyAV) decodes in a thread, to 16-bit (or float) PCM at the
output device's preferred rate, and `QAudioSink` (QtMultimedia itself: PulseAudio,
PipeWire, WASAPI, CoreAudio) plays it in push mode, fed by a timer on the UI thread.

Pieces, from the bottom:

* `choose_format(caps)`: the `tagger.decode.PcmFormat` sent to the device (pure).
* `tagger.decode.stream_pcm(path, start, fmt)` (the core): PCM bytes from `start`
  seconds on, on the analysis' timeline -- opened, seeked and anchored as the analysis'
  windows are -- so "start where the analysis listened" lands on the analysed patch.
* `PcmFeed`: a decoding thread filling a bounded queue (a few seconds ahead), drained
  by the UI thread. Nothing is decoded on the UI thread.
* `PreviewPlayer`: play / pause / seek / stop, the position, end of track; a
  `QAudioSink` or, for tests, any object with the same few methods (`sink_factory`).

Without an output device (a headless machine, CI) `PreviewPlayer.available` is False and
`unavailable_reason` says why; the panel disables its play button and shows that as the
tooltip. Nothing else changes: seeking still moves the playhead.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from tagger.decode import DecodeError, PcmFormat, stream_pcm

from .workers import describe_error

# PySide6.QtMultimedia is imported where it is used: it fails to load on a Linux without
# libpulse0, and default_output() turns that into the reason playback is unavailable.

NO_DEVICE = QT_TRANSLATE_NOOP("Player", "No audio output device")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Player", text)


# ---------------------------------------------------------------- output format
@dataclass(frozen=True)
class OutputCaps:
    """What an output device accepts (a plain snapshot of a QAudioDevice)."""

    preferred_rate: int
    min_rate: int
    max_rate: int
    min_channels: int
    max_channels: int
    samples: tuple[str, ...]  # of "s16", "flt", ...

    @classmethod
    def of(cls, device) -> OutputCaps:
        from PySide6.QtMultimedia import QAudioFormat

        names = {QAudioFormat.Int16: "s16", QAudioFormat.Float: "flt"}
        pref = device.preferredFormat()
        return cls(
            pref.sampleRate(),
            device.minimumSampleRate(),
            device.maximumSampleRate(),
            device.minimumChannelCount(),
            device.maximumChannelCount(),
            tuple(names[f] for f in device.supportedSampleFormats() if f in names),
        )


def choose_format(caps: OutputCaps) -> PcmFormat | None:
    """Stereo (else mono) 16-bit (else float) PCM at the device's preferred rate; None
    when the device takes neither. Resampling to the device's own rate means one sink
    format for every file, and no resampling left to the sound server."""
    rate = caps.preferred_rate or 48000
    if caps.min_rate and caps.max_rate:
        rate = min(max(rate, caps.min_rate), caps.max_rate)
    channels = next((c for c in (2, 1) if caps.min_channels <= c <= caps.max_channels), None)
    sample = next((s for s in ("s16", "flt") if s in caps.samples), None)
    if channels is None or sample is None or rate <= 0:
        return None
    return PcmFormat(rate, channels, sample)


def qaudio_format(fmt: PcmFormat):
    from PySide6.QtMultimedia import QAudioFormat

    q = QAudioFormat()
    q.setSampleRate(fmt.rate)
    q.setChannelCount(fmt.channels)
    q.setSampleFormat(QAudioFormat.Int16 if fmt.sample == "s16" else QAudioFormat.Float)
    return q


# ---------------------------------------------------------------- the decoding thread
class PcmFeed:
    """Decodes `path` from `start` in a daemon thread into a bounded queue.

    `read(n)` (UI thread) takes up to n bytes; `finished` is True once everything was
    decoded *and* read; `error` holds the reason when decoding failed. `close()` stops
    the thread and waits for it (it closes the file: a write may replace it next)."""

    def __init__(self, path, start: float, fmt: PcmFormat, ahead_seconds: float = 4.0, decoder=stream_pcm):
        self.path, self.start, self.fmt = str(path), float(start), fmt
        self._limit = fmt.bytes_at(ahead_seconds)
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._cond = threading.Condition()
        self._stop = False
        self._done = False
        self.error: str | None = None
        self._decoder = decoder
        self._thread = threading.Thread(target=self._run, name="preview-decode", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        chunks = None
        try:
            chunks = self._decoder(self.path, self.start, self.fmt, lambda: self._stop)
            for data in chunks:
                with self._cond:
                    while self._size >= self._limit and not self._stop:
                        self._cond.wait(0.5)
                    if self._stop:
                        return
                    self._chunks.append(data)
                    self._size += len(data)
                    self._cond.notify_all()
        except DecodeError as exc:  # the reason itself, without the class name
            self.error = str(exc) or QCoreApplication.translate("Player", "cannot decode the file")
        except Exception as exc:  # noqa: BLE001 - shown to the user as one line
            self.error = describe_error(exc) or QCoreApplication.translate("Player", "cannot decode the file")
        finally:
            if chunks is not None and hasattr(chunks, "close"):
                chunks.close()  # closes the file now, not whenever the generator is collected
            with self._cond:
                self._done = True
                self._cond.notify_all()

    @property
    def buffered(self) -> int:
        return self._size

    @property
    def decoding(self) -> bool:
        return not self._done

    @property
    def finished(self) -> bool:
        return self._done and self._size == 0

    def read(self, n: int) -> bytes:
        n -= n % self.fmt.bytes_per_frame
        out, got = [], 0
        with self._cond:
            while self._chunks and got < n:
                data = self._chunks.popleft()
                take = data[: n - got]
                if len(take) < len(data):
                    self._chunks.appendleft(data[len(take) :])
                out.append(take)
                got += len(take)
            self._size -= got
            self._cond.notify_all()
        return b"".join(out)

    def wait_for(self, nbytes: int, timeout: float) -> bool:
        """(tests) Until `nbytes` are queued or decoding ended."""
        end = time.monotonic() + timeout
        with self._cond:
            while self._size < nbytes and not self._done:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float = 2.0) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)


# ---------------------------------------------------------------- the player
def default_output():
    """(QAudioDevice, PcmFormat) of the default output, or (None, reason)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:  # Qt Multimedia missing (or libpulse0 on Linux)
        return None, QCoreApplication.translate("Player", "Playback is not available: {reason}").format(reason=exc)
    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return None, _tr(NO_DEVICE)
    fmt = choose_format(OutputCaps.of(device))
    if fmt is None:
        return None, QCoreApplication.translate(
            "Player", "The audio output ({device}) takes no mono or stereo PCM"
        ).format(device=device.description())
    return (device, fmt), None


class PreviewPlayer(QObject):
    """Plays one file at a time from a position, reports the position while playing.

    Signals: position_changed(seconds), playing_changed(bool), error(str).
    The position is in seconds on `tagger.decode`'s timeline. After the end of the
    track the player stops at the end; play() then starts again from 0.

    `output` is (QAudioDevice, PcmFormat), None to ask QMediaDevices (lazily, on
    first use), or False for "no device". `sink_factory(output) -> sink` makes what plays
    the bytes (default: a QAudioSink); a sink needs start() -> writable device, stop(),
    suspend(), resume(), bufferSize(), bytesFree().
    """

    position_changed = Signal(float)
    playing_changed = Signal(bool)
    error = Signal(str)
    device_changed = Signal()  # the default output came or went (see `available`)

    TICK_MS = 20

    def __init__(self, parent=None, output=None, sink_factory=None, decoder=stream_pcm):
        super().__init__(parent)
        self._output = output
        self._reason: str | None = _tr(NO_DEVICE) if output is False else None
        self._sink_factory = sink_factory or self._qaudio_sink
        self._devices = None  # QMediaDevices, watched once the default output was asked for
        self._decoder = decoder
        self._sink = None
        self._io = None
        self._feed: PcmFeed | None = None
        self._path: str | None = None
        self._base = 0.0  # position where the current feed started
        self._written = 0  # bytes given to the sink since it (re)started
        self._carry = b""  # read from the feed, not yet taken by the sink
        self._last_write = 0.0
        self._position = 0.0
        self._playing = False
        self._ended = False
        self._duration = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- the device
    def _resolve(self):
        if self._output is None:
            self._output, self._reason = default_output()
            if self._output is None:
                self._output = False
            self._watch_devices()
        return self._output or None

    def _watch_devices(self) -> None:
        if self._devices is not None:
            return
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError:
            return
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_devices_changed)

    def _on_devices_changed(self) -> None:
        self.refresh_device()
        self.device_changed.emit()

    @property
    def available(self) -> bool:
        return self._resolve() is not None

    @property
    def unavailable_reason(self) -> str | None:
        self._resolve()
        return self._reason

    def refresh_device(self) -> None:
        """Ask for the default output again (devices changed); stops playback."""
        self.stop()
        self._sink_close()
        self._output, self._reason = None, None

    @property
    def format(self) -> PcmFormat | None:
        out = self._resolve()
        return out[1] if out else None

    def _qaudio_sink(self, output):
        from PySide6.QtMultimedia import QAudioSink

        device, fmt = output
        sink = QAudioSink(device, qaudio_format(fmt), self)
        sink.setBufferSize(fmt.bytes_at(0.2))  # 200 ms: a responsive pause and playhead
        return sink

    # -- state
    @property
    def path(self) -> str | None:
        return self._path

    def is_playing(self) -> bool:
        return self._playing

    def position(self) -> float:
        return self._position

    def set_duration(self, seconds: float) -> None:
        """The track's length, if known (used to clamp seeks and to stop at the end)."""
        self._duration = max(0.0, float(seconds or 0.0))

    # -- control
    def load(self, path: str | None) -> None:
        """A new file (or None): stops, position 0, nothing decoded until play()."""
        self.stop()
        self._path = str(path) if path else None
        self._ended = False
        self._set_position(0.0)

    def play(self) -> None:
        out = self._resolve()
        if out is None or self._path is None or self._playing:
            return
        if self._feed is None or self._feed.finished:
            if not self._restart_at(0.0 if self._ended else self._position):
                return
        elif self._sink is not None:
            self._sink.resume()
            self._last_write = time.monotonic()
        self._ended = False
        self._set_playing(True)
        self._timer.start()
        self._tick()

    def pause(self) -> None:
        if not self._playing:
            return
        if self._sink is not None:
            self._sink.suspend()
        self._timer.stop()
        self._update_position()
        self._set_playing(False)

    def toggle(self) -> None:
        self.pause() if self._playing else self.play()

    def seek(self, seconds: float) -> None:
        """Move to `seconds`; keeps playing if it was playing."""
        seconds = max(0.0, float(seconds))
        if self._duration:
            seconds = min(seconds, self._duration)
        self._ended = False
        if self._playing:
            if self._restart_at(seconds):
                self._tick()
        else:
            self._close_feed()  # decoded from the new place on play()
        self._set_position(seconds)

    def stop(self) -> None:
        """Stop playing and close the file (the position is kept)."""
        self._timer.stop()
        self._close_feed()
        if self._sink is not None:
            self._sink.stop()
            self._io = None
        self._set_playing(False)

    def shutdown(self) -> None:
        self.stop()
        self._sink_close()

    # -- internals
    def _close_feed(self) -> None:
        if self._feed is not None:
            self._feed.close()
            self._feed = None

    def _sink_close(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            if hasattr(self._sink, "deleteLater"):
                self._sink.deleteLater()
            self._sink, self._io = None, None

    def _restart_at(self, seconds: float) -> bool:
        """A new feed from `seconds` and a restarted sink; False (and error emitted)
        when the output cannot be opened."""
        out = self._resolve()
        self._close_feed()
        if self._sink is None:
            self._sink = self._sink_factory(out)
        else:
            self._sink.stop()
        self._io = self._sink.start()
        if self._io is None:
            self.stop()
            self.error.emit(self.tr("the audio output could not be opened"))
            return False
        self._feed = PcmFeed(self._path, seconds, out[1], decoder=self._decoder)
        self._base, self._written, self._carry = seconds, 0, b""
        self._last_write = time.monotonic()
        self._set_position(seconds)
        return True

    def _played_bytes(self) -> int:
        if self._sink is None:
            return 0
        queued = max(0, self._sink.bufferSize() - self._sink.bytesFree())
        return max(0, self._written - queued)

    def _update_position(self) -> None:
        fmt = self.format
        if fmt is not None and self._feed is not None:
            self._set_position(self._base + fmt.seconds(self._played_bytes()))

    def _tick(self) -> None:
        feed, sink = self._feed, self._sink
        if not self._playing or feed is None or sink is None or self._io is None:
            return
        free = sink.bytesFree()
        if free > 0:
            data = self._carry or feed.read(free)
            if data:
                n = self._io.write(data)
                if n is not None and n < 0:  # the output went away (sound server gone, device unplugged)
                    self.stop()
                    self.error.emit(self.tr("the audio output stopped"))
                    return
                n = len(data) if n is None else min(n, len(data))
                self._carry = data[n:]
                self._written += n
                if n:
                    self._last_write = time.monotonic()
        self._update_position()
        fmt = self.format
        drained = self._played_bytes() >= self._written or (
            time.monotonic() - self._last_write > fmt.seconds(sink.bufferSize()) + 1.0
        )
        if feed.error:
            reason = feed.error
            self.stop()
            self.error.emit(reason)
        elif feed.finished and not self._carry and drained:
            # everything decoded was played: the end of the track
            end = self._base + self.format.seconds(self._written)
            self.stop()
            self._ended = True  # play() starts again from the beginning
            self._set_position(max(end, self._duration))

    def _set_position(self, seconds: float) -> None:
        if seconds != self._position:
            self._position = seconds
            self.position_changed.emit(seconds)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)
