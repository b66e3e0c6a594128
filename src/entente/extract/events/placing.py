"""The place of an event mention: a venue, city or host country named for it, or the dateline."""

from __future__ import annotations

import re
from dataclasses import replace

from ...record import Place
from ..countries import country_name
from ..state import State
from .model import Mention
from .triggers import lexicon

# A place after the trigger but inside what was said or planned ("said in a joint statement that the group
# would meet ..., with the first session planned in Washington") is not where the trigger happened.
_CONTENT_CLAUSE = re.compile(r"\b(?:that|which|who|will|would|planned|scheduled)\b", re.I)
_TOPIC_BEFORE = re.compile(r"\b(?:about|over|regarding|concerning|on)\s+(?:the\s+)?$", re.I)
# "the second such meeting after the first in Tokyo": a place of an earlier occasion
_EARLIER_OCCASION = re.compile(
    r"\b(?:after|since|following)\s+(?:the\s+)?(?:first|previous|last|earlier|inaugural)\b|,\s+the\s+\w+\s+such\b",
    re.I,
)

# "the Republic of Kenya": the formal name's head before the country's short name.
_FORMAL = (
    r"(?:(?:Republic|Kingdom|Sultanate|State|Federation|Commonwealth|Union|Federal Democratic Republic|"
    r"Federative Republic|People's Republic|Democratic Republic|Islamic Republic|United Republic|Socialist Republic|"
    r"Arab Republic)\s+of\s+(?:the\s+)?)?"
)


def _country_after(state: State, pos: int, sent_end: int, words: str) -> tuple[Place, str] | None:
    """ "visit to Malaysia", "in Japan": a country named right after the trigger."""
    tail = state.text[pos:sent_end]
    m = re.match(rf"\s*(?:{words})\s+(?:the\s+)?{_FORMAL}", tail, re.I)
    if not m:
        return None
    at = pos + m.end()
    for cm in state.country_mentions:
        if cm.start == at and cm.kind != "demonym":
            if _in_compound(state.text, cm.start, cm.end):
                return None  # "at the Brazil-Colombia Business Forum": no venue
            if _VISITOR_AFTER.match(state.text, cm.end):
                return None  # "the official visit of New Zealand Prime Minister ...": the visitor's country
            return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:country_after"
    return None


# "visit of New Zealand Prime Minister X", "visit of the Kenyan President": a title after the country names the
# visitor, not the host.
_VISITOR_AFTER = re.compile(
    r"\s+(?:(?:Prime|Foreign|Deputy|Vice|Defen[cs]e|Trade)\s+)?(?:Minister|President|Premier|Chancellor|King|Queen|Emir|"
    r"Sultan|Crown Prince|Head of State|Secretary|Leader|Delegation)\b",
    re.I,
)
# A city written as its government: "Seoul's foreign ministry said", "Berlin's position", "as Berlin looks to".
_AS_GOVERNMENT_AFTER = re.compile(
    r"(?:['’]s?\s)|\s+(?:looks?|seeks?|wants?|hopes?|says?|said|insists?|insisted|warns?|warned|argues?|argued|"
    r"believes?|believed|fears?|feared|claims?|claimed|accuses?|accused|rejects?|rejected|considers?|is\s+(?:seeking|"
    r"looking|pushing|trying)|has\s+(?:said|insisted|warned))\b"
)
# A place after the trigger past a clause of another occasion or a report: "since X took office ... in Tokyo",
# "the ministry said in Seoul".
_PLACE_BARRIER = re.compile(
    r"\b(?:since|when|said|says|told|according to)\b|,\s*(?:who|which|whose)\b|[“”\"]"
    # a second predicate of the subject: "signed agreements ..., and agreed to hold the next session in Tehran"
    r"|(?:,\s*|\s)and\s+(?:also\s+)?(?:agreed|decided|pledged|vowed|planned|announced|invited|will|would)\b"
)
# "Malaysia will host the next Joint Commission", "South Africa hosted the session": the host country.
_HOSTS_BEFORE = re.compile(
    r"\b(?:will|to|would|shall)?\s*(?:host|hosts|hosted|hosting)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,4}$",
    re.I,
)


_VISIT_TO = re.compile(
    r"\b(?:visit(?:ed|ing|s)?|trip|travel(?:s|led|ed|ling|ing)?|tour|arriv(?:ed|es|ing)|flew|flies|fly)"
    r"\s+(?:(?:to|of|in)\s+)?(?:the\s+)?"
    + r"(?:(?:Republic|Kingdom|Sultanate|State|Federation|Commonwealth|Union|"
    r"Federal Democratic Republic|Federative Republic|People's Republic|Democratic Republic|Islamic Republic|"
    r"United Republic|Socialist Republic|Arab Republic)\s+of\s+(?:the\s+)?)?$",
    re.I,
)


