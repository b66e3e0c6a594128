"""Fast matching of a fixed list of literal surface forms (gazetteers, lexicons).

``Lexicon(forms, not_before, not_after).finditer(text)`` finds exactly what
``re.finditer(rf"(?<!{not_before})(?:{alternation})(?!{not_after})", text)`` finds when the
alternation lists the escaped forms longest first: at the leftmost possible position the
longest form whose right context is acceptable, then the search resumes after it.

Python's ``re`` tries the branches of a large alternation one by one at every position of
the text, which costs milliseconds per document for a few thousand forms.  Here one small
regex finds the words that may start a match (a first character of some form, with an
acceptable left context) and a dict gives the forms starting with that word, longest
first: the same result, with one dict lookup per word.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from .typography import plain, plain_cached

_RUN = re.compile(r"\w+")


def _start_pattern(runs: Iterable[str], not_before: str) -> str:
    """A regex for the words that may start a match: a first character (then the look behind it,
    so that re skips fast to the possible first characters), the prefix that every first word
    starting with that character shares, then the rest of the word."""
    by_first: dict[str, list[str]] = {}
    for run in runs:
        by_first.setdefault(run[0], []).append(run)
    single = []
    branches = []
    for first, group in sorted(by_first.items()):
        shared = os.path.commonprefix(group)
        if len(shared) == 1:
            single.append(re.escape(first))
        else:
            branches.append(rf"{re.escape(first)}(?<!{not_before}.){re.escape(shared[1:])}\w*")
    if single:
        branches.insert(0, rf"[{''.join(single)}](?<!{not_before}.)\w*")
    return "|".join(branches) or r"[^\s\S]"


class Lexicon:
    """Leftmost-longest literal matching of ``forms`` with a one-character left and a regex right context.

    Every form must start with a word character and ``not_before`` must reject word characters,
    so a match starts a word; and ``not_after`` must reject a word character right after it, so a
    form's first run of word characters is the text's whole run there.  The forms are indexed by
    that first run: one dict lookup per word of the text.
    """

    def __init__(self, forms: Iterable[str], not_before: str, not_after: str) -> None:
        """``not_before``: a character class that must not precede a match and that holds ``\\w``
        (e.g. ``r"[\\w.]"``); ``not_after``: a regex that must not match right after it and that
        matches any word character (e.g. ``r"[\\w]|\\.\\w"``)."""
        self.forms = frozenset(f for f in forms if f)
        behind, after = re.compile(not_before), re.compile(not_after)
        if "\\w" not in not_before or not all(behind.fullmatch(c) and after.match(c) for c in "aZ0_é"):
            raise ValueError("a lexicon match must start and end a word")
        # Forms and text are matched with typographic quotes folded ("Cote d’Ivoire" finds "Cote d'Ivoire"); the
        # form yielded is the form as given (the first given, when two fold alike).
        self._given: dict[str, str] = {}
        for f in sorted(self.forms):
            self._given.setdefault(plain(f), f)
        by_run: dict[str, list[str]] = {}
        for f in self._given:
            run = _RUN.match(f)
            if run is None:
                raise ValueError(f"a lexicon form must start with a word character: {f!r}")
            by_run.setdefault(run.group(0), []).append(f)
        self.by_run = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_run.items()}
        self._start = re.compile(_start_pattern(self.by_run, not_before))
        self._after = after

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int, str]]:
        """``(start, end, form)`` of each match in ``text[pos:endpos]``, left to right, not overlapping."""
        n = len(text) if endpos is None else min(endpos, len(text))
        text = plain_cached(text)
        by_run, after, given = self.by_run, self._after.match, self._given
        last = pos
        for m in self._start.finditer(text, pos, n):
            forms = by_run.get(m.group())
            if forms is None:
                continue
            p = m.start()
            if p < last:
                continue
            for form in forms:
                end = p + len(form)
                if end <= n and text.startswith(form, p) and after(text, end, n) is None:
                    yield p, end, given[form]
                    last = end
                    break
