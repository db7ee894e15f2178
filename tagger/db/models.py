"""Models: the labels of each model whose results are stored (scores are stored by
position, so the labels say what each score is)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from tagger.db.schema import Analysis, ModelRow

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library


def register(lib: Library, info) -> None:
    """Remember a model's labels (`info`: tagger.modelfile metadata). A different file
    under the same name@version (a retrained model) makes the stored results of that
    key stale: they are dropped."""
    digest = _file_digest(info.path) if info.path else None
    with lib.session() as s:
        row = s.get(ModelRow, info.key)
        labels = json.dumps(list(info.labels), ensure_ascii=False)
        kinds = json.dumps(list(info.label_kinds))
        if row is None:
            s.add(ModelRow(key=info.key, labels_json=labels, kinds_json=kinds, path=info.path, digest=digest))
            return
        if digest and row.digest and row.digest != digest:
            s.query(Analysis).filter(Analysis.model_key == info.key).delete()
        row.labels_json, row.kinds_json, row.path = labels, kinds, info.path
        row.digest = digest or row.digest


def _file_digest(path) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None
