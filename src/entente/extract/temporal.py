"""Temporal expressions: find them in text and resolve them against a base date (the public face).

Pure functions, no spaCy and no dateparser: one compiled alternation finds every
candidate expression in a single pass, then a small resolver per kind turns the
expression into a :class:`DateValue` given the base (publication) date and the
tense of its clause.  The word lists (months, weekdays, number words, tense
markers) live in ``data/temporal.json``.

Reading rules (the ones a news reader applies):

* a bare weekday ("on Saturday", "here Sunday") is the last such day on or before
  the base date in a past clause, the next one on or after it in a future clause;
  "last Friday" / "next Friday" exclude the base day itself;
* a bare month ("in February") is the latest such month up to the base month in a
  past clause, the next one from the base month on in a future clause; "last
  December" is strictly before the base month;
* a month-day without year ("on November 18") is the latest on or before the base
  date (past) or the next on or after it (future);
* "this/next/last year|month|week" are calendar units around the base date;
* explicit dates (ISO, "25 November 2024", "Nov 15-18, 2021", "June 2023",
  "since 2015") need no base at all.

Precision is what the expression states: a weekday gives a day, "in February" a
month, "next year" a year.  ``end`` is set for ranges only.
"""

from __future__ import annotations

from datetime import date

from ..record import DateValue
from .temporal_resolve import RESOLVERS, resolve_expression
from .temporal_scan import Expression, anchor_starts, find_expressions
from .tense import Tense, _tense_res, tense_at

__all__ = [
    "RESOLVERS",
    "Expression",
    "Tense",
    "anchor_starts",
    "find_dates",
    "find_expressions",
    "resolve",
    "resolve_expression",
    "tense_at",
    "_tense_res",
]


def resolve(expression_text: str, base: date | None, tense: Tense = "past") -> DateValue | None:
    """Resolve one expression (e.g. ``"later this week"``) against ``base`` in a clause of ``tense``."""
    found = find_expressions(expression_text)
    if not found:
        return None
    whole = [e for e in found if e.start == 0 and e.end == len(expression_text.rstrip())]
    e = whole[0] if whole else max(found, key=lambda x: x.end - x.start)
    return resolve_expression(e, base, tense)


_ANAPHORIC_OFFSET = {
    "that": 0,
    "the same": 0,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
}


def _anaphoric_year(e: Expression, earlier: list[DateValue | None]) -> DateValue | None:
    """ "In 1988 ... that year", "On May 22, 1995, ... the following year": the year of the last date before."""
    last = next((v for v in reversed(earlier) if v is not None), None)
    if last is None:
        return None
    year = int(last.start[:4]) + _ANAPHORIC_OFFSET.get((e.get("rel") or "").lower(), 0)
    return DateValue(start=f"{year:04d}", precision="year", text=e.text)


def find_dates(text: str, base: date | None) -> list[tuple[Expression, DateValue | None, Tense]]:
    """Every expression in ``text`` with its value against ``base`` and the tense it was read in."""
    out: list[tuple[Expression, DateValue | None, Tense]] = []
    for e in find_expressions(text):
        tense = tense_at(text, e.start, e.end)
        if e.kind == "that_year":
            value = _anaphoric_year(e, [v for x, v, _ in out if x.kind not in ("day_word", "weekday")])
        else:
            value = resolve_expression(e, base, tense)
        out.append((e, value, tense))
    return out
