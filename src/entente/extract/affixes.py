"""spaCy's suffix and infix searches, with the same matches found faster.

spaCy's tokenizer splits each new word with regexes: the alternation of its suffix patterns, each
anchored at the end (``p1$|p2$|...``), searched from every position of the word, then its infix
patterns, searched all through what is left.  Their branches open with look-behinds, so the regex
engine tries every branch at every position: on new text most of the tokenizer's time (~3 us a word
each), though nearly every word ends with a letter few suffix patterns can end with, and holds no
character an infix can begin with.

From each pattern's parse we read the characters its match can end (or begin) with:

* :class:`SuffixSearch` searches a word with the alternation of just the suffix patterns that can end
  with its last character, in their order.  Every match of the full alternation ends at the end of the
  word (or before a final newline, where the full one is used), so the patterns left out can match
  nowhere: the match found is the full alternation's own, span and all.
* :class:`InfixFinditer` runs the infix search only on a word holding a character some infix can begin
  with (one character-class scan); elsewhere the full search could find nothing either.
* :class:`PrefixSearch` runs the prefix search (every branch anchored at the start) only on a word whose
  first character some prefix can begin with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from re import _parser as sre_parse  # the stdlib's own regex parser (``sre_parse`` before Python 3.11)

_ANY = None  # a pattern whose last character we cannot bound: tried for every word


class Chars:
    """A set of characters (those a regex match can end or begin with): code point ranges, or any."""

    __slots__ = ("ranges", "any")

    def __init__(self, ranges: Iterable[tuple[int, int]] = (), any_char: bool = False) -> None:
        self.ranges = list(ranges)
        self.any = any_char

    def __or__(self, other: Chars) -> Chars:
        return Chars(self.ranges + other.ranges, self.any or other.any)

    def has(self, ch: str) -> bool:
        if self.any:
            return True
        code = ord(ch)
        return any(lo <= code <= hi for lo, hi in self.ranges)


_NONE, _ALL = Chars(), Chars(any_char=True)


def _class_ends(items: list) -> Chars:
    """A character class ``[...]``: its literals and ranges (a negated class or a category: any)."""
    ranges = []
    for op, av in items:
        if op is sre_parse.LITERAL:
            ranges.append((av, av))
        elif op is sre_parse.RANGE:
            ranges.append(av)
        else:  # NEGATE, CATEGORY (\w, \d ...)
            return _ALL
    return Chars(ranges)


def _item_chars(op, av, flags: int, last: bool = True) -> tuple[Chars, bool]:
    """(the characters one parsed item's match can end with (``last``) or begin with, whether it can match
    the empty string)."""
    if op is sre_parse.LITERAL:
        return Chars([(av, av)]), False
    if op is sre_parse.IN:
        return _class_ends(av), False
    if op in (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return _NONE, True  # zero-width
    if op is sre_parse.SUBPATTERN:
        _, add_flags, _, sub = av
        if (add_flags | flags) & re.IGNORECASE:
            return _ALL, True
        return sequence_chars(sub, flags, last)
    if op is sre_parse.BRANCH:
        ends, empty = _NONE, False
        for sub in av[1]:
            e, z = sequence_chars(sub, flags, last)
            ends, empty = ends | e, empty or z
        return ends, empty
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        ends, empty = sequence_chars(sub, flags, last)
        return ends, empty or low == 0
    if op is getattr(sre_parse, "ATOMIC_GROUP", None):
        return sequence_chars(av, flags, last)
    return _ALL, True  # ANY, NOT_LITERAL, CATEGORY, group references ...: unbounded


def sequence_chars(items, flags: int, last: bool = True) -> tuple[Chars, bool]:
    """The characters a sequence of parsed items can end with (``last``; the last item that consumes a
    character decides, items that may be empty let the one before them end it too) or begin with (the
    same from the front), and whether it can be empty."""
    ends = _NONE
    for op, av in reversed(list(items)) if last else list(items):
        e, empty = _item_chars(op, av, flags, last)
        ends = ends | e
        if not empty:
            return ends, False
    return ends, True


def pattern_chars(pattern: str, flags: int = 0, last: bool = True) -> Chars:
    """The characters a match of ``pattern`` can end with (``last``) or begin with: any, for a pattern
    that can match the empty string or is matched ignoring case."""
    parsed = sre_parse.parse(pattern, flags)
    flags = parsed.state.flags
    if flags & re.IGNORECASE:
        return _ALL
    ends, empty = sequence_chars(parsed, flags, last)
    return _ALL if empty else ends


def char_class(chars: Chars) -> str:
    """A regex character class of ``chars`` (which must not be "any")."""
    parts = [re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in chars.ranges]
    return f"[{''.join(parts)}]" if parts else r"[^\s\S]"


def _no_match(_: str) -> None:
    return None


class SuffixSearch:
    """``compile("|".join(p + "$" for p in pieces)).search``, trying only the pieces that can end with the
    searched text's last character (see the module's docstring); the same matches."""

    def __init__(self, pieces: Iterable[str], flags: int = 0, cap: int = 4096) -> None:
        self.pieces = [p for p in pieces if p.strip()]  # as spacy.util.compile_suffix_regex joins them
        self.full = re.compile("|".join(p + "$" for p in self.pieces), flags)
        self.flags = self.full.flags
        self.ends = [pattern_chars(p + "$", self.flags) for p in self.pieces]
        self.cap = cap
        self.by_last: dict[str, Callable[[str], re.Match[str] | None]] = {}

    @property
    def pattern(self) -> str:
        return self.full.pattern

    def __call__(self, text: str) -> re.Match[str] | None:
        if not text or text[-1] == "\n":  # "$" also matches before a final newline: the full search
            return self.full.search(text)
        search = self.by_last.get(text[-1])
        if search is None:
            search = self._for_last(text[-1])
        return search(text)

    def _for_last(self, ch: str) -> Callable[[str], re.Match[str] | None]:
        chosen = [p for p, ends in zip(self.pieces, self.ends, strict=True) if ends.has(ch)]
        if not chosen:
            search: Callable[[str], re.Match[str] | None] = _no_match
        else:
            compiled = re.compile("|".join(p + "$" for p in chosen), self.flags)
            # a piece with a global inline flag would change the others: then the full alternation
            search = compiled.search if compiled.flags == self.flags else self.full.search
        if len(self.by_last) >= self.cap:
            self.by_last.clear()
        self.by_last[ch] = search
        return search


class PrefixSearch:
    """``compiled.search`` of an alternation of prefixes anchored at the start (``^p1|^p2|...``), skipped for
    a text whose first character no prefix can begin with (its match would begin with that character)."""

    def __init__(self, compiled: re.Pattern[str], cap: int = 4096) -> None:
        self.full = compiled
        self.starts = pattern_chars(compiled.pattern, compiled.flags, last=False)
        self.cap = cap
        self.by_first: dict[str, bool] = {}

    def __call__(self, text: str) -> re.Match[str] | None:
        if not text or self.starts.any:
            return self.full.search(text)
        first = text[0]
        ok = self.by_first.get(first)
        if ok is None:
            if len(self.by_first) >= self.cap:
                self.by_first.clear()
            ok = self.by_first[first] = self.starts.has(first)
        return self.full.search(text) if ok else None


def _anchored_at_start(compiled: re.Pattern[str]) -> bool:
    """Every branch of ``compiled`` begins with ``^`` (so each match begins at the text's start)."""
    parsed = sre_parse.parse(compiled.pattern, compiled.flags)
    if parsed.state.flags & re.MULTILINE or not len(parsed):
        return False
    op, av = parsed[0]
    branches = av[1] if op is sre_parse.BRANCH and len(parsed) == 1 else [parsed]
    return all(len(b) and b[0] == (sre_parse.AT, sre_parse.AT_BEGINNING) for b in branches)


class InfixFinditer:
    """``compiled.finditer``, run only on a text holding a character some match can begin with."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.full = compiled
        starts = pattern_chars(compiled.pattern, compiled.flags, last=False)
        self.gate = None if starts.any else re.compile(char_class(starts))

    def __call__(self, text: str) -> Iterable[re.Match[str]]:
        if self.gate is not None and self.gate.search(text) is None:
            return ()
        return self.full.finditer(text)


def faster_affix_searches(tokenizer, suffixes: Iterable[str]) -> tuple[bool, bool, bool]:
    """Give ``tokenizer`` a :class:`SuffixSearch` of ``suffixes`` when they are what its suffix regex was
    compiled from, an :class:`InfixFinditer` of its infix regex and a :class:`PrefixSearch` of its prefix
    regex when every branch is anchored at the start (each left alone otherwise); whether each was given."""
    compiled = getattr(getattr(tokenizer, "suffix_search", None), "__self__", None)
    suffix = False
    if isinstance(compiled, re.Pattern):
        search = SuffixSearch(suffixes, compiled.flags)
        if search.pattern == compiled.pattern and search.flags == compiled.flags:
            tokenizer.suffix_search = search
            suffix = True
    compiled = getattr(getattr(tokenizer, "infix_finditer", None), "__self__", None)
    infix = isinstance(compiled, re.Pattern)
    if infix:
        tokenizer.infix_finditer = InfixFinditer(compiled)
    compiled = getattr(getattr(tokenizer, "prefix_search", None), "__self__", None)
    prefix = isinstance(compiled, re.Pattern) and _anchored_at_start(compiled)
    if prefix:
        tokenizer.prefix_search = PrefixSearch(compiled)
    return suffix, infix, prefix
