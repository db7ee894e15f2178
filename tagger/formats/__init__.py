"""The audio formats the tagger knows: one registry entry per format.

Each tag family is one module (as MusicBrainz Picard's ``picard/formats/``): ``id3``
(MP3, with an APEv2 tag beside it kept in step through ``ape_items``; AIFF, DSF, DSDIFF), ``riff_info`` (WAV: ID3 chunk + RIFF INFO), ``vorbis`` (FLAC,
Ogg Vorbis, Opus, Speex), ``mp4`` (M4A/M4B/MP4), ``asf`` (WMA), ``apev2`` (APE,
WavPack, Musepack, TAK, OptimFROG, TTA, ADTS AAC), and ``sun_au`` (no tag at all). An
entry (``base.AudioFormat``) says which extensions it has, how its tags are read and
written, where its audio bytes are (for ``tagger.fingerprint``) and how it decodes (for
``tagger.decode``). Adding a format is one such entry and one line in REGISTRY below;
``tagger.tags``, ``tagger.fingerprint`` and ``tagger.decode`` only look things up here.
"""

from __future__ import annotations

import os

from tagger.formats.apev2 import (
    AAC_FORMAT,
    APE_FORMAT,
    MUSEPACK_FORMAT,
    OPTIMFROG_FORMAT,
    TAK_FORMAT,
    TTA_FORMAT,
    WAVPACK_FORMAT,
)
from tagger.formats.asf import ASF_FORMAT
from tagger.formats.base import AudioFormat, Container
from tagger.formats.id3 import AIFF_FORMAT, DFF_FORMAT, DSF_FORMAT, MP3_FORMAT
from tagger.formats.mp4 import MP4_FORMAT
from tagger.formats.payload import STREAM
from tagger.formats.riff_info import WAV_FORMAT
from tagger.formats.sun_au import AU_FORMAT
from tagger.formats.vorbis import FLAC_FORMAT, OGG_CONTAINER, OGG_FORMAT, OPUS_FORMAT, SPEEX_FORMAT

REGISTRY: tuple[AudioFormat, ...] = (
    MP3_FORMAT,
    FLAC_FORMAT,
    OGG_FORMAT,
    OPUS_FORMAT,
    SPEEX_FORMAT,
    MP4_FORMAT,
    WAV_FORMAT,
    AIFF_FORMAT,
    ASF_FORMAT,
    APE_FORMAT,
    WAVPACK_FORMAT,
    MUSEPACK_FORMAT,
    TTA_FORMAT,
    TAK_FORMAT,
    OPTIMFROG_FORMAT,
    AAC_FORMAT,
    DSF_FORMAT,
    DFF_FORMAT,
    AU_FORMAT,
)

BY_NAME: dict[str, AudioFormat] = {f.name: f for f in REGISTRY}
_BY_EXTENSION: dict[str, AudioFormat] = {e: f for f in REGISTRY for e in f.extensions}

# extension -> format name, of the formats the app can decode: the files a scan takes
AUDIO_EXTENSIONS: dict[str, str] = {e: f.name for f in REGISTRY if f.decoder is not None for e in f.extensions}

# every mutagen class the registry opens files with (mutagen.File picks among them)
MUTAGEN_TYPES: tuple[type, ...] = tuple(t for f in REGISTRY for t in f.mutagen_types)

# the containers the fingerprint tells apart, most specific first; STREAM is the rest
CONTAINERS: tuple[Container, ...] = tuple(
    {id(f.container): f.container for f in REGISTRY if f.container is not STREAM}.values()
)

# Audio formats the app does not read, so that a scan can say it skipped them (other
# files, such as pictures, playlists, cue sheets and logs, are passed over silently).
UNSUPPORTED_AUDIO: dict[str, str] = {
    **{e: f.no_decoder for f in REGISTRY if f.decoder is None for e in f.extensions},
    **dict.fromkeys((".mid", ".midi", ".kar", ".rmi"), "MIDI is notes, not sound"),
    **dict.fromkeys((".mod", ".xm", ".it", ".s3m"), "tracker modules are not supported"),
    **dict.fromkeys((".ra", ".rm", ".ram"), "RealAudio is not supported"),
    **dict.fromkeys((".mka", ".webm", ".weba", ".mkv"), "Matroska/WebM is not supported"),
    **dict.fromkeys(
        (
            ".caf",
            ".w64",
            ".rf64",
            ".voc",
            ".8svx",
            ".shn",
            ".amr",
            ".awb",
            ".ac3",
            ".eac3",
            ".dts",
            ".mp2",
            ".mpga",
            ".gsm",
            ".3ga",
        ),
        "format not supported",
    ),
    **dict.fromkeys((".m4p", ".aa", ".aax"), "DRM-protected audio is not supported"),
}


def _ext(name: str | os.PathLike) -> str:
    """ ".flac" for "a/b.FLAC", and for ".flac" itself (as is_audio_path reads names)."""
    base = os.path.basename(os.fspath(name))
    dot = base.rfind(".")
    return base[dot:].lower() if dot >= 0 else ""


def is_audio_path(name: str) -> bool:
    """True for a name with the extension of a format the app reads (the scan list)."""
    dot = name.rfind(".")
    return dot >= 0 and name[dot:].lower() in AUDIO_EXTENSIONS


def format_for_extension(name: str | os.PathLike) -> AudioFormat | None:
    """The registered format that ``name``'s extension stands for (scanned or not)."""
    return _BY_EXTENSION.get(_ext(name))


def format_of_mutagen(obj) -> AudioFormat:
    """The format of a file mutagen opened as ``obj``."""
    return next(f for f in REGISTRY if isinstance(obj, f.mutagen_types))


def same_content(by_extension: AudioFormat, found: AudioFormat) -> bool:
    """Whether a file named like ``by_extension`` may hold ``found``: the same format, or
    any codec in Ogg (.ogg holding Opus is common; Ogg extensions don't name the codec)."""
    return found is by_extension or found.container is by_extension.container is OGG_CONTAINER


def sniff_container(head: bytes) -> Container:
    """The container whose signature starts ``head`` (after any ID3v2 tag), else STREAM."""
    return next((c for c in CONTAINERS if c.sniff(head)), STREAM)


def unsupported_reason(name: str | os.PathLike) -> str | None:
    """Why a file with this name is an audio file the app skips; None if it isn't one."""
    return UNSUPPORTED_AUDIO.get(_ext(name))
