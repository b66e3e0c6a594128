"""Eight short articles in the styles real outlets use (a ministry readout, a wire report under a relay
dateline, a caption-led story, a planned visit, a postponed visit, a phone-call readout, an audience and
courtesy call, a clause-bound signing), each checked for #17 items 2-5: one event per occasion, the occasion
dated, status bound to its clause, the triggers and places outlets use.  Every text is written for the test;
the people are real office-holders only so that their tenures bound the publication date."""

from __future__ import annotations

import pytest

from entente.read.document import Document, normalise

READOUT = (
    "MFA Press Release: Official Visit of Prime Minister of Viet Nam Pham Minh Chinh to Singapore, 9 February 2023\n\n"
    "Prime Minister Lee Hsien Loong hosted Prime Minister of Viet Nam Pham Minh Chinh at the Istana today. The two "
    "Prime Ministers held a bilateral meeting, followed by an official lunch.\n\n"
    "The two leaders reaffirmed the warm state of relations and agreed to deepen their Strategic Partnership in the "
    "digital economy and renewable energy.\n\n"
    "During the visit, the two Prime Ministers witnessed the signing of a Memorandum of Understanding on energy "
    "cooperation."
)
RELAY = (
    "DUBAI, Jan 14 (Gulf Wire) - Oman's Sultan Haitham bin Tarik and Iranian President Masoud Pezeshkian held talks "
    "in Muscat on Tuesday on shipping security in the Strait of Hormuz and on expanding trade, Omani state media "
    "reported.\n\n"
    "Pezeshkian arrived in the Omani capital on Monday for a two-day state visit, his first to the sultanate since "
    "taking office.\n\n"
    "The two sides signed agreements on energy and investment, and agreed to hold the next meeting of their joint "
    "economic commission in Tehran later this year."
)
CAPTION = (
    "Prime Minister Anwar Ibrahim and Thai Prime Minister Paetongtarn Shinawatra sign a memorandum on border trade "
    "at Government House in Bangkok, December 16, 2024.\n\n"
    "BANGKOK: Malaysia and Thailand on Monday inked a memorandum of understanding to ease the movement of goods "
    "across their shared border, as the two leaders held their first annual consultation.\n\n"
    "The talks at Government House covered the rail link between Padang Besar and Hat Yai, and joint efforts "
    "against smuggling."
)
PLANNED = (
    "WELLINGTON, March 3 (NZ Wire) - New Zealand Prime Minister Christopher Luxon will pay an official visit to "
    "Chile next week, his office said on Monday.\n\n"
    "Luxon is expected to hold talks with President Gabriel Boric in Santiago on March 12, focusing on renewable "
    "energy, agriculture and a potential upgrade of the two countries' trade arrangement.\n\n"
    "A business delegation is set to accompany the prime minister."
)
POSTPONED = (
    "ISLAMABAD, Oct 7 (Capital Wire) - Indonesian President Prabowo Subianto's visit to Pakistan, scheduled for "
    "next week, has been postponed, the foreign office said on Tuesday.\n\n"
    "Prime Minister Shehbaz Sharif had been due to host Prabowo for talks on trade in palm oil and defence "
    "cooperation. No new dates were given."
)
CALL = (
    "BRASILIA, Nov 7 (Planalto Wire) - Brazilian President Luiz Inacio Lula da Silva spoke by telephone on "
    "Thursday with Mexican President Claudia Sheinbaum, the presidency said in a statement.\n\n"
    "During the phone call, the two leaders discussed trade in ethanol and vehicles and agreed to meet in person "
    "later this month."
)
AUDIENCE = (
    "PHNOM PENH, Feb 20 (Mekong Wire) - Cambodian King Norodom Sihamoni granted an audience to visiting Lao Prime "
    "Minister Sonexay Siphandone at the Royal Palace on Tuesday.\n\n"
    "The Lao premier, who is on a two-day official visit to Cambodia, also paid a courtesy call on Senate "
    "President Hun Sen.\n\n"
    "Hun Manet and Sonexay's talks at the Peace Palace focused on electricity exports and the border."
)
CLAUSE = (
    "CANBERRA, Aug 19 (Southern Wire) - Australia and Indonesia on Tuesday decided to raise their ties to a "
    "comprehensive strategic partnership as both leaders signed a defence cooperation agreement allowing joint "
    "drills in each other's territory.\n\n"
    "Prime Minister Anthony Albanese and President Prabowo Subianto also adopted a Joint Vision for the Next Decade "
    "and said they would deepen their cooperation in critical minerals.\n\n"
    "A potential visit by Albanese to Jakarta next year was discussed, officials said."
)


