"""Wire styles and phrasings met outside the seeds (texts written by us)."""

from __future__ import annotations

from entente.read import Document

PHONE_CALL = (
    "Leaders of India and Japan hold phone talks\n\n"
    "New Delhi, Aug 20 (PTI) Prime Minister Narendra Modi on Tuesday spoke over the phone with his "
    "Japanese counterpart Fumio Kishida and the two leaders agreed to deepen defence cooperation.\n\n"
    "Kishida said he looked forward to visiting India for the annual summit later this year."
)


def _record(extractor, text: str):
    return extractor.extract(Document(text=text, name="t.txt", source="t.txt"))


def test_wire_credit_without_dash_is_a_dateline(extractor):
    record = _record(extractor, PHONE_CALL)
    assert record.doc.dateline is not None and record.doc.dateline.country == "IND"
    assert record.doc.outlet == "PTI"


def test_past_verb_after_weekday_reads_past_and_fixes_the_year(extractor):
    # Aug 20 was a Tuesday in 2024, and both leaders were in office then (not in 2019 or 2030).
    record = _record(extractor, PHONE_CALL)
    assert record.doc.published.date == "2024-08-20"
    assert record.doc.published.basis == "inferred"


def test_looking_forward_to_a_visit_is_a_plan(extractor):
    record = _record(extractor, PHONE_CALL)
    (rel,) = record.relations
    visits = [e for e in rel.events if e.kind == "visit"]
    assert visits and all(e.status in ("planned", "expected") for e in visits)


def test_currency_names_are_not_countries():
    from entente.extract.countries import find_countries

    found = [m.text for m in find_countries("Trade hit US$4 billion, or 15 billion U.S. dollars, and the US agreed.")]
    assert found == ["US"]


def test_amounts_in_words():
    from entente.extract.money import parse_money

    (five,) = parse_money("Japan pledged to invest five trillion yen over five years.")
    assert (five.value, five.unit, five.text) == (5e12, "JPY", "five trillion yen")
    (one,) = parse_money("a billion dollars")
    assert (one.value, one.unit) == (1e9, "USD")
    assert parse_money("two of the dollars") == []


def test_a_leader_receiving_another_is_a_bilateral_relation(extractor):
    text = (
        "ABU DHABI, 16th July, 2024 (WAM) -- His Highness Sheikh Mohamed bin Zayed Al Nahyan, President of "
        "the UAE, today received H.E. Joko Widodo, President of the Republic of Indonesia, at Qasr Al Watan.\n\n"
        "The two presidents reviewed ways to expand cooperation in renewable energy and food security.\n\n"
        "The meeting was attended by Indonesian Foreign Minister Retno Marsudi and Sheikh Abdullah bin Zayed "
        "Al Nahyan, Minister of Foreign Affairs."
    )
    record = _record(extractor, text)
    assert [r.pair for r in record.relations] == [["ARE", "IDN"]]
    assert record.doc.published.date == "2024-07-16"
    (rel,) = record.relations
    assert any(e.kind == "meeting" and e.status == "occurred" for e in rel.events)
