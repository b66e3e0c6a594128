"""Which lexicon entries can match in a stretch of text, without one ``str.find`` per entry.

Lexicons (areas, agreement heads) skip an entry's regex when a literal every
match of it contains is absent from the stretch (``hay.find(literal, start, end)``).
Looping over every entry for every sentence is the cost; this index answers the
same question from the words of the document instead:

* each literal is reduced to a *key*, its longest ``\\w+`` run, lower case;
* a literal inside the stretch puts its key inside one ``\\w+`` run of the
  lower-cased text that overlaps the stretch;
* so the entries worth testing are those whose key is a substring of such a
  word (a per-word answer cached across documents), and only they are then
  tested with the very same ``find`` as before.

The result is exactly the set of entries the per-entry loop keeps, in lexicon order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class _DocWords:
    text: str
    low: str | None
    starts: list[int]
    ends: list[int]
    hits: list[tuple[int, ...]]  # entries whose key is inside each word (only words with some)


class LiteralFilter:
    """``candidates(text, low, start, end)``: indices ``i`` of entries worth running in ``text[start:end]``.

    ``literals[i]`` is ``(literals, case_sensitive)``: strings every match of entry ``i``
    contains (all of them must be in the stretch), or ``None`` (always kept).  Case-sensitive
    literals are looked for in ``text``, the others in ``low`` (``text.lower()``, or ``None``
    when that is not a safe stand-in, and then they are always kept).
    """

    def __init__(self, literals: list[tuple[tuple[str, ...] | None, bool]]) -> None:
        self.literals = literals
        self.always: tuple[int, ...] = tuple(i for i, (lits, _) in enumerate(literals) if not lits)
        self.insensitive: tuple[int, ...] = tuple(i for i, (lits, cs) in enumerate(literals) if lits and not cs)
        self.keys: dict[str, list[int]] = {}
        for i, (lits, _) in enumerate(literals):
            if not lits:
                continue
            runs = [r for lit in lits if len(lit.lower()) == len(lit) for r in _WORD.findall(lit.lower())]
            if not runs:
                self.always = tuple(sorted({*self.always, i}))
                continue
            self.keys.setdefault(max(runs, key=len), []).append(i)
        self._key_lengths = sorted({len(k) for k in self.keys})
        self._per_word: dict[str, tuple[int, ...]] = {}
        self._doc: _DocWords | None = None

    def _entries_in(self, word: str) -> tuple[int, ...]:
        hit = self._per_word.get(word)
        if hit is None:
            found: set[int] = set()
            keys = self.keys
            n = len(word)
            for length in self._key_lengths:
                if length > n:
                    break
                for a in range(n - length + 1):
                    ids = keys.get(word[a : a + length])
                    if ids:
                        found.update(ids)
            hit = tuple(sorted(found))
            if len(self._per_word) > _CACHE_LIMIT:
                self._per_word.clear()
            self._per_word[word] = hit
        return hit

    def _words(self, text: str, low: str | None) -> _DocWords:
        doc = self._doc
        if doc is not None and doc.text is text and doc.low is low:
            return doc
        hay = low if low is not None else text.lower()
        starts: list[int] = []
        ends: list[int] = []
        hits: list[tuple[int, ...]] = []
        if len(hay) == len(text):
            for m in _WORD.finditer(hay):
                hit = self._entries_in(m.group(0))
                if hit:
                    starts.append(m.start())
                    ends.append(m.end())
                    hits.append(hit)
        doc = _DocWords(text, low, starts, ends, hits)
        self._doc = doc
        return doc

    def candidates(self, text: str, low: str | None, start: int, end: int) -> list[int]:
        words = self._words(text, low)
        if low is None and len(text.lower()) != len(text):
            pool: set[int] = set(range(len(self.literals)))
        else:
            pool = set(self.always)
            if low is None:
                pool.update(self.insensitive)
            # Words overlapping [start, end): ends after start, starts before end.
            lo = bisect_right(words.ends, start)
            hi = bisect_left(words.starts, end)
            for k in range(lo, hi):
                pool.update(words.hits[k])
        out = []
        literals = self.literals
        for i in sorted(pool):
            lits, case_sensitive = literals[i]
            hay = text if case_sensitive else low
            if lits and hay is not None:
                for lit in lits:
                    if hay.find(lit, start, end) < 0:
                        break
                else:
                    out.append(i)
                continue
            out.append(i)
        return out
