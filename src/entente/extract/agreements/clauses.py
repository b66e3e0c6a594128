"""Clause bounds around an instrument mention: where its clause starts and ends in its sentence."""

from __future__ import annotations

import re

SIDE_CLAUSE = re.compile(r",\s+(?:\w+ing|which|who|that|where|after|as|amid|following)\b", re.I)


# Compiled once (a module-level ``re`` call looks its pattern up in re's cache every time).
_CLAUSE_STOP = re.compile(
    r"[;.!?](?:\s|$)|\s(?:and|while|but)\s+(?:also\s+)?(?:\w+ed|will|would)\b|,\s+(?:and|while)\s"
)
_CLAUSE_CUT = re.compile(r"[;:]\s|\.\s")
_CLAUSE_LO = re.compile(
    r",\s+(?:and|while|but|whereas)\s|;\s|:\s|,?\s+as\s+(?=(?:both|the two|the|their|its|his|her)\s+\w+(?:\s+\w+ed\b|\s*$))"
)


def clause_end(text: str, pos: int, end: int) -> int:
    stop = _CLAUSE_STOP.search(text[pos:end])
    return min(end, pos + (stop.start() if stop else end - pos), pos + 160)


def clause_start(text: str, pos: int, start: int) -> int:
    cut = start
    for m in _CLAUSE_CUT.finditer(text[start:pos]):
        cut = start + m.end()
    return max(cut, pos - 120)


def clause_lo(text: str, start: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ", and", ";", ", while", ", but" before it, or a
    subordinate "as" with its own subject ("decided to raise ties ... as both leaders signed ...")."""
    cut = start
    for m in _CLAUSE_LO.finditer(text[start:pos]):
        cut = start + m.end()
    return cut
