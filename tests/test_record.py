"""The record contract: vocabularies are enforced and spans must check."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from entente.record import (
    AREAS,
    Area,
    DocInfo,
    Record,
    Relation,
    Span,
    SpanMismatch,
    json_schema,
    span_errors,
    validate_spans,
)

TEXT = "Japan and Malaysia agreed on halal trade."
AT = TEXT.index("halal")


def make_record(span: Span) -> Record:
    rel = Relation(pair=["JPN", "MYS"], areas=[Area(area="halal", status="agreed", evidence=[span])])
    info = DocInfo(id="x", name="t.txt", text_sha256="x", chars=len(TEXT))
    return Record(doc=info, relations=[rel])


def test_good_spans_validate():
    record = make_record(Span(start=AT, end=AT + 5, text="halal"))
    assert span_errors(record, TEXT) == []
    validate_spans(record, TEXT)


def test_span_mismatch_is_an_error():
    record = make_record(Span(start=AT + 1, end=AT + 6, text="halal"))
    with pytest.raises(SpanMismatch, match="halal"):
        validate_spans(record, TEXT)


def test_span_out_of_range_is_an_error():
    record = make_record(Span(start=AT, end=300, text="halal"))
    assert "outside" in span_errors(record, TEXT)[0]


def test_vocabularies_are_enforced():
    with pytest.raises(ValidationError):
        Area(area="fishing", status="agreed", evidence=[Span(start=0, end=1, text="J")])
    with pytest.raises(ValidationError):
        Area(area="halal", status="maybe", evidence=[Span(start=0, end=1, text="J")])
    with pytest.raises(ValidationError):
        Area(area="halal", status="agreed", evidence=[])  # every fact carries a span


def test_serialises_with_schema_key():
    data = make_record(Span(start=AT, end=AT + 5, text="halal")).to_json_dict()
    assert data["schema"] == "entente.record/1"
    assert Record.model_validate(data).relations[0].areas[0].area == "halal"


def test_json_schema_lists_vocabularies():
    schema = json.dumps(json_schema())
    for area in AREAS:
        assert area in schema
    assert '"exchange_of_notes"' in schema


def test_schema_command_prints_json_schema():
    out = subprocess.run([sys.executable, "-m", "entente.cli", "schema"], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout)["title"] == "Record"
