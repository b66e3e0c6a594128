"""People merge on a name key: honorifics and bin/binti/al- are ignored in the key only, the shown name
keeps its particles as written.  Our own small texts."""

from __future__ import annotations

import datetime as dt

from entente.kb import queries
from entente.kb.ingest import ingest
from entente.kb.names import name_key
from entente.kb.testing import Article, TableExtractor

PAIR = ("MYS", "THA")
TODAY = dt.date(2025, 6, 1)


def test_name_key_ignores_honorifics_and_particles_but_not_surname_words():
    assert name_key("Anwar bin Ibrahim") == name_key("Anwar Ibrahim") == name_key("Datuk Seri Anwar Ibrahim")
    assert name_key("Abdel Fattah El-Sisi") == name_key("Abdel Fattah al-Sisi")
    assert name_key("Vo Van Thuong") != name_key("Vo Thuong")


def _visit(name: str, doc: str, day: str) -> Article:
    a = Article(
        f"Prime Minister {name} of Malaysia met the Thai prime minister in Bangkok on {day} May 2024.",
        doc,
        published=f"2024-05-{day}",
    )
    pid = a.person(name, "MYS", name, titles=("Prime Minister",))
    a.event(
        PAIR,
        "meeting",
        "occurred",
        f"met the Thai prime minister in Bangkok on {day} May 2024",
        date=f"2024-05-{day}",
        place="Bangkok",
        place_country="THA",
        participants=[pid],
    )
    return a


def test_one_person_in_the_pair_profile_shown_with_his_particles(kb):
    articles = [
        _visit("Anwar bin Ibrahim", "one.txt", "20"),
        _visit("Anwar bin Ibrahim", "two.txt", "20"),
        _visit("Anwar Ibrahim", "three.txt", "20"),
    ]
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))
    with kb.session() as s:
        p = queries.profile(s, "Malaysia", "Thailand", today=TODAY)
    (person,) = p.people
    assert person.name == "Anwar bin Ibrahim" and "Anwar Ibrahim" in person.aliases
    (event,) = p.events
    assert event.participants == ["Anwar bin Ibrahim"]
