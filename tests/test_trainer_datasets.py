"""trainer.datasets: the four dataset adapters, the splits and the input errors."""

from __future__ import annotations

import itertools
import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from trainer.datasets import SPLIT_DIR, DatasetError, load_dataset, norm_label

_SEEDS = itertools.count()


def _wav(path: Path, seconds: float = 0.3, freq: float = 440.0, fmt: str | None = None) -> Path:
    """A short tone; a little noise makes every file's bytes differ (identical files are
    one recording to the split)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * 8000)) / 8000
    noise = 0.01 * np.random.default_rng(next(_SEEDS)).standard_normal(t.size)
    sf.write(str(path), (0.2 * np.sin(2 * np.pi * freq * t) + noise).astype(np.float32), 8000, format=fmt)
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


def _gtzan_subset(base: Path, genres=("blues", "jazz", "rock"), per_split: int = 2) -> dict[str, str]:
    """Listed GTZAN files, `per_split` of each split per genre -> {file name: split}."""
    lists = _gtzan_lists()
    expected = {}
    for genre in genres:
        keys = [k for k in sorted(lists) if k.startswith(genre + "/")]
        for split in ("train", "valid", "test"):
            for key in [k for k in keys if lists[k] == split][:per_split]:
                name = key.split("/")[1] + ".wav"
                _wav(base / genre / name)
                expected[name] = split
    return expected


@pytest.mark.parametrize("give", ["root", "genres"])
def test_gtzan_with_stray_files_keeps_the_fault_filtered_split(tmp_path, give):
    # one odd name used to make the whole folder "not GTZAN": a random split, or with the
    # genres/ wrapper a single class "genres"
    root = tmp_path / "gtzan"
    expected = _gtzan_subset(root / "genres")
    first = sorted(n for n in expected if n.startswith("blues."))[0]
    shutil.copyfile(root / "genres" / "blues" / first, root / "genres" / "blues" / "blues.00000 (copy).wav")
    _wav(root / "genres" / "jazz" / "notes.wav")
    _wav(root / "genres" / "rock" / "live" / "rock.00099.wav")  # not where GTZAN has files

    ds = load_dataset(root if give == "root" else root / "genres")
    assert ds.kind == "gtzan" and ds.split_origin == "gtzan-fault-filtered"
    assert _split_map(ds) == expected
    warning = next(n for n in ds.notes if "not named" in n)
    assert warning.startswith("warning: 3 audio file(s)") and "left out" in warning
    assert "blues/blues.00000 (copy).wav" in warning and "jazz/notes.wav" in warning


def test_gtzan_is_not_guessed_from_genre_names_alone(tmp_path):
    # genre folders named like GTZAN's, files named otherwise: a plain folder per genre
    for genre in ("blues", "jazz"):
        for i in range(4):
            _wav(tmp_path / genre / f"Band{genre}{i} - Song.wav")
    _wav(tmp_path / "jazz" / "jazz.00000.wav")
    ds = load_dataset(tmp_path)
    assert ds.kind == "folders" and len(ds.tracks) == 9


def test_gtzan_with_an_extra_genre_folder_says_why_it_is_split_here(tmp_path):
    _gtzan_subset(tmp_path)
    for i in range(6):  # in a sub-folder: still a class of its own
        _wav(tmp_path / "polka" / "live" / f"polka.{i:05d}.wav")
    ds = load_dataset(tmp_path)
    assert ds.kind == "folders" and "polka" in ds.labels
    assert any(n.startswith("warning:") and "polka" in n and "not GTZAN genres" in n for n in ds.notes)


def test_genres_wrapper_folder_of_own_music_is_looked_into(tmp_path):
    for genre in ("Techno", "Polka"):
        for i in range(4):
            _wav(tmp_path / "genres" / genre / f"{i}.wav")
    ds = load_dataset(tmp_path)
    assert ds.labels == ["Polka", "Techno"]


def test_gtzan_copy_on_two_sides_is_left_out_of_the_later_side(tmp_path):
    expected = _gtzan_subset(tmp_path)
    by_split = defaultdict(list)
    for name, split in sorted(expected.items()):
        by_split[split].append(name)
    train, test = by_split["train"][0], by_split["test"][-1]  # blues train, rock test
    genre_of = {n: n.split(".")[0] for n in expected}
    shutil.copyfile(tmp_path / genre_of[train] / train, tmp_path / genre_of[test] / test)

    ds = load_dataset(tmp_path)
    assert ds.split_origin == "gtzan-fault-filtered"
    assert _split_map(ds) == {n: s for n, s in expected.items() if n != test}
    warning = next(n for n in ds.notes if "byte-identical" in n)
    assert warning.startswith("warning: 1 file(s)") and train in warning and test in warning


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


def test_class_with_few_artists_but_several_albums_is_split_by_album(tmp_path):
    """One artist, clips of three albums (as a collector's folders are): the clips of one
    album never check each other (a helper found train and test clips of one recording,
    split by track, in the trainer's figures)."""
    from mutagen.flac import FLAC

    for album in range(3):
        for clip in range(3):
            p = _wav(tmp_path / "solo" / f"album{album}" / f"{clip:02d}.flac", fmt="FLAC")
            f = FLAC(str(p))
            f["artist"], f["album"] = "Only One", f"Record {album}"
            f.save()
    for song in range(6):
        _wav(tmp_path / "many" / f"Band{song} - Song.wav")
    ds = load_dataset(tmp_path)
    solo = [t for t in ds.tracks if t.label == "solo"]
    assert all(t.group.startswith("album:") for t in solo)
    sides = defaultdict(set)
    for t in solo:
        sides[t.group].add(t.split)
    assert len(sides) == 3 and all(len(s) == 1 for s in sides.values())  # each album on one side
    assert any("split by album there" in n and "solo" in n for n in ds.notes)


def test_split_is_deterministic_per_seed(tmp_path):
    for genre in ("a", "b"):
        for i in range(20):
            _wav(tmp_path / genre / f"{i}.wav")
    one, two, other = (load_dataset(tmp_path, seed=s) for s in (1, 1, 2))
    assert _split_map(one) == _split_map(two)
    assert _split_map(one) != _split_map(other)


def test_folder_without_artists_says_split_by_track(tmp_path):
    for genre in ("a", "b"):
        for i in range(9):
            _wav(tmp_path / genre / f"{i}.wav")
    ds = load_dataset(tmp_path)
    assert not any("artist known for 0" in n for n in ds.notes)
    assert any("no artist known for the 18 tracks" in n and "split by track" in n for n in ds.notes)


def test_identical_files_stay_on_one_side(tmp_path):
    # byte-identical copies under other names and in other genre folders: one recording
    pairs = []
    for genre in ("folk", "metal", "ska"):
        for i in range(8):
            _wav(tmp_path / genre / f"{i}.wav")
    for i in range(4):  # a copy under another name, same genre
        src = tmp_path / "folk" / f"{i}.wav"
        shutil.copyfile(src, tmp_path / "folk" / f"{i} (copy).wav")
        pairs.append((src.name, f"{i} (copy).wav"))
    for i in range(4):  # the same file in two genre folders
        shutil.copyfile(tmp_path / "metal" / f"{i}.wav", tmp_path / "ska" / f"from-metal-{i}.wav")
    for seed in range(8):
        ds = load_dataset(tmp_path, seed=seed)
        side = {(t.label, Path(t.path).name): t.split for t in ds.tracks}
        for a, b in pairs:
            assert side[("folk", a)] == side[("folk", b)], (seed, a)
        for i in range(4):
            assert side[("metal", f"{i}.wav")] == side[("ska", f"from-metal-{i}.wav")], (seed, i)
    assert any(n.startswith("4 file(s) appear under more than one genre") for n in ds.notes)
    assert any(n.startswith("4 file(s) have byte-identical copies under other names") for n in ds.notes)


def test_content_keys_read_whole_files_only_to_tell_equal_heads_apart(tmp_path):
    from trainer.datasets import content_keys

    head = np.random.default_rng(0).bytes(1 << 16)
    files = {"a": head + b"tail-1", "b": head + b"tail-2", "c": head + b"tail-1", "d": b"x" * 6}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    keys = content_keys([str(tmp_path / n) for n in files])
    assert set(keys) == {str(tmp_path / "a"), str(tmp_path / "c")}  # same size + head, b differs at the end
    assert keys[str(tmp_path / "a")] == keys[str(tmp_path / "c")]


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


def _two_class_rows(tmp_path, n: int = 4) -> list[str]:
    return [
        f"{_wav(tmp_path / f'{g}{i}.wav').name},{g},{['train', 'train', 'valid', 'test'][i % 4]}"
        for g in ("a", "b")
        for i in range(n)
    ]


def test_csv_same_path_twice(tmp_path):
    rows = ["path,label,split"] + _two_class_rows(tmp_path)
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join(rows + ["a0.wav,a,train", "a0.wav,extra,train"]))
    ds = load_dataset(manifest)
    a0 = [t for t in ds.tracks if t.path.endswith("a0.wav")]
    assert len(a0) == 1 and a0[0].labels == ["a", "extra"] and a0[0].split == "train"
    assert any("2 row(s) list a file already listed" in n for n in ds.notes)

    manifest.write_text("\n".join(rows + ["a0.wav,a,test"]))
    with pytest.raises(DatasetError, match=r"a0.wav is listed as train \(line 2\) and as test \(line 10\)"):
        load_dataset(manifest)


def test_csv_identical_files_in_two_splits_are_an_error(tmp_path):
    rows = ["path,label,split"] + _two_class_rows(tmp_path)
    shutil.copyfile(tmp_path / "a0.wav", tmp_path / "copy-of-a0.wav")
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join(rows + ["copy-of-a0.wav,a,test"]))
    with pytest.raises(DatasetError, match="byte-identical") as err:
        load_dataset(manifest)
    assert "a0.wav (train) = " in str(err.value) and "copy-of-a0.wav (test)" in str(err.value)
    # a copy without a split goes where its twin is, not to train by default
    manifest.write_text("\n".join(rows + ["copy-of-a0.wav,a,"]))
    shutil.copyfile(tmp_path / "b3.wav", tmp_path / "copy-of-b3.wav")
    manifest.write_text("\n".join(rows + ["copy-of-b3.wav,b,"]))
    assert _split_map(load_dataset(manifest))["copy-of-b3.wav"] == "test"


