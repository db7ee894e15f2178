"""The model card `trainer fit` writes next to a model (`MODEL.md`), and its evaluation
section, which `trainer evaluate --update-model` replaces between the two markers."""

from __future__ import annotations

import json
from pathlib import Path

EVAL_START = "<!-- evaluation:start -->"
EVAL_END = "<!-- evaluation:end -->"


def evaluation_markdown(evaluation: dict) -> str:
    from tagger.model_summary import shown_evaluation

    rows = "\n".join(f"| {k} | {_cell(v)} |" for k, v in shown_evaluation(evaluation).items())
    return f"{EVAL_START}\n## Evaluation\n\n| figure | value |\n|---|---|\n{rows}\n{EVAL_END}"


def _cell(value) -> str:
    return f"`{json.dumps(value)}`" if isinstance(value, (dict, list)) else str(value)


def _arch_settings(cfg: dict) -> str:
    if cfg["arch"] == "vgg-transfer":  # the width does not apply to a pretrained backbone
        blocks = cfg.get("train_blocks")
        return "MSD VGG backbone frozen" if blocks == 0 else f"MSD VGG, last {blocks} conv block(s) fine-tuned"
    return f"width {cfg['width']}"


def _tabular_line(info) -> str:
    if not info.tabular_input:
        return ""
    return (
        f"- Track data: input `{info.tabular_input}` [batch, {len(info.tabular_columns)}] = "
        f"{', '.join(info.tabular_columns)} (tagger/tabular.py; standardised inside the network)\n"
    )


def write_model_card(out: Path, info, summary: dict) -> Path:
    cfg = summary["config"]
    card = out.with_suffix(".md")
    hist = "\n".join(
        f"| {h['epoch']} | {h['train_loss']:.3f} | {h['valid_loss']:.3f} | {h['valid_accuracy']:.3f} |"
        f"{' best' if h['best'] else ''} |"
        for h in summary["history"]
    )
    per_class = "\n".join(
        f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        for c, v in summary["per_class"].items()
    )
    notes = "\n".join(f"- {n}" for n in summary["notes"]) or "- (none)"
    text = f"""# {info.name} {info.version}

{info.description}

- Labels ({len(info.labels)}, kind `genre`, softmax, mean-pooled over patches): {", ".join(info.labels)}
- Architecture: `{cfg["arch"]}` ({_arch_settings(cfg)}), {summary["parameters"]:,} parameters
{_tabular_line(info)}- Input: `{info.input_name}` float32 [batch, {info.feature_spec["patch_frames"]} frames, {info.feature_spec["n_mels"]} mels];
  output `{info.output_name}` [batch, {len(info.labels)}]
- Feature spec: `{json.dumps(info.feature_spec, sort_keys=True)}`
- Licence: {info.license}{f"; credit: {info.credit}" if info.credit else ""}
- Made by `trainer fit` (seed {cfg["seed"]}, batch {cfg["batch_size"]}, lr {cfg["lr"]}, mixup {cfg["mixup"]},
  gain +-{cfg["gain_db"]} dB, balance {cfg["balance"]}, {cfg["patches_per_track"]} patches/track/epoch);
  training {summary["train_seconds"]} s, features {summary["feature_seconds"]} s.
- onnxruntime vs PyTorch: max |difference| {summary["parity_max_abs_diff"]:.1e}

## Data

`{cfg["data"]}`: split {summary["splits"]}

{notes}

{evaluation_markdown(info.evaluation)}

| class | precision | recall | F1 | tracks |
|---|---|---|---|---|
{per_class}

## Training history

| epoch | train loss | valid loss | valid accuracy | |
|---|---|---|---|---|
{hist}
"""
    card.write_text(text)
    return card
