"""trainer.datasets: the four dataset adapters, the splits and the input errors."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from trainer.datasets import DatasetError, SPLIT_DIR, load_dataset, norm_label


def _wav(path: Path, seconds: float = 0.3, freq: float = 440.0, fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * 8000)) / 8000
    sf.write(str(path), (0.2 * np.sin(2 * np.pi * freq * t)).astype(np.float32), 8000, format=fmt)
    return path


def _gtzan_lists():
    out = {}
    for split in ("train", "valid", "test"):
        for line in (SPLIT_DIR / f"{split}_filtered.txt").read_text().split():
            out[line.rsplit(".", 1)[0]] = split
    return out


def _split_map(ds):
    return {Path(t.path).name: t.split for t in ds.tracks}


# ---------------------------------------------------------------- GTZAN
@pytest.mark.parametrize("nested,ext", [(True, "wav"), (False, "au")])
def test_gtzan_layout_uses_shipped_fault_filtered_split(tmp_path, nested, ext):
    lists = _gtzan_lists()
    root = tmp_path / "gtzan"
    base = root / "genres" if nested else root
    expected = {}
    for genre in ("blues", "jazz", "rock"):
        keys = [k for k in sorted(lists) if k.startswith(genre + "/")]
        chosen = []
        for split in ("train", "valid", "test"):  # two of each split per genre
            chosen += [k for k in keys if lists[k] == split][:2]
        for key in chosen:
            name = key.split("/")[1] + "." + ext
            _wav(base / genre / name, fmt="AU" if ext == "au" else None)
            expected[name] = lists[key]
    # jazz.00033 is in none of the lists (an excluded, faulty/repeated track)
    _wav(base / "jazz" / f"jazz.00033.{ext}", fmt="AU" if ext == "au" else None)

    ds = load_dataset(root)
    assert ds.kind == "gtzan" and ds.split_origin == "gtzan-fault-filtered"
    assert _split_map(ds) == expected  # exactly the listed split for each file
    assert f"jazz.00033.{ext}" not in _split_map(ds)
    assert any("fault-filtered" in n for n in ds.notes)
    assert any("left out" in n and "jazz.00033" in n for n in ds.notes)
    assert ds.labels == ["blues", "jazz", "rock"]


def test_gtzan_names_without_list_match_fall_back_to_folder_split(tmp_path):
    # only files in none of the lists: the split is made here, by track
    for i in (33, 34, 35, 36):
        _wav(tmp_path / "jazz" / f"jazz.{i:05d}.wav")
    for i in range(4):
        _wav(tmp_path / "blues" / f"blues.{i:05d}.wav")
    ds = load_dataset(tmp_path)
    assert ds.kind == "gtzan" and ds.split_origin == "by-artist-or-track"
    assert any("too few match" in n for n in ds.notes)
    assert {t.split for t in ds.tracks} >= {"train", "valid"}


# ---------------------------------------------------------------- folder per genre
def test_folder_per_genre_splits_by_artist_from_file_names(tmp_path):
    for genre in ("folk", "metal", "ska"):
        for a in range(5):
            for song in range(3):
                _wav(tmp_path / genre / f"Artist{genre}{a} - Song {song}.wav")
    ds = load_dataset(tmp_path, seed=3)
    assert ds.kind == "folders" and len(ds.tracks) == 45
    sides = defaultdict(set)
    for t in ds.tracks:
        sides[Path(t.path).stem.split(" - ")[0]].add(t.split)
    assert all(len(s) == 1 for s in sides.values()), sides  # no artist on two sides
    per_class = defaultdict(set)
    for t in ds.tracks:
        per_class[t.label].add(t.split)
    assert all(s == {"train", "valid", "test"} for s in per_class.values())
    assert any("artist known for 45 of 45" in n for n in ds.notes)


def test_folder_per_genre_reads_artist_from_tags_and_recurses(tmp_path):
    from mutagen.flac import FLAC

    for genre in ("jazz", "rock"):
        for a in range(3):
            for song in range(2):
                p = _wav(tmp_path / genre / f"album{a}" / f"{song:02d}.flac", fmt="FLAC")
                f = FLAC(str(p))
                f["artist"] = f"Band {genre} {a}"
                f.save()
    ds = load_dataset(tmp_path)
    assert len(ds.tracks) == 12
    assert all(t.group.startswith("artist:") for t in ds.tracks)
    sides = defaultdict(set)
    for t in ds.tracks:
        sides[t.group].add(t.split)
    assert all(len(s) == 1 for s in sides.values())


def test_class_with_few_artists_is_split_by_track_and_says_so(tmp_path):
    for song in range(6):
        _wav(tmp_path / "solo" / f"Only One - Song {song}.wav")
    for song in range(6):
        _wav(tmp_path / "many" / f"Band{song} - Song.wav")
    ds = load_dataset(tmp_path)
    solo = [t for t in ds.tracks if t.label == "solo"]
    assert {t.split for t in solo} == {"train", "valid", "test"}
    assert len({t.path for t in solo}) == 6  # each file once: never one song on two sides
    assert any("fewer than 3 artists" in n and "solo" in n for n in ds.notes)


def test_split_is_deterministic_per_seed(tmp_path):
    for genre in ("a", "b"):
        for i in range(20):
            _wav(tmp_path / genre / f"{i}.wav")
    one, two, other = (load_dataset(tmp_path, seed=s) for s in (1, 1, 2))
    assert _split_map(one) == _split_map(two)
    assert _split_map(one) != _split_map(other)


# ---------------------------------------------------------------- CSV
def test_csv_manifest_relative_paths_header_split_and_multilabel(tmp_path):
    audio = tmp_path / "sounds"
    rows = ["path,label,split"]
    for i in range(4):
        _wav(audio / f"x{i}.wav")
        rows.append(f"sounds/x{i}.wav,Hip-Hop,{['train', 'train', 'val', 'test'][i]}")
    for i in range(4):
        _wav(audio / f"y{i}.wav")
        rows.append(f"sounds/y{i}.wav,jazz;blues,{['train', 'train', 'validation', 'test'][i]}")
    (tmp_path / "data").mkdir()
    manifest = tmp_path / "data" / "m.csv"
    # relative paths are resolved against the CSV's folder
    manifest.write_text("\n".join(r.replace("sounds/", "../sounds/") if i else r for i, r in enumerate(rows)))
    ds = load_dataset(manifest)
    assert ds.kind == "csv" and ds.split_origin == "csv"
    assert len(ds.tracks) == 8 and all(Path(t.path).is_absolute() for t in ds.tracks)
    assert _split_map(ds)["x2.wav"] == "valid" and _split_map(ds)["y3.wav"] == "test"
    y0 = next(t for t in ds.tracks if t.path.endswith("y0.wav"))
    assert y0.labels == ["jazz", "blues"] and y0.label == "jazz"
    assert ds.labels == ["Hip-Hop", "jazz"]


def test_csv_without_header_or_split_is_split_here(tmp_path):
    lines = []
    for genre in ("a", "b"):
        for i in range(6):
            lines.append(f"{_wav(tmp_path / f'{genre}{i}.wav')},{genre}")
    manifest = tmp_path / "list.csv"
    manifest.write_text("\n".join(lines) + "\n")
    ds = load_dataset(manifest)
    assert len(ds.tracks) == 12 and ds.split_origin == "by-artist-or-track"
    assert {t.split for t in ds.tracks} == {"train", "valid", "test"}


def test_csv_with_missing_paths_lists_the_first_few(tmp_path):
    _wav(tmp_path / "ok.wav")
    rows = ["path,label", "ok.wav,rock"] + [f"missing{i}.wav,rock" for i in range(8)]
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join(rows))
    with pytest.raises(DatasetError) as err:
        load_dataset(manifest)
    msg = str(err.value)
    assert "8 of 9" in msg and "missing0.wav" in msg and "missing4.wav" in msg
    assert "missing7.wav" not in msg and "3 more" in msg


# ---------------------------------------------------------------- tagger library DB
def test_database_adapter_reads_confirmed_tracks(tmp_path):
    db = pytest.importorskip("tagger.db")
    lib = db.Library(tmp_path / "library.sqlite")
    ids = {}
    with lib.session() as s:
        for genre in ("Jazz", "Rock"):
            for i in range(4):
                p = _wav(tmp_path / "music" / f"{genre}{i}.wav")
                row = db.Track(path=str(p), folder=str(p.parent), status="present")
                s.add(row)
                s.flush()
                ids[(genre, i)] = row.id
        gone = db.Track(path=str(tmp_path / "music" / "gone.wav"), folder=str(tmp_path), status="gone")
        s.add(gone)
        s.flush()
        gone_id = gone.id
    for (genre, i), tid in ids.items():
        if i == 3:
            lib.set_decision([tid], "skipped")  # not a confirmation
        else:
            lib.set_decision([tid], "accepted" if i % 2 else "overridden", [genre])
    lib.set_decision([gone_id], "accepted", ["Jazz"])
    lib.close()

    ds = load_dataset(tmp_path / "library.sqlite")
    assert ds.kind == "db"
    assert sorted(Path(t.path).name for t in ds.tracks) == sorted(
        f"{g}{i}.wav" for g in ("Jazz", "Rock") for i in range(3))
    assert ds.labels == ["Jazz", "Rock"]
    assert all(t.split in ("train", "valid", "test") for t in ds.tracks)


def test_database_without_confirmed_tracks_says_what_to_do(tmp_path):
    db = pytest.importorskip("tagger.db")
    db.Library(tmp_path / "empty.sqlite").close()
    with pytest.raises(DatasetError, match="no tracks with confirmed genres"):
        load_dataset(tmp_path / "empty.sqlite")


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    import sqlite3

    f = tmp_path / "other.db"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.commit()
    con.close()
    before = f.read_bytes()
    with pytest.raises(DatasetError, match="not a Genre Tagger library"):
        load_dataset(f)
    assert f.read_bytes() == before


# ---------------------------------------------------------------- bad input
def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DatasetError, match="no audio files found"):
        load_dataset(tmp_path)
    _wav(tmp_path / "loose.wav")
    with pytest.raises(DatasetError, match="one sub-folder per genre"):
        load_dataset(tmp_path)


def test_class_with_one_file_is_a_clear_error(tmp_path):
    for i in range(3):
        _wav(tmp_path / "rock" / f"{i}.wav")
    _wav(tmp_path / "polka" / "only.wav")
    with pytest.raises(DatasetError, match="only one file: polka"):
        load_dataset(tmp_path)
    # evaluating on such data is fine
    assert len(load_dataset(tmp_path, for_training=False).tracks) == 4


def test_single_class_and_missing_path_are_errors(tmp_path):
    for i in range(3):
        _wav(tmp_path / "rock" / f"{i}.wav")
    with pytest.raises(DatasetError, match="at least two classes"):
        load_dataset(tmp_path)
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(tmp_path / "nope")


def test_norm_label_is_case_and_punctuation_insensitive():
    assert norm_label("Hip-Hop") == norm_label("hiphop") == norm_label("HIP HOP") == "hiphop"
    assert norm_label("R&B") == norm_label("r_b") != norm_label("rock")
