"""Dateline, outlet and title of a document.

Datelines: "PUTRAJAYA, Dec 16 —", "SEOUL, Nov 25 (Bernama) —", "Kuala Lumpur (VNA) -", "DOHA (Qatar), Mar 3 -",
"TOKYO (Reuters) –", "PUTRAJAYA:".  ``state.dateline`` gets the place; ``state.dateline_span``
covers the whole dateline (place, month/day if written, outlet, dash) so that the dates
component can read a month and day from it.  This component never sets the publication date.

Outlets: the wire credit of a dateline, else a closing credit ("— Bernama", "-Bernama",
"© Kyodo News", "Copyright of the Prime Minister's Office ..."), from ``data/organizations.json``.
Title: the metadata title, else a short headline-like first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from ..record import Place
from .places import resolve_place
from .state import State

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|"
    r"OCT|NOV|DEC)\.?"
)
_DATE = (
    rf"(?:(?i:{_MONTH})\s+\d{{1,2}}(?:\s*,?\s*\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{_MONTH}),?(?:\s*,?\s*\d{{4}})?)"
)
_WORD = r"[A-Z][\w.'’\-]*"
_PLACE = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}(?:,[ ]{_WORD}(?:[ ]{_WORD})?)?"
_DASH = r"(?:[—–―-]{1,2}|:)"
_OUTLET = r"\((?P<outlet>[^()\n]{2,40})\)"
_PATTERNS = (
    # PLACE, Dec 16 (Outlet) —
    re.compile(rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*,[ \t]*(?P<date>{_DATE})[ \t]*(?:{_OUTLET})?\.?[ \t]*{_DASH}", re.M),
    # PLACE (Outlet) —
    re.compile(rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*{_OUTLET}[ \t]*{_DASH}", re.M),
    # PLACE: / PLACE — (all capitals) followed by the first sentence
    re.compile(r"^[ \t]*(?P<place>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,3})[ \t]*(?:—|–|--|:)[ \t]*(?=[A-Z\"“‘'])", re.M),
    # Cairo - / Kuala Lumpur — (a known city in Title Case, spaced dash)
    re.compile(r"^[ \t]*(?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})[ \t]+(?:-|—|–|--)[ \t]+(?=[A-Z\"“‘'])", re.M),
    # Riyadh, April 7, 2024, SPA -- (the outlet after a comma)
    re.compile(rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*,[ \t]*(?P<date>{_DATE})[ \t]*,[ \t]*(?P<outlet>[A-Z]{{2,6}})[ \t]*{_DASH}", re.M),
    # MOSCOW, March 21. /TASS/. (TASS style: the outlet between slashes)
    re.compile(rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*,[ \t]*(?P<date>{_DATE})\.?[ \t]*/(?P<outlet>[^/\n]{{2,20}})/\.?[ \t]*", re.M),
    # NANCY, France — (a city in capitals, then its country; the city need not be known)
    re.compile(
        r"^[ \t]*(?P<place>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,3}),[ \t]*(?P<region>[A-Z][\w.'’\-]+(?:[ ][A-Z][\w.'’\-]+){0,2})"
        r"[ \t]*(?:—|–|--)[ \t]*(?=[A-Z\"“‘'])",
        re.M,
    ),
    # New Delhi, Aug 20 (PTI) Prime Minister ... (a wire credit and no dash)
    re.compile(rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*,[ \t]*(?P<date>{_DATE})[ \t]*{_OUTLET}[ \t]+(?=[A-Z\"“‘'])", re.M),
    # TOKYO, July 26 Kyodo - (Kyodo style: the wire's name bare between the date and the dash)
    re.compile(rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*,[ \t]*(?P<date>{_DATE})[ \t]+(?P<outlet>[A-Z][A-Za-z]{{1,15}})[ \t]*{_DASH}", re.M),
    # VLADIVOSTOK (Russia), Sept 4 (Bernama) - (the country in brackets after the city, then the month-day)
    re.compile(
        rf"^[ \t]*(?P<place>{_PLACE}?)[ \t]*\((?P<region>[A-Z][\w.'’\-]+(?:[ ][A-Z][\w.'’\-]+){{0,2}})\)[ \t]*,[ \t]*"
        rf"(?P<date>{_DATE})[ \t]*(?:{_OUTLET})?\.?[ \t]*{_DASH}",
        re.M,
    ),
)
HEAD_CHARS = 2500
_LINE_BREAK = re.compile("\n")
_LINE_OPENS = re.compile(r"[ \t]*[A-Z]")  # how every one of _PATTERNS begins (after its ``^``)


@dataclass(frozen=True)
class Dateline:
    place: Place
    start: int
    end: int
    place_start: int
    place_end: int
    date_text: str | None
    outlet: str | None


@cache
def _outlets() -> tuple[dict[str, str], dict[str, str]]:
    """Surface form -> outlet name: (wire forms, credit-only forms)."""
    wire: dict[str, str] = {}
    credit: dict[str, str] = {}
    for o in load("organizations.json").outlets:
        for form in o.forms or [o.name]:
            (credit if o.credit_only else wire)[form] = o.name
    return wire, credit


def outlet_country(name: str | None) -> str | None:
    for o in load("organizations.json").outlets:
        if o.name == name:
            return o.country
    return None


def _outlet_name(text: str) -> str | None:
    wire, _ = _outlets()
    text = " ".join(text.split())
    if text in wire:
        return wire[text]
    return None


def _line_matches(pattern: re.Pattern[str], head: str, line_starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(head)`` for a pattern anchored at a line start (``^`` with ``re.M``):
    tried only where a line starts, not at every character."""
    last = 0
    for p in line_starts:
        if p < last:
            continue  # inside the previous match (a date may run over a line break)
        m = pattern.match(head, p)
        if m is not None:
            yield m
            last = m.end()


