"""Organisations: known regional and international bodies (ASEAN, EU, UN, AZEC, ...),
names that end in an organisation head word ("Japan Coast Guard", "Malaysian Armed
Forces", "Ministry of Foreign Affairs", "Prime Minister's Office") and acronyms bound
to their long form ("Malaysia-Japan International Institute of Technology (MJIIT)").

Country: a country named or its demonym at the start of the name ("Japan Coast Guard"),
a possessive before it ("Japan's Maritime Self-Defense Force"), "of Japan" after it, or
the data file; a name with two countries in it (a bilateral institute) gets ``None``.
Data: ``data/organizations.json`` (ours).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from ..record import Organization
from .lexicon import Lexicon
from .state import State
from .tokens import Tok, form_tokens

_CONNECT = {"of", "for", "and", "on", "the", "&", "in"}
_LEADING_DROP = {"the", "a", "an", "this", "that", "both", "its", "their", "his", "her", "our"}
_ACRONYM = re.compile(r"[ \t]*\((?P<a>[A-Z][A-Za-z&/\-]{1,11})\)")


@dataclass
class _Org:
    name: str
    acronym: str | None = None
    country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""


@dataclass(frozen=True)
class _Known:
    name: str
    acronym: str | None
    country: str | None
    forms: tuple[str, ...]
    acronym_exact_only: bool


@cache
def _data() -> tuple[tuple[_Known, ...], frozenset[tuple[str, ...]], int, frozenset[str]]:
    data = load("organizations.json")
    known = tuple(
        _Known(k.name, k.acronym, k.country, tuple(k.forms), k.acronym_exact_only)
        for k in data.known
        if k.kind == "organization"
    )
    heads = frozenset(form_tokens(h) for h in data.heads)
    longest = max(len(h) for h in heads)
    not_after = frozenset(w.lower() for w in data.not_heads_after)
    return known, heads, longest, not_after


@cache
def _head_firsts() -> frozenset[str]:
    """The first (lower-case) word of every organisation head."""
    return frozenset(h[0] for h in _data()[1])


@cache
def _known_pattern() -> tuple[Lexicon, dict[str, _Known]]:
    forms: dict[str, _Known] = {}
    for k in _data()[0]:
        for f in (k.name, *k.forms):
            forms.setdefault(f, k)
            forms.setdefault(f.upper(), k)
        if k.acronym:
            forms.setdefault(k.acronym, k)
    return Lexicon(forms, r"[\w\-]", r"[\w]|-\w"), forms


def known_organization_spans(text: str) -> list[tuple[int, int, str | None]]:
    """``(start, end, country)`` of every known organisation named in ``text`` ("JETRO", "Japan External
    Trade Organization"): the people finder takes the country of the organisation a person leads."""
    lexicon, forms = _known_pattern()
    return [(start, end, forms[form].country) for start, end, form in lexicon.finditer(text)]


def _country_of_name(state: State, start: int, end: int) -> tuple[str | None, bool]:
    """Country named inside the span, and whether two different countries are."""
    isos = {m.iso3 for m in state.country_mentions if m.start >= start and m.end <= end}
    if len(isos) == 1:
        return isos.pop(), False
    return None, len(isos) > 1


class _Finder:
    def __init__(self, state: State):
        self.state = state
        self.text = state.text
        self.toks: list[Tok] = state.tokens()
        self.orgs: dict[str, _Org] = {}
        self.taken: list[tuple[int, int]] = []
        self.person_spans = [(m.start, m.end) for m in state.person_mentions]

    def add(
        self, name: str, start: int, end: int, acronym: str | None, country: str | None, rule: str
    ) -> _Org:
        key = name.lower()
        org = self.orgs.get(key)
        if org is None and acronym:
            org = next((o for o in self.orgs.values() if o.acronym == acronym), None)
        if org is None:
            org = _Org(name=name, acronym=acronym, country=country, rule=rule)
            self.orgs[key] = org
        org.acronym = org.acronym or acronym
        org.country = org.country or country
        if (start, end) not in org.mentions:
            org.mentions.append((start, end))
        self.taken.append((start, end))
        return org

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.taken)

    def known(self) -> None:
        lexicon, forms = _known_pattern()
        hits = list(lexicon.finditer(self.text))
        present = {forms[form].name for _, _, form in hits if form != forms[form].acronym}
        for start, end, form in hits:
            k = forms[form]
            if form == k.acronym and k.acronym_exact_only and k.name not in present:
                continue
            self.add(k.name, start, end, k.acronym, k.country, "organizations:known")

    def heads(self) -> None:
        _, heads, longest, not_after = _data()
        firsts = _head_firsts()
        toks = self.toks
        # only a (capitalised) head word can start a head; visited in order, resuming after each name
        starts = [k for k, t in enumerate(toks) if t.low in firsts and (t.is_cap or not t.is_word)]
        j = 0
        while j < len(starts):
            k = starts[j]
            size = next(
                (
                    n
                    for n in range(longest, 0, -1)
                    if k + n <= len(toks)
                    and tuple(t.low for t in toks[k : k + n]) in heads
                    and all(t.is_cap for t in toks[k : k + n] if t.is_word)
                ),
                0,
            )
            if not size:
                j += 1
                continue
            head_end = k + size
            start = self._extend_left(k)
            end = self._extend_right(head_end, not_after)
            if start == k and end == head_end:
                j = bisect_left(starts, head_end)
                continue
            a, b = toks[start].start, toks[end - 1].end
            if self.overlaps(a, b) or any(x < b and a < y for x, y in self.person_spans):
                j = bisect_left(starts, end)
                continue
            name = " ".join(self.text[a:b].split())
            acronym = None
            m = _ACRONYM.match(self.text, b)
            if m and _plausible_acronym(m.group("a"), name):
                acronym = m.group("a")
            country, two = _country_of_name(self.state, a, b)
            if country is None and not two:
                country = self._country_around(start, end)
            org = self.add(
                name, a, b, acronym, country, "organizations:head" + ("+acronym" if acronym else "")
            )
            if acronym and m:
                org.mentions.append((m.start("a"), m.end("a")))
                self.taken.append((m.start("a"), m.end("a")))
            j = bisect_left(starts, end)

    def _extend_left(self, k: int) -> int:
        toks = self.toks
        start = k
        p = k - 1
        while p >= 0:
            t = toks[p]
            between = self.text[t.end : toks[p + 1].start]
            if "\n" in between or between not in ("", " "):
                break
            if t.is_word and t.is_cap and t.low not in _LEADING_DROP:
                start = p
                p -= 1
                continue
            if t.low == "'s" and p >= 1 and toks[p - 1].low in ("minister", "president", "prime minister"):
                start = p
                p -= 1
                continue
            if t.text in ("-", "&") and p >= 1 and toks[p - 1].is_cap:
                p -= 1
                continue
            break
        # never start with a connector or a possessive
        while start < k and (
            toks[start].low in _CONNECT or toks[start].low == "'s" or not toks[start].is_word
        ):
            start += 1
        # a leading country possessive belongs outside: "Japan's Maritime Self-Defense Force"
        return start

    def _adjacent(self, p: int) -> bool:
        return p > 0 and self.text[self.toks[p - 1].end : self.toks[p].start] in ("", " ")

    def _cap_run(self, q: int, not_after: frozenset[str]) -> int:
        toks = self.toks
        r = q
        while (
            r < len(toks)
            and self._adjacent(r)
            and toks[r].is_word
            and toks[r].is_cap
            and toks[r].low not in not_after
        ):
            r += 1
        return r

    def _extend_right(self, k: int, not_after: frozenset[str]) -> int:
        """ "Ministry of International Trade and Industry": an of-phrase, then "and ..." within it."""
        toks = self.toks
        end = k
        in_of = False
        while end < len(toks) and self._adjacent(end):
            t = toks[end]
            if t.low in ("of", "for", "on") or (in_of and t.low in ("and", "&")):
                q = end + 1
                if q < len(toks) and toks[q].low == "the" and self._adjacent(q):
                    q += 1
                r = self._cap_run(q, not_after)
                if r > q:
                    end, in_of = r, True
                    continue
            break
        return end

    def _country_around(self, start: int, end: int) -> str | None:
        toks = self.toks
        if start >= 2 and toks[start - 1].low == "'s":
            for m in self.state.country_mentions:
                if m.end == toks[start - 2].end:
                    return m.iso3
        return None

    def acronyms_again(self) -> None:
        for org in list(self.orgs.values()):
            if not org.acronym or len(org.acronym) < 2:
                continue
            for m in re.finditer(rf"(?<![\w\-]){re.escape(org.acronym)}(?![\w]|-\w)", self.text):
                if not self.overlaps(m.start(), m.end()):
                    org.mentions.append((m.start(), m.end()))
                    self.taken.append((m.start(), m.end()))


def _plausible_acronym(acronym: str, name: str) -> bool:
    """Every capital of the acronym is a capital of the name ("VKIST" for "Korea-Vietnam Institute of
    Science and Technology"; "MJIIT" for "Malaysia-Japan International Institute of Technology")."""
    letters = [c for c in acronym if c.isupper()]
    capitals = {c for c in name if c.isupper()}
    return len(letters) >= 2 and all(c in capitals for c in letters)


def find_organizations(state: State) -> list[Organization]:
    finder = _Finder(state)
    finder.known()
    finder.heads()
    finder.acronyms_again()
    orgs = sorted(finder.orgs.values(), key=lambda o: min(o.mentions))
    return [
        Organization(
            id=f"o{n}",
            name=o.name,
            acronym=o.acronym,
            country=o.country,
            mentions=[state.span(a, b) for a, b in sorted(set(o.mentions))],
            rule=o.rule,
        )
        for n, o in enumerate(orgs, 1)
    ]


@Language.component("entente_organizations")
def organizations_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    state.organizations = find_organizations(state)
    return doc
