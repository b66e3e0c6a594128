"""Resolution: a temporal expression to a :class:`DateValue`, given the base (publication) date and tense.

A table of ``(kind, resolver)`` entries: each resolver reads one kind of expression.  Absolute kinds
(ISO dates, "25 November 2024", "June 2023") need no base; relative kinds ("on Saturday", "next month",
"three weeks ago") return ``None`` without one.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from ..record import DateValue
from .temporal_scan import Expression, _month, _number, _weekday_table, _words
from .tense import Tense

# ---------------------------------------------------------------- resolution


def _day(d: date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _value(text: str, start: str, precision: str, end: str | None = None) -> DateValue:
    return DateValue(start=start, end=end, precision=precision, text=text)  # type: ignore[arg-type]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _add_months(d: date, k: int) -> date:
    y, m = _shift_month(d.year, d.month, k)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _weekday(base: date, wd: int, which: str | None, tense: Tense) -> date:
    which = (which or "").lower()
    back = (base.weekday() - wd) % 7
    fwd = (wd - base.weekday()) % 7
    if which in ("last", "past", "previous"):
        return base - timedelta(days=back or 7)
    if which == "next":
        return base + timedelta(days=fwd or 7)
    if which in ("coming", "this coming"):
        return base + timedelta(days=fwd)
    if tense == "future":
        return base + timedelta(days=fwd)
    if tense == "present" and fwd < back:
        return base + timedelta(days=fwd)
    return base - timedelta(days=back)


def _month_day(base: date, m: int, d: int, tense: Tense) -> date | None:
    options = [x for x in (_safe_date(base.year + k, m, d) for k in (-1, 0, 1)) if x]
    if not options:
        return None
    if tense == "future":
        later = [x for x in options if x >= base]
        return later[0] if later else options[-1]
    if tense == "present":
        return min(options, key=lambda x: abs((x - base).days))
    earlier = [x for x in options if x <= base]
    return earlier[-1] if earlier else options[0]


def _month_year(base: date, m: int, which: str | None, tense: Tense) -> int:
    which = (which or "").lower()
    if which in ("last", "past"):
        return base.year if m < base.month else base.year - 1
    if which == "next":
        return base.year if m > base.month else base.year + 1
    if which == "coming":
        return base.year if m >= base.month else base.year + 1
    if which == "this":
        return base.year
    if tense == "future":
        return base.year if m >= base.month else base.year + 1
    if tense == "present":  # the nearer one
        ahead = (m - base.month) % 12
        return base.year + (base.month + ahead > 12) if ahead <= 6 else base.year - (m > base.month)
    return base.year if m <= base.month else base.year - 1


def _full_year(y: str, y2: str) -> int:
    if len(y2) == 2:
        return int(y[:2] + y2)
    return int(y2)


def _rel_offset(which: str | None) -> int:
    which = (which or "this").lower()
    return {"next": 1, "coming": 1, "last": -1, "previous": -1, "past": -1, "latest": -1}.get(which, 0)


def _anchor(e: Expression, base: date, tense: Tense) -> date | None:
    if e.get("wd"):
        return _weekday(base, _weekday_table()[e.get("wd").lower()], e.get("which"), tense)  # type: ignore[union-attr]
    if e.get("mon") and e.get("day"):
        return _month_day(base, _month(e.get("mon")), int(e.get("day")), tense)  # type: ignore[arg-type]
    if e.get("amon") and e.get("aday"):
        return _month_day(base, _month(e.get("amon")), int(e.get("aday")), tense)  # type: ignore[arg-type]
    return None


Resolver = Callable[[Expression, date | None, Tense], DateValue | None]


def _int(e: Expression, name: str) -> int:
    return int(e.get(name) or 0)


def _mon(e: Expression, name: str = "mon") -> int:
    return _month(e.get(name) or "")


# ---------------------------------------------------------------- absolute kinds (no base needed)


def _r_numeric(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    d = _safe_date(_int(e, "y"), _int(e, "m"), _int(e, "d"))
    return _value(e.text, _day(d), "day") if d else None


def _r_full_date(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    d = _safe_date(_int(e, "year"), _mon(e), _int(e, "day"))
    return _value(e.text, _day(d), "day") if d else None


def _r_day_range(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if e.get("year"):
        y, m = _int(e, "year"), _mon(e)
        d1, d2 = _safe_date(y, m, _int(e, "day")), _safe_date(y, m, _int(e, "day2"))
    elif base is not None:  # "Nov 15-18": the year from the base
        d1 = _month_day(base, _mon(e), _int(e, "day"), tense)
        d2 = _safe_date(d1.year, d1.month, _int(e, "day2")) if d1 else None
    else:
        return None
    if not d1 or not d2 or d2 < d1:
        return None
    return _value(e.text, _day(d1), "day", _day(d2))


def _r_year_span(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    n, y = _number(e.get("n") or ""), _int(e, "year")
    return _value(e.text, f"{y:04d}", "year", f"{y + n - 1:04d}") if n else None


def _r_year_range(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    y1, y2 = _int(e, "year"), _full_year(e.get("year") or "", e.get("year2") or "")
    if y2 <= y1 or y2 - y1 > 100:
        return None
    return _value(e.text, f"{y1:04d}", "year", f"{y2:04d}")


def _r_month_year(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    return _value(e.text, _ym(_int(e, "year"), _mon(e)), "month")


def _r_year(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    return _value(e.text, e.get("year") or "", "year")


def _r_quarter(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    q = (e.get("q") or "").lower()
    qn = int(q) if q.isdigit() else _words().ordinals.get(q)
    half = (e.get("qh") or "").lower() in ("half", "h")
    if e.get("year"):
        y = _int(e, "year")
    elif base is not None:
        y = base.year + _rel_offset(e.get("which"))
    else:
        return None
    if half:
        if qn not in (1, 2):
            qn = 2
        m1, m2 = (1, 6) if qn == 1 else (7, 12)
    else:
        m1, m2 = 3 * qn - 2, 3 * qn
    return _value(e.text, _ym(y, m1), "month", _ym(y, m2))


def _r_year_words(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    words = (e.get("yw") or "").lower().replace("-", " ").split()
    if words[:3] == ["the", "year", "two"]:
        year = 2000 + sum(_number(w) or 0 for w in words[4:] if w != "and")
    else:
        rest = words[1:]
        year = (19 if words[0] == "nineteen" else 20) * 100 + (
            0 if rest == ["hundred"] else sum(_number(w) or 0 for w in rest)
        )
    if e.get("mon"):
        return _value(e.text, _ym(year, _mon(e)), "month")
    return _value(e.text, f"{year:04d}", "year")


# ---------------------------------------------------------------- relative kinds (read from the base)


# A deadline ("by Jan. 14", "until March", "through June") is read as the nearer such day or month, even
# in a past clause ("gave them until mid-November"); a weekday after one as the next ("as early as Tuesday").
_DEADLINE_PREPS = {
    "by",
    "until",
    "till",
    "through",
    "no later than",
    "not later than",
    "as early as",
    "as soon as",
}
_FAR_BACK_DAYS = 200  # a month-day without its year this far back, with the next one near, is the next one
_NEAR_AHEAD_DAYS = 120


def _deadline(e: Expression) -> bool:
    return (e.get("prep") or "").lower() in _DEADLINE_PREPS


def _r_month_day(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    m, dd = _mon(e), _int(e, "day")
    wd = e.get("wd") or e.get("wdb")
    if wd:  # "Monday, Oct. 26": the year (of the three around the base) where that day is that weekday
        want = _weekday_table()[wd.lower()]
        fits = [
            x for x in (_safe_date(base.year + k, m, dd) for k in (0, -1, 1)) if x and x.weekday() == want
        ]
        if fits:
            return _value(e.text, _day(fits[0]), "day")
    if _deadline(e) and tense == "past":
        tense = "present"
    d = _month_day_read(base, m, dd, tense)
    return _value(e.text, _day(d), "day") if d else None


def _not_far_back(d: date | None, base: date, nxt: date | None, tense: Tense) -> date | None:
    """ "payable Dec. 7", "takes effect Nov. 13": a day without its year nearly a year back in a past clause,
    with the next one near, is the next one."""
    if d is not None and nxt is not None and tense == "past" and (base - d).days > _FAR_BACK_DAYS:
        if 0 <= (nxt - base).days <= _NEAR_AHEAD_DAYS:
            return nxt
    return d


def _month_day_read(base: date, m: int, dd: int, tense: Tense) -> date | None:
    d = _month_day(base, m, dd, tense)
    return _not_far_back(d, base, _safe_date(d.year + 1, m, dd) if d else None, tense)


def _r_week_of(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    d = _month_day_read(base, _mon(e), _int(e, "day"), tense)
    if d is None:
        return None
    monday = d - timedelta(days=d.weekday())
    return _value(e.text, _day(monday), "day", _day(monday + timedelta(days=6)))


def _r_weekday(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    if (e.get("prep") or "").lower() in ("as early as", "as soon as", "no later than", "not later than"):
        tense = "future"
    d = _weekday(base, _weekday_table()[(e.get("wd") or "").lower()], e.get("which"), tense)
    return _value(e.text, _day(d), "day")


def _r_day_word(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    dw = (e.get("dw") or "").lower()
    off = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(dw, 0)
    return _value(e.text, _day(base + timedelta(days=off)), "day")


def _r_duration(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:  # a length without an anchor has no date; with one, it needs the base
        return None
    start = _anchor(e, base, tense)
    n = _number(e.get("n") or "")
    if not start or not n:
        return None
    return _value(e.text, _day(start), "day", _day(start + timedelta(days=n - 1)))


def _r_month_rel_year(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    return _value(e.text, _ym(base.year + _rel_offset(e.get("rel")), _mon(e)), "month")


def _r_month(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    m = _mon(e)
    if _deadline(e) and tense == "past" and not e.get("which"):
        tense = "present"
    return _value(e.text, _ym(_month_year(base, m, e.get("which"), tense), m), "month")


def _r_rel_unit(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    t = e.text
    unit = (e.get("u") or "").lower()
    off = _rel_offset(e.get("which"))
    mod = (e.get("mod") or "").lower()
    if unit == "year":
        return _value(t, f"{base.year + off:04d}", "year")
    if unit == "month":
        y, m = _shift_month(base.year, base.month, off)
        return _value(t, _ym(y, m), "month")
    monday = base - timedelta(days=base.weekday()) + timedelta(weeks=off)
    if unit == "weekend":
        sat = monday + timedelta(days=5)
        if off == 0 and tense != "future" and base < sat:
            sat -= timedelta(weeks=1)
        return _value(t, _day(sat), "day", _day(sat + timedelta(days=1)))
    sunday = monday + timedelta(days=6)
    if off == 0 and mod == "later" and base < sunday:
        return _value(t, _day(base + timedelta(days=1)), "day", _day(sunday))
    if off == 0 and mod == "earlier" and base > monday:
        return _value(t, _day(monday), "day", _day(base - timedelta(days=1)))
    return _value(t, _day(monday), "day", _day(sunday))


def _r_end_of(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    pos = (e.get("pos") or "").lower()
    month = {"end": 12, "close": 12, "turn": 12, "middle": 6}.get(pos, 1)
    if e.get("year"):
        return _value(e.text, _ym(_int(e, "year"), month), "month")
    if base is None:
        return None
    unit = (e.get("u") or "").lower()
    off = _rel_offset(e.get("which"))
    if unit == "year":
        return _value(e.text, _ym(base.year + off, month), "month")
    if unit == "month":
        y, m = _shift_month(base.year, base.month, off)
        return _value(e.text, _ym(y, m), "month")
    monday = base - timedelta(days=base.weekday()) + timedelta(weeks=off)
    return _value(e.text, _day(monday), "day", _day(monday + timedelta(days=6)))


def _r_ago(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    n = _number(e.get("n") or "")
    if base is None or not n:
        return None
    t = e.text
    unit = (e.get("unit") or "").lower().rstrip("s")
    if unit == "day":
        return _value(t, _day(base - timedelta(days=n)), "day")
    if unit == "week":
        return _value(t, _day(base - timedelta(weeks=n)), "day")
    if unit == "month":
        d = _add_months(base, -n)
        return _value(t, _ym(d.year, d.month), "month")
    years = n * (10 if unit == "decade" else 1)
    return _value(t, f"{base.year - years:04d}", "year")


def _r_past_n(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    n = _number(e.get("n") or "")
    if base is None or not n:
        return None
    t = e.text
    unit = (e.get("unit") or "").lower().rstrip("s")
    ahead = (e.get("which") or "").lower() in ("next", "coming")
    if unit in ("year", "decade"):
        years = n * (10 if unit == "decade" else 1)
        a, b = (base.year, base.year + years) if ahead else (base.year - years, base.year)
        return _value(t, f"{a:04d}", "year", f"{b:04d}")
    if unit == "month":
        other = _add_months(base, n if ahead else -n)
        lo, hi = (base, other) if ahead else (other, base)
        return _value(t, _ym(lo.year, lo.month), "month", _ym(hi.year, hi.month))
    days = n * (7 if unit == "week" else 1)
    other = base + timedelta(days=days if ahead else -days)
    lo, hi = (base, other) if ahead else (other, base)
    return _value(t, _day(lo), "day", _day(hi))


def _holiday_in(year: int, rule: str) -> date | None:
    """A holiday's day in ``year``: ``"12-25"`` (fixed), ``"11:thursday:4"`` (the 4th Thursday of November),
    ``"11:tuesday:1:2"`` (the first Tuesday on or after 2 November)."""
    if ":" not in rule:
        return _safe_date(year, int(rule[:2]), int(rule[3:5]))
    month, wd, nth, *after = rule.split(":")
    first = date(year, int(month), int(after[0]) if after else 1)
    want = _weekday_table()[wd]
    return first + timedelta(days=(want - first.weekday()) % 7 + 7 * (int(nth) - 1))


def _r_holiday(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    if base is None:
        return None
    name = " ".join((e.get("hol") or "").replace("’", "'").lower().split())
    rule = {k.lower(): v for k, v in _words().holidays.items()}.get(name)
    if rule is None:
        return None
    days = [d for d in (_holiday_in(base.year + k, rule) for k in (-1, 0, 1)) if d]
    which = (e.get("which") or "").lower()
    if which in ("last", "past") or (not which and tense != "future"):
        before = [d for d in days if d < base or (not which and d == base)]
        d = before[-1] if before else None
        if not which and d is not None:
            d = _not_far_back(d, base, next((x for x in days if x > base), None), tense)
    elif which in ("next", "coming") or tense == "future":
        after = [d for d in days if d > base or (which != "next" and d == base)]
        d = after[0] if after else None
    else:
        d = days[1]
    return _value(e.text, _day(d), "day") if d else None


def _r_the_year(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    return _value(e.text, f"{base.year:04d}", "year") if base else None


def _r_year_ago(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    return _value(e.text, f"{base.year - 1:04d}", "year") if base else None


def _r_in_n(e: Expression, base: date | None, tense: Tense) -> DateValue | None:
    n = _number(e.get("n") or "")
    if base is None or not n or tense != "future":  # "the first visit in 12 years" is a span, not a date
        return None
    unit = (e.get("unit") or "").lower().rstrip("s")
    if unit == "year":
        return _value(e.text, f"{base.year + n:04d}", "year")
    if unit == "month":
        d = _add_months(base, n)
        return _value(e.text, _ym(d.year, d.month), "month")
    return _value(e.text, _day(base + timedelta(days=n * (7 if unit == "week" else 1))), "day")


RESOLVERS: tuple[tuple[str, Resolver], ...] = (
    ("iso", _r_numeric),
    ("dotted", _r_numeric),
    ("dmy", _r_full_date),
    ("mdy", _r_full_date),
    ("dmy_range", _r_day_range),
    ("mdy_range", _r_day_range),
    ("year_span", _r_year_span),
    ("year_range", _r_year_range),
    ("my", _r_month_year),
    ("year", _r_year),
    ("mid_year", _r_year),
    ("fiscal_year", _r_year),
    ("year_words", _r_year_words),
    ("quarter", _r_quarter),
    ("qn", _r_quarter),
    ("md", _r_month_day),
    ("dm", _r_month_day),
    ("week_of", _r_week_of),
    ("weekday", _r_weekday),
    ("day_word", _r_day_word),
    ("duration", _r_duration),
    ("duration_anchor", _r_duration),
    ("month_rel_year", _r_month_rel_year),
    ("month_named", _r_month),
    ("month_bare", _r_month),
    ("rel_unit", _r_rel_unit),
    ("end_of", _r_end_of),
    ("ago", _r_ago),
    ("past_n", _r_past_n),
    ("the_year", _r_the_year),
    ("holiday", _r_holiday),
    ("year_ago", _r_year_ago),
    ("in_n", _r_in_n),
)
_BY_KIND: dict[str, Resolver] = dict(RESOLVERS)


def resolve_expression(e: Expression, base: date | None, tense: Tense = "past") -> DateValue | None:
    """The date an expression denotes, read from ``base`` in a clause of ``tense`` (``None`` if none)."""
    resolver = _BY_KIND.get(e.kind)
    if resolver is None:
        return None
    try:
        return resolver(e, base, tense)
    except (ValueError, OverflowError):  # a base at the ends of the calendar; a value outside YYYY
        return None
