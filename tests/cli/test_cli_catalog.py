"""``entente documents``, ``delete``, ``stats``, ``compare`` without ``--partners`` and ``--csv`` on every query
command (records prepared by TableExtractor from our own texts), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from conftest import KB_BACKENDS
from entente.cli import app
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import TableExtractor, fresh_database
from kb_corpus import corpus


@pytest.fixture(params=KB_BACKENDS)
def db(request, tmp_path):
    """The corpus in a KB on SQLite and, when ``ENTENTE_TEST_PG_URL`` names a server, on PostgreSQL."""
    with fresh_database(request.param, tmp_path) as url:
        kb = open_kb(url)
        articles = corpus()
        with kb.session() as s:
            ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))
        kb.close()
        yield url


def run(*args: str):
    result = CliRunner().invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result


def test_documents_lists_and_filters(db):
    page = json.loads(run("documents", "--db", db, "--json").stdout)
    assert page["total"] == 6 and [d["name"] for d in page["items"]][:2] == [
        "a4.txt",
        "a3.txt",
    ]  # newest first
    korea = json.loads(run("documents", "--pair", "KOR-MYS", "--db", db, "--json").stdout)
    assert {d["name"] for d in korea["items"]} == {"k1.txt", "k2.txt"}
    japan = json.loads(
        run("documents", "--country", "Japan", "--since", "2024-11-25", "--db", db, "--json").stdout
    )
    assert {d["name"] for d in japan["items"]} == {"a2.txt", "a3.txt", "a4.txt"}
    early = json.loads(run("documents", "--until", "2024-06-30", "--db", db, "--json").stdout)
    assert {d["name"] for d in early["items"]} == {"k1.txt", "k2.txt"}
    assert json.loads(run("documents", "--outlet", "nosuch", "--db", db, "--json").stdout)["total"] == 0
    table = run("documents", "--limit", "2", "--db", db)
    assert "Documents 1–2 of 6" in table.stdout


def test_delete_removes_a_document_and_remerges(db):
    page = json.loads(run("documents", "--pair", "KOR-MYS", "--db", db, "--json").stdout)
    k2 = next(d for d in page["items"] if d["name"] == "k2.txt")
    result = run("delete", k2["id"][:10], "--db", db)
    assert "deleted" in result.stderr and "k2.txt" in result.stderr and "KOR-MYS" in result.stderr
    left = json.loads(run("documents", "--pair", "KOR-MYS", "--db", db, "--json").stdout)
    assert [d["name"] for d in left["items"]] == ["k1.txt"]
    pairs = {tuple(p["pair"]): p for p in json.loads(run("pairs", "--db", db, "--json").stdout)}
    assert pairs[("KOR", "MYS")]["documents"] == 1
    again = CliRunner().invoke(app, ["delete", k2["id"], "--db", db])
    assert again.exit_code == 2 and "no document" in again.output


def test_stats(db):
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert stats["tables"]["documents"] == 6 and stats["pairs"] == 2 and stats["countries"] == 3
    assert (stats["published_first"], stats["published_last"]) == ("2024-06-10", "2025-03-01")
    assert sum(stats["pipeline_versions"].values()) == 6 and stats["size_bytes"] > 0
    table = run("stats", "--db", db).stdout
    assert "documents rows" in table and "2024-06-10" in table


def test_compare_without_partners_ranks_every_partner(db):
    matrix = json.loads(run("compare", "MYS", "--db", db, "--json").stdout)
    assert matrix["partners"] == ["JPN", "KOR"]  # Japan has more facts with Malaysia
    top = json.loads(run("compare", "MYS", "--top", "1", "--db", db, "--json").stdout)
    assert top["partners"] == ["JPN"]


@pytest.mark.parametrize(
    "command",
    [
        ["pairs"],
        ["show", "JPN", "MYS"],
        ["timeline", "MYS"],
        ["compare", "MYS"],
        ["search", "trade"],
        ["people"],
        ["documents"],
        ["stats"],
    ],
)
def test_every_query_command_prints_csv(db, command):
    rows = list(csv.reader(io.StringIO(run(*command, "--db", db, "--csv").stdout)))
    assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), rows[:3]
    assert len(set(rows[0])) == len(rows[0])  # a header of distinct names
