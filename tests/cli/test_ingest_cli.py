"""`entente ingest` and the query commands, end to end through the CLI (records prepared by TableExtractor)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from entente.cli import app
from entente.kb.testing import TableExtractor
from kb_corpus import corpus


def flat(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture
def setup(tmp_path, monkeypatch):
    articles = corpus()
    folder = tmp_path / "articles"
    folder.mkdir()
    for a in articles:
        (folder / a.name).write_text(f"published: {a.published}\n---\n{a.text}", encoding="utf-8")
    (folder / "broken.bin").write_bytes(b"\x00\x01binary")
    extractor = TableExtractor(articles)
    import entente.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: extractor)
    monkeypatch.setenv("ENTENTE_DB", str(tmp_path / "env.db"))
    return folder, str(tmp_path / "kb.db")


def test_ingest_is_idempotent_and_lists_bad_files(setup):
    folder, db = setup
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(folder), "--db", db, "--batch-size", "2"])
    assert first.exit_code == 1  # one bad file
    text = flat(first.output)
    assert "6 added" in text and "broken.bin: unsupported file type" in text
    second = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert "0 added" in flat(second.output) and "6 already present" in flat(second.output)
    pairs = json.loads(runner.invoke(app, ["pairs", "--db", db, "--json"]).output)
    assert [p["pair"] for p in pairs] == [["JPN", "MYS"], ["KOR", "MYS"]]


def test_query_commands(setup):
    folder, db = setup
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(folder), "--db", db])
    show = runner.invoke(app, ["show", "Japan", "malaysian", "--db", db, "--json", "--today", "2025-06-01"])
    assert show.exit_code == 0, show.output
    profile = json.loads(show.output)
    assert profile["level"] == "comprehensive_strategic_partnership"
    assert len([e for e in profile["events"] if e["kind"] == "meeting"]) == 1
    table = runner.invoke(app, ["show", "JPN", "MYS", "--db", db])
    assert "Level history" in table.output and "a2.txt" in table.output
    tl = json.loads(runner.invoke(app, ["timeline", "MYS", "--with", "KOR", "--db", db, "--json"]).output)
    assert {e["partner"] for e in tl} == {"KOR"}
    whole = json.loads(runner.invoke(app, ["timeline", "MYS", "--db", db, "--json", "--limit", "0"]).output)
    newest = json.loads(runner.invoke(app, ["timeline", "MYS", "--db", db, "--json", "--limit", "1"]).output)
    older = json.loads(runner.invoke(app, ["timeline", "MYS", "--db", db, "--json", "--limit", "1", "--offset", "1"]).output)
    assert len(whole) >= 2 and newest == whole[-1:] and older == whole[-2:-1]
    cmp = json.loads(runner.invoke(app, ["compare", "MYS", "--partners", "JPN KOR", "--db", db, "--json"]).output)
    assert cmp["partners"] == ["JPN", "KOR"]
    hits = json.loads(runner.invoke(app, ["search", "halal roadmap", "--db", db, "--json"]).output)
    assert hits and hits[0]["name"] == "k1.txt"
    people = json.loads(runner.invoke(app, ["people", "--country", "Japan", "--db", db, "--json"]).output)
    assert [p["name"] for p in people] == ["Ishiba Shigeru"]
    bad = runner.invoke(app, ["show", "Atlantis", "MYS", "--db", db])
    assert bad.exit_code == 2 and "unknown country" in flat(bad.output)
    out = runner.invoke(app, ["export", "--format", "graphml", "--out", str(folder.parent / "exp"), "--db", db])
    assert out.exit_code == 0 and out.output.strip().endswith("pairs.graphml")


def test_default_db_from_environment(setup):
    folder, _ = setup
    result = CliRunner().invoke(app, ["ingest", str(folder / "a1.txt")])
    assert result.exit_code == 0 and "env.db" in flat(result.output).replace(" ", "")
