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

import functools
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import PIPELINE_VERSION
from ..read.document import Document, ReadError, checked
from ..record import span_errors
from .refresh import ChunkRunner, refresh_merged
from .schema import DocumentRow
from .store import delete_document, mark_dirty, store_records
from .views import IngestResult


def _groups(items: Iterable[Document | Exception], size: int) -> Iterator[list[Document | Exception]]:
    """``items`` in lists of up to ``size`` documents (errors ride along), so stored versions are looked up
    with one query per list rather than one per document."""
    group: list[Document | Exception] = []
    docs = 0
    for item in items:
        group.append(item)
        if isinstance(item, Document):
            docs += 1
            if docs >= size:
                yield group
                group, docs = [], 0
    if group:
        yield group


def seen_key(doc_id: str) -> int:
    """A document id (64 hex digits) as the int of its first 128 bits: what a run keeps per document it has
    met, a third of the memory of the string (no two texts share 128 bits of their sha256 in practice)."""
    return int(doc_id[:32], 16)


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """The heap as it is (the pipeline, spaCy's vocabulary, the imported modules: long-lived) out of the
    collector's reach while this runs (:func:`gc.freeze`), then given back (:func:`gc.unfreeze`): the objects an
    ingest allocates would otherwise trigger full collections that walk all of it again (~0.15 s each with the
    pipeline loaded).  A no-op when the caller froze it already (the CLI does, for its whole run)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


INGEST_CHECKPOINT_PAGES = 16_384  # SQLite: WAL pages (4 KiB) between automatic checkpoints during an ingest


@contextmanager
def _rare_checkpoints(session: Session) -> Iterator[None]:
    """SQLite: checkpoint the WAL every :data:`INGEST_CHECKPOINT_PAGES` pages instead of every 1,000 while this
    runs, then once at the end (counted in the ingest), with the connection's setting given back.  A batch
    rewrites many of the same index and full-text pages, each copied to the database at every checkpoint:
    fewer checkpoints copy (and sync) them fewer times.  Committed batches are in the WAL either way, so a
    killed ingest keeps them as before."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    before = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    session.commit()
    if before is None or before <= 0 or before >= INGEST_CHECKPOINT_PAGES:
        yield
        return
    conn = session.connection()
    conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={INGEST_CHECKPOINT_PAGES}")
    session.commit()
    try:
        yield
    finally:
        session.rollback()  # (a no-op after the ingest's last commit)
        conn = session.connection()
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={int(before)}")
        session.commit()
        conn = session.connection()
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        session.commit()


def stored_versions(session: Session, doc_ids: list[str]) -> dict[str, str]:
    """doc id -> the pipeline version that stored it, for those of ``doc_ids`` that are stored."""
    out: dict[str, str] = {}
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i : i + 500]
        out.update(session.execute(select(DocumentRow.id, DocumentRow.pipeline_version)
                                   .where(DocumentRow.id.in_(chunk))).all())
    return out


def _extract(extractor, document: Document, published: str | None) -> tuple[dict, list[str]]:
    """The record of ``document`` as its JSON, and what is wrong with its spans.

    An extractor whose records were made (and checked) elsewhere, e.g. by worker processes, answers
    ``extract_json`` with the JSON it received, which is stored without building the record again."""
    if hasattr(extractor, "extract_json"):
        return extractor.extract_json(document, published)
    record = extractor.extract(document, published=published)
    return record.to_json_dict(), span_errors(record, document.text)


def _bulk_load(fn: Callable[..., IngestResult]) -> Callable[..., IngestResult]:
    """Run ``fn(session, ...)`` with the start-up heap frozen from the collector and SQLite's WAL
    checkpointed rarely (see :func:`_heap_frozen`, :func:`_rare_checkpoints`)."""

    @functools.wraps(fn)
    def run(session: Session, *args, **kw) -> IngestResult:
        with _heap_frozen(), _rare_checkpoints(session):
            return fn(session, *args, **kw)

    return run


@_bulk_load
def ingest(
    session: Session,
    items: Iterable[Document | Exception],
    *,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    on_progress: Callable[[int], None] | None = None,
    extractor=None,
    merge_runner: ChunkRunner | None = None,
) -> IngestResult:
    """Extract and store ``items`` (documents, or the errors met reading them) in batches of ``batch_size``
    documents, each batch one transaction, then refresh the merged view of the scopes they touched (the pairs'
    rows computed by ``merge_runner`` if given: see :func:`~entente.kb.refresh.refresh_merged`)."""
    if extractor is None:
        from ..extract.pipeline import default_extractor

        extractor = default_extractor()
    result = IngestResult()
    seen: set[int] = set()  # seen_key of every document met in this run
    # (document, record, stored version) extracted but not written yet: extraction runs outside any write
    # transaction, so a concurrent writer waits only while a batch is written, never while one is extracted.
    pending: list[tuple[Document, dict, str | None]] = []

    def write_batch() -> None:
        if not pending:
            return
        scopes: set[str] = set()
        try:
            for document, _, version in pending:
                if version is not None:
                    scopes |= delete_document(session, document.sha256)
            stored = store_records(session, [(document, record) for document, record, _ in pending])
            for (document, _, version), touched in zip(pending, stored, strict=True):
                if touched is None:  # stored meanwhile by another writer: the same text, kept once
                    result.skipped += 1
                elif version is not None:
                    result.reextracted += 1
                else:
                    result.added += 1
                scopes |= touched or set()
                result.doc_ids.append(document.sha256)
            mark_dirty(session, scopes)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        pending.clear()

    for group in _groups(checked(items), max(1, batch_size)):
        versions = stored_versions(session, [it.sha256 for it in group if isinstance(it, Document)])
        session.commit()  # end the read: no transaction stays open while extracting
        for item in group:
            try:
                if isinstance(item, ReadError):
                    result.failures.append((item.source, item.reason))
                    continue
                if isinstance(item, Exception):
                    result.failures.append(("?", f"{type(item).__name__}: {item}"))
                    continue
                doc_id = item.sha256
                if seen_key(doc_id) in seen:
                    result.skipped += 1
                    continue
                seen.add(seen_key(doc_id))
                version = versions.get(doc_id)
                if version is not None and not (reextract and version != PIPELINE_VERSION):
                    result.skipped += 1
                    result.doc_ids.append(doc_id)
                    continue
                try:
                    record, problems = _extract(extractor, item, published)
                except Exception as e:  # one bad document never stops the batch
                    result.failures.append((item.source or item.name,
                                            f"extraction failed: {type(e).__name__}: {e}"))
                    continue
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
    refresh_merged(session, merge_runner)
    session.commit()
    return result
