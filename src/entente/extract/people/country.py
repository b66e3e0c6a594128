"""Country attribution of people.

While scanning (:class:`CountryReader`, a mixin of the scanner): a country right before a title
("Japanese", "Malaysia's", "US"), "of Malaysia" or a state's formal name after it ("Republic of
Kazakhstan"), and the first country in an appositive's clause.  Once people are grouped
(:func:`attribute_country`), strongest first: what the text states, the leaders' table, a national
honorific, the home country of a national news agency for a government title; then
:func:`dateline_host` (the unqualified head of state of the dateline's country).  Otherwise ``None``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..state import State
from .known_leaders import leaders
from .model import PersonDraft
from .titles import base_title, host_titles, titles
from .words import state_form_words


class CountryReader:
    """Countries around a title or name in the tokens of a :class:`~.text.TokenView`."""

    def country_before(self, k: int) -> tuple[str | None, bool]:
        """Country written right before token ``k`` ("Japanese", "Malaysia's", "US"); and whether
        a non-country prefix ("UN", "Microsoft") is there instead."""
        prev = self.tok(k - 1)
        if prev is None or not self.same_line(k):
            return None, False
        if prev.low in ("'s",) and k >= 2:
            m = self.country_end.get(self.toks[k - 2].end)
            if m is not None:
                return m.iso3, False
            if led := self.org_end.get(self.toks[k - 2].end):
                return led, False  # "JETRO's chairman"
            return None, self.toks[k - 2].is_cap
        m = self.country_end.get(prev.end)
        if m is not None and self.text[m.end : self.toks[k].start].strip() == "":
            if self.text[max(0, m.start - 9) : m.start] == "Northern ":
                return None, True  # "Northern Ireland Minister": a region, not the country
            return m.iso3, False
        venue = self.venue_end.get(prev.end)
        if venue is not None:
            return venue, False
        if self.gap(k).strip() == "" and (prev.is_cap or prev.text == ")"):
            led = self.org_end.get(prev.end)
            if led is None and prev.text == ")" and k >= 2:
                led = self.org_end.get(self.toks[k - 2].end)  # "Japan External Trade Organization (JETRO)"
            if led:
                return led, False  # the country of the organisation the person leads
        if prev.is_cap and prev.low not in self.stop and prev.is_word and self.gap(k).strip() == "":
            return None, True
        return None, False

    def _country_may_end_before(self, k: int) -> bool:
        """Cheap necessary condition for ``country_before(k)`` to find a country."""
        if k < 1:
            return False
        prev = self.toks[k - 1]
        if prev.end in self.country_end or prev.end in self.venue_end:
            return True
        if (prev.is_cap or prev.text == ")") and self.org_end:
            return True
        return prev.low == "'s" and k >= 2 and self.toks[k - 2].end in self.country_end

    def country_after(self, k: int) -> tuple[str | None, int]:
        """ "of Malaysia" (or "of Tokyo", a place in a known country) at token ``k``: (iso3, index after)."""
        t = self.tok(k)
        if t is None or t.low != "of" or not self.same_line(k):
            return None, k
        p = k + 1
        if (
            (the := self.tok(p)) is not None
            and the.low == "the"
            and self.country_start.get(the.start) is None
        ):
            p += 1
        if (form := self._state_form(p)) is not None:
            return form
        nt = self.tok(p)
        m = self.country_start.get(nt.start) if nt is not None else None
        if m is None or m.kind == "demonym":
            place = self.place_start.get(nt.start) if nt is not None else None
            if place is None:
                return None, k
            end = p  # "Governor of Tokyo", "First Lady of Zanzibar": a place of a known country
            while end < len(self.toks) and self.toks[end].end <= place.end:
                end += 1
            return place.country, end
        end = p
        while end < len(self.toks) and self.toks[end].end <= m.end:
            end += 1
        return m.iso3, end

    def _state_form(self, p: int) -> tuple[str, int] | None:
        """A country's formal name at token ``p`` that the country list does not hold whole: "Republic of
        Kazakhstan", "FEDERAL DEMOCRATIC REPUBLIC OF ETHIOPIA" -> (iso3, index after)."""
        q = p
        while (
            (w := self.tok(q)) is not None
            and w.low in state_form_words()
            and w.is_cap
            and q - p < 5
            and self.same_line(q)
        ):
            q += 1
        if q == p or (of := self.tok(q)) is None or of.low != "of" or self.country_start.get(of.start):
            return None
        nt = self.tok(q + 1)
        m = self.country_start.get(nt.start) if nt is not None else None
        if m is None or m.kind == "demonym" or not self.same_line(q + 1):
            return None
        end = q + 1
        while end < len(self.toks) and self.toks[end].end <= m.end:
            end += 1
        return m.iso3, end

    def _clause_country(self, k: int) -> str | None:
        """First country named in the rest of an appositive clause ("... of the Central Bank of the UAE")."""
        start = self.toks[k - 1].end
        stop = len(self.text)
        m = re.compile(r"[,;.()\n]| and ").search(self.text, start)
        if m:
            stop = m.start()
        for cm in self.state.country_mentions:
            if start <= cm.start < stop and cm.kind != "demonym":
                return cm.iso3
        for end, iso3 in self.org_end.items():  # "..., chairman of JETRO": the organisation's country
            if start < end <= stop:
                return iso3
        return None

    def _country_ending_before(self, k: int) -> str | None:
        """The country whose mention ends right before token ``k`` ("Chinese" in "Chinese and ...")."""
        prev = self.tok(k - 1)
        if prev is None or not self.same_line(k):
            return None
        m = self.country_end.get(prev.end)
        return m.iso3 if m is not None else None


