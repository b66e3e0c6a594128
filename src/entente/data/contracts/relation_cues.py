"""``relation_cues.json``: the cues ``extract/relations.py`` reads to choose the pairs an article reports.

Lists are regular-expression fragments matched case-insensitively on word boundaries; ``joined`` and
``locative_before`` are whole patterns.  Every fragment must compile.
"""

from __future__ import annotations

import re

from pydantic import field_validator

from .. import DataContract


class Contract(DataContract):
    diplomatic: list[str]
    pair_phrases: list[str]
    off_topic: list[str]
    joined: str
    list_before: list[str]
    trilateral: list[str]
    locative_before: str
    interaction: list[str]
    visit: list[str]
    official_heads: list[str]
    multilateral: list[str]
    instrument_after: list[str]
    deal_words: list[str]

    @field_validator(
        "diplomatic", "pair_phrases", "off_topic", "trilateral", "interaction", "visit", "official_heads", "multilateral",
        "instrument_after", "deal_words",
    )
    @classmethod
    def _fragments(cls, items: list[str]) -> list[str]:
        for item in items:
            re.compile(item)
        return items

    @field_validator("joined", "locative_before")
    @classmethod
    def _pattern(cls, value: str) -> str:
        re.compile(value)
        return value
