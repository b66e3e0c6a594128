"""Counted batches of instruments ("signed seven MoUs", "three Memoranda on A, B and C", "13 accords"):
their named members, members enumerated in the sentences that follow, and announced groups whose
members are then reported one by one."""

from __future__ import annotations

import re

from ..state import State
from .merge import AGREEMENT_FAMILY, Item

CONTINUES = re.compile(
    r"\W*(?:among them|they included|these included|they include|these include|one of them|"
    r"including)\b",
    re.I,
)
_ORDINAL = re.compile(
    r"\W*(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|"
    r"final|other|another|remaining)\b[^.]{0,12}?(?:,|\s+(?:one|memorandum|mou|agreement|"
    r"document|instrument)\b)",
    re.I,
)


def split_items(text: str, start: int, end: int, count: int | None) -> list[tuple[int, int]]:
    """Split "A, B and C" into the named members of a counted group."""
    body = text[start:end]
    first = re.match(r"[A-Z][\w'-]*", body)
    seps = list(re.finditer(r",\s+(?:and\s+)?|\s+and\s+", body))
    candidates = [s for s in seps if re.match(r"[A-Z]", body[s.end() :])]
    if first is not None:
        lead = [s for s in candidates if body[s.end() :].startswith(first.group(0) + " ")]
        if count and len(lead) + 1 == count:
            candidates = lead
    if count and len(candidates) + 1 != count:
        return []
    out, pos = [], 0
    for s in candidates:
        out.append((start + pos, start + s.start()))
        pos = s.end()
    out.append((start + pos, end))
    return [(a, b) for a, b in out if b > a]


def enumerated(state: State, sentences, index: int, count: int) -> list[tuple[int, int]]:
    """Sentences after a counted group that name its members in turn ("The first, ...", "The second ...")."""
    out = []
    for ps in sentences[index + 1 : index + 2 + count]:
        m = _ORDINAL.match(state.text, ps.start, ps.end)
        if m is None:
            break
        out.append((ps.start, ps.end))
    return out if len(out) == count else []


def drop_announced_groups(items: list[Item]) -> list[Item]:
    """ "Talks continue on two further accords. Negotiators are working on an agreement ... and on an
    agreement ...": an untitled counted group whose members follow one by one is those members."""
    out = []
    for i, it in enumerate(items):
        g = it.agreement
        if g.count and not g.title and not it.grouped and g.evidence:
            pos = g.evidence[0].start
            later = [
                x
                for x in items[i + 1 :]
                if x.pairs == it.pairs
                and x.agreement.count is None
                and x.agreement.evidence
                and 0 < x.agreement.evidence[0].start - pos < 600
                and (x.agreement.kind == g.kind or {x.agreement.kind, g.kind} <= AGREEMENT_FAMILY)
            ]
            if len(later) >= g.count:
                continue
        out.append(it)
    return out
