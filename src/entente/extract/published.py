"""Publication date: from metadata first, else from the text, else reasoned — never guessed.

Order of evidence:

1. metadata (``--published`` or a header; set before the pipeline runs);
2. an explicit full date the text gives as its own date: a labelled date ("date
   2021-11-19", "Published: 3 May 2022"), a line holding only a date ("Monday ,
   25 November 2024"), or a dateline with its year ("TOKYO, Dec 16, 2023 (Kyodo) —");
3. a dateline month-day without year ("PUTRAJAYA, Dec 16 —") completed with the
   year by reasoning, and otherwise a bounded year/month from the same reasoning.

The reasoning keeps the set of days the article can have been published on:
named leaders with a current title must be in office (``data/leaders.json``);
explicit years mentioned in a past clause are not in the future ("in 2022", "as
of June 2023"); years in a future clause are not in the past ("by 2025"); "in
April this year" said of the past puts the date after April; a country that "will
take the ASEAN chair next year" fixes the year (``data/chairs.json``).  Among the
years a dateline month-day allows, weekday words must agree: a past "on Saturday"
next to "Dec 16" wants the Saturday on or just before Dec 16.  A day is reported
only when one reading is clearly best; a year or month when only that is certain;
``null`` otherwise.

Then every temporal expression (``state.dates``) is resolved against the result:
for an uncertain date, against every possible day, keeping the value they agree
on (or the value at least two thirds of them give, or the common year/month).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_json
from ..record import DateValue, Published
from .leaders import find_leaders
from .lexfilter import CASE_ODD, Requirement, holds, required_literals
from .state import DateMention, State
from .temporal import Expression, Tense, find_expressions, resolve_expression, tense_at

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def parse_metadata_date(value: str) -> tuple[str, str] | None:
    """``(date, precision)`` from a metadata value such as ``2024-11-25`` or ``2024-11``."""
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        try:
            if d:
                return date(int(y), int(mo), int(d)).isoformat(), "day"
            if mo:
                date(int(y), int(mo), 1)
                return f"{int(y):04d}-{int(mo):02d}", "month"
            return f"{int(y):04d}", "year"
        except ValueError:
            return None
    try:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:
        parsed = None
    return (parsed.date().isoformat(), "day") if parsed else None


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


# ------------------------------------------------------------------ explicit dates

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z'’.\- ]{{1,40}}?)(?:\s*,\s*[A-Z][A-Za-z'’.\- ]{{1,30}}?)?\s*,\s*"
    rf"(?:(?P<mon>(?i:{_MONTHS}))\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>(?i:{_MONTHS}))\.?)"
    rf"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?"
    rf"(?:\s*(?:\([^)\n]{{1,40}}\)\.?\s*)?(?:[—–\-:]|$)|\s*\([^)\n]{{1,40}}\)[ \t]+(?=[A-Z])"
    rf"|\.?\s*/[^/\n]{{2,20}}/|\s*,\s*[A-Z]{{2,6}}\s*[—–\-]{{1,2}}"
    rf"|[ \t]+[A-Z][A-Za-z]{{1,15}}[ \t]*[—–\-]{{1,2}}[ \t])",  # "(EFE).-", "(PTI) Prime", "/TASS/.", ", SPA --", " Kyodo - "
    re.M,
)
_LABEL = re.compile(
    r"(?i)(?<![\w])(?:date|dated|published|posted|updated|last updated|publication date|issued)\s*(?:on)?\s*[:\-–]?\s*"
    r"(?:[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?)?\s*(?:(?:GMT|UTC)\s*[+\-−]?\s*\d{0,2}(?::?\d\d)?|[A-Z]{2,4})?\s*,?\s*)?$"
)
# The closing formula of a joint statement or communique dates the document: "Done at Nairobi, 29 February 2024."
_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:done|issued|adopted|signed|made)\s+(?:at|in)\s+[A-Z][\w'’.\- ]{1,40}?\s*,?\s*(?:on\s+)?(?:this\s+)?$"
)
_FULL_KINDS = {"iso", "dotted", "dmy", "mdy"}


def _to_date(value: DateValue) -> date | None:
    try:
        return date.fromisoformat(value.start) if value.precision == "day" else None
    except ValueError:
        return None


def explicit_date(text: str, expressions: list[Expression]) -> tuple[date, str, str] | None:
    """``(day, basis, rule)`` when the text states its own full date."""
    head = text[: max(400, len(text) // 20)]
    candidates: list[tuple[int, date, str, str]] = []
    for e in expressions:
        if e.kind not in _FULL_KINDS:
            continue
        value = resolve_expression(e, None)
        day = _to_date(value) if value else None
        if day is None:
            continue
        line_start = text.rfind("\n", 0, e.start) + 1
        line_end = text.find("\n", e.end)
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start : e.start], text[e.end : line_end]
        if _LABEL.search(text[max(0, e.start - 48) : e.start]):
            candidates.append((0, day, "text", "published:labelled"))
        elif _CLOSING.search(text, line_start, e.start) and len(text) - line_end < 200:
            candidates.append((1, day, "text", "published:closing-formula"))
        elif not re.sub(r"[\W_]+", "", before + after) or (
            len(before + after) < 40 and re.fullmatch(r"[\s,|·•\-–—]*(?i:published|updated|posted)?[\s:,|·•\-–—]*", before)
            and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", after)
        ):
            candidates.append((1, day, "text", "published:date-line"))
        elif e.start < 300 and not after.strip(" .") and re.search(r"\S\s*[:|–—]\s*$", before):
            candidates.append((1, day, "text", "published:headline-date"))
        elif e.start < len(head) and _DATELINE.match(text, line_start) and e.start - line_start < 60:
            candidates.append((2, day, "dateline", "published:dateline-full"))
    for m in _DATELINE.finditer(head):
        if m.group("year"):
            mon = m.group("mon") or m.group("mon2")
            day_s = m.group("day") or m.group("day2")
            found = find_expressions(f"{mon} {day_s}, {m.group('year')}")
            value = resolve_expression(found[0], None) if found else None
            day = _to_date(value) if value else None
            if day:
                candidates.append((2, day, "dateline", "published:dateline-full"))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, day, basis, rule = candidates[0]
    return day, basis, rule


def dateline_month_day(text: str) -> tuple[int, int, int, int] | None:
    """``(month, day, start, end)`` of a dateline "PLACE, Mon DD —" near the top."""
    head = text[: max(600, len(text) // 10)]
    for m in _DATELINE.finditer(head):
        if m.group("year"):
            continue
        mon = (m.group("mon") or m.group("mon2")).lower()[:3]
        month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(mon) + 1
        day = int(m.group("day") or m.group("day2"))
        if 1 <= day <= 31:
            return month, day, m.start(), m.end()
    return None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LEAD_DATE = re.compile(
    rf"\b(?P<wd>{'|'.join(_WEEKDAYS)})\s*(?:\(\s*|,\s*)"
    rf"(?:(?P<mon>{_MONTHS})\.?\s+(?P<day>[0-3]?\d)|(?P<day2>[0-3]?\d)\s+(?P<mon2>{_MONTHS})\.?)(?:st|nd|rd|th)?"
    rf"\s*\)?(?!\s*,?\s*\d)"
)


def lead_month_day(text: str, expressions: list[tuple[Expression, Tense]]) -> tuple[int, int, int, int] | None:
    """``(month, day, start, end)`` of "on March 7" in the lead sentence of a wire story whose dateline gives
    no date ("Canberra (VNA) - Vietnam and Australia on March 7 elevated ..."): the day reported, which
    stands in for the dateline's month-day (the year is still reasoned)."""
    from .dateline import find_dateline

    dl = find_dateline(text)
    if dl is None or dl.date_text:
        return None
    stop = re.search(r"[.!?](?:\s|$)", text[dl.end : dl.end + 400])
    lead_end = dl.end + (stop.start() if stop else 0)
    for e, tense in sorted(expressions, key=lambda x: x[0].start):
        if e.start < dl.end or e.start >= lead_end:
            continue
        if e.kind == "md" and tense == "past" and (e.get("prep") or "").lower() == "on":
            mon = e.get("mon").lower()[:3]
            month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(mon) + 1
            return month, int(e.get("day")), e.start, e.end
        return None  # another date comes first
    return None


