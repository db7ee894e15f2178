"""Undo gives back the original bytes, not only the genres: real files of every writable
format, a real library database, the sha256 of each whole file.

Before, an apply + undo left most files different from the original (padding changed,
an empty ID3 chunk added to WAVs, ``genre`` become ``GENRE``). Now each change keeps an
image that rebuilds the original around the audio payload (tagger.restore), and undo
uses it while the file is still what the batch wrote; a file changed since gets its
genres back only, and undo says so.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import audio_fixtures as af
import mutagen
import pytest

from tagger import db, fingerprint, restore
from tagger.apply import PlannedChange, undo_batch, write_batch
from tagger.cli import main
from tagger.safewrite import is_temp_name
from tagger.scan import scan
from tagger.tags import read_tags

# every format the app writes (.dff is read-only, .au has no tag)
WRITABLE = [k for k, s in af.ALL_SPECS.items() if s.format not in ("dff", "au")]
NEW = ["Dub Techno", "Polka"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(lib, files: dict[str, Path], genres=NEW) -> tuple[int, list]:
    """One batch writing `genres` into `files` (as `tagger apply` does after its plan)."""
    changes = []
    for p in files.values():
        t = lib.track_by_path(str(p))
        changes.append(PlannedChange(t.id, str(p), t.genres, list(genres), "overridden", content_id=t.content_id))
    batch, outcomes = write_batch(lib, changes, "replace")
    assert [o.status for o in outcomes] == ["written"] * len(files), [(o.path, o.error) for o in outcomes]
    return batch, outcomes


@pytest.fixture
def music(tmp_path, lib):
    root = (tmp_path / "music").resolve()
    files = af.make_library(root, WRITABLE)
    scan(lib, [root])
    return files


def test_undo_gives_every_format_back_byte_for_byte(music, lib):
    before = {k: sha(p) for k, p in music.items()}
    batch, _ = write(lib, music)
    assert all(sha(p) != before[k] for k, p in music.items())

    _, outcomes = undo_batch(lib, batch)
    assert {o.status for o in outcomes} == {"undone"} and {o.note for o in outcomes} == {None}
    assert {k: sha(p) for k, p in music.items()} == before
    assert not [p for p in music["mp3"].parent.iterdir() if is_temp_name(p.name)]
    # what was kept: the changed bytes outside the audio, not the files
    with lib.session() as s:
        images = {r.change_id: r for r in s.query(db.RestoreImage)}
    assert len(images) == len(music)
    assert max(len(r.data) for r in images.values()) < 8 * 1024
    assert sum(len(r.data) for r in images.values()) < sum(p.stat().st_size for p in music.values()) / 100


@pytest.mark.parametrize("key", ["m4a", "m4a_alac"])
def test_an_mp4_whose_moov_grows_comes_back_exactly(tmp_path, lib, key):
    """Genres that outgrow the tag's padding: the moov grows. With the moov before the
    mdat (m4a) the audio moves in the file; after it (m4a_alac) the moov grows at the
    end. The image addresses the audio by its place in the payload, so both rebuild."""
    root = (tmp_path / "music").resolve()
    files = af.make_library(root, [key])
    scan(lib, [root])
    path = files[key]
    before, size, where = sha(path), path.stat().st_size, fingerprint.audio_payload_ranges(path)
    batch, _ = write(lib, files, [f"Genre number {i} with a long name" for i in range(80)])
    assert path.stat().st_size > size + 2000
    moved = fingerprint.audio_payload_ranges(path) != where
    assert moved == (key == "m4a")  # the mdat moved only where the moov is in front of it
    _, [out] = undo_batch(lib, batch)
    assert out.status == "undone" and out.note is None
    assert sha(path) == before


def _retitle(path: Path) -> None:
    """Another program changes the title (not the genres) after the batch."""
    f = mutagen.File(path)
    f["\xa9nam"] = ["Edited by hand"]
    f.save()


def test_a_file_changed_since_gets_its_genres_back_only_and_undo_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    root = (tmp_path / "music").resolve()
    files = af.make_library(root, ["m4a", "flac"])
    dbfile = tmp_path / "lib.sqlite"
    before = {k: (sha(p), read_tags(p).genres) for k, p in files.items()}
    assert main(["scan", str(root), "--db", str(dbfile)]) == 0
    assert main(["decide", str(root), "--db", str(dbfile), "--genres", "Dub Techno"]) == 0
    assert main(["apply", str(root), "--db", str(dbfile), "--decided-only", "--mode", "replace"]) == 0
    _retitle(files["m4a"])
    capsys.readouterr()

    assert main(["undo", "--db", str(dbfile)]) == 0
    out = capsys.readouterr().out
    assert f"restored tags only: file changed since: {files['m4a']}" in out
    assert "2 file(s) restored (1 byte for byte), 0 not restored" in out
    assert sha(files["flac"]) == before["flac"][0]
    assert read_tags(files["m4a"]).genres == before["m4a"][1]  # the genres are back,
    assert mutagen.File(files["m4a"])["\xa9nam"] == ["Edited by hand"]  # the other edit stays
    assert sha(files["m4a"]) != before["m4a"][0]


def test_a_failed_rebuild_leaves_the_file_as_the_batch_wrote_it(music, lib, monkeypatch):
    """The exact restore goes through the safe replace: a rebuild that is not the
    original is refused at the sha256 check, nothing is replaced, undo can be retried."""
    files = {"flac": music["flac"]}
    before = sha(files["flac"])
    batch, _ = write(lib, files)
    written = sha(files["flac"])
    real = restore.rebuild

    def one_byte_off(data, current, out):
        sink = bytearray()

        class Grab:
            def write(self, b):
                sink.extend(b)
                return len(b)

        real(data, current, Grab())
        sink[-1] ^= 1
        out.write(bytes(sink))

    monkeypatch.setattr(restore, "rebuild", one_byte_off)
    _, [out] = undo_batch(lib, batch)
    assert out.status == "failed" and out.error == "verification failed: the rebuilt file is not the original"
    assert sha(files["flac"]) == written
    assert not [p for p in files["flac"].parent.iterdir() if is_temp_name(p.name)]

    monkeypatch.setattr(restore, "rebuild", real)
    _, [out] = undo_batch(lib, batch)
    assert out.status == "undone" and sha(files["flac"]) == before


def test_without_an_image_undo_restores_the_genres_and_says_so(music, lib, monkeypatch):
    """A batch written by an older version (no image), or an image over the size cap
    (not kept): the genres come back, as before, with a note."""
    files = {"mp3": music["mp3"], "ogg": music["ogg"]}
    genres = {k: read_tags(p).genres for k, p in files.items()}
    monkeypatch.setattr(restore, "MAX_IMAGE", 16)  # every image is "too large"
    batch, _ = write(lib, files)
    with lib.session() as s:
        assert s.query(db.RestoreImage).count() == 0
    _, outcomes = undo_batch(lib, batch)
    assert {o.status for o in outcomes} == {"undone"}
    assert {o.note for o in outcomes} == {"restored tags only: no byte-exact image was kept for this file"}
    assert {k: read_tags(p).genres for k, p in files.items()} == genres


def test_an_image_rebuilds_the_original_from_the_written_file(tmp_path):
    """tagger.restore on its own: the image rebuilds the original from the written file,
    holds none of the audio, and cannot be made against a file holding other audio."""
    src = af.fixture_path("m4a")
    original = tmp_path / "original.m4a"
    original.write_bytes(src.read_bytes())
    written = tmp_path / "written.m4a"
    written.write_bytes(src.read_bytes())
    f = mutagen.File(written)
    f["\xa9gen"] = NEW
    f.save()
    image = restore.make_image(original, written)
    with open(written, "rb") as w:
        out = _Collect()
        restore.rebuild(image.data, w, out)
    assert hashlib.sha256(out.data).hexdigest() == image.original_sha256 == sha(original)
    assert image.written_sha256 == sha(written) and image.original_size == original.stat().st_size
    # the audio bytes are not in the image
    assert len(image.data) < 4096 < sum(n for _, n in fingerprint.audio_payload_ranges(original))
    with pytest.raises(restore.ImageError):  # a file holding other audio cannot serve
        other = tmp_path / "other.m4a"
        other.write_bytes(af.fixture_path("m4a", "b").read_bytes())
        restore.make_image(original, other)


class _Collect:
    def __init__(self):
        self.data = b""

    def write(self, b):
        self.data += bytes(b)
        return len(b)


def test_an_ogg_file_whose_pages_are_renumbered_comes_back_exactly(tmp_path, lib):
    """A comment that needs more pages makes mutagen renumber every later page (sequence
    and CRC in each page header): the image keeps those headers, still no audio."""
    root = (tmp_path / "music").resolve()
    files = af.make_library(root, ["ogg"])
    scan(lib, [root])
    path = files["ogg"]
    before = sha(path)
    first_audio_header = _page_headers(path)[5]
    batch, _ = write(lib, files, [f"{i:03d} " + "x" * 250 for i in range(60)])  # ~15 KB of comment
    assert _page_headers(path)[5] != first_audio_header  # renumbered
    with lib.session() as s:
        [image] = s.query(db.RestoreImage).all()
    assert len(image.data) < path.stat().st_size / 10
    _, [out] = undo_batch(lib, batch)
    assert out.status == "undone" and out.note is None and sha(path) == before


def _page_headers(path: Path) -> list[tuple[int, int]]:
    """(sequence number, CRC) of each Ogg page."""
    data, pos, out = path.read_bytes(), 0, []
    while pos + 27 <= len(data) and data[pos : pos + 4] == b"OggS":
        seq, crc = struct.unpack("<II", data[pos + 18 : pos + 26])
        nseg = data[pos + 26]
        out.append((seq, crc))
        pos += 27 + nseg + sum(data[pos + 27 : pos + 27 + nseg])
    return out


def test_the_pieces_encode_and_decode_to_the_same_spans():
    """The compact encoding (tagger.restore._Pieces): payload lengths in order, outside
    starts as steps from the last one, backwards too, and XOR masks."""
    pieces = restore._Pieces()
    pieces.literal(b"ID3 old tag")
    pieces.copy(b"O", 5000, 300)
    pieces.copy(b"P", 0, 1000)
    pieces.copy(b"O", 40, 10)  # a step back
    pieces.xor(50, b"\x00\x00\x01\xff")
    pieces.copy(b"P", 1000, 24)
    pieces.copy(b"O", 1 << 40, 7)
    raw = pieces.encode()
    assert list(restore._decode(raw)) == [
        (b"L", b"ID3 old tag", 0, 11),
        (b"O", b"", 5000, 300),
        (b"P", b"", 0, 1000),
        (b"O", b"", 40, 10),
        (b"D", b"\x00\x00\x01\xff", 50, 4),
        (b"P", b"", 1000, 24),
        (b"O", b"", 1 << 40, 7),
    ]
    with pytest.raises(restore.ImageError):
        list(restore._decode(raw[:-1]))


def test_undo_of_a_write_to_several_fields_gives_each_file_back_byte_for_byte(tmp_path, lib):
    """One batch writes Genre, Style, Grouping and Mood of each file (Settings -> Tags
    with several fields; some held values before): undo restores every field and the
    whole file exactly."""
    from tagger.tags import FIELDS, write_fields

    root = (tmp_path / "music").resolve()
    files = af.make_library(root, WRITABLE)
    for p in files.values():
        write_fields(p, {"grouping": ["Old group"], "mood": ["Calm"]})
    scan(lib, [root])
    before = {k: sha(p) for k, p in files.items()}
    old = {k: {f: read_tags(p).values(f) for f in FIELDS} for k, p in files.items()}
    changes = []
    for k, p in files.items():
        t = lib.track_by_path(str(p))
        for f in FIELDS:
            new = ["Happy"] if f == "mood" else NEW
            changes.append(PlannedChange(t.id, str(p), old[k][f], new, "overridden", content_id=t.content_id, field=f))
    batch, outcomes = write_batch(lib, changes, "replace")
    assert {o.status for o in outcomes} == {"written"}, [(o.path, o.field, o.error) for o in outcomes]
    assert len(outcomes) == len(files) * len(FIELDS)
    for k, p in files.items():
        got = read_tags(p)
        assert [got.values(f) for f in FIELDS] == [NEW, NEW, NEW, ["Happy"]], k
        assert sha(p) != before[k]

    _, undone = undo_batch(lib, batch)
    assert {o.status for o in undone} == {"undone"} and not any(o.note for o in undone)
    for k, p in files.items():
        assert sha(p) == before[k], k
        assert {f: read_tags(p).values(f) for f in FIELDS} == old[k], k
    assert old["flac"]["grouping"] == ["Old group"] and old["flac"]["style"] == []  # values were there, and not


@pytest.mark.parametrize("rescan", [False, True], ids=["not-rescanned", "rescanned"])
def test_undo_after_the_names_were_swapped_restores_each_audio_where_it_is_now(tmp_path, rescan):
    """Two written files whose names were swapped since the batch (an album renumbered):
    undo finds each file by what the batch wrote into it, not by its old name, and
    gives each its own original bytes back. Before, it put one file's old genres into
    the other's audio and called it 'restored tags only'."""
    music = tmp_path / "music"
    music.mkdir()
    one, two = music / "01.flac", music / "02.flac"
    af.make_library(tmp_path / "a", ["flac"])["flac"].rename(one)
    af.make_library(tmp_path / "b", ["flac"], variant="b")["flac"].rename(two)
    lib = db.Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [music])
        original = {one: sha(one), two: sha(two)}
        audio = {one: fingerprint.content_id(one), two: fingerprint.content_id(two)}
        assert audio[one] != audio[two]
        write(lib, {"1": one, "2": two})
        swap = music / "swap"
        one.rename(swap)
        two.rename(one)
        swap.rename(two)
        if rescan:
            scan(lib, [music])
        _, outcomes = undo_batch(lib)
        assert sorted(o.status for o in outcomes) == ["undone", "undone"], [(o.path, o.error) for o in outcomes]
        assert not any(o.note for o in outcomes)  # byte for byte, not "tags only"
        # each audio got its own original bytes back, under its new name
        assert sha(two) == original[one] and sha(one) == original[two]
        assert fingerprint.content_id(two) == audio[one]
    finally:
        lib.close()


