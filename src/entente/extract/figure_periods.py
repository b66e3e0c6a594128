"""The periods a figure's sentence names: a year ("in 2022"), a month ("as of June 2023"), an open range
("since 2015" → ``2015/..``) and closed ranges, written as ISO 8601 intervals ``start/end``:

- "between April 2000 and March 2025" → ``2000-04/2025-03``, "from 2019 to 2023" → ``2019/2023``,
  "2019-23" / "FY2023/24" → ``2019/2023`` / ``2023/2024``;
- "January–June 2024", "January to June" (the year of the report when none is written) → ``2024-01/2024-06``;
- "the first half of 2024", "Q3 2024", "the first nine months of 2024" → ``2024-01/2024-06``, ...;
- "the year to March 2024", "the six months ended June 2025" → ``2023-04/2024-03``, ``2025-01/2025-06``.

The words of ranges and parts of a year are in ``data/figure_forms.json``.  A range wins over the single
dates inside it; the date resolver's ``state.dates`` fill in what these patterns do not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data import load
from .lexfilter import factor_alternation
from .state import State
from .temporal_scan import month_table

MONTHS = month_table()  # the one month list (data/temporal.json), lower case -> 1..12
_YEAR_RE = re.compile(
    r"(?<![\w$€£¥₩₹.,])(?P<fy>(?:FY|fiscal year |financial year )?)(?P<year>(?:19|20)\d{2})"
    r"(?:[/–-](?P<y2>\d{2}|(?:19|20)\d{2}))?(?![\w%]|,\d|\.\d)"
)
_BEFORE_YEAR = re.compile(
    r"(?P<prep>\b(?:since|as of|as at|as at end-|by end-|in|during|for|throughout|until|through|by|from|"
    r"at the end of|end of|end-|between|of)\s+)?(?:the )?(?:(?:first|second|third|fourth|last) "
    r"(?:half|quarter) of |[1-4]Q|Q[1-4] |H[12] )?(?P<month>[A-Za-z]{3,9}\.?\s+(?:\d{1,2},?\s+)?)?$",
    re.I,
)
_RELATIVE_YEAR = re.compile(r"\b(this|last|previous) year\b", re.I)
_MONTH_ALT = factor_alternation(sorted(MONTHS, key=len, reverse=True), True)


@dataclass
class Period:
    start: int
    end: int
    value: str


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _end(tag: str) -> str:
    """One end of a range: "April 2000", "2019", "June" (a month alone takes its year from the other end)."""
    return rf"(?:(?P<m{tag}>{_MONTH_ALT})\.?(?:\s+(?P<y{tag}>(?:19|20)\d{{2}}))?|(?P<z{tag}>(?:19|20)\d{{2}}))(?![\w-])"


@cache
def _range_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    forms = load("figure_forms.json")
    between, from_to = (
        rf"(?:{_alt(r.open)})\s+(?:the\s+)?{_end(a)}\s+(?:{_alt(r.join)})\s+(?:the\s+)?{_end(b)}"
        for r, a, b in ((forms.range_between, "a", "b"), (forms.range_from, "c", "d"))
    )
    # "January–June 2024", "January to June": two months joined by a dash or a "to" word.
    months = (
        rf"(?P<me>{_MONTH_ALT})\.?(?:\s+(?P<ye>(?:19|20)\d{{2}}))?\s*(?:[–—-]|\s(?:{_alt(forms.range_from.join)})\s)\s*"
        rf"(?P<mf>{_MONTH_ALT})\.?(?:\s+(?:{_alt(forms.range_nouns)}))?(?:,?\s+(?:of\s+)?(?P<yf>(?:19|20)\d{{2}}))?(?![\w-])"
    )
    ranges = re.compile(rf"\b(?:{between}|{from_to}|{months})", re.I)
    parts = re.compile(
        rf"\b(?:the\s+)?(?P<part>{_alt(forms.part_of_year)})(?:\s+(?:of\s+)?(?:(?P<year>(?:19|20)\d{{2}})|"
        rf"(?P<rel>this|last|the)\s+year)|(?P<glued>(?:19|20)\d{{2}}))?(?![\w-])",
        re.I,
    )
    nums = forms.months_of_year.number_words
    first = re.compile(
        rf"\b(?:the\s+)?(?:{_alt(forms.months_of_year.open)})\s+(?P<n>{_alt(nums)}|[1-9]|1[01])\s+months\s+"
        rf"(?:of\s+)?(?:(?P<year>(?:19|20)\d{{2}})|(?P<rel>this|last|the)\s+year)?(?![\w-])",
        re.I,
    )
    spans = forms.span_to_month
    ending = re.compile(
        rf"\b(?:the\s+)?(?P<span>{_alt(spans.spans)})\s+(?:{_alt(spans.joins)})\s+(?:the\s+end\s+of\s+)?"
        rf"(?P<month>{_MONTH_ALT})\.?(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?(?![\w-])",
        re.I,
    )
    return ranges, parts, first, ending


def _year_of_months(last_month: int, published: tuple[int, int] | None) -> int | None:
    """The year of a span of months written without one: the report's, or the year before when its last
    month is still to come."""
    if published is None:
        return None
    year, month = published
    return year if last_month <= month else year - 1


def _fmt(year: int, month: int | None) -> str:
    return f"{year}-{month:02d}" if month else str(year)


def _closed(y1, m1, y2, m2, published) -> str | None:
    if y2 is None:
        y2 = y1 if y1 is not None and (m1 or 0) <= (m2 or 13) else None
    if y2 is None:
        y2 = _year_of_months(m2 or 12, published)
    if y2 is None:
        return None
    if y1 is None:
        y1 = y2 if (m1 or 0) <= (m2 or 13) else y2 - 1
    if (y1, m1 or 0) >= (y2, m2 or 13) or (m1 is None) != (m2 is None) and y1 == y2:
        return None
    return f"{_fmt(y1, m1)}/{_fmt(y2, m2)}"


def range_periods(text: str, lo: int, hi: int, published: tuple[int, int] | None) -> list[Period]:
    """Closed ranges in ``text[lo:hi]``; ``published``: the report's (year, month) for a range without a year."""
    ranges, parts, first, ending = _range_res()
    out: list[Period] = []
    for m in ending.finditer(text, lo, hi):  # "the year to March 2024" → 2023-04/2024-03
        last = MONTHS[m.group("month").lower().rstrip(".")]
        n = load("figure_forms.json").span_to_month.spans[m.group("span").lower()]
        y2 = int(m.group("year")) if m.group("year") else _year_of_months(last, published)
        if y2 is None:
            continue
        first_month, y1 = last - n + 1, y2
        if first_month < 1:
            first_month, y1 = first_month + 12, y2 - 1
        out.append(Period(m.start(), m.end(), f"{y1}-{first_month:02d}/{y2}-{last:02d}"))
    for m in ranges.finditer(text, lo, hi):
        if any(p.start < m.end() and m.start() < p.end for p in out):
            continue
        g = m.groupdict()
        tags = next((t for t in ("ab", "cd", "ef") if any(g.get(f"{k}{t[0]}") for k in "myz")), None)
        if tags is None:
            continue
        a, b = tags
        y1, m1 = g.get(f"y{a}") or g.get(f"z{a}"), g.get(f"m{a}")
        y2, m2 = g.get(f"y{b}") or g.get(f"z{b}"), g.get(f"m{b}")
        value = _closed(
            int(y1) if y1 else None,
            MONTHS[m1.lower().rstrip(".")] if m1 else None,
            int(y2) if y2 else None,
            MONTHS[m2.lower().rstrip(".")] if m2 else None,
            published,
        )
        if value:
            out.append(Period(m.start(), m.end(), value))
    for pattern, months in ((parts, None), (first, "n")):
        for m in pattern.finditer(text, lo, hi):
            if months:
                raw = m.group("n").lower()
                count = load("figure_forms.json").months_of_year.number_words.get(raw) or int(raw)
                m1, m2 = 1, count
            else:
                m1, m2 = load("figure_forms.json").part_of_year[m.group("part").lower()]
            year_text = m.group("year") or (m.groupdict().get("glued"))
            if year_text:
                year: int | None = int(year_text)
            elif m.group("rel") and published:
                year = published[0] - (1 if m.group("rel").lower() == "last" else 0)
            else:
                year = _year_of_months(m2, published)
            if year is None or any(p.start < m.end() and m.start() < p.end for p in out):
                continue
            out.append(Period(m.start(), m.end(), f"{year}-{m1:02d}/{year}-{m2:02d}"))
    return out


