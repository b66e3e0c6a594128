"""People: mentions anchored on a title or role, an honorific, "his Japanese counterpart",
an appositive (", the Japanese prime minister") or a known leader's name; later
surname-only and given-name-only mentions linked to the full mention.

Never a bare run of capitalised words: every person needs an anchor, so "South China"
or "Prime Minister" alone are not people.  Country, strongest first: a prefix before
the title ("Japanese Prime Minister", "Malaysia's ... Minister", "US Secretary of
Commerce"), "of Malaysia" after it, "his Japanese counterpart", an appositive, the
list of leaders (``data/leaders.json``, if present), a national honorific (Datuk Seri),
and for government titles the home country of a national news agency that credits
the story; otherwise ``None``.
Data: ``data/titles.json``, ``data/honorifics.json`` (ours).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import data_path, load_json
from ..record import Person
from .countries import countries
from .names import (
    Tok,
    _title_word,
    canonical_name,
    fold,
    form_tokens,
    honorifics,
    match_honorific,
    match_patronymic,
    name_key,
    particles,
    patronymics,
    seq_matches,
    tokenize,
)
from .state import CountryMention, PersonMention, State

MAX_NAME_WORDS = 6
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday"
)
_STOP = (
    "the a an and or of in on at for to with by from as into about after before over under between during "
    "said says say told added noted stressed who whom whose which that this these those there here both "
    "also will would shall should can could may might must has have had was were is are be been being "
    "his her their its our my your he she they it we i you not no yes all any each every other another "
    "meanwhile however but if when while where why how what then than thus so yet still today yesterday "
    "tomorrow tonight earlier later last next new former ex incoming outgoing acting visiting "
    "government state states republic kingdom federal national news photo source copyright picture file "
    "minister ministers president leader leaders official officials delegation people spokesman "
    "according among despite during following including regarding within without upon via per "
    "joint bilateral strategic partnership agreement agreements memorandum understanding mou "
    "north south east west northern southern eastern western central asia asian pacific europe european "
    "africa african america middle gulf sea ocean island islands city province region "
    "thanks please dear ok okay oh monday princes princesses kings queens sheikhs emirs sultans "
    "qc kc mp mep msp obe cbe mbe kbe frs"
)
_NON_NAME_LAST = (
    "office ministry department agency council committee commission university institute college school "
    "centre center foundation association forum party bank fund group company corporation corp inc ltd "
    "berhad bhd hotel hall palace house street road avenue square park stadium airport station port island "
    "islands cup league trophy award prize day week act bill plan policy programme program strategy "
    "initiative framework summit meeting dialogue conference forces force army navy guard police "
    "administration cabinet government parliament assembly court tower building complex bridge river "
    "mountain lake valley bay gulf sea ocean peninsula strait highway festival tournament championship "
    "games series show awards museum library hospital network times post herald tribune news union workers "
    "international interactive entertainment studios records media systems technologies holdings"
)

_NON_NAME_LAST_WORDS = frozenset(_NON_NAME_LAST.split())
# a lower-case Arabic article joined to a surname ("al-Sisi", "el-Baz", "as-Sadr")
_PREFIXED_NAME = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|az|ul|ud)-[A-Z][a-z]")
# plural heads of a title shared by two people ("Foreign Ministers A and B")
_PLURAL_HEADS = {
    "ministers": "Minister", "presidents": "President", "premiers": "Premier", "secretaries": "Secretary",
    "chancellors": "Chancellor", "ambassadors": "Ambassador", "envoys": "Envoy",
}
# common words that are also names or parts of names ("He Lifeng", "To Lam", "Theresa May")
# honorifics that start a new name, never continue one
_NAME_BREAKERS = frozenset("mr mrs ms dr sir dame lord lady professor prof".split())
_NAME_STOPS = frozenset("he to may june april august un".split())
_HEADLINE_SMALL = frozenset("and the for with from over into but nor via per".split())
# lower-case words that may follow a title in an appositive (", foreign minister since 2019, said")
_AFTER_TITLE = frozenset(
    "of for and at in to on since from with who whose which said says told until during".split()
)
# words of a state's formal name before "of <country>": "the Federal Democratic Republic of Ethiopia"
_STATE_FORM_WORDS = frozenset(
    "republic kingdom state federal democratic islamic people's peoples socialist arab united sultanate "
    "commonwealth federation principality grand duchy plurinational bolivarian oriental hashemite "
    "cooperative co-operative independent popular union emirate".split()
)


@dataclass
class Candidate:
    start: int  # mention span (honorifics + name)
    end: int
    words: list[str]
    honorifics: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # "Deputy Prime Minister and Foreign Minister": two
    country: str | None = None
    hint: str | None = None  # weak: a national honorific
    blocked: bool = False  # a non-country prefix ("UN Secretary-General"): no fallback country
    rule: str = ""

    @property
    def name(self) -> str:
        return _canonical_name(tuple(self.words))

    @property
    def key(self) -> tuple[str, ...]:
        return _full_name_key(tuple(self.words))


@dataclass
class _Person:
    words: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    blocked: bool = False
    rules: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return _canonical_name(tuple(self.words))

    @property
    def key(self) -> tuple[str, ...]:
        return _full_name_key(tuple(self.words))

    @property
    def short_forms(self) -> set[str]:
        return short_forms(self.words)


def short_forms(words: list[str]) -> set[str]:
    """One-word forms a later mention may use: the first and last word of the own name; words after a
    patronymic are the father's ("Mohammed bin Salman" is not "Salman")."""
    own: list[str] = []
    for w in words:
        if w.lower() in patronymics() or w == "/":
            break
        own.append(w)
    content = [fold(w) for w in own if w.lower() not in particles() and not w.endswith(".")]
    if len(content) < 2 and len(own) == len(words):
        return set()
    if not content:
        return set()
    forms = {content[0], content[-1]}
    if _PREFIXED_NAME.match(own[-1]):
        forms.add(content[-1].split("-", 1)[1])  # "al-Sisi" is later "Sisi"
    return forms


