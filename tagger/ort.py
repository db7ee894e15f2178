"""onnxruntime, imported one way for the whole app: with its telemetry switched off.

Its own module because both the model file reader (`tagger.modelfile`, when the `onnx`
package is absent) and the model runner (`tagger.model`) need it, and the runner
depends on the reader.
"""

from __future__ import annotations

import os


def ort_module():
    """Import onnxruntime with its telemetry switched off: a desktop tagger writes
    nothing about its user anywhere but its own DB and config."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    # imported on first use: it is not needed to start the app, only to run a model
    import onnxruntime

    return onnxruntime
