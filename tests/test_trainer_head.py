"""Few-shot head (`trainer fit --arch head`) on real music.

The example recordings (resources/example-music, CC / public domain) are cut into a
*train* part (the first 60 % of each track, in 2-4 segments) and a *test* part (the last
40 %, in 1-3 segments), written as separate WAV files. The head is trained from a CSV
manifest on the train segments only; the test segments — later, non-overlapping audio of
the same recordings — are then scored by the app's own pipeline (`tagger.analyze.analyze_file`
with `tagger.model.Model` on the merged file). Six genres, none of them a class the
pretrained model has a tag for except jazz/folk/hip-hop; chance is 1/6 and always answering
the commonest genre scores 5/17.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
MUSIC = ROOT / "resources" / "example-music"
BACKBONE = ROOT / "resources" / "models" / "msd-mtt-musicnn.onnx"  # the default model, the head's default backbone
GENRES = {
    "brahms-hungarian-dance-5": "Classical",
    "kevin-macleod-sugar-plum-fairy": "Classical",
    "kevin-macleod-vibe-ace": "Jazz",
    "sorohan-solo-trumpet": "Jazz",  # a 5-second loop: training only (too short to split)
    "admiralbob-choice-drum-bass": "Hip-Hop",
    "karissa-hobbs-lets-go-fishin": "Folk",
    "lena-orsa-pistachio-ragtime": "Ragtime",
    "setuniman-sweet-waltz": "Waltz",
}
SR = 16000
TRAIN_PATCHES = 4  # per training segment (the app's plan)
MIN_ACCURACY = 0.8  # chance 1/6 = 0.17, constant answer at most 5/17 = 0.29

pytestmark = pytest.mark.skipif(
    not BACKBONE.exists() or not MUSIC.is_dir(), reason="needs the bundled msd-musicnn model and example music"
)


def _resampler() -> str:
    from tagger.resample import available_methods

    return "soxr_hq" if "soxr_hq" in available_methods() else "polyphase"


@pytest.fixture(scope="module")
def segments(tmp_path_factory) -> dict:
    """{"manifest": csv path, "rows": [(path, genre, split, source)]} of WAV segments."""
    import soundfile as sf

    from tagger.decode import load_mono

    out = tmp_path_factory.mktemp("head-segments")
    rows = []
    for stem, genre in GENRES.items():
        y, _ = load_mono(MUSIC / f"{stem}.ogg", sr=SR, resampler=_resampler())
        dur = len(y) / SR
        if dur < 12:
            parts = [("train", 0.0, dur)]
        else:
            cut = 0.6 * dur
            n_tr = max(2, min(4, int(cut // 7)))
            n_te = max(1, min(3, int((dur - cut) // 7)))
            parts = [("train", cut * i / n_tr, cut * (i + 1) / n_tr) for i in range(n_tr)]
            parts += [("test", cut + (dur - cut) * i / n_te, cut + (dur - cut) * (i + 1) / n_te) for i in range(n_te)]
        for k, (split, a, b) in enumerate(parts):
            f = out / split / f"{stem}-{k}.wav"
            f.parent.mkdir(exist_ok=True)
            sf.write(f, y[int(a * SR) : int(b * SR)], SR, subtype="PCM_16")
            rows.append((str(f), genre, split, stem))
    manifest = out / "manifest.csv"
    with open(manifest, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "label", "split", "artist"])  # artist = source recording (CV groups)
        w.writerows(rows)
    return {"manifest": manifest, "rows": rows, "dir": out}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("head-cache")


def fit_args(data, out, cache_dir, *extra):
    from trainer.cli import build_parser

    return build_parser().parse_args(
        [
            "fit",
            "--arch",
            "head",
            "--data",
            str(data),
            "--out",
            str(out),
            "--cache-dir",
            str(cache_dir),
            "--workers",
            "1",
            "--no-progress",
            "--head-patches",
            str(TRAIN_PATCHES),
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def trained(segments, cache_dir, tmp_path_factory) -> dict:
    from trainer.head import train

    out = tmp_path_factory.mktemp("head-model") / "my-genres.onnx"
    started = time.perf_counter()
    summary = train(fit_args(segments["manifest"], out, cache_dir))
    summary["wall_seconds"] = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------------- the model file
def test_model_file_metadata(trained, segments):
    from tagger.modelfile import read_metadata

    info = read_metadata(trained["out"])
    backbone = read_metadata(BACKBONE)
    assert list(info.labels) == sorted(set(GENRES.values()), key=str.casefold)
    assert set(info.label_kinds) == {"genre"}
    assert (info.activation, info.pooling) == ("softmax", "mean")
    assert info.feature_spec == backbone.feature_spec
    assert info.input_name == backbone.input_name
    assert info.embedding_output == backbone.embedding_output
    assert "ISC" in info.license and "musicnn" in info.license and "user" in info.license
    assert "musicnn" in info.credit
    n_test = sum(r[2] == "test" for r in segments["rows"])
    ev = info.evaluation
    assert ev["tracks"] == n_test and ev["train_tracks"] == len(segments["rows"]) - n_test
    assert ev["chance_accuracy"] == pytest.approx(1 / 6, abs=1e-3)
    assert ev["accuracy"] >= MIN_ACCURACY, ev
    from trainer.datasets import source_id

    assert ev["training_split"] == {
        "seed": 0,
        "valid_fraction": 0.15,
        "test_fraction": 0.15,
        "origin": "csv",
        "data_id": source_id(segments["manifest"]),
    }
    card = Path(trained["out"]).with_suffix(".md").read_text()
    from trainer.modelcard import EVAL_END, EVAL_START

    # the markers `trainer evaluate --update-model` replaces, around the one Evaluation section
    assert card.count(EVAL_START) == card.count(EVAL_END) == card.count("## Evaluation") == 1
    assert (
        card.index(EVAL_START) < card.index("## Evaluation") < card.index("| genre | precision") < card.index(EVAL_END)
    )
    # one file: the head is in the graph, nothing else is needed
    import onnx

    g = onnx.load(trained["out"]).graph
    assert [o.name for o in g.output] == [info.output_name, info.embedding_output]
    assert any(n.op_type == "Softmax" for n in g.node)
    # seconds, not minutes (features come from the backbone; the fit itself is tiny)
    assert trained["seconds"]["fit"] < 20, trained["seconds"]


def test_merged_model_equals_head_on_backbone_outputs(trained, segments):
    """tagger.model.Model on the merged file == the trained head applied to the backbone."""
    from tagger.analyze import plan_patch_starts, track_patches
    from tagger.decode import audio_info
    from tagger.features import patch_seconds
    from tagger.model import Model
    from trainer.embeddings import TrackFeatures
    from trainer.head import feature_matrix

    merged = Model(trained["out"], device="cpu", threads=1)
    backbone = Model(BACKBONE, device="cpu", threads=1)
    head = trained["head"]
    tests = [r[0] for r in segments["rows"] if r[2] == "test"][:3]
    for path in tests:
        starts = plan_patch_starts(audio_info(path).duration, patch_seconds(backbone.spec), 6)
        x = track_patches(path, backbone.spec, starts)
        got, emb = merged.score_patches(x)
        scores, embeds = backbone.score_patches(x)
        want = head.predict_proba(feature_matrix(TrackFeatures(starts, scores, embeds), trained["features"]))
        assert got.shape == (len(starts), len(trained["labels"]))
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)
        np.testing.assert_allclose(got.sum(axis=1), 1.0, atol=1e-5)
        np.testing.assert_allclose(emb, embeds, atol=1e-6)  # the embedding output is the backbone's
    assert trained["parity_max_abs_diff"] <= 1e-5


def test_held_out_accuracy_with_the_apps_pipeline(trained, segments):
    """Later, non-overlapping audio of each recording, scored exactly as the app does."""
    from tagger.analyze import DEFAULT_PATCHES, analyze_file
    from tagger.model import Model

    model = Model(trained["out"], device="cpu", threads=2)
    labels = list(model.info.labels)
    tests = [(r[0], r[1]) for r in segments["rows"] if r[2] == "test"]
    right, wrong = 0, []
    for path, genre in tests:
        res = analyze_file(path, None, DEFAULT_PATCHES, model)
        assert res["status"] == "ok", res
        guess = labels[int(np.argmax(res["scores"]))]
        if guess == genre:
            right += 1
        else:
            wrong.append((Path(path).name, genre, guess))
    n = len(tests)
    accuracy = right / n
    majority = max(sum(g == c for _, g in tests) for c in set(GENRES.values())) / n
    print(
        f"\nfew-shot head held-out accuracy {accuracy:.3f} ({right}/{n} test segments; "
        f"chance {1 / len(labels):.3f}, constant answer {majority:.3f}); wrong: {wrong}"
    )
    assert n >= 15
    assert majority < 0.35
    assert accuracy >= MIN_ACCURACY, wrong


def test_cli_fit_and_cached_features(segments, cache_dir, tmp_path, trained, capsys):
    """The `trainer fit --arch head` command line; the second run reuses the cached
    backbone features and takes seconds."""
    from trainer.cli import main

    out = tmp_path / "cli.onnx"
    started = time.perf_counter()
    rc = main(
        [
            "fit",
            "--arch",
            "head",
            "--data",
            str(segments["manifest"]),
            "--out",
            str(out),
            "--cache-dir",
            str(cache_dir),
            "--workers",
            "1",
            "--no-progress",
            "--head-patches",
            str(TRAIN_PATCHES),
            "--name",
            "my-genres",
            "--version",
            "2.0.0",
        ]
    )
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "held-out accuracy" in err and f"({len(segments['rows'])} cached)" in err
    from tagger.modelfile import read_metadata

    info = read_metadata(out)
    assert info.key == "my-genres@2.0.0"
    assert seconds < 30, seconds


# ---------------------------------------------------------------------- trainer evaluate on a head
def test_evaluate_scores_the_heads_held_out_tracks(segments, cache_dir, tmp_path):
    """A head trained on a CSV without a split column: `trainer evaluate` finds its held-out
    tracks again (recorded seed and fractions, genre spellings merged before the split),
    gets its figure, refuses to write all-track figures and replaces the card's section."""
    from tagger.modelfile import read_metadata
    from trainer import evaluate as ev
    from trainer.datasets import load_dataset, source_id
    from trainer.head import train
    from trainer.modelcard import EVAL_START

    spelled = {"Classical": "Classical", "Folk": "folk", "Jazz": "Jazz"}
    rows = [(p, spelled[g]) for p, g, split, _ in segments["rows"] if split == "train" and g in spelled]
    rows[0] = (rows[0][0], rows[0][1].upper())  # another spelling of a genre: merged by the head
    data = _csv(tmp_path / "no-split.csv", rows)
    out = tmp_path / "head.onnx"
    summary = train(fit_args(data, out, cache_dir, "--test-fraction", "0.25", "--seed", "2"))
    record = summary["evaluation"]["training_split"]
    assert record == {
        "seed": 2,
        "valid_fraction": 0.15,
        "test_fraction": 0.25,
        "origin": "by-artist-or-track",
        "merged_spellings": True,
        "data_id": source_id(data),
    }
    held_out = set(summary["test_paths"])
    unmerged = {
        t.path
        for t in load_dataset(data, seed=2, valid_fraction=0.15, test_fraction=0.25, for_training=False).split("test")
    }
    assert len(held_out) >= 3 and held_out != unmerged  # the merge changes the split here

    rep = ev.evaluate(out, data, report_dir=tmp_path / "r", patches=TRAIN_PATCHES, progress=False, threads=1)
    assert rep["split"] == "test" and {p["path"] for p in rep["predictions"]} == held_out
    assert "split this model was trained with (seed 2" in rep["split_note"]
    # no note on the split made before the spellings were merged (it named CLASSICAL)
    assert not any("CLASSICAL" in n and "split" in n for n in summary["notes"] + rep["notes"])
    # the app's pipeline on the same tracks and patches gives the trainer's own held-out figure
    assert rep["accuracy"] == pytest.approx(summary["evaluation"]["accuracy"], abs=1e-4)

    card = out.with_suffix(".md")
    before = (out.read_bytes(), card.read_text())
    with pytest.raises(ValueError, match="can include its training tracks"):
        ev.evaluate(out, data, split="all", report_dir=tmp_path / "r2", progress=False, update_model=True)
    assert (out.read_bytes(), card.read_text()) == before

    ev.evaluate(out, data, report_dir=tmp_path / "r3", patches=2, progress=False, threads=1, update_model=True)
    text = card.read_text()
    assert text.count("## Evaluation") == text.count(EVAL_START) == 1  # replaced, not appended
    assert "held-out test tracks (split by track/artist" not in text  # the old section is gone
    assert "| patches_per_track | 2 |" in text and "| training_split |" in text
    e = read_metadata(out).evaluation
    assert e["patches_per_track"] == 2 and e["tracks"] == len(held_out)
    assert e["training_split"] == record and e["train_tracks"] == summary["train_tracks"]
    assert "cv_accuracy" in e or "cv" in e  # the cross-validation figures stay


