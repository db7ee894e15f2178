"""`--arch vgg-transfer`: fine-tune the music-pretrained VGG the project already ships.

The classic genre notebooks start from ImageNet's VGG16; here the start is musicnn's
MSD VGG (`resources/models/msd-vgg.onnx`, converted by `trainer import-musicnn`, trained
on the Million Song Dataset's last.fm tags): no download, and a backbone that has heard
music. Its ONNX graph is rebuilt as the same PyTorch layers with the file's own weights
(`MSDVGG`; `tests/test_trainer_vgg.py` checks it reproduces the file's 50 tag scores),
then the 50-tag layer is replaced by a new one for the user's classes (`VGGTransfer`).

The graph, in the file's order: input [batch, 187 frames, 96 mels] -> batch norm (one
channel) -> 5 x (3x3 conv, 128 channels -> ReLU -> batch norm -> max-pool 4x1 (time),
1x4 (mels), 2x2, 2x2, 4x4) -> [128, 2, 1] -> channels-last flatten (256) -> dense.
Batch norms use epsilon 1e-3 (TensorFlow's). The input is the musicnn feature spec with
exactly 187 frames (the flatten fixes the patch length).

`--train-blocks N`: the last N conv blocks learn with the new layer (default 2); 0 keeps
the whole backbone frozen (its batch-norm statistics too); 5 fine-tunes everything.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

from tagger.paths import bundled_models_dir

BACKBONE_FILE = "msd-vgg.onnx"
POOLS = ((4, 1), (1, 4), (2, 2), (2, 2), (4, 4))
CHANNELS = 128
EMBEDDING = 256  # 128 channels x 2 x 1 after the last pool
PATCH_FRAMES, N_MELS = 187, 96
BN_EPS = 1e-3
DEFAULT_TRAIN_BLOCKS = 2


def backbone_path() -> Path:
    return bundled_models_dir() / BACKBONE_FILE


class Block(nn.Module):
    def __init__(self, cin: int, pool: tuple[int, int]):
        super().__init__()
        self.conv = nn.Conv2d(cin, CHANNELS, kernel_size=3, padding=1)
        self.bn = nn.BatchNorm2d(CHANNELS, eps=BN_EPS)
        self.pool = nn.MaxPool2d(pool)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pool(self.bn(torch.relu(self.conv(x))))


class MSDVGG(nn.Module):
    """musicnn's MSD VGG as PyTorch layers: log-mel patches -> 256-d embedding (-> 50 tags)."""

    def __init__(self):
        super().__init__()
        self.input_bn = nn.BatchNorm2d(1, eps=BN_EPS)
        self.blocks = nn.ModuleList(Block(1 if i == 0 else CHANNELS, p) for i, p in enumerate(POOLS))
        self.tags = nn.Linear(EMBEDDING, 50)

    def embed(self, mel: torch.Tensor) -> torch.Tensor:
        if mel.shape[1:] != (PATCH_FRAMES, N_MELS):
            raise ValueError(f"the MSD VGG takes [batch, {PATCH_FRAMES}, {N_MELS}] patches, got {tuple(mel.shape)}")
        x = self.input_bn(mel.unsqueeze(1))  # [B, 1, time, mels]
        for block in self.blocks:
            x = block(x)
        return x.permute(0, 2, 3, 1).flatten(1)  # channels last, as TensorFlow flattened

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        """The 50 tag scores (sigmoid), as the ONNX file gives them."""
        return torch.sigmoid(self.tags(self.embed(mel)))


def load_msd_vgg(path: str | Path | None = None) -> MSDVGG:
    """An MSDVGG with the weights of the ONNX file (nodes read in graph order)."""
    import onnx  # imported here: a second to import
    from onnx import numpy_helper

    path = Path(path) if path else backbone_path()
    graph = onnx.load(str(path)).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    convs = [n for n in graph.node if n.op_type == "Conv"]
    norms = [n for n in graph.node if n.op_type == "BatchNormalization"]
    matmul = next(n for n in graph.node if n.op_type == "MatMul")
    add = next(n for n in graph.node if n.op_type == "Add")
    if len(convs) != 5 or len(norms) != 6:
        raise ValueError(f"{path}: not the MSD VGG graph ({len(convs)} convolutions, {len(norms)} batch norms)")
    net = MSDVGG()
    bns = [net.input_bn] + [b.bn for b in net.blocks]
    state = {}
    for bn, node in zip(bns, norms):
        prefix = next(k for k, m in net.named_modules() if m is bn)
        scale, bias, mean, var = (init[name] for name in node.input[1:5])
        state.update(
            {
                f"{prefix}.weight": scale,
                f"{prefix}.bias": bias,
                f"{prefix}.running_mean": mean,
                f"{prefix}.running_var": var,
            }
        )
    for i, node in enumerate(convs):
        state[f"blocks.{i}.conv.weight"] = init[node.input[1]]
        state[f"blocks.{i}.conv.bias"] = init[node.input[2]]
    state["tags.weight"] = init[matmul.input[1]].T
    state["tags.bias"] = init[next(x for x in add.input if x in init)]
    tensors = {
        k: torch.tensor(np.array(v, np.float32)) for k, v in state.items()
    }  # (copies: onnx's arrays are read-only)
    missing = set(net.state_dict()) - set(tensors) - {k for k in net.state_dict() if k.endswith("num_batches_tracked")}
    if missing:
        raise ValueError(f"{path}: no weights for {sorted(missing)}")
    net.load_state_dict(tensors, strict=False)
    return net.eval()


class VGGTransfer(nn.Module):
    """The pretrained MSD VGG's embedding -> dropout -> a new linear layer for the user's classes."""

    def __init__(
        self, n_mels: int, n_classes: int, width: float = 1.0, train_blocks: int = DEFAULT_TRAIN_BLOCKS, dropout=0.3
    ):
        super().__init__()
        if n_mels != N_MELS:
            raise ValueError(f"vgg-transfer takes the musicnn spec's {N_MELS} mel bands, not {n_mels}")
        if not 0 <= train_blocks <= len(POOLS):
            raise ValueError(f"--train-blocks must be 0 to {len(POOLS)}, got {train_blocks}")
        self.backbone = load_msd_vgg()
        del self.backbone.tags  # the 50 MSD tags are not the user's classes
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(EMBEDDING, n_classes)
        first_trained = len(POOLS) - train_blocks
        self.frozen: list[nn.Module] = [self.backbone.input_bn, *self.backbone.blocks[:first_trained]]
        for module in self.frozen:
            for p in module.parameters():
                p.requires_grad_(False)

    def train(self, mode: bool = True):
        super().train(mode)
        for module in self.frozen:  # frozen blocks keep their pretrained batch-norm statistics
            module.eval()
        return self

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        return self.fc(self.dropout(self.backbone.embed(mel)))
