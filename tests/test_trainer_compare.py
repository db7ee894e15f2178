"""`trainer compare`: several families trained on one split, scored on the same test tracks."""

from __future__ import annotations

import json

import pytest
from test_trainer_synth import TEST_SPEC, make_genre_folders

from trainer import cli
from trainer.metrics import wilson_interval


def test_compare_trains_each_family_on_the_same_split_and_writes_one_table(tmp_path, capsys):
    make_genre_folders(tmp_path / "data", 6, seed=51, seconds=3.5)
    out = tmp_path / "out"
    argv = ["compare", "--data", str(tmp_path / "data"), "--archs", "crnn,cnn", "--out-dir", str(out)]
    argv += ["--epochs", "3", "--width", "0.25", "--spec", TEST_SPEC, "--threads", "1", "--time-tracks", "2"]
    argv += ["--no-progress", "--cache-dir", str(tmp_path / "cache"), "--fit-args", "--lr 3e-3"]
    assert cli.main(argv) == 0, capsys.readouterr().err
    rows = json.loads((out / "compare.json").read_text())
    assert [r["arch"] for r in rows] == ["crnn", "cnn"] and not any("error" in r for r in rows)
    # the same 4 held-out tracks (one per class) for both families
    reports = [json.loads((out / f"{a}-report" / "report.json").read_text()) for a in ("crnn", "cnn")]
    assert [r["tracks"] for r in reports] == [4, 4]
    assert {p["path"] for p in reports[0]["predictions"]} == {p["path"] for p in reports[1]["predictions"]}
    for r in rows:
        assert 0 <= r["accuracy"] <= 1 and r["size_mb"] > 0 and r["seconds_per_track"] > 0
    table = (out / "compare.md").read_text()
    assert "| arch | test tracks | accuracy | macro-F1 | model size | time per track in the app |" in table
    assert table.count("\n| `") == 2
    # 4 test tracks: each accuracy with its 95 % interval, and the table says what that is
    for r in rows:
        low, high = wilson_interval(round(r["accuracy"] * 4), 4)
        assert f"| `{r['arch']}` | 4 | {r['accuracy']:.3f} ({low:.2f}-{high:.2f}) |" in table
    assert "In brackets: the accuracy's 95 % interval" in table


def test_compare_refuses_unknown_families_before_training(tmp_path):
    with pytest.raises(ValueError, match="unknown architecture 'vgg16'"):
        from trainer import compare

        compare.compare(type("A", (), {"archs": "crnn,vgg16", "data": str(tmp_path)})())


def test_compare_scores_the_personal_model_on_the_same_test_tracks(tmp_path, capsys):
    """`head` (the app's personal model, a .personal.npz that `trainer evaluate` does not
    read) gets its row from its own held-out scoring of the same test tracks."""
    make_genre_folders(tmp_path / "data", 6, seed=51, seconds=3.5)
    out = tmp_path / "out"
    argv = ["compare", "--data", str(tmp_path / "data"), "--archs", "mlp,head", "--out-dir", str(out)]
    argv += ["--threads", "1", "--time-tracks", "2", "--no-progress", "--cache-dir", str(tmp_path / "cache")]
    assert cli.main(argv) == 0, capsys.readouterr().err
    rows = {r["arch"]: r for r in json.loads((out / "compare.json").read_text())}
    assert "error" not in rows["head"], rows["head"]
    assert (out / "head.personal.npz").is_file()
    assert rows["head"]["tracks"] == rows["mlp"]["tracks"] == 4  # the same held-out tracks
    assert 0 <= rows["head"]["accuracy"] <= 1 and rows["head"]["macro_f1"] is None
    assert "| `head` | 4 |" in (out / "compare.md").read_text()


def test_compare_refuses_nonsense_options_before_training(tmp_path, capsys):
    make_genre_folders(tmp_path / "data", 2, seed=51, seconds=3.5)
    argv = ["compare", "--data", str(tmp_path / "data"), "--archs", "crnn", "--out-dir", str(tmp_path / "out")]
    assert cli.main([*argv, "--epochs", "-1"]) == 1
    assert "--epochs must be >= 1 (got -1)" in capsys.readouterr().err
    assert not (tmp_path / "out" / "compare.md").exists()


def test_the_table_carries_the_splits_caveat():
    """A by-track split of a class with few artists is optimistic for every family: the
    comparison says so under its table, as `trainer fit` does (a researcher helper saw
    0.857 against 0.429 on such a split, with no caveat)."""
    import argparse

    from trainer.compare import markdown

    args = argparse.Namespace(data="d", seed=0, time_tracks=2)
    args.split_caveats = [
        "class(es) Folk have fewer than 3 artists (and albums): split by track there (validation figures may be optimistic)"
    ]
    row = {"arch": "crnn", "tracks": 7, "accuracy": 0.857, "macro_f1": 0.8, "size_mb": 1.0, "seconds_per_track": 0.1}
    table = markdown([{**row, "train_seconds": 3.0}], args)
    assert "The split: class(es) Folk have fewer than 3 artists" in table and "share this caveat" in table
    args.split_caveats = []
    assert "The split:" not in markdown([{**row, "train_seconds": 3.0}], args)
