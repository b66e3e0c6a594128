"""Build a pipeline state by hand for unit tests of the relation components.

Components that others own (dates, places, people) are replaced by the facts a
test states explicitly, so a test of events or levels does not depend on them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from entente.extract.pipeline import build_nlp
from entente.extract.state import DateMention, PlaceMention, State
from entente.read.document import Document
from entente.record import DateValue, Place, Published

_NLP = None


def _nlp():
    global _NLP
    if _NLP is None:
        _NLP = build_nlp((("paragraphs", "entente_paragraphs"), ("countries", "entente_countries")))
    return _NLP


def make_state(
    text: str,
    pair: tuple[str, str] | None = None,
    dates: dict[str, DateValue] | None = None,
    places: dict[str, tuple[str, str]] | None = None,
    dateline: tuple[str, str] | None = None,
    published: str | None = None,
) -> tuple[State, Doc]:
    """``dates``: substring -> resolved value; ``places``: substring -> (name, iso3)."""
    nlp = _nlp()
    doc = nlp.make_doc(text)
    state = State(document=Document(text=text, name="test.txt"), text=text)
    if published:
        state.published = Published(date=published, precision="day", basis="metadata")
    doc._.entente = state
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for needle, value in (dates or {}).items():
        at = text.index(needle)
        state.dates.append(DateMention(at, at + len(needle), value, "test"))
    for needle, (name, iso3) in (places or {}).items():
        at = text.index(needle)
        state.places.append(PlaceMention(name, iso3, at, at + len(needle), "city"))
    if dateline:
        state.dateline = Place(name=dateline[0], country=dateline[1])
    if pair:
        state.relation(*pair)
    return state, doc


def day(iso: str, text: str = "", end: str | None = None) -> DateValue:
    precision = {4: "year", 7: "month", 10: "day"}[len(iso)]
    return DateValue(start=iso, end=end, precision=precision, text=text or iso)  # type: ignore[arg-type]
