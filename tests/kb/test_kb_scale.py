"""Queries at scale: capped sources with counts, the cross-pair queries, deleting a document,
and the precomputed source columns (with their fallback and migration), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, select, update

from conftest import KB_BACKENDS
from entente.kb import queries
from entente.kb.ingest import ingest as run_ingest
from entente.kb.schema import DirtyRow, MergedRow, PairProfileRow, SentenceRow
from entente.kb.testing import Article, TableExtractor

BACKENDS = KB_BACKENDS
TODAY = dt.date(2025, 6, 1)
FI = ("FIN", "IND")
BN = ("BRA", "NGA")



def corpus() -> list[Article]:
    """Eight reports of one Finland-India meeting (on eight publication days), plus two other pairs."""
    out = []
    for i in range(8):
        art = Article(f"Report number {i}: Finnish minister Aino Virtanen and Indian ministers met in Helsinki on "
                      f"3 March 2025 to talk about clean energy and research, the {i}th account of the visit.",
                      f"fi{i}.txt", published=f"2025-03-{4 + i:02d}")
        minister = art.person("Aino Virtanen", "FIN")
        art.event(FI, "meeting", "occurred", "ministers met in Helsinki on 3 March 2025", date="2025-03-03",
                  place="Helsinki", place_country="FIN", participants=(minister,))
        art.area(FI, "energy", "discussed", "clean energy")
        out.append(art)
    b1 = Article("Brazil and Nigeria will complete a biofuels roadmap by March 2025, officials said in Abuja on "
                 "2 January 2025, when the two foreign ministers met.", "bn1.txt", published="2025-01-02")
    b1.event(BN, "meeting", "occurred", "the two foreign ministers met", date="2025-01-02", place="Abuja")
    b1.commitment(BN, "complete a biofuels roadmap", "complete a biofuels roadmap by March 2025", deadline="2025-03")
    b2 = Article("Brazil and Nigeria plan to open a direct shipping line by 2027, a statement said on 20 May 2025 "
                 "after trade talks in Lagos.", "bn2.txt", published="2025-05-20")
    b2.event(BN, "meeting", "occurred", "trade talks in Lagos", date="2025-05-20", place="Lagos")
    b2.commitment(BN, "open a direct shipping line", "open a direct shipping line by 2027", deadline="2027")
    b3 = Article("Brazil and Nigeria agreed to set up a joint health commission by 10 June 2025, officials said "
                 "on 28 May 2025.", "bn3.txt", published="2025-05-28")
    b3.commitment(BN, "set up a joint health commission", "set up a joint health commission by 10 June 2025",
                  deadline="2025-06-10")
    return out + [b1, b2, b3]


def ingest(kb, articles):
    with kb.session() as s:
        return run_ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))


def test_profile_caps_sources_to_the_most_recent_and_counts_all(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        capped = queries.profile(s, "Finland", "India", today=TODAY)
        full = queries.profile(s, "FIN", "IND", today=TODAY, max_sources=None)
        two = queries.profile(s, "FIN", "IND", today=TODAY, max_sources=2)
    (event,) = capped.events
    assert event.source_count == 8
    assert [src.name for src in event.sources] == [f"fi{i}.txt" for i in range(3, 8)]  # five newest, oldest first
    assert all(sp.text for src in event.sources for sp in src.spans)
    (everything,) = full.events
    assert everything.source_count == 8 and [src.name for src in everything.sources] == [f"fi{i}.txt" for i in range(8)]
    assert [src.name for src in two.events[0].sources] == ["fi6.txt", "fi7.txt"]
    (area,) = capped.areas
    assert (area.source_count, len(area.sources)) == (8, 5)
    (person,) = capped.people
    assert person.name == "Aino Virtanen" and (person.document_count, person.source_count, len(person.sources)) == (8, 8, 5)


def test_timeline_and_people_cap_sources(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        (entry,) = queries.timeline(s, "FIN")
        (entry_all,) = queries.timeline(s, "FIN", max_sources=None)
        people = {p.name: p for p in queries.people(s, "FIN")}
    assert (entry.source_count, len(entry.sources), len(entry_all.sources)) == (8, 5, 8)
    assert (people["Aino Virtanen"].source_count, len(people["Aino Virtanen"].sources)) == (8, 5)


@pytest.mark.parametrize("pair", [FI, BN])
def test_without_precomputed_rows_the_same_answers(kb, pair):
    """A profile is the same from its materialised row, from the merged rows, and from merged rows
    of before the source columns existed (answered from all their sources)."""
    ingest(kb, corpus())
    with kb.session() as s:
        assert s.scalar(select(func.count()).select_from(PairProfileRow)) == 2
        cached = queries.profile(s, *pair, today=TODAY).model_dump()
        s.execute(delete(PairProfileRow))
        s.commit()
        live = queries.profile(s, *pair, today=TODAY).model_dump()
        s.execute(update(MergedRow).values(source_count=None, recent_fact_ids=None))
        s.commit()
        old = queries.profile(s, *pair, today=TODAY).model_dump()
    assert cached == live == old
    assert cached["today"] == TODAY.isoformat() and (cached["people"] or pair == BN)


def test_recent_events_across_pairs(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        events = queries.recent_events(s, limit=2)
        everything = queries.recent_events(s, limit=10)
    assert [(e.date, e.pair) for e in events] == [("2025-05-20", ["BRA", "NGA"]), ("2025-03-03", ["FIN", "IND"])]
    assert [e.date for e in everything] == ["2025-05-20", "2025-03-03", "2025-01-02"]
    assert everything[1].source_count == 8 and len(everything[1].sources) == 5


def test_open_commitments_across_pairs(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        got = queries.open_commitments(s, today=TODAY)
        first = queries.open_commitments(s, today=TODAY, limit=1)
        later = queries.open_commitments(s, today=dt.date(2024, 1, 1), limit=None)
    assert [(c.state, c.deadline, c.pair) for c in got] == [
        ("overdue", "2025-03", ["BRA", "NGA"]), ("due", "2025-06-10", ["BRA", "NGA"]), ("pending", "2027", ["BRA", "NGA"])]
    assert [c.deadline for c in first] == ["2025-03"]
    assert {c.state for c in later} == {"pending"} and len(later) == 3
    assert all(c.source_count == 1 and len(c.sources) == 1 for c in got)


def test_delete_document_updates_the_merged_view(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        doc_id = next(d.id for d in queries.documents(s, limit=50).items if d.name == "fi7.txt")
        summary = queries.delete_document(s, doc_id[:12])  # an unambiguous id prefix is enough
        assert summary.id == doc_id and summary.name == "fi7.txt"
        (event,) = queries.profile(s, "FIN", "IND", today=TODAY).events
        assert event.source_count == 7 and event.sources[-1].name == "fi6.txt"
        assert queries.stats(s)["documents"] == 10
        assert s.scalar(select(func.count()).select_from(DirtyRow)) == 0
        with pytest.raises(queries.NotFound):
            queries.delete_document(s, doc_id)


def test_migration_marks_every_pair_for_a_recompute(kb):
    """Upgrading a KB merged before revision 0002 recomputes its merged view (filling the new columns)."""
    from alembic import command
    from alembic.config import Config

    from entente.kb.db import MIGRATIONS

    ingest(kb, corpus())
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with kb.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with kb.session() as s:
        s.execute(delete(DirtyRow))
        s.commit()
    with kb.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with kb.session() as s:
        dirty = set(s.scalars(select(DirtyRow.scope)))
        assert dirty == {"pair:FIN-IND", "pair:BRA-NGA", "people"}
        assert s.scalar(select(func.count()).select_from(MergedRow).where(MergedRow.source_count.is_not(None))) == 0
        (event,) = queries.profile(s, "FIN", "IND", today=TODAY).events
        assert event.source_count == 8 and len(event.sources) == 5
        assert s.scalar(select(func.count()).select_from(MergedRow).where(MergedRow.source_count.is_(None))) == 0


def test_timeline_latest_keeps_the_most_recent_dated_entries(kb):
    ingest(kb, corpus())
    with kb.session() as s:
        full = queries.timeline(s, "NGA")
        latest = queries.timeline(s, "NGA", latest=1)
        none = queries.timeline(s, "NGA", latest=0)
    assert [e.date for e in full] == ["2025-01-02", "2025-05-20"]
    assert [e.model_dump() for e in latest] == [full[-1].model_dump()] and none == []


def history() -> list[Article]:
    """Six Chile-Peru meetings a year apart (one report each), each with a trade figure of its own value."""
    out = []
    for i in range(6):
        year = 2019 + i
        art = Article(f"Chile and Peru held talks in Lima on 5 May {year}; bilateral trade reached "
                      f"{10 + i} billion dollars that year.", f"cp{i}.txt", published=f"{year}-05-06")
        art.event(("CHL", "PER"), "meeting", "occurred", "held talks in Lima", date=f"{year}-05-05", place="Lima")
        art.figure(("CHL", "PER"), "trade_value", float(10 + i) * 1e9, "USD", f"{10 + i} billion dollars",
                   period="2018")
        out.append(art)
    return out


def test_profile_caps_lists_and_counts_what_it_leaves_out(kb):
    ingest(kb, history())
    with kb.session() as s:
        whole = queries.profile(s, "CHL", "PER", today=TODAY)
        every = queries.profile(s, "CHL", "PER", today=TODAY, max_items=None)
        two = queries.profile(s, "CHL", "PER", today=TODAY, max_items=2)
        s.execute(delete(PairProfileRow))  # the same cap computed from the merged rows
        s.commit()
        live = queries.profile(s, "CHL", "PER", today=TODAY, max_items=2)
    assert whole.omitted == {} and whole.model_dump(exclude={"conflicts"}) == every.model_dump(exclude={"conflicts"})
    assert (len(whole.conflicts[0].values), whole.conflicts[0].omitted_values) == (5, 1)  # CONFLICT_VALUES
    assert (len(every.conflicts[0].values), every.conflicts[0].omitted_values) == (6, 0)
    assert [e.date for e in whole.events] == [f"{y}-05-05" for y in range(2019, 2025)]
    assert [e.date for e in two.events] == ["2023-05-05", "2024-05-05"]  # the most recent, in date order
    assert len(two.figures) == 2 and two.omitted["events"] == 4 and two.omitted["figures"] == 4
    (conflict,) = two.conflicts
    assert len(conflict.values) == 2 and conflict.omitted_values == 4
    assert live.model_dump() == two.model_dump()


def test_recapping_a_stored_profile_body(kb, monkeypatch):
    from entente.kb import profile_cache as read

    ingest(kb, history())
    with kb.session() as s:
        p, commitments = read.live_profile(s, "CHL", "PER", 5)
    body = read.CachedProfile(profile=p, commitments=commitments).model_dump_json()  # as stored before 0004
    monkeypatch.setattr(read, "STORED_ITEMS", 3)
    packed = read.recap_profile_body(body)
    stored = read.CachedProfile.model_validate_json(read.unpack_body(packed))
    assert stored.max_items == 3 and len(stored.profile.events) == 3 and stored.profile.omitted["events"] == 3
    assert len(packed) < len(body) and read.recap_profile_body(packed) == packed  # already capped: as it is
    assert read.recap_profile_body("{not json") is None and read.recap_profile_body("z1:AAAA") is None


def test_timeline_pages_newest_first(kb):
    ingest(kb, history())
    with kb.session() as s:
        full = queries.timeline(s, "PER", limit=None)
        first = queries.timeline(s, "PER", limit=2)
        second = queries.timeline(s, "PER", limit=2, offset=2)
        rest = queries.timeline(s, "PER", limit=None, offset=4)
    assert [e.date for e in full] == [f"{y}-05-05" for y in range(2019, 2025)]
    assert [e.date for e in first] == ["2023-05-05", "2024-05-05"]
    assert [e.date for e in second] == ["2021-05-05", "2022-05-05"]
    assert [e.model_dump() for e in rest + second + first] == [e.model_dump() for e in full]


def test_search_ranks_the_newest_matches_of_a_common_phrase(kb, monkeypatch):
    from entente.kb import search

    ingest(kb, history())
    with kb.session() as s:
        every = queries.search(s, "talks in Lima")
        monkeypatch.setattr(search, "CANDIDATES", 2)
        newest = queries.search(s, "talks in Lima")
        stored_last = set(s.scalars(select(SentenceRow.doc_id).where(SentenceRow.text.contains("talks in Lima"))
                                    .order_by(SentenceRow.id.desc()).limit(2)))
    assert len(every) == 6
    assert {h.doc_id for h in newest} == stored_last


def test_documents_page_newest_first_undated_last(kb):
    undated = Article("Chile and Peru held talks in Lima again, without a date this time.", "cp-undated.txt")
    ingest(kb, [*history(), undated])
    with kb.session() as s:
        page = queries.documents(s, limit=3, offset=0)
        rest = queries.documents(s, limit=10, offset=3)
    assert page.total == 7 and [d.name for d in page.items] == ["cp5.txt", "cp4.txt", "cp3.txt"]
    assert [d.name for d in rest.items] == ["cp2.txt", "cp1.txt", "cp0.txt", "cp-undated.txt"]
    assert page.items[0].pairs == [["CHL", "PER"]]
