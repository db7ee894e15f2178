"""The analysis job on its executor seam: the same job runs on the process pool and on
the inline executor with the same results; the job, not the executor, reads the cache
and writes the library."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tagger.app.analysis import AnalysisRun
from tagger.executors import AnalysisTask
from tagger.executors.inline import InlineExecutor
from tagger.model import default_model_path
from tagger.scan import scan

pytestmark = pytest.mark.slow


class CountingExecutor(InlineExecutor):
    """The inline executor, counting what it was given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitted: list[str] = []

    def submit(self, task):
        self.submitted.append(task.path)
        super().submit(task)


def _scores(lib, tracks, key):
    return {t.path: lib.analysis_for(t.content_id, key).scores for t in tracks}


def test_the_pool_and_the_inline_executor_give_the_same_analysis(tmp_path, make_library, lib):
    make_library(tmp_path / "music", ["wav", "flac", "mp3", "ogg"])
    scan(lib, [tmp_path / "music"])
    tracks = lib.tracks_under([tmp_path / "music"])
    pooled = AnalysisRun(lib, workers=2, n_patches=2)
    progress = pooled.run(tracks)
    assert progress.done == len(tracks) == 4 and progress.failed == 0
    by_pool = _scores(lib, tracks, pooled.info.key)

    from tagger.db import Library

    other = Library(tmp_path / "other.sqlite")
    try:
        scan(other, [tmp_path / "music"])
        inline_tracks = other.tracks_under([tmp_path / "music"])
        ex = CountingExecutor(str(default_model_path()), threads=1)
        run = AnalysisRun(other, n_patches=2, executor=ex)
        progress = run.run(inline_tracks)
        assert progress.done == 4 and sorted(ex.submitted) == sorted(t.path for t in inline_tracks)
        assert run.device_note and ex.device_note == run.device_note
        by_inline = _scores(other, inline_tracks, run.info.key)
        assert by_inline.keys() == by_pool.keys()
        for path, scores in by_pool.items():
            assert by_inline[path] == pytest.approx(scores, abs=2e-4), path

        # a second run: the job finds every result in the cache and gives the executor nothing
        again = CountingExecutor(str(default_model_path()), threads=1)
        progress = AnalysisRun(other, n_patches=2, executor=again).run(inline_tracks)
        assert progress.cached == 4 and progress.done == 0 and again.submitted == []
    finally:
        other.close()


def test_cancel_on_the_inline_executor_keeps_what_finished(tmp_path, make_library, lib):
    make_library(tmp_path / "music", ["wav", "flac", "mp3"])
    scan(lib, [tmp_path / "music"])
    tracks = lib.tracks_under([tmp_path / "music"])
    ex = CountingExecutor(str(default_model_path()), threads=1)
    run = AnalysisRun(lib, n_patches=2, executor=ex)
    progress = run.run(tracks, lambda tr, p: run.cancel())
    assert run.cancelled and progress.done == 1 and len(ex.submitted) == 1
    stored = [t for t in tracks if lib.analysis_for(t.content_id, run.info.key) is not None]
    assert len(stored) == 1


def _processes_in_group(pgid: int) -> list[str]:
    """`pid state cmdline` of every process (zombies included) in process group `pgid`."""
    import os
    from pathlib import Path

    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[2]) == pgid and int(entry.name) != os.getpid():
            found.append(f"{entry.name} {fields[0]} {cmd[:120]}")
    return found


