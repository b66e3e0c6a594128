"""Writing one document and its record into the fact tables (and deleting it again)."""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_left, bisect_right

from sqlalchemy import delete, insert, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from .. import PIPELINE_VERSION
from ..read.document import Document
from ..record import Record
from . import jsontext
from .event_mode import is_remote
from .names import name_key
from .review_apply import Review, apply_reviews
from .schema import DirtyRow, DocumentRow, FactRow, MergedSourceRow, ReviewRow, SentenceRow, SpanRow
from .sqlutil import insert_rows_at_once

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
    return Sentences(text).bounds(start, end)


class Sentences:
    """The sentence ends of one text, found once, so that the sentence of every span is a binary search."""

    def __init__(self, text: str):
        self.text = text
        matches = list(_SENT_END.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.newline = [m.group(0) == "\n" for m in matches]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        # left: the last end before ``start`` (a line break may end at it; a full stop needs the space after
        # it before ``start``) of a mark within 1,500 characters
        i = bisect_right(self.ends, start) - 1
        if i >= 0 and self.ends[i] == start and not self.newline[i]:
            i -= 1
        left = self.ends[i] if i >= 0 and self.starts[i] >= start - 1500 else 0
        j = bisect_left(self.starts, max(start, end - 1))
        right = (self.starts[j] if self.newline[j] else self.ends[j]) if j < len(self.starts) else len(text)
        right = max(right, end)
        while left < start and text[left].isspace():
            left += 1
        while right > end and text[right - 1].isspace():
            right -= 1
        return left, right


def _date_start(value: dict | None) -> str | None:
    return value["start"] if value else None


def _without(d: dict, key: str) -> dict:
    return {k: v for k, v in d.items() if k != key}


def _fact_rows(record: dict) -> list[tuple[dict, list[dict]]]:
    """(column values, spans) for every fact of a record, given as its JSON (:meth:`Record.to_json_dict`):
    one serialisation of the record serves its document row and all its facts."""
    rows: list[tuple[dict, list[dict]]] = []
    names = {p["id"]: p["name"] for p in record.get("people") or []}
    for person in record.get("people") or []:
        data = _without(person, "mentions")
        data["surface"] = sorted({m["text"] for m in person["mentions"]})
        data["name_key"] = name_key(person.get("name"))  # what the people merge groups by (kb.names)
        rows.append(({"type": "person", "local_id": person["id"], "kind": person.get("country"),
                      "rule": person.get("rule"), "data": data}, person["mentions"]))
    for org in record.get("organizations") or []:
        rows.append(({"type": "organization", "local_id": org["id"], "kind": org.get("country"),
                      "rule": org.get("rule"), "data": _without(org, "mentions")}, org["mentions"]))
    for rel in record.get("relations") or []:
        a, b = sorted(rel["pair"])
        base = {"pair_a": a, "pair_b": b}
        rows.append(({**base, "type": "relation", "data": {"pair": [a, b]}}, rel.get("evidence") or []))
        for field in RELATION_LISTS:
            for fact in rel.get(field) or []:
                data = _without(fact, "evidence")
                kind = status = date = None
                if field == "events":
                    kind, status, date = fact["kind"], fact["status"], _date_start(fact.get("date"))
                    data["participant_names"] = [names.get(p, p) for p in fact.get("participants") or []]
                    if is_remote(s["text"] for s in fact["evidence"]):
                        data["remote"] = True  # a call (kb.event_mode)
                elif field == "levels":
                    kind, status, date = fact["level"], fact.get("status"), _date_start(fact.get("date"))
                elif field == "areas":
                    kind, status = fact["area"], fact["status"]
                elif field == "agreements":
                    kind, status, date = fact["kind"], fact["status"], _date_start(fact.get("date"))
                elif field == "commitments":
                    date = _date_start(fact.get("deadline"))
                elif field == "figures":
                    kind = fact["metric"]
                rows.append(({**base, "type": SINGULAR[field], "kind": kind, "status": status, "date": date,
                              "rule": fact.get("rule"), "data": data}, fact["evidence"]))
    return rows


def scopes_of(record: dict) -> set[str]:
    """The merge scopes a record (as its JSON) touches."""
    scopes = {pair_scope(*sorted(rel["pair"])) for rel in record.get("relations") or []}
    if record.get("people"):
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


def reserve_ids(session: Session, table, n: int) -> list[int]:
    """``n`` fresh primary keys of ``table`` (an integer ``id``), so that rows can be inserted in bulk
    without ``RETURNING`` and linked before they are written.

    SQLite: the keys after the largest one; the caller must already hold the write lock (have written in
    this transaction), so that no other writer can take them. PostgreSQL: drawn from the column's sequence.
    """
    if n <= 0:
        return []
    name = table.name
    if session.get_bind().dialect.name == "postgresql":
        return list(session.scalars(
            sql(f"SELECT nextval(pg_get_serial_sequence('{name}', 'id')) FROM generate_series(1, :n)"), {"n": n}))
    top = session.scalar(sql(f"SELECT max(id) FROM {name}")) or 0
    return list(range(top + 1, top + 1 + n))


def ids_used_to(session: Session, table, last: int) -> None:
    """The keys of ``table`` from the last one :func:`reserve_ids` drew up to ``last`` were taken without
    drawing them (e.g. computed elsewhere from that one): on PostgreSQL the column's sequence moves to
    ``last`` (SQLite draws after the largest key anyway).  The caller holds what keeps others from drawing
    meanwhile (the merge lock for merged rows)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :last)"), {"last": last})


def _document_row(document: Document, record: dict, now: dt.datetime) -> dict:
    info = record["doc"]
    published = info.get("published") or {}
    return {"id": info["id"], "name": info["name"], "source": document.source or None, "title": info.get("title"),
            "outlet": info.get("outlet"), "url": info.get("url"), "published": published.get("date"),
            "published_precision": published.get("precision"), "chars": info["chars"], "text": document.text,
            "record": record, "pipeline_version": PIPELINE_VERSION, "ingested_at": now}


_FACT_COLUMNS = ("id", "doc_id", "type", "pair_a", "pair_b", "local_id", "kind", "status", "date", "rule", "data")
_SENTENCE_COLUMNS = ("id", "doc_id", "start", "end", "text")
_SPAN_COLUMNS = ("fact_id", "doc_id", "start", "end", "text", "sentence_id")


_DOCUMENT_COLUMNS = ("id", "name", "source", "title", "outlet", "url", "published", "published_precision", "chars",
                     "text", "record", "pipeline_version", "ingested_at")
_RECORD, _INGESTED_AT = _DOCUMENT_COLUMNS.index("record"), _DOCUMENT_COLUMNS.index("ingested_at")
_INSERT_DOCUMENT = (f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                    f"VALUES ({', '.join(['?'] * len(_DOCUMENT_COLUMNS))}) ON CONFLICT DO NOTHING")


def _insert_documents_sqlite(conn, rows: list[dict]) -> set[str]:
    """Insert document rows (:func:`_document_row`) through the driver, one statement each (SQLite's driver
    has no ``executemany`` with ``RETURNING``), skipping those already stored; the ids inserted.  Values as
    SQLAlchemy's column types store them: the record as :func:`~entente.kb.jsontext.dumps` of it, ``ingested_at`` as
    ``YYYY-MM-DD HH:MM:SS.ffffff``."""
    dumps = jsontext.dumps
    cursor = conn.connection.cursor()
    inserted: set[str] = set()
    try:
        for row in rows:
            values = [row[c] for c in _DOCUMENT_COLUMNS]
            values[_RECORD] = dumps(values[_RECORD])
            values[_INGESTED_AT] = values[_INGESTED_AT].strftime("%Y-%m-%d %H:%M:%S.%f")
            cursor.execute(_INSERT_DOCUMENT, values)
            if cursor.rowcount == 1:
                inserted.add(row["id"])
    finally:
        cursor.close()
    return inserted


def store_records(session: Session, items: list[tuple[Document, dict]]) -> list[set[str] | None]:
    """Insert documents with their facts, spans and sentences, a few multi-row statements for all of them.

    Each record is given as its JSON (:meth:`~entente.record.Record.to_json_dict`, or the parsed JSON a
    worker sent), checked against its document's text by the caller.

    Returns, per item, the merge scopes it touches, or ``None`` (and nothing written for it) when the
    document is already stored: another process may have stored the same text since the caller looked
    (or it appears twice in ``items``), and a document is stored once."""
    if not items:
        return []
    conn = session.connection()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    docs = DocumentRow.__table__
    # The first write: on SQLite it takes the write lock that reserve_ids relies on.
    if conn.dialect.name == "sqlite":
        inserted = _insert_documents_sqlite(conn, [_document_row(d, r, now) for d, r in items])
    else:
        inserted = set(conn.execute(insert_ignoring_duplicates(session, docs).returning(docs.c.id),
                                    [_document_row(d, r, now) for d, r in items]).scalars())
    facts: list[tuple[str, str, dict, list[dict]]] = []  # (doc id, text, columns, spans) per fact
    out: list[set[str] | None] = []
    reviews = reviews_of(session, sorted(inserted))
    for document, record in items:
        doc_id = record["doc"]["id"]
        if doc_id not in inserted:
            out.append(None)
            continue
        inserted.discard(doc_id)  # a second copy in this batch is a duplicate
        reviewed = apply_reviews(record, reviews.get(doc_id, []))
        facts.extend((doc_id, document.text, cols, spans) for cols, spans in _fact_rows(reviewed))
        out.append(scopes_of(reviewed))
    _store_facts(session, conn, facts)
    return out


def reviews_of(session: Session, doc_ids: list[str]) -> dict[str, list[Review]]:
    """The analysts' reviews of these documents (:mod:`entente.kb.review_apply`), by document id."""
    out: dict[str, list[Review]] = {}
    if not doc_ids or session.scalar(select(ReviewRow.id).limit(1)) is None:
        return out
    for i in range(0, len(doc_ids), 500):
        for r in session.scalars(select(ReviewRow).where(ReviewRow.doc_id.in_(doc_ids[i : i + 500]))):
            out.setdefault(r.doc_id, []).append(Review(r.id, r.fact_kind, r.fact_key, r.action, r.fields or {},
                                                       r.spans or [], r.created_at.isoformat()))
    return out


def restore_facts(session: Session, doc_id: str) -> set[str]:
    """Rewrite a stored document's facts from its stored record with its reviews applied (after a review is
    written); the merge scopes touched before or after (the caller marks them dirty)."""
    row = session.get(DocumentRow, doc_id)
    if row is None:
        return set()
    scopes = _drop_relation_facts(session, doc_id)
    reviewed = apply_reviews(row.record, reviews_of(session, [doc_id]).get(doc_id, []))
    conn = session.connection()
    stored = {(doc_id, start): sid for sid, start in session.execute(
        select(SentenceRow.id, SentenceRow.start).where(SentenceRow.doc_id == doc_id))}
    _store_facts(session, conn, [(doc_id, row.text, cols, spans) for cols, spans in _fact_rows(reviewed)
                                 if cols.get("pair_a") is not None], stored)
    return scopes | {pair_scope(*sorted(rel["pair"])) for rel in reviewed.get("relations") or []}


def _drop_relation_facts(session: Session, doc_id: str) -> set[str]:
    """Remove a document's relation facts (its people and organizations stay, and so do its sentences, which
    their spans share); the pair scopes they touched."""
    of_doc = (FactRow.doc_id == doc_id, FactRow.pair_a.is_not(None))
    pairs = session.execute(select(FactRow.pair_a, FactRow.pair_b).where(*of_doc).distinct()).all()
    fact_ids = select(FactRow.id).where(*of_doc)
    session.execute(delete(MergedSourceRow).where(MergedSourceRow.fact_id.in_(fact_ids)))
    session.execute(delete(SpanRow).where(SpanRow.fact_id.in_(fact_ids)))
    session.execute(delete(FactRow).where(*of_doc))
    return {pair_scope(a, b) for a, b in pairs}


def _store_facts(session: Session, conn, facts: list[tuple[str, str, dict, list[dict]]],
                 stored: dict[tuple[str, int], int] | None = None) -> None:
    """Insert facts (doc id, text, columns, spans), their spans and sentences (a document's facts consecutive);
    ``stored``: sentences already stored, by (doc id, start), which spans starting there reuse."""
    if not facts:
        return
    fact_ids = reserve_ids(session, FactRow.__table__, len(facts))
    dumps = jsontext.dumps  # (what the engine's JSON columns store: see db.make_engine)
    insert_rows_at_once(conn, "facts", _FACT_COLUMNS, [
        (fid, doc_id, c["type"], c.get("pair_a"), c.get("pair_b"), c.get("local_id"), c.get("kind"), c.get("status"),
         c.get("date"), c.get("rule"), dumps(c["data"]))
        for fid, (doc_id, _, c, _) in zip(fact_ids, facts, strict=True)])
    # the sentence around each span: one per (document, start offset), the widest
    widest: dict[tuple[str, int], int] = {}
    span_rows: list[tuple[int, str, int, int, str, tuple[str, int]]] = []
    texts: dict[str, str] = {}
    sentences = Sentences("")
    current = None
    for fid, (doc_id, text, _, spans) in zip(fact_ids, facts, strict=True):
        if doc_id != current:  # (a document's facts are consecutive)
            current, texts[doc_id], sentences = doc_id, text, Sentences(text)
        for sp in spans:
            start, end = sp["start"], sp["end"]
            s, e = sentences.bounds(start, end)
            key = (doc_id, s)
            if e > widest.get(key, -1):
                widest[key] = e
            span_rows.append((fid, doc_id, start, end, sp["text"], key))
    if not widest:
        return
    stored = stored or {}
    keys = sorted(k for k in widest if k not in stored)
    ids = dict(zip(keys, reserve_ids(session, SentenceRow.__table__, len(keys)), strict=True))
    ids.update(stored)
    sentence_rows = [(ids[k], k[0], k[1], widest[k], texts[k[0]][k[1] : widest[k]]) for k in keys]
    insert_rows_at_once(conn, "sentences", _SENTENCE_COLUMNS, sentence_rows)
    insert_rows_at_once(conn, "spans", _SPAN_COLUMNS, [(*row[:5], ids[row[5]]) for row in span_rows])


def store_record(session: Session, document: Document, record: Record) -> set[str] | None:
    """:func:`store_records` for one document."""
    return store_records(session, [(document, record.to_json_dict())])[0]


def delete_document(session: Session, doc_id: str) -> set[str]:
    """Remove a document and everything extracted from it; return the scopes it touched."""
    scopes = _drop_facts(session, doc_id)
    session.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))
    return scopes


