"""Numbers as a person reads them: "US$7.4 bn", "RM181.5 bn", "6.4%", "1,711".  For the CLI tables, the web
pages and the CSV's display column; JSON and Parquet keep the raw values.  Symbols and scale words are
``data/number_display.json``."""

from __future__ import annotations

import math

from .data import load

__all__ = ["amount", "number"]


def number(value: float | int | None, decimals: int = 2) -> str:
    """A plain number with thousands separators and at most ``decimals`` decimals ("1,711", "3.25")."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text


def _scaled(value: float) -> str:
    """``value`` with a scale word when it is large ("7.4 bn"), else grouped ("850,000")."""
    for scale, word in load("number_display.json").scales:
        if abs(value) >= scale:
            scaled = value / scale
            return f"{number(scaled, 2 if abs(scaled) < 10 else 1)} {word}"
    return number(value)


def amount(value: float | int | None, unit: str | None) -> str:
    """A figure's value in its unit as a reader writes it: a currency amount with its symbol (or code) and
    scale, a percentage with ``%``, a count grouped; any other unit after the number."""
    if value is None:
        return ""
    unit = unit or ""
    if unit == "percent":
        return f"{number(value)}%"
    if unit in ("count", ""):
        return number(value)
    if len(unit) == 3 and unit.isupper():
        symbol = load("number_display.json").currency_symbols.get(unit)
        scaled = _scaled(value)
        sign, scaled = ("-", scaled[1:]) if scaled.startswith("-") else ("", scaled)
        return f"{sign}{symbol}{scaled}" if symbol else f"{sign}{unit} {scaled}"
    return f"{number(value)} {unit}"
