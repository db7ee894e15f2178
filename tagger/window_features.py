"""Model inputs that summarise a whole window of audio: the feature specs whose kind is
not ``logmel`` (one vector per analysis window instead of a patch of log-mel frames)."""

from __future__ import annotations

import numpy as np

from tagger.features import FeatureSpec


def window_features(y: np.ndarray, spec: FeatureSpec) -> np.ndarray:
    """float32 [*input_shape(spec)] of one window of mono audio at ``spec.sample_rate``."""
    if spec.kind == "gtzan-57":
        from tagger.gtzan57 import gtzan57

        return gtzan57(y, spec).astype(np.float32)
    raise ValueError(f"a {spec.kind} spec has patches of frames, not window features")
