"""Events of a relation: meetings, visits, statements, press conferences, signings,
exercises and dialogues, with their status, date, place and participants.

1. Triggers (``data/event_triggers.json``) are found sentence by sentence; a kind
   earlier in the data's ``order`` hides an overlapping trigger of a later kind
   ("Joint Commission Meeting" is a dialogue, not a meeting).  Per sentence and
   kind only the first trigger counts.  Anaphoric triggers ("the meeting", "said
   the statement") only add evidence to an event already found.
2. Each mention gets a status from :mod:`.modality` (past reports are
   ``occurred``; "will", "decided to hold" are ``planned``; "set to", "expected
   to", "a source said" are ``expected``), a date (the date expression nearest the
   trigger in its sentence, not the date of a report such as "said Monday"), a
   place (the place nearest the trigger, "here" = the dateline, "visit to
   Malaysia" = that country) and participants (the people of the pair named in
   the sentence).  A visit "for a two-day official visit from Saturday" gets an
   end date.  A date after publication makes an "occurred" reading ``planned``.
3. Mentions of one event are merged: same kind, both done or both to come,
   compatible dates and places.  A mention without a date joins the nearest
   earlier compatible event.  "followed by a second one in April" is a new
   event of the same kind.
4. The events of one occasion share date and place: a joint statement, press
   conference or signing without its own date or place takes those of the
   meeting or visit of the article (only when that is unambiguous), and an
   occurred meeting without a place falls back to the dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_json
from ..record import DateValue, Event, Place, Span
from .countries import country_name, resolve_country
from .lexfilter import CASE_ODD, Requirement, holds, required_literals
from .modality import modality
from .scope import pronoun_subject, sentence_spans
from .state import DateMention, State

FUTURE = ("planned", "expected")
SESSION_KINDS = ("meeting", "statement", "press_conference", "signing")
SHARES_OCCASION = ("statement", "press_conference", "signing")


@dataclass(frozen=True)
class Trigger:
    kind: str
    pattern: re.Pattern[str]
    anaphoric: bool
    name: str


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    not_after_visit: re.Pattern[str]
    multilateral: re.Pattern[str]
    repeat: re.Pattern[str]
    reporting_date: re.Pattern[str]
    duration: re.Pattern[str]
    numbers: dict[str, int]
    here: re.Pattern[str]
    pair_reference: re.Pattern[str]
    adjunct_before: re.Pattern[str]
    decision_cue: re.Pattern[str]
    date_barrier: re.Pattern[str]
    relative_open: re.Pattern[str]
    date_not_event: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    data = load_json("event_triggers.json")
    triggers = []
    for kind in data["order"]:
        spec = data["kinds"][kind]
        sensitive = set(spec.get("case_sensitive", []))
        for i, p in enumerate(spec.get("new", [])):
            flags = 0 if i in sensitive else re.I
            triggers.append(Trigger(kind, re.compile(p, flags), False, f"{kind}:new:{i}"))
        for i, p in enumerate(spec.get("anaphoric", [])):
            triggers.append(Trigger(kind, re.compile(p, re.I), True, f"{kind}:anaphoric:{i}"))
    not_after = data["kinds"]["meeting"].get("not_after_visit", [])
    return Lexicon(
        triggers=tuple(triggers),
        not_after_visit=re.compile("|".join(not_after) or r"(?!x)x", re.I),
        multilateral=re.compile(data["multilateral"]),
        repeat=re.compile(data["repeat"], re.I),
        reporting_date=re.compile(data["reporting_date"], re.I),
        duration=re.compile(data["duration"], re.I),
        numbers=data["numbers"],
        here=re.compile(data["here"], re.I),
        pair_reference=re.compile(data["pair_reference"], re.I),
        adjunct_before=re.compile(data["adjunct_before"], re.I),
        decision_cue=re.compile(data["decision_cue"], re.I),
        date_barrier=re.compile(data["date_barrier"], re.I),
        relative_open=re.compile(data["relative_open"], re.I),
        date_not_event=re.compile(data["date_not_event"], re.I),
    )


@dataclass
class Mention:
    """One trigger in one sentence, read in context."""

    kind: str
    start: int  # trigger, document offsets
    end: int
    sent_start: int
    sent_end: int
    anaphoric: bool
    rule: str
    status: str = "occurred"
    status_rule: str = ""
    date: DateValue | None = None
    place: Place | None = None
    place_rule: str = ""
    participants: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    multilateral: bool = False


@dataclass
class Draft:
    """An event being assembled from its mentions."""

    kind: str
    status: str
    date: DateValue | None
    place: Place | None
    participants: list[str]
    mentions: list[Mention]
    rules: list[str]
    place_from_dateline: bool = False


# ---------------------------------------------------------------- finding mentions


@cache
def _requirements() -> tuple[Requirement, ...]:
    return tuple(required_literals(t.pattern) for t in lexicon().triggers)


def possible_triggers(text: str) -> list[int] | None:
    """Indices of the triggers whose required literals are all in ``text`` (``None``: all of them)."""
    low = text.lower()
    if len(low) != len(text) or CASE_ODD.search(text) is not None:
        return None
    return [i for i, needs in enumerate(_requirements()) if holds(needs, low)]


def find_triggers(sentence: str, candidates: list[int] | None = None) -> list[tuple[Trigger, int, int]]:
    """Non-overlapping triggers of a sentence; earlier kinds win overlaps; one per kind and role.

    ``candidates``: indices of the triggers that can match (:func:`possible_triggers` of a text
    holding the sentence); the others are not tried.
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[Trigger, int, int]] = []
    seen: set[tuple[str, bool]] = set()
    triggers = lexicon().triggers
    pool: list[int] | range = range(len(triggers)) if candidates is None else candidates
    low = sentence.lower()
    if len(low) == len(sentence) and CASE_ODD.search(sentence) is None:
        needs = _requirements()
        pool = [i for i in pool if holds(needs[i], low)]  # the others cannot match here
    for i in pool:
        trig = triggers[i]
        for m in trig.pattern.finditer(sentence):
            s, e = m.span()
            if e == s or any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            if (trig.kind, trig.anaphoric) in seen:
                continue
            seen.add((trig.kind, trig.anaphoric))
            found.append((trig, s, e))
    # a new trigger of a kind makes an anaphoric one of the same kind in that sentence redundant
    new_kinds = {t.kind for t, _, _ in found if not t.anaphoric}
    found = [(t, s, e) for t, s, e in found if not (t.anaphoric and t.kind in new_kinds)]
    kinds = {t.kind for t, _, _ in found}
    if "visit" in kinds:  # "a visit ... to meet officials": the meeting is the visit's purpose
        found = [
            (t, s, e) for t, s, e in found
            if not (t.kind == "meeting" and lexicon().not_after_visit.search(sentence[max(0, s - 4) : e]))
        ]
    return sorted(found, key=lambda x: x[1])


