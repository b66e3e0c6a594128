"""The catalogue of a knowledge base: documents filtered by pair, country, outlet and date; KB statistics.

A document's ``published`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a date filter keeps it when
its period overlaps ``[since, until]`` (a document of ``2023-05`` is kept by ``since=2023-05-20``),
compared as text on the prefix of the same length, so SQLite and PostgreSQL answer alike.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from .lookups import SUMMARY_COLUMNS
from .lookups import document_summaries as summaries
from .schema import DocumentRow, FactRow, MergedRow, MergedSourceRow, SentenceRow, SpanRow
from .views import DocumentPage


class KBStats(BaseModel):
    """What ``entente stats`` prints."""

    url: str
    tables: dict[str, int]  # rows per table
    pairs: int  # pairs with at least one merged fact
    countries: int
    outlets: int
    published_first: str | None = None  # the earliest and latest publication dates
    published_last: str | None = None
    undated_documents: int = 0
    pipeline_versions: dict[str, int] = Field(
        default_factory=dict
    )  # documents per extraction pipeline version
    size_bytes: int | None = None  # the database file(s) on disk (SQLite) or pg_database_size (PostgreSQL)


def published_between(column, since: str | None, until: str | None) -> list:
    """SQL conditions keeping a ``YYYY[-MM[-DD]]`` column whose period overlaps ``[since, until]``."""
    where = []
    if since:
        where.append(column >= func.substr(since, 1, func.length(column)))
    if until:
        where.append(column <= func.substr(until, 1, func.length(column)))
    if where:
        where.insert(0, column.is_not(None))
    return where


def documents_about(pair: tuple[str, str] | None = None, country: str | None = None):
    """A subquery of the ids of documents reporting ``pair`` (sorted ISO3) and/or ``country``, or None."""
    where = []
    if pair:
        where += [FactRow.pair_a == pair[0], FactRow.pair_b == pair[1]]
    if country:
        where.append(or_(FactRow.pair_a == country, FactRow.pair_b == country))
    if not where:
        return None
    return select(FactRow.doc_id).where(FactRow.type == "relation", *where)


def outlet_like(column, outlet: str):
    """Case-insensitive substring match (``%``/``_`` in ``outlet`` are plain characters)."""
    escaped = outlet.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def list_documents(
    session: Session,
    *,
    pair: tuple[str, str] | None = None,
    country: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> DocumentPage:
    """A page of the documents matching every filter given, newest publication first."""
    where = [*published_between(DocumentRow.published, since, until)]
    about = documents_about(pair, country)
    if about is not None:
        where.append(DocumentRow.id.in_(about))
    if outlet:
        where.append(outlet_like(DocumentRow.outlet, outlet))
    condition = and_(*where) if where else None
    count = select(func.count()).select_from(DocumentRow)
    listing = select(*(getattr(DocumentRow, c) for c in SUMMARY_COLUMNS))
    if condition is not None:
        count, listing = count.where(condition), listing.where(condition)
    total = session.scalar(count) or 0
    rows = session.execute(
        listing.order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.name, DocumentRow.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return DocumentPage(total=total, limit=limit, offset=offset, items=summaries(session, rows))


def _size(session: Session) -> int | None:
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        path = bind.url.database
        if not path or path == ":memory:":
            return None
        return sum(p.stat().st_size for p in (Path(path), Path(path + "-wal")) if p.exists())
    if bind.dialect.name == "postgresql":
        return session.scalar(select(func.pg_database_size(func.current_database())))
    return None


def kb_stats(session: Session) -> KBStats:
    """Rows per table, pairs, countries, outlets, the span of publication dates, pipeline versions, size."""
    tables = {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in (
            ("documents", DocumentRow),
            ("facts", FactRow),
            ("spans", SpanRow),
            ("sentences", SentenceRow),
            ("merged", MergedRow),
            ("merged_sources", MergedSourceRow),
        )
    }
    pair_rows = session.execute(
        select(MergedRow.pair_a, MergedRow.pair_b).where(MergedRow.pair_a.is_not(None)).distinct()
    ).all()
    first, last = session.execute(
        select(func.min(DocumentRow.published), func.max(DocumentRow.published))
    ).one()
    undated = session.scalar(
        select(func.count()).select_from(DocumentRow).where(DocumentRow.published.is_(None))
    )
    outlets = session.scalar(select(func.count(DocumentRow.outlet.distinct())))
    versions = dict(
        session.execute(
            select(DocumentRow.pipeline_version, func.count())
            .group_by(DocumentRow.pipeline_version)
            .order_by(DocumentRow.pipeline_version.desc())
        ).all()
    )
    return KBStats(
        url=session.get_bind().url.render_as_string(hide_password=True),
        tables=tables,
        pairs=len(pair_rows),
        countries=len({c for row in pair_rows for c in row}),
        outlets=outlets or 0,
        published_first=first,
        published_last=last,
        undated_documents=undated or 0,
        pipeline_versions=versions,
        size_bytes=_size(session),
    )
