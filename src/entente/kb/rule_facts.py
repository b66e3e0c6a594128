"""What every merge rule of :mod:`entente.kb.rules` shares: :class:`F` (a stored fact with its document's
publication date), :class:`Merged` (what a rule makes of them), the settings (``data/kb_merge.json``) and the
helpers (date intervals, title words, ranks, unions).  Pure functions, no SQL."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..data import load
from ..data.contracts.kb_merge import Contract as KBMergeSettings
from ..record import STATUS_RANK

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
RECENT_SOURCES = 5  # documents whose facts ``merged.recent_fact_ids`` keeps (the most recent reports)


def settings() -> KBMergeSettings:
    """``data/kb_merge.json``, validated by its contract (loaded once)."""
    return load("kb_merge.json")


@dataclass
class F:
    """A stored fact, as the merge sees it."""

    id: int
    doc_id: str
    published: str | None
    type: str
    kind: str | None
    status: str | None
    date: str | None
    data: dict
    name: str | None = None  # the document's name (orders sources of equal date)


@dataclass
class Merged:
    type: str
    key: str
    data: dict
    fact_ids: list[int]
    status: str | None = None
    date: str | None = None
    conflict: bool = False
    pair: tuple[str, str] | None = None


@dataclass
class Cluster:
    facts: list[F] = field(default_factory=list)
    lo: dt.date | None = None
    hi: dt.date | None = None


# --------------------------------------------------------------------------- helpers


def interval(start: str | None, end: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The days a ``YYYY[-MM[-DD]]`` date (optionally to ``end``) covers."""
    if not start:
        return None
    try:
        lo = date_bound(start, low=True)
        hi = date_bound(end or start, low=False)
    except ValueError:
        return None
    return (lo, hi) if hi >= lo else (lo, lo)


def date_bound(value: str, low: bool) -> dt.date:
    """The first (``low``) or last day a ``YYYY[-MM[-DD]]`` date covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, 1 if low else calendar.monthrange(y, m)[1])
    return dt.date(parts[0], 1, 1) if low else dt.date(parts[0], 12, 31)


def day_gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(settings().stopwords)


@cache
def commitment_stopwords() -> frozenset[str]:
    return _stopwords() | frozenset(settings().commitment_verbs)


def tokens(text: str | None, extra_stop: Iterable[str] = ()) -> set[str]:
    return words_without(text, _stopwords() | set(extra_stop) if extra_stop else _stopwords())


def words_without(text: str | None, stop: frozenset[str] | set[str]) -> set[str]:
    """The lower-case words of ``text`` of two letters or more, ``stop`` words left out."""
    return {w for w in _WORD.findall((text or "").lower()) if w not in stop and len(w) > 1}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def published_key(f: F) -> str:
    """A fact's publication date as a sort key (undated last)."""
    return f.published or "9999"


def most_common_value(values: Iterable) -> object:
    """The value given most often (``None`` and ``""`` not counted), else ``None``."""
    counts = Counter(v for v in values if v not in (None, ""))
    return counts.most_common(1)[0][0] if counts else None


def status_rank(status: str | None) -> int:
    """The rank of an event, level or area status (``entente.record.STATUS_RANK``; 0 for none)."""
    return STATUS_RANK.get(status or "", 0)


def union_of(lists: Iterable[Iterable]) -> list:
    """The items of every list once, in first-seen order (dicts compared by their items)."""
    out: dict = {}
    for items in lists:
        for x in items or []:
            out.setdefault(x if not isinstance(x, dict) else repr(sorted(x.items())), x)
    return list(out.values())


def sources_disagree(values: dict[str, list[int]], doc_of: dict[int, str]) -> bool:
    """Whether two documents give different values (``values``: value -> the facts giving it): some two
    documents share none of the values they give.  One document giving two values disagrees with nobody."""
    per_doc: dict[str, set[str]] = defaultdict(set)
    for value, ids in values.items():
        for fid in ids:
            per_doc[doc_of[fid]].add(value)
    given = list(per_doc.values())
    return any(not (a & b) for i, a in enumerate(given) for b in given[i + 1 :])
