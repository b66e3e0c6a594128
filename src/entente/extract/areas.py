"""Areas of cooperation: the closed SPEC list, found with our lexicon ``data/areas.json``.

A lexicon match is an area of a relation only inside a sentence that speaks of
the pair cooperating (a cooperation cue, and the pair, "both leaders", "the two
countries" or a cooperation sentence of a one-pair article), never in a
sentence about third countries alone or one that condemns, nor one that names one side of the pair with a
third country and not the pair acting together ("Turkmenistan also seeks a deal with Russia").  A region,
an issue's place or a body ("Middle East", "Gaza", "the UN") is ``regional_multilateral`` only where the
pair acts together in or on it ("both sides", "the two ministers", both countries named); the stricter
readings of restrictions, companies, descriptors and generic words are ``area_rules.py``.  Matches inside an
office name ("Defence Minister", "Secretary of Commerce") or a venue ("on the
sidelines of the G20") are not areas.  The status comes from the sentence
(:func:`clause_status`).  One :class:`Area` per area id per relation, with every
evidence span.

Helpers here are shared by ``agreements.py`` and ``commitments.py``:
:func:`area_matches` (lexicon over a stretch of text) and :func:`pair_sentences`
(which sentences speak of which pairs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import get_args

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from ..record import STATUS_RANK, Area, AreaStatus
from .area_rules import company, descriptor, generic_is_field, joint_actor, restricted
from .lexfilter import CaseFreeScan, LiteralFilter, case_free_text, lowered
from .modality import modality
from .scope import CONTINUATION, Pair, PairSentence, pair_sentences
from .state import State

# Shared with agreements.py and commitments.py (the sentences themselves live in scope.py).
__all__ = [
    "Pair",
    "PairSentence",
    "area_matches",
    "areas_component",
    "clause_status",
    "lexicon",
    "pair_sentences",
]

# ---------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Entry:
    label: str
    areas: tuple[str, ...]
    pattern: re.Pattern[str]
    case_sensitive: bool
    compound: bool = False  # wins over a phrase of the same length ("nuclear powers" over "nuclear power"+s)
    name: bool = False  # a region, an issue's place or a body: an area only where the pair acts on it
    generic: bool = False  # a generic word ("industry"): an area only as a field of cooperation


@dataclass(frozen=True)
class AreaMatch:
    start: int
    end: int
    areas: tuple[str, ...]
    label: str
    name: bool = False  # see Entry.name


def _phrase_regex(phrase: str) -> str:
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"[\s\-]+")
        elif ch == "-":
            out.append(r"[\s\-]?")
        else:
            out.append(re.escape(ch))
    body = "".join(out)
    if phrase[-1].isalpha():
        body += r"(?:s|es)?"
    return rf"(?<![\w&/+-]){body}(?![\w&/+])"


def _abbreviation_regex(abbr: str) -> str:
    return rf"(?<![\w&/+-]){re.escape(abbr)}(?![\w&/+])"


def _adjective_regex(word: str, heads: list[str]) -> str:
    """``word`` only where it qualifies a cooperation head, alone or in a list of fields: "political
    cooperation", "the political, security and economic fields", "political and security matters"."""
    head = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len, reverse=True))
    item = r"[\w-]+(?:\s+[\w-]+)?"
    return rf"(?<![\w&/+-]){re.escape(word)}(?=(?:\s*,\s*{item})*(?:,?\s+(?:and|&)\s+{item})?\s+(?:{head})\b)"


