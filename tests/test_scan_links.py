"""Symlinked audio files: one track per real file, and the decision on it is what apply writes."""

from __future__ import annotations

import json
import os

import pytest

from tagger.db import Analysis, Track
from tagger.scan import scan
from tagger.tags import read_tags


def link(path, target):
    """`path` -> `target` (relative when given so, like `ln -s`)."""
    try:
        os.symlink(target, path)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not supported here")
    return path


def track_paths(lib) -> dict[str, str]:
    with lib.session() as s:
        return {t.path: t.status for t in s.query(Track)}


def test_link_to_a_file_inside_the_roots_is_not_a_track(tmp_path, make_library, lib):
    music = tmp_path / "lib"
    real = make_library(music / "classical", ["ogg"])["ogg"]
    link(music / "A-link.ogg", os.path.join("classical", real.name))  # sorts before the folder

    result = scan(lib, [music])
    assert (result.seen, result.new, result.links_skipped) == (1, 1, 1)
    assert track_paths(lib) == {str(real): "present"}
    assert "skipped 1 symlink" in result.summary()

    again = scan(lib, [music])  # and it stays that way
    assert (again.seen, again.unchanged, again.gone, again.links_skipped) == (1, 1, 0, 1)


def test_link_into_another_scanned_root_is_not_a_track(tmp_path, make_library, lib):
    real = make_library(tmp_path / "a", ["flac"])["flac"]
    (tmp_path / "b").mkdir()
    link(tmp_path / "b" / "same.flac", real)
    result = scan(lib, [tmp_path / "b", tmp_path / "a"])  # the link's root walked first
    assert result.links_skipped == 1
    assert track_paths(lib) == {str(real): "present"}


def test_link_to_a_file_outside_the_roots_is_one_track_at_the_link(tmp_path, make_library, lib):
    outside = make_library(tmp_path / "outside", ["flac"])["flac"]
    music = tmp_path / "lib"
    music.mkdir()
    at = link(music / "borrowed.flac", outside)

    result = scan(lib, [music])
    assert (result.seen, result.new, result.links_skipped) == (1, 1, 0)
    assert track_paths(lib) == {str(at): "present"}
    assert lib.track_by_path(str(at)).genres == read_tags(outside).genres


def test_two_links_to_one_outside_file_are_one_track(tmp_path, make_library, lib):
    outside = make_library(tmp_path / "outside", ["mp3"])["mp3"]
    music = tmp_path / "lib"
    (music / "b").mkdir(parents=True)
    first = link(music / "a.mp3", outside)
    link(music / "b" / "again.mp3", outside)

    result = scan(lib, [music])
    assert (result.seen, result.links_skipped) == (1, 1)
    assert track_paths(lib) == {str(first): "present"}  # the first in walk order


def test_the_decision_on_the_real_file_is_what_apply_writes(tmp_path, make_library, lib):
    """The audit's case: a link sorting before its target got the model's guess written,
    and the real file's decision was then skipped as "changed on disk"."""
    from tagger.apply import plan, write_batch
    from tagger.model import default_model_path
    from tagger.modelfile import read_metadata
    from tagger.vocabulary import Vocabulary, bundled_path

    music = tmp_path / "lib"
    real = make_library(music / "classical", ["ogg"])["ogg"]  # no genre yet
    link(music / "A-link.ogg", os.path.join("classical", real.name))
    scan(lib, [music])

    # the model's guess for this audio: Jazz
    info = read_metadata(default_model_path())
    lib.register_model(info)
    scores = [0.0] * len(info.labels)
    scores[info.tags.index("jazz")] = 0.99
    content_ids = {t.content_id for t in lib.tracks_under([str(music)])}
    with lib.session() as s:
        for cid in content_ids:
            s.add(Analysis(content_id=cid, model_key=info.key, scores_json=json.dumps(scores)))

    lib.set_decision([lib.track_by_path(str(real)).id], "accepted", ["Classical"])
    vocab = Vocabulary.load(bundled_path())
    changes = plan(lib, lib.tracks_under([str(music)]), info, vocab, "fill")
    _, outcomes = write_batch(lib, changes, "fill", info.key)

    assert [(o.path, o.new, o.status) for o in outcomes] == [(str(real), ["Classical"], "written")]
    assert read_tags(real).genres == ["Classical"]
