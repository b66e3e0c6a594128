"""The catalogue of a knowledge base: documents filtered by pair, country, outlet and date; KB statistics.

A document's ``published`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a date filter keeps it when
its period overlaps ``[since, until]`` (a document of ``2023-05`` is kept by ``since=2023-05-20``),
compared as text on the prefix of the same length, so SQLite and PostgreSQL answer alike.

Like :mod:`.lookups`, these read from a :data:`~.sqlutil.Reader` (a SQLAlchemy session or a standard-library
SQLite connection) through :func:`~.sqlutil.select_rows`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from .lookups import SUMMARY_COLUMNS, stats
from .lookups import document_summaries as summaries
from .sqlutil import select_rows, select_value
from .views import DocumentPage

if TYPE_CHECKING:
    from .sqlutil import Reader


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


def published_between(column: str, since: str | None, until: str | None, params: list) -> list[str]:
    """SQL conditions keeping a ``YYYY[-MM[-DD]]`` column whose period overlaps ``[since, until]`` (their
    parameters appended to ``params``)."""
    where = []
    if since:
        where.append(f"{column} >= substr(?, 1, length({column}))")
        params.append(since)
    if until:
        where.append(f"{column} <= substr(?, 1, length({column}))")
        params.append(until)
    if where:
        where.insert(0, f"{column} IS NOT NULL")
    return where


def documents_about(pair: tuple[str, str] | None, country: str | None, params: list) -> str | None:
    """A subquery of the ids of documents reporting ``pair`` (sorted ISO3) and/or ``country``, or None (its
    parameters appended to ``params``)."""
    where = []
    if pair:
        where.append("pair_a = ? AND pair_b = ?")
        params += pair
    if country:
        where.append("(pair_a = ? OR pair_b = ?)")
        params += [country, country]
    if not where:
        return None
    return f"SELECT doc_id FROM facts WHERE type = 'relation' AND {' AND '.join(where)}"


def outlet_like(column: str, outlet: str, params: list) -> str:
    """Case-insensitive substring match (``%``/``_`` in ``outlet`` are plain characters)."""
    escaped = outlet.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params.append(f"%{escaped}%")
    return f"lower({column}) LIKE ? ESCAPE '\\'"


def list_documents(
    db: Reader,
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
    params: list = []
    where = published_between("published", since, until, params)
    about = documents_about(pair, country, params)
    if about is not None:
        where.append(f"id IN ({about})")
    if outlet:
        where.append(outlet_like("outlet", outlet, params))
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    total = select_value(db, f"SELECT count(*) FROM documents{condition}", params) or 0
    rows = select_rows(
        db,
        f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM documents{condition}"
        " ORDER BY published DESC NULLS LAST, name, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return DocumentPage(total=total, limit=limit, offset=offset, items=summaries(db, rows))


def _size(db: Reader) -> int | None:
    if isinstance(db, sqlite3.Connection):
        path = next(file for _, name, file in select_rows(db, "PRAGMA database_list") if name == "main")
    else:
        bind = db.get_bind()
        if bind.dialect.name == "postgresql":
            return select_value(db, "SELECT pg_database_size(current_database())")
        if bind.dialect.name != "sqlite":
            return None
        path = bind.url.database
    if not path or path == ":memory:":
        return None
    return sum(p.stat().st_size for p in (Path(path), Path(path + "-wal")) if p.exists())


def kb_stats(db: Reader, url: str | None = None) -> KBStats:
    """Rows per table, pairs, countries, outlets, the span of publication dates, pipeline versions, size.
    ``url``: the KB's URL as printed, for a standard-library connection (a session's own URL, its password
    hidden, is printed otherwise)."""
    tables = stats(db)
    pair_rows = select_rows(db, "SELECT DISTINCT pair_a, pair_b FROM merged WHERE pair_a IS NOT NULL")
    first, last = select_rows(db, "SELECT min(published), max(published) FROM documents")[0]
    undated = select_value(db, "SELECT count(*) FROM documents WHERE published IS NULL")
    outlets = select_value(db, "SELECT count(DISTINCT outlet) FROM documents")
    versions = dict(
        select_rows(
            db,
            "SELECT pipeline_version, count(*) FROM documents GROUP BY pipeline_version"
            " ORDER BY pipeline_version DESC",
        )
    )
    if not isinstance(db, sqlite3.Connection):
        url = db.get_bind().url.render_as_string(hide_password=True)
    return KBStats(
        url=url,
        tables=tables,
        pairs=len(pair_rows),
        countries=len({c for row in pair_rows for c in row}),
        outlets=outlets or 0,
        published_first=first,
        published_last=last,
        undated_documents=undated or 0,
        pipeline_versions=versions,
        size_bytes=_size(db),
    )
