"""`trainer fit --arch crnn --tabular COLUMNS`: a CRNN fused with track data.

The data is made so that only the tabular branch can learn it: two classes, "short" (3 s)
and "long" (6 s) tracks, with the same random mix of synthetic sounds in both. A CRNN
hears 1-second patches and cannot tell them apart; with `--tabular duration` it can, and
the app computes that column itself when it analyses a file.
"""

from __future__ import annotations

import argparse

import numpy as np
import onnx
import pytest
from test_trainer_synth import CLASSES, TEST_SPEC, write_track

from tagger.analyze import analyze_file
from tagger.model import Model
from tagger.modelfile import ModelFileError, read_metadata
from trainer import evaluate as evaluate_mod
from trainer import fit, pipeline

FAST = ["--width", "0.25", "--spec", TEST_SPEC, "--workers", "0", "--threads", "1", "--no-progress"]
SECONDS = {"short": 3.0, "long": 6.0}


def run_fit(argv: list[str]) -> dict:
    p = argparse.ArgumentParser()
    fit.add_arguments(p)
    return pipeline.train(p.parse_args(["--arch", "crnn", *argv, *FAST]))


def make_duration_classes(root, per_class: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for label, seconds in SECONDS.items():
        for i in range(per_class):
            kind = CLASSES[int(rng.integers(len(CLASSES)))]
            write_track(root / label / f"{label}-{i:02d}.wav", kind, int(rng.integers(1 << 30)), seconds)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("tabular")
    make_duration_classes(root / "train", 10, seed=1)
    make_duration_classes(root / "heldout", 6, seed=2)
    return root


def heldout_accuracy(model, data, tmp_path) -> float:
    report = evaluate_mod.evaluate(
        model, data / "heldout", report_dir=tmp_path / model.stem, split="all", progress=False
    )
    assert report["tracks"] == 12
    return report["accuracy"]


def common(data) -> list[str]:
    return [
        "--epochs",
        "8",
        "--patches-per-track",
        "4",
        "--batch-size",
        "8",
        "--lr",
        "3e-3",
        "--cache-dir",
        str(data / "cache"),
    ]


def test_the_tabular_branch_learns_what_the_audio_cannot_tell(data, tmp_path):
    fused = tmp_path / "fused.onnx"
    summary = run_fit(["--data", str(data / "train"), "--out", str(fused), "--tabular", "duration", *common(data)])
    assert summary["parity_max_abs_diff"] < 1e-5
    info = read_metadata(fused)
    assert (info.tabular_input, info.tabular_columns) == ("tabular", ("duration",))
    assert "Track data: input `tabular` [batch, 1] = duration" in fused.with_suffix(".md").read_text()
    assert heldout_accuracy(fused, data, tmp_path) >= 0.9  # the app computes the duration itself
    # a real 46-second recording is longer than every "long" training track
    model = Model(fused, threads=1)
    result = analyze_file("resources/example-music/brahms-hungarian-dance-5.ogg", None, 6, model=model)
    assert result["status"] == "ok", result["error"]
    assert model.info.labels[int(np.argmax(result["scores"]))] == "long"

    # controls: the same CRNN without the column, and with shuffled labels, stay near chance (0.5)
    audio_only = tmp_path / "audio-only.onnx"
    run_fit(["--data", str(data / "train"), "--out", str(audio_only), *common(data)])
    assert heldout_accuracy(audio_only, data, tmp_path) <= 0.75
    files = sorted((data / "train").rglob("*.wav"))
    labels = np.random.default_rng(7).permutation([f.parent.name for f in files])
    manifest = tmp_path / "shuffled.csv"
    manifest.write_text("path,label\n" + "".join(f"{f},{lab}\n" for f, lab in zip(files, labels)))
    shuffled = tmp_path / "shuffled.onnx"
    run_fit(["--data", str(manifest), "--out", str(shuffled), "--tabular", "duration", *common(data)])
    assert heldout_accuracy(shuffled, data, tmp_path) <= 0.75


def test_a_column_the_app_cannot_compute_is_refused_at_export(data, tmp_path, capsys):
    files = sorted((data / "train").rglob("*.wav"))
    manifest = tmp_path / "with-plays.csv"
    manifest.write_text("path,label,plays\n" + "".join(f"{f},{f.parent.name},{i * 10}\n" for i, f in enumerate(files)))
    out = tmp_path / "plays.onnx"
    argv = ["--data", str(manifest), "--out", str(out), "--tabular", "duration,plays", "--epochs", "1"]
    with pytest.raises(ValueError, match="plays, which the app cannot compute"):
        run_fit([*argv, "--cache-dir", str(data / "cache")])
    assert "warning: the model uses tabular column(s) plays" in capsys.readouterr().err  # said before training
    assert not out.exists() and out.with_name(out.name + ".ckpt").exists()  # the run's work is kept


def test_the_app_refuses_a_model_file_naming_a_column_it_cannot_compute(data, tmp_path):
    out = tmp_path / "m.onnx"
    run_fit(["--data", str(data / "train"), "--out", str(out), "--tabular", "loudness,tempo", "--epochs", "1"])
    assert read_metadata(out).tabular_columns == ("loudness", "tempo")
    model = onnx.load(str(out))
    for prop in model.metadata_props:
        if prop.key == "tabular":
            prop.value = '{"input": "tabular", "columns": ["loudness", "plays"]}'
    bad = tmp_path / "bad.onnx"
    onnx.save(model, str(bad))
    with pytest.raises(ModelFileError, match="cannot compute \\(plays\\)"):
        read_metadata(bad)


def test_tabular_is_refused_with_other_families(tmp_path, capsys):
    from trainer import cli

    argv = ["fit", "--arch", "mlp", "--data", str(tmp_path), "--out", str(tmp_path / "m.onnx"), "--tabular", "tempo"]
    assert cli.main(argv) == 1
    assert "use it with --arch crnn, not mlp" in capsys.readouterr().err
