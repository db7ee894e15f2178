"""Settings -> Tags in the core: the field genres go to (genre, style, grouping, mood), the
separator of single-value tags and the ID3 version of a new tag, written into real files
of every format and read back (by this app and by mutagen directly); through apply and
undo with a real library; and the mood the model scores."""

from __future__ import annotations

import json
import shutil

import audio_fixtures as af
import mutagen
import pytest
from mutagen.id3 import ID3

from tagger.apply import TagTarget, plan, undo_batch, write_batch
from tagger.cli import main
from tagger.config import Settings
from tagger.db import Library
from tagger.formats import format_for_extension
from tagger.safewrite import write_genres_safely
from tagger.tags import FIELDS, TagError, TagOptions, read_tags, write_fields, write_genres

OTHER_FIELDS = [f for f in FIELDS if f != "genre"]
KEYS = [*af.FORMATS, "tta", "dsf"]


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize("key", KEYS)
def test_every_field_is_written_and_read_back_alone(tmp_path, key):
    path = af.make_library(tmp_path, [key])[key]
    genres = read_tags(path).genres
    for i, name in enumerate(OTHER_FIELDS):
        write_fields(path, {name: [f"{name} one", f"{name} two"]})
        got = read_tags(path)
        assert got.values(name) == [f"{name} one", f"{name} two"], name
        assert got.genres == genres  # the genre field is left alone
        for earlier in OTHER_FIELDS[:i]:  # and so are the fields written before
            assert got.values(earlier) == [f"{earlier} one", f"{earlier} two"]
    write_fields(path, {"style": []})
    assert read_tags(path).values("style") == [] and read_tags(path).values("mood") == ["mood one", "mood two"]


def _raw(path):
    return mutagen.File(path).tags


def test_fields_are_the_tags_other_players_read(tmp_path):
    """Where each field lands, read by mutagen itself: ID3 TIT1/TMOO/TXXX:STYLE, Vorbis
    GROUPING/MOOD/STYLE, MP4 ©grp and iTunes freeform atoms, ASF WM/ names, APEv2 items."""
    files = af.make_library(tmp_path, ["mp3", "mp3_v23", "flac", "m4a", "wma", "ape"])
    changes = {"grouping": ["G"], "mood": ["Mellow"], "style": ["Bebop"]}
    for path in files.values():
        write_fields(path, changes)
    id3 = _raw(files["mp3"])
    assert id3["TIT1"].text == ["G"] and id3["TMOO"].text == ["Mellow"] and id3["TXXX:STYLE"].text == ["Bebop"]
    v23 = ID3(files["mp3_v23"])
    assert v23.version[:2] == (2, 3) and "TMOO" not in v23 and v23["TXXX:MOOD"].text == ["Mellow"]
    flac = _raw(files["flac"])
    assert (flac["GROUPING"], flac["MOOD"], flac["STYLE"]) == (["G"], ["Mellow"], ["Bebop"])
    mp4 = _raw(files["m4a"])
    assert mp4["\xa9grp"] == ["G"] and bytes(mp4["----:com.apple.iTunes:MOOD"][0]) == b"Mellow"
    assert bytes(mp4["----:com.apple.iTunes:STYLE"][0]) == b"Bebop"
    wma = _raw(files["wma"])
    assert [str(v) for v in wma["WM/ContentGroupDescription"]] == ["G"] and [str(v) for v in wma["WM/Mood"]] == [
        "Mellow"
    ]
    ape = _raw(files["ape"])
    assert list(ape["Grouping"]) == ["G"] and list(ape["Mood"]) == ["Mellow"] and list(ape["Style"]) == ["Bebop"]


