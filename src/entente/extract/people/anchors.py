"""Anchoring: every person mention needs an anchor — a title or role, an honorific, "his Japanese
counterpart", an appositive (", the Japanese prime minister") or a known leader's full name.  Never a bare
run of capitalised words, so "South China" or "Prime Minister" alone are not people.

:class:`Scanner` composes the token view with the title, name and country readers and finds the
:class:`~.model.Candidate` mentions of a document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from .country import CountryReader
from .honorifics import (
    honorific_firsts,
    honorifics_at,
    lower_honorific_firsts,
    match_honorific,
    match_patronymic,
    particles,
)
from .known_leaders import leaders, may_name_leader
from .model import Candidate
from .names import NameReader, full_name_key
from .text import TokenView
from .titles import TitleReader, after_title, head_last_words, plural_heads, title_case, title_firsts, titles
from .words import MAX_NAME_WORDS, name_breakers


@cache
def anchor_words() -> frozenset[str]:
    """Lower-case first words of every anchor: an honorific, a title (or a modifier or portfolio word
    before one) and "counterpart".  ``Scanner._anchored_at`` finds nothing at any other token."""
    return title_firsts() | honorific_firsts() | titles().counterpart


class Scanner(TitleReader, NameReader, CountryReader, TokenView):
    """The anchored person mentions of one document (:meth:`scan`)."""

    def scan(self) -> list[Candidate]:
        out: list[Candidate] = []
        toks = self.toks
        anchors, honorific_firsts, counterpart = (
            anchor_words(),
            lower_honorific_firsts(),
            self.table.counterpart,
        )
        portfolio = self.table.portfolio | self.table.modifiers
        heads = head_last_words()
        # Only tokens that can start an honorific, a title or "counterpart" can anchor a name; they are
        # visited in order, and after a name the scan resumes at the first of them after it.
        lows = self.lows
        present = anchors.intersection(lows)  # the anchor words of the text (few): one pass in C
        starts = [i for i, low in enumerate(lows) if low in present] if present else []
        j = 0
        while j < len(starts):
            i = starts[j]
            t = toks[i]
            if (
                not t.is_cap
                and t.low not in honorific_firsts
                and t.low not in counterpart
                and not self._country_may_end_before(i)
                and not (t.low in portfolio and any(x.low in heads for x in toks[i + 1 : i + 5]))
            ):
                # a lower-case title needs a country right before it ("Japanese foreign minister") or is a
                # portfolio title ("agriculture minister ...")
                j += 1
                continue
            cand, nxt = self._anchored_at(i)
            if cand is not None:
                out.append(cand)
                j = bisect_left(starts, nxt)
            else:
                j += 1
        out.extend(self._plural_titles(out))
        out.extend(self._appositives(out))
        out.extend(self._known_leaders(out))
        return out

    def _plural_titles(self, found: list[Candidate]) -> list[Candidate]:
        """ "Foreign Ministers Wang Yi and Penny Wong", "Chinese and Thai Prime Ministers A and B": one title
        for two people; two countries joined by "and" right before the title go to them in order."""
        out: list[Candidate] = []
        covered = [(c.start, c.end) for c in found]
        tab = self.table
        if plural_heads().keys().isdisjoint(self.lows):
            return out
        for h, t in enumerate(self.toks):
            single = plural_heads().get(t.low)
            if single is None or not (t.is_cap or self.toks[h - 1].low in tab.portfolio):
                continue
            first = h
            while (
                first > 0
                and h - first < 3
                and self.same_line(first)
                and self.toks[first - 1].low in tab.portfolio | tab.modifiers
            ):
                first -= 1
            names = self._name_pair(h + 1)
            if names is None:
                continue
            words = [x.text for x in self.toks[first:h]] + [single]
            title = title_case(" ".join(words))
            second, _ = self.country_before(first)
            firstc = None
            if second and (conj := self.tok(first - 2)) is not None and conj.low == "and":
                firstc = self._country_ending_before(first - 2)
            pair = (firstc, second) if firstc else (None, None)
            for (a, b, name_words, of), prefixed in zip(names, pair, strict=True):
                country = prefixed or of
                start, stop = self.toks[a].start, self.toks[b - 1].end
                if any(x < stop and start < y for x, y in covered) or not self._name_ok(a, b):
                    continue
                out.append(
                    Candidate(
                        start, stop, name_words, [], [title], country, None, False, "people:plural_title"
                    )
                )
        return out

    def _name_pair(self, k: int) -> list[tuple[int, int, list[str], str | None]] | None:
        """Two names joined by "and" from token ``k`` ("Wang Yi and Penny Wong"), each of two words or more,
        each with the country written after it ("Ahmed Attaf of Algeria and Nasser Bourita of Morocco")."""
        one = self.parse_name(k)
        if one is None or not self.same_line(k):
            return None
        end1, words1 = one
        of1, after1 = self.country_after(end1)
        if (conj := self.tok(after1)) is None or conj.low != "and" or not self.same_line(after1):
            return None
        two = self.parse_name(after1 + 1)
        if two is None or not self.same_line(after1 + 1):
            return None
        end2, words2 = two
        if min(len(words1), len(words2)) < 2:
            return None
        of2, _ = self.country_after(end2)
        return [(k, end1, words1, of1), (after1 + 1, end2, words2, of2)]

    def _anchored_at(self, i: int) -> tuple[Candidate | None, int]:
        t = self.toks[i]
        if not t.is_word:
            return None, i + 1
        # honorifics may come before a title: "His Excellency President ..."
        k, pre_hon, hint = honorifics_at(self.toks, i)
        title = self.match_title(k)
        if title is not None and match_patronymic(self.toks, title[0]) and title[0] == k + 1:
            title = None  # "Sultan bin Ahmed Al Jaber": a given name, not the title
        if title is None and k > 0:
            title = self._lower_title_after_prefix(k)
        if title is None:
            title = self._lower_portfolio_title(k)
        if title is not None:
            end, title_text, strong = title
            country, blocked = self.country_before(i)
            rule = "prefix" if country else ""
            after, end2 = self.country_after(end)
            if after and not country:
                country, rule = after, "of_country"
            end = end2 if after else end
            found = [title_text]
            while (chained := self._chained_title(end)) is not None:
                end, more = chained
                if more not in found:
                    found.append(more)
                after, end2 = self.country_after(end)
                if after and not country:
                    country, rule = after, "of_country"
                end = end2 if after else end
            end = self._posted_to(end)  # "Ambassador of Japan to Malaysia X": the posting is not his country
            if not country and (inside := self._country_in_body(i, end)):
                country, rule = inside, "of_body"  # "Chairman of the Vietnam Fatherland Front X"
            if not country and (prev := self.tok(i - 1)) is not None and prev.low in self.table.counterpart:
                country, _ = self.country_before(i - 1)  # "his Chinese counterpart Foreign Minister Wang Yi"
                rule = "counterpart+demonym" if country else rule
            if (comma := self.tok(end)) is not None and comma.text == "," and self.same_line(end):
                end_h = end + 1
            else:
                end_h = end
            h_end, hons, hint2 = honorifics_at(self.toks, end_h)
            listed = i > 0 and self.toks[i - 1].text in {
                ",",
                "and",
                "&",
            }  # "songs by Queen, Kate Bush and ..."
            if end_h != end and not hons and (listed or not self._closed_name_after_comma(end_h)):
                return (
                    None,
                    end,
                )  # "the Prime Minister, said ..." (but "the Minister of Investment, Khalid Al-Falih.")
            caps = all(x.is_caps or not x.is_word for x in self.toks[i:end]) and self._byline_line(i)
            name = self.parse_name(
                h_end, caps_ok=caps or bool(hons and self.toks[end_h].is_caps), anchored=True
            )
            if name is None:
                return None, end
            name_end, words = name
            content = [w for w in words if w.lower() not in particles()]
            if not strong and len(content) < 2:
                return None, name_end
            if not self._name_ok(h_end, name_end):
                return None, name_end
            if not country and (after := self.country_after(name_end)[0]):
                country, rule = after, "of_country"  # "President Musharraf of Pakistan"
            start = self.toks[end_h].start if hons else self.toks[h_end].start
            cand = Candidate(
                start,
                self.toks[name_end - 1].end,
                words,
                pre_hon + hons,
                [title_case(t) for t in found],
                country,
                hint or hint2,
                blocked and not country,
                f"people:title{'+' + rule if rule else ''}",
            )
            return cand, name_end
        if pre_hon:
            caps = all(x.is_caps or not x.is_word for x in self.toks[i:k])
            name = self.parse_name(k, caps_ok=caps, anchored=True)
            if name is None:
                return None, k
            name_end, words = name
            if caps and not self._caps_name_ends(name_end):
                return None, name_end
            if not self._name_ok(k, name_end):
                return None, name_end
            country, _ = self.country_before(i)
            if country and not self._courtesy_country_ok(i):
                country = None  # "the deal with Tanzania Mr Brown said": a clause ends at the country
            cand = Candidate(
                self.toks[i].start,
                self.toks[name_end - 1].end,
                words,
                pre_hon,
                [],
                country,
                hint,
                False,
                "people:honorific" + ("+prefix" if country else ""),
            )
            return cand, name_end
        if t.low in self.table.counterpart and not t.is_cap:
            country, _ = self.country_before(i)
            end = i + 1
            if (comma := self.tok(end)) is not None and comma.text == ",":
                end += 1
            h_end, hons, hint2 = honorifics_at(self.toks, end)
            name = self.parse_name(h_end, anchored=True)
            if name is None:
                return None, i + 1
            name_end, words = name
            if not self._name_ok(h_end, name_end):
                return None, name_end
            cand = Candidate(
                self.toks[end].start,
                self.toks[name_end - 1].end,
                words,
                hons,
                [],
                country,
                hint2,
                False,
                "people:counterpart" + ("+demonym" if country else ""),
            )
            return cand, name_end
        return None, i + 1

    def _posted_to(self, k: int) -> int:
        """ "to Malaysia", "to the United Nations" after an envoy's title, before the name ("Ambassador of
        Japan to Malaysia Katsuhiko Takahashi"): the index after it, else ``k``.  The country of the posting
        is never the person's."""
        to = self.tok(k)
        if to is None or to.low != "to" or not self.same_line(k):
            return k
        p = k + 1
        if (
            (the := self.tok(p)) is not None
            and the.low == "the"
            and self.country_start.get(the.start) is None
        ):
            p += 1
        nt = self.tok(p)
        m = self.country_start.get(nt.start) if nt is not None else None
        if m is None or m.kind == "demonym":
            return k
        while p < len(self.toks) and self.toks[p].end <= m.end:
            p += 1
        return p

    def _country_in_body(self, i: int, end: int) -> str | None:
        """The country named inside the body of a title, after its "of" ("Chairman of the Vietnam Fatherland
        Front", "Chairman of the Chinese People's Political Consultative Conference"): the country of the
        body the person leads; ``None`` when none or two are named."""
        of = next((j for j in range(i + 1, end) if self.toks[j].low == "of"), None)
        if of is None:
            return None
        start, stop = self.toks[of].end, self.toks[end - 1].end
        found = {m.iso3 for m in self.state.country_mentions if start <= m.start and m.end <= stop}
        found |= {iso3 for e, iso3 in self.org_end.items() if start < e <= stop}  # "... of JETRO"
        return found.pop() if len(found) == 1 else None

    def _courtesy_country_ok(self, i: int) -> bool:
        """A courtesy honorific ("Mr", "Dr", "Sir") takes the country before it only from a possessive or a
        demonym ("Britain's Mr Brown", "the Pakistani Dr Khan"): English puts no country name before "Mr"
        as a modifier, so "... with Tanzania Mr Brown said" is a clause boundary, not a Tanzanian."""
        if self.toks[i].low not in name_breakers():
            return True
        prev = self.tok(i - 1)
        if prev is not None and prev.low == "'s":
            return True
        m = self.country_end.get(prev.end) if prev is not None else None
        return m is not None and m.kind == "demonym"

    def _appositives(self, found: list[Candidate]) -> list[Candidate]:
        """ "Fumio Kishida, the Japanese prime minister," / "Narendra Modi, Prime Minister of India" /
        "Khaled Balama, Governor of the Central Bank of the UAE": the title (and country) after the name."""
        out = []
        by_end = {c.end: c for c in found}
        covered = [(c.start, c.end) for c in found]
        firsts = title_firsts()
        by_start = self.by_start
        for m in re.finditer(r",[ \t]+(?:the[ \t]+|a[ \t]+)?", self.text):
            k = by_start.get(m.end())
            comma_k = by_start.get(m.start())
            if k is None or comma_k is None or comma_k == 0:
                continue
            country = None
            cm = self.country_start.get(self.toks[k].start)
            if cm is not None:
                country = cm.iso3
                while k < len(self.toks) and self.toks[k].end <= cm.end:
                    k += 1
                if (s := self.tok(k)) is not None and s.low == "'s":
                    k += 1
            if (first := self.tok(k)) is None or first.low not in firsts:
                continue  # no title can start here
            title = self.match_title(k, allow_lower=True)
            if title is None:
                continue
            end, title_text, strong = title
            if (poss := self.tok(end)) is not None and poss.low == "'s":
                continue  # "..., the Prime Minister's residence"
            # "..., deputy editor of", "..., chief economist at": a person, in a role we do not hold
            held = (
                strong
                or poss is None
                or not poss.is_word
                or poss.is_cap
                or poss.low in after_title()
                or not self.same_line(end)
            )
            country = country or self._country_in_body(k, end) or self._clause_country(end)
            capital = title_text[:1].isupper()
            if not country and not (capital and strong):
                continue
            title_text = title_case(title_text)
            prior = by_end.get(self.toks[comma_k - 1].end)
            if prior is not None:
                prior.titles = prior.titles or ([title_text] if held else [])
                if country and not prior.country:
                    prior.country = country
                    prior.rule += "+appositive"
                continue
            name_start = comma_k
            while (
                name_start - 1 >= 0
                and self.same_line(name_start)
                and comma_k - name_start < MAX_NAME_WORDS + 2
                and (
                    self.is_name_word(name_start - 1, False)
                    or match_patronymic(self.toks, name_start - 1)
                    or (self.toks[name_start - 1].low in particles() and not self.toks[name_start - 1].is_cap)
                )
            ):
                name_start -= 1
            while name_start < comma_k and not self.is_name_word(name_start, False):
                name_start += 1
            name = self.parse_name(name_start)
            if name is None or name[0] != comma_k or comma_k - name_start < 2:
                continue
            back, hons, hint = name_start, [], None
            for size in (4, 3, 2, 1):
                if (
                    back - size >= 0
                    and (h := match_honorific(self.toks, back - size))
                    and len(h.tokens) == size
                ):
                    hons, hint, back = [h.form], h.country, back - size
                    break
            start, stop = self.toks[back].start, self.toks[comma_k - 1].end
            if any(a < stop and start < b for a, b in covered) or not self._name_ok(name_start, comma_k):
                continue
            out.append(
                Candidate(
                    start,
                    stop,
                    name[1],
                    hons,
                    [title_text] if held else [],
                    country,
                    hint,
                    False,
                    "people:appositive",
                )
            )
        return out

    def _known_leaders(self, found: list[Candidate]) -> list[Candidate]:
        table = leaders()
        if not table or not may_name_leader(self.toks, self.lows, self.text):
            return []
        covered = [(c.start, c.end) for c in found]
        out = []
        toks = self.toks
        caps = self.capitalised()  # a name word is a capitalised word
        j = 0
        while j < len(caps):
            k = caps[j]
            if not self.is_name_word(k, False) or (
                k and self.is_name_word(k - 1, False) and self.same_line(k)
            ):
                j += 1
                continue
            name = self.parse_name(k)
            if name is None:
                j += 1
                continue
            end, words = name
            if len(words) > 1:
                hit = table.get(full_name_key(tuple(words)))
                start, stop = toks[k].start, toks[end - 1].end
                if hit and hit[1] and not any(a < stop and start < b for a, b in covered):
                    out.append(Candidate(start, stop, words, [], [], hit[1], None, False, "people:leader"))
            j = bisect_left(caps, end)
        return out
