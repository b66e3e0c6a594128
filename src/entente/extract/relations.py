"""Which pairs of countries does the text report bilateral relations between?

A pair is reported when its two countries act together in the text: they are
joined in a sentence that speaks of diplomacy ("Malaysia and Japan agreed",
"Malaysia-Japan ties", "between the two countries", a leader "and his Japanese
counterpart"), and both are central to the article (mentioned repeatedly, or in
the headline/lead).  Countries are present in a sentence through their names,
aliases and demonyms, and through the people of that country named in it.

One sentence is enough when the two sides interact in it: a person or official of one
meets, calls, receives or summons one of the other ("Ramaphosa received the Ambassador
of the Republic of Korea"), travels to the other ("will pay an official visit to New
Zealand"), or one state does something diplomatic with the other in a few words ("India
signed a water-sharing agreement with Bangladesh").  A short wire brief names each side
once, so a country named once counts when it is in the headline or lead.

What does not make a pair:

* a sentence without any diplomatic cue ("sold in the US and Japan");
* a sentence whose vocabulary is sport, markets, entertainment or elections
  rather than diplomacy ("France beat Ireland in the Six Nations");
* a long list of countries (a third country only listed beside the pair);
* a third country mentioned beside a strongly reported pair (its score must
  reach half of the best pair's);
* two people both met by someone of neither country ("Blair met Berlusconi and
  Schroeder"), or two among many at a gathering ("among the 20 leaders attending");
* a capital naming an instrument ("the Lisbon agreement").

Cues are data: ``data/relation_cues.json``.  The sentences that supported a
chosen pair become the relation's evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from .lexfilter import CaseFreeScan, factor_alternation, union_starts_regex
from .scope import pronoun_subject, sentence_spans
from .state import PlaceMention, State

MIN_SCORE = 2.0  # e.g. one joined sentence with a cue, or two cue sentences
RELATIVE = 0.5  # a pair must reach this share of the best pair's score
SINGLE_SENTENCE = 3.0  # one sentence alone must be strong (headline/lead, joined, cue)
MAX_EVIDENCE = 6


@dataclass(frozen=True)
class Cues:
    diplomatic: re.Pattern[str]
    pair_phrase: re.Pattern[str]
    off_topic: re.Pattern[str]
    joined: re.Pattern[str]
    list_before: re.Pattern[str]
    trilateral: re.Pattern[str]
    locative_before: re.Pattern[str]
    interaction: re.Pattern[str]
    visit: re.Pattern[str]
    official_after: re.Pattern[str]
    official_before: re.Pattern[str]
    multilateral: re.Pattern[str]
    instrument_after: re.Pattern[str]
    deal: re.Pattern[str]


def _alternation(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + factor_alternation(items) + r")(?![\w])", re.I)


def _official_heads(extra: list[str]) -> str:
    """Head words of an official's title: the last word of the titles of ``data/titles.json`` that name a
    head of state or government, a minister or an envoy ("Minister", "Ambassador"), and ``extra``."""
    data = load("titles.json")
    heads = {t.split()[-1].lower() for t in [*data.host_titles, *data.government, *data.head_offices] if " of " not in t}
    heads.update(w.lower() for w in extra)
    return "|".join(sorted(map(re.escape, heads), key=len, reverse=True))


@cache
def cues() -> Cues:
    data = load("relation_cues.json")
    heads = _official_heads(data.official_heads)
    return Cues(
        diplomatic=_alternation(data.diplomatic),
        pair_phrase=_alternation(data.pair_phrases),
        off_topic=_alternation(data.off_topic),
        joined=re.compile(data.joined, re.I),
        trilateral=_alternation(data.trilateral),
        locative_before=re.compile(data.locative_before, re.I),
        list_before=re.compile(r"(?:^|\W)(?:" + "|".join(map(re.escape, data.list_before)) + r")\s+(?:the\s+)?$", re.I),
        interaction=_alternation(data.interaction),
        visit=_alternation(data.visit),
        # "Mexican Secretary of Foreign Affairs", "Vietnam's Prime Minister", "his Philippine counterpart"
        official_after=re.compile(r"(?:'s|’s)?\s+(?:[A-Za-z-]+\s+){0,2}?(?:" + heads + r")\b", re.I),
        # "the Ambassador of the Republic of Korea", "President of Kyrgyzstan"
        official_before=re.compile(r"\b(?:" + heads + r")(?:\s+[A-Za-z-]+){0,2}?\s+(?:of|from)\s+(?:the\s+)?$", re.I),
        multilateral=_alternation(data.multilateral),
        instrument_after=re.compile(r"\s+(?:" + factor_alternation(data.instrument_after) + r")\b", re.I),
        deal=_alternation(data.deal_words),
    )


@dataclass
class PairEvidence:
    score: float = 0.0
    sentences: list[tuple[float, int, int]] = field(default_factory=list)
    # The two sides' people met, called or received each other in a sentence naming only them:
    # "Sisi had spoken by telephone with Saudi Crown Prince Mohammed bin Salman".
    interaction: bool = False
    # The two were written together as actors in some sentence ("India and Pakistan", "ties with").
    joined: bool = False


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    return sentence_spans(doc)


def sentence_countries(state: State, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """ISO3 -> character ranges of its mentions in ``[start, end)``: names and people of that country."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in state.countries_in(start, end):
        found[m.iso3].append((m.start, m.end))
    people = {p.id: p.country for p in getattr(state, "people", []) or [] if getattr(p, "country", None)}
    for pm in state.people_in(start, end):
        iso = people.get(pm.person_id)
        if iso:
            found[iso].append((pm.start, pm.end))
    # A capital standing for its government ("Washington's commitments", "stand with Manila"),
    # not a location ("talks in Hanoi").
    for place in state.places_in(start, end):
        if place.kind == "capital" and place.country and not _capital_not_government(state.text, place):
            if not any(s <= place.start < e for s, e in found.get(place.country, [])):
                found[place.country].append((place.start, place.end))
    return found


