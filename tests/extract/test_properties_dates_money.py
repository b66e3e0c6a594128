"""Property tests (hypothesis) for the date resolver (``extract/temporal.py``) and the money parser
(``extract/money.py``): on arbitrary text they never raise, every value they return is pinned to the
exact characters it came from, and values written in a known form read back as what was written."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from entente.extract.money import _tables, parse_money, parse_number, parse_percentages
from entente.extract.temporal import find_dates, find_expressions, resolve, resolve_expression
from entente.record import DateValue

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that wake the date patterns up, mixed with arbitrary text between them.
DATE_FRAGMENTS = [
    "on", "in", "by", "since", "until", "last", "next", "this", "coming", "past", "the end of", "mid", "early",
    "late", "Monday", "Saturday", "SUNDAY", "January", "Feb.", "Sept", "December", "May", "June", "2023", "1999",
    "2099", "31", "29", "0", "00", "1st", "22nd", "-", "–", "to", "and", "through", ",", "year", "month", "week",
    "weekend", "today", "yesterday", "tomorrow", "ago", "three", "twenty-five", "a", "an", "days", "weeks",
    "three-day visit", "for a", "here", "Q4", "H1", "first quarter of", "successive years since", "2024-02-30",
    "2024-13-01", "2023-12-31", "per cent", "%", "will", "would", "said", "is expected to", "\n", ".", "9999",
]
MONEY_FRAGMENTS = [
    "US$", "US $", "$", "RM", "¥", "€", "£", "₹", "Rs", "Rs.", "Rp", "S$", "A$", "R", "P", "USD", "EUR", "usd",
    "COP", "billion", "bn", "b", "million", "m", "mln", "k", "trillion", "crore", "lakh", "thousand", "yen", "won",
    "ringgit", "rupees", "dollars", "US dollars", "euros", "1", "2,778", "1,00,000", "181.51", "0.5", "999999999",
    "12,345,678.90", "3", "-", "–", "to", "per cent", "%", "percent", "pct", "pc", "percentage points", "−", ".",
    ",", "(", ")", " ", "\u00a0", "COP28",
]


def mixed(fragments: list[str], *extra: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(fragments), st.text(max_size=8), *extra)
    return st.lists(piece, min_size=1, max_size=40).flatmap(
        lambda parts: st.sampled_from([" ", "", "\u00a0"]).map(lambda sep: sep.join(parts)))


# An amount-like run: optional currency before, a number, optional range, scale and currency name after.
amountish = st.tuples(
    st.sampled_from(["", "US$", "RM", "€", "Rs ", "¥", "$", "R", "USD ", "COP"]),
    st.one_of(st.integers(0, 10**7).map(str), st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
              st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"), st.sampled_from(MONEY_FRAGMENTS)),
    st.sampled_from(["", "-5", " to 7", "–9"]),
    st.sampled_from(["", " ", "\u00a0", "-"]),
    st.sampled_from(["", "billion", "bn", "m", "crore", "lakh crore", "trillion", "k", "b"]),
    st.sampled_from(["", " yen", " ringgit", " US dollars", " won", " per cent", "%", " EUR", " usd"]),
).map("".join)

any_base = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(2024, 2, 29)]))
tenses = st.sampled_from(["past", "future", "present"])
PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}


def check_value(value: DateValue) -> None:
    """A value the resolver returns satisfies the record contract and is internally consistent."""
    DateValue.model_validate(value.model_dump())
    assert len(value.start) == PRECISION_LENGTH[value.precision]
    _ = date.fromisoformat(value.start) if value.precision == "day" else None  # a real calendar day
    if value.precision == "month":
        assert 1 <= int(value.start[5:7]) <= 12
    if value.end is not None:
        assert value.end >= value.start[: len(value.end)], (value.start, value.end)


# ---------------------------------------------------------------- dates


@SETTINGS
@given(text=mixed(DATE_FRAGMENTS), base=any_base)
def test_find_dates_never_raises_and_values_are_pinned_to_their_span(text, base):
    previous_end = 0
    for e, value, tense in find_dates(text, base):
        assert text[e.start:e.end] == e.text and e.text
        assert e.start >= previous_end  # left to right, non-overlapping
        previous_end = e.end
        assert tense in ("past", "future", "present")
        if value is not None:
            assert value.text == e.text
            check_value(value)


@SETTINGS
@given(text=mixed(DATE_FRAGMENTS), base=any_base, tense=tenses)
def test_resolve_never_raises_on_any_text_base_and_tense(text, base, tense):
    value = resolve(text, base, tense)
    if value is not None:
        assert value.text in text
        check_value(value)


@SETTINGS
@given(text=mixed(DATE_FRAGMENTS), bases=st.lists(st.dates(), min_size=2, max_size=2), tense=tenses)
def test_explicit_calendar_dates_do_not_depend_on_the_base(text, bases, tense):
    for e in find_expressions(text):
        if e.kind in ("iso", "dmy", "mdy", "dmy_range", "my"):
            assert resolve_expression(e, bases[0], tense) == resolve_expression(e, bases[1], tense)


@SETTINGS
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), base=any_base,
       style=st.sampled_from(["iso", "dmy", "mdy", "weekday_dmy"]), prefix=st.sampled_from(["", "on ", "On "]))
def test_a_written_calendar_date_reads_back_as_itself(day, base, style, prefix):
    month = calendar.month_name[day.month]
    written = {
        "iso": day.isoformat(),
        "dmy": f"{day.day} {month} {day.year}",
        "mdy": f"{month} {day.day}, {day.year}",
        "weekday_dmy": f"{calendar.day_name[day.weekday()]}, {day.day} {month} {day.year}",
    }[style]
    value = resolve(prefix + written, base)
    assert value is not None, written
    assert (value.start, value.precision, value.end) == (day.isoformat(), "day", None)


@SETTINGS
@given(base=st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31)), wd=st.integers(0, 6),
       tense=st.sampled_from(["past", "future"]))
def test_a_bare_weekday_is_that_weekday_within_a_week_on_the_side_of_the_tense(base, wd, tense):
    value = resolve(f"on {calendar.day_name[wd]}", base, tense)
    assert value is not None and value.precision == "day"
    got = date.fromisoformat(value.start)
    assert got.weekday() == wd
    if tense == "past":
        assert base - timedelta(days=6) <= got <= base
    else:
        assert base <= got <= base + timedelta(days=6)


@SETTINGS
@given(year=st.integers(1900, 2099), month=st.integers(1, 12), base=any_base)
def test_month_and_year_read_back_at_month_precision(year, month, base):
    value = resolve(f"in {calendar.month_name[month]} {year}", base)
    assert value is not None
    assert (value.start, value.precision) == (f"{year:04d}-{month:02d}", "month")


# ---------------------------------------------------------------- money

CODES = set(_tables().codes) | set(_tables().prefix.values()) | set(_tables().names.values())


@SETTINGS
@given(text=mixed(MONEY_FRAGMENTS, amountish))
def test_parse_money_never_raises_and_amounts_are_pinned_to_their_span(text):
    found = parse_money(text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert text[m.start:m.end] == m.text and m.text
        assert re.search(r"\d", m.text)
        assert m.unit in CODES
        assert math.isfinite(m.value) and m.value >= 0
        assert m.high is None or (math.isfinite(m.high) and m.high >= 0)
    spans = sorted((m.start, m.end) for m in found)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


@SETTINGS
@given(text=mixed(MONEY_FRAGMENTS, amountish))
def test_parse_percentages_never_raises_and_values_are_pinned(text):
    for p in parse_percentages(text):
        assert text[p.start:p.end] == p.text
        assert math.isfinite(p.value)
        digits = re.search(r"\d[\d,]*(?:\.\d+)?", p.text)
        assert digits is not None and abs(p.value) == float(digits.group(0).replace(",", ""))


@SETTINGS
@given(text=st.text(max_size=30))
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or (math.isfinite(value) and value >= 0)


SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9, "mln": 10**6}
PREFIXES = {"US$": "USD", "RM": "MYR", "€": "EUR", "£": "GBP", "¥": "JPY", "S$": "SGD", "A$": "AUD"}


@SETTINGS
@given(whole=st.integers(1, 999_999), cents=st.one_of(st.none(), st.integers(0, 99)),
       scale=st.sampled_from(sorted(SCALES)), prefix=st.sampled_from(sorted(PREFIXES)),
       before=st.sampled_from(["", "worth ", "reached "]), after=st.sampled_from(["", ".", " in 2023", ", up"]))
def test_a_written_amount_reads_back_as_its_value(whole, cents, scale, prefix, before, after):
    number = f"{whole:,}" + (f".{cents:02d}" if cents is not None else "")
    amount = f"{prefix}{number}" + ("" if scale in ("bn", "mln") else " ") + scale
    text = before + amount + after
    found = parse_money(text)
    assert len(found) == 1, (text, found)
    m = found[0]
    assert m.unit == PREFIXES[prefix] and m.text == amount and m.start == len(before)
    expected = (whole * 100 + (cents or 0)) * SCALES[scale] / 100
    assert math.isclose(m.value, expected, rel_tol=1e-12)


@SETTINGS
@given(a=st.integers(1, 99), b=st.integers(1, 99))
def test_a_range_keeps_both_bounds(a, b):
    assume(a < b)
    found = parse_money(f"US${a}-{b} billion")
    assert len(found) == 1
    assert (found[0].value, found[0].high) == (a * 10**9, b * 10**9)
