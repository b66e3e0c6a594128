"""Stable keys of a record's relation facts: what an analyst's review names a fact by.

A key is ``kind:PAIR:identity``, the identity made of the fields that say *which* fact it is, not how it was
found: an event's kind and start date, a level, an area id, an agreement's title (else its kind), a
commitment's text, a figure's metric, period and kind. Rules, confidences, evidence offsets and statuses are
left out, so the same fact extracted again (a newer pipeline, another run) has the same key.
Pure: no database, no pipeline.
"""

from __future__ import annotations

import re

KINDS = ("event", "level", "area", "agreement", "commitment", "figure")
LIST_OF = {
    "event": "events",
    "level": "levels",
    "area": "areas",
    "agreement": "agreements",
    "commitment": "commitments",
    "figure": "figures",
}
KIND_OF = {v: k for k, v in LIST_OF.items()}

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalised(text: str | None) -> str:
    """Lower case, runs of anything but letters and digits as one space."""
    return _NOT_WORD.sub(" ", (text or "").lower()).strip()


def _start(value) -> str:
    if isinstance(value, dict):
        return value.get("start") or ""
    return value or ""


def identity(kind: str, fact: dict) -> str:
    """The part of a fact's key that names it within its pair (``fact``: its record JSON)."""
    if kind == "event":
        return f"{fact.get('kind') or ''}|{_start(fact.get('date'))}"
    if kind == "level":
        return fact.get("level") or ""
    if kind == "area":
        return fact.get("area") or ""
    if kind == "agreement":
        title = normalised(fact.get("title"))
        return f"title|{title}" if title else f"kind|{fact.get('kind') or ''}"
    if kind == "commitment":
        return normalised(fact.get("text"))
    if kind == "figure":
        return f"{fact.get('metric') or ''}|{fact.get('period') or ''}|{fact.get('kind') or 'actual'}"
    raise ValueError(f"unknown fact kind {kind!r} (one of {', '.join(KINDS)})")


def pair_text(pair) -> str:
    a, b = sorted(pair)
    return f"{a}-{b}"


def fact_key(kind: str, pair, fact: dict) -> str:
    """``kind:AAA-BBB:identity`` of one fact of a relation (``pair`` in either order)."""
    return f"{kind}:{pair_text(pair)}:{identity(kind, fact)}"


def key_pair(key: str) -> tuple[str, str]:
    """The pair a key names."""
    a, b = key.split(":", 2)[1].split("-")
    return a, b


def record_keys(record: dict) -> dict[str, tuple[str, dict]]:
    """Every relation fact of a record (its JSON) by key: (kind, fact). Facts sharing a key: the first."""
    out: dict[str, tuple[str, dict]] = {}
    for rel in record.get("relations") or []:
        for field, kind in KIND_OF.items():
            for fact in rel.get(field) or []:
                out.setdefault(fact_key(kind, rel["pair"], fact), (kind, fact))
    return out
