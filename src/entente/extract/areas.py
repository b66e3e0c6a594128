"""Areas of cooperation: the closed SPEC list, found with our lexicon ``data/areas.json``.

A lexicon match is an area of a relation only inside a sentence that speaks of
the pair cooperating (a cooperation cue, and the pair, "both leaders", "the two
countries" or a cooperation sentence of a one-pair article), never in a
sentence about third countries alone or one that condemns.  Matches inside an
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
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_json
from ..record import AREAS, Area
from .lexfilter import LiteralFilter, compile_ci
from .modality import modality
from .sentences import sentence_char_spans
from .state import State

# ---------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Entry:
    label: str
    areas: tuple[str, ...]
    pattern: re.Pattern[str]
    case_sensitive: bool


@dataclass(frozen=True)
class AreaMatch:
    start: int
    end: int
    areas: tuple[str, ...]
    label: str


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


@cache
def lexicon() -> tuple[Entry, ...]:
    data = load_json("areas.json")
    entries: list[Entry] = []
    for area, spec in data["areas"].items():
        if area not in AREAS:
            raise ValueError(f"areas.json: {area!r} is not a SPEC area")
        for phrase in spec.get("phrases", []):
            entries.append(Entry(phrase, (area,), re.compile(_phrase_regex(phrase), re.I), False))
        for abbr in spec.get("abbreviations", []):
            entries.append(Entry(abbr, (area,), re.compile(_abbreviation_regex(abbr)), True))
    for item in data.get("compounds", []):
        for area in item["areas"]:
            if area not in AREAS:
                raise ValueError(f"areas.json compound {item['phrase']!r}: {area!r} is not a SPEC area")
        entries.append(Entry(item["phrase"], tuple(item["areas"]), re.compile(_phrase_regex(item["phrase"]), re.I), False))
    return tuple(entries)


@cache
def _title_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = "|".join(re.escape(h) for h in load_json("areas.json").get("title_heads", []))
    chain = r"(?:(?:the|and|of|for|&|[A-Z][\w&'-]*),?\s+)*"
    before = re.compile(rf"\b(?:{heads})\s+(?:of|for)\s+{chain}$")
    after = re.compile(rf"^(?:,?\s+(?:and|&|[A-Z][\w&'-]*))*\s+(?:{heads})\b")
    return before, after


_VENUE_BEFORE = re.compile(
    r"\b(?:sidelines?|margins?)\s+of\s+(?:the\s+)?[\w\s'-]{0,40}$"
    r"|\b(?:summits?|meetings?|conferences?)\s+(?:with|of)\s+(?:the\s+)?(?:leaders|heads of state|members)\s+of\s+(?:the\s+)?$",
    re.I,
)


def _in_title_or_venue(text: str, start: int, end: int) -> bool:
    before, after = _title_context()
    if text[start].isupper():
        if before.search(text[max(0, start - 80) : start]) or after.match(text[end : end + 80]):
            return True
    return bool(_VENUE_BEFORE.search(text[max(0, start - 60) : start]))


# Characters that str.lower() lengthens, or that re.IGNORECASE matches to ASCII letters; with
# any of them in a text the literal prefilter below is not exact, so it is skipped.
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_LOWERED: list = [None, None]  # (text, its lower case or None): the last text seen


def _lowered(text: str) -> str | None:
    if _LOWERED[0] is not text:
        low = text.lower()
        _LOWERED[0], _LOWERED[1] = text, (low if len(low) == len(text) and not _CASE_ODD.search(text) else None)
    return _LOWERED[1]


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
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0], not f[2].case_sensitive))
    taken: list[tuple[int, int]] = []
    chosen: list[AreaMatch] = []
    for s, e, entry in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        if entry.areas and not _in_title_or_venue(text, s, e):
            chosen.append(AreaMatch(s, e, entry.areas, entry.label))
    chosen.sort(key=lambda m: m.start)
    return chosen


# ---------------------------------------------------------------- sentences about the pair

_COOP_CUE = compile_ci(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|partner\w*|work(?:ing)? together|joint(?:ly)?|agree\w*|"
    r"ties|relations|exchanges?|dialogues?|consultations?|promot\w*|enhanc\w*|strengthen\w*|deepen\w*|"
    r"expand\w*|boost\w*|foster\w*|advanc\w*|bolster\w*|support\w*|commit\w*|pledg\w*|welcom\w*|shar(?:e|ed|ing)|"
    r"discuss\w*|talks|explor\w*|initiatives?|projects?|MoUs?|memorand\w*|sign\w*|drills?|exercises?|"
    r"provid\w*|assist\w*|facilitat\w*|invest\w*|trade|concurred|confirm\w*|reaffirm\w*|decided|intend\w*|"
    r"intention|interest|focus\w*|priorit\w*|highlight\w*|emphasi[sz]\w*|underscor\w*|recogni[sz]\w*|"
    r"acknowledg\w*|celebrat\w*|encourag\w*|follow up|extends?|includ\w*|resum\w*|launch\w*|establish\w*|"
    r"review\w*|progress|coordinat\w*|co-ordinat\w*|call(?:ed|s)? for|covering|step up|raise)\b",
)
_STRONG_CUE = compile_ci(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|partnerships?|work(?:ing)? together|agreed|agreeing|"
    r"consensus|MoUs?|memorand\w*|joint exercises?|bilateral|agreements? reached|coordinat\w* their)\b",
)
_BOTH = (
    r"\b(?:both|the two|two) (?:leaders|sides|countries|nations|governments|ministers|parties|prime ministers|"
    r"presidents|heads of government|economies|peoples|foreign ministers|delegations)\b"
)
_BOTH_PHRASE = re.compile(_BOTH, re.I)
_PAIR_PHRASE = compile_ci(
    _BOTH + r"|\b(?:bilateral|they|their|each other|mutual|we|our|the leaders|the ministers|the countries|the sides|the parties)\b"
)
# "the leaders exchanged views on Sudan and Somalia and agreed to coordinate their efforts": the pair acts.
_ACTORS_AGREE = re.compile(
    r"\b(?:the (?:leaders|ministers|presidents|prime ministers|sides|parties)|they)\b[^.;]{0,120}?"
    r"\b(?:agreed|agree|decided|pledged|committed|vowed|resolved) to (?:coordinate|cooperate|work|consult|support|"
    r"intensify|step up|redouble|continue|strengthen|deepen|pursue|push)\b",
    re.I,
)
_CONDEMN = re.compile(r"\b(?:condemn\w*|denounc\w*|deplor\w*|criticis\w*|criticiz\w*)\b", re.I)
_CONTINUATION = re.compile(
    r"^\W*(?:(?:this|these|they|it|such cooperation|the cooperation|those|the areas?)\s+"
    r"(?:also\s+)?(?:include|includes|included|including|cover|covers|covered|comprise|comprises|involve|involves|"
    r"range|ranges|span|spans|extend|extends)\b|including\b|among them\b|they are\b)",
    re.I,
)

Pair = tuple[str, str]


@dataclass
class PairSentence:
    start: int
    end: int
    pairs: list[Pair]
    qualified: bool  # speaks of the pair cooperating (for areas)
    status: str = "agreed"
    status_rule: str = ""
    extra: dict = field(default_factory=dict)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of every sentence of ``doc`` (read once per document)."""
    cached = doc.user_data.get("entente_sentence_spans")
    if cached is None:
        state = doc._.entente if Doc.has_extension("entente") else None
        text = state.text if state is not None else doc.text  # the same text; Doc.text is slow
        cached = _join_after_titles(text, sentence_char_spans(doc))
        doc.user_data["entente_sentence_spans"] = cached
    return cached


