"""The key people are merged on: a name compared without its honorifics and name particles.

"Anwar bin Ibrahim" and "Anwar Ibrahim", "Abdel Fattah El-Sisi" and "Abdel Fattah al-Sisi", "Datuk Seri
Anwar Ibrahim" and "Anwar Ibrahim" have one key.  Only the key ignores them: the name a page shows keeps
its particles as written.  The words come from ``data/honorifics.json`` (its honorific forms and their
spellings, its patronymics) and :data:`_KEY_PARTICLES` (the Arabic article and "ibn"); surname particles
such as "van" or "de" stay ("Vo Van Thuong" is not "Vo Thuong").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..data import load

_KEY_PARTICLES = frozenset({"al", "el", "ibn"})  # "al-Sisi" / "el-Sisi" / "Sisi"
_ARTICLE = re.compile(r"^(?:al|el)[-‐‑’']", re.I)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.lower().replace("’", "'")


@cache
def _honorific_forms() -> tuple[tuple[str, ...], ...]:
    """Honorific forms as word tuples (with each spelling variant), longest first."""
    data = load("honorifics.json")
    variants: dict[str, set[str]] = {}
    for group in data.spellings:
        words = {_fold(w) for w in group}
        for w in words:
            variants.setdefault(w, set()).update(words)
    forms: set[tuple[str, ...]] = set()
    for h in data.honorifics:
        options: list[tuple[str, ...]] = [()]
        for word in _fold(h.form).split():
            options = [o + (v,) for o in options for v in sorted(variants.get(word, {word}))]
        forms.update(options)
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def _ignored() -> frozenset[str]:
    return frozenset(_fold(p) for p in load("honorifics.json").patronymics) | _KEY_PARTICLES


def name_key(name: str | None) -> str:
    """The name, case- and accent-folded, without leading honorifics, patronymics and Arabic articles."""
    words = [w.strip(".,") for w in _fold(name or "").split()]
    words = [w for w in words if w]
    stripped = True
    while stripped and words:
        stripped = False
        for form in _honorific_forms():
            if len(form) < len(words) and tuple(w.rstrip(".") for w in words[: len(form)]) == form:
                words = words[len(form) :]
                stripped = True
                break
    ignored = _ignored()
    out = []
    for w in words:
        if w in ignored:
            continue
        out.append(_ARTICLE.sub("", w))
    return " ".join(out) or _fold(name or "").strip()


def distinct_names(names: list[str]) -> list[str]:
    """The names, one per :func:`name_key` (the first written), in order."""
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(name_key(n), n)
    return list(seen.values())
