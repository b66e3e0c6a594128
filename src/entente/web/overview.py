"""The home page's cross-pair view, built from :mod:`entente.kb.queries` only.

The home page needs the recent events and the open commitments of every pair
together: ``recent_events`` and ``open_commitments`` answer across all pairs.  The
result (with the pair list and the KB's row counts, which the home and country pages
use too) is cached per KB generation (:mod:`entente.web.generation`) and day.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..kb import queries as q


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
    pairs_read: int = 0  # per-pair profiles read (none since the cross-pair queries)
    stats: dict[str, int] = field(default_factory=dict)  # row counts per table


def build_overview(session: Session, today: dt.date, events_limit: int = 12) -> Overview:
    overview = Overview(pairs=q.pairs(session), stats=q.stats(session))
    overview.events = [PairEvent(e.pair, e) for e in q.recent_events(session, limit=events_limit, max_sources=2)]
    overview.commitments = [PairCommitment(c.pair or [], c)
                            for c in q.open_commitments(session, today=today, limit=None, max_sources=2)]
    return overview


class OverviewCache:
    """One cached :class:`Overview` per (KB generation token, today)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._value: Overview | None = None

    def get(self, session: Session, today: dt.date, generation: tuple) -> Overview:
        """``generation`` must be read before the call, so a write committed meanwhile is not missed."""
        key = (generation, today)
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
