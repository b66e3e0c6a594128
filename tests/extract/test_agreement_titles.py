"""Agreement titles: a name its bracketed acronym spells out, and the modifiers (data/agreement_titles.json)
that make no title (sentences written by us)."""

from __future__ import annotations

import pytest

from entente.data import load
from entente.extract.agreements import find_mentions
from entente.extract.agreements.titles import acronym_start, plain_modifiers
from entente.read.document import Document, normalise


def _titles(text: str) -> list[tuple[str, str | None]]:
    return [(m.kind, m.title) for m in find_mentions(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile signed a comprehensive economic partnership agreement (CEPA) with Ghana on Monday.",
            [("fta", "comprehensive economic partnership agreement")],
        ),
        (
            "The two navies signed a visiting forces agreement (VFA) in Accra.",
            [("agreement", "visiting forces agreement")],
        ),
        (
            "Officials signed a digital economy partnership agreement (DEPA) after the talks.",
            [("agreement", "digital economy partnership agreement")],
        ),
    ],
)
def test_an_acronym_names_the_instrument_it_spells(text, expected):
    assert _titles(text) == expected


def test_an_acronym_that_spells_something_else_is_no_title():
    text = "The ministers signed an agreement (WHO) on Monday."
    head = text.index("agreement")
    assert acronym_start(text, head, head + len("agreement"), 0) is None
    assert acronym_start("a visiting forces agreement", 19, 28, 0) is None  # no acronym after it


def test_the_acronym_title_is_the_rows_title(extractor):
    text = (
        "Chile signs trade pact with Ghana\n\n"
        "ACCRA, May 6 (Wire) - Chile signed a comprehensive economic partnership agreement (CEPA) with Ghana on "
        "Tuesday, the Ghanaian president's office said.\n\n"
        "The deal will cut tariffs on most goods traded between the two countries.\n"
    )
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    titles = [a.title for rel in record.relations for a in rel.agreements]
    assert "comprehensive economic partnership agreement" in titles


def test_plain_modifiers_come_from_the_data_file():
    assert plain_modifiers() == frozenset(load("agreement_titles.json").plain_modifiers)
    assert {"new", "historic", "bilateral"} <= plain_modifiers()
    assert _titles("The ministers signed a new treaty on Friday.") == [("treaty", None)]
    assert _titles("The ministers signed a migration treaty on Friday.") == [("treaty", "migration treaty")]


def test_a_part_of_an_instrument_is_an_instrument_of_its_own():
    text = "The ministers are to sign a revised Annex B of the 1994 Northwood Treaty, which governs the dam."
    got = [(m.kind, m.title, m.part, m.whole) for m in find_mentions(text, 0, len(text))]
    assert got == [
        ("treaty", "Annex B of the 1994 Northwood Treaty", True, False),
        ("treaty", "Northwood Treaty", False, True),
    ]


def test_the_whole_is_referenced_while_its_part_is_planned(extractor):
    text = (
        "Chile and Peru to sign dam annex\n\n"
        "LIMA, May 6 (Wire) - Chilean President Ana Rojas met Peruvian President Luis Campos in Lima on Tuesday, "
        "and the two countries will sign a revised Annex B of the 1994 Northwood Treaty next month, Peru's "
        "foreign ministry said.\n"
    )
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    rows = {a.title: a.status for rel in record.relations for a in rel.agreements}
    assert rows == {"Annex B of the 1994 Northwood Treaty": "planned", "Northwood Treaty": "referenced"}
