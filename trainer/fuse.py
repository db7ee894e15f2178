"""`trainer fuse`: several tag models that read the same input, made into one model file.

The graphs are joined on their shared input (`log_mel`), so the app decodes and computes
the features once and one onnxruntime call runs every tagger. The fused model's output
is the taggers' score vectors side by side; each label is written "<source>:<tag>" and
the metadata names each label's tagger (`label_sources`), which is how the app combines
the taggers' scores for one genre (tagger.vocabulary.GenreMap). The embedding output is
one tagger's (`--embedding-from`), unchanged.

    trainer fuse msd=resources/models/msd-musicnn.onnx mtt=resources/models/mtt-musicnn.onnx \\
        --name msd-mtt-musicnn --out resources/models/msd-mtt-musicnn.onnx

Each part keeps its calibration (the per-label `logit_affine` entries are put side by
side); `python -m trainer.musicnn_calibrate --write` replaces it for the musicnn models.
Only onnx and onnxruntime are needed (no TensorFlow).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from tagger.modelfile import SCORED_PATCHES_INPUT, ModelInfo, read_metadata, write_metadata
from tagger.ort import quiet_session

OUTPUT = "taggram"
ALL_ROWS = 2**62  # the default of SCORED_PATCHES_INPUT: every row


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "parts", nargs="+", metavar="SOURCE=MODEL", help="a short name for each tagger and its model file (.onnx)"
    )
    parser.add_argument("--out", type=Path, required=True, help="the fused model file (.onnx)")
    parser.add_argument("--name", required=True, help="the fused model's name")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--description", default=None, help="one line (default: made from the parts')")
    parser.add_argument("--credit", default=None, help="attribution (default: the parts' joined)")
    parser.add_argument(
        "--embedding-from", metavar="SOURCE", default=None, help="whose embedding output to keep (default: the first's)"
    )


def parse_parts(parts: list[str]) -> list[tuple[str, Path]]:
    out = []
    for part in parts:
        source, sep, path = part.partition("=")
        if not sep or not source or not path or ":" in source:
            raise ValueError(f"{part!r}: give each part as SOURCE=MODEL.onnx (SOURCE: a short name without ':')")
        out.append((source, Path(path)))
    if len({s for s, _ in out}) != len(out):
        raise ValueError("each part needs its own SOURCE name")
    return out


def fused_info(
    parts: list[tuple[str, ModelInfo]], name: str, version: str, description: str | None, embedding, credit=None
):
    """The metadata of the fused model: labels "<source>:<tag>", kinds and calibrations side by side."""
    first = parts[0][1]
    for source, info in parts[1:]:
        for field in ("feature_spec", "activation", "pooling", "input_name"):
            if getattr(info, field) != getattr(first, field):
                raise ValueError(
                    f"{source}: its {field} differs from {parts[0][0]}'s: the models cannot share one input"
                )
    calibration = None
    if all(info.calibration for _, info in parts):
        calibration = {
            "method": "logit_affine",
            "scale": [v for _, info in parts for v in info.calibration["scale"]],
            "shift": [v for _, info in parts for v in info.calibration["shift"]],
        }
    labels = tuple(f"{s}:{label}" for s, info in parts for label in info.tags)
    return ModelInfo(
        name=name,
        version=version,
        labels=labels,
        label_kinds=tuple(k for _, info in parts for k in info.label_kinds),
        label_sources=tuple(s for s, info in parts for _ in info.labels),
        feature_spec=first.feature_spec,
        input_name=first.input_name,
        output_name=OUTPUT,
        activation=first.activation,
        pooling=first.pooling,
        license="; ".join(dict.fromkeys(info.license for _, info in parts)),
        credit=credit or " ".join(dict.fromkeys(info.credit for _, info in parts if info.credit)),
        description=description or "fused: " + "; ".join(f"{s} = {info.description}" for s, info in parts),
        calibration=calibration,
        embedding_output=embedding[1] if embedding else None,
    )


def _gate_nodes(shared: str) -> list:
    from onnx import helper

    return [helper.make_node("Shape", [shared], ["fuse/batch"], start=0, end=1)]


def fuse_graphs(parts: list[tuple[str, object, ModelInfo]], info: ModelInfo, embedding):
    """One ONNX model: every part's graph (names prefixed "<source>/"), reading the one
    shared input; output `taggram` = the parts' score outputs concatenated, and the
    chosen part's embedding under its own name."""
    import onnx  # here: a second to import, and `trainer --help` loads this module
    from onnx import compose, helper

    opsets = {(o.domain, o.version) for _, m, _ in parts for o in m.opset_import}
    nodes, inits, value_info = [], [], []
    scores = []
    shared = parts[0][1].graph.input[0].name
    gate = _gate_nodes(shared)
    nodes += gate
    inits += [
        helper.make_tensor(SCORED_PATCHES_INPUT, onnx.TensorProto.INT64, [1], [ALL_ROWS]),
        helper.make_tensor("fuse/zero", onnx.TensorProto.INT64, [1], [0]),
        helper.make_tensor("fuse/start", onnx.TensorProto.INT64, [1], [0]),
    ]
    for source, model, part in parts:
        prefixed = compose.add_prefix(model, f"{source}/", rename_inputs=False)
        g = prefixed.graph
        gated = bool(embedding) and source != embedding[0]
        if gated:  # this tagger reads only the first `scored_patches` rows
            for node in g.node:
                node.input[:] = [f"{source}/{shared}" if i == shared else i for i in node.input]
            nodes.append(
                helper.make_node(
                    "Slice", [shared, "fuse/start", SCORED_PATCHES_INPUT, "fuse/start"], [f"{source}/{shared}"]
                )
            )
        nodes += list(g.node)
        inits += list(g.initializer)
        value_info += list(g.value_info)
        out = f"{source}/{part.output_name}"
        if gated:  # its scores padded with zeros to the batch's rows
            nodes += [
                helper.make_node("Shape", [out], [f"{out}/rows"], start=0, end=1),
                helper.make_node("Sub", ["fuse/batch", f"{out}/rows"], [f"{out}/missing"]),
                helper.make_node(
                    "Concat", ["fuse/zero", "fuse/zero", f"{out}/missing", "fuse/zero"], [f"{out}/pads"], axis=0
                ),
                helper.make_node("Pad", [out, f"{out}/pads"], [f"{out}/padded"]),
            ]
            out = f"{out}/padded"
        scores.append(out)
    nodes.append(helper.make_node("Concat", scores, [OUTPUT], axis=1, name="fuse/concat"))
    outputs = [helper.make_tensor_value_info(OUTPUT, onnx.TensorProto.FLOAT, ["batch", len(info.labels)])]
    if embedding:
        source, name, dim = embedding
        nodes.append(helper.make_node("Identity", [f"{source}/{name}"], [name], name="fuse/embedding"))
        outputs.append(helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, ["batch", dim]))
    graph = helper.make_graph(
        nodes,
        info.name,
        [
            parts[0][1].graph.input[0],
            helper.make_tensor_value_info(SCORED_PATCHES_INPUT, onnx.TensorProto.INT64, [1]),
        ],
        outputs,
        initializer=inits,
        value_info=value_info,
    )
    domains = {d for d, _ in opsets}
    if len(domains) != len(opsets):
        raise ValueError(f"the parts use different opset versions ({sorted(opsets)})")
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in sorted(opsets)])
    model.ir_version = min(m.ir_version for _, m, _ in parts)
    model.producer_name = "genre-tagger trainer fuse"
    write_metadata(model, info)
    onnx.checker.check_model(model)
    return model


