"""Readable numbers where a person reads them (CLI tables, pages, the CSV's display column); the raw values
stay in JSON and Parquet, whose column types do not depend on which cells hold values."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.console import Console

from entente.display import amount, number
from entente.export import export
from entente.kb import open_kb, queries
from entente.kb.ingest import ingest
from entente.kb.render import render_profile
from entente.kb.testing import Article, TableExtractor

PAIR = ("CHL", "PER")


def test_amounts_as_a_reader_writes_them():
    assert amount(7.4e9, "USD") == "US$7.4 bn"
    assert amount(181.51e9, "MYR") == "RM181.5 bn"
    assert amount(4.21e9, "USD") == "US$4.21 bn"
    assert amount(2.5e9, "CHF") == "CHF 2.5 bn"  # no symbol: the code
    assert amount(850_000, "USD") == "US$850,000"
    assert amount(6.4, "percent") == "6.4%"
    assert amount(1711, "count") == "1,711" == number(1711)
    assert amount(None, "USD") == "" and number(3.25) == "3.25"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    kb = open_kb(tmp_path_factory.mktemp("display") / "kb.db")
    art = Article("Chile and Peru traded 7.4 billion dollars of goods in 2023 and held talks on 3 May 2024.", "a.txt",
                  published="2024-05-04")
    art.figure(PAIR, "trade_value", 7.4e9, "USD", "traded 7.4 billion dollars of goods in 2023", period="2023")
    art.event(PAIR, "meeting", "occurred", "held talks on 3 May 2024", date="2024-05-03")
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
        yield s
    kb.close()


def test_cli_profile_prints_readable_figures(session):
    console = Console(record=True, width=200)
    render_profile(console, queries.profile(session, *PAIR))
    text = console.export_text()
    assert "US$7.4 bn" in text and "7.4e+09" not in text and "7400000000" not in text


def test_csv_has_a_display_column_json_and_parquet_keep_raw_values(session, tmp_path):
    paths = {fmt: {p.stem: p for p in export(session, fmt, tmp_path / fmt)} for fmt in ("csv", "jsonl", "parquet")}
    with paths["csv"]["figures"].open() as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["display"] == "US$7.4 bn" and float(row["value"]) == 7.4e9
    (raw,) = [json.loads(line) for line in paths["jsonl"]["figures"].read_text().splitlines()]
    assert raw["value"] == 7.4e9 and "display" not in raw
    table = pq.read_table(paths["parquet"]["figures"])
    assert "display" not in table.column_names and table.schema.field("value").type == pa.float64()
    for name, path in paths["parquet"].items():  # no column typed null, whatever this export holds
        for field in pq.read_table(path).schema:
            assert not pa.types.is_null(field.type), (name, field.name)
            if pa.types.is_list(field.type):
                assert not pa.types.is_null(field.type.value_type), (name, field.name)