def test_the_separator_joins_single_value_tags_and_splits_them_back(tmp_path):
    files = af.make_library(tmp_path, ["mp3_v23", "mp3", "wav"])
    semi = TagOptions(separator="; ")
    write_genres(files["mp3_v23"], ["Rock", "Pop"], semi)
    assert ID3(files["mp3_v23"])["TCON"].text == ["Rock; Pop"]  # one value, as v2.3 players read it
    assert read_tags(files["mp3_v23"], semi).genres == ["Rock", "Pop"]
    with pytest.raises(TagError, match="';'"):
        write_genres(files["mp3_v23"], ["Rock;Pop"], semi)
    # the format's own: "/" in ID3v2.3
    write_genres(files["mp3_v23"], ["Rock", "Pop"])
    assert ID3(files["mp3_v23"])["TCON"].text == ["Rock/Pop"] and read_tags(files["mp3_v23"]).genres == ["Rock", "Pop"]
    # a multi-value format keeps real multiple values whatever the separator
    write_genres(files["mp3"], ["Rock", "Pop"], TagOptions(separator=" / "))
    assert ID3(files["mp3"])["TCON"].text == ["Rock", "Pop"]
    # safe writer: verification reads back with the same separator
    write_genres_safely(files["mp3_v23"], ["Jazz", "Swing"], options=TagOptions(separator=", "))
    assert ID3(files["mp3_v23"])["TCON"].text == ["Jazz, Swing"]


def test_a_wav_info_genre_is_joined_with_the_separator(tmp_path):
    from tagger.formats.riff_info import riff_info

    path = af.make_library(tmp_path, ["wav"])["wav"]
    _add_info_list(path)
    write_genres(path, ["Rock", "Pop"], TagOptions(separator=" / "))
    assert riff_info(path)["IGNR"] == "Rock / Pop" and read_tags(path).genres == ["Rock", "Pop"]


def _add_info_list(path) -> None:
    """Give a WAV a RIFF LIST/INFO chunk with a title (as many rippers write)."""
    data = path.read_bytes()
    body = b"INFO" + b"INAM" + (6).to_bytes(4, "little") + b"Title\x00"
    chunk = b"LIST" + len(body).to_bytes(4, "little") + body
    out = data + chunk
    out = out[:4] + (len(out) - 8).to_bytes(4, "little") + out[8:]
    path.write_bytes(out)


def _without_id3(src, dest):
    shutil.copy(src, dest)
    mutagen.File(dest).delete()
    assert ID3 is not None and mutagen.File(dest).tags is None
    return dest


@pytest.mark.parametrize("version", [3, 4])
def test_a_new_id3_tag_gets_the_chosen_version_and_a_tag_keeps_its_own(tmp_path, version):
    files = af.make_library(tmp_path, ["mp3", "mp3_v23", "aiff"])
    bare = _without_id3(files["mp3"], tmp_path / "bare.mp3")
    options = TagOptions(id3_version=version)
    for path in (bare, files["mp3"], files["mp3_v23"]):
        write_genres_safely(path, ["Funk", "Soul"], options=options)
        assert read_tags(path, options).genres == ["Funk", "Soul"]
    assert ID3(bare).version[:2] == (2, version)
    assert ID3(files["mp3"]).version[:2] == (2, 4) and ID3(files["mp3_v23"]).version[:2] == (2, 3)


def test_settings_of_the_tags_tab_are_saved_and_bad_values_fall_back(tmp_path):
    path = tmp_path / "settings.json"
    s = Settings(tag_fields=["genre", "grouping"], separator="; ", id3_version=3, write_mood=True, mood_threshold=0.4)
    s.save(path)
    back = Settings.load(path)
    assert (back.tag_fields, back.separator, back.id3_version, back.write_mood, back.mood_threshold) == (
        ["genre", "grouping"],
        "; ",
        3,
        True,
        0.4,
    )
    target = TagTarget.from_settings(back)
    assert target.fields == ("genre", "grouping") and target.options == TagOptions("; ", 3)
    assert target.writes_mood
    path.write_text(json.dumps({"tag_fields": ["colour"], "separator": "|", "id3_version": 2, "mood_threshold": 7}))
    bad = Settings.load(path)
    assert (bad.tag_fields, bad.separator, bad.id3_version, bad.mood_threshold) == (["genre"], "", 4, 0.5)


# ------------------------------------------------------------------ through apply and undo
def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _settings(tmp_path, **values) -> None:
    s = Settings(**values)
    s.save(tmp_path / "config" / "settings.json")