def lead_date(text: str) -> tuple[int, int, int, int] | None:
    """``(weekday, month, day, offset)`` of a lead "on Monday (Jun 6)" in a past clause."""
    for m in _LEAD_DATE.finditer(text[: max(500, len(text) // 8)]):
        if tense_at(text, m.start(), m.end()) != "past":
            continue
        mon = (m.group("mon") or m.group("mon2")).lower()[:3]
        month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(mon) + 1
        return _WEEKDAYS.index(m.group("wd")), month, int(m.group("day") or m.group("day2")), m.start()
    return None


# ------------------------------------------------------------------ reasoning

_PAST_EXPLICIT = {
    "year", "my", "iso", "dotted", "dmy", "mdy", "year_span", "year_range", "dmy_range", "mdy_range", "end_of", "quarter", "qn",
}
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
    chairs = load_json("chairs.json")
    body_alt = "|".join(re.escape(b) for b in chairs if not b.startswith("_"))
    pat = re.compile(
        rf"(?:will|is set to|is due to|is to|is scheduled to|is slated to|is expected to|prepares to|prepares for)\s+"
        rf"(?:take (?:over )?|assume |hold |chair )?(?:the )?(?:rotating )?(?P<body>{body_alt}|G-20)\s+"
        rf"(?:rotating )?(?:chair|chairmanship|chairship|presidency)\s+(?P<when>next year|this year)",
        re.I,
    )
    return pat, required_literals(pat, most=4)


def _chair_constraints(text: str, lo: date, hi: date) -> list[Constraint]:
    from .countries import find_countries

    chairs = load_json("chairs.json")
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
        allowed = _union([iv for y in years for iv in _span(date(y - offset, 1, 1), date(y - offset, 12, 31))])
        if years:
            out.append(Constraint(allowed, f"chair:{body}:{iso3}:{m.group('when').lower()}"))
    return out


def constraints(text: str, expressions: list[tuple[Expression, Tense]], lo: date, hi: date) -> list[Constraint]:
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
        deadline = prep in ("by", "before", "until", "no later than") or e.text.lower().startswith(("by ", "before "))
        if tense == "past" and not deadline and (e.kind != "year" or prep in _ANCHOR_PREPS):
            start = _period_start(value)
            if start and start <= hi:
                out.append(Constraint(_span(max(start, lo), hi), f"past:{e.text}"))
        elif tense == "future" or prep == "by":
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
    r"[^.;!?\n]{0,40}?(?:[$€£¥₩]|\b(?:US\$|RM|S\$|A\$|USD|EUR|AED|SAR|MYR|JPY|KRW|CNY|INR|GBP)\s?)?\d[\d.,]*"
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


def _recency_penalty(day: date, years: list[int]) -> float:
    """A full-year total is reported soon after its year: the latest one is most likely last year's."""
    return float(max(0, day.year - max(years) - 1)) if years else 0.0


def _days_in_years(first_year: int, last_year: int, month: int, day: int, allowed) -> list[date]:
    """Every real date month-day in the years given that the allowed ranges admit."""
    out = []
    for y in range(first_year, last_year + 1):
        try:
            d = date(y, month, day)
        except ValueError:  # 29 February in a common year
            continue
        if _intersect(allowed, _span(d, d)):
            out.append(d)
    return out


def _weekday_penalty(day: date, expressions: list[tuple[Expression, Tense]]) -> float:
    """How badly the weekday words disagree with ``day`` as the publication date."""
    penalty = 0.0
    for e, tense in expressions:
        if e.kind not in ("weekday", "duration", "duration_anchor") or not e.get("wd") or e.get("which"):
            continue
        value = resolve_expression(e, day, tense)
        if value is None:
            continue
        gap = abs((date.fromisoformat(value.start) - day).days)
        if tense == "future":
            penalty += 0.3 if gap == 0 else 0.0 if gap <= 2 else 0.3 if gap <= 4 else 0.6
        else:
            penalty += 0.0 if gap == 0 else 0.4 if gap == 1 else 1.0 if gap == 2 else 1.5
    return penalty


def _year_penalty(day: date, expressions: list[tuple[Expression, Tense]]) -> float:
    """A past "in 2022" in an article of 2022 is unusual (it would say "this year"); so is a past
    "in January 2023" in an article of January 2023 ("earlier this month")."""
    penalty = 0.0
    for e, tense in expressions:
        if tense != "past" or (e.get("prep") or "").lower() != "in":
            continue
        if e.kind == "year" and int(e.get("year") or 0) == day.year:
            penalty += 0.5
        elif e.kind == "my" and not e.get("mod") and int(e.get("year") or 0) == day.year:
            value = resolve_expression(e, None, tense)
            same_month = value is not None and value.start == f"{day.year:04d}-{day.month:02d}"
            penalty += 1.0 if same_month else 0.5
    return penalty


_REPORTED = re.compile(r"\b(?:said|says|told|announced|reported|added|stated)\s+(?:on\s+)?$", re.I)


def _lead_weekday_gap(day: date, expressions: list[tuple[Expression, Tense]], text: str = "") -> int | None:
    """Days between ``day`` and the weekday of the report: one said of the report itself ("the ministry
    said on Wednesday"), else the first weekday word of the text ("on Tuesday" of the lead)."""
    weekdays = [
        (e, tense) for e, tense in sorted(expressions, key=lambda x: x[0].start)
        if e.kind == "weekday" and e.get("wd") and not e.get("which")
    ]
    reported = [(e, t) for e, t in weekdays if text and _REPORTED.search(text[max(0, e.start - 20) : e.start])]
    for e, tense in (reported or weekdays)[:1]:
        value = resolve_expression(e, day, tense)
        return None if value is None else abs((date.fromisoformat(value.start) - day).days)
    return None


def _only_exact_weekday(scored: list[date], expressions: list[tuple[Expression, Tense]], text: str) -> date | None:
    """One year alone fits the lead's weekday exactly ("on Tuesday" beside "1 nov" in the one year where
    1 November was a Tuesday); the others fit at best as a day-after report.  Most reports name the
    weekday of their own dateline, so the exact year is taken (basis ``inferred``).  Later weekdays
    ("who arrived on Friday") may lie a day or two before."""
    exact = [d for d in scored if _lead_weekday_gap(d, expressions, text) == 0]
    return exact[0] if len(exact) == 1 and len(scored) > 1 else None


def _weekday_of_full_date(expressions: list[tuple[Expression, Tense]], allowed: Intervals) -> date | None:
    """"President Tinubu on Tuesday hosted ... The visit came on January 28, 2025": the latest full date of
    the text falls on the lead's weekday, so it is the day reported (without a dateline to say so)."""
    lead = next(
        (e for e, tense in sorted(expressions, key=lambda x: x[0].start)
         if e.kind == "weekday" and e.get("wd") and not e.get("which") and tense == "past"),
        None,
    )
    if lead is None:
        return None
    days = []
    for e, tense in expressions:
        if e.kind not in _FULL_KINDS or tense != "past":
            continue
        value = resolve_expression(e, None, tense)
        day = _to_date(value) if value else None
        if day is not None:
            days.append(day)
    if not days:
        return None
    latest = max(days)
    wanted = _WEEKDAYS.index(lead.get("wd").capitalize()) if lead.get("wd").capitalize() in _WEEKDAYS else -1
    if latest.weekday() != wanted or days.count(latest) < 1 or not _intersect(allowed, _span(latest, latest)):
        return None
    return latest


@dataclass
class Inference:
    published: Published
    bases: list[date]  # the days the publication date can be (one when it is known to the day)
    rule: str


def infer(text: str, expressions: list[tuple[Expression, Tense]], today: date | None = None) -> Inference:
    """The publication date a text supports, with its basis and the possible days."""
    today = today or date.today()
    exprs = [e for e, _ in expressions]
    found = explicit_date(text, exprs)
    if found:
        day, basis, rule = found
        return Inference(Published(date=day.isoformat(), precision="day", basis=basis), [day], rule)  # type: ignore[arg-type]
    lo, hi = EARLIEST, today
    allowed = _span(lo, hi)
    reasons = []
    for c in constraints(text, expressions, lo, hi):
        narrowed = _intersect(allowed, c.allowed)
        if not narrowed:
            return Inference(Published(), [], f"published:conflict:{c.why}")
        if narrowed != allowed:
            reasons.append(c.why)
        allowed = narrowed
    md = dateline_month_day(text)
    source = "dateline"
    if md is None:
        md, source = lead_month_day(text, expressions), "lead-day"
    if md:
        month, dday, _, _ = md
        cands = _days_in_years(lo.year, hi.year, month, dday, allowed)
        if cands and len(cands) <= 12:
            totals = full_year_totals(text, expressions)

            def penalty(d: date) -> float:
                return _weekday_penalty(d, expressions) + _year_penalty(d, expressions) + _recency_penalty(d, totals)

            scored = sorted(cands, key=penalty)
            best = scored[0]
            pen = [penalty(d) for d in scored]
            exact = _only_exact_weekday(scored, expressions, text)
            if exact is not None:
                best = exact
            if len(scored) == 1 or pen[1] - pen[0] >= 1.0 or exact is not None:
                why = "+".join([source, *reasons, *(["weekday"] if len(scored) > 1 else [])])
                return Inference(
                    Published(date=best.isoformat(), precision="day", basis="inferred"), [best], f"published:{why}"
                )
    lead = None if md else lead_date(text)
    if lead:
        wd, month, dday, _ = lead
        cands = [d for d in _days_in_years(lo.year, hi.year, month, dday, allowed) if d.weekday() == wd]
        if len(cands) == 1:
            why = "+".join(["lead-date", *reasons])
            return Inference(
                Published(date=cands[0].isoformat(), precision="day", basis="inferred"), cands, f"published:{why}"
            )
    if not md and not lead:
        dated = _weekday_of_full_date(expressions, allowed)
        if dated is not None:
            return Inference(
                Published(date=dated.isoformat(), precision="day", basis="inferred"), [dated], "published:weekday-date"
            )
    if not reasons or not allowed:
        return Inference(Published(), [], "published:none")
    first, last = date.fromordinal(allowed[0][0]), date.fromordinal(allowed[-1][1])
    why = "published:" + "+".join(reasons)
    if first.year != last.year:
        return Inference(Published(), [], "published:ambiguous")
    days = [date.fromordinal(o) for lo_, hi_ in allowed for o in range(lo_, hi_ + 1)]
    if (first.year, first.month) == (last.year, last.month):
        return Inference(Published(date=f"{first.year:04d}-{first.month:02d}", precision="month", basis="inferred"), days, why)
    return Inference(Published(date=f"{first.year:04d}", precision="year", basis="inferred"), days, why)


def metadata_bases(published: Published) -> list[date]:
    """Every day a given publication date (of any precision) covers."""
    if not published.date:
        return []
    try:
        value = DateValue(start=published.date, precision=published.precision or "day", text="")
        first = date.fromisoformat(published.date) if len(published.date) == 10 else _period_start(value)
        last = _period_end(value)
    except (ValueError, OverflowError):
        return []
    if first is None or last is None:
        return []
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# ------------------------------------------------------------------ resolution against the result


def _agreement(values: list[DateValue], text: str) -> tuple[DateValue | None, str]:
    """What the readings agree on: the same value, else the same month or year; all, or two thirds."""
    need = len(values) * 2
    for length, precision in ((10, None), (7, "month"), (4, "year")):
        if length == 10:
            counts = Counter((v.start, v.end, v.precision) for v in values)
        else:
            counts = Counter((v.start[:length], None, precision) for v in values if len(v.start) >= length)
        if not counts:
            continue
        (start, end, prec), n = counts.most_common(1)[0]
        if n == len(values) or n * 3 >= need:
            value = DateValue(start=start, end=end, precision=prec, text=text)  # type: ignore[arg-type]
            how = "" if n == len(values) and length == 10 else ":coarse" if n == len(values) else ":likely"
            return value, how
    return None, ""


def resolve_against(e: Expression, tense: Tense, bases: list[date]) -> tuple[DateValue | None, str]:
    """Value of ``e`` for a publication date that is one of ``bases`` (rule suffix says how sure)."""
    if not bases:
        value = resolve_expression(e, None, tense)
        return value, ""
    if len(bases) > 120:
        step = len(bases) / 120
        bases = [bases[int(i * step)] for i in range(120)] + [bases[-1]]
    absolute = resolve_expression(e, None, tense)
    if absolute is not None:  # resolved without a base: the same value against every base
        return _agreement([absolute] * len(bases), e.text)
    values = [resolve_expression(e, b, tense) for b in bases]
    if any(v is None for v in values):
        return None, ""
    return _agreement(values, e.text)  # type: ignore[arg-type]


def resolve_mentions(state: State, expressions: dict[tuple[int, int], tuple[Expression, Tense]], bases: list[date]) -> None:
    for mention in state.dates:
        found = expressions.get((mention.start, mention.end))
        if found is None:
            continue
        e, tense = found
        value, how = resolve_against(e, tense, bases)
        mention.value = value
        mention.rule = f"temporal:{e.kind}:{tense}{how}"


def expressions_of(doc: Doc, state: State) -> dict[tuple[int, int], tuple[Expression, Tense]]:
    cached = doc.user_data.get("entente_temporal")
    if cached is None:
        cached = {}
        for e in find_expressions(state.text):
            cached[(e.start, e.end)] = (e, tense_at(state.text, e.start, e.end))
        doc.user_data["entente_temporal"] = cached
    return cached


@Language.component("entente_published")
def published_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    expressions = expressions_of(doc, state)
    if not state.dates:
        state.dates = [DateMention(s, e, None, f"temporal:{x.kind}") for (s, e), (x, _) in expressions.items()]
    if state.published.date:
        bases = metadata_bases(state.published)
    else:
        inference = infer(state.text, list(expressions.values()))
        state.published = inference.published
        if inference.published.date:
            state.published.rule = inference.rule  # type: ignore[attr-defined]
        bases = inference.bases
    resolve_mentions(state, expressions, bases)
    return doc
