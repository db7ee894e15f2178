"""Writing and undoing batches on real files: undo follows moved files, empty overrides
are refused, merge sees genres inside joined values, batches that wrote nothing, and the
messages users read."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from tagger.apply import history, last_undoable_batch, plan, undo_batch, write_batch
from tagger.db import Change, Decision, Track
from tagger.fingerprint import payload_digest
from tagger.model import default_model_path
from tagger.modelfile import read_metadata
from tagger.scan import scan
from tagger.tags import read_tags, write_genres
from tagger.vocabulary import Vocabulary, bundled_path, value_parts


@pytest.fixture(scope="module")
def info():
    return read_metadata(default_model_path())


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.load(bundled_path())  # not the user's own table


def track_id(lib, path) -> int:
    return lib.track_by_path(str(path)).id


def decide_and_write(lib, info, vocab, root, decisions: dict, mode="fill"):
    """Record decisions {path: (state, genres)}, then plan and write them as one batch."""
    for path, (state, genres) in decisions.items():
        lib.set_decision([track_id(lib, path)], state, genres)
    changes = plan(lib, lib.tracks_under([root]), info, vocab, mode, decided_only=True)
    return write_batch(lib, changes, mode, info.key)


# ------------------------------------------------------------------ undo after a move
def test_undo_finds_a_file_moved_and_renamed_since_the_batch(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music / "moved dir", ["mp3", "ogg"])
    before = {k: read_tags(p).genres for k, p in files.items()}
    scan(lib, [music])
    batch, outcomes = decide_and_write(
        lib, info, vocab, music / "moved dir", {p: ("overridden", ["Dub Techno"]) for p in files.values()}
    )
    assert [o.status for o in outcomes] == ["written", "written"]

    renamed = music / "elsewhere" / "renamed.mp3"
    renamed.parent.mkdir()
    shutil.move(files["mp3"], renamed)
    assert scan(lib, [music]).moved == 1

    _, outcomes = undo_batch(lib)
    by_path = {o.path: o for o in outcomes}
    assert by_path[str(renamed)].status == "undone" and by_path[str(renamed)].moved_from == str(files["mp3"])
    assert by_path[str(files["ogg"])].status == "undone" and by_path[str(files["ogg"])].moved_from is None
    assert read_tags(renamed).genres == before["mp3"]
    assert read_tags(files["ogg"]).genres == before["ogg"]
    assert lib.batches()[0].undone_at is not None
    [change] = [c for c in lib.changes_of(batch) if c.path == str(files["mp3"])]
    assert change.status == "undone" and str(renamed) in change.error  # the history says where


def test_undo_leaves_a_moved_file_edited_since_alone(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["flac"])
    scan(lib, [music])
    batch, _ = decide_and_write(lib, info, vocab, music, {files["flac"]: ("overridden", ["Jazz"])})
    renamed = music / "renamed.flac"
    files["flac"].rename(renamed)
    write_genres(renamed, ["Edited By Hand"])
    scan(lib, [music])

    _, [out] = undo_batch(lib, batch)
    assert out.status == "skipped" and out.path == str(renamed) and "changed on disk" in out.error
    assert read_tags(renamed).genres == ["Edited By Hand"]
    assert lib.batches()[0].undone_at is None  # still undoable once the user sorts it out


def test_undo_of_a_file_moved_but_not_rescanned_says_what_to_do(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["ogg"])
    scan(lib, [music])
    decide_and_write(lib, info, vocab, music, {files["ogg"]: ("overridden", ["Jazz"])})
    files["ogg"].rename(music / "renamed.ogg")

    _, [out] = undo_batch(lib)
    assert out.status == "failed" and out.path == str(files["ogg"])
    assert "does not exist" in out.error and "tagger scan" in out.error
    assert str(files["ogg"]) not in out.error  # the path is shown beside the reason, once


# ------------------------------------------------------------------ empty overrides
def test_an_override_without_genres_is_refused(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["flac"])
    before = read_tags(files["flac"]).genres
    assert before
    scan(lib, [music])
    tid = track_id(lib, files["flac"])
    for empty in ([], [" ", ""], None):
        with pytest.raises(ValueError, match="--clear"):
            lib.set_decision([tid], "overridden", empty)
    assert lib.decision_for(tid) is None

    # the normal path still works, blanks dropped
    lib.set_decision([tid], "overridden", [" Jazz ", " "])
    assert lib.decision_for(tid).genres == ["Jazz"]
    _, [out] = write_batch(
        lib, plan(lib, lib.tracks_under([music]), info, vocab, "replace", decided_only=True), "replace"
    )
    assert out.status == "written" and read_tags(files["flac"]).genres == ["Jazz"]


def test_an_empty_override_from_an_older_database_erases_nothing(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["flac"])
    scan(lib, [music])
    with lib.session() as s:  # as set_decision stored it before it refused empty lists
        s.add(Decision(track_id=track_id(lib, files["flac"]), state="overridden", genres_json="[]"))
    for mode in ("fill", "merge", "replace"):
        assert plan(lib, lib.tracks_under([music]), info, vocab, mode, decided_only=True) == []


def test_the_override_dialog_cannot_produce_an_empty_override(qtbot, vocab):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtCore import Qt

    from tagger.gui.dialogs import OverrideDialog

    dlg = OverrideDialog(vocab, [], 1)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.combo.setCurrentText(" ; ")
    assert dlg.genres() == [] and not dlg.ok_button.isEnabled()
    qtbot.keyClick(dlg.combo.lineEdit(), Qt.Key_Return)
    assert dlg.result() != dlg.DialogCode.Accepted and dlg.isVisible()


def test_the_override_dialog_refuses_what_cannot_be_a_genre_as_the_cli_does(
    qtbot, vocab, tmp_path, make_library, capsys, monkeypatch
):
    """A tab or a text-direction override in a typed genre: the dialog says why and its
    Override button is off; `tagger decide --genres` refuses the same name in one line
    (tagger.vocabulary.genre_name_problem). A comma stays inside a genre in both; a line
    break separates genres in both."""
    pytest.importorskip("PySide6.QtWidgets")
    from tagger.cli import main
    from tagger.gui.dialogs import OverrideDialog

    dlg = OverrideDialog(vocab, [], 1)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.combo.setCurrentText("Rock\tPop")
    assert not dlg.ok_button.isEnabled() and "cannot be a genre" in dlg.hint.text() and "Rock\\tPop" in dlg.hint.text()
    dlg.combo.setCurrentText("Folk, World, & Country; Jazz")
    assert dlg.genres() == ["Folk, World, & Country", "Jazz"] and dlg.ok_button.isEnabled()

    # a hint of several lines (the whole refusal): the dialog grows to show all of it
    dlg.combo.setCurrentText("Jazz")
    qtbot.waitUntil(lambda: dlg.hint.text().startswith("Will write"))
    one_line_height = dlg.height()
    dlg.combo.setCurrentText("Jazz; " + "Very Long Genre " * 6 + "\u202e")
    qtbot.waitUntil(lambda: "cannot be a genre" in dlg.hint.text())
    assert dlg.hint.heightForWidth(dlg.hint.width()) > dlg.hint.fontMetrics().lineSpacing() * 2  # wrapped
    assert dlg.height() > one_line_height
    assert dlg.height() >= dlg.sizeHint().height()  # nothing cut off
    assert dlg.hint.geometry().bottom() <= dlg.ok_button.mapTo(dlg, dlg.ok_button.rect().topLeft()).y()

    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    music = tmp_path / "music"
    files = make_library(music, ["flac"])
    db = str(tmp_path / "lib.sqlite")
    assert main(["scan", str(music), "--db", db]) == 0
    capsys.readouterr()
    control = "cannot be a genre: it holds a control character (a tab, a line break) or a text-direction override"
    refusals = {
        "Rock\tPop": f"'Rock\\tPop' {control}",
        "evil\u202eRock": f"'evil\\u202eRock' {control}",
        "x" * 201: "a genre name of 201 characters is too long (at most 200)",
    }
    for bad, said in refusals.items():
        assert main(["decide", str(files["flac"]), "--db", db, "--genres", bad]) == 1
        assert capsys.readouterr().err == f"tagger: {said}\n"
    assert main(["decide", str(files["flac"]), "--db", db, "--genres", "Folk, World, & Country\nJazz"]) == 0
    assert main(["apply", str(music), "--db", db, "--decided-only", "--mode", "replace"]) == 0
    assert read_tags(files["flac"]).genres == ["Folk, World, & Country", "Jazz"]


# ------------------------------------------------------------------ merge
def test_value_parts():
    assert value_parts("electronica; Jazz") == ["electronica; Jazz", "electronica", "Jazz"]
    assert value_parts("Funk / Soul")[1:] == ["Funk", "Soul"]
    assert value_parts("Rock, Pop|Jazz")[1:] == ["Rock", "Pop", "Jazz"]
    assert value_parts("Drum & Bass") == ["Drum & Bass"]
    assert value_parts("Jazz") == ["Jazz"]


def test_merge_adds_no_genre_already_inside_a_joined_value(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["flac"])
    write_genres(files["flac"], ["electronica; Jazz"])  # one value, as some taggers leave it
    scan(lib, [music])
    tid = track_id(lib, files["flac"])

    for present in (["Jazz"], ["jazz", "Electronic"]):  # "electronica" is an alias of Electronic
        lib.set_decision([tid], "accepted", present)
        assert plan(lib, lib.tracks_under([music]), info, vocab, "merge", decided_only=True) == []

    lib.set_decision([tid], "accepted", ["Jazz", "Blues"])
    [change] = plan(lib, lib.tracks_under([music]), info, vocab, "merge", decided_only=True)
    assert change.new == ["electronica; Jazz", "Blues"]  # the old value is kept as it was
    write_batch(lib, [change], "merge")
    assert read_tags(files["flac"]).genres == ["electronica; Jazz", "Blues"]


# ------------------------------------------------------------------ batches that wrote nothing
def test_a_batch_that_wrote_nothing_is_recorded_but_not_undoable(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["ogg", "wav"])
    scan(lib, [music])
    first, _ = decide_and_write(lib, info, vocab, music, {files["ogg"]: ("overridden", ["Jazz"])})

    # batch 2: one file edited between planning and writing, one read-only
    lib.set_decision([track_id(lib, files["ogg"])], "overridden", ["Blues"])
    lib.set_decision([track_id(lib, files["wav"])], "overridden", ["Blues"])
    changes = plan(lib, lib.tracks_under([music]), info, vocab, "fill", decided_only=True)
    assert len(changes) == 2
    write_genres(files["ogg"], ["Polka"])
    os.chmod(files["wav"], stat.S_IMODE(os.stat(files["wav"]).st_mode) & ~0o222)
    wav_bytes = files["wav"].read_bytes()
    second, outcomes = write_batch(lib, changes, "fill", info.key)

    by_path = {o.path: o for o in outcomes}
    edited, readonly = by_path[str(files["ogg"])], by_path[str(files["wav"])]
    assert edited.status == "skipped" and "changed on disk since planned" in edited.error
    assert "rescan" in edited.error and "tagger scan" in edited.error  # what to do about it
    assert readonly.status == "failed" and readonly.error == "read-only file"
    message = f"failed: {readonly.path}: {readonly.error}"  # as the CLI and the app show it
    assert message.count(str(files["wav"])) == 1
    assert files["wav"].read_bytes() == wav_bytes and read_tags(files["ogg"]).genres == ["Polka"]

    rows = {r["batch"]: r for r in history(lib)}
    assert rows[second]["counts"] == {"skipped": 1, "failed": 1} and not rows[second]["undoable"]
    assert rows[first]["counts"] == {"written": 1} and rows[first]["undoable"]
    assert {c.error for c in lib.changes_of(second)} == {edited.error, "read-only file"}

    assert last_undoable_batch(lib) == first  # `tagger undo` skips the empty batch
    with pytest.raises(ValueError, match="changed no file"):
        undo_batch(lib, second)
    write_genres(files["ogg"], ["Jazz"])  # back to what batch 1 wrote, so it can be undone
    assert undo_batch(lib)[0] == first
    assert read_tags(files["ogg"]).genres == []


def test_a_cancelled_write_counts_as_skipped(tmp_path, lib, info, vocab, make_library):
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["ogg"])
    digest = payload_digest(files["ogg"])
    scan(lib, [music])
    lib.set_decision([track_id(lib, files["ogg"])], "overridden", ["Jazz"])
    changes = plan(lib, lib.tracks_under([music]), info, vocab, "fill", decided_only=True)
    batch, [out] = write_batch(lib, changes, "fill", should_stop=lambda: True)
    assert out.status == "skipped" and read_tags(files["ogg"]).genres == []
    assert payload_digest(files["ogg"]) == digest
    assert history(lib)[0]["counts"] == {"skipped": 1} and last_undoable_batch(lib) is None
    with lib.session() as s:
        assert s.get(Track, track_id(lib, files["ogg"])).genres == []
        assert [c.status for c in s.query(Change).filter(Change.batch_id == batch)] == ["skipped"]


def test_replace_mode_erases_nothing_below_the_threshold(tmp_path, lib, info, vocab, make_library):
    """A track whose best genre score is below the confidence threshold has no suggestion:
    even --mode replace leaves its genres alone (it used to write an empty list)."""
    import json

    from tagger.db import Analysis

    music = (tmp_path / "music").resolve()
    files = make_library(music, ["flac", "mp3"])
    scan(lib, [music])
    lib.register_model(info)
    jazz = list(info.tags).index("jazz")  # the label whose tag is jazz (a fused model prefixes its source)
    with lib.session() as s:
        for key, best in (("flac", 0.1), ("mp3", 0.9)):  # below / above the 0.5 threshold
            scores = [0.01] * len(info.labels)
            scores[jazz] = best
            s.add(
                Analysis(
                    content_id=lib.track_by_path(str(files[key])).content_id,
                    model_key=info.key,
                    scores_json=json.dumps(scores),
                    n_patches=6,
                )
            )
    changes = plan(lib, lib.tracks_under([music]), info, vocab, "replace", min_confidence=0.5)
    assert [(c.path, c.new) for c in changes] == [(str(files["mp3"]), ["Jazz"])]
    before = read_tags(files["flac"]).genres
    write_batch(lib, changes, "replace", info.key)
    assert read_tags(files["flac"]).genres == before and before
    assert read_tags(files["mp3"]).genres == ["Jazz"]


def test_audio_replaced_since_the_decision_is_not_written(tmp_path, lib, info, vocab, make_library):
    """Another file copied over a decided track (same name, no rescan): the genres chosen
    for the old audio do not go into it; the other tracks are written."""
    files = make_library(tmp_path / "music", ["mp3", "flac"])
    other = make_library(tmp_path / "other", ["mp3"], variant="b")["mp3"]
    scan(lib, [tmp_path / "music"])
    song, kept = files["mp3"].resolve(), files["flac"].resolve()
    for path in (song, kept):
        lib.set_decision([track_id(lib, path)], "overridden", ["Polka"])
    tracks = lib.tracks_under([tmp_path / "music"])
    changes = plan(lib, tracks, info, vocab, "replace")
    assert {c.path for c in changes} == {str(song), str(kept)}
    before = read_tags(other).genres
    shutil.copy(other, tmp_path / "music" / "t.mp3")
    os.replace(tmp_path / "music" / "t.mp3", song)  # `cp other.mp3 t && mv t song.mp3`
    digest = payload_digest(song)
    _, outcomes = write_batch(lib, changes, "replace", info.key)
    by_path = {o.path: o for o in outcomes}
    assert by_path[str(song)].status == "skipped" and "audio changed since it was analysed" in by_path[str(song)].error
    assert read_tags(song).genres == before and payload_digest(song) == digest
    assert by_path[str(kept)].status == "written" and read_tags(kept).genres == ["Polka"]


def test_a_file_already_restored_counts_as_restored(tmp_path, lib, info, vocab, make_library):
    """An undo killed after one file's replace (or two undos at once): that file already
    holds its old genres. It is restored, not 'changed since', and the batch is done."""
    music = (tmp_path / "music").resolve()
    files = make_library(music, ["mp3", "flac"])
    before = {k: read_tags(p).genres for k, p in files.items()}
    scan(lib, [music])
    batch, outcomes = decide_and_write(lib, info, vocab, music, {p: ("overridden", ["Dub"]) for p in files.values()})
    assert {o.status for o in outcomes} == {"written"}
    write_genres(files["mp3"], before["mp3"])  # what the interrupted undo had already put back
    _, outcomes = undo_batch(lib, batch)
    assert {o.status for o in outcomes} == {"undone"}, [(o.path, o.error) for o in outcomes]
    assert {k: read_tags(p).genres for k, p in files.items()} == before
    assert lib.batches()[0].undone_at is not None and last_undoable_batch(lib) is None


def test_the_override_dialog_completes_the_genre_being_typed(qtbot, vocab):
    """Typing the start of a second genre offers the vocabulary's names, and taking one
    keeps the genres before it (found by a keyboard-only helper: the completer's list had
    been collected, so nothing was offered; and a choice replaced the whole text)."""
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtCore import Qt

    from tagger.gui.dialogs import OverrideDialog

    assert "Funk" in vocab.names()
    dlg = OverrideDialog(vocab, [], 1)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    edit = dlg.combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "Blues; fun")
    completer = edit.completer()
    assert completer.model() is not None
    offered = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert "Funk" in offered, offered
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    row = offered.index("Funk")
    popup.setCurrentIndex(completer.completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key_Return)
    qtbot.waitUntil(lambda: edit.text() == "Blues; Funk", timeout=2000)
    assert dlg.genres() == ["Blues", "Funk"]
