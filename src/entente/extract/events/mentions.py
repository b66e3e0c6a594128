"""Event mentions: the triggers of each sentence, read in context (status, date, place, people), and
which of them speak of a pair."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from ...record import DateValue
from ..lexfilter import CaseFreeScan, case_free
from ..published import metadata_bases, resolve_against
from ..relations import cues as relation_cues
from ..scope import pronoun_subject, sentence_spans
from ..signing import expand_slots
from ..state import State
from .dating import _date_for, _with_duration, visit_until
from .model import FUTURE, Mention
from .placing import _place_for
from .status import _status
from .triggers import find_triggers, lexicon, sentence_candidates

# "the 24th meeting of the Council of Heads of State of the Shanghai Cooperation Organization": a body's.
_OF_A_BODY = re.compile(
    r"[^.;]{0,60}?\bof (?:the )?(?:[A-Z][\w-]* ){0,4}(?:Organi[sz]ation|Union|League|Community|Commonwealth|Association|Forum|Group)\b"
)


def _sentence_countries(state: State, start: int, end: int) -> tuple[set[str], list[str]]:
    countries = {m.iso3 for m in state.countries_in(start, end)}
    people = []
    for pm in state.people_in(start, end):
        person = state.person(pm.person_id)
        if person is None:
            continue
        if person.country:
            countries.add(person.country)
        if pm.person_id not in people:
            people.append(pm.person_id)
    return countries, people


_VENUE_AFTER = re.compile(r"\s+(?:held\s+)?(?:at|in)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
_DURING_BEFORE = re.compile(r"\s*(?:During|At|After|Following)\s+")


@cache
def _finite_done() -> re.Pattern[str]:
    """A done signing verb with its object ("officials exchanged a memorandum"), from data/signing.json."""
    return re.compile(
        expand_slots(r"\b(?:{signing:past}|{signing:past:exchanged}|{signing:past:signed:object})\b")
        + r"(?= (?:a|an|the|two|three|four|five|several|\d+)\b)",
        re.I,
    )


@cache
def _repeat_scan() -> CaseFreeScan:
    return CaseFreeScan(lexicon().repeat)


def _repeat_in(sentence: str, pos: int) -> re.Match[str] | None:
    """``lexicon().repeat.search(sentence, pos)`` ("followed by a second round"), done on the lower-cased
    sentence where that finds the same: the match's offsets are the sentence's (its text is lower case)."""
    regex, hay = _repeat_scan().on(sentence, case_free(sentence))
    return regex.search(hay, pos)


def find_mentions(state: State, doc: Doc) -> list[Mention]:
    lex = lexicon()
    published = state.published.date if state.published else None
    out: list[Mention] = []
    bounds = sentence_spans(doc)
    for index, (s0, s1) in enumerate(bounds):
        sentence = state.text[s0:s1]
        pool = sentence_candidates(state.text, s0, s1)  # None: a text the literals cannot filter
        triggers = find_triggers(sentence, pool, checked=pool is not None) if pool != [] else []
        if not triggers:
            continue
        countries, people = _sentence_countries(state, s0, s1)
        subject, subject_country = pronoun_subject(state, bounds, index)
        if subject_country:  # "He will then travel to Jakarta, where he is due to meet President Prabowo"
            countries = countries | {subject_country}
            people = [subject, *people] if subject not in people else people
        for trig, ts, te in triggers:
            if trig.kind == "dialogue" and _OF_A_BODY.match(sentence, te):
                continue  # a multilateral body's council, not a mechanism of the pair
            repeat = _repeat_in(sentence, te)
            limit = s0 + repeat.start() if repeat else None
            mention = Mention(
                kind=trig.kind,
                start=s0 + ts,
                end=s0 + te,
                sent_start=s0,
                sent_end=s1,
                anaphoric=trig.anaphoric,
                rule=trig.name,
                countries=countries,
                participants=list(people),
                multilateral=bool(lex.multilateral.search(sentence[max(0, ts - 40) : te + 10])),
                trilateral=len(countries) >= 3 and bool(relation_cues().trilateral.search(sentence)),
            )
            value = _date_for(state, s0, s1, (s0 + ts, s0 + te), limit)
            if trig.kind == "visit":
                value = _with_duration(value, sentence) or visit_until(state, s0, s1, (s0 + ts, s0 + te))
            mention.date = value
            at = ts
            if trig.kind == "signing":  # "..., and officials exchanged a memorandum": the verb's own clause
                done = _finite_done().search(sentence, ts, te)
                at = done.end() if done else ts
            mention.status, mention.status_rule = _status(sentence, at, value, published, te, ts, trig.kind)
            if mention.status_rule == "events:provided_for":
                mention.date = None  # "signed on Tuesday an agreement allowing joint drills": the day is the signing's
            mention.place, mention.place_rule = _place_for(state, mention, sentence)
            if trig.kind == "meeting" and not trig.anaphoric:
                mention.counterpart = _counterpart(state, mention)
            if trig.anaphoric and trig.kind == "meeting":
                # "The talks at Government House covered ...", "During the meeting, which lasted four hours, ...":
                # a meeting held, whether or not a trigger named it before
                if mention.place and _VENUE_AFTER.match(sentence, te):
                    mention.presupposed = True
                elif _DURING_BEFORE.fullmatch(sentence, 0, ts):
                    mention.presupposed, mention.place, mention.place_rule = True, None, ""
            if trig.kind == "visit":
                mention.visitor = _visitor(state, mention, subject_country)
            out.append(mention)
            if repeat and not trig.anaphoric:
                second = _date_for(
                    state, s0 + repeat.end(), s1, (s0 + repeat.start(), s0 + repeat.end()), None
                )
                if second is not None and mention.status in FUTURE:
                    second = _in_future(state, doc, s0 + repeat.end(), s1, second)
                if second is not None:
                    again = Mention(
                        kind=trig.kind,
                        start=s0 + repeat.start(),
                        end=s0 + repeat.end(),
                        sent_start=s0,
                        sent_end=s1,
                        anaphoric=False,
                        rule=f"{trig.kind}:repeat",
                        countries=countries,
                        participants=list(people),
                        date=second,
                        status=mention.status,
                        status_rule=mention.status_rule,
                        place=None,
                    )
                    out.append(again)
    out.extend(_acronym_mentions(state, bounds, out))
    out.sort(key=lambda m: m.start)
    return out


def _in_future(state: State, doc: Doc, lo: int, hi: int, value: DateValue) -> DateValue:
    """ "will hold their first exercise in June, followed by a second one in October": the second occasion is to
    come like the first, so its date is read in the future even where its own clause has no future verb."""
    for dm in state.dates_in(lo, hi):
        if dm.value != value:
            continue
        found = doc.user_data.get("entente_temporal", {}).get((dm.start, dm.end))
        if found is None or found[1] == "future":
            return value
        again, _ = resolve_against(found[0], "future", metadata_bases(state.published))
        return again or value
    return value


def _counterpart(state: State, mention: Mention) -> str | None:
    """ "held talks with HM King Salman", "audiences with A ... and with B": the person met (if named)."""
    for pm in state.people_in(mention.end, mention.sent_end):
        if pm.start - mention.end > 120:
            return None
        between = state.text[mention.end : pm.start]
        if ";" in between or "." in between.rstrip(". "):
            return None
        head = state.text[mention.start : mention.end].lower()
        if head.rstrip().endswith("with") or re.match(r"\s*with\b", between, re.I):
            return pm.person_id
        return None
    return None


_POSSESSOR = re.compile(r"(?:['’]s|\b(?:his|her))\s+(?:[\w-]+\s+){0,3}$", re.I)


def _visitor(state: State, mention: Mention, subject_country: str | None) -> str | None:
    """ "Lula's visit", "during his State visit": the country of the person whose visit it is."""
    text = state.text
    head = text[mention.start : mention.end]
    own = re.search(r"['’]s\b", head)
    at = mention.start + own.start() if own else None
    if at is None:
        m = _POSSESSOR.search(text, max(mention.sent_start, mention.start - 40), mention.start)
        if m is None:
            return None
        if m.group(0)[:1] in "'’":
            at = m.start()
        else:  # "his": the subject of the sentence
            people = state.people_in(mention.sent_start, mention.start)
            if people:
                person = state.person(people[0].person_id)
                return person.country if person is not None else None
            return subject_country
    for pm in state.people_in(mention.sent_start, at + 1):
        if pm.end == at:
            person = state.person(pm.person_id)
            return person.country if person is not None else None
    for cm in state.countries_in(mention.sent_start, at + 1):
        if cm.end == at:
            return cm.iso3
    word = re.search(r"([A-Z][\w-]+)$", text[max(0, at - 30) : at])
    if word:  # a name not tagged here ("Lula's visit"): a word of one person's name in the document
        countries = {p.country for p in state.people if p.country and word.group(1) in p.name.split()}
        if len(countries) == 1:
            return countries.pop()
    return None


_ACRONYM = re.compile(r"\s*\(([A-Z]{2,6})\)")


def _acronym_mentions(state: State, bounds: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """ "the 12th High-Level Meeting (HLM) opened ...", later "This HLM will be marked by ...": the acronym
    defined right after a trigger names the same event again (an anaphoric mention)."""
    defined: dict[str, Mention] = {}
    for m in found:
        if m.anaphoric:
            continue
        a = _ACRONYM.match(state.text, m.end)
        if a and a.group(1) not in defined:
            defined[a.group(1)] = m
    if not defined:
        return []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, defined)) + r")\b")
    taken = {(m.sent_start, m.kind) for m in found}
    out = []
    for s0, s1 in bounds:
        for hit in pattern.finditer(state.text, s0, s1):
            source = defined[hit.group(1)]
            if hit.start() <= source.end + 3 or (s0, source.kind) in taken:
                continue
            out.append(
                Mention(
                    kind=source.kind,
                    start=hit.start(),
                    end=hit.end(),
                    sent_start=s0,
                    sent_end=s1,
                    anaphoric=True,
                    rule=f"{source.kind}:acronym",
                    countries=source.countries,
                    participants=[],
                )
            )
            taken.add((s0, source.kind))
            break
    return out


# ---------------------------------------------------------------- pairs


def relevant(mention: Mention, pair: tuple[str, str], single_pair: bool, text: str) -> bool:
    """Does this mention speak of the pair's relation?"""
    both = set(pair) <= mention.countries
    if mention.multilateral:
        return both
    if both:
        return True
    if not single_pair:
        return False
    if mention.countries & set(pair):
        return True
    if mention.anaphoric:
        return True
    if (
        not mention.countries
        and mention.kind in ("meeting", "signing", "dialogue")
        and not mention.multilateral
    ):
        return True  # "The treaty was signed after talks in narrow and extended formats": the one pair's
    return bool(lexicon().pair_reference.search(text[mention.sent_start : mention.sent_end]))
