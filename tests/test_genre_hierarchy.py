"""The genre hierarchy: parents in the vocabulary, the level written (most specific, top
level, both) and the whitelist that folds genres into their nearest allowed parent, in
every place a suggestion is made (vocabulary, the review table's vectorised mapper, and a
real write through apply) -- with the real bundled model's labels and a real library."""

from __future__ import annotations

import json

import audio_fixtures as af
import numpy as np
import pytest

from tagger.apply import plan, write_batch
from tagger.cli import main
from tagger.config import Settings
from tagger.db import Library
from tagger.model import default_model_path
from tagger.modelfile import read_metadata
from tagger.review import GenreMapper
from tagger.tags import read_tags
from tagger.vocabulary import Vocabulary, bundled_path


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def bundled() -> Vocabulary:
    return Vocabulary.load(bundled_path())


def test_the_bundled_vocabulary_has_a_tree():
    v = bundled()
    assert v.ancestors("heavy metal") == ["Metal", "Rock"]
    assert v.ancestors("House") == ["Electronic"] and v.ancestors("Jazz") == []
    assert "Heavy Metal" in v.children("Metal") and "Rock" in v.children(None)


@pytest.mark.parametrize(
    ("level", "allowed", "expected"),
    [
        ("specific", [], {"heavy metal": ["Heavy Metal"], "house": ["House"], "jazz": ["Jazz"]}),
        ("top", [], {"heavy metal": ["Rock"], "house": ["Electronic"], "jazz": ["Jazz"]}),
        ("both", [], {"heavy metal": ["Heavy Metal", "Rock"], "house": ["House", "Electronic"], "jazz": ["Jazz"]}),
        ("specific", ["Metal", "electronic"], {"heavy metal": ["Metal"], "house": ["Electronic"], "jazz": []}),
        ("top", ["Metal", "Rock"], {"heavy metal": ["Rock"], "house": [], "jazz": []}),
        ("both", ["Heavy Metal", "Rock"], {"heavy metal": ["Heavy Metal", "Rock"], "house": [], "jazz": []}),
    ],
)
def test_levels_and_whitelist_shape_each_genre(level, allowed, expected):
    v = bundled()
    v.configure(level, allowed)
    assert {name: v.shape(name) for name in expected} == expected


def test_the_review_mapper_and_the_suggestion_agree_in_every_mode():
    """Vocabulary.genre_scores (CLI, decide, apply) and GenreMapper (the review table)
    rank the same names with the same scores, for the real model's labels."""
    info = read_metadata(default_model_path())
    rng = np.random.default_rng(7)
    for level, allowed in [("specific", []), ("top", []), ("both", []), ("specific", ["Rock", "Electronic", "Jazz"])]:
        v = bundled()
        v.configure(level, allowed)
        mapper = GenreMapper(info, v)
        for _ in range(5):
            scores = rng.random(len(info.labels)).astype(np.float32)
            ranked = v.genre_scores(info, scores)
            vec = mapper.genre_matrix(scores)[0]
            from_mapper = {mapper.names[j]: float(vec[j]) for j in range(len(mapper.names)) if vec[j] >= 0}
            assert {n: pytest.approx(s) for n, s in ranked} == from_mapper
            if allowed:
                assert {n for n, _ in ranked} <= set(allowed)


def test_a_loop_or_an_unknown_parent_is_refused(tmp_path):
    with pytest.raises(ValueError, match="its own ancestor"):
        Vocabulary({"A": [], "B": []}, {"A": "B", "B": "A"})
    with pytest.raises(ValueError, match="not a genre"):
        Vocabulary({"A": []}, {"A": "Nope"})
    path = tmp_path / "vocabulary.json"
    path.write_text(json.dumps({"genres": {"A": []}, "parents": ["A"]}))
    with pytest.raises(ValueError, match="parents"):
        Vocabulary.load(path)
    # saved and loaded with its tree
    v = Vocabulary({"Metal": ["metal"], "Rock": []}, {"metal": "rock"})
    v.save(path)
    assert Vocabulary.load(path).parents == {"Metal": "Rock"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("level", "whitelist"), [("top", []), ("both", []), ("specific", ["Rock", "Electronic", "Jazz", "Pop", "Folk"])]
)
def test_apply_writes_the_shaped_genres(tmp_path, capsys, level, whitelist):
    """A real analysis of a real file: what is written is the suggestion shaped by the
    level and the whitelist, and the review table's suggestion says the same."""
    files = af.make_library(tmp_path / "music", ["ogg"])
    db = tmp_path / "lib.sqlite"
    assert main(["analyze", str(tmp_path / "music"), "--db", str(db), "--workers", "1", "--patches", "2"]) == 0
    Settings(genre_level=level, genre_whitelist=whitelist, min_confidence=0.0, max_genres=3).save(
        tmp_path / "config" / "settings.json"
    )
    from tagger.app.decisions import review_data
    from tagger.app.workspace import open_workspace

    ws = open_workspace(db)
    lib = Library(db)
    track = lib.tracks_under([str(tmp_path / "music")])[0]
    (change,) = plan(lib, [track], ws.info, ws.vocab, "replace", 0.0, 3, target=ws.tag_target)
    plain = bundled()
    for name in change.new:
        if level == "top":
            assert plain.ancestors(name) == []  # a top-level genre
        if whitelist:
            assert name in whitelist
    if level == "both":
        tops = {plain.ancestors(n)[-1] for n in change.new if plain.ancestors(n)}
        assert tops <= set(change.new)
    row = next(r for r in review_data(ws, [str(tmp_path / "music")]).rows if r.path == track.path)
    assert row.suggestion == change.new
    write_batch(lib, [change], "replace", options=ws.tag_target.options)
    assert read_tags(files["ogg"]).genres == change.new
    capsys.readouterr()
    ws.close()
    lib.close()