@pytest.mark.slow
def test_apply_writes_the_chosen_fields_and_undo_restores_them(tmp_path, capsys):
    files = af.make_library(tmp_path / "music", ["flac", "mp3_v23"])
    write_fields(files["flac"], {"grouping": ["Old group"]})
    db = tmp_path / "lib.sqlite"
    _settings(tmp_path, tag_fields=["grouping", "style"], separator="; ")
    assert run(capsys, "scan", tmp_path / "music", "--db", db)[0] == 0
    assert run(capsys, "decide", tmp_path / "music", "--db", db, "--genres", "Funk; Soul")[0] == 0

    code, out, err = run(capsys, "apply", tmp_path / "music", "--db", db, "--dry-run")
    assert "grouping: Old group" in out and "style: Funk; Soul" in out
    # files, not field changes: 2 files, each with its grouping and style
    assert "dry run: 2 file(s) would change (4 field changes), 0 would be refused" in err, err
    # the review table works out "Will write" against the field written, not the genre
    from tagger.app.decisions import review_data
    from tagger.app.workspace import open_workspace

    ws = open_workspace(db)
    data = review_data(ws, [str(tmp_path / "music")])
    rows = {r.path: r for r in data.rows}
    assert ws.tag_target.fields == ("style", "grouping")  # the first is what the table compares with
    assert rows[str(files["flac"])].current == [] != read_tags(files["flac"]).genres
    assert data.will_write_text(rows[str(files["flac"])]) == "Funk; Soul"
    ws.close()
    before = {k: read_tags(p) for k, p in files.items()}
    code, out, err = run(capsys, "apply", tmp_path / "music", "--db", db)
    assert code == 0, err
    assert out.startswith("batch 1: 2 written, 0 failed"), out
    options = TagOptions(separator="; ")
    for key, path in files.items():
        got = read_tags(path, options)
        assert got.values("grouping") == ["Funk", "Soul"] and got.values("style") == ["Funk", "Soul"]
        assert got.genres == before[key].genres  # the genre field is not the one chosen
    assert ID3(files["mp3_v23"])["TIT1"].text == ["Funk; Soul"]

    # the settings change; undo still reads and writes as the batch did
    _settings(tmp_path)
    code, out, err = run(capsys, "undo", "--db", db)
    assert code == 0, err
    assert out.strip().endswith("batch 1: 2 file(s) restored (2 byte for byte), 0 not restored"), out
    for key, path in files.items():
        got = read_tags(path)
        assert got.values("style") == [] and got.genres == before[key].genres
        assert got.values("grouping") == before[key].values("grouping")
    assert read_tags(files["flac"]).values("grouping") == ["Old group"]