# ---------------------------------------------------------------------- tagger DB source
def test_fit_from_tagger_db_and_analyze(segments, cache_dir, tmp_path, capsys):
    import shutil

    from tagger.db import Library
    from tagger.scan import scan
    from tagger.vocabulary import Vocabulary, normalise
    from trainer.head import train

    music = tmp_path / "music"
    music.mkdir()
    by_source: dict[str, list[str]] = {}
    for path, _genre, _split, source in segments["rows"]:
        by_source.setdefault(source, []).append(path)
    picked = {  # genre the user confirmed -> segments (copies: same audio, cached features)
        "Dub Techno": by_source["admiralbob-choice-drum-bass"],
        "classical": by_source["brahms-hungarian-dance-5"][:4],
        "Ragtime": by_source["lena-orsa-pistachio-ragtime"][:4],
    }
    copies: dict[str, str] = {}
    for genre, paths in picked.items():
        for p in paths:
            dst = music / f"{genre.replace(' ', '_')}-{Path(p).name}"
            shutil.copy(p, dst)
            copies[str(dst.resolve())] = genre
    skipped = music / "waltz.wav"
    shutil.copy(by_source["setuniman-sweet-waltz"][0], skipped)
    db = tmp_path / "library.sqlite"
    lib = Library(db)
    scan(lib, [music])
    ids = {t.path: t.id for t in lib.tracks_under([music])}
    first = True
    for path, genre in sorted(copies.items()):
        if genre == "Ragtime" and first:
            lib.set_decision([ids[path]], "overridden", ["Ragtime", "Jazz"])  # multi-genre: primary trains
            first = False
        elif genre == "Dub Techno" and path.endswith("-1.wav"):
            lib.set_decision([ids[path]], "accepted", ["dub techno"])  # another spelling: same genre
        else:
            lib.set_decision([ids[path]], "overridden", [genre])
    lib.set_decision([ids[str(skipped.resolve())]], "skipped", ["Waltz"])  # not confirmed: not data
    lib.close()

    out = tmp_path / "from-db.onnx"
    summary = train(fit_args(db, out, cache_dir, "--test-fraction", "0.25"))
    assert summary["labels"] == ["classical", "Dub Techno", "Ragtime"]  # no Jazz, no Waltz
    assert summary["tracks"] == len(copies) and summary["cached"] == len(copies)
    assert any("several genres" in n for n in summary["notes"])
    assert any("one genre" in n and "Dub Techno" in n for n in summary["notes"])
    assert summary["evaluation"]["tracks"] == summary["test_tracks"] >= 3
    assert summary["seconds"]["total"] < 30

    # the merged model works in the app: `tagger analyze --model X.onnx` prints the user's genres
    from tagger.cli import main

    folder = tmp_path / "to-analyse"
    folder.mkdir()
    for p in [by_source["admiralbob-choice-drum-bass"][-1], by_source["lena-orsa-pistachio-ragtime"][-1]]:
        shutil.copy(p, folder / Path(p).name)
    capsys.readouterr()
    rc = main(
        [
            "analyze",
            str(folder),
            "--db",
            str(tmp_path / "other.sqlite"),
            "--model",
            str(out),
            "--json",
            "--workers",
            "1",
        ]
    )
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert rc == 0
    tracks = [x for x in lines if "path" in x]
    assert len(tracks) == 2 and all(t["status"] == "ok" for t in tracks), tracks
    vocab = Vocabulary.load()
    wanted = {normalise(vocab.canonical(g)) for g in summary["labels"]}
    for t in tracks:
        names = {normalise(g["name"]) for g in t["genres"]}
        assert names == wanted, (names, wanted)
        assert t["model"] == "from-db@1.0.0"
    assert any(g["name"] == "Dub Techno" for t in tracks for g in t["genres"])
    top = {Path(t["path"]).name.split("-")[0]: t["genres"][0]["name"] for t in tracks}
    assert top["admiralbob"] == "Dub Techno", top


