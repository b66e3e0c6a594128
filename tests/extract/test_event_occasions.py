"""Events on real wire copy: one event per occasion, the lead's occasion dated, status bound to its clause,
the triggers and places outlets use.  Every text here is written for the test."""

from __future__ import annotations

from entente.extract.events import events_for, find_triggers
from entente.extract.state import PersonMention
from entente.record import Person, Span
from rule_harness import day, make_state

PAIR = ("CHL", "NZL")


def _with_people(state, people):
    """``people``: name -> (person id, iso3); every occurrence of the name is a mention."""
    for name, (pid, iso3) in people.items():
        at = state.text.index(name)
        state.people.append(
            Person(id=pid, name=name, country=iso3, mentions=[Span(start=at, end=at + len(name), text=name)])
        )
        start = 0
        while (at := state.text.find(name, start)) >= 0:
            state.person_mentions.append(PersonMention(pid, at, at + len(name)))
            start = at + len(name)


def events(text, people=None, **kw):
    state, doc = make_state(text, pair=PAIR, **kw)
    _with_people(state, people or {})
    return events_for(state, doc).get(PAIR, []), state


def kinds(sentence):
    return [(t.kind, sentence[s:e]) for t, s, e in find_triggers(sentence)]


# ---------------------------------------------------------------- triggers outlets use


def test_signing_verbs_in_any_tense_and_voice():
    for sentence in (
        "Chile and New Zealand inked three pacts on fisheries.",
        "The two sides sealed a landmark accord on wine exports.",
        "The ministers struck a deal on dairy quotas.",
        "Wellington and Santiago formalised an agreement on student exchanges.",
        "The charter was signed by both foreign ministers.",
        "Leaders sign tax declaration in Auckland",  # a caption's present tense
        "The prime ministers signed seven memoranda of understanding.",
    ):
        assert [k for k, _ in kinds(sentence)] == ["signing"], sentence


def test_signing_verbs_not_a_noun_or_a_plan():
    assert kinds("The vote was a sign of the agreement's strength.") == []
    assert [k for k, _ in kinds("They are expected to sign a pact next week.")] == []


def test_meeting_triggers_outlets_use():
    for sentence in (
        "The Chilean envoy had an audience with the King of New Zealand's ally.",
        "Boric and Luxon's talks covered wine and wool.",
        "The minister paid a courtesy call on the premier.",
        "The two presidents spoke by telephone on Monday.",
        "They held a virtual summit on climate finance.",
        "The ministers held talks on the sidelines of the forum.",
        "Chile-New Zealand delegation-level talks took place in the capital.",
    ):
        assert "meeting" in [k for k, _ in kinds(sentence)], sentence


def test_named_mechanisms_are_dialogues():
    assert (
        kinds("The 4th Chilean-New Zealand High-Level Meeting (HLM) opened in Santiago.")[0][0] == "dialogue"
    )
    assert kinds("the 3rd session of the Chile - New Zealand Bi-National Commission")[0][0] == "dialogue"


# ---------------------------------------------------------------- places


def test_a_capital_used_for_its_government_is_no_venue():
    text = "Chilean and New Zealand ministers held talks on the sidelines of the summit, Santiago's foreign ministry said."
    evs, _ = events(text, places={"Santiago": ("Santiago", "CHL")}, published="2024-05-06")
    assert [(e.kind, e.place) for e in evs] == [("meeting", None)]


def test_a_region_of_a_third_country_is_the_venue_of_talks_abroad():
    text = "The Chilean and New Zealand trade ministers held talks in Gliwice in southern Poland on Monday."
    evs, _ = events(text, dates={"on Monday": day("2024-05-06")}, published="2024-05-07")
    assert [(e.kind, e.place.country) for e in evs] == [("meeting", "POL")]


