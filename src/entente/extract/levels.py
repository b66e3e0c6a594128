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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from ..record import HELD_STATUSES, DateValue, Level, Span
from .lexfilter import Requirement, factor_alternation, holds, lowered, required_literals
from .modality import modality
from .scope import sentence_spans
from .state import State


@dataclass(frozen=True)
class LevelLexicon:
    name: re.Pattern[str]
    not_before: re.Pattern[str]
    alliance: re.Pattern[str]
    change: re.Pattern[str]
    third_party_after: re.Pattern[str]
    negation: re.Pattern[str]
    existing: re.Pattern[str]
    formula: re.Pattern[str]
    drop: frozenset[str]
    core: frozenset[str]
    partner_heads: frozenset[str]
    pair_reference: re.Pattern[str]


def _alternation(words: list[str], ignore_case: bool = True) -> str:
    return factor_alternation(
        [re.escape(w) for w in sorted(words, key=len, reverse=True)], ignore_case=ignore_case
    )


@cache
def lexicon() -> LevelLexicon:
    data = load("levels.json")
    # Alternations grouped by first character (same matches, faster); ``named`` is case-sensitive.
    mods = _alternation(data.modifiers)
    heads = _alternation(data.heads + data.partner_heads)
    named = factor_alternation([re.escape(h) for h in data.named_heads], ignore_case=False)
    not_after = _alternation(data.not_after)
    documents = _alternation(data.documents)
    not_before = _alternation(data.not_before)
    run = rf"(?:{mods})(?:(?:\s+|-|\s+and\s+|,\s+)(?:{mods}))*"
    name = re.compile(
        rf"(?<![\w-])(?P<name>(?i:{run})\s+(?:(?i:{heads})|{named}))(?![\w-])"
        rf"(?P<document>\s+(?i:{documents})\b)?(?(document)|(?!\s+(?i:{not_after})\b))"
    )
    formula = re.compile(
        rf"(?<![\w-])(?P<name>(?i:{_alternation(data.formulas)}))(?![\w-])(?!\s+(?i:{_alternation(data.formula_not_after)})\b)"
    )
    return LevelLexicon(
        name=name,
        not_before=re.compile(rf"\b(?:{not_before})\s+$", re.I),
        alliance=re.compile(data.alliance),
        change=re.compile(data.change_verbs, re.I),
        third_party_after=re.compile(data.third_party_after, re.I),
        negation=re.compile(data.negation, re.I),
        existing=re.compile(data.existing),
        formula=formula,
        drop=frozenset(w.replace("-", "_") for w in data.drop_modifiers),
        core=frozenset(data.core_modifiers),
        partner_heads=frozenset(data.partner_heads),
        pair_reference=re.compile(rf"\b(?:{_alternation(data.pair_references)})\b", re.I),
    )


def _title_case(name: str) -> bool:
    """A formal name: every word capitalised except the joiners ("Special Strategic and Global Partnership")."""
    words = [
        w for w in re.split(r"[\s,\-]+", name) if w and w.lower() not in ("and", "of", "for", "with", "a")
    ]
    return bool(words) and all(w[0].isupper() for w in words)


def level_id(name: str) -> str:
    """The snake_case of a level's name; descriptive modifiers ("future-oriented") are not part of a name
    written in lower case, and "partners" names the partnership."""
    lex = lexicon()
    words = [w for w in re.split(r"[\s,]+", name.lower().replace("-", "_")) if w]
    if words and words[-1] in ("partners", "partner"):  # "Special Strategic Partners"
        words[-1] = "partnership"
    if not _title_case(name):
        kept = [w for w in words[:-1] if w not in lex.drop]
        words = [*kept, words[-1]] if kept else words[-2:]
    while words and words[0] == "and":
        words = words[1:]
    return "_".join(re.sub(r"[^a-z0-9_]", "", w) for w in words)


def _counts(match: re.Match[str], sentence: str) -> bool:
    """A name match that is a level: "strategic partner(s)" and "... Partnership Agreement" only with a core
    modifier ("strategic") in the name; not negated or skipped ("not a military alliance", "skipping the
    strategic partnership phase")."""
    lex = lexicon()
    words = set(re.split(r"[\s,\-]+", match.group("name").lower()))
    last = match.group("name").split()[-1].lower()
    if (last in lex.partner_heads or match.group("document")) and not words & lex.core:
        return False
    before = sentence[max(0, match.start() - 40) : match.start()]
    return not lex.not_before.search(before) and not lex.negation.search(before)


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
    """ "a Strategic Partnership with Vietnam" where Vietnam is not of the pair."""
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


def _named_upgrades(sentence: str, low: str | None = None) -> list[tuple[int, int, str]]:
    out = []
    if low is not None and not holds(_needs(_NAMED_LEVEL), low):
        return out  # no "Partnership" in the sentence (``low``: its lower case)
    for m in _NAMED_LEVEL.finditer(sentence):
        start = m.start("name")
        lead = re.match(r"(?:A|An|The|Our|Their|This)\s+", m.group("name"))
        if lead:
            start += lead.end()
        before = sentence[:start]
        if _INTO.search(before) and lexicon().change.search(before[-120:]):
            out.append((start, m.end("name"), level_id(sentence[start : m.end("name")])))
    return out


