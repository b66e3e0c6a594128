"""Stricter readings of area keywords (``data/areas.json``), used by ``areas.py``.

A keyword is no area of cooperation when it is:

- a restriction: the keyword before "embargo", "ban", "sanctions" ("the arms embargo");
- a company: a capitalised keyword that is an organisation's head ending a name after another
  capitalised word ("HCL Technologies", "Siemens Energy"), outside a Title Case headline (not for the
  ``force_areas``: "the Indian Navy" is a state's navy);
- a name (region, issue's place, body) used as a descriptor of another noun ("Middle East producers",
  "the UN war crimes tribunal"), and, in ``areas.py``, a name in a sentence where the pair does not act
  together (:func:`joint_actor`);
- a generic word ("industry", "industries") that is not a field of cooperation: it counts after a frame
  ("cooperation in", "fields of"), before a cooperation head ("industrial sectors"), or in a list with
  another area, and never after a quantifier ("other industries").
"""

from __future__ import annotations

import re
from functools import cache

from ..data import load
from .lexfilter import CaseFreeScan, case_free, scan_of


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@cache
def _restrictive() -> re.Pattern[str]:
    return re.compile(rf"[\s-]+(?:{_alternation(load('areas.json').restrictive_after)})\b", re.I)


def restricted(text: str, end: int) -> bool:
    """The keyword ending at ``end`` names what a restriction restricts: "the arms embargo", "a trade ban"."""
    return bool(_restrictive().match(text, end, min(len(text), end + 30)))


@cache
def _descriptor() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("areas.json")
    direct = re.compile(rf"(?:'s)?\s+(?:{_alternation(data.name_descriptors)})\b(?!-)")
    # "the UN war crimes tribunal": lower-case words then an organisation's head
    word = rf"(?!(?:{_alternation(data.not_name_words)})\b)[a-z][\w'’-]*"
    heads = _alternation([h.lower() for h in load("organizations.json").heads])
    body = re.compile(rf"\s+(?:{word}\s+){{1,3}}(?:{heads})\b")
    return direct, body


def descriptor(text: str, end: int) -> bool:
    """A name that qualifies another noun ("Middle East producers", "ASEAN member states", "the UN war
    crimes tribunal", a body of its own) describes it: it is no topic of the pair."""
    direct, body = _descriptor()
    stop = min(len(text), end + 60)
    return bool(direct.match(text, end, stop) or body.match(text, end, stop))


@cache
def _joint() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(load('areas.json').joint_actors)})(?![\w-])", re.I)


@cache
def _joint_scan() -> CaseFreeScan:
    return scan_of(_joint())


def joint_actor(sentence: str) -> bool:
    """The sentence names the pair acting together: "both leaders", "the two sides", "they", "our"."""
    regex, hay = _joint_scan().on(sentence, case_free(sentence))  # the lower case where that is the same
    return regex.search(hay) is not None


@cache
def _company() -> tuple[frozenset[str], frozenset[str]]:
    heads = frozenset(h.lower() for h in load("organizations.json").heads)
    return heads, frozenset(load("areas.json").not_name_words)


_CAP_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w&'’.-]*)\s$")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”‘(])\s*$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _headline(text: str, start: int, end: int) -> bool:
    words = _WORD.findall(text, start, min(end, start + 200))[:12]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) * 2 > len(words)


def company(text: str, start: int, end: int, stretch_start: int, stretch_end: int) -> bool:
    """A capitalised keyword that is an organisation's head (``organizations.json``: "Technologies",
    "Energy", "Industries") and ends a name after another capitalised word: "India's HCL Technologies",
    "Siemens Energy" is a company.  A named project is not ("the Hafeet Rail network", "Sohar Port")."""
    word = text[start:end]
    heads, not_name = _company()
    if not word[:1].isupper() or word.isupper() or word.lower() not in heads:
        return False
    before = _CAP_BEFORE.search(text, max(stretch_start, start - 40), start)
    if before is None or before.group(1).lower() in not_name:
        return False
    if _SENTENCE_END.search(text, max(stretch_start, before.start() - 4), before.start()):
        return False  # the capitalised word opens the sentence
    after = re.match(r"\s*(\S)", text[end : end + 4])
    if after and after.group(1).isupper():
        return False  # the name goes on ("the Malaysia-Japan Energy Dialogue")
    return not _headline(text, stretch_start, stretch_end)


@cache
def _generic() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load("areas.json")
    item = r"[\w'’-]+(?:\s+[\w'’-]+){0,2}"
    frame = re.compile(
        rf"(?<![\w-])(?:{_alternation(data.field_frames)})\s+(?:the\s+)?(?:{item}(?:\s*,\s*|,?\s+(?:and|&)\s+))*"
        rf"(?:[\w'’-]+\s+)?$",
        re.I,
    )
    quantifier = re.compile(rf"(?<![\w-])(?:{_alternation(data.generic_quantifiers)})\s+$", re.I)
    head = re.compile(rf"\s+(?:{_alternation(data.adjective_heads)})\b", re.I)
    return frame, quantifier, head


_LIST_GAP = re.compile(r"[\w\s'’-]{0,30}?(?:,|\band\b|&)[\w\s'’-]{0,30}")


def generic_is_field(
    text: str, start: int, end: int, neighbours: list[tuple[int, int]], stretch_start: int
) -> bool:
    """A generic word ("industry") named as a field of cooperation: "cooperation in industry", "the fields
    of energy and industry", "industrial sectors", "energy, tourism and industry"; not "other industries"."""
    frame, quantifier, head = _generic()
    lo = max(stretch_start, start - 100)
    if quantifier.search(text, lo, start):
        return False
    if frame.search(text, lo, start) or head.match(text, end, min(len(text), end + 40)):
        return True
    for s, e in neighbours:
        gap = text[e:start] if e <= start else text[end:s]
        if len(gap) <= 60 and _LIST_GAP.fullmatch(gap):
            return True
    return False
