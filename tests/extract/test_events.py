"""Events: kinds, modality, dates, places, and one event per occasion (mentions merged)."""

from __future__ import annotations

from entente.extract.events import events_for, find_triggers
from rule_harness import day, make_state

PAIR = ("CHL", "NZL")


def events(text, **kw):
    state, doc = make_state(text, pair=PAIR, **kw)
    return events_for(state, doc).get(PAIR, []), state


def test_trigger_kinds():
    kinds = lambda s: [t.kind for t, _, _ in find_triggers(s)]  # noqa: E731
    assert kinds("The leaders held a joint press conference.") == ["press_conference"]
    assert kinds("They issued a joint statement.") == ["statement"]
    assert kinds("The navies began a joint naval exercise.") == ["exercise"]
    assert kinds("The Joint Commission Meeting opened in Lima.") == ["dialogue"]
    assert kinds("She arrived for a three-day state visit.") == ["visit"]
    assert kinds("They witnessed the signing of four agreements.") == ["signing"]
    assert kinds("Exports rose to meet the demand for copper.") == []


def test_meeting_mentions_merge_into_one_event():
    text = (
        "WELLINGTON, May 6 - Chile and New Zealand agreed to expand trade at a bilateral meeting in "
        "Wellington on Monday.\n\nDuring the talks, the two prime ministers also discussed fisheries.\n\n"
        "The meeting was the first between Chilean and New Zealand leaders since 2019."
    )
    evs, _ = events(
        text,
        dates={"on Monday": day("2024-05-06", "on Monday"), "since 2019": day("2019", "since 2019")},
        places={"Wellington on": ("Wellington", "NZL")},
        published="2024-05-06",
    )
    meetings = [e for e in evs if e.kind == "meeting"]
    assert len(meetings) == 1
    m = meetings[0]
    assert m.status == "occurred"
    assert m.date and m.date.start == "2024-05-06"
    assert m.place and m.place.country == "NZL"
    assert len(m.evidence) == 3
    for span in m.evidence:
        assert text[span.start : span.end] == span.text


def test_planned_and_expected_meetings():
    text = (
        "Chile and New Zealand are set to sign a fisheries pact at their summit next week, a government "
        "source said.\n\nThe Chilean and New Zealand leaders will meet in Auckland on Thursday."
    )
    evs, _ = events(
        text,
        dates={"next week": day("2024-05", "next week"), "on Thursday": day("2024-05-16", "on Thursday")},
        published="2024-05-10",
    )
    assert [(e.kind, e.status) for e in evs] == [("meeting", "expected")]
    assert len(evs[0].evidence) == 2


def test_past_and_future_meetings_stay_apart():
    text = (
        "Chile and New Zealand will hold a summit in June.\n\n"
        "At their last talks in March, the Chilean and New Zealand ministers agreed on a dairy quota."
    )
    evs, _ = events(text, dates={"in June": day("2024-06"), "in March": day("2024-03")}, published="2024-04-02")
    assert sorted((e.status, e.date.start) for e in evs) == [("occurred", "2024-03"), ("planned", "2024-06")]


def test_visit_range_and_host_country():
    text = "New Zealand's prime minister began a two-day official visit to Chile from Saturday, meeting Chilean officials."
    evs, _ = events(text, dates={"from Saturday": day("2024-05-04", "from Saturday")}, published="2024-05-05")
    visits = [e for e in evs if e.kind == "visit"]
    assert len(visits) == 1
    assert visits[0].date.start == "2024-05-04" and visits[0].date.end == "2024-05-05"
    assert visits[0].place.country == "CHL"


def test_repeated_exercise_is_a_second_event():
    text = (
        "In February, Chile's navy and New Zealand's navy held their first joint exercise off Valparaiso, "
        "followed by a second one in April."
    )
    evs, _ = events(text, dates={"In February": day("2024-02"), "in April": day("2024-04")}, published="2024-06-01")
    assert sorted(e.date.start for e in evs if e.kind == "exercise") == ["2024-02", "2024-04"]


