"""Temporal expressions found in a text: the vocabulary, the patterns and the one-pass scanner.

One compiled alternation finds every candidate expression in a single pass (a fast first pass over
the anchor words every expression holds, then only the patterns that can begin like the text there).
The word lists (months, weekdays, number words) live in ``data/temporal.json``.  Resolving an
expression to a date is ``temporal_resolve``; the tense of its clause is ``tense``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from ..data import load
from ..data.contracts.temporal import Contract as TemporalWords
from .lexfilter import CASE_ODD, CaseFreeScan, StartFilter, coarse


@dataclass(frozen=True)
class Expression:
    """A temporal expression found in a text: its span, kind and captured parts."""

    start: int
    end: int
    kind: str
    text: str
    parts: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        for key, value in self.parts:
            if key == name:
                return value
        return None


# ---------------------------------------------------------------- vocabulary


@cache
def _words() -> TemporalWords:
    return load("temporal.json")


def _variants(words, dotted: bool = False) -> str:
    """Alternation of Title Case and UPPER CASE forms, longest first; abbreviations may take a dot."""
    forms: set[str] = set()
    for w in words:
        for f in (w, w.upper(), w[:1].upper() + w[1:]):
            forms.add(f)
            if dotted and len(w) <= 4 and w.lower() not in ("may", "june", "july"):
                forms.add(f + ".")
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _lower_alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _month(name: str) -> int:
    return month_table()[name.rstrip(".").lower()]


@cache
def month_table() -> dict[str, int]:
    """Month names and abbreviations in lower case -> 1..12: the one list (``data/temporal.json``)."""
    return {k.lower(): v for k, v in _words().months.items()}


def month_number(name: str) -> int | None:
    """1..12 for a month's name or abbreviation in any case, with or without its dot ("Sept.", "JAN")."""
    return month_table().get(name.rstrip(".").lower())


@cache
def calendar_words() -> frozenset[str]:
    """The month and weekday names and abbreviations, in lower case."""
    return frozenset(month_table()) | frozenset(_weekday_table())


@cache
def _weekday_table() -> dict[str, int]:
    return {k.lower(): v for k, v in _words().weekdays.items()}


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    table = _words().numbers
    if word in table:
        return table[word]
    # "twenty-five", "twenty five"
    parts = re.split(r"[\s-]+", word)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return table[parts[0]] + table[parts[1]]
    return None


