"""Event triggers (``data/event_triggers.json``): which kinds of event a sentence names, and where.

A trigger names the signing verbs by a slot (``{signing:past}``, see :func:`..signing.expand_slots`): the
verbs are those of ``data/signing.json``, shared with the agreements module, never a second list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...data import load
from ..lexfilter import (
    CASE_ODD,
    CaseFreeScan,
    Requirement,
    WordKeys,
    case_free,
    holds,
    lowered,
    required_literals,
    scan_of,
)
from ..signing import expand_slots


@dataclass(frozen=True)
class Trigger:
    kind: str
    pattern: re.Pattern[str]
    anaphoric: bool
    name: str


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    not_after_visit: re.Pattern[str]
    multilateral: re.Pattern[str]
    repeat: re.Pattern[str]
    reporting_date: re.Pattern[str]
    duration: re.Pattern[str]
    numbers: dict[str, int]
    here: re.Pattern[str]
    pair_reference: re.Pattern[str]
    adjunct_before: re.Pattern[str]
    decision_cue: re.Pattern[str]
    date_barrier: re.Pattern[str]
    relative_open: re.Pattern[str]
    date_not_event: re.Pattern[str]
    remote: re.Pattern[str]
    location_line: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    data = load("event_triggers.json")
    triggers = []
    for kind in data.order:
        spec = data.kinds[kind]
        for i, p in enumerate(spec.patterns()):
            flags = 0 if p.case_sensitive else re.I
            # ``{signing:past}``: the signing verbs come from data/signing.json, the one lexicon of them
            triggers.append(Trigger(kind, re.compile(expand_slots(p.re), flags), False, f"{kind}:new:{i}"))
        for i, p in enumerate(spec.anaphoric):
            triggers.append(Trigger(kind, re.compile(p, re.I), True, f"{kind}:anaphoric:{i}"))
    not_after = data.kinds["meeting"].not_after_visit
    return Lexicon(
        triggers=tuple(triggers),
        not_after_visit=re.compile("|".join(not_after) or r"(?!x)x", re.I),
        multilateral=re.compile(data.multilateral),
        repeat=re.compile(data.repeat, re.I),
        reporting_date=re.compile(data.reporting_date, re.I),
        duration=re.compile(data.duration, re.I),
        numbers=data.numbers,
        here=re.compile(data.here, re.I),
        pair_reference=re.compile(data.pair_reference, re.I),
        adjunct_before=re.compile(data.adjunct_before, re.I),
        decision_cue=re.compile(data.decision_cue, re.I),
        date_barrier=re.compile(data.date_barrier, re.I),
        relative_open=re.compile(data.relative_open, re.I),
        date_not_event=re.compile(data.date_not_event, re.I),
        remote=re.compile(data.remote, re.I),
        location_line=re.compile(data.location_line),
    )


@cache
def _trigger_scans() -> tuple[CaseFreeScan, ...]:
    """Each trigger's case-free scan (made with the tables, not on a document: compiling costs)."""
    return tuple(scan_of(t.pattern) for t in lexicon().triggers)


@cache
def _requirements() -> tuple[Requirement, ...]:
    return tuple(required_literals(t.pattern) for t in lexicon().triggers)


@cache
def _word_keys() -> WordKeys:
    """For each trigger, the group of its required literals with the longest keys (any group will do:
    every one must be there)."""
    options = []
    for needs in _requirements():
        keyed = [g for g in needs if all(any(ch.isalnum() or ch == "_" for ch in s) for s in g)]
        options.append(max(keyed, key=lambda g: min(len(s) for s in g)) if keyed else None)
    return WordKeys(options)


def sentence_candidates(text: str, start: int, end: int) -> list[int] | None:
    """The triggers that can match in ``text[start:end]`` (whose required literals are all there), in trigger
    order, for ``find_triggers(..., checked=True)``: only those with a key in a word of the stretch are
    tested.  ``None`` when the text cannot be filtered so (then :func:`possible_triggers` is ``None`` too)."""
    low = lowered(text)
    if low is None:
        return None
    needs = _requirements()
    sentence = low[start:end]
    return [i for i in _word_keys().candidates(text, low, start, end) if holds(needs[i], sentence)]


def possible_triggers(text: str) -> list[int] | None:
    """Indices of the triggers whose required literals are all in ``text`` (``None``: all of them)."""
    low = text.lower()
    if len(low) != len(text) or CASE_ODD.search(text) is not None:
        return None
    return [i for i, needs in enumerate(_requirements()) if holds(needs, low)]


# A trigger in an infinitive or future of its own ("agreed to meet", "will hold talks"): another occasion than a
# done one of the same kind in its sentence.
_SIDELINES = re.compile(r"\b(?:sidelines|margins)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)
_TO_COME = re.compile(r"\b(?:to|will|shall)\s+(?:\w+\s+)?(?:meet|hold)\b", re.I)


def find_triggers(
    sentence: str, candidates: list[int] | None = None, checked: bool = False
) -> list[tuple[Trigger, int, int]]:
    """Non-overlapping triggers of a sentence; earlier kinds win overlaps; one per kind and role.

    ``candidates``: indices of the triggers that can match (:func:`possible_triggers` of a text
    holding the sentence); the others are not tried.  ``checked``: they are those of this very sentence
    (:func:`sentence_candidates`).
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[Trigger, int, int]] = []
    seen: set[tuple[str, bool]] = set()
    triggers = lexicon().triggers
    pool: list[int] | range = range(len(triggers)) if candidates is None else candidates
    if not checked:
        low = sentence.lower()
        if len(low) == len(sentence) and CASE_ODD.search(sentence) is None:
            needs = _requirements()
            pool = [i for i in pool if holds(needs[i], low)]  # the others cannot match here
    low: str | None = None  # each trigger searched on the lower case where that finds the same (made once)
    scans = _trigger_scans()
    for i in pool:
        trig = triggers[i]
        scan = scans[i]
        if low is None and scan.lower is not None:
            low = case_free(sentence)
        regex, hay = scan.on(sentence, low)
        for m in regex.finditer(hay):
            s, e = m.span()
            if e == s or any(s < te and ts < e for ts, te in taken):
                continue
            if trig.kind == "meeting" and _SIDELINES.search(sentence, max(0, s - 60), s):
                continue  # "held talks on the sidelines of the G20 summit": the summit is where, not what
            taken.append((s, e))
            # one per kind and role, and one more to come beside one done: "During the call, they agreed to
            # meet in person" is a call held and a meeting planned
            later = trig.kind == "meeting" and bool(_TO_COME.search(sentence, max(0, s - 40), s + 8))
            key = (trig.kind, trig.anaphoric, later)
            if key in seen:
                continue
            seen.add(key)
            found.append((trig, s, e))
    # a new trigger of a kind makes an anaphoric one of the same kind in that sentence redundant
    new_kinds = {t.kind for t, _, _ in found if not t.anaphoric}
    found = [(t, s, e) for t, s, e in found if not (t.anaphoric and t.kind in new_kinds)]
    kinds = {t.kind for t, _, _ in found}
    if "visit" in kinds:  # "a visit ... to meet officials": the meeting is the visit's purpose
        found = [
            (t, s, e)
            for t, s, e in found
            if not (t.kind == "meeting" and lexicon().not_after_visit.search(sentence, max(0, s - 4), e))
        ]
    return sorted(found, key=lambda x: x[1])
