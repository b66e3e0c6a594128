"""Country mentions: names, official names, aliases (ROK, UAE, US) and demonyms.

The tables and lookups are :mod:`entente.gazetteer` (spaCy-free; re-exported here); data:
``data/countries.tsv`` (ours).  Names and demonyms match in Title Case or
ALL CAPS; aliases match exactly as written (so "US" is a country, "us" is not).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import CountryInfo, countries, country_name, resolve_country, surface_forms
from .lexicon import Lexicon
from .state import CountryMention

__all__ = ["CountryInfo", "countries", "country_name", "countries_component", "find_countries",
           "resolve_country"]

# "Latin America", "South American" are regions, not the United States.
_REGION_BEFORE = re.compile(r"(?:Latin|South|North|Central|Pan|Anglo|African|Asian)[\s-]$")
# A currency, not a country: "US$", "S$", "U.S. dollars", "Singapore dollar", "Japanese yen".
_CURRENCY_AFTER = re.compile(r"^(?:\$|\s?(?:dollars?|yen|won|ringgit|yuan|rupees?|rupiah|baht|pesos?|dong|euros?|pounds? sterling)\b)")


@cache
def _lexicon() -> Lexicon:
    """A lexicon matcher over every surface form of the gazetteer."""
    return Lexicon(surface_forms(), r"[\w.]", r"[\w]|\.\w")


def find_countries(text: str) -> list[CountryMention]:
    lexicon, forms = _lexicon(), surface_forms()
    out = []
    for start, end, form in lexicon.finditer(text):
        iso3, kind = forms[form]
        if iso3 == "USA" and _REGION_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        if _CURRENCY_AFTER.match(text[end : end + 16]):
            continue
        out.append(CountryMention(iso3, start, end, kind, form))  # type: ignore[arg-type]
    return out


@Language.component("entente_countries")
def countries_component(doc: Doc) -> Doc:
    state = doc._.entente
    state.country_mentions = find_countries(state.text)
    return doc
