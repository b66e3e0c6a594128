"""A call and a meeting in person are different events: a planned video call is not promoted by a held
summit, a planned summit not by a held phone call; a planned call is promoted by the call.  Our own texts."""

from __future__ import annotations

import datetime as dt

from entente.kb import queries
from entente.kb.event_mode import is_remote
from entente.kb.ingest import ingest
from entente.kb.testing import Article, TableExtractor

PAIR = ("CHL", "PER")
TODAY = dt.date(2025, 6, 1)


def _profile(kb, articles):
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))
    with kb.session() as s:
        return queries.profile(s, "Chile", "Peru", today=TODAY)


def _planned_call() -> Article:
    text = "The presidents of Chile and Peru will hold a video call on 10 March 2024, officials said."
    a = Article(text, "call-plan.txt", published="2024-03-01")
    return a.event(PAIR, "meeting", "planned", text, date="2024-03-10")


def _held_summit() -> Article:
    text = "The presidents of Chile and Peru held a summit in Lima on 10 March 2024."
    a = Article(text, "summit.txt", published="2024-03-11")
    return a.event(PAIR, "meeting", "occurred", text, date="2024-03-10", place="Lima", place_country="PER")


def test_call_words():
    assert is_remote(["They spoke by telephone on Monday."]) and is_remote(["a virtual summit"])
    assert not is_remote(["The minister paid a courtesy call on the president in Lima."])


def test_a_held_summit_does_not_promote_a_planned_video_call(kb):
    p = _profile(kb, [_planned_call(), _held_summit()])
    assert not any(e.promoted for e in p.events)
    assert sorted(e.status for e in p.events) == ["occurred", "planned"]


def test_a_held_phone_call_does_not_promote_a_planned_summit(kb):
    plan_text = "The presidents of Chile and Peru will meet for a summit in Lima on 10 March 2024."
    plan = Article(plan_text, "summit-plan.txt", published="2024-03-01")
    plan.event(PAIR, "meeting", "planned", plan_text, date="2024-03-10", place="Lima", place_country="PER")
    call_text = "The presidents of Chile and Peru spoke by phone on 10 March 2024."
    call = Article(call_text, "call.txt", published="2024-03-11")
    call.event(PAIR, "meeting", "occurred", call_text, date="2024-03-10")
    p = _profile(kb, [plan, call])
    assert not any(e.promoted for e in p.events) and len(p.events) == 2


def test_the_held_call_promotes_the_planned_call(kb):
    text = "The presidents of Chile and Peru held a video call on 10 March 2024."
    held = Article(text, "call-held.txt", published="2024-03-11")
    held.event(PAIR, "meeting", "occurred", text, date="2024-03-10")
    (event,) = _profile(kb, [_planned_call(), held]).events
    assert event.promoted and event.status == "occurred"