_CANCELLED_AFTER = re.compile(
    r"[^;:]{0,120}?\b(?:has|have|had|was|were|is|are|been)\s+(?:now\s+|been\s+|also\s+)*"
    r"(?:postponed|cancell?ed|called off|scrapped|put off|shelved|suspended|delayed indefinitely|deferred)\b",
    re.I,
)
_SCHEDULE_WORD = re.compile(r"scheduled|planned|slated|\bset\b|\bdue\b", re.I)
# "preparations for the next meeting of the Council, scheduled to take place in Tashkent"
_SCHEDULED_AFTER = re.compile(
    r"[^;:.]{0,80}?,\s+(?:which\s+is\s+|that\s+is\s+)?(scheduled|planned|set|slated|due)\s+(?:to\s+(?:take\s+place|be\s+held|open|begin)|for)\b",
    re.I,
)
_CANCEL_WORD = re.compile(r"postpon|cancel|called off|call off|calls off|scrap|put off|puts off|shelv|suspend|delayed|deferred", re.I)
_CANCELLED_BEFORE = re.compile(
    r"\b(?:postpon(?:e|es|ed|ing)|cancell?(?:ed|ing|s)?|call(?:ed|s|ing)? off|scrap(?:ped|s)?|put off|puts off|"
    r"shelv(?:e|ed|es))\s+(?:(?:his|her|their|its|the|a|an|planned|scheduled|upcoming|proposed)\s+)*"
    r"(?:(?!(?:and|but|then|to)\s)[\w-]+\s+){0,2}$",
    re.I,
)