def _record(extractor, text: str):
    return extractor.extract(Document(text=normalise(text), name="t.txt"))


def _events(record, pair):
    rel = next(r for r in record.relations if tuple(r.pair) == pair)
    return [
        (e.kind, e.status, e.date.start if e.date else None, e.place.country if e.place else None)
        for e in rel.events
    ], rel


@pytest.fixture(scope="module")
def records(extractor):
    texts = {
        "readout": READOUT,
        "relay": RELAY,
        "caption": CAPTION,
        "planned": PLANNED,
        "postponed": POSTPONED,
        "call": CALL,
        "audience": AUDIENCE,
        "clause": CLAUSE,
    }
    return {name: _record(extractor, text) for name, text in texts.items()}


def test_every_article_is_dated_from_its_own_text(records):
    want = {
        "readout": "2023-02-09",  # the headline's full date
        "relay": "2025-01-14",  # "Jan 14" + "on Tuesday" + Pezeshkian's tenure
        "caption": "2024-12-16",  # the caption's full date, the lead's "on Monday"
        "planned": "2025-03-03",
        "postponed": "2025-10-07",
        "call": "2024-11-07",
        "audience": "2024-02-20",  # "Senate President Hun Sen" is no sitting head: no tenure bound
        "clause": "2025-08-19",
    }
    got = {name: r.doc.published.date for name, r in records.items()}
    assert got == want


def test_readout_one_visit_with_its_meeting_and_signing(records):
    events, rel = _events(records["readout"], ("SGP", "VNM"))
    assert sorted(events) == [
        ("meeting", "occurred", "2023-02-09", "SGP"),
        ("signing", "occurred", "2023-02-09", "SGP"),
        ("visit", "occurred", "2023-02-09", "SGP"),
    ]
    # a level that exists and is deepened is no plan
    assert [(lv.level, lv.status) for lv in rel.levels] == [("strategic_partnership", "occurred")]


def test_relay_dateline_is_not_the_place_and_a_second_predicate_keeps_its_own_venue(records):
    events, _ = _events(records["relay"], ("IRN", "OMN"))
    assert ("meeting", "occurred", "2025-01-14", "OMN") in events
    assert ("visit", "occurred", "2025-01-13", "OMN") in events
    # "signed agreements ..., and agreed to hold the next meeting ... in Tehran": the signing is not in Tehran
    assert ("signing", "occurred", "2025-01-14", "OMN") in events
    assert ("dialogue", "planned", "2025", "IRN") in events
    assert all(place != "ARE" for *_, place in events)


def test_caption_sign_and_the_talks_at_a_venue(records):
    events, _ = _events(records["caption"], ("MYS", "THA"))
    signings = [e for e in events if e[0] == "signing"]
    assert signings == [("signing", "occurred", "2024-12-16", "THA")]  # caption and lead: one signing
    assert ("meeting", "occurred", "2024-12-16", "THA") in events  # "The talks at Government House"
    assert ("dialogue", "occurred", "2024-12-16", "THA") in events  # "their first annual consultation"


