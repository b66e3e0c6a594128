"""``countries.tsv``: the country gazetteer, one row a country: ISO alpha-3 code, names (``|``-separated,
the first canonical), aliases (matched exactly as written), demonyms and adjectives."""

from __future__ import annotations

from pydantic import Field, field_validator

from .. import DataContract
from ._codes import Iso3
from ._rows import Row, bars


class Country(Row):
    iso3: Iso3
    names: tuple[str, ...] = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    _bars = field_validator("names", "aliases", "demonyms", mode="before")(lambda cls, v: bars(v))


class Contract(DataContract):
    rows: list[Country] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _unique(cls, rows: list[Country]) -> list[Country]:
        seen: set[str] = set()
        if twice := sorted({r.iso3 for r in rows if r.iso3 in seen or seen.add(r.iso3)}):
            raise ValueError(f"countries given twice: {twice}")
        return rows
