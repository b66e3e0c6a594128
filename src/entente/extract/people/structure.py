"""Country from structure, for a person the text gives no country of his own (no demonym, no "of Malaysia",
not in the leaders' table): the other side of a bilateral text.

- The two sides: the countries the text pairs ("between Iraq and Saudi Arabia", "Iraqi-Saudi relations",
  "Malaysia and Brunei"), else its two most-named countries when they stand clear of the rest.
- Who is on the other side of someone whose country is known:
  the speaker of "his Brazilian counterpart" (not Brazilian);
  two people joined as the two sides of one act ("exchanged between Minister A and Japanese Minister B",
  "President A and Malaysian Prime Minister B held talks": two heads side by side);
  a visitor ("arrived in Riyadh on his first visit to Saudi Arabia") is not of the country visited.
- One side: the ministers listed for one delegation ("accompanied by Foreign Minister A, Trade Minister B and
  ...") share the country of those of them whose country is known, or of the person they accompany.

Nothing here guesses: with no clear pair, or evidence for two countries, the person keeps ``None``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..lexfilter import CaseFreeScan, case_free_text
from ..state import State
from .model import Candidate, PersonDraft
from .titles import base_title, host_titles, titles

_JOINED = re.compile(r"\s*[-–—/]\s*|\s+and\s+(?:the\s+)?|\s*&\s*")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+[^.;,\n]{0,50}$", re.I)  # "exchanged between Foreign Minister "
_SENTENCE_END = re.compile(r"[a-z0-9)\]][.!?][\"”’']?\s+[\"“]?[A-Z]|\n")
# between two people: a separator, then only the second one's title ("and Malaysian Prime Minister ",
# "and Spanish government President "; see _title_gap)
_TWO_SIDES = re.compile(r"^\s*,?\s*(?:and|&)\s+(?P<rest>(?:[\w'’.-]+\s+){0,8})$")
_VISIT = re.compile(
    r"\b(?:arrived|arrives|landed|lands)\s+in\s+|\b(?:visit|trip|visits|journey)\s+to\s+(?:the\s+)?|"
    r"\bvisiting\s+(?:the\s+)?|\btour\s+of\s+(?:the\s+)?",
    re.I,
)
_DELEGATION = re.compile(
    r"\b(?:accompanied\s+by|joined\s+by|also\s+present\s+(?:were|was)|delegation\s+(?:comprising|including|"
    r"that\s+included|included|of))\b",
    re.I,
)
_DELEGATION_SCAN = CaseFreeScan(_DELEGATION)  # searched on the lower-cased text where that finds the same
_LIST_GAP = re.compile(r"^\s*(?:,|;|,?\s*and|&)\s+(?P<rest>(?:[\w'’.-]+\s+){0,8})$")


def _title_gap(pattern: re.Pattern[str], gap: str) -> bool:
    """Does ``gap`` hold a separator and then only title words (capitalised, or a word of a title)?"""
    m = pattern.match(gap)
    if m is None:
        return False
    tab = titles()
    lower_ok = tab.words | tab.portfolio | tab.modifiers | {"of", "for", "and", "the", "on"}
    return all(w[:1].isupper() or w.lower() in lower_ok for w in m.group("rest").split())


def pair_partners(state: State) -> dict[str, Counter[str]]:
    """For each country, the countries the text pairs it with, counted."""
    out: dict[str, Counter[str]] = {}
    ms = sorted(state.country_mentions, key=lambda m: m.start)
    text = state.text
    for a, b in zip(ms, ms[1:], strict=False):
        if a.iso3 == b.iso3 or not _JOINED.fullmatch(text[a.end : b.start]):
            continue
        weight = 2 if _BETWEEN.search(text[max(0, a.start - 12) : a.start]) else 1
        out.setdefault(a.iso3, Counter())[b.iso3] += weight
        out.setdefault(b.iso3, Counter())[a.iso3] += weight
    return out


def other_side(state: State, partners: dict[str, Counter[str]], iso3: str) -> str | None:
    """The country on the other side of ``iso3``: the one the text pairs it with most (a tie: ``None``); with no
    pairing, the other of the text's two most-named countries when both stand clear of the third."""
    counts = partners.get(iso3)
    if counts:
        (best, n), *rest = counts.most_common(2)
        return best if not rest or rest[0][1] < n else None
    named = Counter(m.iso3 for m in state.country_mentions).most_common(3)
    if len(named) < 2 or iso3 not in {named[0][0], named[1][0]}:
        return None
    third = named[2][1] if len(named) > 2 else 0
    if named[1][1] < 2 or named[1][1] < 2 * third:
        return None
    return named[1][0] if named[0][0] == iso3 else named[0][0]