def test_visit_of_a_countrys_leader_names_the_visitor():
    text = (
        "JOINT STATEMENT ON THE OFFICIAL VISIT OF NEW ZEALAND PRIME MINISTER TO CHILE\n\n"
        "The New Zealand prime minister made an official visit to Chile from 3 to 5 May 2024."
    )
    evs, _ = events(
        text, dates={"from 3 to 5 May 2024": day("2024-05-03", end="2024-05-05")}, published="2024-05"
    )
    visits = [e for e in evs if e.kind == "visit"]
    assert len(visits) == 1 and visits[0].place.country == "CHL"


def test_a_persons_visit_is_hosted_by_the_other_side():
    text = "Chile and New Zealand signed a wine accord. During Boric's visit, trade was discussed with Luxon."
    evs, _ = events(text, people={"Boric": ("p1", "CHL"), "Luxon": ("p2", "NZL")}, published="2024-05-06")
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and visits[0].place.country == "NZL"


def test_a_relay_dateline_is_not_the_place():
    text = "DUBAI, May 6 - Chile and New Zealand held talks on fisheries on Monday, officials said."
    state, doc = make_state(
        text,
        pair=PAIR,
        dates={"on Monday": day("2024-05-06")},
        places={"DUBAI": ("Dubai", "ARE")},
        dateline=("Dubai", "ARE"),
        published="2024-05-06",
    )
    state.dateline_span = (0, len("DUBAI, May 6"))
    evs = events_for(state, doc)[PAIR]
    assert [(e.kind, e.place) for e in evs] == [("meeting", None)]


# ---------------------------------------------------------------- one event per occasion


def test_mentions_of_one_visit_and_its_talks_are_one_each():
    text = (
        "The New Zealand premier will pay an official visit to Chile on Wednesday.\n\n"
        "During the one-day visit to Santiago, the two leaders will hold talks at La Moneda.\n\n"
        "The talks will cover wine, wool and lithium."
    )
    evs, _ = events(
        text,
        dates={"on Wednesday": day("2024-05-08", "on Wednesday")},
        places={"Santiago,": ("Santiago", "CHL"), "La Moneda": ("La Moneda", "CHL")},
        published="2024-05-06",
    )
    assert sorted(e.kind for e in evs) == ["meeting", "visit"]
    meeting = next(e for e in evs if e.kind == "meeting")
    assert meeting.status == "planned" and meeting.place.country == "CHL"
    assert len(meeting.evidence) == 2


def test_talks_with_two_different_hosts_are_two_meetings():
    text = (
        "The Chilean minister held talks with Luxon on farming.\n\n"
        "The Chilean minister also held talks with Peters on security."
    )
    evs, _ = events(text, people={"Luxon": ("p1", "NZL"), "Peters": ("p2", "NZL")}, published="2024-05-06")
    assert [e.kind for e in evs] == ["meeting", "meeting"]


def test_audiences_on_two_days_are_two_meetings():
    text = "The Chilean envoy had audiences with Luxon on Tuesday, and with Peters on Monday."
    evs, _ = events(
        text,
        people={"Luxon": ("p1", "NZL"), "Peters": ("p2", "NZL")},
        dates={"on Tuesday": day("2024-05-07"), "on Monday": day("2024-05-06")},
        published="2024-05-08",
    )
    assert sorted(e.date.start for e in evs if e.kind == "meeting") == ["2024-05-06", "2024-05-07"]


def test_an_acronym_names_the_event_again_and_its_signing_shares_its_date():
    text = (
        "The 4th Chilean-New Zealand High-Level Meeting (HLM) opened Thursday in Santiago.\n\n"
        "This HLM, attended by both cabinets, will be marked by the signing of a dozen agreements."
    )
    evs, _ = events(
        text,
        dates={"Thursday": day("2024-05-09")},
        places={"Santiago.": ("Santiago", "CHL")},
        published="2024-05-09",
    )
    by_kind = {e.kind: e for e in evs}
    assert len(by_kind["dialogue"].evidence) == 2
    assert by_kind["signing"].status == "planned" and by_kind["signing"].date.start == "2024-05-09"


