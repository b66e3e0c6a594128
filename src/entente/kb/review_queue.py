"""The review queue: the relation facts no analyst has reviewed yet, least confident first.

A fact's confidence starts at 1 and loses for each sign of doubt: only one document reports it (its merged
fact has a single source), it has no date where one is expected (events, levels, agreements), its sources
disagree (a merge conflict), its status is a weak one (the last tiers of the SPEC's status order: expected,
discussed, cancelled; a merely referenced agreement).  A rule that states its own ``confidence`` (0-1) in the
fact lowers it further.  The score is computed in SQL, so a page of the queue reads only that page.
Query-only: no pipeline.
"""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import Float, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from ..record import AGREEMENT_STATUS_ORDER, STATUS_ORDER
from .fact_keys import KINDS, fact_key
from .schema import DocumentRow, FactRow, MergedRow, MergedSourceRow, SpanRow

SINGLE_SOURCE = 0.4
NO_DATE = 0.3
CONFLICT = 0.2
WEAK_STATUS = 0.1
DATED_KINDS = ("event", "level", "agreement")
WEAK_STATUSES = tuple(s for tier in STATUS_ORDER[3:] for s in tier) + (AGREEMENT_STATUS_ORDER[-1],)


class QueueItem(BaseModel):
    """One unreviewed fact of a document, as the queue lists it."""

    doc_id: str
    doc_title: str
    published: str | None = None
    kind: str
    pair: list[str]
    key: str
    fact: dict
    evidence: str = ""
    evidence_start: int | None = None
    confidence: float
    reasons: list[str] = Field(default_factory=list)


class QueuePage(BaseModel):
    total: int
    offset: int
    items: list[QueueItem]


def _scored():
    """(the queue's select of facts with their documents and merged rows, the confidence expression)."""
    single = or_(MergedRow.source_count.is_(None), MergedRow.source_count <= 1)
    undated = and_(FactRow.type.in_(DATED_KINDS), FactRow.date.is_(None))
    weak = FactRow.status.in_(WEAK_STATUSES)
    own = func.coalesce(cast(FactRow.data["confidence"].as_float(), Float), literal(1.0))
    score = (
        literal(1.0)
        - case((single, SINGLE_SOURCE), else_=0.0)
        - case((undated, NO_DATE), else_=0.0)
        - case((MergedRow.conflict.is_(True), CONFLICT), else_=0.0)
        - case((weak, WEAK_STATUS), else_=0.0)
        - (literal(1.0) - own)
    )
    query = (
        select(FactRow, DocumentRow.title, DocumentRow.name, DocumentRow.published, MergedRow.source_count,
               MergedRow.conflict, score.label("score"))
        .join(DocumentRow, DocumentRow.id == FactRow.doc_id)
        .outerjoin(MergedSourceRow, MergedSourceRow.fact_id == FactRow.id)
        .outerjoin(MergedRow, MergedRow.id == MergedSourceRow.merged_id)
        .where(FactRow.type.in_(KINDS), FactRow.data["provenance"].as_string().is_(None))
    )
    return query, score


def _reasons(fact: FactRow, sources: int | None, conflict: bool | None) -> list[str]:
    out = []
    if not sources or sources <= 1:
        out.append("single source")
    if fact.type in DATED_KINDS and fact.date is None:
        out.append("no date")
    if conflict:
        out.append("sources disagree")
    if fact.status in WEAK_STATUSES:
        out.append(f"weak status ({fact.status})")
    if isinstance((fact.data or {}).get("confidence"), int | float):
        out.append(f"rule confidence {fact.data['confidence']:.2f}")
    return out


def review_queue(session: Session, limit: int = 50, offset: int = 0) -> QueuePage:
    """A page of the unreviewed relation facts, least confident first (then newest document first)."""
    query, score = _scored()
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(score, DocumentRow.published.desc(), FactRow.doc_id, FactRow.id).limit(limit).offset(offset)
    ).all()
    first: dict[int, tuple[int, str]] = {}
    ids = [r[0].id for r in rows]
    if ids:
        for fact_id, start, text in session.execute(
            select(SpanRow.fact_id, SpanRow.start, SpanRow.text).where(SpanRow.fact_id.in_(ids)).order_by(SpanRow.start)
        ):
            first.setdefault(fact_id, (start, text))
    items = []
    for fact, title, name, published, sources, conflict, value in rows:
        pair = [fact.pair_a or "", fact.pair_b or ""]
        start, text = first.get(fact.id, (None, ""))
        items.append(
            QueueItem(
                doc_id=fact.doc_id,
                doc_title=title or name,
                published=published,
                kind=fact.type,
                pair=pair,
                key=fact_key(fact.type, pair, fact.data or {}),
                fact=fact.data or {},
                evidence=text,
                evidence_start=start,
                confidence=round(min(1.0, max(0.0, float(value))), 2),
                reasons=_reasons(fact, sources, conflict),
            )
        )
    return QueuePage(total=total, offset=offset, items=items)