@pytest.mark.slow
def test_mood_is_written_only_when_asked_under_its_own_threshold(tmp_path, capsys):
    files = af.make_library(tmp_path / "music", ["ogg"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "analyze", tmp_path / "music", "--db", db, "--workers", "1", "--patches", "2")[0] == 0
    assert run(capsys, "decide", files["ogg"], "--db", db, "--genres", "Jazz")[0] == 0

    _, out, _ = run(capsys, "apply", tmp_path / "music", "--db", db, "--dry-run", "--json")
    assert {c["field"] for c in map(json.loads, out.splitlines())} == {"genre"}  # off by default
    from tagger.app.decisions import review_data
    from tagger.app.workspace import open_workspace

    off = open_workspace(db)
    assert [r.mood for r in review_data(off, [str(tmp_path / "music")]).rows] == [None]
    off.close()

    _settings(tmp_path, write_mood=True, mood_threshold=0.0)
    _, out, _ = run(capsys, "apply", tmp_path / "music", "--db", db, "--dry-run")
    assert "+ mood: " in out
    lib = Library(db)
    track = lib.tracks_under([str(tmp_path / "music")])[0]
    from tagger.app.workspace import open_workspace

    ws = open_workspace(db)
    changes = plan(lib, [track], ws.info, ws.vocab, "fill", target=ws.tag_target)
    (mood,) = [c for c in changes if c.field == "mood"]
    labels = [tag for tag, k in zip(ws.info.tags, ws.info.label_kinds) if k == "mood"]  # no "<tagger>:"
    assert len(mood.new) == 1 and mood.new[0].lower() in {m.lower() for m in labels}
    from tagger.app.decisions import review_data

    (row,) = review_data(ws, [str(tmp_path / "music")]).rows  # the review table shows it
    assert row.mood == mood.new[0]
    batch, outcomes = write_batch(lib, changes, "fill", options=ws.tag_target.options)
    assert all(o.status == "written" for o in outcomes)
    assert read_tags(files["ogg"]).values("mood") == mood.new and read_tags(files["ogg"]).genres == ["Jazz"]

    # above every score: no mood
    _settings(tmp_path, write_mood=True, mood_threshold=1.0)
    ws = open_workspace(db)
    assert [
        c for c in plan(lib, [track], ws.info, ws.vocab, "replace", target=ws.tag_target) if c.field == "mood"
    ] == []
    undo_batch(lib, batch)
    assert read_tags(files["ogg"]).values("mood") == []
    ws.close()
    lib.close()


def test_an_unknown_field_is_refused(tmp_path):
    path = af.make_library(tmp_path, ["flac"])["flac"]
    with pytest.raises(ValueError, match="unknown field"):
        write_fields(path, {"colour": ["Blue"]})
    # the separator is for single-value tags only: a multi-value format keeps the value whole
    write_genres_safely(path, ["Rock;Pop"], field="genre", options=TagOptions(separator="; "))
    assert read_tags(path, TagOptions(separator="; ")).genres == ["Rock;Pop"]
    assert format_for_extension(path).writable


def test_the_review_table_shows_every_chosen_field_as_the_write_does(tmp_path):
    """Genre and Style chosen, fill mode: "Current" holds each field's values and "Will
    write" says, per field, what the write then does to the real file (the genre kept,
    the empty style filled)."""
    from tagger.app.decisions import review_data
    from tagger.app.workspace import open_workspace

    music = tmp_path / "music"
    files = af.make_library(music, ["flac", "ogg"])
    write_fields(files["flac"], {"genre": ["Rock"]})  # a genre, no style
    write_fields(files["ogg"], {"genre": ["Funk"], "style": ["Funk"]})  # both already hold it
    db = tmp_path / "lib.sqlite"
    _settings(tmp_path, tag_fields=["genre", "style"], write_mode="fill")
    lib = Library(db)
    from tagger.scan import scan

    scan(lib, [music])
    ids = [lib.track_by_path(str(p)).id for p in files.values()]
    lib.set_decision(ids, "accepted", ["Funk"])
    lib.close()

    ws = open_workspace(db)
    try:
        data = review_data(ws, [str(music)])
        rows = {r.path: r for r in data.rows}
        flac, ogg = rows[str(files["flac"])], rows[str(files["ogg"])]
        assert data.current_by_field(flac) == [("genre", ["Rock"]), ("style", [])]
        assert data.previews_by_field(flac) == [("genre", [], "(keeps Rock — fill mode)"), ("style", ["Funk"], "Funk")]
        assert data.will_write_text(flac) == "(keeps Rock — fill mode) · Style: Funk"
        assert data.write_preview(flac) == (["Funk"], "(keeps Rock — fill mode) · Style: Funk")
        # fields that agree are shown once, as with a single field
        assert data.current_by_field(ogg) == [("genre", ["Funk"])]
        assert data.previews_by_field(ogg) == [("genre", [], "(already set)")]

        lib = ws.lib
        changes = plan(lib, lib.tracks_under([str(music)]), ws.info, ws.vocab, "fill", target=ws.tag_target)
        _, outcomes = write_batch(lib, changes, "fill", ws.info.key)
        assert [(o.path, o.field, o.status) for o in outcomes] == [(str(files["flac"]), "style", "written")]
    finally:
        ws.close()
    got = read_tags(files["flac"])
    assert got.genres == ["Rock"] and got.values("style") == ["Funk"]  # as "Will write" said
