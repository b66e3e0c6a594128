"""Summits as bounds on the publication date: "at the 16th BRICS Summit in Kazan", "the APEC meeting in Lima".

A summit named by its number or its host city (``data/summits.json``; UN General Assembly sessions by rule:
the Nth opens in September of 1945+N) was held before publication when it is named in a past clause, and is
still to come when named in a future clause.  A past month-day without a year in the same sentence that
falls on the summit ("at the 16th BRICS Summit ... on October 23") dates it, and a month-day without its
year is within the year before publication.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from ..data import load
from .published_bounds import Constraint, Intervals, _span, _union
from .temporal import Expression, Tense, resolve_expression, tense_at

_MEETING = (
    r"(?:[Ss]ummits?|[Mm]eetings?|Economic Leaders['’]? Meeting|Leaders['’]? (?:Summit|Meeting)|[Ff]orum)"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    data = load("summits.json")
    alias_of = {a: body for body, forms in data.aliases.items() for a in forms}
    aliases = "|".join(re.escape(a) for a in sorted(alias_of, key=len, reverse=True))
    cities = "|".join(
        re.escape(c) for c in sorted({s.city for s in data.summits if s.city}, key=len, reverse=True)
    )
    ordinal = re.compile(
        rf"\b(?P<n>\d{{1,2}})(?:st|nd|rd|th)\s+(?P<alias>{aliases})(?:[\s-]+[A-Z][\w-]*){{0,2}}?\s+{_MEETING}"
    )
    hosted = re.compile(
        rf"\b(?P<alias>{aliases})(?:[\s-]+[\w'’-]+){{0,3}}?\s+{_MEETING}\s+(?:(?:held\s+)?in|at)\s+(?P<city>{cities})\b"
    )
    unga = re.compile(rf"\b(?P<n>\d{{2}})(?:st|nd|rd|th)\s+(?:[Ss]ession\s+of\s+the\s+)(?P<alias>{aliases})")
    return ordinal, hosted, unga, alias_of


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(
        text.rfind("\n", 0, start), max((m.end() for m in re.finditer(r"[.!?]\s", text[:start])), default=0)
    )
    stop = re.search(r"[.!?](?:\s|$)|\n", text[end:])
    return max(lo, 0), end + (stop.start() if stop else len(text) - end)


def _found(text: str) -> list[tuple[int, int, str, str, list[tuple[date, date]]]]:
    """``(start, end, body, label, [(first day, last day), ...])`` of every summit named."""
    ordinal, hosted, unga, alias_of = _patterns()
    data = load("summits.json")
    out = []
    for m in ordinal.finditer(text):
        body, n = alias_of[m.group("alias")], int(m.group("n"))
        days = [(s.start, s.end) for s in data.summits if s.body == body and s.number == n]
        if days:
            out.append((m.start(), m.end(), body, f"{n}th", days))
    for m in hosted.finditer(text):
        body, city = alias_of[m.group("alias")], m.group("city")
        days = [(s.start, s.end) for s in data.summits if s.body == body and s.city == city]
        if days:
            out.append((m.start(), m.end(), body, city, days))
    for m in unga.finditer(text):
        if alias_of[m.group("alias")] != "UNGA":
            continue
        year = data.unga_first_year + int(m.group("n")) - 1
        out.append(
            (
                m.start(),
                m.end(),
                "UNGA",
                f"{m.group('n')}th session",
                [(date(year, 9, 1), date(year + 1, 9, 1))],
            )
        )
    return out


def summit_constraints(
    text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date
) -> list[Constraint]:
    out: list[Constraint] = []
    for start, end, body, label, days in _found(text):
        tense = tense_at(text, start, end)
        years = "/".join(sorted({str(a.year) for a, _ in days}))
        why = f"summit:{body}:{label}:{years}"
        if tense == "future":
            out.append(Constraint(_span(lo, min(hi, max(b for _, b in days))), f"{why}:to-come"))
            continue
        s_lo, s_hi = _sentence(text, start, end)
        dated: Intervals = []
        for e, e_tense in expressions:
            if e.kind not in ("md", "dm") or not s_lo <= e.start < s_hi or e_tense == "future":
                continue
            for first, last in days:
                value = resolve_expression(e, last + timedelta(days=1), "past")
                if value is None:
                    continue
                day = date.fromisoformat(value.start)
                if first - timedelta(days=1) <= day <= last + timedelta(days=1):
                    dated += _span(max(lo, day), min(hi, day + timedelta(days=364)))
        if dated:
            out.append(Constraint(_union(dated), f"{why}:held-on-month-day"))
        else:
            out.append(Constraint(_span(max(lo, min(a for a, _ in days)), hi), f"{why}:held"))
    return out
