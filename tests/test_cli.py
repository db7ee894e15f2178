"""The command line end to end: real files in every format, the real default model, a real
SQLite file. Runs `tagger.cli.main` in-process (its worker pool is real processes)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import zlib

import pytest

from tagger.cli import main
from tagger.fingerprint import payload_digest
from tagger.tags import read_tags, write_genres

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Never touch the user's config or data folders."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_help_and_version(capsys):
    from tagger import __version__

    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "analyze" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"genre-tagger {__version__}"
    with pytest.raises(SystemExit) as exc:
        main(["apply", ".", "--max-genres", "0"])
    assert exc.value.code == 2 and "must be 1 or more" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:  # the range the Settings dialog offers: one rule
        main(["analyze", ".", "--max-genres", "11"])
    assert exc.value.code == 2 and "must be 10 or less" in capsys.readouterr().err


def test_scan_is_incremental(tmp_path, make_library, broken_files, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir)
    shutil.copytree(broken_files.popitem()[1].parent, lib_dir / "broken")
    db = tmp_path / "lib.sqlite"

    code, out, _ = run(capsys, "scan", lib_dir, "--db", db, "--json")
    assert code == 0
    lines = json_lines(out)
    summary = lines[-1]["summary"]
    n_broken = len(list((lib_dir / "broken").iterdir()))
    assert summary["new"] == len(files) + n_broken
    errors = [x for x in lines[:-1] if x.get("status") == "error"]
    assert len(errors) == summary["errors"] >= n_broken - 1  # a wrong-extension file may still be readable
    assert all(e["error"] for e in errors)

    con = sqlite3.connect(db)
    rows = dict(con.execute("select path, genres_json from tracks where status='present'"))
    for path in files.values():
        assert json.loads(rows[str(path)]) == read_tags(path).genres

    # unchanged: nothing re-read
    _, out, _ = run(capsys, "scan", lib_dir, "--db", db, "--json")
    summary = json_lines(out)[-1]["summary"]
    assert summary["unchanged"] == summary["seen"] and summary["new"] == summary["changed"] == 0

    # one re-tagged, one removed
    write_genres(files["flac"], ["Baroque"])
    files["ogg"].unlink()
    _, out, _ = run(capsys, "scan", lib_dir, "--db", db, "--json")
    summary = json_lines(out)[-1]["summary"]
    assert (summary["changed"], summary["gone"], summary["new"]) == (1, 1, 0)
    row = con.execute("select genres_json from tracks where path=?", (str(files["flac"]),)).fetchone()
    assert json.loads(row[0]) == ["Baroque"]
    status = con.execute("select status from tracks where path=?", (str(files["ogg"]),)).fetchone()[0]
    assert status == "gone"


def test_analyze_json_cache_and_moves(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["mp3", "flac", "m4a"])
    db = tmp_path / "lib.sqlite"
    code, out, _ = run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "2")
    assert code == 0
    lines = json_lines(out)  # nothing but JSON on stdout
    assert sorted(x["path"] for x in lines) == sorted(str(p) for p in files.values())
    for x in lines:
        assert x["status"] == "ok" and x["error"] is None
        assert x["model"] == "msd-mtt-musicnn@1.1.0"
        scores = [g["score"] for g in x["genres"]]
        assert scores == sorted(scores, reverse=True) and len(scores) > 10
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert x["current"] == read_tags(x["path"]).genres

    con = sqlite3.connect(db)
    (n_analyses,) = con.execute("select count(*) from analyses").fetchone()
    assert n_analyses == 3
    starts, patch_scores, scores, created = con.execute(
        "select patch_starts_json, patch_scores_u8, scores_u16, created_at from analyses limit 1"
    ).fetchone()
    starts = json.loads(starts)
    assert len(starts) >= 2 and starts == sorted(starts) and starts[-1] > starts[0]  # spread, not only the start
    # stored compactly (tagger.db.compact): uint16 per label, uint8 per patch and label
    n_labels = len(scores) // 2
    assert n_labels > 10 and len(zlib.decompress(patch_scores)) == len(starts) * n_labels

    # moved + renamed + re-tagged files are recognised by their audio: nothing recomputed
    moved = lib_dir / "sub" / "renamed.mp3"
    moved.parent.mkdir()
    files["mp3"].rename(moved)
    write_genres(files["flac"], ["Something Else"])
    code, out, _ = run(capsys, "analyze", lib_dir, "--db", db, "--json")
    assert code == 0
    lines = json_lines(out)
    assert str(moved) in {x["path"] for x in lines}
    assert con.execute("select count(*) from analyses").fetchone()[0] == 3
    (created_again,) = con.execute(
        "select created_at from analyses where patch_starts_json=?", (json.dumps(starts),)
    ).fetchone()
    assert created_again == created
    flac_line = next(x for x in lines if x["path"] == str(files["flac"]))
    assert flac_line["current"] == ["Something Else"]


def test_analyze_reports_broken_files(tmp_path, broken_files, make_library, capsys):
    lib_dir = next(iter(broken_files.values())).parent
    make_library(lib_dir / "good", ["wav"])
    code, out, _ = run(capsys, "analyze", lib_dir, "--db", tmp_path / "db.sqlite", "--json", "--workers", "1")
    assert code == 1  # some tracks failed: scripts can tell
    lines = {x["path"]: x for x in json_lines(out)}
    good = [x for x in lines.values() if x["status"] == "ok"]
    bad = [x for x in lines.values() if x["status"] == "error"]
    assert len(good) >= 1 and len(bad) >= len(broken_files) - 1
    assert all(isinstance(x["error"], str) and x["error"] for x in bad)
    assert all(x["genres"] == [] for x in bad)


def test_apply_dry_run_modes_and_undo(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["mp3", "mp3_v23", "ogg", "wav", "flac"])
    db = tmp_path / "lib.sqlite"
    before = {k: (read_tags(p).genres, p.read_bytes()) for k, p in files.items()}
    digests = {k: payload_digest(p) for k, p in files.items()}
    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "2")[0] == 0

    # dry run: exact diff, nothing written
    code, out, _ = run(
        capsys,
        "apply",
        lib_dir,
        "--db",
        db,
        "--dry-run",
        "--json",
        "--min-confidence",
        "0",
        "--max-genres",
        "2",
        "--mode",
        "replace",
    )
    assert code == 0
    planned = {x["path"]: x for x in json_lines(out)}
    assert set(planned) == {str(p) for p in files.values()}
    for k, p in files.items():
        assert planned[str(p)]["old"] == before[k][0]
        assert len(planned[str(p)]["new"]) == 2
        assert p.read_bytes() == before[k][1]

    # fill: only the files without a genre change
    code, out, _ = run(capsys, "apply", lib_dir, "--db", db, "--json", "--min-confidence", "0", "--max-genres", "2")
    assert code == 0
    written = {x["path"]: x for x in json_lines(out)}
    empty = {k for k, (g, _) in before.items() if not g}
    assert set(written) == {str(files[k]) for k in empty} and empty
    for k in empty:
        genres = read_tags(files[k]).genres
        assert genres == written[str(files[k])]["new"] and len(genres) == 2
    for k in set(files) - empty:
        assert files[k].read_bytes() == before[k][1]

    # merge: the others gain suggested genres, keep their own first
    code, out, _ = run(
        capsys, "apply", lib_dir, "--db", db, "--json", "--mode", "merge", "--min-confidence", "0", "--max-genres", "1"
    )
    assert code == 0
    merged = json_lines(out)
    assert merged and {x["path"] for x in merged} <= {str(files[k]) for k in set(files) - empty}
    for x in merged:
        assert x["status"] == "written"
        on_disk = read_tags(x["path"]).genres
        assert on_disk[: len(x["old"])] == x["old"] and len(on_disk) == len(x["old"]) + 1

    code, out, _ = run(capsys, "history", "--db", db, "--json")
    batches = json_lines(out)
    assert [b["batch"] for b in batches] == [2, 1] and all(b["undone_at"] is None for b in batches)

    # undo the last, then the first: every file holds exactly its old genres, audio intact
    assert run(capsys, "undo", "--db", db)[0] == 0
    assert run(capsys, "undo", "1", "--db", db)[0] == 0
    for k, p in files.items():
        assert read_tags(p).genres == before[k][0]
        assert payload_digest(p) == digests[k]  # audio bytes untouched by two rewrites
    code, _, err = run(capsys, "undo", "1", "--db", db)
    assert code == 1 and "already undone" in err


def test_decide_then_apply_decided_only(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["ogg", "wav"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1")[0] == 0
    assert run(capsys, "decide", files["ogg"], "--db", db, "--genres", "hip hop; Dub Techno")[0] == 0
    code, out, _ = run(capsys, "apply", lib_dir, "--db", db, "--decided-only", "--json")
    assert code == 0
    [x] = json_lines(out)
    assert x["path"] == str(files["ogg"]) and x["new"] == ["Hip-Hop", "Dub Techno"]  # alias -> canonical
    assert read_tags(files["ogg"]).genres == ["Hip-Hop", "Dub Techno"]
    assert read_tags(files["wav"]).genres == []


def test_bad_model_files_give_clear_errors(tmp_path, make_library, capsys):
    import onnx
    from onnx import TensorProto, helper

    lib_dir = tmp_path / "music"
    make_library(lib_dir, ["wav"])
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\x00not a model" * 100)
    code, _, err = run(capsys, "analyze", lib_dir, "--db", tmp_path / "db", "--model", junk)
    assert code == 1 and "junk.onnx" in err and "not a readable ONNX file" in err

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])
    graph = helper.make_graph([helper.make_node("Sigmoid", ["x"], ["y"])], "g", [x], [y])
    bare = tmp_path / "bare.onnx"
    onnx.save(helper.make_model(graph), bare)
    code, _, err = run(capsys, "analyze", lib_dir, "--db", tmp_path / "db", "--model", bare)
    assert code == 1 and "not a Genre Tagger model" in err and "labels" in err

    code, _, err = run(capsys, "analyze", lib_dir, "--db", tmp_path / "db", "--model", tmp_path / "missing.onnx")
    assert code == 1 and "no such model file" in err


def test_models_lists_the_default_model(capsys):
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0
    models = json_lines(out)
    default = next(m for m in models if m.get("name") == "msd-mtt-musicnn")
    assert len(default["labels"]) == 100 and "genre" in default["label_kinds"] and "mood" in default["label_kinds"]
    assert any(m.get("name") == "msd-musicnn" for m in models)  # the MSD-only model stays a choice


def test_onnxruntime_writes_no_telemetry_and_device_fallback_is_reported(tmp_path, make_library):
    """A fresh process with an empty HOME: analysing must leave nothing of onnxruntime's
    telemetry queue behind, and asking for a GPU this build lacks says it used the CPU."""
    import os
    import subprocess
    import sys

    lib_dir = tmp_path / "music"
    make_library(lib_dir, ["wav"])
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        GENRE_TAGGER_DATA_DIR=str(tmp_path / "data"),
        GENRE_TAGGER_CONFIG_DIR=str(tmp_path / "config"),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "tagger", "analyze", str(lib_dir), "--device", "cuda", "--workers", "1", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]  # stdout: JSON lines only, workers included
    assert [x["status"] for x in lines] == ["ok"]
    assert "cuda is not available" in proc.stderr and "CPU" in proc.stderr
    leftovers = [p for p in home.rglob("*") if "onnxruntime" in str(p).lower() or "Microsoft" in str(p)]
    assert leftovers == []


def test_aliases_collapse_so_undo_still_matches(tmp_path, make_library, capsys):
    """Two spellings of one genre are written once, and the batch records exactly what
    the file then holds, so undo recognises its own write."""
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["flac"])
    db = tmp_path / "lib.sqlite"
    before = read_tags(files["flac"]).genres
    assert before  # the flac fixture starts with genres: an override is written in fill mode too
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    assert run(capsys, "decide", files["flac"], "--db", db, "--genres", "Electronica; electronic music")[0] == 0
    code, out, _ = run(capsys, "apply", lib_dir, "--db", db, "--decided-only", "--json")
    assert code == 0 and json_lines(out)[0]["new"] == ["Electronic"]
    assert read_tags(files["flac"]).genres == ["Electronic"]
    code, out, err = run(capsys, "undo", "--db", db)
    assert code == 0, err
    assert read_tags(files["flac"]).genres == before


def test_undo_leaves_files_edited_since_alone(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["ogg", "wav"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    assert run(capsys, "decide", lib_dir, "--db", db, "--genres", "Jazz")[0] == 0
    assert run(capsys, "apply", lib_dir, "--db", db, "--decided-only")[0] == 0
    write_genres(files["ogg"], ["Edited By Hand"])
    code, out, err = run(capsys, "undo", "--db", db)
    assert code == 1 and "changed on disk" in err and str(files["ogg"]) in err
    assert read_tags(files["ogg"]).genres == ["Edited By Hand"]
    assert read_tags(files["wav"]).genres == []  # the other file was restored (it had none)


def test_cache_follows_patch_count_and_model_file(tmp_path, make_library, capsys):
    import onnx

    from tagger.model import default_model_path

    lib_dir = tmp_path / "music"
    make_library(lib_dir, ["wav"])
    db = tmp_path / "lib.sqlite"
    con = sqlite3.connect(db)

    def analysed_at():
        return con.execute("select n_patches, created_at from analyses").fetchall()

    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1")[0] == 0
    [(n1, t1)] = analysed_at()
    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1")[0] == 0
    assert analysed_at() == [(n1, t1)]  # cached
    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1", "--patches", "1")[0] == 0
    [(n2, t2)] = analysed_at()
    assert (n2, t2 > t1) == (1, True)  # another patch plan: recomputed

    # a retrained model under the same name@version: a different file, stale results dropped
    model = onnx.load(str(default_model_path()))
    copy = tmp_path / "models" / "same-name.onnx"
    copy.parent.mkdir()
    onnx.save(model, copy)
    assert (
        run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1", "--patches", "1", "--model", copy)[0]
        == 0
    )
    assert analysed_at() == [(n2, t2)]  # same bytes: still cached
    for p in model.metadata_props:
        if p.key == "description":
            p.value += " (retrained)"
    onnx.save(model, copy)
    assert (
        run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1", "--patches", "1", "--model", copy)[0]
        == 0
    )
    [(n3, t3)] = analysed_at()
    assert t3 > t2


def test_a_killed_worker_loses_no_track(tmp_path, make_library):
    """Kill a worker process mid-run (as the OOM killer would): the pool is restarted and
    every track still ends up analysed or failed with a reason."""
    import multiprocessing
    import os
    import signal

    from tagger.app.analysis import AnalysisRun
    from tagger.db import Library
    from tagger.scan import scan

    lib_dir = tmp_path / "music"
    make_library(lib_dir, ["wav", "flac", "ogg", "mp3", "aiff", "m4a"])
    make_library(tmp_path / "music" / "b", ["wav", "flac", "ogg", "mp3"], variant="b")
    lib = Library(tmp_path / "lib.sqlite")
    scan(lib, [lib_dir])
    tracks = lib.tracks_under([lib_dir])
    killed = []

    def on_result(tr, progress):
        if not killed:
            victims = [p for p in multiprocessing.active_children() if p.is_alive()]
            os.kill(victims[0].pid, signal.SIGKILL)
            killed.append(victims[0].pid)

    progress = AnalysisRun(lib, workers=2, n_patches=2).run(tracks, on_result)
    assert killed
    assert progress.done + progress.failed == len(tracks) == 10
    assert progress.done >= len(tracks) - 2


def test_no_display_gives_a_hint_not_a_crash(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["GENRE_TAGGER_CONFIG_DIR"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "tagger"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "no display" in proc.stderr and "tagger analyze" in proc.stderr


# ------------------------------------------------------------------ fixes from a user-level audit
def decisions(db) -> dict[str, tuple[str, list[str]]]:
    con = sqlite3.connect(db)
    rows = con.execute("select t.path, d.state, d.genres_json from decisions d join tracks t on t.id = d.track_id")
    return {p: (state, json.loads(g)) for p, state, g in rows}


def test_decide_accept_counts_only_tracks_it_recorded(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["wav", "ogg"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0

    # nothing analysed: nothing to accept, and the exit code says so
    code, out, err = run(capsys, "decide", files["wav"], "--db", db, "--accept")
    assert code == 1 and "updated" not in out
    assert "no suggestion to accept" in err and "not analysed" in err and "tagger analyze" in err
    assert decisions(db) == {}

    # one of two analysed: only that one is counted
    assert run(capsys, "analyze", files["wav"], "--db", db, "--json", "--workers", "1", "--patches", "1")[0] == 0
    code, out, err = run(capsys, "decide", lib_dir, "--db", db, "--accept", "--min-confidence", "0")
    assert code == 0 and "1 of 2 track(s) updated" in out
    assert str(files["ogg"]) in err and str(files["wav"]) not in err
    assert set(decisions(db)) == {str(files["wav"])}

    # analysed, but nothing scores high enough: the reason names the option to change
    code, out, err = run(capsys, "decide", files["wav"], "--db", db, "--accept", "--min-confidence", "1")
    assert code == 1 and "--min-confidence" in err and "updated" not in out


def test_decide_accept_on_a_folder_keeps_the_users_decisions(tmp_path, make_library, capsys):
    """A folder's suggestions never replace what the user decided by hand (the app's
    Accept all above threshold takes undecided rows only); a file named on its own is
    decided again, like a row selected in the app."""
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["wav", "ogg", "flac"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1", "--patches", "1")[0] == 0
    assert run(capsys, "decide", files["flac"], "--db", db, "--genres", "Classical")[0] == 0
    assert run(capsys, "decide", files["ogg"], "--db", db, "--skip")[0] == 0

    code, out, err = run(capsys, "decide", lib_dir, "--db", db, "--accept", "--min-confidence", "0")
    assert code == 0 and "1 of 3 track(s) updated" in out
    assert "2 track(s) already decided or written, left alone" in err
    found = decisions(db)
    assert found[str(files["flac"])] == ("overridden", ["Classical"])
    assert found[str(files["ogg"])] == ("skipped", [])
    assert found[str(files["wav"])][0] == "accepted" and found[str(files["wav"])][1]

    # named on its own, a decided file takes its suggestion
    code, out, err = run(capsys, "decide", files["ogg"], "--db", db, "--accept", "--min-confidence", "0")
    assert code == 0 and "1 of 1 track(s) updated" in out and "already decided" not in err
    assert decisions(db)[str(files["ogg"])][0] == "accepted"

    # every track decided: nothing to do is not a failure, and nothing changed
    before = decisions(db)
    code, out, err = run(capsys, "decide", lib_dir, "--db", db, "--accept", "--min-confidence", "0")
    assert code == 0 and "3 track(s) already decided or written, left alone" in err
    assert decisions(db) == before


def test_analyze_says_why_a_track_has_no_suggestion(tmp_path, make_library, capsys):
    files = make_library(tmp_path / "music", ["wav"])
    db = tmp_path / "lib.sqlite"
    code, out, _ = run(capsys, "analyze", files["wav"], "--db", db, "--workers", "1", "--min-confidence", "1")
    assert code == 0 and "suggested: none (its best genre, " in out and "is below the threshold 1)" in out


def _renamed_copy(src, dest, name: str) -> None:
    """The model file `src` saved as `dest` under another model name."""
    import onnx

    model = onnx.load(str(src))
    for p in model.metadata_props:
        if p.key == "name":
            p.value = name
    dest.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, dest)


def test_model_chosen_by_the_name_models_lists(tmp_path, make_library, capsys):
    from tagger.model import default_model_path
    from tagger.paths import user_models_dir

    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["wav"])
    db = tmp_path / "lib.sqlite"
    fast = ["--json", "--workers", "1", "--patches", "1"]

    code, out, err = run(capsys, "analyze", lib_dir, "--db", db, "--model", "msd-vgg", *fast)
    assert code == 0, err
    assert [x["model"] for x in json_lines(out)] == ["msd-vgg@1.1.0"]
    code, out, err = run(
        capsys, "apply", lib_dir, "--db", db, "--model", "msd-vgg@1.1.0", "--dry-run", "--json", "--min-confidence", "0"
    )
    assert code == 0 and [x["path"] for x in json_lines(out)] == [str(files["wav"])]
    assert "not analysed" not in err
    code, out, err = run(
        capsys, "decide", lib_dir, "--db", db, "--model", "msd-vgg.onnx", "--accept", "--min-confidence", "0"
    )
    assert code == 0 and "1 of 1 track(s) updated" in out

    # a model in the user's model folder, by its name
    _renamed_copy(default_model_path().with_name("msd-vgg.onnx"), user_models_dir() / "mine.onnx", "my-genres")
    code, out, err = run(capsys, "analyze", lib_dir, "--db", db, "--model", "my-genres", *fast)
    assert code == 0, err
    assert [x["model"] for x in json_lines(out)] == ["my-genres@1.1.0"]

    # neither a file nor a name: the names to choose from
    code, _, err = run(capsys, "apply", lib_dir, "--db", db, "--model", "no-such-model", "--dry-run")
    assert code == 1 and "no-such-model" in err
    assert all(k in err for k in ("msd-musicnn@1.1.0", "msd-vgg@1.1.0", "my-genres@1.1.0"))
    # one name, two files: which one is not guessed
    _renamed_copy(default_model_path().with_name("msd-vgg.onnx"), user_models_dir() / "mine-too.onnx", "my-genres")
    code, _, err = run(capsys, "analyze", lib_dir, "--db", db, "--model", "my-genres", *fast)
    assert code == 1 and "several models" in err and "mine-too.onnx" in err


def test_apply_says_when_the_model_never_analysed_the_tracks(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    make_library(lib_dir, ["wav", "ogg"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "analyze", lib_dir, "--db", db, "--json", "--workers", "1", "--patches", "1")[0] == 0

    code, out, err = run(
        capsys, "apply", lib_dir, "--db", db, "--dry-run", "--model", "msd-vgg", "--min-confidence", "0"
    )
    assert code == 0 and out == ""
    assert "2 of 2 track(s) not analysed by msd-vgg@1.1.0" in err
    assert f"tagger analyze {lib_dir} --model msd-vgg" in err
    # the default model did analyse them: no such note
    code, out, err = run(capsys, "apply", lib_dir, "--db", db, "--dry-run", "--min-confidence", "0")
    assert code == 0 and "not analysed" not in err and "2 file(s) would change, 0 would be refused" in err


def test_missing_paths_are_named_as_missing(tmp_path, make_library, capsys):
    lib_dir = tmp_path / "music"
    make_library(lib_dir, ["wav"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    missing = tmp_path / "no-such-folder"
    for argv in (
        ["apply", missing],
        ["apply", lib_dir, missing, "--dry-run"],
        ["decide", missing, "--skip"],
        ["scan", missing],
        ["analyze", missing],
    ):
        code, _, err = run(capsys, *argv, "--db", db)
        assert code == 1 and "no such file or folder" in err and str(missing) in err, argv
        assert "first" not in err, argv  # not "run `tagger analyze` first"
    assert decisions(db) == {}


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["analyze", ".", "--workers", "0"], "argument --workers: must be 1 or more"),
        (["analyze", ".", "--patches", "0"], "argument --patches: must be 1 or more"),
        (["analyze", ".", "--patches", "two"], "argument --patches: 'two' is not a whole number"),
        (["apply", ".", "--min-confidence", "abc"], "argument --min-confidence: 'abc' is not a number between 0 and 1"),
        (["apply", ".", "--min-confidence", "1.5"], "argument --min-confidence: must be between 0 and 1"),
        (["apply", ".", "--max-genres", "x"], "argument --max-genres: 'x' is not a whole number"),
        (["undo", "0"], "argument BATCH: must be 1 or more"),
        (["analyze", ".", "--workers", "1000"], "argument --workers: must be 64 or less"),
        (["analyze", ".", "--patches", "31"], "argument --patches: must be 30 or less"),
        (["analyze", ""], "argument PATH: empty (an unset variable?)"),
        (["scan", "", "."], "argument DIR: empty"),
        (["decide", "", "--accept"], "argument PATH: empty"),
        (["history", "--db", ""], "argument --db: empty"),
        (["apply", ".", "--model", ""], "argument --model: empty"),
    ],
)
def test_bad_option_values_are_refused_by_name(argv, expected, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and expected in err
    assert "_fraction" not in err and "invalid" not in err  # no internal function names


def test_vocabulary_init_keeps_the_users_file_and_a_broken_one_stops(tmp_path, make_library, capsys):
    from tagger.paths import config_dir

    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["wav"])
    db = tmp_path / "lib.sqlite"
    code, out, _ = run(capsys, "vocabulary", "--init")
    assert code == 0 and "copied" in out
    user = config_dir() / "vocabulary.json"
    user.write_text(json.dumps({"genres": {"Jazz": ["jazzy"], "Mine": []}}), encoding="utf-8")
    edited = user.read_bytes()
    code, out, _ = run(capsys, "vocabulary", "--init")
    assert code == 0 and "kept" in out and "copied" not in out
    assert user.read_bytes() == edited
    assert run(capsys, "vocabulary")[1].split() == ["Jazz", "(jazzy)", "Mine"]

    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    assert run(capsys, "decide", lib_dir, "--db", db, "--genres", "jazzy")[0] == 0
    # bad JSON; an alias not text; no object at all; a genre no file may hold (the
    # genre-name rule: a tab, a text-direction override, 201 characters)
    not_genres = ('{"genres": {"Jazz\\tFusion": []}}', '{"genres": {"Jazz\\u202eFusion": []}}')
    for broken in (
        '{"genres": {"Jazz": ["jazzy"],',
        '{"genres": {"Jazz": [1]}}',
        "[]",
        *not_genres,
        json.dumps({"genres": {"J" * 201: []}}),
    ):
        user.write_text(broken, encoding="utf-8")
        code, out, err = run(capsys, "vocabulary")
        assert code == 1 and out == "" and str(user) in err and "not a valid vocabulary file" in err
        assert "list indices" not in err and len(err.splitlines()) == 1
        if broken in not_genres:
            assert "cannot be a genre: it holds a control character" in err and "Jazz\\" in err
        code, out, err = run(capsys, "apply", lib_dir, "--db", db, "--decided-only")
        assert code == 1 and str(user) in err and "bundled" in err  # the hint: fix it or delete it
        assert read_tags(files["wav"]).genres == []  # stopped before writing anything
        assert run(capsys, "vocabulary", "--init")[0] == 1 and user.read_text(encoding="utf-8") == broken
    user.unlink()  # the bundled vocabulary again
    assert run(capsys, "apply", lib_dir, "--db", db, "--decided-only")[0] == 0
    assert read_tags(files["wav"]).genres == ["Jazz"]


def test_scan_counts_a_move_once(tmp_path, make_library, capsys):
    """Needs ScanResult to count a move as moved only (tagger/scan.py)."""
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["wav", "ogg"])
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    (lib_dir / "sub").mkdir()
    files["wav"].rename(lib_dir / "sub" / "renamed.wav")

    code, out, _ = run(capsys, "scan", lib_dir, "--db", db, "--json")
    summary = json_lines(out)[-1]["summary"]
    assert code == 0 and (summary["new"], summary["gone"], summary["moved"]) == (0, 0, 1)
    assert summary["seen"] == summary["new"] + summary["changed"] + summary["unchanged"] + summary["moved"]
    files["ogg"].rename(lib_dir / "sub" / "renamed.ogg")
    code, out, _ = run(capsys, "scan", lib_dir, "--db", db)
    assert code == 0 and "0 new" in out and "0 gone" in out and "1 moved" in out


def test_apply_counts_and_undo_after_a_move_in_the_terminal(tmp_path, make_library, capsys):
    """What a user reads: written/failed/skipped counts with the undo hint; a file moved
    and renamed since the batch is restored at its new place, and history says so."""
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["flac", "mp3"])
    db = tmp_path / "lib.sqlite"
    before = read_tags(files["flac"]).genres
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    assert run(capsys, "decide", lib_dir, "--db", db, "--genres", "Dub Techno")[0] == 0
    code, out, _ = run(capsys, "apply", lib_dir, "--db", db, "--decided-only")
    assert code == 0 and "batch 1: 2 written, 0 failed (undo with `tagger undo 1`)" in out

    moved = lib_dir / "elsewhere" / "renamed.flac"
    moved.parent.mkdir()
    files["flac"].rename(moved)
    assert run(capsys, "scan", lib_dir, "--db", db)[0] == 0
    code, out, err = run(capsys, "undo", "--db", db)
    assert code == 0, err
    assert f"restored at its new place: {moved} (was {files['flac']})" in out
    assert read_tags(moved).genres == before

    # a batch that wrote nothing: the dry run says so in advance; said so, and not offered for undo
    os.chmod(files["mp3"], 0o444)
    assert run(capsys, "decide", files["mp3"], "--db", db, "--genres", "Jazz")[0] == 0
    code, out, err = run(capsys, "apply", files["mp3"], "--db", db, "--decided-only", "--dry-run")
    assert code == 0 and "WOULD FAIL: read-only file" in out and "0 file(s) would change, 1 would be refused" in err
    code, out, err = run(capsys, "apply", files["mp3"], "--db", db, "--decided-only", "--dry-run", "--json")
    assert json_lines(out)[0]["status"] == "would-fail" and json_lines(out)[0]["error"] == "read-only file"
    code, out, err = run(capsys, "apply", files["mp3"], "--db", db, "--decided-only")
    assert code == 1 and "read-only" in err
    assert "0 written, 1 failed (nothing was written, so there is nothing to undo)" in out
    code, out, _ = run(capsys, "history", "--db", db)
    assert "batch 2" in out and "(nothing to undo)" in out.split("batch 1")[0]


# ------------------------------------------------------------------ messages that say what happened
def test_models_prints_a_readable_summary_and_json_keeps_everything(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0 and "{" not in out  # no raw JSON
    block = out.split("\n\n")[0]
    assert block.startswith("msd-musicnn ") or "msd-musicnn" in out
    assert "genre (30):" in out and "mood (8):" in out and "era (6):" in out
    assert "licence: ISC" in out
    assert "by source: nexuiz" in out  # a nested figure is a table row, not cut JSON
    code, out, _ = run(capsys, "models", "--json")
    full = next(m for m in json_lines(out) if m.get("name") == "msd-musicnn")
    assert full["feature_spec"]["n_mels"] == 96 and full["evaluation"]["by_source"]
    assert full["key"] == f"msd-musicnn@{full['version']}" and full["credit"]


def test_messages_name_what_happened(tmp_path, make_library, broken_files, capsys):
    lib_dir = tmp_path / "music"
    files = make_library(lib_dir, ["ogg"])
    shutil.copy(broken_files["random.mp3"], lib_dir / "random.mp3")
    (lib_dir / "notes.txt").write_text("not music")
    db = tmp_path / "lib.sqlite"
    run(capsys, "analyze", lib_dir, "--db", db, "--workers", "1", "--patches", "1")

    # a file that failed is said to have failed (with why), not to be unanalysed
    code, _, err = run(capsys, "decide", lib_dir / "random.mp3", "--db", db, "--accept")
    assert code == 1 and "could not be read" in err and "not analysed" not in err and "tagger analyze" not in err
    # a file that is no audio is said to be none
    for command in (["decide", "--accept"], ["apply"]):
        code, _, err = run(capsys, command[0], lib_dir / "notes.txt", "--db", db, *command[1:])
        assert code == 1 and "not an audio file" in err and "no scanned tracks" not in err

    # a track the user skipped is named apart from files left alone
    assert run(capsys, "decide", files["ogg"], "--db", db, "--skip")[0] == 0
    code, out, err = run(capsys, "apply", lib_dir, "--db", db)
    assert "1 skipped by you" in err and "left alone" not in out

    # undo when every batch is undone says so
    run(capsys, "decide", files["ogg"], "--db", db, "--genres", "Funk")
    assert run(capsys, "apply", lib_dir, "--db", db)[0] == 0
    assert run(capsys, "undo", "--db", db)[0] == 0
    code, _, err = run(capsys, "undo", "--db", db)
    assert code == 1 and "already undone" in err and "no write batch" not in err


@pytest.mark.parametrize("command", ["scan", "analyze", "apply", "undo", "history", "decide", "models", "vocabulary"])
def test_help_documents_every_argument_and_the_exit_status(command, capsys):
    from tagger.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    for action in sub._actions:
        assert action.help, f"{command}: {action.option_strings or action.dest} has no help"
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "exit status: 0 done" in capsys.readouterr().out


def test_a_folder_or_file_alone_opens_the_app_on_its_folder(tmp_path, make_library, monkeypatch):
    """`genre-tagger FOLDER` (what the menu entry's %F passes): the app, not "invalid choice"."""
    import tagger.gui.app

    files = make_library(tmp_path / "music", ["ogg"])
    opened = []
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(tagger.gui.app, "run_app", lambda folder, db: opened.append((folder, db)) or 0)
    assert main([str(tmp_path / "music")]) == 0
    assert main([str(files["ogg"]), "--db", str(tmp_path / "x.sqlite")]) == 0
    assert opened == [(str(tmp_path / "music"), None), (str(files["ogg"].parent), str(tmp_path / "x.sqlite"))]


def test_json_stdout_holds_only_the_commands_own_lines(tmp_path, make_library, broken_files, capsys):
    """What another thread prints while a command runs (a library's background thread:
    Ray's driver prints a lost node's report on stdout) goes to stderr, uncoloured, so
    --json's stdout stays one JSON object per line."""
    import threading

    music = tmp_path / "music"
    make_library(music)
    for path in list(broken_files.values())[:3]:
        shutil.copy(path, music)
    stop = threading.Event()
    before = sys.stdout
    printed = []

    def chatter() -> None:  # like Ray's thread: it exists while the command runs
        while not stop.is_set():
            if sys.stdout is not before:
                print("\x1b[33m(raylet)\x1b[0m a node was marked dead", flush=True)
                printed.append(1)
            stop.wait(0.001)

    noise = threading.Thread(target=chatter)
    noise.start()
    try:
        code = main(["scan", str(music), "--db", str(tmp_path / "lib.db"), "--json"])
    finally:
        stop.set()
        noise.join()
    out, err = capsys.readouterr()
    assert code == 0 and printed
    lines = out.splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)
    assert "summary" in json.loads(lines[-1])
    assert "(raylet) a node was marked dead" in err and "\x1b" not in err


