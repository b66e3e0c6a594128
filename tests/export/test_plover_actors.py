"""PLOVER export (#19): actor and recipient follow who acted — the visitor, the host, the signatories named
first (by name, alias, demonym or person) — never the pair's alphabetical order; contexts come from the
fact's own evidence sentences. France–India is used because alphabetical order (FRA first) is the wrong
answer in every case below. Our own texts, records from TableExtractor."""

from __future__ import annotations

import json

import pytest

from entente.data import load
from entente.export import export
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import Article, TableExtractor

PAIR = ("FRA", "IND")


def _article() -> Article:
    art = Article(
        "Paris welcomed the Indian prime minister on 3 March 2025 for talks on space. "
        "The Indian foreign minister met his French counterpart in Geneva on 5 March 2025. "
        "India and France signed a pact on defence in Geneva on 6 March 2025. "
        "Separately, halal exports were reviewed at a later forum. "
        "New Delhi and Paris agreed on a roadmap for digital payments. "
        "Indian officials pledged to open a consulate in Lyon with France by 2026.",
        "fr-in-plover.txt",
        published="2025-03-07",
    )
    art.event(
        PAIR,
        "visit",
        "occurred",
        "welcomed the Indian prime minister on 3 March 2025",
        date="2025-03-03",
        place="Paris",
        place_country="FRA",
    )
    art.event(
        PAIR,
        "meeting",
        "occurred",
        "met his French counterpart in Geneva on 5 March 2025",
        date="2025-03-05",
        place="Geneva",
    )
    art.event(
        PAIR, "signing", "occurred", "signed a pact on defence in Geneva", date="2025-03-06", place="Geneva"
    )
    art.area(PAIR, "space", "discussed", "talks on space")
    art.area(PAIR, "defence", "agreed", "a pact on defence")
    art.area(PAIR, "halal", "discussed", "halal exports were reviewed")
    art.agreement(
        PAIR, "action_plan", "signed", "India and France signed a pact on defence", title="Defence Pact"
    )
    art.commitment(
        PAIR,
        "open a consulate in Lyon",
        "pledged to open a consulate in Lyon with France by 2026",
        deadline="2026",
    )
    return art


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plover")
    art = _article()
    kb = open_kb(tmp / "kb.db")
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
        (path,) = export(s, "plover", tmp / "out")
    kb.close()
    return [json.loads(line) for line in path.read_text().splitlines()]


def _one(events, **want) -> dict:
    (found,) = [e for e in events if all(e[k] == v for k, v in want.items())]
    return found


def _who(e: dict) -> tuple[str, str]:
    return e["actor_country"], e["recipient_country"]


def test_the_visitor_visits_its_host(events):
    visit = _one(events, event_date="2025-03-03")
    assert (visit["event_type"], visit["event_mode"]) == ("CONSULT", "visit")
    assert _who(visit) == ("IND", "FRA")


def test_a_meeting_elsewhere_is_led_by_the_side_named_first_even_by_its_demonym(events):
    meeting = _one(events, event_date="2025-03-05")
    assert (meeting["event_type"], meeting["event_mode"]) == ("CONSULT", "meet")
    assert _who(meeting) == ("IND", "FRA")  # "The Indian foreign minister met his French counterpart"


def test_signatories_named_first_act(events):
    signing = _one(events, event_type="SUPPORT", entente_type="event")
    agreement = _one(events, entente_type="agreement")
    assert _who(signing) == _who(agreement) == ("IND", "FRA")  # "India and France signed"


def test_a_commitment_is_made_by_the_side_its_sentence_names(events):
    assert _who(_one(events, entente_type="commitment")) == ("IND", "FRA")  # "Indian officials pledged"


def test_contexts_are_the_facts_own(events):
    plover_areas = {e["event_date"]: set(e["contexts"]) for e in events if e["entente_type"] == "event"}
    signing = _one(events, event_type="SUPPORT", entente_type="event")
    agreement = _one(events, entente_type="agreement")
    assert (
        signing["contexts"] == agreement["contexts"] and signing["contexts"]
    )  # defence, of its own sentence
    assert plover_areas["2025-03-05"] == set()  # the Geneva meeting's sentence names no area
    everything = set().union(*plover_areas.values())
    halal = _contexts_of("halal")
    assert halal and not (halal & everything)  # an area of another sentence is no event's context
    assert all(e["entente_provenance"] == "machine" for e in events)


def _contexts_of(area: str) -> set[str]:
    return {load("plover.json").area_contexts[area]}