def test_statement_shares_the_meeting_date_and_place():
    text = (
        "Chile and New Zealand held talks in Santiago on Friday.\n\n"
        "In a joint statement, the two leaders welcomed the signing of a tax treaty."
    )
    evs, _ = events(
        text,
        dates={"on Friday": day("2024-05-03")},
        places={"Santiago": ("Santiago", "CHL")},
        published="2024-05-04",
    )
    by_kind = {e.kind: e for e in evs}
    assert set(by_kind) == {"meeting", "statement", "signing"}
    for kind in ("statement", "signing"):
        assert by_kind[kind].date.start == "2024-05-03"
    assert by_kind["statement"].place.country == "CHL"


def test_here_is_the_dateline():
    text = "The Chilean president said this at a joint press conference with the New Zealand premier here Sunday."
    evs, _ = events(text, dateline=("Santiago", "CHL"), dates={"Sunday": day("2024-05-05")}, published="2024-05-05")
    assert [(e.kind, e.place.country) for e in evs] == [("press_conference", "CHL")]


def test_report_date_is_not_the_event_date():
    text = "Chile and New Zealand will hold talks later this month, the foreign ministry said on Monday."
    evs, _ = events(
        text,
        dates={"later this month": day("2024-05"), "on Monday": day("2024-05-06")},
        published="2024-05-06",
    )
    assert evs[0].date.start == "2024-05" and evs[0].status == "planned"


def test_every_event_has_a_rule_and_evidence():
    text = "Chile and New Zealand signed two agreements at a summit in Auckland."
    evs, _ = events(text)
    assert evs and all(e.rule and e.rule.startswith("events:") and e.evidence for e in evs)


RETREAT = (
    "SANTIAGO, March 4 (Newswire) -- Chile and New Zealand today signed a memorandum of understanding "
    "on Antarctic research, witnessed by the foreign ministers of both countries at the annual "
    "Chile-New Zealand leaders' retreat here, a year after the previous retreat was held in Wellington.\n\n"
    "Chilean and New Zealand officials said the two governments would also expand trade in fruit and wine.\n\n"
    "New Zealand's minister said Chile was a key partner in the region."
)


def test_signing_and_retreat_take_the_dateline_place_not_the_parties_or_a_past_venue(extractor):
    from entente.read.document import Document

    record = extractor.extract(Document(name="retreat.txt", text=RETREAT), published="2025-03-04")
    (relation,) = [r for r in record.relations if set(r.pair) == {"CHL", "NZL"}]
    kinds = {e.kind: e for e in relation.events}
    assert {"signing", "meeting"} <= set(kinds)
    for kind in ("signing", "meeting"):
        assert kinds[kind].status == "occurred"
        assert kinds[kind].place is not None and kinds[kind].place.country == "CHL", kind
        assert kinds[kind].date is not None and kinds[kind].date.start == "2025-03-04", kind


def test_visit_host_after_the_trigger_or_named_before_it(extractor):
    from entente.read.document import Document

    text = (
        "Chilean President Gabriel Boric and New Zealand's Prime Minister Christopher Luxon held talks on "
        "Tuesday, wrapping up the first state visit by a Chilean head of state to New Zealand in a decade.\n\n"
        "Chile and New Zealand agreed to expand trade, officials of both countries said."
    )
    record = extractor.extract(Document(name="visit.txt", text=text), published="2024-05-28")
    (relation,) = [r for r in record.relations if set(r.pair) == {"CHL", "NZL"}]
    visits = [e for e in relation.events if e.kind == "visit"]
    assert visits and visits[0].place is not None and visits[0].place.country == "NZL"


def test_postponed_visit_and_called_off_signing_are_cancelled():
    from entente.extract.events import cancelled

    s = "A visit to Brazil by President Pena that had been scheduled for next Tuesday has been postponed, officials said."
    assert cancelled(s, s.index("visit"), s.index("Brazil")) is not None
    s = "That signing ceremony was called off."
    assert cancelled(s, s.index("signing"), s.index(" was")) is not None
    s = "Pena postponed his Brasilia trip on Friday."
    assert cancelled(s, s.index("trip"), s.index(" on")) is not None
    s = "The visit went ahead although a dinner was postponed."
    assert cancelled(s, s.index("visit"), s.index(" went")) is None  # the dinner, a clause away
    s = "The talks were held in Lima."
    assert cancelled(s, s.index("talks"), s.index(" were")) is None


