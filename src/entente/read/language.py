"""A cheap guess whether a text is English; extraction rules are English-only."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_EXTENDED = re.compile("[\u00c0-\u024f]")
# The most frequent English function words: a real English article is full of them.
_ENGLISH = frozenset(
    "the of and to in a is that for on with as by at from was are be it has have its will "
    "said this an which were their been also not but after or two".split()
)


def language_warning(text: str, sample_chars: int = 20_000) -> str | None:
    """A warning when the text does not look like English, else ``None``."""
    sample = text[:sample_chars]
    letters = "".join(filter(str.isalpha, sample))  # (C loops: no Python code per character)
    if len(letters) < 30:
        return None
    # Latin letters: the ASCII ones and those of Latin-1 Supplement to Latin Extended-B
    latin = len(letters) if letters.isascii() else (len(letters.encode("ascii", "ignore"))
                                                     + len(_LATIN_EXTENDED.findall(letters)))
    if latin < 0.5 * len(letters):
        return "text is mostly in a non-Latin script; entente's rules read English only, so few facts are expected"
    words = _WORD.findall(sample)
    common = sum(map(_ENGLISH.__contains__, map(str.lower, words)))
    if common < 0.08 * len(words):
        return "text does not look like English; entente's rules read English only, so few facts are expected"
    return None