def cancelled(sentence: str, start: int, end: int) -> str | None:
    """"A visit ... that had been scheduled for next Tuesday has been postponed", "That signing ceremony
    was called off", "postponed his Brasilia trip": the cue, when the event will not take place as planned."""
    if not _CANCEL_WORD.search(sentence):
        return None
    m = _CANCELLED_BEFORE.search(sentence[max(0, start - 60) : start])
    if m:
        return m.group(0).strip()
    m = _CANCELLED_AFTER.match(sentence, end)
    if m and not re.search(r"[.!?]\s|\b(?:although|though|but|while|whereas|because|after|when|and|as|since)\b", m.group(0)):
        return m.group(0).strip()  # not a clause away: "the visit went ahead although a dinner was postponed"
    return None


def _status(sentence: str, offset: int, date_value: DateValue | None, published: str | None, end: int | None = None) -> tuple[str, str]:
    cue = cancelled(sentence, offset, end if end is not None else offset)
    if cue:
        return "cancelled", f"events:cancelled:{cue.split()[-1].lower()}"
    reading = modality(sentence, offset, default="occurred")
    status = reading.status
    if status in ("agreed", "discussed", "occurred") and end is not None and _SCHEDULE_WORD.search(sentence, end):
        after = _SCHEDULED_AFTER.match(sentence, end)
        if after:
            return "planned", f"events:scheduled:{after.group(1).lower()}"
    lex = lexicon()
    adjunct = lex.adjunct_before.search(sentence[:offset]) or re.match(r"(?:after|following)\b", sentence[offset:], re.I)
    if status == "planned" and lex.decision_cue.match(reading.cue) and adjunct:
        return "occurred", f"events:frame_of_decision:{reading.cue.lower()}"
    if status in ("agreed", "discussed"):
        status = "occurred"
    if status == "occurred" and date_value and published:
        n = min(len(date_value.start), len(published))  # compare at a precision both have
        if date_value.start[:n] > published[:n]:
            return "planned", "events:after_publication"
    return status, reading.rule


def _date_for(state: State, sent_start: int, sent_end: int, trigger: tuple[int, int], limit: int | None) -> DateValue | None:
    """The date expression nearest the trigger in its sentence (reports' dates skipped)."""
    return _nearest_date(state, sent_start, sent_end, trigger, limit, strict=True) or _nearest_date(
        state, sent_start, sent_end, trigger, limit, strict=False
    )


def _nearest_date(
    state: State, sent_start: int, sent_end: int, trigger: tuple[int, int], limit: int | None, strict: bool
) -> DateValue | None:
    """Strict: the date must be in the trigger's clause.  Else: a main-clause date before the trigger
    ("today received X, where the two leaders held talks")."""
    lex = lexicon()
    best: tuple[float, DateMention] | None = None
    for dm in state.dates_in(sent_start, sent_end):
        if not strict and dm.end > trigger[0]:
            continue
        if dm.value is None:
            continue
        if limit is not None and dm.start >= limit:
            continue
        if strict and lex.reporting_date.search(state.text[max(sent_start, dm.start - 20) : dm.start]):
            continue  # "a source said Monday" dates the report; only a fallback for the event
        if lex.date_not_event.match(state.text[dm.start : dm.end]) or re.search(
            r"\b(?:by|since|until|before)\s+$", state.text[max(sent_start, dm.start - 8) : dm.start], re.I
        ) or _SINCE_PHRASE.search(state.text[max(sent_start, dm.start - 40) : dm.start]):
            continue  # a deadline or a duration, not when the event happened
        if _YEAR_MODIFIER.fullmatch(state.text[dm.start : dm.end]) and re.match(r" [A-Za-z]", state.text[dm.end : dm.end + 2]) and (
            state.text[dm.start : dm.end].lower().startswith("the")
            or re.search(r"(?:\bthe|'s|’s)\s+$", state.text[max(sent_start, dm.start - 6) : dm.start])
        ):
            continue  # "the 1973 Itaipu Treaty", "the 2018 agreement": a name, not the event's date
        between = state.text[dm.end : trigger[0]] if dm.end <= trigger[0] else state.text[trigger[1] : dm.start]
        if dm.start >= trigger[1]:
            between = _SCHEDULED_FOR.sub("", between)
        if strict and lex.date_barrier.search(between):
            continue  # another clause
        if dm.end <= trigger[0] and "," in between and lex.relative_open.search(state.text[sent_start : dm.start]):
            continue  # inside a relative clause: "X, who landed on Wednesday, later held talks"
        if dm.end <= trigger[0]:
            distance = 2.0 * (trigger[0] - dm.end) + 5.0  # dates after the trigger are preferred
        else:
            distance = max(0, dm.start - trigger[1])
        if best is None or distance < best[0]:
            best = (distance, dm)
    return best[1].value if best else None


