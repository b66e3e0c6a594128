"""Which pairs of countries does the text report bilateral relations between?

A pair is reported when its two countries act together in the text: they are
joined in one sentence ("Malaysia and Japan", "Malaysia-Japan", "between the two
countries", a leader "and his Japanese counterpart"), and both are central to
the article (mentioned repeatedly, or in the headline/lead).  Third countries
that are only mentioned do not form pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc

from .state import State

# Cues that a sentence speaks of the two countries acting with each other.
_BILATERAL_CUE = re.compile(
    r"\b(?:bilateral|counterpart|two (?:countries|nations|sides|leaders|governments|ministers)|"
    r"both (?:countries|nations|sides|leaders|governments)|ties|relations|partnership|"
    r"met|meet|meeting|talks|summit|visit|cooperat\w*|collaborat\w*|agree\w*|signed|"
    r"joint|exchange|relationship|between)\b",
    re.I,
)
_JOINED = re.compile(r"^\s*(?:and|,|-|–|/|with|to)\s*$|^\s*(?:and|with)\s+(?:its|their|his|her)\s*$", re.I)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def pair_scores(state: State, doc: Doc) -> Counter[tuple[str, str]]:
    """Evidence weight for every pair of countries co-occurring in a sentence."""
    scores: Counter[tuple[str, str]] = Counter()
    for start, end in _sentences(doc):
        mentions = state.countries_in(start, end)
        isos = sorted({m.iso3 for m in mentions})
        if len(isos) < 2:
            continue
        sentence = state.text[start:end]
        cue = bool(_BILATERAL_CUE.search(sentence))
        for a, b in combinations(isos, 2):
            weight = 1.0 if cue else 0.3
            # Directly joined mentions: "Malaysia and Japan", "Malaysia-Japan".
            ms_a = [m for m in mentions if m.iso3 == a]
            ms_b = [m for m in mentions if m.iso3 == b]
            for x in ms_a:
                for y in ms_b:
                    left, right = (x, y) if x.start < y.start else (y, x)
                    if _JOINED.match(state.text[left.end : right.start]):
                        weight += 1.0
                        break
            # Many countries in one sentence is a list, not a bilateral act.
            if len(isos) > 3:
                weight *= 0.3
            scores[(a, b)] += weight
    return scores


def choose_pairs(state: State, doc: Doc) -> list[tuple[str, str]]:
    counts = Counter(m.iso3 for m in state.country_mentions)
    scores = pair_scores(state, doc)
    if not scores:
        return []
    best = max(scores.values())
    chosen = []
    for (a, b), score in scores.most_common():
        if score < 1.5 or score < 0.5 * best:
            continue
        if min(counts[a], counts[b]) < 2:
            continue
        chosen.append((a, b))
    # A country central to every chosen pair is the article's subject; a pair of
    # two non-central countries (both only partners of the subject) is dropped.
    return chosen


@Language.component("entente_relations")
def relations_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    for a, b in choose_pairs(state, doc):
        state.relation(a, b)
    return doc
