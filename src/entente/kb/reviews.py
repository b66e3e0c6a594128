"""Analysts' reviews of facts: writing them (the document's facts rewritten with its reviews, the merged
view and stored profiles of its pairs recomputed), listing them (orphaned ones flagged, never dropped), and
the reviewed documents as gold (``entente.gold/1``) for :mod:`entente.kb.gold_score`."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from .fact_keys import KINDS, LIST_OF, fact_key, record_keys
from .refresh import refresh_merged
from .review_apply import ACTIONS, apply_reviews
from .review_fields import FieldError, check_fields
from .schema import DocumentRow, ReviewRow
from .store import mark_dirty, restore_facts, reviews_of
from .views import NotFound


class ReviewError(ValueError):
    """A review that cannot be written (unknown action or kind, a span not in the text, no such fact)."""


class SpanIn(BaseModel):
    start: int
    end: int
    text: str


class ReviewView(BaseModel):
    id: int
    doc_id: str
    fact_kind: str
    fact_key: str
    action: str
    fields: dict = Field(default_factory=dict)
    spans: list[SpanIn] = Field(default_factory=list)
    reviewer: str | None = None
    created_at: str
    note: str | None = None
    orphaned: bool = False  # its fact is no longer extracted from the document (or the document is gone)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _document(session: Session, doc_id: str) -> DocumentRow:
    row = session.get(DocumentRow, doc_id)
    if row is None and len(doc_id) >= 6:
        found = list(session.scalars(select(DocumentRow).where(DocumentRow.id.startswith(doc_id)).limit(2)))
        row = found[0] if len(found) == 1 else None
    if row is None:
        raise NotFound(f"no document {doc_id}")
    return row


def _added(session: Session, doc_id: str, kind: str, key: str) -> bool:
    """Whether an analyst added the fact ``key`` to the document (it may then be rejected, i.e. withdrawn)."""
    query = select(ReviewRow.id).where(
        ReviewRow.doc_id == doc_id, ReviewRow.fact_kind == kind, ReviewRow.fact_key == key, ReviewRow.action == "add"
    )
    return session.scalar(query.limit(1)) is not None


def _checked_spans(text: str, spans: list[dict]) -> list[dict]:
    out = []
    for sp in spans:
        start, end = int(sp["start"]), int(sp["end"])
        if not (0 <= start < end <= len(text)):
            raise ReviewError(f"span {start}-{end} is outside the document (0-{len(text)})")
        if "text" in sp and sp["text"] != text[start:end]:
            raise ReviewError(f"span {start}-{end} is {text[start:end]!r}, not {sp['text']!r}")
        out.append({"start": start, "end": end, "text": text[start:end]})
    return out


def add_review(
    session: Session,
    doc_id: str,
    kind: str,
    action: str,
    *,
    key: str | None = None,
    pair: tuple[str, str] | list[str] | None = None,
    fields: dict | None = None,
    spans: list[dict] | None = None,
    reviewer: str | None = None,
    note: str | None = None,
) -> ReviewView:
    """Write a review and apply it (the document's facts, then its pairs' merged view and profiles), and
    commit. ``accept``/``reject``/``correct`` name an extracted fact by ``key``; ``add`` gives ``pair``,
    ``fields`` and the evidence ``spans`` (its key is computed from them)."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    if kind not in KINDS:
        raise ReviewError(f"unknown fact kind {kind!r} (one of {', '.join(KINDS)})")
    try:
        check_fields(kind, action, dict(fields or {}))  # the SPEC vocabularies, for every writer (CLI, API, import)
    except FieldError as e:
        raise ReviewError(str(e)) from e
    doc = _document(session, doc_id)
    fields = dict(fields or {})
    checked = _checked_spans(doc.text, spans or [])
    if action == "add":
        if not pair or len(pair) != 2:
            raise ReviewError("an added fact needs its pair (two ISO3 codes)")
        if not checked:
            raise ReviewError("an added fact needs at least one evidence span")
        key = fact_key(kind, pair, fields)
    else:
        if not key:
            raise ReviewError(f"{action} needs the fact's key (see `entente review list --facts`)")
        if key not in record_keys(doc.record) and not (action == "reject" and _added(session, doc.id, kind, key)):
            raise ReviewError(f"document {doc.id[:12]} has no fact {key!r}")
        if action == "correct" and not fields:
            raise ReviewError("correct needs the corrected fields")
    row = ReviewRow(
        doc_id=doc.id,
        fact_kind=kind,
        fact_key=key,
        action=action,
        fields=fields,
        spans=checked,
        reviewer=reviewer,
        created_at=_now(),
        note=note,
    )
    try:
        session.add(row)
        session.flush()
        mark_dirty(session, restore_facts(session, doc.id))
        refresh_merged(session)  # the pairs' merged rows and stored profiles rebuilt with the review
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return _view(row, False)


def _view(row: ReviewRow, orphaned: bool) -> ReviewView:
    return ReviewView(
        id=row.id,
        doc_id=row.doc_id,
        fact_kind=row.fact_kind,
        fact_key=row.fact_key,
        action=row.action,
        fields=row.fields or {},
        spans=row.spans or [],
        reviewer=row.reviewer,
        created_at=row.created_at.isoformat(timespec="seconds"),
        note=row.note,
        orphaned=orphaned,
    )


def list_reviews(
    session: Session, doc_id: str | None = None, orphaned_only: bool = False
) -> list[ReviewView]:
    """Every review (of one document), oldest first, each flagged ``orphaned`` when its fact is no longer
    extracted from its document (an ``add`` only when the document is gone)."""
    query = select(ReviewRow).order_by(ReviewRow.created_at, ReviewRow.id)
    if doc_id:
        query = query.where(ReviewRow.doc_id == _document(session, doc_id).id)
    rows = list(session.scalars(query))
    keys: dict[str, set[str] | None] = {}
    for d in {r.doc_id for r in rows}:
        record = session.scalar(select(DocumentRow.record).where(DocumentRow.id == d))
        keys[d] = None if record is None else set(record_keys(record))
    added = {(r.doc_id, r.fact_key) for r in rows if r.action == "add"}  # a reject may withdraw one
    out = []
    for r in rows:
        present = keys[r.doc_id]
        orphaned = present is None or (
            r.action != "add" and r.fact_key not in present and (r.doc_id, r.fact_key) not in added
        )
        if orphaned or not orphaned_only:
            out.append(_view(r, orphaned))
    return out


class FactItem(BaseModel):
    """A relation fact of a document as an analyst reviews it."""

    key: str
    kind: str
    pair: list[str]
    fact: dict
    provenance: str = "machine"


def document_facts(session: Session, doc_id: str) -> list[FactItem]:
    """The relation facts of a document with its reviews applied (rejected ones left out), with their keys."""
    doc = _document(session, doc_id)
    record = apply_reviews(doc.record, reviews_of(session, [doc.id]).get(doc.id, []))
    out = []
    for rel in record.get("relations") or []:
        pair = sorted(rel["pair"])
        for kind, name in LIST_OF.items():
            for fact in rel.get(name) or []:
                out.append(
                    FactItem(
                        key=fact_key(kind, pair, fact),
                        kind=kind,
                        pair=pair,
                        fact=fact,
                        provenance=fact.get("provenance", "machine"),
                    )
                )
    return out
