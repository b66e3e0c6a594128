"""Commitments: undertakings with a deadline (texts written by us)."""

from __future__ import annotations

from entente.extract.commitments import find_commitments
from entente.read.document import Document, normalise
from entente.record import DateValue


def test_undertaking_with_deadline():
    text = "Both sides committed to concluding talks on a trade pact by 2026, officials said."
    at = text.index("by 2026")
    dates = [(at, at + len("by 2026"), DateValue(start="2026", precision="year", text="by 2026"))]
    found = find_commitments(text, 0, len(text), dates)
    assert len(found) == 1
    s, e, deadline, cue = found[0]
    assert text[s:e] == "concluding talks on a trade pact by 2026"
    assert deadline.start == "2026" and cue == "committed to"


def test_no_deadline_no_commitment():
    text = "Both sides committed to concluding talks on a trade pact in 2026 talks."
    at = text.index("2026")
    dates = [(at - 3, at + 4, DateValue(start="2026", precision="year", text="in 2026"))]
    assert find_commitments(text, 0, len(text), dates) == []


def test_commitment_in_a_record(extractor):
    text = (
        "CANBERRA, Feb 9 — Australia and India agreed to double bilateral trade in critical minerals by 2030, "
        "the two prime ministers said after talks in Canberra.\n\n"
        "Australian Prime Minister Anthony Albanese and his Indian counterpart Narendra Modi also discussed "
        "cricket and education.\n"
    )
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    commitments = [c for rel in record.relations for c in rel.commitments]
    assert len(commitments) == 1
    c = commitments[0]
    assert c.deadline is not None and c.deadline.start.startswith("2030")
    assert {"trade", "supply_chain"} <= set(c.areas)
    assert text[c.evidence[0].start : c.evidence[0].end] == c.evidence[0].text
