"""Elapsed-time and anniversary arithmetic as bounds on the publication date.

* tenure arithmetic: "two weeks after President Bolsonaro's inauguration" is that long after the start
  of the leader's term (``data/leaders.json``); "the swearing-in of Prime Minister Modi in May" is within
  the year after a term of his that began in May;
* years elapsed: "in 1996 ... Now, we meet again 27 years later" is 2023; "the first visit in 12 years,
  after the 2013 one" is 2025 or 2026;
* anniversaries: "the 50th anniversary of ties established in 1974 was marked last year" puts
  publication in 2025; "marks 65 years of diplomatic relations established in 1959", in 2024;
* an event named with its year and reported with a weekday of this week ("declared a holiday on
  Wednesday to mark the upset at the 2022 World Cup"): publication in that year.

Each rule gives a :class:`Constraint` whose reason ``--explain`` shows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .leaders import leaders
from .published_bounds import Constraint, Intervals, _span, _union
from .temporal import Expression, Tense

_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "a": 1, "an": 1, "a few": 3, "several": 3,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"


def _n(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUM_WORDS.get(word)


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    lo = max(
        text.rfind("\n", 0, at), max((m.end() for m in re.finditer(r"[.!?][”\"]?\s", text[:at])), default=0)
    )
    stop = re.search(r"[.!?](?:\s|$)|\n", text[at:])
    return max(lo, 0), at + (stop.start() if stop else len(text) - at)


def _years(lo: date, hi: date, years: set[int]) -> Intervals:
    return _union([iv for y in years for iv in _span(max(lo, date(y, 1, 1)), min(hi, date(y, 12, 31)))])


# ------------------------------------------------------------------ tenure arithmetic

_AFTER_START = re.compile(
    rf"(?i)\b{_NUM}\s+(?P<unit>days?|weeks?|months?)\s+(?:after|since)\s+(?:(?:the\s+)?(?:President|Prime Minister|"
    rf"Premier|Chancellor|King|Emir)\s+)?(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}})['’]s?\s+"
    rf"(?P<what>inauguration|swearing[- ]in|taking office|assumption of office|accession)"
)


def _leader_starts(name: str) -> list[date]:
    low = name.lower()
    found = [
        p for p in leaders()
        if low == p.name.lower() or low in {v.lower() for v in p.variants} or low in {s.lower() for s in p.short}
    ]  # fmt: skip
    if len({p.name for p in found}) != 1:
        return []
    return [t.start for t in found[0].terms]


def tenure_arithmetic(text: str, lo: date, hi: date) -> list[Constraint]:
    out: list[Constraint] = []
    for m in _AFTER_START.finditer(text):
        n = _n(m.group("n"))
        starts = _leader_starts(m.group("name"))
        if not n or not starts:
            continue
        unit = m.group("unit").lower().rstrip("s")
        length = timedelta(days=n * {"day": 1, "week": 7, "month": 30}[unit])
        slack = timedelta(days={"day": 1, "week": 4, "month": 15}[unit])
        parts = [iv for s in starts for iv in _span(max(lo, s + length - slack), min(hi, s + length + slack))]
        out.append(
            Constraint(
                _union(parts), f"tenure-arith:{m.group('n')} {m.group('unit')} after {m.group('name')}"
            )
        )
    return out


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
_WHAT = r"(?:inauguration|swearing[- ]in(?:\s+ceremony)?|oath[- ]taking|assumption of office)"
_NAME = r"(?-i:(?P<{}>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}}))"
_MON = rf"(?-i:(?P<mon>{'|'.join(_MONTHS)}))"
_START_IN_MONTH = re.compile(
    rf"(?i)\b(?:{_WHAT}\s+of\s+(?:(?:the\s+)?(?:new\s+)?(?:President|Prime Minister|Premier|Chancellor)\s+)?{_NAME.format('name')}"
    rf"|{_NAME.format('owner')}['’]s?\s+{_WHAT})\s+in\s+{_MON}\b(?!\s+\d)(?!,?\s+(?:19|20)\d\d)"
)


def tenure_month(text: str, lo: date, hi: date) -> list[Constraint]:
    """ "attended the swearing-in of Prime Minister Narendra Modi in May": a term of that leader began in May
    (``data/leaders.json``), and a month named without its year in a past clause is the latest one, so the
    publication is within the year after that term's start."""
    out: list[Constraint] = []
    for m in _START_IN_MONTH.finditer(text):
        month = _MONTHS.index(m.group("mon")) + 1
        name = m.group("name") or m.group("owner")
        starts = [s for s in _leader_starts(name) if s.month == month]
        if not starts:
            continue
        parts = [iv for s in starts for iv in _span(max(lo, s), min(hi, s + timedelta(days=365)))]
        out.append(Constraint(_union(parts), f"tenure-month:{name} took office in {m.group('mon')}"))
    return out