# "the 24th meeting of the Council of Heads of State of the Shanghai Cooperation Organization": a body's.
_OF_A_BODY = re.compile(
    r"[^.;]{0,60}?\bof (?:the )?(?:[A-Z][\w-]* ){0,4}(?:Organi[sz]ation|Union|League|Community|Commonwealth|Association|Forum|Group)\b"
)
# A place after the trigger but inside what was said or planned ("said in a joint statement that the group
# would meet ..., with the first session planned in Washington") is not where the trigger happened.
_CONTENT_CLAUSE = re.compile(r"\b(?:that|which|who|will|would|planned|scheduled)\b", re.I)
_TOPIC_BEFORE = re.compile(r"\b(?:about|over|regarding|concerning|on)\s+(?:the\s+)?$", re.I)
# "on his first trip to India since taking office last October": the date of another event
_SINCE_PHRASE = re.compile(r"\bsince\s+(?:\w+ing|he|she|they|it|the)\b[^,;()]{0,30}$", re.I)
# "the second such meeting after the first in Tokyo": a place of an earlier occasion
_EARLIER_OCCASION = re.compile(
    r"\b(?:after|since|following)\s+(?:the\s+)?(?:first|previous|last|earlier|inaugural)\b|,\s+the\s+\w+\s+such\b", re.I
)
_YEAR_MODIFIER = re.compile(r"(?:[Tt]he\s+)?(?:19|20)\d\d")
# "a visit ... that had been scheduled for next Tuesday": the relative clause dates the trigger itself.
_SCHEDULED_FOR = re.compile(
    r"\b(?:that|which)\s+(?:had\s+been|has\s+been|was|were|is|are)\s+(?:originally\s+)?"
    r"(?:scheduled|planned|set|slated|due)\s+(?:for|on|to\s+(?:take\s+place|begin|start)\s+(?:on|in))\s*$",
    re.I,
)


def _with_duration(value: DateValue | None, sentence: str) -> DateValue | None:
    """"a two-day visit from Saturday" -> start..start+1 day."""
    if value is None or value.end or value.precision != "day":
        return value
    m = lexicon().duration.search(sentence)
    if not m:
        return value
    raw = m.group(1).lower()
    days = int(raw) if raw.isdigit() else lexicon().numbers.get(raw, 0)
    if days < 2 or days > 60:
        return value
    try:
        end = date.fromisoformat(value.start) + timedelta(days=days - 1)
    except ValueError:
        return value
    return DateValue(start=value.start, end=end.isoformat(), precision="day", text=value.text)


# "the Republic of Kenya": the formal name's head before the country's short name.
_FORMAL = (
    r"(?:(?:Republic|Kingdom|Sultanate|State|Federation|Commonwealth|Union|Federal Democratic Republic|"
    r"Federative Republic|People's Republic|Democratic Republic|Islamic Republic|United Republic|Socialist Republic|"
    r"Arab Republic)\s+of\s+(?:the\s+)?)?"
)


