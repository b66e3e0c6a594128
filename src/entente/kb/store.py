"""Writing one document and its record into the fact tables (and deleting it again)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import delete, insert, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from .. import PIPELINE_VERSION
from ..read.document import Document
from ..record import Record, Span
from .schema import DirtyRow, DocumentRow, FactRow, MergedSourceRow, SentenceRow, SpanRow

PEOPLE_SCOPE = "people"
# A sentence ends at . ! ? (followed by space/quote) or at a line break.
_SENT_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
RELATION_LISTS = ("events", "levels", "areas", "agreements", "commitments", "figures")
SINGULAR = {"events": "event", "levels": "level", "areas": "area", "agreements": "agreement",
            "commitments": "commitment", "figures": "figure"}


def pair_scope(a: str, b: str) -> str:
    return f"pair:{a}-{b}"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) of ``text`` containing ``[start, end)``, trimmed of spaces."""
    left = 0
    for m in _SENT_END.finditer(text, max(0, start - 1500), start):
        left = m.end()
    m = _SENT_END.search(text, max(start, end - 1))
    right = (m.start() if m.group(0) == "\n" else m.end()) if m else len(text)
    right = max(right, end)
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def _date_start(value) -> str | None:
    return value.start if value is not None else None


def _fact_rows(record: Record) -> list[tuple[dict, list[Span]]]:
    """(column values, spans) for every fact of the record."""
    rows: list[tuple[dict, list[Span]]] = []
    names = {p.id: p.name for p in record.people}
    for person in record.people:
        data = person.model_dump(mode="json", exclude={"mentions"})
        data["surface"] = sorted({m.text for m in person.mentions})
        rows.append(({"type": "person", "local_id": person.id, "kind": person.country, "rule": person.rule,
                      "data": data}, person.mentions))
    for org in record.organizations:
        data = org.model_dump(mode="json", exclude={"mentions"})
        rows.append(({"type": "organization", "local_id": org.id, "kind": org.country, "rule": org.rule,
                      "data": data}, org.mentions))
    for rel in record.relations:
        a, b = sorted(rel.pair)
        base = {"pair_a": a, "pair_b": b}
        rows.append(({**base, "type": "relation", "data": {"pair": [a, b]}}, rel.evidence))
        for field in RELATION_LISTS:
            for fact in getattr(rel, field):
                data = fact.model_dump(mode="json", exclude={"evidence"})
                kind = status = date = None
                if field == "events":
                    kind, status, date = fact.kind, fact.status, _date_start(fact.date)
                    data["participant_names"] = [names.get(p, p) for p in fact.participants]
                elif field == "levels":
                    kind, status, date = fact.level, fact.status, _date_start(fact.date)
                elif field == "areas":
                    kind, status = fact.area, fact.status
                elif field == "agreements":
                    kind, status, date = fact.kind, fact.status, _date_start(fact.date)
                elif field == "commitments":
                    date = _date_start(fact.deadline)
                elif field == "figures":
                    kind = fact.metric
                rows.append(({**base, "type": SINGULAR[field], "kind": kind, "status": status, "date": date,
                              "rule": fact.rule, "data": data}, fact.evidence))
    return rows


def scopes_of(record: Record) -> set[str]:
    scopes = {pair_scope(*sorted(rel.pair)) for rel in record.relations}
    if record.people:
        scopes.add(PEOPLE_SCOPE)
    return scopes


def insert_ignoring_duplicates(session: Session, table):
    """``INSERT`` that skips rows whose key is already stored (e.g. by a concurrent writer) instead of failing."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:  # pragma: no cover - the KB runs on SQLite and PostgreSQL
        return insert(table)
    return dialect_insert(table).on_conflict_do_nothing()


MERGE_LOCK = 7283916  # PostgreSQL advisory lock id serialising merges across processes


def lock_for_merge(session: Session) -> None:
    """Hold the KB's merge lock until the end of the transaction, so that two processes never recompute
    the merged view at once (duplicates on PostgreSQL, a stale view written last on SQLite)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(sql("SELECT pg_advisory_xact_lock(:k)"), {"k": MERGE_LOCK})
    elif dialect == "sqlite":  # a write statement takes SQLite's one write lock (waiting busy_timeout)
        session.execute(sql("DELETE FROM dirty WHERE 1 = 0"))