def _drop_facts(session: Session, doc_id: str) -> set[str]:
    """Remove everything extracted from a document (not the document); the scopes it touched."""
    pairs = session.execute(
        select(FactRow.pair_a, FactRow.pair_b).where(FactRow.doc_id == doc_id, FactRow.pair_a.is_not(None)).distinct()
    ).all()
    scopes = {pair_scope(a, b) for a, b in pairs} | {PEOPLE_SCOPE}
    fact_ids = select(FactRow.id).where(FactRow.doc_id == doc_id)
    session.execute(delete(MergedSourceRow).where(MergedSourceRow.fact_id.in_(fact_ids)))
    session.execute(delete(SpanRow).where(SpanRow.doc_id == doc_id))
    session.execute(delete(SentenceRow).where(SentenceRow.doc_id == doc_id))
    session.execute(delete(FactRow).where(FactRow.doc_id == doc_id))
    return scopes


def mark_dirty(session: Session, scopes: set[str]) -> None:
    if not scopes:
        return
    # Always insert (a mark seen present may be being claimed by a concurrent merge); sorted, so that
    # concurrent writers take the rows' locks in one order.
    if session.get_bind().dialect.name == "sqlite":  # one statement for all the marks, not one per mark
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute("INSERT INTO dirty (scope) SELECT value FROM json_each(?) WHERE true ORDER BY key "
                           "ON CONFLICT DO NOTHING", [json.dumps(sorted(scopes))])
        finally:
            cursor.close()
        return
    session.execute(insert_ignoring_duplicates(session, DirtyRow), [{"scope": s} for s in sorted(scopes)])
