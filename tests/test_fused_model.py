"""The default model, msd-mtt-musicnn: the MSD and the MagnaTagATune musicnn taggers
joined on one input (`trainer fuse`), and the app's rule for a genre both know.
See resources/models/msd-mtt-musicnn.md."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tagger.analyze import pass_plan
from tagger.cli import main
from tagger.model import default_model_path, find_model
from tagger.modelfile import read_metadata
from tagger.ort import ort_module
from tagger.review import GenreMapper
from tagger.vocabulary import Vocabulary, bundled_path
from trainer import musicnn_calibrate as mc

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "resources" / "models"
MUSIC = ROOT / "resources" / "example-music"
PARITY = Path(__file__).resolve().parent / "data" / "musicnn_parity.npz"


def run_model(path: Path, outputs: list[str], x: np.ndarray) -> list[np.ndarray]:
    return ort_module().InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(outputs, {"log_mel": x})


def test_the_default_model_is_the_fused_one():
    info = read_metadata(default_model_path())
    assert info.key == "msd-mtt-musicnn@1.1.0"
    assert set(info.sources) == {"msd", "mtt"} and len(info.labels) == 100
    assert info.labels[0] == "msd:rock" and info.labels[51] == "mtt:classical"
    assert info.tags[51] == "classical" and "classical" in info.genre_tags and "jazz" in info.genre_tags
    assert info.embedding_output == "penultimate"
    # the MSD-only model stays available by its name
    assert find_model("msd-musicnn") == MODELS / "msd-musicnn.onnx"


def test_fused_scores_are_the_parts_scores():
    """On real-music patches: one call gives each tagger's own scores, and the MSD
    tagger's embedding."""
    x = np.load(PARITY)["log_mel"]
    taggram, pen = run_model(default_model_path(), ["taggram", "penultimate"], x)
    msd, msd_pen = run_model(MODELS / "msd-musicnn.onnx", ["taggram", "penultimate"], x)
    (mtt,) = run_model(MODELS / "mtt-musicnn.onnx", ["taggram"], x)
    assert taggram.shape == (4, 100)
    np.testing.assert_allclose(taggram[:, :50], msd, atol=1e-6)
    np.testing.assert_allclose(taggram[:, 50:], mtt, atol=1e-6)
    np.testing.assert_allclose(pen, msd_pen, atol=1e-6)


def test_the_embedding_tagger_can_run_alone():
    """`scored_patches` (a graph input with a default): every tagger on the first rows,
    only the embedding's tagger (MSD) on the rest, whose MTT scores are 0; without it,
    every tagger on every row. The embeddings are the same either way."""
    from tagger.model import Model

    x = np.load(PARITY)["log_mel"]
    session = ort_module().InferenceSession(str(default_model_path()), providers=["CPUExecutionProvider"])
    whole, pen = session.run(["taggram", "penultimate"], {"log_mel": x})
    part, part_pen = session.run(["taggram", "penultimate"], {"log_mel": x, "scored_patches": np.array([1])})
    np.testing.assert_allclose(part[:1], whole[:1], atol=1e-6)
    np.testing.assert_allclose(part[1:, :50], whole[1:, :50], atol=1e-6)
    assert not part[1:, 50:].any() and whole[1:, 50:].all()
    np.testing.assert_allclose(part_pen, pen, atol=1e-6)
    model = Model(default_model_path(), device="cpu", threads=1)
    assert model.gated and not Model(MODELS / "msd-musicnn.onnx", device="cpu", threads=1).gated
    np.testing.assert_allclose(model.embed_patches(x), pen, atol=1e-6)


def test_the_embedding_pools_at_least_four_patches():
    from tagger.analyze import embedding_patches

    assert embedding_patches(6, [1, 4]) == [2, 5]  # the fused model's first pass, no close call
    assert embedding_patches(6, [1, 3, 4]) == [2]  # a close call
    assert embedding_patches(6, [0, 2, 3, 5]) == []  # a one-tagger plan: already four
    assert embedding_patches(3, [0, 2]) == [1]  # a short track: all it has
    assert embedding_patches(2, [0, 1]) == []