def _country_after(state: State, pos: int, sent_end: int, words: str) -> tuple[Place, str] | None:
    """"visit to Malaysia", "in Japan": a country named right after the trigger."""
    tail = state.text[pos:sent_end]
    m = re.match(rf"\s*(?:{words})\s+(?:the\s+)?{_FORMAL}", tail, re.I)
    if not m:
        return None
    at = pos + m.end()
    for cm in state.country_mentions:
        if cm.start == at and cm.kind != "demonym":
            return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:country_after"
    return None


_VISIT_TO = re.compile(
    r"\b(?:visit(?:ed|ing|s)?|trip|travel(?:s|led|ed|ling|ing)?|tour|arriv(?:ed|es|ing)|flew|flies|fly)"
    r"\s+(?:(?:to|of|in)\s+)?(?:the\s+)?" + r"(?:(?:Republic|Kingdom|Sultanate|State|Federation|Commonwealth|Union|"
    r"Federal Democratic Republic|Federative Republic|People's Republic|Democratic Republic|Islamic Republic|"
    r"United Republic|Socialist Republic|Arab Republic)\s+of\s+(?:the\s+)?)?$",
    re.I,
)


def _visit_host(state: State, mention: Mention) -> tuple[Place, str] | None:
    """"visit to Malaysia", "visited Japan", "trip to the Thai capital": the host country in the sentence."""
    for cm in state.countries_in(mention.sent_start, mention.sent_end):
        before = state.text[max(mention.sent_start, cm.start - 30) : cm.start]
        if not _VISIT_TO.search(before):
            continue
        if cm.kind == "demonym" and not re.match(r"\s+capital\b", state.text[cm.end : cm.end + 10]):
            continue
        return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:visit_host"
    return None


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


def _place_for(state: State, mention: Mention, sentence: str) -> tuple[Place | None, str]:
    if mention.kind == "visit":  # "visit to Malaysia" names the host before any city does
        hit = _country_after(state, mention.end, mention.sent_end, r"to|of|in|") or _visit_host(state, mention)
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
        if pm.start < mention.start and _is_actor(state, pm.start, pm.end, mention.start):
            continue  # "Malaysia and Singapore today signed": the parties, not the venue
        if pm.start >= mention.end and _EARLIER_OCCASION.search(state.text[mention.end : pm.start]):
            continue  # "the second such meeting after the first in Tokyo"
        if _TOPIC_BEFORE.search(state.text[max(mention.sent_start, pm.start - 14) : pm.start]):
            continue  # "spoke about the Gaza war", "talks on Ukraine": a topic, not the venue
        if pm.start >= mention.end and mention.kind in ("statement", "press_conference") and _CONTENT_CLAUSE.search(
            state.text[mention.end : pm.start]
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
            return Place(name=pm.name, country=pm.country), "place:dateline_span"  # a later named venue beats it
        return Place(name=pm.name, country=pm.country), f"place:{pm.kind}"
    hit = _country_after(state, mention.end, mention.sent_end, r"in|at")
    if hit:
        return hit
    here = lexicon().here.search(state.text, mention.sent_start, mention.sent_end)
    if here and state.dateline is not None:
        return Place(name=state.dateline.name, country=state.dateline.country), "place:here=dateline"
    if mention.kind == "visit":
        return _visit_fallback(state, mention)
    return None, ""


_VISIT_BY_TO = re.compile(r"^[^.;:()]{0,60}?\bto\s+(?:the\s+)?$", re.I)


def _visit_fallback(state: State, mention: Mention) -> tuple[Place | None, str]:
    """"a state visit by a French head of state to Germany": the host named a little after the
    trigger; else the nearest place named before the trigger in its sentence ("at a banquet in
    Nairobi ... on the first day of a state visit")."""
    for cm in state.countries_in(mention.end, min(mention.sent_end, mention.end + 70)):
        if cm.kind != "demonym" and _VISIT_BY_TO.match(state.text[mention.end : cm.start]):
            return Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3), "place:visit_host_after"
    before = [
        pm for pm in state.places_in(mention.sent_start, mention.start)
        if pm.country and mention.start - pm.end <= 160 and not _in_compound(state.text, pm.start, pm.end)
        and not _is_actor(state, pm.start, pm.end, mention.start)
    ]
    if before:
        pm = before[-1]
        return Place(name=pm.name, country=pm.country), f"place:{pm.kind}_before"
    return None, ""


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