def test_csv_identical_files_without_split_column_share_a_side(tmp_path):
    lines = []
    for g in ("a", "b"):
        for i in range(10):
            lines.append(f"{_wav(tmp_path / f'{g}{i}.wav')},{g}")
    for i in range(5):
        shutil.copyfile(tmp_path / f"a{i}.wav", tmp_path / f"dup-a{i}.wav")
        lines.append(f"{tmp_path / f'dup-a{i}.wav'},a")
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join(lines))
    for seed in range(6):
        side = _split_map(load_dataset(manifest, seed=seed))
        assert all(side[f"a{i}.wav"] == side[f"dup-a{i}.wav"] for i in range(5)), seed


@pytest.mark.parametrize(
    "header,sep",
    [
        ("FilePath,Genre,Set", ","),
        ("File,class,Subset", ","),
        ("filename\tGENRES\tsplit", "\t"),
        ("path;genre;split", ";"),
    ],
)
def test_csv_header_aliases(tmp_path, header, sep):
    rows = [header] + [r.replace(",", sep) for r in _two_class_rows(tmp_path)]
    manifest = tmp_path / "m.txt"
    manifest.write_text("\n".join(rows))
    ds = load_dataset(manifest)
    assert len(ds.tracks) == 8 and ds.split_origin == "csv" and ds.labels == ["a", "b"]