# --- data -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleTable:
    by_first: dict[str, tuple[tuple[str, bool], ...]]  # first token -> ((form, strong), ...) longest first
    government: frozenset[str]
    heads: frozenset[str]
    modifiers: frozenset[str]
    portfolio: frozenset[str]
    counterpart: frozenset[str]
    words: frozenset[str]  # every word of every title, lower-case


@cache
def titles() -> TitleTable:
    data = load_json("titles.json")
    forms: list[tuple[str, bool]] = [(t, True) for t in data["strong"]] + [(t, False) for t in data["weak"]]
    by_first: dict[str, list[tuple[str, bool]]] = {}
    for form, strong in forms:
        toks = form_tokens(form)
        by_first.setdefault(toks[0], []).append((form, strong))
    words = {w for form, _ in forms if not form.endswith(".") for w in form_tokens(form) if w[:1].isalpha()}
    return TitleTable(
        by_first={k: tuple(sorted(v, key=lambda f: -len(form_tokens(f[0])))) for k, v in by_first.items()},
        government=frozenset(data["government"]),
        heads=frozenset(data["portfolio_heads"]),
        modifiers=frozenset(w.lower() for w in data["portfolio_modifiers"]),
        portfolio=frozenset(w.lower() for p in data["portfolio_words"] for w in p.split()) - {"and", "of", "the"},
        counterpart=frozenset(data["counterpart"]),
        words=frozenset(words),
    )


@cache
def _title_firsts() -> frozenset[str]:
    """Lower-case words a title may start with (``Scanner.match_title`` finds nothing at any other)."""
    tab = titles()
    return frozenset(set(tab.by_first) | tab.modifiers | tab.portfolio)


@cache
def _head_last_words() -> frozenset[str]:
    """Last words of the portfolio heads, lower-case ("minister", "secretary")."""
    return frozenset(h.split()[-1].lower() for h in titles().heads)


@cache
def _honorific_firsts() -> frozenset[str]:
    return frozenset(h.tokens[0] for h in honorifics())


@cache
def _lower_honorific_firsts() -> frozenset[str]:
    """First words of the honorifics a word not capitalised can begin: those whose form does not begin
    with a capital (``seq_matches`` wants a capitalised form word capitalised, an exact one as written
    or in ALL CAPS).  "the", "his", "her" begin only "The Honourable", "His Excellency" ...: in lower case
    they anchor nothing."""
    return frozenset(h.tokens[0] for h in honorifics() if not tokenize(h.form)[0].text[:1].isupper())


@cache
def _anchor_words() -> frozenset[str]:
    """Lower-case first words of every anchor: an honorific, a title (or a modifier or portfolio word
    before one) and "counterpart".  ``Scanner._anchored_at`` finds nothing at any other token."""
    return _title_firsts() | _honorific_firsts() | titles().counterpart


@cache
def _stop_words() -> frozenset[str]:
    words = set(_STOP.split()) | set(_MONTHS.split()) | set(titles().words)
    for info in countries().values():
        for form in info.names + info.demonyms + info.aliases:
            if " " not in form:
                words.add(form.lower())
    orgs = load_json("organizations.json")
    for o in orgs["known"]:
        if o.get("acronym"):
            words.add(o["acronym"].lower())
    for o in orgs["outlets"]:
        for f in o.get("forms", []):
            if " " not in f:
                words.add(f.lower())
    words |= set(_PLURAL_HEADS)  # "Presidents Xi Jinping and Joe Biden": not a name word
    return frozenset(words - {"major"})


@cache
def _leader_rows() -> tuple[dict, ...]:
    """Rows of ``data/leaders.json`` when it exists (another module's data: name, country, variants, short)."""
    path = data_path("leaders.json")
    if not path.is_file():
        return ()
    try:
        raw = load_json("leaders.json")
    except ValueError:
        return ()
    rows = raw.get("leaders", []) if isinstance(raw, dict) else raw
    return tuple(r for r in rows if isinstance(r, dict) and r.get("name") and r.get("country"))


