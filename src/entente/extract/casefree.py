"""Case-insensitive searches done on the lower-cased text, without ``re.IGNORECASE``: the same places.

Python's regex engine has no fast scan for the first character of a case-insensitive pattern and folds the
case of every character it compares; on the lower-cased text the case-sensitive pattern finds the same
matches several times faster (an alternation of words: 25 µs against 3.8 µs a sentence).  When that holds:
:class:`CaseFreeScan` (the pattern side), :func:`case_free` / :func:`case_free_text` (the text side, ``None``
when the lower case is no stand-in), :func:`scan_of` (one scan per pattern, kept by identity).
``lexfilter`` re-exports all of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Characters that str.lower() lengthens, or that re.IGNORECASE matches to ASCII letters: with any
# of them in a text, "the lower-cased text holds the literal" is no longer implied by a match.
CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered(text: str) -> str | None:
    """``text.lower()`` of the last text asked about (one string, shared by the filters, so that their words
    are read once), or ``None`` when it is no safe stand-in for literal searches: lowering moves offsets
    or the text holds :data:`CASE_ODD` characters."""
    if _LOWERED[0] is not text:
        low = text.lower()
        _LOWERED[0], _LOWERED[1] = text, (low if len(low) == len(text) and not CASE_ODD.search(text) else None)
    return _LOWERED[1]


_LOWERED: list = [None, None]  # (text, its lower case or None): the last text seen


class CaseFreeScan:
    """``regex.finditer`` of a case-insensitive starts regex (:meth:`StartFilter.starts_regex`) done on the
    lower-cased text without ``re.IGNORECASE``: the same places, found about twice as fast.

    Only for a regex with no upper-case character, whose characters are ASCII or caseless symbols ("’", "“":
    no letter, the same in either case) (its literals are lower-case characters; ``\\w``, ``\\s``, ``\\d``,
    ``\\b`` keep their meaning on the lower-cased text), and only for a text whose lower-casing keeps every
    offset and only lower-cases ASCII letters to ASCII letters (none of :data:`CASE_ODD`, no "Σ", whose lower
    case depends on the next letter: :func:`case_free_text`): otherwise the regex itself.
    """

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        # Under re.I ``A-Z`` (a class's range, or the literal letters) means what ``a-z`` means, and on the
        # lower-cased text every ASCII letter is one of ``a-z``; the ``P`` of a named group (``(?P<name>``,
        # ``(?P=name)``) is syntax.
        plain = regex.pattern.replace("A-Za-z", "a-z").replace("A-Z", "a-z")
        syntax_free = plain.replace("(?P<", "(?<").replace("(?P=", "(?=")
        self.lower: re.Pattern[str] | None = None
        # A part that turns re.I off (``(?-i:[A-Z])``, ``(?-i:may)``) asks for the case as written: never here.
        if regex.flags & re.I and "(?-" not in plain and all(_case_free_char(c) for c in syntax_free):
            self.lower = re.compile(plain, regex.flags & ~re.I)

    def on(self, text: str, low: str | None) -> tuple[re.Pattern[str], str]:
        """The regex and the string to search for ``text``, given ``low = case_free_text(text)``: offsets
        and matches' spans are the text's (a match's group is lower case: read it from ``text``)."""
        if self.lower is None or low is None:
            return self.regex, text
        return self.lower, low

    def prepare(self, text: str) -> tuple[re.Pattern[str], str]:
        """The regex and the text to scan for ``text`` (the lower-cased text with the case-sensitive regex,
        when that finds the same places)."""
        if self.lower is None:
            return self.regex, text
        low = text.lower()
        if len(low) != len(text) or "Σ" in text or CASE_ODD.search(text):
            return self.regex, text
        return self.lower, low

    def found(self, text: str, pos: int = 0) -> bool:
        """``regex.search(text, pos) is not None``, on the lower-cased text where that finds the same."""
        if self.lower is not None:
            low = case_free(text)
            if low is not None:
                return self.lower.search(low, pos) is not None
        return self.regex.search(text, pos) is not None

    def starts(self, text: str) -> list[int]:
        """``[m.start() for m in regex.finditer(text)]``."""
        regex, scanned = self.prepare(text)
        return [m.start() for m in regex.finditer(scanned)]

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str] | CaseFreeMatch]:
        """``regex.finditer(text)``, given ``low = case_free_text(text)``: on the lower-cased text where that
        finds the same, each match then a :class:`CaseFreeMatch` (its groups read from ``text``)."""
        regex, hay = self.on(text, low)
        if hay is text:
            yield from regex.finditer(text)
            return
        for m in regex.finditer(hay):
            yield CaseFreeMatch(m, text)


_SCANS: dict[int, tuple[re.Pattern[str], CaseFreeScan]] = {}


def scan_of(pattern: re.Pattern[str]) -> CaseFreeScan:
    """``CaseFreeScan(pattern)``, made once per pattern.  Kept by the pattern's identity, not by its hash: a
    compiled pattern's hash is computed anew each time over its whole program (thousands of instructions for
    an alternation of words), which is what a ``functools.cache`` keyed by the pattern pays on every call.
    The entry holds the pattern, so its ``id`` is never another object's while the entry lives."""
    hit = _SCANS.get(id(pattern))
    if hit is None or hit[0] is not pattern:
        hit = _SCANS[id(pattern)] = (pattern, CaseFreeScan(pattern))
    return hit[1]


class CaseFreeMatch:
    """A match found on the lower-cased text, read as one on the text: the same spans, groups as written."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m = m
        self._text = text

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._m.span(group)

    def group(self, group: int | str = 0) -> str | None:
        start, end = self._m.span(group)
        return None if start < 0 else self._text[start:end]


def _case_free_char(c: str) -> bool:
    """A regex character that means the same on the lower-cased text without ``re.IGNORECASE``."""
    if c.isascii():
        return not c.isupper()
    return c.lower() == c == c.upper() and not c.isalnum() and unicodedata.category(c)[0] in "SP"


def case_free(text: str) -> str | None:
    """``text.lower()`` when a :class:`CaseFreeScan` regex finds on it what the case-insensitive regex finds on
    ``text``, else ``None`` (not kept: for sentences and windows; :func:`case_free_text` for a document)."""
    if text.isascii():  # no character that lowers oddly (a constant-time test)
        return text.lower()
    low = text.lower()
    return low if len(low) == len(text) and "Σ" not in text and not CASE_ODD.search(text) else None


_CASE_FREE: list = [None, None]  # (text, case_free_text(text)): the last text seen


def case_free_text(text: str) -> str | None:
    """``text.lower()`` when a :class:`CaseFreeScan` regex finds on it what the case-insensitive regex finds on
    ``text`` (see there), else ``None``; the last text's answer is kept."""
    if _CASE_FREE[0] is not text:
        low = lowered(text)
        _CASE_FREE[0], _CASE_FREE[1] = text, (low if low is not None and "Σ" not in text else None)
    return _CASE_FREE[1]
