"""A model's metadata as people read it: name, version, labels by kind, licence, and the
evaluation figures as a small table. `tagger models` and the Settings dialog show this
same text (one summary, two places)."""

from __future__ import annotations

KIND_ORDER = ("genre", "mood", "era", "instrument", "voice", "other")


def labels_by_kind(info) -> list[tuple[str, list[str]]]:
    """(kind, its labels' tags, each once: a fused model's taggers share some) in a fixed
    kind order, empty kinds left out."""
    kinds: dict[str, list[str]] = {}
    for tag, kind in zip(info.tags, info.label_kinds):
        if tag not in kinds.setdefault(kind, []):
            kinds[kind].append(tag)
    order = [k for k in KIND_ORDER if k in kinds] + sorted(k for k in kinds if k not in KIND_ORDER)
    return [(k, kinds[k]) for k in order]


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(rows: list[tuple[str, dict]]) -> list[str]:
    """Rows of figures as aligned text columns (first column: the row's name)."""
    columns: list[str] = []
    for _, figures in rows:
        columns.extend(k for k in figures if k not in columns)
    header = ["", *(c.replace("_", " ") for c in columns)]
    body = [[name.replace("_", " "), *(_cell(f.get(c, "")) for c in columns)] for name, f in rows]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in [header, *body]]


def shown_evaluation(evaluation: dict) -> dict:
    """`evaluation` as people read it: the training record's content digests of the
    training files (`trained_on`, one per file, for `trainer evaluate`) as their count."""
    split = evaluation.get("training_split")
    if not isinstance(split, dict) or "trained_on" not in split:
        return evaluation
    files = len(split["trained_on"] or ())
    return {**evaluation, "training_split": {**split, "trained_on": f"{files} files (content digests)"}}


def evaluation_lines(evaluation: dict) -> list[str]:
    """Single figures and text as "name: value" lines (in full: the JSON is no longer
    cut); figures per subset (dicts) as one aligned table."""
    lines: list[str] = []
    rows: list[tuple[str, dict]] = []
    for key, value in shown_evaluation(evaluation).items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            rows.extend((f"{key}: {sub}", figs) for sub, figs in value.items())
        elif isinstance(value, dict):
            rows.append((key, value))
        else:
            shown = ", ".join(map(_cell, value)) if isinstance(value, list) else _cell(value)
            lines.append(f"{key.replace('_', ' ')}: {shown}")
    if rows:
        lines.extend(_table(rows))
    return lines


def summary_lines(info) -> list[str]:
    lines = [f"{info.name} {info.version}"]
    if info.description:
        lines.append(info.description)
    # tags as the model names them; the vocabulary joins some into one genre (README: 33)
    lines.append(f"{len(info.labels)} labels, {len(info.genre_tags)} genre tags:")
    for kind, labels in labels_by_kind(info):
        lines.append(f"  {kind} ({len(labels)}): {', '.join(labels)}")
    licence = info.license or "not stated"
    lines.append(f"licence: {licence}" + (f". {info.credit}" if info.credit else ""))
    if info.evaluation:
        lines.append("evaluation:")
        lines.extend(f"  {line}" for line in evaluation_lines(info.evaluation))
    if info.path:
        lines.append(f"file: {info.path}")
    return lines


def summary(info) -> str:
    return "\n".join(summary_lines(info))
