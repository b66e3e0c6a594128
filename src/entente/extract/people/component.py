"""The people component: anchored mentions found, grouped into people, countries attributed, and the
records and mentions written to the document's state (places a person's name covers are dropped)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...record import Person
from ..dateline import outlet_country
from ..state import PersonMention, State
from .anchors import Scanner
from .coref import (
    complete_from_leaders,
    complete_single,
    inherit_counterpart_titles,
    link_short,
    merge_candidates,
    word_count,
)
from .country import attribute_country, dateline_host, possessive_countries
from .structure import structural_countries
from .titles import base_title, monarchs


def find_people(state: State) -> tuple[list[Person], list[PersonMention]]:
    scanner = Scanner(state)
    cands = scanner.scan()
    inherit_counterpart_titles(cands, state)
    people = merge_candidates(cands)
    complete_single(people, scanner)
    mentioned = {m.iso3 for m in state.country_mentions}
    placed = frozenset(pl.country for pl in state.places if pl.country)
    people = complete_from_leaders(people, mentioned, placed)
    kings = monarchs()
    people = [p for p in people if word_count(p) > 1 or any(base_title(t) in kings for t in p.titles)]
    link_short(people, scanner)
    possessive_countries(people, state)
    outlet_home = outlet_country(state.outlet)
    people.sort(key=lambda p: min(p.mentions))
    countries_of = [attribute_country(p, state, outlet_home, mentioned) for p in people]
    settled = [iso3 if how in ("stated", "leader") else None for iso3, how in countries_of]
    found = structural_countries(people, [iso3 for iso3, _ in countries_of], settled, cands, state)
    countries_of = [
        (iso3, "structure") if iso3 else was for iso3, was in zip(found, countries_of, strict=True)
    ]
    dateline_host(people, countries_of, state)
    records: list[Person] = []
    mentions: list[PersonMention] = []
    for n, (p, (country, how)) in enumerate(zip(people, countries_of, strict=True), 1):
        pid = f"p{n}"
        spans = sorted(set(p.mentions))
        rule = "+".join(r.removeprefix("people:") for r in p.rules)
        records.append(
            Person(
                id=pid,
                name=p.name,
                honorifics=p.honorifics,
                titles=p.titles,
                country=country,
                mentions=[state.span(a, b) for a, b in spans],
                rule=f"people:{rule}" + (f";country:{how}" if how else ""),
            )
        )
        mentions.extend(PersonMention(pid, a, b) for a, b in spans)
    mentions.sort(key=lambda m: m.start)
    return records, mentions


@Language.component("entente_people")
def people_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    state.people, state.person_mentions = find_people(state)
    if state.person_mentions and state.places:
        spans = [(m.start, m.end) for m in state.person_mentions]
        state.places = [pl for pl in state.places if not any(a < pl.end and pl.start < b for a, b in spans)]
    return doc
