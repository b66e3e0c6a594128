"""``people.tsv`` of :mod:`entente.bench`: the people of the benchmark corpus generator
(:mod:`entente.bench.generate`), one row a person: ISO alpha-3 code, capital, title, honorific (may be
empty), name."""

from __future__ import annotations

from pydantic import Field

from .. import DataContract
from ._codes import Iso3
from ._rows import Row


class Person(Row):
    iso3: Iso3
    capital: str = Field(min_length=2)
    title: str = Field(min_length=2)
    honorific: str
    name: str = Field(min_length=2)


class Contract(DataContract):
    rows: list[Person] = Field(min_length=1)
