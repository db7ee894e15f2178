"""The model file format: an ONNX graph plus the metadata the app needs to use it.

Everything the app must know to feed a model and read its answers travels inside the
`.onnx` file (ONNX `metadata_props`), so a model is one file that can be copied around.
This module reads and validates that metadata (with the `onnx` package when present, else
through onnxruntime: the frozen app ships without `onnx`), and writes it for the trainer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tagger.features import FeatureSpec
from tagger.ort import ort_module
from tagger.tabular import COLUMNS as TABULAR_COLUMNS

FORMAT_VERSION = "1"
# An optional int64 [1] graph input of a fused model (trainer fuse): the embedding's tagger
# reads every row of a batch, the other taggers only the first `scored_patches` rows (their
# scores for the rest are 0). It defaults to every row, so a caller that does not feed it
# gets every tagger on every row. The app feeds it to pool the embedding over more patches
# than every tagger scores, at the cost of the embedding's tagger alone
# (tagger.analyze.embedding_patches).
SCORED_PATCHES_INPUT = "scored_patches"
LABEL_KINDS = ("genre", "mood", "era", "instrument", "voice", "other")
ACTIVATIONS = ("sigmoid", "softmax")
POOLINGS = ("mean", "max")
REQUIRED_KEYS = (
    "genre_tagger_format",
    "name",
    "version",
    "labels",
    "label_kinds",
    "feature_spec",
    "input_name",
    "output_name",
    "activation",
    "pooling",
    "license",
)


_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f-\x9f<>]")


class ModelFileError(ValueError):
    """A model file that cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str
    labels: tuple[str, ...]
    label_kinds: tuple[str, ...]
    feature_spec: dict
    input_name: str
    output_name: str
    activation: str = "sigmoid"
    pooling: str = "mean"
    license: str = ""
    credit: str = ""
    description: str = ""
    calibration: dict | None = None
    embedding_output: str | None = None
    evaluation: dict = field(default_factory=dict)
    # the tagger each label comes from, in a model fused from several (labels are then
    # "<source>:<tag>"); None: one tagger, labels taken as they are
    label_sources: tuple[str, ...] | None = None
    # a second graph input [batch, len(columns)] of track data the app computes (tagger.tabular)
    tabular_input: str | None = None
    tabular_columns: tuple[str, ...] = ()
    path: str | None = None  # where it was read from (not stored in the file)

    @property
    def key(self) -> str:
        """`name@version`: identifies the model in the cache and in `--json` output."""
        return f"{self.name}@{self.version}"

    def labels_of_kind(self, kind: str) -> list[int]:
        return [i for i, k in enumerate(self.label_kinds) if k == kind]

    @property
    def sources(self) -> tuple[str, ...]:
        """Each label's tagger ("" for every label of a single-tagger model)."""
        return self.label_sources or ("",) * len(self.labels)

    @property
    def tags(self) -> tuple[str, ...]:
        """The labels without their "<source>:" prefix: what each label names."""
        return tuple(label[len(src) + 1 :] if src else label for label, src in zip(self.labels, self.sources))

    @property
    def genre_tags(self) -> list[str]:
        """The genre labels' tags, each once (a fused model's taggers share some)."""
        return list(dict.fromkeys(t for t, k in zip(self.tags, self.label_kinds) if k == "genre"))

    def to_props(self) -> dict[str, str]:
        props = {
            "genre_tagger_format": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "labels": json.dumps(list(self.labels)),
            "label_kinds": json.dumps(list(self.label_kinds)),
            "feature_spec": json.dumps(self.feature_spec, sort_keys=True),
            "input_name": self.input_name,
            "output_name": self.output_name,
            "activation": self.activation,
            "pooling": self.pooling,
            "license": self.license,
            "credit": self.credit,
            "description": self.description,
            "evaluation": json.dumps(self.evaluation, sort_keys=True),
        }
        if self.calibration is not None:
            props["calibration"] = json.dumps(self.calibration)
        if self.embedding_output:
            props["embedding_output"] = self.embedding_output
        if self.label_sources:
            props["label_sources"] = json.dumps(list(self.label_sources))
        if self.tabular_input:
            props["tabular"] = json.dumps({"input": self.tabular_input, "columns": list(self.tabular_columns)})
        return props