# ---------------------------------------------------------------- patterns


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@cache
def _patterns() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str]]:
    w = _words()
    MON = rf"(?P<mon>{_variants(w.months, dotted=True)})"
    WD = rf"(?P<wd>{_variants(w.weekdays)})"
    WD_OPT = rf"(?:{_variants(w.weekdays)})"
    DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d])"
    YEAR_OLD = r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d])"  # after a preposition: "in 1898"
    YEAR2 = r"(?P<year2>(?:19|20)\d\d|\d\d)(?![\d])"
    num_words = _lower_alt([k for k in w.numbers if k not in ("a", "an")])
    NUM = rf"(?P<n>\d{{1,3}}|(?:{num_words})(?:[\s-](?:{num_words}))?|(?i:an?))"
    PREP = rf"(?:(?P<prep>(?i:{_lower_alt(w.prepositions)}))\s+)?"
    DASH = r"\s*(?:-|–|—|to|until|till|and|through)\s*"
    HOLIDAYS = "|".join(
        re.escape(h).replace("\\ ", r"\s+").replace("'", "['’]")
        for h in sorted(w.holidays, key=len, reverse=True)
    )
    count_nouns = _lower_alt(w.count_nouns_after_number)
    DASH_NO_AND = r"\s*(?:-|–|—|to|until|till|through)\s*"
    units = _lower_alt(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    teens = _lower_alt(
        [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
    tens = _lower_alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
    YEAR_WORDS = (
        rf"(?P<yw>(?i:(?:nineteen|twenty)[\s-]+(?:(?:{tens})(?:[\s-]+(?:{units}))?|{teens}|hundred)"
        rf"|(?:the\s+year\s+)two\s+thousand(?:[\s-]+(?:and[\s-]+)?(?:{teens}|{units}))?))"
    )
    B = r"(?<![\w-])"
    E = r"(?![\w])"
    I = "(?i:"  # noqa: E741 - scoped case-insensitive group for keyword parts
    REL = rf"(?P<which>{I}this|next|last|previous|coming|past|current|latest))"
    MOD = rf"(?:(?P<mod>{I}earlier|later|early|late|mid|the (?:start|beginning|end|middle) of|"
    MOD += r"(?:the )?end of|(?:the )?beginning of|(?:the )?start of|end))[\s-]+)?"
    UNIT = rf"(?P<unit>{I}years?|months?|weeks?|days?|decades?))"
    NOUN = r"(?:visit|trip|tour|summit|meeting|meetings|conference|forum|exercise|drills?|event|talks|mission|session)"
    ANCHOR = rf"(?:(?P<which>{I}last|next|this|coming))\s+)?(?:{WD}|{MON}\s+{DAY}|(?P<aday>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<amon>{_variants(w.months, dotted=True)}))"

    specs: list[tuple[str, str]] = [
        ("iso", rf"{B}{PREP}(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d){E}"),
        # "12.02.2024": day.month.year, as ministries of Europe and Central Asia write it
        ("dotted", rf"{B}{PREP}(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\w.]\w)"),
        ("dmy_range", rf"{B}{PREP}{DAY}{DASH}{DAY2}\s+{MON},?\s+{YEAR}"),
        ("mdy_range", rf"{B}{PREP}{MON}\s+{DAY}{DASH}{DAY2}(?:,?\s+{YEAR})?{E}"),
        ("dmy", rf"{B}{PREP}(?:{WD_OPT}\s*,?\s*)?{DAY}\s+(?:of\s+)?{MON},?\s+{YEAR}"),
        ("mdy", rf"{B}{PREP}(?:{WD_OPT}\s*,?\s*)?{MON}\s+{DAY},?\s+{YEAR}"),
        (
            "duration_anchor",
            rf"{B}(?:(?:here|there)\s+)?(?:on\s+)?{ANCHOR}\s+(?:for|on)\s+(?:a|an|his|her|their|the|its)\s+"
            rf"{NUM}-day(?:\s+[a-z]+){{0,2}}\s+{NOUN}{E}",
        ),
        (
            "duration",
            rf"{B}(?:(?i:a|an|the|his|her|its|their)\s+)?{NUM}-day(?:\s+[a-z]+){{0,3}}?\s+{NOUN}"
            rf"(?:\s+to\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}})?"
            rf"(?:\s+(?:from|starting|beginning|since|on)\s+{ANCHOR})?{E}",
        ),
        (
            "year_span",
            rf"{B}(?:(?i:for)\s+)?(?:the\s+)?(?:past\s+|last\s+)?{NUM}\s+(?i:successive|consecutive|straight|running)"
            rf"\s+years\s+(?i:since|from)\s+{YEAR}",
        ),
        (
            "year_range",
            rf"{B}(?:(?P<prep>(?i:from|in|during|for))\s+)?{YEAR}{DASH_NO_AND}{YEAR2}{E}(?!\s*%)",
        ),
        ("year_range", rf"{B}(?P<prep>(?i:between))\s+{YEAR}\s*(?:-|–|—|and)\s*{YEAR2}{E}(?!\s*%)"),
        # "nineteen ninety-six", "the year two thousand": years said in words (transcripts)
        ("year_words", rf"{B}{PREP}(?:{MON}\s+)?{YEAR_WORDS}{E}"),
        ("fiscal_year", rf"{B}{PREP}(?i:fiscal|financial|FY)(?:\s+year)?\s*{YEAR}"),
        (
            "quarter",
            rf"{B}(?:(?i:in|by|during)\s+)?(?:(?i:the)\s+)?(?P<q>{I}first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
            rf"\s+(?P<qh>{I}quarter|half))\s+(?:of\s+)?(?:{YEAR}|(?:{REL}\s+year))",
        ),
        ("qn", rf"{B}(?:(?i:in|by|during)\s+)?(?P<qh>Q|H)(?P<q>[1-4])\s*,?\s*{YEAR}"),
        ("month_rel_year", rf"{B}{PREP}{MOD}{MON}\s+(?P<rel>{I}this|next|last|previous))\s+year{E}"),
        ("my", rf"{B}{PREP}{MOD}{MON},?\s+{YEAR}"),
        # "the week of March 6": the calendar week holding that day
        (
            "week_of",
            rf"{B}(?:(?i:in|during|for)\s+)?(?i:the\s+week\s+of)\s+{MON}\s+{DAY}(?!\s*[,]?\s*(?:19|20)\d\d)",
        ),
        # "Monday, Oct. 26", "Nov. 15, Friday": the weekday picks the year
        (
            "md",
            rf"{B}{PREP}(?:{WD}\s*,?\s*)?{MON}\s+{DAY}(?!\s*[,]?\s*(?:19|20)\d\d)(?!\d|:\d)"
            rf"(?:,?\s+(?P<wdb>{_variants(w.weekdays)}){E})?",
        ),
        ("dm", rf"{B}{PREP}(?:{WD}\s*,?\s*)?{DAY}\s+(?:of\s+)?{MON}{E}"),
        ("ago", rf"{B}{NUM}\s+{UNIT}\s+(?i:ago|earlier|before){E}"),
        (
            "past_n",
            rf"{B}(?:(?i:over|in|during|for|within)\s+)?(?i:the)\s+(?P<which>{I}past|last|previous|next|coming))"
            rf"\s+{NUM}\s+{UNIT}{E}",
        ),
        (
            "end_of",
            rf"{B}{PREP}(?i:the\s+)?(?P<pos>{I}end|beginning|start|middle|close|turn))\s+(?i:of)\s+"
            rf"(?:{YEAR}|(?:the\s+)?(?:{REL}\s+)?(?P<u>{I}year|month|week)))",
        ),
        ("mid_year", rf"{B}{PREP}(?P<pos>{I}mid|early|late|post|pre))[\s-]{YEAR}"),
        (
            "rel_unit",
            rf"{B}{PREP}{MOD}(?:(?i:the)\s+)?{REL}\s+(?:(?P<fy>{I}fiscal|financial))\s+)?"
            rf"(?P<u>{I}year|month|week|weekend)){E}(?!-)",
        ),
        # "for the year", "earlier in the year", "for the full year": the base's year
        (
            "the_year",
            rf"{B}(?:(?P<mod>{I}earlier|later))\s+in\s+|(?P<prep>{I}for|of|in|during|over|through))\s+)"
            rf"(?i:the)\s+(?:(?i:full|whole|entire|fiscal|financial)\s+)?(?i:year){E}(?!-)(?!\s+(?i:two|nineteen|\d))",
        ),
        (
            "the_year",
            rf"{B}(?:(?P<prep>{I}by|around|at|since|until|before))\s+)?(?i:year[\s-]end|year['’]s end){E}",
        ),
        ("year_ago", rf"{B}(?i:year-ago|year-earlier){E}"),
        # "later that year", "the following year": a year named before in the text (``temporal.find_dates``)
        (
            "that_year",
            rf"{B}(?:(?P<mod>{I}earlier|later))\s+)?(?:(?i:in|during|by)\s+)?"
            rf"(?P<rel>{I}that|the same|the following|the next|the previous|the preceding))\s+(?i:year){E}(?!-)",
        ),
        # "on Thanksgiving Day", "last Christmas": holidays of the calendar (data/temporal.json)
        ("holiday", rf"{B}{PREP}(?:(?P<which>{I}last|next|this|coming|past))\s+)?(?P<hol>{HOLIDAYS}){E}"),
        ("year", rf"(?<=\w['’]s\s){YEAR}(?=\s+[a-z])(?!\s+(?:{count_nouns})\b)"),
        # "redeemed in five years" (a future clause): that many years on
        (
            "in_n",
            rf"{B}(?i:in)\s+{NUM}\s+(?P<unit>{I}years|months|weeks|days)){E}(?!\s+(?i:ago|earlier|before|after|later|of|since))",
        ),
        (
            "month_named",
            rf"{B}{PREP}(?P<which>{I}last|next|this|coming|past))\s+{MOD}{MON}(?:'s|’s)?{E}(?!\.?\s*\d)",
        ),
        (
            "weekday",
            rf"{B}(?:(?P<here>{I}here|there))\s+)?{PREP}(?:(?P<which>{I}this coming|last|next|this|coming|past|previous))\s+)?{WD}"
            rf"(?:'s|’s)?(?:\s+(?i:morning|afternoon|evening|night))?{E}",
        ),
        ("day_word", rf"{B}(?P<dw>{I}today|yesterday|tomorrow|tonight|the day before yesterday)){E}"),
        (
            "month_bare",
            rf"{B}(?P<prep>{I}in|since|by|until|till|from|during|before|after|through|of|as of|for|the|a|an|to|"
            rf"throughout|around|starting|beginning|end of))\s+{MOD}{MON}(?:'s|’s)?{E}(?!\.?\s*\d)",
        ),
        (
            "year",
            rf"{B}(?P<prep>{I}in|by|since|until|till|from|before|after|during|through|throughout|of|for|"
            rf"as of|as at|around|circa|as early as|beyond|to|year|the|a|an|that|this|its|his|her|their|our|"
            rf"due|into|both|and|or))\s+{YEAR_OLD}(?:'s|’s)?"
            rf"(?![\w,.]\d)(?!\s*(?:%|per\s?cent|percent))",
        ),
    ]
    compiled = [(kind, re.compile(rx)) for kind, rx in specs]
    unnamed = [_NAMED_GROUP.sub("(?:", rx) for _, rx in specs]
    combined = "|".join(f"(?P<k{i}>{rx})" for i, rx in enumerate(unnamed))
    return compiled, re.compile(combined)


@cache
def _anchor_items() -> tuple[str, ...]:
    """The anchor words' forms as regex items, longest first."""
    w = _words()
    keys = [
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "week",
        "weeks",
        "weekend",
        "month",
        "months",
        "year",
        "years",
        "quarter",
        "half",
        "decade",
        "decades",
        "day",
        "days",
        "ago",
        "successive",
        "consecutive",
        "nineteen",
        "twenty",
        "thousand",
        *(h for h in w.holidays if " " not in h),  # the others hold "Day", "Eve" or "Year"
        "Eve",
    ]
    forms: set[str] = set()
    for word in [*w.months, *w.weekdays, *keys]:
        forms.update({word, word.lower(), word.upper(), word[:1].upper() + word[1:]})
    items = [re.escape(f) for f in sorted(forms, key=len, reverse=True)] + ["Q[1-4]", "H[12]"]
    return tuple(items)


@cache
def _anchors() -> re.Pattern[str]:
    """Words every expression contains: a fast first pass (plain literals, so the regex engine can skip)."""
    items = _anchor_items()
    # Grouped by first character (alternatives beginning differently cannot both match at one place),
    # each group opening with its character and the look-behind after it: an alternation of plain
    # first characters lets the regex engine skip to the places one of them is (the same matches as
    # (?<![\w.,])\d+|(?<![\w])(?:alternatives)(?!\w), found faster).
    if not all(item[0].isalnum() for item in items):  # a form beginning otherwise: the plain pattern
        return re.compile(rf"(?<![\w.,])\d+|(?<![\w])(?:{'|'.join(items)})(?!\w)")
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(item[0], []).append(item[1:])
    digits = "|".join(rf"{d}(?<![\w.,].)\d*" for d in "0123456789")
    words = "|".join(rf"{c}(?<!\w.)(?:{'|'.join(rest)})(?!\w)" for c, rest in groups.items())
    return re.compile(f"{digits}|{words}")


@cache
def _anchor_scan() -> re.Pattern[str] | None:
    """The places of :func:`_anchors` after the first character, found from the character before each:
    a non-word character (not "." or "," before a number) followed by an anchor.  Its first item a
    character class, the regex engine skips fast over the words' characters."""
    items = _anchor_items()
    if not all(item[0].isalnum() for item in items):
        return None
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(item[0], []).append(item[1:])
    words = "|".join(rf"{c}(?:{'|'.join(rest)})(?!\w)" for c, rest in groups.items())
    return re.compile(rf"\W(?:(?<![.,])(?=\d)|(?={words}))")


def anchor_starts(text: str) -> list[int]:
    """``[m.start() for m in _anchors().finditer(text)]``: where an expression's anchor word begins."""
    anchors, scan = _anchors(), _anchor_scan()
    if scan is None:
        return [m.start() for m in anchors.finditer(text)]
    out = [0] if anchors.match(text, 0) else []
    out += [m.end() for m in scan.finditer(text)]
    return out


@cache
def _candidate_starts() -> tuple[CaseFreeScan, int]:
    """A zero-width pattern at the word starts where an expression can begin (its first characters
    are read ahead, so a search must reach that far past its last start), and that reach."""
    starts = StartFilter(_patterns()[1], 5)  # 5 characters: as selective as 6 here, built 3x faster
    pattern = starts.starts_regex(r"(?<![\w-])(?=\w)")
    return (CaseFreeScan(pattern), starts.k + 1) if pattern is not None else (CaseFreeScan(_WORD_START), 1)


_DISPATCH_K = (
    6  # characters of the text read to choose the patterns to try (a longer prefix where it is exact)
)


@cache
def _dispatch() -> tuple[dict[str, frozenset[int]], tuple[int, ...]]:
    """Which expression patterns can begin with the text's first characters: by (coarse) prefix, of up to
    :data:`_DISPATCH_K` characters for each pattern (fewer where its prefixes hold a wildcard sooner,
    or its matches can be that short), and those that always must be tried."""
    by_prefix: dict[str, set[int]] = {}
    always: set[int] = set()
    for i, (_, rx) in enumerate(_patterns()[0]):
        f = next(
            (f for k in range(_DISPATCH_K, 1, -1) if (f := StartFilter(rx, k)).usable and not f.wild), None
        )
        if f is None:
            always.add(i)
            continue
        for _, group in f.by_length:
            for prefix in group:
                by_prefix.setdefault(prefix, set()).add(i)
    return {k: frozenset(v) for k, v in by_prefix.items()}, tuple(sorted(always))


_CANDIDATES: dict[str, tuple[int, ...]] = {}  # by the text's first coarse characters: the patterns to try


def _candidates(key: str) -> tuple[int, ...]:
    """Indexes of the patterns that can match a text beginning with ``key`` (its first :data:`_DISPATCH_K`
    coarse characters, fewer at the end of the text), in order."""
    found = _CANDIDATES.get(key)
    if found is None:
        by_prefix, always = _dispatch()
        chosen = set(always)
        for n in range(1, len(key) + 1):
            chosen.update(by_prefix.get(key[:n], ()))
        if len(_CANDIDATES) > 100_000:
            _CANDIDATES.clear()
        found = _CANDIDATES[key] = tuple(sorted(chosen))
    return found


def _match_at(text: str, at: int, odd: bool) -> tuple[int, re.Match[str]] | None:
    """``combined.match(text, at)`` as (index of the alternative that matched, its own match).

    The alternation matches with its first alternative that matches there; only those that can
    begin like the text are tried, in order (all of them in a text with :data:`CASE_ODD` characters).
    """
    compiled, combined = _patterns()
    if odd:
        m = combined.match(text, at)
        if m is None:
            return None
        idx = int(m.lastgroup[1:]) if m.lastgroup else -1
        sub = compiled[idx][1].match(text, m.start())
        return (idx, sub) if sub is not None else None
    for i in _candidates(coarse(text[at : at + _DISPATCH_K])):
        sub = compiled[i][1].match(text, at)
        if sub is not None:
            return i, sub
    return None


_WORD_START = re.compile(r"(?<![\w-])[\w]")
_BACK = 60  # how far before an anchor word an expression may start ("no later than the end of this year")


def find_expressions(text: str) -> list[Expression]:
    """Every temporal expression in ``text``, left to right, non-overlapping."""
    compiled, combined = _patterns()
    out: list[Expression] = []
    last_end = 0
    # combined.match at a word start, asked once per start (anchors' look-back windows overlap),
    # and only at the word starts where the text begins like an expression can.
    odd = CASE_ODD.search(text) is not None
    if odd:
        starts, scanned, reach = _WORD_START, text, 1
    else:
        scan, reach = _candidate_starts()
        starts, scanned = scan.prepare(text)
    tried: dict[int, tuple[int, re.Match[str]] | None] = {}
    # The candidate starts up to each anchor, read once: the windows are read from where the last one
    # ended (a start is known once the text ``reach`` characters past it is read).
    known: list[int] = []
    read_to = 0
    for p in anchor_starts(text):
        if p < last_end:
            continue
        lo = max(last_end, p - _BACK)
        known.extend(
            at for at in [m.start() for m in starts.finditer(scanned, max(lo, read_to), p + reach)] if at <= p
        )
        read_to = p + 1
        for at in known[bisect_left(known, lo) :]:
            if at in tried:
                found = tried[at]
            else:
                found = tried[at] = _match_at(text, at, odd)
            if found is None or found[1].end() <= p:
                continue
            kind, sub = compiled[found[0]][0], found[1]
            parts = tuple((k, v) for k, v in sub.groupdict().items() if v is not None)
            e = Expression(sub.start(), sub.end(), kind, sub.group(0), parts)
            if _not_a_date(text, e):
                continue
            out.append(e)
            last_end = sub.end()
            break
    return out


@cache
def _not_date_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    w = _words()
    names = w.weekday_names_not_dates
    before = re.compile(rf"(?:{'|'.join(map(re.escape, names.before))})\s*$")
    after = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, names.after))})\b")
    count = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, w.count_nouns_after_number))})\b")
    return before, after, count


def _not_a_date(text: str, e: Expression) -> bool:
    """A weekday in a name ("Black Friday", "Sunday Times") or a count read as a year ("for 2000 people")."""
    before, after, count = _not_date_res()
    if e.kind == "weekday" and not e.get("prep") and not e.get("which"):
        if before.search(text[max(0, e.start - 12) : e.start]) or after.search(text[e.end : e.end + 16]):
            return True
    if e.kind == "year" and count.search(text[e.end : e.end + 20]):
        return True
    return False
