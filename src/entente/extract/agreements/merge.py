"""One row per distinct instrument: how a new mention folds into an instrument already found (the same
title, a generic later mention of a titled one, the same undated signing) or becomes a new one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...record import AGREEMENT_STATUS_RANK, Agreement, DateValue
from ..areas import Pair
from .titles import initials

AGREEMENT_FAMILY = {"agreement", "treaty", "fta", "framework"}
STATUS_RANK = AGREEMENT_STATUS_RANK  # the one order (record.py): a merged row keeps the highest


@dataclass
class Item:
    agreement: Agreement
    pairs: list[Pair]
    key: str | None
    grouped: bool = False  # one of a counted group
    plural: bool = False  # "the MoUs", "these agreements"
    definite: bool = False  # "the agreement", "the corresponding agreement": one named before
    named: bool = False  # its title is a name ("Reciprocal Access Agreement"), not a description
    sentence: int = -1  # start of the sentence it was found in
    refers: bool = False  # "the trade agreement", "the most important economic agreement": one named before
    other: bool = False  # "other agreements", "a separate deal": not one named before
    headline: bool = False  # the first mention of the document's first sentence (a headline or its lead)
    also: bool = False  # "the two countries also formalised a co-operation deal": a further instrument


def _same_when(a: DateValue | None, b: DateValue | None) -> bool:
    """Two dates that can be one (the shorter is a prefix of the longer: 2022 and 2022-05)."""
    if a is None or b is None:
        return False
    return a.start.startswith(b.start) or b.start.startswith(a.start)


def _later_step(done: str, said: str) -> bool:
    """ "The pact, which still has to be signed / ratified": a step after negotiations were concluded."""
    return done in ("concluded", "signed") and said in ("planned", "in_force")


def _same_but_place(a: str | None, b: str | None) -> bool:
    """ "strategic partnership agreement in tashkent" and "strategic partnership agreement": one title."""
    if not a or not b or a == b:
        return a == b
    short, long = sorted((a, b), key=len)
    return bool(re.fullmatch(rf"{re.escape(short)} (?:in|at) \w+(?: city)?", long))


def _abbreviates(a: str | None, b: str | None) -> bool:
    """ "cepa" and "comprehensive economic partnership agreement": one is the other's initials."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return " " not in short and len(short) >= 2 and initials(long) == short


def _merge_target(items: list[Item], new: Item, definite: bool) -> Item | None:
    g = new.agreement
    same_pairs = [it for it in items if it.pairs == new.pairs]
    kin = [it for it in same_pairs if it.agreement.kind == g.kind]
    if new.other:
        return None  # "a number of other agreements": a distinct instrument
    if new.key:
        exact = [it for it in kin if it.key == new.key or _same_but_place(it.key, new.key)]
        exact = exact or [it for it in kin if _abbreviates(it.key, new.key)]
        if exact:
            return exact[0]
        # "signed a defence pact ... The Reciprocal Access Agreement was signed": the pact gets its name.
        bare = [
            it
            for it in kin
            if (new.named or it.sentence != new.sentence)
            and not new.plural
            and not (new.also and not new.named)
            and it.key is None
            and it.agreement.count is None
            and g.kind in AGREEMENT_FAMILY
        ]
        # "signed a defence pact ... The Reciprocal Access Agreement": a described row gets the name.
        described = [
            it
            for it in kin
            if new.named
            and it.key is not None
            and not it.named
            and it.agreement.count is None
            and not it.grouped
            and it.agreement.status == g.status
            and g.kind in AGREEMENT_FAMILY
        ]
        if not bare and len(described) == 1:
            return described[0]
        return bare[-1] if bare else None
    if g.count is not None:
        return None
    if definite and new.plural:  # "The MoUs were signed by ...": the counted group named before
        counted = [
            it
            for it in same_pairs
            if it.agreement.count
            and (it.agreement.kind == g.kind or {it.agreement.kind, g.kind} <= AGREEMENT_FAMILY | {"other"})
        ]
        if counted:
            return counted[-1]
    if g.kind == "fta" and kin:
        return kin[-1]
    if definite:
        family = [
            it
            for it in same_pairs
            if not it.grouped
            and it.agreement.count is None
            and (
                g.status in ("referenced", it.agreement.status) or _later_step(it.agreement.status, g.status)
            )
            and (
                g.date is None
                or _same_when(it.agreement.date, g.date)
                or (it.agreement.date is None and g.status == it.agreement.status != "referenced")
            )
        ]
        if g.kind in ("agreement", "treaty"):
            family = [it for it in family if it.agreement.kind in AGREEMENT_FAMILY]
        else:
            family = [it for it in family if it.agreement.kind == g.kind]
        if (
            not family and not new.key
        ):  # "have extended a food-for-oil deal ... signed the deal": the only one
            only = [
                it
                for it in same_pairs
                if not it.grouped
                and it.agreement.count is None
                and not it.plural
                and (
                    it.agreement.kind in AGREEMENT_FAMILY
                    if g.kind in AGREEMENT_FAMILY
                    else it.agreement.kind == g.kind
                )
            ]
            if len(only) == 1 and only[0].agreement.status == "referenced" and only[0].agreement.date is None:
                return only[0]
        return family[-1] if family else None
    for it in kin:
        o = it.agreement
        if it.key is not None or it.grouped or o.count is not None:
            continue
        same_date = (o.date.start if o.date else None) == (g.date.start if g.date else None) or (
            (o.date is None or g.date is None)
            and o.status == g.status != "referenced"
            and o.kind in AGREEMENT_FAMILY
        )
        compatible = o.status == g.status or "referenced" in (o.status, g.status)
        overlap = not o.areas or not g.areas or bool(set(o.areas) & set(g.areas))
        if same_date and compatible and overlap:
            return it
    return None


def merge_or_add(items: list[Item], new: Item, definite: bool) -> None:
    target = _merge_target(items, new, definite)
    if target is None:
        items.append(new)
        return
    if new.sentence != target.sentence and not new.refers:
        target.headline = False  # the headline's instrument is the one the body names here
    if not new.refers:
        target.refers = False  # "this deal ... a co-operation deal": it has a mention of its own
    merge_into(target, new)


def merge_into(target: Item, new: Item) -> None:
    """Fold ``new`` into ``target``: evidence, the higher status, areas, date, deadline and title."""
    o, g = target.agreement, new.agreement
    o.evidence.extend(e for e in g.evidence if e not in o.evidence)
    if STATUS_RANK.get(g.status, 0) > STATUS_RANK.get(o.status, 0):
        o.status = g.status
    for a in g.areas:
        if a not in o.areas:
            o.areas.append(a)
    o.date = o.date or g.date
    o.deadline = o.deadline or g.deadline
    if g.title and (not o.title or (new.named and not target.named)):
        o.title, target.key, target.named = g.title, new.key, target.named or new.named
