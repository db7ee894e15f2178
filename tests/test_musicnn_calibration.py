"""The MSD models' prior correction (see resources/models/msd-musicnn.md).

Tag priors come from the training-set mean logits stored by `trainer import-musicnn`
(trainer/data/msd_training_mean_logits.json) and the published last.fm tag counts; the
shipped model files carry the resulting `calibration`. On real music that is neither
rock nor pop, the calibrated MSD model no longer puts those frequent tags among
its two best genres, and still names the right genre.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import onnx
import pytest

from tagger import analyze
from tagger.model import Model
from tagger.modelfile import read_metadata, write_metadata
from tagger.paths import resources_dir
from trainer import musicnn_calibrate as mc

MODELS = resources_dir() / "models"
MUSIC = resources_dir() / "example-music"

# example music that is neither rock nor pop, with the MSD genre tags that are right
# for it (None: no MSD genre tag fits, e.g. classical; only rock/pop are checked)
NOT_ROCK_OR_POP = {
    "admiralbob-choice-drum-bass.ogg": None,  # a hip-hop beat the model hears as jazz
    "brahms-hungarian-dance-5.ogg": None,
    "karissa-hobbs-lets-go-fishin.ogg": {"folk", "country"},
    "kevin-macleod-sugar-plum-fairy.ogg": None,
    "kevin-macleod-vibe-ace.ogg": {"jazz"},
    "lena-orsa-pistachio-ragtime.ogg": {"jazz"},
    "sorohan-solo-trumpet.ogg": {"jazz", "blues"},
}


def test_training_logits_track_the_published_tag_frequencies():
    """The justification of the priors: the mean training logits rank the tags with
    published counts like the counts do, and a line maps one to the other closely."""
    info = read_metadata(MODELS / "msd-musicnn.onnx")
    labels = list(info.labels)
    mean_logits = mc.load_training_mean_logits(labels)
    prior_logits, fit = mc.fit_prior_logits(mean_logits, labels)
    assert fit["n"] == 8 and fit["r"] > 0.9 and 0 < fit["slope"] < 1
    prior = dict(zip(labels, 1 / (1 + np.exp(-prior_logits))))
    assert max(prior, key=prior.get) == "rock"
    assert prior["rock"] > prior["pop"] > prior["jazz"] > prior["Hip-Hop"] > prior["House"]
    with pytest.raises(ValueError, match="other labels"):
        mc.load_training_mean_logits(labels[::-1])


@pytest.mark.parametrize("name", ["msd-musicnn", "msd-vgg"])
def test_shipped_models_carry_the_prior_correction(name):
    info = read_metadata(MODELS / f"{name}.onnx")
    labels = list(info.labels)
    want = mc.calibration_from_priors(
        mc.fit_prior_logits(mc.load_training_mean_logits(labels), labels)[0], list(info.label_kinds)
    )
    assert info.calibration == want
    shift = dict(zip(labels, info.calibration["shift"]))
    assert (
        shift["rock"] < shift["pop"] < shift["jazz"] < 0 < shift["Hip-Hop"] < shift["House"]
    )  # frequent tags pay most
    assert info.evaluation["top1_calibrated"] and info.evaluation["top1_raw"]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """The shipped MSD model and the same network without its calibration."""
    calibrated = Model(MODELS / "msd-musicnn.onnx", threads=1)
    raw_path = tmp_path_factory.mktemp("raw") / "msd-musicnn-raw.onnx"
    proto = onnx.load(calibrated.info.path)
    onnx.save(write_metadata(proto, dataclasses.replace(calibrated.info, calibration=None)), raw_path)
    return calibrated, Model(raw_path, threads=1)


def top_genres(info, scores, k=2):
    genre = [i for i, kind in enumerate(info.label_kinds) if kind == "genre"]
    order = np.argsort(-np.asarray(scores)[genre], kind="stable")[:k]
    return [info.labels[genre[j]] for j in order]


def test_frequent_tags_leave_the_suggestions_of_other_music(models):
    """Real recordings analysed the way the app does (6 patches): raw scores put rock or
    pop among the best two genres of some of these pieces; calibrated ones of none, and
    the pieces with an MSD genre keep the right first genre."""
    calibrated, raw = models
    raw_hits, cal_hits = [], []
    for name, right in NOT_ROCK_OR_POP.items():
        path = str(MUSIC / name)
        cal_top = top_genres(calibrated.info, analyze.analyze_file(path, None, 6, model=calibrated)["scores"])
        raw_top = top_genres(raw.info, analyze.analyze_file(path, None, 6, model=raw)["scores"])
        raw_hits += [name] if {"rock", "pop"} & set(raw_top) else []
        cal_hits += [name] if {"rock", "pop"} & set(cal_top) else []
        if right:
            assert cal_top[0] in right, (name, cal_top)
    assert raw_hits, "the raw model no longer shows the frequent-tag bias on these pieces"
    assert cal_hits == []