@cache
def lexicon() -> tuple[Entry, ...]:
    data = load("areas.json")
    entries: list[Entry] = []
    for area, spec in data.areas.items():
        for phrase in spec.phrases:
            entries.append(Entry(phrase, (area,), re.compile(_phrase_regex(phrase), re.I), False))
        for abbr in spec.abbreviations:
            entries.append(Entry(abbr, (area,), re.compile(_abbreviation_regex(abbr)), True))
        for name in spec.names:
            entries.append(Entry(name, (area,), re.compile(_phrase_regex(name), re.I), False, name=True))
        for abbr in spec.name_abbreviations:
            entries.append(Entry(abbr, (area,), re.compile(_abbreviation_regex(abbr)), True, name=True))
        for word in spec.generic:
            entries.append(Entry(word, (area,), re.compile(_phrase_regex(word), re.I), False, generic=True))
    for item in data.compounds:
        entries.append(
            Entry(item.phrase, tuple(item.areas), re.compile(_phrase_regex(item.phrase), re.I), False, True)
        )
    for adj in data.adjectives:
        pattern = re.compile(_adjective_regex(adj.word, data.adjective_heads), re.I)
        entries.append(Entry(adj.word, tuple(adj.areas), pattern, False))
    return tuple(entries)


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@cache
def _title_context() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Office names around a match: capitalised ("Minister of Trade and Industry", "Defence and Foreign
    Ministers") and, in any case, right next to it ("the trade minister", "minister for tourism")."""
    heads = _alternation(load("areas.json").title_heads)
    chain = r"(?:(?:the|and|of|for|&|[A-Z][\w&'-]*),?\s+)*"
    before = re.compile(rf"\b(?:{heads})\s+(?:of|for)\s+{chain}$")
    after = re.compile(rf"^(?:,?\s+(?:and|&|[A-Z][\w&'-]*))*\s+(?:{heads})\b")
    near_before = re.compile(rf"\b(?i:{heads})\s+(?:of|for)\s+(?:the\s+)?(?:[\w-]+,?\s+(?:and|&)\s+)?$")
    near_after = re.compile(rf"(?:\s+(?:and|&)\s+[\w-]+)?\s+(?i:{heads})\b")
    return before, after, near_before, near_after


_VENUE_BEFORE = re.compile(
    r"\b(?:sidelines?|margins?)\s+of\s+(?:the\s+)?[\w\s'-]{0,40}$"
    r"|\b(?:summits?|meetings?|conferences?)\s+(?:with|of)\s+(?:the\s+)?(?:leaders|heads of state|members)\s+of\s+(?:the\s+)?$",
    re.I,
)
# Words that end a noun phrase: a preposition, a conjunction or a cooperation noun after a background
# cue starts the clause's own matter ("after talks on energy" is about energy).
_NP_STOP = r"(?:on|of|in|into|with|for|to|and|or|between|about|cooperation|co-operation|collaboration|talks|agreements?|deals?)"


@dataclass(frozen=True)
class _Context:
    background: re.Pattern[str]  # "after the pandemic"
    intro: re.Pattern[str]  # "Amid rising oil prices, ..." (an opening phrase up to its comma)
    goods: re.Pattern[str]  # "tariffs on medical devices"
    listed: re.Pattern[str]  # "exports of machinery, vehicles and electronics"


@cache
def _context() -> _Context:
    data = load("areas.json")
    filler = rf"(?:(?!{_NP_STOP}\b|\d)[\w'’.-]+\s+){{0,3}}"
    item = r"[\w'’.-]+(?:\s+[\w'’.-]+){0,2}"
    return _Context(
        background=re.compile(rf"(?<![\w-])(?:{_alternation(data.background_before)})\s+{filler}$", re.I),
        intro=re.compile(
            rf"\W*(?:(?i:{_alternation(data.background_intro)})\b|With\b(?=.*\b(?!during\b)[a-z]{{2,}}ing\b))[^,;]*"
        ),
        goods=re.compile(rf"(?<![\w-])(?:{_alternation(data.goods_before)})\s+{filler}$", re.I),
        listed=re.compile(
            rf"(?<![\w-])(?:{_alternation(data.goods_list_before)})\s+(?:{item}(?:,\s+|,?\s+and\s+))*$", re.I
        ),
    )


_CLAUSE_END = re.compile(r"[,;]")
_LIST_AFTER = re.compile(r"(?:\s+[\w'’.-]+){0,2}\s*(?:,|\s+and\b)")


@cache
def _case_free() -> tuple[CaseFreeScan, CaseFreeScan, CaseFreeScan, CaseFreeScan]:
    """The window searches of :func:`_in_context` (venue, background, goods, listed goods), each done on the
    lower-cased text without ``re.I`` where that finds the same (``lexfilter.CaseFreeScan``)."""
    ctx = _context()
    return CaseFreeScan(_VENUE_BEFORE), CaseFreeScan(ctx.background), CaseFreeScan(ctx.goods), CaseFreeScan(ctx.listed)


_INTRO: list = [None, -1, None]  # (text, sentence start, its intro's end): the last sentence asked about


def _intro_end(text: str, sentence_start: int) -> int | None:
    """Where the sentence's background intro ("Amid rising oil prices, ...") ends (its comma), or ``None``;
    the answer for the last sentence is kept (its every area match asks)."""
    if _INTRO[0] is not text or _INTRO[1] != sentence_start:
        comma = _CLAUSE_END.search(text, sentence_start, min(len(text), sentence_start + 300))
        found = (
            comma.start()
            if comma and _context().intro.fullmatch(text, sentence_start, comma.start())
            else None
        )
        _INTRO[0], _INTRO[1], _INTRO[2] = text, sentence_start, found
    return _INTRO[2]


def _in_context(text: str, start: int, end: int, sentence_start: int | None = None) -> bool:
    """An office or ministry name, a venue, a background clause or traded goods, not a cooperation area:
    "the Minister of Defence", "on the sidelines of the G20", "after the pandemic", "Amid rising oil
    prices, ...", "tariffs on medical devices", "exports of machinery, vehicles and electronics"."""
    before, after, near_before, near_after = _title_context()
    if text[start].isupper():
        if before.search(text[max(0, start - 80) : start]) or after.match(text[end : end + 80]):
            return True
    if near_after.match(text, end, min(len(text), end + 60)) or near_before.search(
        text, max(0, start - 60), start
    ):
        return True
    low = case_free_text(text)
    venue, background, goods, listed = (scan.on(text, low) for scan in _case_free())
    w0 = max(0, start - 80)
    if venue[0].search(venue[1][max(w0, start - 60) : start]):  # the window's last 60 characters
        return True
    if background[0].search(background[1][w0:start]) or goods[0].search(goods[1][w0:start]):
        return True
    if sentence_start is not None:
        intro_end = _intro_end(text, sentence_start)
        if intro_end is not None and end <= intro_end:
            return True
    m = listed[0].search(listed[1][w0:start])
    # a list of goods: items before the match ("exports of machinery, vehicles and ...") or after it
    if m is None:
        return False
    return bool(re.search(r",|\band\b", text[w0 + m.start() : w0 + m.end()])) or bool(
        _LIST_AFTER.match(text, end, min(len(text), end + 40))
    )


# The lower-cased text, or None when the literal prefilter below would not be exact (shared with the other
# filters: lexfilter.lowered).
_lowered = lowered


@cache
def _literals() -> tuple[tuple[Entry, tuple[str, ...] | None], ...]:
    """Each lexicon entry with the literals every match of it contains (lower case unless case-sensitive)."""
    out: list[tuple[Entry, tuple[str, ...] | None]] = []
    for entry in lexicon():
        if entry.case_sensitive:
            out.append((entry, (entry.label,)))
            continue
        pieces = [p.lower() for p in re.split(r"[ \-]+", entry.label) if p and p.isascii()]
        out.append((entry, tuple(pieces) or None))
    return tuple(out)


@cache
def _literal_filter() -> LiteralFilter:
    """Skips an entry's regex when one of its literals is not in the stretch."""
    return LiteralFilter([(literals, entry.case_sensitive) for entry, literals in _literals()])


def area_matches(text: str, start: int = 0, end: int | None = None) -> list[AreaMatch]:
    """Lexicon matches in ``text[start:end]``: longest first, no overlaps, in text order.

    Offsets are into ``text``.  Compounds with no areas (e.g. "nuclear weapons")
    still take their place, so that "nuclear" inside them is not an area.
    """
    end = len(text) if end is None else end
    low = _lowered(text)
    found: list[tuple[int, int, Entry]] = []
    literals = _literals()
    # Only the entries whose literal is in the stretch (the regex is skipped for the others).
    for i in _literal_filter().candidates(text, low, start, end):
        entry = literals[i][0]
        for m in entry.pattern.finditer(text, start, end):
            if m.end() > m.start():
                found.append((m.start(), m.end(), entry))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0], not f[2].compound, not f[2].case_sensitive))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[AreaMatch, Entry]] = []
    for s, e, entry in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        if (
            entry.areas
            and not _in_context(text, s, e, start)
            and not _not_cooperation(text, s, e, entry, start, end)
        ):
            chosen.append((AreaMatch(s, e, entry.areas, entry.label, entry.name), entry))
    chosen.sort(key=lambda c: c[0].start)
    spans = [(m.start, m.end) for m, entry in chosen if not entry.generic]
    return [
        m for m, entry in chosen if not entry.generic or generic_is_field(text, m.start, m.end, spans, start)
    ]