def _capital_not_government(text: str, place: PlaceMention) -> bool:
    """A capital as a location ("talks in Hanoi") or the name of an instrument ("the Lisbon agreement")."""
    c = cues()
    return bool(c.locative_before.search(text[max(0, place.start - 12) : place.start])
                or c.instrument_after.match(text, place.end))


def country_counts(state: State) -> Counter[str]:
    """How often each country is present: names, demonyms, its people, its capital."""
    counts: Counter[str] = Counter(m.iso3 for m in state.country_mentions)
    people = {p.id: p.country for p in state.people if p.country}
    counts.update(people[pm.person_id] for pm in state.person_mentions if pm.person_id in people)
    counts.update(p.country for p in state.places
                  if p.kind == "capital" and p.country and not cues().instrument_after.match(state.text, p.end))
    return counts


def _joined(state: State, ranges_a: list[tuple[int, int]], ranges_b: list[tuple[int, int]]) -> bool:
    """The two countries written together as actors: "Malaysia and Japan", "Malaysia-Japan", "ties with".

    A list after a preposition ("in Iraq and Afghanistan", "visit Thailand and Indonesia") is places,
    not actors.
    """
    c = cues()
    for x in ranges_a:
        for y in ranges_b:
            left, right = (x, y) if x[0] < y[0] else (y, x)
            middle = state.text[left[1] : right[0]]
            if right[0] < left[1] or not c.joined.match(middle):
                continue
            listed = middle.strip() in ("and", ",", "or", "")
            if listed and c.list_before.search(state.text[max(0, left[0] - 30) : left[0]]):
                continue
            return True
    return False


def _cue_counts(sentence: str) -> tuple[int, int, int]:
    """(diplomatic cues, pair phrase present 0/1, off-topic cues) of a sentence."""
    c = cues()
    diplomatic = len(c.diplomatic.findall(sentence))
    pair = 1 if c.pair_phrase.search(sentence) else 0
    off = len(c.off_topic.findall(sentence))
    return diplomatic, pair, off


@cache
def _cue_starts() -> CaseFreeScan | None:
    """Where any cue of :func:`_cue_counts` can begin (a superset), or ``None``."""
    c = cues()
    starts = union_starts_regex([c.diplomatic, c.pair_phrase, c.off_topic], 6)
    return CaseFreeScan(starts) if starts is not None else None


