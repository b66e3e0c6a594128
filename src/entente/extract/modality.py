"""Modality: is a fact done, planned, expected, ongoing or only discussed?

Decided from the verbs and hedges of the clause that governs a trigger (the
words before it in its sentence, nearest first) and from attribution to an
unnamed source anywhere in the sentence.  Shared by events, levels, areas,
agreements and commitments so that one sentence gets one reading.

Three refinements over "nearest cue wins":

* a reporting verb ("..., said the Prime Minister in a joint statement") starts a
  new clause: cues before it do not govern what follows it;
* action verbs (promote, strengthen, enhance ...) carry the action, not its
  modality: the reader looks past them to a cue of the clause, and keeps them
  only when there is none;
* a done-verb right after a modal ("set to confirm", "will sign", "plans to
  launch") is governed by the modal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .lexfilter import CaseFreeScan, _norm, case_free, compile_ci, first_characters, union_starts_regex

# Each cue: (status, compiled pattern).  Order matters only for ties at the same position.
_CUES: list[tuple[str, str]] = [
    ("expected", r"\b(?:(?:is|are|was|were) )?(?:set|expected|likely|poised|certain|due|tipped|anticipated) to\b"),
    ("expected", r"\b(?:reportedly|possibly|(?-i:may)|might|could)\b"),  # "May" is also a month
    ("planned", r"\b(?:will|shall|would|'ll)\b"),
    ("planned", r"\b(?:plan|plans|planned|planning|intend|intends|intended|intention|aim|aims|aimed|seek|seeks|seeking|hope|hopes|prepare|prepares|preparing|want|wants|propose|proposed|proposes) to\b"),
    ("planned", r"\b(?:decided|agreed|agree|agrees|pledged|pledge|pledges|committed|commit|commits|vowed|resolved|undertook|promised|promise|promises) to\b"),
    ("planned", r"\b(?:to be (?:held|signed|launched|established|concluded)|scheduled|upcoming|forthcoming|next (?:week|month|year)|later this (?:week|month|year))\b"),
    ("planned", r"\b(?:committing|commitment) to\b"),
    ("planned", r"\b(?:look|looks|looked|looking) forward to\b|\binvit(?:ed|es|ing) [\w ]{1,40}? to\b|\binvitations? (?:to|for)\b"),
    ("planned", r"\b(?:the|its|their) (?-i:next)\b"),  # not a title's "for the Next Decade"
    ("ongoing", r"\b(?:continue|continues|continued|continuing|ongoing|being implemented|under way|underway|in progress|currently)\b"),
    ("discussed", r"\b(?:discussed|discuss|discusses|discussing|explained|raised|exchanged views|talked about|touched on|shared (?:views|various|information|concerns)|briefed|highlighted|emphasised|emphasized|stressed|underlined|noted)\b"),
    ("agreed", r"\b(?:agreed|agree|agrees|concurred|confirmed|confirm|confirms|reaffirmed|reaffirm|decided|committed|pledged|vowed|welcomed|signed|exchanged|endorsed|adopted|approved|launched|established|elevated|upgraded|promote|promoting|enhance|enhancing|strengthen|strengthening|deepen|deepening|expand|expanding|foster|fostering|boost|boosting|cooperate|collaborate|work together)\b"),
]
_COMPILED = [(status, compile_ci(p)) for status, p in _CUES]
# Where any cue can begin (a superset: read from the patterns' first characters); no cue matches empty.
_CUE_STARTS = union_starts_regex([p for _, p in _COMPILED], 6)
# The patterns (indices, in order) that can begin with a character (lower case, digit "0", space " ").
_ALL = tuple(range(len(_COMPILED)))
_BY_FIRST: dict[str, tuple[int, ...]] = {}
for _i, _first in enumerate(first_characters(p) for _, p in _COMPILED):
    if _first is None:  # unknown: such a pattern is tried at every start
        _BY_FIRST = {}
        break
    for _ch in _first:
        _BY_FIRST[_ch] = (*_BY_FIRST.get(_ch, ()), _i)
_ATTRIBUTED = re.compile(
    r"\b(?:a|an|the) (?:government |diplomatic |senior |informed )?(?:source|sources|official|officials)"
    r"(?: (?:familiar|close) with [\w ]+)? (?:said|says|told)|according to (?:a |the )?(?:government )?(?:source|sources)",
    re.I,
)

_ATTRIBUTED_SCAN = CaseFreeScan(_ATTRIBUTED)


@dataclass(frozen=True)
class Modality:
    status: str
    cue: str

    @property
    def rule(self) -> str:
        return f"modality:{self.status}:{self.cue.lower()}"


_REPORTING = re.compile(r"\b(?:said|says|told|added)\b", re.I)
_REPORTING_SCAN = CaseFreeScan(_REPORTING)
# Action verbs: the content of a clause, not its modality.
_ACTION = frozenset({
    "promote", "promoting", "enhance", "enhancing", "strengthen", "strengthening", "deepen", "deepening",
    "expand", "expanding", "foster", "fostering", "boost", "boosting", "cooperate", "collaborate",
    "work together",
})
# Between a modal cue and the verb it governs: at most a few words, no punctuation.
_GOVERNS = re.compile(r"^(?:\s+(?:also|further|jointly|formally|officially|soon|then|be|both|not|to|\w+ly))*\s*$", re.I)


@lru_cache(maxsize=4096)
def _cues(before: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, status, cue text) of every cue in ``before``, by end position.

    Cached: areas, agreements, events and levels read the same clauses again.
    """
    if _CUE_STARTS is None:
        found = []
        for status, pattern in _COMPILED:
            for m in pattern.finditer(before):
                found.append((m.start(), m.end(), status, m.group(0)))
        found.sort(key=lambda c: (c[1], c[0]))
        return tuple(found)
    return _cues_from(before, [m.start() for m in _CUE_STARTS.finditer(before)])