@cache
def leaders() -> dict[tuple[str, ...], tuple[str, str]]:
    """Full-name key -> (canonical name, iso3); a name shared by two countries maps to iso3 ``""``."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in _leader_rows():
        canon = canonical_name(row["name"].split())
        for name in [row["name"], *row.get("variants", []), *row.get("aliases", [])]:
            key = name_key(canonical_name(name.split()))
            prev = out.get(key)
            out[key] = (prev[0], "") if prev and prev[1] != row["country"] else (canon, row["country"])
    return out


@cache
def _leader_short() -> dict[str, tuple[str, str] | None]:
    """One-word form ("Kishida", "Anwar") -> (canonical name, iso3), ``None`` when two leaders share it."""
    out: dict[str, tuple[str, str] | None] = {}
    for row in _leader_rows():
        canon = canonical_name(row["name"].split())
        for short in row.get("short", []):
            key = fold(short)
            if key in out and out[key] != (canon, row["country"]):
                out[key] = None
            else:
                out[key] = (canon, row["country"])
    return out


@lru_cache(maxsize=8192)
def _canonical_name(words: tuple[str, ...]) -> str:
    """``canonical_name(words)``, remembered: the same names recur."""
    return canonical_name(list(words))


@lru_cache(maxsize=8192)
def _full_name_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """``name_key(canonical_name(words))``, remembered."""
    return name_key(_canonical_name(words))


def _leader_by_surname(word: str) -> tuple[str, str] | None:
    return _leader_short().get(word)


@cache
def _leader_keys() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The full-name keys of :func:`leaders` that name a country (the only ones a known leader is found by),
    by their first word (and that word without an initial's dot)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for key, (_, iso3) in leaders().items():
        if iso3:
            for first in dict.fromkeys((key[0], key[0].removesuffix(".")) if key else ("",)):
                out.setdefault(first, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def _may_name_leader(toks: list[Tok], lows: list[str] | None = None, text: str | None = None) -> bool:
    """Cheap necessary condition for :meth:`Scanner._known_leaders` to find anyone: some leader's key can
    be made of the words of the text.  A key word is a hyphen-separated part of a word, folded (for a
    word that is not ASCII, in any case canonical_name may give it), with an initial's dot.  ``text``
    (the tokens' text, optional): no word is looked at for hyphens or non-ASCII letters when it has none."""
    words = set(lows) if lows is not None else {t.low for t in toks}
    if text is None or "-" in text:
        for w in [w for w in words if "-" in w]:
            words.update(w.split("-"))
    for w in () if text is not None and text.isascii() else {t.text for t in toks if not t.text.isascii()}:
        forms = {w, w.lower(), w.upper(), _title_word(w), w[:1].upper() + w[1:].lower()}
        for form in [*forms, *(f[:1].upper() + f[1:] for f in forms)]:
            words.update(name_key(form))
    by_first = _leader_keys()
    if "" in by_first:
        return True  # an empty key (no name words): not ruled out by words
    return any(all(e in words or (e[-1:] == "." and e[:-1] in words) for e in key)
               for first in words & by_first.keys() for key in by_first[first])


# --- scanning -------------------------------------------------------------------------------------


class Scanner:
    def __init__(self, state: State):
        self.state = state
        self.text = state.text
        self.toks: list[Tok] = state.tokens()
        self._by_start: dict[int, int] | None = None
        self._capitalised: list[int] | None = None
        self.country_end: dict[int, CountryMention] = {m.end: m for m in state.country_mentions}
        self.country_start: dict[int, CountryMention] = {m.start: m for m in state.country_mentions}
        self.stop = _stop_words()
        self.venue_end = {p.end: p.country for p in state.places if p.kind == "venue" and p.country}
        self.table = titles()
        self._name_words: dict[tuple[int, bool], bool] = {}
        self.lows: list[str] = [t.low for t in self.toks]  # the tokens' lower-case forms, in order
        self._headlines: dict[int, bool] = {}

    # tokens -----------------------------------------------------------------
    def capitalised(self) -> list[int]:
        """Indexes of the capitalised words, in order (made once)."""
        if self._capitalised is None:
            self._capitalised = [k for k, t in enumerate(self.toks) if t.is_cap and t.is_word]
        return self._capitalised

    @property
    def by_start(self) -> dict[int, int]:
        """Token index by start offset (made when first needed)."""
        if self._by_start is None:
            toks = self.toks
            self._by_start = dict(zip([t.start for t in toks], range(len(toks)), strict=True))
        return self._by_start

    def tok(self, k: int) -> Tok | None:
        return self.toks[k] if 0 <= k < len(self.toks) else None

    def gap(self, k: int) -> str:
        """Text between token k-1 and token k."""
        return self.text[self.toks[k - 1].end : self.toks[k].start] if k > 0 else ""

    def same_line(self, k: int) -> bool:
        return "\n" not in self.gap(k)

    # titles ----------------------------------------------------------------
    def match_title(self, i: int, allow_lower: bool = False) -> tuple[int, str, bool] | None:
        """``(end index, title text, strong)`` of a title or role starting at token ``i``."""
        tab = self.table
        t = self.tok(i)
        if t is None or not t.is_word or (not t.is_cap and not allow_lower):
            return None
        k = i
        while (m := self.tok(k)) is not None and m.low in tab.modifiers and (m.is_cap or allow_lower) and k - i < 2:
            k += 1
        best: tuple[int, bool] | None = None
        for start in dict.fromkeys((i, k)):
            tk = self.tok(start)
            if tk is None:
                continue
            for form, strong in tab.by_first.get(tk.low, ()):
                n = seq_matches(self.toks, start, form, allow_lower=allow_lower)
                if n and self._on_line(start, start + n):
                    if best is None or start + n > best[0]:
                        best = (start + n, strong)
                    break
        # "Communications and Multimedia Minister": portfolio words before a head
        j = self._portfolio_run(k, allow_lower)
        if j > k:
            for head in tab.heads:
                n = seq_matches(self.toks, j, head, allow_lower=allow_lower)
                if n and self._on_line(k, j + n) and (best is None or j + n > best[0]):
                    best = (j + n, True)
        if best is None:
            return None
        end, strong = best
        # "Minister of Foreign Affairs", "Secretary of Commerce", "Minister for Trade"
        if self.text[self.toks[end - 1].start : self.toks[end - 1].end].lower().rstrip(".") in _head_last_words():
            ofk = self.tok(end)
            if ofk is not None and ofk.low in ("of", "for") and self.same_line(end):
                p = end + 1
                if (the := self.tok(p)) is not None and the.low == "the":
                    p += 1
                q = p if self._state_form(p) is not None else self._portfolio_run(p, allow_lower, need_head=False)
                if q > p:
                    end = q
        title = " ".join(self.text[self.toks[i].start : self.toks[end - 1].end].split())
        return end, title, strong

    def _lower_title_after_prefix(self, k: int) -> tuple[int, str, bool] | None:
        """"White House press secretary Karine Jean-Pierre", "Japanese foreign minister Yoko Kamikawa"."""
        t = self.tok(k)
        if t is None or t.is_cap:
            return None
        country, _ = self.country_before(k)
        if not country:
            return None
        title = self.match_title(k, allow_lower=True)
        if title is None:
            return None  # a weak one ("Vietnamese leader To Lam") needs a two-word name, checked later
        end, text, strong = title
        return end, _title_case(text), strong

    def _lower_portfolio_title(self, k: int) -> tuple[int, str, bool] | None:
        """"agriculture minister Arnoldo Ruiz", "shadow foreign secretary Michael Ancram": a portfolio title
        in lower case with no country before it; weak (the name needs two words)."""
        t = self.tok(k)
        tab = self.table
        if t is None or not (t.low in tab.portfolio or t.low in tab.modifiers):
            return None
        if (art := self.tok(k - 1)) is not None and art.low in ("a", "an"):
            return None  # "how good a prime minister Gordon Brown will make"
        title = self.match_title(k, allow_lower=True)
        if title is None:
            return None
        end, text, _ = title
        words = text.lower().split()
        if words[-1] not in _head_last_words() or not set(words[:-1]) & tab.portfolio:
            return None
        if (nxt := self.tok(end)) is None or not nxt.is_cap or not self.same_line(end):
            return None
        return end, _title_case(text), False

    def _closed_name_after_comma(self, k: int) -> bool:
        """A name of two words or more at token ``k`` closed by punctuation or "and": "the Minister of
        Investment, Khalid Al-Falih." / "..., Khalid Al-Falih, and ..."."""
        name = self.parse_name(k)
        if name is None or len([w for w in name[1] if w.lower() not in particles()]) < 2:
            return False
        nxt = self.tok(name[0])
        return nxt is None or nxt.text in {",", ".", ";", ")"} or nxt.low == "and"

    def _chained_title(self, k: int) -> tuple[int, str] | None:
        """A second title right after a first one: "Defence Minister General ...", "Deputy Prime Minister
        and Foreign Minister ...", "Crown Prince and Prime Minister ..." -> (end index, title)."""
        t = self.tok(k)
        if t is None or not self.same_line(k):
            return None
        joined = t.low in ("and", "&")
        j = k + 1 if joined else k
        if joined and not self.same_line(j):
            return None
        title = self.match_title(j)
        if title is None or (joined and not title[2]):
            return None  # "... and Chief X": only a strong title after "and"
        end, text, _ = title
        if match_patronymic(self.toks, end) and end == j + 1:
            return None  # "Sultan bin Ahmed": a given name
        return end, text

    def _on_line(self, a: int, b: int) -> bool:
        return all(self.same_line(k) for k in range(a + 1, b))

    def _portfolio_run(self, k: int, allow_lower: bool, need_head: bool = True) -> int:
        """Index after a run of portfolio words joined by "and", "&" or commas."""
        tab = self.table
        end = k
        p = k
        while True:
            t = self.tok(p)
            if t is None or t.low not in tab.portfolio or not (t.is_cap or allow_lower) \
                    or (p > k and not self.same_line(p)):
                break
            p += 1
            end = p
            sep = self.tok(p)
            if sep is not None and (sep.low in ("and", "&") or (sep.low == "," and not allow_lower)):
                nxt = self.tok(p + 1)
                if nxt is not None and nxt.low in tab.portfolio and (nxt.is_cap or allow_lower):
                    p += 1
        return end

    # names -----------------------------------------------------------------
    def is_name_word(self, k: int, caps_ok: bool) -> bool:
        """Could token ``k`` be a word of a person's name (remembered per token: tokens do not change)?"""
        key = (k, caps_ok)
        found = self._name_words.get(key)
        if found is None:
            found = self._name_words[key] = self._is_name_word(k, caps_ok)
        return found

    def _is_name_word(self, k: int, caps_ok: bool) -> bool:
        t = self.tok(k)
        if t is not None and k > 0 and _PREFIXED_NAME.match(t.text) and self.is_name_word(k - 1, caps_ok):
            return True  # "Abdel Fattah al-Sisi", "Mohammed Shia al-Sudani": not a first word
        if t is None or not t.is_word or not t.is_cap:
            return False
        if t.low in self.stop or (t.low.isascii() and fold(t.text) in self.stop):
            return bool(match_patronymic(self.toks, k + 1)) and t.low in self.table.words

        if t.is_caps and not caps_ok and len(t.text) > 3:
            return False
        return any(c.islower() for c in t.text) or caps_ok or len(t.text) <= 3

    def parse_name(self, k: int, caps_ok: bool = False, anchored: bool = False) -> tuple[int, list[str]] | None:
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
            if p > k and t.low in _NAME_BREAKERS and self.is_name_word(p + 1, caps_ok):
                break  # "Dame Alicia Markova Dame Alicia Markova": a headline run into the text
            if self.is_name_word(p, caps_ok):
                # an initial: "George W. Bush"
                words.append(t.text)
                count += 1
                p += 1
                nxt = self.tok(p)
                if (len(t.text) == 1 or t.low in ("jr", "sr")) and nxt is not None and nxt.text == "." \
                        and nxt.start == t.end:
                    words[-1] += "."
                    p += 1
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
            if t.low in particles() and not t.is_cap and self.is_name_word(p + 1, caps_ok):
                words.append(t.text)
                count += t.text != "/"
                p += 1
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
        if content[-1].lower() in _NON_NAME_LAST_WORDS:
            return None
        return last_ok, words

    def _stop_name_word(self, p: int, first: bool, anchored: bool) -> bool:
        """A common word that is also a name ("He Lifeng", "To Lam", "Theresa May"), written in Title Case
        outside a Title Case headline: first in a name only after an anchor and before another name word,
        last in a name only when no name word follows."""
        t = self.toks[p]
        if t.low not in _NAME_STOPS or not t.is_cap or t.is_caps or self._headline(p):
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
            words = [w for w in re.findall(r"[^\W\d_]+", self.text[start : end if end >= 0 else len(self.text)])
                     if len(w) > 2 and w.lower() not in _HEADLINE_SMALL]
            found = len(words) >= 3 and all(w[0].isupper() for w in words)
            self._headlines[start] = found
        return found

    def honorifics_at(self, k: int) -> tuple[int, list[str], str | None]:
        found: list[str] = []
        hint = None
        while (h := match_honorific(self.toks, k)) is not None:
            found.append(h.form.replace("’", "'"))
            hint = hint or h.country
            k += len(h.tokens)
        return k, found, hint

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
            return None, self.toks[k - 2].is_cap
        m = self.country_end.get(prev.end)
        if m is not None and self.text[m.end : self.toks[k].start].strip() == "":
            if self.text[max(0, m.start - 9) : m.start] == "Northern ":
                return None, True  # "Northern Ireland Minister": a region, not the country
            return m.iso3, False
        venue = self.venue_end.get(prev.end)
        if venue is not None:
            return venue, False
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
        return prev.low == "'s" and k >= 2 and self.toks[k - 2].end in self.country_end

    def country_after(self, k: int) -> tuple[str | None, int]:
        """"of Malaysia" at token ``k``: (iso3, index after)."""
        t = self.tok(k)
        if t is None or t.low != "of" or not self.same_line(k):
            return None, k
        p = k + 1
        if (the := self.tok(p)) is not None and the.low == "the" and self.country_start.get(the.start) is None:
            p += 1
        if (form := self._state_form(p)) is not None:
            return form
        nt = self.tok(p)
        m = self.country_start.get(nt.start) if nt is not None else None
        if m is None or m.kind == "demonym":
            return None, k
        end = p
        while end < len(self.toks) and self.toks[end].end <= m.end:
            end += 1
        return m.iso3, end

    def _state_form(self, p: int) -> tuple[str, int] | None:
        """A country's formal name at token ``p`` that the country list does not hold whole: "Republic of
        Kazakhstan", "FEDERAL DEMOCRATIC REPUBLIC OF ETHIOPIA" -> (iso3, index after)."""
        q = p
        while (w := self.tok(q)) is not None and w.low in _STATE_FORM_WORDS and w.is_cap and q - p < 5 \
                and self.same_line(q):
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

    # anchors ---------------------------------------------------------------
    def scan(self) -> list[Candidate]:
        out: list[Candidate] = []
        toks = self.toks
        anchors, honorific_firsts, counterpart = _anchor_words(), _lower_honorific_firsts(), self.table.counterpart
        portfolio = self.table.portfolio | self.table.modifiers
        heads = _head_last_words()
        # Only tokens that can start an honorific, a title or "counterpart" can anchor a name; they are
        # visited in order, and after a name the scan resumes at the first of them after it.
        lows = self.lows
        present = anchors.intersection(lows)  # the anchor words of the text (few): one pass in C
        starts = [i for i, low in enumerate(lows) if low in present] if present else []
        j = 0
        while j < len(starts):
            i = starts[j]
            t = toks[i]
            if not t.is_cap and t.low not in honorific_firsts and t.low not in counterpart \
                    and not self._country_may_end_before(i) \
                    and not (t.low in portfolio and any(x.low in heads for x in toks[i + 1 : i + 5])):
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
        """"Foreign Ministers Wang Yi and Penny Wong", "Chinese and Thai Prime Ministers A and B": one title
        for two people; two countries joined by "and" right before the title go to them in order."""
        out: list[Candidate] = []
        covered = [(c.start, c.end) for c in found]
        tab = self.table
        if _PLURAL_HEADS.keys().isdisjoint(self.lows):
            return out
        for h, t in enumerate(self.toks):
            single = _PLURAL_HEADS.get(t.low)
            if single is None or not (t.is_cap or self.toks[h - 1].low in tab.portfolio):
                continue
            first = h
            while first > 0 and h - first < 3 and self.same_line(first) \
                    and self.toks[first - 1].low in tab.portfolio | tab.modifiers:
                first -= 1
            names = self._name_pair(h + 1)
            if names is None:
                continue
            words = [x.text for x in self.toks[first:h]] + [single]
            title = _title_case(" ".join(words))
            second, _ = self.country_before(first)
            firstc = None
            if second and (conj := self.tok(first - 2)) is not None and conj.low == "and":
                firstc = self._country_ending_before(first - 2)
            pair = (firstc, second) if firstc else (None, None)
            for (a, b, name_words), country in zip(names, pair, strict=True):
                start, stop = self.toks[a].start, self.toks[b - 1].end
                if any(x < stop and start < y for x, y in covered) or not self._name_ok(a, b):
                    continue
                out.append(Candidate(start, stop, name_words, [], [title], country, None, False,
                                     "people:plural_title"))
        return out

    def _country_ending_before(self, k: int) -> str | None:
        """The country whose mention ends right before token ``k`` ("Chinese" in "Chinese and ...")."""
        prev = self.tok(k - 1)
        if prev is None or not self.same_line(k):
            return None
        m = self.country_end.get(prev.end)
        return m.iso3 if m is not None else None

    def _name_pair(self, k: int) -> list[tuple[int, int, list[str]]] | None:
        """Two names joined by "and" from token ``k`` ("Wang Yi and Penny Wong"), each of two words or more."""
        one = self.parse_name(k)
        if one is None or not self.same_line(k):
            return None
        end1, words1 = one
        if (conj := self.tok(end1)) is None or conj.low != "and" or not self.same_line(end1):
            return None
        two = self.parse_name(end1 + 1)
        if two is None or not self.same_line(end1 + 1):
            return None
        end2, words2 = two
        if min(len(words1), len(words2)) < 2:
            return None
        return [(k, end1, words1), (end1 + 1, end2, words2)]

    def _anchored_at(self, i: int) -> tuple[Candidate | None, int]:
        t = self.toks[i]
        if not t.is_word:
            return None, i + 1
        # honorifics may come before a title: "His Excellency President ..."
        k, pre_hon, hint = self.honorifics_at(i)
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
            if not country and (prev := self.tok(i - 1)) is not None and prev.low in self.table.counterpart:
                country, _ = self.country_before(i - 1)  # "his Chinese counterpart Foreign Minister Wang Yi"
                rule = "counterpart+demonym" if country else rule
            if (comma := self.tok(end)) is not None and comma.text == "," and self.same_line(end):
                end_h = end + 1
            else:
                end_h = end
            h_end, hons, hint2 = self.honorifics_at(end_h)
            listed = i > 0 and self.toks[i - 1].text in {",", "and", "&"}  # "songs by Queen, Kate Bush and ..."
            if end_h != end and not hons and (listed or not self._closed_name_after_comma(end_h)):
                return None, end  # "the Prime Minister, said ..." (but "the Minister of Investment, Khalid Al-Falih.")
            caps = all(x.is_caps or not x.is_word for x in self.toks[i:end]) and self._byline_line(i)
            name = self.parse_name(h_end, caps_ok=caps or bool(hons and self.toks[end_h].is_caps), anchored=True)
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
            cand = Candidate(start, self.toks[name_end - 1].end, words, pre_hon + hons,
                             [_title_case(t) for t in found], country, hint or hint2, blocked and not country,
                             f"people:title{'+' + rule if rule else ''}")
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
            cand = Candidate(self.toks[i].start, self.toks[name_end - 1].end, words, pre_hon, [],
                             country, hint, False, "people:honorific" + ("+prefix" if country else ""))
            return cand, name_end
        if t.low in self.table.counterpart and not t.is_cap:
            country, _ = self.country_before(i)
            end = i + 1
            if (comma := self.tok(end)) is not None and comma.text == ",":
                end += 1
            h_end, hons, hint2 = self.honorifics_at(end)
            name = self.parse_name(h_end, anchored=True)
            if name is None:
                return None, i + 1
            name_end, words = name
            if not self._name_ok(h_end, name_end):
                return None, name_end
            cand = Candidate(self.toks[end].start, self.toks[name_end - 1].end, words, hons, [], country,
                             hint2, False, "people:counterpart" + ("+demonym" if country else ""))
            return cand, name_end
        return None, i + 1

    def _byline_line(self, i: int) -> bool:
        line_start = self.text.rfind("\n", 0, self.toks[i].start) + 1
        line_end = self.text.find("\n", self.toks[i].start)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        return len(line.split()) <= 10

    def _caps_name_ends(self, k: int) -> bool:
        """An ALL-CAPS name must end its line or be closed by punctuation (a byline, not a headline)."""
        nxt = self.tok(k)
        return nxt is None or not self.same_line(k) or nxt.text in {",", "(", ")", "|", "-", "—", "–", ":"}

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

    def _appositives(self, found: list[Candidate]) -> list[Candidate]:
        """"Fumio Kishida, the Japanese prime minister," / "Narendra Modi, Prime Minister of India" /
        "Khaled Balama, Governor of the Central Bank of the UAE": the title (and country) after the name."""
        out = []
        by_end = {c.end: c for c in found}
        covered = [(c.start, c.end) for c in found]
        title_firsts = _title_firsts()
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
            if (first := self.tok(k)) is None or first.low not in title_firsts:
                continue  # no title can start here
            title = self.match_title(k, allow_lower=True)
            if title is None:
                continue
            end, title_text, strong = title
            if (poss := self.tok(end)) is not None and poss.low == "'s":
                continue  # "..., the Prime Minister's residence"
            # "..., deputy editor of", "..., chief economist at": a person, in a role we do not hold
            held = strong or poss is None or not poss.is_word or poss.is_cap or poss.low in _AFTER_TITLE \
                or not self.same_line(end)
            country = country or self._clause_country(end)
            capital = title_text[:1].isupper()
            if not country and not (capital and strong):
                continue
            title_text = _title_case(title_text)
            prior = by_end.get(self.toks[comma_k - 1].end)
            if prior is not None:
                prior.titles = prior.titles or ([title_text] if held else [])
                if country and not prior.country:
                    prior.country = country
                    prior.rule += "+appositive"
                continue
            name_start = comma_k
            while name_start - 1 >= 0 and self.same_line(name_start) and comma_k - name_start < MAX_NAME_WORDS + 2 \
                    and (self.is_name_word(name_start - 1, False) or match_patronymic(self.toks, name_start - 1)
                         or (self.toks[name_start - 1].low in particles() and not self.toks[name_start - 1].is_cap)):
                name_start -= 1
            while name_start < comma_k and not self.is_name_word(name_start, False):
                name_start += 1
            name = self.parse_name(name_start)
            if name is None or name[0] != comma_k or comma_k - name_start < 2:
                continue
            back, hons, hint = name_start, [], None
            for size in (4, 3, 2, 1):
                if back - size >= 0 and (h := match_honorific(self.toks, back - size)) and len(h.tokens) == size:
                    hons, hint, back = [h.form], h.country, back - size
                    break
            start, stop = self.toks[back].start, self.toks[comma_k - 1].end
            if any(a < stop and start < b for a, b in covered) or not self._name_ok(name_start, comma_k):
                continue
            out.append(Candidate(start, stop, name[1], hons, [title_text] if held else [], country, hint, False,
                                 "people:appositive"))
        return out

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
        return None

    def _known_leaders(self, found: list[Candidate]) -> list[Candidate]:
        table = leaders()
        if not table or not _may_name_leader(self.toks, self.lows, self.text):
            return []
        covered = [(c.start, c.end) for c in found]
        out = []
        toks = self.toks
        caps = self.capitalised()  # a name word is a capitalised word
        j = 0
        while j < len(caps):
            k = caps[j]
            if not self.is_name_word(k, False) or (k and self.is_name_word(k - 1, False) and self.same_line(k)):
                j += 1
                continue
            name = self.parse_name(k)
            if name is None:
                j += 1
                continue
            end, words = name
            if len(words) > 1:
                hit = table.get(_full_name_key(tuple(words)))
                start, stop = toks[k].start, toks[end - 1].end
                if hit and hit[1] and not any(a < stop and start < b for a, b in covered):
                    out.append(Candidate(start, stop, words, [], [], hit[1], None, False, "people:leader"))
            j = bisect_left(caps, end)
        return out


# --- grouping and linking -------------------------------------------------------------------------


def _merge(cands: list[Candidate]) -> list[_Person]:
    people: list[_Person] = []
    for c in sorted(cands, key=lambda c: (-len(c.key), c.start)):
        key = c.key
        if not key:
            continue
        matches = [p for p in people if p.key == key]
        if not matches and len(key) == 1:
            matches = [p for p in people if key[0] in p.short_forms]
        elif not matches:
            matches = [p for p in people if (set(key) <= set(p.key) or set(p.key) <= set(key))
                       and _same_own_name(c.words, p.words)]
        if len(matches) > 1:
            continue  # "Kim" with two Kims in the text: ambiguous, not guessed
        if matches:
            p = matches[0]
        else:
            p = _Person(words=list(c.words))
            people.append(p)
        p.mentions.append((c.start, c.end))
        for h in c.honorifics:
            if h not in p.honorifics:
                p.honorifics.append(h)
        for title in c.titles:
            if title not in p.titles:
                p.titles.append(title)
        if c.country:
            p.countries.append(c.country)
        if c.hint:
            p.hints.append(c.hint)
        p.blocked = p.blocked or c.blocked
        if c.rule not in p.rules:
            p.rules.append(c.rule)
    return people


def _same_own_name(a: list[str], b: list[str]) -> bool:
    """Could two names that share words be one person?  With a patronymic in either, the own (first) names
    must agree: "Abdulaziz bin Salman" is not "Mohammed bin Salman bin Abdulaziz"."""
    pats = patronymics()
    if not any(w.lower() in pats for w in (*a, *b)):
        return True
    return fold(a[0]) == fold(b[0])


def _complete_single(people: list[_Person], scanner: Scanner) -> None:
    """A one-word person ("Mr Blair") takes a fuller unanchored form of the name from the text ("Tony Blair")."""
    toks = scanner.toks
    for p in people:
        if len(p.key) != 1:
            continue
        word = fold(p.words[-1])
        for end_k, t in enumerate(toks):
            if not t.is_cap or end_k == 0 or fold(t.text) != word:
                continue
            # the nearest given name (an initial takes one more word): "Tony Blair", "George W. Bush"
            k = end_k - 1
            if toks[k].text == "." and k > 0:
                k -= 1
            if len(toks[k].text) == 1 and k > 0:
                k -= 1
            if not all(scanner.same_line(j) for j in range(k + 1, end_k + 1)):
                continue
            if toks[k].low in scanner.table.words or match_honorific(toks, k) or not scanner.is_name_word(k, False):
                continue
            name = scanner.parse_name(k)
            if name is None or name[0] != end_k + 1:
                continue
            key = name_key(canonical_name(name[1]))
            if len(key) > 1 and key[-1] == p.key[0] and not any(q is not p and q.key == key for q in people):
                p.words = list(name[1])
                p.mentions.append((toks[k].start, t.end))
                break


def _complete_from_leaders(people: list[_Person], mentioned: set[str]) -> list[_Person]:
    """A one-word person the text does not complete ("Mr Kishida", "President Lula") is the leader known by
    that name, when the leader's country is named in the text (a "Mr Cameron" in a story about films is not
    the British leader); merged with that leader when the text names him in full too."""
    out: list[_Person] = []
    for p in people:
        led = _leader_by_surname(p.key[0]) if len(p.key) == 1 else None
        if led is None or led[1] not in mentioned:
            out.append(p)
            continue
        key = _full_name_key(tuple(led[0].split()))
        full = [q for q in people if q is not p and q.key == key]
        if not full:
            p.words = led[0].split()
            out.append(p)
            continue
        q = full[0]
        q.mentions.extend(p.mentions)
        for mine, theirs in ((p.honorifics, q.honorifics), (p.titles, q.titles), (p.rules, q.rules)):
            theirs.extend(x for x in mine if x not in theirs)
        q.countries.extend(p.countries)
        q.hints.extend(p.hints)
        q.blocked = q.blocked or p.blocked
    return out


def _word_count(p: _Person) -> int:
    words = [w for w in p.words if w.lower() not in patronymics() and w != "/"]
    return len([w for w in words[:-1] if w.lower() not in particles()]) + bool(words)


def _link_short(people: list[_Person], scanner: Scanner) -> None:
    """Later mentions by one part of the name ("Anwar", "Kishida") or the full name unanchored."""
    owners: dict[str, list[_Person]] = {}
    for p in people:
        for w in p.short_forms:
            if len(w) >= 3 and w not in scanner.stop:
                owners.setdefault(w, []).append(p)
    covered = [span for p in people for span in p.mentions]
    firsts = {p.words[0].lower() for p in people if len(p.words) > 1}
    toks = scanner.toks
    caps = scanner.capitalised()  # both start with a capitalised word
    j = 0
    while j < len(caps):
        k = caps[j]
        t = toks[k]
        if (t.low not in firsts and fold(t.text) not in owners) or any(a <= t.start < b for a, b in covered):
            j += 1  # neither a full name nor a short form starts here
            continue
        # the full name again, unanchored
        done = False
        for p in people:
            n = len(p.words)
            if n > 1 and k + n <= len(toks) and [x.low for x in toks[k : k + n]] == [w.lower() for w in p.words]:
                p.mentions.append((t.start, toks[k + n - 1].end))
                j = bisect_left(caps, k + n)
                done = True
                break
        if done:
            continue
        who = owners.get(fold(t.text))
        if who and len(who) == 1:
            prev_name = k > 0 and scanner.is_name_word(k - 1, True) and scanner.same_line(k) and toks[k - 1].end < t.start
            next_name = scanner.is_name_word(k + 1, True) and scanner.same_line(k + 1)
            if not prev_name and not next_name:
                who[0].mentions.append((t.start, t.end))
        j += 1


def _country(p: _Person, state: State, outlet_home: str | None, mentioned: set[str]) -> tuple[str | None, str]:
    if p.countries:
        (iso3, _), *_ = Counter(p.countries).most_common(1)
        return iso3, "stated"
    led = leaders().get(p.key)
    if led and led[1] and (len(p.key) > 1 or led[1] in mentioned):  # "King Abdullah" of Jordan is no Agong
        return led[1], "leader"
    if p.hints:
        return Counter(p.hints).most_common(1)[0][0], "honorific"
    gov = titles().government
    if not p.blocked and outlet_home and any(_base_title(t) in gov for t in p.titles):
        if any(m.iso3 == outlet_home for m in state.country_mentions):
            return outlet_home, "outlet"
    return None, ""


def _title_case(title: str) -> str:
    """"foreign minister" and "PRIME MINISTER" -> "Foreign Minister", "Prime Minister"."""
    if title.isupper() and any(len(w) > 3 for w in title.split()):
        title = title.lower()
    if title[:1].isupper() and not any(w[:1].islower() and w not in _SMALL_TITLE_WORDS for w in title.split()):
        return title
    small = _SMALL_TITLE_WORDS
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in title.split())


