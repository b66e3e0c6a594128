"""Resolver rules added for general misses (TempEval-3 kinds); every sentence here is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from entente.extract.temporal import RESOLVERS, find_dates

BASE = date(2023, 10, 25)  # a Wednesday


def _value(text: str, base: date = BASE):
    found = [(e, v) for e, v, _ in find_dates(text, base) if v is not None]
    assert found, f"nothing resolved in {text!r}"
    e, v = found[-1]
    return (v.start, v.end, v.precision)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a bare year after a determiner or a possessive
        ("A 2019 treaty still governs the border crossings.", ("2019", None, "year")),
        ("The ministry's 2022 report was cited.", ("2022", None, "year")),
        ("Fighting resumed in both 2014 and 2016.", ("2016", None, "year")),
        ("The dispute goes back to a war in 1898.", ("1898", None, "year")),
        # years said in words
        ("The airport opened in nineteen ninety-eight.", ("1998", None, "year")),
        ("Plans for the year two thousand were shelved.", ("2000", None, "year")),
        # fiscal years and the year of the base
        ("Exports in fiscal 2021 were flat.", ("2021", None, "year")),
        ("Revenue for this fiscal year will be lower.", ("2023", None, "year")),
        ("Sales for the full year were higher than expected.", ("2023", None, "year")),
        ("The year-earlier figure was revised.", ("2022", None, "year")),
        ("The plant will be shut in five years.", ("2028", None, "year")),
        # a month-day with its weekday; a month-day nearly a year back in a past clause is the next one
        ("The envoy wrote on Monday, Oct. 23: the talks are over.", ("2023-10-23", None, "day")),
        ("The dividend was declared, payable Dec. 7.", ("2023-12-07", None, "day")),
        ("Officials said the port must be cleared by Jan. 14.", ("2024-01-14", None, "day")),
        # deadlines read as the nearer month; seasons of the calendar
        ("The ministers gave the negotiators until February to agree.", ("2024-02", None, "month")),
        ("The loan was extended through January.", ("2024-01", None, "month")),
        ("The March offensive stalled.", ("2023-03", None, "month")),
        ("Aid reached the island last Christmas.", ("2022-12-25", None, "day")),
        ("The court will sit in the week of Nov. 6.", ("2023-11-06", "2023-11-12", "day")),
        # "of Aug. 7" is a day, not a month; "the previous Friday" is before the base
        ("The floods of Aug. 7 cut the road.", ("2023-08-07", None, "day")),
        ("Shares fell from the previous Friday.", ("2023-10-20", None, "day")),
        ("He could arrive as early as Tuesday.", ("2023-10-31", None, "day")),
        # anaphora: a year named earlier in the text
        ("The rebels took the town in June 2011 and lost it later that year.", ("2011", None, "year")),
        (
            "The treaty was signed on May 2, 2005, and the following year it was ratified.",
            ("2006", None, "year"),
        ),
    ],
)
def test_resolver_rule(text, want):
    assert _value(text) == want


def test_holiday_by_rule():
    # the fourth Thursday of November, the last one before the base in a past clause
    assert _value("Aid reached the island on Thanksgiving Day.", date(2023, 12, 10)) == (
        "2023-11-23",
        None,
        "day",
    )


def test_first_visit_in_years_is_not_a_date():
    # "in 12 years" in a past clause is a span (the first visit in 12 years), not a day 12 years on
    found = [v for e, v, _ in find_dates("It was the first visit in 12 years.", BASE) if e.kind == "in_n"]
    assert found == [None]


def test_resolvers_are_a_table():
    kinds = [k for k, _ in RESOLVERS]
    assert len(kinds) == len(set(kinds)) and {"iso", "md", "weekday", "holiday", "year_words"} <= set(kinds)
