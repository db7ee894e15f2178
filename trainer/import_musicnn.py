"""`trainer import-musicnn`: convert a pretrained musicnn checkpoint to the app's ONNX format.

Source: the PyPI wheel ``musicnn==0.1.0`` (ISC licence, Jordi Pons / Music Technology
Group, UPF), which carries TensorFlow-1 checkpoints trained on the Million Song Dataset's
last.fm tags (``MSD_musicnn``, ``MSD_vgg``) and on MagnaTagATune (``MTT_musicnn``,
``MTT_vgg``). The results, ``resources/models/msd-*.onnx`` and ``mtt-*.onnx``, are
committed (the default model is ``trainer fuse`` of msd-musicnn and mtt-musicnn): this is
a one-off conversion that needs the ``convert`` extra (tensorflow-cpu, tf2onnx) plus the
wheel itself, best in a separate virtual environment so TensorFlow's numpy/protobuf pins
do not touch the app's environment::

    python3 -m venv /tmp/venv-convert
    /tmp/venv-convert/bin/pip install -e '.[convert]' librosa==0.11.* soundfile
    /tmp/venv-convert/bin/pip install --no-deps musicnn==0.1.0 resampy==0.2.2
    /tmp/venv-convert/bin/python -m trainer.import_musicnn --out resources/models/ \\
        --write-parity-fixture tests/data/musicnn_parity.npz
    /tmp/venv-convert/bin/python -m trainer.import_musicnn --variant MTT_musicnn --out resources/models/ \\
        --write-parity-fixture tests/data/musicnn_mtt_parity.npz --parity-input tests/data/musicnn_parity.npz

(``python -m trainer.import_musicnn``: the ``trainer`` command loads every subcommand,
and the conversion venv lacks the trainer's other dependencies.)

(`resampy==0.2.2` and librosa are only needed for ``--write-parity-fixture``: the
fixture's input is the musicnn reference preprocessing, librosa + resampy 0.2.2's
``kaiser_best``.)

Silent traps handled here (see the project notes on the pretrained musicnn models):

* The checkpoint's ``checkpoint`` file points to the author's home directory; the reader
  is opened on ``"<dir>/"`` (the files have no name prefix), never via ``load_checkpoint``.
* TF 2's ``import_meta_graph`` rejects the stored training graph, and musicnn's own
  Python builds the wrong ``MSD_vgg`` network. So the *stored* graph (``.meta``) is used:
  only the inference subgraph is kept, each variable becomes a constant from the
  checkpoint, and the batch-norm/dropout ``is_training`` placeholder
  (``model/Placeholder_2``) becomes the constant False.
* The float16 trap of musicnn's preprocessing (NumPy 2 keeps ``10000 * float16`` in
  float16 and overflows) is avoided in the reference preprocessing below by casting back
  to float32 before the multiply.

For ``MSD_musicnn`` and ``MTT_musicnn`` the import also writes
``trainer/data/{msd,mtt}_training_mean_logits.json``: each tag's mean output logit over
the model's *training* set, read exactly from the checkpoint (see
`training_mean_logits`). The calibration metadata is then added by ``python -m
trainer.musicnn_calibrate --write`` (app environment: onnxruntime + numpy only), which
turns those logits into tag priors.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

from tagger.features import MUSICNN_SPEC, logmel, patches
from tagger.modelfile import ModelInfo, read_metadata, write_metadata
from tagger.ort import ort_module
from tagger.resample import resample

# MSD tags in the order of the models' 50 outputs (musicnn/configuration.py MSD_LABELS).
MSD_LABELS = [
    "rock",
    "pop",
    "alternative",
    "indie",
    "electronic",
    "female vocalists",
    "dance",
    "00s",
    "alternative rock",
    "jazz",
    "beautiful",
    "metal",
    "chillout",
    "male vocalists",
    "classic rock",
    "soul",
    "indie rock",
    "Mellow",
    "electronica",
    "80s",
    "folk",
    "90s",
    "chill",
    "instrumental",
    "punk",
    "oldies",
    "blues",
    "hard rock",
    "ambient",
    "acoustic",
    "experimental",
    "female vocalist",
    "guitar",
    "Hip-Hop",
    "70s",
    "party",
    "country",
    "easy listening",
    "sexy",
    "catchy",
    "funk",
    "electro",
    "heavy metal",
    "Progressive rock",
    "60s",
    "rnb",
    "indie pop",
    "sad",
    "House",
    "happy",
]

# What each tag describes. "Genre" = a style of music a library's genre field would hold.
# Borderline calls: "alternative"/"indie" are genre labels on last.fm (alternative rock,
# indie music); "chillout" is an electronic/downtempo genre, whereas "chill" and "Mellow"
# describe a mood; "easy listening" is a genre (a radio format of the 1950s-70s);
# "experimental" is used as a genre label (experimental music); "oldies" is a radio
# format defined by age, so era; "acoustic" and "instrumental" describe the sound or the
# absence of voice, not a style: other; "party"/"catchy"/"sexy" are moods/uses: mood.
LABEL_KINDS = {
    "rock": "genre",
    "pop": "genre",
    "alternative": "genre",
    "indie": "genre",
    "electronic": "genre",
    "female vocalists": "voice",
    "dance": "genre",
    "00s": "era",
    "alternative rock": "genre",
    "jazz": "genre",
    "beautiful": "mood",
    "metal": "genre",
    "chillout": "genre",
    "male vocalists": "voice",
    "classic rock": "genre",
    "soul": "genre",
    "indie rock": "genre",
    "Mellow": "mood",
    "electronica": "genre",
    "80s": "era",
    "folk": "genre",
    "90s": "era",
    "chill": "mood",
    "instrumental": "other",
    "punk": "genre",
    "oldies": "era",
    "blues": "genre",
    "hard rock": "genre",
    "ambient": "genre",
    "acoustic": "other",
    "experimental": "genre",
    "female vocalist": "voice",
    "guitar": "instrument",
    "Hip-Hop": "genre",
    "70s": "era",
    "party": "mood",
    "country": "genre",
    "easy listening": "genre",
    "sexy": "mood",
    "catchy": "mood",
    "funk": "genre",
    "electro": "genre",
    "heavy metal": "genre",
    "Progressive rock": "genre",
    "60s": "era",
    "rnb": "genre",
    "indie pop": "genre",
    "sad": "mood",
    "House": "genre",
    "happy": "mood",
}

# MagnaTagATune tags in the order of the MTT models' 50 outputs (musicnn/configuration.py
# MTT_LABELS). Game annotations of 29-second Magnatune clips: the tags describe the sound
# as much as the style.
MTT_LABELS = [
    "guitar",
    "classical",
    "slow",
    "techno",
    "strings",
    "drums",
    "electronic",
    "rock",
    "fast",
    "piano",
    "ambient",
    "beat",
    "violin",
    "vocal",
    "synth",
    "female",
    "indian",
    "opera",
    "male",
    "singing",
    "vocals",
    "no vocals",
    "harpsichord",
    "loud",
    "quiet",
    "flute",
    "woman",
    "male vocal",
    "no vocal",
    "pop",
    "soft",
    "sitar",
    "solo",
    "man",
    "classic",
    "choir",
    "voice",
    "new age",
    "dance",
    "male voice",
    "female vocal",
    "beats",
    "harp",
    "cello",
    "no voice",
    "weird",
    "country",
    "metal",
    "female voice",
    "choral",
]

# What each MTT tag describes (same kinds as LABEL_KINDS). Genres: the style names,
# "classic" included (the annotators' other spelling of "classical": the tag lists used
# with MagnaTagATune merge the two), "indian" (Magnatune's Indian classical and sitar
# music) and "new age". Not "techno": the annotators gave it to electronic music with a
# beat in general, and it fires on rock and metal with driving drums (0.37-0.45 on two
# of the eight Debian rock songs); as a written genre it would be wrong too often, and
# the tagger's "electronic" tag carries its evidence for Electronic. "choir"/"choral"
# name who sings: voice. Tempo, loudness and texture ("slow", "loud", "beat", "solo",
# "weird") are not styles: other/mood.
MTT_LABEL_KINDS = {
    "guitar": "instrument",
    "classical": "genre",
    "slow": "other",
    "techno": "other",
    "strings": "instrument",
    "drums": "instrument",
    "electronic": "genre",
    "rock": "genre",
    "fast": "other",
    "piano": "instrument",
    "ambient": "genre",
    "beat": "other",
    "violin": "instrument",
    "vocal": "voice",
    "synth": "instrument",
    "female": "voice",
    "indian": "genre",
    "opera": "genre",
    "male": "voice",
    "singing": "voice",
    "vocals": "voice",
    "no vocals": "voice",
    "harpsichord": "instrument",
    "loud": "other",
    "quiet": "other",
    "flute": "instrument",
    "woman": "voice",
    "male vocal": "voice",
    "no vocal": "voice",
    "pop": "genre",
    "soft": "mood",
    "sitar": "instrument",
    "solo": "other",
    "man": "voice",
    "classic": "genre",
    "choir": "voice",
    "voice": "voice",
    "new age": "genre",
    "dance": "genre",
    "male voice": "voice",
    "female vocal": "voice",
    "beats": "other",
    "harp": "instrument",
    "cello": "instrument",
    "no voice": "voice",
    "weird": "mood",
    "country": "genre",
    "metal": "genre",
    "female voice": "voice",
    "choral": "voice",
}

# Tensors of the stored graphs (found by reading the .meta files; musicnn/models.py names
# `penultimate` = the batch-normalised 200-unit dense layer before the output layer). The
# four checkpoints share node names: MTT_* are the same networks trained on MagnaTagATune.
_MUSICNN_GRAPH = {
    "input": "model/Placeholder",
    "is_training": "model/Placeholder_2",
    "outputs": {
        "taggram": "model/Sigmoid",
        "penultimate": "model/batch_normalization_10/batchnorm/add_1",
    },
    # penultimate = BN(relu(dense(...))); taggram = sigmoid(penultimate @ kernel + bias)
    "head_batch_norm": "batch_normalization_10",
    "head_dense": "dense_1",
}
_VGG_GRAPH = {
    "input": "model/Placeholder",
    "is_training": "model/Placeholder_2",
    "outputs": {"taggram": "model/Sigmoid"},
}
_MSD = {"dataset": "msd", "labels": MSD_LABELS, "kinds": LABEL_KINDS}
_MTT = {"dataset": "mtt", "labels": MTT_LABELS, "kinds": MTT_LABEL_KINDS}
VARIANTS = {
    "MSD_musicnn": {
        **_MUSICNN_GRAPH,
        **_MSD,
        "file": "msd-musicnn.onnx",
        "name": "msd-musicnn",
        "description": "musicnn (Pons & Serra 2019) trained on the Million Song Dataset's last.fm top-50 tags; 3-second patches, 50 sigmoid tag scores",
    },
    "MSD_vgg": {
        **_VGG_GRAPH,
        **_MSD,
        "file": "msd-vgg.onnx",
        "name": "msd-vgg",
        "description": "VGG-like CNN baseline of musicnn (Pons & Serra 2019) trained on the Million Song Dataset's last.fm top-50 tags; 3-second patches, 50 sigmoid tag scores",
    },
    "MTT_musicnn": {
        **_MUSICNN_GRAPH,
        **_MTT,
        "file": "mtt-musicnn.onnx",
        "name": "mtt-musicnn",
        "description": "musicnn (Pons & Serra 2019) trained on the MagnaTagATune top-50 tags (classical, techno, opera, new age...); 3-second patches, 50 sigmoid tag scores",
    },
    "MTT_vgg": {
        **_VGG_GRAPH,
        **_MTT,
        "file": "mtt-vgg.onnx",
        "name": "mtt-vgg",
        "description": "VGG-like CNN baseline of musicnn (Pons & Serra 2019) trained on the MagnaTagATune top-50 tags (classical, techno, opera, new age...); 3-second patches, 50 sigmoid tag scores",
    },
}

ONNX_INPUT = "log_mel"
DATA_DIR = Path(__file__).resolve().parent / "data"
TRAINING_MEAN_LOGITS = DATA_DIR / "msd_training_mean_logits.json"


def training_mean_logits_file(dataset: str) -> Path:
    """Where `trainer import-musicnn` stores the mean training logits of a dataset's musicnn."""
    return DATA_DIR / f"{dataset}_training_mean_logits.json"