def _visit_host(state: State, mention: Mention) -> tuple[Place, str] | None:
    """ "visit to Malaysia", "visited Japan", "trip to the Thai capital": the host country in the sentence."""
    for cm in state.countries_in(mention.sent_start, mention.sent_end):
        before = state.text[max(mention.sent_start, cm.start - 30) : cm.start]
        if not _VISIT_TO.search(before):
            if (
                cm.kind != "demonym"
                and _IN_FOR_VISIT.match(state.text, cm.end)
                and re.search(
                    r"\b(?:is|was|were|are|been|arrived|arrives|remains?|stay(?:s|ed)?)\s+in\s+(?:the\s+)?$",
                    before,
                )
            ):
                # "Tinubu was in South Africa for a working visit"
                return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:visit_host_in"
            continue
        if cm.kind == "demonym" and not re.match(r"\s+capital\b", state.text[cm.end : cm.end + 10]):
            continue
        if _VISITOR_AFTER.match(state.text, cm.end) or _in_compound(state.text, cm.start, cm.end):
            continue  # "the visit of Kenyan President ...": the visitor
        return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:visit_host"
    return None


_IN_FOR_VISIT = re.compile(r"\s+(?:for|on)\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,3}visit\b", re.I)


def _in_compound(text: str, start: int, end: int) -> bool:
    """A place written as part of a hyphenated compound ("Malaysia-Singapore", "Tokyo-based")."""
    return (start > 0 and text[start - 1] in "-–") or (end < len(text) and text[end] in "-–")


def _is_actor(state: State, start: int, end: int, trigger: int) -> bool:
    """A country name before the trigger with no "in/at" before it is a party to the event."""
    if not any(c.start == start and c.end == end for c in state.countries_in(start, end)):
        return False
    return not re.search(r"\b(?:in|at|to)\s+$", state.text[max(0, start - 6) : start], re.I)


def _here_nearer(state: State, mention: Mention, reach: int, best: float | None) -> Place | None:
    """The dateline's place when "here" follows the trigger closer than any named place ("at the
    retreat here, a year after the last one was held in Singapore")."""
    if state.dateline is None or state.dateline.country is None:
        return None
    for m in lexicon().here.finditer(state.text, mention.end, min(mention.sent_end, mention.end + reach)):
        distance = m.start() - mention.end
        if best is None or distance < best:
            return Place(name=state.dateline.name, country=state.dateline.country)
        break
    return None


def _host_before(state: State, mention: Mention) -> tuple[Place, str] | None:
    """ "Malaysia will host the next Joint Commission Meeting": the country that hosts the trigger."""
    m = _HOSTS_BEFORE.search(state.text, mention.sent_start, mention.start)
    if not m:
        return None
    for cm in reversed(state.countries_in(mention.sent_start, m.start())):
        if cm.kind != "demonym" and re.fullmatch(r"\s*", state.text[cm.end : m.start()]):
            return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:host_before"
    return None


# "in Peru", "in southern Poland", "in the north-east of India"
_IN_REGION_OF = re.compile(
    r"\bin\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west|central|far)(?:ern)?\s+(?:part\s+of\s+)?"
    r"|(?:(?:north|south)(?:-?(?:east|west))?|east|west|centre|center)\s+of\s+)?$",
    re.I,
)


def _country_in_clause(state: State, mention: Mention, reach: int) -> tuple[Place, str] | None:
    """ "held talks on the sidelines of the APEC meeting in Peru": a country after "in", in the trigger's clause."""
    for cm in state.countries_in(mention.end, min(mention.sent_end, mention.end + reach)):
        if cm.kind == "demonym" or _in_compound(state.text, cm.start, cm.end):
            continue
        if not _IN_REGION_OF.search(state.text[max(mention.end, cm.start - 30) : cm.start]):
            continue
        if re.match(r"[ \t]+(?-i:[A-Z])", state.text[cm.end : cm.end + 3]):
            continue  # "in the South China Sea": part of a longer name, not the country
        if _PLACE_BARRIER.search(state.text[mention.end : cm.start]) or _AS_GOVERNMENT_AFTER.match(
            state.text, cm.end
        ):
            continue
        return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:country_in_clause"
    return None


