"""``number_display.json``: currency symbols and scale words for amounts as a reader sees them
(:mod:`entente.display`)."""

from __future__ import annotations

from pydantic import field_validator

from .. import DataContract
from ._codes import CurrencyCode


class Contract(DataContract):
    currency_symbols: dict[CurrencyCode, str]  # ISO 4217 code -> the symbol written before the amount
    scales: list[tuple[float, str]]  # (multiplier, word), largest first

    @field_validator("scales")
    @classmethod
    def _largest_first(cls, scales: list[tuple[float, str]]) -> list[tuple[float, str]]:
        if [s for s, _ in scales] != sorted((s for s, _ in scales), reverse=True):
            raise ValueError("scales must be listed largest first")
        return scales
