"""The core's sentences (tagger.messages.Message) in the app's language.

The core says why a row was left alone, why a file was not written, why the personal
model is not used, as English templates with named parameters; here the template is
translated by key (context "core": the entries scripts/translations.sh lists for lupdate
from tagger.messages.TEMPLATES) and filled with the same parameters. Text that is not
a Message (an OS error, a file name, a model key) is shown as it is."""

from __future__ import annotations

import functools
import re
import string
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from tagger.messages import TEMPLATES, Message

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


def stored(text: str | None) -> str:
    """A core sentence the library stored as English text (a write's per-file reason in
    the history), recognised by its template and shown in the app's language; a line
    of another making as it is. (Values in memory are Messages: `text` is for them.)"""
    if not text:
        return ""
    for template, pattern in _patterns():
        m = pattern.match(text)
        if m is None:
            continue
        params = {k: stored(v) for k, v in m.groupdict().items()}  # "genres" in "{what} changed…" too
        translated = QCoreApplication.translate(CONTEXT, template)
        return _PLACEHOLDER.sub(lambda p, params=params: params.get(p.group(1), p.group(0)), translated)
    return text


_PLACEHOLDER = re.compile(r"\{(\w+)(?:![rsa])?(?::[^}]*)?\}")  # {name}, {name!r}, {score:.2f}


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """(template, the regular expression of its English lines), the most literal text first
    (so "no album suggestion yet (…)" wins over "no album suggestion: {why}")."""
    out = []
    for template in dict.fromkeys(TEMPLATES):
        parts, seen = [], set()
        for literal, name, _, _ in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if name:
                parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
                seen.add(name)
        out.append((template, re.compile("^" + "".join(parts) + "$", re.S)))
    return sorted(out, key=lambda tp: -len(_PLACEHOLDER.sub("", tp[0])))


def sentence(value: Any) -> str:
    """`text`, starting with a capital letter (a line of its own in the status bar)."""
    t = text(value)
    return t[:1].upper() + t[1:]


def refusals(refused, accepting: bool = True) -> str:
    """tagger.app.decisions.refusal_summary in the app's language: '2 without a
    suggestion left alone: not analysed by … (1); best genre below the threshold (1)';
    not `accepting` (an override, a skip): '1 left alone: the file could not be read: …'."""
    from tagger.app.decisions import refusal_reasons

    return _Counted().refusals(refusal_reasons(refused), len(refused), accepting)


class _Counted(QObject):
    def refusals(self, reasons: dict, n: int, accepting: bool = True) -> str:
        if not n:
            return ""
        shown = "; ".join(f"{text(t)} ({k})" if len(reasons) > 1 else text(t) for t, k in reasons.items())
        if not accepting:
            return self.tr("%n left alone: {reasons}", "", n).format(reasons=shown)
        return self.tr("%n without a suggestion left alone: {reasons}", "", n).format(reasons=shown)