def test_planned_visit_and_expected_talks(records):
    events, _ = _events(records["planned"], ("CHL", "NZL"))
    assert [e[:2] + e[3:] for e in events] == [("visit", "planned", "CHL"), ("meeting", "expected", "CHL")]
    assert ("meeting", "expected", "2025-03-12", "CHL") in events


def test_postponed_visit_is_cancelled_and_hosted_by_the_other_side(records):
    events, _ = _events(records["postponed"], ("IDN", "PAK"))
    assert [(k, s, p) for k, s, _, p in events] == [("visit", "cancelled", "PAK")]


def test_phone_call_has_no_place_and_the_meeting_agreed_in_it_is_planned(records):
    events, _ = _events(records["call"], ("BRA", "MEX"))
    assert ("meeting", "occurred", "2024-11-07", None) in events  # not the dateline's Brasilia
    assert ("meeting", "planned", "2024-11", None) in events  # "agreed to meet in person later this month"
    assert len(events) == 2


def test_audience_courtesy_call_and_possessive_talks(records):
    events, _ = _events(records["audience"], ("KHM", "LAO"))
    kinds = sorted(k for k, *_ in events)
    assert "visit" in kinds and "meeting" in kinds
    assert all(status == "occurred" and place == "KHM" for _, status, _, place in events)
    assert ("meeting", "occurred", "2024-02-20", "KHM") in events


def test_status_bound_to_its_clause(records):
    events, rel = _events(records["clause"], ("AUS", "IDN"))
    # "decided to raise ties ... as both leaders signed": the signing was held, the agreement is signed
    assert ("signing", "occurred", "2025-08-19", "AUS") in events
    statuses = {a.title: a.status for a in rel.agreements}
    assert statuses["defence cooperation agreement"] == "signed"
    # a title is no future cue
    assert statuses["Joint Vision for the Next Decade"] == "signed"
    # "an agreement allowing joint drills": the drills are not held, and the signing's day is not theirs
    drills = [e for e in events if e[0] == "exercise"]
    assert drills == [("exercise", "planned", None, None)]
    # "a potential visit": expected
    assert ("visit", "expected", "2026", "IDN") in events


def test_a_lesser_or_other_bodys_title_sets_no_tenure():
    from entente.extract.leaders import find_leaders

    def bound(text):
        return [bool(m.terms) for m in find_leaders(text)]

    assert bound("The envoy called on Senate President Hun Sen in the capital.") == [False]
    assert bound("The envoy called on Prime Minister Hun Sen in the capital.") == [True]


def test_a_name_ending_in_a_is_no_article_before_a_caption_sign():
    from entente.extract.events import find_triggers

    caption = "Ministers of Kenya and Uganda sign a memorandum on rail freight in Kampala."
    assert [t.kind for t, _, _ in find_triggers(caption)] == ["signing"]
    assert find_triggers("The two sides discussed a sign of goodwill.") == []


def test_during_the_meeting_presupposes_the_meeting_of_the_visit(extractor):
    text = (
        "QUITO, 3 nov (Andes Wire).- Peruvian President Dina Boluarte and her Ecuadorian counterpart Daniel Noboa "
        "agreed on Tuesday at Carondelet Palace to expand trade and energy cooperation, in the first visit by a Peruvian "
        "head of state to Quito in five years.\n\n"
        "During the meeting, which lasted three hours, Peru and Ecuador also agreed to study a rail link."
    )
    events, _ = _events(_record(extractor, text), ("ECU", "PER"))
    assert sorted(k for k, *_ in events) == ["meeting", "visit"]
    meeting = next(e for e in events if e[0] == "meeting")
    assert meeting[1] == "occurred" and meeting[3] == "ECU"


