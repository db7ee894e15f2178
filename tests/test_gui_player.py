"""The detail panel's preview player (tagger.gui.player) without a sound device: the
output format choice, the core's PCM stream (tagger.decode.stream_pcm) from a position
on the analysis' timeline, the decoding thread's queue, play/pause/seek/end arithmetic
against a fake sink that "plays" in real time, the no-device path, and the panel
driving it all."""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

pytest.importorskip("PySide6.QtMultimedia")
pytest.importorskip("pytestqt")

import audio_fixtures  # noqa: E402
from gui_helpers import analysed_template, close_window, copy_db, isolated_settings, open_window, wait_analysis  # noqa: E402

from tagger.decode import PcmFormat, stream_pcm  # noqa: E402
from tagger.gui.player import (  # noqa: E402
    NO_DEVICE,
    OutputCaps,
    PcmFeed,
    PreviewPlayer,
    choose_format,
)

FMT = PcmFormat(48000, 2, "s16")


# ------------------------------------------------------------------ a sink without a device
class FakeIO:
    def __init__(self, sink):
        self.sink = sink

    def write(self, data):
        n = min(len(data), self.sink.bytesFree())
        self.sink._queued += n
        self.sink.received += n
        return n


class FakeSink:
    """QAudioSink's push-mode surface; its buffer drains in real time unless suspended."""

    def __init__(self, fmt: PcmFormat, buffer_seconds: float = 0.2):
        self.fmt = fmt
        self.size = fmt.bytes_at(buffer_seconds)
        self._queued = 0
        self._t = time.monotonic()
        self.suspended = False
        self.received = 0
        self.starts = 0
        self.fail_start = False

    def _drain(self):
        now = time.monotonic()
        if not self.suspended:
            n = int((now - self._t) * self.fmt.bytes_per_second)
            self._queued = max(0, self._queued - (n - n % self.fmt.bytes_per_frame))
        self._t = now

    def start(self):
        if self.fail_start:
            return None
        self.starts += 1
        self._queued, self._t, self.suspended = 0, time.monotonic(), False
        return FakeIO(self)

    def stop(self):
        self._queued = 0

    def suspend(self):
        self._drain()
        self.suspended = True

    def resume(self):
        self._drain()
        self.suspended = False

    def bufferSize(self):  # noqa: N802 - Qt's name
        return self.size

    def bytesFree(self):  # noqa: N802
        self._drain()
        return self.size - self._queued


def fake_player(fmt=FMT, **kw):
    sinks = []

    def factory(output):
        sinks.append(FakeSink(output[1]))
        return sinks[-1]

    return PreviewPlayer(output=(None, fmt), sink_factory=factory, **kw), sinks


def pcm(chunks, fmt=FMT) -> np.ndarray:
    dtype = np.int16 if fmt.sample == "s16" else np.float32
    return np.frombuffer(b"".join(chunks), dtype).reshape(-1, fmt.channels).astype(np.float64)


def best_lag(ref: np.ndarray, seg: np.ndarray, max_lag: int) -> tuple[int, float]:
    """(lag, relative error) of `seg` inside `ref`, ref starting max_lag samples early."""
    n = len(seg)
    errs = [np.abs(ref[k : k + n] - seg).mean() for k in range(0, 2 * max_lag + 1)]
    k = int(np.argmin(errs))
    return k - max_lag, errs[k] / (np.abs(seg).mean() + 1e-9)


# ------------------------------------------------------------------ output format
def test_format_arithmetic():
    f = PcmFormat(44100, 2, "s16")
    assert f.bytes_per_frame == 4 and f.bytes_per_second == 176400
    assert f.bytes_at(1.0) == 176400 and f.bytes_at(-3) == 0
    assert f.bytes_at(0.00001) % f.bytes_per_frame == 0  # always on a frame boundary
    assert f.seconds(f.bytes_at(2.5)) == pytest.approx(2.5)
    assert PcmFormat(48000, 1, "flt").bytes_per_frame == 4


def test_choose_format():
    caps = OutputCaps(48000, 8000, 192000, 1, 8, ("s16", "flt"))
    assert choose_format(caps) == PcmFormat(48000, 2, "s16")
    assert choose_format(OutputCaps(44100, 44100, 44100, 1, 1, ("flt",))) == PcmFormat(44100, 1, "flt")
    assert choose_format(OutputCaps(0, 8000, 96000, 2, 2, ("s16",))).rate == 48000  # no preference
    assert choose_format(OutputCaps(48000, 8000, 96000, 4, 8, ("s16",))) is None  # no mono/stereo
    assert choose_format(OutputCaps(48000, 8000, 96000, 1, 2, ("u8",))) is None


