"""Agreements: instrument kinds, titles, statuses, counted groups and merging (texts written by us)."""

from __future__ import annotations

from entente.extract.agreements import find_mentions, status_of
from entente.read.document import Document, normalise


def _agreements(extractor, text: str):
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    assert record.relations, "no pair found"
    return [g for rel in record.relations for g in rel.agreements]


def _one(text: str):
    mentions = find_mentions(text, 0, len(text))
    assert len(mentions) == 1, mentions
    return mentions[0], status_of(text, (0, len(text)), mentions[0])[0]


def test_kinds_titles_and_statuses():
    m, status = _one(
        "The ministers signed a Memorandum of Understanding on Cooperation in Fisheries on Friday."
    )
    assert (m.kind, status) == ("mou", "signed")
    assert m.title == "Memorandum of Understanding on Cooperation in Fisheries"
    m, status = _one("Both sides intend to sign a new MoU on tourism next year.")
    assert (m.kind, status) == ("mou", "planned")
    m, status = _one("They pledged to speed up FTA negotiations.")
    assert (m.kind, status) == ("fta", "negotiating")
    m, status = _one("The Visiting Forces Agreement entered into force in 2019.")
    assert (m.kind, m.title, status) == ("agreement", "Visiting Forces Agreement", "in_force")
    m, status = _one("The leaders witnessed the exchange of notes for a grant aid project.")
    assert (m.kind, status) == ("exchange_of_notes", "exchanged")


def test_generic_agreement_words_are_not_instruments():
    for text in (
        "The agreement was reached at a meeting in Lima.",
        "Both leaders are likely to reaffirm the agreements made last year.",
        "The talks were held at the Kuala Lumpur Convention Centre.",
        "Ministers must deal with rising prices.",
        "They met in a joint statement on Saturday.",
    ):
        assert find_mentions(text, 0, len(text)) == [], text


def test_multilateral_instruments_are_not_the_pairs():
    text = "Both countries reaffirmed their commitment to the Paris Agreement and RCEP."
    assert find_mentions(text, 0, len(text)) == []


def test_counted_group_with_names_and_without(extractor):
    text = (
        "NAIROBI, June 4 — Kenya and Germany signed three Memoranda of Understanding on Cooperation in Energy, "
        "Cooperation in Vocational Training and Cooperation in Health during talks between the two presidents.\n\n"
        "Kenyan President William Ruto and German Chancellor Olaf Scholz also saw 12 MoUs signed by "
        "companies from Kenya and Germany.\n\n"
        "Kenya and Germany intend to sign a new agreement on labour mobility soon, and the two sides will "
        "conclude the MoU on migration. The MoU on migration is expected to be signed in Berlin.\n"
    )
    items = _agreements(extractor, text)
    titled = [
        g for g in items if g.title and g.title.startswith("Memorandum of Understanding on Cooperation")
    ]
    assert len(titled) == 3
    assert {a for g in titled for a in g.areas} >= {"energy", "education", "health"}
    counted = [g for g in items if g.count == 12]
    assert len(counted) == 1 and counted[0].status == "signed"
    migration = [g for g in items if g.kind == "mou" and g.title == "MoU on migration" and g.count is None]
    assert len(migration) == 1, migration
    assert len(migration[0].evidence) == 2 and migration[0].status == "planned"
    for g in items:
        for span in g.evidence:
            assert text[span.start : span.end] == span.text


def test_seed_agreements(shared, extractor):
    from entente.read import read_paths

    kinds = {}
    for doc in read_paths([str(shared / "seeds")]):
        record = extractor.extract(doc)
        kinds[doc.name[:3]] = sorted((g.kind, g.status) for rel in record.relations for g in rel.agreements)
    assert ("fta", "negotiating") in kinds["003"]
    assert sum(1 for k, _ in kinds["003"] if k == "mou") >= 4
    assert kinds["004"] == []
    assert any(k == "exchange_of_notes" for k, _ in kinds["000"])


