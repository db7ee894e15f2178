"""APEv2: Monkey's Audio, WavPack, Musepack, OptimFROG, TAK; and TTA and AAC (ADTS).

Several genres are one "Genre" item holding a list (values separated by NUL). Any other
spelling of the key ("GENRE") is replaced by "Genre"; the other fields are the items
"Style", "Grouping" and "Mood", the same way.

TTA and ADTS AAC have no tag of their own: players read an APEv2 tag at the end or an
ID3v2 tag in front. Their genres are read from the APEv2 tag, else from an ID3 tag; a
write updates the tag the file already has (ID3 when it has only ID3, with the ID3
rules), and gives a file with neither an APEv2 tag (as MusicBrainz Picard and
foobar2000 do).
"""

from __future__ import annotations

from pathlib import Path

from mutagen.aac import AAC
from mutagen.apev2 import APEv2
from mutagen.id3 import ID3, ID3NoHeaderError
from mutagen.monkeysaudio import MonkeysAudio
from mutagen.musepack import Musepack
from mutagen.optimfrog import OptimFROG
from mutagen.tak import TAK
from mutagen.trueaudio import TrueAudio
from mutagen.wavpack import WavPack

from tagger.formats.ape_items import apev2_of, read_apev2_tags, replace_apev2_fields
from tagger.formats.base import (
    AudioFormat,
    Container,
    TagFamily,
    TagOptions,
    TrackTags,
)
from tagger.formats.id3 import DEFAULT_OPTIONS, read_id3_tags, replace_id3_fields, written_version
from tagger.formats.payload import STREAM, magic, stream_ranges


def read_apev2(f, path: Path, t: TrackTags, options: TagOptions | None = None) -> None:
    read_apev2_tags(f.tags, t)


def write_apev2(f, changes: dict[str, list[str]], path: Path, options: TagOptions | None = None) -> None:
    if f.tags is None:
        f.add_tags()
    replace_apev2_fields(f.tags, changes)
    f.save()


APEV2 = TagFamily("apev2", read_apev2, write_apev2)


# ------------------------------------------- formats without a tag of their own


def _id3_of(path: Path):
    try:
        return ID3(path)  # also an ID3v1-only tag (version 1.x)
    except ID3NoHeaderError:
        return None


def read_apev2_or_id3(f, path: Path, t: TrackTags, options: TagOptions = DEFAULT_OPTIONS) -> None:
    ape = apev2_of(path)
    if ape is not None:
        read_apev2_tags(ape, t)
    else:
        read_id3_tags(_id3_of(path), t, options)


def write_apev2_or_id3(f, changes: dict[str, list[str]], path: Path, options: TagOptions = DEFAULT_OPTIONS) -> None:
    ape = apev2_of(path)
    id3 = _id3_of(path) if ape is None else None
    if id3 is not None:
        id3.save(path, **replace_id3_fields(id3, changes, path, options, written_version(id3, options)))
        return
    if ape is None:
        ape = APEv2()
    replace_apev2_fields(ape, changes)
    ape.save(path)


APEV2_OR_ID3 = TagFamily("apev2-or-id3", read_apev2_or_id3, write_apev2_or_id3)


def _stream(kind: str, *signatures: bytes) -> Container:
    """A stream between tags that starts with one of ``signatures``."""
    return Container(kind, magic(*signatures), stream_ranges)


APE_FORMAT = AudioFormat("ape", "Monkey's Audio (APE)", (".ape",), _stream("ape", b"MAC "), APEV2, (MonkeysAudio,))
WAVPACK_FORMAT = AudioFormat("wavpack", "WavPack", (".wv",), _stream("wavpack", b"wvpk"), APEV2, (WavPack,))
# FFmpeg 8's Musepack SV8 demuxer seeks in steps of 64 frames (1.67 s) and, measured on
# tests/data/*.mpc, stops 26 frames after a seek to the second step; after a seek to 0
# the decode differs from a fresh one (by up to 0.009): no seeking
MUSEPACK_FORMAT = AudioFormat(
    "mpc", "Musepack", (".mpc", ".mp+", ".mpp"), _stream("mpc", b"MPCK", b"MP+"), APEV2, (Musepack,), seekable=False
)
TAK_FORMAT = AudioFormat("tak", "TAK", (".tak",), _stream("tak", b"tBaK"), APEV2, (TAK,))
OPTIMFROG_FORMAT = AudioFormat(
    "ofr",
    "OptimFROG",
    (".ofr", ".ofs"),
    _stream("ofr", b"OFR "),
    APEV2,
    (OptimFROG,),
    decoder=None,
    no_decoder="FFmpeg has no OptimFROG decoder",
)
TTA_FORMAT = AudioFormat("tta", "TTA (True Audio)", (".tta",), _stream("tta", b"TTA1"), APEV2_OR_ID3, (TrueAudio,))
AAC_FORMAT = AudioFormat("aac", "AAC (ADTS)", (".aac",), STREAM, APEV2_OR_ID3, (AAC,))
