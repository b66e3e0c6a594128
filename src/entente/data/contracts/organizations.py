"""``organizations.json``: known regional and international bodies, the head words that make an
organisation's name, and the news outlets (wire and credit forms, with their home country)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .. import DataContract
from ._codes import Iso3


class Known(DataContract):
    name: str = Field(min_length=2)
    acronym: str | None = None
    forms: list[str] = Field(default_factory=list)  # other written forms ("Asean")
    acronym_exact_only: bool = False  # the acronym counts only as written (not in another case)
    country: Iso3 | None = None  # a national body's country
    kind: Literal["organization", "agreement", "framework"] = "organization"  # only organisations are found


class Outlet(DataContract):
    name: str = Field(min_length=2)
    country: Iso3 | None = None  # the outlet's home country (a dateline's last resort)
    forms: list[str] = Field(default_factory=list)  # as written in a dateline or credit (default: the name)
    credit_only: bool = False  # found only in a credit line ("© Kyodo News"), never as a wire dateline


class Contract(DataContract):
    known: list[Known]
    heads: list[str] = Field(min_length=1)  # "Ministry", "Council": words that head an organisation's name
    not_heads_after: list[str]  # a head right after one of these is no organisation ("Agreement on ...")
    outlets: list[Outlet]
