"""Publication date and its basis; every article here is written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from entente.extract.published import infer, parse_metadata_date
from entente.extract.temporal import find_expressions, tense_at
from entente.read.document import Document, normalise


def _infer(text: str, today: date = date(2026, 1, 1)):
    exprs = [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)]
    return infer(text, exprs, today=today)


def _run(extractor, text: str, published: str | None = None):
    text = normalise(text)
    return extractor.run(Document(text=text, name="t.txt"), published=published)


DATELINE_NO_YEAR = (
    "HANOI, Mar 14 — Vietnamese Prime Minister Pham Minh Chinh and visiting Singapore Prime Minister "
    "Lawrence Wong agreed on Friday to deepen cooperation in clean energy and the digital economy.\n\n"
    "The two leaders will meet again in June, officials said."
)


def test_metadata_date_parses():
    assert parse_metadata_date("2024-11-25") == ("2024-11-25", "day")
    assert parse_metadata_date("2024-11") == ("2024-11", "month")
    assert parse_metadata_date("2024") == ("2024", "year")
    assert parse_metadata_date("2024-02-30") is None


def test_dateline_without_year_completed_by_tenure_and_weekday():
    inf = _infer(DATELINE_NO_YEAR, today=date(2025, 12, 1))
    # Wong took office in May 2024, so March 14 can only be 2025 (a Friday, as the text says).
    assert (inf.published.date, inf.published.precision, inf.published.basis) == ("2025-03-14", "day", "inferred")
    assert "dateline" in inf.rule and "leader:Lawrence Wong" in inf.rule


def test_dateline_weekday_fits_one_year_exactly():
    # Both 2025 (Friday) and 2026 (Saturday) fit the tenures; only 2025 fits "on Friday" exactly (2026
    # only as a day-after report), so 2025 is inferred.
    inf = _infer(DATELINE_NO_YEAR, today=date(2026, 6, 1))
    assert (inf.published.date, inf.published.basis) == ("2025-03-14", "inferred")


def test_dateline_weekday_fitting_two_years_leaves_null():
    # 14 March was a Friday in 2014 and 2025: with nothing else to choose, no date.
    text = "HANOI, Mar 14 — The two prime ministers agreed on Friday to deepen cooperation in clean energy."
    inf = _infer(text, today=date(2026, 6, 1))
    assert inf.published.date is None


def test_dateline_alone_is_not_enough():
    text = "LONDON, Mar 3 — Trade officials met on Tuesday to discuss tariffs on steel and aluminium."
    inf = _infer(text)
    assert inf.published.date is None and inf.published.basis is None


def test_labelled_date_in_text():
    text = "Published: 12 April 2022\n\nThe foreign ministers of Brazil and India met in Brasilia."
    inf = _infer(text)
    assert (inf.published.date, inf.published.basis) == ("2022-04-12", "text")


def test_date_on_a_line_of_its_own():
    text = "KENYA AND JAPAN SIGN LOAN\nNEWS\n3 MARCH 2023\n\nNAIROBI — The two governments signed a loan."
    assert _infer(text).published.date == "2023-03-03"


def test_full_date_in_body_is_not_the_publication_date():
    text = "The two countries signed the treaty on 12 March 2019, and the ministers met again this week."
    assert _infer(text).published.date is None


def test_dateline_with_year():
    text = "TOKYO, Dec 16, 2023 (Kyodo) — Japan and Malaysia agreed to boost maritime cooperation."
    inf = _infer(text)
    assert (inf.published.date, inf.published.basis) == ("2023-12-16", "dateline")


def test_dateline_with_region_and_ordinal():
    text = "SURABAYA, Indonesia, 4th May 2023 (Antara) - Ministers from both sides met."
    assert _infer(text).published.date == "2023-05-04"


def test_year_only_from_chair_and_tenure():
    text = (
        "Indonesian President Joko Widodo hosted the Thai prime minister for talks on fisheries. "
        "Indonesia will take the ASEAN chair next year, and Thailand pledged its support."
    )
    inf = _infer(text)
    # Indonesia chaired ASEAN in 2011 and 2023; Widodo was president from 2014 to 2024.
    assert (inf.published.date, inf.published.precision, inf.published.basis) == ("2022", "year", "inferred")


def test_former_leader_does_not_bound_the_date():
    text = "Former US President Barack Obama spoke at a forum on Asian trade in Kuala Lumpur."
    assert _infer(text).published.date is None


def test_conflicting_evidence_gives_null():
    text = "Prime Minister Liz Truss welcomed the deal. Since 2024, the two sides have held yearly talks."
    assert _infer(text).published.date is None


def test_lead_weekday_with_date():
    text = (
        "SINGAPORE — Singapore Prime Minister Lawrence Wong and South Korean President Yoon Suk Yeol "
        "announced on Tuesday (Oct 8) that the two countries would upgrade their ties."
    )
    inf = _infer(text)
    assert (inf.published.date, inf.published.precision) == ("2024-10-08", "day")


def test_pipeline_resolves_relative_dates_against_inferred_date(extractor):
    state = _run(extractor, DATELINE_NO_YEAR)
    # today is beyond 2026-03-14 only in the future; this run's bound is date.today()
    assert state.published.basis in ("inferred", None)
    if state.published.date == "2025-03-14":
        got = {state.text[d.start : d.end]: d.value.start for d in state.dates if d.value}
        assert got["on Friday"] == "2025-03-14"
        assert got["in June"] == "2025-06"


def test_pipeline_metadata_wins(extractor):
    state = _run(extractor, DATELINE_NO_YEAR, published="2025-03-15")
    assert (state.published.date, state.published.basis) == ("2025-03-15", "metadata")
    spans = {state.text[d.start : d.end]: d for d in state.dates}
    assert spans["on Friday"].value.start == "2025-03-14"
    assert spans["on Friday"].value.text == "on Friday"
    assert spans["in June"].value.start == "2025-06"
    for d in state.dates:
        assert d.rule.startswith("temporal:")


def test_pipeline_year_base_keeps_what_all_days_agree_on(extractor):
    text = (
        "Indonesian President Joko Widodo hosted the Thai prime minister. Indonesia will take the ASEAN "
        "chair next year. The two navies held a drill in December and will meet later this week."
    )
    state = _run(extractor, text)
    assert state.published.date == "2022"
    got = {state.text[d.start : d.end]: d.value for d in state.dates}
    assert got["next year"].start == "2023"
    assert got["later this week"].start == "2022" and got["later this week"].precision == "year"


def test_seeds_published_never_wrong(extractor, shared):
    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))["docs"]
    right = wrong = 0
    for name, g in gold.items():
        if not g.get("published"):
            continue
        text = normalise((shared / "seeds" / name).read_text(encoding="utf-8"))
        got = extractor.run(Document(text=text, name=name)).published.date
        want = g["published"]["date"]
        if got is None:
            continue
        if got[: len(want)] == want:
            right += 1
        else:
            wrong += 1
    assert wrong == 0
    assert right >= 4


@pytest.mark.parametrize(
    "text",
    ["Officials said the agreement was signed in 2019.", "No date here at all, only words."],
)
def test_no_dateline_no_leaders_null(text):
    assert _infer(text).published.date is None


def test_label_with_clock_time_before_the_date():
    text = "Updated 4:35 PM GMT-3, September 26, 2025\n\nBRASILIA — The visit was postponed, the ministry said Friday."
    inf = _infer(text)
    assert (inf.published.date, inf.published.basis) == ("2025-09-26", "text")


def test_closing_formula_dates_a_communique():
    text = (
        "JOINT COMMUNIQUE\n\n1. The two leaders held talks on 29 February 2024.\n\n"
        "2. They agreed to meet again before the end of June 2024.\n\nDone at Nairobi, 29 February 2024.\n"
    )
    inf = _infer(text)
    assert (inf.published.date, inf.published.basis, inf.rule) == ("2024-02-29", "text", "published:closing-formula")


def test_full_year_total_puts_publication_after_that_year():
    # "trade reached ... in 2023" is a full year's total: published in 2024 or later, most likely 2024.
    text = (
        "MUSCAT, April 23 (ONA) -- The two leaders held talks today. "
        "Non-oil trade between the two countries reached AED 47 billion in 2023."
    )
    inf = _infer(text, today=date(2026, 11, 1))
    assert (inf.published.date, inf.published.basis) == ("2024-04-23", "inferred")
    assert "full-year:2023" in inf.rule


def test_full_year_total_is_not_a_part_year():
    text = "LONDON, Mar 3 — Exports rose in 2023, officials said, and the ministers met on Tuesday."
    inf = _infer(text)
    assert "full-year" not in inf.rule


def test_wire_dateline_with_full_stop_after_the_agency():
    text = "CARACAS, 1 nov (EFE).- The presidents met on Tuesday at the Miraflores Palace."
    from entente.extract.published import dateline_month_day

    assert dateline_month_day(text)[:2] == (11, 1)


def test_headline_ending_with_its_date():
    text = "Press release\nPrime Minister meets Prime Minister Meloni: 27 April 2023\n\nThe leaders met today."
    inf = _infer(text)
    assert (inf.published.date, inf.published.basis) == ("2023-04-27", "text")


def test_deadline_in_a_past_clause_bounds_the_date_from_above():
    # "commits both sides to complete ... by the end of 2023" is a deadline, not a past date; with
    # "on Wednesday" only 15 June 2022 fits (Buhari's term ends in 2023, and 2016 is before December 2016).
    text = (
        "RABAT, June 15 (Reuters) - Morocco and Nigeria signed agreements on Wednesday on a gas pipeline. "
        "It commits both sides to complete the engineering studies by the end of 2023. "
        "Nigerian President Muhammadu Buhari first agreed on the project in December 2016."
    )
    inf = _infer(text, today=date(2026, 11, 1))
    assert (inf.published.date, inf.published.basis) == ("2022-06-15", "inferred")


def test_full_year_total_with_abbreviated_currency_and_a_growth_rate():
    from entente.extract.published import full_year_totals

    for text in (
        "Bilateral trade reached 41 billion U.S. dollars in 2023, according to customs data.",
        "Vietnam's exports rose 14.3% in 2024 to a record, data showed.",
    ):
        exprs = [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)]
        assert full_year_totals(text, exprs), text


def test_the_leads_weekday_decides_not_a_later_one():
    # "signed on Saturday" is the lead (12 Feb 2022 was a Saturday); "arrived on Friday" is the day before.
    text = (
        "Havana, Feb 12 (Prensa Latina) Cuba and Mexico signed on Saturday in Havana agreements on health. "
        "Mexican President Andres Manuel Lopez Obrador, who arrived in Havana on Friday, said trade could double "
        "from 2021."
    )
    inf = _infer(text, today=date(2024, 6, 1))
    assert (inf.published.date, inf.published.basis) == ("2022-02-12", "inferred")


def test_latest_full_date_on_the_leads_weekday():
    # No dateline date: "on Tuesday" and the text's latest full date (28 January 2025, a Tuesday) agree.
    text = (
        "Abuja — President Bola Tinubu on Tuesday hosted his Ghanaian counterpart at the State House.\n\n"
        "The visit came on January 28, 2025, less than a month after the inauguration."
    )
    inf = _infer(text)
    assert (inf.published.date, inf.published.basis, inf.rule) == ("2025-01-28", "inferred", "published:weekday-date")
    other = text.replace("January 28, 2025", "January 29, 2025")  # a Wednesday: no agreement, no date
    assert _infer(other).published.date != "2025-01-29"


def test_tass_dateline_month_day():
    from entente.extract.published import dateline_month_day

    assert dateline_month_day("MOSCOW, March 21. /TASS/. Russian President Vladimir Putin said")[:2] == (3, 21)


def test_the_reports_own_weekday_beats_the_events():
    # The talks were "on Monday", the ministry "said on Wednesday": 21 February is the Wednesday of 2024.
    text = (
        "NEW DELHI, Feb 21 (Reuters) - India and China held talks at the border on Monday, the Indian defence "
        "ministry said on Wednesday. Relations have been strained since a clash in June 2020."
    )
    inf = _infer(text, today=date(2025, 6, 1))
    assert inf.published.date == "2024-02-21"


def test_dotted_day_month_year_line():
    inf = _infer("12.02.2024\n\nThe Ministers of Foreign Affairs held a telephone conversation.")
    assert (inf.published.date, inf.published.basis) == ("2024-02-12", "text")
    from entente.extract.temporal import find_expressions, resolve_expression

    (e,) = find_expressions("On 31.12.2023 the ministers met.")
    assert resolve_expression(e, None).start == "2023-12-31"


def test_an_expiry_year_is_no_past_date():
    # "the treaty, which expires in 2026" speaks of the future: it does not put the report in 2026.
    text = (
        "Dhaka, June 22 (UNB) - Bangladesh and India on Saturday agreed to prepare the renewal of the Ganges "
        "water-sharing treaty, which expires in 2026."
    )
    inf = _infer(text, today=date(2026, 11, 1))
    assert inf.published.date != "2026-06-22"
