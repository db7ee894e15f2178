"""The safe writer checks what a player will read: the demuxed audio packets of an MP4.

mutagen can leave an MP4's chunk offset table (``stco``/``co64``) pointing at the old
offsets after it moved the ``mdat`` (seen in files with unusual atom layouts, such as a
top-level atom whose type is not printable). Every audio byte is still there, so the
payload digest passes, but every packet a player reads is wrong. The files here are
built from the real M4A fixtures by a small atom writer: ``co64`` instead of ``stco``,
``moov`` before ``mdat``, a top-level atom with a non-printable type, no ``udta`` (so the
tag write inserts one and the ``mdat`` moves). mutagen 1.48 updates the table of this
layout correctly (tested below), so the broken table is simulated: the tag-writing step
is wrapped to put the pre-write offsets back, as the buggy write leaves them.
"""

from __future__ import annotations

import struct
from pathlib import Path

import audio_fixtures as af
import pytest

from tagger import fingerprint, packets, tags
from tagger.safewrite import WriteError, is_temp_name, write_genres_safely

GENRES = ["Rock", "Jazz Fusion"]
ODD_TYPE = b"\x00\x01\xfe\x7f"  # a top-level atom type that is not printable
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}  # the path down to the offset table


# ---------------------------------------------------------------- a small atom writer
def atoms(data: bytes) -> list[tuple[bytes, bytes]]:
    """[(type, body)] of the atoms in `data`, one level."""
    out, pos = [], 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[pos + 8 : pos + 16])[0], 16
        elif size == 0:
            size = len(data) - pos
        out.append((kind, data[pos + header : pos + size]))
        pos += size
    return out


