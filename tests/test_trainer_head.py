"""`trainer fit --arch head` on real music: it makes the app's personal model with the
app's own code (tagger.personal), counts genres as the app's Train dialog does, and its
file is the one the app uses.

The example recordings (resources/example-music, CC / public domain) are cut into a
*train* part (the first 60 % of each track, in 2-4 segments) and a *test* part (the last
40 %, in 1-3 segments), written as separate WAV files. The model is trained from a CSV
manifest on the train segments only and scored on the test segments (later,
non-overlapping audio of the same recordings). Six genres; chance is 1/6.
"""

from __future__ import annotations

import csv
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
MIN_ACCURACY = 0.7  # best of the user genres; chance 1/6 = 0.17, constant answer at most 5/17 = 0.29

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

    out = tmp_path_factory.mktemp("head-model") / "my-genres.personal.npz"
    started = time.perf_counter()
    summary = train(fit_args(segments["manifest"], out, cache_dir))
    summary["wall_seconds"] = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------------- the model file
def test_personal_model_file_and_held_out_figures(trained, segments):
    from tagger.personal import load

    model = load(trained["out"])
    assert model.genres == sorted(set(GENRES.values()), key=str.casefold)
    from tagger.modelfile import read_metadata

    assert model.source.model_key == read_metadata(BACKBONE).key and model.source.dim == 200
    assert model.background > 40  # the shipped background was used
    n_test = sum(r[2] == "test" for r in segments["rows"])
    ev = trained["evaluation"]
    assert ev["tracks"] == n_test and ev["train_tracks"] == len(segments["rows"]) - n_test
    assert ev["accuracy"] >= MIN_ACCURACY, ev
    assert ev["found"] >= 0.6 * ev["positives"], ev
    assert ev["false_alarms"] <= 0.1 * ev["tracks"] * (len(model.genres) - 1), ev
    assert ev["training_split"]["origin"] == "csv"
    card = Path(trained["out"][: -len(".personal.npz")] + ".md").read_text()
    from trainer.modelcard import EVAL_END, EVAL_START

    assert card.count(EVAL_START) == card.count(EVAL_END) == card.count("## Evaluation") == 1
    assert "held-out check" in card and "Ragtime" in card
    # what it learns from, and what each genre does to the backbone's genre of its name
    assert f"together ({ev['train_tracks']}:" in card
    assert "the model's own Jazz" in card and "the model's own Ragtime" not in card
    # seconds, not minutes: the features come from the backbone; the fit itself is small
    assert trained["seconds"]["fit"] < 20, trained["seconds"]


def test_the_trainer_and_the_app_share_one_implementation(trained, segments, cache_dir):
    """The trainer's model is tagger.personal.train on the app's pooled embeddings, and the
    app uses its file as it is."""
    import tagger.personal as personal
    import trainer.head as head
    from tagger.app.workspace import load_vocabulary
    from tagger.model import Model
    from tagger.personal import Example, load, load_background, pool_embeddings, source_of
    from trainer.embeddings import extract

    assert head.train_personal is personal.train
    model = load(trained["out"])
    rows = [r for r in segments["rows"] if r[2] != "test"]
    feats, bad, _ = extract([r[0] for r in rows], BACKBONE, TRAIN_PATCHES, cache_dir=cache_dir, progress=False)
    assert not bad
    vocab = load_vocabulary()
    from trainer.datasets import load_dataset

    group = {t.path: t.group for t in load_dataset(segments["manifest"], for_training=False).tracks}
    examples = [Example(pool_embeddings(feats[p].embeddings), [vocab.canonical(g)], group[p]) for p, g, _, _ in rows]
    again = personal.train(examples, load_background(), source_of(Model(BACKBONE).info), threshold=model.threshold)
    np.testing.assert_allclose(again.coef, model.coef, atol=1e-6)
    np.testing.assert_allclose(again.platt_a, model.platt_a, atol=1e-6)
    np.testing.assert_allclose(again.platt_b, model.platt_b, atol=1e-6)
    # the app's pooled embedding (analyze_file) scores like the trainer's on a test segment
    from tagger.analyze import analyze_file
    from tagger.personal import from_blob

    test_path, genre = next((r[0], r[1]) for r in segments["rows"] if r[2] == "test" and r[1] == "Ragtime")
    result = analyze_file(test_path, None, 6, model=Model(BACKBONE, device="cpu", threads=1))
    scores = dict(zip(model.genres, model.scores(from_blob(result["embedding"]))[0]))
    assert max(scores, key=scores.get) == genre, scores


def test_cli_fit_and_cached_features(segments, cache_dir, tmp_path, trained, capsys):
    """The `trainer fit --arch head` command line; the second run reuses the cached
    backbone features and takes seconds."""
    from trainer.cli import main

    out = tmp_path / "cli.personal.npz"
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
        ]
    )
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "held-out:" in err and f"({len(segments['rows'])} cached)" in err
    assert "Ragtime:" in err and "held-out check" in err  # what was learnt, per genre
    from tagger.personal import load

    assert load(out).genres == load(trained["out"]).genres
    assert seconds < 60, seconds