def _with_country(place_text: str, region: str, resolved):
    """"NANCY, France": the city as written with the country named after it (``None`` when the
    second part is no country, or names another country than the city's)."""
    from .countries import resolve_country

    country = resolve_country(region)
    if country is None:
        return None
    if resolved is not None:
        return resolved if resolved[1] in (None, country) else None
    return (place_text.title(), country, "city")


# A corpus's date line before the dateline on the same line (" date 2024-09-04 VLADIVOSTOK (Russia), Sept 4 —")
_DATE_PREFIX = re.compile(r"[ \t]*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+(?=[A-Z])")


def find_dateline(text: str) -> Dateline | None:
    head = text[:HEAD_CHARS]
    prefix = _DATE_PREFIX.match(head)
    if prefix is not None:  # read the rest of that line as a line of its own (offsets kept)
        head = " " * (prefix.end() - 1) + "\n" + head[prefix.end() :]
    best: Dateline | None = None
    # Every pattern begins ``^[ \t]*[A-Z]``: only the lines that do are tried.
    line_starts = [p for p in (0, *(m.end() for m in _LINE_BREAK.finditer(head))) if _LINE_OPENS.match(head, p)]
    for kind, pattern in enumerate(_PATTERNS):
        for m in _line_matches(pattern, head, line_starts):
            place_text = m.group("place").strip()
            resolved = resolve_place(place_text)
            outlet = _outlet_name(m.group("outlet")) if "outlet" in m.groupdict() and m.group("outlet") else None
            if "region" in m.groupdict():
                resolved = _with_country(place_text, m.group("region"), resolved)
                if resolved is None:
                    continue
            if "outlet" in m.groupdict() and m.group("outlet") and outlet is None and kind in (1, 4, 7, 8):
                continue  # "(Photo ...)" or a gloss, not a wire credit
            if resolved is None and (kind >= 2 or not place_text.isupper()):
                continue
            if kind >= 2 and resolved[2] not in ("city", "capital", "venue"):  # type: ignore[index]
                continue
            name, country = (resolved[0], resolved[1]) if resolved else (place_text.title(), None)
            date = m.group("date") if "date" in m.groupdict() else None
            end = m.start("place") + len(m.group(0)[m.start("place") - m.start() :].rstrip())
            dl = Dateline(Place(name=name, country=country), m.start("place"), end, m.start("place"),
                          m.start("place") + len(place_text), date, outlet)
            if best is None or dl.start < best.start:
                best = dl
            break
    return best


@cache
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    wire, credit = _outlets()
    alt_wire = "|".join(re.escape(f) for f in sorted(wire, key=len, reverse=True))
    alt_all = "|".join(re.escape(f) for f in sorted({**wire, **credit}, key=len, reverse=True))
    closing = re.compile(rf"(?:^|[\s.])[—–-]{{1,2}}[ \t]*(?P<o>{alt_wire})[ \t]*(?:/\.)?[ \t]*$", re.M)
    copyright_ = re.compile(
        rf"(?:©|\(c\)|Copyright(?: ©)?(?: \d{{4}})?(?: of)?(?: the)?)[ \t]*(?P<o>{alt_all})\b", re.I | re.M
    )
    inline = re.compile(rf"\((?P<o>{alt_wire})\)[ \t]*[—–-]")
    return closing, copyright_, inline


def find_outlet(text: str, dateline: Dateline | None = None) -> tuple[str, int, int] | None:
    """``(outlet, start, end)`` of the wire credit, preferring the dateline's."""
    if dateline and dateline.outlet:
        i = text.find("(", dateline.place_end, dateline.end)
        j = text.find(")", i + 1, dateline.end)
        if i >= 0 and j > i:
            return dateline.outlet, i + 1, j
        return dateline.outlet, dateline.start, dateline.end
    wire, credit = _outlets()
    names = {**wire, **credit}
    closing, copyright_, inline = _credit_patterns()
    m = inline.search(text, 0, HEAD_CHARS)
    if m:
        return wire[m.group("o")], m.start("o"), m.end("o")
    tail_start = max(0, len(text) - 600)
    hits = list(closing.finditer(text, tail_start))
    if hits:
        m = hits[-1]
        return wire[m.group("o")], m.start("o"), m.end("o")
    for m in copyright_.finditer(text, tail_start):
        key = next((k for k in names if k.lower() == m.group("o").lower()), None)
        if key:
            return names[key], m.start("o"), m.end("o")
    return None


_DATEISH = re.compile(rf"^\W*(?:date\b|\d{{4}}-\d\d|(?:\w+day\s*,?\s*)?\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d)", re.I)


def find_title(text: str) -> tuple[str, int, int] | None:
    """A headline-like first line: short, no closing full stop, not a dateline or a date."""
    for m in re.finditer(r"[^\n]+", text[:HEAD_CHARS]):
        line = m.group(0).strip()
        if not line:
            continue
        words = line.split()
        if len(words) < 3 or len(words) > 25 or len(line) > 200 or line.endswith((".", ",", ";", ":")):
            return None
        if _DATEISH.match(line) or any(p.match(line) for p in _PATTERNS):
            return None
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        return line, start, start + len(line)
    return None


@Language.component("entente_dateline")
def dateline_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    dl = find_dateline(state.text)
    if dl is not None:
        state.dateline = dl.place
        state.dateline_span = (dl.start, dl.end)
    if not state.outlet:
        found = find_outlet(state.text, dl)
        if found:
            state.outlet = found[0]
    if not state.title:
        title = find_title(state.text)
        if title:
            state.title = title[0]
    return doc
