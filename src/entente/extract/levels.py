"""Partnership levels of a relation and their changes.

A level is a partnership name ("Strategic Partnership", "Comprehensive Strategic
Partnership", "Special Strategic and Global Partnership") or an alliance; its id
is the snake_case of the name.  A change verb before the name ("elevated ... to",
"upgraded ... from an Enhanced Partnership to") marks a change; "from A to B"
gives ``previous``.  Status comes from :mod:`.modality`; the date from the date
expression nearest the name ("in 2015"), or, for a change reported as done in
this article, the date of the article's meeting.

A name only counts for a pair when its sentence speaks of the pair (a country or
person of the pair, "both", "bilateral", "their", or "this/the Partnership" once
the level is known) and is not a partnership "with" a third country.

Data: ``data/levels.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_json
from ..record import DateValue, Level, Span
from .areas import sentence_spans
from .lexfilter import factor_alternation
from .modality import modality
from .state import State

_PAIR_REFERENCE = re.compile(
    r"\b(?:both|the two|their|our|bilateral|two-way|this|the)\b", re.I
)


@dataclass(frozen=True)
class LevelLexicon:
    name: re.Pattern[str]
    not_before: re.Pattern[str]
    alliance: re.Pattern[str]
    change: re.Pattern[str]
    third_party_after: re.Pattern[str]
    drop: frozenset[str]


@cache
def lexicon() -> LevelLexicon:
    data = load_json("levels.json")
    # Alternations grouped by first character (same matches, faster); ``named`` is case-sensitive.
    mods = factor_alternation([re.escape(m) for m in sorted(data["modifiers"], key=len, reverse=True)])
    heads = factor_alternation([re.escape(h) for h in sorted(data["heads"], key=len, reverse=True)])
    named = factor_alternation([re.escape(h) for h in data["named_heads"]], ignore_case=False)
    not_after = factor_alternation([re.escape(w) for w in data["not_after"]])
    not_before = factor_alternation([re.escape(w) for w in data["not_before"]])
    run = rf"(?:{mods})(?:(?:\s+|-|\s+and\s+|,\s+)(?:{mods}))*"
    name = re.compile(
        rf"(?<![\w-])(?P<name>(?i:{run})\s+(?:(?i:{heads})|{named}))(?![\w-])"
        rf"(?!\s+(?i:{not_after})\b)"
    )
    return LevelLexicon(
        name=name,
        not_before=re.compile(rf"\b(?:{not_before})\s+$", re.I),
        alliance=re.compile(data["alliance"]),
        change=re.compile(data["change_verbs"], re.I),
        third_party_after=re.compile(data["third_party_after"], re.I),
        drop=frozenset(data["drop_modifiers"]),
    )


def level_id(name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", name.lower().replace("-", "_")) if w]
    if words and words[-1] in ("partners", "partner"):  # "Special Strategic Partners"
        words[-1] = "partnership"
    while len(words) > 2 and words[0] in lexicon().drop:
        words = words[1:]
    return "_".join(re.sub(r"[^a-z0-9_]", "", w) for w in words)


@dataclass
class LevelMention:
    level: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    previous: str | None
    changed: bool
    status: str
    status_rule: str
    date: DateValue | None


def _status(sentence: str, offset: int) -> tuple[str, str]:
    reading = modality(sentence, offset, default="occurred")
    status = reading.status
    if status == "planned" and reading.cue.lower().startswith(("agreed", "decided", "agree")):
        status = "agreed"
    if status == "discussed":
        status = "occurred"
    return status, reading.rule


def _date_near(state: State, s0: int, s1: int, end: int) -> DateValue | None:
    best = None
    for dm in state.dates_in(s0, s1):
        if dm.value is None:
            continue
        distance = dm.start - end if dm.start >= end else (end - dm.end) + 40
        if best is None or distance < best[0]:
            best = (distance, dm.value)
    return best[1] if best else None


def _third_party(state: State, end: int, s1: int, pair: tuple[str, str]) -> bool:
    """"a Strategic Partnership with Vietnam" where Vietnam is not of the pair."""
    m = lexicon().third_party_after.match(state.text, end, s1)
    if not m:
        return False
    for cm in state.country_mentions:
        if cm.start == m.end() and cm.iso3 not in pair:
            return True
    return False


# A partnership named in Title Case that the pair moves into: "transform the bilateral relationship into a
# Comprehensive Economic and Maritime Security Partnership" (its words need not be known modifiers).
_NAMED_LEVEL = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-Z][\w'’-]*\s+(?:(?:and|&)\s+)?){1,6}Partnership)(?![\w-])"
    r"(?!\s+(?:Agreement|Framework|Council|Fund|Programme|Program|Initiative|Forum|Dialogue|Treaty|for|on)\b)"
)
_INTO = re.compile(r"\b(?:into|to)\s+(?:an?|the)\s+(?:new\s+)?$", re.I)


def _named_upgrades(sentence: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _NAMED_LEVEL.finditer(sentence):
        start = m.start("name")
        lead = re.match(r"(?:A|An|The|Our|Their|This)\s+", m.group("name"))
        if lead:
            start += lead.end()
        before = sentence[:start]
        if _INTO.search(before) and lexicon().change.search(before[-120:]):
            out.append((start, m.end("name"), level_id(sentence[start : m.end("name")])))
    return out


def find_level_mentions(state: State, doc: Doc, pair: tuple[str, str]) -> list[LevelMention]:
    lex = lexicon()
    out: list[LevelMention] = []
    for s0, s1 in sentence_spans(doc):
        sentence = state.text[s0:s1]
        found = [
            (m.start("name"), m.end("name"), level_id(m.group("name")))
            for m in lex.name.finditer(sentence)
            if not lex.not_before.search(sentence[max(0, m.start() - 30) : m.start()])
        ]
        found += [(m.start(), m.end(), "alliance") for m in lex.alliance.finditer(sentence)]
        found += [x for x in _named_upgrades(sentence) if not any(x[0] < e and s < x[1] for s, e, _ in found)]
        if not found:
            continue
        countries = {m.iso3 for m in state.countries_in(s0, s1)}
        for pm in state.people_in(s0, s1):
            person = state.person(pm.person_id)
            if person is not None and person.country:
                countries.add(person.country)
        speaks_of_pair = bool(countries & set(pair)) or bool(_PAIR_REFERENCE.search(sentence))
        if not speaks_of_pair:
            continue
        found.sort()
        for i, (ls, le, level) in enumerate(found):
            if _third_party(state, s0 + le, s1, pair):
                continue
            before = sentence[:ls]
            previous = None
            if i + 1 < len(found) and re.search(r"\bfrom\s+(?:an?\s+|the\s+)?$", before, re.I):
                between = sentence[le : found[i + 1][0]]
                if re.fullmatch(r"\s+to\s+(?:an?\s+|the\s+)?", between, re.I):
                    continue  # the previous level of the next name
            if i > 0:
                ps, pe, plevel = found[i - 1]
                if re.search(r"\bfrom\s+(?:an?\s+|the\s+)?$", sentence[:ps], re.I) and re.fullmatch(
                    r"\s+to\s+(?:an?\s+|the\s+)?", sentence[pe:ls], re.I
                ):
                    previous = plevel
            changed = bool(lex.change.search(before)) and bool(re.search(r"\bto\s+(?:an?\s+|the\s+)?$|\b(?:an?|the)\s+(?:new\s+)?$", before, re.I))
            status, rule = _status(sentence, ls)
            out.append(LevelMention(
                level=level, start=s0 + ls, end=s0 + le, sent_start=s0, sent_end=s1, previous=previous,
                changed=changed or previous is not None, status=status, status_rule=rule,
                date=_date_near(state, s0, s1, s0 + le),
            ))
    return out


def _span(state: State, start: int, end: int) -> Span:
    while start < end and state.text[start].isspace():
        start += 1
    while end > start and state.text[end - 1].isspace():
        end -= 1
    return state.span(start, end)


def levels_for(state: State, doc: Doc, pair: tuple[str, str]) -> list[Level]:
    mentions = find_level_mentions(state, doc, pair)
    by_level: dict[str, list[LevelMention]] = {}
    for m in mentions:
        by_level.setdefault(m.level, []).append(m)
    rel = state.relations.get(pair)
    occasion = None
    if rel is not None:
        occasion = next((e.date for e in rel.events if e.kind in ("meeting", "visit") and e.status == "occurred" and e.date), None)
    out = []
    for level, ms in by_level.items():
        lead = next((m for m in ms if m.changed), ms[0])
        date = lead.date
        rule = f"levels:{'change' if lead.changed else 'named'}:{level}|{lead.status_rule or 'modality:default'}"
        if date is None and lead.changed and lead.status in ("occurred", "agreed") and occasion is not None:
            date = occasion
            rule += "|date:occasion"
        spans: list[Span] = []
        for m in ms:
            span = _span(state, m.sent_start, m.sent_end)
            if all(s.start != span.start for s in spans):
                spans.append(span)
        out.append(Level(
            level=level, previous=lead.previous, date=date, status=lead.status,  # type: ignore[arg-type]
            evidence=spans, rule=rule,
        ))
    # a level that is only ever the previous level of another is not the current one: drop it
    previous = {lv.previous for lv in out if lv.previous}
    return [lv for lv in out if lv.level not in previous or any(m.changed for m in by_level[lv.level])]


@Language.component("entente_levels")
def levels_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    for pair, rel in state.relations.items():
        rel.levels = levels_for(state, doc, pair)
    return doc
