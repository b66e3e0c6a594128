"""Pairs: which bilateral relations does an article report?  None for sport, markets, elections."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.extract.relations import choose_pairs, relations_component
from rule_harness import make_state

ARTICLES = Path(__file__).resolve().parents[1] / "articles"


def pairs(text):
    state, doc = make_state(text)
    return sorted(choose_pairs(state, doc))


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("negative_*.txt")), ids=lambda p: p.name)
def test_negative_articles_yield_no_relations(path, extractor):
    from entente.read import read_paths

    (doc,) = list(read_paths([str(path)]))
    record = extractor.extract(doc)
    assert record.relations == [], [r.pair for r in record.relations]


def test_there_are_three_negative_articles():
    assert len(list(ARTICLES.glob("negative_*.txt"))) >= 3


def test_bilateral_pair_and_not_the_third_party():
    text = (
        "Kenya and Ethiopia agreed on Monday to build a new power line, the two governments said.\n\n"
        "The Kenyan president and his Ethiopian counterpart also discussed the security situation in Somalia.\n\n"
        "Kenya and Ethiopia signed three memoranda of understanding on trade and energy cooperation."
    )
    assert pairs(text) == [("ETH", "KEN")]


def test_trilateral_meeting_yields_its_pairs():
    text = (
        "The leaders of Japan, South Korea and the United States met at a trilateral summit on Friday.\n\n"
        "Japan and South Korea agreed to resume bilateral defence talks, and the United States and Japan "
        "announced joint exercises.\n\n"
        "South Korea and the United States signed an agreement on critical minerals cooperation.\n\n"
        "The three countries condemned North Korea's missile launches."
    )
    assert pairs(text) == [("JPN", "KOR"), ("JPN", "USA"), ("KOR", "USA")]


def test_places_listed_are_not_a_relation():
    text = (
        "The game console sold two million units in the US and Japan in its first month.\n\n"
        "Sales in the US and Japan were strong, the company said, and it plans a launch in Europe."
    )
    assert pairs(text) == []


def test_pair_evidence_spans():
    text = (
        "Chile and Peru agreed to deepen trade ties at a bilateral meeting in Lima.\n\n"
        "The two presidents said Chile and Peru would sign a new investment treaty next year."
    )
    state, doc = make_state(text)
    relations_component(doc)
    (rel,) = state.relations.values()
    assert rel.pair == ["CHL", "PER"]
    assert rel.evidence and all(text[s.start : s.end] == s.text for s in rel.evidence)
    assert rel.rule.startswith("relations:score=")


def test_leaders_named_by_title_of_country_are_joined_and_later_pair_phrases_support_them(extractor):
    from entente.read.document import Document

    text = (
        "President of Kyrgyzstan Sadyr Japarov and President of Tajikistan Emomali Rahmon on Thursday signed "
        "the Treaty on the State Border between the two countries.\n\n"
        "The two presidents also signed a joint statement.\n\n"
        "The border documents must now be ratified by the parliaments of both countries."
    )
    record = extractor.extract(Document(text=text, name="t.txt"))
    assert [list(r.pair) for r in record.relations] == [["KGZ", "TJK"]]


def test_pair_phrases_do_not_support_a_pair_never_joined():
    text = (
        "Shares in Tokyo rose on Monday as the yen weakened against the dollar.\n\n"
        "The two sides of the market moved together, traders said.\n\n"
        "Both countries' central banks are due to meet next week."
    )
    assert pairs(text) == []


def test_a_call_between_the_two_sides_people_is_a_relation_in_one_sentence(extractor):
    from entente.read.document import Document

    text = (
        "CAIRO, Dec 4 (Reuters) - Egyptian President Abdel Fattah al-Sisi received United Arab Emirates President "
        "Sheikh Mohamed bin Zayed on Wednesday, as Egypt and the UAE discussed investment.\n\n"
        "The two presidents reviewed the Ras El Hekma project on Egypt's north coast.\n\n"
        "On Monday, Sisi had spoken by telephone with Saudi Crown Prince Mohammed bin Salman about Saudi investment "
        "in Egypt, the presidency said. Saudi Arabia is a major investor."
    )
    record = extractor.extract(Document(text=text, name="t.txt"))
    assert sorted(tuple(r.pair) for r in record.relations) == [("ARE", "EGY"), ("EGY", "SAU")]


def test_he_continues_the_previous_sentences_subject(extractor):
    from entente.read.document import Document

    text = (
        "PARIS, March 12 (AFP) - French President Emmanuel Macron will travel to Vietnam and Indonesia later this "
        "month, the Elysee said.\n\n"
        "In Hanoi on March 25, Macron is expected to hold talks with Vietnamese leader To Lam and sign agreements "
        "on aviation. He will then travel to Jakarta, where he is due to meet President Prabowo Subianto on "
        "March 27 to discuss Rafale jets.\n\nIndonesia ordered 42 Rafale jets in 2022."
    )
    record = extractor.extract(Document(text=text, name="t.txt"))
    assert sorted(tuple(r.pair) for r in record.relations) == [("FRA", "IDN"), ("FRA", "VNM")]