OPSET = 17
# MSD 1.1.0: same network as 1.0.0, prior-correction calibration added. MTT 1.0.0: the
# first conversion, calibrated from the start.
VERSIONS = {"msd": "1.1.0", "mtt": "1.0.0"}
VERSION = VERSIONS["msd"]
_MUSICNN_CREDIT = (
    "musicnn pretrained model by Jordi Pons and Xavier Serra, Music Technology Group, "
    "Universitat Pompeu Fabra (https://github.com/jordipons/musicnn, ISC licence); "
)
CREDITS = {
    "msd": _MUSICNN_CREDIT + "trained on last.fm tags of the Million Song Dataset (Bertin-Mahieux et al. 2011).",
    "mtt": _MUSICNN_CREDIT + "trained on MagnaTagATune (Law et al. 2009; Magnatune clips, TagATune game annotations).",
}
CREDIT = CREDITS["msd"]

# Clips for the parity fixture: (file in resources/example-music, start s, duration s).
PARITY_CLIPS = [
    ("kevin-macleod-vibe-ace.ogg", 20.0, 3.5),
    ("brahms-hungarian-dance-5.ogg", 10.0, 3.5),
    ("karissa-hobbs-lets-go-fishin.ogg", 40.0, 3.5),
    ("admiralbob-choice-drum-bass.ogg", 12.0, 3.5),
]


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def checkpoint_dir(variant: str) -> Path:
    spec = importlib.util.find_spec("musicnn")  # locate without importing (it imports TF1-style code)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the musicnn wheel is not installed: pip install --no-deps musicnn==0.1.0 "
            "(in the conversion environment, see `trainer import-musicnn --help`)"
        )
    d = Path(list(spec.submodule_search_locations)[0]) / variant
    if not (d / ".meta").exists() or not (d / ".index").exists():
        raise RuntimeError(f"{d}: no checkpoint (.meta/.index) for variant {variant}")
    return d


