"""Unreadable files are reported by every scan until they change, not only by the first."""

from __future__ import annotations

import shutil

from tagger.scan import scan


def test_a_rescan_still_lists_the_unreadable_files(tmp_path, broken_files, make_library, lib):
    make_library(broken_files["empty.mp3"].parent, ["flac"])
    first = scan(lib, [broken_files["empty.mp3"].parent])
    assert first.errors and str(broken_files["empty.mp3"]) in dict(first.errors)

    again = scan(lib, [broken_files["empty.mp3"].parent])
    assert again.new == again.changed == 0  # nothing was read again ...
    assert sorted(again.errors) == sorted(first.errors)  # ... and still broken, with the reason
    assert f"{len(first.errors)} unreadable" in again.summary()


def test_a_repaired_or_removed_file_is_no_longer_listed(tmp_path, broken_files, make_library, lib):
    folder = broken_files["empty.mp3"].parent
    good = make_library(tmp_path / "good", ["mp3"])["mp3"]
    first = scan(lib, [folder])
    assert {str(broken_files["empty.mp3"]), str(broken_files["random.mp3"])} <= set(dict(first.errors))

    shutil.copyfile(good, broken_files["empty.mp3"])  # repaired
    broken_files["random.mp3"].unlink()  # removed
    again = scan(lib, [folder])
    listed = set(dict(again.errors))
    assert str(broken_files["empty.mp3"]) not in listed and str(broken_files["random.mp3"]) not in listed
    assert len(again.errors) == len(first.errors) - 2


def test_only_files_under_the_scanned_roots_are_listed(tmp_path, broken_files, make_library, lib):
    other = make_library(tmp_path / "other", ["ogg"])["ogg"].parent
    scan(lib, [broken_files["empty.mp3"].parent, other])
    assert scan(lib, [other]).errors == []


def test_what_cannot_be_looked_at_is_counted_not_dropped(tmp_path, make_library, lib):
    """A FIFO named like a song, a link to a deleted file and a link loop: the scan says
    it passed them over instead of skipping them without a word."""
    import os

    from tagger.scan import scan

    make_library(tmp_path / "music", ["wav"])
    os.mkfifo(tmp_path / "music" / "pipe.mp3")
    (tmp_path / "music" / "gone.flac").symlink_to(tmp_path / "deleted.flac")
    (tmp_path / "music" / "loop.ogg").symlink_to("loop.ogg")
    (tmp_path / "music" / "zero.mp3").symlink_to("/dev/zero")  # leads somewhere: a device, not nowhere
    make_library(tmp_path / "disk2" / "Album", ["flac"])  # an album moved to another disk, a link left
    (tmp_path / "music" / "Album").symlink_to(tmp_path / "disk2" / "Album")
    result = scan(lib, [tmp_path / "music"])
    assert result.seen == 1 and result.passed_over == {"special": 2, "link": 2, "folder_link": 1}
    assert "1 link(s) to folders, not followed (scan the folder a link leads to on its own)" in " ".join(
        result.skipped_lines()
    )
    assert "passed over: 2 link(s) to audio that lead nowhere or back to themselves, 2 FIFO(s)" in " ".join(
        result.skipped_lines()
    )
    # the FIFO named to scan on its own: not called a folder that cannot be read
    alone = scan(lib, [tmp_path / "music" / "pipe.mp3"])
    assert alone.passed_over == {"not_a_folder": 1}
    assert "passed over: 1 path(s) given that are neither a file nor a folder (a FIFO, a device)" in " ".join(
        alone.skipped_lines()
    )
