"""Publication-date rules one by one: summits, elapsed-time arithmetic, "last month", joint statements, a
caption's full date with the lead's "today" or weekday.  Every text is written for these tests."""

from __future__ import annotations

from datetime import date

from entente.extract.published import infer
from entente.extract.published_arith import arithmetic_constraints
from entente.extract.published_bounds import constraints
from entente.extract.published_summits import summit_constraints
from entente.extract.temporal import find_expressions, tense_at

LO, HI = date(2000, 1, 1), date(2026, 6, 1)


def _exprs(text: str):
    return [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)]


def _infer(text: str, today: date = HI):
    return infer(text, _exprs(text), today=today)


def _years(constraint) -> set[int]:
    return {date.fromordinal(o).year for lo, hi in constraint.allowed for o in (lo, hi)}


# ------------------------------------------------------------------ summits table


def test_summit_by_number_held_bounds_below():
    text = "The two presidents talked on the sidelines of the 17th G20 Summit last year."
    (c,) = summit_constraints(text, _exprs(text), LO, HI)
    assert c.why.startswith("summit:G20:17th:2022") and c.why.endswith(":held")
    assert date.fromordinal(c.allowed[0][0]) == date(2022, 11, 15)


def test_summit_by_host_city_to_come_bounds_above():
    text = "Both leaders will attend the G20 summit in Johannesburg, the ministry said."
    (c,) = summit_constraints(text, _exprs(text), LO, HI)
    assert c.why.endswith(":to-come")
    assert date.fromordinal(c.allowed[-1][1]) == date(2025, 11, 23)


def test_summit_with_its_month_day_dates_the_report_within_a_year():
    text = "They met at the 18th G20 Summit in New Delhi on September 9 and agreed to speed up talks."
    found = summit_constraints(text, _exprs(text), LO, HI)  # by number and by host city
    assert found and all(c.why.endswith(":held-on-month-day") for c in found)
    c = found[0]
    first, last = date.fromordinal(c.allowed[0][0]), date.fromordinal(c.allowed[-1][1])
    assert first == date(2023, 9, 9) and (last - first).days == 364


def test_un_general_assembly_session_number_gives_its_year():
    text = "The minister spoke at the 79th session of the UN General Assembly in New York."
    (c,) = summit_constraints(text, _exprs(text), LO, HI)
    assert "UNGA" in c.why and date.fromordinal(c.allowed[0][0]) == date(2024, 9, 1)


def test_an_unknown_summit_number_gives_no_bound():
    text = "The leaders met at the 95th G20 Summit."
    assert summit_constraints(text, _exprs(text), LO, HI) == []


# ------------------------------------------------------------------ elapsed time and anniversaries


def test_years_later_counts_from_the_last_year_named():
    text = "The two presidents first met in 2001. Now, they meet again 20 years later in the capital."
    (c,) = [c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("elapsed")]
    assert _years(c) == {2021}


def test_years_later_of_a_past_event_is_no_arithmetic():
    text = "The treaty was drafted in 1990. The parliament ratified it five years later."
    assert not [c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("elapsed")]


def test_first_visit_in_n_years_allows_that_year_or_the_next():
    text = "It is the first visit by a Chilean president in 9 years, after the 2015 one."
    (c,) = [c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("elapsed")]
    assert _years(c) == {2024, 2025}


def test_anniversary_marked_last_year():
    text = "The 30th anniversary of ties established in 1992 was celebrated last year in both capitals."
    (c,) = [c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("anniversary")]
    assert _years(c) == {2023}


def test_anniversary_said_of_no_time_gives_no_bound():
    text = "Officials recalled the 30th anniversary of ties established in 1992 during the dinner."
    assert not [
        c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("anniversary")
    ]


def test_marks_years_of_relations():
    text = "This year marks 40 years of diplomatic relations, which began in 1984."
    (c,) = [c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("years-of")]
    assert _years(c) == {2024}


def test_tenure_arithmetic_counts_from_the_inauguration():
    text = "The call came two weeks after President Lula's inauguration."
    found = [
        c for c in arithmetic_constraints(text, _exprs(text), LO, HI) if c.why.startswith("tenure-arith")
    ]
    # Lula took office on 1 January 2003 and on 1 January 2023 ("Lula" alone is a variant in the data)
    assert not found or all(date.fromordinal(c.allowed[0][0]).month == 1 for c in found)


# ------------------------------------------------------------------ "last month"


def test_month_frame_with_last_month_puts_publication_in_the_next_month():
    text = "In March alone, exports rose 5.1% while imports dropped 2.2% last month, data showed."
    (c,) = [c for c in constraints(text, _exprs(text), LO, HI) if c.why.startswith("last-month")]
    assert {date.fromordinal(o).month for lo, hi in c.allowed for o in (lo, hi)} == {4}


def test_month_frame_without_last_month_gives_no_bound():
    text = "In March alone, exports rose 5.1% while imports dropped 2.2%, data showed."
    assert not [c for c in constraints(text, _exprs(text), LO, HI) if c.why.startswith("last-month")]


# ------------------------------------------------------------------ joint statements


def test_joint_statement_is_issued_at_the_visit_it_opens_with():
    text = (
        "JOINT STATEMENT ON THE STATE VISIT OF THE PRESIDENT OF CHILE\n\n"
        "At the invitation of the President of Korea, the President of Chile paid a State Visit from 3 to 5 "
        "June 2024.\n\nThe two presidents held talks."
    )
    (c,) = [c for c in constraints(text, _exprs(text), LO, HI) if c.why.startswith("statement-of-visit")]
    assert (date.fromordinal(c.allowed[0][0]), date.fromordinal(c.allowed[-1][1])) == (
        date(2024, 6, 3),
        date(2024, 6, 6),
    )


def test_a_visit_date_without_a_statement_heading_gives_no_bound():
    text = (
        "The President of Chile paid a State Visit from 3 to 5 June 2024.\n\nThe two presidents held talks."
    )
    assert not [c for c in constraints(text, _exprs(text), LO, HI) if c.why.startswith("statement-of-visit")]


# ------------------------------------------------------------------ caption full date with the lead


def test_caption_full_date_on_the_leads_weekday():
    text = (
        "Ministers of the two countries on Thursday signed a fisheries accord in the port city.\n\n"
        "The ministers shake hands after the signing, March 14, 2024. Photo: ministry handout"
    )
    inf = _infer(text)
    assert (inf.published.date, inf.rule) == ("2024-03-14", "published:weekday-date")


def test_caption_full_date_with_today_in_the_lead():
    text = (
        "The two foreign ministers today opened a new consulate in the border town.\n\n"
        "The ministers cut the ribbon at the consulate, May 7, 2025. Photo: embassy handout"
    )
    inf = _infer(text)
    assert (inf.published.date, inf.published.precision, inf.rule) == (
        "2025-05-07",
        "day",
        "published:lead-today-date",
    )


def test_caption_full_date_with_yesterday_in_the_lead_is_the_day_before():
    text = (
        "The two foreign ministers yesterday opened a new consulate in the border town.\n\n"
        "The ministers cut the ribbon at the consulate, May 7, 2025. Photo: embassy handout"
    )
    inf = _infer(text)
    assert (inf.published.date, inf.published.precision) == ("2025-05-08", "day")


def test_caption_full_date_on_another_weekday_is_no_publication_date():
    text = (
        "Ministers of the two countries on Friday signed a fisheries accord in the port city.\n\n"
        "The ministers shake hands after the signing, March 14, 2024. Photo: ministry handout"
    )
    assert _infer(text).published.date != "2024-03-14"
