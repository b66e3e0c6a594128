"""Dates the text states as its own: metadata values, labelled dates, date lines, datelines, lead dates.

The furniture of an article: "Published: 3 May 2022", a line holding only a date ("Monday , 25 November
2024"), a closing formula ("Done at Nairobi, 29 February 2024."), a dateline with or without its year
("TOKYO, Dec 16, 2023 (Kyodo) —", "PUTRAJAYA, Dec 16 —"), a lead "on Monday (Jun 6)".  Reasoning about
what the rest of the text allows is ``published_bounds``; choosing the date is ``published``.
"""

from __future__ import annotations

import re
from datetime import date

from ..record import DateValue
from .dateline import find_dateline
from .temporal import Expression, Tense, find_expressions, resolve_expression, tense_at
from .temporal_scan import month_table

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def parse_metadata_date(value: str) -> tuple[str, str] | None:
    """``(date, precision)`` from a metadata value such as ``2024-11-25`` or ``2024-11``."""
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        try:
            if d:
                return date(int(y), int(mo), int(d)).isoformat(), "day"
            if mo:
                date(int(y), int(mo), 1)
                return f"{int(y):04d}-{int(mo):02d}", "month"
            return f"{int(y):04d}", "year"
        except ValueError:
            return None
    try:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:
        parsed = None
    return (parsed.date().isoformat(), "day") if parsed else None


# ------------------------------------------------------------------ explicit dates

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z'’.\- ]{{1,40}}?)(?:\s*,\s*[A-Z][A-Za-z'’.\- ]{{1,30}}?"
    rf"|[ \t]*\([A-Z][A-Za-z'’.\- ]{{1,30}}\))?\s*,\s*"  # "SURABAYA, Indonesia, 4 May", "VLADIVOSTOK (Russia), Sept 4"
    rf"(?:(?P<mon>(?i:{_MONTHS}))\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>(?i:{_MONTHS}))\.?)"
    rf"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?"
    rf"(?:\s*(?:\([^)\n]{{1,40}}\)\.?\s*)?(?:[—–\-:]|$)|\s*\([^)\n]{{1,40}}\)[ \t]+(?=[A-Z])"
    rf"|\.?\s*/[^/\n]{{2,20}}/|\s*,\s*[A-Z]{{2,6}}\s*[—–\-]{{1,2}}"
    rf"|[ \t]+[A-Z][A-Za-z]{{1,15}}[ \t]*[—–\-]{{1,2}}[ \t])",  # "(EFE).-", "(PTI) Prime", "/TASS/.", ", SPA --", " Kyodo - "
    re.M,
)
_LABEL = re.compile(
    r"(?i)(?<![\w])(?:date|dated|published|posted|updated|last updated|publication date|issued)\s*(?:on)?\s*[:\-–]?\s*"
    r"(?:[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?)?\s*(?:(?:GMT|UTC)\s*[+\-−]?\s*\d{0,2}(?::?\d\d)?|[A-Z]{2,4})?\s*,?\s*)?$"
)
# The closing formula of a joint statement or communique dates the document: "Done at Nairobi, 29 February 2024."
_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:done|issued|adopted|signed|made)\s+(?:at|in)\s+[A-Z][\w'’.\- ]{1,40}?\s*,?\s*(?:on\s+)?(?:this\s+)?$"
)
_FULL_KINDS = {"iso", "dotted", "dmy", "mdy"}


def _to_date(value: DateValue) -> date | None:
    try:
        return date.fromisoformat(value.start) if value.precision == "day" else None
    except ValueError:
        return None


