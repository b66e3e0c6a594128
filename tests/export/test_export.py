"""Exports: flat tables (csv, jsonl, parquet), GraphML network, PLOVER-style events."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest

from entente.export import FORMATS, export
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import TableExtractor
from kb_corpus import corpus


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    kb = open_kb(tmp_path_factory.mktemp("export") / "kb.db")
    articles = corpus()
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))
        yield s
    kb.close()


def test_csv_jsonl_parquet_tables_agree(session, tmp_path):
    paths = {fmt: {p.stem: p for p in export(session, fmt, tmp_path / fmt)} for fmt in ("csv", "jsonl", "parquet")}
    assert set(paths["csv"]) == set(paths["jsonl"]) == set(paths["parquet"]) >= {"events", "areas", "documents"}
    with paths["csv"]["events"].open() as fh:
        events = list(csv.DictReader(fh))
    jsonl = [json.loads(line) for line in paths["jsonl"]["events"].read_text().splitlines()]
    parquet = pq.read_table(paths["parquet"]["events"]).to_pylist()
    assert len(events) == len(jsonl) == len(parquet) == 2
    meeting = next(e for e in jsonl if e["kind"] == "meeting")
    assert meeting["n_sources"] == 3 and meeting["promoted"] and len(meeting["evidence"]) == 3
    assert next(e for e in events if e["kind"] == "meeting")["source_names"] == "a1.txt; a2.txt; a3.txt"
    docs = [json.loads(line) for line in paths["jsonl"]["documents"].read_text().splitlines()]
    assert len(docs) == 6


def test_graphml_opens_in_networkx(session, tmp_path):
    (path,) = export(session, "graphml", tmp_path)
    g = nx.read_graphml(path)
    assert set(g.nodes) == {"JPN", "MYS", "KOR"}
    edge = g.edges["JPN", "MYS"]
    assert edge["level"] == "comprehensive_strategic_partnership" and edge["documents"] == 4 and edge["events"] == 1
    assert g.nodes["MYS"]["label"] == "Malaysia" and g.nodes["MYS"]["partners"] == 2


def test_plover_events(session, tmp_path):
    (path,) = export(session, "plover", tmp_path)
    events = [json.loads(line) for line in path.read_text().splitlines()]
    consult = [e for e in events if e["event_type"] == "CONSULT"]
    meeting = next(e for e in consult if e["event_date"] == "2024-11-25")
    # held in Tokyo: Japan hosts Malaysia
    assert (meeting["event_mode"], meeting["actor_country"], meeting["recipient_country"]) == ("host", "JPN", "MYS")
    assert "technology" in meeting["contexts"] and len(meeting["source_docs"]) == 3
    support = [e for e in events if e["event_type"] == "SUPPORT"]
    assert {e["entente_status"] for e in support} == {"signed", "concluded"}
    agree = [e for e in events if e["event_type"] == "AGREE"]
    assert any(e["entente_type"] == "commitment" for e in agree)


def test_unknown_format(session, tmp_path):
    assert "plover" in FORMATS
    with pytest.raises(ValueError):
        export(session, "xml", tmp_path)


def test_plover_actor_is_who_acted_and_contexts_are_the_events_own(tmp_path):
    from entente.kb.testing import Article

    pair = ("JPN", "MYS")
    art = Article(
        "Malaysia's foreign minister met Japan's envoy in Geneva on 3 March and both sides discussed "
        "semiconductors. Separately, halal exports were reviewed at a later forum.",
        "g1.txt",
        published="2024-03-04",
    )
    art.event(
        pair,
        "meeting",
        "occurred",
        "met Japan's envoy in Geneva on 3 March",
        date="2024-03-03",
        place="Geneva",
    )
    art.area(pair, "semiconductors", "discussed", "discussed semiconductors")
    art.area(pair, "halal", "discussed", "halal exports were reviewed")
    kb = open_kb(tmp_path / "kb.db")
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
        (path,) = export(s, "plover", tmp_path / "out")
    kb.close()
    (meeting,) = [json.loads(line) for line in path.read_text().splitlines() if '"CONSULT"' in line]
    # held elsewhere: the side the sentence names first acted (not the alphabetical JPN)
    assert (meeting["event_mode"], meeting["actor_country"], meeting["recipient_country"]) == (
        "meet",
        "MYS",
        "JPN",
    )
    # the meeting's sentence speaks of semiconductors only; halal (economic) is another sentence's
    assert meeting["contexts"] == ["technology"]
