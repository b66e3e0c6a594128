"""Datelines, outlets and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.extract.dateline import find_dateline, find_outlet, find_title

ARTICLES = Path(__file__).resolve().parents[1] / "articles"


@pytest.mark.parametrize(
    ("text", "place", "country", "date", "outlet"),
    [
        ("PUTRAJAYA, Dec 16 — Malaysia and Japan will", "Putrajaya", "MYS", "Dec 16", None),
        ("SEOUL, Nov 25 (Bernama) — Malaysia and", "Seoul", "KOR", "Nov 25", "Bernama"),
        ("Kuala Lumpur (VNA) - Malaysia and the US", "Kuala Lumpur", "MYS", None, "VNA"),
        ("TOKYO (Reuters) – Japan said", "Tokyo", "JPN", None, "Reuters"),
        ("JAKARTA, 12 May 2023 (Antara) - The", "Jakarta", "IDN", "12 May 2023", "Antara"),
        ("PUTRAJAYA: In further enhancing", "Putrajaya", "MYS", None, None),
        ("Cairo - President received", "Cairo", "EGY", None, None),
        ("WASHINGTON, D.C., March 3 — The", "Washington, D.C.", "USA", "March 3", None),
        ("NANCY, France — French President", "Nancy", "FRA", None, None),
        ("MOSCOW, March 21. /TASS/. Russian President", "Moscow", "RUS", "March 21", "TASS"),
        ("CARACAS, 1 nov (EFE).- Colombian President", "Caracas", "VEN", "1 nov", "EFE"),
        ("ABU DHABI, 15th July, 2023 (WAM) -- His Highness", "Abu Dhabi", "ARE", "15th July, 2023", "WAM"),
    ],
)
def test_datelines(text, place, country, date, outlet):
    dl = find_dateline(text)
    assert dl is not None
    assert (dl.place.name, dl.place.country, dl.date_text, dl.outlet) == (place, country, date, outlet)
    assert text[dl.start : dl.end].startswith(text.split()[0])


def test_no_dateline_in_ordinary_text():
    assert find_dateline("Source: the ministry.\nNEWS: nothing here today") is None
    assert find_dateline("The talks ended (Photo: Bernama) - no dateline") is None


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The talks ended.\n— Bernama", "Bernama"),
        ("The talks ended.-Bernama", "Bernama"),
        ("Text\n\n© Kyodo News", "Kyodo News"),
        ("Text\n\nCopyright of the Prime Minister's Office Official Website", "Prime Minister's Office"),
        ("Nothing credits this text.", None),
    ],
)
def test_closing_credits(text, outlet):
    found = find_outlet(text)
    assert (found[0] if found else None) == outlet


def test_titles():
    assert find_title("Japan, Malaysia leaders set to confirm cooperation\n\nTOKYO (Kyodo) - x")[0].startswith("Japan")
    assert find_title("PUTRAJAYA, Dec 16 — A long first sentence of the story.") is None
    assert find_title(" date 2021-11-19 Caption of a photo that runs on.") is None


def test_dateline_without_year(extractor):
    from entente.read import read_paths

    (doc,) = list(read_paths([str(ARTICLES / "dateline_no_year.txt")]))
    state = extractor.run(doc)
    assert state.dateline is not None and (state.dateline.name, state.dateline.country) == ("Hanoi", "VNM")
    start, end = state.dateline_span
    assert state.text[start:end] == "HANOI, Oct 3 (VNA) –"
    assert state.outlet == "VNA"
    people = {p.name: p.country for p in state.people}
    assert people == {"Tran Hong Ha": "VNM", "Ahn Duk-geun": "KOR"}


def test_city_then_a_second_part_that_is_no_country_is_no_dateline():
    assert find_dateline("PARIS, Texas — A small town") is None


def test_spa_dateline_with_the_outlet_after_a_comma():
    dl = find_dateline("Riyadh, April 7, 2024, SPA -- His Royal Highness Prince Mohammed bin Salman received")
    assert (dl.place.country, dl.date_text, dl.outlet) == ("SAU", "April 7, 2024", "SPA")