def test_apply_says_which_tracks_it_leaves_out_because_their_analysis_failed(tmp_path, make_library, capsys):
    """A FLAC cut short after the scan read its header: its analysis fails, and apply
    counts it as such, not as "no decision or confident suggestion"."""
    files = make_library(tmp_path / "music", ["flac", "ogg"])
    data = files["flac"].read_bytes()
    files["flac"].write_bytes(data[: len(data) // 3])
    db = tmp_path / "lib.sqlite"
    code, out, err = run(capsys, "analyze", tmp_path / "music", "--db", db, "--workers", "1", "--patches", "1")
    assert "FAILED" in out, out
    code, out, err = run(capsys, "apply", tmp_path / "music", "--db", db, "--dry-run", "--min-confidence", "0")
    assert code == 0 and "1 whose analysis failed" in err and "no decision" not in err, err


def test_apply_counts_what_it_leaves_out_in_the_right_number(tmp_path, make_library, capsys):
    """'1 already hold these genres' was seen: the count agrees with its verb."""
    from tagger.apply import left_out_words

    files = make_library(tmp_path / "music", ["mp3", "ogg"])  # the MP3 has genres, the Ogg none
    db = tmp_path / "lib.sqlite"
    assert run(capsys, "analyze", tmp_path / "music", "--db", db, "--workers", "1", "--patches", "1")[0] == 0
    code, out, err = run(capsys, "apply", tmp_path / "music", "--db", db, "--dry-run", "--min-confidence", "0")
    assert code == 0 and "not in this write: 1 already has genres (fill mode)" in err
    assert str(files["ogg"]) in out
    assert left_out_words("unchanged", 1) == "1 already holds these genres"
    assert left_out_words("unchanged", 2) == "2 already hold these genres"
    assert left_out_words("skipped", 1) == "1 skipped by you"


def test_a_personal_model_given_as_the_model_says_how_to_use_it(tmp_path, capsys):
    """`--model mine.personal.npz` (a helper tried it, and `trainer evaluate` with it):
    one line that says what the file is and the command that uses it."""
    f = tmp_path / "mine.personal.npz"
    f.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    code = main(["analyze", str(tmp_path), "--model", str(f), "--db", str(tmp_path / "lib.sqlite")])
    err = capsys.readouterr().err
    assert code != 0 and "a personal model adds genres to a model" in err and "tagger personal use" in err
    assert "Traceback" not in err
