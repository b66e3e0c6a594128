"""Commitments: what a pair undertook to do, by when ("... to conclude them by 2025").

A commitment is a clause governed by an undertaking ("committed to", "pledged
to", "agreed to", "aim to", "target", "will") in a sentence about the pair,
that carries a deadline ("by 2025", "before the end of 2026", "no later than
June").  Its text is the undertaking as written, from the verb's complement to
the deadline; its areas come from the area lexicon over that text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..record import Commitment
from .agreements import date_mentions, split_deadline
from .areas import area_matches
from .lexfilter import case_free_text, compile_ci, scan_of
from .scope import pair_sentences
from .state import State

_UNDERTAKING = compile_ci(
    r"\b(?:committed to|commitment to|commit to|commits to|pledged to|pledge to|pledges to|agreed to|agree to|"
    r"agrees to|vowed to|vow to|resolved to|undertook to|undertake to|promised to|promise to|decided to|"
    r"aim to|aims to|aimed to|aiming to|seek to|seeks to|target(?:s|ed|ing)?|set a target of|goal of|"
    r"will|shall|plan to|plans to|intend to|intends to|expected to|set to)\s+"
)

_UNDERTAKING_SCAN = scan_of(_UNDERTAKING)


def find_commitments(text: str, start: int, end: int, dates) -> list[tuple[int, int, object, str]]:
    """(text start, text end, deadline DateValue, cue) for each undertaking with a deadline in ``text[start:end]``."""
    out = []
    regex, hay = _UNDERTAKING_SCAN.on(text, case_free_text(text))  # the lower case where that is the same
    cues = list(regex.finditer(hay, start, end))
    used_deadlines: set[int] = set()
    for i, cue in enumerate(cues):
        # The undertaking runs to the next one only when a clause boundary separates them.
        nxt = cues[i + 1].start() if i + 1 < len(cues) else end
        hi = nxt if re.search(r"[;.]|,\s+(?:and|while)\s", text[cue.end() : nxt]) else end
        deadline, _ = split_deadline(text, dates, cue.end(), hi)
        if deadline is None or deadline[0] in used_deadlines:
            continue
        used_deadlines.add(deadline[0])
        t_end = deadline[1]
        out.append((cue.end(), t_end, deadline[2], text[cue.start() : cue.end()].strip().lower()))
    return out


@Language.component("entente_commitments")
def commitments_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    if not state.relations:
        return doc
    text = state.text
    dates = date_mentions(state)
    for ps in pair_sentences(state, doc):
        if not ps.qualified or not ps.pairs:
            continue
        for s, e, deadline, cue in find_commitments(text, ps.start, ps.end, dates):
            areas: list[str] = []
            for m in area_matches(text, s, e):
                areas.extend(a for a in m.areas if a not in areas)
            for pair in ps.pairs:
                rel = state.relations.get(pair)
                if rel is None:
                    continue
                rel.commitments.append(
                    Commitment(
                        text=text[s:e].strip(" ,"), deadline=deadline, areas=areas,  # type: ignore[arg-type]
                        evidence=[state.span(s, e)], rule=f"commitments:{cue}+deadline",
                    )
                )
    return doc
