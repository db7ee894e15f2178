"""The detail panel's spectrogram decodes (issue 11): one at a time, the newest
selection wins, and a superseded decode stops. Before, every selection started a full
decode on a thread of its own and cancel only set a flag, so holding Down over 50 rows
ran 50 decodes at once (15 s, and 1.5-2.2 GB). Real audio, real QThreads."""

from __future__ import annotations

import os
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

from tagger.features import MUSICNN_SPEC  # noqa: E402
from tagger.spectrogram import compute_spectrogram  # noqa: E402

MUSIC = sorted((Path(__file__).resolve().parent.parent / "resources" / "example-music").glob("*.ogg"))
SPEC = MUSICNN_SPEC


class Threads:
    """What the app's context does with a worker thread: start it, keep it until done."""

    def __init__(self):
        self.threads = set()

    def start(self, thread):
        self.threads.add(thread)
        thread.finished.connect(lambda t=thread: self.threads.discard(t))
        thread.start()
        return thread


def test_the_spectrogram_is_decoded_in_chunks_and_stops_when_asked():
    path = MUSIC[0]
    mel, step, seconds = compute_spectrogram(path, SPEC)
    assert mel.shape[1] == 96 and seconds > 10 and abs(mel.shape[0] * step - seconds) < 0.1
    calls = []

    def stop_after_first_chunk():
        calls.append(1)
        return len(calls) > 1

    assert compute_spectrogram(path, SPEC, should_stop=stop_after_first_chunk) is None


def test_holding_down_decodes_one_track_at_a_time_and_the_newest_wins(qtbot):
    from tagger.gui.workers import NewestOnly

    runner = NewestOnly(Threads(), "details")
    lock = threading.Lock()
    state = {"running": 0, "most": 0, "started": [], "finished": {}}

    def decode(worker, path):
        with lock:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
            state["started"].append(path.name)
        try:
            return path.name, compute_spectrogram(path, SPEC, should_stop=worker.should_stop)
        finally:
            with lock:
                state["running"] -= 1

    def connect(worker):
        worker.done.connect(lambda result: state["finished"].__setitem__(result[0], result[1]))

    selections = (MUSIC * 3)[:20]  # a key held down: 20 selections in a row
    for path in selections:
        runner.request(lambda w, p=path: decode(w, p), connect)
    qtbot.waitUntil(lambda: runner.running is None and len(state["finished"]) == 2, timeout=60000)

    assert state["most"] == 1  # never two decodes at once
    # the first selection started at once and was stopped; the ones in between never
    # started; the newest one was decoded in full
    assert state["started"] == [selections[0].name, selections[-1].name]
    assert state["finished"][selections[0].name] is None
    mel, _, seconds = state["finished"][selections[-1].name]
    assert mel.shape[1] == 96 and seconds > 10 and np.isfinite(mel).all()
