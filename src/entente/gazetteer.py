"""The country gazetteer: names, official names, aliases (ROK, UAE, US) and demonyms of every country,
and the lookups the knowledge base, the web app and the exports need (an ISO3 code for a name, a name for a
code).  Plain Python over ``data/countries.tsv``: nothing here loads spaCy, so a query process starts fast.
Finding country mentions in text is :mod:`entente.extract.countries`, which builds on these tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data import load

__all__ = ["CountryInfo", "countries", "country_name", "resolve_country", "surface_forms"]


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    name: str
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@cache
def countries() -> dict[str, CountryInfo]:
    """ISO3 -> :class:`CountryInfo`, from ``data/countries.tsv``."""
    return {
        row.iso3: CountryInfo(row.iso3, row.names[0], row.names, row.aliases, row.demonyms)
        for row in load("countries.tsv").rows
    }


@cache
def surface_forms() -> dict[str, tuple[str, str]]:
    """Every surface form a country is written in -> (iso3, kind: ``name``, ``demonym`` or ``alias``).
    Names and demonyms in Title Case and ALL CAPS too; aliases exactly as written (so "US" is a country,
    "us" is not)."""
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
    return forms


def resolve_country(name: str | None) -> str | None:
    """ISO3 for a country name, alias, demonym or code ("Japan", "japanese", "JPN")."""
    if not name:
        return None
    name = name.strip()
    table = countries()
    if name.upper() in table:
        return name.upper()
    forms = surface_forms()
    for variant in (name, name.title(), name.upper()):
        if variant in forms:
            return forms[variant][0]
    low = name.lower()
    for info in table.values():
        if low in {x.lower() for x in info.names + info.aliases + info.demonyms}:
            return info.iso3
    return None


def country_name(iso3: str | None) -> str | None:
    """The common name of an ISO3 code (the code itself when unknown)."""
    info = countries().get(iso3 or "")
    return info.name if info else iso3
