"""Datelines with the country in brackets after the city: "CITY (Country), Mon DD -".  Our own words."""

from __future__ import annotations

from datetime import date

from entente.extract.dateline import find_dateline
from entente.extract.published import dateline_month_day, infer
from entente.extract.temporal import find_expressions, tense_at


def test_place_and_month_day_are_read():
    text = "VLADIVOSTOK (Russia), Sept 4 - The two leaders discussed energy and shipping."
    dl = find_dateline(text)
    assert (dl.place.name, dl.place.country, dl.date_text) == ("Vladivostok", "RUS", "Sept 4")
    assert dateline_month_day(text)[:2] == (9, 4)


def test_with_a_wire_credit_after_the_date():
    text = "DOHA (Qatar), 12 March (Bernama) - The ministers signed a memorandum on halal trade."
    dl = find_dateline(text)
    assert (dl.place.country, dl.date_text, dl.outlet) == ("QAT", "12 March", "Bernama")


def test_bracketed_word_that_is_no_country_is_no_dateline_place():
    assert find_dateline("LONDON (Reuters), Sept 4 - Markets rose on Monday.") is None


def test_month_day_completed_by_tenure():
    text = (
        "OSAKA (Japan), Mar 14 - Prime Minister Shigeru Ishiba hosted the visiting Malaysian prime minister "
        "on Friday."
    )
    inf = infer(
        text, [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)], today=date(2026, 6, 1)
    )
    assert (inf.published.date, inf.published.basis) == ("2025-03-14", "inferred")
    assert inf.rule.startswith("published:dateline")