def _tf():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:  # here: the `convert` extra (a separate venv), slow; `trainer --help` loads this module
        import tensorflow as tf
    except ImportError as exc:
        raise RuntimeError(
            "TensorFlow is needed for the conversion: install the `convert` extra "
            "(tensorflow-cpu, tf2onnx) in a separate venv, see `trainer import-musicnn --help`"
        ) from exc
    return tf


def inference_graph_def(variant: str):
    """The stored graph reduced to inference: variables -> constants, is_training -> False,
    plus Identity nodes named after the outputs. Returns (graph_def, input node, outputs)."""
    tf = _tf()
    cfg = VARIANTS[variant]
    d = checkpoint_dir(variant)
    meta = tf.compat.v1.MetaGraphDef()
    meta.ParseFromString((d / ".meta").read_bytes())
    reader = tf.compat.v1.train.NewCheckpointReader(str(d) + "/")  # trap: not load_checkpoint(d)
    stored = set(reader.get_variable_to_shape_map())

    g = tf.compat.v1.GraphDef()
    for node in meta.graph_def.node:
        new = g.node.add()
        if node.op in ("VariableV2", "Variable"):
            if node.name not in stored:
                raise RuntimeError(f"variable {node.name} is not in the checkpoint")
            value = reader.get_tensor(node.name)
            new.name, new.op = node.name, "Const"
            new.attr["dtype"].type = node.attr["dtype"].type
            new.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(value))
        elif node.name == cfg["is_training"]:
            new.name, new.op = node.name, "Const"
            new.attr["dtype"].type = tf.bool.as_datatype_enum
            new.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(False))
        else:
            new.CopyFrom(node)
            for key in ("_output_shapes", "_class"):
                if key in new.attr:
                    del new.attr[key]
        new.device = ""
    for out_name, tensor in cfg["outputs"].items():
        ident = g.node.add()
        ident.name, ident.op = out_name, "Identity"
        ident.input.append(tensor)
        ident.attr["T"].type = tf.float32.as_datatype_enum
    g.versions.CopyFrom(meta.graph_def.versions)
    sub = tf.compat.v1.graph_util.extract_sub_graph(g, list(cfg["outputs"]))
    if any(n.op.startswith("Placeholder") and n.name != cfg["input"] for n in sub.node):
        raise RuntimeError("the inference subgraph still needs a placeholder other than the input")
    return sub, cfg["input"], list(cfg["outputs"])


