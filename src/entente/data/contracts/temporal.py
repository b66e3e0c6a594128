"""``temporal.json``: the words the temporal-expression finder and resolver read (months, weekdays,
number words, ordinals, holidays, prepositions) and the tense markers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from .. import DataContract

# A holiday's rule: a fixed day "MM-DD" ("12-25"), or "M:weekday:nth" (the nth such weekday of month M,
# "11:thursday:4") with an optional ":after" day ("11:tuesday:1:2": the first Tuesday after 1 November).
HolidayRule = Annotated[
    str,
    StringConstraints(
        pattern=r"^(?:\d\d-\d\d|\d{1,2}:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday):\d(?::\d{1,2})?)$"
    ),
]


class NotDates(DataContract):
    before: list[str]  # a weekday after one of these is no date ("Black Friday", "Good Friday")
    after: list[str]  # a weekday before one of these is no date ("Sunday Times", "Friday prayers")


class Contract(DataContract):
    months: dict[str, int]  # names and abbreviations -> 1..12 (Title Case)
    weekdays: dict[str, int]  # names -> 0..6, Monday = 0
    numbers: dict[str, int]  # number words of durations and counts ("two-day", "eight successive years")
    ordinals: dict[str, int]  # "first", "1st", "last" (the 4th: "last Thursday of November")
    weekday_names_not_dates: NotDates
    count_nouns_after_number: list[str]  # "2024 people": a number before these is no year
    prepositions: list[str]  # read before an expression ("on", "since", "by")
    holidays: dict[str, HolidayRule]
    future_markers: list[str] = Field(min_length=1)  # "will", "set to": the expression is ahead
    past_markers: list[str] = Field(min_length=1)  # "said", "held": the expression is behind

    @field_validator("months")
    @classmethod
    def _months(cls, months: dict[str, int]) -> dict[str, int]:
        if sorted(set(months.values())) != list(range(1, 13)) or any(not m[:1].isupper() for m in months):
            raise ValueError("months: Title Case names of all twelve months, 1..12")
        return months

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, days: dict[str, int]) -> dict[str, int]:
        if sorted(days.values()) != list(range(7)):
            raise ValueError("weekdays: seven names, Monday = 0 .. Sunday = 6")
        return days
