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
import re._constants as _c
import re._parser as _parser
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .alternation import compile_ci as compile_ci
from .alternation import factor_alternation as factor_alternation
from .alternation import factor_groups as factor_groups
from .casefree import CASE_ODD as CASE_ODD
from .casefree import CaseFreeMatch as CaseFreeMatch
from .casefree import CaseFreeScan as CaseFreeScan
from .casefree import case_free as case_free
from .casefree import case_free_text as case_free_text
from .casefree import lowered as lowered
from .casefree import scan_of as scan_of

_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class _Tokens:
    text: str
    low: str | None
    starts: list[int]
    ends: list[int]
    words: list[str]


_TOKENS: list[_Tokens | None] = [None]  # the words of the last text seen, shared by the filters


def _tokens(text: str, low: str | None) -> _Tokens:
    """Every ``\\w+`` run of the lower-cased text (none if lowering moves offsets)."""
    tokens = _TOKENS[0]
    if tokens is None or tokens.text is not text or tokens.low is not low:
        hay = low if low is not None else text.lower()
        starts: list[int] = []
        ends: list[int] = []
        words: list[str] = []
        if len(hay) == len(text):
            for m in _WORD.finditer(hay):
                starts.append(m.start())
                ends.append(m.end())
                words.append(m.group(0))
        tokens = _TOKENS[0] = _Tokens(text, low, starts, ends, words)
    return tokens


def _add_word_hits(pool: set[int], tokens, start: int, end: int, cached, compute) -> None:
    """Add to ``pool`` the entries keyed in each word overlapping ``[start, end)`` (a word ends after
    ``start`` and starts before ``end``): ``cached(word)`` when known, else ``compute(word)``."""
    lo = bisect_right(tokens.ends, start)
    hi = bisect_left(tokens.starts, end)
    for word in tokens.words[lo:hi]:
        hit = cached(word)
        if hit is None:
            hit = compute(word)
        if hit:
            pool.update(hit)


def _keyed_in(word: str, keys: dict[str, list[int]], key_lengths: list[int]) -> set[int]:
    """The entries of every key that is a substring of ``word`` (``key_lengths``: the keys' lengths, sorted)."""
    found: set[int] = set()
    n = len(word)
    for length in key_lengths:
        if length > n:
            break
        for a in range(n - length + 1):
            ids = keys.get(word[a : a + length])
            if ids:
                found.update(ids)
    return found


class WordKeys:
    """``candidates(text, low, start, end)``: indices ``i`` (ascending) of the entries that may have a literal
    in ``low[start:end]``, from the words of the stretch.

    ``options[i]``: strings one of which every match of entry ``i`` contains (``None`` or empty: always kept).
    Each string's key is its longest ``\\w+`` run (lower case); a string inside the stretch puts its key inside
    one ``\\w+`` run of ``low`` that overlaps the stretch, so an entry none of whose keys is in such a word
    cannot match there.  A superset: the caller still tests the entries it gets.
    """

    def __init__(self, options: list[tuple[str, ...] | None]) -> None:
        always: list[int] = []
        self.keys: dict[str, list[int]] = {}
        for i, strings in enumerate(options):
            keys = []
            for string in strings or ():
                runs = _WORD.findall(string.lower()) if len(string.lower()) == len(string) else []
                if not runs:
                    keys = []
                    break
                keys.append(max(runs, key=len))
            if not keys:
                always.append(i)
                continue
            for key in set(keys):
                self.keys.setdefault(key, []).append(i)
        self.always = tuple(always)
        self._key_lengths = sorted({len(k) for k in self.keys})
        self._per_word: dict[str, frozenset[int]] = {}

    def _entries_in(self, word: str) -> frozenset[int]:
        hit = frozenset(_keyed_in(word, self.keys, self._key_lengths))
        if len(self._per_word) > _CACHE_LIMIT:
            self._per_word.clear()
        self._per_word[word] = hit
        return hit

    def candidates(self, text: str, low: str, start: int, end: int) -> list[int]:
        pool: set[int] = set(self.always)
        _add_word_hits(pool, _tokens(text, low), start, end, self._per_word.get, self._entries_in)
        return sorted(pool)


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
        self.insensitive: tuple[int, ...] = tuple(
            i for i, (lits, cs) in enumerate(literals) if lits and not cs
        )
        self.keys: dict[str, list[int]] = {}
        runs_of: dict[int, list[str]] = {}
        for i, (lits, _) in enumerate(literals):
            if not lits:
                continue
            runs = [r for lit in lits if len(lit.lower()) == len(lit) for r in _WORD.findall(lit.lower())]
            if not runs:
                self.always = tuple(sorted({*self.always, i}))
                continue
            runs_of[i] = runs
        # Any run of a literal will do as the key; the one fewest entries share (not a short word,
        # then the longest) keeps the entries to try for a word few.
        shared: dict[str, int] = {}
        for runs in runs_of.values():
            for r in set(runs):
                shared[r] = shared.get(r, 0) + 1
        for i, runs in runs_of.items():
            self.keys.setdefault(min(runs, key=lambda r: (len(r) < 4, shared[r], -len(r))), []).append(i)
        self._key_lengths = sorted({len(k) for k in self.keys})
        self._per_word: dict[str, tuple[int, ...]] = {}

    def _entries_in(self, word: str) -> tuple[int, ...]:
        hit = self._per_word.get(word)
        if hit is None:
            hit = tuple(sorted(_keyed_in(word, self.keys, self._key_lengths)))
            if len(self._per_word) > _CACHE_LIMIT:
                self._per_word.clear()
            self._per_word[word] = hit
        return hit

    def candidates(self, text: str, low: str | None, start: int, end: int) -> list[int]:
        tokens = _tokens(text, low)
        if low is None and len(text.lower()) != len(text):
            pool: set[int] = set(range(len(self.literals)))
        else:
            pool = set(self.always)
            if low is None:
                pool.update(self.insensitive)
            _add_word_hits(pool, tokens, start, end, self._per_word.get, self._entries_in)
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


