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