def training_mean_logits(variant: str = "MSD_musicnn") -> np.ndarray:
    """Each tag's mean output logit over the training set, from the checkpoint alone.

    The output layer is linear on a batch-norm output (``penultimate``); batch norm's
    moving mean is the training-set mean of its input, so the training-set mean of
    ``penultimate`` is exactly the layer's ``beta``, and by linearity the mean logit is
    ``beta @ kernel + bias``. (Up to the moving average's lag and dropout being active
    while the statistics were gathered.) No audio is involved.
    """
    tf = _tf()
    cfg = VARIANTS[variant]
    if "head_batch_norm" not in cfg:
        raise ValueError(f"{variant}: its output layer does not follow a batch norm; no exact training mean")
    reader = tf.compat.v1.train.NewCheckpointReader(str(checkpoint_dir(variant)) + "/")
    beta = reader.get_tensor(f"{cfg['head_batch_norm']}/beta").astype(np.float64)
    kernel = reader.get_tensor(f"{cfg['head_dense']}/kernel").astype(np.float64)
    bias = reader.get_tensor(f"{cfg['head_dense']}/bias").astype(np.float64)
    return beta @ kernel + bias


def write_training_mean_logits(variant: str, out_path: Path) -> None:
    m = training_mean_logits(variant)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        json.dumps(
            {
                "model": f"musicnn==0.1.0 {variant}",
                "what": "mean output logit of each tag over the training set = beta(batch norm before the "
                "output layer) @ output kernel + output bias, read from the checkpoint "
                "(trainer/import_musicnn.py training_mean_logits)",
                "labels": VARIANTS[variant]["labels"],
                "mean_logit": [round(float(v), 6) for v in m],
            },
            indent=1,
        )
        + "\n"
    )