# ------------------------------------------------------------------ decoding
@pytest.mark.parametrize("key", ["mp3", "flac", "ogg", "opus", "m4a", "wav", "wma", "ape", "wavpack"])
def test_decode_from_a_position_matches_the_whole_decode(key):
    path = audio_fixtures.fixture_path(key)
    full = pcm(stream_pcm(path, 0.0, FMT))
    seconds = 4.0 if key == "ape" else audio_fixtures.SECONDS
    assert len(full) / FMT.rate == pytest.approx(seconds, abs=0.05)
    start = 1.5 if key == "ape" else 3.0
    part = pcm(stream_pcm(path, start, FMT))
    assert len(part) / FMT.rate == pytest.approx(len(full) / FMT.rate - start, abs=0.06)
    i = int(start * FMT.rate)
    lag, err = best_lag(full[i - 4800 : i + 4800 + 24000, 0], part[:24000, 0], 4800)
    # ASF (WMA) seeks and stamps in whole milliseconds: a preview may start 30 ms early
    assert abs(lag) <= (1500 if key == "wma" else 1), (key, lag)
    assert err < 0.15, (key, err)  # the same music (lossy decoders restart after a seek)


@pytest.mark.parametrize("key", ["mp3", "flac", "m4a", "ogg"])
def test_decode_is_on_the_analysis_timeline(key):
    """At the file's own rate, from 2 s, the channels' mean equals tagger.decode's
    window at 2 s: the preview starts exactly where the analysis listened."""
    from tagger.decode import audio_info, read_windows

    path = audio_fixtures.fixture_path(key)
    rate = audio_info(path).sample_rate
    fmt = PcmFormat(rate, 2, "flt")
    mine = pcm(stream_pcm(path, 2.0, fmt), fmt)[:rate].mean(axis=1)  # tagger.decode's mono: the mean
    (ref,), sr = read_windows(path, [(1.9, 1.2)])
    assert sr == rate
    lag, err = best_lag(ref.astype(np.float64), mine, int(0.1 * rate))
    assert abs(lag) <= 2, (key, lag)
    assert err < 0.1, (key, err)


def test_decode_mono_float_and_stop():
    path = audio_fixtures.fixture_path("flac")
    fmt = PcmFormat(22050, 1, "flt")
    mono = pcm(stream_pcm(path, 0.0, fmt), fmt)
    assert mono.shape[1] == 1 and len(mono) == pytest.approx(8 * 22050, abs=30)
    assert 0.01 < np.abs(mono).max() <= 1.0
    stop = threading.Event()
    gen = stream_pcm(path, 0.0, fmt, should_stop=stop.is_set, chunk_seconds=0.1)
    next(gen)
    stop.set()
    assert sum(len(c) for c in gen) < fmt.bytes_at(1.0)  # it stops within a packet or so


def test_decode_errors_are_reasons(tmp_path):
    bad = audio_fixtures.broken_files(tmp_path)
    for name in ("text.ogg", "empty.mp3"):
        if name in bad:
            with pytest.raises(Exception) as info:
                list(stream_pcm(bad[name], 0.0, FMT))
            assert str(info.value)


# ------------------------------------------------------------------ the decoding thread
def test_feed_is_bounded_frame_aligned_and_closes():
    path = audio_fixtures.fixture_path("ogg")
    t = time.perf_counter()
    feed = PcmFeed(path, 1.0, FMT, ahead_seconds=1.0)
    assert feed.wait_for(FMT.bytes_at(1.0), 20)
    assert time.perf_counter() - t < 5  # woken by the decoder, not by the timeout
    time.sleep(0.2)
    assert FMT.bytes_at(1.0) <= feed.buffered <= FMT.bytes_at(1.0) + FMT.bytes_at(0.3)  # bounded
    assert len(feed.read(1001)) == 1000  # whole frames only
    total = 1000
    while not feed.finished:
        total += len(feed.read(FMT.bytes_at(0.5)))
        time.sleep(0.002)
    assert feed.error is None
    assert FMT.seconds(total) == pytest.approx(audio_fixtures.SECONDS - 1.0, abs=0.05)
    feed.close()
    assert not feed._thread.is_alive()
    # closing mid-file stops the thread at once (it closes the file: a write may follow)
    feed = PcmFeed(path, 0.0, FMT, ahead_seconds=0.5)
    feed.wait_for(FMT.bytes_at(0.5), 20)
    t = time.perf_counter()
    feed.close()
    assert not feed._thread.is_alive() and time.perf_counter() - t < 1.5


