"""Full-text search over evidence sentences: SQLite FTS5 or PostgreSQL tsvector.

Ranking (bm25 / ``ts_rank``) costs time in proportion to the number of matching sentences, and a
common phrase of a large KB matches hundreds of thousands ("trade": 175,000 sentences of the
100k-document benchmark KB, 300 ms).  So only the :data:`CANDIDATES` most recently stored matching
sentences (the highest ids, read straight from the index in id order) are ranked: a rarer phrase
ranks every match, a common one its newest matches.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from .snippet import snippet
from .views import SearchHit

_TERM = re.compile(r"\w+", re.UNICODE)
CANDIDATES = 500  # matching sentences ranked at most (the most recently stored): ~3 µs of bm25 each on SQLite


def _terms(q: str) -> list[str]:
    return [t for t in _TERM.findall(q.lower()) if t]


def search_sentences(session: Session, q: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """The ``limit`` best-ranked sentences after the first ``offset`` (pages of one ranking)."""
    terms = _terms(q)
    if not terms:
        return []
    dialect = session.get_bind().dialect.name
    run = _sqlite if dialect == "sqlite" else _postgres
    rows = run(session, terms, limit, "AND", offset)
    if not rows and len(terms) > 1:  # nothing has every word: rank sentences with any of them
        rows = run(session, terms, limit, "OR", offset)
    return _hits(session, rows)


def _sqlite(session: Session, terms: list[str], limit: int, op: str, offset: int = 0):
    """Rank the newest :data:`CANDIDATES` matches with the index (bm25, ``LIMIT``), then read the top rows'
    sentences (offsets, text) and make their snippets (:mod:`entente.kb.snippet`)."""
    match = f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)
    lowest = session.execute(text(  # FTS5 walks the matches in rowid order: the newest first, stopping early
        "SELECT min(rowid) FROM (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH :q "
        "ORDER BY rowid DESC LIMIT :k)"
    ), {"q": match, "k": CANDIDATES}).scalar()
    if lowest is None:
        return []
    top = session.execute(text(
        "SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH :q AND rowid >= :lo "
        "ORDER BY rank, rowid LIMIT :n OFFSET :o"
    ), {"q": match, "lo": lowest, "n": limit, "o": offset}).all()
    if not top:
        return []
    ids = ",".join(str(int(rowid)) for rowid, _ in top)  # integers from the index, safe to inline
    where = {r.id: r for r in session.execute(text(
        f"SELECT id, doc_id, start, \"end\", text FROM sentences WHERE id IN ({ids})"
    ))}
    return [(sid, where[sid].doc_id, where[sid].start, where[sid].end, snippet(where[sid].text, terms), -rank)
            for sid, rank in top if sid in where]


def _postgres(session: Session, terms: list[str], limit: int, op: str, offset: int = 0):
    """Rank the newest :data:`CANDIDATES` matches in a subquery with ``LIMIT``; the (costly) headline is
    made for the top rows only."""
    query = (" or " if op == "OR" else " ").join(terms)
    return session.execute(text(
        "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS q), "
        "cand AS (SELECT s.id, s.tsv FROM sentences s, q WHERE s.tsv @@ q.q ORDER BY s.id DESC LIMIT :k), "
        "top AS (SELECT cand.id, ts_rank(cand.tsv, q.q) AS rank FROM cand, q "
        "ORDER BY rank DESC, cand.id LIMIT :n OFFSET :o) "
        "SELECT s.id, s.doc_id, s.start, s.\"end\", "
        "ts_headline('english', s.text, q.q, 'StartSel=[, StopSel=], MaxWords=40, MinWords=15') AS snip, "
        "top.rank FROM top JOIN sentences s ON s.id = top.id, q ORDER BY top.rank DESC, s.id"
    ), {"q": query, "n": limit, "o": offset, "k": CANDIDATES}).all()


def _hits(session: Session, rows) -> list[SearchHit]:
    """The hits with their documents' names and the pairs whose facts cite each sentence (two queries; the
    ids are integers from the index, inlined)."""
    if not rows:
        return []
    sentence_ids = ",".join(str(int(r[0])) for r in rows)
    doc_ids = sorted({r[1] for r in rows})
    docs = {d.id: d for d in session.execute(
        text("SELECT id, name, title, published FROM documents WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True)), {"ids": doc_ids})}
    pairs: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for sid, a, b in session.execute(text(
        "SELECT spans.sentence_id, facts.pair_a, facts.pair_b FROM spans JOIN facts ON facts.id = spans.fact_id "
        f"WHERE spans.sentence_id IN ({sentence_ids}) AND facts.pair_a IS NOT NULL"
    )):
        pairs[sid].add((a, b))
    return [SearchHit.model_construct(
                doc_id=doc_id, name=docs[doc_id].name, title=docs[doc_id].title, published=docs[doc_id].published,
                start=start, end=end, snippet=snip, rank=float(rank), pairs=[list(p) for p in sorted(pairs[sid])])
            for sid, doc_id, start, end, snip, rank in rows]
