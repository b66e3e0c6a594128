"""The benchmark corpus generator: articles that read like wire copy, whose facts our pipeline finds."""

from __future__ import annotations

import statistics

from entente.bench.generate import generate, templates
from entente.extract.pipeline import default_extractor
from entente.read import Document


def test_every_placeholder_is_filled_and_lengths_are_those_of_news():
    articles = list(generate(400, 11))
    assert all("{" not in a["text"] and "}" not in a["text"] for a in articles)
    words = [len(a["text"].split()) for a in articles if a["topic"] == "relations"]
    # wire reports run to a few hundred words (the BBC sample: median ~330), not a paragraph
    assert 250 <= statistics.median(words) <= 500 and min(words) >= 120
    topics = {a["topic"] for a in articles}
    assert topics == {"relations", "sport", "markets", "politics"}
    assert 0.05 <= sum(a["topic"] != "relations" for a in articles) / len(articles) <= 0.25


def test_relations_articles_yield_their_pair_and_negatives_none():
    extractor = default_extractor()
    articles = list(generate(40, 5))
    for a in articles:
        record = extractor.extract(Document(text=a["text"], name=a["id"]), published=a["published"])
        if a["topic"] == "relations":
            assert record.relations, a["text"][:200]
            facts = sum(len(r.events) + len(r.areas) + len(r.agreements) + len(r.figures) for r in record.relations)
            assert facts >= 5, a["text"][:200]
        else:
            assert not record.relations, a["text"][:200]


def test_background_prose_carries_no_relation():
    """Background templates are the prose between facts: alone, they name no pair."""
    extractor = default_extractor()
    values = {"hostShort": "Wong", "guestShort": "Albanese"}
    for text in templates().background:
        record = extractor.extract(Document(text=text.format(**values), name="bg"))
        assert not record.relations, text
