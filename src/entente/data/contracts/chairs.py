"""``chairs.json``: rotating chairs (ASEAN, G20, APEC) by calendar year, as ISO alpha-3 codes."""

from __future__ import annotations

from pydantic import field_validator

from .. import DataContract


class Contract(DataContract):
    ASEAN: dict[int, str]
    G20: dict[int, str]
    APEC: dict[int, str]

    @field_validator("ASEAN", "G20", "APEC")
    @classmethod
    def _codes(cls, chairs: dict[int, str]) -> dict[int, str]:
        bad = [c for c in chairs.values() if len(c) != 3 or not c.isupper()]
        if bad:
            raise ValueError(f"not ISO alpha-3 codes: {bad}")
        return chairs

    def by_body(self) -> dict[str, dict[int, str]]:
        """Body ("ASEAN", "G20", "APEC") -> year -> the chair's ISO alpha-3 code."""
        return {"ASEAN": self.ASEAN, "G20": self.G20, "APEC": self.APEC}
