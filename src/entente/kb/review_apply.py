"""Applying analysts' reviews to a record (its JSON) before its facts are stored: pure, no database.

The latest review of a fact wins (by time, then id): ``reject`` drops the fact, ``accept`` marks it,
``correct`` overwrites the fields given, ``add`` joins a fact with the analyst's fields and evidence spans.
Every fact a review touched says so in ``provenance`` (accepted | corrected | analyst; absent: machine).
The stored record itself is never changed, so applying the reviews again (after a re-extraction) gives the
same facts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .fact_keys import LIST_OF, fact_key, key_pair

ACTIONS = ("accept", "reject", "correct", "add")
PROVENANCE = {"accept": "accepted", "correct": "corrected", "add": "analyst"}
PROVENANCE_RANK = {"machine": 0, "accepted": 1, "corrected": 2, "analyst": 3}
_DATE_FIELDS = ("date", "deadline")
_PRECISION = {4: "year", 7: "month", 10: "day"}


@dataclass
class Review:
    """What applying needs of one review."""

    id: int
    kind: str
    key: str
    action: str
    fields: dict = field(default_factory=dict)
    spans: list[dict] = field(default_factory=list)
    created: str = ""


def latest(reviews: list[Review]) -> dict[tuple[str, str], Review]:
    """The winning review of each (kind, key)."""
    out: dict[tuple[str, str], Review] = {}
    for r in sorted(reviews, key=lambda r: (r.created, r.id)):
        out[(r.kind, r.key)] = r
    return out


def record_fields(fields: dict) -> dict:
    """Analyst-given fields in the record's shapes: a date as ``"YYYY[-MM[-DD]]"`` becomes a date value, a
    place as a name becomes ``{"name": ...}``."""
    out = dict(fields)
    for name in _DATE_FIELDS:
        value = out.get(name)
        if isinstance(value, str) and len(value) in _PRECISION:
            out[name] = {"start": value, "end": None, "precision": _PRECISION[len(value)], "text": value}
    if isinstance(out.get("place"), str):
        out["place"] = {"name": out["place"], "country": out.pop("place_country", None)}
    return out


def apply_reviews(record: dict, reviews: list[Review]) -> dict:
    """A copy of ``record`` with ``reviews`` applied (``record`` itself when there are none)."""
    if not reviews:
        return record
    winners = latest(reviews)
    out = copy.deepcopy(record)
    relations = {tuple(sorted(rel["pair"])): rel for rel in out.get("relations") or []}
    seen: set[tuple[str, str]] = set()
    for pair, rel in relations.items():
        for kind, name in LIST_OF.items():
            kept = []
            for fact in rel.get(name) or []:
                review = winners.get((kind, fact_key(kind, pair, fact)))
                if review is None:
                    kept.append(fact)
                    continue
                seen.add((kind, review.key))
                if review.action == "reject":
                    continue
                if review.action in ("correct", "add"):
                    corrected = record_fields(review.fields)
                    fact.update(corrected)
                    fact["corrected"] = sorted(corrected)
                    if review.spans:
                        fact["evidence"] = review.spans
                fact["provenance"] = PROVENANCE[review.action]
                kept.append(fact)
            if name in rel:
                rel[name] = kept
    for (kind, key), review in winners.items():
        if review.action != "add" or (kind, key) in seen:
            continue
        pair = key_pair(key)
        rel = relations.get(pair)
        if rel is None:
            rel = {"pair": list(pair), "evidence": review.spans}
            relations[pair] = rel
            out.setdefault("relations", []).append(rel)
        fact = record_fields(review.fields)
        fact.update(evidence=review.spans, rule="analyst", provenance="analyst")
        rel.setdefault(LIST_OF[kind], []).append(fact)
    return out


def merged_provenance(values) -> str:
    """The provenance of a merged fact from its facts' (``None``: machine): the strongest analyst touch."""
    best = "machine"
    for value in values:
        if value and PROVENANCE_RANK.get(value, 0) > PROVENANCE_RANK[best]:
            best = value
    return best


_MERGED_SCALARS = (
    "status",
    "kind",
    "title",
    "level",
    "area",
    "metric",
    "value",
    "unit",
    "period",
    "text",
    "date",
    "deadline",
    "place",
)


def corrections_win(data: dict, facts: list[dict]) -> tuple[dict, dict]:
    """A merged item's ``data`` with the fields analysts corrected in its ``facts`` (their data, in order: the
    last correction wins) over what the merge rules chose; also the merged row's columns they change
    (``status``, ``date``). ``data`` is not changed."""
    out, columns = dict(data), {}
    for fact in facts:
        for name in fact.get("corrected") or ():
            if name not in _MERGED_SCALARS or name not in out:
                continue
            value = fact.get(name)
            if name in _DATE_FIELDS and isinstance(value, dict):
                value = value.get("start")
            if name == "place" and isinstance(value, dict):
                if "place_country" in out:
                    out["place_country"] = value.get("country")
                value = value.get("name")
            out[name] = value
            if name in ("status", "date"):
                columns[name] = value
    return out, columns