def test_a_meeting_due_in_the_visited_city_is_kept_and_one_with_troops_is_none():
    from entente.extract.events import find_triggers

    due = "He will then fly to Nairobi, where he is due to meet President William Ruto on May 4."
    assert sorted(t.kind for t, _, _ in find_triggers(due)) == ["meeting", "visit"]
    purpose = "He is on a visit to Kenya to meet officials."
    assert [t.kind for t, _, _ in find_triggers(purpose)] == ["visit"]
    troops = "On Friday the king will meet Kenyan navy personnel in Mombasa."
    assert "meeting" not in [t.kind for t, _, _ in find_triggers(troops)]


def test_a_called_off_event_keeps_the_date_it_was_scheduled_for(extractor):
    text = (
        "ISLAMABAD, Sep 2 (Indus Wire) - Pakistan on Tuesday called off the foreign secretary-level talks with "
        "Afghanistan scheduled to be held in Kabul on September 9, citing security concerns.\n\n"
        "Pakistani Prime Minister Shehbaz Sharif and Afghanistan's leaders had agreed on the talks in July."
    )
    events, _ = _events(_record(extractor, text), ("AFG", "PAK"))
    called_off = [e for e in events if e[1] == "cancelled"]
    assert len(called_off) == 1
    kind, _, when, place = called_off[0]
    assert when == "2025-09-09"  # the day it was set for, not the Tuesday it was called off
    assert place == "AFG"


def test_a_release_location_line_places_its_occasion(extractor):
    text = (
        "Joint Press Remarks by Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan\n\n"
        "Event Joint Press Remarks\n"
        "Location State House in Nairobi\n\n"
        "PRESIDENT RUTO: Your Excellency, members of the press, good afternoon.\n\n"
        "President Samia and I held productive talks on trade between Kenya and Tanzania, energy and the movement of goods across our border.\n\n"
        "Kenya and Tanzania agreed to remove twelve trade barriers, and Kenya will host the next joint commission."
    )
    events, _ = _events(_record(extractor, text), ("KEN", "TZA"))
    held = [(kind, place) for kind, status, _, place in events if status == "occurred"]
    assert held and all(place == "KEN" for _, place in held), held


SIDELINES = (
    "RIO DE JANEIRO, Nov 18 (Pacific Wire) – Japanese Prime Minister Shigeru Ishiba and Chinese President Xi "
    "Jinping held talks on the sidelines of the G20 summit in Rio de Janeiro on Monday, agreeing to pursue a "
    "“mutually beneficial” relationship.\n\n"
    "Ishiba and Xi’s talks, their second since Ishiba took office last month, covered seafood imports and the "
    "safety of Japanese nationals in China.\n\n"
    "Tokyo’s foreign ministry said the two leaders also agreed to keep in close contact, as Beijing looks to "
    "steady ties with its neighbours."
)


def test_talks_on_the_sidelines_of_a_summit_abroad_are_the_pairs_one_meeting(extractor):
    record = _record(extractor, SIDELINES)
    assert record.doc.published.date == "2024-11-18"  # the G20 in Rio held on Nov 18, Ishiba's tenure
    events, _ = _events(record, ("CHN", "JPN"))
    # the summit is the venue's occasion; "Ishiba and Xi’s talks" (typographic apostrophe) is the same meeting;
    # "Tokyo's foreign ministry", "as Beijing looks to" are governments, not venues
    assert events == [("meeting", "occurred", "2024-11-18", "BRA")]


def test_talks_planned_during_a_planned_visit_take_its_month(extractor):
    text = (
        "SEOUL, Oct 14 (Han Wire) - South Korean President Yoon Suk Yeol will travel to Vietnam next week for a "
        "state visit, his office said on Monday.\n\n"
        "Yoon is set to hold a summit with Vietnamese President To Lam in Hanoi, where South Korea and Vietnam "
        "are to discuss critical minerals and nuclear power."
    )
    events, _ = _events(_record(extractor, text), ("KOR", "VNM"))
    assert ("meeting", "expected", "2024-10", "VNM") in events
    assert [e[:2] for e in events if e[0] == "visit"] == [("visit", "planned")]