def test_csv_unknown_header_lists_the_accepted_names(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join(["Datei,Stil"] + [r.rsplit(",", 1)[0] for r in _two_class_rows(tmp_path)]))
    with pytest.raises(DatasetError, match="Accepted column names") as err:
        load_dataset(manifest)
    assert "filepath" in str(err.value) and "genre" in str(err.value) and "subset" in str(err.value)
    manifest.write_text("\n".join(["path,tags"] + _two_class_rows(tmp_path)))
    with pytest.raises(DatasetError, match="does not name a path and a label column"):
        load_dataset(manifest)


def test_csv_rows_without_labels_are_counted_in_the_error(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join(["path,label"] + [f"{_wav(tmp_path / f'{i}.wav').name}," for i in range(5)]))
    with pytest.raises(DatasetError, match=r"5 of 5 row\(s\) have no label \(the 'label' column"):
        load_dataset(manifest)


def test_csv_encodings(tmp_path):
    rows = ["path,label,split"] + _two_class_rows(tmp_path)
    _wav(tmp_path / "Café.wav")
    rows.append("Café.wav,a,train")
    manifest = tmp_path / "m.csv"
    for encoding in ("utf-8-sig", "utf-16"):  # BOM; a spreadsheet's "Unicode text"
        manifest.write_bytes("\n".join(rows).encode(encoding))
        ds = load_dataset(manifest)
        assert "Café.wav" in _split_map(ds) and not any("not UTF-8" in n for n in ds.notes)
    manifest.write_bytes("\n".join(rows).encode("cp1252"))  # Excel's plain CSV on Windows
    ds = load_dataset(manifest)
    assert "Café.wav" in _split_map(ds)
    assert any("m.csv is not UTF-8" in n and "cp1252" in n for n in ds.notes)
    manifest.write_bytes(b"path,label\n\x81\x8d.wav,a\n")  # bytes that are no cp1252 either
    with pytest.raises(DatasetError, match=r"m.csv: the CSV must be UTF-8 text.*byte 0x81 at position 11"):
        load_dataset(manifest)


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
        f"{g}{i}.wav" for g in ("Jazz", "Rock") for i in range(3)
    )
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


