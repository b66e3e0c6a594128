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
    iter_spans,
    json_schema,
    span_errors,
    spans_match,
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


def test_the_fast_span_check_sees_every_span_iter_spans_finds(extractor):
    """spans_match skips the fields whose type cannot hold a span: it must still catch a wrong span anywhere."""
    from entente.bench.generate import generate
    from entente.read.document import Document

    for article in generate(6, 3):
        doc = Document(text=article["text"], name=article["id"])
        record = extractor.extract(doc)
        spans = [span for _, span in iter_spans(record)]
        assert spans_match(record, doc.text) and span_errors(record, doc.text) == []
        for span in spans:
            right = span.text
            span.text = right + "x"
            assert not spans_match(record, doc.text) and len(span_errors(record, doc.text)) == 1
            span.text = right
    assert len(spans) > 10 and any(path.startswith("$.people") for path, _ in iter_spans(record))


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


def test_status_orders_are_defined_once_and_cover_their_vocabularies():
    from typing import get_args

    from entente.record import (
        AGREEMENT_STATUS_ORDER,
        AGREEMENT_STATUS_RANK,
        STATUS_ORDER,
        STATUS_RANK,
        AgreementStatus,
        Status,
    )

    assert sorted(AGREEMENT_STATUS_ORDER) == sorted(get_args(AgreementStatus))
    assert sorted(s for tier in STATUS_ORDER for s in tier) == sorted(get_args(Status))
    ranked = sorted(AGREEMENT_STATUS_RANK, key=AGREEMENT_STATUS_RANK.get, reverse=True)
    assert ranked == ["in_force", "signed", "exchanged", "concluded", "negotiating", "planned", "referenced"]
    assert STATUS_RANK["occurred"] == STATUS_RANK["agreed"] > STATUS_RANK["ongoing"] > STATUS_RANK["planned"]
    assert STATUS_RANK["planned"] > STATUS_RANK["expected"] > STATUS_RANK["discussed"] > STATUS_RANK["cancelled"]


def test_the_consumers_use_the_one_status_order():
    from entente.extract.agreements import merge as agreements
    from entente.record import AGREEMENT_STATUS_ORDER, AGREEMENT_STATUS_RANK
    from entente.web import pages

    assert pages.AGREEMENT_ORDER is AGREEMENT_STATUS_ORDER
    assert agreements.STATUS_RANK is AGREEMENT_STATUS_RANK
