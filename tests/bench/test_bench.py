"""`entente bench --quick` on a tiny sample: the table prints and build/bench.json has every key, as numbers."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from entente.cli import app

NUMBERS = ["extract_docs_per_s", "limit_docs_per_s", "extract_ratio", "ingest_sqlite_docs_per_s", "ingest_ratio",
           "show_p95_ms", "search_p95_ms", "workers2_speedup"]


def test_bench_quick_writes_every_key(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, [
        "bench", "--quick", "--docs", "4", "--workers-docs", "4", "--kb-docs", "12", "--repeats", "1",
        "--kb", str(tmp_path / "kb.db"), "--results", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    for key in NUMBERS:
        assert isinstance(data[key], int | float) and data[key] > 0, key
    ratio = data["extract_docs_per_s"] / data["limit_docs_per_s"]
    assert abs(data["extract_ratio"] - ratio) <= 0.01 * ratio + 0.002  # pipeline/limit, rounded in the JSON
    # keys whose figure needs what a small run lacks are present, as a number or null
    for key in ("dates_ratio_vs_dateparser", "ingest_postgres_docs_per_s", "peak_rss_mb_100k"):
        assert key in data and (data[key] is None or isinstance(data[key], int | float))
    assert isinstance(data["machine"], str) and isinstance(data["date"], str)
    assert "extraction" in result.output and "queries" in result.output
    assert (tmp_path / "kb.json").exists()  # the benchmark KB's build record, for reuse


def test_bench_generate_writes_a_reproducible_corpus(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for path in (a, b):
        result = CliRunner().invoke(app, ["bench", "--generate", "25", "--out", str(path), "--seed", "3"])
        assert result.exit_code == 0, result.output
    lines = a.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25 and a.read_bytes() == b.read_bytes()
    assert len({json.loads(line)["text"] for line in lines}) > 20
