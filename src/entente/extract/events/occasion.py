"""One event per occasion: mentions merged into drafts, and the events of one occasion sharing date and place."""

from __future__ import annotations

import re
from datetime import date

from ...record import DateValue, Place
from ..countries import country_name
from ..state import State
from .model import FUTURE, SESSION_KINDS, SHARES_OCCASION, Draft, Mention
from .triggers import lexicon


def _group(status: str) -> str:
    return "future" if status in FUTURE else "done"


def _dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return True
    a_end = a.end or a.start
    b_end = b.end or b.start
    # ranges at their precision overlap: compare on the shorter prefix
    n = min(len(a.start), len(b.start))
    return a.start[:n] <= b_end[:n] and b.start[:n] <= a_end[:n]


def _days_apart(a: DateValue | None, b: DateValue | None) -> int:
    """Days between two day-precision dates ("arrived on Monday" and the state visit's Thursday)."""
    if a is None or b is None or a.precision != "day" or b.precision != "day":
        return 10_000
    try:
        return abs((date.fromisoformat(a.start) - date.fromisoformat(b.start)).days)
    except ValueError:
        return 10_000


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country:
        return a.country == b.country
    return a.name == b.name


def _finer(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    order = {"year": 0, "month": 1, "day": 2}
    if order[b.precision] > order[a.precision]:
        return b
    if b.end and not a.end and b.start == a.start:
        return b
    return a


def _bare(m: Mention) -> bool:
    """A nominal mention with no cue and no date of its own ("as part of Lula's visit"): it names an occasion
    already found whatever that occasion's status."""
    return m.date is None and m.status_rule in ("", "modality:occurred:") and m.kind in ("visit", "meeting")


def merge(mentions: list[Mention]) -> list[Draft]:
    drafts: list[Draft] = []
    for m in mentions:
        target = None
        presupposed = m.presupposed and m.status not in FUTURE
        own_place = m.place if presupposed else None
        if m.anaphoric:  # "said the statement": its sentence's dates and places are about other things
            m.date, m.place = None, None
        candidates = [
            d
            for d in drafts
            if d.kind == m.kind
            and (_group(d.status) == _group(m.status) or m.anaphoric or _bare(m))
            and (
                _dates_compatible(d.date, m.date) or (m.kind == "visit" and _days_apart(d.date, m.date) <= 6)
            )
            and (_places_compatible(d.place, m.place) or d.place_from_dateline)
            and not (m.counterpart and d.counterparts and m.counterpart not in d.counterparts)
        ]
        if m.rule.endswith(":repeat"):
            candidates = [d for d in candidates if d.date is not None and m.date is not None]
        if candidates:
            exact = [d for d in candidates if d.date and m.date and d.date.start == m.date.start]
            target = (exact or candidates)[-1]
        if target is None:
            if m.anaphoric and not presupposed:
                continue
            if m.anaphoric:  # "The talks at Government House covered ...": the one meeting, held there
                m.place, m.place_rule = own_place, "place:anaphoric_venue" if own_place else ""
            drafts.append(
                Draft(
                    m.kind,
                    m.status,
                    m.date,
                    m.place,
                    list(m.participants),
                    [m],
                    [m.rule],
                    place_from_dateline=m.place_rule == "place:dateline_span",
                    remote=m.place_rule == "place:remote",
                    counterparts={m.counterpart} if m.counterpart else set(),
                )
            )
            continue
        target.mentions.append(m)
        target.remote = target.remote or m.place_rule == "place:remote"
        if m.counterpart:
            target.counterparts.add(m.counterpart)
        target.date = _finer(target.date, m.date)
        if target.place_from_dateline and m.place is not None and m.place_rule != "place:dateline_span":
            target.place, target.place_from_dateline = m.place, False  # "The deal was signed in Abu Dhabi"
        target.place = target.place or m.place
        for p in m.participants:
            if p not in target.participants:
                target.participants.append(p)
        if m.rule not in target.rules:
            target.rules.append(m.rule)
    return drafts


def _one(values: list) -> object | None:
    """The value when all are the same (by ``start`` for dates, ``country`` for places), else None."""
    keys = {getattr(v, "start", None) or getattr(v, "country", None) for v in values}
    return values[0] if len(keys) == 1 else None


def share_occasion(drafts: list[Draft], state: State, pair: tuple[str, str], lead: int = 0) -> None:
    """Statements, press conferences and signings of the article's one meeting share its date and place.

    The occasion's date is the single date of the occurred meetings (else of the occurred statements
    and press conferences); a visit spans days and is no anchor.  When there is no single date, nothing
    is shared.
    """
    # a cancelled occasion did not take place: it shares neither the held occasion's date nor the dateline
    done = [d for d in drafts if d.status not in FUTURE and d.status != "cancelled"]
    meetings = [d for d in done if d.kind == "meeting"]
    session = [d for d in done if d.kind in SESSION_KINDS]
    visits = [d for d in done if d.kind == "visit"]
    dialogues = [d for d in done if d.kind == "dialogue"]
    value = (
        _lead_anchor(done, lead)
        or _one([d.date for d in meetings if d.date])
        or _one([d.date for d in session if d.date])
        or _one([d.date for d in visits if d.date and d.date.precision == "day"])
    )
    if isinstance(value, DateValue):
        for d in drafts:
            if d.date is None and (d.kind in SHARES_OCCASION or d in meetings):
                d.date = DateValue(start=value.start, end=None, precision=value.precision, text=value.text)
                d.rules.append("date:same_occasion")
            elif d.date is None and d in visits and _on_visit_now(state, d):
                # "Ruto, on a two-day visit to Germany, said ...": the visit of the occasion (its day when
                # the visit lasts one day, else its month)
                if value.precision == "day" and _one_day(state, d):
                    d.date = DateValue(start=value.start, end=None, precision="day", text=value.text)
                else:
                    d.date = DateValue(start=value.start[:7], end=None, precision="month", text=value.text)
                d.rules.append("date:same_occasion_month")
    place = _one([d.place for d in meetings if d.place]) or _one([d.place for d in session if d.place])
    if isinstance(place, Place):
        for d in session:
            if d.place is None and not d.remote:
                d.place = place
                d.rules.append("place:same_occasion")
    host = _visit_host_of_occasion(visits, state, pair)
    if host is not None:
        # "MANILA - ... signed ... during President Marcos's state visit to Hanoi": the report is filed at
        # home, the meeting and signing took place where the visit was; "received by Ruto at State House"
        # (a venue of no known country) during a state visit to Kenya is in Kenya.
        away = state.dateline is not None and state.dateline.country not in (None, host.country)
        for d in session + dialogues:
            if d.remote:
                continue
            if d.place is None or d.place.country is None or (d.place_from_dateline and away):
                d.place, d.place_from_dateline = host, False
                d.rules.append("place:visit_host")
    if state.dateline is not None and state.dateline.country and state.dateline.country in pair:
        for d in session + visits + [x for x in done if x.kind == "dialogue"]:
            if (
                d.place is None
                and not d.remote
                and not _background(d, state)
                and d.kind in ("meeting", "press_conference", "visit", "signing", "dialogue")
            ):
                d.place = Place(name=state.dateline.name, country=state.dateline.country)
                d.rules.append("place:dateline")


def _background(draft: Draft, state: State) -> bool:
    """An occasion dated in an earlier year than the report ("held their last consultation in 2023"): background,
    not the reported occasion, so the report's dateline says nothing of where it was held."""
    published = state.published.date if state.published else None
    return bool(draft.date and published and draft.date.start[:4] < published[:4])


_ON_VISIT = re.compile(
    r"\b(?:on|during|is on|was on|currently on|paying|pays|is paying|in the course of|for|in conjunction with|as part of)\s+"
    r"(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,3}visit\b"
    r"|\b(?:this|it|which)\s+(?:is|was|marks|marked)\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+){0,3}visit\b",
    re.I,
)


def _on_visit_now(state: State, draft: Draft) -> bool:
    """The visit is the one under way at the reported occasion, not an earlier or later one."""
    for m in draft.mentions:
        window = state.text[max(m.sent_start, m.start - 40) : m.end]
        if _ON_VISIT.search(window) and not re.search(
            r"\b(?:last|previous|earlier|next)\s+(?:[\w-]+\s+){0,2}visit", window, re.I
        ):
            return True
        if re.search(
            r"\b(?:travell?ed|flew|came|arrived)\b[^.;]{0,50}\bfor the\b",
            state.text[m.start : m.sent_end],
            re.I,
        ):
            return True  # "Lee, who travelled to Putrajaya for the retreat"
    return False


def _one_day(state: State, draft: Draft) -> bool:
    return any(
        re.search(r"\bone-day\b|\bday-long\b", state.text[m.sent_start : m.sent_end], re.I)
        for m in draft.mentions
    )


def _visit_host_of_occasion(visits: list[Draft], state: State, pair: tuple[str, str]) -> Place | None:
    """The one host country of the done visits, when it is of the pair and not the dateline's country."""
    hosts = {d.place.country: d.place for d in visits if d.place is not None and d.place.country in pair}
    if len(hosts) != 1:
        return None
    ((_, place),) = hosts.items()
    return place


LEAD_SENTENCES = 4  # a title, a date line and the lead's first sentences
LEAD_CHARS = 600
LEAD_KINDS = ("meeting", "visit", "signing", "dialogue", "statement", "press_conference")
ANCHOR_KINDS = ("meeting", "dialogue", "statement", "press_conference", "signing")
# The lead clause's own day: "on Sunday agreed", "yesterday upgraded", "agreed today".
_LEAD_DAY = re.compile(
    r"^(?:on\s+)?(?:today|yesterday|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)


def lead_end(bounds: list[tuple[int, int]]) -> int:
    """Where the lead ends: after the first :data:`LEAD_SENTENCES` sentences, and not before the end of the
    sentence holding character :data:`LEAD_CHARS` (short lines of title, date and dateline count little)."""
    if not bounds:
        return 0
    end = bounds[min(len(bounds), LEAD_SENTENCES) - 1][1]
    for s0, s1 in bounds:
        if s0 <= LEAD_CHARS:
            end = max(end, s1)
    return end


def _first(draft: Draft) -> int:
    return min((m.start for m in draft.mentions if not m.anaphoric), default=draft.mentions[0].start)


def _lead_anchor(done: list[Draft], lead_end: int) -> DateValue | None:
    """The date of the occasion the lead reports (its first dated meeting, dialogue, statement or signing)."""
    lead = sorted((d for d in done if d.kind in ANCHOR_KINDS and d.date and _first(d) < lead_end), key=_first)
    return lead[0].date if lead else None


def date_lead_occasion(drafts: list[Draft], state: State, lead_end: int) -> bool:
    """The occasion the article reports as just held, with no date of its own, takes the day of its lead
    clause ("on Sunday agreed", "yesterday upgraded"), else the publication date at its precision.
    Background events (mentioned after the lead) keep their own dates or none."""
    published = state.published
    if published is None or not published.date or not published.precision:
        return False
    lead = [
        d
        for d in drafts
        if d.date is None
        and d.status not in FUTURE
        and d.status != "cancelled"  # "called off today": the day it was called off is not its date
        and d.kind in LEAD_KINDS
        and _first(d) < lead_end
    ]
    if not lead:
        return False
    value = None
    for dm in state.dates_in(0, lead_end):
        if (
            dm.value is not None
            and dm.value.precision == "day"
            and _LEAD_DAY.match(state.text[dm.start : dm.end])
        ):
            if dm.value.start[:10] <= published.date[: len(dm.value.start)] or len(published.date) < 10:
                value, rule = dm.value, "date:lead_clause"
                break
    if value is None:
        value = DateValue(start=published.date, end=None, precision=published.precision, text=published.date)
        rule = "date:published"
    for d in lead:
        if d.kind == "visit" and value.precision == "day" and not _one_day(state, d):
            d.date = DateValue(
                start=value.start[:7], end=None, precision="month", text=value.text
            )  # spans days
        else:
            d.date = DateValue(start=value.start, end=None, precision=value.precision, text=value.text)
        d.rules.append(rule)
    return True


def part_of_occasion(drafts: list[Draft]) -> None:
    """ "This HLM ... will be marked by the signing of twenty agreements", "the visit includes the signing of ...":
    an event named in the same sentence as a mention of another occasion is part of it: with no date of its own it
    takes the occasion's date (and its place when it has none); read as done only by default, it takes the status
    of an occasion still to come."""
    by_sentence: dict[int, list[tuple[Draft, Mention]]] = {}
    for d in drafts:
        for m in d.mentions:
            by_sentence.setdefault(m.sent_start, []).append((d, m))
    for d in drafts:
        for m in d.mentions:
            hosts = [
                o
                for o, om in by_sentence.get(m.sent_start, [])
                if o is not d and om.anaphoric and o.kind in ("visit", "dialogue", "meeting")
            ]
            if not hosts:
                continue
            host = hosts[0]
            if (
                host.status in FUTURE
                and d.status not in FUTURE
                and m.status_rule in ("", "modality:occurred:")
            ):
                d.status = host.status
                d.rules.append("status:part_of_occasion")
            if d.date is None and host.date is not None:
                d.date = host.date
                d.place = d.place or host.place
                d.rules.append("date:part_of_occasion")
            break


def place_by_visitor(drafts: list[Draft], pair: tuple[str, str]) -> None:
    """ "Lula's visit", "during his State visit": the visit of one side is hosted by the other side of the pair."""
    for d in drafts:
        if d.kind != "visit" or d.place is not None:
            continue
        visitors = {m.visitor for m in d.mentions if m.visitor in pair}
        if len(visitors) == 1:
            (visitor,) = visitors
            host = pair[1] if visitor == pair[0] else pair[0]
            d.place = Place(name=country_name(host) or host, country=host)
            d.rules.append("place:visitor_other")


_SIGNS_A_STATEMENT = re.compile(r"(?:declarations?|statements?|communiqu[eé]s?)$", re.I)


def fold_signed_statements(drafts: list[Draft], state: State) -> list[Draft]:
    """ "Japan, Australia sign new security declaration" over "... have signed a new joint declaration": a signing
    whose every object is a declaration or statement is the signing of the article's joint statement, one
    occasion; its mentions become evidence of that statement (when there is exactly one done statement)."""
    statements = [d for d in drafts if d.kind == "statement" and d.status not in FUTURE]
    if len(statements) != 1:
        return drafts
    target = statements[0]
    out = []
    for d in drafts:
        if (
            d.kind == "signing"
            and _group(d.status) == _group(target.status)
            and _dates_compatible(d.date, target.date)
            and all(_SIGNS_A_STATEMENT.search(state.text[m.start : m.end]) for m in d.mentions)
        ):
            target.mentions = sorted([*target.mentions, *d.mentions], key=lambda m: m.start)
            target.rules.append("signing_of_statement")
            continue
        out.append(d)
    return out


def place_from_location_line(drafts: list[Draft], state: State, pair: tuple[str, str]) -> None:
    """ "Event  Joint Press Statement / Location  President's Hall of the Malacañan Palace in Manila": a furniture
    line of the release names where its occasion was held; the done sessions without a place take it."""
    from_line = lexicon().location_line.search(state.text, 0, min(len(state.text), 600))
    if from_line is None:
        return
    places = [pm for pm in state.places_in(from_line.start(), from_line.end()) if pm.country in pair]
    if not places:
        return
    place = Place(name=places[0].name, country=places[0].country)
    for d in drafts:
        if d.kind in SESSION_KINDS and d.status not in FUTURE and d.place is None and not d.remote:
            d.place = place
            d.rules.append("place:location_line")


def share_planned_visit(drafts: list[Draft]) -> None:
    """ "Yoon will travel to Vietnam next week ... is set to hold a summit with To Lam in Hanoi": the talks, signing
    or statement planned during the one planned visit, with no date of their own, take the visit's month (its
    day is not theirs: a visit lasts days)."""
    visits = [d for d in drafts if d.kind == "visit" and d.status in FUTURE and d.date is not None]
    if len({d.date.start[:7] for d in visits if d.date}) != 1:
        return
    when = visits[0].date
    assert when is not None
    for d in drafts:
        if d.kind in SESSION_KINDS and d.status in FUTURE and d.date is None:
            if (
                d.place is not None
                and visits[0].place is not None
                and d.place.country != visits[0].place.country
            ):
                continue  # another leg of the tour
            precision = "month" if when.precision == "day" else when.precision
            d.date = DateValue(
                start=when.start[:7] if precision == "month" else when.start,
                end=None,
                precision=precision,
                text=when.text,
            )  # type: ignore[arg-type]
            d.rules.append("date:planned_visit_month")
