"""Deleting a document: an adapter over :func:`entente.kb.queries.delete_document`
(which removes its rows, recomputes the merged view of the pairs it touched and commits)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..kb import queries as q


def delete_document(session: Session, doc_id: str) -> q.DocumentSummary:
    """Remove ``doc_id`` and everything extracted from it; :class:`~entente.kb.queries.NotFound` if absent."""
    return q.delete_document(session, doc_id)
