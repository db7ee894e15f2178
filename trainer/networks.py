"""The networks `trainer fit` trains (their names and the builder: `trainer.archs`). Every model takes log-mel patches `[batch, frames, n_mels]`
and returns logits `[batch, n_classes]`; export adds the softmax.

- `crnn`: Choi, Fazekas, Sandler & Cho 2017, "Convolutional recurrent neural networks
  for music classification": input batch norm over mel bands, 4 conv blocks
  (3x3 conv - BN - ELU - max-pool - dropout) that reduce the frequency axis to 1,
  a 2-layer GRU (32 units) over the remaining time steps, dropout, linear.
- `cnn`: 5 conv blocks, then global mean+max pooling over time and frequency, linear.
- `cnn-lstm`: the CRNN's conv front end, a bidirectional LSTM, mean over time, linear.

All accept any number of frames >= 16 (the ONNX export has a dynamic frame axis) but a
fixed number of mel bands. `width` scales the channel counts (1.0 = the paper's).
"""

from __future__ import annotations

import torch
from torch import nn


def _freq_pools(n_mels: int, wanted: list[int]) -> list[int]:
    """Pooling factors that bring the mel axis down to 1 (or as close as wanted allows)."""
    pools, cur = [], n_mels
    for w in wanted:
        p = max(1, min(w, cur))
        pools.append(p)
        cur //= p
    return pools


def _remaining(n: int, pools: list[int]) -> int:
    for p in pools:
        n //= p
    return n


class ConvBlock(nn.Sequential):
    def __init__(self, cin: int, cout: int, pool: tuple[int, int], dropout: float):
        super().__init__(
            nn.Conv2d(cin, cout, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ELU(),
            nn.MaxPool2d(pool),
            nn.Dropout(dropout),
        )


def _ch(base: int, width: float) -> int:
    return max(4, int(round(base * width)))


class _Front(nn.Module):
    """[B, T, M] -> input BN over mel bands -> conv blocks -> [B, C, F, T']."""

    def __init__(self, n_mels: int, channels: list[int], fpools: list[int], tpools: list[int], dropout: float):
        super().__init__()
        self.input_bn = nn.BatchNorm1d(n_mels)
        blocks, cin = [], 1
        for c, fp, tp in zip(channels, fpools, tpools):
            blocks.append(ConvBlock(cin, c, (fp, tp), dropout))
            cin = c
        self.blocks = nn.Sequential(*blocks)
        self.out_channels = cin
        self.out_freq = _remaining(n_mels, fpools)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.input_bn(x.transpose(1, 2))  # [B, M, T]
        return self.blocks(x.unsqueeze(1))  # [B, C, F', T']


class CRNN(nn.Module):
    def __init__(self, n_mels: int, n_classes: int, width: float = 1.0, gru_units: int = 32, dropout: float = 0.3):
        super().__init__()
        channels = [_ch(c, width) for c in (64, 128, 128, 128)]
        self.front = _Front(n_mels, channels, _freq_pools(n_mels, [2, 4, 4, 4]), [2, 2, 2, 2], 0.1)
        feat = self.front.out_channels * self.front.out_freq
        self.gru = nn.GRU(feat, gru_units, num_layers=2, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(gru_units, n_classes)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The GRU's last output [B, gru_units] (what the classifier reads)."""
        h = self.front(x)  # [B, C, F, T]
        b, c, f, t = h.shape
        h = h.reshape(b, c * f, t).transpose(1, 2)  # [B, T, C*F]
        out, _ = self.gru(h)
        return out[:, -1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.dropout(self.embed(x)))


class CNN(nn.Module):
    def __init__(self, n_mels: int, n_classes: int, width: float = 1.0, dropout: float = 0.3):
        super().__init__()
        channels = [_ch(c, width) for c in (32, 64, 128, 128, 256)]
        self.front = _Front(n_mels, channels, _freq_pools(n_mels, [2, 2, 2, 2, 2]), [2, 2, 2, 2, 2], 0.1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * self.front.out_channels, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.front(x).flatten(2)  # [B, C, F*T]
        pooled = torch.cat([h.mean(dim=2), h.amax(dim=2)], dim=1)
        return self.fc(self.dropout(pooled))


class CNNLSTM(nn.Module):
    def __init__(self, n_mels: int, n_classes: int, width: float = 1.0, lstm_units: int = 64, dropout: float = 0.3):
        super().__init__()
        channels = [_ch(c, width) for c in (64, 128, 128, 128)]
        self.front = _Front(n_mels, channels, _freq_pools(n_mels, [2, 4, 4, 4]), [2, 2, 2, 2], 0.1)
        feat = self.front.out_channels * self.front.out_freq
        units = max(8, int(round(lstm_units * min(1.0, max(width, 0.25)))))
        self.lstm = nn.LSTM(feat, units, num_layers=1, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * units, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.front(x)
        b, c, f, t = h.shape
        h = h.reshape(b, c * f, t).transpose(1, 2)
        out, _ = self.lstm(h)
        return self.fc(self.dropout(out.mean(dim=1)))


def n_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
