"""What a player reads: the audio packets FFmpeg's demuxer hands to the decoder.

The safe writer's payload digest (``tagger.fingerprint``) proves that no audio byte
changed, but not that a player still finds them: an MP4 locates its audio through byte
offsets in the ``moov`` box (the ``stco``/``co64`` chunk offsets), and a tag writer that
moves the ``mdat`` without updating them leaves every byte intact and every packet read
from the wrong place (mutagen was seen doing that with an unusual atom layout). Comparing
the demuxed packets before and after catches it; nothing is decoded.

``packet_digests(path)`` is one 16-byte digest per packet of the first audio stream, in
demux order; ``difference(before, after)`` says, for people, how two such lists differ.
"""

from __future__ import annotations

import hashlib
import os


class PacketError(Exception):
    """FFmpeg cannot demux the file (no such container, no audio stream, broken data)."""


def packet_digests(path: os.PathLike | str) -> list[bytes]:
    """One blake2b-128 digest per non-empty packet of the first audio stream, in order."""
    import av  # (not at the top: start-up time of the commands that never write)

    # opened here, not by FFmpeg: any path Python opens works (undecodable bytes too)
    with open(path, "rb") as f:
        try:
            with av.open(f, "r", metadata_errors="ignore") as container:
                if not container.streams.audio:
                    raise PacketError("no audio stream")
                stream = container.streams.audio[0]
                return [hashlib.blake2b(p, digest_size=16).digest() for p in container.demux(stream) if p.size]
        except av.FFmpegError as e:
            raise PacketError(e.strerror or type(e).__name__) from e  # (str(e) names the file)


def difference(before: list[bytes], after: list[bytes]) -> str | None:
    """None when the packets are the same; else what differs, in a few words."""
    if before == after:
        return None
    if len(before) != len(after):
        return f"{len(after)} audio packets instead of {len(before)}"
    first = next(i for i, (a, b) in enumerate(zip(before, after)) if a != b)
    changed = sum(a != b for a, b in zip(before, after))
    return f"{changed} of {len(before)} audio packets differ (the first is packet {first + 1})"
