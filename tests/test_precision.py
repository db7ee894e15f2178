"""Which copy of a model runs (float or int8), chosen per CPU by one rule
(`tagger.model.choose_precision` over `tagger.cpu.int8_instructions`), forced by the
setting or GENRE_TAGGER_PRECISION; and the shipped int8 copy scores real audio close to
the float model."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tagger import cpu
from tagger.model import (
    PRECISION_ENV,
    Model,
    choose_precision,
    default_model_path,
    find_model,
    int8_copy,
    list_models,
)

MUSIC = Path(__file__).resolve().parent.parent / "resources" / "example-music"


@pytest.fixture(autouse=True)
def _no_override(monkeypatch):
    monkeypatch.delenv(PRECISION_ENV, raising=False)


@pytest.fixture
def model_pair(tmp_path) -> Path:
    """A model file with an int8 copy beside it (the real files)."""
    src = tmp_path / default_model_path().name
    shutil.copy(default_model_path(), src)
    shutil.copy(default_model_path(), int8_copy(src))  # which file it is does not matter here
    return src


def test_the_cpu_features_name_the_int8_instructions(tmp_path):
    assert cpu.int8_instructions({"AVX512VNNI": True, "AVX2": True}, set()) == "AVX-512 VNNI"
    assert cpu.int8_instructions({"AVX512_CLX": True}, set()) == "AVX-512 VNNI"
    assert cpu.int8_instructions({"ASIMDDP": True}, set()) == "ARM dot product"
    assert cpu.int8_instructions({"AVX2": True, "AVX512VNNI": False}, set()) == ""
    # numpy's table has no AVX-VNNI (VNNI without AVX-512): /proc/cpuinfo says it
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx_vnni fma\n\nprocessor\t: 1\nflags\t\t: fpu\n")
    assert cpu.int8_instructions({"AVX2": True}, cpu._proc_flags(cpuinfo)) == "AVX-VNNI"
    arm = tmp_path / "arm"
    arm.write_text("processor\t: 0\nFeatures\t: fp asimd evtstrm aes crc32 asimddp\n")
    assert cpu.int8_instructions({}, cpu._proc_flags(arm)) == "ARM dot product"
    assert cpu._proc_flags(tmp_path / "missing") == set()
    # this machine: whatever it has, numpy's table and /proc/cpuinfo agree with the answer
    here = cpu.int8_instructions()
    assert here == cpu.int8_instructions(cpu._numpy_features(), cpu._proc_flags())


def test_int8_runs_only_where_the_cpu_has_the_instructions(model_pair):
    auto_vnni = choose_precision(model_pair, "auto", int8_cpu="AVX-512 VNNI")
    assert (auto_vnni.precision, auto_vnni.path) == ("int8", int8_copy(model_pair))
    assert "AVX-512 VNNI" in auto_vnni.note
    plain = choose_precision(model_pair, "auto", int8_cpu="")
    assert (plain.precision, plain.path) == ("float", model_pair)
    assert "no int8" in plain.note
    assert choose_precision(model_pair, "auto", gpu=True, int8_cpu="AVX-512 VNNI").precision == "float"
    assert choose_precision(model_pair, "float", int8_cpu="AVX-512 VNNI").precision == "float"
    assert choose_precision(model_pair, "int8", int8_cpu="").path == int8_copy(model_pair)


def test_the_environment_overrides_the_setting(model_pair, monkeypatch):
    monkeypatch.setenv(PRECISION_ENV, "int8")
    assert choose_precision(model_pair, "float", int8_cpu="").precision == "int8"
    monkeypatch.setenv(PRECISION_ENV, "float")
    assert choose_precision(model_pair, "auto", int8_cpu="ARM dot product").precision == "float"
    monkeypatch.setenv(PRECISION_ENV, "fast")
    with pytest.raises(ValueError, match="precision"):
        choose_precision(model_pair)


def test_a_model_without_an_int8_copy_runs_float(tmp_path):
    alone = tmp_path / "alone.onnx"
    shutil.copy(default_model_path(), alone)
    for requested in ("auto", "int8"):
        choice = choose_precision(alone, requested, int8_cpu="AVX-512 VNNI")
        assert (choice.precision, choice.path) == ("float", alone)
    assert "no int8 copy" in choose_precision(alone, "int8").note


def test_an_int8_copy_is_no_model_of_its_own():
    listed = [m for m in list_models() if not isinstance(m, tuple)]
    assert not [m for m in listed if ".int8." in str(m.path)]
    assert find_model(default_model_path().stem) == default_model_path()


def test_the_setting_reaches_the_pools_workers(tmp_path):
    """The local pool's workers load the copy the precision asks for and say so."""
    from tagger.executors.local import LocalPoolExecutor

    pool = LocalPoolExecutor(str(default_model_path()), "cpu", workers=1, precision="float")
    try:
        pool.start()
    finally:
        pool.close()
    assert "float model (asked for)" in pool.device_note


@pytest.mark.slow
def test_an_int8_copy_loads_and_scores_real_music_close_to_float(tmp_path):
    """The recipe (`trainer.quantize`, what scripts/quantize_model.py ships when it passes
    the bar) on real music: the copy is the same model to the app, runs when asked for, and
    scores close to the float model (the default model ships none: it missed the bar,
    resources/models/msd-mtt-musicnn.md)."""
    from tagger.analyze import plan_patch_starts, track_patches
    from tagger.decode import audio_info
    from trainer.quantize import quantize

    src = tmp_path / default_model_path().name
    shutil.copy(default_model_path(), src)
    float_model = Model(src, threads=1, precision="float")

    def patches(path, n):
        return track_patches(path, float_model.spec, plan_patch_starts(audio_info(path).duration, 3.0, n))

    pieces = sorted(MUSIC.glob("*.ogg"))
    quantize(src, int8_copy(src), [patches(p, 3) for p in pieces[::2]])
    int8_model = Model(src, threads=1, precision="int8")
    assert int8_model.precision.path == int8_copy(src) and "int8 model" in int8_model.choice.note
    assert int8_model.info.key == float_model.info.key  # the same model to the library
    assert int8_copy(src).stat().st_size < 0.7 * src.stat().st_size
    diffs = []
    for path in pieces[1::2]:  # not calibrated on
        x = patches(path, 2)
        a = float_model.track_scores(float_model.score_patches(x)[0])
        b = int8_model.track_scores(int8_model.score_patches(x)[0])
        assert np.all(np.isfinite(b)) and b.shape == a.shape
        diffs.append(float(np.abs(a - b).mean()))
    # measured on the benchmark music: 0.006 on average; a broken copy is far off
    assert max(diffs) < 0.03, diffs
    assert min(diffs) > 0  # another model file, not the float one again
