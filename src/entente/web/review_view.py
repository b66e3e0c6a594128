"""A document's record as the review page shows it: its reviews applied fact by fact, each fact keeping the key
of the extracted fact it came from (a correction may change the fields a key is made of, and the next review
must still name the extracted fact), the rejected facts listed apart so that they can be restored.

Every fact is passed through :func:`entente.kb.review_apply.apply_reviews` (the one place reviews are applied),
alone in a one-fact record with its winning review, so the page shows exactly what the KB stores.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..kb.fact_keys import KIND_OF, LIST_OF, fact_key
from ..kb.review_apply import Review, apply_reviews, latest
from ..kb.review_fields import FIELDS

KEY_FIELD = "review_key"  # set on the page's copies of the facts only, never stored


@dataclass
class Rejected:
    kind: str
    key: str
    pair: str
    fact: dict


def _alone(pair: list[str], name: str, fact: dict, review: Review) -> dict | None:
    record = {"relations": [{"pair": list(pair), name: [copy.deepcopy(fact)]}]}
    for rel in apply_reviews(record, [review]).get("relations") or []:
        if rel.get(name):
            return rel[name][0]
    return None


def reviewed_record(record: dict, reviews: list[Review]) -> tuple[dict, list[Rejected]]:
    """A copy of ``record`` with ``reviews`` applied, every relation fact carrying ``review_key`` (its key
    as extracted), and the facts rejected."""
    winners = latest(reviews)
    out = copy.deepcopy(record)
    rejected: list[Rejected] = []
    keys: set[tuple[str, str]] = set()
    for rel in out.get("relations") or []:
        pair = sorted(rel["pair"])
        for name, kind in KIND_OF.items():
            shown = []
            for fact in rel.get(name) or []:
                key = fact_key(kind, pair, fact)
                keys.add((kind, key))
                review = winners.get((kind, key))
                if review is not None:
                    reviewed = _alone(pair, name, fact, review)
                    if reviewed is None:
                        rejected.append(Rejected(kind, key, "–".join(pair), fact))
                        continue
                    fact = reviewed
                shown.append({**fact, KEY_FIELD: key})
            if name in rel:
                rel[name] = shown
    relations = {tuple(sorted(rel["pair"])): rel for rel in out.get("relations") or []}
    for (kind, key), review in winners.items():
        if review.action != "add" or (kind, key) in keys:
            continue
        for rel in apply_reviews({"relations": []}, [review]).get("relations") or []:
            pair = tuple(sorted(rel["pair"]))
            target = relations.get(pair)
            if target is None:
                target = {"pair": list(pair)}
                relations[pair] = target
                out.setdefault("relations", []).append(target)
            for fact in rel.get(LIST_OF[kind]) or []:
                target.setdefault(LIST_OF[kind], []).append({**fact, KEY_FIELD: key})
    return out, rejected


def editable(kind: str, fact: dict) -> dict[str, object]:
    """The values of a fact's editable fields (:data:`entente.kb.review_fields.FIELDS`) in the form's shapes:
    a date as its start, a place as its name and country."""
    out: dict[str, object] = {}
    for field in FIELDS.get(kind, ()):
        value = fact.get(field.name)
        if field.name == "place_country":
            value = (fact.get("place") or {}).get("country") if isinstance(fact.get("place"), dict) else None
        elif isinstance(value, dict):
            value = value.get("start") if "start" in value else value.get("name")
        if value is not None and value != "":
            out[field.name] = value
    return out
