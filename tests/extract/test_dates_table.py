"""The temporal resolver, table-driven: expression, base date, tense -> expected DATE.

Bases used (weekday in brackets): 2023-12-16 (Sat), 2024-05-22 (Wed), 2021-11-19 (Fri),
2024-01-10 (Wed), 2024-03-03 (Sun).
"""

from __future__ import annotations

from datetime import date

import pytest

from entente.extract.temporal import find_dates, find_expressions, resolve, tense_at

SAT = date(2023, 12, 16)
WED = date(2024, 5, 22)
FRI = date(2021, 11, 19)
JAN = date(2024, 1, 10)
SUN = date(2024, 3, 3)

# (expression, base, tense, start, end, precision)
TABLE: list[tuple[str, date, str, str, str | None, str]] = [
    # weekdays: past and future readings of the same word
    ("on Saturday", SAT, "past", "2023-12-16", None, "day"),
    ("on Saturday", SAT, "future", "2023-12-16", None, "day"),
    ("on Friday", SAT, "past", "2023-12-15", None, "day"),
    ("on Friday", SAT, "future", "2023-12-22", None, "day"),
    ("on Monday", WED, "past", "2024-05-20", None, "day"),
    ("on Monday", WED, "future", "2024-05-27", None, "day"),
    ("Thursday", WED, "past", "2024-05-16", None, "day"),
    ("Thursday", WED, "future", "2024-05-23", None, "day"),
    ("here Sunday", SUN, "past", "2024-03-03", None, "day"),
    ("here Sunday", WED, "past", "2024-05-19", None, "day"),
    ("Sunday", WED, "future", "2024-05-26", None, "day"),
    ("last Friday", FRI, "past", "2021-11-12", None, "day"),
    ("last Friday", SAT, "past", "2023-12-15", None, "day"),
    ("next Tuesday", WED, "future", "2024-05-28", None, "day"),
    ("next Wednesday", WED, "future", "2024-05-29", None, "day"),
    ("this coming Saturday", WED, "future", "2024-05-25", None, "day"),
    ("on Tuesday morning", WED, "past", "2024-05-21", None, "day"),
    ("on Wednesday evening", WED, "past", "2024-05-22", None, "day"),
    ("on Saturday", JAN, "past", "2024-01-06", None, "day"),
    ("on Saturday", JAN, "future", "2024-01-13", None, "day"),
    # day words
    ("today", WED, "past", "2024-05-22", None, "day"),
    ("yesterday", JAN, "past", "2024-01-09", None, "day"),
    ("tomorrow", SAT, "future", "2023-12-17", None, "day"),
    # weeks
    ("later this week", WED, "future", "2024-05-23", "2024-05-26", "day"),
    ("earlier this week", WED, "past", "2024-05-20", "2024-05-21", "day"),
    ("this week", WED, "past", "2024-05-20", "2024-05-26", "day"),
    ("last week", WED, "past", "2024-05-13", "2024-05-19", "day"),
    ("next week", SAT, "future", "2023-12-18", "2023-12-24", "day"),
    ("this weekend", WED, "future", "2024-05-25", "2024-05-26", "day"),
    ("two weeks ago", WED, "past", "2024-05-08", None, "day"),
    ("three days ago", JAN, "past", "2024-01-07", None, "day"),
    # months without year
    ("in February", WED, "past", "2024-02", None, "month"),
    ("in February", WED, "future", "2025-02", None, "month"),
    ("in December", WED, "past", "2023-12", None, "month"),
    ("in December", WED, "future", "2024-12", None, "month"),
    ("in May", WED, "past", "2024-05", None, "month"),
    ("in June", WED, "future", "2024-06", None, "month"),
    ("in April", JAN, "past", "2023-04", None, "month"),
    ("last December", WED, "past", "2023-12", None, "month"),
    ("last December", SAT, "past", "2022-12", None, "month"),
    ("last December", JAN, "past", "2023-12", None, "month"),
    ("next March", WED, "future", "2025-03", None, "month"),
    ("next March", JAN, "future", "2024-03", None, "month"),
    ("this April", JAN, "future", "2024-04", None, "month"),
    ("in April this year", WED, "past", "2024-04", None, "month"),
    ("in October last year", WED, "past", "2023-10", None, "month"),
    ("in January next year", SAT, "future", "2024-01", None, "month"),
    ("in early February", WED, "past", "2024-02", None, "month"),
    ("since March", WED, "past", "2024-03", None, "month"),
    ("by September", WED, "future", "2024-09", None, "month"),
    # month + year
    ("as of June 2023", WED, "past", "2023-06", None, "month"),
    ("in November 2019", WED, "past", "2019-11", None, "month"),
    ("since January 2023", WED, "past", "2023-01", None, "month"),
    ("by end-March 2025", WED, "future", "2025-03", None, "month"),
    ("in Sept. 2022", WED, "past", "2022-09", None, "month"),
    # months relative
    ("earlier this month", WED, "past", "2024-05", None, "month"),
    ("this month", SAT, "past", "2023-12", None, "month"),
    ("last month", JAN, "past", "2023-12", None, "month"),
    ("next month", SAT, "future", "2024-01", None, "month"),
    ("later this month", WED, "future", "2024-05", None, "month"),
    # years
    ("this year", WED, "past", "2024", None, "year"),
    ("next year", WED, "future", "2025", None, "year"),
    ("last year", JAN, "past", "2023", None, "year"),
    ("earlier this year", SAT, "past", "2023", None, "year"),
    ("later this year", WED, "future", "2024", None, "year"),
    ("by 2025", WED, "future", "2025", None, "year"),
    ("since 2015", WED, "past", "2015", None, "year"),
    ("in 2022", SAT, "past", "2022", None, "year"),
    ("in mid-2025", WED, "future", "2025", None, "year"),
    ("by the end of the year", WED, "future", "2024-12", None, "month"),
    ("by the end of 2026", WED, "future", "2026-12", None, "month"),
    ("since the start of 2024", WED, "past", "2024-01", None, "month"),
    ("two years ago", WED, "past", "2022", None, "year"),
    ("over the past 40 years", WED, "past", "1984", "2024", "year"),
    ("in the next five years", WED, "future", "2024", "2029", "year"),
    ("for eight successive years since 2015", WED, "past", "2015", "2022", "year"),
    ("for three consecutive years since 2020", WED, "past", "2020", "2022", "year"),
    ("from 2016 to 2020", WED, "past", "2016", "2020", "year"),
    ("between 2019 and 2021", WED, "past", "2019", "2021", "year"),
    ("2021-2025", WED, "future", "2021", "2025", "year"),
    ("in the first quarter of 2024", WED, "past", "2024-01", "2024-03", "month"),
    ("in the second half of next year", WED, "future", "2025-07", "2025-12", "month"),
    ("Q3 2023", WED, "past", "2023-07", "2023-09", "month"),
    # explicit days
    ("2021-11-19", WED, "past", "2021-11-19", None, "day"),
    ("25 November 2024", WED, "past", "2024-11-25", None, "day"),
    ("25 NOVEMBER 2024", WED, "past", "2024-11-25", None, "day"),
    ("Monday , 25 November 2024", WED, "past", "2024-11-25", None, "day"),
    ("November 25, 2024", WED, "past", "2024-11-25", None, "day"),
    ("on Dec. 29, 1989", WED, "past", "1989-12-29", None, "day"),
    ("15th July, 2023", WED, "past", "2023-07-15", None, "day"),
    ("on 3rd of March 2022", WED, "past", "2022-03-03", None, "day"),
    # month-day without year
    ("on November 18", FRI, "past", "2021-11-18", None, "day"),
    ("on November 18", FRI, "future", "2022-11-18", None, "day"),
    ("Dec 16", SAT, "past", "2023-12-16", None, "day"),
    ("on December 28", JAN, "past", "2023-12-28", None, "day"),
    ("on 14 February", JAN, "future", "2024-02-14", None, "day"),
    ("on Jan 5", JAN, "past", "2024-01-05", None, "day"),
    # ranges
    ("from November 15-18", FRI, "past", "2021-11-15", "2021-11-18", "day"),
    ("Nov 15-18, 2021", WED, "past", "2021-11-15", "2021-11-18", "day"),
    ("15-18 November 2021", WED, "past", "2021-11-15", "2021-11-18", "day"),
    ("a two-day visit from Saturday", SUN, "past", "2024-03-02", "2024-03-03", "day"),
    ("a three-day official visit from Monday", WED, "future", "2024-05-27", "2024-05-29", "day"),
    ("on Sunday for a three-day official visit", SUN, "past", "2024-03-03", "2024-03-05", "day"),
]


