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

from spacy.language import Language
from spacy.tokens import Doc

from ..record import DateValue, Published
from .published_arith import arithmetic_constraints
from .published_bounds import (
    EARLIEST,
    Intervals,
    _intersect,
    _period_end,
    _period_start,
    _span,
    constraints,
    full_year_totals,
)
from .published_summits import summit_constraints
from .published_text import (
    _FULL_KINDS,
    _WEEKDAYS,
    _to_date,
    dateline_month_day,
    explicit_date,
    lead_date,
    lead_month_day,
    parse_metadata_date,
)
from .state import DateMention, State
from .temporal import Expression, Tense, find_expressions, resolve_expression, tense_at

__all__ = [
    "Inference",
    "dateline_month_day",
    "year_ranges",
    "full_year_totals",
    "infer",
    "metadata_bases",
    "parse_metadata_date",
]


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
    "in January 2023" in an article of January 2023 ("earlier this month"), and a future "in 2025" in an
    article of the second half of 2025 ("later this year")."""
    penalty = 0.0
    for e, tense in expressions:
        if tense == "future" and e.kind == "year" and (e.get("prep") or "").lower() == "in":
            # "will host the next meeting in 2025" written in the autumn of 2025 would say "later this year"
            if int(e.get("year") or 0) == day.year and day.month >= 7:
                penalty += 1.0
            continue
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
        (e, tense)
        for e, tense in sorted(expressions, key=lambda x: x[0].start)
        if e.kind == "weekday" and e.get("wd") and not e.get("which")
    ]
    reported = [
        (e, t) for e, t in weekdays if text and _REPORTED.search(text[max(0, e.start - 20) : e.start])
    ]
    for e, tense in (reported or weekdays)[:1]:
        value = resolve_expression(e, day, tense)
        return None if value is None else abs((date.fromisoformat(value.start) - day).days)
    return None


def _only_exact_weekday(
    scored: list[date], expressions: list[tuple[Expression, Tense]], text: str
) -> date | None:
    """One year alone fits the lead's weekday exactly ("on Tuesday" beside "1 nov" in the one year where
    1 November was a Tuesday); the others fit at best as a day-after report.  Most reports name the
    weekday of their own dateline, so the exact year is taken (basis ``inferred``).  Later weekdays
    ("who arrived on Friday") may lie a day or two before."""
    exact = [d for d in scored if _lead_weekday_gap(d, expressions, text) == 0]
    return exact[0] if len(exact) == 1 and len(scored) > 1 else None


_LEAD_DAY_WORDS = {"today": 0, "yesterday": 1}
_LEAD_REACH = 300  # "today"/"yesterday" speak of the report only in its lead


def _lead_day(expressions: list[tuple[Expression, Tense]]) -> tuple[int | None, int] | None:
    """The lead's day word: ``(weekday, 0)`` for a past "on Tuesday", ``(None, k)`` for "today" (k=0) or
    "yesterday" (k=1, the report is a day after); the first of them in the text, ``None`` without one."""
    for e, tense in sorted(expressions, key=lambda x: x[0].start):
        if e.kind == "weekday" and e.get("wd") and not e.get("which") and tense == "past":
            wd = e.get("wd").capitalize()
            return (_WEEKDAYS.index(wd) if wd in _WEEKDAYS else -1), 0
        word = (e.get("dw") or "").lower()
        if e.kind == "day_word" and word in _LEAD_DAY_WORDS and e.start < _LEAD_REACH:
            return None, _LEAD_DAY_WORDS[word]
    return None


def _weekday_of_full_date(
    expressions: list[tuple[Expression, Tense]], allowed: Intervals
) -> tuple[date, str] | None:
    """ "President Tinubu on Tuesday hosted ... The visit came on January 28, 2025": the latest full date of
    the text falls on the lead's weekday, so it is the day reported (without a dateline to say so).  A lead's
    "today" takes the latest full date (a caption's "..., May 7, 2025") as the report's own; "yesterday",
    the day after it."""
    lead = _lead_day(expressions)
    if lead is None:
        return None
    wanted, after = lead
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
    if wanted is not None and latest.weekday() != wanted:
        return None
    day = latest + timedelta(days=after)
    rule = (
        "published:weekday-date"
        if wanted is not None
        else f"published:lead-{('today', 'yesterday')[after]}-date"
    )
    return (day, rule) if _intersect(allowed, _span(day, day)) else None


@dataclass
class Inference:
    published: Published
    bases: list[date]  # the days the publication date can be (one when it is known to the day)
    rule: str
    years: tuple[int, ...] = ()  # the years the constraints leave (the stated year for a stated date)

    def explain(self) -> str:
        """ "<rule>; candidate years 2023-2024" for ``--explain``."""
        return f"{self.rule}; candidate years {year_ranges(self.years) or 'none'}"


def year_ranges(years: tuple[int, ...] | list[int]) -> str:
    """ "2019, 2022-2024": the years, runs shortened."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _years_left(allowed: Intervals) -> list[int]:
    return sorted(
        {y for lo_, hi_ in allowed for y in range(date.fromordinal(lo_).year, date.fromordinal(hi_).year + 1)}
    )


def infer(text: str, expressions: list[tuple[Expression, Tense]], today: date | None = None) -> Inference:
    """The publication date a text supports, with its basis, the possible days and the candidate years."""
    left: list[int] = []
    inference = _reason(text, expressions, today or date.today(), left)
    if inference.published.basis in ("text", "dateline") and inference.published.date:
        left = [int(inference.published.date[:4])]
    inference.years = tuple(left)
    return inference


def _reason(
    text: str, expressions: list[tuple[Expression, Tense]], today: date, left: list[int]
) -> Inference:
    exprs = [e for e, _ in expressions]
    found = explicit_date(text, exprs)
    if found:
        day, basis, rule = found
        return Inference(Published(date=day.isoformat(), precision="day", basis=basis), [day], rule)  # type: ignore[arg-type]
    lo, hi = EARLIEST, today
    allowed = _span(lo, hi)
    reasons = []
    found = [
        *constraints(text, expressions, lo, hi),
        *summit_constraints(text, expressions, lo, hi),
        *arithmetic_constraints(text, expressions, lo, hi),
    ]
    for c in found:
        narrowed = _intersect(allowed, c.allowed)
        if not narrowed:
            left[:] = []
            return Inference(Published(), [], f"published:conflict:{c.why}")
        if narrowed != allowed:
            reasons.append(c.why)
        allowed = narrowed
    left[:] = _years_left(allowed)
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
                return (
                    _weekday_penalty(d, expressions)
                    + _year_penalty(d, expressions)
                    + _recency_penalty(d, totals)
                )

            scored = sorted(cands, key=penalty)
            best = scored[0]
            pen = [penalty(d) for d in scored]
            exact = _only_exact_weekday(scored, expressions, text)
            if exact is not None:
                best = exact
            if len(scored) == 1 or pen[1] - pen[0] >= 1.0 or exact is not None:
                why = "+".join([source, *reasons, *(["weekday"] if len(scored) > 1 else [])])
                return Inference(
                    Published(date=best.isoformat(), precision="day", basis="inferred"),
                    [best],
                    f"published:{why}",
                )
    lead = None if md else lead_date(text, expressions)
    if lead:
        wd, month, dday, _ = lead
        cands = [d for d in _days_in_years(lo.year, hi.year, month, dday, allowed) if d.weekday() == wd]
        if len(cands) == 1:
            why = "+".join(["lead-date", *reasons])
            return Inference(
                Published(date=cands[0].isoformat(), precision="day", basis="inferred"),
                cands,
                f"published:{why}",
            )
    if not md and not lead:
        dated = _weekday_of_full_date(expressions, allowed)
        if dated is not None:
            return Inference(
                Published(date=dated[0].isoformat(), precision="day", basis="inferred"), [dated[0]], dated[1]
            )
    if not reasons or not allowed:
        return Inference(Published(), [], "published:none")
    first, last = date.fromordinal(allowed[0][0]), date.fromordinal(allowed[-1][1])
    why = "published:" + "+".join(reasons)
    if first.year != last.year:
        return Inference(Published(), [], "published:ambiguous")
    days = [date.fromordinal(o) for lo_, hi_ in allowed for o in range(lo_, hi_ + 1)]
    if (first.year, first.month) == (last.year, last.month):
        return Inference(
            Published(date=f"{first.year:04d}-{first.month:02d}", precision="month", basis="inferred"),
            days,
            why,
        )
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


def resolve_mentions(
    state: State, expressions: dict[tuple[int, int], tuple[Expression, Tense]], bases: list[date]
) -> None:
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
        state.dates = [
            DateMention(s, e, None, f"temporal:{x.kind}") for (s, e), (x, _) in expressions.items()
        ]
    if state.published.date:
        bases = metadata_bases(state.published)
        state.published_explain = (
            f"metadata; candidate years {year_ranges([d.year for d in bases]) or 'none'}"
        )
    else:
        inference = infer(state.text, list(expressions.values()))
        state.published = inference.published
        if inference.published.date:
            state.published.rule = inference.rule  # type: ignore[attr-defined]
        state.published_explain = inference.explain()
        bases = inference.bases
    resolve_mentions(state, expressions, bases)
    return doc
