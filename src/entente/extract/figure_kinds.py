"""A figure's kind: an ``actual`` value, a ``target`` or a ``pledge`` (SPEC ``figure.kind``), and its deadline.

Read from the figure's own clause with the cues of ``data/figure_kinds.json``:

- the cue nearest before the figure (at most six words before it) decides ("aim to raise trade to $30 billion" is a target, "pledged
  $5 billion" a pledge; in "pledged to raise trade to $30 billion" the nearer "raise" wins);
- else a goal noun right after it ("a $30 billion trade target");
- else "by <year>" after it, with a year later than the report's, makes it a target ("$30 billion by 2030");
  a past year ("$8 billion by 2023") leaves it an actual value;
- the starting value of an aim ("double trade from $14 billion to $28 billion") is an actual value.

Targets and pledges carry the deadline "by <year>" (or "by <month> <year>", "by the end of <year>") gives.
"""

from __future__ import annotations

import re
from functools import cache

from ..data import load
from ..record import DateValue, FigureKind
from .lexfilter import factor_alternation

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_BY_YEAR = re.compile(
    r"\b(?:by|before)\s+(?:the\s+end\s+of\s+|end[- ]|the\s+year\s+)?(?:(?P<month>[A-Za-z]{3,9})\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b(?![-/]\d)",
    re.I,
)


# At most this many words between a cue and its figure ("aim to raise two-way trade between them to $X").
_MAX_GAP_WORDS = 6


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, FigureKind], re.Pattern[str], re.Pattern[str]]:
    lex = load("figure_kinds.json")
    kind_of: dict[str, FigureKind] = {w: "target" for w in lex.target}
    kind_of.update({w: "pledge" for w in lex.pledge})
    words = sorted(kind_of, key=len, reverse=True)
    before = re.compile(
        r"(?<![\w-])(?:" + factor_alternation([re.escape(w) for w in words], True) + r")(?![\w-])", re.I
    )
    goals = "|".join(re.escape(w) for w in sorted(lex.target_after, key=len, reverse=True))
    after = re.compile(r"\s*(?:(?:in|of)\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:" + goals + r")\b", re.I)
    bases = "|".join(re.escape(w) for w in sorted(lex.base_before, key=len, reverse=True))
    base = re.compile(
        r"(?<![\w-])(?:" + bases + r")\s+(?:(?:about|around|nearly|almost|some|roughly|"
        r"approximately|over|just over|under|more than|less than|the)\s+)*\Z",
        re.I,
    )
    return before, kind_of, after, base


def _deadline(text: str, ranges: list[tuple[int, int]]) -> tuple[DateValue, int] | None:
    """The first "by <year>" of the ranges, as a DATE and its year."""
    for lo, hi in ranges:
        m = _BY_YEAR.search(text, lo, hi)
        if m is None:
            continue
        year = m.group("year")
        month = (m.group("month") or "").lower()
        num = next(
            (i + 1 for i, name in enumerate(_MONTHS) if len(month) >= 3 and name.startswith(month)), None
        )
        start, precision = (f"{year}-{num:02d}", "month") if num else (year, "year")
        return DateValue(start=start, precision=precision, text=m.group(0)), int(year)  # type: ignore[arg-type]
    return None


def figure_kind(
    text: str, left: tuple[int, int], right: tuple[int, int], published_year: int | None
) -> tuple[FigureKind, DateValue | None, str]:
    """(kind, deadline, cue) of the figure whose clause is ``left`` (before it) and ``right`` (after it)."""
    before, kind_of, after, base = _cues()
    if base.search(text[max(left[0], left[1] - 60) : left[1]]):
        return "actual", None, ""  # the value an aim starts from
    cue = None
    for m in before.finditer(text, *left):
        cue = m  # the last (nearest) cue of the clause
    if cue is not None and len(text[cue.end() : left[1]].split()) > _MAX_GAP_WORDS:
        cue = None  # too far to govern the figure ("pledged to hasten the completion of ... a $2bn pipeline")
    kind: FigureKind = "actual"
    reason = ""
    if cue is not None:
        kind, reason = kind_of[cue.group(0).lower()], cue.group(0)
    elif after.match(text, *right):
        kind, reason = "target", "goal"
    deadline = _deadline(text, [right, left])
    if (
        kind == "actual"
        and deadline is not None
        and published_year is not None
        and deadline[1] > published_year
    ):
        kind, reason = "target", "future-deadline"
    if kind == "actual":
        return "actual", None, ""
    return kind, deadline[0] if deadline else None, reason
