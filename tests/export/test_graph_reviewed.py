"""GraphML edges count the facts an analyst reviewed (``reviewed``), read in one scan of the merged view:
the same numbers as counting the provenance of every fact of every pair's profile, on SQLite and PostgreSQL
(our own texts, records from TableExtractor)."""

from __future__ import annotations

from entente.export.graph import build_graph
from entente.kb import queries
from entente.kb.ingest import ingest
from entente.kb.lookups import reviewed_counts
from entente.kb.reviews import add_review
from entente.kb.testing import TableExtractor
from kb_corpus import corpus
from review_corpus import TEXT, article


def _by_profiles(session) -> dict[tuple[str, str], int]:
    out = {}
    for summary in queries.pairs(session):
        p = queries.profile(session, *summary.pair, max_sources=1, max_items=None)
        n = sum(1 for fact in p.facts() if fact.provenance != "machine")
        if n:
            out[tuple(summary.pair)] = n
    return out


def test_reviewed_counts_agree_with_the_profiles(kb):
    arts = [*corpus(), article()]
    with kb.session() as s:
        ingest(s, [a.document() for a in arts], extractor=TableExtractor(arts))
        assert reviewed_counts(s) == {} == _by_profiles(s)
        fr_in = article().document().sha256
        add_review(s, fr_in, "area", "reject", key="area:FRA-IND:space")
        add_review(s, fr_in, "area", "correct", key="area:FRA-IND:defence", fields={"status": "ongoing"})
        add_review(s, fr_in, "event", "accept", key="event:FRA-IND:visit|2025-03-03")
        start = TEXT.index("A roadmap")
        add_review(
            s,
            fr_in,
            "agreement",
            "add",
            pair=("FRA", "IND"),
            fields={"kind": "action_plan", "status": "signed", "title": "Hydrogen Roadmap"},
            spans=[{"start": start, "end": len(TEXT) - 1}],
        )
        assert reviewed_counts(s) == {("FRA", "IND"): 3} == _by_profiles(s)
        g = build_graph(s)
        assert g.edges["FRA", "IND"]["reviewed"] == 3 and g.edges["JPN", "MYS"]["reviewed"] == 0
