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


def quiet_session(path, threads: int | None = None):
    """A CPU session for checking a model file (the trainer's exports and fused models):
    only onnxruntime's errors reach the terminal, not its warnings (coloured, and about
    the graph, not the user's data)."""
    ort = ort_module()
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    if threads:
        opts.intra_op_num_threads = threads
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
