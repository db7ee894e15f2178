"""Per-track analysis on real music with the real default model."""

from __future__ import annotations

import numpy as np
import pytest

from tagger import analyze
from tagger.analyze import plan_patch_starts, score_adaptively, track_patches
from tagger.app.analysis import AnalysisRun
from tagger.decode import read_windows
from tagger.features import logmel
from tagger.model import Model
from tagger.paths import resources_dir
from tagger.resample import resample

MUSIC = resources_dir() / "example-music"


@pytest.fixture(scope="module")
def model():
    return Model(threads=1)


def test_patch_plan_spreads_over_the_body_of_the_track():
    starts = plan_patch_starts(200.0, 3.0, 6)
    assert len(starts) == 6 and starts == sorted(starts)
    assert starts[0] == pytest.approx(10.0) and starts[-1] == pytest.approx(187.0)  # 5 % skipped each end
    assert plan_patch_starts(2.0, 3.0, 6) == [0.0]  # shorter than a patch: one, padded
    assert len(plan_patch_starts(7.0, 3.0, 6)) == 2  # never more patches than fit


def test_patches_equal_slices_of_a_whole_track_log_mel(model):
    """Decoding only windows around the patches gives the frames a whole-track
    computation gives (the margins cover the resampler and STFT edges)."""
    spec = model.spec
    path = MUSIC / "kevin-macleod-vibe-ace.ogg"
    (whole,), sr = read_windows(path, [(0.0, None)])
    mel = logmel(resample(whole, sr, spec.sample_rate, spec.resampler), spec)
    starts = [4.0, 21.5, 40.25]
    got = track_patches(path, spec, starts)
    for start, patch in zip(starts, got):
        first = int(round(start * spec.sample_rate / spec.hop_length))
        ref = mel[first : first + spec.patch_frames]
        assert np.abs(patch - ref).max() < 1e-3


@pytest.mark.parametrize(
    "model_file, first, every",
    [
        ("msd-musicnn.onnx", (0, 2, 3, 5), (0, 1, 2, 3, 4, 5)),  # one tagger: 4 spread patches, then the rest
        ("msd-mtt-musicnn.onnx", (1, 4), (1, 3, 4)),  # two taggers per patch: half as many, not the ends
    ],
)
def test_close_calls_get_the_remaining_patches(model_file, first, every, monkeypatch):
    model = Model(resources_dir() / "models" / model_file, threads=1)
    path = MUSIC / "karissa-hobbs-lets-go-fishin.ogg"
    starts = plan_patch_starts(132.9, 3.0, 6)
    all_scores, all_embeds = model.score_patches(track_patches(path, model.spec, starts))

    monkeypatch.setattr(analyze, "CLOSE_CALL", 0.0)  # never a close call: the first pass only
    used, scores, embeds = score_adaptively(model, path, starts)
    assert used == [starts[i] for i in first]
    np.testing.assert_allclose(scores, all_scores[list(first)], atol=1e-5)
    np.testing.assert_allclose(embeds, all_embeds[list(first)], atol=1e-4)

    monkeypatch.setattr(analyze, "CLOSE_CALL", 1.1)  # always a close call: the others too, in time order
    used, scores, embeds = score_adaptively(model, path, starts)
    assert used == [starts[i] for i in every]
    np.testing.assert_allclose(scores, all_scores[list(every)], atol=1e-5)
    np.testing.assert_allclose(embeds, all_embeds[list(every)], atol=1e-4)  # the embeddings follow the same order


def test_analyze_file_reports_unreadable_audio(tmp_path, model):
    bad = tmp_path / "noise.mp3"
    bad.write_bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    result = analyze.analyze_file(str(bad), None, 6, model=model)
    assert result["status"] == "error" and result["error"]


def test_jazz_trumpet_is_heard_as_jazz(model):
    """The bundled model on a real recording: the solo jazz trumpet loop's best genre."""
    from tagger.vocabulary import Vocabulary

    result = analyze.analyze_file(str(MUSIC / "sorohan-solo-trumpet.ogg"), None, 6, model=model)
    best = Vocabulary.load().genre_scores(model.info, result["scores"])[0]
    assert best[0] == "Jazz" and best[1] > 0.5