# A sentence break right after a title's abbreviation is none: "Senator the Hon. Penny Wong".
_TITLE_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Hon|Rt|Sen|Gen|Lt|Col|Maj|Capt|Adm|Amb|Gov|Prof|Rev|Cdr|Brig|Sgt|Hon'ble|Excy|H\.E|Dr|Mr|Ms|Mrs)\.\s*$"
)


def _join_after_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _TITLE_ABBREVIATION.search(text, max(0, out[-1][1] - 12), out[-1][1]) and text[start:end][:1].isupper():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentences without their leading and trailing white space (``text`` is the document's)."""
    cached = doc.user_data.get("entente_sentence_bounds")
    if cached is not None:
        return cached
    out = []
    for start, end in sentence_spans(doc):
        sentence = text[start:end]
        lead = len(sentence) - len(sentence.lstrip())
        trail = len(sentence.rstrip())
        if trail > lead:
            out.append((start + lead, start + trail))
    doc.user_data["entente_sentence_bounds"] = out
    return out


def _pair_countries_of_people(state: State, start: int, end: int) -> set[str]:
    out = set()
    for pm in getattr(state, "person_mentions", []) or []:
        if pm.start >= start and pm.end <= end:
            person = state.person(pm.person_id)
            if person is not None and person.country:
                out.add(person.country)
    return out


def pair_sentences(state: State, doc: Doc) -> list[PairSentence]:
    """Every sentence with the pairs it speaks of (possibly none) and whether it is about cooperating.

    Computed once per document (areas, agreements and commitments all read it) unless the
    pairs or the mentions it reads have changed since.
    """
    pairs: list[Pair] = list(state.relations)
    if not pairs:
        return []
    key = (tuple(pairs), len(state.country_mentions), len(state.person_mentions), len(state.people))
    cached = doc.user_data.get("entente_pair_sentences")
    if cached is not None and cached[0] == key:
        return cached[1]
    out = _pair_sentences(state, doc, pairs)
    doc.user_data["entente_pair_sentences"] = (key, out)
    return out


def _pair_sentences(state: State, doc: Doc, pairs: list[Pair]) -> list[PairSentence]:
    pair_countries = {c for p in pairs for c in p}
    out: list[PairSentence] = []
    context: list[Pair] = pairs[:1] if len(pairs) == 1 else []
    previous: PairSentence | None = None
    for start, end in _sentence_bounds(doc, state.text):
        text = state.text[start:end]
        mentioned = {m.iso3 for m in state.countries_in(start, end)}
        mentioned |= _pair_countries_of_people(state, start, end)
        ours = mentioned & pair_countries
        others = mentioned - pair_countries
        both = [p for p in pairs if set(p) <= ours]
        one = [p for p in pairs if set(p) & ours]
        if both:
            sent_pairs = both
        elif one and len(pairs) > 1:
            # One country named: the pairs of it that the context speaks of, else all its pairs.
            sent_pairs = [p for p in one if p in context] or one
        elif one:
            sent_pairs = one
        else:
            sent_pairs = list(context) if context else (pairs if len(pairs) == 1 else [])
        continuation = bool(_CONTINUATION.match(text)) and previous is not None and previous.qualified
        if continuation and previous is not None:
            sent_pairs = previous.pairs
        about_pair = bool(ours) or bool(_PAIR_PHRASE.search(text)) or bool(_STRONG_CUE.search(text))
        third_only = bool(others) and not ours and not _BOTH_PHRASE.search(text) and not _ACTORS_AGREE.search(text)
        condemn = bool(_CONDEMN.search(text)) and not re.search(r"cooperat|collaborat", text, re.I)
        qualified = bool(sent_pairs) and (
            continuation or (bool(_COOP_CUE.search(text)) and about_pair and not third_only and not condemn)
        )
        ps = PairSentence(start, end, sent_pairs, qualified)
        if continuation and previous is not None:
            ps.status, ps.status_rule = previous.status, previous.status_rule
        out.append(ps)
        if ours:
            context = sent_pairs
        if qualified:
            previous = ps
        elif text.strip():
            previous = None
    return out


# ---------------------------------------------------------------- status

# Verbs that carry the action itself, not the clause's modality: look past them.
_WEAK = {
    "promote", "promoting", "enhance", "enhancing", "strengthen", "strengthening", "deepen", "deepening",
    "expand", "expanding", "foster", "fostering", "boost", "boosting", "cooperate", "collaborate",
    "work together", "continue", "continues", "continued", "continuing",
}
_DECIDED = re.compile(
    r"(?:agreed|agree|agrees|decided|pledged|pledge|pledges|committed|commit|commits|committing|commitment|vowed|"
    r"resolved|undertook|promised|promise|promises) to$",
    re.I,
)
_RANK = {"agreed": 5, "ongoing": 4, "planned": 3, "expected": 2, "discussed": 1}


def clause_status(sentence: str, trigger: int, default: str = "agreed", decided: str = "agreed") -> tuple[str, str]:
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
    for ps in pair_sentences(state, doc):
        if not ps.qualified:
            continue
        sentence = text[ps.start : ps.end]
        for m in area_matches(text, ps.start, ps.end):
            if "regional_multilateral" in m.areas and _is_pair_country(state, m, ps.pairs):
                continue
            if ps.status_rule and _CONTINUATION.match(sentence):
                status, srule = ps.status, ps.status_rule
            else:
                status, srule = clause_status(sentence, m.start - ps.start)
            for pair in ps.pairs:
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


def _is_pair_country(state: State, m: AreaMatch, pairs: list[Pair]) -> bool:
    """A regional issue named by a country ("Myanmar") is no issue for a pair that includes it."""
    members = {c for p in pairs for c in p}
    return any(
        cm.start == m.start and cm.end == m.end and cm.iso3 in members for cm in state.countries_in(m.start, m.end)
    )
