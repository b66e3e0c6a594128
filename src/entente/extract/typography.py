"""Typographic quotes and apostrophes, folded once for all lexicon matching.

``’`` ``‘`` ``‛`` ``ʼ`` ``′`` read as ``'`` and ``“`` ``”`` ``„`` ``″`` as ``"``: one character for one, so every offset in
the folded text is the offset in the document.  :class:`~entente.extract.lexicon.Lexicon` folds its forms and the
text it searches; :mod:`entente.extract.tokens` folds a token's lower-case text.
"""

from __future__ import annotations

TYPOGRAPHIC = str.maketrans(
    {"’": "'", "‘": "'", "‛": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'}
)
_MARKS = frozenset("’‘‛ʼ′“”„″")


def plain(text: str) -> str:
    """``text`` with typographic quotes and apostrophes as ASCII ones (the same length)."""
    if text.isascii() or not _MARKS.intersection(text):
        return text
    return text.translate(TYPOGRAPHIC)


_last: tuple[str, str] = ("", "")


def plain_cached(text: str) -> str:
    """:func:`plain` of a document searched by many lexicons in turn: folded once, not once per lexicon."""
    global _last
    if text.isascii():
        return text
    if _last[0] is text:
        return _last[1]
    folded = plain(text)
    _last = (text, folded)
    return folded