def tf_outputs(graph_def, input_node: str, outputs: list[str], x: np.ndarray) -> dict[str, np.ndarray]:
    """Run the original TensorFlow graph (the reference)."""
    tf = _tf()
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as sess:
        vals = sess.run([f"{o}:0" for o in outputs], feed_dict={f"{input_node}:0": x})
    return dict(zip(outputs, vals))


def convert(graph_def, input_node: str, outputs: list[str]):
    """tf2onnx conversion; renames the input to `log_mel` and the outputs to their plain names,
    and marks the batch dimension dynamic."""
    _tf()
    import tf2onnx  # here: the `convert` extra, slow to import; `trainer --help` loads this module

    model_proto, _ = tf2onnx.convert.from_graph_def(
        graph_def,
        input_names=[f"{input_node}:0"],
        output_names=[f"{o}:0" for o in outputs],
        opset=OPSET,
    )
    rename = {f"{input_node}:0": ONNX_INPUT, **{f"{o}:0": o for o in outputs}}
    gr = model_proto.graph
    for node in gr.node:
        for i, name in enumerate(node.input):
            if name in rename:
                node.input[i] = rename[name]
        for i, name in enumerate(node.output):
            if name in rename:
                node.output[i] = rename[name]
    for vi in list(gr.input) + list(gr.output):
        if vi.name in rename:
            vi.name = rename[vi.name]
        dim0 = vi.type.tensor_type.shape.dim[0]
        dim0.ClearField("dim_value")
        dim0.dim_param = "batch"
    model_proto.producer_name = "genre-tagger trainer import-musicnn (tf2onnx)"
    return model_proto


def model_info(variant: str, calibration=None, evaluation=None):
    cfg = VARIANTS[variant]
    return ModelInfo(
        name=cfg["name"],
        version=VERSIONS[cfg["dataset"]],
        labels=tuple(cfg["labels"]),
        label_kinds=tuple(cfg["kinds"][t] for t in cfg["labels"]),
        feature_spec=MUSICNN_SPEC.to_dict(),
        input_name=ONNX_INPUT,
        output_name="taggram",
        activation="sigmoid",
        pooling="mean",
        license="ISC (musicnn, Copyright (c) 2019 Music Technology Group, Universitat Pompeu Fabra); see LICENSE-musicnn.txt",
        credit=CREDITS[cfg["dataset"]],
        description=cfg["description"],
        calibration=calibration,
        embedding_output="penultimate" if "penultimate" in cfg["outputs"] else None,
        evaluation=evaluation or {},
    )


# --- reference preprocessing (the parity fixture) -----------------------------------


def decode_excerpt(path: Path, start_s: float, dur_s: float) -> tuple[np.ndarray, int]:
    """Mono float32 (mean of channels, as librosa does) excerpt of a file, native rate."""
    # decode from the start and slice (libsndfile's Vorbis seek is not reliable)
    x, sr = sf.read(str(path), dtype="float32", always_2d=True)
    a = int(round(start_s * sr))
    x = x[a : a + int(round(dur_s * sr))]
    return x.mean(axis=1).astype(np.float32), sr