# ---------------------------------------------------------------- literals a regex needs


Requirement = tuple[tuple[str, ...], ...]  # all of these groups, each: one of its strings


def required_literals(pattern: re.Pattern[str], most: int = 2) -> Requirement:
    """Lower-case strings every match of ``pattern`` contains: ``((a, b), (c,))`` = (a or b) and c.

    Read from the parsed pattern (literal runs, alternations, repeats of at least one); empty
    when nothing is certain.  Only ASCII literals count, so that ``str.lower()`` of a matching
    text holds them (texts with :data:`CASE_ODD` characters must not be filtered).
    """
    options = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    options.sort(key=lambda o: (-min(len(s) for s in o), len(o)))
    return tuple(options[:most])


def holds(requirement: Requirement, low: str, start: int = 0, end: int | None = None) -> bool:
    """Can a match lie in ``low[start:end]``?  (``False`` only when one required group is absent.)"""
    if start == 0 and end is None:  # the whole string: ``in`` answers as ``find(s) >= 0``, without a call
        for group in requirement:
            for s in group:
                if s in low:
                    break
            else:
                return False
        return True
    end = len(low) if end is None else end
    for group in requirement:
        for s in group:
            if low.find(s, start, end) >= 0:
                break
        else:
            return False
    return True


def _sequence(items) -> list[tuple[str, ...]]:
    """Every condition a sequence of parsed items imposes (each a group of alternatives)."""
    options: list[tuple[str, ...]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(("".join(run),))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        found = _one(op, av)
        if found:
            options.append(found)
    flush()
    return options


def _one(op, av) -> tuple[str, ...] | None:
    """One group of alternatives a parsed item needs, or ``None``."""
    if op is _c.SUBPATTERN:
        return _best(_sequence(av[-1]))
    if op is _c.ATOMIC_GROUP:
        return _best(_sequence(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _best(_sequence(av[2]))
    if op is _c.BRANCH:
        alternatives = [_best(_sequence(b)) for b in av[1]]
        if any(a is None for a in alternatives):
            return None
        return tuple(sorted({s for a in alternatives for s in a}))  # type: ignore[union-attr]
    return None


def _best(options: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    if not options:
        return None
    return max(options, key=lambda o: (min(len(s) for s in o), -len(o)))


# ---------------------------------------------------------------- how a match can begin

# A text's characters seen coarsely: lower case, any decimal digit "0", any white space " ".
# A regex literal or class seen the same way: every character it can match maps into the set.
_ANY = "\x00"  # a class too wide to list (\w, negated classes, any character)


def _norm(ch: str) -> str:
    if ch.isdecimal():
        return "0"
    if ch.isspace():
        return " "
    return ch.lower()


def _class(items) -> str | frozenset[str]:
    """The coarse characters a character class (``IN``) can match, or :data:`_ANY`."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(_norm(chr(av)))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > 64:
                return _ANY
            out.update(_norm(chr(x)) for x in range(lo, hi + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out.add("0")
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            out.add(" ")
        else:
            return _ANY
    return frozenset(out)


def _prefixes(items, k: int) -> set[str]:
    """Coarse prefixes (up to ``k`` characters) of the strings a parsed sequence matches.

    A prefix shorter than ``k`` means the sequence can end there; :data:`_ANY` stands for
    any character.
    """
    out: set[str] = set()
    for p in _item_prefixes(items[0], k) if items else {""}:
        if len(p) < k and len(items) > 1:
            out.update(p + q for q in _prefixes(items[1:], k - len(p)))
        else:
            out.add(p)
    return out


def _item_prefixes(item, k: int) -> set[str]:
    op, av = item
    if op is _c.LITERAL:
        return {_norm(chr(av))}
    if op is _c.IN:
        chars = _class(av)
        return {_ANY} if chars == _ANY else set(chars)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}
    if op is _c.SUBPATTERN:
        return _prefixes(list(av[-1]), k)
    if op is _c.ATOMIC_GROUP:
        return _prefixes(list(av), k)
    if op is _c.BRANCH:
        return {p for b in av[1] for p in _prefixes(list(b), k)}
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, body = av
        out = {""} if lo == 0 else set()
        if hi == 0:
            return out
        rest = (_c.MAX_REPEAT, (max(lo - 1, 0), hi - 1 if hi != _c.MAXREPEAT else hi, body))
        for p in _prefixes(list(body), k):
            if p == "":
                out.add("")  # an empty round: the repeat may end here
            elif len(p) < k:
                out.update(p + q for q in _item_prefixes(rest, k - len(p)))
            else:
                out.add(p)
        return out
    return {_ANY}


class StartFilter:
    """Can ``pattern.match(text, pos)`` succeed?  ``False`` only when it cannot: the text at
    ``pos`` does not begin like any string the pattern matches (first ``k`` characters, coarsely).

    Texts with :data:`CASE_ODD` characters are not filtered (the caller checks).
    """

    def __init__(self, pattern: re.Pattern[str], k: int = 6) -> None:
        prefixes = _prefixes(list(_parser.parse(pattern.pattern, pattern.flags)), k)
        self.k = k
        self.usable = not any(p == "" or p[0] == _ANY for p in prefixes)
        by_length: dict[int, set[str]] = {}
        for p in prefixes:
            if _ANY not in p:
                by_length.setdefault(len(p), set()).add(p)
        self.by_length = tuple((n, frozenset(ps)) for n, ps in sorted(by_length.items(), reverse=True))
        self.wild = tuple(p for p in prefixes if _ANY in p)

    def may_match(self, text: str, pos: int) -> bool:
        if not self.usable:
            return True
        raw = text[pos : pos + self.k]
        key = raw.translate(_ASCII_NORM)
        if not key.isascii():
            key = "".join(_norm(ch) for ch in raw)
        for n, group in self.by_length:
            if key[:n] in group and len(key) >= n:
                return True
        for p in self.wild:
            if len(key) >= len(p) and all(a == _ANY or a == b for a, b in zip(p, key, strict=False)):
                return True
        return False

    def starts_regex(self, before: str = "") -> re.Pattern[str] | None:
        """A zero-width regex that matches (at least) wherever :meth:`may_match` is true
        (and the lookbehind ``before`` holds).

        ``[m.start() for m in starts_regex().finditer(text)]``: every candidate position in one pass.
        ``None`` when the filter is not usable.
        """
        if not self.usable or self.wild:
            return None
        trie: dict = {}
        for _, group in self.by_length:
            for p in group:
                node = trie
                for ch in p:
                    node = node.setdefault(ch, {})
                node[""] = {}  # a match may end here
        return re.compile(f"{before}(?={_trie_regex(trie)})", re.I)




def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The coarse characters (:func:`_norm`) a match of ``pattern`` can begin with, or ``None``."""
    firsts = _prefixes(list(_parser.parse(pattern.pattern, pattern.flags)), 1)
    if "" in firsts or _ANY in firsts:
        return None
    return frozenset(firsts)


def union_starts_regex(patterns: list[re.Pattern[str]], k: int = 4) -> re.Pattern[str] | None:
    """A zero-width regex matching (at least) wherever one of ``patterns`` can begin a match."""
    union = StartFilter.__new__(StartFilter)
    filters = [StartFilter(p, k) for p in patterns]
    if not all(f.usable and not f.wild for f in filters):
        return None
    groups: dict[int, set[str]] = {}
    for f in filters:
        for n, group in f.by_length:
            groups.setdefault(n, set()).update(group)
    union.k, union.usable, union.wild = k, True, ()
    union.by_length = tuple((n, frozenset(g)) for n, g in sorted(groups.items(), reverse=True))
    at_boundary = all(_starts_at_boundary(list(_parser.parse(p.pattern, p.flags))) for p in patterns)
    # A look-behind every pattern opens with is kept too (it only rules out places none can match).
    shared = r"(?<![\w-])"
    same_lookbehind = all(p.pattern.startswith(shared) and p.flags & re.I for p in patterns)
    return union.starts_regex(r"\b" if at_boundary else shared if same_lookbehind else "")


def _starts_at_boundary(items) -> bool:
    """Does every match of a parsed sequence begin at a word boundary (``\\b`` first)?"""
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT:
        return av is _c.AT_BOUNDARY or av is _c.AT_UNI_BOUNDARY
    if op is _c.BRANCH:
        return all(_starts_at_boundary(list(b)) for b in av[1])
    if op is _c.SUBPATTERN:
        return _starts_at_boundary(list(av[-1]))
    return False


def _trie_regex(node: dict) -> str:
    parts = [_coarse_char(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    return f"(?:{body})?" if "" in node else body


def _coarse_char(ch: str) -> str:
    """The characters a coarse character (:func:`_norm`) stands for, as a regex."""
    if ch == "0":
        return r"\d"
    if ch == " ":
        return r"\s"
    return re.escape(ch)


_ASCII_NORM = {i: _norm(chr(i)) for i in range(128)}


def coarse(text: str) -> str:
    """``text`` seen coarsely, character by character (:func:`_norm`)."""
    key = text.translate(_ASCII_NORM)
    return key if key.isascii() else "".join(_norm(ch) for ch in text)
