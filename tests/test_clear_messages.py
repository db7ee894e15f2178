"""Each problem a file can have is one clear line that says what happened, not a
parser's words out of context: permission denied, a truncated WAV/AIFF on write, a FIFO
swapped in after the scan, a NUL byte in one genre value, a program or an archive named
.mp3. Real files (damaged in the test where the case needs it), the real model."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import audio_fixtures
import mutagen
import pytest

from tagger import analyze, decode, tags
from tagger.cli import main
from tagger.db import Library
from tagger.safewrite import WriteError, write_genres_safely
from tagger.scan import scan

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))


def copy_fixture(key: str, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(audio_fixtures.fixture_path(key), dest)
    return dest


# ------------------------------------------------------------------ permission denied
def _as_unprivileged() -> list[str]:
    """A command prefix under which file permissions apply. Tests run as root, whom
    permissions don't stop; in a new user namespace the same user has no capability
    over the files outside it, so a mode-000 file is refused as for anyone else, and the
    interpreter under /root stays reachable (unlike `setpriv --reuid=nobody`)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        pytest.skip("running as root and `unshare` is missing: cannot be refused a file")
    probe = subprocess.run(["unshare", "-U", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"running as root and user namespaces are not allowed here: {probe.stderr.decode().strip()}")
    return ["unshare", "-U"]


def test_permission_denied_is_said_so(tmp_path):
    music = tmp_path / "music"
    locked = [copy_fixture("mp3", music / "locked.mp3"), copy_fixture("flac", music / "locked.flac")]
    copy_fixture("ogg", music / "fine.ogg")
    for p in locked:
        os.chmod(p, 0)
    code = (
        "import sys\n"
        "from tagger.cli import main\n"
        "from tagger.decode import DecodeError, read_windows\n"
        "try:\n"
        "    read_windows(sys.argv[2], [(0, 1.0)])\n"
        "except DecodeError as e:\n"
        "    print('decode:', e)\n"
        "sys.exit(main(['scan', sys.argv[1], '--db', sys.argv[3]]))\n"
    )
    run = subprocess.run(
        [*_as_unprivileged(), sys.executable, "-c", code, str(music), str(locked[0]), str(tmp_path / "lib.db")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    said = "permission denied: cannot read the file (check its permissions and owner)"
    assert lines[0] == f"decode: {said}"
    for p in locked:
        assert f"unreadable: {p}: {said}" in lines
    assert "3 audio files: 3 new" in run.stdout and "2 unreadable" in run.stdout
    assert "corrupt" not in run.stdout and "Errno" not in run.stdout


# ------------------------------------------------------------------ parsers' words in context
def test_parser_errors_say_what_they_mean():
    import struct

    from tagger.formats.base import parse_problem, short

    try:
        struct.unpack(">I", b"\x00")
    except struct.error as e:
        assert parse_problem(e).startswith("a header or tag field is cut short (unpack requires")
    assert short(struct.error()) == "struct.error"  # never a lone "(error)"
    try:
        b"\x8eRIF".decode("ascii")
    except UnicodeDecodeError as e:
        assert parse_problem(e).startswith("a name or text field in its structure is not text (byte 0x8e;")
    assert parse_problem(MemoryError()) == "a header claims an impossibly large size"
    assert parse_problem(KeyError(36608)) == "its structure is malformed (KeyError: 36608)"


def test_a_wav_chunk_name_that_is_not_text_is_explained(tmp_path):
    """mutagen's "'ascii' codec can't decode byte 0x8e" alone said nothing: the file,
    the format and what was being read are named."""
    path = copy_fixture("wav", tmp_path / "damaged.wav")
    data = bytearray(path.read_bytes())
    data[8] = 0x8E  # the RIFF form type ("WAVE")
    path.write_bytes(bytes(data))
    with pytest.raises(tags.TagError) as e:
        tags.read_tags(path)
    assert e.value.reason.startswith(
        "corrupt or unreadable WAV file: a name or text field in its structure is not text"
    )
    assert str(path) in str(e.value)


# ------------------------------------------------------------------ truncated WAV / AIFF
@pytest.mark.parametrize(("key", "label", "chunk"), [("wav", "WAV", "data"), ("aiff", "AIFF", "SSND")])
def test_truncated_wav_and_aiff_are_refused_as_truncated(tmp_path, key, label, chunk):
    path = copy_fixture(key, tmp_path / f"cut.{key}")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a cut-off copy: the header claims the whole
    before = path.read_bytes()
    with pytest.raises(WriteError) as e:
        write_genres_safely(path, ["Rock"])
    reason = e.value.reason
    assert f"the {label} file is truncated or damaged: its '{chunk}' chunk claims" in reason, reason
    assert reason.endswith("nothing was written") and "verification failed" not in reason
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [path.name]  # no temp copy left
    # an intact file of the same format is written as always
    whole = copy_fixture(key, tmp_path / "whole" / f"ok.{key}")
    write_genres_safely(whole, ["Rock"])
    assert tags.read_tags(whole).genres == ["Rock"]


def streamed_wav(source, path):
    """`source`'s WAV as a program writing to a pipe leaves it: RIFF and data sizes
    0xFFFFFFFF (ffmpeg -f wav - > x.wav)."""
    data = bytearray(source.read_bytes())
    data[4:8] = b"\xff\xff\xff\xff"
    pos = 12
    while data[pos : pos + 4] != b"data":
        pos += 8 + int.from_bytes(data[pos + 4 : pos + 8], "little")
    end = pos + 8 + int.from_bytes(data[pos + 4 : pos + 8], "little")
    data[pos + 4 : pos + 8] = b"\xff\xff\xff\xff"
    path.write_bytes(bytes(data[:end]))  # a stream ends with its sound: no chunk can follow it
    return path


def test_a_streamed_wav_is_read_to_its_end_and_refused_for_writing_in_one_line(tmp_path):
    """Its length is the sound the file holds (not the 6.8 hours its header's sizes would
    say, which planned every patch past its end and called it "no real audio stream"),
    it is analysed, and a write is refused with the reason, the file unchanged (mutagen
    failed with "'I' format requires 0 <= number <= 4294967295", which stopped `apply`)."""
    from tagger.analyze import analyze_file
    from tagger.model import Model

    whole = copy_fixture("wav", tmp_path / "whole.wav")
    path = streamed_wav(whole, tmp_path / "streamed.wav")
    assert tags.read_tags(path).duration == pytest.approx(tags.read_tags(whole).duration, abs=1e-3)
    model = Model(threads=1)
    result = analyze_file(str(path), tags.read_tags(path).duration, 6, model)
    assert result["status"] == "ok", result
    expected = analyze_file(str(whole), tags.read_tags(whole).duration, 6, model)
    assert result["patch_starts"] == expected["patch_starts"]

    before = path.read_bytes()
    with pytest.raises(WriteError) as e:
        write_genres_safely(path, ["Rock"])
    assert "the WAV file's sizes are unknown (written as 0xFFFFFFFF" in e.value.reason
    assert "nothing was written" in e.value.reason and "\n" not in e.value.reason
    assert path.read_bytes() == before


# ------------------------------------------------------------------ a FIFO swapped in
def test_a_fifo_swapped_in_after_the_scan_is_not_called_empty(tmp_path):
    from tagger.model import Model

    path = copy_fixture("flac", tmp_path / "music" / "song.flac")
    duration = tags.read_tags(path).duration
    path.unlink()
    os.mkfifo(path)  # would block a reader forever: never opened
    said = "not a regular file: a FIFO (named pipe) is at this path now"
    result = analyze.analyze_file(str(path), duration, 6, model=Model(threads=1))
    assert (result["status"], result["error"]) == ("error", said)
    result = analyze.analyze_file(str(path), None, 6, model=Model(threads=1))
    assert result["error"] == said
    with pytest.raises(decode.DecodeError, match=f"^{re.escape(said)}$"):
        next(decode.stream_pcm(path, 0.0, decode.PcmFormat(48000, 2)))  # the app's player
    with pytest.raises(tags.TagError) as e:
        tags.read_tags(path)
    assert e.value.reason == said


# ------------------------------------------------------------------ a NUL byte in one genre value
@pytest.mark.parametrize(("key", "field", "shown"), [("flac", "GENRE", "GENRE"), ("m4a", "\xa9gen", "©gen")])
def test_a_nul_byte_in_one_genre_value_is_noted_and_the_rest_read(tmp_path, key, field, shown):
    path = copy_fixture(key, tmp_path / "music" / f"nul.{key}")
    f = mutagen.File(path)
    f[field] = ["Rock", "Jazz\x00Pop"]
    f.save()
    t = tags.read_tags(path)
    assert t.genres == ["Rock", "Jazz", "Pop"] and t.artist == "Example Artist"
    assert t.notes == [f"{shown} value 'Jazz\\x00Pop' holds a NUL byte: read as Jazz; Pop"]

    lib = Library(tmp_path / "lib.db")
    try:
        result = scan(lib, [path.parent])
        assert result.errors == []  # readable: analysed and taggable as any other
        (track,) = lib.tracks_under([path.parent])
        assert track.status == "present" and track.genres == ["Rock", "Jazz", "Pop"]
        assert result.skipped_lines() == [f"damaged tag value, the rest read: {path}: {t.notes[0]}"]
    finally:
        lib.close()
    write_genres_safely(path, ["Rock", "Jazz", "Pop", "Blues"])  # a merge writes clean values
    assert tags.read_tags(path).genres == ["Rock", "Jazz", "Pop", "Blues"] and not tags.read_tags(path).notes


# ------------------------------------------------------------------ not audio at all
def test_files_that_are_not_audio_say_what_they_are(tmp_path):
    d = tmp_path / "music"
    d.mkdir()
    shutil.copyfile("/bin/true", d / "program.mp3")
    with zipfile.ZipFile(d / "album.flac", "w") as z:
        z.writestr("01.txt", "not music")
    (d / "cover.m4a").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (d / "page.ogg").write_text("<!DOCTYPE html>\n<html><body>404</body></html>\n")
    (d / "notes.wav").write_text("Track list, café edition\n" * 20)
    expected = {
        "program.mp3": "not audio: an ELF executable (a Linux program or library) named .mp3",
        "album.flac": "not audio: a ZIP archive named .flac",
        "cover.m4a": "not audio: a PNG image named .m4a",
        "page.ogg": "not audio: an HTML page named .ogg",
        "notes.wav": "not audio: a text file named .wav",
    }
    for name, said in expected.items():
        with pytest.raises(tags.TagError) as e:
            tags.read_tags(d / name)
        assert e.value.reason == said
        with pytest.raises(decode.NotAudioError, match=f"^{re.escape(said)}$"):
            decode.read_windows(d / name, [(0.0, 1.0)])


@pytest.mark.slow
def test_a_program_named_mp3_is_never_analysed_nor_written(tmp_path, capsys):
    music = tmp_path / "music"
    music.mkdir()
    program = music / "program.mp3"
    shutil.copyfile("/bin/true", program)
    os.chmod(program, stat.S_IRUSR | stat.S_IWUSR)
    # the same program without its ELF signature: mutagen still finds an "MPEG frame"
    # in it and FFmpeg decodes 0.05 s; no real audio stream, so unreadable all the same
    headless = music / "headless.mp3"
    data = bytearray(program.read_bytes())
    data[:4] = bytes(4)
    headless.write_bytes(bytes(data))
    copy_fixture("flac", music / "song.flac")
    db = str(tmp_path / "lib.db")

    code = main(["analyze", str(music), "--db", db])
    out, err = capsys.readouterr()
    assert code == 1  # some files failed
    assert f"{program}\n    FAILED: not audio: an ELF executable (a Linux program or library) named .mp3" in out
    assert f"{headless}\n    FAILED: no real audio stream: the file decodes to 0.05 s" in out
    assert "3 tracks: 1 analysed, 0 cached, 2 failed" in err

    # both are unreadable tracks now, reported by every scan until they change
    assert main(["scan", str(music), "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"unreadable: {headless}: no real audio stream" in out and f"unreadable: {program}: not audio" in out
    # and never written, whatever the user decides
    before = {p: p.read_bytes() for p in (program, headless)}
    assert main(["decide", str(music), "--db", db, "--genres", "Rock"]) == 0
    capsys.readouterr()
    assert main(["apply", str(music), "--db", db, "--mode", "replace", "--json"]) == 0
    written = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(written) == 1 and "song.flac" in written[0]
    assert {p: p.read_bytes() for p in before} == before


def test_parsers_own_words_are_not_pythons():
    from mutagen._iff import InvalidChunk

    from tagger.formats.base import parse_problem, short

    assert short(InvalidChunk()) == "invalid chunk"  # not "mutagen._iff.InvalidChunk"
    assert parse_problem(KeyError("b'moov' not found")) == "its structure is malformed ('moov' not found)"


@pytest.mark.parametrize("damage", ["cut inside the tag", "tag size beyond the end"])
def test_a_damaged_id3_tag_is_not_called_a_read_error(tmp_path, damage):
    """mutagen says an ID3 tag is cut short with a bare OSError() (no errno): that is the
    file's damage, not the disk's, and the message says so."""
    from mutagen.id3 import ID3, TIT2

    path = copy_fixture("mp3", tmp_path / "damaged.mp3")
    tag = ID3()
    tag.add(TIT2(encoding=3, text=["x" * 5000]))
    tag.save(path)
    data = bytearray(path.read_bytes())
    if damage == "cut inside the tag":
        data = data[:3000]
    else:
        data[6:10] = bytes([0x17, 0x7F, 0x7F, 0x7F])  # synchsafe size: about 50 MB
    path.write_bytes(bytes(data))
    with pytest.raises(tags.TagError) as e:
        tags.read_tags(path)
    assert e.value.reason == "corrupt or unreadable MP3 file: a header or tag claims more data than the file holds"


def test_a_fragmented_mp4_is_named_not_called_empty(tmp_path):
    """An M4A written as movie fragments (streaming tools, `movflags=frag_keyframe`): mutagen
    finds no length; the message says what the file is and how to make one that works."""
    import av

    source = copy_fixture("ogg", tmp_path / "source.ogg")
    out = tmp_path / "fragmented.m4a"
    with (
        av.open(str(source)) as inp,
        av.open(str(out), "w", format="mp4", options={"movflags": "frag_keyframe+empty_moov"}) as o,
    ):
        stream = o.add_stream("aac", rate=44100)
        for frame in inp.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                o.mux(packet)
        for packet in stream.encode(None):
            o.mux(packet)
    with pytest.raises(tags.TagError) as e:
        tags.read_tags(out)
    assert e.value.reason.startswith("a fragmented MP4/M4A file (its audio is in movie fragments")


@pytest.mark.parametrize("key", ["wav", "aiff"])
def test_the_dry_run_says_a_cut_off_file_would_fail(tmp_path, monkeypatch, capsys, key):
    """A WAV or AIFF cut off in its audio chunk is read (its tags are there), but no tag
    can be written to it: the dry run says so in advance, with the write's own reason."""
    from tagger.cli import main

    monkeypatch.setenv("GENRE_TAGGER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GENRE_TAGGER_DATA_DIR", str(tmp_path / "data"))
    path = audio_fixtures.make_library(tmp_path / "music", [key])[key]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    music = str(path.parent)
    assert main(["scan", music]) == 0
    assert main(["decide", music, "--genres", "Jazz"]) == 0
    capsys.readouterr()

    assert main(["apply", music, "--decided-only", "--dry-run"]) == 0
    planned = capsys.readouterr().out
    assert main(["apply", music, "--decided-only"]) == 1
    written = capsys.readouterr()

    label = "WAV" if key == "wav" else "AIFF"
    reason = f"the {label} file is truncated or damaged: its "
    assert f"WOULD FAIL: {reason}" in planned
    assert reason in written.out + written.err
