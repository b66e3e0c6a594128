"""``areas.json``: the cooperation-area lexicon of ``extract/areas.py``, one entry per SPEC area id.

Every entry, compound and adjective says what it ``covers``; an entry's ``names`` and ``generic`` words
are read more strictly (see ``extract/areas.py``); every area id is a SPEC ``AreaId`` and every
SPEC area has an entry.
"""

from __future__ import annotations

from typing import get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ...record import AreaId
from .. import DataContract


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AreaEntry(_Item):
    covers: str = Field(min_length=3)
    phrases: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    names: list[str] = Field(
        default_factory=list
    )  # a region, an issue's place or a body: only where the pair acts
    name_abbreviations: list[str] = Field(default_factory=list)  # names matched exactly as written ("UN")
    generic: list[str] = Field(default_factory=list)  # a word that counts only as a field of cooperation


class Compound(_Item):
    phrase: str = Field(min_length=2)
    areas: list[AreaId]
    covers: str = Field(min_length=3)


class Adjective(_Item):
    word: str = Field(min_length=2)
    areas: list[AreaId] = Field(min_length=1)
    covers: str = Field(min_length=3)


class Contract(DataContract):
    areas: dict[AreaId, AreaEntry]
    compounds: list[Compound]
    adjectives: list[Adjective]
    adjective_heads: list[str] = Field(min_length=1)
    title_heads: list[str]
    background_before: list[str]
    background_intro: list[str]
    goods_before: list[str]
    goods_list_before: list[str]
    joint_actors: list[str] = Field(min_length=1)  # the pair acting together: "both", "the two", "they"
    name_descriptors: list[str]  # a name before one of these describes it: "Middle East producers"
    field_frames: list[str] = Field(min_length=1)  # "cooperation in", "fields of": a generic word is a field
    generic_quantifiers: list[str]  # "other industries": a generic word after one of these is no field
    restrictive_after: list[str]  # "arms embargo": a keyword before one of these is a restriction
    not_name_words: list[str]  # function words: never a word of a company's or a body's name ("the", "and")
    force_areas: list[AreaId]  # their keywords name a state's forces ("the Indian Navy"), never a company

    @field_validator("areas")
    @classmethod
    def _every_area(cls, areas: dict[str, AreaEntry]) -> dict[str, AreaEntry]:
        missing = [a for a in get_args(AreaId) if a not in areas]
        if missing:
            raise ValueError(f"SPEC areas without an entry: {missing}")
        return areas
