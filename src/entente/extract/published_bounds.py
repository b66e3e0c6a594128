"""Bounds on the publication date from what the text says: the days it can have been published on.

Each rule gives a :class:`Constraint` (a set of days and the reason, shown by ``--explain``): named leaders
with a current title are in office (``data/leaders.json``); explicit dates in past clauses are not after
publication and years in future clauses not long before it; a full-year total for year Y is reported
in Y+1 or later; a country that "will take the ASEAN chair next year" fixes the year (``data/chairs.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from ..data import load
from ..record import DateValue
from .leaders import find_leaders
from .lexfilter import CASE_ODD, Requirement, holds, required_literals
from .temporal import Expression, Tense, resolve_expression

# ------------------------------------------------------------------ day sets

Intervals = list[tuple[int, int]]  # inclusive ordinal ranges, sorted, disjoint

EARLIEST = date(2000, 1, 1)


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _union(parts: Intervals) -> Intervals:
    out: Intervals = []
    for lo, hi in sorted(parts):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _span(lo: date, hi: date) -> Intervals:
    return [(lo.toordinal(), hi.toordinal())] if lo <= hi else []


def _days(iv: Intervals) -> int:
    return sum(hi - lo + 1 for lo, hi in iv)


@dataclass
class Constraint:
    allowed: Intervals
    why: str


# ------------------------------------------------------------------ reasoning

_PAST_EXPLICIT = {
    "year",
    "my",
    "iso",
    "dotted",
    "dmy",
    "mdy",
    "year_span",
    "year_range",
    "dmy_range",
    "mdy_range",
    "end_of",
    "quarter",
    "qn",
}
# A year in a future clause bounds publication above only as the time of what is to come ("will host it
# in 2025", "by 2030"), not as part of a name ("the Declaration of 2023", "its 2030 agenda").
_FUTURE_PREPS = {
    "in",
    "by",
    "until",
    "till",
    "before",
    "during",
    "through",
    "throughout",
    "from",
    "beyond",
    "around",
}
_ROLE_YEAR = re.compile(
    r"(?i)\b(?:as|being)\s+(?:the\s+|this\s+|next\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:chair|chairman|chairmanship|chair country|host|host country|president|presidency)\s*$"
)
_ANCHOR_PREPS = {"in", "since", "as of", "as at", "during", "throughout", "from"}


def _period_start(value: DateValue) -> date | None:
    end = value.end or value.start
    try:
        parts = [int(x) for x in end.split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 1, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1)
    return date(*parts)


def _period_end(value: DateValue) -> date | None:
    parts = [int(x) for x in value.start.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(*parts)


@cache
def _chair_pattern() -> tuple[re.Pattern[str], Requirement]:
    """The "will take the ASEAN chair next year" pattern and the literals every match holds."""
    chairs = load("chairs.json").by_body()
    body_alt = "|".join(re.escape(b) for b in chairs)
    pat = re.compile(
        rf"(?:will|is set to|is due to|is to|is scheduled to|is slated to|is expected to|prepares to|prepares for)\s+"
        rf"(?:take (?:over )?|assume |hold |chair )?(?:the )?(?:rotating )?(?P<body>{body_alt}|G-20)\s+"
        rf"(?:rotating )?(?:chair|chairmanship|chairship|presidency)\s+(?P<when>next year|this year)",
        re.I,
    )
    return pat, required_literals(pat, most=4)


def _chair_constraints(text: str, lo: date, hi: date) -> list[Constraint]:
    from .countries import find_countries

    chairs = load("chairs.json").by_body()
    out: list[Constraint] = []
    pat, needs = _chair_pattern()
    low = text.lower()
    if len(low) == len(text) and not CASE_ODD.search(text) and not holds(needs, low):
        return out  # a word every match holds is missing
    for m in pat.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        countries = find_countries(before)
        if not countries:
            continue
        iso3 = countries[-1].iso3
        body = m.group("body").upper().replace("-", "")
        years = [int(y) for y, c in chairs.get(body, {}).items() if c == iso3]
        offset = 1 if m.group("when").lower() == "next year" else 0
        allowed = _union(
            [iv for y in years for iv in _span(date(y - offset, 1, 1), date(y - offset, 12, 31))]
        )
        if years:
            out.append(Constraint(allowed, f"chair:{body}:{iso3}:{m.group('when').lower()}"))
    return out


def constraints(
    text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date
) -> list[Constraint]:
    out: list[Constraint] = []
    # Leaders named with a current title are in office.
    for lm in find_leaders(text):
        if lm.former or not lm.terms:
            continue
        parts: Intervals = []
        for term in lm.terms:
            start = term.start - timedelta(days=60 if term.approximate else 0)
            end = hi if term.end is None else term.end + timedelta(days=30 + (60 if term.approximate else 0))
            parts += _span(max(start, lo), min(end, hi))
        out.append(Constraint(_union(parts), f"leader:{lm.leader.name}"))
    # Explicit dates in past clauses are not after publication; in future clauses, not long before it.
    for e, tense in expressions:
        if e.kind not in _PAST_EXPLICIT:
            continue
        prep = (e.get("prep") or "").lower()
        value = resolve_expression(e, None, tense)
        if value is None:
            continue
        if e.kind in ("end_of", "quarter") and not e.get("year"):
            continue
        deadline = prep in ("by", "before", "until", "no later than") or e.text.lower().startswith(
            ("by ", "before ")
        )
        if _ROLE_YEAR.search(text, max(0, e.start - 50), e.start):
            continue  # "As ASEAN chair in 2025, Malaysia offered ...": the year of a role, not of the clause's event
        if tense == "past" and not deadline and (e.kind != "year" or prep in _ANCHOR_PREPS):
            start = _period_start(value)
            if start and start <= hi:
                out.append(Constraint(_span(max(start, lo), hi), f"past:{e.text}"))
        elif (tense == "future" or prep == "by") and (e.kind != "year" or prep in _FUTURE_PREPS):
            end = _period_end(value)
            if end and end >= lo and (e.kind in ("year", "my") or (e.kind == "end_of" and e.get("year"))):
                out.append(Constraint(_span(lo, min(end, hi)), f"future:{e.text}"))
    # "in April this year" (past): published after April of its own year.
    for e, tense in expressions:
        if e.kind == "month_rel_year" and (e.get("rel") or "").lower() == "this":
            found = resolve_expression(e, date(2000, 12, 31), tense)
            if not found:
                continue
            month = int(found.start[5:7])
            parts = []
            for y in range(lo.year, hi.year + 1):
                if tense == "past":
                    parts += _span(max(lo, date(y, month, 1)), min(hi, date(y, 12, 31)))
                else:
                    end = _period_end(DateValue(start=f"{y:04d}-{month:02d}", precision="month", text=""))
                    parts += _span(max(lo, date(y, 1, 1)), min(hi, end))  # type: ignore[arg-type]
            out.append(Constraint(_union(parts), f"this-year:{e.text}"))
    out += _framed_last_month(text, expressions, lo, hi)
    out += _statement_of_visit(text, expressions, lo, hi)
    # "trade reached $7.7 billion in 2024": a full year's total is reported after that year ends.
    for year in full_year_totals(text, expressions):
        out.append(Constraint(_span(max(lo, date(year + 1, 1, 1)), hi), f"full-year:{year}"))
    out += _chair_constraints(text, lo, hi)
    return out


_TOTAL = re.compile(
    r"(?i)\b(?:reached|reaching|totall?ed|totall?ing|stood at|amounted to|amounting to|came to|was worth|were worth|hit"
    r"|exceeded|surpassed|topped"
    r"|rose|grew|increased|fell|dropped|declined|jumped|climbed|surged|slumped|expanded|contracted"
    r"|was valued at|were valued at)\b"
    r"[^.;!?\n]{0,40}?(?:[$€£¥₩]|\b(?:US\$|RM|S\$|A\$|USD|EUR|AED|SAR|MYR|JPY|KRW|CNY|INR|GBP)\s?)?(?:\d[\d.,]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of)\b)"
    r"(?:\s*(?:per ?cent|percent|%|(?:b|m|tr)illion|bn|mn|crore|lakh))?(?:[^.;!?\n]|\.(?=\S)|(?<=[A-Z])\.){0,30}?$"
)


def full_year_totals(text: str, expressions: list[tuple[Expression, Tense]]) -> list[int]:
    """Years of a past full-year total: "trade reached 7.7 billion USD in 2024" (not "in the first half of 2024")."""
    years = []
    for e, tense in expressions:
        if e.kind != "year" or tense != "past" or (e.get("prep") or "").lower() != "in":
            continue
        before = text[max(0, e.start - 90) : e.start]
        if _TOTAL.search(before):
            years.append(int(e.get("year")))
    return years


_FRAME = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*In\s+(?P<mon>[A-Z][a-z]+)\b(?:\s+alone)?\s*,")


def _framed_last_month(
    text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date
) -> list[Constraint]:
    """ "In December alone, exports grew 6.4%, but imports shrank 4.3% last month": a sentence framed by a
    month that then says "last month" of the same figures was written in the month after it."""
    out: list[Constraint] = []
    months = {e.start: e for e, _ in expressions if e.kind == "month_bare"}
    for m in _FRAME.finditer(text):
        e = months.get(m.start("mon") - 3)  # the expression "In December"
        if e is None:
            continue
        stop = re.search(r"[.!?](?:\s|$)|\n", text[m.end() :])
        end = m.end() + (stop.start() if stop else len(text) - m.end())
        last = [
            x
            for x, t in expressions
            if x.kind == "rel_unit"
            and m.end() <= x.start < end
            and (x.get("u") or "").lower() == "month"
            and (x.get("which") or "").lower() == "last"
        ]
        if not last:
            continue
        month = resolve_expression(e, date(2001, 12, 31), "past")
        if month is None:
            continue
        after = int(month.start[5:7]) % 12 + 1
        parts: Intervals = []
        for y in range(lo.year, hi.year + 1):
            first = date(y, after, 1)
            parts += _span(
                max(lo, first), min(hi, date(y + (after == 12), after % 12 + 1, 1) - timedelta(days=1))
            )
        out.append(Constraint(_union(parts), f"last-month:{m.group('mon')}"))
    return out


_STATEMENT_TITLE = re.compile(r"(?i)\bjoint\s+(?:press\s+)?(?:statement|communiqu[eé]|declaration)\b")
_VISIT_DATES = re.compile(r"(?i)\b(?:state|official|working)?\s*visit\b[^.\n]{0,60}$")


def _statement_of_visit(
    text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date
) -> list[Constraint]:
    """ "JOINT STATEMENT FOR THE OFFICIAL VISIT OF ... hosted ... on an Official Visit from 1 to 3 September
    2024": a joint statement headed as such is issued at the visit it opens with (its last day or the next)."""
    if not _STATEMENT_TITLE.search(text[:300]):
        return []
    for e, tense in sorted(expressions, key=lambda x: x[0].start):
        if e.start > 800:
            break
        if tense != "past" or e.kind not in ("dmy_range", "mdy_range", "dmy", "mdy"):
            continue
        if not _VISIT_DATES.search(text, max(0, e.start - 80), e.start):
            continue
        value = resolve_expression(e, None, tense)
        if value is None or value.precision != "day":
            continue
        first = date.fromisoformat(value.start)
        last = date.fromisoformat(value.end or value.start)
        return [
            Constraint(
                _span(max(lo, first), min(hi, last + timedelta(days=1))), f"statement-of-visit:{e.text}"
            )
        ]
    return []
