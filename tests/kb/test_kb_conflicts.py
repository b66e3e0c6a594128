"""The knowledge base never invents disagreement: a conflict needs two documents giving different values for
the same thing (metric, period, unit and kind: a target is not an actual), and a planned event is promoted
only by a held event that agrees with it.  Our own small texts; checked through the profile ``show`` prints."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from entente.kb import queries
from entente.kb.ingest import ingest
from entente.kb.testing import Article, TableExtractor
from entente.web.charts import events_figure

PAIR = ("CHL", "PER")
TODAY = dt.date(2025, 6, 1)


def _load(kb, articles):
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))


def _profile(kb):
    with kb.session() as s:
        return queries.profile(s, "Chile", "Peru", today=TODAY)


def test_two_documents_with_different_values_for_one_figure_conflict(kb, tmp_path):
    one = Article(
        "Chile and Peru traded goods worth 8 billion dollars in 2023, the ministry said.",
        "one.txt",
        published="2024-03-01",
    )
    one.figure(PAIR, "trade_value", 8e9, "USD", "goods worth 8 billion dollars in 2023", period="2023")
    two = Article(
        "Two-way trade between Peru and Chile came to 9.5 billion dollars in 2023.",
        "two.txt",
        published="2024-04-01",
    )
    two.figure(PAIR, "trade_value", 9.5e9, "USD", "came to 9.5 billion dollars in 2023", period="2023")
    _load(kb, [one, two])
    p = _profile(kb)
    (conflict,) = p.conflicts
    assert conflict.kind == "figure_value" and conflict.subject == "trade_value 2023 (USD)"
    assert sorted(v.value for v in conflict.values) == ["8e+09", "9.5e+09"]
    assert all(f.conflict for f in p.figures)
    with kb.session() as s:
        (summary,) = [x for x in queries.pairs(s) if tuple(x.pair) == PAIR]
    assert summary.conflicts == 1


def test_a_target_and_an_actual_in_one_article_are_no_conflict(kb):
    art = Article(
        "Chile and Peru traded 8 billion dollars of goods in 2023 and aim to raise trade to "
        "15 billion dollars by 2030.",
        "target.txt",
        published="2024-03-01",
    )
    art.figure(PAIR, "trade_value", 8e9, "USD", "traded 8 billion dollars of goods in 2023", period="2023")
    art.figure(
        PAIR,
        "trade_value",
        15e9,
        "USD",
        "raise trade to 15 billion dollars by 2030",
        period="2030",
        kind="target",
    )
    other = Article(
        "Peru and Chile set a goal of 15 billion dollars in trade for 2030.",
        "goal.txt",
        published="2024-05-01",
    )
    other.figure(
        PAIR,
        "trade_value",
        16e9,
        "USD",
        "a goal of 15 billion dollars in trade for 2030",
        period="2023",
        kind="target",
    )  # a target for the period of the actual: still not comparable
    _load(kb, [art, other])
    p = _profile(kb)
    assert p.conflicts == [] and not any(f.conflict for f in p.figures)
    kinds = sorted((f.kind, f.value) for f in p.figures)
    assert kinds == [("actual", 8e9), ("target", 15e9), ("target", 16e9)]


def test_one_document_giving_two_values_disagrees_with_nobody(kb):
    art = Article(
        "Trade reached 8 billion dollars in 2023; another table in the report puts it at 8.6 billion "
        "dollars in 2023.",
        "two-values.txt",
        published="2024-03-01",
    )
    art.figure(PAIR, "trade_value", 8e9, "USD", "Trade reached 8 billion dollars in 2023", period="2023")
    art.figure(PAIR, "trade_value", 8.6e9, "USD", "puts it at 8.6 billion dollars in 2023", period="2023")
    _load(kb, [art])
    p = _profile(kb)
    assert p.conflicts == [] and len(p.figures) == 2 and not any(f.conflict for f in p.figures)


def _planned_summit() -> Article:
    a = Article(
        "The presidents of Chile and Peru will hold a summit in Lima on 10 March 2024.",
        "plan.txt",
        published="2024-03-01",
    )
    a.event(
        PAIR,
        "visit",
        "planned",
        "will hold a summit in Lima on 10 March 2024",
        date="2024-03-10",
        place="Lima",
        place_country="PER",
    )
    return a


def test_a_held_event_of_another_kind_or_place_does_not_promote_a_plan(kb):
    call = Article(
        "The presidents of Chile and Peru spoke by video link on 10 March 2024.",
        "call.txt",
        published="2024-03-11",
    )
    call.event(PAIR, "meeting", "occurred", "spoke by video link on 10 March 2024", date="2024-03-10")
    elsewhere = Article(
        "Chile and Peru held talks in Santiago on 11 March 2024.", "elsewhere.txt", published="2024-03-12"
    )
    elsewhere.event(
        PAIR,
        "visit",
        "occurred",
        "held talks in Santiago on 11 March 2024",
        date="2024-03-11",
        place="Santiago",
        place_country="CHL",
    )
    _load(kb, [_planned_summit(), call, elsewhere])
    p = _profile(kb)
    assert not any(e.promoted for e in p.events)
    planned = [e for e in p.events if e.status == "planned"]
    assert len(planned) == 1 and planned[0].place == "Lima" and planned[0].statuses == ["planned"]


def test_the_held_event_that_agrees_promotes_the_plan(kb):
    held = Article(
        "The Chilean president arrived in Lima on 10 March 2024 for the summit.",
        "held.txt",
        published="2024-03-10",
    )
    held.event(
        PAIR,
        "visit",
        "occurred",
        "arrived in Lima on 10 March 2024",
        date="2024-03-10",
        place="Lima",
        place_country="PER",
    )
    _load(kb, [_planned_summit(), held])
    (event,) = _profile(kb).events
    assert event.promoted and event.status == "occurred" and event.statuses == ["planned", "occurred"]


def test_an_undated_mention_joins_the_dated_event_of_its_document(kb):
    a = Article(
        "Peru's president will visit Chile on 4 April 2024. He will hold talks at La Moneda.",
        "a.txt",
        published="2024-04-01",
    )
    a.event(
        PAIR,
        "visit",
        "planned",
        "will visit Chile on 4 April 2024",
        date="2024-04-04",
        place="Chile",
        place_country="CHL",
    )
    a.event(
        PAIR, "meeting", "planned", "will hold talks at La Moneda", place="La Moneda", place_country="CHL"
    )
    b = Article(
        "Peru's president held talks at La Moneda with his Chilean counterpart.",
        "b.txt",
        published="2024-04-05",
    )
    b.event(PAIR, "meeting", "occurred", "held talks at La Moneda", place="La Moneda", place_country="CHL")
    b.event(PAIR, "visit", "occurred", "Peru's president held talks", place="Chile", place_country="CHL")
    _load(kb, [a, b])
    (event,) = _profile(kb).events  # one visit with its talks, no undated copy
    assert event.promoted and event.date == "2024-04-04" and event.kind in ("visit", "meeting")


def test_show_prints_the_conflict_of_two_documents(kb):
    if kb.dialect != "sqlite":
        pytest.skip("the CLI is run on the SQLite file")
    one = Article(
        "Chile and Peru traded goods worth 8 billion dollars in 2023.", "one.txt", published="2024-03-01"
    )
    one.figure(PAIR, "trade_value", 8e9, "USD", "goods worth 8 billion dollars in 2023", period="2023")
    two = Article(
        "Trade between Peru and Chile came to 9.5 billion dollars in 2023.", "two.txt", published="2024-04-01"
    )
    two.figure(PAIR, "trade_value", 9.5e9, "USD", "came to 9.5 billion dollars in 2023", period="2023")
    _load(kb, [one, two])
    from entente.cli import app

    result = CliRunner().invoke(
        app, ["show", "CHL", "PER", "--db", kb.url.removeprefix("sqlite:///"), "--json"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert [c["subject"] for c in shown["conflicts"]] == ["trade_value 2023 (USD)"]


def test_year_only_events_are_drawn_as_year_spans():
    events = [
        queries.EventView(
            id=1, pair=list(PAIR), kind="visit", status="occurred", date="2023", precision="year"
        ),
        queries.EventView(
            id=2, pair=list(PAIR), kind="meeting", status="occurred", date="2024-05-06", precision="day"
        ),
        queries.EventView(
            id=3, pair=list(PAIR), kind="meeting", status="planned", date="2024-02", precision="month"
        ),
    ]
    fig = events_figure(events)
    lines = [t for t in fig["data"] if t["mode"] == "lines"]
    markers = [t for t in fig["data"] if t["mode"] == "markers"]
    assert sorted(x for t in lines for x in t["x"] if x) == [
        "2023-01-01",
        "2023-12-31",
        "2024-02-01",
        "2024-02-29",
    ]
    assert [x for t in markers for x in t["x"]] == ["2024-05-06"]  # only the day-dated event is a point
    assert fig["layout"]["xaxis"]["range"][0] < "2023-01-01"