# ---------------------------------------------------------------- dating the reported occasion


def test_the_leads_occasion_takes_the_lead_clause_day():
    text = "The leaders of Chile and New Zealand met in Wellington.\n\nThey on Sunday agreed to expand trade."
    evs, _ = events(text, dates={"on Sunday": day("2024-05-05", "on Sunday")}, published="2024-05-06")
    assert [(e.kind, e.date.start) for e in evs] == [("meeting", "2024-05-05")]


def test_else_the_publication_date_at_its_precision():
    text = "The leaders of Chile and New Zealand met in Wellington to discuss trade."
    state, doc = make_state(text, pair=PAIR, published="2024-05-06")
    state.published = state.published.model_copy(update={"date": "2024-05", "precision": "month"})
    evs = events_for(state, doc)[PAIR]
    assert [(e.kind, e.date.start, e.date.precision) for e in evs] == [("meeting", "2024-05", "month")]


def test_a_background_event_keeps_no_date():
    text = (
        "Chile and New Zealand agreed on Monday to expand their dairy trade.\n\n"
        "Trade grew steadily in recent years and analysts expect further growth.\n\n"
        "Exporters in both countries welcomed the decision and praised the ministers.\n\n"
        "Shipping firms said new routes could open. Farmers said prices would rise.\n\n"
        "Port operators in Valparaiso and Tauranga said they were ready for larger volumes of refrigerated "
        "cargo, and insurers said the premiums for such routes had fallen over the past decade.\n\n"
        "The chambers of commerce of both countries issued notes. Their economists noted the rising demand "
        "for milk powder, butter and cheese in Asian markets, which has supported prices for years.\n\n"
        "Long ago, a Chilean president had made a state visit to New Zealand."
    )
    evs, _ = events(text, dates={"on Monday": day("2024-05-06", "on Monday")}, published="2024-05-07")
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and visits[0].date is None


# ---------------------------------------------------------------- status bound to its clause


def test_a_decision_does_not_govern_a_later_clause_with_its_own_verb():
    text = "Chile and New Zealand decided to raise ties to a new level, as both leaders witnessed the signing of a pact."
    evs, _ = events(text, published="2024-05-06")
    assert [(e.kind, e.status) for e in evs] == [("signing", "occurred")]


def test_a_potential_visit_is_expected():
    text = "Officials in Chile and New Zealand are preparing for a potential visit by the Chilean president."
    evs, _ = events(text, published="2024-05-06")
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and visits[0].status in ("expected", "planned")


def test_an_agreement_allowing_drills_does_not_hold_them():
    text = "Chile and New Zealand signed an agreement allowing joint naval drills off the coast."
    evs, _ = events(text, published="2024-05-06")
    drills = [e for e in evs if e.kind == "exercise"]
    assert drills and drills[0].status != "occurred"


def test_a_modal_inside_the_trigger_governs_it():
    text = "Business leaders from Chile and New Zealand will meet at the trade fair."
    evs, _ = events(text, published="2024-05-06")
    assert [(e.kind, e.status) for e in evs] == [("meeting", "planned")]


def test_a_future_relative_clause_makes_the_visit_planned():
    text = "During the official visit that the Chilean president will make to New Zealand, trade will be addressed."
    evs, _ = events(text, published="2024-05-06")
    assert [(e.kind, e.status) for e in evs] == [("visit", "planned")]


def test_a_need_to_hold_talks_is_only_discussed():
    text = "Chile and New Zealand stressed the need to hold regular talks on fisheries."
    evs, _ = events(text, published="2024-05-06")
    assert [(e.kind, e.status) for e in evs] == [("meeting", "discussed")]


def test_a_title_with_next_is_no_future_cue():
    text = "Chile and New Zealand signed the Joint Vision for the Next Decade in Auckland on Monday."
    evs, _ = events(text, dates={"on Monday": day("2024-05-06")}, published="2024-05-06")
    assert all(e.status == "occurred" for e in evs)
