"""Generic later mentions ("the deal", "the pact", "Thursday's declaration", "the accord"): they name no
instrument of their own, so each folds into the one titled instrument of its family that the pair has
already named, adding its evidence and the areas of its own clause.  With no titled instrument, or
several it could mean, it is left alone.  A headline's instrument ("X and Y seal trade deal"), a definite
described mention ("the trade agreement") and an evaluative one ("the most important economic agreement")
fold the same way into the one instrument of their family the pair has."""

from __future__ import annotations

import re
from functools import cache

from ..areas import Pair, PairSentence, area_matches
from ..lexfilter import CaseFreeScan, case_free_text, scan_of
from ..state import State
from .clauses import clause_end
from .lexicon import heads, lexicon
from .merge import AGREEMENT_FAMILY, Item, merge_into
from .titles import plain_modifiers

# Which rows a generic word can mean: its kind's family.
_FAMILY = {"agreement": AGREEMENT_FAMILY, "treaty": AGREEMENT_FAMILY, "fta": AGREEMENT_FAMILY}


@cache
def _generic() -> re.Pattern[str]:
    words = {w.lower(): kind for kind, spec in lexicon().kinds.items() for w in spec.generic}
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?:\b(?:the|this|that)\s+|\b[A-Z][\w-]*['’]s\s+)(?:(?:new|landmark|historic|bilateral|joint)\s+)?"
        rf"(?P<head>{alt})(?![\w-])",
        re.I,
    )


@cache
def _generic_scan() -> CaseFreeScan:
    return scan_of(_generic())


@cache
def _kind_of() -> dict[str, str]:
    return {w.lower(): kind for kind, spec in lexicon().kinds.items() for w in spec.generic}


def fold_generic_mentions(state: State, sentences: list[PairSentence], items: list[Item]) -> None:
    text = state.text
    only: list[Pair] | None = [next(iter(state.relations))] if len(state.relations) == 1 else None
    used = {(e.start, e.end) for it in items for e in it.agreement.evidence}
    generic, hay = _generic_scan().on(text, case_free_text(text))  # on the lower case where that is the same
    for ps in sentences:
        pairs = ps.pairs or only
        if not pairs:
            continue
        for m in generic.finditer(hay, ps.start, ps.end):
            hs, he = m.start("head"), m.end("head")
            if any(s < he and hs < e for s, e in used):
                continue
            kind = _kind_of()[text[hs:he].lower()]
            family = _FAMILY.get(kind, {kind})
            titled = [
                it
                for it in items
                if it.agreement.title
                and it.pairs == pairs
                and it.agreement.kind in family
                and not it.grouped
                and it.agreement.count is None
                and it.agreement.evidence
                and it.agreement.evidence[0].start < hs
            ]
            if len(titled) != 1:
                continue
            target = titled[0].agreement
            target.evidence.append(state.span(hs, he))
            used.add((hs, he))
            for am in area_matches(text, he, clause_end(text, he, ps.end)):
                for a in am.areas:
                    if a not in target.areas and a not in ("regional_multilateral", "political_dialogue"):
                        target.areas.append(a)  # type: ignore[arg-type]


def fold_definite_untitled(items: list[Item]) -> list[Item]:
    """ "The two presidents signed the corresponding agreement": a definite untitled row whose family has
    exactly one titled instrument of the same status in the pair is that instrument."""
    out: list[Item] = []
    for it in items:
        g = it.agreement
        if it.definite and not g.title and not it.grouped and g.count is None and not it.plural:
            family = _FAMILY.get(g.kind, {g.kind})
            titled = [
                x
                for x in items
                if x is not it
                and x.agreement.title
                and x.pairs == it.pairs
                and x.agreement.kind in family
                and not x.grouped
                and x.agreement.count is None
                and x.agreement.status in (g.status, "referenced")
            ]
            if len(titled) == 1:
                merge_into(titled[0], it)
                continue
        out.append(it)
    return out


def _family(kind: str) -> set[str]:
    return AGREEMENT_FAMILY | {"other"} if kind in AGREEMENT_FAMILY | {"other"} else {kind}


def fold_into_one_instrument(items: list[Item]) -> list[Item]:
    """ "Egypt and Israel seal trade deal ... signed a trade protocol ... the most important economic
    agreement between them ... the decision to enter into the trade agreement": the headline's mention and
    the mentions that refer back (definite described, evaluative) are the one other instrument of their
    family in the pair.  With no such instrument they fold into the headline's; with several, none folds."""
    out = list(items)
    for it in items:
        if it not in out or not it.headline:
            continue
        _fold_group(out, it)
    for it in items:
        if it in out and it.refers:
            _fold_group(out, it)
    return out


def _single(it: Item) -> bool:
    return not it.grouped and it.agreement.count is None and not it.plural and not it.other


def _fold_group(out: list[Item], lead: Item) -> None:
    family = _family(lead.agreement.kind)
    kin = [x for x in out if x.pairs == lead.pairs and x.agreement.kind in family and _single(x)]
    if lead not in kin:
        return
    referring = [x for x in kin if x.headline or x.refers]
    anchors = [x for x in kin if x not in referring]
    if len(anchors) == 1:  # "the partial-scope agreement": a description the instrument does not share
        referring = [x for x in referring if x.headline or _shares_description(x, anchors[0])]
    if len(anchors) > 1:
        return
    if anchors:
        target = anchors[0]
    else:
        heads = [x for x in referring if x.headline]
        if not heads:
            return
        target = heads[0]
    for x in referring:
        if x is not target:
            merge_into(target, x)
            out.remove(x)


@cache
def _head_words() -> frozenset[str]:
    words = {w.lower() for h in heads() for w in re.findall(r"[A-Za-z]+", h.label)}
    return frozenset(words | {w.lower() for spec in lexicon().kinds.values() for w in spec.generic})


_STOP = frozenset({"the", "a", "an", "of", "on", "and", "for", "between", "with", "to", "in", "this", "that"})


def _shares_description(referring: Item, target: Item) -> bool:
    """ "the visa waiver agreement" and "signed an agreement on visa exemption": a describing word of the
    later mention is in the instrument's own mentions (or it has none), and no other date says otherwise."""
    title = referring.agreement.title or ""
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", title)}
    words -= _head_words() | _STOP | plain_modifiers()
    seen = " ".join([target.agreement.title or "", *(e.text for e in target.agreement.evidence)]).lower()
    have = set(re.findall(r"[a-z][\w-]*", seen))
    a, b = referring.agreement.date, target.agreement.date
    if a is not None and b is not None and not (a.start.startswith(b.start) or b.start.startswith(a.start)):
        return False  # "the 2012 trade agreement": another date, another instrument
    return not words or bool(words & have)