def atom(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def chunk_offsets(body: bytes) -> list[int]:
    """The chunk offsets of every stco/co64 under `body` (a moov's), in order."""
    found = []
    for kind, b in atoms(body):
        if kind in _CONTAINERS:
            found += chunk_offsets(b)
        elif kind in (b"stco", b"co64"):
            n = struct.unpack(">I", b[4:8])[0]
            found += struct.unpack(
                f">{n}{'I' if kind == b'stco' else 'Q'}", b[8 : 8 + n * (4 if kind == b"stco" else 8)]
            )
    return found


def with_co64(body: bytes, offsets) -> bytes:
    """`body` (a moov's) with every stco/co64 rewritten as a co64 holding `offsets`
    (consumed in order), and without its udta."""
    out = b""
    for kind, b in atoms(body):
        if kind == b"udta":
            continue
        if kind in _CONTAINERS:
            out += atom(kind, with_co64(b, offsets))
        elif kind in (b"stco", b"co64"):
            n = struct.unpack(">I", b[4:8])[0]
            out += atom(b"co64", b[:4] + struct.pack(f">I{n}Q", n, *[next(offsets) for _ in range(n)]))
        else:
            out += atom(kind, b)
    return out


def unusual_mp4(src: Path, dest: Path) -> None:
    """`src` rewritten as: ftyp, an atom of a non-printable type, moov (co64 table, no
    udta), mdat. Same packets as `src`."""
    data = src.read_bytes()
    top = dict(atoms(data))
    old_mdat = data.index(b"mdat" + top[b"mdat"][:16]) + 4  # where its audio starts
    offsets = chunk_offsets(top[b"moov"])

    def layout(shift: int) -> list[bytes]:
        moov = atom(b"moov", with_co64(top[b"moov"], iter([o + shift for o in offsets])))
        return [atom(b"ftyp", top[b"ftyp"]), atom(ODD_TYPE, bytes(range(32))), moov, atom(b"mdat", top[b"mdat"])]

    new_mdat = sum(map(len, layout(0)[:3])) + 8  # the moov's size does not depend on the shift
    dest.write_bytes(b"".join(layout(new_mdat - old_mdat)))


def moov_offsets(path: Path) -> list[int]:
    return chunk_offsets(dict(atoms(path.read_bytes()))[b"moov"])


def put_offsets(path: Path, offsets: list[int]) -> None:
    """Overwrite the values of the file's co64 table in place (the table's size stays)."""
    data = bytearray(path.read_bytes())
    pos = data.index(b"co64") + 4 + 4  # past the type, the version and flags
    n = struct.unpack(">I", data[pos : pos + 4])[0]
    assert n == len(offsets)
    data[pos + 4 : pos + 4 + 8 * n] = struct.pack(f">{n}Q", *offsets)
    path.write_bytes(bytes(data))


def stale_table_writer(monkeypatch) -> None:
    """tags.write_fields (what the safe writer calls) as the buggy write behaves: the tag
    is written, the mdat moves, the chunk offsets stay what they were."""
    real = tags.write_fields

    def write(p, changes, options=None):
        before = moov_offsets(Path(p))
        real(p, changes, options)
        assert moov_offsets(Path(p)) != before  # the mdat did move
        put_offsets(Path(p), before)

    monkeypatch.setattr(tags, "write_fields", write)


# ---------------------------------------------------------------- the tests
@pytest.fixture(params=["m4a", "m4a_alac"])
def unusual(request, tmp_path) -> Path:
    src = af.fixture_path(request.param)
    dest = tmp_path / f"unusual-{request.param}.m4a"
    unusual_mp4(src, dest)
    kinds = [k for k, _ in atoms(dest.read_bytes())]
    assert kinds == [b"ftyp", ODD_TYPE, b"moov", b"mdat"]
    assert b"co64" in dest.read_bytes() and b"stco" not in dest.read_bytes()
    assert packets.packet_digests(dest) == packets.packet_digests(src)  # a valid file, the same audio
    return dest


def test_a_stale_chunk_offset_table_passes_the_byte_check_but_not_the_packet_check(unusual, monkeypatch):
    """The bug: with the table left stale, the tag reads back and every audio byte is
    there (the old verification passes), but the packets a player reads are others."""
    stale_table_writer(monkeypatch)
    copy = unusual.with_name("copy.m4a")
    copy.write_bytes(unusual.read_bytes())
    tags.write_genres(copy, GENRES)
    assert tags.read_tags(copy).genres == GENRES
    assert fingerprint.payload_digest(copy) == fingerprint.payload_digest(unusual)
    why = packets.difference(packets.packet_digests(unusual), packets.packet_digests(copy))
    assert why and "audio packets differ" in why


def test_the_safe_writer_refuses_a_write_that_leaves_the_table_stale(unusual, monkeypatch):
    stale_table_writer(monkeypatch)
    data = unusual.read_bytes()
    with pytest.raises(WriteError) as e:
        write_genres_safely(unusual, GENRES)
    assert e.value.reason.startswith("verification failed: a player would read other audio (")
    assert "audio packets differ" in e.value.reason
    assert unusual.read_bytes() == data
    assert not [p for p in unusual.parent.iterdir() if is_temp_name(p.name)]


def test_mutagen_updates_the_table_of_the_unusual_layout(unusual):
    """Why the test above simulates the stale table: mutagen gets this layout right, and
    the check lets the correct write through."""
    before = packets.packet_digests(unusual)
    offsets = moov_offsets(unusual)
    write_genres_safely(unusual, GENRES)
    assert tags.read_tags(unusual).genres == GENRES
    assert moov_offsets(unusual) != offsets  # the mdat moved, and the table with it
    assert packets.packet_digests(unusual) == before


WRITABLE = [k for k, s in af.ALL_SPECS.items() if s.format not in ("dff", "au")]


@pytest.mark.parametrize("key", WRITABLE)
def test_every_format_keeps_its_packets_through_a_write(tmp_path, key):
    """Normal files of every writable format: the packets after a safe write are the
    original's. Except Monkey's Audio: FFmpeg's APE demuxer sizes the last frame up to
    the end of the file, so the last packet carries the APEv2 tag behind it and changes
    with every tag write -- one reason the check runs only where the header locates the
    audio by offsets (MP4), not for every container."""
    path = af.make_library(tmp_path, [key])[key]
    before = packets.packet_digests(path)
    assert before
    write_genres_safely(path, GENRES)
    assert tags.read_tags(path).genres == GENRES
    after = packets.packet_digests(path)
    if key == "ape":
        assert after[:-1] == before[:-1] and after[-1] != before[-1]
        assert not fingerprint.container_of(path).audio_by_offsets
    else:
        assert packets.difference(before, after) is None
    assert fingerprint.container_of(path).audio_by_offsets == (af.ALL_SPECS[key].format == "m4a")


def test_a_file_ffmpeg_cannot_read_is_an_error_not_a_crash(tmp_path):
    bad = tmp_path / "noise.m4a"
    bad.write_bytes(b"\x00\x00\x00\x18ftypM4A " + bytes(100))
    with pytest.raises(packets.PacketError) as e:
        packets.packet_digests(bad)
    assert str(e.value) and "noise" not in str(e.value)  # a reason, without the file's name
