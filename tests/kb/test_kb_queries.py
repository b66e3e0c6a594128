"""The knowledge-base query suite, on SQLite and (when ENTENTE_TEST_PG_URL is set) PostgreSQL.

Records are built directly from our own small texts (entente.kb.testing.Article),
so these tests check the store, merge and queries against the record contract,
independent of what the extraction rules find.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import KB_BACKENDS
from entente.kb import queries
from entente.kb.testing import Article, TableExtractor
from kb_corpus import JM, KM, TODAY, corpus

BACKENDS = KB_BACKENDS


def ingest(kb, articles, **kw):
    extractor = TableExtractor(articles)
    from entente.kb.ingest import ingest as run

    with kb.session() as s:
        return run(s, [a.document() for a in articles], extractor=extractor, **kw), extractor


def test_ingest_twice_adds_nothing(kb):
    first, _ = ingest(kb, corpus())
    assert (first.added, first.skipped, first.failures) == (6, 0, [])
    with kb.session() as s:
        counts = queries.stats(s)
    second, extractor = ingest(kb, corpus())
    assert (second.added, second.skipped) == (0, 6)
    assert extractor.calls == 0
    with kb.session() as s:
        assert queries.stats(s) == counts
    assert counts["documents"] == 6 and counts["spans"] > 0 and counts["merged"] > 0


def test_reextract_redoes_only_older_versions(kb, monkeypatch):
    ingest(kb, corpus())
    with kb.session() as s:
        counts = queries.stats(s)
    same, extractor = ingest(kb, corpus(), reextract=True)
    assert same.reextracted == 0 and extractor.calls == 0
    import entente.kb.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "PIPELINE_VERSION", "newer")
    redone, extractor = ingest(kb, corpus(), reextract=True)
    assert (redone.reextracted, redone.added, extractor.calls) == (6, 0, 6)
    with kb.session() as s:
        assert queries.stats(s) == counts


def test_pairs_summary(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        got = {tuple(p.pair): p for p in queries.pairs(s)}
    assert set(got) == {JM, KM}
    jm = got[JM]
    assert jm.documents == 4 and jm.level == "comprehensive_strategic_partnership"
    assert jm.last_event is not None and jm.last_event.date == "2024-11-25" and jm.last_event.status == "occurred"
    assert got[KM].conflicts == 1  # two dates for one dialogue


def test_profile_merges_reports_and_promotes_planned_meeting(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        p = queries.profile(s, "Malaysia", "japanese", today=TODAY)
    meetings = [e for e in p.events if e.kind == "meeting"]
    assert len(meetings) == 1
    m = meetings[0]
    assert m.status == "occurred" and m.promoted and "planned" in m.statuses
    assert sorted(src.name for src in m.sources) == ["a1.txt", "a2.txt", "a3.txt"]
    assert not m.conflict and m.date == "2024-11-25" and m.place == "Tokyo"
    assert set(m.participants) == {"Ishiba Shigeru", "Anwar Ibrahim"}
    # every source carries its evidence spans, which point into that document's text
    for src in m.sources:
        doc = queries.document(s, src.doc_id)
        assert src.spans and all(doc.text[sp.start:sp.end] == sp.text for sp in src.spans)


def test_profile_levels_areas_agreements_commitments_figures(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        p = queries.profile(s, "JPN", "MYS", today=TODAY)
    assert p.level == "comprehensive_strategic_partnership"
    step = next(x for x in p.levels if x.level == "comprehensive_strategic_partnership")
    assert step.status == "occurred" and step.date == "2024-11-25" and step.previous == "strategic_partnership"
    assert len(step.sources) == 2
    semi = next(a for a in p.areas if a.area == "semiconductors")
    assert (semi.status, semi.source_count, semi.first_seen, semi.last_seen) == ("agreed", 2, "2024-11-25", "2024-11-26")
    assert [g.kind for g in p.agreements["signed"]] == ["mou"]
    assert [g.kind for g in p.agreements["concluded"]] == ["fta"]
    fulfilled = p.commitments["fulfilled"]
    assert len(fulfilled) == 1 and "Economic Partnership" in (fulfilled[0].fulfilled_by or "")
    figures = [f for f in p.figures if f.metric == "trade_value"]
    assert sorted(f.value for f in figures) == [100e9, 120e9] and all(f.conflict for f in figures)
    conflict = next(c for c in p.conflicts if c.kind == "figure_value")
    assert len(conflict.values) == 2 and all(v.sources for v in conflict.values)


def test_event_date_conflict_and_overdue_commitment(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        p = queries.profile(s, "korea", "MYS", today=TODAY)
    dialogue = [e for e in p.events if e.kind == "dialogue"]
    assert len(dialogue) == 1 and dialogue[0].conflict and len(dialogue[0].sources) == 2
    c = next(c for c in p.conflicts if c.kind == "event_date")
    assert sorted(v.value for v in c.values) == ["2024-06-10", "2024-06-12"]
    assert [x.text for x in p.commitments["overdue"]] == ["finish a halal certification roadmap"]
    with kb.session() as s:
        early = queries.profile(s, "KOR", "MYS", today=dt.date(2023, 12, 5))
    assert "due" in early.commitments


def test_timeline_compare_people_search_documents(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        tl = queries.timeline(s, "Malaysia")
        assert [e.date for e in tl if e.date] == sorted(e.date for e in tl if e.date)
        assert {e.partner for e in tl} == {"JPN", "KOR"}
        since = queries.timeline(s, "MYS", partner="Japan", since="2025-01-01")
        assert [(e.type, e.kind) for e in since] == [("agreement", "fta")]
        m = queries.compare(s, "MYS", ["JPN", "KOR", "USA"])
        assert m.cells["semiconductors"]["JPN"].source_count == 2
        assert m.cells["halal"]["KOR"].status == "planned" and m.cells["halal"]["USA"] is None
        people = queries.people(s, country="malaysian")
        assert [(x.name, x.document_count) for x in people] == [("Anwar Ibrahim", 2)]
        hits = queries.search(s, "semiconductor supply chains")
        assert hits and hits[0].name == "a3.txt" and "[" in hits[0].snippet
        assert ["JPN", "MYS"] in hits[0].pairs
        assert queries.search(s, "zebra crossing") == []
        page = queries.documents(s, limit=2, offset=0)
        assert page.total == 6 and len(page.items) == 2 and page.items[0].published == "2025-03-01"
        view = queries.document(s, page.items[0].id)
        assert view.record["doc"]["id"] == view.summary.id
        assert all(view.text[sp.start:sp.end] == sp.text for sp in view.spans)
        with pytest.raises(queries.NotFound):
            queries.document(s, "0" * 64)
        with pytest.raises(queries.UnknownCountry):
            queries.profile(s, "Atlantis", "MYS")
        with pytest.raises(queries.NotFound):
            queries.profile(s, "FRA", "MYS")


def test_ingest_text_and_failures(kb):
    art = corpus()[0]
    with kb.session() as s:
        import entente.extract.pipeline as pipeline

        extractor = TableExtractor([art])
        original = pipeline.default_extractor
        pipeline.default_extractor = lambda: extractor
        try:
            res = queries.ingest_text(s, art.text, name="a1.txt", published="2024-11-20")
            empty = queries.ingest_text(s, "  \n ")
            from entente.read.document import ReadError

            bad = queries.ingest_documents(s, [ReadError("x.bin", "binary file"),
                                               Article("Unprepared text.", "u.txt").document()])
        finally:
            pipeline.default_extractor = original
    assert res.added == 1 and res.doc_ids == [art.document().sha256]
    assert empty.failures and empty.added == 0
    assert [f[0] for f in bad.failures] == ["x.bin", "u.txt"] and "extraction failed" in bad.failures[1][1]


def test_undated_held_event_joins_the_announced_one(kb):
    ann = Article("Chile's president will visit Peru on 3 March for talks.", "ann.txt", published="2025-02-20")
    ann.event(("CHL", "PER"), "visit", "planned", "will visit Peru on 3 March", date="2025-03-03")
    held = Article("The Chilean president arrived in Lima for a visit and held talks.", "held.txt",
                   published="2025-03-04")
    held.event(("CHL", "PER"), "visit", "occurred", "arrived in Lima for a visit")
    ingest(kb, [ann, held])
    with kb.session() as s:
        (visit,) = queries.profile(s, "Chile", "Peru").events
    assert visit.status == "occurred" and visit.promoted and visit.date == "2025-03-03"
    assert [x.name for x in visit.sources] == ["ann.txt", "held.txt"]


def test_stored_profiles_equal_profiles_read_back(kb):
    """The merge builds each pair's stored profile from what it just wrote; it equals the profile built by
    reading the merged rows back (conflicts, capped sources and documents included)."""
    from sqlalchemy import select

    from entente.kb.profile_cache import cached_profile, unpack_body
    from entente.kb.schema import PairProfileRow

    ingest(kb, corpus())
    with kb.session() as s:
        stored = s.execute(select(PairProfileRow.pair_a, PairProfileRow.pair_b, PairProfileRow.body)).all()
        assert {(a, b) for a, b, _ in stored} >= {JM, KM}
        for a, b, body in stored:
            assert unpack_body(body) == unpack_body(cached_profile(s, a, b))


def test_figure_values_cluster_as_a_linear_scan_would():
    """merge._cluster_values (sorted first values, bisect) groups exactly as testing every cluster in order."""
    import random

    from entente.kb.rules import _cluster_values

    class Fact:
        def __init__(self, value):
            self.data = {"value": value}

    def scan(facts, tol):
        clusters = []
        for f in facts:
            v = float(f.data["value"] or 0)
            near = next((c for c in clusters if abs(float(c[0].data["value"] or 0) - v)
                         <= tol * max(abs(v), abs(float(c[0].data["value"] or 0)), 1e-9)), None)
            if near is None:
                clusters.append([f])
            else:
                near.append(f)
        return clusters

    rng = random.Random(4)
    for _ in range(500):
        tol = rng.choice([0.0, 0.01, 0.05, 0.3])
        facts = [Fact(rng.choice([0, rng.uniform(-50, 50), rng.choice([1e9, 1.02e9, 0.98e9]), round(rng.uniform(0, 3), 1)]))
                 for _ in range(rng.randint(0, 25))]
        assert [[id(f) for f in c] for c in _cluster_values(facts, tol)] == [[id(f) for f in c] for c in scan(facts, tol)]


def test_merge_runs_with_the_collector_paused_and_gives_it_back(kb, monkeypatch):
    """The final merge pauses the cyclic garbage collector (its garbage is freed by reference counting) and
    leaves it as it found it: enabled again after a merge, also one that fails, and still off if it was off."""
    import gc

    from entente.gcpause import collector_paused
    from entente.kb import refresh as merge

    seen: list[bool] = []
    merge_pair = merge.merge_pair
    monkeypatch.setattr(merge, "merge_pair", lambda facts: seen.append(gc.isenabled()) or merge_pair(facts))
    assert gc.isenabled()
    ingest(kb, corpus())
    assert seen and not any(seen) and gc.isenabled()

    def broken(facts):
        raise RuntimeError("merge failed")

    monkeypatch.setattr(merge, "merge_pair", broken)
    with kb.session() as s:
        s.add_all([merge.DirtyRow(scope=f"pair:{JM[0]}-{JM[1]}")])
        s.flush()
        with pytest.raises(RuntimeError):
            merge.refresh_merged(s)
        s.rollback()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