def test_undo_puts_nothing_into_other_audio_under_the_written_name(tmp_path):
    """The written file was replaced by another recording under the same name, tagged
    alike (and the written one is nowhere to be found): undo leaves the newcomer alone,
    says why in one line, and keeps the change to retry once the file is found."""
    music = tmp_path / "music"
    files = af.make_library(music, ["flac"])
    lib = db.Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [music])
        batch, _ = write(lib, files)
        other = af.make_library(tmp_path / "b", ["flac"], variant="b")["flac"]
        tagged = mutagen.File(other)
        tagged["genre"] = NEW  # holding what the batch wrote, as a copy tagged alike would
        tagged.save()
        before = sha(other)
        other.replace(files["flac"])
        _, outcomes = undo_batch(lib)
        assert [o.status for o in outcomes] == ["skipped"]  # (left alone, as a file changed since)
        assert outcomes[0].error.startswith("the file here holds other audio now")
        assert sha(files["flac"]) == before  # not a byte changed
        assert [c.status for c in lib.changes_of(batch)] == ["undo-failed"]  # retried by the next undo
    finally:
        lib.close()


def test_undo_of_a_deleted_copy_leaves_its_identical_twin_alone(tmp_path):
    """Two copies of one recording with different genres, written alike (so byte for byte
    the same after the write); one copy deleted since. Undo says the deleted one does not
    exist, and gives the other its own original bytes: not the deleted copy's."""
    import shutil

    music = tmp_path / "music"
    first = af.make_library(music / "A", ["flac"])["flac"]
    (music / "B").mkdir()
    second = Path(shutil.copy(first, music / "B" / "flac.flac"))
    tagged = mutagen.File(first)
    tagged["genre"] = ["Jazz"]
    tagged.save()
    tagged = mutagen.File(second)
    tagged["genre"] = ["Folk"]
    tagged.save()
    original_second = sha(second)
    lib = db.Library(tmp_path / "lib.sqlite")
    try:
        scan(lib, [music])
        write(lib, {"a": first, "b": second})
        assert sha(first) == sha(second)  # written alike
        first.unlink()
        _, outcomes = undo_batch(lib)
        by_path = {Path(o.path): o for o in outcomes}
        assert by_path[second].status == "undone" and not by_path[second].note
        assert sha(second) == original_second and read_tags(second).genres == ["Folk"]
        assert by_path[first].status == "failed"  # the file does not exist
    finally:
        lib.close()
