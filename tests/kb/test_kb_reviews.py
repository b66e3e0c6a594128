"""Analyst reviews: stable fact keys, reviews applied to the merged view and surviving re-extraction,
orphaned reviews listed. Our own small texts (entente.kb.testing.Article), no spaCy."""

from __future__ import annotations

import pytest

from entente.kb import queries
from entente.kb.fact_keys import fact_key, record_keys
from entente.kb.ingest import ingest as run_ingest
from entente.kb.review_apply import Review, apply_reviews
from entente.kb.reviews import ReviewError, add_review, document_facts, list_reviews
from entente.kb.testing import Article, TableExtractor
from review_corpus import PAIR, TEXT, TODAY, article  # noqa: F401


def ingest(kb, art: Article, **kw):
    with kb.session() as s:
        return run_ingest(s, [art.document()], extractor=TableExtractor([art]), **kw)


def doc_id(art: Article) -> str:
    return art.document().sha256


def test_fact_key_survives_reextraction_and_ignores_rule_and_offsets():
    first = article().record().to_json_dict()
    again = article(rule="newer:visit_rule").record().to_json_dict()
    assert set(record_keys(first)) == set(record_keys(again))
    event = first["relations"][0]["events"][0]
    assert fact_key("event", ("IND", "FRA"), event) == "event:FRA-IND:visit|2025-03-03"
    assert (
        fact_key("agreement", PAIR, {"kind": "mou", "title": "MoU on  Hydrogen!"})
        == "agreement:FRA-IND:title|mou on hydrogen"
    )
    assert fact_key("agreement", PAIR, {"kind": "mou"}) == "agreement:FRA-IND:kind|mou"
    assert (
        fact_key("figure", PAIR, {"metric": "trade_value", "period": "2024"})
        == "figure:FRA-IND:trade_value|2024|actual"
    )


def test_apply_reviews_latest_wins_and_record_is_untouched():
    record = article().record().to_json_dict()
    key = "area:FRA-IND:space"
    reviews = [
        Review(1, "area", key, "reject", created="2025-01-01T00:00:00"),
        Review(2, "area", key, "correct", {"status": "agreed"}, created="2025-01-02T00:00:00"),
    ]
    out = apply_reviews(record, reviews)
    space = [a for a in out["relations"][0]["areas"] if a["area"] == "space"]
    assert space[0]["status"] == "agreed" and space[0]["provenance"] == "corrected"
    assert "provenance" not in record["relations"][0]["areas"][0]  # the input is not changed


def _areas(kb):
    with kb.session() as s:
        p = queries.profile(s, "France", "India", today=TODAY)
    return {a.area: a for a in p.areas}, p


def test_reject_correct_add_change_the_profile_and_survive_reextract(kb, monkeypatch):
    art = article()
    ingest(kb, art)
    did = doc_id(art)
    hydrogen = art.span("A roadmap on green hydrogen was adopted")
    with kb.session() as s:
        add_review(s, did, "area", "reject", key="area:FRA-IND:space", reviewer="ana")
        add_review(
            s,
            did,
            "event",
            "correct",
            key="event:FRA-IND:visit|2025-03-03",
            fields={"place": "Lyon", "place_country": "FRA"},
            reviewer="ana",
        )
        add_review(
            s,
            did,
            "agreement",
            "add",
            pair=["IND", "FRA"],
            fields={"kind": "action_plan", "title": "Green Hydrogen Roadmap", "status": "signed"},
            spans=[hydrogen.model_dump()],
            reviewer="ana",
            note="missed by the pipeline",
        )
        add_review(s, did, "area", "accept", key="area:FRA-IND:defence")

    def check():
        areas, p = _areas(kb)
        assert "space" not in areas and areas["defence"].provenance == "accepted"
        assert [(e.place, e.provenance) for e in p.events] == [("Lyon", "corrected")]
        added = [ag for ags in p.agreements.values() for ag in ags]
        assert [(ag.title, ag.provenance) for ag in added] == [("Green Hydrogen Roadmap", "analyst")]
        assert added[0].sources[0].spans[0].text == hydrogen.text

    check()
    import entente.kb.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "PIPELINE_VERSION", "newer")
    result = ingest(kb, article(rule="newer:visit"), reextract=True)
    assert result.reextracted == 1
    check()
    with kb.session() as s:
        assert [r.orphaned for r in list_reviews(s)] == [False] * 4


