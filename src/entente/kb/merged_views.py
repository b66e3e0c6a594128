"""Views of merged rows: a merged row (or a plain row of :data:`MERGED_COLUMNS`) as the event, commitment
or person it describes, and the selects that read them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..gazetteer import country_name
from .rule_facts import interval, settings
from .schema import MergedRow
from .sources import merged_sources
from .views import CommitmentView, EventView, PersonView, SourceRef


def event_view(row: MergedRow, sources: list[SourceRef], source_count: int | None = None) -> EventView:
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
    row: MergedRow, today: dt.date, sources: list[SourceRef], source_count: int, pair: list[str] | None = None
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


MERGED_COLUMNS = (
    MergedRow.id,
    MergedRow.type,
    MergedRow.pair_a,
    MergedRow.pair_b,
    MergedRow.key,
    MergedRow.status,
    MergedRow.date,
    MergedRow.conflict,
    MergedRow.data,
    MergedRow.source_count,
    MergedRow.recent_fact_ids,
)


def select_merged(*where):
    """Merged rows as plain rows (attribute access like the ORM class, without its per-object cost)."""
    return select(*MERGED_COLUMNS).where(*where)


def merged_of_pair(session: Session, a: str, b: str) -> list[MergedRow]:
    return list(
        session.execute(select_merged(MergedRow.pair_a == a, MergedRow.pair_b == b).order_by(MergedRow.id))
    )


def pair_names(a: str, b: str) -> list[str]:
    return [country_name(a) or a, country_name(b) or b]


def event_sort(e: EventView) -> tuple:
    return (e.date is None, e.date or "", e.id)


def person_views(session: Session, rows: list[MergedRow], max_sources: int | None) -> list[PersonView]:
    src = merged_sources(session, rows, max_sources) if rows else {}
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
