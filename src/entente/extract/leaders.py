"""Leaders in office: who held which office when (``data/leaders.json``).

Two uses: the publication-date reasoning (a leader named with a current title must
be in office on that date) and country attribution of a named person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from ..data import load
from .lexicon import Lexicon


@dataclass(frozen=True)
class Term:
    role: str  # head_of_state | head_of_government | foreign_minister
    title: str
    start: date
    end: date | None
    approximate: bool = False


@dataclass(frozen=True)
class Leader:
    name: str
    country: str
    variants: tuple[str, ...]
    short: tuple[str, ...]
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class LeaderMention:
    leader: Leader
    start: int
    end: int
    terms: tuple[Term, ...]  # the terms the mention's title points at (empty: no current title)
    former: bool


@cache
def _name_order() -> tuple[frozenset[str], frozenset[str]]:
    order = load("leaders.json").name_order
    return frozenset(order.given_first), frozenset(order.surname_first)


def other_orders(name: str, country: str) -> tuple[str, ...]:
    """The name in the other order, for countries whose leaders English text names either way: "Fumio Kishida"
    also as "Kishida Fumio" and "KISHIDA Fumio", "Lee Jae-myung" also as "Jae-myung Lee"."""
    given_first, surname_first = _name_order()
    words = name.split()
    if len(words) < 2:
        return ()
    if country in given_first:
        surname, rest = words[-1], words[:-1]
        return (" ".join([surname, *rest]), " ".join([surname.upper(), *rest]))
    if country in surname_first:
        return (" ".join([*words[1:], words[0]]),)
    return ()


@cache
def leaders() -> tuple[Leader, ...]:
    out = []
    for p in load("leaders.json").leaders:
        terms = tuple(Term(r.role, r.title, r.start, r.end, r.approximate) for r in p.roles)
        variants = tuple(p.variants)
        reordered = tuple(o for v in (p.name, *variants) for o in other_orders(v, p.country) if o not in variants)
        out.append(Leader(p.name, p.country, variants + reordered, tuple(p.short), terms))
    return tuple(out)


@cache
def role_titles() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in load("leaders.json").role_titles.items()}


def leaders_by_name(name: str) -> list[Leader]:
    """Leaders whose canonical name or a variant is ``name`` (case-insensitive)."""
    low = name.strip().lower()
    return [p for p in leaders() if low == p.name.lower() or low in {v.lower() for v in p.variants}]


def leader_country(name: str, on: date | None = None) -> str | None:
    """ISO3 of the one leader called ``name`` (in office on ``on`` when given), else ``None``."""
    found = leaders_by_name(name)
    if on is not None:
        found = [p for p in found if any(term_covers(t, on) for t in p.terms)]
    countries = {p.country for p in found}
    return countries.pop() if len(countries) == 1 else None


def term_covers(term: Term, day: date, slack_days: int = 30) -> bool:
    """Is ``day`` within the term (allowing for reports published shortly after it ended)?"""
    extra = 60 if term.approximate else 0
    start = term.start - timedelta(days=extra)
    end = (term.end + timedelta(days=slack_days + extra)) if term.end else date.max
    return start <= day <= end


@cache
def _name_pattern() -> tuple[Lexicon, dict[str, list[Leader]]]:
    forms: dict[str, list[Leader]] = {}
    for p in leaders():
        for v in (p.name, *p.variants):
            if len(v) < 5 or " " not in v.strip():
                continue  # single words ("Lula", "MBS") are too ambiguous to anchor a date
            for f in {v, v.upper()}:
                forms.setdefault(f, [])
                if p not in forms[f]:
                    forms[f].append(p)
    return Lexicon(forms, r"[\w]", r"[\w]"), forms


@cache
def _clause_break() -> re.Pattern[str]:
    """Where a title's reach ends: sentence punctuation, quotes, brackets, and a comma unless an honorific or a
    rank follows it ("his Thai counterpart, Gen Prayut ...", "the Prime Minister, Datuk Seri Anwar ...")."""
    styles = {h.form for h in load("honorifics.json").honorifics} | set(load("titles.json").ranks)
    alt = "|".join(re.escape(x) for x in sorted(styles, key=len, reverse=True))
    return re.compile(rf"[.;:()“”\"\n]|,(?!\s*(?:{alt})(?!\w))")


_COUNTERPART = re.compile(r"\bcounterparts?\b", re.I)
# Before the name: "former", "then-President", "the late King", "outgoing", "President-elect", "Prime
# Minister-designate", "incoming".  "late" of a time ("in late 2023 President X") is no such word.
_FORMER = re.compile(
    r"\b(?:former|ex-|then|previous|predecessor|outgoing|past|erstwhile|incoming|would-be"
    r"|late(?!\s+(?:last|this|next|in|on|at|(?:19|20)\d\d|[A-Z][a-z]+uary|March|April|May|June|July|August"
    r"|September|October|November|December)\b))\b|-(?:elect|designate)\b",
    re.I,
)
# After the name, an apposition: "Barack Obama, the former president", "Jane Doe, the president-elect,".
_FORMER_AFTER = re.compile(
    r"\s*,\s*(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:former|then|outgoing|incoming|previous|late)\b"
    r"|\s*,\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?[\w]+-(?:elect|designate)\b",
    re.I,
)


@cache
def _other_bodies() -> re.Pattern[str]:
    words = load("titles.json").other_bodies
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{alt})(?:['’]s)?[\s-]+$", re.I)


def _of_other_body(window: str, at: int) -> bool:
    """ "Senate President Hun Sen", "Deputy Prime Minister X": the title is another body's office or a lesser
    one (``other_bodies`` of ``data/titles.json``), so it does not make the name the sitting head."""
    return bool(_other_bodies().search(window, max(0, at - 40), at))


@cache
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(t) for t in sorted(set(titles), key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.I)


def find_leaders(text: str) -> list[LeaderMention]:
    """Full-name mentions of known leaders, with the terms their title points at.

    A title ("Prime Minister", "his Japanese counterpart") within the few words
    before the name ties the mention to the terms with that kind of office; with
    "former"/"then"/"late"/"outgoing"/"-elect" before it, or "the former president" in apposition after
    it, the mention is marked ``former`` (no sitting office-holder, so no tenure bound).
    """
    lexicon, forms = _name_pattern()
    titles = role_titles()
    out: list[LeaderMention] = []
    for start, end, form in lexicon.finditer(text):
        window = text[max(0, start - 70) : start]
        window = _clause_break().split(window)[-1]
        former = bool(_FORMER.search(window)) or bool(_FORMER_AFTER.match(text, end, end + 60))
        for leader in forms[form]:
            terms: list[Term] = []
            if _COUNTERPART.search(window):
                # "his Japanese counterpart X": the same kind of office as the leader just named
                prev = next((o for o in reversed(out) if o.terms and o.start > start - 200), None)
                roles = {t.role for t in prev.terms} if prev else set()
                terms = [t for t in leader.terms if not roles or t.role in roles] or list(leader.terms)
            else:
                for term in leader.terms:
                    pattern = _title_pattern((*titles.get(term.role, ()), term.title))
                    if any(not _of_other_body(window, m.start()) for m in pattern.finditer(window)):
                        terms.append(term)
            out.append(LeaderMention(leader, start, end, tuple(terms), former))
    return out
