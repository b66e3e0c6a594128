"""``venues.json``: venues and seats of government that name a place (with country and city), places
the country gazetteer lacks, and a stoplist of place names too ambiguous to read in running text."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .. import DataContract
from ._codes import Iso3


class Venue(DataContract):
    name: str = Field(min_length=2)
    country: Iso3 | None  # None: a venue whose name says no country by itself
    city: str | None = None  # None: a venue outside any one city (Camp David)
    exact: bool = False  # matches only as written (not in ALL CAPS or lower case)


class Place(DataContract):
    name: str = Field(min_length=2)
    country: Iso3
    kind: Literal["capital", "city", "region"]


class Contract(DataContract):
    venues: list[Venue]
    places: list[Place]
    text_stoplist: list[str]  # "Nice", "Reading": never a place in running text
