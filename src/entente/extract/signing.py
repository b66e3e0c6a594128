"""Signing verbs: the one lexicon of how a text says an instrument was signed, sealed or exchanged.

The words live in ``data/signing.json`` (every written form of each verb: base, third person, past and
participle, gerund, British and American spellings; multi-word signings; signing nouns).  This module
compiles them once and answers three questions:

``find_signings(text, lo=0, hi=None) -> list[SigningCue]``
    every signing cue in ``text[lo:hi]``, in order.  A cue has ``start``/``end`` (offsets into ``text``),
    ``lemma`` ("sign", "ink", "seal", "strike", "formalise", "exchange", ...), ``form`` (``base``,
    ``third``, ``past``, ``gerund``, ``passive`` for "was signed by" / "have been inked", ``phrase`` for
    "put pen to paper on", ``noun`` for "the signing of"), ``status`` (the SPEC agreement status a done
    cue gives: ``signed`` or ``exchanged``) and ``done`` (past, passive or phrase: the signing happened;
    a base, third-person or gerund form needs its clause's modality: "will sign", "leaders sign pact" in a
    caption, "ahead of signing").  ``strike`` counts only with an object after it ("struck a deal").
``signing_pattern() -> re.Pattern``
    one case-insensitive regex matching any single-word form (for a quick "is there a signing here").
``ends_with_signing(text) -> bool``
    ``text`` ends with a signing verb and at most three determiners or modifiers ("... signed a new",
    "inked two"): the next noun is its object.
``forms(status=None, which=("base", "third", "past", "gerund"), needs_object=None) -> tuple[str, ...]``
    the word forms, optionally only those giving one status, for building other cue lists.
``expand_slots(pattern) -> str``
    a regex of another lexicon (``data/event_triggers.json``) with its ``{signing:...}`` slots replaced by
    these forms, so the events' signing triggers and the agreements read one list of verbs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..data import load
from .lexfilter import CaseFreeScan, case_free, scan_of

Form = Literal["base", "third", "past", "gerund", "passive", "phrase", "noun"]
_WORD_FORMS = ("base", "third", "past", "gerund")
_AUXILIARY = re.compile(
    r"\b(?:was|were|is|are|be|been|being|get|gets|got|had|has|have)\s+(?:(?:now|also|finally|formally|jointly|"
    r"officially|successfully|just|already)\s+)?$",
    re.I,
)
_OBJECT_AFTER = re.compile(r"\s+(?:a|an|the|two|three|four|five|several|new|\d+|[A-Z])", re.I)


@dataclass(frozen=True)
class SigningCue:
    start: int
    end: int
    lemma: str
    form: Form
    status: str

    @property
    def done(self) -> bool:
        return self.form in ("past", "passive", "phrase")


@cache
def _table() -> dict[str, tuple[str, str, str, bool]]:
    """word form -> (lemma, form, status, needs_object)."""
    out: dict[str, tuple[str, str, str, bool]] = {}
    for verb in load("signing.json").verbs:
        for which in _WORD_FORMS:
            for word in getattr(verb, which):
                out.setdefault(word, (verb.lemma, which, verb.status, verb.needs_object))
    return out


def forms(
    status: str | None = None, which: tuple[str, ...] = _WORD_FORMS, needs_object: bool | None = None
) -> tuple[str, ...]:
    return tuple(
        w
        for w, (_, f, s, o) in _table().items()
        if f in which and (status is None or s == status) and (needs_object is None or o == needs_object)
    )


_SLOT = re.compile(r"\{signing:(?P<which>[a-z+]+)(?::(?P<status>signed|exchanged))?(?::(?P<obj>object))?\}")


def expand_slots(pattern: str) -> str:
    """Other lexicons' regexes name the signing verbs instead of listing them: ``{signing:past}`` is every past
    form of a verb giving ``signed`` that needs no object; ``{signing:base+third+past+gerund:signed}`` names
    the forms and status; ``:object`` takes the verbs that count only with an object ("struck a deal");
    ``{signing:past:exchanged}`` the exchange verbs.  Each slot becomes a non-capturing alternation."""

    def alternation(m: re.Match[str]) -> str:
        which = tuple(m.group("which").split("+"))
        unknown = set(which) - set(_WORD_FORMS)
        if unknown:
            raise ValueError(f"signing slot {m.group(0)!r}: unknown form {sorted(unknown)}")
        words = forms(m.group("status") or "signed", which, needs_object=bool(m.group("obj")))
        if not words:
            raise ValueError(f"signing slot {m.group(0)!r} names no word of data/signing.json")
        return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"

    return _SLOT.sub(alternation, pattern)


@cache
def signing_pattern() -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(_table(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I)


@cache
def _multi_pattern() -> re.Pattern[str]:
    data = load("signing.json")
    entries = [(p, "phrase") for p in data.phrases] + [(n, "noun") for n in data.nouns]
    space = r"\s+"
    alt = "|".join(
        f"(?P<{kind}{i}>{space.join(re.escape(w) for w in phrase.split())})"
        for i, (phrase, kind) in enumerate(sorted(entries, key=lambda e: -len(e[0])))
    )
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I)


def find_signings(text: str, lo: int = 0, hi: int | None = None) -> list[SigningCue]:
    hi = len(text) if hi is None else hi
    out: list[SigningCue] = []
    taken: list[tuple[int, int]] = []
    # Both searched on the lower-cased text (without re.I) where that finds the same; words read from ``text``.
    low = case_free(text)
    multi_scan, verb_scan, _ = _scans()
    multi, hay = multi_scan.on(text, low)
    for m in multi.finditer(hay, lo, hi):
        kind = "phrase" if (m.lastgroup or "").startswith("phrase") else "noun"
        first = text[m.start() : m.end()].split()[0].lower()
        lemma, _, status, _o = _table().get(first, ("sign", "", "signed", False))
        out.append(SigningCue(m.start(), m.end(), lemma, kind, status))  # type: ignore[arg-type]
        taken.append((m.start(), m.end()))
    verbs, hay = verb_scan.on(text, low)
    for m in verbs.finditer(hay, lo, hi):
        if any(s <= m.start() < e for s, e in taken):
            continue
        lemma, form, status, needs_object = _table()[text[m.start() : m.end()].lower()]
        if needs_object and not _OBJECT_AFTER.match(text, m.end(), hi):
            continue
        if form == "past" and _AUXILIARY.search(text, max(lo, m.start() - 40), m.start()):
            form = "passive"
        out.append(SigningCue(m.start(), m.end(), lemma, form, status))  # type: ignore[arg-type]
    out.sort(key=lambda c: c.start)
    return out


@cache
def _ends_with() -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(_table(), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:{alt}|adopted|adopt|adopting|concluded)\s+(?:(?:a|an|the|two|three|new|joint|\w+-year|"
        rf"bilateral)\s+){{0,3}}$",
        re.I,
    )


@cache
def _scans() -> tuple[CaseFreeScan, CaseFreeScan, CaseFreeScan]:
    """The case-free scans of the phrase, verb and clause-end patterns (made with the tables)."""
    return scan_of(_multi_pattern()), scan_of(signing_pattern()), scan_of(_ends_with())


def ends_with_signing(text: str) -> bool:
    regex, hay = _scans()[2].on(text, case_free(text))
    return regex.search(hay) is not None


__all__ = ["SigningCue", "ends_with_signing", "expand_slots", "find_signings", "forms", "signing_pattern"]
