"""``event_triggers.json``: the triggers of each event kind and the cues the events component reads.

Every value that is a regex is compiled here, so a broken pattern is an error naming the file.
"""

from __future__ import annotations

import re
from typing import get_args

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ...record import EventKind
from .. import DataContract

KINDS: tuple[str, ...] = get_args(EventKind)  # the SPEC event kinds, defined once in entente.record


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as err:
        raise ValueError(f"bad regex {pattern!r}: {err}") from err
    return pattern


class Pattern(BaseModel):
    """A trigger written as an object: the regex and whether it is matched case-sensitively."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    re: str
    case_sensitive: bool = False

    @field_validator("re")
    @classmethod
    def _valid(cls, value: str) -> str:
        return _compiles(value)


class Kind(BaseModel):
    """``new`` triggers start an event; ``anaphoric`` ones ("the meeting") only add evidence to one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    new: list[str | Pattern]
    anaphoric: list[str] = []
    not_after_visit: list[str] = []  # meeting only: "a visit ... to meet officials" is the visit's purpose

    @field_validator("anaphoric", "not_after_visit")
    @classmethod
    def _valid(cls, values: list[str]) -> list[str]:
        return [_compiles(v) for v in values]

    @field_validator("new")
    @classmethod
    def _valid_new(cls, values: list[str | Pattern]) -> list[str | Pattern]:
        for v in values:
            if isinstance(v, str):
                _compiles(v)
        return values

    def patterns(self) -> list[Pattern]:
        return [Pattern(re=v) if isinstance(v, str) else v for v in self.new]


class StatusCues(DataContract):
    """Regexes on the words before a trigger: hedges ("a potential visit"), plans ("the upcoming summit"), an
    instrument that only provides for the event ("an agreement allowing joint drills"), a need or proposal
    ("the importance of holding talks"), and where a new finite clause starts ("..., as both leaders signed")."""

    expected_before: str
    planned_before: str
    provided_for_before: str
    discussed_before: str
    new_clause: str
    future_relative_after: str

    @field_validator(
        "expected_before",
        "planned_before",
        "provided_for_before",
        "discussed_before",
        "new_clause",
        "future_relative_after",
    )
    @classmethod
    def _valid(cls, value: str) -> str:
        return _compiles(value)


class Contract(DataContract):
    order: list[str]
    status_cues: StatusCues
    kinds: dict[str, Kind]
    multilateral: str
    repeat: str
    reporting_date: str
    duration: str
    numbers: dict[str, int]
    here: str
    pair_reference: str
    adjunct_before: str
    decision_cue: str
    date_barrier: str
    relative_open: str
    date_not_event: str
    # a meeting held at a distance ("spoke by telephone", "a virtual summit"): no venue, so no place
    remote: str = r"(?!x)x"
    # a transcript's or release's furniture line naming where it was held ("Location  Malacañan Palace in Manila")
    location_line: str = r"(?!x)x"

    @field_validator(
        "remote",
        "location_line",
        "multilateral",
        "repeat",
        "reporting_date",
        "duration",
        "here",
        "pair_reference",
        "adjunct_before",
        "decision_cue",
        "date_barrier",
        "relative_open",
        "date_not_event",
    )
    @classmethod
    def _valid(cls, value: str) -> str:
        return _compiles(value)

    @model_validator(mode="after")
    def _kinds_ordered(self) -> Contract:
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown event kinds: {unknown}")
        if sorted(self.order) != sorted(self.kinds):
            raise ValueError("'order' must list every kind of 'kinds' once")
        return self
