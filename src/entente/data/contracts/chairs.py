"""``chairs.json``: rotating chairs (ASEAN, G20, APEC) by calendar year, as ISO alpha-3 codes."""

from __future__ import annotations

from .. import DataContract
from ._codes import Iso3


class Contract(DataContract):
    ASEAN: dict[int, Iso3]
    G20: dict[int, Iso3]
    APEC: dict[int, Iso3]

    def by_body(self) -> dict[str, dict[int, str]]:
        """Body ("ASEAN", "G20", "APEC") -> year -> the chair's ISO alpha-3 code."""
        return {"ASEAN": self.ASEAN, "G20": self.G20, "APEC": self.APEC}
