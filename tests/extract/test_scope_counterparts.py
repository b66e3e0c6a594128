"""Pair scope: a sentence in which one country of the pair acts with a third country is not the pair's
(texts written by us)."""

from __future__ import annotations

from entente.read.document import Document, normalise

TEXT = """Chile and Peru sign fishing accord

Chile and Peru signed an agreement on fisheries cooperation in Lima on Monday, officials said.

Peru also agreed to expand energy cooperation with Bolivia, which supplies much of its gas.

The two countries also agreed to expand cooperation in tourism.
"""


def test_a_deal_with_a_third_country_gives_the_pair_nothing(extractor):
    record = extractor.extract(Document(text=normalise(TEXT), name="t.txt"))
    (rel,) = [r for r in record.relations if r.pair == ("CHL", "PER") or list(r.pair) == ["CHL", "PER"]]
    areas = {a.area for a in rel.areas}
    assert "energy" not in areas  # the energy cooperation is Peru's with Bolivia
    assert "tourism" in areas  # "the two countries" is the pair again


def test_a_shared_view_about_a_third_country_stays_the_pairs(extractor):
    text = TEXT + "\nThe two countries will also boost energy cooperation with Bolivia.\n"
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    (rel,) = [r for r in record.relations if list(r.pair) == ["CHL", "PER"]]
    assert "energy" in {a.area for a in rel.areas}
