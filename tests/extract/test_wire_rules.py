"""Rules found with the seventh probe (Kyodo datelines, one actor meeting two hosts, inline instrument lists,
a lead day standing in for a dateline date).  Every text here is written for these tests."""

from __future__ import annotations

from datetime import date

from entente.extract.agreements import find_mentions
from entente.extract.dateline import find_dateline
from entente.extract.published import infer
from entente.extract.temporal import find_expressions, tense_at
from entente.read.document import Document, normalise


def _infer(text: str, today: date = date(2026, 1, 1)):
    exprs = [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)]
    return infer(text, exprs, today=today)


def _record(extractor, text: str):
    return extractor.extract(Document(text=normalise(text), name="t.txt"))


def test_kyodo_dateline_with_the_bare_wire_name():
    dl = find_dateline("SEOUL, March 3 Kyodo - South Korea and Japan agreed on Friday to resume talks.")
    assert dl is not None and dl.place.country == "KOR" and dl.date_text == "March 3" and dl.outlet == "Kyodo News"
    # a capitalised word that is no wire is no dateline credit
    dl = find_dateline("SEOUL, March 3 Ministers - South Korea and Japan agreed on Friday to resume talks.")
    assert dl is None or dl.outlet is None


def test_one_actor_visiting_two_hosts_makes_two_relations(extractor):
    text = (
        "NEW DELHI, May 2 Kyodo - Prime Minister Narendra Modi plans to visit Ghana and Namibia next month, "
        "officials said Friday.\n\n"
        "During the trip, Modi is set to hold talks with Ghanaian President John Mahama in Accra and with "
        "Namibian President Netumbo Nandi-Ndaitwah in Windhoek, the officials said.\n\n"
        "India is seeking closer ties with African countries in trade and health."
    )
    record = _record(extractor, text)
    pairs = {tuple(r.pair): r for r in record.relations}
    assert ("GHA", "IND") in pairs and ("IND", "NAM") in pairs
    assert ("GHA", "NAM") not in pairs
    for pair, host in ((("GHA", "IND"), "GHA"), (("IND", "NAM"), "NAM")):
        places = {e.place.country for e in pairs[pair].events if e.place is not None}
        assert places == {host}, (pair, places)


def test_a_third_country_venue_is_not_moved_to_a_capital_standing_for_its_government(extractor):
    text = (
        "TOKYO (Kyodo) - President Joe Biden hosted Philippine President Ferdinand Marcos Jr. and Japanese Prime "
        "Minister Fumio Kishida at the White House on Thursday for a trilateral summit, vowing to stand with "
        "Manila in the South China Sea.\n\nThe three leaders agreed to expand coast guard cooperation."
    )
    record = _record(extractor, text)
    for rel in record.relations:
        if tuple(rel.pair) == ("JPN", "PHL"):
            assert all(e.place is None or e.place.name != "Manila" for e in rel.events)


def test_treaties_plural_and_an_inline_list_of_instruments(extractor):
    text = "The two countries today exchanged two treaties on their maritime boundary."
    kinds = [(m.kind, m.count) for m in find_mentions(text, 0, len(text))]
    assert kinds == [("treaty", 2)]
    text = (
        "After the talks, the two leaders witnessed the exchange of an agreement on the avoidance of double "
        "taxation, an agreement amending the air services arrangements, and four memoranda of understanding."
    )
    assert [m.kind for m in find_mentions(text, 0, len(text))] == ["agreement", "agreement", "mou"]
    text = (
        "DOHA, March 4 (QNA) - Qatar and Kenya held official talks in Doha on Tuesday during a state visit by "
        "Kenyan President William Ruto, and agreed to boost bilateral trade and investment.\n\n"
        "After the talks, the two leaders witnessed the exchange of an agreement on the avoidance of double "
        "taxation, an agreement amending the air services arrangements, and four memoranda of understanding."
    )
    agreements = [g for rel in _record(extractor, text).relations for g in rel.agreements]
    assert sorted(g.kind for g in agreements) == ["agreement", "agreement", "mou"]
    assert {g.status for g in agreements} <= {"exchanged", "signed"}


def test_the_signing_of_documents_is_not_a_reference_to_earlier_ones():
    text = "The two ministers witnessed the signing of cooperation documents on trade and on tourism."
    assert [m.kind for m in find_mentions(text, 0, len(text))] == ["other"]
    text = "The ministers also reviewed the border documents."
    assert find_mentions(text, 0, len(text)) == []


def test_the_lead_day_of_a_dateline_without_date_is_the_report_day():
    text = (
        "Lima (EFE) - Peru and Chile on May 16 signed a memorandum on mining cooperation during talks in Lima "
        "between President Dina Boluarte and her Chilean counterpart Gabriel Boric.\n\n"
        "Two-way trade reaching 4.1 billion USD in 2023 made Chile one of Peru's main partners."
    )
    inference = _infer(text)
    assert inference.published.date == "2024-05-16" and inference.published.basis == "inferred"
    assert "lead-day" in inference.rule
    # no dateline: the lead's day stands for nothing
    assert _infer(text.replace("Lima (EFE) - ", "")).published.precision != "day"


def test_an_exchanged_instrument_after_a_planned_clause_is_done(extractor):
    text = (
        "HANOI, March 9 (VNA) - Vietnam and Mongolia agreed on Saturday to set up a joint working group on "
        "mining, and officials exchanged a memorandum of understanding on education, the ministry said.\n\n"
        "Vietnamese Prime Minister Pham Minh Chinh held talks with his Mongolian counterpart in Hanoi, and "
        "Vietnam and Mongolia agreed to raise trade."
    )
    record = _record(extractor, text)
    signings = [e for rel in record.relations for e in rel.events if e.kind == "signing"]
    assert signings and all(e.status == "occurred" for e in signings)


def test_a_headline_in_the_present_tense_speaks_of_diplomacy(extractor):
    text = (
        "Spain, Morocco sign new migration declaration\n\n"
        "Spanish Prime Minister Pedro Sanchez and his Moroccan counterpart Aziz Akhannouch have signed a new "
        "declaration on migration, as the two countries seek to curb crossings from Algeria.\n\n"
        "The two leaders held talks in the Moroccan capital on Thursday."
    )
    pairs = {tuple(r.pair) for r in _record(extractor, text).relations}
    assert ("ESP", "MAR") in pairs
