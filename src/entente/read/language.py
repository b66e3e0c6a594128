"""A cheap guess whether a text is English; extraction rules are English-only."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
# The most frequent English function words: a real English article is full of them.
_ENGLISH = frozenset(
    "the of and to in a is that for on with as by at from was are be it has have its will "
    "said this an which were their been also not but after or two".split()
)


def language_warning(text: str, sample_chars: int = 20_000) -> str | None:
    """A warning when the text does not look like English, else ``None``."""
    sample = text[:sample_chars]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 30:
        return None
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    if latin < 0.5 * len(letters):
        return "text is mostly in a non-Latin script; entente's rules read English only, so few facts are expected"
    words = _WORD.findall(sample)
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    if common < 0.08 * len(words):
        return "text does not look like English; entente's rules read English only, so few facts are expected"
    return None