_FINITE_DONE = re.compile(r"\b(?:signed|exchanged|inked)\b(?= (?:a|an|the|two|three|four|five|several|\d+)\b)")


def find_mentions(state: State, doc: Doc) -> list[Mention]:
    lex = lexicon()
    published = state.published.date if state.published else None
    out: list[Mention] = []
    candidates = possible_triggers(state.text)
    bounds = sentence_spans(doc)
    for index, (s0, s1) in enumerate(bounds):
        sentence = state.text[s0:s1]
        triggers = find_triggers(sentence, candidates)
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
            repeat = lex.repeat.search(sentence, te)
            limit = s0 + repeat.start() if repeat else None
            mention = Mention(
                kind=trig.kind, start=s0 + ts, end=s0 + te, sent_start=s0, sent_end=s1,
                anaphoric=trig.anaphoric, rule=trig.name, countries=countries,
                participants=list(people),
                multilateral=bool(lex.multilateral.search(sentence[max(0, ts - 40) : te + 10])),
            )
            value = _date_for(state, s0, s1, (s0 + ts, s0 + te), limit)
            if trig.kind == "visit":
                value = _with_duration(value, sentence)
            mention.date = value
            at = ts
            if trig.kind == "signing":  # "..., and officials exchanged a memorandum": the verb's own clause
                done = _FINITE_DONE.search(sentence, ts, te)
                at = done.end() if done else ts
            mention.status, mention.status_rule = _status(sentence, at, value, published, te)
            mention.place, mention.place_rule = _place_for(state, mention, sentence)
            out.append(mention)
            if repeat and not trig.anaphoric:
                second = _date_for(state, s0 + repeat.end(), s1, (s0 + repeat.start(), s0 + repeat.end()), None)
                if second is not None:
                    again = Mention(
                        kind=trig.kind, start=s0 + repeat.start(), end=s0 + repeat.end(), sent_start=s0,
                        sent_end=s1, anaphoric=False, rule=f"{trig.kind}:repeat", countries=countries,
                        participants=list(people), date=second, status=mention.status,
                        status_rule=mention.status_rule, place=None,
                    )
                    out.append(again)
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
    if not mention.countries and mention.kind in ("meeting", "signing", "dialogue") and not mention.multilateral:
        return True  # "The treaty was signed after talks in narrow and extended formats": the one pair's
    return bool(lexicon().pair_reference.search(text[mention.sent_start : mention.sent_end]))


# ---------------------------------------------------------------- merging


def _group(status: str) -> str:
    return "future" if status in FUTURE else "done"


def _dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return True
    a_end = a.end or a.start
    b_end = b.end or b.start
    # ranges at their precision overlap: compare on the shorter prefix
    n = min(len(a.start), len(b.start))
    return a.start[:n] <= b_end[: n] and b.start[:n] <= a_end[:n]


def _days_apart(a: DateValue | None, b: DateValue | None) -> int:
    """Days between two day-precision dates ("arrived on Monday" and the state visit's Thursday)."""
    if a is None or b is None or a.precision != "day" or b.precision != "day":
        return 10_000
    try:
        return abs((date.fromisoformat(a.start) - date.fromisoformat(b.start)).days)
    except ValueError:
        return 10_000


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country:
        return a.country == b.country
    return a.name == b.name


