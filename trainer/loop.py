"""The training loop of `trainer fit` for the networks of trainer.networks.

Each epoch draws random patches of the training tracks (class-balanced sampling or a
weighted loss), with random gain and mixup; validation scores fixed patches of the
validation tracks the way the app does (mean of the patch probabilities); the best epoch
(accuracy, then loss) is kept, and `bad_epochs` counts the epochs since, for early
stopping. Every random stream is seeded by (seed, epoch), so a resumed run repeats an
uninterrupted one.
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from tagger.analyze import plan_patch_starts
from tagger.features import patch_seconds, patches
from trainer import archs
from trainer.metrics import track_metrics


def apply_gain(x: np.ndarray, gain_db: np.ndarray, spec) -> np.ndarray:
    """Scale the audio by `gain_db` (per patch) in the log-mel domain of `spec`."""
    g = np.asarray(gain_db, np.float32).reshape(-1, 1, 1)
    if spec.log == "db":  # 10 log10(mel * 10^(g p / 20)) = x + g p / 2
        return x + g * np.float32(spec.power / 2.0)
    if spec.log == "log10_10000x_plus_1":
        factor = np.power(np.float32(10.0), g * np.float32(spec.power / 20.0))
        return np.log10(np.maximum(np.power(np.float32(10.0), x) - 1.0, 0.0) * factor + 1.0).astype(np.float32)
    return x


def eval_starts(n_frames: int, spec, n: int) -> list[int]:
    """Patch starts (frames) spread over the body of a track, like the app's analysis."""
    seconds_per_frame = spec.hop_length / spec.sample_rate
    duration = n_frames * seconds_per_frame
    starts = plan_patch_starts(duration, patch_seconds(spec), n)
    last = max(0, n_frames - spec.patch_frames)
    return [min(last, int(round(s / seconds_per_frame))) for s in starts]


