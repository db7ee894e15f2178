"""Pauses of the cyclic garbage collector (tagger.gc_pause) while many objects are built:
they overlap across threads, and recording a big decision step runs no collector pass
(each full pass over a 100,000-track review held the window for 70-190 ms)."""

from __future__ import annotations

import gc
import threading

from tagger.db import Library, Track, decision_steps
from tagger.gc_pause import no_collector_passes


def test_overlapping_pauses_bring_the_collector_back_after_the_last():
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with no_collector_passes():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    t = threading.Thread(target=first)
    t.start()
    first_in.wait(10)
    with no_collector_passes():
        second_in.set()
        first_out.wait(10)
        seen["after the first ended"] = gc.isenabled()
    t.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_a_pause_leaves_an_off_collector_off():
    gc.disable()
    try:
        with no_collector_passes():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_recording_and_undoing_a_big_step_runs_no_full_collector_pass(tmp_path):
    lib = Library(tmp_path / "lib.sqlite")
    with lib.session() as s:
        s.add_all(
            Track(path=f"/music/{i:05d}.flac", folder="/music", status="present", content_id=f"c{i}")
            for i in range(30_000)
        )
    with lib.session() as s:
        ids = [t for (t,) in s.query(Track.id)]
    passes = []

    def count(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(count)
    try:
        step = decision_steps.record(lib, {("accepted", ("Jazz",)): ids}, "accept 30,000")
        undone = decision_steps.undo(lib)
    finally:
        gc.callbacks.remove(count)
        lib.close()
    assert step is not None and step.n_tracks == 30_000
    assert undone is not None and len(undone.restored) == 30_000
    # a young pass may come as the collector is back (the step's objects are freed
    # by then); no full pass walks the process's objects
    assert 2 not in passes, passes


def test_loading_the_review_walks_none_of_its_rows_in_a_collector_pass(tmp_path):
    """The rows are taken out of the collector's view before it is back on: its first
    pass after a load of 100,000 rows walked 700,000 objects (165 ms)."""
    from test_review import INFO, VOCAB

    from tagger.review import ReviewData

    lib = Library(tmp_path / "lib.sqlite")
    lib.register_model(INFO)
    with lib.session() as s:
        s.add_all(
            Track(path=f"/music/{i:05d}.flac", folder="/music", status="present", content_id=f"c{i}", artist="A")
            for i in range(20_000)
        )
    walked = []

    def count(phase, info):
        if phase == "start":
            walked.append(len(gc.get_objects(info["generation"])))

    data = ReviewData(INFO, VOCAB, min_confidence=0.5)
    gc.callbacks.append(count)
    try:
        data.load(lib)
        gc.collect(0)  # the pass that comes once the collector is back on
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
        lib.close()
    assert len(data.rows) == 20_000
    assert max(walked) < 20_000, walked


def test_cached_results_are_handed_back_with_the_collector_paused(tmp_path, make_library):
    """A rescan hands back 100,000 cached results in seconds: the full collector passes
    they set off in the job's thread held the window 100-190 ms each."""
    from tagger.app.analysis import AnalysisRun
    from tagger.executors.inline import InlineExecutor
    from tagger.model import default_model_path
    from tagger.scan import scan

    make_library(tmp_path / "music", ["flac", "mp3"])
    lib = Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [tmp_path / "music"])
        tracks = lib.tracks_under([tmp_path / "music"])
        first = AnalysisRun(lib, n_patches=1, executor=InlineExecutor(str(default_model_path()), threads=1))
        assert first.run(tracks).done == 2
        collector_on = []
        again = AnalysisRun(lib, n_patches=1, executor=InlineExecutor(str(default_model_path()), threads=1))
        progress = again.run(tracks, lambda tr, p: collector_on.append(gc.isenabled()))
        assert progress.cached == 2 and collector_on == [False, False]
        assert gc.isenabled()
    finally:
        lib.close()