def _sentence_apart(text: str, a: int, b: int) -> bool:
    return bool(_SENTENCE_END.search(text, a, b))


def _heads(p: PersonDraft) -> set[str]:
    return {base_title(t) for t in p.titles}


def structural_countries(
    people: list[PersonDraft],
    source: list[str | None],
    settled: list[str | None],
    cands: list[Candidate],
    state: State,
) -> list[str | None]:
    """A country from structure for each person not ``settled`` (stated or in the leaders' table), else
    ``None``; ``source``: every person's country so far (the known side of a pair)."""
    text = state.text
    partners = pair_partners(state)
    votes: list[set[str]] = [set() for _ in people]
    owner = {span: i for i, p in enumerate(people) for span in p.mentions}
    spans = sorted((a, b, i) for i, p in enumerate(people) for a, b in p.mentions)

    def against(i: int, iso3: str | None) -> None:  # person i is on the other side of iso3
        side = other_side(state, partners, iso3) if iso3 else None
        if side and settled[i] is None:
            votes[i].add(side)

    # the speaker of "his Brazilian counterpart"
    for c in cands:
        if "counterpart" not in c.rule or not c.country:
            continue
        before = [d for d in cands if d.end <= c.start and c.start - d.end < 120]
        if before:
            speaker = max(before, key=lambda d: d.end)
            i = owner.get((speaker.start, speaker.end))
            if i is not None and not _sentence_apart(text, speaker.end, c.start):
                against(i, c.country)
    # two sides of one act, next to each other
    for (a_start, a_end, i), (b_start, _, j) in zip(spans, spans[1:], strict=False):
        if i == j or not _title_gap(_TWO_SIDES, text[a_end:b_start]):
            continue
        between = _BETWEEN_BEFORE.search(text, max(0, a_start - 60), a_start)
        heads = host_titles()  # two heads of state or government side by side: the two leaders
        if not (between or (_heads(people[i]) & heads and _heads(people[j]) & heads)):
            continue
        if source[j] and settled[i] is None:
            against(i, source[j])
        if source[i] and settled[j] is None:
            against(j, source[i])
    # a visitor is not of the country visited
    by_start = sorted(state.country_mentions, key=lambda m: m.start)
    places = {pl.start: pl.country for pl in state.places if pl.country}
    for _a, b, i in spans:
        if settled[i] is not None:
            continue
        stop = _SENTENCE_END.search(text, b)
        end = stop.start() if stop else len(text)
        nxt = next((s for s in spans if s[0] > b), None)
        if nxt is not None and nxt[0] < end:
            end = nxt[0]  # someone else's clause
        for m in _VISIT.finditer(text, b, min(end, b + 160)):
            at = m.end()
            visited = next((cm.iso3 for cm in by_start if cm.start == at and cm.kind != "demonym"), None)
            visited = visited or places.get(at)
            if visited:
                against(i, visited)
    # one delegation's list
    for cue in _DELEGATION_SCAN.finditer(text, case_free_text(text)):
        members: list[int] = []
        prev_end = cue.end()
        for a, b, i in spans:
            if a < cue.end():
                continue
            gap = text[prev_end:a]
            if members and not _title_gap(_LIST_GAP, gap):
                break
            if not members and (len(gap) > 60 or _sentence_apart(text, prev_end, a)):
                break
            members.append(i)
            prev_end = b
        if len(members) < 1:
            continue
        stated = {source[i] for i in members if source[i]}
        if not stated and re.match(r"accompanied|joined", cue.group(0), re.I):
            lead = [s for s in spans if s[1] <= cue.start() and not _sentence_apart(text, s[1], cue.start())]
            if lead and source[lead[-1][2]]:
                stated = {source[lead[-1][2]]}
        if len(stated) == 1:
            (iso3,) = stated
            for i in members:
                if settled[i] is None:
                    votes[i].add(iso3)
    return [next(iter(v)) if len(v) == 1 else None for v in votes]
