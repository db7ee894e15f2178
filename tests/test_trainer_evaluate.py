"""trainer evaluate on tiny known cases: a hand-made "band energy" model whose answer for
each synthetic tone is known, so every figure of the report can be checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch
from test_trainer_synth import TEST_SPEC
from torch import nn

from trainer import evaluate as ev
from trainer import modelcard
from trainer.featspec import parse_spec

SR = 16000
BANDS = {"Low": 150.0, "Hip-Hop": 1000.0, "High": 5000.0}  # model label -> tone frequency


class BandEnergy(nn.Module):
    """logit_k = mean log-mel energy around BANDS[k]: a tone's own band wins."""

    def __init__(self, spec):
        super().__init__()
        from tagger.features import mel_filterbank

        fb = mel_filterbank(spec)  # [freqs, mels]
        hz_per_bin = spec.sample_rate / spec.n_fft
        w = np.stack([fb[int(round(f / hz_per_bin))] for f in BANDS.values()])
        w /= w.sum(1, keepdims=True)
        self.w = nn.Parameter(torch.tensor(w, dtype=torch.float32), requires_grad=False)

    def forward(self, mel):  # [B, T, M]
        return mel.mean(dim=1) @ self.w.T


def tone(path: Path, freqs, seconds=3.0, phase=None):
    """A WAV of sine tones. The phase comes from the file name unless given, so two tones are
    different files (the datasets keep byte-identical copies on one side of a split) with
    the same band energies; equal `phase` gives identical files (exact score ties)."""
    import zlib

    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * SR)) / SR
    phase = (zlib.crc32(path.name.encode()) % 628) / 100 if phase is None else phase
    y = sum(0.3 * np.sin(2 * np.pi * f * t + phase) for f in freqs) / len(freqs)
    sf.write(str(path), y.astype(np.float32), SR)
    return path


@pytest.fixture
def band_model(tmp_path):
    from trainer.export import export_model

    spec = parse_spec(TEST_SPEC)
    out = tmp_path / "bands.onnx"
    export_model(BandEnergy(spec), out, labels=list(BANDS), spec=spec, name="bands", license="CC0-1.0", evaluation={})
    return out, spec