def reference_logmel(y: np.ndarray, sr: int) -> np.ndarray:
    """musicnn's own preprocessing (musicnn/extractor.py under librosa 0.7): resampy 0.2.2
    kaiser_best to 16 kHz with librosa's fix_length, librosa mel (reflect padding, librosa
    0.7's default), float16 storage, log10(10000 x + 1) computed in float32."""
    # here: tools of the conversion venv (librosa: seconds to import); `trainer --help` loads this module
    import librosa
    import resampy

    if resampy.__version__ != "0.2.2":
        raise RuntimeError(f"the reference needs resampy 0.2.2, found {resampy.__version__}")
    n_out = int(np.ceil(y.shape[0] * 16000 / sr))
    y16 = resampy.resample(y, sr, 16000, filter="kaiser_best")
    y16 = librosa.util.fix_length(y16, size=n_out)
    mel = librosa.feature.melspectrogram(y=y16, sr=16000, hop_length=256, n_fft=512, n_mels=96, pad_mode="reflect").T
    mel = mel.astype(np.float16).astype(np.float32)  # as stored by musicnn; trap 1 avoided
    return np.log10(10000 * mel + 1).astype(np.float32)


def resampler_test_signals() -> dict[str, tuple[np.ndarray, int]]:
    """Inputs of the stored resampy 0.2.2 reference (rebuilt identically by the tests)."""
    music = repo_root() / "resources" / "example-music"
    y, sr = decode_excerpt(music / "sorohan-solo-trumpet.ogg", 1.0, 0.5)
    rng = np.random.default_rng(20191)
    t = np.arange(24000) / 48000
    chirp = (0.5 * np.sin(2 * np.pi * (100 * t + 0.5 * 23000 * t**2))).astype(np.float32)
    return {
        "trumpet_44100": (y, sr),
        "noise_22050": ((0.3 * rng.standard_normal(11025)).astype(np.float32), 22050),
        "chirp_48000": (chirp, 48000),
    }


def write_resampler_fixture(out_path: Path) -> dict:
    """resampy 0.2.2 kaiser_best outputs (to 16 kHz, float64 input) for small real and
    synthetic signals, so the tests check tagger.resample without resampy installed."""
    import resampy  # here: only in the conversion venv; `trainer --help` loads this module

    if resampy.__version__ != "0.2.2":
        raise RuntimeError(f"the reference needs resampy 0.2.2, found {resampy.__version__}")
    arrays = {}
    for key, (y, sr) in resampler_test_signals().items():
        arrays[key] = resampy.resample(y.astype(np.float64), sr, 16000, filter="kaiser_best").astype(np.float32)
    np.savez_compressed(out_path, resampy_version=np.array("0.2.2"), **arrays)
    return {k: v.shape[0] for k, v in arrays.items()}