def own_periods(text: str, lo: int, hi: int, published: tuple[int, int] | None) -> list[Period]:
    """Every period written in ``text[lo:hi]``: closed ranges first, then the years and months outside them."""
    out = range_periods(text, lo, hi, published)
    ranges = list(out)
    for m in _YEAR_RE.finditer(text, lo, hi):
        if any(p.start < m.end() and m.start() < p.end for p in ranges):
            continue
        year = m.group("year")
        before = _BEFORE_YEAR.search(text[max(lo, m.start() - 40) : m.start()])
        start = m.start()
        value = year
        prep = ""
        if before and before.group(0):
            start = m.start() - len(before.group(0))
            prep = (before.group("prep") or "").strip().lower()
            month = (before.group("month") or "").split()
            if month and month[0].lower().rstrip(".") in MONTHS:
                value = f"{year}-{MONTHS[month[0].lower().rstrip('.')]:02d}"
            elif month:  # a word that is not a month: keep only the preposition part
                start = m.start()
        if m.group("y2"):
            y2 = m.group("y2")
            y2 = year[:2] + y2 if len(y2) == 2 else y2
            if y2 > year:
                value = f"{year}/{y2}"
        if prep == "since":
            value = f"{value}/.."
        out.append(Period(start, m.end(), value))
    if published is not None:
        for m in _RELATIVE_YEAR.finditer(text, lo, hi):
            if any(p.start < m.end() and m.start() < p.end for p in ranges):
                continue
            shift = 0 if m.group(1).lower() == "this" else -1
            out.append(Period(m.start(), m.end(), str(published[0] + shift)))
    return out


def periods(state: State, lo: int, hi: int) -> list[Period]:
    """The periods of ``state.text[lo:hi]``: those written there, then the resolved dates not among them."""
    pub = state.published.date
    published = (int(pub[:4]), int(pub[5:7]) if len(pub) >= 7 else 12) if pub else None
    own = own_periods(state.text, lo, hi, published)
    for d in state.dates_in(lo, hi):
        if d.value is None or any(p.start < d.end and d.start < p.end for p in own):
            continue
        v = d.value
        value = v.start if v.precision != "day" else v.start[:7]
        if v.end and v.end[: len(value)] > value:
            value = f"{value}/{v.end[: len(value)]}"
        own.append(Period(d.start, d.end, value))
    return own


def period_year(period: str | None) -> int | None:
    """The year a period's amounts are converted at: a closed range's last year, else its first."""
    if not period:
        return None
    start, _, end = period.partition("/")
    return int(end[:4]) if end[:4].isdigit() else int(start[:4])