def _base_title(title: str) -> str:
    words = title.split()
    if "Minister" in words:
        return "Prime Minister" if "Prime" in words else "Minister"
    if "Ministry" in words and words[-1].startswith("Spokes"):
        return "Ministry Spokesperson"  # "Foreign Ministry Spokesman": a government office
    if words and "Secretary" in (words[0], words[-1]):
        return "Secretary"  # "Secretary of Commerce", "Foreign Secretary"
    return title


def find_people(state: State) -> tuple[list[Person], list[PersonMention]]:
    from .dateline import outlet_country

    scanner = Scanner(state)
    cands = scanner.scan()
    _inherit_counterpart_titles(cands, state)
    people = _merge(cands)
    _complete_single(people, scanner)
    mentioned = {m.iso3 for m in state.country_mentions}
    people = _complete_from_leaders(people, mentioned)
    monarchs = set(load_json("titles.json")["monarchs"])
    people = [p for p in people if _word_count(p) > 1 or any(_base_title(t) in monarchs for t in p.titles)]
    _link_short(people, scanner)
    outlet_home = outlet_country(state.outlet)
    people.sort(key=lambda p: min(p.mentions))
    countries_of = [_country(p, state, outlet_home, mentioned) for p in people]
    _dateline_host(people, countries_of, state)
    records: list[Person] = []
    mentions: list[PersonMention] = []
    for n, (p, (country, how)) in enumerate(zip(people, countries_of, strict=True), 1):
        pid = f"p{n}"
        spans = sorted(set(p.mentions))
        rule = "+".join(r.removeprefix("people:") for r in p.rules)
        records.append(Person(
            id=pid, name=p.name, honorifics=p.honorifics, titles=p.titles, country=country,
            mentions=[state.span(a, b) for a, b in spans],
            rule=f"people:{rule}" + (f";country:{how}" if how else ""),
        ))
        mentions.extend(PersonMention(pid, a, b) for a, b in spans)
    mentions.sort(key=lambda m: m.start)
    return records, mentions


