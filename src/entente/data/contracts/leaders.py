"""``leaders.json``: heads of state, heads of government and foreign ministers, with the dates of each
term; the titles of each role; the countries whose leaders English text names in either order."""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from .. import DataContract
from ._codes import Iso3

Role = Literal["head_of_state", "head_of_government", "foreign_minister"]


class Term(DataContract):
    role: Role
    title: str = Field(min_length=2)  # the title the holder is named with ("Prime Minister")
    start: date
    end: date | None = None  # None: in office when the file was written
    approximate: bool = False  # dates known only to within weeks

    @model_validator(mode="after")
    def _ordered(self) -> Term:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"a term that ends ({self.end}) before it starts ({self.start})")
        return self


class Leader(DataContract):
    name: str = Field(min_length=2)  # canonical, as English news writes it
    country: Iso3
    variants: list[str] = Field(default_factory=list)  # other full forms ("Alberto Fernandez")
    short: list[str] = Field(default_factory=list)  # one-word forms ("Kishida", "Anwar")
    roles: list[Term] = Field(min_length=1)


class NameOrder(DataContract):
    given_first: list[Iso3] = Field(default_factory=list)  # "Fumio Kishida", also "Kishida Fumio"
    surname_first: list[Iso3] = Field(default_factory=list)  # "Xi Jinping", also "Jinping Xi"


class Contract(DataContract):
    role_titles: dict[Role, list[str]]  # the titles that name each role
    name_order: NameOrder = NameOrder()
    leaders: list[Leader]

    @field_validator("role_titles")
    @classmethod
    def _every_role(cls, titles: dict[str, list[str]]) -> dict[str, list[str]]:
        missing = [r for r in get_args(Role) if r not in titles]
        if missing:
            raise ValueError(f"roles without titles: {missing}")
        return titles
