"""The ingest writes each batch in a thread of its own while the next one is extracted."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from entente.kb import ingest as kb_ingest
from entente.kb.ingest import ingest
from entente.kb.schema import DocumentRow
from entente.kb.testing import TableExtractor, numbered_corpus


def _writer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("entente-ingest-writer")]


def test_the_next_batch_is_extracted_while_one_is_written(kb, monkeypatch):
    articles = numbered_corpus(12)
    written = kb_ingest.store_records
    extracted_meanwhile: list[int] = []

    class Watching(TableExtractor):
        def extract(self, document, published=None):
            if writing.is_set():
                extracted_meanwhile.append(document.name)
            return super().extract(document, published)

    writing = threading.Event()

    def slow_store(session, items):
        writing.set()
        try:
            # hold the write until the caller extracts a document of the next batch (or give up after 10 s)
            for _ in range(1000):
                if extracted_meanwhile:
                    break
                threading.Event().wait(0.01)
            return written(session, items)
        finally:
            writing.clear()

    monkeypatch.setattr(kb_ingest, "store_records", slow_store)
    watching = Watching(articles)
    with kb.session() as s:
        assert kb_ingest.writes_overlap(s)
        result = ingest(s, [a.document() for a in articles], extractor=watching, batch_size=4)
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 12
    assert result.added == 12 and len(result.doc_ids) == 12 and not result.failures
    assert extracted_meanwhile, "no document was extracted while a batch was being written"
    assert not _writer_threads()


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
    assert not _writer_threads()
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


def test_an_in_memory_kb_is_written_in_the_callers_thread():
    """In-memory SQLite gives each thread a database of its own: its batches are written in place."""
    from entente.kb import open_kb
    from entente.kb.ingest import writes_overlap

    articles = numbered_corpus(7)
    kb = open_kb("sqlite://")
    try:
        with kb.session() as s:
            assert not writes_overlap(s)
            result = ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles), batch_size=3)
            assert result.added == 7
            assert s.scalar(select(func.count()).select_from(DocumentRow)) == 7
    finally:
        kb.close()
