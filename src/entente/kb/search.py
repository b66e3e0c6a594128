"""Full-text search over evidence sentences and whole documents: SQLite FTS5 or PostgreSQL tsvector.

:func:`search_sentences` ranks the evidence sentences alone.
:func:`search_filtered` (``entente search``, ``/api/search``, the search page) ranks the evidence sentences first, then
the documents whose title or text matches and that no sentence hit has shown yet (migration 0005),
each kept only when it passes :class:`SearchFilters`: a pair or a country (of the facts citing the
sentence; of the document's relations), an outlet (case-insensitive, part of the name) and a
publication period ``[since, until]`` (a document of ``2023-05`` overlaps ``since=2023-05-20``).

Ranking (bm25 / ``ts_rank``) costs time in proportion to the number of matching sentences, and a
common phrase of a large KB matches hundreds of thousands ("trade": 175,000 sentences of the
100k-document benchmark KB, 300 ms).  So only the :data:`CANDIDATES` most recently stored matching
sentences (the highest ids, read straight from the index in id order) are ranked: a rarer phrase
ranks every match, a common one its newest matches.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from .snippet import WORD, snippet, stem
from .views import SearchHit

_TERM = re.compile(r"\w+", re.UNICODE)
CANDIDATES = 500  # matching sentences ranked at most (the most recently stored): ~3 µs of bm25 each on SQLite


@dataclass(frozen=True)
class SearchFilters:
    pair: tuple[str, str] | None = None  # ISO3, sorted
    country: str | None = None  # ISO3
    outlet: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    evidence_only: bool = False  # only the evidence sentences, not the documents' texts

    @property
    def any(self) -> bool:
        return bool(self.pair or self.country or self.outlet or self.since or self.until)


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


# --------------------------------------------------------------------------- filtered search, whole documents

TEXT_WINDOW = 400  # characters of a document's text around its first match, cut to a snippet


def _document_conditions(f: SearchFilters, alias: str, params: dict) -> list[str]:
    """SQL conditions on a documents row ``alias`` for the outlet and the publication period."""
    where = []
    if f.outlet:
        params["outlet"] = (
            "%" + f.outlet.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        where.append(f"lower({alias}.outlet) LIKE :outlet ESCAPE '\\'")
    for bound, op in (("since", ">="), ("until", "<=")):
        if getattr(f, bound):
            params[bound] = getattr(f, bound)
            where.append(
                f"{alias}.published IS NOT NULL AND {alias}.published {op} "
                f"substr(:{bound}, 1, length({alias}.published))"
            )
    return where


def _pair_condition(f: SearchFilters, params: dict) -> str | None:
    """A condition on a facts row ``f`` for the pair / country filters."""
    where = []
    if f.pair:
        params["pa"], params["pb"] = f.pair
        where.append("f.pair_a = :pa AND f.pair_b = :pb")
    if f.country:
        params["c"] = f.country
        where.append("(f.pair_a = :c OR f.pair_b = :c)")
    return " AND ".join(where) or None


def _sentence_filter(f: SearchFilters, params: dict) -> str:
    """``AND ...`` restricting sentence ids (``sid``, a column expression) to the filters, or ``""``."""
    where = []
    docs = _document_conditions(f, "d", params)
    if docs:
        where.append(f"s.doc_id IN (SELECT d.id FROM documents d WHERE {' AND '.join(docs)})")
    pair = _pair_condition(f, params)
    if pair:
        where.append(
            f"s.id IN (SELECT sp.sentence_id FROM spans sp JOIN facts f ON f.id = sp.fact_id WHERE {pair})"
        )
    return " AND ".join(where)


def _document_filter(f: SearchFilters, params: dict) -> str:
    where = _document_conditions(f, "d", params)
    pair = _pair_condition(f, params)
    if pair:
        where.append(f"d.id IN (SELECT f.doc_id FROM facts f WHERE f.type = 'relation' AND {pair})")
    return " AND ".join(where)


def _filtered_sentences(session: Session, terms: list[str], f: SearchFilters, n: int, op: str):
    """The ``n`` best sentences matching ``terms`` that pass the filters (the newest CANDIDATES ranked)."""
    params: dict = {"n": n, "k": CANDIDATES}
    cond = _sentence_filter(f, params)
    if session.get_bind().dialect.name == "sqlite":
        params["q"] = f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = session.execute(
            text(
                "WITH cand AS (SELECT rowid AS id FROM sentences_fts WHERE sentences_fts MATCH :q "
                f"AND rowid IN (SELECT s.id FROM sentences s WHERE {cond}) ORDER BY rowid DESC LIMIT :k) "
                "SELECT sentences_fts.rowid, sentences_fts.rank FROM sentences_fts JOIN cand ON cand.id = sentences_fts.rowid "
                "WHERE sentences_fts MATCH :q ORDER BY sentences_fts.rank, sentences_fts.rowid LIMIT :n"
            ),
            params,
        ).all()
        if not rows:
            return []
        ids = ",".join(str(int(r[0])) for r in rows)
        where = {
            r.id: r
            for r in session.execute(
                text(f'SELECT id, doc_id, start, "end", text FROM sentences WHERE id IN ({ids})')
            )
        }
        return [
            (sid, where[sid].doc_id, where[sid].start, where[sid].end, snippet(where[sid].text, terms), -rank)
            for sid, rank in rows
            if sid in where
        ]
    params["q"] = (" or " if op == "OR" else " ").join(terms)
    return session.execute(
        text(
            "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS q), "
            f"cand AS (SELECT s.id, s.tsv FROM sentences s, q WHERE s.tsv @@ q.q AND {cond} ORDER BY s.id DESC LIMIT :k), "
            "top AS (SELECT cand.id, ts_rank(cand.tsv, q.q) AS rank FROM cand, q ORDER BY rank DESC, cand.id LIMIT :n) "
            'SELECT s.id, s.doc_id, s.start, s."end", s.text, top.rank FROM top JOIN sentences s ON s.id = top.id '
            "ORDER BY top.rank DESC, s.id"
        ),
        params,
    ).all()


def _document_matches(
    session: Session, terms: list[str], f: SearchFilters, n: int, op: str
) -> list[tuple[str, float]]:
    """``(doc_id, rank)`` of the ``n`` best documents whose title or text matches (the newest CANDIDATES)."""
    params: dict = {"n": n, "k": CANDIDATES}
    cond = _document_filter(f, params)
    if session.get_bind().dialect.name == "sqlite":
        params["q"] = f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)
        restrict = f"AND rowid IN (SELECT d.rowid FROM documents d WHERE {cond}) " if cond else ""
        rows = session.execute(
            text(
                f"WITH cand AS (SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH :q {restrict}"
                "ORDER BY rowid DESC LIMIT :k), "
                "top AS (SELECT documents_fts.rowid AS id, documents_fts.rank AS rank FROM documents_fts "
                "JOIN cand ON cand.id = documents_fts.rowid WHERE documents_fts MATCH :q "
                "ORDER BY documents_fts.rank, documents_fts.rowid LIMIT :n) "
                "SELECT d.id, top.rank FROM top JOIN documents d ON d.rowid = top.id ORDER BY top.rank, top.id"
            ),
            params,
        ).all()
        return [(doc_id, -rank) for doc_id, rank in rows]
    params["q"] = (" or " if op == "OR" else " ").join(terms)
    restrict = f"AND {cond} " if cond else ""
    return [
        (doc_id, float(rank))
        for doc_id, rank in session.execute(
            text(
                "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS q), "
                f"cand AS (SELECT d.id, d.tsv FROM documents d, q WHERE d.tsv @@ q.q {restrict}ORDER BY d.id DESC LIMIT :k) "
                "SELECT cand.id, ts_rank(cand.tsv, q.q) AS rank FROM cand, q ORDER BY rank DESC, cand.id LIMIT :n"
            ),
            params,
        ).all()
    ]


def _first_match(body: str, terms: list[str]) -> tuple[int, int]:
    """The window of ``body`` (``TEXT_WINDOW`` characters, on word bounds) around its first matching word."""
    wanted = {stem(t) for t in terms}
    at = next((m.start() for m in WORD.finditer(body) if stem(m.group()) in wanted), 0)
    start = max(0, at - TEXT_WINDOW // 3)
    end = min(len(body), start + TEXT_WINDOW)
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    while end < len(body) and not body[end].isspace():
        end += 1
    return start, end


def _document_hits(session: Session, matches: list[tuple[str, float]], terms: list[str]) -> list[SearchHit]:
    if not matches:
        return []
    ids = [doc_id for doc_id, _ in matches]
    docs = {
        d.id: d
        for d in session.execute(
            text("SELECT id, name, title, published, text FROM documents WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        )
    }
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for doc_id, a, b in session.execute(
        text(
            "SELECT doc_id, pair_a, pair_b FROM facts WHERE type = 'relation' AND doc_id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": ids},
    ):
        pairs[doc_id].add((a, b))
    hits = []
    for doc_id, rank in matches:
        d = docs.get(doc_id)
        if d is None:
            continue
        start, end = _first_match(d.text, terms)
        hits.append(
            SearchHit.model_construct(
                doc_id=doc_id,
                name=d.name,
                title=d.title,
                published=d.published,
                start=start,
                end=end,
                snippet=snippet(d.text[start:end], terms),
                rank=float(rank),
                match="text",
                pairs=[list(p) for p in sorted(pairs[doc_id])],
            )
        )
    return hits


def search_filtered(
    session: Session, q: str, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    """Evidence sentences, then documents (title or text) no sentence hit has shown, all passing ``filters``;
    the ``limit`` hits after the first ``offset``."""
    f = filters or SearchFilters()
    terms = _terms(q)
    if not terms:
        return []
    want = offset + limit
    if f.any:
        rows = _filtered_sentences(session, terms, f, want, "AND")
        if not rows and len(terms) > 1:
            rows = _filtered_sentences(session, terms, f, want, "OR")
        if rows and session.get_bind().dialect.name != "sqlite":
            rows = [
                (sid, doc_id, start, end, snippet(body, terms), rank)
                for sid, doc_id, start, end, body, rank in rows
            ]
        sentences = _hits(session, rows)
    else:
        sentences = search_sentences(session, q, want)
    hits = list(sentences)
    if not f.evidence_only and len(hits) < want:
        shown = {h.doc_id for h in hits}
        matches = _document_matches(session, terms, f, want + len(shown), "AND")
        if not matches and len(terms) > 1:
            matches = _document_matches(session, terms, f, want + len(shown), "OR")
        hits += _document_hits(session, [m for m in matches if m[0] not in shown][: want - len(hits)], terms)
    return hits[offset : offset + limit]
