"""Money, percentages and plain numbers as written in news text.

Pure functions over a string, no spaCy: ``parse_money("RM181.51 billion")`` gives
``[Money(181510000000, "MYR", 0, 16)]``.  The surface forms (currency symbols,
codes, names, scale words such as bn, crore and lakh) live in
``data/currencies.json``; yearly average rates for checking stated conversions
live in ``data/exchange_rates.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from ..data import load
from ..data.contracts.currencies import Contract as Currencies
from .lexfilter import CaseFreeScan, case_free_text, factor_alternation

# 2,778 / 1,00,000 (Indian grouping) / 181.51 / 5
NUMBER = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}


# "$2-3 billion", "RM1.5 to 2 billion", "$2 billion to $3 billion" is two amounts.
_RANGE = rf"(?:[ \u00a0]?(?:-|–|to)[ \u00a0]?(?P<num2>{NUMBER})(?![\d]))?"


@dataclass(frozen=True)
class Money:
    value: float
    unit: str  # ISO 4217
    start: int
    end: int
    text: str = ""
    high: float | None = None  # the upper bound of a range ("$2-3 billion")


@dataclass(frozen=True)
class Percent:
    value: float
    start: int
    end: int
    text: str = ""


def parse_number(text: str) -> float | None:
    """``"2,778"`` -> 2778, ``"181.51"`` -> 181.51, ``"twelve"`` -> 12; None if not a number."""
    t = text.strip().lower()
    if t in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[t])
    if not re.fullmatch(NUMBER, t):
        return None
    return float(t.replace(",", ""))


# Amounts written in words take a scale ("five trillion yen", "a billion dollars").
WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}


def _decimal(number: str) -> Decimal:
    if number.lower() in WORD_NUMBERS:
        return Decimal(WORD_NUMBERS[number.lower()])
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - NUMBER only matches digits
        return Decimal(0)


def _as_value(d: Decimal) -> float:
    """Whole amounts as exact integers-in-floats; fractions kept."""
    if d == d.to_integral_value():
        return float(int(d))
    return float(d)


@cache
def _tables() -> Currencies:
    return load("currencies.json")


def _alt(forms) -> str:
    return "|".join(_escaped(forms))


def _escaped(forms) -> list[str]:
    return [re.escape(f) for f in sorted(set(forms), key=len, reverse=True)]


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, int]]:
    t = _tables()
    scales = {k.lower(): int(v) for k, v in t.scales.items()}
    attached = set(t.attached_scales)
    spaced = [s for s in scales if s not in attached]
    # A scale word: spaced words may follow a space or hyphen; one-letter scales only glued to digits.
    # Word lists as alternations grouped by first character (same matches, faster).
    spaced_alt = factor_alternation(_escaped(spaced))  # case-insensitive: inside (?i:...)
    scale = rf"(?i:[ \u00a0-]?(?:{spaced_alt})|(?:{factor_alternation(_escaped(attached))}))(?![A-Za-z0-9])"
    scales_re = rf"(?P<scales>(?:{scale})(?:[ \u00a0-]?(?i:{spaced_alt})(?![A-Za-z0-9]))?)?"
    prefixes = dict(t.prefix)
    for code in t.codes:
        prefixes.setdefault(code, code)
    prefix_re = re.compile(
        rf"(?<![A-Za-z0-9$])(?P<cur>{factor_alternation(_escaped(prefixes), ignore_case=False)})[ \u00a0]?"
        rf"(?P<num>{NUMBER})(?![\d])" + _RANGE + scales_re,
    )
    names = {k.lower(): v for k, v in t.names.items()}
    for code in t.codes:
        names.setdefault(code.lower(), code)
    words = factor_alternation(sorted(WORD_NUMBERS, key=len, reverse=True))
    suffix_re = re.compile(
        rf"(?<![\w$€£¥₩₹.,])(?P<num>{NUMBER}|\b(?:{words})\b)(?![\d])" + _RANGE + scales_re
        + rf"[ \u00a0-]?(?P<name>{factor_alternation(_escaped(names))})(?![A-Za-z])",
        re.I,
    )
    return prefix_re, suffix_re, {**prefixes}, scales


@cache
def _suffix_scan() -> CaseFreeScan:
    """The suffix-form search done on the lower-cased text (without ``re.I``) where that finds the same."""
    return CaseFreeScan(_patterns()[1])


def _scale_factor(scales_text: str | None) -> int:
    if not scales_text:
        return 1
    _, _, _, scales = _patterns()
    factor = 1
    for word in re.findall(r"[A-Za-z]+", scales_text):
        factor *= scales.get(word.lower(), 1)
    return factor


@cache
def _names() -> dict[str, str]:
    t = _tables()
    names = {k.lower(): v for k, v in t.names.items()}
    for code in t.codes:
        names.setdefault(code.lower(), code)
    return names


def _grouped(number: str) -> bool:
    return "," in number or len(number.split(".")[0]) >= 4


def parse_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in base units, with its offsets.

    Prefix forms (RM181.51 billion, US$4.21 billion, €3bn, Rs 5,000 crore,
    USD 2 million) and suffix forms (1.2 trillion yen, 21 trillion won,
    5,000 crore rupees, 2 million US dollars).  A number with neither a scale
    nor a grouped thousands form is only accepted after an unambiguous symbol.
    """
    prefix_re, suffix_re, prefixes, _ = _patterns()
    needs_scale = set(_tables().prefix_needs_scale)
    codes = set(_tables().codes)
    names = _names()
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    for m in prefix_re.finditer(text):
        cur = m.group("cur")
        num, scales_text = m.group("num"), m.group("scales")
        if cur in needs_scale and not scales_text and not _grouped(num):
            continue
        if cur in codes and not scales_text and not _grouped(num) and text[m.end("cur") : m.start("num")] == "":
            continue  # "COP28", "G20"-like names: a code glued to a small bare number is no amount
        unit = prefixes[cur]
        factor = _scale_factor(scales_text)
        value = _as_value(_decimal(num) * factor)
        high = _as_value(_decimal(m.group("num2")) * factor) if m.group("num2") else None
        end = m.end()
        # "US$2 billion dollars": a trailing currency name belongs to the amount.
        tail = re.match(r"[ \u00a0](?:US |U\.S\. )?dollars?\b", text[end:])
        if tail and unit in ("USD", "AUD", "SGD", "NZD", "CAD", "HKD", "TWD"):
            end += tail.end()
        found.append(Money(value, unit, m.start(), end, text[m.start() : end], high))
        taken.append((m.start(), end))
    for m in _suffix_scan().finditer(text, case_free_text(text)):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        num, scales_text = m.group("num"), m.group("scales")
        name = m.group("name")
        if name.upper() in codes and name not in codes:
            continue  # a code is only a code in capitals ("usd" is not)
        if not scales_text and not _grouped(num):
            continue
        unit = names[name.lower()]
        factor = _scale_factor(scales_text)
        value = _as_value(_decimal(num) * factor)
        high = _as_value(_decimal(m.group("num2")) * factor) if m.group("num2") else None
        found.append(Money(value, unit, m.start(), m.end(), m.group(0), high))
    for m in _split_re().finditer(text):  # "15.6 U.S. billion dollars"
        if any(s < m.end() and m.start() < e for s, e in taken) or any(
            f.start < m.end() and m.start() < f.end for f in found
        ):
            continue
        unit = _split_units()[(m.group("before").lower(), m.group("after").lower())]
        value = _as_value(_decimal(m.group("num")) * _scale_factor(m.group("scales")))
        found.append(Money(value, unit, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda x: x.start)
    return found


@cache
def _split_units() -> dict[tuple[str, str], str]:
    return {(s.before.lower(), s.after.lower()): s.unit for s in load("figure_forms.json").split_currency_names}


@cache
def _split_re() -> re.Pattern[str]:
    """A currency written around its scale word: "15.6 U.S. billion dollars" (``figure_forms.json``)."""
    names = load("figure_forms.json").split_currency_names
    spaced = [s for s in _patterns()[3] if s not in set(_tables().attached_scales)]
    return re.compile(
        rf"(?<![\w$€£¥₩₹.,])(?P<num>{NUMBER})(?![\d])[ \u00a0]"
        rf"(?P<before>{_alt(n.before for n in names)})[ \u00a0]"
        rf"(?P<scales>(?:{_alt(spaced)})(?:[ \u00a0](?:{_alt(spaced)}))?)[ \u00a0]"
        rf"(?P<after>{_alt(n.after for n in names)})(?![A-Za-z])",
        re.I,
    )


_PERCENT_RE = re.compile(
    rf"(?<![\w.,])(?P<sign>[-−])?(?P<num>{NUMBER})(?![\d])[ \u00a0]?"
    r"(?:%|per[ \u00a0]?cent\b|percent\b|pct\b|pc\b)(?![ \u00a0]?(?:age )?points?\b)",
    re.I,
)

_PERCENT_SCAN = CaseFreeScan(_PERCENT_RE)


def parse_percentages(text: str) -> list[Percent]:
    """``6.4 per cent``, ``6.4%``, ``6.4 percent``, ``6.4pc`` -> 6.4 (percentage points are not shares)."""
    out = []
    for m in _PERCENT_SCAN.finditer(text, case_free_text(text)):
        value = float(_decimal(m.group("num")))
        if m.group("sign"):
            value = -value
        out.append(Percent(value, m.start(), m.end(), m.group(0)))
    return out


@cache
def _rates() -> dict[str, dict[str, float]]:
    return load("exchange_rates.json").rates


def usd_rate(unit: str, year: int | None) -> float | None:
    """Units of ``unit`` per US dollar, yearly average; the nearest year in the table if outside it."""
    table = _rates().get(unit)
    if not table:
        return None
    years = sorted(int(y) for y in table)
    if year is None:
        year = years[-1]
    year = min(max(year, years[0]), years[-1])
    return table[str(year)]


def conversion_ratio(a: Money | tuple[float, str], b: Money | tuple[float, str], year: int | None) -> float | None:
    """How far a stated conversion is from the table: (b in USD) / (a in USD); None if unknown."""
    av, au = (a.value, a.unit) if isinstance(a, Money) else a
    bv, bu = (b.value, b.unit) if isinstance(b, Money) else b
    ra, rb = usd_rate(au, year), usd_rate(bu, year)
    if not ra or not rb or not av:
        return None
    return (bv / rb) / (av / ra)


def conversion_mismatch(a, b, year: int | None, tolerance: float = 0.25) -> bool:
    """True when the stated amount ``b`` is off from ``a`` converted at the year's rate by more than ``tolerance``.

    With no year known, only when it is that far off at the rate of every year in the table.
    """
    if year is not None:
        ratio = conversion_ratio(a, b, year)
        return ratio is not None and abs(ratio - 1.0) > tolerance
    au = a.unit if isinstance(a, Money) else a[1]
    years = sorted(int(y) for y in _rates().get(au, {}))
    ratios = [r for r in (conversion_ratio(a, b, y) for y in years) if r is not None]
    return bool(ratios) and all(abs(r - 1.0) > tolerance for r in ratios)


def usd_value(value: float, unit: str, stated: list[tuple[float, str]], year: int | None) -> float | None:
    """An amount in US dollars: the conversion the text states when it gives one ("10 trillion yen (about
    $68 billion)" → 68 billion), else at the year's average rate of ``exchange_rates.json``; None when the
    currency has no rate."""
    if unit == "USD":
        return value
    for v, u in stated:
        if u == "USD":
            return v
    rate = usd_rate(unit, year)
    return round(value / rate, 2) if rate else None
