"""Full-text search over evidence sentences: SQLite FTS5 or PostgreSQL tsvector."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .queries import SearchHit
from .schema import DocumentRow, FactRow, SpanRow

_TERM = re.compile(r"\w+", re.UNICODE)


def _terms(q: str) -> list[str]:
    return [t for t in _TERM.findall(q.lower()) if t]


def search_sentences(session: Session, q: str, limit: int = 20) -> list[SearchHit]:
    terms = _terms(q)
    if not terms:
        return []
    dialect = session.get_bind().dialect.name
    run = _sqlite if dialect == "sqlite" else _postgres
    rows = run(session, terms, limit, "AND")
    if not rows and len(terms) > 1:  # nothing has every word: rank sentences with any of them
        rows = run(session, terms, limit, "OR")
    return _hits(session, rows)


def _sqlite(session: Session, terms: list[str], limit: int, op: str):
    match = f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return session.execute(text(
        "SELECT s.id, s.doc_id, s.start, s.\"end\", snippet(sentences_fts, 0, '[', ']', '…', 24) AS snip, "
        "-bm25(sentences_fts) AS rank FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
        "WHERE sentences_fts MATCH :q ORDER BY bm25(sentences_fts), s.id LIMIT :n"
    ), {"q": match, "n": limit}).all()


def _postgres(session: Session, terms: list[str], limit: int, op: str):
    query = (" or " if op == "OR" else " ").join(terms)
    return session.execute(text(
        "SELECT s.id, s.doc_id, s.start, s.\"end\", "
        "ts_headline('english', s.text, q, 'StartSel=[, StopSel=], MaxWords=40, MinWords=15') AS snip, "
        "ts_rank(s.tsv, q) AS rank FROM sentences s, websearch_to_tsquery('english', :q) q "
        "WHERE s.tsv @@ q ORDER BY rank DESC, s.id LIMIT :n"
    ), {"q": query, "n": limit}).all()


def _hits(session: Session, rows) -> list[SearchHit]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    docs = {d.id: d for d in session.execute(
        select(DocumentRow.id, DocumentRow.name, DocumentRow.title, DocumentRow.published)
        .where(DocumentRow.id.in_({r[1] for r in rows})))}
    pairs: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for sid, a, b in session.execute(
        select(SpanRow.sentence_id, FactRow.pair_a, FactRow.pair_b).join(FactRow, FactRow.id == SpanRow.fact_id)
        .where(SpanRow.sentence_id.in_(ids), FactRow.pair_a.is_not(None))
    ):
        pairs[sid].add((a, b))
    return [SearchHit(doc_id=doc_id, name=docs[doc_id].name, title=docs[doc_id].title,
                      published=docs[doc_id].published, start=start, end=end, snippet=snip, rank=float(rank),
                      pairs=[list(p) for p in sorted(pairs[sid])])
            for sid, doc_id, start, end, snip, rank in rows]