def _json(props: dict, key: str, where: str, kind: type):
    try:
        value = json.loads(props[key])
    except (json.JSONDecodeError, TypeError) as exc:
        raise ModelFileError(f"{where}: metadata '{key}' is not valid JSON ({exc})") from None
    if not isinstance(value, kind):
        raise ModelFileError(f"{where}: metadata '{key}' should be a JSON {kind.__name__}")
    return value


def info_from_props(props: dict[str, str], where: str = "model") -> ModelInfo:
    """Validate metadata props and build a ModelInfo; raises ModelFileError."""
    missing = [k for k in REQUIRED_KEYS if k not in props]
    if missing:
        raise ModelFileError(
            f"{where}: not a Genre Tagger model: metadata lacks {', '.join(missing)} "
            "(Genre Tagger's models are made by its trainer: `python -m trainer` in a source install)"
        )
    if props["genre_tagger_format"] != FORMAT_VERSION:
        raise ModelFileError(
            f"{where}: model format {props['genre_tagger_format']!r} is not supported "
            f"(this app reads format {FORMAT_VERSION})"
        )
    labels = _json(props, "labels", where, list)
    kinds = _json(props, "label_kinds", where, list)
    if not labels or not all(isinstance(x, str) and x for x in labels):
        raise ModelFileError(f"{where}: 'labels' must be a non-empty list of names")
    if len(set(labels)) != len(labels):
        raise ModelFileError(f"{where}: 'labels' has duplicates")
    odd = next((x for x in labels if _NOT_PLAIN.search(x)), None)
    if odd is not None:  # labels are shown in terminals and widgets: plain text only
        raise ModelFileError(f"{where}: label {odd!r} is not plain text (control characters or markup)")
    if len(kinds) != len(labels):
        raise ModelFileError(f"{where}: {len(labels)} labels but {len(kinds)} label kinds")
    bad = sorted({k for k in kinds if k not in LABEL_KINDS})
    if bad:
        raise ModelFileError(f"{where}: unknown label kind(s) {bad}; allowed: {', '.join(LABEL_KINDS)}")
    if props["activation"] not in ACTIVATIONS:
        raise ModelFileError(f"{where}: activation must be one of {ACTIVATIONS}")
    if props["pooling"] not in POOLINGS:
        raise ModelFileError(f"{where}: pooling must be one of {POOLINGS}")
    spec = _json(props, "feature_spec", where, dict)
    try:
        FeatureSpec.from_dict(spec)
    except (ValueError, TypeError) as exc:
        raise ModelFileError(f"{where}: bad feature spec: {exc}") from None
    calibration = None
    if props.get("calibration"):
        calibration = _json(props, "calibration", where, dict)
        if calibration.get("method") != "logit_affine":
            raise ModelFileError(f"{where}: unknown calibration method {calibration.get('method')!r}")
        for part in ("scale", "shift"):
            values = calibration.get(part)
            if not isinstance(values, list) or len(values) != len(labels):
                raise ModelFileError(f"{where}: calibration '{part}' must have one number per label")
    evaluation = _json(props, "evaluation", where, dict) if props.get("evaluation") else {}
    sources = _label_sources(props, labels, where) if props.get("label_sources") else None
    tabular_input, tabular_columns = _tabular(props, where)
    return ModelInfo(
        name=props["name"],
        version=props["version"],
        labels=tuple(labels),
        label_kinds=tuple(kinds),
        feature_spec=spec,
        input_name=props["input_name"],
        output_name=props["output_name"],
        activation=props["activation"],
        pooling=props["pooling"],
        license=props["license"],
        credit=props.get("credit", ""),
        description=props.get("description", ""),
        calibration=calibration,
        embedding_output=props.get("embedding_output") or None,
        evaluation=evaluation,
        label_sources=sources,
        tabular_input=tabular_input,
        tabular_columns=tabular_columns,
    )


