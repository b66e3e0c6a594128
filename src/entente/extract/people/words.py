"""The person finder's word lists (``data/person_words.json``), as sets: words that never are a name, the
last words of institutions, the Arabic articles of surnames, state-form words."""

from __future__ import annotations

import re
from functools import cache

from ...data import load
from ..countries import countries
from ..temporal_scan import calendar_words
from .titles import plural_heads, titles

MAX_NAME_WORDS = 6


@cache
def _words():
    return load("person_words.json")


@cache
def non_name_last() -> frozenset[str]:
    """A capitalised run ending in one of these is an institution or a place ("Japan Coast Guard")."""
    return frozenset(_words().non_name_last)


@cache
def prefixed_name() -> re.Pattern[str]:
    """A lower-case Arabic article joined to a surname ("al-Sisi", "el-Baz", "as-Sadr")."""
    return re.compile(rf"^(?:{'|'.join(_words().arabic_articles)})-[A-Z][a-z]")


@cache
def name_breakers() -> frozenset[str]:
    """Honorifics that start a new name, never continue one."""
    return frozenset(_words().name_breakers)


@cache
def name_stops() -> frozenset[str]:
    """Common words that are also names or parts of names ("He Lifeng", "To Lam", "Theresa May")."""
    return frozenset(_words().name_stops)


@cache
def headline_small() -> frozenset[str]:
    return frozenset(_words().headline_small)


@cache
def state_form_words() -> frozenset[str]:
    """Words of a state's formal name before "of <country>": "the Federal Democratic Republic of Ethiopia"."""
    return frozenset(_words().state_form_words)


@cache
def plain_stop() -> frozenset[str]:
    """The function words, months and generic nouns of the list (no title, country or outlet words)."""
    return frozenset(_words().stop) | calendar_words()


@cache
def stop_words() -> frozenset[str]:
    words = set(_words().stop) | calendar_words() | set(titles().words)
    for info in countries().values():
        for form in info.names + info.demonyms + info.aliases:
            if " " not in form:
                words.add(form.lower())
    orgs = load("organizations.json")
    for o in orgs.known:
        if o.acronym:
            words.add(o.acronym.lower())
    for o in orgs.outlets:
        for f in o.forms:
            if " " not in f:
                words.add(f.lower())
    words |= set(plural_heads())  # "Presidents Xi Jinping and Joe Biden": not a name word
    return frozenset(words - {"major"})