# ------------------------------------------------------------------ years elapsed and anniversaries

_LATER = re.compile(rf"(?i)\b{_NUM}\s+years\s+later\b")
_IN_YEAR = re.compile(rf"\bin\s+{_YEAR}\b")
_NOW = re.compile(r"(?i)\b(?:now|today|again)\b")
_FIRST_IN = re.compile(
    rf"(?i)\bfirst\b[^.;]{{0,60}}?\bin\s+{_NUM}\s+years\b[^.;]{{0,40}}?\b(?:after|since)\s+"
    rf"(?:(?:the|a|an|his|her|its|their|one)\s+)?(?:in\s+)?{_YEAR}\b"
)
_ANNIVERSARY = re.compile(
    rf"(?i)\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s+anniversary\s+of\b[^.;]{{0,100}}?\b(?:in|since)\s+{_YEAR}\b"
)
_YEARS_OF = re.compile(
    rf"(?i)\b(?:marks?|marking|celebrat\w*|commemorat\w*)\s+(?P<n>\d{{1,3}})\s+years\s+of\b[^.;]{{0,80}}?"
    rf"\b(?:in|since)\s+{_YEAR}\b"
)
_REL_YEAR = re.compile(r"(?i)\b(?P<rel>last|next|this)\s+year\b")
_PRESENT_MARK = re.compile(
    r"(?i)\b(?:marks|marking|celebrates|celebrating|commemorates|commemorating|is marked)\b"
)


def elapsed_years(text: str, lo: date, hi: date) -> list[Constraint]:
    out: list[Constraint] = []
    for m in _LATER.finditer(text):
        s_lo, s_hi = _sentence_of(text, m.start())
        n = _n(m.group("n"))
        if not n or not _NOW.search(text, s_lo, s_hi):
            continue  # "returned ten years later" of a past event is no arithmetic about now
        before = list(_IN_YEAR.finditer(text, max(0, m.start() - 300), m.start()))
        if before:
            year = int(before[-1].group("y")) + n
            out.append(Constraint(_years(lo, hi, {year}), f"elapsed:{before[-1].group(0)}+{n}y"))
    for m in _FIRST_IN.finditer(text):
        n = _n(m.group("n"))
        if n:
            year = int(m.group("y")) + n
            out.append(
                Constraint(
                    _years(lo, hi, {year, year + 1}), f"elapsed:first in {n} years after {m.group('y')}"
                )
            )
    for pattern, kind in ((_ANNIVERSARY, "anniversary"), (_YEARS_OF, "years-of")):
        for m in pattern.finditer(text):
            s_lo, s_hi = _sentence_of(text, m.start())
            year = int(m.group("y")) + int(m.group("n"))
            rel = _REL_YEAR.search(text, s_lo, s_hi)
            if rel is not None:
                year += {"last": 1, "next": -1, "this": 0}[rel.group("rel").lower()]
            elif kind == "anniversary" and not _PRESENT_MARK.search(text, s_lo, s_hi):
                continue  # "the 50th anniversary of ties set up in 1974" said of no time: no bound
            out.append(Constraint(_years(lo, hi, {year}), f"{kind}:{m.group('n')} after {m.group('y')}"))
    return out


# ------------------------------------------------------------------ an event of the year under way

# "at the 2022 World Cup", "the final of the 2023 World Cup": the event of the year, under way
_YEAR_EVENT = re.compile(
    rf"\b(?:at|during|in|(?:final|semi-?finals?|quarter-?finals?|opening|closing|match|game|stage|round|leg)\s+of)"
    rf"\s+the\s+{_YEAR}\s+(?P<event>(?:[A-Z][\w'’-]*\s?){{1,4}})"
)


def event_of_the_year(
    text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date
) -> list[Constraint]:
    out: list[Constraint] = []
    weekdays = [e for e, t in expressions if e.kind == "weekday" and not e.get("which") and t == "past"]
    for m in _YEAR_EVENT.finditer(text):
        s_lo, s_hi = _sentence_of(text, m.start())
        if any(s_lo <= e.start < s_hi for e in weekdays):
            year = int(m.group("y"))
            out.append(
                Constraint(_years(lo, hi, {year}), f"event-under-way:the {year} {m.group('event').strip()}")
            )
    return out


def arithmetic_constraints(
    text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date
) -> list[Constraint]:
    return [
        *tenure_arithmetic(text, lo, hi),
        *tenure_month(text, lo, hi),
        *elapsed_years(text, lo, hi),
        *event_of_the_year(text, expressions, lo, hi),
    ]
