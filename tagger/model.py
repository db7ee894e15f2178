"""Running a model: onnxruntime session, execution provider choice, pooling, calibration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tagger import config
from tagger.features import FeatureSpec
from tagger.messages import (
    DEVICE_AND_PRECISION,
    DEVICE_NOT_AVAILABLE,
    FLOAT_ASKED,
    FLOAT_MODEL,
    FLOAT_NO_INT8_COPY,
    FLOAT_NO_INT8_CPU,
    FLOAT_ON_GPU,
    INT8_ASKED,
    INT8_MODEL,
    INT8_THIS_CPU,
    RUNNING_ON,
    RUNNING_ON_CPU,
    Message,
)
from tagger.modelfile import SCORED_PATCHES_INPUT, ModelFileError, ModelInfo, info_from_session, read_metadata
from tagger.ort import ort_module
from tagger.paths import bundled_models_dir, user_models_dir

DEFAULT_MODEL_FILE = "msd-mtt-musicnn.onnx"

# --device value -> onnxruntime providers to ask for, in order
DEVICE_PROVIDERS = {
    "cuda": ["CUDAExecutionProvider"],
    "directml": ["DmlExecutionProvider"],
    "coreml": ["CoreMLExecutionProvider"],
    "cpu": [],
}
DEVICES = ("auto", *DEVICE_PROVIDERS)
assert set(DEVICES) == set(config.DEVICES), "tagger.config.DEVICES names the same devices (settings, --device)"
# which copy of a model runs on the CPU: "auto" picks int8 where the CPU has int8
# dot-product instructions (tagger.cpu), float elsewhere; the setting `precision` and,
# over it, this environment variable force one (for tests, and users who want to)
PRECISIONS = ("auto", "float", "int8")
PRECISION_ENV = "GENRE_TAGGER_PRECISION"
INT8_SUFFIX = ".int8.onnx"  # the int8 copy beside a model file: NAME.int8.onnx


def available_devices() -> list[str]:
    """Devices this onnxruntime build offers (a listed GPU provider may still lack a GPU)."""
    providers = set(ort_module().get_available_providers())
    return ["cpu"] + [d for d, p in DEVICE_PROVIDERS.items() if p and p[0] in providers]


def default_model_path() -> Path:
    return bundled_models_dir() / DEFAULT_MODEL_FILE


def int8_copy(path: str | Path) -> Path:
    """Where the int8 copy of the model file `path` is, if it has one."""
    path = Path(path)
    return path.with_name(path.name.removesuffix(".onnx") + INT8_SUFFIX)


def is_int8_copy(path: str | Path) -> bool:
    return Path(path).name.endswith(INT8_SUFFIX)


@dataclass(frozen=True)
class PrecisionChoice:
    precision: str  # "float" or "int8": what runs
    path: Path  # the file that runs
    note: str  # why, for the user


def choose_precision(
    path: str | Path, requested: str = "auto", gpu: bool = False, int8_cpu: str | None = None
) -> PrecisionChoice:
    """The one rule for which copy of a model runs: the int8 copy (NAME.int8.onnx, made by
    scripts/quantize_model.py) only where it is faster, that is on a CPU with int8
    dot-product instructions (`tagger.cpu.int8_instructions`, or `int8_cpu` in tests),
    never on a GPU; the float model elsewhere. `requested` ("auto", "float", "int8"; the
    environment variable GENRE_TAGGER_PRECISION wins over it) forces one; int8 is only
    possible where the copy exists."""
    import os

    path = Path(path)
    requested = os.environ.get(PRECISION_ENV) or requested or "auto"
    if requested not in PRECISIONS:
        raise ValueError(f"unknown precision {requested!r}; choose one of {', '.join(PRECISIONS)}")
    int8 = int8_copy(path)
    if is_int8_copy(path):
        return PrecisionChoice("int8", path, Message(INT8_MODEL))
    if requested == "float":
        return PrecisionChoice("float", path, Message(FLOAT_ASKED))
    if not int8.is_file():
        return PrecisionChoice("float", path, Message(FLOAT_NO_INT8_COPY if requested == "int8" else FLOAT_MODEL))
    if requested == "int8":
        return PrecisionChoice("int8", int8, Message(INT8_ASKED))
    if gpu:
        return PrecisionChoice("float", path, Message(FLOAT_ON_GPU))
    if int8_cpu is None:
        from tagger.cpu import int8_instructions

        int8_cpu = int8_instructions()
    if int8_cpu:
        return PrecisionChoice("int8", int8, Message(INT8_THIS_CPU, instructions=int8_cpu))
    return PrecisionChoice("float", path, Message(FLOAT_NO_INT8_CPU))


def list_models() -> list[ModelInfo | tuple[Path, str]]:
    """Bundled and user models; unreadable files come back as (path, reason)."""
    found: list[ModelInfo | tuple[Path, str]] = []
    for folder in (bundled_models_dir(), user_models_dir()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.onnx")):
            if is_int8_copy(path):  # a faster copy of a listed model, not a model of its own
                continue
            try:
                found.append(read_metadata(path))
            except ModelFileError as exc:
                found.append((path, str(exc)))
    return found


def _names(entry) -> tuple[Path, set[str]]:
    """The model file of a `list_models` entry and the names it can be chosen by."""
    if isinstance(entry, tuple):  # unusable: chosen by file name, so its reason is shown
        path = Path(entry[0])
        return path, {path.stem, path.name}
    path = Path(entry.path)
    return path, {entry.name, entry.key, path.stem, path.name}


def find_model(spec: str | Path) -> Path:
    """The model file meant by `spec`: a path, or a name as `tagger models` lists it
    (name, name@version or file name) of a bundled or user model."""
    path = Path(spec).expanduser()
    if path.is_file():
        return path
    models = list_models()
    matches = sorted({p for p, names in map(_names, models) if str(spec) in names})
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ModelFileError(
            f"{spec}: several models have that name ({', '.join(map(str, matches))}); "
            "give name@version or the file's path"
        )
    known = [m.key for m in models if not isinstance(m, tuple)]
    raise ModelFileError(
        f"{spec}: no such model file, and no model of that name "
        f"(available: {', '.join(known) or 'none'}; see `tagger models`)"
    )


@dataclass
class DeviceChoice:
    providers: list[str]
    device: str  # what was actually used
    note: str  # one line for the user


def fell_back(note: str) -> bool:
    """Whether a device note (DeviceChoice.note, a Message of Messages) says the device
    asked for was not used: the app tells this as a warning. Read from the note's
    templates, never its words, which are translated where they are shown."""
    if not isinstance(note, Message):
        return False
    return note.template == DEVICE_NOT_AVAILABLE or any(fell_back(v) for v in note.params.values())


class Model:
    """A loaded model: scores patches, pools them into track scores."""

    def __init__(
        self,
        path: str | Path | None = None,
        device: str = "auto",
        threads: int | None = None,
        precision: str = "auto",
    ):
        path = Path(path) if path else default_model_path()
        if not path.is_file() or path.suffix.lower() != ".onnx":
            read_metadata(path)  # raises the reason
        ort = ort_module()
        if device not in DEVICES:
            raise ValueError(f"unknown device {device!r}; choose one of {', '.join(DEVICES)}")
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        options.log_severity_level = 3
        wanted = self._wanted_providers(ort, device)
        # the int8 copy holds the same model (same metadata, same cache key): which one
        # runs is like the device, a matter of speed (tagger.model.choose_precision)
        self.precision = choose_precision(path, precision, gpu=wanted[0] != "CPUExecutionProvider")
        try:
            self.session = ort.InferenceSession(str(self.precision.path), sess_options=options, providers=wanted)
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types
            raise ModelFileError(f"{self.precision.path}: onnxruntime cannot load the model ({exc})") from None
        self.info: ModelInfo = info_from_session(self.session, path)  # no second load of the file
        self.choice = self._describe(device, self.session.get_providers())
        self.choice.note = Message(DEVICE_AND_PRECISION, device=self.choice.note, precision=self.precision.note)
        outputs = [self.info.output_name]
        if self.info.embedding_output:
            outputs.append(self.info.embedding_output)
        self._outputs = outputs
        # a fused model that can run its embedding's tagger alone (tagger.modelfile)
        self.gated = SCORED_PATCHES_INPUT in {i.name for i in self.session.get_overridable_initializers()}

    @staticmethod
    def _wanted_providers(ort, device: str) -> list[str]:
        available = ort.get_available_providers()
        if device == "auto":
            gpu = [p for d in ("cuda", "directml", "coreml") for p in DEVICE_PROVIDERS[d] if p in available]
        else:
            gpu = [p for p in DEVICE_PROVIDERS[device] if p in available]
        return gpu + ["CPUExecutionProvider"]

    @staticmethod
    def _describe(device: str, used: list[str]) -> DeviceChoice:
        names = {p[0]: d for d, p in DEVICE_PROVIDERS.items() if p}
        first = used[0] if used else "CPUExecutionProvider"
        actual = names.get(first, "cpu")
        if device in ("auto", "cpu") or device == actual:
            if actual == "cpu":
                note = Message(RUNNING_ON_CPU, provider=first)
            else:
                note = Message(RUNNING_ON, device=actual.upper(), provider=first)
        else:
            note = Message(DEVICE_NOT_AVAILABLE, device=device, providers=", ".join(used))
        return DeviceChoice(list(used), actual, note)

    @property
    def spec(self):
        return FeatureSpec.from_dict(self.info.feature_spec)

    def score_patches(
        self, patches: np.ndarray, batch: int = 8, tabular: np.ndarray | None = None, scored: int | None = None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """patches [n, *input shape] -> (scores [n, labels], embeddings [n, d] or None).
        A model with a tabular input also takes the track's values of its columns
        (`tabular`, [columns], see `track_tabular`), the same for every patch.
        `scored`: only the first `scored` patches are scored (scores [scored, labels]); the
        others are only embedded, which a gated fused model does at the cost of its
        embedding's tagger alone (tagger.modelfile.SCORED_PATCHES_INPUT).

        Small batches: memory grows by tens of MB per patch in flight and bigger
        batches are not faster on the CPU."""
        if self.info.tabular_input and tabular is None:
            raise ValueError(f"{self.info.key} needs the track's {', '.join(self.info.tabular_columns)}")
        n = len(patches) if scored is None else scored
        scores, embeds = [], []
        for i in range(0, len(patches), batch):
            chunk = np.ascontiguousarray(patches[i : i + batch], dtype=np.float32)
            feed = {self.info.input_name: chunk}
            if self.info.tabular_input:
                row = np.asarray(tabular, np.float32).reshape(1, -1)
                feed[self.info.tabular_input] = np.repeat(row, len(chunk), axis=0)
            if self.gated and n < i + len(chunk):
                feed[SCORED_PATCHES_INPUT] = np.array([max(0, n - i)], np.int64)
            out = self.session.run(self._outputs, feed)
            scores.append(out[0][: max(0, n - i)])
            if len(out) > 1:
                embeds.append(out[1])
        s = np.concatenate(scores).astype(np.float32)
        e = np.concatenate(embeds).astype(np.float32) if embeds else None
        return s, e

    def embed_patches(self, patches: np.ndarray, batch: int = 8, tabular: np.ndarray | None = None) -> np.ndarray:
        """patches -> embeddings [n, d] only (see `score_patches`' `scored`)."""
        if not self.info.embedding_output:
            raise ValueError(f"{self.info.key} has no embedding output")
        embeds = self.score_patches(patches, batch, tabular, scored=0)[1]
        assert embeds is not None
        return embeds

    def track_tabular(self, path) -> np.ndarray | None:
        """The track data this model's tabular input takes for the file `path` (None: it takes none)."""
        if not self.info.tabular_input:
            return None
        from tagger.tabular import track_values

        return track_values(path, self.info.tabular_columns)

    def track_scores(self, patch_scores: np.ndarray) -> np.ndarray:
        """Pool patch scores into one score per label, then calibrate (see the model card)."""
        return pool_and_calibrate(self.info, patch_scores)


def pool_and_calibrate(info: ModelInfo, patch_scores: np.ndarray) -> np.ndarray:
    patch_scores = np.asarray(patch_scores, np.float64)
    pooled = patch_scores.max(axis=0) if info.pooling == "max" else patch_scores.mean(axis=0)
    if info.calibration:
        pooled = calibrate(info.calibration, pooled)
    return pooled.astype(np.float32)


def calibrate(calibration: dict, pooled: np.ndarray) -> np.ndarray:
    """A model's `logit_affine` calibration of pooled scores (float64):
    sigmoid(scale * logit(p) + shift), per label."""
    scale = np.asarray(calibration["scale"], np.float64)
    shift = np.asarray(calibration["shift"], np.float64)
    p = np.clip(np.asarray(pooled, np.float64), 1e-6, 1 - 1e-6)
    return 1.0 / (1.0 + np.exp(-(scale * np.log(p / (1 - p)) + shift)))
