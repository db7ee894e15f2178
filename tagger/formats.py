"""The audio formats the tagger reads, by file extension."""

# extension -> short format name used in the DB and in messages
AUDIO_EXTENSIONS: dict[str, str] = {
    ".mp3": "mp3",
    ".flac": "flac",
    ".ogg": "ogg",
    ".oga": "ogg",
    ".opus": "opus",
    ".m4a": "m4a",
    ".m4b": "m4a",
    ".mp4": "m4a",
    ".aac": "aac",
    ".alac": "m4a",
    ".wav": "wav",
    ".aif": "aiff",
    ".aiff": "aiff",
    ".aifc": "aiff",
    ".wma": "wma",
    ".asf": "wma",
    ".ape": "ape",
    ".wv": "wavpack",
}


def is_audio_path(name: str) -> bool:
    dot = name.rfind(".")
    return dot >= 0 and name[dot:].lower() in AUDIO_EXTENSIONS