_HOST_TITLES = {"President", "Prime Minister", "King", "Queen", "Emir", "Sultan", "Chancellor", "Premier"}


def _dateline_host(people: list[_Person], countries_of: list[tuple[str | None, str]], state: State) -> None:
    """An unqualified head of state or government ("President Abdel Fattah El-Sisi received ...") in a story
    datelined in his capital is the host, when nobody else already holds that office for that country."""
    host = state.dateline.country if state.dateline else None
    if not host or not any(m.iso3 == host for m in state.country_mentions):
        return
    for i, p in enumerate(people):
        if countries_of[i][0] or p.blocked:
            continue
        offices = {_base_title(t) for t in p.titles} & _HOST_TITLES
        if not offices:
            continue
        taken = any(
            countries_of[j][0] == host and offices & {_base_title(t) for t in q.titles}
            for j, q in enumerate(people) if j != i
        )
        rivals = [j for j, q in enumerate(people) if j != i and not countries_of[j][0]
                  and offices & {_base_title(t) for t in q.titles}]
        if not taken and not rivals:
            countries_of[i] = (host, "dateline")


_SENTENCE_END = re.compile(r"[a-z0-9)\]][.!?][\"”’']?\s+[\"“]?[A-Z]")
_SMALL_TITLE_WORDS = frozenset({"of", "for", "and", "the", "on"})
_HEAD_OFFICES = ("President", "Prime Minister", "Premier", "Chancellor")