def test_a_csv_split_without_test_tracks_for_a_class_says_so(tmp_path):
    rows = ["path,label,split"]
    for i, split in enumerate(["train", "train", "valid", "test"]):
        _wav(tmp_path / f"a{i}.wav")
        rows.append(f"a{i}.wav,Folk,{split}")
    for i, split in enumerate(["train", "train", "valid"]):
        _wav(tmp_path / f"b{i}.wav")
        rows.append(f"b{i}.wav,Waltz,{split}")
    (tmp_path / "m.csv").write_text("\n".join(rows))
    ds = load_dataset(tmp_path / "m.csv")
    assert any("Waltz have no test tracks in the CSV's split" in n for n in ds.notes), ds.notes
    assert not any("Folk" in n and "no test tracks" in n for n in ds.notes)


def test_an_older_models_split_is_made_by_its_own_rule(tmp_path):
    """A model trained before the album rule records no split_rule: `trainer evaluate`
    makes its split by the rule it was made with (by track there), not today's, so its
    test tracks stay its test tracks. And an album holding more than half of a class is
    no unit: three albums of 5, 1 and 1 tracks are split by track."""
    from mutagen.flac import FLAC

    from trainer.evaluate import load_for_evaluation

    for album in range(3):
        for clip in range(3):
            p = _wav(tmp_path / "d" / "solo" / f"album{album}" / f"{clip:02d}.flac", fmt="FLAC")
            f = FLAC(str(p))
            f["artist"], f["album"] = "Only One", f"Record {album}"
            f.save()
    for song in range(6):
        _wav(tmp_path / "d" / "many" / f"Band{song} - Song.wav")
    old = {"seed": 0, "valid_fraction": 0.15, "test_fraction": 0.15, "origin": "by-artist-or-track"}
    ds = load_for_evaluation(tmp_path / "d", old, 0, (0.15, 0.15))
    assert all(t.group.startswith("track:") for t in ds.tracks if t.label == "solo")
    ds = load_for_evaluation(tmp_path / "d", {**old, "split_rule": 2}, 0, (0.15, 0.15))
    assert all(t.group.startswith("album:") for t in ds.tracks if t.label == "solo")
    # one big album: by track
    for clip in range(3, 8):
        p = _wav(tmp_path / "e" / "solo" / "big" / f"{clip:02d}.flac", fmt="FLAC")
        f = FLAC(str(p))
        f["artist"], f["album"] = "Only One", "Big"
        f.save()
    for album in ("a", "b"):
        p = _wav(tmp_path / "e" / "solo" / album / "01.flac", fmt="FLAC")
        f = FLAC(str(p))
        f["artist"], f["album"] = "Only One", album
        f.save()
    for song in range(6):
        _wav(tmp_path / "e" / "many" / f"Band{song} - Song.wav")
    ds = load_dataset(tmp_path / "e")
    assert all(t.group.startswith("track:") for t in ds.tracks if t.label == "solo")
