"""A decision is for the audio it was made for (tagger.db.decisions.follow_audio): when
names are swapped or an album renumbered, when a folder moves away and back, when it is
found at its new place before its old one is rescanned, or when identical copies move
together, each decision goes with its audio; and a file whose audio was replaced keeps
its decision unwritten (stale) until the user decides again. Before, decisions stayed
with the path: renumbering an album wrote each track's genres into its neighbour.

Real FLAC files (distinct audio), the CLI, a real library."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np
import soundfile as sf

from tagger.cli import main
from tagger.tags import read_tags


def flac(path: Path, pitch: float) -> Path:
    """A real FLAC file of its own audio (a tone of `pitch` Hz)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(22050 * 2) / 22050
    sf.write(path, (0.3 * np.sin(2 * np.pi * pitch * t)).astype(np.float32), 22050, format="FLAC")
    return path


def decided(db: Path) -> dict[str, tuple[str, str]]:
    """file path -> (state, genres JSON) of the present tracks' decisions."""
    con = sqlite3.connect(db)
    try:
        q = (
            "SELECT t.path, d.state, d.genres_json FROM decisions d JOIN tracks t ON t.id = d.track_id "
            "WHERE t.status = 'present'"
        )
        return {p: (s, g) for p, s, g in con.execute(q)}
    finally:
        con.close()


