"""The date of an event mention: the date expression of its own clause, nearest the trigger."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...record import DateValue
from ..state import DateMention, State
from .triggers import lexicon

# "on his first trip to India since taking office last October": the date of another event
_SINCE_PHRASE = re.compile(r"\bsince\s+(?:\w+ing|he|she|they|it|the)\b[^,;()]{0,30}$", re.I)
_YEAR_MODIFIER = re.compile(r"(?:[Tt]he\s+)?(?:19|20)\d\d")
# "a visit ... that had been scheduled for next Tuesday": the relative clause dates the trigger itself.
_SCHEDULED_FOR = re.compile(
    r"\b(?:that|which)\s+(?:had\s+been|has\s+been|was|were|is|are)\s+(?:originally\s+)?"
    r"(?:scheduled|planned|set|slated|due)\s+(?:for|on|to\s+(?:take\s+place|begin|start)\s+(?:on|in))\s*$",
    re.I,
)


# "talks (with Pakistan) scheduled to be held in Islamabad on": the date the event was set for
_SCHEDULED_AFTER = re.compile(
    r"^[^,;()]{0,40}?\b(?:scheduled|slated|planned|due|set)\s+(?:to\s+(?:be\s+held|take\s+place|begin|start|open)\s+)?"
    r"(?:(?:in|at)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?(?:(?:on|for|in)\s*)?$"
)
_QUOTE_SAID = re.compile(
    r"[”\"]\s*,?\s*(?:[\w-]+\s+){0,4}(?:said|says|told|added|stated|noted)\b|[“”\"]", re.I
)
# "the official visit that X will carry out until Thursday": the visit runs until then.
_UNTIL = re.compile(r"\b(?:until|till|through|to)\s+$", re.I)


def visit_until(state: State, sent_start: int, sent_end: int, trigger: tuple[int, int]) -> DateValue | None:
    """A visit whose only date is its end ("until Thursday"): dated at that day's month."""
    for dm in state.dates_in(trigger[1], sent_end):
        if dm.value is None or dm.start - trigger[1] > 120:
            continue
        if _UNTIL.search(state.text[max(sent_start, dm.start - 8) : dm.start]) or re.match(
            r"(?:until|till|through)\b", state.text[dm.start : dm.end], re.I
        ):
            return DateValue(
                start=dm.value.start[:7],
                end=None,
                precision="month" if len(dm.value.start) >= 7 else "year",
                text=state.text[dm.start : dm.end],
            )
    return None


def _date_for(
    state: State, sent_start: int, sent_end: int, trigger: tuple[int, int], limit: int | None
) -> DateValue | None:
    """The date expression nearest the trigger in its sentence (reports' dates skipped)."""
    return _nearest_date(state, sent_start, sent_end, trigger, limit, strict=True) or _nearest_date(
        state, sent_start, sent_end, trigger, limit, strict=False
    )


def _nearest_date(
    state: State, sent_start: int, sent_end: int, trigger: tuple[int, int], limit: int | None, strict: bool
) -> DateValue | None:
    """Strict: the date must be in the trigger's clause.  Else: a main-clause date before the trigger
    ("today received X, where the two leaders held talks")."""
    lex = lexicon()
    best: tuple[float, DateMention] | None = None
    for dm in state.dates_in(sent_start, sent_end):
        if not strict and dm.end > trigger[0]:
            continue
        if dm.value is None:
            continue
        if limit is not None and dm.start >= limit:
            continue
        if strict and lex.reporting_date.search(state.text[max(sent_start, dm.start - 20) : dm.start]):
            continue  # "a source said Monday" dates the report; only a fallback for the event
        if (
            lex.date_not_event.match(state.text[dm.start : dm.end])
            or re.search(
                r"\b(?:by|since|until|before)\s+$", state.text[max(sent_start, dm.start - 8) : dm.start], re.I
            )
            or _SINCE_PHRASE.search(state.text[max(sent_start, dm.start - 40) : dm.start])
        ):
            continue  # a deadline or a duration, not when the event happened
        if (
            _YEAR_MODIFIER.fullmatch(state.text[dm.start : dm.end])
            and re.match(r" [A-Za-z]", state.text[dm.end : dm.end + 2])
            and (
                state.text[dm.start : dm.end].lower().startswith("the")
                or re.search(r"(?:\bthe|'s|’s)\s+$", state.text[max(sent_start, dm.start - 6) : dm.start])
            )
        ):
            continue  # "the 1973 Itaipu Treaty", "the 2018 agreement": a name, not the event's date
        between = (
            state.text[dm.end : trigger[0]] if dm.end <= trigger[0] else state.text[trigger[1] : dm.start]
        )
        if dm.start >= trigger[1]:
            between = _SCHEDULED_FOR.sub("", between)
        if not strict and _QUOTE_SAID.search(between):
            continue  # a date inside a quotation does not date the occasion where it was said
        if strict and lex.date_barrier.search(between):
            continue  # another clause
        if (
            dm.end <= trigger[0]
            and "," in between
            and lex.relative_open.search(state.text[sent_start : dm.start])
        ):
            continue  # inside a relative clause: "X, who landed on Wednesday, later held talks"
        if dm.end <= trigger[0]:
            distance = 2.0 * (trigger[0] - dm.end) + 5.0  # dates after the trigger are preferred
        elif _SCHEDULED_AFTER.search(between):
            distance = 0.0  # "called off today the talks scheduled to be held in Islamabad on August 25"
        else:
            distance = max(0, dm.start - trigger[1])
        if best is None or distance < best[0]:
            best = (distance, dm)
    return best[1].value if best else None


def _with_duration(value: DateValue | None, sentence: str) -> DateValue | None:
    """ "a two-day visit from Saturday" -> start..start+1 day."""
    if value is None or value.end or value.precision != "day":
        return value
    m = lexicon().duration.search(sentence)
    if not m:
        return value
    raw = m.group(1).lower()
    days = int(raw) if raw.isdigit() else lexicon().numbers.get(raw, 0)
    if days < 2 or days > 60:
        return value
    try:
        end = date.fromisoformat(value.start) + timedelta(days=days - 1)
    except ValueError:
        return value
    return DateValue(start=value.start, end=end.isoformat(), precision="day", text=value.text)
