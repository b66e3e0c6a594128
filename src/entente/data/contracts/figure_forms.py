"""``figure_forms.json``: written forms of figures — currencies split around a scale word, rate words (a
tariff is no trade share), words that make a lone superlative no rank, and the words of period ranges."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from .. import DataContract


class SplitName(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    before: str  # written between the number and the scale word: "U.S." in "15.6 U.S. billion dollars"
    after: str  # written after the scale word: "dollars"
    unit: str  # ISO 4217

    @field_validator("unit")
    @classmethod
    def _code(cls, unit: str) -> str:
        if len(unit) != 3 or not unit.isupper():
            raise ValueError(f"not an ISO 4217 code: {unit!r}")
        return unit


class Range(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    open: list[str]  # the word before the first date: "between", "from"
    join: list[str]  # the word between the dates: "and", "to"


class SpanToMonth(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    spans: dict[str, int]  # "year" -> 12 in "the year to March 2024"
    joins: list[str]  # "to", "ending", "ended"

    @field_validator("spans")
    @classmethod
    def _months(cls, spans: dict[str, int]) -> dict[str, int]:
        bad = [w for w, n in spans.items() if not 1 <= n <= 12 or w != w.lower()]
        if bad:
            raise ValueError(f"spans: lower-case names of 1-12 months: {bad}")
        return spans


class MonthsOfYear(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    open: list[str]  # "first" in "the first nine months of 2024"
    number_words: dict[str, int]  # "nine" -> 9

    @field_validator("number_words")
    @classmethod
    def _months(cls, words: dict[str, int]) -> dict[str, int]:
        bad = [w for w, n in words.items() if not 1 <= n <= 12]
        if bad:
            raise ValueError(f"a number of months must be 1-12: {bad}")
        return words


def _lower_unique(words: list[str], what: str) -> list[str]:
    bad = [w for w in words if not w.strip() or w != w.strip() or w != w.lower()]
    if bad:
        raise ValueError(f"{what} must be trimmed, lower-case, non-empty: {bad}")
    dup = sorted({w for w in words if words.count(w) > 1})
    if dup:
        raise ValueError(f"duplicate {what}: {dup}")
    return words


class Contract(DataContract):
    split_currency_names: list[SplitName]
    rate_cues: list[str]  # a percentage whose nearest cue is one of these is a rate, never a trade share
    rank_not_after: list[str]  # "a top trading partner" is no rank
    range_between: Range
    range_from: Range
    range_nouns: list[str]  # "the April-June quarter of 2025"
    part_of_year: dict[str, tuple[int, int]]  # "first half" -> (1, 6)
    span_to_month: SpanToMonth
    months_of_year: MonthsOfYear

    @field_validator("rate_cues", "rank_not_after", "range_nouns")
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        return _lower_unique(words, "words")

    @field_validator("part_of_year")
    @classmethod
    def _parts(cls, parts: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        bad = [k for k, (a, b) in parts.items() if k != k.lower() or not 1 <= a <= b <= 12]
        if bad:
            raise ValueError(f"part_of_year: lower-case names with months first <= last in 1-12: {bad}")
        return parts

    @model_validator(mode="after")
    def _ranges_lower(self) -> Contract:
        for r in (self.range_between, self.range_from):
            _lower_unique(r.open + r.join, "range words")
        _lower_unique(self.months_of_year.open, "months_of_year.open")
        _lower_unique(self.span_to_month.joins, "span_to_month.joins")
        return self