def test_feed_error(tmp_path):
    p = tmp_path / "x.mp3"
    p.write_text("not audio\n" * 50)
    feed = PcmFeed(p, 0.0, FMT)
    feed.wait_for(1, 20)
    time.sleep(0.05)
    assert feed.error and feed.finished


# ------------------------------------------------------------------ the player
def _run_until(qtbot, cond, timeout_ms=10000):
    qtbot.waitUntil(cond, timeout=timeout_ms)


def test_player_plays_pauses_seeks_and_ends(qtbot):
    player, sinks = fake_player()
    path = audio_fixtures.fixture_path("mp3")
    player.load(path)
    player.set_duration(audio_fixtures.SECONDS)
    states = []
    player.playing_changed.connect(states.append)
    player.seek(5.0)  # not playing: only the position moves, nothing decoded yet
    assert player.position() == 5.0 and not player.is_playing() and player._feed is None
    t0 = time.monotonic()
    player.play()
    assert player.is_playing() and states == [True]
    _run_until(qtbot, lambda: player.position() > 5.6)
    # the position follows what the sink has played: never ahead of the wall clock
    assert player.position() - 5.0 <= time.monotonic() - t0 + 0.02
    player.pause()
    held = player.position()
    qtbot.wait(300)
    assert player.position() == held and not player.is_playing()
    player.play()  # resumes where it was (same feed, same sink start)
    assert sinks[0].starts == 1
    _run_until(qtbot, lambda: player.position() > held + 0.2)
    player.seek(7.0)  # while playing: restarts there and keeps playing
    assert player.is_playing() and sinks[0].starts == 2 and player.position() == pytest.approx(7.0)
    # the end: stops at the end of the track, and play() starts again from 0
    _run_until(qtbot, lambda: not player.is_playing(), 5000)
    assert player.position() == pytest.approx(audio_fixtures.SECONDS, abs=0.05)
    assert states[-1] is False and player._feed is None
    bytes_played = sinks[0].received
    assert bytes_played > FMT.bytes_at(0.95)
    player.play()
    assert player.position() < 0.2
    player.stop()
    assert not player.is_playing()
    player.shutdown()


def test_player_stop_and_load_close_the_file(qtbot):
    player, _ = fake_player()
    player.load(audio_fixtures.fixture_path("flac"))
    player.play()
    _run_until(qtbot, lambda: player._feed is not None and player._feed.buffered > 0)
    thread = player._feed._thread
    player.load(audio_fixtures.fixture_path("ogg"))  # the selection changed
    assert not player.is_playing() and player._feed is None and not thread.is_alive()
    assert player.position() == 0.0 and player.path.endswith(".ogg")
    player.shutdown()


def test_player_decode_error_is_reported(qtbot, tmp_path):
    p = tmp_path / "x.mp3"
    p.write_text("not audio\n" * 50)
    player, _ = fake_player()
    player.load(p)
    with qtbot.waitSignal(player.error, timeout=10000) as blocker:
        player.play()
    assert blocker.args[0]
    assert not player.is_playing()


def test_player_output_that_cannot_open(qtbot):
    def factory(output):
        s = FakeSink(output[1])
        s.fail_start = True
        return s

    player = PreviewPlayer(output=(None, FMT), sink_factory=factory)
    player.load(audio_fixtures.fixture_path("mp3"))
    with qtbot.waitSignal(player.error, timeout=2000):
        player.play()
    assert not player.is_playing() and player._feed is None


def test_no_device(qtbot):
    player = PreviewPlayer(output=False)
    assert not player.available and player.unavailable_reason == NO_DEVICE
    player.load(audio_fixtures.fixture_path("mp3"))
    player.play()  # does nothing, does not crash
    assert not player.is_playing() and player._feed is None
    player.seek(2.0)
    assert player.position() == 2.0
    # whatever this machine has, asking QtMultimedia never crashes and gives an answer
    real = PreviewPlayer()
    assert real.available or real.unavailable_reason
    real.shutdown()