@lru_cache(maxsize=1024)
def _cue_starts(sentence: str) -> list[int]:
    """Where a cue can begin in ``sentence`` (also a superset of those of any of its prefixes)."""
    return [m.start() for m in _CUE_STARTS.finditer(sentence)]  # type: ignore[union-attr]


@lru_cache(maxsize=4096)
def _cues_before(sentence: str, pos: int) -> tuple[tuple[int, int, str, str], ...]:
    """``_cues(sentence[:pos])``, with the sentence's cue starts (read once per sentence)."""
    starts = _cue_starts(sentence)
    return _cues_from(sentence[:pos], starts[: bisect_left(starts, pos)])


def _cues_from(before: str, starts: list[int]) -> tuple[tuple[int, int, str, str], ...]:
    """Each pattern's left-to-right scan of ``before``, tried only at ``starts`` (no cue matches empty)."""
    found = []
    last = [0] * len(_COMPILED)  # where each pattern's scan stands
    for x in starts:
        # Only the patterns that can begin with this character (all of them for one not listed).
        for i in _BY_FIRST.get(_norm(before[x]), _ALL):
            if x < last[i]:
                continue
            status, pattern = _COMPILED[i]
            m = pattern.match(before, x)
            if m is not None:
                found.append((x, m.end(), status, m.group(0)))
                last[i] = m.end()
    # Same (end, start) only at one start, where patterns were tried in order: as a per-pattern scan.
    found.sort(key=lambda c: (c[1], c[0]))
    return tuple(found)


@lru_cache(maxsize=1024)
def _reporting_ends(sentence: str) -> tuple[int, ...]:
    """Where each reporting verb of ``sentence`` ends, in order (read once per sentence)."""
    regex, hay = _REPORTING_SCAN.on(sentence, case_free(sentence))
    return tuple(m.end() for m in regex.finditer(hay))


def _reporting_end(sentence: str, pos: int) -> int:
    """The end of the last reporting verb of ``sentence[:pos]`` (0 if none).  A verb of the sentence ending by
    ``pos`` is one of the prefix and the reverse holds too, except for a word that ``pos`` cuts ("said|x"):
    that prefix is searched on its own."""
    if 0 < pos < len(sentence) and _WORD_CHAR.match(sentence, pos - 1) and _WORD_CHAR.match(sentence, pos):
        before = sentence[:pos]
        end = 0
        regex, hay = _REPORTING_SCAN.on(before, case_free(before))
        for m in regex.finditer(hay):
            end = m.end()
        return end
    ends = _reporting_ends(sentence)
    k = bisect_right(ends, pos)
    return ends[k - 1] if k else 0


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=1024)
def _attributed(sentence: str) -> str | None:
    """An unnamed source the sentence cites ("a government source said"), if any (searched in the lower-cased
    sentence where that finds the same: several times faster)."""
    regex, hay = _ATTRIBUTED_SCAN.on(sentence, case_free(sentence))
    m = regex.search(hay)
    return sentence[m.start() : m.end()] if m else None


def modality(sentence: str, trigger: int | None = None, default: str = "agreed") -> Modality:
    """The modality of the clause governing ``sentence[trigger]``.

    The nearest cue of the trigger's clause decides, looking past action verbs;
    a modal right before a done-verb governs it; an unnamed source anywhere in
    the sentence makes a non-done reading ``expected``.
    """
    before = sentence if trigger is None else sentence[:trigger]
    clause_start = _reporting_end(sentence, len(before))
    if _CUE_STARTS is not None and trigger is not None and 0 <= trigger <= len(sentence):
        all_cues = _cues_before(sentence, trigger)
    else:
        all_cues = _cues(before)
    cues = [c for c in all_cues if c[0] >= clause_start]
    best: tuple[int, int, str, str] | None = None
    for cue in reversed(cues):
        if cue[2] == "agreed" and cue[3].lower() in _ACTION:
            best = best or cue  # kept only if nothing better is found
            continue
        best = cue
        break
    if best is not None and best[2] in ("agreed", "discussed", "ongoing"):
        for cue in reversed(cues):
            if cue[1] <= best[0] and cue[2] in ("planned", "expected"):
                if _GOVERNS.match(before[cue[1] : best[0]]):
                    best = cue
                break
    attributed = _attributed(sentence)
    if attributed and (best is None or best[2] in ("planned", "expected")):
        return Modality("expected", attributed)
    if best is None:
        return Modality(default, "")
    return Modality(best[2], best[3])