class Trainer:
    """One network in training: its data, optimizer and scheduler, the best epoch so far."""

    def __init__(self, args, spec, labels, train_tracks, valid_tracks, mels, tabular=None):
        """`tabular`: {track path: values} of `--tabular` columns (trainer.tabular_fusion), or None."""
        self.args, self.spec, self.labels = args, spec, labels
        self.index = {c: i for i, c in enumerate(labels)}
        self.train_mels = [mels[t.path] for t in train_tracks]
        self.train_y = np.array([self.index[t.label] for t in train_tracks], np.int64)
        self.train_len = np.array([m.shape[0] for m in self.train_mels], np.int64)
        counts = np.bincount(self.train_y, minlength=len(labels)).astype(np.float64)
        self.class_weights = counts.sum() / (len(labels) * np.maximum(counts, 1))
        self.valid = self.fixed_patches(valid_tracks, mels)
        self.tabular = tabular
        self.train_tab = np.stack([tabular[t.path] for t in train_tracks]) if tabular else None
        self.valid_tab = self.tab_rows(valid_tracks, self.valid[1])
        torch.manual_seed(args.seed)
        options = {k: getattr(args, k) for k in archs.get(args.arch).options}
        self.net = archs.build(args.arch, spec.n_mels, len(labels), args.width, **options)
        if self.train_tab is not None:
            from trainer.tabular_fusion import TabularCRNN

            self.net = TabularCRNN(self.net, self.train_tab.mean(0), self.train_tab.std(0), len(labels))
        trained = [p for p in self.net.parameters() if p.requires_grad]  # (a frozen backbone is not)
        self.opt = torch.optim.AdamW(trained, lr=args.lr, weight_decay=args.weight_decay)
        self.sched = torch.optim.lr_scheduler.ReduceLROnPlateau(
            self.opt, mode="min", factor=0.5, patience=max(1, args.patience // 3)
        )
        self.epoch = 0
        self.best = {"accuracy": -1.0, "loss": math.inf, "epoch": 0}
        self.best_state = None
        self.bad_epochs = 0
        self.history: list[dict] = []
        self.stopped_early = False

    def fixed_patches(self, tracks, mels):
        """(patches, owning track of each, true class of each track): the app's patch plan."""
        xs, owner = [], []
        for i, t in enumerate(tracks):
            m = mels[t.path]
            starts = eval_starts(m.shape[0], self.spec, self.args.eval_patches)
            xs.append(patches(m, self.spec, starts))
            owner.extend([i] * len(starts))
        y = np.array([self.index[t.label] for t in tracks], np.int64)
        x = np.concatenate(xs) if xs else np.zeros((0, self.spec.patch_frames, self.spec.n_mels), np.float32)
        return x, np.array(owner, np.int64), y

    def tab_rows(self, tracks, owner) -> np.ndarray | None:
        """The tabular values of each patch (its track's), or None without --tabular."""
        if not self.tabular:
            return None
        per_track = np.stack([self.tabular[t.path] for t in tracks]) if len(tracks) else np.zeros((0, 0), np.float32)
        return per_track[owner] if len(owner) else np.zeros((0, per_track.shape[1]), np.float32)

    def forward(self, x: torch.Tensor, tab: np.ndarray | torch.Tensor | None) -> torch.Tensor:
        if tab is None:
            return self.net(x)
        return self.net(x, torch.as_tensor(np.asarray(tab, np.float32)) if isinstance(tab, np.ndarray) else tab)

    # --- one epoch
    def epoch_items(self, epoch: int):
        a = self.args
        rng = np.random.default_rng([a.seed, epoch, 1])
        n_tracks = len(self.train_y)
        n = n_tracks * a.patches_per_track
        if a.balance == "sampler":
            w = self.class_weights[self.train_y]
            idx = rng.choice(n_tracks, size=n, replace=True, p=w / w.sum())
        else:
            idx = rng.permutation(np.repeat(np.arange(n_tracks), a.patches_per_track))
        room = self.train_len[idx] - self.spec.patch_frames + 1
        starts = np.floor(rng.random(n) * np.maximum(room, 1)).astype(np.int64)
        gains = rng.uniform(-a.gain_db, a.gain_db, n) if a.gain_db > 0 else np.zeros(n)
        return idx, starts, gains

    def batch(self, idx, starts, gains):
        pf = self.spec.patch_frames
        x = np.stack([np.asarray(self.train_mels[i][s : s + pf], np.float32) for i, s in zip(idx, starts)])
        if x.shape[1] < pf:  # (cannot happen: features are padded to a patch)
            x = np.pad(x, ((0, 0), (0, pf - x.shape[1]), (0, 0)), constant_values=x.min())
        return apply_gain(x, gains, self.spec), self.train_y[idx]

    def train_epoch(self, epoch: int) -> float:
        a = self.args
        torch.manual_seed(a.seed * 100003 + epoch)  # dropout stream: same on resume
        mix_rng = np.random.default_rng([a.seed, epoch, 2])
        idx, starts, gains = self.epoch_items(epoch)
        weight = torch.tensor(self.class_weights, dtype=torch.float32) if a.balance == "loss" else None
        self.net.train()
        total, seen = 0.0, 0
        n_batches = math.ceil(len(idx) / a.batch_size)
        bar = tqdm(
            range(n_batches),
            desc=f"epoch {epoch}/{a.epochs}",
            unit="batch",
            leave=False,
            disable=not a.progress,
            file=sys.stderr,
        )
        for b in bar:
            sl = slice(b * a.batch_size, (b + 1) * a.batch_size)
            xb, yb = self.batch(idx[sl], starts[sl], gains[sl])
            x = torch.from_numpy(xb)
            y = torch.from_numpy(yb)
            tab = None if self.train_tab is None else torch.from_numpy(self.train_tab[idx[sl]])
            if a.mixup > 0 and len(yb) > 1:
                lam = float(mix_rng.beta(a.mixup, a.mixup))
                lam = max(lam, 1.0 - lam)
                perm = torch.from_numpy(mix_rng.permutation(len(yb)))
                x = lam * x + (1.0 - lam) * x[perm]
                if tab is not None:
                    tab = lam * tab + (1.0 - lam) * tab[perm]
                logits = self.forward(x, tab)
                loss = lam * F.cross_entropy(logits, y, weight=weight) + (1.0 - lam) * F.cross_entropy(
                    logits, y[perm], weight=weight
                )
            else:
                loss = F.cross_entropy(self.forward(x, tab), y, weight=weight)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            total += float(loss.detach()) * len(yb)
            seen += len(yb)
            bar.set_postfix(loss=f"{total / seen:.3f}")
        bar.close()
        return total / max(1, seen)

    def predict_tracks(self, fixed, tab: np.ndarray | None = None) -> np.ndarray:
        """Pooled probabilities per track; `tab`: the tabular values of each patch (tab_rows)."""
        x, owner, y = fixed
        self.net.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(x), 64):
                rows = None if tab is None else tab[i : i + 64]
                out.append(torch.softmax(self.forward(torch.from_numpy(x[i : i + 64]), rows), dim=-1).numpy())
        probs = np.concatenate(out) if out else np.zeros((0, len(self.labels)), np.float32)
        pooled = np.zeros((len(y), len(self.labels)), np.float64)
        np.add.at(pooled, owner, probs)
        pooled /= np.maximum(np.bincount(owner, minlength=len(y)), 1)[:, None]
        return pooled

    def validate(self) -> dict:
        return track_metrics(self.predict_tracks(self.valid, self.valid_tab), self.valid[2], self.labels)

    def step(self, epoch: int) -> dict:
        started = time.perf_counter()
        train_loss = self.train_epoch(epoch)
        m = self.validate()
        self.sched.step(m["loss"])
        better = m["accuracy"] > self.best["accuracy"] + 1e-9 or (
            abs(m["accuracy"] - self.best["accuracy"]) <= 1e-9 and m["loss"] < self.best["loss"] - 1e-4
        )
        if better:
            self.best = {"accuracy": m["accuracy"], "loss": m["loss"], "epoch": epoch}
            self.best_state = {k: v.detach().clone() for k, v in self.net.state_dict().items()}
            self.bad_epochs = 0
        else:
            self.bad_epochs += 1
        self.epoch = epoch
        row = {
            "epoch": epoch,
            "train_loss": round(train_loss, 5),
            "valid_loss": round(m["loss"], 5),
            "valid_accuracy": round(m["accuracy"], 5),
            "lr": self.opt.param_groups[0]["lr"],
            "seconds": round(time.perf_counter() - started, 2),
            "best": bool(better),
        }
        self.history.append(row)
        return row

    # --- checkpoints (the file: trainer.checkpoints)
    def state(self) -> dict:
        """What a checkpoint needs to continue this training after `self.epoch`."""
        return {
            "epoch": self.epoch,
            "model": self.net.state_dict(),
            "optimizer": self.opt.state_dict(),
            "scheduler": self.sched.state_dict(),
            "best": dict(self.best),
            "best_state": self.best_state,
            "bad_epochs": self.bad_epochs,
            "stopped_early": self.stopped_early,
            "history": list(self.history),
        }

    def load(self, ck: dict) -> None:
        self.net.load_state_dict(ck["model"])
        self.opt.load_state_dict(ck["optimizer"])
        self.sched.load_state_dict(ck["scheduler"])
        self.epoch = int(ck["epoch"])
        self.best = dict(ck["best"])
        self.best_state = ck["best_state"]
        self.bad_epochs = int(ck["bad_epochs"])
        self.stopped_early = bool(ck.get("stopped_early", False))
        self.history = list(ck["history"])