def write_parity_fixture(
    graph_def, input_node, outputs, out_path: Path, onnx_path: Path | None = None, input_fixture: Path | None = None
) -> dict:
    """The TensorFlow graph's outputs on reference log-mels of real clips. With
    `input_fixture` (an earlier fixture), its `log_mel` patches are the input and only the
    outputs are stored: one copy of the input serves every variant's fixture."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if input_fixture is not None:
        given = np.load(input_fixture)
        x = given["log_mel"]
        ref = tf_outputs(graph_def, input_node, outputs, x)
        np.savez_compressed(
            out_path,
            clips=given["clips"],
            input_fixture=np.array(Path(input_fixture).name),
            **{k: v.astype(np.float32) for k, v in ref.items()},
        )
    else:
        music = repo_root() / "resources" / "example-music"
        mels, names = [], []
        for fname, start, dur in PARITY_CLIPS:
            y, sr = decode_excerpt(music / fname, start, dur)
            mels.append(reference_logmel(y, sr)[:187])
            names.append(f"{fname}@{start}+{dur}")
        x = np.stack(mels).astype(np.float32)
        ref = tf_outputs(graph_def, input_node, outputs, x)
        np.savez_compressed(
            out_path,
            clips=np.array(names),
            starts=np.array([c[1] for c in PARITY_CLIPS]),
            durations=np.array([c[2] for c in PARITY_CLIPS]),
            log_mel=x,
            **{k: v.astype(np.float32) for k, v in ref.items()},
        )
    report = {"fixture": str(out_path), "patches": int(x.shape[0])}
    if onnx_path is not None:
        report.update(onnx_vs_tf(onnx_path, x, ref))
    return report


def onnx_vs_tf(onnx_path: Path, x: np.ndarray, ref: dict) -> dict:
    ort = ort_module()
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    names = list(ref)
    got = sess.run(names, {ONNX_INPUT: x})
    return {f"max_abs_diff_{n}": float(np.abs(g - ref[n]).max()) for n, g in zip(names, got)}


# --- CLI ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    lead = (parser.description or "").rstrip()
    parser.description = (f"{lead.rstrip('.')}. " if lead else "") + (
        "Needs the `convert` extra (tensorflow-cpu, tf2onnx) and `pip install --no-deps "
        "musicnn==0.1.0`, ideally in a separate venv; see the module docstring."
    )
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="MSD_musicnn")
    parser.add_argument(
        "--out",
        type=Path,
        default=repo_root() / "resources" / "models",
        help="output folder (default: resources/models/)",
    )
    parser.add_argument(
        "--write-parity-fixture",
        type=Path,
        metavar="NPZ",
        default=None,
        help="also write a test fixture: reference log-mels of real clips and the "
        "TensorFlow graph's outputs (needs librosa and resampy==0.2.2)",
    )
    parser.add_argument(
        "--parity-input",
        type=Path,
        metavar="NPZ",
        default=None,
        help="with --write-parity-fixture: take the input patches from this earlier fixture "
        "(e.g. tests/data/musicnn_parity.npz) and store only the outputs",
    )
    parser.add_argument(
        "--check-audio",
        type=Path,
        nargs="*",
        default=[],
        metavar="FILE",
        help="audio files on which to compare TensorFlow and onnxruntime",
    )


def run(args: argparse.Namespace) -> int:
    import onnx  # here: a second to import, and `trainer --help` loads this module

    variant = args.variant
    cfg = VARIANTS[variant]
    graph_def, input_node, outputs = inference_graph_def(variant)
    model = convert(graph_def, input_node, outputs)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / cfg["file"]
    keep_calibration = None
    keep_evaluation = None
    if out.exists():  # re-conversion keeps a calibration fitted earlier
        try:
            old = read_metadata(out)
            keep_calibration, keep_evaluation = old.calibration, old.evaluation
        except Exception:  # noqa: BLE001
            pass
    write_metadata(model, model_info(variant, keep_calibration, keep_evaluation))
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    lic = checkpoint_dir(variant).parent.parent / "musicnn-0.1.0.dist-info" / "LICENSE.md"
    if lic.exists():
        (out_dir / "LICENSE-musicnn.txt").write_text(
            "Licence of the pretrained musicnn models (PyPI wheel musicnn==0.1.0, file LICENSE.md),\n"
            "which the msd-*, mtt-* and msd-mtt-* models in resources/models are converted from:\n\n"
            "ISC License\n\n" + lic.read_text()
        )
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")

    if "head_batch_norm" in cfg:
        means = training_mean_logits_file(cfg["dataset"])
        write_training_mean_logits(variant, means)
        print(f"wrote {means}")

    # TF vs onnxruntime on random + real inputs
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 4, size=(3, 187, 96)).astype(np.float32)
    print("random input:", json.dumps(onnx_vs_tf(out, x, tf_outputs(graph_def, input_node, outputs, x))))
    if args.write_parity_fixture:
        fx = Path(args.write_parity_fixture)
        rep = write_parity_fixture(graph_def, input_node, outputs, fx, out, args.parity_input)
        print("parity fixture:", json.dumps(rep))
        if args.parity_input is None:
            rep = write_resampler_fixture(fx.with_name("resampy022_reference.npz"))
            print("resampler fixture:", json.dumps(rep))
    for f in args.check_audio:
        y, sr = decode_excerpt(Path(f), 0.0, 1e6)
        m = logmel(resample(y, sr, 16000, MUSICNN_SPEC.resampler), MUSICNN_SPEC)
        starts = list(range(0, max(1, m.shape[0] - 187 + 1), 187))
        xp = patches(m, MUSICNN_SPEC, starts)
        print(f, json.dumps(onnx_vs_tf(out, xp, tf_outputs(graph_def, input_node, outputs, xp))))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m trainer.import_musicnn", description=__doc__.splitlines()[0])
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