def _not_cooperation(text: str, s: int, e: int, entry: Entry, start: int, end: int) -> bool:
    """A restriction ("the arms embargo"), a company ("HCL Technologies") or a name that describes another
    noun ("Middle East producers"): see ``area_rules.py``."""
    if restricted(text, e):
        return True
    if entry.name:
        return descriptor(text, e)
    force = not set(entry.areas).isdisjoint(_force_areas())
    return not entry.case_sensitive and not force and company(text, s, e, start, end)


@cache
def _force_areas() -> frozenset[str]:
    return frozenset(load("areas.json").force_areas)


# ---------------------------------------------------------------- status

# Verbs that carry the action itself, not the clause's modality: look past them.
_WEAK = {
    "promote",
    "promoting",
    "enhance",
    "enhancing",
    "strengthen",
    "strengthening",
    "deepen",
    "deepening",
    "expand",
    "expanding",
    "foster",
    "fostering",
    "boost",
    "boosting",
    "cooperate",
    "collaborate",
    "work together",
    "continue",
    "continues",
    "continued",
    "continuing",
}
_DECIDED = re.compile(
    r"(?:agreed|agree|agrees|decided|pledged|pledge|pledges|committed|commit|commits|committing|commitment|vowed|"
    r"resolved|undertook|promised|promise|promises) to$",
    re.I,
)
_RANK = {s: STATUS_RANK[s] for s in get_args(AreaStatus)}  # area statuses only (record.py's one order)


