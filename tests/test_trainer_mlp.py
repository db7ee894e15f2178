"""`trainer fit --arch mlp`: the MLP on the GTZAN table's 57 features, from audio and from
a feature table, and the app running the exported model with nothing but its feature spec.

The published GTZAN table (features_30_sec.csv) is not shipped: /work/shared's copy has
no stated licence, and GTZAN's recordings are copyrighted. A table with its columns is
computed here from real recordings instead (resources/example-music); GTZAN's own file
names (for the fault-filtered split) are exercised with a table of made-up rows.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import pytest
from test_trainer_synth import make_genre_folders

from tagger.analyze import analyze_file, plan_patch_starts
from tagger.decode import load_mono
from tagger.features import GTZAN57_SPEC, FeatureSpec, patch_seconds
from tagger.gtzan57 import COLUMNS, gtzan57
from tagger.model import Model
from tagger.modelfile import read_metadata
from trainer import cli, fit, mlp
from trainer import evaluate as evaluate_mod

MUSIC = Path(__file__).resolve().parent.parent / "resources" / "example-music"
FAST = ["--workers", "0", "--threads", "1", "--no-progress"]


def run_fit(argv: list[str]) -> dict:
    p = argparse.ArgumentParser()
    fit.add_arguments(p)
    return mlp.train(p.parse_args(["--arch", "mlp", *argv, *FAST]))


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    root = tmp_path_factory.mktemp("mlp-synth")
    make_genre_folders(root / "train", 7, seed=11, seconds=3.0)
    make_genre_folders(root / "heldout", 3, seed=12, seconds=3.0)
    return root


def test_mlp_on_audio_learns_and_the_app_scores_heldout_tracks(synth, tmp_path):
    out = tmp_path / "synth-mlp.onnx"
    summary = run_fit(
        ["--data", str(synth / "train"), "--out", str(out), "--epochs", "40", "--cache-dir", str(synth / "cache")]
    )
    assert summary["parity_max_abs_diff"] < 1e-5  # onnxruntime against PyTorch, on held-out rows too
    info = read_metadata(out)
    assert FeatureSpec.from_dict(info.feature_spec) == GTZAN57_SPEC and info.input_name == "features"
    # 12 tracks the training never saw, scored by the app's own analysis path
    report = evaluate_mod.evaluate(
        out, synth / "heldout", report_dir=tmp_path / "rep", split="all", progress=False, threads=1
    )
    assert report["tracks"] == 12 and report["accuracy"] >= 0.85, report["confusion_matrix"]


def test_mlp_with_shuffled_labels_stays_at_chance(synth, tmp_path):
    files = sorted((synth / "train").rglob("*.wav"))
    labels = np.random.default_rng(3).permutation([f.parent.name for f in files])
    manifest = tmp_path / "shuffled.csv"
    manifest.write_text("path,label\n" + "".join(f"{f},{lab}\n" for f, lab in zip(files, labels)))
    out = tmp_path / "shuffled.onnx"
    run_fit(["--data", str(manifest), "--out", str(out), "--epochs", "40", "--cache-dir", str(synth / "cache")])
    report = evaluate_mod.evaluate(
        out, synth / "heldout", report_dir=tmp_path / "rep", split="all", progress=False, threads=1
    )
    assert report["tracks"] == 12 and report["accuracy"] < 0.6  # chance: 0.25


def write_table(path: Path, rows: list[tuple[str, np.ndarray, str, str]]) -> Path:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["filename", "length", *COLUMNS, "label", "split"])
        for name, x, label, split in rows:
            w.writerow([name, 661794, *map(repr, x.tolist()), label, split])
    return path


def test_a_table_from_real_music_makes_a_model_the_app_runs_on_a_real_file(tmp_path, capsys):
    pieces = {  # recording -> (label, split)
        "brahms-hungarian-dance-5.ogg": ("orchestral", "train"),
        "kevin-macleod-vibe-ace.ogg": ("band", "train"),
        "kevin-macleod-sugar-plum-fairy.ogg": ("orchestral", "valid"),
        "karissa-hobbs-lets-go-fishin.ogg": ("band", "valid"),
    }
    rows = []
    for name, (label, split) in pieces.items():
        for k in range(3):  # three 6-second windows per recording
            y, _ = load_mono(MUSIC / name, sr=22050, offset=10.0 + 7.0 * k, duration=6.0)
            rows.append((f"{Path(name).stem}.{k}.wav", gtzan57(np.asarray(y, np.float32), GTZAN57_SPEC), label, split))
    table = write_table(tmp_path / "features.csv", rows)
    out = tmp_path / "table-mlp.onnx"
    code = cli.main(["fit", "--arch", "mlp", "--data", str(table), "--out", str(out), "--epochs", "30", *FAST])
    assert code == 0, capsys.readouterr().err
    card = out.with_suffix(".md").read_text()
    assert "librosa" in card and "tests/test_gtzan57.py" in card and "zero-crossing" in card

    model = Model(out, threads=1)
    assert list(model.info.labels) == ["band", "orchestral"]
    song = MUSIC / "setuniman-sweet-waltz.ogg"  # in no row of the table
    result = analyze_file(str(song), None, 6, model=model)
    assert result["status"] == "ok", result["error"]
    duration = 49.2
    assert result["patch_starts"] == plan_patch_starts(duration, patch_seconds(GTZAN57_SPEC), 6)[:1]
    scores = np.asarray(result["scores"])
    assert scores.shape == (2,) and abs(scores.sum() - 1.0) < 1e-4


def test_gtzan_file_names_use_the_fault_filtered_split_and_kfold_warns(tmp_path, capsys):
    genres = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"]
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(10, len(COLUMNS))) * 3
    rows = [
        (f"{g}.{i:05d}.wav", centres[gi] + rng.normal(size=len(COLUMNS)), g, "")
        for gi, g in enumerate(genres)
        for i in range(100)
    ]
    table = write_table(tmp_path / "features_30_sec.csv", rows)
    out = tmp_path / "gtzan-mlp.onnx"
    summary = run_fit(["--data", str(table), "--out", str(out), "--epochs", "3", "--kfold", "2"])
    err = capsys.readouterr().err
    assert summary["splits"] == {"train": 443, "valid": 197, "test": 290}
    assert "fault-filtered" in err and "70 row(s) in no list left out" in err
    assert "k-fold over GTZAN is a random split" in err
    ev = read_metadata(out).evaluation
    assert ev["split"] == "test" and ev["tracks"] == 290 and ev["cv_folds"] == 2
    assert ev["split_origin"] == "gtzan-fault-filtered"


def test_a_feature_table_is_never_read_as_a_list_of_audio_files(tmp_path):
    """A full feature table given to another family, or one with columns dropped, is
    named for what it is, not "N listed files do not exist"."""
    import csv

    from trainer.datasets import DatasetError, load_dataset

    rng = np.random.default_rng(0)
    rows = [(f"x{i}.wav", rng.normal(size=len(COLUMNS)), "rock" if i % 2 else "jazz", "") for i in range(8)]
    table = write_table(tmp_path / "features.csv", rows)
    with pytest.raises(DatasetError, match=r"is a feature table .*only `trainer fit --arch mlp` reads it"):
        load_dataset(table)
    with open(table, newline="") as f:
        header, *body = list(csv.reader(f))
    drop = {header.index("tempo"), header.index("mfcc20_var")}
    partial = tmp_path / "partial.csv"
    with open(partial, "w", newline="") as f:
        csv.writer(f).writerows([[c for i, c in enumerate(r) if i not in drop] for r in [header, *body]])
    with pytest.raises(DatasetError, match=r"without the column\(s\) tempo, mfcc20_var"):
        load_dataset(partial)