def _finer(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    order = {"year": 0, "month": 1, "day": 2}
    if order[b.precision] > order[a.precision]:
        return b
    if b.end and not a.end and b.start == a.start:
        return b
    return a


def merge(mentions: list[Mention]) -> list[Draft]:
    drafts: list[Draft] = []
    for m in mentions:
        target = None
        if m.anaphoric:  # "said the statement": its sentence's dates and places are about other things
            m.date, m.place = None, None
        candidates = [
            d for d in drafts
            if d.kind == m.kind
            and (_group(d.status) == _group(m.status) or m.anaphoric)
            and (_dates_compatible(d.date, m.date) or (m.kind == "visit" and _days_apart(d.date, m.date) <= 6))
            and (_places_compatible(d.place, m.place) or d.place_from_dateline)
        ]
        if m.rule.endswith(":repeat"):
            candidates = [d for d in candidates if d.date is not None and m.date is not None]
        if candidates:
            exact = [d for d in candidates if d.date and m.date and d.date.start == m.date.start]
            target = (exact or candidates)[-1]
        if target is None:
            if m.anaphoric:
                continue
            drafts.append(Draft(
                m.kind, m.status, m.date, m.place, list(m.participants), [m], [m.rule],
                place_from_dateline=m.place_rule == "place:dateline_span",
            ))
            continue
        target.mentions.append(m)
        target.date = _finer(target.date, m.date)
        if target.place_from_dateline and m.place is not None and m.place_rule != "place:dateline_span":
            target.place, target.place_from_dateline = m.place, False  # "The deal was signed in Abu Dhabi"
        target.place = target.place or m.place
        for p in m.participants:
            if p not in target.participants:
                target.participants.append(p)
        if m.rule not in target.rules:
            target.rules.append(m.rule)
    return drafts


def _one(values: list) -> object | None:
    """The value when all are the same (by ``start`` for dates, ``country`` for places), else None."""
    keys = {getattr(v, "start", None) or getattr(v, "country", None) for v in values}
    return values[0] if len(keys) == 1 else None


def share_occasion(drafts: list[Draft], state: State, pair: tuple[str, str]) -> None:
    """Statements, press conferences and signings of the article's one meeting share its date and place.

    The occasion's date is the single date of the occurred meetings (else of the occurred statements
    and press conferences); a visit spans days and is no anchor.  When there is no single date, nothing
    is shared.
    """
    done = [d for d in drafts if d.status not in FUTURE]
    meetings = [d for d in done if d.kind == "meeting"]
    session = [d for d in done if d.kind in SESSION_KINDS]
    visits = [d for d in done if d.kind == "visit"]
    value = (
        _one([d.date for d in meetings if d.date])
        or _one([d.date for d in session if d.date])
        or _one([d.date for d in visits if d.date and d.date.precision == "day"])
    )
    if isinstance(value, DateValue):
        for d in drafts:
            if d.date is None and (d.kind in SHARES_OCCASION or d in meetings):
                d.date = DateValue(start=value.start, end=None, precision=value.precision, text=value.text)
                d.rules.append("date:same_occasion")
            elif d.date is None and d in visits and _on_visit_now(state, d):
                # "Ruto, on a two-day visit to Germany, said ...": the visit of the occasion (its day when
                # the visit lasts one day, else its month)
                if value.precision == "day" and _one_day(state, d):
                    d.date = DateValue(start=value.start, end=None, precision="day", text=value.text)
                else:
                    d.date = DateValue(start=value.start[:7], end=None, precision="month", text=value.text)
                d.rules.append("date:same_occasion_month")
    place = _one([d.place for d in meetings if d.place]) or _one([d.place for d in session if d.place])
    if isinstance(place, Place):
        for d in session:
            if d.place is None:
                d.place = place
                d.rules.append("place:same_occasion")
    host = _visit_host_of_occasion(visits, state, pair)
    if host is not None:
        # "MANILA - ... signed ... during President Marcos's state visit to Hanoi": the report is filed at
        # home, the meeting and signing took place where the visit was; "received by Ruto at State House"
        # (a venue of no known country) during a state visit to Kenya is in Kenya.
        away = state.dateline is not None and state.dateline.country not in (None, host.country)
        for d in session:
            if d.place is None or d.place.country is None or (d.place_from_dateline and away):
                d.place, d.place_from_dateline = host, False
                d.rules.append("place:visit_host")
    if state.dateline is not None and state.dateline.country and state.dateline.country in pair:
        for d in session + visits + [x for x in done if x.kind == "dialogue"]:
            if d.place is None and d.kind in ("meeting", "press_conference", "visit", "signing", "dialogue"):
                d.place = Place(name=state.dateline.name, country=state.dateline.country)
                d.rules.append("place:dateline")


_ON_VISIT = re.compile(
    r"\b(?:on|during|is on|was on|currently on|paying|pays|is paying|in the course of|for)\s+(?:a|an|his|her|their|the)\s+"
    r"(?:[\w-]+\s+){0,3}visit\b",
    re.I,
)


def _on_visit_now(state: State, draft: Draft) -> bool:
    """The visit is the one under way at the reported occasion, not an earlier or later one."""
    for m in draft.mentions:
        window = state.text[max(m.sent_start, m.start - 40) : m.end]
        if _ON_VISIT.search(window) and not re.search(r"\b(?:last|previous|earlier|next)\s+(?:[\w-]+\s+){0,2}visit", window, re.I):
            return True
        if re.search(r"\b(?:travell?ed|flew|came|arrived)\b[^.;]{0,50}\bfor the\b", state.text[m.start : m.sent_end], re.I):
            return True  # "Lee, who travelled to Putrajaya for the retreat"
    return False


def _one_day(state: State, draft: Draft) -> bool:
    return any(re.search(r"\bone-day\b|\bday-long\b", state.text[m.sent_start : m.sent_end], re.I) for m in draft.mentions)


def _visit_host_of_occasion(visits: list[Draft], state: State, pair: tuple[str, str]) -> Place | None:
    """The one host country of the done visits, when it is of the pair and not the dateline's country."""
    hosts = {d.place.country: d.place for d in visits if d.place is not None and d.place.country in pair}
    if len(hosts) != 1:
        return None
    (_, place), = hosts.items()
    return place


def _trim(state: State, start: int, end: int) -> Span:
    while start < end and state.text[start].isspace():
        start += 1
    while end > start and state.text[end - 1].isspace():
        end -= 1
    return state.span(start, end)


def to_event(draft: Draft, state: State, pair: tuple[str, str]) -> Event:
    spans: list[Span] = []
    for m in draft.mentions:
        span = _trim(state, m.sent_start, m.sent_end)
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
        kind=draft.kind, status=draft.status, date=draft.date, place=place,  # type: ignore[arg-type]
        participants=people, evidence=spans, rule=rule,
    )


