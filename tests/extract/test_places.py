"""Places: gazetteer cities and capitals, venues, ambiguous names left out of running text."""

from __future__ import annotations

from entente.extract.places import find_places, gazetteer, resolve_place


def test_gazetteer_is_compact_and_memoised():
    table = gazetteer()
    assert table is gazetteer()
    assert table["Seoul"][0] == "KOR" and table["Seoul"][2] is True
    assert len(table) > 10_000


def test_resolve_any_case_and_venues():
    assert resolve_place("PUTRAJAYA")[:2] == ("Putrajaya", "MYS")
    assert resolve_place("Kuala Lumpur")[:2] == ("Kuala Lumpur", "MYS")
    assert resolve_place("Akasaka Palace") == ("Akasaka Palace", "JPN", "venue")
    assert resolve_place("Nowhereville Xq") is None


def test_places_in_text():
    text = "Talks at the Great Hall of the People in Beijing followed a stop in Nice and the Paris Agreement."
    found = {(p.name, p.country, p.kind) for p in find_places(text)}
    assert ("Great Hall of the People", "CHN", "venue") in found
    assert ("Beijing", "CHN", "capital") in found
    assert not any(name in ("Nice", "Paris") for name, _, _ in found)
