"""The home page's cross-pair view, built from :mod:`entente.kb.queries` only.

The query API answers per pair (``profile``); the home page needs the recent
events and the open commitments of every pair together.  This adapter collects
them from the profiles of the busiest pairs and caches the result until the
knowledge base changes (its row counts, from ``stats``, are the cache key).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..kb import queries as q

MAX_PAIRS = 40  # profiles read for the overview: the pairs with the most documents
OPEN_STATES = ("overdue", "due", "pending")


@dataclass
class PairEvent:
    pair: list[str]
    event: q.EventView


@dataclass
class PairCommitment:
    pair: list[str]
    commitment: q.CommitmentView


@dataclass
class Overview:
    pairs: list[q.PairSummary]
    events: list[PairEvent] = field(default_factory=list)  # newest first
    commitments: list[PairCommitment] = field(default_factory=list)  # overdue, due, pending; by deadline
    pairs_read: int = 0


def build_overview(session: Session, today: dt.date, events_limit: int = 12) -> Overview:
    pairs = q.pairs(session)
    overview = Overview(pairs=pairs)
    busiest = sorted(pairs, key=lambda p: (-p.documents, p.pair))[:MAX_PAIRS]
    for summary in busiest:
        try:
            prof = q.profile(session, summary.pair[0], summary.pair[1], today=today)
        except (q.NotFound, q.UnknownCountry):
            continue
        overview.pairs_read += 1
        overview.events += [PairEvent(prof.pair, e) for e in prof.events if e.date]
        for state in OPEN_STATES:
            overview.commitments += [PairCommitment(prof.pair, c) for c in prof.commitments.get(state, [])]
    overview.events.sort(key=lambda pe: (pe.event.date or "", pe.pair), reverse=True)
    overview.events = overview.events[:events_limit]
    rank = {s: i for i, s in enumerate(OPEN_STATES)}
    overview.commitments.sort(key=lambda pc: (rank[pc.commitment.state], pc.commitment.deadline or "9999"))
    return overview


class OverviewCache:
    """One cached :class:`Overview` per (KB row counts, today)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._value: Overview | None = None

    def get(self, session: Session, today: dt.date) -> Overview:
        key = (tuple(sorted(q.stats(session).items())), today)
        with self._lock:
            if key == self._key and self._value is not None:
                return self._value
        value = build_overview(session, today)
        with self._lock:
            self._key, self._value = key, value
        return value

    def clear(self) -> None:
        with self._lock:
            self._key, self._value = None, None
