"""Re-analyse, remove from the library and bring back (tagger.app.library_tracks), and
what a scan stores for the review table's columns, on real files and a real library."""

from __future__ import annotations

import sqlite3
import time

import pytest

from tagger.app.analysis import AnalysisJob
from tagger.app.decisions import decide
from tagger.app.library_tracks import forget_analyses, remove, restore
from tagger.app.workspace import open_workspace
from tagger.config import Settings
from tagger.review import ReviewData
from tagger.scan import scan

FORMATS = ["mp3", "flac"]


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    from tagger.model import default_model_path

    if not default_model_path().exists():
        pytest.skip("the default model is not there")
    workspace = open_workspace(tmp_path / "lib.sqlite", settings=Settings(workers=1, patches=1))
    yield workspace
    workspace.lib.close()


def _analyse(ws, roots):
    return AnalysisJob(ws, [str(r) for r in roots], workers=1, patches=1).run()


def _rows(ws, roots):
    data = ReviewData(ws.info, ws.vocab, ws.min_confidence, ws.max_genres)
    data.load(ws.lib, [str(r) for r in roots])
    return {r.path: r for r in data.rows}


def test_reanalyse_forgets_only_the_chosen_tracks_results(ws, tmp_path, make_library):
    files = make_library(tmp_path / "music", FORMATS)
    first = _analyse(ws, [tmp_path / "music"])
    assert first.progress.done == 2
    mp3 = ws.lib.track_by_path(str(files["mp3"].resolve()))
    flac = ws.lib.track_by_path(str(files["flac"].resolve()))
    key = ws.info.key
    assert ws.lib.analysis_for(mp3.content_id, key) is not None

    paths = forget_analyses(ws, [mp3.id])
    assert paths == [mp3.path]
    assert ws.lib.analysis_for(mp3.content_id, key) is None
    assert ws.lib.analysis_for(flac.content_id, key) is not None  # the other track keeps its result

    again = _analyse(ws, paths)  # what the app runs after Re-analyse: the chosen files
    assert again.scan.changed == 1  # read again, although the file did not change
    assert (again.progress.done, again.progress.cached) == (1, 0)
    assert ws.lib.analysis_for(mp3.content_id, key).status == "ok"


def test_remove_keeps_the_file_and_a_rescan_keeps_it_removed(ws, tmp_path, make_library):
    files = make_library(tmp_path / "music", FORMATS)
    _analyse(ws, [tmp_path / "music"])
    mp3_path = files["mp3"].resolve()
    before = mp3_path.read_bytes()
    mp3 = ws.lib.track_by_path(str(mp3_path))
    decide(ws, [mp3.id], "overridden", ["Jazz"])
    assert ws.lib.decision_for(mp3.id) is not None

    assert remove(ws, [mp3.id]) == 1
    assert mp3_path.read_bytes() == before  # the file is not touched
    assert ws.lib.decision_for(mp3.id) is None
    assert [t.path for t in ws.lib.tracks_under([tmp_path / "music"])] == [str(files["flac"].resolve())]
    assert set(_rows(ws, [tmp_path / "music"])) == {str(files["flac"].resolve())}

    result = scan(ws.lib, [tmp_path / "music"])  # the folder scanned again: still removed
    assert result.new == 0
    assert str(mp3_path) not in _rows(ws, [tmp_path / "music"])
    summary = _analyse(ws, [tmp_path / "music"])
    assert summary.progress.total == 1

    assert restore(ws, [tmp_path / "music"]) == 1  # added again on purpose
    rows = _rows(ws, [tmp_path / "music"])
    assert str(mp3_path) in rows and rows[str(mp3_path)].decision is None


def test_scan_stores_bitrate_and_date_added(ws, tmp_path, make_library):
    import mutagen

    files = make_library(tmp_path / "music", FORMATS)
    t0 = time.time()
    scan(ws.lib, [tmp_path / "music"])
    rows = _rows(ws, [tmp_path / "music"])
    for key, path in files.items():
        row = rows[str(path.resolve())]
        assert row.bitrate == mutagen.File(path).info.bitrate > 0, key
        assert t0 - 1 <= row.added_at <= time.time() + 1
    # a library from before these columns: the file's average bitrate, when it was read
    with sqlite3.connect(tmp_path / "lib.sqlite") as con:
        con.execute("UPDATE tracks SET bitrate = NULL, added_at = NULL")
    rows = _rows(ws, [tmp_path / "music"])
    for path in files.values():
        row = rows[str(path.resolve())]
        track = ws.lib.track_by_path(str(path.resolve()))
        assert row.bitrate == int(path.stat().st_size * 8 / track.duration)
        assert row.added_at == track.scanned_at


def test_what_a_drop_adds(tmp_path, make_library):
    from tagger.app.library_tracks import addable, roots_with

    files = make_library(tmp_path / "music" / "a", ["mp3"])
    (tmp_path / "music" / "b").mkdir()
    notes = tmp_path / "music" / "notes.txt"
    notes.write_text("not audio")
    mid = tmp_path / "music" / "song.mid"
    mid.write_bytes(b"MThd")
    take, left = addable([files["mp3"], tmp_path / "music" / "b", notes, mid, tmp_path / "nowhere"])
    assert take == [str(files["mp3"].resolve()), str((tmp_path / "music" / "b").resolve())]
    reasons = dict(left)
    assert reasons[str(notes.resolve())] == "not an audio file"
    assert "MIDI" in reasons[str(mid.resolve())] or "midi" in reasons[str(mid.resolve())].lower()
    assert reasons[str((tmp_path / "nowhere").resolve())] == "no such file or folder"

    a, b, music = (str((tmp_path / "music" / x).resolve()) for x in ("a", "b", ""))
    assert roots_with([a], [str(files["mp3"].resolve())]) == [a]  # already in the library view
    assert roots_with([a], [b]) == [a, b]
    assert roots_with([a, b], [music]) == [music.rstrip("/")]  # a folder holding both replaces them


def test_a_row_stored_meanwhile_keeps_when_it_joined_and_its_removal(ws, tmp_path, make_library):
    """Two scans of one folder: the second stores a path the first stored since it looked
    (tracks.upsert). The row keeps when it joined the library and that the user removed it."""
    from tagger import db
    from tagger.db.tracks import upsert

    files = make_library(tmp_path / "music", ["mp3"])
    scan(ws.lib, [tmp_path / "music"])
    path = str(files["mp3"].resolve())
    first = ws.lib.track_by_path(path)
    assert first.added_at is not None
    remove(ws, [first.id])
    with ws.lib.session() as s:
        again = db.Track(path=path, folder=first.folder, size=first.size, mtime_ns=first.mtime_ns + 1)
        assert upsert(s, again) == first.id
        s.commit()
    row = ws.lib.track_by_path(path)
    assert row.mtime_ns == first.mtime_ns + 1  # the newer read is stored
    assert row.added_at == first.added_at and row.removed_at is not None
    # a changed file read again by a later scan keeps its date added too
    files["mp3"].write_bytes(files["mp3"].read_bytes())
    restore(ws, [tmp_path / "music"])
    scan(ws.lib, [tmp_path / "music"])
    assert ws.lib.track_by_path(path).added_at == first.added_at
