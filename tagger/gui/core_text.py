"""The core's sentences (tagger.messages.Message) in the app's language.

The core says why a row was left alone, why a file was not written, why the personal
model is not used, as English templates with named parameters; here the template is
translated by key (context "core": the entries scripts/translations.sh lists for lupdate
from tagger.messages.TEMPLATES) and filled with the same parameters. Text that is not
a Message (an OS error, a file name, a model key) is shown as it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from tagger.messages import Message

CONTEXT = "core"


def text(value: Any) -> str:
    """`value` in the app's language when the core made it a Message; else as it is."""
    if value is None:
        return ""
    if not isinstance(value, Message):
        return str(value)
    params = {k: text(v) if isinstance(v, Message) else v for k, v in value.params.items()}
    try:
        return QCoreApplication.translate(CONTEXT, value.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(value)


def sentence(value: Any) -> str:
    """`text`, starting with a capital letter (a line of its own in the status bar)."""
    t = text(value)
    return t[:1].upper() + t[1:]


def refusals(refused) -> str:
    """tagger.app.decisions.refusal_summary in the app's language: '2 without a
    suggestion left alone: not analysed by … (1); best genre below the threshold (1)'."""
    from tagger.app.decisions import refusal_reasons

    return _Counted().refusals(refusal_reasons(refused), len(refused))


class _Counted(QObject):
    def refusals(self, reasons: dict, n: int) -> str:
        if not n:
            return ""
        shown = "; ".join(f"{text(t)} ({k})" if len(reasons) > 1 else text(t) for t, k in reasons.items())
        return self.tr("%n without a suggestion left alone: {reasons}", "", n).format(reasons=shown)
