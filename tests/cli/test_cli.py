"""`entente extract`: records out, bad files named with reasons, exit codes."""

from __future__ import annotations

import json
from types import SimpleNamespace

from typer.testing import CliRunner

from entente.cli import app

GOOD = (
    "HANOI, March 3 - Vietnamese Prime Minister Pham Minh Chinh and his Japanese counterpart "
    "met in Hanoi on Monday. Vietnam and Japan agreed to deepen cooperation on semiconductors. "
    "The two countries also signed a memorandum on clean energy, and Japan and Vietnam will hold "
    "a maritime dialogue next year."
)


def run(*args, stdin: str | None = None):
    """Run the CLI in-process (fast); same exit codes and streams as a real run."""
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def test_extract_good_file_to_stdout(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    res = run("extract", str(tmp_path / "good.txt"))
    assert res.returncode == 0, res.stderr
    (line,) = res.stdout.strip().splitlines()
    record = json.loads(line)
    assert record["schema"] == "entente.record/1"
    assert record["doc"]["name"] == "good.txt"
    assert ["JPN", "VNM"] in [r["pair"] for r in record["relations"]]
    text = (tmp_path / "good.txt").read_text(encoding="utf-8")
    for rel in record["relations"]:
        for span in rel["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_partial_failure_writes_good_records_names_bad_files_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out.jsonl"
    res = run("extract", str(folder), "--out", str(out))
    assert res.returncode == 1
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"]["name"] for r in records] == ["a_good.txt"]
    assert "b_empty.txt" in res.stderr and "empty" in res.stderr
    assert "c_binary.txt" in res.stderr and "binary" in res.stderr
    assert "2 input(s) failed" in res.stderr


def test_stdin_and_published_option():
    res = run("extract", "-", "--published", "2024-03-04", stdin=GOOD)
    assert res.returncode == 0, res.stderr
    record = json.loads(res.stdout)
    assert record["doc"]["published"] == {"date": "2024-03-04", "precision": "day", "basis": "metadata"}


def test_bad_published_option_exits_2():
    res = run("extract", "-", "--published", "yesterday-ish", stdin=GOOD)
    assert res.returncode == 2 and "not a date" in res.stderr


def test_pretty_output_is_indented(tmp_path):
    (tmp_path / "g.txt").write_text(GOOD, encoding="utf-8")
    res = run("extract", str(tmp_path / "g.txt"), "--pretty")
    assert res.returncode == 0 and res.stdout.startswith("{\n  ")
    json.loads(res.stdout)


def test_jsonl_bad_line_is_reported_and_others_written(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"id": "one", "text": GOOD}) + "\n{broken\n", encoding="utf-8")
    res = run("extract", str(p))
    assert res.returncode == 1
    assert json.loads(res.stdout)["doc"]["name"] == "one"
    assert "batch.jsonl:2" in res.stderr and "malformed JSON" in res.stderr


def test_explain_prints_rules(tmp_path):
    (tmp_path / "g.txt").write_text(GOOD, encoding="utf-8")
    res = run("extract", str(tmp_path / "g.txt"), "--explain")
    assert res.returncode == 0
    assert "pair JPN-VNM" in res.stderr