def test_each_tagger_keeps_its_own_prior_correction():
    info = read_metadata(default_model_path())
    msd = read_metadata(MODELS / "msd-musicnn.onnx").calibration
    mtt = read_metadata(MODELS / "mtt-musicnn.onnx").calibration
    assert info.calibration["shift"] == msd["shift"] + mtt["shift"]
    assert info.calibration == mc.calibration_for(info)


def test_a_genre_two_taggers_know_is_their_mean_and_one_tagger_its_best_tag():
    """The one rule (tagger.vocabulary.GenreMap), the same in the CLI's ranking and the
    review table's vectorised form."""
    info = read_metadata(default_model_path())
    vocab = Vocabulary.load(bundled_path())
    scores = np.full(len(info.labels), 0.01)
    at = {label: i for i, label in enumerate(info.labels)}
    scores[at["msd:rock"]], scores[at["mtt:rock"]] = 0.8, 0.2  # both taggers: mean
    scores[at["msd:electronic"]], scores[at["msd:electronica"]] = 0.3, 0.6  # one tagger's two tags: best
    scores[at["mtt:electronic"]] = 0.2
    scores[at["mtt:classical"]], scores[at["mtt:classic"]] = 0.3, 0.45  # MTT only
    scores[at["mtt:techno"]] = 0.99  # not a genre label: no effect
    ranked = dict(vocab.genre_scores(info, scores))
    assert ranked["Rock"] == pytest.approx(0.5)
    assert ranked["Electronic"] == pytest.approx(0.4)
    assert ranked["Classical"] == pytest.approx(0.45)
    assert "techno" not in {n.casefold() for n in ranked}
    mapper = GenreMapper(info, vocab)
    vec = mapper.genre_matrix(scores.astype(np.float32)[None, :])[0]
    assert [n for n, _ in mapper.ranked(vec)][:3] == ["Rock", "Classical", "Electronic"]
    np.testing.assert_allclose([ranked[n] for n in mapper.names], vec, atol=1e-6)


def test_two_taggers_score_half_as_many_patches():
    assert pass_plan(6) == ([0, 2, 3, 5], [1, 4])
    assert pass_plan(6, taggers=2) == ([1, 4], [3])  # half in each pass; the plan's ends left out
    assert pass_plan(8, taggers=2) == ([1, 6], [3, 4])
    assert pass_plan(3, taggers=2) == ([0, 2], [])  # a short track: half of its patches, rounded up,
    assert pass_plan(2, taggers=2) == ([0, 1], [])  # but never one patch of two
    assert pass_plan(1, taggers=2) == ([0], [])


@pytest.mark.slow
def test_example_music_through_the_app(tmp_path, monkeypatch, capsys):
    """`tagger analyze` on the bundled example music with the default model: both
    classical pieces come out Classical, and the pieces the MSD-only model named right
    are still named right (resources/models/msd-mtt-musicnn.md has the table)."""
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    code = main(["analyze", str(MUSIC), "--db", str(tmp_path / "lib.sqlite"), "--json", "--workers", "2"])
    out = capsys.readouterr().out
    assert code == 0
    best = {Path(x["path"]).name: x["genres"][0]["name"] for x in map(json.loads, out.splitlines())}
    assert best["brahms-hungarian-dance-5.ogg"] == "Classical"
    assert best["kevin-macleod-sugar-plum-fairy.ogg"] == "Classical"
    assert best["kevin-macleod-vibe-ace.ogg"] == "Jazz"
    assert best["lena-orsa-pistachio-ragtime.ogg"] == "Jazz"
    assert best["sorohan-solo-trumpet.ogg"] in {"Jazz", "Blues"}
    assert best["karissa-hobbs-lets-go-fishin.ogg"] in {"Folk", "Country"}


def test_models_lists_both_and_points_to_the_personal_model(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "msd-mtt-musicnn@1.1.0" in out and "msd-musicnn@1.1.0" in out
    fused = out.split("msd-mtt-musicnn@1.1.0", 1)[1].split("msd-musicnn@1.1.0", 1)[0]  # listed by file name
    assert "classical" in fused and "opera" in fused and "msd:" not in fused
    assert "personal model" in out and "reggae" in out