def _label_sources(props: dict, labels: list[str], where: str) -> tuple[str, ...]:
    """A fused model's `label_sources`: one plain name per label, and each label
    written "<source>:<tag>"."""
    sources = _json(props, "label_sources", where, list)
    if len(sources) != len(labels):
        raise ModelFileError(f"{where}: {len(labels)} labels but {len(sources)} label sources")
    for label, src in zip(labels, sources):
        if not isinstance(src, str) or not src or ":" in src or _NOT_PLAIN.search(src):
            raise ModelFileError(f"{where}: label source {src!r} is not a plain name")
        if not label.startswith(f"{src}:") or len(label) == len(src) + 1:
            raise ModelFileError(f"{where}: label {label!r} of source {src!r} should read '{src}:<tag>'")
    return tuple(sources)


def _tabular(props: dict, where: str) -> tuple[str | None, tuple[str, ...]]:
    """The optional tabular input: its graph input and columns, all computable by the app."""
    if not props.get("tabular"):
        return None, ()
    tab = _json(props, "tabular", where, dict)
    columns = tab.get("columns")
    if not isinstance(tab.get("input"), str) or not tab["input"]:
        raise ModelFileError(f"{where}: metadata 'tabular' lacks the name of its graph input")
    if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
        raise ModelFileError(f"{where}: metadata 'tabular' must list its columns")
    unknown = [c for c in columns if c not in TABULAR_COLUMNS]
    if unknown:
        raise ModelFileError(
            f"{where}: the model uses track data the app cannot compute ({', '.join(unknown)}); "
            f"it computes only {', '.join(TABULAR_COLUMNS)}"
        )
    return tab["input"], tuple(columns)


def read_metadata(path: str | Path) -> ModelInfo:
    """Read and validate a model file's metadata (through an onnxruntime session with no
    graph optimisation: 0.1-0.4 s, where importing the `onnx` package and parsing the
    file took 1-4 s, which every worker paid before its first track)."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise ModelFileError(f"{where}: no such model file")
    if path.name.lower().endswith(".personal.npz"):  # (tagger.personal.SUFFIX) not a model of its own
        raise ModelFileError(
            f"{where}: a personal model adds genres to a model, it is not one: use it with `tagger personal use FILE`"
        )
    if path.suffix.lower() != ".onnx":
        raise ModelFileError(f"{where}: a model must be an .onnx file")
    ort = ort_module()
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.log_severity_level = 3
    try:
        session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own kinds
        raise ModelFileError(f"{where}: not a readable ONNX file ({exc.__class__.__name__}: {exc})") from None
    return info_from_session(session, path)


def info_from_session(session, path: str | Path) -> ModelInfo:
    """The validated metadata of the model an onnxruntime session has loaded from `path`
    (the model runner reads it from its own session: no second load)."""
    where = str(path)
    props = dict(session.get_modelmeta().custom_metadata_map)
    inputs = {i.name for i in session.get_inputs()}
    outputs = {o.name for o in session.get_outputs()}
    info = info_from_props(props, where)
    if info.input_name not in inputs:
        raise ModelFileError(f"{where}: input '{info.input_name}' is not a graph input ({sorted(inputs)})")
    if info.tabular_input and info.tabular_input not in inputs:
        raise ModelFileError(f"{where}: tabular input '{info.tabular_input}' is not a graph input ({sorted(inputs)})")
    for name in (info.output_name, info.embedding_output):
        if name and name not in outputs:
            raise ModelFileError(f"{where}: output '{name}' is not a graph output ({sorted(outputs)})")
    return ModelInfo(**{**info.__dict__, "path": str(path)})


def write_metadata(onnx_model, info: ModelInfo):
    """Replace the metadata props of an `onnx.ModelProto` with `info` (trainer side)."""
    # validate before writing so a trainer cannot produce a file the app rejects
    info_from_props(info.to_props(), where=info.name)
    del onnx_model.metadata_props[:]
    for key, value in info.to_props().items():
        entry = onnx_model.metadata_props.add()
        entry.key = key
        entry.value = value
    return onnx_model
