"""trainer evaluate on tiny known cases: a hand-made "band energy" model whose answer for
each synthetic tone is known, so every figure of the report can be checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch
from torch import nn

from test_trainer_synth import TEST_SPEC
from trainer import evaluate as ev
from trainer import fit

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


def tone(path: Path, freqs, seconds=3.0):
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * SR)) / SR
    y = sum(0.3 * np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    sf.write(str(path), y.astype(np.float32), SR)
    return path


@pytest.fixture
def band_model(tmp_path):
    from trainer.export import export_model

    spec = fit.parse_spec(TEST_SPEC)
    out = tmp_path / "bands.onnx"
    export_model(BandEnergy(spec), out, labels=list(BANDS), spec=spec, name="bands", license="CC0-1.0",
                 evaluation={})
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
    rep = ev.evaluate(model, data, report_dir=tmp_path / "report", progress=False, threads=1,
                      update_model=True)

    files = {p.name for p in (tmp_path / "report").iterdir()}
    assert files == {"report.json", "report.md", "confusion_matrix.png", "per_class.png"}
    saved = json.loads((tmp_path / "report" / "report.json").read_text())
    assert saved["tracks"] == 7 and saved["split"] == "all"
    assert saved["classes"] == ["Low", "Hip-Hop", "High"]
    assert rep["accuracy"] == saved["accuracy"]  # the returned report is the one written
    assert saved["accuracy"] == pytest.approx(6 / 7)
    assert saved["top3_accuracy"] == 1.0
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
    for png in ("confusion_matrix.png", "per_class.png"):
        assert (tmp_path / "report" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # --update-model wrote the figures into the model file
    from tagger.modelfile import read_metadata

    e = read_metadata(model).evaluation
    assert e["accuracy"] == round(6 / 7, 4) and e["tracks"] == 7 and e["split"] == "all"


def test_gtzan_layout_uses_the_fault_filtered_test_split(band_model, tmp_path):
    model, _ = band_model
    lists = {}
    for split in ("train", "test"):
        for line in (Path(fit.__file__).parent / "splits" / f"{split}_filtered.txt").read_text().split():
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


def test_multilabel_sigmoid_model_gets_roc_and_pr_auc(band_model, tmp_path):
    import onnx

    from tagger.modelfile import read_metadata, write_metadata
    import dataclasses

    model, spec = band_model
    # a sigmoid tag model: the same graph, declared multi-label (scores need not sum to 1)
    sig = tmp_path / "tags.onnx"
    m = onnx.load(str(model))
    info = read_metadata(model)
    write_metadata(m, dataclasses.replace(info, activation="sigmoid", name="tags", path=None))
    onnx.save(m, str(sig))
    rows = ["path,label"]
    cases = [([150], "low"), ([1000], "hip hop"), ([5000], "high"), ([150, 1000], "low;hip-hop"),
             ([1000, 5000], "HipHop|High"), ([150], "low")]
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
    card.write_text("# bands\n\n" + fit.evaluation_markdown({"accuracy": 0.1}) + "\n\nfooter\n")
    tone(tmp_path / "d" / "high" / "a.wav", [5000])
    tone(tmp_path / "d" / "low" / "b.wav", [150])
    ev.evaluate(model, tmp_path / "d", report_dir=tmp_path / "r", progress=False, threads=1, update_model=True)
    text = card.read_text()
    assert "| accuracy | 1.0 |" in text and "0.1" not in text and text.endswith("footer\n")
    assert text.count(fit.EVAL_START) == 1