def store_record(session: Session, document: Document, record: Record) -> set[str] | None:
    """Insert the document, its facts, spans and sentences; return the merge scopes it touches.

    ``None`` (and nothing written) when the document is already stored: another process may have
    stored the same text since the caller looked, and a document is stored once."""
    text = document.text
    inserted = session.scalar(insert_ignoring_duplicates(session, DocumentRow).values(
        id=record.doc.id, name=record.doc.name, source=document.source or None,
        title=record.doc.title, outlet=record.doc.outlet, url=record.doc.url,
        published=record.doc.published.date, published_precision=record.doc.published.precision,
        chars=record.doc.chars, text=text, record=record.to_json_dict(),
        pipeline_version=PIPELINE_VERSION, ingested_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
    ).returning(DocumentRow.id))
    if inserted is None:  # (rowcount is not reliable for ON CONFLICT DO NOTHING on every driver)
        return None
    facts = _fact_rows(record)
    if not facts:
        return scopes_of(record)
    values = [{"doc_id": record.doc.id, "pair_a": None, "pair_b": None, "local_id": None, "kind": None,
               "status": None, "date": None, "rule": None, **cols} for cols, _ in facts]
    fact_ids = session.scalars(
        insert(FactRow).returning(FactRow.id, sort_by_parameter_order=True), values
    ).all()
    bounds: dict[tuple[int, int], None] = {}
    span_bounds = []
    for (_, spans) in facts:
        for sp in spans:
            sb = sentence_bounds(text, sp.start, sp.end)
            bounds.setdefault(sb)
            span_bounds.append(sb)
    sentence_ids: dict[int, int] = {}
    if bounds:
        # one sentence per start offset (the unique key); keep the widest
        by_start: dict[int, int] = {}
        for s, e in bounds:
            by_start[s] = max(e, by_start.get(s, e))
        rows = [{"doc_id": record.doc.id, "start": s, "end": e, "text": text[s:e]} for s, e in sorted(by_start.items())]
        ids = session.scalars(
            insert(SentenceRow).returning(SentenceRow.id, sort_by_parameter_order=True), rows
        ).all()
        sentence_ids = {row["start"]: sid for row, sid in zip(rows, ids, strict=True)}
    span_rows = []
    i = 0
    for fact_id, (_, spans) in zip(fact_ids, facts, strict=True):
        for sp in spans:
            span_rows.append({"fact_id": fact_id, "doc_id": record.doc.id, "start": sp.start, "end": sp.end,
                              "text": sp.text, "sentence_id": sentence_ids.get(span_bounds[i][0])})
            i += 1
    if span_rows:
        session.execute(insert(SpanRow), span_rows)
    return scopes_of(record)


def delete_document(session: Session, doc_id: str) -> set[str]:
    """Remove a document and everything extracted from it; return the scopes it touched."""
    pairs = session.execute(
        select(FactRow.pair_a, FactRow.pair_b).where(FactRow.doc_id == doc_id, FactRow.pair_a.is_not(None)).distinct()
    ).all()
    scopes = {pair_scope(a, b) for a, b in pairs} | {PEOPLE_SCOPE}
    fact_ids = select(FactRow.id).where(FactRow.doc_id == doc_id)
    session.execute(delete(MergedSourceRow).where(MergedSourceRow.fact_id.in_(fact_ids)))
    session.execute(delete(SpanRow).where(SpanRow.doc_id == doc_id))
    session.execute(delete(SentenceRow).where(SentenceRow.doc_id == doc_id))
    session.execute(delete(FactRow).where(FactRow.doc_id == doc_id))
    session.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))
    return scopes


def mark_dirty(session: Session, scopes: set[str]) -> None:
    if not scopes:
        return
    # Always insert (a mark seen present may be being claimed by a concurrent merge); sorted, so that
    # concurrent writers take the rows' locks in one order.
    session.execute(insert_ignoring_duplicates(session, DirtyRow), [{"scope": s} for s in sorted(scopes)])
