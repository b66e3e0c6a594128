"""``currencies.json``: the surface forms of money amounts (prefixes, ISO codes, names, scale words)."""

from __future__ import annotations

from pydantic import Field, model_validator

from .. import DataContract
from ._codes import CurrencyCode


class Contract(DataContract):
    prefix: dict[str, CurrencyCode]  # written before the number, case-sensitive ("US$", "RM")
    prefix_needs_scale: list[str]  # prefixes too short to trust without a scale word or a grouped number
    codes: list[CurrencyCode] = Field(min_length=1)  # accepted before or after the number
    names: dict[str, CurrencyCode]  # written after the number, case-insensitive ("Singapore dollars")
    scales: dict[str, int]  # multipliers ("million" -> 1000000)
    attached_scales: list[str]  # scales that count only glued to the digits ("$5m", "500k")

    @model_validator(mode="after")
    def _known_words(self) -> Contract:
        if unknown := sorted(set(self.prefix_needs_scale) - set(self.prefix)):
            raise ValueError(f"prefix_needs_scale: not prefixes {unknown}")
        scales = {s.lower() for s in self.scales}
        if unknown := sorted(s for s in self.attached_scales if s.lower() not in scales):
            raise ValueError(f"attached_scales: not scales {unknown}")
        if bad := sorted(k for k, v in self.scales.items() if v < 1):
            raise ValueError(f"scales: not positive {bad}")
        return self
