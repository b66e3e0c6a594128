"""The events component: mentions -> drafts per pair -> record events."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...record import Event, Place, Span
from ..countries import resolve_country
from ..scope import sentence_spans
from ..state import State
from .mentions import find_mentions, relevant
from .model import Draft
from .occasion import (
    date_lead_occasion,
    fold_signed_statements,
    lead_end,
    merge,
    part_of_occasion,
    place_by_visitor,
    place_from_location_line,
    share_occasion,
    share_planned_visit,
)
from .placing import _placed_for_pair


def to_event(draft: Draft, state: State, pair: tuple[str, str]) -> Event:
    spans: list[Span] = []
    for m in draft.mentions:
        span = state.trimmed_span(m.sent_start, m.sent_end)
        if all(s.start != span.start for s in spans):
            spans.append(span)
    first = draft.mentions[0]
    people = []
    for pid in draft.participants:
        person = state.person(pid)
        if person is not None and (person.country in pair or person.country is None):
            people.append(pid)
    place = draft.place
    if place is not None and place.country is None and place.name:
        place = Place(name=place.name, country=resolve_country(place.name))
    rule = f"events:{'+'.join(draft.rules)}|{first.status_rule or 'modality:default'}"
    if first.place_rule:
        rule += f"|{first.place_rule}"
    return Event(
        kind=draft.kind,
        status=draft.status,
        date=draft.date,
        place=place,  # type: ignore[arg-type]
        participants=people,
        evidence=spans,
        rule=rule,
    )


def _bilateral_abroad(draft: Draft, pair: tuple[str, str], parties: set[str]) -> bool:
    """A meeting of the two sides in a third country that is no party of the article ("Cho and his Japanese
    counterpart held talks on the sidelines of the APEC meeting in Peru"): the sentence naming the venue names both
    sides.  A trip of one side elsewhere ("his trip to Tokyo for a Quad summit") is not the pair's event."""
    if (
        draft.place is None
        or draft.place.country in parties
        or draft.kind not in ("meeting", "dialogue", "signing")
    ):
        return False
    placed = [m for m in draft.mentions if m.place is not None and m.place.country == draft.place.country]
    return any(set(pair) <= m.countries and not m.multilateral for m in placed)


def _trilateral_party(draft: Draft, pair: tuple[str, str], parties: set[str]) -> bool:
    """ "Biden hosted Marcos and Kishida at the White House for the first summit between the three countries": a
    meeting of three parties in one party's country is also the meeting of the two guests."""
    if draft.kind not in ("meeting", "dialogue") or draft.place is None or draft.place.country not in parties:
        return False
    return any(set(pair) <= m.countries and m.trilateral for m in draft.mentions)


def events_for(state: State, doc: Doc) -> dict[tuple[str, str], list[Event]]:
    pairs = list(state.relations)
    if not pairs:
        return {}
    mentions = find_mentions(state, doc)
    lead = lead_end(sentence_spans(doc))
    # A venue in a third country that is no party of the article ("talks on the sidelines of the summit in Lima")
    # is kept; one in a country of another of its pairs is that pair's event.
    parties = {c for p in pairs for c in p}
    out = {}
    for pair in pairs:
        mine = [
            _placed_for_pair(state, m, pair)
            for m in mentions
            if relevant(m, pair, len(pairs) == 1, state.text)
        ]
        drafts = fold_signed_statements(merge(mine), state)
        for d in drafts:
            if d.place_from_dateline and d.place is not None and d.place.country not in (None, *pair):
                d.place, d.place_from_dateline = None, False  # a relay dateline ("DUBAI:" for a story set elsewhere)
                d.rules.append("place:relay_dateline")
        drafts = [
            d
            for d in drafts
            if d.place is None
            or d.place.country in (None, *pair)
            or _bilateral_abroad(d, pair, parties)
            or _trilateral_party(d, pair, parties)
        ]
        place_by_visitor(drafts, pair)
        place_from_location_line(drafts, state, pair)
        share_occasion(drafts, state, pair, lead)
        if date_lead_occasion(drafts, state, lead):
            share_occasion(drafts, state, pair, lead)  # the lead's occasion now dated: its parts share it
        part_of_occasion(drafts)
        share_planned_visit(drafts)
        out[pair] = [to_event(d, state, pair) for d in drafts]
    return out


@Language.component("entente_events")
def events_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    for pair, events in events_for(state, doc).items():
        state.relations[pair].events = events
    return doc
