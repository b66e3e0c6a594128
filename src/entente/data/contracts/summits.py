"""``summits.json``: numbered and hosted summits (body, number, year, host, city, first and last day)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, model_validator

from .. import DataContract
from ._codes import Iso3


class Summit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    body: str
    number: int | None
    year: int
    host: Iso3
    city: str | None
    start: date
    end: date

    @model_validator(mode="after")
    def _dates(self) -> Summit:
        if not (self.start <= self.end and self.start.year == self.year):
            raise ValueError(f"{self.body} {self.number or self.city}: dates do not fit the year {self.year}")
        return self


class Contract(DataContract):
    aliases: dict[str, list[str]]
    unga_first_year: int
    summits: list[Summit]

    @model_validator(mode="after")
    def _bodies(self) -> Contract:
        unknown = {s.body for s in self.summits} - set(self.aliases)
        if unknown:
            raise ValueError(f"summits of bodies without aliases: {sorted(unknown)}")
        return self