def fuse(
    parts: list[tuple[str, Path]],
    out: Path,
    name: str,
    version: str = "1.0.0",
    description=None,
    embedding_from=None,
    credit=None,
):
    """Write the fused model to `out`; returns its metadata. Checks on random input that
    each part's scores come out of the fused model unchanged."""
    import onnx  # here: a second to import, and `trainer --help` loads this module

    loaded = [(s, onnx.load(str(p)), read_metadata(p)) for s, p in parts]
    for s, model, _ in loaded:
        if len(model.graph.input) != 1:
            raise ValueError(f"{s}: a model with one input is needed (this one has {len(model.graph.input)})")
    embed_source = embedding_from or next((s for s, _, i in loaded if i.embedding_output), None)
    embedding = None
    if embed_source:
        source, model, part = next(x for x in loaded if x[0] == embed_source)
        if not part.embedding_output:
            raise ValueError(f"{embed_source}: the model has no embedding output")
        out_vi = next(o for o in model.graph.output if o.name == part.embedding_output)
        dim = out_vi.type.tensor_type.shape.dim[-1].dim_value
        embedding = (source, part.embedding_output, dim)
    info = fused_info([(s, i) for s, _, i in loaded], name, version, description, embedding, credit)
    model = fuse_graphs(loaded, info, embedding)
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out))
    check_fused(out, [(s, p) for s, p in parts])
    return read_metadata(out)


def check_fused(fused: Path, parts: list[tuple[str, Path]], n: int = 3) -> float:
    """Max |difference| between each part's own scores and its slice of the fused output."""
    x = np.random.default_rng(0).uniform(0, 4, size=(n, 187, 96)).astype(np.float32)
    info = read_metadata(fused)
    got = quiet_session(fused).run([info.output_name], {info.input_name: x})[0]
    worst, col = 0.0, 0
    for _, path in parts:
        part = read_metadata(path)
        own = quiet_session(path).run([part.output_name], {part.input_name: x})[0]
        worst = max(worst, float(np.abs(got[:, col : col + own.shape[1]] - own).max()))
        col += own.shape[1]
    if col != got.shape[1] or worst > 1e-5:
        raise RuntimeError(f"{fused}: the fused scores differ from the parts' (max {worst:.2g})")
    return worst


def run(args: argparse.Namespace) -> int:
    info = fuse(
        parse_parts(args.parts), args.out, args.name, args.version, args.description, args.embedding_from, args.credit
    )
    kb = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({kb:.2f} MB): {len(info.labels)} labels from {', '.join(dict.fromkeys(info.sources))}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m trainer.fuse", description=__doc__.splitlines()[0])
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