# ------------------------------------------------------------------ the panel with a fake output
@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("player-template")
    mp = pytest.MonkeyPatch()
    try:
        isolated_settings(d, mp)
        yield analysed_template(d, audio_fixtures.make_library, ["mp3", "flac"])
    finally:
        mp.undo()


def test_panel_plays_from_the_first_patch_with_an_output(qtbot, tmp_path, monkeypatch, template_db):
    isolated_settings(tmp_path, monkeypatch)
    audio_fixtures.make_library(tmp_path / "music", ["mp3", "flac"])
    window = open_window(qtbot, tmp_path / "music", copy_db(template_db, tmp_path / "library.sqlite"))
    wait_analysis(qtbot, window, 60)
    detail = window.detail
    sinks = []

    def factory(output):
        sinks.append(FakeSink(output[1]))
        return sinks[-1]

    detail._player_options = {"output": (None, FMT), "sink_factory": factory}
    window.table.selectRow(0)
    _run_until(qtbot, lambda: detail._player is not None and detail._first_start > 0)
    player, first = detail._player, detail._first_start
    assert detail.play_button.isEnabled() and "Space" in detail.play_button.toolTip()
    assert player.position() == pytest.approx(first)
    window.act_play.trigger()  # Space
    _run_until(qtbot, lambda: player.position() > first + 0.3)
    assert detail.is_playing()
    assert detail.spectrogram._position == pytest.approx(player.position(), abs=0.05)
    assert abs(detail.slider.value() - player.position() * 1000) < 50
    target = first + 3.0
    detail.seek(target)  # a click on the spectrogram: go there and keep playing
    _run_until(qtbot, lambda: target < player.position() < target + 1.0)
    assert detail.is_playing()
    assert detail.time_label.text().startswith(f"0:0{int(player.position())} / 0:08")
    # the keyboard on the seek bar (found by a keyboard-only helper: only a drag seeked):
    # End goes to the end, Home to the start, Page Up 30 s on, Space plays and pauses
    from PySide6.QtCore import Qt

    slider = detail.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key_Home)
    _run_until(qtbot, lambda: player.position() < 1.0)
    qtbot.keyClick(slider, Qt.Key_Right)  # 5 s on
    _run_until(qtbot, lambda: 4.0 < player.position() < 6.5)
    assert detail.is_playing()
    qtbot.keyClick(slider, Qt.Key_Space)
    assert not detail.is_playing()  # paused at once, not at the track's end
    qtbot.keyClick(slider, Qt.Key_Home)
    _run_until(qtbot, lambda: player.position() < 0.5)
    assert slider.value() < 500 and not detail.is_playing()  # a step does not start playing
    qtbot.keyClick(slider, Qt.Key_Space)
    _run_until(qtbot, lambda: detail.is_playing())
    # Tab goes from the decision buttons to the player below them
    from PySide6.QtWidgets import QToolButton

    buttons = [w for w in detail.findChildren(QToolButton) if w.defaultAction() is window.act_skip]
    assert buttons and buttons[0].nextInFocusChain() in (detail.play_button, detail.slider)
    feed_thread = player._feed._thread
    window.table.selectRow(1)  # another track: the first one stops, its file is closed
    assert not feed_thread.is_alive()
    _run_until(qtbot, lambda: player.path == window.model.row_at(1).path)
    assert not detail.is_playing()
    window.act_play.trigger()
    _run_until(qtbot, lambda: detail.is_playing())
    feed_thread = player._feed._thread
    close_window(qtbot, window)  # closing the window stops it too
    assert not detail.is_playing() and not feed_thread.is_alive()


def test_panel_says_visibly_why_it_cannot_play(qtbot, tmp_path, monkeypatch, template_db):
    """No audio output device: the play button is off and a label beside it says why
    (not only its tooltip)."""
    isolated_settings(tmp_path, monkeypatch)
    audio_fixtures.make_library(tmp_path / "music", ["mp3", "flac"])
    window = open_window(qtbot, tmp_path / "music", copy_db(template_db, tmp_path / "library.sqlite"))
    wait_analysis(qtbot, window, 60)
    detail = window.detail
    detail._player_options = {"output": False}
    window.table.selectRow(0)
    _run_until(qtbot, lambda: detail._player is not None and bool(detail._player.path))
    assert not detail.play_button.isEnabled()
    assert detail.player_note.isVisible()
    assert detail.player_note.text() == f"{NO_DEVICE}: playback unavailable"
    close_window(qtbot, window)
