"""`trainer fit --arch vgg-transfer`: the bundled MSD VGG rebuilt in PyTorch from its own
ONNX file, fine-tuned (or frozen) on new classes, exported and run by the app."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
import torch
from test_trainer_synth import make_genre_folders

from tagger.analyze import analyze_file
from tagger.features import MUSICNN_SPEC, FeatureSpec
from tagger.model import Model
from tagger.modelfile import read_metadata
from trainer import evaluate as evaluate_mod
from trainer import fit, pipeline
from trainer.export import ort_session
from trainer.vgg_transfer import VGGTransfer, backbone_path, load_msd_vgg

FAST = ["--workers", "0", "--threads", "1", "--no-progress", "--lr", "0.01", "--eval-patches", "1"]


def run_fit(argv: list[str]) -> dict:
    p = argparse.ArgumentParser()
    fit.add_arguments(p)
    return pipeline.train(p.parse_args(["--arch", "vgg-transfer", *argv, *FAST]))


def test_rebuilt_backbone_gives_the_onnx_files_tag_scores(tmp_path):
    from tagger.analyze import track_patches

    net = load_msd_vgg()
    sess = ort_session(backbone_path())
    x = track_patches("resources/example-music/kevin-macleod-vibe-ace.ogg", MUSICNN_SPEC, [5.0, 20.0, 40.0])
    want = sess.run(["taggram"], {"log_mel": x})[0]
    with torch.no_grad():
        got = net(torch.from_numpy(x)).numpy()
    assert np.abs(got - want).max() < 1e-5


def test_train_blocks_choose_what_learns():
    torch.manual_seed(0)
    net = VGGTransfer(96, 3, train_blocks=1)
    before = {k: v.clone() for k, v in net.state_dict().items()}
    opt = torch.optim.SGD([p for p in net.parameters() if p.requires_grad], lr=0.1)
    net.train()
    loss = torch.nn.functional.cross_entropy(net(torch.rand(4, 187, 96) * 3), torch.tensor([0, 1, 2, 0]))
    loss.backward()
    opt.step()
    after = net.state_dict()
    changed = {k for k in before if not torch.equal(before[k], after[k]) and "num_batches" not in k}
    assert changed, "nothing learned"
    # the first four blocks and the input norm keep their weights and their statistics
    assert all(k.startswith(("backbone.blocks.4.", "fc.")) for k in changed), changed
    assert any(k.startswith("backbone.blocks.4.bn.running_mean") for k in changed)
    with pytest.raises(ValueError, match="train-blocks"):
        VGGTransfer(96, 3, train_blocks=6)


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    root = tmp_path_factory.mktemp("vgg-synth")
    make_genre_folders(root / "train", 5, seed=31, seconds=3.5)
    make_genre_folders(root / "heldout", 3, seed=32, seconds=3.5)
    return root


def test_frozen_backbone_learns_new_classes_and_the_app_runs_it(synth, tmp_path):
    out = tmp_path / "vgg.onnx"
    common = ["--epochs", "3", "--patches-per-track", "2", "--cache-dir", str(synth / "cache")]
    summary = run_fit(["--data", str(synth / "train"), "--out", str(out), "--train-blocks", "0", *common])
    assert summary["parity_max_abs_diff"] < 1e-5
    info = read_metadata(out)
    assert FeatureSpec.from_dict(info.feature_spec) == MUSICNN_SPEC  # the backbone's spec, whatever the default
    assert "frozen" in out.with_suffix(".md").read_text()
    report = evaluate_mod.evaluate(out, synth / "heldout", report_dir=tmp_path / "rep", split="all", progress=False)
    assert report["tracks"] == 12 and report["accuracy"] >= 0.75, report["confusion_matrix"]
    result = analyze_file("resources/example-music/brahms-hungarian-dance-5.ogg", None, 6, model=Model(out, threads=1))
    assert result["status"] == "ok" and len(result["scores"]) == 4

    # control: the same recipe on shuffled labels stays at chance on the held-out tracks
    files = sorted((synth / "train").rglob("*.wav"))
    labels = np.random.default_rng(5).permutation([f.parent.name for f in files])
    manifest = tmp_path / "shuffled.csv"
    manifest.write_text("path,label\n" + "".join(f"{f},{lab}\n" for f, lab in zip(files, labels)))
    run_fit(["--data", str(manifest), "--out", str(tmp_path / "shuffled.onnx"), "--train-blocks", "0", *common])
    report = evaluate_mod.evaluate(
        tmp_path / "shuffled.onnx", synth / "heldout", report_dir=tmp_path / "rep2", split="all", progress=False
    )
    assert report["tracks"] == 12 and report["accuracy"] < 0.6  # chance: 0.25


def test_vgg_transfer_refuses_another_feature_spec(synth, tmp_path):
    with pytest.raises(ValueError, match="takes only the musicnn feature spec"):
        run_fit(["--data", str(synth / "train"), "--out", str(tmp_path / "x.onnx"), "--spec", "n_mels=64"])