def attribute_country(
    p: PersonDraft, state: State, outlet_home: str | None, mentioned: set[str]
) -> tuple[str | None, str]:
    if p.countries:
        (iso3, _), *_ = Counter(p.countries).most_common(1)
        return iso3, "stated"
    led = leaders().get(p.key)
    if led and led[1] and (len(p.key) > 1 or led[1] in mentioned):  # "King Abdullah" of Jordan is no Agong
        return led[1], "leader"
    if p.hints:
        return Counter(p.hints).most_common(1)[0][0], "honorific"
    gov = titles().government
    if not p.blocked and outlet_home and any(base_title(t) in gov for t in p.titles):
        if any(m.iso3 == outlet_home for m in state.country_mentions):
            return outlet_home, "outlet"
    return None, ""


_POSSESSIVE = re.compile(r"['’]s\s$")


def possessive_countries(people: list[PersonDraft], state: State) -> None:
    """A person with no country of his own written right after a country's possessive in one of his mentions
    ("Kenya's Amina Mohamed said ...", after "Foreign Minister Amina Mohamed"): that country.  Only people
    anchored elsewhere are read so; a possessive alone anchors no name ("Japan's Toyota Motor")."""
    ends = {m.end: m for m in state.country_mentions}
    text = state.text
    for p in people:
        if p.countries:
            continue
        found: set[str] = set()
        for a, _b in p.mentions:
            if a < 3 or not _POSSESSIVE.search(text, max(0, a - 3), a):
                continue
            m = ends.get(a - 3)  # the country ends before "'s "
            if m is not None and m.kind != "demonym":
                found.add(m.iso3)
        if len(found) == 1:  # two countries' possessives: no guess
            p.countries.extend(found)


def dateline_host(
    people: list[PersonDraft], countries_of: list[tuple[str | None, str]], state: State
) -> None:
    """An unqualified head of state or government ("President Abdel Fattah El-Sisi received ...") in a story
    datelined in his capital is the host, when nobody else already holds that office for that country."""
    host = state.dateline.country if state.dateline else None
    if not host or not any(m.iso3 == host for m in state.country_mentions):
        return
    for i, p in enumerate(people):
        if countries_of[i][0] or p.blocked:
            continue
        offices = {base_title(t) for t in p.titles} & host_titles()
        if not offices:
            continue
        taken = any(
            countries_of[j][0] == host and offices & {base_title(t) for t in q.titles}
            for j, q in enumerate(people)
            if j != i
        )
        rivals = [
            j
            for j, q in enumerate(people)
            if j != i and not countries_of[j][0] and offices & {base_title(t) for t in q.titles}
        ]
        if not taken and not rivals:
            countries_of[i] = (host, "dateline")
