"""The int8 copy of a model (NAME.int8.onnx beside it; `tagger.model.choose_precision`
decides where it runs), made with onnxruntime's own tools.

Static quantisation: QDQ, per-channel int8 weights, uint8 activations, MinMax
calibration on real music patches; the model's metadata copied, so the copy is the same
model to the app (same name, version and cache key). Only the convolutions are
quantised: in the musicnn taggers they are nearly all of the work (the two timbral
front-end convolutions alone about 95 % of the multiply-adds, counted from the weight
shapes), and quantising the dense layers too only lost accuracy
(resources/models/msd-mtt-musicnn.md, "INT8").
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

OP_TYPES = ("Conv",)


def quantize(src: str | Path, dest: str | Path, calibration: list[np.ndarray], op_types=OP_TYPES) -> Path:
    """Write the int8 copy of the model `src` to `dest`, calibrated on `calibration`
    (model inputs [n, *input_shape], e.g. one array of patches per track)."""
    import onnx
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from tagger.modelfile import read_metadata, write_metadata

    info = read_metadata(src)
    inputs = [
        {info.input_name: np.ascontiguousarray(p[i : i + 1], np.float32)} for p in calibration for i in range(len(p))
    ]

    class Patches(CalibrationDataReader):
        def __init__(self):
            self._it = iter(inputs)

        def get_next(self):
            return next(self._it, None)

    dest = Path(dest)
    pre = dest.with_name(dest.name + ".pre.onnx")
    level = logging.getLogger().level
    logging.getLogger().setLevel(logging.ERROR)  # per-channel notes about folded batch norms
    try:
        quant_pre_process(str(src), str(pre))
        quantize_static(str(pre), str(dest), Patches(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        op_types_to_quantize=list(op_types))  # fmt: skip
    finally:
        logging.getLogger().setLevel(level)
        pre.unlink(missing_ok=True)
    model = onnx.load(str(dest))
    write_metadata(model, info)  # the same model to the app
    onnx.save(model, str(dest))
    return dest
