"""Ingest: read -> extract -> store, idempotent and committed in batches.

A document's id is the sha256 of its normalised text, so the same text is
stored once however often it is ingested. Each batch of documents is one
transaction (documents, facts, spans and the "dirty" marks of the pairs they
touch), so a killed ingest loses at most its open batch; the merged view is
recomputed for dirty pairs at the end (and lazily by any query). Documents are
extracted outside any write transaction and written a batch at a time, so
concurrent ingests into one KB hold the write lock only briefly; a document
another writer stored meanwhile counts as skipped (inserts ignore duplicates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import PIPELINE_VERSION
from ..read.document import Document, ReadError
from ..record import span_errors
from .merge import refresh_merged
from .queries import IngestResult
from .schema import DocumentRow
from .store import delete_document, mark_dirty, store_record


def ingest(
    session: Session,
    items: Iterable[Document | Exception],
    *,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    on_progress: Callable[[int], None] | None = None,
    extractor=None,
) -> IngestResult:
    if extractor is None:
        from ..extract.pipeline import default_extractor

        extractor = default_extractor()
    result = IngestResult()
    seen: set[str] = set()
    # (document, record, stored version) extracted but not written yet: extraction runs outside any write
    # transaction, so a concurrent writer waits only while a batch is written, never while one is extracted.
    pending: list[tuple[Document, object, str | None]] = []

    def write_batch() -> None:
        scopes: set[str] = set()
        try:
            for document, record, version in pending:
                if version is not None:
                    scopes |= delete_document(session, document.sha256)
                stored = store_record(session, document, record)
                if stored is None:  # stored meanwhile by another writer: the same text, kept once
                    result.skipped += 1
                elif version is not None:
                    result.reextracted += 1
                else:
                    result.added += 1
                scopes |= stored or set()
                result.doc_ids.append(document.sha256)
            mark_dirty(session, scopes)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        pending.clear()

    for item in items:
        try:
            if isinstance(item, ReadError):
                result.failures.append((item.source, item.reason))
                continue
            if isinstance(item, Exception):
                result.failures.append(("?", f"{type(item).__name__}: {item}"))
                continue
            doc_id = item.sha256
            if doc_id in seen:
                result.skipped += 1
                continue
            seen.add(doc_id)
            version = session.scalar(select(DocumentRow.pipeline_version).where(DocumentRow.id == doc_id))
            session.commit()  # end the read: no transaction stays open while extracting
            if version is not None and not (reextract and version != PIPELINE_VERSION):
                result.skipped += 1
                result.doc_ids.append(doc_id)
                continue
            try:
                record = extractor.extract(item, published=published)
            except Exception as e:  # one bad document never stops the batch
                result.failures.append((item.source or item.name, f"extraction failed: {type(e).__name__}: {e}"))
                continue
            problems = span_errors(record, item.text)
            if problems:
                result.failures.append((item.source or item.name, "span check failed: " + problems[0]))
                continue
            pending.append((item, record, version))
            if len(pending) >= batch_size:
                write_batch()
        finally:
            if on_progress is not None:
                on_progress(1)
    write_batch()
    refresh_merged(session)
    session.commit()
    return result
