"""Honorifics, patronymic markers and name particles (``data/honorifics.json``).

Honorifics ("Datuk Seri", "Dato' Seri", "Tan Sri", "His Excellency", "Sheikh", "Dr") are stripped from a
person's name and kept in ``Person.honorifics``; a national one (Datuk Seri: MYS) is a weak country hint.
Patronymic markers ("bin", "binti", "a/l") and particles ("van", "de", "al") are name words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ...data import load
from ..tokens import Tok, form_tokens, seq_matches, tokenize


@dataclass(frozen=True)
class Honorific:
    form: str
    tokens: tuple[str, ...]
    country: str | None
    exact: bool


@cache
def honorifics() -> tuple[Honorific, ...]:
    """Every form of the data with its spellings ("Dato’ Seri Utama" for "Datuk Seri Utama") and its
    abbreviations with or without their dots ("Rt. Hon" for "Rt. Hon."); the longest first."""
    data = load("honorifics.json")
    seen: set[str] = set()
    out: list[Honorific] = []
    for r in data.honorifics:
        for form in _spellings(r.form, tuple(tuple(g) for g in data.spellings)):
            if form not in seen:
                seen.add(form)
                out.append(Honorific(form, form_tokens(form), r.country, r.exact))
    return tuple(sorted(out, key=lambda h: -len(h.tokens)))


def _spellings(form: str, groups: tuple[tuple[str, ...], ...]) -> list[str]:
    """``form`` and its variants: each word of a spelling group replaced by the others of its group, each
    abbreviation's dot dropped in a form of two words or more ("Rt. Hon." -> "Rt Hon.", "Rt. Hon", "Rt Hon";
    a one-word "Hon" without its dot could be a name)."""
    options: list[list[str]] = []
    for word in form.split(" "):
        group = next((g for g in groups if word in g), None)
        choices = [word, *(w for w in group if w != word)] if group else [word]
        if word.endswith(".") and len(word) > 2 and word[:-1].isalpha() and " " in form:
            choices.append(word[:-1])
        options.append(choices)
    out = [""]
    for choices in options:
        out = [f"{a} {b}".strip() for a in out for b in choices]
    return out


@cache
def patronymics() -> frozenset[str]:
    return frozenset(load("honorifics.json").patronymics)


@cache
def particles() -> frozenset[str]:
    return frozenset(load("honorifics.json").particles)


@cache
def _honorifics_by_first() -> dict[str, tuple[Honorific, ...]]:
    out: dict[str, list[Honorific]] = {}
    for h in honorifics():
        out.setdefault(h.tokens[0], []).append(h)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _patronymic_forms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((p, form_tokens(p)) for p in sorted(patronymics(), key=len, reverse=True))


def match_honorific(toks: list[Tok], i: int) -> Honorific | None:
    if i >= len(toks):
        return None
    for h in _honorifics_by_first().get(toks[i].low, ()):
        if seq_matches(toks, i, h.form, exact=h.exact):
            return h
    return None


def match_patronymic(toks: list[Tok], i: int) -> int:
    """Length in tokens of a patronymic marker at ``i`` ("bin", "BINTI", "a/l"), else 0."""
    if i >= len(toks):
        return 0
    first = toks[i].low
    for p, form in _patronymic_forms():
        if form[0] != first:
            continue
        if i + len(form) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(form)):
            if len(form) > 1 and toks[i + len(form) - 1].end - toks[i].start != len(p):
                continue
            return len(form)
    return 0


@cache
def honorific_firsts() -> frozenset[str]:
    return frozenset(h.tokens[0] for h in honorifics())


@cache
def lower_honorific_firsts() -> frozenset[str]:
    """First words of the honorifics a word not capitalised can begin: those whose form does not begin
    with a capital (``seq_matches`` wants a capitalised form word capitalised, an exact one as written
    or in ALL CAPS).  "the", "his", "her" begin only "The Honourable", "His Excellency" ...: in lower case
    they anchor nothing."""
    return frozenset(h.tokens[0] for h in honorifics() if not tokenize(h.form)[0].text[:1].isupper())


def honorifics_at(toks: list[Tok], k: int) -> tuple[int, list[str], str | None]:
    """The honorifics from token ``k`` on ("His Excellency Dato' Seri"): (index after, forms, country hint)."""
    found: list[str] = []
    hint = None
    while (h := match_honorific(toks, k)) is not None:
        found.append(h.form.replace("’", "'"))
        hint = hint or h.country
        k += len(h.tokens)
    return k, found, hint
