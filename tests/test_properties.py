"""Property tests: for any text, extraction returns a valid record whose spans all check."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.read import Document, normalise
from entente.record import Record, span_errors

# Fragments that wake the rules up, mixed with arbitrary text in between.
FRAGMENTS = [
    "Malaysia", "Japan", "South Korea", "US", "ROK", "Japanese", "Prime Minister", "President",
    "Datuk Seri", "Tan Sri", "bin", "Sheikh", "Dr", "said", "met", "will meet", "on Saturday",
    "next year", "last December", "by 2025", "in 2022", "November 15-18", "Dec 16", "PUTRAJAYA, Dec 16 —",
    "(Bernama)", "— Bernama", "signed", "Memorandum of Understanding", "three MoUs", "Strategic Partnership",
    "elevated", "from an Enhanced Partnership to", "RM181.51 billion", "(US$4.21 billion)", "6.4 per cent",
    "2,778 projects", "fourth largest trading partner", "halal", "5G", "HA/DR", "cybersecurity",
    "the two countries", "both leaders", "agreed to", "expected to", "a source said", "\n", "\n\n", ".", ",",
    "'", "’", "—", "(", ")", "-", "ALL CAPS NAME", "é", "\u0301", "日本",
]

text_strategy = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=60
).map(" ".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy)
def test_extract_never_raises_and_spans_check(extractor, text):
    text = normalise(text)
    if not text.strip():
        return
    doc = Document(text=text, name="prop.txt", source="prop.txt")
    record = extractor.extract(doc)
    Record.model_validate(record.to_json_dict())  # round-trips through the contract
    assert span_errors(record, text) == []
    assert record.doc.chars == len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy, published=st.dates().map(lambda d: d.isoformat()))
def test_extract_with_any_publication_date(extractor, text, published):
    text = normalise(text)
    if not text.strip():
        return
    record = extractor.extract(Document(text=text, name="p.txt", source="p.txt"), published=published)
    assert span_errors(record, text) == []
