"""The architectures `trainer fit --arch` offers: one registry, read by the command line
(choices and help), by the checks of a run (shortest patch) and by `build`.

Importing this module does not import torch (`trainer --help` reads the registry); the
networks themselves are in `trainer.networks`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Arch:
    name: str  # the --arch value
    note: str = ""  # shown after the name in --help
    network: str | None = None  # class in trainer.networks (or "module:Class"); None: not trained by trainer.loop
    min_frames: int = 0  # shortest patch (frames) the network takes
    runner: str | None = None  # module whose train(args) runs a family not trained by trainer.loop
    spec: str | None = None  # the only --spec the network takes (a pretrained backbone's), if any
    fixed_frames: bool = False  # the network takes exactly spec.patch_frames frames
    options: tuple[str, ...] = ()  # `trainer fit` options passed to the network's constructor


ARCHS = (
    Arch("crnn", "Choi et al. 2017", network="CRNN", min_frames=16),
    Arch("cnn", network="CNN", min_frames=32),
    Arch("cnn-lstm", network="CNNLSTM", min_frames=16),
    Arch(
        "vgg-transfer",
        "musicnn's MSD VGG fine-tuned",
        network="trainer.vgg_transfer:VGGTransfer",
        spec="musicnn",
        fixed_frames=True,
        options=("train_blocks",),
    ),
    Arch("mlp", "GTZAN feature table, trainer.mlp", runner="trainer.mlp"),
    Arch("head", "few-shot, trainer.head"),  # a head on a pretrained model's embeddings
)
DEFAULT_ARCH = "crnn"
NAMES = tuple(a.name for a in ARCHS)
NETWORK_NAMES = tuple(a.name for a in ARCHS if a.network)


def get(name: str) -> Arch:
    for arch in ARCHS:
        if arch.name == name:
            return arch
    raise ValueError(f"unknown architecture {name!r}; choose one of {', '.join(NAMES)}")


def help_text() -> str:
    """'crnn (Choi et al. 2017), cnn, ... or head (...)' for --arch."""
    items = [f"{a.name} ({a.note})" if a.note else a.name for a in ARCHS]
    return ", ".join(items[:-1]) + ", or " + items[-1]


def build(arch: str, n_mels: int, n_classes: int, width: float = 1.0, **options):
    """A new network of architecture `arch` (a torch.nn.Module); `options` as the arch lists them."""
    network = next((a.network for a in ARCHS if a.name == arch), None)
    if network is None:
        raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(NETWORK_NAMES)}")
    # imported here: torch takes seconds to import, and `trainer --help` reads this module
    module, _, cls = network.rpartition(":")
    return getattr(importlib.import_module(module or "trainer.networks"), cls)(n_mels, n_classes, width, **options)
