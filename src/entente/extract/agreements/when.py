"""Dates of an instrument: the resolved dates of the text, the deadline among them ("by 2026"), the date
of the mention's own clause, and whether that date makes it an existing (older) instrument."""

from __future__ import annotations

import re
from datetime import date

from ...record import DateValue
from ..state import State
from ..temporal import find_dates
from .clauses import SIDE_CLAUSE, clause_lo
from .lexicon import deadline_cue
from .mentions import Mention


def base_date(state: State) -> date | None:
    value = state.published.date if state.published else None
    if not value:
        return None
    try:
        parts = [int(x) for x in value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def date_mentions(state: State) -> list[tuple[int, int, DateValue]]:
    """Resolved dates of the text: the dates component's, or (until it runs) the temporal resolver's."""
    out = [(d.start, d.end, d.value) for d in state.dates if d.value is not None]
    if out or state.dates:
        return out
    return [(e.start, e.end, v) for e, v, _ in find_dates(state.text, base_date(state)) if v is not None]


def split_deadline(text: str, dates: list[tuple[int, int, DateValue]], lo: int, hi: int):
    """(deadline, other dates) among ``dates`` inside ``text[lo:hi]``."""
    deadline = None
    others = []
    for s, e, v in dates:
        if s < lo or e > hi:
            continue
        lead = text[s:e]
        if deadline_cue().search(text[max(lo, s - 25) : s]) or re.match(
            r"(?:by|before|no later than|within)\b", lead, re.I
        ):
            if deadline is None:
                deadline = (s, e, v)
            continue
        others.append((s, e, v))
    return deadline, others


def when_of(text: str, dates, others, sentence_start: int, m: Mention) -> DateValue | None:
    """The date of the mention's own clause: after it up to a side clause ("signed the Treaty ..., ending a
    dispute that led to clashes in 2021": not 2021), else the nearest before it in its clause ("on Thursday
    signed the Treaty")."""
    side = SIDE_CLAUSE.search(text, m.end)
    limit = side.start() if side else len(text)
    after = sorted((d for d in others if d[0] < limit), key=lambda d: abs(d[0] - m.end))
    if after:
        return after[0][2]
    if not others:
        lo = clause_lo(text, sentence_start, m.start)
        before = [
            d for d in dates if lo <= d[0] and d[1] <= m.start and not SIDE_CLAUSE.search(text, d[1], m.start)
        ]
        if before:
            return before[-1][2]
    return None


def is_old(when: DateValue | None, state: State) -> bool:
    """A signing date a year or more before publication: an existing instrument."""
    if when is None:
        return False
    base = base_date(state)
    year = int(when.start[:4])
    if base is not None:
        return year < base.year
    return when.precision == "year"
