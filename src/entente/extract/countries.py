"""Country mentions: names, official names, aliases (ROK, UAE, US) and demonyms.

Data: ``data/countries.tsv`` (ours).  Names and demonyms match in Title Case or
ALL CAPS; aliases match exactly as written (so "US" is a country, "us" is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import read_rows
from .lexicon import Lexicon
from .state import CountryMention

# "Latin America", "South American" are regions, not the United States.
_REGION_BEFORE = re.compile(r"(?:Latin|South|North|Central|Pan|Anglo|African|Asian)[\s-]$")
# A currency, not a country: "US$", "S$", "U.S. dollars", "Singapore dollar", "Japanese yen".
_CURRENCY_AFTER = re.compile(r"^(?:\$|\s?(?:dollars?|yen|won|ringgit|yuan|rupees?|rupiah|baht|pesos?|dong|euros?|pounds? sterling)\b)")


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    name: str
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@cache
def countries() -> dict[str, CountryInfo]:
    out = {}
    for row in read_rows("countries.tsv"):
        row += [""] * (4 - len(row))
        iso3, names, aliases, demonyms = row[:4]
        split = lambda s: tuple(x for x in s.split("|") if x)  # noqa: E731
        out[iso3] = CountryInfo(iso3, split(names)[0], split(names), split(aliases), split(demonyms))
    return out


@cache
def _lookup() -> tuple[Lexicon, dict[str, tuple[str, str]]]:
    """A lexicon matcher over every surface form, and surface form -> (iso3, kind)."""
    forms: dict[str, tuple[str, str]] = {}
    for info in countries().values():
        for kind, values in (("name", info.names), ("demonym", info.demonyms)):
            for v in values:
                for variant in {v, v.upper(), v.title() if v.islower() else v}:
                    forms.setdefault(variant, (info.iso3, kind))
                if v.lower().startswith("the "):
                    forms.setdefault("The " + v[4:], (info.iso3, kind))
        for v in info.aliases:
            forms.setdefault(v, (info.iso3, "alias"))
    return Lexicon(forms, r"[\w.]", r"[\w]|\.\w"), forms


def find_countries(text: str) -> list[CountryMention]:
    lexicon, forms = _lookup()
    out = []
    for start, end, form in lexicon.finditer(text):
        iso3, kind = forms[form]
        if iso3 == "USA" and _REGION_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        if _CURRENCY_AFTER.match(text[end : end + 16]):
            continue
        out.append(CountryMention(iso3, start, end, kind, form))  # type: ignore[arg-type]
    return out


def resolve_country(name: str | None) -> str | None:
    """ISO3 for a country name, alias, demonym or code ("Japan", "japanese", "JPN")."""
    if not name:
        return None
    name = name.strip()
    table = countries()
    if name.upper() in table:
        return name.upper()
    _, forms = _lookup()
    for variant in (name, name.title(), name.upper()):
        if variant in forms:
            return forms[variant][0]
    low = name.lower()
    for info in table.values():
        if low in {x.lower() for x in info.names + info.aliases + info.demonyms}:
            return info.iso3
    return None


def country_name(iso3: str | None) -> str | None:
    info = countries().get(iso3 or "")
    return info.name if info else iso3


@Language.component("entente_countries")
def countries_component(doc: Doc) -> Doc:
    state = doc._.entente
    state.country_mentions = find_countries(state.text)
    return doc