def clause_status(
    sentence: str, trigger: int, default: str = "agreed", decided: str = "agreed"
) -> tuple[str, str]:
    """(status, rule) of the clause governing ``sentence[trigger]``, looking past action verbs.

    ``decided`` is the reading of "agreed to", "committed to": for an area of
    cooperation the agreement itself (``agreed``); for an act such as signing, ``planned``.
    """
    pos = trigger
    first = None
    for _ in range(6):
        mod = modality(sentence, pos, default)
        if first is None:
            first = mod
        if mod.status == "agreed" and mod.cue.lower() in _WEAK:
            at = sentence.lower().rfind(mod.cue.lower(), 0, pos)
            if at <= 0:
                break
            pos = at
            continue
        if mod.cue:
            status = "agreed" if mod.status in ("occurred", "cancelled") else mod.status
            if status == "planned" and _DECIDED.match(mod.cue):
                status = decided
            return status, mod.rule
        break
    assert first is not None
    status = first.status if first.status in _RANK else default
    return status, first.rule


# ---------------------------------------------------------------- component


@Language.component("entente_areas")
def areas_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    if not state.relations:
        return doc
    text = state.text
    found: dict[Pair, dict[str, Area]] = {}
    names = _names(state)
    for ps in pair_sentences(state, doc):
        if not ps.qualified:
            continue
        sentence = text[ps.start : ps.end]
        mentioned = _mentioned(state, ps.start, ps.end)
        joint = joint_actor(sentence)
        # a sentence naming one side of a pair with a third country is about those two ("Turkmenistan is
        # also trying to strike a similar deal with Russia"), unless the pair acts together in it
        pairs = [p for p in ps.pairs if joint or len(mentioned & set(p)) != 1 or mentioned <= set(p)]
        for m in area_matches(text, ps.start, ps.end):
            # a region or body: only for a pair acting together in or on it (both named, or "the two")
            m_pairs = pairs if not m.name or joint else [p for p in pairs if set(p) <= mentioned]
            if not m_pairs:
                continue
            if "regional_multilateral" in m.areas and _is_pair_country(state, m, m_pairs):
                continue
            if "regional_multilateral" not in m.areas and _in_name(names, m):
                continue
            if ps.status_rule and CONTINUATION.match(sentence):
                status, srule = ps.status, ps.status_rule
            else:
                status, srule = clause_status(sentence, m.start - ps.start)
            for pair in m_pairs:
                for area_id in m.areas:
                    bucket = found.setdefault(pair, {})
                    area = bucket.get(area_id)
                    span = state.span(m.start, m.end)
                    if area is None:
                        rule = f"areas:lexicon:{m.label}" + (f"; {srule}" if srule else "")
                        bucket[area_id] = Area(area=area_id, status=status, evidence=[span], rule=rule)  # type: ignore[arg-type]
                    else:
                        area.evidence.append(span)
                        if _RANK.get(status, 0) > _RANK.get(area.status, 0):
                            area.status = status  # type: ignore[assignment]
    for pair, bucket in found.items():
        rel = state.relations.get(pair)
        if rel is None:
            continue
        rel.areas = sorted(bucket.values(), key=lambda a: a.evidence[0].start)
    return doc


