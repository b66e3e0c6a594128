"""Fast matching of a fixed list of literal surface forms (gazetteers, lexicons).

``Lexicon(forms, not_before, not_after).finditer(text)`` finds exactly what
``re.finditer(rf"(?<!{not_before})(?:{alternation})(?!{not_after})", text)`` finds when the
alternation lists the escaped forms longest first: at the leftmost possible position the
longest form whose right context is acceptable, then the search resumes after it.

Python's ``re`` tries the branches of a large alternation one by one at every position of
the text, which costs milliseconds per document for a few thousand forms.  Here one small
regex finds the possible start positions (a first character of some form, with an
acceptable left context) and the forms are tried by slicing the text at the lengths
known for that prefix and looking the slice up in a set: the same result, by dict lookups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_PREFIX = 3  # forms are indexed by their first few characters


class Lexicon:
    """Leftmost-longest literal matching of ``forms`` with a one-character left and a regex right context."""

    def __init__(self, forms: Iterable[str], not_before: str, not_after: str) -> None:
        """``not_before``: a regex for the character that must not precede a match (e.g. ``r"[\\w.]"``);
        ``not_after``: a regex that must not match right after it (e.g. ``r"[\\w]|\\.\\w"``)."""
        self.forms = frozenset(f for f in forms if f)
        self.size = min((len(f) for f in self.forms), default=1)
        self.size = min(self.size, _PREFIX)
        lengths: dict[str, set[int]] = {}
        for f in self.forms:
            lengths.setdefault(f[: self.size], set()).add(len(f))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        firsts = "".join(sorted({re.escape(f[0]) for f in self.forms})) or r"\x00"
        self._start = re.compile(rf"(?<!{not_before})[{firsts}]")
        self._after = re.compile(not_after)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int, str]]:
        """``(start, end, form)`` of each match in ``text[pos:endpos]``, left to right, not overlapping."""
        n = len(text) if endpos is None else min(endpos, len(text))
        forms, lengths, size, after = self.forms, self.lengths, self.size, self._after.match
        last = pos
        for m in self._start.finditer(text, pos, n):
            p = m.start()
            if p < last:
                continue
            for length in lengths.get(text[p : p + size], ()):
                end = p + length
                if end > n:
                    continue
                form = text[p:end]
                if form in forms and after(text, end, n) is None:
                    yield p, end, form
                    last = end
                    break