def test_list_items_take_the_status_of_the_line_introducing_them(extractor):
    text = (
        "1. Kenya and Ethiopia held bilateral talks in Nairobi on 29 February 2024.\n\n"
        "2. The two leaders witnessed the signing of the following instruments:\n"
        "(a) Memorandum of Understanding on Defence Cooperation;\n"
        "(b) Memorandum of Understanding on Cooperation in the Field of Tourism.\n\n"
        "3. Kenya and Ethiopia agreed to meet again in June."
    )
    got = sorted((g.kind, g.status) for g in _agreements(extractor, text))
    assert got == [("mou", "signed"), ("mou", "signed")]


def test_concluded_negotiations_and_a_coordinated_instrument(extractor):
    text = (
        "India and the UK on Tuesday concluded negotiations on a free trade agreement and a double contribution "
        "convention, the two prime ministers said.\n\n"
        "The pact, which still has to be signed, is expected to raise bilateral trade.\n\n"
        "Relations between India and Britain have warmed, officials said."
    )
    got = sorted((g.kind, g.status) for g in _agreements(extractor, text))
    assert got == [("fta", "concluded"), ("treaty", "concluded")]


def test_date_of_a_side_clause_is_not_the_signing_date(extractor):
    text = (
        "Kyrgyzstan and Tajikistan on Thursday signed the Treaty on the State Border between the two countries, "
        "ending a dispute that led to deadly clashes in 2021.\n\nThe border documents must now be ratified.\n\n"
        "Relations between Kyrgyzstan and Tajikistan have warmed, officials said."
    )
    got = [(g.kind, g.status) for g in _agreements(extractor, text)]
    assert got == [("treaty", "signed")]


def test_counted_group_followed_by_its_members_is_those_members(extractor):
    text = (
        "France and Poland signed a treaty on Friday.\n\n"
        "Relations between France and Poland have warmed, officials said.\n\n"
        "Talks continue on two further accords. Negotiators are working on a "
        "defence-industrial agreement, and on an agreement on the recognition of qualifications, to be concluded "
        "next year."
    )
    got = sorted((g.kind, g.status, g.count) for g in _agreements(extractor, text))
    assert got.count(("treaty", "signed", None)) == 1
    assert [g for g in got if g[2]] == []
    assert len([g for g in got if g[0] == "agreement"]) == 2


def test_an_instrument_included_in_a_signed_group():
    text = (
        "Turkey and Iraq on Monday signed 24 agreements and memoranda of understanding in Baghdad, including a "
        "framework agreement on cooperation in the Development Road project."
    )
    got = [(m.kind, m.title, m.count) for m in find_mentions(text, 0, len(text))]
    # a lower-case subject is its description ("a treaty on ..." names the instrument)
    assert ("framework", "framework agreement on cooperation in the Development Road project", None) in got
    assert ("agreement", None, 24) in got


def test_a_capitalised_modifier_of_a_lower_case_noun_is_not_a_title_name():
    """ "a deal for Indian firms" is not "deal for Indian"; a described subject keeps its noun; a
    multi-word capitalised name followed by lower-case words keeps the name."""
    (m,) = find_mentions(text := "Mr Lee also signed a deal on Korea-UK tourism.", 0, len(text))
    assert m.title == "deal on Korea-UK tourism"
    text = "They signed a co-operation deal between Chilean and Peruvian state firms."
    assert [x.title for x in find_mentions(text, 0, len(text))] == ["co-operation deal"]
    text = "They signed the Agreement between Chile and Peru for an Economic Partnership."
    assert [x.title for x in find_mentions(text, 0, len(text))] == [
        "Agreement between Chile and Peru for an Economic Partnership"
    ]
    text = "Both welcomed the Exchange of Notes for the Coastal Patrol Assistance (CPA) grant aid."
    (m,) = find_mentions(text, 0, len(text))
    assert m.title.startswith("Exchange of Notes for the Coastal Patrol Assistance (CPA)")


def test_a_place_after_a_lower_case_subject_is_not_part_of_the_title():
    text = "Chile and Peru signed an agreement on fisheries cooperation in Lima on Monday."
    assert [m.title for m in find_mentions(text, 0, len(text))] == ["agreement on fisheries cooperation"]
    text = "They signed an agreement on cooperation in science and technology."
    assert [m.title for m in find_mentions(text, 0, len(text))] == [
        "agreement on cooperation in science and technology"
    ]
