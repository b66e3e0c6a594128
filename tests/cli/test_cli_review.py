"""``entente review ...`` and ``entente eval``: review from the command line, export the reviewed documents as
gold and score records against it (our own texts, records from TableExtractor)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from entente.cli import app
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import TableExtractor
from review_corpus import TEXT, article


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kb.db"
    kb = open_kb(path)
    art = article()
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
    kb.close()
    return str(path), art.document().sha256


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(app, [*args])
    assert result.exit_code == code, result.output
    return result


def test_review_commands_round_trip_through_gold(db, tmp_path):
    path, doc = db
    keys = {f["key"] for f in json.loads(run("review", "facts", doc[:10], "--db", path, "--json").stdout)}
    assert "area:FRA-IND:space" in keys
    run("review", "reject", doc[:10], "area", "area:FRA-IND:space", "--reviewer", "ana", "--db", path)
    run("review", "correct", doc, "area", "area:FRA-IND:defence", "--set", "status=ongoing", "--db", path)
    start = TEXT.index("A roadmap")
    end = start + len("A roadmap on green hydrogen was adopted")
    run(
        "review",
        "add",
        doc,
        "agreement",
        "IND-FRA",
        "--set",
        "kind=action_plan",
        "--set",
        "status=signed",
        "--set",
        "title=Hydrogen Roadmap",
        "--span",
        f"{start}:{end}",
        "--db",
        path,
    )
    listed = run("review", "list", "--db", path).stdout.splitlines()
    assert len(listed) == 3 and "reject\tarea:FRA-IND:space by ana" in listed[0]
    shown = json.loads(run("show", "FRA", "IND", "--db", path, "--json").stdout)
    assert {a["area"]: a["provenance"] for a in shown["areas"]} == {"defence": "corrected"}

    gold = tmp_path / "gold.json"
    run("review", "export", "--format", "gold", "--out", str(gold), "--db", path)
    exported = json.loads(gold.read_text())
    assert exported["schema"] == "entente.gold/1"
    rel = exported["docs"]["fr-in.txt"]["relations"]["FRA-IND"]
    assert rel["areas"]["required"] == ["defence"] and rel["agreements"][0]["kind"] == ["action_plan"]
    reviewed = json.loads(run("eval", str(gold), "--reviewed", "--db", path, "--json").stdout)
    assert reviewed["score"] == 1.0
    machine = json.loads(run("eval", str(gold), "--db", path, "--json").stdout)
    by = {c["category"]: c for c in machine["categories"]}
    assert (by["areas"]["fp"], by["agreements"]["fn"]) == (1, 1) and machine["score"] < 1.0


def test_review_values_outside_the_spec_vocabularies_are_refused(db):
    path, doc = db
    start = TEXT.index("A roadmap")
    for bad in ("kind=roadmap", "status=adopted"):
        fields = ["--set", "kind=action_plan", "--set", "status=signed", "--set", bad]
        result = run(
            "review",
            "add",
            doc,
            "agreement",
            "IND-FRA",
            *fields,
            "--span",
            f"{start}:{start + 9}",
            "--db",
            path,
            code=2,
        )
        assert len(result.output.strip().splitlines()) == 1 and bad.split("=")[1] in result.output
    result = run(
        "review",
        "correct",
        doc,
        "area",
        "area:FRA-IND:defence",
        "--set",
        "status=finished",
        "--db",
        path,
        code=2,
    )
    assert "finished" in result.output
    assert run("review", "list", "--db", path).stdout.strip() == ""


def test_review_of_an_unknown_fact_is_one_line_exit_2(db):
    path, doc = db
    result = run("review", "reject", doc, "area", "area:FRA-IND:halal", "--db", path, code=2)
    assert "no fact" in result.output


def test_review_export_json_then_import_into_a_fresh_kb(db, tmp_path):
    path, doc = db
    run("review", "reject", doc, "area", "area:FRA-IND:space", "--reviewer", "ana", "--db", path)
    log = tmp_path / "reviews.json"
    run("review", "export", "--format", "json", "--out", str(log), "--db", path)
    other = tmp_path / "other.db"
    kb = open_kb(other)
    art = article()
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
    kb.close()
    assert "1 review(s) imported" in run("review", "import", str(log), "--db", str(other)).stdout
    shown = json.loads(run("show", "FRA", "IND", "--db", str(other), "--json").stdout)
    assert {a["area"] for a in shown["areas"]} == {"defence"}


def test_review_list_facts_and_eval_print_csv(db, tmp_path):
    import csv
    import io

    path, doc = db
    run("review", "reject", doc, "area", "area:FRA-IND:space", "--reviewer", "ana", "--db", path)
    run("review", "correct", doc, "area", "area:FRA-IND:defence", "--set", "status=ongoing", "--db", path)
    listed = list(csv.DictReader(io.StringIO(run("review", "list", "--db", path, "--csv").stdout)))
    assert [(r["action"], r["fact_key"], r["reviewer"]) for r in listed] == [
        ("reject", "area:FRA-IND:space", "ana"),
        ("correct", "area:FRA-IND:defence", ""),
    ]
    assert json.loads(listed[1]["fields"]) == {"status": "ongoing"}
    facts = list(csv.DictReader(io.StringIO(run("review", "facts", doc, "--db", path, "--csv").stdout)))
    by_key = {f["key"]: f for f in facts}
    assert "area:FRA-IND:space" not in by_key
    assert (by_key["area:FRA-IND:defence"]["provenance"], by_key["area:FRA-IND:defence"]["status"]) == (
        "corrected",
        "ongoing",
    )
    gold = tmp_path / "gold.json"
    run("review", "export", "--format", "gold", "--out", str(gold), "--db", path)
    scored = list(
        csv.DictReader(io.StringIO(run("eval", str(gold), "--reviewed", "--db", path, "--csv").stdout))
    )
    assert scored[-1] == {"category": "score", "tp": "", "fp": "", "fn": "", "f1": "1.0"}
    assert [r["category"] for r in scored[:-1]][:2] == ["pairs", "people"]
    both = CliRunner().invoke(app, ["review", "list", "--db", path, "--json", "--csv"])
    assert both.exit_code == 2 and "--csv" in both.output


def test_every_command_with_json_has_csv_beside_it():
    from typer.main import get_command

    def walk(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}", {o for p in command.params for o in p.opts}

    missing = [name for name, opts in walk(get_command(app)) if "--json" in opts and "--csv" not in opts]
    assert missing == ["delete"]  # delete prints what it removed, not a table
