"""The status of an event mention: done, planned, expected or cancelled, read in its own clause."""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace

from ...data import load
from ...record import DateValue
from ..lexfilter import scan_of
from ..modality import modality
from .triggers import lexicon

_CANCELLED_AFTER = re.compile(
    r"[^;:]{0,120}?\b(?:has|have|had|was|were|is|are|been)\s+(?:now\s+|been\s+|also\s+)*"
    r"(?:postponed|cancell?ed|called off|scrapped|put off|shelved|suspended|delayed indefinitely|deferred)\b",
    re.I,
)
_SCHEDULE_WORD = re.compile(r"scheduled|planned|slated|\bset\b|\bdue\b", re.I)
# "preparations for the next meeting of the Council, scheduled to take place in Tashkent"
_SCHEDULED_AFTER = re.compile(
    r"[^;:.]{0,80}?,\s+(?:which\s+is\s+|that\s+is\s+)?(scheduled|planned|set|slated|due)\s+(?:to\s+(?:take\s+place|be\s+held|open|begin)|for)\b",
    re.I,
)
_CANCEL_WORD = re.compile(
    r"postpon|cancel|called off|call off|calls off|scrap|put off|puts off|shelv|suspend|delayed|deferred",
    re.I,
)
_CANCELLED_BEFORE = re.compile(
    r"\b(?:postpon(?:e|es|ed|ing)|cancell?(?:ed|ing|s)?|call(?:ed|s|ing)? off|scrap(?:ped|s)?|put off|puts off|"
    r"shelv(?:e|ed|es))\s+(?:(?:his|her|their|its|the|a|an|planned|scheduled|upcoming|proposed)\s+)*"
    r"(?:(?!(?:and|but|then|to)\s)[\w-]+\s+){0,2}$",
    re.I,
)


def cancelled(sentence: str, start: int, end: int) -> str | None:
    """ "A visit ... that had been scheduled for next Tuesday has been postponed", "That signing ceremony
    was called off", "postponed his Brasilia trip": the cue, when the event will not take place as planned."""
    if not _scan(_CANCEL_WORD).found(sentence):
        return None
    m = _CANCELLED_BEFORE.search(sentence[max(0, start - 60) : start])
    if m:
        return m.group(0).strip()
    m = _CANCELLED_AFTER.match(sentence, end)
    if m and not re.search(
        r"[.!?]\s|\b(?:although|though|but|while|whereas|because|after|when|and|as|since)\b", m.group(0)
    ):
        return m.group(0).strip()  # not a clause away: "the visit went ahead although a dinner was postponed"
    return None


_AFTER_FOLLOWING = re.compile(r"(?:after|following)\b", re.I)  # compiled once
_scan = scan_of  # a CaseFreeScan per pattern, kept by identity (lexfilter.scan_of)


# The status cues matched as written; the others ignore case.
_CASE_SENSITIVE_CUES = frozenset({"discussed_before", "new_clause"})
_EXPECTED_WORDS = frozenset({"expected", "likely", "set", "poised"})


@cache
def _cues() -> SimpleNamespace:
    """Every regex of ``status_cues`` (``contracts/event_triggers.StatusCues``: the field list lives there
    alone), compiled, by field name."""
    data = load("event_triggers.json").status_cues
    return SimpleNamespace(
        **{
            name: re.compile(pattern, 0 if name in _CASE_SENSITIVE_CUES else re.I)
            for name, pattern in data.model_dump(exclude={"about"}).items()
        }
    )


# A modal written inside the trigger itself: "will meet", "set to meet", "plans to meet".
_MODAL_IN_TRIGGER = re.compile(r"\b(?:will|would|shall|to|set|expected|due|likely|plans?)\b", re.I)


def clause_start(sentence: str, start: int) -> int:
    """Where the trigger's own finite clause begins: "decided to raise ties ..., as both leaders signed" reads
    the signing from "as both leaders signed", not from "decided to"."""
    cut = 0
    for m in _cues().new_clause.finditer(sentence, 0, len(sentence)):
        if m.start() >= start:
            break
        cut = m.start()
    return cut


def _status(
    sentence: str,
    offset: int,
    date_value: DateValue | None,
    published: str | None,
    end: int | None = None,
    start: int | None = None,
    kind: str = "",
) -> tuple[str, str]:
    start = offset if start is None else start
    cue = cancelled(sentence, offset, end if end is not None else offset)
    if cue:
        return "cancelled", f"events:cancelled:{cue.split()[-1].lower()}"
    cut = clause_start(sentence, start)
    at = offset
    if end is not None and _MODAL_IN_TRIGGER.search(sentence, start, end):
        at = end  # the trigger's own modal governs it
    reading = modality(sentence[cut:], at - cut, default="occurred")
    status = reading.status
    cues = _cues()
    if end is not None and kind != "signing" and status in ("agreed", "discussed", "occurred"):
        after = cues.future_relative_after.match(sentence, end)
        if after:  # "the official visit that X will carry out", "a summit which is expected to ..."
            return (
                "expected" if after.group(1).lower() in _EXPECTED_WORDS else "planned"
            ), "events:future_relative"
    window = sentence[max(cut, start - 90) : start]
    if end is not None and end > start:  # the trigger's own modifiers: "a potential visit", "the upcoming summit"
        head = sentence[max(cut, start - 90) : end].rsplit(None, 1)
        window = head[0] + " " if len(head) == 2 else window
    if status in ("agreed", "discussed", "occurred"):
        if cues.provided_for_before.search(window):
            return "planned", "events:provided_for"  # "an agreement allowing joint drills": not held
        if cues.discussed_before.search(window):
            return "discussed", "events:need_or_proposal"  # "the importance of holding a summit"
        if _scan(cues.expected_before).found(window):
            return "expected", "events:hedge_before"  # "a potential visit"
        if _scan(cues.planned_before).found(window):
            return "planned", "events:planned_before"  # "the upcoming summit"
    if (
        status in ("agreed", "discussed", "occurred")
        and end is not None
        and _scan(_SCHEDULE_WORD).found(sentence, end)
    ):
        after = _SCHEDULED_AFTER.match(sentence, end)
        if after:
            return "planned", f"events:scheduled:{after.group(1).lower()}"
    lex = lexicon()
    adjunct = _scan(lex.adjunct_before).found(sentence[:offset]) or _AFTER_FOLLOWING.match(sentence[offset:])
    if status == "planned" and lex.decision_cue.match(reading.cue) and adjunct:
        return "occurred", f"events:frame_of_decision:{reading.cue.lower()}"
    if status in ("agreed", "discussed"):
        status = "occurred"
    if status == "occurred" and date_value and published:
        n = min(len(date_value.start), len(published))  # compare at a precision both have
        if date_value.start[:n] > published[:n]:
            return "planned", "events:after_publication"
    return status, reading.rule