def test_calibration_metadata_is_applied_to_pooled_scores(tmp_path, model):
    """A model file carrying `logit_affine` calibration: track scores are the calibrated
    mean of the patch scores; without one, the plain mean."""
    import dataclasses

    import onnx

    from tagger.modelfile import write_metadata

    n = len(model.info.labels)
    shift = np.linspace(-1.0, 1.0, n)
    scale = np.full(n, 0.5)
    info = dataclasses.replace(
        model.info, calibration={"method": "logit_affine", "scale": scale.tolist(), "shift": shift.tolist()}
    )
    proto = onnx.load(model.info.path)
    path = tmp_path / "calibrated.onnx"
    onnx.save(write_metadata(proto, info), path)
    calibrated = Model(path, threads=1)
    onnx.save(write_metadata(proto, dataclasses.replace(model.info, calibration=None)), tmp_path / "raw.onnx")
    uncalibrated = Model(tmp_path / "raw.onnx", threads=1)

    x = track_patches(MUSIC / "kevin-macleod-vibe-ace.ogg", model.spec, [10.0, 30.0])
    raw = model.score_patches(x)[0]
    mean = raw.astype(np.float64).mean(axis=0)
    want = 1 / (1 + np.exp(-(scale * np.log(mean / (1 - mean)) + shift)))
    np.testing.assert_allclose(calibrated.track_scores(raw), want, rtol=1e-5)
    np.testing.assert_allclose(uncalibrated.track_scores(raw), mean, rtol=1e-5)


def _distinct_wavs(folder, n: int, seconds: float = 4.0) -> list:
    """`n` short real recordings (excerpts of the example music at different gains and
    offsets, so every file has its own audio content) as 16-bit WAV files."""
    import wave

    import audio_fixtures

    pcm = audio_fixtures.source_pcm("a")  # [2, samples] at 44.1 kHz
    length = int(seconds * audio_fixtures.RATE)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        x = pcm[:, (i * 2205) % (pcm.shape[1] - length) :][:, :length] * (0.5 + 0.04 * i)
        path = folder / f"track-{i:02d}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(audio_fixtures.RATE)
            w.writeframes((np.clip(x.T, -1, 1) * 32767).astype("<i2").tobytes())
        paths.append(path)
    return paths


def test_stop_starts_no_new_track(tmp_path):
    """Stop after k results: only the tracks in flight finish (one per worker at most),
    and the final count is what the progress showed plus those."""
    from tagger.db import Library
    from tagger.scan import scan

    music = tmp_path / "music"
    _distinct_wavs(music, 12)
    lib = Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [music])
        tracks = lib.tracks_under([music])
        assert len({t.content_id for t in tracks}) == 12
        workers, k = 2, 1
        run = AnalysisRun(lib, workers=workers)
        seen = []

        def on_result(tr, progress):
            seen.append(progress.finished)
            if len(seen) == k:
                run.cancel()

        progress = run.run(tracks, on_result)
        assert run.cancelled
        assert k <= progress.finished <= k + workers - 1
        assert progress.done + progress.failed == len(seen) == progress.finished
    finally:
        lib.close()


def test_a_damaged_copy_does_not_fail_its_healthy_twin(tmp_path, make_library):
    """Two files of the same audio, one with its Opus comment page damaged (the decoder
    refuses it; the audio packets are the same, so is the content id): the damaged one
    is analysed first and fails, the healthy one is then analysed itself and gets its
    scores. The failure is that file's alone."""
    from tagger.db import Library
    from tagger.executors.inline import InlineExecutor
    from tagger.model import default_model_path
    from tagger.scan import scan

    music = tmp_path / "music"
    good = make_library(music, ["opus"])["opus"]
    data = bytearray(good.read_bytes())
    data[data.index(b"OpusTags") + 12] ^= 0xFF
    (music / "a-damaged.opus").write_bytes(bytes(data))  # first in path order
    good.rename(music / "z-good.opus")
    lib = Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [music])
        tracks = lib.tracks_under([music])
        assert len({t.content_id for t in tracks}) == 1
        model = str(default_model_path())
        run = AnalysisRun(lib, model, executor=InlineExecutor(model, "cpu", 1))
        results = {}
        progress = run.run(tracks, lambda tr, p: results.update({tr.path.rsplit("/", 1)[-1]: tr}))

        assert results["a-damaged.opus"].status == "error"
        assert "corrupt" in results["a-damaged.opus"].error
        assert results["z-good.opus"].status == "ok" and results["z-good.opus"].scores is not None
        assert (progress.done, progress.failed) == (1, 1)
    finally:
        lib.close()
