"""A rescan keeps the rows shown when the scan changed nothing (issue 11: no second copy
of 100,000 rows in memory), and loads them again when it did; cached results the rows
show already are not sent to the window again. Real audio, the real
window, the real model."""

from __future__ import annotations

from gui_helpers import close_window, isolated_settings, open_window, wait_analysis

from tagger.tags import write_genres


def test_a_rescan_keeps_the_rows_unless_the_scan_changed_the_library(qtbot, tmp_path, monkeypatch, make_library):
    isolated_settings(tmp_path, monkeypatch, min_confidence=0.05)
    files = make_library(tmp_path / "music", ["mp3", "flac"])
    window = open_window(qtbot, tmp_path / "music", tmp_path / "library.sqlite")
    wait_analysis(qtbot, window)
    first = window.review_data
    assert first is not None and len(first.rows) == 2 and all(r.analysed for r in first.rows)

    sent: list = []  # the results the analysis thread sends to the window
    window.analysis_control.results.connect(sent.extend)
    window.last_summary = None
    window.rescan()
    summary = wait_analysis(qtbot, window)
    assert summary["cached"] == 2 and window.review_data is first  # nothing changed: the same rows
    assert all(r.analysed and r.suggestion for r in first.rows)
    assert sent == []  # the rows show these cached results already: not sent again

    # a row that does not show its cached result gets it
    bare = first.rows[0]
    scores, bare.scores = bare.scores, None
    window.last_summary = None
    window.rescan()
    wait_analysis(qtbot, window)
    assert [tr.track_id for tr in sent] == [bare.id] and sent[0].cached
    assert bare.scores is not None and bare.scores.tobytes() == scores.tobytes()

    write_genres(files["flac"], ["Something Else"])  # re-tagged outside the app: the scan sees it
    window.last_summary = None
    window.rescan()
    wait_analysis(qtbot, window)
    again = window.review_data
    assert again is not first and len(again.rows) == 2
    flac = next(r for r in again.rows if r.path == str(files["flac"].resolve()))
    assert flac.current == ["Something Else"] and flac.analysed
    close_window(qtbot, window)