@cache
def _ranks() -> frozenset[str]:
    """Titles that are a rank or a royal position rather than an office a counterpart shares."""
    return frozenset(load_json("titles.json")["ranks"])


def counterpart_office(titles_held: list[str]) -> str | None:
    """The office "his ... counterpart" shares with the speaker: a rank or royal position (General, King,
    Crown Prince) is not shared; of two offices ("Deputy Prime Minister and Foreign Minister") the head of
    state or government, else the last (the portfolio the meeting is about)."""
    ranks = _ranks()
    offices = [t for t in titles_held if t not in ranks and _base_title(t) not in ranks]
    for t in offices:
        words = t.split()
        if _base_title(t) in _HEAD_OFFICES and not {"Deputy", "Vice", "Senior", "Former"} & set(words):
            return t
    return offices[-1] if offices else None


def _inherit_counterpart_titles(cands: list[Candidate], state: State) -> None:
    """"Trade Minister Zulkifli Hasan and his Thai counterpart Phumtham": the counterpart holds the speaker's
    office (not his rank or royal title).  The speaker is the nearest person named before, in the same
    sentence; with no office he passes none on."""
    for c in cands:
        if c.titles or not c.rule.startswith("people:counterpart"):
            continue
        before = [d for d in cands if d.end <= c.start and c.start - d.end < 120]
        if not before:
            continue
        speaker = max(before, key=lambda d: d.end)
        gap = state.text[speaker.end : c.start]
        if "\n" in gap or _SENTENCE_END.search(gap):
            continue
        office = counterpart_office(speaker.titles)
        if office:
            c.titles = [office]


@Language.component("entente_people")
def people_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    state.people, state.person_mentions = find_people(state)
    if state.person_mentions and state.places:
        spans = [(m.start, m.end) for m in state.person_mentions]
        state.places = [pl for pl in state.places if not any(a < pl.end and pl.start < b for a, b in spans)]
    return doc