def test_a_three_party_summit_in_the_hosts_country_is_also_the_guests_meeting(extractor):
    text = (
        "CANBERRA, March 4 (Southern Wire) - Australian Prime Minister Anthony Albanese hosted New Zealand Prime "
        "Minister Christopher Luxon and Fijian Prime Minister Sitiveni Rabuka in Canberra on Tuesday for "
        "the first summit between the three countries.\n\n"
        "New Zealand and Fiji agreed with Australia to coordinate disaster relief, and Fiji and New Zealand "
        "will expand seasonal work schemes."
    )
    record = _record(extractor, text)
    pairs = {tuple(r.pair): r for r in record.relations}
    assert ("FJI", "NZL") in pairs
    events, _ = _events(record, ("FJI", "NZL"))
    assert [(k, s, p) for k, s, _, p in events if k == "meeting"] == [("meeting", "occurred", "AUS")]


def test_a_town_in_a_region_of_a_country_beats_the_dateline_city(extractor):
    text = (
        "BERLIN, June 4 (Vistula Wire) - German Chancellor Olaf Scholz and Polish Prime Minister Donald Tusk held "
        "talks in Gliwice in southern Poland on Tuesday, agreeing to expand rail links between Germany and Poland.\n\n"
        "Berlin's defence ministry said Germany would send engineers to Poland, as Warsaw looks to strengthen its "
        "eastern border."
    )
    events, _ = _events(_record(extractor, text), ("DEU", "POL"))
    assert [(k, p) for k, _, _, p in events] == [("meeting", "POL")]


def test_a_sea_named_after_a_country_is_no_venue(extractor):
    text = (
        "MANILA (Archipelago Wire) - The Philippines and Vietnam on Tuesday signed two memoranda to prevent "
        "incidents in the South China Sea, during President Ferdinand Marcos Jr.'s state visit to Vietnam.\n\n"
        "The Philippines and Vietnam also agreed on rice trade."
    )
    events, _ = _events(_record(extractor, text), ("PHL", "VNM"))
    assert all(p != "CHN" for *_, p in events)


def test_cancelled_and_background_occasions_borrow_no_date_or_place(extractor):
    text = (
        "JAKARTA, Feb 11 (Java Wire) - Indonesian President Prabowo Subianto is likely to visit Malaysia next "
        "month, officials said on Tuesday, as Indonesia and Malaysia seek to deepen their comprehensive strategic "
        "partnership.\n\n"
        "A meeting of their foreign ministers planned for January was called off because of floods.\n\n"
        "Indonesia and Malaysia held their last annual consultation in 2023."
    )
    events, rel = _events(_record(extractor, text), ("IDN", "MYS"))
    assert ("visit", "expected", "2025-03", "MYS") in events
    assert ("meeting", "cancelled", None, None) in events  # not the report's day, nor Jakarta
    assert ("dialogue", "occurred", "2023", None) in events  # background: the dateline is not its place
    assert [(lv.level, lv.status) for lv in rel.levels] == [("comprehensive_strategic_partnership", "occurred")]


def test_counted_exercises_stay_separate_and_the_second_is_to_come_too(extractor):
    text = (
        "MANILA, May 9 (Archipelago Wire) - The Philippines and Japan will hold their first joint coast guard "
        "exercise in June, followed by a second one in October, officials said on Friday.\n\n"
        "The drills were agreed when President Ferdinand Marcos Jr. visited Tokyo in December. Japan's defence "
        "minister is expected to visit the Philippines next month."
    )
    events, _ = _events(_record(extractor, text), ("JPN", "PHL"))
    drills = sorted(e[:3] for e in events if e[0] == "exercise")
    assert drills == [("exercise", "planned", "2025-06"), ("exercise", "planned", "2025-10")]
    # "visit the Philippines": a country named with its article
    assert ("visit", "expected", "2025-06", "PHL") in events