def _sentence_cue_counts(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``_cue_counts`` of every sentence ``text[s:e]``, with one scan of the text for where cues can begin.

    Each count replays the pattern's left-to-right scan of the sentence, tried only there (and
    at the sentence's first character, where its own look-behind sees nothing).  No cue matches
    empty, so the scans agree with ``findall`` / ``search``.
    """
    starts_re = _cue_starts()
    if starts_re is None:
        return [_cue_counts(text[s:e]) for s, e in bounds]
    c = cues()
    starts = starts_re.starts(text)
    out = []
    for s, e in bounds:
        sentence = text[s:e]
        here = [x - s for x in starts[bisect_left(starts, s) : bisect_left(starts, e)]]
        if not here or here[0] != 0:
            here.insert(0, 0)
        out.append((
            _count(c.diplomatic, sentence, here),
            1 if _count(c.pair_phrase, sentence, here, first=True) else 0,
            _count(c.off_topic, sentence, here),
        ))
    return out


def _count(pattern: re.Pattern[str], sentence: str, starts: list[int], first: bool = False) -> int:
    n, last = 0, 0
    for x in starts:
        if x < last:
            continue
        m = pattern.match(sentence, x)
        if m is not None:
            n += 1
            if first:
                break
            last = m.end()
    return n


def _weight(counts: tuple[int, int, int]) -> float:
    diplomatic, pair, off = counts
    if diplomatic + pair == 0 or off > diplomatic + pair:
        return 0.0
    return 1.0


def sentence_weight(sentence: str) -> float:
    """How much a sentence speaks of diplomacy (0 when it does not, or speaks of sport/markets)."""
    return _weight(_cue_counts(sentence))


def _off_topic(counts: list[tuple[int, int, int]]) -> bool:
    diplomatic = sum(c[0] for c in counts)
    pair = sum(c[1] for c in counts)
    off = sum(c[2] for c in counts)
    return off >= 4 and off > 1.5 * (diplomatic + 2 * pair)


def off_topic_document(state: State, bounds: list[tuple[int, int]]) -> bool:
    """An article mostly about sport, markets, entertainment or elections."""
    return _off_topic([_cue_counts(state.text[s:e]) for s, e in bounds])


_SUBORDINATE_BEFORE = re.compile(r"\b(?:who|which|whom|after|since|when|before|once|previously|last)\b[^,;]{0,30}$", re.I)


def _main_verbs(sentence: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Interaction verbs of the main clause (not "Biden, who met Xi last year, ...")."""
    return [m for m in pattern.finditer(sentence) if not _SUBORDINATE_BEFORE.search(sentence[: m.start()])]


def _main_interaction(sentence: str) -> bool:
    return bool(_main_verbs(sentence, cues().interaction))


def _met_by_another(
    state: State, start: int, sentence: str, present: dict[str, list[tuple[int, int]]], a: str, b: str
) -> bool:
    """Both sides named only after a main-clause meeting verb, as people or officials, whose subject is someone
    of neither: "Tony Blair has met Italian Prime Minister Berlusconi and German Chancellor Schroeder" reports
    Blair's meetings with each, not relations between Italy and Germany."""
    verbs = _main_verbs(sentence, cues().interaction)
    if not verbs:
        return False
    people = {p.id: p.country for p in state.people}
    first = min(s for iso in (a, b) for s, _ in present[iso]) - start
    reps = _representatives(state, start, start + len(sentence))
    for m in verbs:
        if first < m.end() or not all(any(p - start >= m.end() for p in reps.get(iso, [])) for iso in (a, b)):
            continue  # the two are not both people met ("welcomed the decision by India and Pakistan")
        if any(pm.start - start < m.start() and people.get(pm.person_id) not in (a, b)
               for pm in state.people_in(start, start + m.start())):
            return True
    return False


def _representatives(state: State, start: int, end: int) -> dict[str, list[int]]:
    """ISO3 -> where its people or officials stand in ``[start, end)``: a person of that country, or a country
    mention that is an official ("the Japanese defence minister", "the Ambassador of the Republic of Korea")."""
    c = cues()
    found: dict[str, list[int]] = defaultdict(list)
    people = {p.id: p.country for p in state.people if p.country}
    for pm in state.people_in(start, end):
        iso = people.get(pm.person_id)
        if iso:
            found[iso].append(pm.start)
    for m in state.countries_in(start, end):
        if c.official_after.match(state.text, m.end, end) or c.official_before.search(state.text[max(start, m.start - 60) : m.start]):
            found[m.iso3].append(m.start)
    return found


def _interacting(
    state: State, start: int, end: int, present: dict[str, list[tuple[int, int]]], subject: str | None = None
) -> bool:
    """A main-clause verb of meeting, calling or receiving with a representative of one side before it and one
    of the other after it ("Ramaphosa received the Ambassador of the Republic of Korea", "Foreign Minister Joly
    held a call with the Mexican Secretary of Foreign Affairs"), or a representative of one side travelling to
    the other ("Vietnam's Prime Minister will pay an official visit to New Zealand").  Two sides both named
    after the verb are the people someone else met, not a meeting of theirs.  ``subject``: the country of the
    person an opening "He"/"She" stands for, a representative at the sentence's start."""
    sentence = state.text[start:end]
    c = cues()
    meets = _main_verbs(sentence, c.interaction)
    visits = _main_verbs(sentence, c.visit)
    if not meets and not visits:
        return False
    reps = _representatives(state, start, end)
    if subject:
        reps.setdefault(subject, []).insert(0, start)
    if not reps:
        return False  # no person or official of either side
    (a, _), (b, _) = sorted(present.items())
    # Names (not demonyms) and capitals: a side as a state ("Germany summoned the Russian ambassador", "talks
    # with Washington"; a capital standing for its government) and a visit's destination ("arrived in Addis Ababa").
    names = {m.start - start: m.iso3 for m in state.countries_in(start, end) if m.kind != "demonym"}
    capitals = [p for p in state.places_in(start, end) if p.kind == "capital" and p.country]
    states = names | {p.start - start: p.country for p in capitals if not _capital_not_government(state.text, p)}
    destinations = names | {p.start - start: p.country for p in capitals}
    for x, y in ((a, b), (b, a)):
        before = [p - start for p in reps.get(x, [])]
        after_rep = [p - start for p in reps.get(y, [])]
        for m in meets:  # at least one side a person or an official; a state as the object only right after the verb
            subject = before or [p for p, iso in states.items() if iso == x]
            if not subject or min(subject) >= m.start():
                continue
            if any(p >= m.end() for p in after_rep):
                return True
            # "Chancellor Scholz and Prime Minister Tusk held talks": both sides the verb's joined subject
            if before and any(p < m.start() for p in after_rep) and _joined(state, present[x], present[y]):
                return True
            gap = _VISIT_GAP.match(sentence, m.end())
            if before and gap is not None and states.get(gap.end()) == y:
                return True
        if not before:
            continue
        for m in visits:  # the destination is the verb's object: "visit to New Zealand", "visiting China"
            gap = _VISIT_GAP.match(sentence, m.end())
            if min(before) < m.start() and gap is not None and destinations.get(gap.end()) == y:
                return True
    return False


_VISIT_GAP = re.compile(r"\s*(?:(?:to|in|with)\s+)?(?:the\s+)?")


def _actor_partners(state: State, start: int, end: int, sentence: str) -> set[tuple[str, str]]:
    """Pairs of the actor of a main-clause interaction and each party he meets after the verb, in a sentence
    naming three countries: "Kishida is set to hold talks with Kazakh President Tokayev in Astana and with
    Uzbek President Mirziyoyev in Samarkand" (two meetings of one actor, not a list of third countries)."""
    mentions = state.people_in(start, end)
    if len(mentions) < 3 or not _main_interaction(sentence):
        return set()
    verb = next((m for m in cues().interaction.finditer(sentence)), None)
    people = {p.id: p.country for p in state.people if p.country}
    actor = people.get(mentions[0].person_id)
    if verb is None or actor is None or mentions[0].end - start > verb.start():
        return set()
    met = {people.get(pm.person_id) for pm in mentions[1:] if pm.start - start >= verb.end()}
    return {tuple(sorted((actor, other))) for other in met if other and other != actor}  # type: ignore[misc]


# A few words between the two, none a preposition that starts an object of its own ("sanctions on banks
# dealing with Russia" is about the banks).
# An opening "CITY, March 4 (Agency) - " or "CITY - " before a lead's first words.
_DATELINE_OPENING = re.compile(
    r"\s*(?:[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]+\s*)?"
)
# After "A and B" the clause's verb, not a preposition ("Iraq and Afghanistan in WTO talks").
_SUBJECT_VERB = re.compile(r"\s+(?!(?:in|at|on|for|to|from|of|with|by|as|are among)\b)[a-z]")


def _joined_subject(state: State, start: int, end: int, a: str, b: str) -> bool:
    """The sentence opens with the two as its subject: "Iran and Saudi Arabia agreed on Friday to restore
    diplomatic ties", "Canberra and Jakarta signed ..." (names, or capitals standing for their governments)."""
    opening = _DATELINE_OPENING.match(state.text, start, end)
    at = opening.end() if opening else start
    sides = [(m.start, m.end, m.iso3) for m in state.countries_in(start, end) if m.kind != "demonym"]
    sides += [(p.start, p.end, p.country) for p in state.places_in(start, end)
              if p.kind == "capital" and p.country and not _capital_not_government(state.text, p)]
    first = next((x for x in sides if x[0] in (at, at + 4) and state.text[at:x[0]] in ("", "The ")), None)
    if first is None or first[2] not in (a, b):
        return False
    other = b if first[2] == a else a
    second = next((x for x in sides if x[2] == other and state.text[first[1] : x[0]] in (" and ", " and the ")), None)
    return second is not None and bool(_SUBJECT_VERB.match(state.text, second[1], end))


_WITH_MIDDLE = re.compile(
    r"(?:'s|’s)?\s+((?:(?!(?:on|in|at|for|of|by|from|to|against|over|about|and|or|that|which|who)\s)[\w-]+\s+){0,4}?)"
    r"with\s+(?:the\s+)?",
    re.I,
)


def _acted_with(state: State, start: int, end: int, present: dict[str, list[tuple[int, int]]]) -> bool:
    """One state does something diplomatic with the other in a few words: "India signed a water-sharing
    agreement with Bangladesh", "Nigeria has restored diplomatic relations with Niger", "Seoul's ties with
    Tokyo".  The actor is a name or a capital standing for its government, not a demonym ("a German firm's
    deal with ...")."""
    c = cues()
    states = [(m.end, m.iso3) for m in state.countries_in(start, end) if m.kind != "demonym"]
    states += [(p.end, p.country) for p in state.places_in(start, end)
               if p.kind == "capital" and p.country and not _capital_not_government(state.text, p)]
    for e, x in states:
        m = _WITH_MIDDLE.match(state.text, e, end)
        if m is None or not (c.diplomatic.search(m.group(1)) or c.deal.search(m.group(1))):
            continue
        if any(s == m.end() for iso, ranges in present.items() if iso != x for s, _ in ranges):
            return True
    return False


def _document_countries(state: State) -> set[str]:
    """Every country a sentence can hold (see :func:`sentence_countries`): named, of a person, of a capital."""
    found = {m.iso3 for m in state.country_mentions}
    found.update(p.country for p in state.people if p.country)
    found.update(p.country for p in state.places if p.kind == "capital" and p.country)
    return found


def pair_evidence(state: State, doc: Doc) -> dict[tuple[str, str], PairEvidence]:
    """Evidence weight (and supporting sentences) for every pair acting together in a sentence."""
    out: dict[tuple[str, str], PairEvidence] = defaultdict(PairEvidence)
    if len(_document_countries(state)) < 2:
        return out  # no sentence can hold two countries: the sentences are not read
    bounds = sentence_bounds(doc)
    counts = _sentence_cue_counts(state.text, bounds)  # read once, used twice
    if _off_topic(counts):
        return out
    for index, (start, end) in enumerate(bounds):
        base = _weight(counts[index])
        if base == 0.0 and not (counts[index][2] == 0 and cues().deal.search(state.text, start, end)):
            continue
        present = sentence_countries(state, start, end)
        _, subject = pronoun_subject(state, bounds, index)
        if subject and subject not in present:
            present[subject] = [(start, start)]  # "He will then travel to Jakarta, where he is due to meet ..."
        if len(present) < 2:
            continue
        sentence = state.text[start:end]
        acted = len(present) == 2 and _acted_with(state, start, end, present)
        if base == 0.0 and not acted:
            continue  # "deal" alone is business; a state's deal with another is diplomacy
        base = base or 1.0
        trilateral = len(present) == 3 and bool(cues().trilateral.search(sentence))
        many = len(present) > 3 or bool(cues().multilateral.search(sentence))
        interaction = not many and (acted or (len(present) == 2 and _interacting(state, start, end, present, subject)))
        partners = _actor_partners(state, start, end, sentence) if len(present) == 3 else set()
        for a, b in combinations(sorted(present), 2):
            if not trilateral and _met_by_another(state, start, sentence, present, a, b):
                continue
            weight = base
            joined = _joined(state, present[a], present[b])
            if joined or trilateral:
                weight += 1.0
            if many:  # a list of countries, or two among many at a gathering, not two acting together
                weight *= 0.3
            elif len(present) == 3 and not trilateral:
                weight *= 0.75
            if index < LEAD_SENTENCES:  # headline and lead
                weight *= 1.25
            ev = out[(a, b)]
            ev.score += weight
            ev.sentences.append((weight, start, end))
            subject_pair = index < LEAD_SENTENCES and not many and _joined_subject(state, start, end, a, b)
            ev.interaction = ev.interaction or interaction or (a, b) in partners or subject_pair
            ev.joined = ev.joined or joined
    _pair_phrase_support(state, bounds, counts, out)
    return out


ANAPHORA_WEIGHT = 0.5  # "the two countries" in a later sentence, of the one pair the text has joined
ANAPHORA_MAX = 3


def _pair_phrase_support(
    state: State, bounds: list[tuple[int, int]], counts: list[tuple[int, int, int]], out: dict[tuple[str, str], PairEvidence]
) -> None:
    """Sentences that speak of "the two countries", "both sides", "the two presidents" without naming a
    second country refer back to the pair: they support it when it is the only pair, or the only pair written
    together ("The UK welcomed the decision by India and Pakistan ..." and then "both countries")."""
    candidates = list(out.items()) if len(out) == 1 else [(p, ev) for p, ev in out.items() if ev.joined]
    if len(candidates) != 1:
        return
    (pair, ev), = candidates
    used = {(s, e) for _, s, e in ev.sentences}
    added = 0
    for index, (start, end) in enumerate(bounds):
        if added >= ANAPHORA_MAX:
            break
        if (start, end) in used or not counts[index][1] or _weight(counts[index]) == 0.0:
            continue
        present = sentence_countries(state, start, end)
        if len(present) >= 2 or any(iso not in pair for iso in present):
            continue
        ev.score += ANAPHORA_WEIGHT
        ev.sentences.append((ANAPHORA_WEIGHT, start, end))
        added += 1


LEAD_SENTENCES = 3  # the headline and lead: the sentences weighted up in pair_evidence


def _lead_countries(state: State, doc: Doc) -> set[str]:
    """Countries present in the headline and lead: a short wire brief names each side once."""
    bounds = sentence_bounds(doc)[:LEAD_SENTENCES]
    if not bounds:
        return set()
    return set(sentence_countries(state, bounds[0][0], bounds[-1][1]))


def choose_pairs(state: State, doc: Doc) -> list[tuple[str, str]]:
    return [pair for pair, _ in chosen_with_evidence(state, doc)]


def chosen_with_evidence(state: State, doc: Doc) -> list[tuple[tuple[str, str], PairEvidence]]:
    evidence = pair_evidence(state, doc)
    if not evidence:
        return []
    counts = country_counts(state)
    lead = _lead_countries(state, doc)
    best = max(ev.score for ev in evidence.values())
    chosen = []
    for pair, ev in sorted(evidence.items(), key=lambda kv: -kv[1].score):
        if not ev.interaction or ev.score < 1.0:
            if ev.score < MIN_SCORE or ev.score < RELATIVE * best:
                continue
            if len(ev.sentences) < 2 and ev.score < SINGLE_SENTENCE:
                continue
        if not ev.interaction and any(counts[iso] < 2 and iso not in lead for iso in pair):
            continue  # a country named once, outside the headline and lead, is not central to the article
        chosen.append((pair, ev))
    return chosen


@Language.component("entente_relations")
def relations_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    for (a, b), ev in chosen_with_evidence(state, doc):
        rel = state.relation(a, b)
        strongest = sorted(ev.sentences, key=lambda s: (-s[0], s[1]))[:MAX_EVIDENCE]
        rel.evidence = [state.trimmed_span(s, e) for _, s, e in sorted(strongest, key=lambda s: s[1])]
        rel.rule = f"relations:score={ev.score:.1f}:sentences={len(ev.sentences)}"  # type: ignore[attr-defined]
    return doc