def _mentioned(state: State, start: int, end: int) -> set[str]:
    """The countries a sentence names, by name, alias or demonym or through a person of theirs."""
    out = {m.iso3 for m in state.countries_in(start, end)}
    for pm in state.people_in(start, end):
        person = state.person(pm.person_id)
        if person is not None and person.country:
            out.add(person.country)
    return out


def _is_pair_country(state: State, m: AreaMatch, pairs: list[Pair]) -> bool:
    """A regional issue named by a country ("Myanmar") is no issue for a pair that includes it."""
    members = {c for p in pairs for c in p}
    return any(
        cm.start == m.start and cm.end == m.end and cm.iso3 in members
        for cm in state.countries_in(m.start, m.end)
    )


_OF = re.compile(r"\s+(?:of|for|on)\s+", re.I)

Name = tuple[int, int, int, int]  # (start, end) of a name and (start, end) of its head word


def _names(state: State) -> list[Name]:
    """Organisation, venue and city names of the document, each with its head word (for organisations)."""
    out: list[Name] = []
    for place in state.places:
        if place.kind in ("venue", "city", "capital"):
            out.append((place.start, place.end, place.end, place.end))  # no keyword is a place's head
    for org in state.organizations:
        for mention in org.mentions:
            head_part = _OF.split(state.text[mention.start : mention.end], maxsplit=1)[0].rstrip()
            words = head_part.split()
            head_end = mention.start + len(head_part)
            out.append(
                (mention.start, mention.end, head_end - len(words[-1]) if words else head_end, head_end)
            )
    return out


def _in_name(names: list[Name], m: AreaMatch) -> bool:
    """A keyword inside an organisation's name that is not its head ("Presidential Communications Office",
    "Ministry of Defence", "Energy Commission"; but "the Japan Coast Guard" is a coast guard), or inside
    a venue's or a city's name."""
    for start, end, head_start, head_end in names:
        if start <= m.start and m.end <= end and (start, end) != (m.start, m.end):
            if not (m.start <= head_start and head_end <= m.end):
                return True
    return False
