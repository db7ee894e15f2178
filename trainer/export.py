"""Export a trained network as a Genre Tagger model file, then check the file.

`torch.onnx.export(..., dynamo=False, opset_version=17)` with a dynamic batch (and frame)
axis: the TorchScript exporter maps GRU/LSTM to the ONNX GRU/LSTM ops and accepts any
batch size; the dynamo exporter only handles a fixed frame count. The metadata is
written with `tagger.modelfile.write_metadata` and read back with `read_metadata`; the
file's outputs are compared with PyTorch's through onnxruntime.
"""

from __future__ import annotations

import os

os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before anything imports onnxruntime

import io
import warnings
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

from tagger.features import input_shape
from tagger.modelfile import ModelInfo, read_metadata, write_metadata
from tagger.ort import quiet_session as ort_session  # (no telemetry files, no warnings)

INPUT_NAME = "mel"
OUTPUT_NAME = "probabilities"
PARITY_TOLERANCE = 1e-4


class Softmaxed(nn.Module):
    """The exported graph: patches -> class probabilities."""

    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net

    def forward(self, mel: torch.Tensor, *extra: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(mel, *extra), dim=-1)


def export_model(
    net: nn.Module,
    out_path: str | Path,
    *,
    labels: list[str],
    spec,
    name: str,
    version: str = "1.0.0",
    license: str = "",
    credit: str = "",
    description: str = "",
    evaluation: dict | None = None,
    label_kinds: list[str] | None = None,
    check_inputs: np.ndarray | None = None,
    input_name: str = INPUT_NAME,
    dynamic_frames: bool = True,
    tabular_columns: list[str] | None = None,
    check_tabular: np.ndarray | None = None,
):
    """Write `out_path` (.onnx) and verify it. Returns (ModelInfo read back, max |torch - ort|).

    The input is `[batch, *input_shape(spec)]`; a log-mel input also has a dynamic frame
    axis unless `dynamic_frames` is False (a network with a fixed patch length). A network
    fused with track data (`tabular_columns`) takes them as a second input, `tabular`
    [batch, columns]; columns the app cannot compute are refused before anything is written."""
    from trainer.tabular_fusion import TABULAR_INPUT, export_refusal

    refusal = export_refusal(tabular_columns or [])
    if refusal:
        raise ValueError(refusal)
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".onnx":
        raise ValueError(f"{out_path}: the model file name must end in .onnx")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    wrapper = Softmaxed(net).eval()
    shape = input_shape(spec)
    dummy = torch.randn(2, *shape)
    inputs: tuple[torch.Tensor, ...] = (dummy,)
    names = [input_name]
    if tabular_columns:
        inputs += (torch.randn(2, len(tabular_columns)),)
        names.append(TABULAR_INPUT)
    input_axes = {0: "batch", 1: "frames"} if len(shape) == 2 and dynamic_frames else {0: "batch"}
    buf = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # TorchScript exporter deprecation and GRU batch-first notes
        torch.onnx.export(
            wrapper,
            inputs,
            buf,
            dynamo=False,
            opset_version=17,
            input_names=names,
            output_names=[OUTPUT_NAME],
            dynamic_axes={input_name: input_axes, **{n: {0: "batch"} for n in names[1:]}, OUTPUT_NAME: {0: "batch"}},
        )
    model = onnx.load_from_string(buf.getvalue())
    info = ModelInfo(
        name=name,
        version=version,
        labels=tuple(labels),
        label_kinds=tuple(label_kinds or ["genre"] * len(labels)),
        feature_spec=spec.to_dict(),
        input_name=input_name,
        output_name=OUTPUT_NAME,
        activation="softmax",
        pooling="mean",
        license=license,
        credit=credit,
        description=description,
        evaluation=dict(evaluation or {}),
        tabular_input=TABULAR_INPUT if tabular_columns else None,
        tabular_columns=tuple(tabular_columns or ()),
    )
    write_metadata(model, info)
    onnx.checker.check_model(model)
    tmp = out_path.with_name(f".{out_path.stem}.tmp{out_path.suffix}")  # read back as a model: .onnx
    onnx.save(model, str(tmp))
    try:  # checked before it takes the place of a model already at out_path
        diff = verify(tmp, wrapper, labels, spec, check_inputs, check_tabular, shown=out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, out_path)
    return read_metadata(out_path), diff


def verify(
    path: Path, wrapper: nn.Module, labels: list[str], spec, check_inputs=None, check_tabular=None, shown=None
) -> float:
    """Read the file back (metadata + onnxruntime) and compare with PyTorch; a
    difference raises RuntimeError naming `shown` (default: `path`), not written."""
    info = read_metadata(path)
    name = f"{shown} (not written)" if shown is not None else str(path)
    if list(info.labels) != list(labels):
        raise RuntimeError(f"{name}: labels read back {info.labels} differ from {labels}")
    if info.feature_spec != spec.to_dict():
        raise RuntimeError(f"{name}: feature spec read back differs from the one trained with")
    sess = ort_session(path)
    rng = np.random.default_rng(0)
    n_tab = len(info.tabular_columns)
    batches = [
        (rng.normal(size=(n, *input_shape(spec))).astype(np.float32), rng.normal(size=(n, n_tab)).astype(np.float32))
        for n in (1, 3)
    ]
    if check_inputs is not None and len(check_inputs):
        tab = check_tabular if n_tab else np.zeros((len(check_inputs), 0))
        batches.append((np.ascontiguousarray(check_inputs, dtype=np.float32), np.asarray(tab, np.float32)))
    worst = 0.0
    wrapper.eval()
    for x, tab in batches:
        extra = (torch.from_numpy(tab),) if n_tab else ()
        with torch.no_grad():
            want = wrapper(torch.from_numpy(x), *extra).numpy()
        feed = {info.input_name: x, **({info.tabular_input: tab} if info.tabular_input else {})}
        got = sess.run([info.output_name], feed)[0]
        if got.shape != want.shape:
            raise RuntimeError(f"{name}: onnxruntime output shape {got.shape} != torch {want.shape}")
        worst = max(worst, float(np.abs(got - want).max()))
    if worst > PARITY_TOLERANCE:
        raise RuntimeError(f"{name}: onnxruntime and PyTorch disagree by {worst:.2e} (> {PARITY_TOLERANCE})")
    return worst