# ---------------------------------------------------------------------- tagger DB source
def test_fit_from_a_library_counts_genres_as_the_train_dialog(segments, cache_dir, tmp_path, monkeypatch):
    import shutil

    from tagger.app.training import check_training
    from tagger.app.workspace import load_vocabulary
    from tagger.db import Library
    from tagger.scan import scan
    from trainer.head import train

    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    music = tmp_path / "music"
    music.mkdir()
    by_source: dict[str, list[str]] = {}
    for path, _genre, _split, source in segments["rows"]:
        by_source.setdefault(source, []).append(path)
    picked = {
        "Dub Techno": by_source["admiralbob-choice-drum-bass"],
        "classical": by_source["brahms-hungarian-dance-5"][:4],
        "Ragtime": by_source["lena-orsa-pistachio-ragtime"][:4],
        "hip hop": by_source["karissa-hobbs-lets-go-fishin"][:1],  # an alias of the vocabulary's Hip-Hop
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
            lib.set_decision([ids[path]], "overridden", ["Ragtime", "Jazz"])  # both genres learn from it
            first = False
        elif genre == "Dub Techno" and path.endswith("-1.wav"):
            lib.set_decision([ids[path]], "accepted", ["dub techno"])  # another spelling: same genre
        else:
            lib.set_decision([ids[path]], "overridden", [genre])
    lib.set_decision([ids[str(skipped.resolve())]], "skipped", ["Waltz"])  # not confirmed: not data
    lib.close()

    dialog = check_training(db, load_vocabulary())
    out = tmp_path / "from-db.personal.npz"
    summary = train(fit_args(db, out, cache_dir, "--test-fraction", "0"))
    assert summary["counts"] == dialog.counts
    assert dialog.counts["Jazz"] == 1 and "Hip-Hop" in dialog.counts and "Waltz" not in dialog.counts
    assert "One example is weak" in dialog.notes[0] and "Jazz" in dialog.notes[0]
    assert sorted(summary["labels"], key=str.casefold) == sorted(dialog.counts, key=str.casefold)
    assert summary["tracks"] == len(copies) and summary["cached"] == len(copies)
    assert any("one genre" in n and "Dub Techno" in n for n in summary["notes"])


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

    one = _csv(tmp_path / "one.csv", [(jazz[0], "Jazz")])  # one genre, one track: trains (with a warning)
    summary = train(fit_args(one, tmp_path / "one.personal.npz", cache_dir, "--test-fraction", "0"))
    assert summary["labels"] == ["Jazz"] and any("one example is weak" in n for n in summary["notes"])

    with pytest.raises(HeadError, match=r"\.personal\.npz"):
        train(fit_args(one, tmp_path / "x.onnx", cache_dir))
    rc = main(["fit", "--arch", "head", "--data", str(one), "--out", str(tmp_path / "x.pt"), "--no-progress"])
    assert rc == 1 and ".personal.npz" in capsys.readouterr().err
    assert not (tmp_path / "x.pt").exists()

    # unreadable files are listed and left out; enough is left to train
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" + bytes(200))
    empty = tmp_path / "empty.flac"
    empty.write_bytes(b"")
    ok = _csv(
        tmp_path / "ok.csv",
        [(p, "Jazz") for p in jazz] + [(p, "Folk") for p in folk] + [(broken, "Jazz"), (empty, "Folk")],
    )
    summary = train(fit_args(ok, tmp_path / "ok.personal.npz", cache_dir, "--test-fraction", "0"))
    err = capsys.readouterr().err
    assert str(broken.resolve()) in err and str(empty.resolve()) in err and "could not be read" in err
    assert set(summary["unreadable"]) == {str(broken.resolve()), str(empty.resolve())}
    assert summary["labels"] == ["Folk", "Jazz"] and summary["evaluation"]["tracks"] == 0

    bad = _csv(tmp_path / "bad.csv", [(broken, "Folk")])
    with pytest.raises(HeadError, match="none of the 1 audio file"):
        train(fit_args(bad, tmp_path / "bad.personal.npz", cache_dir))

    missing = _csv(tmp_path / "missing.csv", [(tmp_path / "nope.wav", "Jazz"), (jazz[0], "Folk")])
    with pytest.raises(HeadError, match="nope.wav"):
        train(fit_args(missing, tmp_path / "m.personal.npz", cache_dir))


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
        train(fit_args(segments["manifest"], tmp_path / "x.personal.npz", cache_dir, "--backbone", str(plain)))


def test_another_backbone_needs_its_own_background(tmp_path, segments, cache_dir):
    """The shipped background belongs to the default model: a personal model on another
    model's embedding is refused until `trainer background --model` makes one."""
    import onnx

    from tagger.modelfile import read_metadata, write_metadata
    from trainer.head import HeadError, train

    info = read_metadata(BACKBONE)
    model = onnx.load(str(BACKBONE))
    write_metadata(model, info.__class__(**{**info.__dict__, "version": "9.0.0", "path": None}))
    other = tmp_path / "other.onnx"
    onnx.save(model, str(other))
    with pytest.raises(HeadError, match="background.*msd-mtt-musicnn@1.1.0.*msd-mtt-musicnn@9.0.0"):
        train(fit_args(segments["manifest"], tmp_path / "x.personal.npz", cache_dir, "--backbone", str(other)))


def test_the_app_uses_a_personal_model_the_trainer_made(trained, segments, tmp_path, capsys):
    """`tagger personal use FILE`: the trainer's file becomes the library's personal model
    (a copy is kept: the file given may go), and the analysis offers its genres; a file
    that is not a personal model is refused in one line."""
    import json
    import shutil

    from tagger.cli import main as tagger
    from tagger.personal import load

    music = tmp_path / "music"
    music.mkdir()
    for path, _, split, _ in segments["rows"][:6]:
        shutil.copy(path, music / f"{split}-{Path(path).name}")
    lib = tmp_path / "lib.sqlite"
    assert tagger(["analyze", str(music), "--db", str(lib), "--workers", "1", "--patches", "1"]) == 0
    given = shutil.copy(trained["out"], tmp_path / "given.personal.npz")
    capsys.readouterr()
    assert tagger(["personal", "use", str(given), "--db", str(lib)]) == 0
    assert "now in use: your personal model (" in capsys.readouterr().err
    Path(given).unlink()
    assert tagger(["analyze", str(music), "--db", str(lib), "--json", "--workers", "1", "--patches", "1"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{") and '"path"' in x]
    genres = load(trained["out"]).genres
    assert len(lines) == 6 and all(line["personal"] == genres for line in lines)
    assert tagger(["personal", "train", str(trained["out"]), "--db", str(lib)]) == 2  # only `use` takes a file
    capsys.readouterr()
    assert tagger(["personal", "use", str(segments["manifest"]), "--db", str(lib)]) == 1
    err = capsys.readouterr().err
    assert "not a personal model file (not a NumPy .npz archive)" in err and len(err.strip().splitlines()) == 1


def test_from_a_library_the_held_out_check_is_the_apps(segments, cache_dir, tmp_path, monkeypatch):
    """The same library gives the same held-out check in `trainer fit --arch head` and in
    the app's Train (tagger.app.personal.train_library): an album's tracks never check
    each other, whatever the trainer's split would group by. Before, the trainer split a
    one-artist genre by track, so three clips of one album "found 2 of 2" and the genre
    replaced the base model's, while the app said no check was possible."""
    import mutagen.flac
    import soundfile as sf

    from tagger.app.personal import train_library
    from tagger.app.workspace import open_workspace
    from tagger.config import Settings
    from tagger.personal import load, load_background
    from tagger.scan import scan
    from trainer.head import train

    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    albums = {  # source recording -> (genre, artist, album)
        "karissa-hobbs-lets-go-fishin": ("Folk", "Karissa Hobbs", "Fishin"),  # one album
        "brahms-hungarian-dance-5": ("Classical", "Brahms", "Dances"),
        "kevin-macleod-sugar-plum-fairy": ("Classical", "Kevin MacLeod", "Nutcracker"),
        "lena-orsa-pistachio-ragtime": ("Ragtime", "Lena Orsa", "Pistachio"),  # one album
    }
    music = tmp_path / "music"
    music.mkdir()
    genre_of: dict[str, str] = {}
    for path, _genre, _split, source in segments["rows"]:
        if source not in albums:
            continue
        genre, artist, album = albums[source]
        dst = music / album / (Path(path).stem + ".flac")
        dst.parent.mkdir(exist_ok=True)
        y, sr = sf.read(path)
        sf.write(dst, y, sr, format="FLAC")
        tags = mutagen.flac.FLAC(dst)
        tags["artist"], tags["album"] = artist, album
        tags.save()
        genre_of[str(dst.resolve())] = genre
    assert sum(g == "Folk" for g in genre_of.values()) >= 3
    db = tmp_path / "library.sqlite"
    ws = open_workspace(db, settings=Settings(workers=1, patches=TRAIN_PATCHES))
    try:
        scan(ws.lib, [music])
        for path, genre in genre_of.items():  # each on its own: every one of them teaches
            ws.lib.set_decision([ws.lib.track_by_path(path).id], "overridden", [genre])
        app = train_library(ws, background=load_background()).model
    finally:
        ws.lib.close()
    out = tmp_path / "from-db.personal.npz"
    train(fit_args(db, out, cache_dir, "--test-fraction", "0"))
    trainer = load(out)

    def checks(model):
        return [(r.name, r.examples, r.held_out, r.calibration) for r in model.reports]

    assert app is not None and checks(trainer) == checks(app)
    folk = next(r for r in trainer.reports if r.name == "Folk")
    assert folk.held_out == 0 and folk.calibration != "own"  # one album: nothing to check it against
    classical = next(r for r in trainer.reports if r.name == "Classical")
    assert classical.held_out == classical.examples and classical.calibration == "own"  # two albums
