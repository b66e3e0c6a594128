"""How an ingest writes its batches: one transaction each, a failed write keeps the batches before it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from entente.kb import ingest as kb_ingest
from entente.kb.ingest import ingest
from entente.kb.schema import DocumentRow
from entente.kb.testing import TableExtractor, numbered_corpus


def test_a_failed_write_is_raised_and_the_batches_before_it_stay(kb, monkeypatch):
    articles = numbered_corpus(12)
    written = kb_ingest.store_records
    calls = []

    def failing_third(session, items):
        calls.append(len(items))
        if len(calls) == 3:
            raise RuntimeError("disk full (simulated)")
        return written(session, items)

    monkeypatch.setattr(kb_ingest, "store_records", failing_third)
    with kb.session() as s, pytest.raises(RuntimeError, match="disk full"):
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles), batch_size=4)
    with kb.session() as s:
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 8
    # a rerun stores what the failed write lost, and only that
    monkeypatch.setattr(kb_ingest, "store_records", written)
    with kb.session() as s:
        result = ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles), batch_size=4)
        assert (result.added, result.skipped) == (4, 8)
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 12


def test_counts_and_ids_with_repeats_across_batches(kb):
    articles = numbered_corpus(10)
    docs = [a.document() for a in articles]
    items = docs[:6] + [docs[2], docs[5]] + docs[6:] + [docs[0]]  # repeats inside the run, in other batches
    with kb.session() as s:
        result = ingest(s, items, extractor=TableExtractor(articles), batch_size=3)
    assert (result.added, result.skipped, result.reextracted) == (10, 3, 0)
    assert sorted(result.doc_ids) == sorted(d.sha256 for d in docs)


def test_an_in_memory_kb_takes_an_ingest():
    from entente.kb import open_kb

    articles = numbered_corpus(7)
    kb = open_kb("sqlite://")
    try:
        with kb.session() as s:
            result = ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles), batch_size=3)
            assert result.added == 7
            assert s.scalar(select(func.count()).select_from(DocumentRow)) == 7
    finally:
        kb.close()
