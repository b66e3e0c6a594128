"""Views of merged rows: a merged row (a :class:`MergedItem` of the :data:`MERGED_COLUMNS`) as the event,
commitment or person it describes, and the select that reads them (through :func:`~.sqlutil.select_rows`,
so on a standard-library SQLite connection as on a SQLAlchemy session)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..gazetteer import country_name
from .rule_facts import interval, settings
from .sources import merged_sources
from .sqlutil import flag, json_value, select_rows
from .views import CommitmentView, EventView, PersonView, SourceRef

if TYPE_CHECKING:
    from .sqlutil import Reader


def event_view(row: MergedItem, sources: list[SourceRef], source_count: int | None = None) -> EventView:
    d = row.data
    return EventView(
        id=row.id,
        pair=[row.pair_a, row.pair_b],
        kind=d["kind"],
        status=d["status"],
        date=d["date"],
        date_end=d.get("date_end"),
        precision=d.get("precision"),
        place=d.get("place"),
        place_country=d.get("place_country"),
        participants=d.get("participants") or [],
        statuses=d.get("statuses") or [],
        promoted=d.get("promoted", False),
        conflict=row.conflict,
        source_count=len(sources) if source_count is None else source_count,
        sources=sources,
        provenance=d.get("provenance", "machine"),
    )


def commitment_view(
    row: MergedItem,
    today: dt.date,
    sources: list[SourceRef],
    source_count: int,
    pair: list[str] | None = None,
) -> CommitmentView:
    d = row.data
    return CommitmentView(
        id=row.id,
        pair=pair,
        text=d["text"],
        deadline=d.get("deadline"),
        deadline_end=d.get("deadline_end"),
        state=deadline_state(d, today),
        fulfilled_by=d.get("fulfilled_by"),
        areas=d.get("areas") or [],
        source_count=source_count,
        sources=sources,
        provenance=d.get("provenance", "machine"),
    )


def deadline_state(data: dict, today: dt.date) -> str:
    if data.get("fulfilled_by"):
        return "fulfilled"
    iv = interval(data.get("deadline"), data.get("deadline_end"))
    if iv is None:
        return "pending"
    if today > iv[1]:
        return "overdue"
    if today >= iv[0] or (iv[0] - today).days <= settings().due_within_days:
        return "due"
    return "pending"


class MergedItem(NamedTuple):
    """A row of ``merged`` (:class:`~.schema.MergedRow`'s columns), its values as the ORM reads them."""

    id: int
    type: str
    pair_a: str | None
    pair_b: str | None
    key: str
    status: str | None
    date: str | None
    conflict: bool
    data: dict
    source_count: int | None
    recent_fact_ids: list | None


MERGED_COLUMNS = MergedItem._fields
_SELECT_MERGED = f"SELECT {', '.join(f'merged.{c}' for c in MERGED_COLUMNS)} FROM merged"


def select_merged(
    db: Reader, where: str = "", params: Sequence = (), tail: str = "", join: str = ""
) -> list[MergedItem]:
    """The merged rows matching ``where`` (SQL with ``?`` marks for ``params``; ``tail``: ORDER BY / LIMIT;
    ``join``: a JOIN clause, after which ``where`` names the columns ``merged.x``)."""
    statement = (
        f"{_SELECT_MERGED} {join} WHERE {where} {tail}" if where else f"{_SELECT_MERGED} {join} {tail}"
    )
    return [
        MergedItem(i, t, a, b, k, st, d, flag(c), json_value(data), n, json_value(recent) if recent else None)
        for i, t, a, b, k, st, d, c, data, n, recent in select_rows(db, statement, params)
    ]


def merged_of_pair(db: Reader, a: str, b: str) -> list[MergedItem]:
    return select_merged(db, "pair_a = ? AND pair_b = ?", (a, b), "ORDER BY id")


def pair_names(a: str, b: str) -> list[str]:
    return [country_name(a) or a, country_name(b) or b]


def event_sort(e: EventView) -> tuple:
    return (e.date is None, e.date or "", e.id)


def person_views(db: Reader, rows: list[MergedItem], max_sources: int | None) -> list[PersonView]:
    src = merged_sources(db, rows, max_sources) if rows else {}
    out = []
    for r in rows:
        sources, count = src.get(r.id, ([], 0))
        out.append(
            PersonView(
                id=r.id,
                name=r.data["name"],
                country=r.data.get("country"),
                aliases=r.data.get("aliases") or [],
                titles=r.data.get("titles") or [],
                honorifics=r.data.get("honorifics") or [],
                document_count=r.data.get("document_count", 0),
                source_count=count,
                sources=sources,
            )
        )
    return sorted(out, key=lambda x: (-x.document_count, x.name))
