"""The agreements lexicon, compiled: instrument heads by kind, multilateral names, blocs, status and
deadline cues, count words (all from ``data/agreements.json``, read through its contract)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...data import load
from ..lexfilter import LiteralFilter
from ..signing import forms


@dataclass(frozen=True)
class Head:
    kind: str
    label: str
    pattern: re.Pattern[str]
    untitled: bool
    abbreviation: bool
    weak: bool = False  # counts only right after a signing verb
    done_only: bool = False  # counts only when its clause signs, adopts or exchanges it


def head_regex(phrase: str) -> str:
    """A phrase's words with any run of spaces or hyphens between them, a plural accepted."""
    body = r"[\s\-]+".join(re.escape(w) for w in phrase.split())
    if phrase[-1] in "yY" and phrase[-2:-1].lower() not in "aeiou":
        body = body[:-1] + r"(?:y|ies|IES)"  # "treaties"
    elif phrase[-1].isalpha():
        body += r"(?:s|es)?"
    return rf"(?<![\w-]){body}(?![\w-])"


def lexicon():
    return load("agreements.json")


@cache
def heads() -> tuple[Head, ...]:
    out = []
    for kind, spec in lexicon().kinds.items():
        for h in spec.heads:
            out.append(Head(kind, h, re.compile(head_regex(h), re.I), spec.untitled, False))
        for a in spec.abbreviations:
            out.append(Head(kind, a, re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])"), True, True))
        for h in spec.weak_heads:
            out.append(Head(kind, h, re.compile(head_regex(h), re.I), False, False, True))
        for h in spec.done_heads:
            out.append(Head(kind, h, re.compile(head_regex(h), re.I), False, False, done_only=True))
    return tuple(out)


@cache
def generic_heads() -> re.Pattern[str]:
    """Generic words for an instrument ("deal", "pact", "accord", "agreement"): a later mention of one."""
    words = [w for spec in lexicon().kinds.values() for w in spec.generic]
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alt})s?$", re.I)


@cache
def multilateral() -> re.Pattern[str]:
    names = lexicon().multilateral
    return re.compile("|".join(head_regex(n) for n in sorted(names, key=len, reverse=True)), re.I)


@cache
def blocs() -> re.Pattern[str]:
    names = lexicon().blocs
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:with|and)\s+(?:the\s+)?(?:{alt})\b")


@cache
def _cue_words() -> dict[str, list[str]]:
    """The status cues: those of ``data/agreements.json`` plus the signing verbs of ``data/signing.json`` (the one
    lexicon of them, shared with the events), every form for the status each gives ("struck" only in the past:
    "strike" alone is no signing)."""
    out = {status: list(words) for status, words in lexicon().status_cues.items()}
    for status in ("signed", "exchanged"):
        words = out.setdefault(status, [])
        verbs = forms(status, needs_object=False) + forms(status, ("past",), needs_object=True)
        words += [w for w in verbs if w not in words]
    return out


@cache
def status_cues() -> list[tuple[str, re.Pattern[str]]]:
    cues = _cue_words()
    out = []
    for status, words in cues.items():
        for c in words:
            regex = head_regex(c).replace("(?:s|es)?", "")
            if c.lower().startswith("to "):  # "to urgently finalise", "to formally sign"
                regex = regex.replace(r"to[\s\-]+", r"to[\s\-]+(?:\w+ly\s+)?", 1)
            out.append((status, re.compile(regex, re.I)))
    return out


def words_of(phrase: str) -> tuple[str, ...] | None:
    """The lower-case words every case-insensitive match of ``head_regex(phrase)`` holds."""
    return tuple(w.lower() for w in phrase.split() if w.isascii()) or None


@cache
def status_cue_filter() -> LiteralFilter:
    """Skips a status cue's regex when one of its words is not in the clause."""
    cues = _cue_words()
    return LiteralFilter([(words_of(c), False) for words in cues.values() for c in words])


@cache
def multilateral_filter() -> LiteralFilter:
    """Is any multilateral instrument's name possible in a sentence (all its words in it)?"""
    return LiteralFilter([(words_of(n), False) for n in lexicon().multilateral])


@cache
def counts() -> tuple[re.Pattern[str], dict[str, int | None]]:
    """A count right before a head ("signed 13 accords", "seven MoUs") and the values of count words."""
    table: dict[str, int | None] = {k.lower(): v for k, v in lexicon().counts.items()}
    alt = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:(?<![\w,.])(?!(?:19|20)\d\d\b)(?P<num>\d{{1,4}})|\b(?P<word>{alt}))\s+(?:(?!(?:countries|sides|leaders|nations|years|days|"
        rf"months|governments|ministers)\b)(?:[a-z][\w-]*|G2G|B2B)\s+){{0,2}}$",
        re.I,
    )
    return pattern, table


@cache
def deadline_cue() -> re.Pattern[str]:
    cues = lexicon().deadline_cues
    alt = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(
        rf"\b(?:{alt})(?:\s+the\s+end\s+of|\s+end-|\s+the\s+(?:first|second|third|fourth)\s+\w+\s+of)?\s*$",
        re.I,
    )


@cache
def head_literals() -> tuple[tuple[Head, tuple[str, ...] | None], ...]:
    """Each head with the literals every match of it contains (lower case unless an abbreviation)."""
    out: list[tuple[Head, tuple[str, ...] | None]] = []
    for head in heads():
        if head.abbreviation:
            out.append((head, (head.label,)))
            continue
        words = [w.lower() for w in head.label.split() if w.isascii()]
        if words and words[-1].endswith("y") and words[-1][-2:-1] not in "aeiou":
            words[-1] = words[-1][:-1]  # "treaties" holds "treat", not "treaty"
        out.append((head, tuple(words) or None))
    return tuple(out)


@cache
def head_filter() -> LiteralFilter:
    """Skips a head's regex when one of its words is not in the sentence."""
    return LiteralFilter([(literals, head.abbreviation) for head, literals in head_literals()])


def _alt(words: list[str]) -> str:
    return "|".join(
        r"[\s\-]+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True)
    )


@cache
def attempt_cue() -> re.Pattern[str]:
    """ "is trying to strike", "hopes to seal", "in a bid to clinch": an attempt governs what follows."""
    return re.compile(rf"\b(?:{_alt(lexicon().attempt_cues)})\s+(?:\w+ly\s+)?\w+", re.I)


@cache
def modifier_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The words before a head that make it a similar instrument, another one, or an evaluated one."""
    lex = lexicon()
    return tuple(  # type: ignore[return-value]
        re.compile(rf"(?<![\w-])(?:{_alt(words)})(?![\w-])", re.I) if words else re.compile(r"(?!x)x")
        for words in (lex.similar_words, lex.other_words, lex.evaluative_words)
    )


@cache
def regional_prefix() -> re.Pattern[str]:
    """A title that begins with a region ("South Asian Free Trade Area"): a regional instrument."""
    return re.compile(rf"(?:the\s+)?(?:{_alt(lexicon().regional_prefixes)})(?![\w-])", re.I)


@cache
def deal_verb_before() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().deal_verb_before)


@cache
def cue_blockers() -> re.Pattern[str]:
    """Phrases in which a status cue's word is no cue ("in exchange for goods", "an exchange of views")."""
    words = lexicon().cue_blockers
    return re.compile(rf"(?<![\w-])(?:{_alt(words)})(?![\w-])" if words else r"(?!x)x", re.I)
