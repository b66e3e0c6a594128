"""``exchange_rates.json``: approximate yearly average exchange rates, units of each currency per US
dollar, by calendar year (only to flag stated conversions that disagree)."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from .. import DataContract
from ._codes import CurrencyCode


class Contract(DataContract):
    base: Literal["USD"]
    rates: dict[CurrencyCode, dict[str, float]]  # currency -> "YYYY" -> units per base unit

    @field_validator("rates")
    @classmethod
    def _years(cls, rates: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for code, table in rates.items():
            bad = [y for y, r in table.items() if not (len(y) == 4 and y.isdigit()) or r <= 0]
            if bad or not table:
                raise ValueError(f"{code}: years as YYYY with positive rates (bad: {bad or 'none given'})")
        return rates
