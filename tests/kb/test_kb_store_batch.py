"""The batched store and the streamed merge: what they write is what the record says, once."""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql

from entente.bench.generate import generate
from entente.kb.ingest import ingest
from entente.kb.profile_cache import unpack_body
from entente.kb.rules import F, merge_agreements
from entente.kb.schema import DocumentRow, FactRow, MergedRow, SentenceRow, SpanRow
from entente.kb.store import _SENT_END, Sentences, mark_dirty, store_records
from entente.kb.testing import Article, TableExtractor, numbered_corpus


def _windowed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of a span found by scanning around it (how it was computed before Sentences)."""
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


def test_sentence_bounds_by_binary_search_match_a_scan():
    rng = random.Random(5)
    texts = [a["text"] for a in generate(40, 2)] + ['He said "yes." Then?! No...\n\nA line.\nEnd. ' * 40]
    for text in texts:
        sentences = Sentences(text)
        for _ in range(200):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randrange(1, 80))
            assert sentences.bounds(start, end) == _windowed_bounds(text, start, end)


def test_a_batch_stores_each_document_once_with_its_facts_spans_and_sentences(kb):
    articles = numbered_corpus(6)
    items = [(a.document(), a.record().to_json_dict()) for a in articles]
    with kb.session() as s:
        scopes = store_records(s, items + [items[0]])  # the same text twice in one batch
        s.commit()
        assert scopes[-1] is None and all(x for x in scopes[:-1])
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 6
        facts = s.scalar(select(func.count()).select_from(FactRow))
        assert facts == sum(1 + 4 for _ in articles)  # the relation and its event, 2 areas, agreement
        for span in s.scalars(select(SpanRow)):
            sentence = s.get(SentenceRow, span.sentence_id)
            assert sentence.doc_id == span.doc_id and sentence.start <= span.start and span.end <= sentence.end
        assert store_records(s, items[:2]) == [None, None]  # stored already (e.g. by another writer)


def _agreement(fid: int, kind: str, published: str, deadline: str | None = None) -> F:
    data = {"kind": kind, "title": None, "status": "signed", "date": None, "areas": [],
            "deadline": {"start": deadline, "precision": "year", "text": deadline} if deadline else None}
    return F(fid, f"d{fid}", published, "agreement", kind, "signed", None, data)


def test_untitled_undated_agreements_merge_by_kind_and_month_or_deadline():
    merged = merge_agreements([
        _agreement(1, "mou", "2024-03-02"), _agreement(2, "mou", "2024-03-28"), _agreement(3, "mou", "2024-04-01"),
        _agreement(4, "fta", "2024-03-05"), _agreement(5, "fta", "2021-01-01", "2026"),
        _agreement(6, "fta", "2023-07-09", "2026"), _agreement(7, "mou", None)])
    groups = sorted(sorted(m.fact_ids) for m in merged)
    assert groups == [[1, 2], [3], [4], [5, 6], [7]]


def test_people_merge_one_name_at_a_time_like_all_at_once(kb):
    articles = []
    for i, (name, country) in enumerate([("Anwar Ibrahim", "MYS"), ("Anwar Ibrahim", None), ("Kishida", "JPN"),
                                         ("anwar ibrahim", "MYS"), ("Kishida", None), ("Kishida", "KOR")]):
        art = Article(f"Report {i}: {name} spoke.", f"p{i}.txt", published=f"2024-01-{i + 1:02d}")
        art.person(name, country, name)
        articles.append(art)
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles), batch_size=2)
        people = sorted((r.data["name"].lower(), r.data["country"] or "", r.data["document_count"])
                        for r in s.scalars(select(MergedRow).where(MergedRow.type == "person")))
    # an unplaced name joins the only placed person of that name; with two (Kishida), it stays apart
    assert people == [("anwar ibrahim", "MYS", 3), ("kishida", "", 1), ("kishida", "JPN", 1), ("kishida", "KOR", 1)]


def test_generated_articles_are_distinct_and_reproducible():
    first = [a["text"] for a in generate(3000, 7)]
    assert len(set(first)) == len(first)
    assert first[:200] == [a["text"] for a in generate(200, 7)]


def test_pair_chunks_bound_the_facts_held_at_once():
    from entente.kb.refresh import pair_chunks

    pairs = [("A", "B"), ("A", "C"), ("B", "C"), ("C", "D"), ("D", "E")]
    counts = {("A", "B"): 15, ("A", "C"): 3, ("B", "C"): 40, ("C", "D"): 1}  # ("D", "E"): no facts
    chunks = pair_chunks(pairs, counts, max_pairs=3, max_facts=20)
    assert [p for chunk in chunks for p in chunk] == pairs  # every pair once, in order
    assert chunks == [[("A", "B"), ("A", "C")], [("B", "C")], [("C", "D"), ("D", "E")]]
    assert all(len(c) <= 3 and (len(c) == 1 or sum(counts.get(p, 0) for p in c) <= 20) for c in chunks)
    assert pair_chunks([], counts) == []


def test_merge_in_small_chunks_writes_what_one_chunk_writes(kb, monkeypatch):
    """However the pairs are cut into chunks (by facts held), the merged rows and profiles are the same."""
    from entente.kb import refresh as merge

    articles = numbered_corpus(12)

    def dump(s) -> list:
        merged = list(s.scalars(select(MergedRow).order_by(MergedRow.id)))
        rows = [(r.type, r.pair_a, r.pair_b, r.key, r.status, r.data) for r in merged]
        # Merged ids differ between the runs where the backend does not reuse them (PostgreSQL's sequences):
        # a profile's items are compared by their row's rank in id order instead.
        rank = {r.id: i for i, r in enumerate(merged)}

        def ranked(node):
            if isinstance(node, dict):
                return {k: (("rank", rank[v]) if k == "id" and isinstance(v, int) else ranked(v))
                        for k, v in node.items()}
            return [ranked(v) for v in node] if isinstance(node, list) else node

        profiles = s.connection().exec_driver_sql(
            "SELECT pair_a, pair_b, body FROM pair_profiles ORDER BY pair_a, pair_b").all()
        return [rows, [(a, b, ranked(json.loads(unpack_body(body)))) for a, b, body in profiles]]

    dumps = []
    for facts in (10**9, 1):
        monkeypatch.setattr(merge, "FACT_CHUNK", facts)
        with kb.session() as s:
            s.connection().exec_driver_sql("DELETE FROM merged_sources")
            s.connection().exec_driver_sql("DELETE FROM merged")
            s.connection().exec_driver_sql("DELETE FROM pair_profiles")
            s.commit()
            if not dumps:
                ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles), batch_size=4)
            else:
                for a, b in {(r[1], r[2]) for r in dumps[0][0] if r[1]}:
                    mark_dirty(s, {f"pair:{a}-{b}"})
                s.commit()
                merge.refresh_merged(s)
                s.commit()
            dumps.append(dump(s))
    assert dumps[0] == dumps[1] and dumps[0][0]

def test_dirty_marks_are_written_once_however_often_given(kb):
    from entente.kb.schema import DirtyRow
    from entente.kb.store import mark_dirty

    with kb.session() as s:
        mark_dirty(s, {"pair:JPN-MYS", "people"})
        s.commit()
        mark_dirty(s, {"people", "pair:AUS-IDN", "pair:JPN-MYS"})  # (marked already: kept once)
        mark_dirty(s, set())
        s.commit()
        assert sorted(s.scalars(select(DirtyRow.scope))) == ["pair:AUS-IDN", "pair:JPN-MYS", "people"]


def test_profile_sources_are_built_as_model_construct_builds_them():
    from entente.kb.queries import SourceRef
    from entente.kb.sources import construct_plain as _construct_plain
    from entente.record import Span

    span = {"start": 3, "end": 9, "text": "Malays"}
    ref = {
        "doc_id": "d1",
        "name": "a.txt",
        "title": None,
        "outlet": "X",
        "url": None,
        "published": "2024-01-02",
    }
    for cls, values in ((Span, span), (SourceRef, {**ref, "spans": [Span(**span)]})):
        built, constructed = _construct_plain(cls)(dict(values)), cls.model_construct(**values)
        assert type(built) is cls and built == constructed
        assert built.__pydantic_fields_set__ == constructed.__pydantic_fields_set__
        assert built.__pydantic_extra__ == constructed.__pydantic_extra__
        assert built.model_dump_json() == constructed.model_dump_json()


def _rows(session, table: str) -> list[tuple]:
    names = session.execute(sql(f"SELECT * FROM {table} LIMIT 0")).keys()
    listed = ", ".join(f'CAST("{c}" AS TEXT)' for c in names if c != "ingested_at")
    return sorted((tuple(r) for r in session.execute(sql(f"SELECT {listed} FROM {table}"))), key=repr)


def test_rows_written_many_per_statement_are_those_written_one_by_one(kb, monkeypatch):
    """However SQLite's parameter limit cuts them into statements, the fact, sentence and span rows (text with
    quotes, a NUL and a character beyond the BMP among them) are those ``executemany`` writes."""
    from entente.kb import sqlutil, store

    if kb.dialect != "sqlite":
        pytest.skip("elsewhere insert_rows_at_once is insert_rows (and reserved ids are not reused)")
    odd = Article(
        "Japan and Malaysia agreed: \x00 a NUL, \u201cquotes\u201d, \U0001f91d and 'more'.\nEnd.", "odd.txt"
    )
    odd.event(("JPN", "MYS"), "meeting", "occurred", "Japan and Malaysia agreed")
    articles = [*numbered_corpus(12), odd]
    items = [(a.document(), a.record().to_json_dict()) for a in articles]
    tables = ("documents", "facts", "sentences", "spans")
    dumps = []
    for limit in (None, 11, 7, 1):
        if limit == 1:  # one row per statement, as before
            monkeypatch.setattr(store, "insert_rows_at_once", sqlutil.insert_rows)
        elif limit is not None:
            monkeypatch.setattr(sqlutil, "_max_variables", lambda conn, n=limit: n)
        with kb.session() as s:
            for table in reversed(tables):
                s.execute(sql(f"DELETE FROM {table}"))
            s.commit()
            assert all(x is not None for x in store.store_records(s, items))
            s.commit()
            dumps.append({table: _rows(s, table) for table in tables})
            hits = s.execute(
                sql("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'Malaysia'")
            ).scalar()
            assert hits == sum("Malaysia" in row[-1] for row in dumps[-1]["sentences"]) > 0
    assert all(d == dumps[0] for d in dumps[1:])
    assert len(dumps[0]["spans"]) > 20 and any("  a NUL" in row[4] for row in dumps[0]["sentences"])  # NUL stored as a space (read/document.py)


def test_statement_sizes_cover_the_rows_with_few_distinct_statements():
    from entente.kb.sqlutil import statement_sizes

    for most in (1, 3, 512, 5461):
        seen: set[int] = set()
        for n in range(0, 3000, 7):
            sizes = statement_sizes(n, most)
            assert sum(sizes) == n and all(s & (s - 1) == 0 and s <= most for s in sizes)
            seen.update(sizes)
        assert len(seen) <= most.bit_length()  # powers of two only: the driver caches few statements
