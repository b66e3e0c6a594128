"""Issue #20 item 2: ``entente show`` (table, ``--csv``, ``--json``) and every export say of each merged fact
whether it is machine-extracted, accepted, corrected or analyst-added (our own France-India text, records
from TableExtractor, reviews written through the KB)."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from entente.cli import app
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.reviews import add_review
from entente.kb.testing import TableExtractor
from review_corpus import TEXT, TODAY, article

SPACE, DEFENCE, VISIT = "area:FRA-IND:space", "area:FRA-IND:defence", "event:FRA-IND:visit|2025-03-03"


def _kb(path, reviewed: bool) -> str:
    kb = open_kb(path)
    art = article()
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
        if reviewed:
            doc = art.document().sha256
            add_review(s, doc, "area", "reject", key=SPACE, reviewer="ana")
            add_review(s, doc, "area", "correct", key=DEFENCE, fields={"status": "ongoing"})
            add_review(s, doc, "event", "accept", key=VISIT)
            start = TEXT.index("A roadmap")
            add_review(
                s,
                doc,
                "agreement",
                "add",
                pair=("FRA", "IND"),
                fields={"kind": "action_plan", "status": "signed", "title": "Hydrogen Roadmap"},
                spans=[{"start": start, "end": len(TEXT) - 1}],
            )
    kb.close()
    return str(path)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return _kb(tmp_path_factory.mktemp("prov") / "kb.db", reviewed=True)


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory):
    return _kb(tmp_path_factory.mktemp("plain") / "kb.db", reviewed=False)


def run(*args: str) -> str:
    result = CliRunner().invoke(
        app, [*args, "--today", TODAY.isoformat()] if args[0] == "show" else list(args)
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _table_rows(text: str, title: str) -> list[str]:
    """The body lines of the Rich table titled ``title`` in ``text``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    body = []
    for line in lines[start + 1 :]:
        if line.strip() and not line.lstrip().startswith(("┏", "┃", "┡", "│", "└")):
            break
        body.append(line)
    return body


def test_show_table_marks_each_reviewed_fact(db):
    out = run("show", "FRA", "IND", "--db", db)
    assert "Provenance: 1 accepted, 1 corrected, 1 analyst-added" in out
    events = _table_rows(out, "Events")
    assert "review" in events[1] and any("visit" in line and "accepted" in line for line in events)
    areas = _table_rows(out, "Areas")
    assert any("defence" in line and "corrected" in line for line in areas)
    assert not any("space" in line for line in areas)  # rejected: gone
    agreements = _table_rows(out, "Agreements")
    assert any("Hydrogen Roadmap" in line and "analyst-added" in line for line in agreements)


def test_show_table_of_machine_facts_has_no_review_column(plain_db):
    out = run("show", "FRA", "IND", "--db", plain_db)
    assert "Provenance:" not in out and "review" not in out
    assert any("space" in line for line in _table_rows(out, "Areas"))


def test_show_csv_and_json_carry_the_provenance(db, plain_db):
    rows = list(csv.DictReader(io.StringIO(run("show", "FRA", "IND", "--db", db, "--csv"))))
    got = {(r["section"], r["what"]): r["provenance"] for r in rows}
    assert got[("area", "defence")] == "corrected" and got[("event", "visit")] == "accepted"
    assert got[("agreement", "Hydrogen Roadmap")] == "analyst" and ("area", "space") not in got
    plain = list(csv.DictReader(io.StringIO(run("show", "FRA", "IND", "--db", plain_db, "--csv"))))
    assert plain and {r["provenance"] for r in plain if r["section"] != "person"} == {"machine"}
    shown = json.loads(run("show", "FRA", "IND", "--db", db, "--json"))
    assert [g["provenance"] for group in shown["agreements"].values() for g in group] == ["analyst"]
    assert [e["provenance"] for e in shown["events"]] == ["accepted"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_table_export_carries_the_provenance(db, tmp_path, fmt):
    run("export", "--format", fmt, "--out", str(tmp_path), "--db", db)
    if fmt == "csv":
        read = {
            n: list(csv.DictReader((tmp_path / f"{n}.csv").open(encoding="utf-8")))
            for n in ("areas", "events", "agreements")
        }
    elif fmt == "jsonl":
        read = {
            n: [json.loads(line) for line in (tmp_path / f"{n}.jsonl").read_text().splitlines()]
            for n in ("areas", "events", "agreements")
        }
    else:
        import pyarrow.parquet as pq

        read = {
            n: pq.read_table(tmp_path / f"{n}.parquet").to_pylist() for n in ("areas", "events", "agreements")
        }
    assert [(a["area"], a["provenance"]) for a in read["areas"]] == [("defence", "corrected")]
    assert [e["provenance"] for e in read["events"]] == ["accepted"]
    assert [(g["title"], g["provenance"]) for g in read["agreements"]] == [("Hydrogen Roadmap", "analyst")]


def test_plover_and_graphml_carry_the_provenance(db, plain_db, tmp_path):
    run("export", "--format", "plover", "--out", str(tmp_path / "p"), "--db", db)
    events = [json.loads(line) for line in (tmp_path / "p" / "plover_events.jsonl").read_text().splitlines()]
    by_type = {e["entente_type"]: e["entente_provenance"] for e in events}
    assert by_type == {"event": "accepted", "agreement": "analyst"}
    run("export", "--format", "graphml", "--out", str(tmp_path / "g"), "--db", db)
    g = nx.read_graphml(tmp_path / "g" / "pairs.graphml")
    assert g.edges["FRA", "IND"]["reviewed"] == 3  # accepted visit, corrected defence, added roadmap
    run("export", "--format", "graphml", "--out", str(tmp_path / "h"), "--db", plain_db)
    assert nx.read_graphml(tmp_path / "h" / "pairs.graphml").edges["FRA", "IND"]["reviewed"] == 0


def test_timeline_carries_the_provenance(db, plain_db):
    rows = list(csv.DictReader(io.StringIO(run("timeline", "France", "--db", db, "--csv"))))
    assert {(r["type"], r["provenance"]) for r in rows} >= {("event", "accepted"), ("agreement", "analyst")}
    table = run("timeline", "France", "--db", db)
    assert "review" in table and "accepted" in table and "analyst-added" in table
    assert "review" not in run("timeline", "France", "--db", plain_db)
    entries = json.loads(run("timeline", "India", "--db", db, "--json"))
    assert {e["provenance"] for e in entries} == {"accepted", "analyst"}


def test_home_and_country_pages_mark_the_reviewed_facts(db):
    import warnings

    from entente.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    kb = open_kb(db)
    try:
        with TestClient(create_app(kb=kb)) as client:
            home = client.get("/")
            assert home.status_code == 200 and 'class="prov prov-accepted"' in home.text  # the visit
            country = client.get("/country/FRA")
            assert country.status_code == 200
            assert 'class="prov prov-accepted"' in country.text  # its dated recent entries: the visit
    finally:
        kb.close()