def test_report_numbers_on_a_known_case(band_model, tmp_path):
    model, _ = band_model
    data = tmp_path / "data"
    # folder names differ from the model labels in case and punctuation
    tone(data / "low" / "l1.wav", [150])
    tone(data / "low" / "l2.wav", [150])
    tone(data / "low" / "l3-is-really-mid.wav", [1000])  # mislabelled: predicted hip-hop
    tone(data / "hiphop" / "m1.wav", [1000])
    tone(data / "hiphop" / "m2.wav", [1000])
    tone(data / "HIGH" / "h1.wav", [5000])
    tone(data / "HIGH" / "h2.wav", [5000])
    tone(data / "polka" / "p1.wav", [3000])  # not a model label: ignored and reported
    rep = ev.evaluate(model, data, report_dir=tmp_path / "report", progress=False, threads=1, update_model=True)

    files = {p.name for p in (tmp_path / "report").iterdir()}
    assert files == {"report.json", "report.md", "confusion_matrix.png", "per_class.png", "reliability.png"}
    saved = json.loads((tmp_path / "report" / "report.json").read_text())
    assert saved["tracks"] == 7 and saved["split"] == "all"
    assert saved["classes"] == ["Low", "Hip-Hop", "High"]
    assert rep["accuracy"] == saved["accuracy"]  # the returned report is the one written
    assert saved["accuracy"] == pytest.approx(6 / 7)
    assert saved["top3_accuracy"] == 1.0 and saved["top3_informative"] is False  # 3 classes: trivial
    assert "multilabel" not in saved  # a softmax model: no per-label ranking figures
    # split "all": no note may describe the by-track split (seed 0) the data loader made
    from trainer.datasets import load_dataset

    assert any("seed 0" in n for n in load_dataset(data, for_training=False).notes)
    assert not any("seed" in n or "split by" in n for n in saved["notes"])
    assert saved["confusion_matrix"] == [[2, 1, 0], [0, 2, 0], [0, 0, 2]]
    pc = saved["per_class"]
    assert pc["Low"]["precision"] == 1.0 and pc["Low"]["recall"] == pytest.approx(2 / 3)
    assert pc["Hip-Hop"]["precision"] == pytest.approx(2 / 3) and pc["Hip-Hop"]["recall"] == 1.0
    assert pc["High"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert saved["macro_f1"] == pytest.approx((0.8 + 0.8 + 1.0) / 3)
    assert saved["skipped"]["labels_not_in_model"] == {"polka": 1}
    wrong = [p for p in saved["predictions"] if p["predicted"] != p["true"][0]]
    assert len(wrong) == 1 and wrong[0]["path"].endswith("l3-is-really-mid.wav")
    md = (tmp_path / "report" / "report.md").read_text()
    assert "| track accuracy | 0.8571 |" in md and "polka (1)" in md
    assert "| top-3 accuracy | 1.0000 (trivial: 3 classes, not informative) |" in md
    for png in ("confusion_matrix.png", "per_class.png"):
        assert (tmp_path / "report" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # --update-model wrote the figures into the model file
    from tagger.modelfile import read_metadata

    e = read_metadata(model).evaluation
    assert e["accuracy"] == round(6 / 7, 4) and e["tracks"] == 7 and e["split"] == "all"
    assert "top3_accuracy" not in e  # a trivial 1.0 is not written into the model


def test_gtzan_layout_uses_the_fault_filtered_test_split(band_model, tmp_path):
    model, _ = band_model
    lists = {}
    for split in ("train", "test"):
        for line in (Path(modelcard.__file__).parent / "splits" / f"{split}_filtered.txt").read_text().split():
            lists.setdefault(split, []).append(line)
    root = tmp_path / "gtzan" / "genres"
    # GTZAN has no "low" genre: build a GTZAN-named folder set whose genres are hiphop only
    test_names = [n for n in lists["test"] if n.startswith("hiphop/")][:3]
    train_names = [n for n in lists["train"] if n.startswith("hiphop/")][:2]
    for n in test_names + train_names:
        tone(root / n, [1000], seconds=1.5)
    rep = ev.evaluate(model, tmp_path / "gtzan", report_dir=tmp_path / "r", progress=False, threads=1)
    assert rep["split"] == "test" and rep["tracks"] == 3
    assert "fault-filtered test split" in rep["split_note"]
    assert "fault-filtered test split" in (tmp_path / "r" / "report.md").read_text()
    assert rep["accuracy"] == 1.0


def relabelled(model: Path, out: Path, **changes) -> Path:
    """A copy of `model` with other metadata (e.g. activation="sigmoid")."""
    import dataclasses

    import onnx

    from tagger.modelfile import read_metadata, write_metadata

    m = onnx.load(str(model))
    write_metadata(m, dataclasses.replace(read_metadata(model), path=None, **changes))
    onnx.save(m, str(out))
    return out


def test_multilabel_sigmoid_model_gets_roc_and_pr_auc(band_model, tmp_path):
    model, spec = band_model
    # a sigmoid tag model: the same graph, declared multi-label (scores need not sum to 1)
    sig = relabelled(model, tmp_path / "tags.onnx", activation="sigmoid", name="tags")
    rows = ["path,label"]
    cases = [
        ([150], "low"),
        ([1000], "hip hop"),
        ([5000], "high"),
        ([150, 1000], "low;hip-hop"),
        ([1000, 5000], "HipHop|High"),
        ([150], "low"),
    ]
    for i, (freqs, labels) in enumerate(cases):
        tone(tmp_path / "clips" / f"c{i}.wav", freqs)
        rows.append(f"clips/c{i}.wav,{labels}")
    (tmp_path / "m.csv").write_text("\n".join(rows))
    rep = ev.evaluate(sig, tmp_path / "m.csv", report_dir=tmp_path / "r", progress=False, threads=1)
    ml = rep["multilabel"]
    assert set(ml["labels_scored"]) == {"Low", "Hip-Hop", "High"}
    # each label's own tone gives its band the highest energy: perfect ranking
    assert ml["roc_auc_macro"] == pytest.approx(1.0) and ml["pr_auc_macro"] == pytest.approx(1.0)
    assert "roc auc macro" in (tmp_path / "r" / "report.md").read_text()
    # a prediction that is any of a track's labels counts as right
    assert rep["accuracy"] == 1.0 and rep["tracks"] == 6


def test_no_matching_labels_is_a_clear_error(band_model, tmp_path):
    from trainer.datasets import DatasetError

    model, _ = band_model
    tone(tmp_path / "d" / "jazz" / "a.wav", [1000])
    with pytest.raises(DatasetError, match="matches a model label"):
        ev.evaluate(model, tmp_path / "d", report_dir=tmp_path / "r", progress=False, threads=1)


def test_update_model_rewrites_the_model_card(band_model, tmp_path):
    model, _ = band_model
    card = model.with_suffix(".md")
    card.write_text("# bands\n\n" + modelcard.evaluation_markdown({"accuracy": 0.1}) + "\n\nfooter\n")
    tone(tmp_path / "d" / "high" / "a.wav", [5000])
    tone(tmp_path / "d" / "low" / "b.wav", [150])
    ev.evaluate(model, tmp_path / "d", report_dir=tmp_path / "r", progress=False, threads=1, update_model=True)
    text = card.read_text()
    assert "| accuracy | 1.0 |" in text and "0.1" not in text and text.endswith("footer\n")
    assert text.count(modelcard.EVAL_START) == 1


def test_sigmoid_model_on_single_label_data_gets_auc_per_label(band_model, tmp_path):
    """ROC-AUC / PR-AUC for a sigmoid model also when every track has one label; the
    figures by hand, with exact ties from identical files."""
    model, _ = band_model
    sig = relabelled(model, tmp_path / "tags.onnx", activation="sigmoid", name="tags")
    # Low: two 150 Hz tones and one 1000 Hz tone (mislabelled, scores = the Hip-Hop tones')
    for name, f in [("l1", 150), ("l2", 150), ("l3", 1000), ("m1", 1000), ("m2", 1000)]:
        tone(tmp_path / "clips" / f"{name}.wav", [f], phase=0.0)
    rows = [
        "path,label",
        "clips/l1.wav,low",
        "clips/l2.wav,Low",
        "clips/l3.wav,low",
        "clips/m1.wav,hiphop",
        "clips/m2.wav,Hip Hop",
    ]
    (tmp_path / "s.csv").write_text("\n".join(rows))
    rep = ev.evaluate(sig, tmp_path / "s.csv", report_dir=tmp_path / "r", progress=False, threads=1)
    ml = rep["multilabel"]
    assert ml["labels_scored"] == ["Low", "Hip-Hop"] and ml["labels_skipped"] == {}
    # Low: l1, l2 above m1, m2 (4 pairs), l3 tied with m1, m2 (2 x 1/2): 5/6; Hip-Hop alike
    assert ml["per_label"]["Low"]["roc_auc"] == pytest.approx(5 / 6)
    assert ml["per_label"]["Hip-Hop"]["roc_auc"] == pytest.approx(5 / 6)
    # average precision: Low = 2/3 * 1 + 1/3 * 3/5; Hip-Hop = 1 * 2/3 (its 3 top scores tie)
    assert ml["per_label"]["Low"]["pr_auc"] == pytest.approx(13 / 15)
    assert ml["per_label"]["Hip-Hop"]["pr_auc"] == pytest.approx(2 / 3)
    assert ml["roc_auc_macro"] == pytest.approx(5 / 6) and ml["pr_auc_macro"] == pytest.approx(23 / 30)
    assert ml["per_label"]["Low"]["positives"] == 3 and ml["per_label"]["Low"]["negatives"] == 2
    md = (tmp_path / "r" / "report.md").read_text()
    assert "| Low | 0.833 | 0.867 | 3 | 2 |" in md

    # one label on every track: no negatives, so no ranking figure; the report says why
    tone(tmp_path / "one" / "high" / "h1.wav", [5000])
    tone(tmp_path / "one" / "high" / "h2.wav", [5000])
    rep = ev.evaluate(sig, tmp_path / "one", report_dir=tmp_path / "r1", progress=False, threads=1)
    ml = rep["multilabel"]
    assert ml["labels_scored"] == [] and "roc_auc_macro" not in ml
    assert ml["labels_skipped"] == {"High": "every evaluated track has it (no negatives)"}
    assert "High: no ROC-AUC / PR-AUC: every evaluated track has it" in (tmp_path / "r1" / "report.md").read_text()


ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "resources" / "models" / "msd-musicnn.onnx"


@pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="needs the bundled msd-musicnn model")
def test_default_tag_model_gets_auc_on_single_label_real_music(tmp_path):
    """The bundled 50-tag sigmoid model on five example recordings, one genre each."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    from tagger.analyze import plan_patch_starts, track_patches
    from tagger.decode import audio_info
    from tagger.features import patch_seconds
    from tagger.model import Model

    music = ROOT / "resources" / "example-music"
    rows = {
        "admiralbob-choice-drum-bass": "Hip-Hop",
        "kevin-macleod-vibe-ace": "jazz",
        "sorohan-solo-trumpet": "Jazz",
        "karissa-hobbs-lets-go-fishin": "folk",
        "brahms-hungarian-dance-5": "instrumental",
    }
    (tmp_path / "m.csv").write_text(
        "path,label\n" + "\n".join(f"{music / stem}.ogg,{label}" for stem, label in rows.items())
    )
    rep = ev.evaluate(
        DEFAULT_MODEL, tmp_path / "m.csv", report_dir=tmp_path / "r", patches=2, progress=False, threads=1
    )
    assert rep["activation"] == "sigmoid" and rep["split"] == "all" and rep["tracks"] == 5
    assert rep["top3_informative"] is True  # 4 classes
    ml = rep["multilabel"]
    # named as the app names them (the bundled vocabulary's canonical names)
    assert sorted(ml["labels_scored"]) == sorted(["Hip-Hop", "Jazz", "Folk", "instrumental"])
    # the same figures from scores computed here, the app's way
    model = Model(DEFAULT_MODEL, device="cpu", threads=1)
    labels = list(model.info.labels)
    scores = []
    for stem in rows:
        path = music / f"{stem}.ogg"
        starts = plan_patch_starts(audio_info(path).duration, patch_seconds(model.spec), 2)
        s, _ = model.score_patches(track_patches(str(path), model.spec, starts))
        scores.append(model.track_scores(s))
    scores = np.array(scores)
    for label in ml["labels_scored"]:
        truth = [int(g.casefold() == label.casefold()) for g in rows.values()]
        col = scores[:, [x.casefold() for x in labels].index(label.casefold())]  # one model label each
        got = ml["per_label"][label]
        assert got["roc_auc"] == pytest.approx(roc_auc_score(truth, col))
        assert got["pr_auc"] == pytest.approx(average_precision_score(truth, col))
        assert got["positives"] == sum(truth)
    assert ml["roc_auc_macro"] == pytest.approx(np.mean([v["roc_auc"] for v in ml["per_label"].values()]))
    assert "roc auc macro" in (tmp_path / "r" / "report.md").read_text()
    assert "roc_auc_macro" in ev.evaluation_figures(rep)


def test_recorded_training_split_is_evaluated_and_protected(tmp_path, capsys):
    """A model that records its training split: `auto` scores that split's test tracks,
    and --update-model refuses figures that can include its training tracks."""
    from tagger.modelfile import read_metadata
    from trainer.cli import main
    from trainer.datasets import load_dataset
    from trainer.export import export_model

    spec = parse_spec(TEST_SPEC)
    record = {"seed": 3, "valid_fraction": 0.2, "test_fraction": 0.2, "origin": "by-artist-or-track"}
    model = tmp_path / "trained.onnx"
    export_model(
        BandEnergy(spec),
        model,
        labels=list(BANDS),
        spec=spec,
        name="trained",
        license="CC0-1.0",
        evaluation={
            "split": "test",
            "tracks": 3,
            "accuracy": 0.5,
            "chance_accuracy": 0.33,
            "method": "by hand",
            "training_split": record,
        },
    )
    data = tmp_path / "data"
    for genre, f in [("low", 150), ("hiphop", 1000), ("high", 5000)]:
        for i in range(5):
            tone(data / genre / f"{genre}{i}.wav", [f], seconds=1.5)
    held_out = {
        t.path
        for t in load_dataset(data, seed=3, valid_fraction=0.2, test_fraction=0.2, for_training=False).split("test")
    }
    default = {t.path for t in load_dataset(data, for_training=False).split("test")}
    assert len(held_out) == 3 and held_out != default  # the recorded seed and fractions matter here

    rep = ev.evaluate(model, data, report_dir=tmp_path / "r", progress=False, threads=1, update_model=True)
    assert rep["split"] == "test" and {p["path"] for p in rep["predictions"]} == held_out
    assert "split this model was trained with (seed 3" in rep["split_note"]
    assert "split this model was trained with (seed 3" in (tmp_path / "r" / "report.md").read_text()
    assert any("seed 3" in n for n in rep["notes"]) and not any("seed 0" in n for n in rep["notes"])
    e = read_metadata(model).evaluation
    assert e["tracks"] == 3 and e["accuracy"] == 1.0 and e["split"] == "test"
    assert e["training_split"] == record and e["method"] == "by hand"  # the training record stays
    assert "chance_accuracy" not in e  # a figure of the old measurement goes

    # all tracks (12 of 15 are training tracks): measured and reported, never written into the model
    before = model.read_bytes()
    with pytest.raises(ValueError, match="can include its training tracks"):
        ev.evaluate(model, data, split="all", report_dir=tmp_path / "r2", progress=False, update_model=True)
    with pytest.raises(ValueError, match="NOT the split this model was trained with"):  # another seed
        ev.evaluate(model, data, split="test", seed=0, report_dir=tmp_path / "r2", progress=False, update_model=True)
    rc = main(
        [
            "evaluate",
            str(model),
            str(data),
            "--split",
            "all",
            "--update-model",
            "--no-progress",
            "--report",
            str(tmp_path / "r3"),
        ]
    )
    err = capsys.readouterr().err
    assert rc == 1 and "error: --update-model: not writing figures" in err
    assert model.read_bytes() == before
    rep = ev.evaluate(model, data, split="all", report_dir=tmp_path / "r4", progress=False, threads=1)
    assert rep["tracks"] == 15 and not any("seed" in n for n in rep["notes"])

    # too few tracks for the recorded split to have test tracks: all tracks, and said so
    for genre, f in [("low", 150), ("high", 5000)]:
        for i in range(2):
            tone(tmp_path / "small" / genre / f"{genre}{i}.wav", [f], seconds=1.5)
    with pytest.raises(ValueError, match="INCLUDING the model's training tracks"):
        ev.evaluate(model, tmp_path / "small", report_dir=tmp_path / "r5", progress=False, update_model=True)


def test_recorded_split_applies_only_to_the_data_the_model_was_trained_on(tmp_path):
    """The record names its data (a hash of the resolved path): on that data `auto`
    scores the held-out tracks; on another folder every track, and those figures may go
    into the model (the other folder's tracks were not trained on)."""
    from tagger.modelfile import read_metadata
    from trainer.datasets import load_dataset, source_id
    from trainer.export import export_model

    data, other = tmp_path / "data", tmp_path / "other"
    for folder, n in ((data, 5), (other, 2)):
        for genre, f in [("low", 150), ("hiphop", 1000), ("high", 5000)]:
            for i in range(n):
                tone(folder / genre / f"{folder.name}-{genre}{i}.wav", [f], seconds=1.5)
    spec = parse_spec(TEST_SPEC)
    record = {
        "seed": 3,
        "valid_fraction": 0.2,
        "test_fraction": 0.2,
        "origin": "by-artist-or-track",
        "data_id": source_id(data),
    }
    model = tmp_path / "trained.onnx"
    export_model(
        BandEnergy(spec),
        model,
        labels=list(BANDS),
        spec=spec,
        name="trained",
        license="CC0-1.0",
        evaluation={"split": "test", "tracks": 3, "accuracy": 0.5, "training_split": record},
    )
    assert source_id(tmp_path / "x" / ".." / "data") == record["data_id"]  # spelled differently, same folder

    held_out = {
        t.path
        for t in load_dataset(data, seed=3, valid_fraction=0.2, test_fraction=0.2, for_training=False).split("test")
    }
    rep = ev.evaluate(model, data, report_dir=tmp_path / "r1", progress=False, threads=1)
    assert rep["split"] == "test" and {p["path"] for p in rep["predictions"]} == held_out

    rep = ev.evaluate(model, other, report_dir=tmp_path / "r2", progress=False, threads=1, update_model=True)
    assert rep["split"] == "all" and rep["tracks"] == 6
    assert "not the data the model was trained on" in rep["split_note"]
    e = read_metadata(model).evaluation
    assert e["tracks"] == 6 and e["training_split"] == record
    with pytest.raises(ValueError, match="can include its training tracks"):  # the training data, all tracks
        ev.evaluate(model, data, split="all", report_dir=tmp_path / "r3", progress=False, update_model=True)


def test_reliability_figures_by_hand():
    from trainer.metrics import reliability, threshold_table, wilson_interval

    # 4 tracks: scores 0.15 (wrong), 0.35 and 0.38 (one right), 0.95 (right)
    r = reliability([0.15, 0.35, 0.38, 0.95], [False, True, False, True])
    used = {b["low"]: b for b in r["bins"] if b["tracks"]}
    assert sorted(used) == [0.1, 0.3, 0.9] and r["tracks"] == 4 and r["accuracy"] == 0.5
    assert used[0.3]["confidence"] == pytest.approx(0.365) and used[0.3]["accuracy"] == 0.5
    # ECE = 1/4 |0 - 0.15| + 2/4 |0.5 - 0.365| + 1/4 |1 - 0.95|
    assert r["ece"] == pytest.approx(0.25 * 0.15 + 0.5 * 0.135 + 0.25 * 0.05)
    lo, hi = wilson_interval(1, 2)
    assert lo == pytest.approx(0.0945, abs=1e-3) and hi == pytest.approx(0.9055, abs=1e-3)
    assert wilson_interval(0, 3)[0] == 0.0 and wilson_interval(3, 3)[1] == pytest.approx(1.0)
    ranked = [[("Jazz", 0.4), ("Blues", 0.25)], [("Rock", 0.18), ("Pop", 0.1)]]
    rows = threshold_table(ranked, [{"Jazz"}, {"Pop"}], 2, [0.2, 0.3])
    assert rows[0] == dict(threshold=0.2, tracks=2, suggested=1, first_right=1, genres=2, genres_right=1)
    assert rows[1] == dict(threshold=0.3, tracks=2, suggested=1, first_right=1, genres=1, genres_right=1)


@pytest.mark.slow
def test_confidence_figures_on_the_labelled_example_music(tmp_path):
    """`trainer evaluate` with the default model on the example music and its genre
    labels (resources/example-music/genres.csv): the best genre and score of each track
    are what the app shows, and the report carries the ECE, the accuracy per
    confidence bin (reliability.png) and what each threshold would have meant."""
    from tagger import analyze
    from tagger.model import Model, default_model_path
    from tagger.vocabulary import Vocabulary, bundled_path
    from trainer.cli import main

    labels = ROOT / "resources" / "example-music" / "genres.csv"
    assert (
        main(["evaluate", str(default_model_path()), str(labels), "--report", str(tmp_path / "r"), "--no-progress"])
        == 0
    )
    rep = json.loads((tmp_path / "r" / "report.json").read_text())
    conf = rep["confidence"]
    assert conf["tracks"] == 7 and conf["left_out"] == 0  # the unlabelled waltz is not among them
    assert sum(b["tracks"] for b in conf["bins"]) == 7
    assert conf["accuracy"] == pytest.approx(np.mean([b["right"] for b in conf["best"]]))
    used = [b for b in conf["bins"] if b["tracks"]]
    assert conf["ece"] == pytest.approx(sum(b["tracks"] / 7 * abs(b["accuracy"] - b["confidence"]) for b in used))
    for b in used:
        assert b["low"] <= b["confidence"] < b["high"] and b["interval"][0] <= b["accuracy"] <= b["interval"][1]
    # each best genre and score is the app's (the same analysis, the same rule)
    model, vocab = Model(default_model_path(), device="cpu", threads=1), Vocabulary.load(bundled_path())
    for best in conf["best"]:
        result = analyze.analyze_file(best["path"], None, rep["patches_per_track"], model=model)
        name, score = vocab.genre_scores(model.info, result["scores"])[0]
        assert best["genre"] == name and best["score"] == pytest.approx(score, abs=1e-4)
    classical = [b for b in conf["best"] if "brahms" in b["path"] or "sugar-plum" in b["path"]]
    assert [b["genre"] for b in classical] == ["Classical", "Classical"] and all(b["right"] for b in classical)
    # thresholds: more demanding, fewer suggestions
    suggested = [t["suggested"] for t in conf["thresholds"]]
    assert suggested == sorted(suggested, reverse=True) and suggested[0] == 7
    md = (tmp_path / "r" / "report.md").read_text()
    assert "expected calibration error" in md and "7 tracks is a small set" in md and "reliability.png" in md
    assert (tmp_path / "r" / "reliability.png").stat().st_size > 10_000
    figures = ev.evaluation_figures(rep)
    assert figures["top1_ece"] == pytest.approx(conf["ece"], abs=1e-4) and figures["top1_tracks"] == 7


def test_an_export_that_fails_its_check_leaves_the_model_there_alone(band_model, monkeypatch):
    """The ONNX file is checked against PyTorch before it replaces what `--out` holds: a
    failed check leaves the earlier model (and no temporary file) behind."""
    from trainer import export

    out, spec = band_model
    before = out.read_bytes()
    monkeypatch.setattr(export, "PARITY_TOLERANCE", -1.0)  # every check fails
    with pytest.raises(RuntimeError, match=r"bands\.onnx \(not written\): onnxruntime and PyTorch disagree"):
        export.export_model(
            BandEnergy(spec), out, labels=list(BANDS)[:2], spec=spec, name="bands", license="CC0-1.0", evaluation={}
        )
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []


def test_a_report_folder_that_cannot_be_written_is_said_before_any_scoring(band_model, tmp_path, monkeypatch):
    from trainer import evaluate as evaluate_mod

    model, _ = band_model
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    data = tmp_path / "data"
    for genre, f in [("low", 150), ("high", 5000)]:
        tone(data / genre / f"{genre}.wav", [f], seconds=1.5)
    scored = []
    monkeypatch.setattr(evaluate_mod, "score_tracks", lambda *a, **k: scored.append(a) or ([], [], {}))
    with pytest.raises(OSError, match=r"cannot write the report .*a-file is a file, not a folder"):
        evaluate_mod.evaluate(model, data, report_dir=blocker / "report", progress=False)
    assert not scored  # said before any track was scored


def _model_trained_on(learnt: list, model: Path) -> Path:
    """The band-energy model, exported with a training record naming the files `learnt`
    (their content digests, as `trainer fit` records them) and data of another place."""
    from trainer.export import export_model
    from trainer.featcache import trained_on

    spec = parse_spec(TEST_SPEC)
    record = {"seed": 0, "valid_fraction": 0.2, "test_fraction": 0.2, "origin": "csv", "data_id": "elsewhere"}
    evaluation = {
        "split": "test",
        "tracks": 2,
        "accuracy": 0.5,
        "training_split": {**record, "trained_on": trained_on(learnt)},
    }
    export_model(
        BandEnergy(spec), model, labels=list(BANDS), spec=spec, name="m", license="CC0-1.0", evaluation=evaluation
    )
    return model


def test_update_model_refuses_copies_of_the_training_tracks(tmp_path):
    """Training files copied under other names into another folder are other data by
    their path, but not by their content: --update-model refuses their figures."""
    import shutil

    from tagger.modelfile import read_metadata

    data = tmp_path / "data"
    learnt = [
        tone(data / g / f"{g}{i}.wav", [f], seconds=1.5) for g, f in [("low", 150), ("high", 5000)] for i in range(3)
    ]
    model = _model_trained_on(learnt, tmp_path / "m.onnx")
    other = tmp_path / "other"
    for g, f in [("low", 150), ("high", 5000), ("hiphop", 1000)]:
        for i in range(2):
            tone(other / g / f"new-{g}{i}.wav", [f], seconds=1.5, phase=0.1 * i + (1.0 if g == "high" else 0.0))
    before = model.read_bytes()
    shutil.copy(learnt[0], other / "low" / "renamed-copy.wav")
    with pytest.raises(ValueError, match="1 of them copies of tracks the model was trained on"):
        ev.evaluate(model, other, split="all", report_dir=tmp_path / "r", progress=False, update_model=True)
    assert model.read_bytes() == before
    (other / "low" / "renamed-copy.wav").unlink()
    ev.evaluate(model, other, split="all", report_dir=tmp_path / "r2", progress=False, threads=1, update_model=True)
    assert read_metadata(model).evaluation["tracks"] == 6  # honest figures of other music are written


def test_a_plain_report_names_copies_of_training_tracks_and_one_class_figures(tmp_path):
    """Found by a helper testing the trainer: a report on data holding copies of the
    training tracks said "not the data the model was trained on" (the copy check ran only
    with --update-model), and on data of one of the model's classes it gave accuracy and
    macro-F1 1.0 unmarked, which --update-model then wrote into the model."""
    import shutil

    data = tmp_path / "data"
    learnt = [tone(data / "low" / f"low{i}.wav", [150], seconds=1.5) for i in range(3)]
    model = _model_trained_on(learnt, tmp_path / "m.onnx")
    one = tmp_path / "one-class"
    for i in range(3):
        tone(one / "low" / f"new{i}.wav", [150], seconds=1.5, phase=0.2 * i + 0.1)
    shutil.copy(learnt[0], one / "low" / "renamed-copy.wav")
    report = ev.evaluate(model, one, split="all", report_dir=tmp_path / "r", progress=False, threads=1)
    assert "1 of them copies of tracks the model was trained on" in report["split_note"]
    assert report["accuracy"] == 1.0 and report["closed_set_informative"] is False
    md = (tmp_path / "r" / "report.md").read_text()
    assert "| track accuracy | 1.0000 (trivial: one class in the data" in md
    before = model.read_bytes()
    (one / "low" / "renamed-copy.wav").unlink()
    with pytest.raises(ValueError, match="one class"):
        ev.evaluate(model, one, split="all", report_dir=tmp_path / "r2", progress=False, threads=1, update_model=True)
    assert model.read_bytes() == before