def cli(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "lib.sqlite"


def test_renumbered_tracks_keep_their_own_genres(tmp_path, monkeypatch, capsys):
    db = setup(tmp_path, monkeypatch)
    album = tmp_path / "music" / "Album"
    tracks = [flac(album / f"0{i}.flac", 220 * (i + 1)) for i in range(1, 4)]  # 01, 02, 03
    genres = ["Blues", "Jazz", "Folk"]
    assert cli(capsys, "scan", album, "--db", db)[0] == 0
    for path, genre in zip(tracks, genres):
        assert cli(capsys, "decide", path, "--genres", genre, "--db", db)[0] == 0
    for path in reversed(tracks):  # a track inserted at the front: 01 -> 02, 02 -> 03, 03 -> 04
        path.rename(album / f"0{int(path.stem) + 1}.flac")
    code, out = cli(capsys, "scan", album, "--db", db)
    assert code == 0 and "3 decision(s) followed their audio to where it is now" in out, out
    assert cli(capsys, "apply", album, "--decided-only", "--mode", "replace", "--db", db)[0] == 0
    for i, genre in enumerate(genres, start=2):
        assert read_tags(album / f"0{i}.flac").genres == [genre]


def test_swapped_names_and_a_replaced_file(tmp_path, monkeypatch, capsys):
    """Two names swapped: each decision follows its audio. A third file replaced by a new
    recording: its decision is for audio that is nowhere now, so it is not written (nor
    learnt from), and the dry run says why."""
    db = setup(tmp_path, monkeypatch)
    music = tmp_path / "music"
    one, two, three = flac(music / "one.flac", 300), flac(music / "two.flac", 500), flac(music / "three.flac", 700)
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    for path, genre in ((one, "Blues"), (two, "Jazz"), (three, "Folk")):
        assert cli(capsys, "decide", path, "--genres", genre, "--db", db)[0] == 0
    swap = music / "swap.flac"
    one.rename(swap)
    two.rename(one)
    swap.rename(two)
    flac(three, 900)  # a new recording under the same name
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    now = decided(db)
    assert now[str(one)][1] == '["Jazz"]' and now[str(two)][1] == '["Blues"]'
    assert main(["apply", str(music), "--decided-only", "--mode", "replace", "--dry-run", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "three.flac" not in out and "one.flac" in out
    assert "1 decided for other audio (the file's audio changed since: decide again)" in err, err
    from tagger.db import Library
    from tagger.training_data import training_set

    lib = Library(db)
    try:
        found = training_set(lib)
    finally:
        lib.close()
    assert found.stale == 1 and {Path(t.path).name for t in found.tracks} == {"one.flac", "two.flac"}
    # the review shows it undecided (the same rule in SQL: decisions.for_its_audio)
    from tagger.db import review_table

    lib = Library(db)
    try:
        states = {Path(r.path).name: r.state for r, _ in review_table.review_rows(lib, "any-model", [music])}
    finally:
        lib.close()
    assert states == {"one.flac": "overridden", "two.flac": "overridden", "three.flac": None}
    # deciding again makes it the new audio's decision
    assert cli(capsys, "decide", three, "--genres", "Polka", "--db", db)[0] == 0
    code, out = cli(capsys, "apply", music, "--decided-only", "--mode", "replace", "--db", db)
    assert code == 0
    assert [read_tags(p).genres for p in (one, two, three)] == [["Jazz"], ["Blues"], ["Polka"]]


def test_a_folder_moved_away_and_back_and_found_new_before_old(tmp_path, monkeypatch, capsys):
    db = setup(tmp_path, monkeypatch)
    root_a, root_b = tmp_path / "A", tmp_path / "B"
    song = flac(root_a / "X" / "song.flac", 440)
    assert cli(capsys, "scan", root_a, "--db", db)[0] == 0
    assert cli(capsys, "decide", song, "--genres", "Waltz", "--db", db)[0] == 0

    # away and back: the returning path is a known (gone) row, read again
    (root_a / "X").rename(root_a / "X2")
    assert cli(capsys, "scan", root_a, "--db", db)[0] == 0
    (root_a / "X2").rename(root_a / "X")
    assert cli(capsys, "scan", root_a, "--db", db)[0] == 0
    assert decided(db) == {str(song): ("overridden", '["Waltz"]')}

    # to another root, scanned before the old one is
    root_b.mkdir()
    shutil.move(root_a / "X", root_b / "X")
    assert cli(capsys, "scan", root_b, "--db", db)[0] == 0
    assert cli(capsys, "scan", root_a, "--db", db)[0] == 0
    assert decided(db) == {str(root_b / "X" / "song.flac"): ("overridden", '["Waltz"]')}


def test_identical_copies_moved_together_keep_their_own_decisions(tmp_path, monkeypatch, capsys):
    db = setup(tmp_path, monkeypatch)
    music = tmp_path / "music"
    first = flac(music / "Live" / "song.flac", 440)
    (music / "Studio").mkdir()
    second = Path(shutil.copy(first, music / "Studio" / "song.flac"))
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    assert cli(capsys, "decide", first, "--genres", "Rock", "--db", db)[0] == 0
    assert cli(capsys, "decide", second, "--genres", "Reggae", "--db", db)[0] == 0
    (music / "Live").rename(music / "Live (2019)")
    (music / "Studio").rename(music / "Studio (2019)")
    code, out = cli(capsys, "scan", music, "--db", db)
    assert code == 0 and "0 new" in out and "0 gone" in out and "2 moved" in out, out
    assert decided(db) == {
        str(music / "Live (2019)" / "song.flac"): ("overridden", '["Rock"]'),
        str(music / "Studio (2019)" / "song.flac"): ("overridden", '["Reggae"]'),
    }


def test_a_backup_copy_known_before_does_not_take_a_deleted_files_decision(tmp_path, monkeypatch, capsys):
    """A file deleted (or on a disk not mounted) is not a file moved to an identical copy
    the library already knew: only a copy read after the gone file last was can be where
    it went."""
    db = setup(tmp_path, monkeypatch)
    root = tmp_path / "root"
    backup = flac(root / "Backup" / "a.flac", 250)
    assert cli(capsys, "scan", root / "Backup", "--db", db)[0] == 0
    music = root / "Music"
    music.mkdir()
    original = Path(shutil.copy(backup, music / "a.flac"))
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    assert cli(capsys, "decide", original, "--genres", "Blues", "--db", db)[0] == 0
    shutil.rmtree(music)
    code, out = cli(capsys, "scan", root, "--db", db)
    assert code == 0 and "1 gone" in out and "followed" not in out, out
    assert decided(db) == {}  # the backup has none; the decision waits on the gone track


def test_a_library_scanned_by_an_older_version_keeps_its_decisions_fresh(tmp_path, monkeypatch, capsys):
    """Tracks whose content id an older version made (v1): a decision made now names that
    id; the next scan makes the ids again (v2), for files unchanged and files read again
    alike, and the decisions follow: none of them looks made for other audio."""
    import os

    from tagger.fingerprint import _content_id_v1

    db = setup(tmp_path, monkeypatch)
    music = tmp_path / "music"
    unchanged, touched = flac(music / "a.flac", 300), flac(music / "b.flac", 600)
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    con = sqlite3.connect(db)
    with con:  # as an older version left them
        for p in (unchanged, touched):
            con.execute("UPDATE tracks SET content_id = ? WHERE path = ?", (_content_id_v1(p), str(p)))
    con.close()
    for p in (unchanged, touched):
        assert cli(capsys, "decide", p, "--genres", "Jazz", "--db", db)[0] == 0
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # read again by the next scan
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    assert main(["apply", str(music), "--decided-only", "--dry-run", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "a.flac" in out and "b.flac" in out and "other audio" not in err, (out, err)


def test_undo_does_not_bring_a_stale_decision_back_to_life(tmp_path, monkeypatch, capsys):
    """A decision made for audio since replaced is stale; deciding the new audio is a step
    (even with the same genres), and undoing it puts the stale decision back stale: its
    genres are not written into the new audio."""
    db = setup(tmp_path, monkeypatch)
    music = tmp_path / "music"
    song = flac(music / "a.flac", 300)
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    assert cli(capsys, "decide", song, "--genres", "Rock", "--db", db)[0] == 0
    flac(song, 800)  # another recording under the name
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    code, out = cli(capsys, "decide", song, "--genres", "Rock", "--db", db)
    assert code == 0 and out == "1 track(s) updated\n"  # the new audio's decision, not "already so"
    assert cli(capsys, "decide", "--undo", "--db", db)[0] == 0
    assert main(["apply", str(music), "--decided-only", "--dry-run", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "a.flac" not in out and "1 decided for other audio" in err, (out, err)
    assert cli(capsys, "decide", "--redo", "--db", db)[0] == 0  # and redo makes it the new audio's again
    assert main(["apply", str(music), "--decided-only", "--dry-run", "--db", str(db)]) == 0
    assert "+ Rock" in capsys.readouterr().out


def test_training_says_which_confirmed_tracks_hold_other_audio_now(tmp_path, monkeypatch, capsys):
    db = setup(tmp_path, monkeypatch)
    music = tmp_path / "music"
    song = flac(music / "a.flac", 300)
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    assert cli(capsys, "decide", song, "--genres", "Rock", "--db", db)[0] == 0
    flac(song, 800)  # re-encoded, or another recording
    assert cli(capsys, "scan", music, "--db", db)[0] == 0
    code, out = cli(capsys, "personal", "train", "--db", db)
    assert code == 1
    assert out.startswith("Nothing to learn from yet: 1 confirmed track(s) now hold other audio than when you decided")