_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
_LISTED_HOST = re.compile(r"^\s*(?:to\s+)?(?:the\s+)?[A-Z][\w'’ -]{1,40}?(?:,\s*|\s+and\s+)$")


def _placed_for_pair(state: State, mention: Mention, pair: tuple[str, str]) -> Mention:
    """One trigger for two hosts: "plans to visit Kazakhstan and Uzbekistan", "talks with Tokayev in Astana and
    with Mirziyoyev in Samarkand".  The mention placed in a third country is, for this pair, placed at the
    pair's own place named after the trigger in the same sentence (else left as it is, and dropped)."""
    if mention.place is None or mention.place.country in (None, *pair):
        return mention
    for pm in state.places_in(mention.end, mention.sent_end):
        if pm.country in pair and not _in_compound(state.text, pm.start, pm.end) and _LOCATIVE.search(
            state.text[max(mention.end, pm.start - 9) : pm.start]
        ):
            return replace(mention, place=Place(name=pm.name, country=pm.country), place_rule="place:pair_host_after")
    if mention.kind == "visit":
        for cm in state.countries_in(mention.end, mention.sent_end):
            if cm.iso3 in pair and cm.kind != "demonym" and _LISTED_HOST.search(state.text[mention.end : cm.start]):
                place = Place(name=country_name(cm.iso3) or cm.text, country=cm.iso3)
                return replace(mention, place=place, place_rule="place:pair_host_listed")
    return mention


def events_for(state: State, doc: Doc) -> dict[tuple[str, str], list[Event]]:
    pairs = list(state.relations)
    if not pairs:
        return {}
    mentions = find_mentions(state, doc)
    out = {}
    for pair in pairs:
        mine = [_placed_for_pair(state, m, pair) for m in mentions if relevant(m, pair, len(pairs) == 1, state.text)]
        drafts = merge(mine)
        drafts = [d for d in drafts if d.place is None or d.place.country in (None, *pair)]
        share_occasion(drafts, state, pair)
        out[pair] = [to_event(d, state, pair) for d in drafts]
    return out


@Language.component("entente_events")
def events_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    for pair, events in events_for(state, doc).items():
        state.relations[pair].events = events
    return doc
