"""The write half of the query API: ingesting documents or a posted text, and removing a document."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

from ..read import formats
from ..read.document import Document, normalise
from .ingest import ingest
from .lookups import document
from .refresh import refresh_merged
from .store import delete_document as drop_rows
from .store import mark_dirty
from .views import DocumentSummary, IngestResult


def delete_document(session: Session, doc_id: str) -> DocumentSummary:
    """Remove a document and everything extracted from it, recompute the merged view of the pairs it
    touched, and commit; returns the removed document's summary. :class:`NotFound` if absent."""
    summary = document(session, doc_id).summary
    try:
        mark_dirty(session, drop_rows(session, summary.id))
        refresh_merged(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


def ingest_documents(
    session: Session,
    documents: Iterable[Document | Exception],
    *,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Extract and store documents idempotently, committing every ``batch_size`` documents.

    ``documents`` may contain :class:`~entente.read.ReadError` items (from
    :func:`entente.read.read_paths`); they are listed in ``failures``. A document
    whose id (sha256 of its normalised text) is already stored is skipped, unless
    ``reextract`` is set and it was extracted by an older ``PIPELINE_VERSION``.
    ``on_progress(n)`` is called after each input item. The merged view is
    refreshed before returning.
    """
    return ingest(
        session,
        documents,
        reextract=reextract,
        batch_size=batch_size,
        published=published,
        on_progress=on_progress,
    )


def ingest_text(
    session: Session,
    text: str,
    *,
    name: str = "posted.txt",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> IngestResult:
    """Ingest one text (e.g. ``POST /api/documents``); the same rules as :func:`ingest_documents`, and the
    same ``max_chars`` cut as every reader."""
    body = normalise(text)
    if not body.strip():
        return IngestResult(failures=[(name, "empty document (no text)")])
    doc = Document(
        text=body, name=name, source=name, title=title, url=url, outlet=outlet, published=published
    )
    return ingest_documents(session, [formats.limit_chars(doc, formats.DEFAULT_MAX_CHARS)])