def test_a_year_naming_an_instrument_is_no_event_date():
    text = (
        "Chile and New Zealand are expected to meet in June and sign a revised annex of the 1973 Treaty, "
        "the two governments said."
    )
    evs, _ = events(text, dates={"the 1973": day("1973", "the 1973")}, published="2025-05-06")
    assert evs and all(e.date is None or not e.date.start.startswith("1973") for e in evs)


def test_visit_to_the_republic_of_a_country_has_that_host():
    text = (
        "The Prime Minister of the Republic of Chile paid a State Visit to the Republic of New Zealand "
        "from 28 to 29 February 2024, the two governments said."
    )
    evs, _ = events(text)
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and visits[0].place is not None and visits[0].place.country == "NZL"


def test_more_trigger_forms():
    kinds = lambda s: [t.kind for t, _, _ in find_triggers(s)]  # noqa: E731
    assert kinds("Morocco and Nigeria signed agreements on Wednesday.") == ["signing"]
    assert kinds("Sunak welcomed the Italian Prime Minister Giorgia Meloni to Downing Street.") == ["meeting"]
    assert kinds("The treaty was signed after talks in narrow and extended formats.") == ["signing", "meeting"]
    assert kinds("They agreed to convene the Joint Ministerial Commission in June.") == ["dialogue"]
    assert kinds("They welcomed the decision.") == []
    assert kinds("Lula looks forward to welcoming Party General Secretary To Lam in Brasilia.") == ["meeting"]


def test_talks_after_which_the_sides_agree_to_act_took_place():
    text = "Chile and New Zealand agree to new security framework after talks in Wellington."
    evs, _ = events(text)
    meetings = [e for e in evs if e.kind == "meeting"]
    assert meetings and meetings[0].status == "occurred"


def test_a_bodys_council_meeting_is_not_the_pairs_dialogue():
    text = (
        "The Chilean president arrived in Wellington for a state visit to New Zealand and to attend the 24th "
        "meeting of the Council of Heads of State of the Pacific Cooperation Organization."
    )
    evs, _ = events(text)
    assert [e.kind for e in evs if e.kind == "dialogue"] == []


def test_called_off_secretary_level_talks_and_a_call_about_a_place():
    from entente.extract.events import cancelled

    kinds = lambda s: [t.kind for t, _, _ in find_triggers(s)]  # noqa: E731
    s = "India today called off the foreign secretary-level talks with Pakistan scheduled for August 25."
    assert kinds(s) == ["dialogue"]
    assert cancelled(s, s.index("foreign"), s.index(" with")) is not None
    s = "The union called off a strike and held talks with the company."
    assert cancelled(s, s.index("held"), s.index(" with")) is None
    assert kinds("Cuba and Mexico signed on Saturday in Havana agreements on health.") == ["signing"]


def test_a_place_talked_about_is_no_venue():
    text = "Chile and New Zealand leaders spoke by telephone on Monday about the Gaza war."
    evs, _ = events(text, places={"Gaza war": ("Gaza", "PSE")})
    calls = [e for e in evs if e.kind == "meeting"]
    assert calls and calls[0].place is None


def test_an_undated_visit_under_way_takes_the_occasions_month():
    text = (
        "Chile and New Zealand signed a migration agreement in Wellington on Friday.\n\n"
        "The Chilean president, on a two-day visit to New Zealand, said the deal would help workers."
    )
    evs, _ = events(text, dates={"on Friday": day("2024-09-13", "on Friday")}, published="2024-09-13")
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and visits[0].date is not None and visits[0].date.start == "2024-09"


