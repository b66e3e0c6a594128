"""Publication dates from what real copy says (#17 item 1): a term's start named by its month, a stage of a
year's event under way, and the basis and candidate years ``--explain`` shows.  Texts written for the test."""

from __future__ import annotations

from datetime import date

from entente.extract.published import infer
from entente.extract.temporal import find_expressions, tense_at


def _infer(text: str, today: date = date(2026, 12, 1)):
    exprs = [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)]
    return infer(text, exprs, today=today)


def test_a_swearing_in_named_by_its_month_is_within_the_year_after_that_term_began():
    text = (
        "LAHORE, Sep 2 (Indus Wire) - Pakistan today put off the trade talks with India set for next week. "
        "Pakistani Prime Minister Nawaz Sharif had attended the swearing-in of Prime Minister Narendra Modi in May."
    )
    got = _infer(text)
    assert got.published.date == "2014-09-02"
    assert "tenure-month:Narendra Modi took office in May" in got.explain()
    assert "candidate years 2014-2015" in got.explain()


def test_a_month_no_term_began_in_gives_no_bound():
    text = (
        "LAHORE, Sep 2 (Indus Wire) - Pakistan today put off the trade talks with India. Pakistani Prime Minister "
        "Nawaz Sharif had attended the swearing-in of Prime Minister Narendra Modi in March."
    )
    got = _infer(text)
    assert "tenure-month" not in got.explain()
    assert got.published.date is None  # Sharif's term alone leaves several years


def test_the_final_of_a_years_event_reported_with_a_weekday_fixes_the_year():
    text = "MELBOURNE, Jan 27 (Court Wire) - The champion retained her title in the final of the 2024 Australian Open on Saturday."
    got = _infer(text)
    assert got.published.date == "2024-01-27"
    assert "event-under-way:the 2024 Australian Open" in got.explain()


def test_explain_reports_the_basis_and_candidate_years_even_without_a_date():
    text = "DHAKA, June 22 (Delta Wire) - Bangladesh and India on Saturday signed ten documents in New Delhi."
    got = _infer(text)
    assert got.published.date is None
    assert got.explain().startswith("published:") and "candidate years" in got.explain()


def test_a_dateline_after_a_date_line_prefix_on_the_same_line():
    from entente.extract.dateline import find_dateline

    text = " date 2025-05-06 HANOI (Vietnam), May 6 — The two ministers met here today to review trade."
    dl = find_dateline(text)
    assert dl is not None and dl.place.country == "VNM" and dl.date_text == "May 6"
    assert text[dl.place_start : dl.place_end] == "HANOI"