def explicit_date(text: str, expressions: list[Expression]) -> tuple[date, str, str] | None:
    """``(day, basis, rule)`` when the text states its own full date."""
    head = text[: max(400, len(text) // 20)]
    candidates: list[tuple[int, date, str, str]] = []
    for e in expressions:
        if e.kind not in _FULL_KINDS:
            continue
        value = resolve_expression(e, None)
        day = _to_date(value) if value else None
        if day is None:
            continue
        line_start = text.rfind("\n", 0, e.start) + 1
        line_end = text.find("\n", e.end)
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start : e.start], text[e.end : line_end]
        if _LABEL.search(text[max(0, e.start - 48) : e.start]):
            candidates.append((0, day, "text", "published:labelled"))
        elif _CLOSING.search(text, line_start, e.start) and len(text) - line_end < 200:
            candidates.append((1, day, "text", "published:closing-formula"))
        elif not re.sub(r"[\W_]+", "", before + after) or (
            len(before + after) < 40
            and re.fullmatch(r"[\s,|·•\-–—]*(?i:published|updated|posted)?[\s:,|·•\-–—]*", before)
            and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", after)
        ):
            candidates.append((1, day, "text", "published:date-line"))
        elif e.start < 300 and not after.strip(" .") and re.search(r"\S\s*[:|–—]\s*$", before):
            candidates.append((1, day, "text", "published:headline-date"))
        elif e.start < len(head) and _DATELINE.match(text, line_start) and e.start - line_start < 60:
            candidates.append((2, day, "dateline", "published:dateline-full"))
    for m in _DATELINE.finditer(head):
        if m.group("year"):
            mon = m.group("mon") or m.group("mon2")
            day_s = m.group("day") or m.group("day2")
            found = find_expressions(f"{mon} {day_s}, {m.group('year')}")
            value = resolve_expression(found[0], None) if found else None
            day = _to_date(value) if value else None
            if day:
                candidates.append((2, day, "dateline", "published:dateline-full"))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, day, basis, rule = candidates[0]
    return day, basis, rule


def dateline_month_day(text: str) -> tuple[int, int, int, int] | None:
    """``(month, day, start, end)`` of a dateline "PLACE, Mon DD —" near the top."""
    head = text[: max(600, len(text) // 10)]
    for m in _DATELINE.finditer(head):
        if m.group("year"):
            continue
        mon = (m.group("mon") or m.group("mon2")).lower()[:3]
        month = month_table()[mon]
        day = int(m.group("day") or m.group("day2"))
        if 1 <= day <= 31:
            return month, day, m.start(), m.end()
    return None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LEAD_DATE = re.compile(
    rf"\b(?P<wd>{'|'.join(_WEEKDAYS)})\s*(?:\(\s*|,\s*)"
    rf"(?:(?P<mon>{_MONTHS})\.?\s+(?P<day>[0-3]?\d)|(?P<day2>[0-3]?\d)\s+(?P<mon2>{_MONTHS})\.?)(?:st|nd|rd|th)?"
    rf"\s*\)?(?!\s*,?\s*\d)"
)


def lead_month_day(
    text: str, expressions: list[tuple[Expression, Tense]]
) -> tuple[int, int, int, int] | None:
    """``(month, day, start, end)`` of "on March 7" in the lead sentence of a wire story whose dateline gives
    no date ("Canberra (VNA) - Vietnam and Australia on March 7 elevated ..."): the day reported, which
    stands in for the dateline's month-day (the year is still reasoned)."""
    dl = find_dateline(text)
    if dl is None or dl.date_text:
        return None
    stop = re.search(r"[.!?](?:\s|$)", text[dl.end : dl.end + 400])
    lead_end = dl.end + (stop.start() if stop else 0)
    for e, tense in sorted(expressions, key=lambda x: x[0].start):
        if e.start < dl.end or e.start >= lead_end:
            continue
        if e.kind == "md" and tense == "past" and (e.get("prep") or "").lower() == "on":
            mon = e.get("mon").lower()[:3]
            month = month_table()[mon]
            return month, int(e.get("day")), e.start, e.end
        return None  # another date comes first
    return None


def lead_date(
    text: str, expressions: list[tuple[Expression, Tense]] = ()
) -> tuple[int, int, int, int] | None:
    """``(weekday, month, day, offset)`` of a lead "on Monday (Jun 6)" in a past clause, or of a month-day
    with its weekday near the top ("This photo, provided on Nov. 15, Friday, shows ...")."""
    head = max(500, len(text) // 8)
    for m in _LEAD_DATE.finditer(text[:head]):
        if tense_at(text, m.start(), m.end()) != "past":
            continue
        mon = (m.group("mon") or m.group("mon2")).lower()[:3]
        month = month_table()[mon]
        return _WEEKDAYS.index(m.group("wd")), month, int(m.group("day") or m.group("day2")), m.start()
    for e, tense in sorted(expressions, key=lambda x: x[0].start):
        wd = e.get("wd") or e.get("wdb")
        if e.start >= head or e.kind not in ("md", "dm") or not wd or tense != "past":
            continue
        mon = (e.get("mon") or "").lower()[:3]
        month = month_table()[mon]
        return _WEEKDAYS.index(wd.capitalize()), month, int(e.get("day") or 0), e.start
    return None
