"""The feature spec `trainer fit` trains on: its default, and the forms of `--spec`."""

from __future__ import annotations

import json
from pathlib import Path

from tagger.features import MUSICNN_SPEC, FeatureSpec

DEFAULT_SPEC = {
    "sample_rate": 22050,
    "resampler": "soxr_hq",
    "n_fft": 1024,
    "hop_length": 512,
    "win_length": 1024,
    "window": "hann",
    "center": True,
    "pad_mode": "constant",
    "power": 2.0,
    "n_mels": 128,
    "fmin": 0.0,
    "fmax": 11025.0,
    "mel_norm": "slaney",
    "mel_htk": False,
    "log": "db",
    "patch_frames": 129,  # 2.99 s
}


def parse_spec(value: str | None):
    if not value:
        return FeatureSpec.from_dict(dict(DEFAULT_SPEC))
    value = value.strip()
    if value == "musicnn":
        return MUSICNN_SPEC
    if value.startswith("{"):
        d = json.loads(value)
    elif Path(value).expanduser().is_file():
        d = json.loads(Path(value).expanduser().read_text())
        d = d.get("feature_spec", d)
    elif "=" in value:
        d = dict(DEFAULT_SPEC)
        for part in value.split(","):
            key, _, raw = part.partition("=")
            key, raw = key.strip(), raw.strip()
            if key not in d:
                raise ValueError(f"--spec: unknown field {key!r} (fields: {', '.join(d)})")
            try:
                d[key] = json.loads(raw)
            except json.JSONDecodeError:
                d[key] = raw
            if isinstance(DEFAULT_SPEC[key], float) and isinstance(d[key], int) and not isinstance(d[key], bool):
                d[key] = float(d[key])
        if "sample_rate" in value and "fmax" not in value:
            d["fmax"] = d["sample_rate"] / 2.0
        if "n_fft" in value and "win_length" not in value:
            d["win_length"] = d["n_fft"]
    else:
        raise ValueError(f"--spec {value!r}: give a JSON file, a JSON object, 'musicnn' or key=value pairs")
    return FeatureSpec.from_dict(d)