def test_review_of_a_fact_gone_after_reextract_is_listed_orphaned(kb, monkeypatch):
    art = article()
    ingest(kb, art)
    with kb.session() as s:
        add_review(s, doc_id(art), "event", "accept", key="event:FRA-IND:visit|2025-03-03")
    import entente.kb.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "PIPELINE_VERSION", "newer")
    ingest(kb, article(meeting_date="2025-03"), reextract=True)  # a newer pipeline dates it to the month
    with kb.session() as s:
        (review,) = list_reviews(s)
        assert review.orphaned and list_reviews(s, orphaned_only=True) == [review]
        assert [f.provenance for f in document_facts(s, doc_id(art)) if f.kind == "event"] == ["machine"]


def test_two_reviews_of_one_fact_both_kept_the_later_wins(kb):
    art = article()
    ingest(kb, art)
    with kb.session() as s:
        add_review(s, doc_id(art), "area", "reject", key="area:FRA-IND:defence", reviewer="one")
        assert "defence" not in _areas(kb)[0]
        add_review(
            s,
            doc_id(art),
            "area",
            "correct",
            key="area:FRA-IND:defence",
            fields={"status": "ongoing"},
            reviewer="two",
        )
        assert [r.reviewer for r in list_reviews(s)] == ["one", "two"]
    areas, _ = _areas(kb)
    assert areas["defence"].status == "ongoing" and areas["defence"].provenance == "corrected"


def test_bad_reviews_are_refused(kb):
    art = article()
    ingest(kb, art)
    with kb.session() as s:
        with pytest.raises(ReviewError, match="no fact"):
            add_review(s, doc_id(art), "area", "reject", key="area:FRA-IND:halal")
        with pytest.raises(ReviewError, match="not"):
            add_review(
                s,
                doc_id(art),
                "area",
                "add",
                pair=PAIR,
                fields={"area": "energy", "status": "agreed"},
                spans=[{"start": 0, "end": 5, "text": "Rome!"}],
            )
        with pytest.raises(ReviewError, match="action"):
            add_review(s, doc_id(art), "area", "delete", key="area:FRA-IND:space")
        assert list_reviews(s) == []


def test_exports_drop_rejected_facts_and_carry_provenance(kb):
    from entente.export.tables import tables

    art = article()
    ingest(kb, art)
    with kb.session() as s:
        add_review(s, doc_id(art), "area", "reject", key="area:FRA-IND:space")
        add_review(s, doc_id(art), "event", "accept", key="event:FRA-IND:visit|2025-03-03")
        out = tables(s, today=TODAY)
    assert [(a["area"], a["provenance"]) for a in out["areas"]] == [("defence", "machine")]
    assert [e["provenance"] for e in out["events"]] == ["accepted"]


def test_a_corrected_status_changes_the_timeline_and_people_stay_merged(kb):
    art = article()
    art.person("Jean Dupont", "FRA", "Paris")
    ingest(kb, art)
    with kb.session() as s:
        people = [(p.name, p.source_count) for p in queries.people(s)]
        add_review(
            s,
            doc_id(art),
            "event",
            "correct",
            key="event:FRA-IND:visit|2025-03-03",
            fields={"status": "planned"},
        )
        entries = queries.timeline(s, "France")
        assert [(e.kind, e.status) for e in entries if e.type == "event"] == [("visit", "planned")]
        assert [(p.name, p.source_count) for p in queries.people(s)] == people == [("Jean Dupont", 1)]


def test_a_corrected_field_wins_over_other_reports_in_the_merge(kb):
    first = article()
    other = Article(
        "Officials in Delhi said France and India plan talks on defence next year.",
        "in.txt",
        published="2025-03-05",
    )
    other.area(PAIR, "defence", "planned", "talks on defence")
    with kb.session() as s:
        run_ingest(s, [first.document(), other.document()], extractor=TableExtractor([first, other]))
    with kb.session() as s:
        add_review(
            s, doc_id(first), "area", "correct", key="area:FRA-IND:defence", fields={"status": "discussed"}
        )
    areas, _ = _areas(kb)
    # the rules alone would keep the strongest status reported ("planned"); the analyst's correction wins
    assert (areas["defence"].status, areas["defence"].provenance, areas["defence"].source_count) == (
        "discussed",
        "corrected",
        2,
    )