def _fmt(case) -> str:
    return f"{case[0]}|{case[1]}|{case[2]}"


def test_table_is_large_enough():
    assert len(TABLE) >= 80
    # the same weekday read in both tenses is part of it
    both = {(e, b) for e, b, t, *_ in TABLE if t == "past"} & {(e, b) for e, b, t, *_ in TABLE if t == "future"}
    assert ("on Saturday", SAT) in both and len(both) >= 5


@pytest.mark.parametrize("case", TABLE, ids=_fmt)
def test_resolve(case):
    text, base, tense, start, end, precision = case
    value = resolve(text, base, tense)  # type: ignore[arg-type]
    assert value is not None, f"{text!r} not resolved"
    assert (value.start, value.end, value.precision) == (start, end, precision)
    assert value.text == text


def test_duration_without_anchor_has_no_date():
    found = find_expressions("He is on a three-day official visit to Japan.")
    assert [e.kind for e in found] == ["duration"]
    assert resolve("a three-day official visit", SAT) is None


def test_not_dates():
    text = "Trade may grow, and they march on. Exports rose 2.5 per cent to 2,778 units worth RM2023 million."
    assert find_expressions(text) == []


def test_names_and_counts_are_not_dates():
    text = "Sales rose on Black Friday, the Sunday Times said, and aid reached 2000 people in 2019."
    assert [e.text for e in find_expressions(text)] == ["in 2019"]