# ---------------------------------------------------------------------- errors
def _csv(path: Path, rows) -> Path:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "label"])
        w.writerows(rows)
    return path


def test_errors_name_the_problem(segments, cache_dir, tmp_path, capsys):
    from trainer.cli import main
    from trainer.head import HeadError, train

    train_rows = [r for r in segments["rows"] if r[2] == "train"]
    jazz = [r[0] for r in train_rows if r[1] == "Jazz"]
    folk = [r[0] for r in train_rows if r[1] == "Folk"]

    one = _csv(tmp_path / "one.csv", [(p, "Jazz") for p in jazz])
    with pytest.raises(HeadError, match="at least 2 genres.*Jazz"):
        train(fit_args(one, tmp_path / "x.onnx", cache_dir))

    thin = _csv(tmp_path / "thin.csv", [(p, "Jazz") for p in jazz] + [(folk[0], "Dub Techno")])
    with pytest.raises(HeadError, match=r"fewer than 2 tracks: 'Dub Techno' \(1\)"):
        train(fit_args(thin, tmp_path / "x.onnx", cache_dir))
    # through the command line: a one-line error, exit status 1, no file
    rc = main(
        [
            "fit",
            "--arch",
            "head",
            "--data",
            str(thin),
            "--out",
            str(tmp_path / "x.onnx"),
            "--cache-dir",
            str(cache_dir),
            "--no-progress",
        ]
    )
    assert rc == 1 and "Dub Techno" in capsys.readouterr().err
    assert not (tmp_path / "x.onnx").exists()

    with pytest.raises(HeadError, match=r"\.onnx"):
        train(fit_args(thin, tmp_path / "x.pt", cache_dir))

    # unreadable files are listed and left out; enough is left to train
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" + bytes(200))
    empty = tmp_path / "empty.flac"
    empty.write_bytes(b"")
    ok = _csv(
        tmp_path / "ok.csv",
        [(p, "Jazz") for p in jazz] + [(p, "Folk") for p in folk] + [(broken, "Jazz"), (empty, "Folk")],
    )
    summary = train(fit_args(ok, tmp_path / "ok.onnx", cache_dir, "--test-fraction", "0"))
    err = capsys.readouterr().err
    assert str(broken.resolve()) in err and str(empty.resolve()) in err and "could not be read" in err
    assert set(summary["unreadable"]) == {str(broken.resolve()), str(empty.resolve())}
    assert summary["labels"] == ["Folk", "Jazz"] and summary["evaluation"]["tracks"] == 0

    # ... but not when a genre is left with too few tracks: the error says which, and why
    bad = _csv(tmp_path / "bad.csv", [(p, "Jazz") for p in jazz] + [(folk[0], "Folk"), (broken, "Folk")])
    with pytest.raises(HeadError, match=r"'Folk' \(1\).*unreadable"):
        train(fit_args(bad, tmp_path / "bad.onnx", cache_dir))

    missing = _csv(tmp_path / "missing.csv", [(tmp_path / "nope.wav", "Jazz"), (jazz[0], "Folk")])
    with pytest.raises(HeadError, match="nope.wav"):
        train(fit_args(missing, tmp_path / "m.onnx", cache_dir))


def test_backbone_without_embedding_is_refused(tmp_path, segments, cache_dir):
    import onnx

    from tagger.modelfile import read_metadata, write_metadata
    from trainer.head import HeadError, train

    info = read_metadata(BACKBONE)
    model = onnx.load(str(BACKBONE))
    write_metadata(model, info.__class__(**{**info.__dict__, "embedding_output": None, "path": None}))
    plain = tmp_path / "plain.onnx"
    onnx.save(model, str(plain))
    with pytest.raises(HeadError, match="no embedding output"):
        train(fit_args(segments["manifest"], tmp_path / "x.onnx", cache_dir, "--backbone", str(plain)))