def test_level_and_round_talks_are_dialogues_but_not_high_level_meetings():
    kinds = lambda s: [t.kind for t, _, _ in find_triggers(s)]  # noqa: E731
    assert kinds("India and China held the 21st round of corps commander-level talks on Monday.") == ["dialogue"]
    assert "dialogue" not in kinds("Ministers discuss preparations for high-level meeting")


def test_arrival_and_state_visit_days_apart_are_one_visit():
    text = (
        "The Chilean president arrived in New Zealand on Monday for a state visit.\n\n"
        "On Thursday the New Zealand prime minister welcomed him for the state visit, the first in 16 years."
    )
    evs, _ = events(
        text,
        dates={"on Monday": day("2024-05-20", "on Monday"), "On Thursday": day("2024-05-23", "On Thursday")},
        published="2024-05-23",
    )
    assert len([e for e in evs if e.kind == "visit"]) == 1


def test_a_report_filed_at_home_places_the_signing_where_the_visit_was(extractor):
    from entente.read.document import Document

    text = (
        "MANILA – The Philippines and Vietnam on Tuesday signed two memoranda of understanding on coast guard "
        "cooperation, during President Ferdinand R. Marcos Jr.'s state visit to Vietnam.\n\n"
        "The agreements were signed after Marcos held talks with Vietnamese President Vo Van Thuong at the "
        "Presidential Palace.\n\nJanuary 30, 2024"
    )
    record = extractor.extract(Document(text=text, name="t.txt"))
    evs = [e for rel in record.relations for e in rel.events]
    done = {e.kind: e.place.country if e.place else None for e in evs if e.status == "occurred"}
    assert done.get("signing") == "VNM" and done.get("meeting") == "VNM"


def test_received_in_a_city_today():
    kinds = [t.kind for t, _, _ in find_triggers("The Crown Prince received in Makkah today Prime Minister Shehbaz Sharif.")]
    assert kinds == ["meeting"]


def test_since_phrase_and_an_earlier_occasions_place_are_not_the_events():
    text = (
        "The Chilean president, on his first trip to New Zealand since taking office last October, held talks "
        "in Wellington on Monday.\n\nThe ministers of Chile and New Zealand held 'two-plus-two' talks, the "
        "second such meeting after the first in Santiago."
    )
    evs, _ = events(
        text,
        dates={"last October": day("2023-10", "last October"), "on Monday": day("2024-03-04", "on Monday")},
        places={"Wellington on": ("Wellington", "NZL"), "Santiago.": ("Santiago", "CHL")},
        published="2024-03-04",
    )
    assert all(e.date is None or e.date.start != "2023-10" for e in evs)
    dialogues = [e for e in evs if e.kind == "dialogue"]
    assert dialogues and (dialogues[0].place is None or dialogues[0].place.country != "CHL")


def test_a_visit_for_the_occasion_takes_its_date():
    text = (
        "Chile and New Zealand signed a memorandum of understanding at the leaders' retreat in Wellington on "
        "Thursday.\n\nThe Chilean president, who travelled to Wellington for the retreat, praised the zone.\n\n"
        "The Chilean president is in the country for a two-day visit, his first since taking office last October."
    )
    evs, _ = events(
        text,
        dates={"on Thursday": day("2024-01-11", "on Thursday"), "last October": day("2023-10", "last October")},
        places={"Wellington on": ("Wellington", "NZL"), "Wellington for": ("Wellington", "NZL")},
        published="2024-01-11",
    )
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and all(v.date is not None and v.date.start.startswith("2024-01") for v in visits)


def test_the_main_verb_after_an_appositive_visit_does_not_date_it():
    text = (
        "The Chilean president, on the first visit to New Zealand by a Chilean leader in 12 years, is scheduled "
        "to meet business leaders in Auckland on Friday."
    )
    evs, _ = events(text, dates={"on Friday": day("2023-03-17", "on Friday")}, published="2023-03-16")
    visits = [e for e in evs if e.kind == "visit"]
    assert visits and (visits[0].date is None or visits[0].date.start != "2023-03-17")
