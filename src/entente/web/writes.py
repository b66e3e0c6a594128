"""Deleting a document: an adapter over the KB's own store and merge functions.

``entente.kb.queries`` has no delete yet; this composes the functions the KB's
re-extraction path uses (remove a document's rows, mark the pairs it touched
dirty, recompute their merged view) in one transaction.  No SQL is written here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..kb import queries as q


def delete_document(session: Session, doc_id: str) -> q.DocumentSummary:
    """Remove ``doc_id`` and everything extracted from it; :class:`~entente.kb.queries.NotFound` if absent."""
    from ..kb.merge import refresh_merged
    from ..kb.store import delete_document as drop_rows
    from ..kb.store import mark_dirty

    summary = q.document(session, doc_id).summary
    try:
        scopes = drop_rows(session, doc_id)
        mark_dirty(session, scopes)
        refresh_merged(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary
