"""The working state the pipeline components share while reading one document.

Each component (a small function over a spaCy ``Doc``) reads what earlier
components found from ``doc._.entente`` (a :class:`State`) and adds its own
findings.  ``assemble.py`` turns the final state into a :class:`Record`.

Order of the components (see ``pipeline.py``)::

    paragraphs -> dateline -> countries -> places -> people -> organizations
    -> dates -> published -> relations -> events -> levels -> areas
    -> agreements -> commitments -> figures
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Literal

from ..read.document import Document
from ..record import (
    DateValue,
    Organization,
    Person,
    Place,
    Published,
    Relation,
    Span,
)

_SPAN_FIELDS = ("start", "end", "text")
# Span.model_construct(start=..., end=..., text=...) without its generic loop over the fields (a few µs each):
# the same __dict__, fields set, extra ({}: extra="allow") and private (None), for a model with no post-init.
_PLAIN_SPAN = (
    not Span.__pydantic_root_model__
    and Span.__pydantic_post_init__ is None
    and tuple(Span.model_fields) == _SPAN_FIELDS
    and Span.model_config.get("extra") == "allow"
)
_new_span = Span.__new__
_set = object.__setattr__


def _constructed_span(start: int, end: int, text: str) -> Span:
    """``Span.model_construct(start=start, end=end, text=text)``, built directly."""
    if not _PLAIN_SPAN:
        return Span.model_construct(start=start, end=end, text=text)
    m = _new_span(Span)
    _set(m, "__dict__", {"start": start, "end": end, "text": text})
    _set(m, "__pydantic_fields_set__", {"start", "end", "text"})
    _set(m, "__pydantic_extra__", {})
    _set(m, "__pydantic_private__", None)
    return m


@dataclass(frozen=True)
class CountryMention:
    iso3: str
    start: int
    end: int
    kind: Literal["name", "alias", "demonym"]
    text: str


@dataclass(frozen=True)
class PlaceMention:
    name: str
    country: str | None
    start: int
    end: int
    kind: Literal["city", "capital", "venue", "region"]


@dataclass
class DateMention:
    """A temporal expression found in the text, resolved against the publication date."""

    start: int
    end: int
    value: DateValue | None
    rule: str = ""


@dataclass
class PersonMention:
    person_id: str
    start: int
    end: int


@dataclass
class State:
    document: Document
    text: str
    title: str | None = None
    outlet: str | None = None
    dateline: Place | None = None
    dateline_span: tuple[int, int] | None = None
    published: Published = field(default_factory=Published)
    # Set by --published or document metadata: the base date for relative expressions.
    # How the publication date was reached and the candidate years left ("published:dateline+...; candidate
    # years 2024"), for ``--explain``.
    published_explain: str | None = None
    country_mentions: list[CountryMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    person_mentions: list[PersonMention] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    relations: dict[tuple[str, str], Relation] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Start-ordered indexes of the mention lists, rebuilt when a list changes length.
    _index: dict[str, tuple[Any, ...]] = field(default_factory=dict, repr=False)
    # Word tokens of the whole text (names.tokenize), made once and shared by the components.
    _tokens: list[Any] | None = field(default=None, repr=False)
    # Sentences (``scope.py``), made once and shared: spans, spans without their outer white space, and the
    # pairs each sentence speaks of (with the key of the relations and mentions it was computed from).
    sentences: list[tuple[int, int]] | None = field(default=None, repr=False)
    sentence_bounds: list[tuple[int, int]] | None = field(default=None, repr=False)
    pair_scope: tuple[Any, list[Any]] | None = field(default=None, repr=False)

    def tokens(self) -> list[Any]:
        """``names.tokenize(self.text)``, computed once per document; a shared list: do not modify it."""
        if self._tokens is None:
            from .tokens import tokenize

            self._tokens = tokenize(self.text)
        return self._tokens

    def _within(self, key: str, items: list[Any], start: int, end: int) -> list[Any]:
        """Items lying inside ``[start, end)``, in text order, by binary search (not a scan)."""
        cached = self._index.get(key)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            ordered = sorted(items, key=lambda m: m.start)
            cached = (items, len(items), ordered, [m.start for m in ordered])
            self._index[key] = cached
        ordered, starts = cached[2], cached[3]
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return [m for m in ordered[lo:hi] if m.end <= end]

    def span(self, start: int, end: int) -> Span:
        """A span over the document text; always consistent with ``text``."""
        if type(start) is int and type(end) is int and start >= 0 and end >= 0:
            # already valid (ints >= 0 and a str): built without running the validator
            return _constructed_span(start, end, self.text[start:end])
        return Span(start=start, end=end, text=self.text[start:end])

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` without the white space at either end."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def trimmed_span(self, start: int, end: int) -> Span:
        """:meth:`span` over ``[start, end)`` without its outer white space (a sentence as evidence)."""
        return self.span(*self.trimmed(start, end))

    def relation(self, a: str, b: str) -> Relation:
        pair = tuple(sorted((a, b)))
        rel = self.relations.get(pair)  # type: ignore[arg-type]
        if rel is None:
            rel = Relation(pair=list(pair))
            self.relations[pair] = rel  # type: ignore[index]
        return rel

    def countries_in(self, start: int, end: int) -> list[CountryMention]:
        return self._within("countries", self.country_mentions, start, end)

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return self._within("dates", self.dates, start, end)

    def people_in(self, start: int, end: int) -> list[PersonMention]:
        return self._within("people", self.person_mentions, start, end)

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        return self._within("places", self.places, start, end)

    def person(self, person_id: str) -> Person | None:
        cached = self._index.get("person")
        if cached is None or cached[0] is not self.people or cached[1] != len(self.people):
            ids: dict[str, Person] = {}
            for p in self.people:
                ids.setdefault(p.id, p)
            cached = (self.people, len(self.people), ids)
            self._index["person"] = cached
        return cached[2].get(person_id)
