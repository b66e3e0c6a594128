"""An instrument's status from its own clause: the nearest status cue ("signed", "in force", "to
finalise", "negotiations"), the modality governing a done cue ("will sign" is planned), and the line
that introduces a list of instruments ("witnessed the signing of the following:")."""

from __future__ import annotations

import re

from ...record import AHEAD_STATUSES
from ..areas import _lowered, clause_status
from .clauses import clause_end, clause_lo, clause_start
from .lexicon import attempt_cue, cue_blockers, status_cue_filter, status_cues
from .mentions import Mention

# An instrument named as the object of a noun: what a cue before it says is about something else.
_GOVERNED = re.compile(
    r"\b(?:anniversary|spirit|principles|implementation|legacy|renewal|expiry|review)\s+of\s+(?:the\s+)?$|"
    r"\b(?:in line with|pursuant to|in accordance with|based on)\s+(?:the\s+)?$",
    re.I,
)
_EARLIER = re.compile(r"\b(?:earlier|previously)\b", re.I)  # "Earlier, both leaders will witness ...": done
# An item of a list introduced by a line ending with a colon: "(a) Memorandum of ...;", "- Agreement on ...".
LIST_ITEM = re.compile(r"[ \t]*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]|[-•*–])[ \t]+")


def status_of(text: str, sentence: tuple[int, int], m: Mention) -> tuple[str, str]:
    start, end = sentence
    lo = clause_start(text, m.head_start, start)
    hi = clause_end(text, m.end, end)
    tried = _attempted(text, clause_lo(text, start, m.start), m)
    if tried is not None:
        return tried
    best: tuple[int, str, int, int, bool] | None = None  # distance, status, cue start, cue end, after
    cues = status_cues()
    blocked = [(b.start(), b.end()) for b in cue_blockers().finditer(text, lo, hi)]
    for i in status_cue_filter().candidates(text, _lowered(text), lo, hi):  # cues whose words are there
        status, pattern = cues[i]
        for c in pattern.finditer(text, lo, hi):
            if c.start() < m.end and c.end() > m.start:
                continue
            if any(bs <= c.start() and c.end() <= be for bs, be in blocked):
                continue  # "fuel in exchange for grain": no exchange of instruments
            after = c.start() >= m.end
            dist = c.start() - m.end if after else m.start - c.end()
            if after and dist > 60:
                continue
            # Equal distance: the longer cue ("to sign" over "sign") wins.
            if (
                best is None
                or dist < best[0]
                or (dist == best[0] and c.end() - c.start() > best[3] - best[2])
            ):
                best = (dist, status, c.start(), c.end(), after)
    sentence_text = text[start:end]
    if best is None:
        mod, rule = clause_status(sentence_text, m.head_start - start, "agreed", decided="planned")
        if mod in AHEAD_STATUSES and re.search(r"\bnew\b", text[max(start, m.start - 12) : m.start]):
            return "planned", f"agreements:new+{rule}"
        return "referenced", "agreements:referenced"
    _, status, cs, ce, after = best
    if not after and _GOVERNED.search(text, max(start, m.start - 40), m.start):
        return "referenced", "agreements:governed"  # "on the anniversary of the X Declaration": another's cue
    cue = text[cs:ce].lower()
    if status in ("signed", "exchanged", "concluded") and not after:
        lo_clause = clause_lo(text, start, cs)
        mod, rule = clause_status(text[lo_clause:end], cs - lo_clause, "agreed", decided="planned")
        if mod in AHEAD_STATUSES and not _EARLIER.search(sentence_text):
            return "planned", f"agreements:cue:{cue}; {rule}"
    if status == "planned" and after and not re.match(r"to (?:be )?sign", cue):
        # "negotiations to conclude them by 2025": the nearer cue before decides if there is one.
        return "negotiating" if re.search(
            r"negotiat", text[m.start : ce], re.I
        ) else "planned", f"agreements:cue:{cue}"
    if m.kind == "exchange_of_notes" and status == "signed" and cue.startswith("witness"):
        status = "exchanged"
    return status, f"agreements:cue:{cue}"


def _attempted(text: str, lo: int, m: Mention) -> tuple[str, str] | None:
    """ "is also trying to strike a similar deal", "hopes to seal an accord": an attempt governs the
    instrument, which is planned (or under negotiation), never signed."""
    for a in attempt_cue().finditer(text, max(lo, m.start - 80), m.start):
        if m.start - a.end() > 40 or re.search(r"[,;:]", text[a.end() : m.start]):
            continue  # "keen to boost exports, the two signed a deal": the attempt is about something else
        if re.search(r"negotiat|talks", text[a.start() : m.end], re.I):
            return "negotiating", f"agreements:attempt:{a.group(0).lower()}"
        return "planned", f"agreements:attempt:{a.group(0).lower()}"
    return None


def list_status(text: str, m: Mention) -> tuple[str, str] | None:
    """The status of a list item's instrument, from the line that introduces the list ("The two leaders
    witnessed the signing of the following instruments:" then "(a) Memorandum of Understanding on ...")."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if not LIST_ITEM.match(text, line_start) or not LIST_ITEM.match(text, line_start, m.start + 1):
        if not LIST_ITEM.fullmatch(text, line_start, m.start):
            return None
    pos = line_start
    for _ in range(12):  # back over the earlier items to the line with the colon
        if pos <= 0:
            return None
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start : pos - 1]
        if line.rstrip().endswith(":"):
            intro = Mention("other", pos - 1, pos - 1, pos - 1, pos - 1, "list")
            status, rule = status_of(text, (prev_start, pos - 1), intro)
            return (status, f"agreements:list-item; {rule}") if status != "referenced" else None
        if line.strip() and not LIST_ITEM.match(line):
            return None
        pos = prev_start
    return None
