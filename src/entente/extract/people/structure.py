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
  ...", "the meeting was attended by A, Minister of X, and B", "Indonesia's delegation, comprising A and B")
  share the country of those of them whose country is known, or of the person they accompany.

- The leader of a country's delegation ("Deputy Prime Minister A led the Malaysian delegation") is of it.

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
    r"\b(?:accompanied\s+by|joined\s+by|(?:also\s+)?attended\s+by|also\s+present\s+(?:were|was)|"
    r"delegation,?\s+(?:comprising|including|"
    r"that\s+included|included|of))\b",
    re.I,
)
_DELEGATION_SCAN = CaseFreeScan(_DELEGATION)  # searched on the lower-cased text where that finds the same
# a separator, then the next member's title; the previous member's title after a comma may come first
# (", Deputy Prime Minister and Minister of Foreign Affairs, and Dr. ")
# "Indonesia's delegation", "the Malaysian high-level delegation": the country the delegation is of
_OWN_DELEGATION = re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}$")
# "... led the Malaysian delegation", "heading Japan's delegation": the leader is of that country
_LEADS = re.compile(r"\b(?:led|leads|leading|headed|heads|heading)\s+(?:the\s+|a\s+|an\s+)?", re.I)
_LED_BY = re.compile(r"\b(?:was|is|were|are|,)?\s*(?:led|headed)\s+by\s+", re.I)
_OWN_SIDE = re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:side|delegation|team)\s*,?\s*$", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,|;|,?\s*and|&)\s+(?P<rest>(?:[\w'’.,-]+\s+){0,10})$")


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
    """Does a sentence end between ``a`` and ``b``?  The search starts one character early: a mention ending
    right before its sentence's full stop ("... hosted by William Ruto. The King") ends there too."""
    return bool(_SENTENCE_END.search(text, max(0, a - 1), b))


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
        if own := _delegation_country(state, cue.start()):
            stated.add(own)  # "Indonesia's delegation, comprising ..."
        if not stated and re.match(r"accompanied|joined", cue.group(0), re.I):
            lead = [s for s in spans if s[1] <= cue.start() and not _sentence_apart(text, s[1], cue.start())]
            if lead and source[lead[-1][2]]:
                stated = {source[lead[-1][2]]}
            elif not lead and (who := _by_office(people, text, cue.start())) is not None and source[who]:
                stated = {source[who]}  # "The King, accompanied by Queen Camilla": the one King named
        if len(stated) == 1:
            (iso3,) = stated
            known = [j for j in members if source[j] == iso3]
            for i in members:
                # two holders of one office in a list are the two sides ("attended by Indonesian Trade
                # Minister A and Trade Minister B"), not one delegation
                twin = any(j != i and _heads(people[i]) & _heads(people[j]) for j in known)
                if settled[i] is None and not twin:
                    votes[i].add(iso3)
    # the leader of a country's delegation ("Deputy Prime Minister X led the Malaysian delegation")
    for m in _LEADS.finditer(text):
        cm = next((c for c in by_start if c.start == m.end()), None)
        if cm is None:
            continue
        after = re.match(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?delegation\b", text[cm.end : cm.end + 60], re.I)
        lead = [sp for sp in spans if sp[1] <= m.start() and m.start() - sp[1] < 80]
        if after is None or not lead:
            continue
        _a, b, i = lead[-1]
        gap = text[b : m.start()]
        if settled[i] is None and not _sentence_apart(text, b, m.start()) and "," not in gap:
            votes[i].add(cm.iso3)
    # "the Thai side was led by Commerce Minister X", "Japan's delegation, headed by X"
    for m in _LED_BY.finditer(text):
        cm = next((c for c in reversed(by_start) if c.end <= m.start() and m.start() - c.end < 40), None)
        if cm is None or not _OWN_SIDE.match(text[cm.end : m.start()]):
            continue
        first = next((sp for sp in spans if sp[0] >= m.end()), None)
        if first is None or first[0] - m.end() > 50 or _sentence_apart(text, m.end(), first[0]):
            continue
        if settled[first[2]] is None and _title_gap(_LIST_GAP, ", " + text[m.end() : first[0]]):
            votes[first[2]].add(cm.iso3)
    return [next(iter(v)) if len(v) == 1 else None for v in votes]


_THE_OFFICE = re.compile(r"\b[Tt]he\s+(?P<office>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s*,?\s*$")


def _by_office(people: list[PersonDraft], text: str, at: int) -> int | None:
    """ "The King, accompanied by": the one person named with that office ("King Charles III"), else
    ``None`` (two Presidents in the text: no guess)."""
    m = _THE_OFFICE.search(text, max(0, at - 40), at)
    if m is None:
        return None
    office = base_title(m.group("office"))
    holders = [i for i, p in enumerate(people) if office in _heads(p)]
    return holders[0] if len(holders) == 1 else None


def _delegation_country(state: State, at: int) -> str | None:
    """The country written right before "delegation" at ``at`` ("Indonesia's delegation", "the Malaysian
    delegation"), else ``None``."""
    for m in state.country_mentions:
        if m.end <= at and at - m.end < 40 and _OWN_DELEGATION.match(state.text[m.end : at]):
            return m.iso3
    return None
