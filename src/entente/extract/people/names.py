"""Person names: the canonical form of a name, its comparison key, the one-word forms a later mention
may use, and :class:`NameReader`, which reads a name from the tokens.

``canonical_name(["ANWAR", "BIN", "IBRAHIM"])`` -> ``"Anwar Ibrahim"``; ``name_key`` folds case, accents and
hyphens so that "Yoon Suk-yeol" and "YOON SUK YEOL" are one key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..tokens import fold
from .honorifics import match_patronymic, particles, patronymics
from .words import (
    MAX_NAME_WORDS,
    headline_small,
    name_breakers,
    name_stops,
    non_name_last,
    plain_stop,
    prefixed_name,
)

_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$", re.I)


def title_word(word: str) -> str:
    if word.lower() in particles() and word.lower() not in patronymics():
        return word.lower()
    letters = [c for c in word if c.isalpha()]
    if letters and (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return re.sub(
            r"(^|[-'’])(\w)(\w*)", lambda m: m.group(1) + m.group(2).upper() + m.group(3).lower(), word
        )
    return word  # mixed case as written: McDonald, DeSantis


def canonical_name(words: list[str]) -> str:
    """Title Case name without patronymic markers; particles lower-case except first."""
    kept: list[str] = []
    skip = 0
    joined: list[str] = []
    for w in words:
        if w == "." and joined:
            joined[-1] += "."  # an initial or a suffix: "W.", "Jr."
        else:
            joined.append(w)
    for k, w in enumerate(joined):
        if skip:
            skip -= 1
            continue
        low = w.lower()
        if low in patronymics():
            continue
        if low in ("a", "s", "d") and k + 2 < len(joined) and joined[k + 1] == "/":
            skip = 2
            continue
        if kept and _ROMAN.match(w) and w.isupper() and not joined[k - 1].isupper():
            kept.append(w)  # "Charles III", not "XI JINPING"
        elif low in ("jr.", "sr.", "jr", "sr"):
            kept.append(w[:1].upper() + w[1:].lower())
        elif k == len(joined) - 1 and low in particles():
            kept.append(w[:1].upper() + w[1:].lower())  # a last word is a surname: "Shaktikanta Das"
        else:
            kept.append(title_word(w))
    if kept:
        kept[0] = kept[0][:1].upper() + kept[0][1:]
    return " ".join(kept)


def written_name(words: list[str]) -> str:
    """The name as the text writes it, honorifics aside: patronymics, particles and their case kept
    ("Mohammed bin Salman", "Vo Van Thuong", "Abdulla bin Touq Al Marri", "Ursula von der Leyen").  Only
    what the text does not say is normalised: a word in ALL CAPS is given Title Case ("XI JINPING"), its
    particles and patronymics lower case ("ANWAR BIN IBRAHIM" -> "Anwar bin Ibrahim")."""
    joined: list[str] = []
    for w in words:
        if w == "." and joined:
            joined[-1] += "."  # an initial or a suffix: "W.", "Jr."
        elif joined and (w == "/" or joined[-1].endswith("/")) and len(joined[-1]) <= 2:
            joined[-1] += w  # "a/l", "A/P": one marker
        else:
            joined.append(w)
    kept: list[str] = []
    for k, w in enumerate(joined):
        low = w.lower()
        caps = _all_caps(w)
        if low in patronymics():
            kept.append(low if caps or not kept else w)
        elif kept and _ROMAN.match(w) and w.isupper() and not joined[k - 1].isupper():
            kept.append(w)  # "Charles III", not "XI JINPING"
        elif low in ("jr.", "sr.", "jr", "sr"):
            kept.append(w[:1].upper() + w[1:].lower())
        elif caps and len(w) == 2 and w.isalpha() and any(not _all_caps(x) for x in joined):
            kept.append(w)  # initials in a name written in mixed case: "JP McManus", "TJ Watt"
        elif caps and k == len(joined) - 1 and low in particles():
            kept.append(w[:1].upper() + w[1:].lower())  # a last word is a surname: "SHAKTIKANTA DAS"
        elif caps:
            kept.append(title_word(w))
        else:
            kept.append(w)
    if kept:
        kept[0] = kept[0][:1].upper() + kept[0][1:]
    return " ".join(kept)


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def name_key(name: str) -> tuple[str, ...]:
    """Order-preserving comparison key: folded words, hyphenated parts split, patronymics left out, and the
    Arabic article in one spelling ("El-Sisi", "el-Sisi" and "al-Sisi" are one key)."""
    words = re.split(r"[\s\-]+", fold(name).replace("’", "'"))
    return tuple(_ARTICLE_KEY.get(w, w) for w in words if w and w not in patronymics())


_ARTICLE_KEY = {"el": "al"}  # "el-Sisi" / "al-Sisi"; "ad-", "as-" ... are the same article assimilated


@lru_cache(maxsize=8192)
def cached_canonical_name(words: tuple[str, ...]) -> str:
    """``canonical_name(words)``, remembered: the same names recur."""
    return canonical_name(list(words))


@lru_cache(maxsize=8192)
def cached_written_name(words: tuple[str, ...]) -> str:
    """``written_name(words)``, remembered."""
    return written_name(list(words))


@lru_cache(maxsize=8192)
def full_name_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """``name_key(canonical_name(words))``, remembered."""
    return name_key(cached_canonical_name(words))


def _own_name(words: list[str]) -> tuple[list[str], list[str]]:
    """The words of the own name (up to a patronymic or a "/": the father's name follows) and its content
    words, folded (no particles, no initials)."""
    own: list[str] = []
    for w in words:
        if w.lower() in patronymics() or w == "/":
            break
        own.append(w)
    return own, [fold(w) for w in own if w.lower() not in particles() and not w.endswith(".")]


def short_forms(words: list[str]) -> set[str]:
    """One-word forms a later mention may use: the first and last word of the own name; words after a
    patronymic are the father's ("Mohammed bin Salman" is not "Salman")."""
    own, content = _own_name(words)
    if len(content) < 2 and len(own) == len(words):
        return set()
    if not content:
        return set()
    forms = {content[0], content[-1]}
    if article_joined(own[-1]):
        forms.add(content[-1].split("-", 1)[1])  # "al-Sisi" and "El-Sisi" are later "Sisi"
    return forms


def middle_forms(words: list[str]) -> set[str]:
    """The inner words of an own name of three words or more ("Suluhu" of "Samia Suluhu Hassan"), by which a
    titled one-word mention may name the person when no first or last word does."""
    _, content = _own_name(words)
    return set(content[1:-1]) if len(content) >= 3 else set()


def article_joined(word: str) -> bool:
    """A surname with the Arabic article joined by a hyphen, in any case ("al-Sisi", "El-Sisi", "AL-SUDANI")."""
    head, dash, rest = word.partition("-")
    return (
        bool(dash)
        and bool(rest)
        and prefixed_name().match(head.lower() + "-" + rest[:1].upper() + rest[1:].lower()) is not None
    )


class NameReader:
    """Name reading over a :class:`~.text.TokenView` (a mixin of the scanner)."""

    def is_name_word(self, k: int, caps_ok: bool) -> bool:
        """Could token ``k`` be a word of a person's name (remembered per token: tokens do not change)?"""
        key = (k, caps_ok)
        found = self._name_words.get(key)
        if found is None:
            found = self._name_words[key] = self._is_name_word(k, caps_ok)
        return found

    def _is_name_word(self, k: int, caps_ok: bool) -> bool:
        t = self.tok(k)
        if t is not None and k > 0 and prefixed_name().match(t.text) and self.is_name_word(k - 1, caps_ok):
            return True  # "Abdel Fattah al-Sisi", "Mohammed Shia al-Sudani": not a first word
        if t is None or not t.is_word or not t.is_cap:
            return False
        if t.low in self.stop or (t.low.isascii() and fold(t.text) in self.stop):
            return bool(match_patronymic(self.toks, k + 1)) and t.low in self.table.words

        if t.is_caps and not caps_ok and len(t.text) > 3:
            return False
        return any(c.islower() for c in t.text) or caps_ok or len(t.text) <= 3

    def parse_name(
        self, k: int, caps_ok: bool = False, anchored: bool = False
    ) -> tuple[int, list[str]] | None:
        """``(end index, words)`` of a person's name starting at token ``k`` (``anchored``: right after a
        title or honorific, where "He Lifeng" and "To Lam" are names)."""
        words: list[str] = []
        toks, text = self.toks, self.text
        p = k
        last_ok = k
        count = 0  # words other than "/"
        while p < len(toks) and count < MAX_NAME_WORDS + 2:
            if p > k:
                a, b = toks[p - 1].end, toks[p].start
                if b != a and (b - a != 1 or text[a] != " "):
                    break  # only "" or one space between the words of a name
            t = toks[p]
            if p > k and t.low in name_breakers() and self.is_name_word(p + 1, caps_ok):
                break  # "Dame Alicia Markova Dame Alicia Markova": a headline run into the text
            if p == k and anchored and not t.is_cap and article_joined(t.text):
                words.append(t.text)  # "President al-Sisi"
                count += 1
                p += 1
                last_ok = p
                continue
            if words and anchored and self._title_word_inside(p, caps_ok):
                words.append(t.text)  # "Minister Tiong King Sing": "King" between two name words
                count += 1
                p += 1
                continue
            if self.is_name_word(p, caps_ok) or (words and self._initial(p)):
                # an initial: "George W. Bush" ("A." too, inside a name: "Dewi A. Pratiwi")
                words.append(t.text)
                count += 1
                p += 1
                nxt = self.tok(p)
                if (
                    (len(t.text) == 1 or t.low in ("jr", "sr"))
                    and nxt is not None
                    and nxt.text == "."
                    and nxt.start == t.end
                ):
                    words[-1] += "."
                    p += 1
                    while (  # initials written together stay one word: "Retno L.P. Marsudi"
                        (x := self.tok(p)) is not None
                        and x.start == toks[p - 1].end
                        and len(x.text) == 1
                        and x.text.isalpha()
                        and (d := self.tok(p + 1)) is not None
                        and d.text == "."
                        and d.start == x.end
                    ):
                        words[-1] += x.text + "."
                        p += 2
                last_ok = p
                continue
            if self._stop_name_word(p, not words, anchored):
                words.append(t.text)
                count += 1
                p += 1
                last_ok = p
                if len(words) > 1:
                    break  # "Theresa May" ends at "May"
                continue
            if not words:
                return None
            n = match_patronymic(self.toks, p)
            if n and self.is_name_word(p + n, caps_ok):
                words.extend(x.text for x in toks[p : p + n])
                count += sum(x.text != "/" for x in toks[p : p + n])
                p += n
                continue
            q = p  # particles before the next name word, one or a run ("van", "von der", "de la")
            while q - p < 3 and (x := self.tok(q)) is not None and x.low in particles() and not x.is_cap:
                q += 1
            if q > p and self.is_name_word(q, caps_ok):
                words.extend(x.text for x in toks[p:q])
                count += sum(x.text != "/" for x in toks[p:q])
                p = q
                continue
            break
        # drop a trailing particle or patronymic
        if p != last_ok:
            words = words[: len(words) - (p - last_ok)] if p - last_ok <= len(words) else words
        if not words:
            return None
        content = [w for w in words if w.lower() not in particles() and w != "/"]
        if not content or len(content) > MAX_NAME_WORDS:
            return None
        if content[-1].lower() in non_name_last():
            return None
        return last_ok, words

    def _initial(self, p: int) -> bool:
        """A capital letter with its full stop right after it ("A.", "I."), followed by more of the name."""
        t, d = self.tok(p), self.tok(p + 1)
        return (
            t is not None
            and len(t.text) == 1
            and t.text.isupper()
            and d is not None
            and d.text == "."
            and d.start == t.end
            and self.tok(p + 2) is not None
        )

    def _title_word_inside(self, p: int, caps_ok: bool) -> bool:
        """A one-word title ("King", "Sultan") written between two words of an anchored name is a name word
        ("Tiong King Sing"): never first or last, and never a function word or a head ("Minister")."""
        t = self.toks[p]
        if (
            not t.is_cap
            or (t.is_caps and not caps_ok)
            or t.low not in self.table.words
            or t.low in plain_stop()
        ):
            return False
        nxt = self.tok(p + 1)
        if nxt is None or nxt.start != t.end + 1 or self.text[t.end] != " " or self._headline(p):
            return False
        return self.is_name_word(p + 1, caps_ok)

    def _stop_name_word(self, p: int, first: bool, anchored: bool) -> bool:
        """A common word that is also a name ("He Lifeng", "To Lam", "Theresa May"), written in Title Case
        outside a Title Case headline: first in a name only after an anchor and before another name word,
        last in a name only when no name word follows."""
        t = self.toks[p]
        if t.low not in name_stops() or not t.is_cap or t.is_caps or self._headline(p):
            return False
        nxt = self.tok(p + 1)
        joined = nxt is not None and nxt.start == t.end + 1 and self.text[t.end] == " "
        if first:
            return anchored and joined and self.is_name_word(p + 1, False)
        return not (joined and (self.is_name_word(p + 1, False) or nxt.text[:1].isdigit()))

    def _headline(self, p: int) -> bool:
        """Is token ``p`` on a line written in Title Case ("Anwar To Meet Kishida")?"""
        start = self.text.rfind("\n", 0, self.toks[p].start) + 1
        found = self._headlines.get(start)
        if found is None:
            end = self.text.find("\n", start)
            words = [
                w
                for w in re.findall(r"[^\W\d_]+", self.text[start : end if end >= 0 else len(self.text)])
                if len(w) > 2 and w.lower() not in headline_small()
            ]
            found = len(words) >= 3 and all(w[0].isupper() for w in words)
            self._headlines[start] = found
        return found

    def _name_ok(self, a: int, b: int) -> bool:
        start, end = self.toks[a].start, self.toks[b - 1].end
        for m in self.state.country_mentions:
            if m.start <= start and m.end >= end:
                return False  # the whole name is a country: "Sri Lanka", "President Malaysia"
            if m.start < start < m.end:
                return False
        for pl in self.state.places:
            if pl.start <= start and pl.end >= end:
                return False  # "Seri Perdana" is a place
        return True

    def _closed_name_after_comma(self, k: int) -> bool:
        """A name of two words or more at token ``k`` closed by punctuation or "and": "the Minister of
        Investment, Khalid Al-Falih." / "..., Khalid Al-Falih, and ..."."""
        name = self.parse_name(k)
        if name is None or len([w for w in name[1] if w.lower() not in particles()]) < 2:
            return False
        nxt = self.tok(name[0])
        return nxt is None or nxt.text in {",", ".", ";", ")"} or nxt.low == "and"

    def _caps_name_ends(self, k: int) -> bool:
        """An ALL-CAPS name must end its line or be closed by punctuation (a byline, not a headline)."""
        nxt = self.tok(k)
        return nxt is None or not self.same_line(k) or nxt.text in {",", "(", ")", "|", "-", "—", "–", ":"}

    def _byline_line(self, i: int) -> bool:
        line_start = self.text.rfind("\n", 0, self.toks[i].start) + 1
        line_end = self.text.find("\n", self.toks[i].start)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        return len(line.split()) <= 10