# By the pattern's identity (the entry holds the pattern): a compiled pattern's hash is recomputed over its
# whole program on every lookup (see ``lexfilter.scan_of``).
_NEEDS: dict[int, tuple[re.Pattern[str], Requirement]] = {}


def _needs(pattern: re.Pattern[str]) -> Requirement:
    """The literals every match of ``pattern`` holds (``lexfilter.required_literals``), read once."""
    hit = _NEEDS.get(id(pattern))
    if hit is None or hit[0] is not pattern:
        hit = _NEEDS[id(pattern)] = (pattern, required_literals(pattern))
    return hit[1]


def _finditer(pattern: re.Pattern[str], sentence: str, low: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)``, skipped when ``low`` (the sentence's lower case) lacks a literal every
    match holds."""
    if low is not None and not holds(_needs(pattern), low):
        return iter(())
    return pattern.finditer(sentence)


def find_level_mentions(state: State, doc: Doc, pair: tuple[str, str]) -> list[LevelMention]:
    lex = lexicon()
    out: list[LevelMention] = []
    doc_low = lowered(state.text)  # None: a text the literals cannot filter (every pattern is tried)
    for s0, s1 in sentence_spans(doc):
        sentence = state.text[s0:s1]
        low = doc_low[s0:s1] if doc_low is not None else None
        found = [
            (m.start("name"), m.end("name"), level_id(m.group("name")))
            for m in _finditer(lex.name, sentence, low)
            if _counts(m, sentence)
        ]
        found += [
            (m.start(), m.end(), "alliance")
            for m in _finditer(lex.alliance, sentence, low)
            if not lex.negation.search(sentence[max(0, m.start() - 40) : m.start()])
        ]
        found += [
            (m.start("name"), m.end("name"), level_id(m.group("name")))
            for m in _finditer(lex.formula, sentence, low)
            if not lex.negation.search(sentence[max(0, m.start() - 40) : m.start()])
        ]
        found += [
            x for x in _named_upgrades(sentence, low) if not any(x[0] < e and s < x[1] for s, e, _ in found)
        ]
        if not found:
            continue
        countries = {m.iso3 for m in state.countries_in(s0, s1)}
        for pm in state.people_in(s0, s1):
            person = state.person(pm.person_id)
            if person is not None and person.country:
                countries.add(person.country)
        speaks_of_pair = bool(countries & set(pair)) or bool(lexicon().pair_reference.search(sentence))
        # A sentence naming other countries speaks of the pair only when it names both of the pair:
        # "Vietnam upgraded its ties with China" is not Vietnam-Indonesia's level.
        if not speaks_of_pair or (countries - set(pair) and not set(pair) <= countries):
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
            changed = bool(lex.change.search(before)) and bool(
                re.search(r"\bto\s+(?:an?\s+|the\s+)?$|\b(?:an?|the)\s+(?:new\s+)?$", before, re.I)
            )
            status, rule = _status(sentence, ls)
            if not changed and previous is None and lex.existing.search(before[-80:]):
                status, rule = (
                    "occurred",
                    "levels:existing",
                )  # "deepen their comprehensive strategic partnership"
            out.append(
                LevelMention(
                    level=level,
                    start=s0 + ls,
                    end=s0 + le,
                    sent_start=s0,
                    sent_end=s1,
                    previous=previous,
                    changed=changed or previous is not None,
                    status=status,
                    status_rule=rule,
                    date=_date_near(state, s0, s1, s0 + le),
                )
            )
    return out


def levels_for(state: State, doc: Doc, pair: tuple[str, str]) -> list[Level]:
    mentions = find_level_mentions(state, doc, pair)
    by_level: dict[str, list[LevelMention]] = {}
    for m in mentions:
        by_level.setdefault(m.level, []).append(m)
    rel = state.relations.get(pair)
    occasion = None
    if rel is not None:
        occasion = next(
            (
                e.date
                for e in rel.events
                if e.kind in ("meeting", "visit") and e.status == "occurred" and e.date
            ),
            None,
        )
    out = []
    for level, ms in by_level.items():
        lead = next((m for m in ms if m.changed), ms[0])
        date = lead.date
        rule = (
            f"levels:{'change' if lead.changed else 'named'}:{level}|{lead.status_rule or 'modality:default'}"
        )
        if date is None and lead.changed and lead.status in HELD_STATUSES and occasion is not None:
            date = occasion
            rule += "|date:occasion"
        spans: list[Span] = []
        for m in ms:
            span = state.trimmed_span(m.sent_start, m.sent_end)
            if all(s.start != span.start for s in spans):
                spans.append(span)
        out.append(
            Level(
                level=level,
                previous=lead.previous,
                date=date,
                status=lead.status,  # type: ignore[arg-type]
                evidence=spans,
                rule=rule,
            )
        )
    # a level that is only ever the previous level of another is not the current one: drop it
    previous = {lv.previous for lv in out if lv.previous}
    return [lv for lv in out if lv.level not in previous or any(m.changed for m in by_level[lv.level])]


@Language.component("entente_levels")
def levels_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    for pair, rel in state.relations.items():
        rel.levels = levels_for(state, doc, pair)
    return doc