def test_tagger_analyze_leaves_no_process_behind(tmp_path):
    """The command's own process group is empty once it has returned: the pool's workers
    and multiprocessing's resource tracker are stopped and waited for, not left to exit
    (or linger as zombies) after the command."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to list a process group")
    root = Path(__file__).resolve().parent.parent
    music = root / "resources" / "example-music"
    env = dict(os.environ, GENRE_TAGGER_CONFIG_DIR=str(tmp_path / "config"), PYTHONPATH=str(root))
    cmd = [
        sys.executable,
        "-m",
        "tagger",
        "analyze",
        str(music / "sorohan-solo-trumpet.ogg"),
        str(music / "setuniman-sweet-waltz.ogg"),
    ]
    for run in ("analysed", "cached"):
        # the second run finds both tracks cached: the pool launched during its scan (the
        # workers loading the model) is stopped at once, and left behind no more than the first
        proc = subprocess.Popen([*cmd, "--db", str(tmp_path / "lib.db"), "--workers", "2", "--json"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert len(out.splitlines()) == 2
        assert _processes_in_group(proc.pid) == [], run
        if run == "analysed":  # the summary says which copy of the model ran
            assert re.search(r"(float|int8) model", err), err


def test_workers_end_when_the_command_is_killed_outright(tmp_path):
    """kill -9 (or the out-of-memory killer) gives the command no chance to stop its
    pool: its workers notice that their parent is gone and end within moments, instead
    of living on for good with a model each."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to list a process group")
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, GENRE_TAGGER_CONFIG_DIR=str(tmp_path / "config"), PYTHONPATH=str(root))
    cmd = [sys.executable, "-m", "tagger", "analyze", str(root / "resources" / "example-music")]
    proc = subprocess.Popen([*cmd, "--db", str(tmp_path / "lib.db"), "--workers", "2", "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()  # a first track analysed: the workers are at work
    workers = [p for p in _processes_in_group(proc.pid) if not p.startswith(f"{proc.pid} ")]
    assert workers, "no worker process seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and [p for p in _processes_in_group(proc.pid) if " Z " not in p]:
        time.sleep(0.2)
    left = [p for p in _processes_in_group(proc.pid) if " Z " not in p]
    for line in left:  # (tidy up before failing)
        os.kill(int(line.split()[0]), signal.SIGKILL)
    assert left == [], left


def test_pool_workers_run_below_normal_priority(tmp_path, make_library):
    """The workers yield contended CPU time to the window (and the user's programs); the
    process that started them keeps its priority."""
    from tagger.executors.local import WORKER_NICENESS, LocalPoolExecutor

    before = os.getpriority(os.PRIO_PROCESS, 0)
    ex = LocalPoolExecutor(str(default_model_path()), workers=2)
    ex.start()
    try:
        pids = list(ex._pool._processes)
        assert len(pids) == 2
        assert [os.getpriority(os.PRIO_PROCESS, pid) for pid in pids] == [max(before, WORKER_NICENESS)] * 2
        # and they still analyse
        make_library(tmp_path / "music", ["flac"])
        path = str(next((tmp_path / "music").iterdir()))
        ex.submit(AnalysisTask(path=path, duration=None, n_patches=1, key="k"))
        [(task, result)] = ex.results(timeout=120)
        assert task.path == path and result["status"] == "ok", result
    finally:
        ex.close()
    assert os.getpriority(os.PRIO_PROCESS, 0) == before


def test_a_file_replaced_during_its_analysis_leaves_no_result_under_its_old_audio(tmp_path):
    """The file a track names is replaced by another recording after the scan, while the
    analysis runs: its result is not kept under the scanned audio's content id (every
    copy of that audio would have inherited the other recording's scores), and the track
    is reported with the reason. A tag written meanwhile (same audio) keeps its result."""
    import shutil

    from tagger import db
    from tagger.app.analysis import AnalysisRun
    from tagger.executors.inline import InlineExecutor
    from tagger.model import default_model_path
    from tagger.scan import scan
    from tagger.tags import write_genres

    music = tmp_path / "music"
    examples = Path(__file__).resolve().parent.parent / "resources" / "example-music"
    ogg = sorted(examples.glob("*.ogg"))
    music.mkdir()
    replaced, retagged = shutil.copy(ogg[0], music / "a.ogg"), shutil.copy(ogg[1], music / "b.ogg")
    lib = db.Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [music])
        tracks = lib.tracks_under([music])  # what the job read after its scan
        audio = {t.path: t.content_id for t in tracks}
        shutil.copy(ogg[2], replaced)  # another recording under the name
        write_genres(retagged, ["Polka"])  # a tag written: the same audio
        model = str(default_model_path())
        seen = []
        run = AnalysisRun(lib, model, executor=InlineExecutor(model, "cpu", 1))
        run.run(tracks, lambda tr, progress: seen.append(tr))
        said = {tr.path: (tr.status, tr.error) for tr in seen}
        assert said[str(replaced)][0] == "error" and "changed while it was being analysed" in said[str(replaced)][1]
        assert said[str(retagged)] == ("ok", None)
        assert lib.analysis_for(audio[str(replaced)], run.info.key) is None
        assert lib.analysis_for(audio[str(retagged)], run.info.key).status == "ok"
    finally:
        lib.close()