def _place_for(state: State, mention: Mention, sentence: str) -> tuple[Place | None, str]:
    if is_remote(state, mention):
        return None, "place:remote"  # "spoke by telephone": a call has no venue (nor the dateline's city)
    hosted = _host_before(state, mention)
    if hosted:
        return hosted
    if mention.kind == "visit":  # "visit to Malaysia" names the host before any city does
        hit = _country_after(state, mention.end, mention.sent_end, r"to|of|in|") or _visit_host(
            state, mention
        )
        if hit:
            return hit
    reach = 60 if mention.kind == "visit" else 160
    best = None
    for pm in state.places_in(mention.sent_start, mention.sent_end):
        distance = pm.start - mention.end if pm.start >= mention.end else mention.start - pm.end + 15
        if distance > reach or (mention.kind == "visit" and pm.start < mention.start):
            continue
        if _in_compound(state.text, pm.start, pm.end):  # "the Johor-Singapore zone" names no venue
            continue
        if pm.kind != "venue" and _AS_GOVERNMENT_AFTER.match(state.text, pm.end):
            continue  # "Seoul's foreign ministry said": the government, not the venue
        if pm.start >= mention.end and _PLACE_BARRIER.search(state.text[mention.end : pm.start]):
            continue  # another clause: "since the minister took office in Tokyo"
        if pm.start < mention.start and _is_actor(state, pm.start, pm.end, mention.start):
            continue  # "Malaysia and Singapore today signed": the parties, not the venue
        if pm.start >= mention.end and _EARLIER_OCCASION.search(state.text[mention.end : pm.start]):
            continue  # "the second such meeting after the first in Tokyo"
        if _TOPIC_BEFORE.search(state.text[max(mention.sent_start, pm.start - 14) : pm.start]):
            continue  # "spoke about the Gaza war", "talks on Ukraine": a topic, not the venue
        if (
            pm.start >= mention.end
            and mention.kind in ("statement", "press_conference")
            and _CONTENT_CLAUSE.search(state.text[mention.end : pm.start])
        ):
            continue
        if best is None or distance < best[0]:
            best = (distance, pm)
    here_place = _here_nearer(state, mention, reach, best[0] if best is not None else None)
    if here_place is not None:
        return here_place, "place:here=dateline"
    if best is not None:
        pm = best[1]
        if state.dateline_span and state.dateline_span[0] <= pm.start < state.dateline_span[1]:
            named = _country_in_clause(state, mention, reach)
            if named is not None:
                return named  # "BERLIN - ... held talks in Gliwice in southern Poland": the country named for it
            return Place(
                name=pm.name, country=pm.country
            ), "place:dateline_span"  # a later named venue beats it
        return Place(name=pm.name, country=pm.country), f"place:{pm.kind}"
    hit = _country_after(state, mention.end, mention.sent_end, r"in|at") or _country_in_clause(
        state, mention, reach
    )
    if hit:
        return hit
    here = lexicon().here.search(state.text, mention.sent_start, mention.sent_end)
    if here and state.dateline is not None:
        return Place(name=state.dateline.name, country=state.dateline.country), "place:here=dateline"
    if mention.kind == "visit":
        return _visit_fallback(state, mention)
    return None, ""


def is_remote(state: State, mention: Mention) -> bool:
    """A meeting held at a distance: its trigger says so ("phone call", "spoke by telephone", "virtual summit")."""
    return mention.kind == "meeting" and bool(lexicon().remote.search(state.text, mention.start, mention.end))


_VISIT_BY_TO = re.compile(r"^[^.;:()]{0,60}?\bto\s+(?:the\s+)?$", re.I)


def _visit_fallback(state: State, mention: Mention) -> tuple[Place | None, str]:
    """ "a state visit by a French head of state to Germany": the host named a little after the
    trigger; else the nearest place named before the trigger in its sentence ("at a banquet in
    Nairobi ... on the first day of a state visit")."""
    for cm in state.countries_in(mention.end, min(mention.sent_end, mention.end + 70)):
        if cm.kind != "demonym" and _VISIT_BY_TO.match(state.text[mention.end : cm.start]):
            return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:visit_host_after"
    before = [
        pm
        for pm in state.places_in(mention.sent_start, mention.start)
        if pm.country
        and mention.start - pm.end <= 160
        and not _in_compound(state.text, pm.start, pm.end)
        and not _is_actor(state, pm.start, pm.end, mention.start)
    ]
    if before:
        pm = before[-1]
        return Place(name=pm.name, country=pm.country), f"place:{pm.kind}_before"
    return None, ""


_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
_LISTED_HOST = re.compile(r"^\s*(?:to\s+)?(?:the\s+)?[A-Z][\w'’ -]{1,40}?(?:,\s*|\s+and\s+)$")


def _placed_for_pair(state: State, mention: Mention, pair: tuple[str, str]) -> Mention:
    """One trigger for two hosts: "plans to visit Kazakhstan and Uzbekistan", "talks with Tokayev in Astana and
    with Mirziyoyev in Samarkand".  The mention placed in a third country is, for this pair, placed at the
    pair's own place named after the trigger in the same sentence (else left as it is, and dropped)."""
    if mention.place is None or mention.place.country in (None, *pair):
        return mention
    for pm in state.places_in(mention.end, mention.sent_end):
        if (
            pm.country in pair
            and not _in_compound(state.text, pm.start, pm.end)
            and _LOCATIVE.search(state.text[max(mention.end, pm.start - 9) : pm.start])
        ):
            return replace(
                mention, place=Place(name=pm.name, country=pm.country), place_rule="place:pair_host_after"
            )
    if mention.kind == "visit":
        for cm in state.countries_in(mention.end, mention.sent_end):
            if (
                cm.iso3 in pair
                and cm.kind != "demonym"
                and _LISTED_HOST.search(state.text[mention.end : cm.start])
            ):
                place = Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3)
                return replace(mention, place=place, place_rule="place:pair_host_listed")
    return mention
