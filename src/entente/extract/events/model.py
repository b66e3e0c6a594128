"""What the event components pass each other: a trigger read in context (:class:`Mention`) and an
event being assembled from its mentions (:class:`Draft`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...record import AHEAD_STATUSES, DateValue, Place

FUTURE = AHEAD_STATUSES
SESSION_KINDS = ("meeting", "statement", "press_conference", "signing")
SHARES_OCCASION = ("statement", "press_conference", "signing")


@dataclass
class Mention:
    """One trigger in one sentence, read in context."""

    kind: str
    start: int  # trigger, document offsets
    end: int
    sent_start: int
    sent_end: int
    anaphoric: bool
    rule: str
    status: str = "occurred"
    status_rule: str = ""
    date: DateValue | None = None
    place: Place | None = None
    place_rule: str = ""
    participants: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    multilateral: bool = False
    trilateral: bool = False  # its sentence speaks of three parties ("the first summit between the three countries")
    counterpart: str | None = None  # "held talks with <person>": who the meeting was with
    presupposed: bool = False  # anaphoric "the talks at Government House", "During the meeting, ...": one was held
    visitor: str | None = None  # "<person>'s visit", "his visit": the country of the one who travels


@dataclass
class Draft:
    """An event being assembled from its mentions."""

    kind: str
    status: str
    date: DateValue | None
    place: Place | None
    participants: list[str]
    mentions: list[Mention]
    rules: list[str]
    place_from_dateline: bool = False
    remote: bool = False  # a call or virtual meeting: no venue, the dateline gives it no place
    counterparts: set[str] = field(default_factory=set)
