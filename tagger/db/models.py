"""Models: the labels of each model whose results are stored (scores are stored by
position, so the labels say what each score is)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from sqlalchemy.dialects.sqlite import insert

from tagger.db.schema import Analysis, ModelRow

if TYPE_CHECKING:  # library.py imports this module
    from tagger.db.library import Library


def register(lib: Library, info) -> None:
    """Remember a model's labels (`info`: tagger.modelfile metadata). A different file
    under the same name@version (a retrained model) makes the stored results of that
    key stale: they are dropped."""
    digest = _file_digest(info.path) if info.path else None
    labels = json.dumps(list(info.labels), ensure_ascii=False)
    kinds = json.dumps(list(info.label_kinds))
    new = {"key": info.key, "labels_json": labels, "kinds_json": kinds, "path": info.path, "digest": digest}
    with lib.session() as s:
        # inserted unless there (also when another process registered it since: two
        # analyses started together)
        if s.execute(insert(ModelRow).values(new).on_conflict_do_nothing().returning(ModelRow.key)).first():
            return
        row = s.get(ModelRow, info.key)
        if row is None:  # (the insert found it there)
            raise LookupError(f"model {info.key} is not in the library")
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