def test_tense_of_the_clause():
    text = "Officials said on Monday that the leaders will meet on Thursday. On Friday, they signed a pact."
    got = {text[e.start : e.end]: tense_at(text, e.start, e.end) for e in find_expressions(text)}
    assert got == {"on Monday": "past", "on Thursday": "future", "On Friday": "past"}


def test_find_dates_offsets_and_values():
    text = "PUTRAJAYA, Dec 16 — The ministers met on Saturday and will meet again next year."
    found = find_dates(text, SAT)
    assert [text[e.start : e.end] for e, _, _ in found] == ["Dec 16", "on Saturday", "next year"]
    assert [v.start for _, v, _ in found] == ["2023-12-16", "2023-12-16", "2024"]


def test_relative_expressions_need_a_base():
    assert resolve("on Saturday", None) is None
    assert resolve("since 2015", None).start == "2015"


@pytest.mark.parametrize("text", ["willing", "shallow", "wouldn't-be", "undue tension", "planning-free"])
def test_future_markers_are_whole_words(text):
    from entente.extract.temporal import _tense_res

    fut, _ = _tense_res()
    assert [m.group(0) for m in fut.finditer(text) if m.group(0).lower() in {"will", "shall", "due to", "plan to"}] == []


def test_future_marker_found_as_word():
    from entente.extract.temporal import _tense_res

    fut, _ = _tense_res()
    assert fut.search("the two leaders will meet in May").group(0) == "will"
