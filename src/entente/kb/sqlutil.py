"""SQL helpers of the KB, in one place: how many ids one ``IN (...)`` list holds, the driver's parameter
marks, statements run through the driver (no SQLAlchemy compilation for bulk reads and writes), the reads
of the query path (:func:`select_rows`, on a standard-library SQLite connection or a SQLAlchemy session),
and multi-row inserts within SQLite's parameter limit.

Nothing here imports SQLAlchemy: a query command on an SQLite KB reads through :mod:`sqlite3` alone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import jsontext

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy.orm import Session

    Reader: TypeAlias = sqlite3.Connection | Session
    """What a read query takes (see :func:`select_rows`)."""

IN_CHUNK = 900  # ids per ``IN (...)`` list (SQLite's default limit of parameters per statement is 999)
DOC_CHUNK = 500  # document ids per ``IN (...)`` list when the facts being merged read their documents


def chunks(ids: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    """``ids`` in consecutive slices of at most ``size``."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def mark(conn) -> str:
    """The driver's parameter mark: ``?`` (SQLite) or ``%s`` (psycopg)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def marks(conn, n: int) -> str:
    """``n`` parameter marks of the driver, comma-separated (statements run through :func:`driver_rows`: the
    documents and spans of the facts just merged are read without SQLAlchemy compiling an expanding ``IN``)."""
    return ", ".join([mark(conn)] * n)


def of_pairs(conn, pairs: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """SQL selecting the rows of ``pairs`` (``(pair_a = ? AND pair_b = ?) OR ...``, which both backends answer
    with an index lookup per pair; SQLite scans the whole index for a row-value ``IN``), and its parameters.
    Written for the driver: SQLAlchemy would build and compile an expression of ``2 * len(pairs)`` terms."""
    m = mark(conn)
    return (
        " OR ".join([f"(pair_a = {m} AND pair_b = {m})"] * len(pairs)),
        [code for pair in pairs for code in pair],
    )


def driver_rows(conn, statement: str, params: list) -> list[tuple]:
    """Run ``statement`` through the driver in the connection's transaction; its rows (if any)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []
    finally:
        cursor.close()


# --------------------------------------------------------------------------- the read path
#
# A query reads from ``db``: either a standard-library :class:`sqlite3.Connection` (what a query command opens
# on an SQLite KB, so it never loads SQLAlchemy) or a SQLAlchemy ``Session`` (the web app, PostgreSQL, the
# writers).  Statements are written once, with ``?`` marks, in the SQL both backends answer alike; values come
# back as the driver gives them, and :func:`json_value`, :func:`flag` and :func:`timestamp` read them as the
# ORM would (JSON text on SQLite, decoded objects on PostgreSQL; 0/1 or booleans; text or datetimes).


def open_sqlite(path: str | Path) -> sqlite3.Connection:
    """A read-only standard-library connection to the SQLite KB file at ``path`` (it must exist)."""
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=30.0)


def select_rows(db: Reader, statement: str, params: Sequence = ()) -> list[tuple]:
    """The rows of a read ``statement`` (``?`` marks, no ``%`` in its text) on ``db``: a :class:`sqlite3.Connection`,
    or a SQLAlchemy session, through its connection's driver (``%s`` marks for psycopg) in its transaction."""
    if isinstance(db, sqlite3.Connection):
        return db.execute(statement, params).fetchall()
    conn = db.connection()
    if mark(conn) != "?":
        statement = statement.replace("?", "%s")
    return driver_rows(conn, statement, list(params))


def select_value(db: Reader, statement: str, params: Sequence = ()) -> Any:
    """The first column of the first row of :func:`select_rows` (None when there is no row)."""
    rows = select_rows(db, statement, params)
    return rows[0][0] if rows else None


def dialect_of(db: Reader) -> str:
    """``sqlite`` or ``postgresql``: the backend behind ``db`` (see :func:`select_rows`)."""
    return "sqlite" if isinstance(db, sqlite3.Connection) else db.connection().dialect.name


def in_list(n: int) -> str:
    """``(?, ?, ...)`` of ``n`` marks: an ``IN`` list of :func:`select_rows` (``n`` at most :data:`IN_CHUNK`)."""
    return f"({', '.join(['?'] * n)})"


def json_value(value: Any) -> Any:
    """A JSON column's value as the ORM gives it: text (SQLite) decoded, objects (psycopg) as they are."""
    return jsontext.loads(value) if isinstance(value, str | bytes) else value


def flag(value: Any) -> bool:
    """A boolean column's value: SQLite stores 0/1."""
    return bool(value)


def timestamp(value: Any) -> dt.datetime:
    """A ``DateTime`` column's value: SQLite stores ``YYYY-MM-DD HH:MM:SS[.ffffff]`` text."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)  # (quoted: "start" and "end" are keywords)


def insert_rows(conn, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``INSERT`` of many rows (tuples in the order of ``columns``, JSON already serialised) through the driver's
    ``executemany`` in the connection's transaction: the bulk fact, sentence and span rows skip SQLAlchemy's
    per-row parameter processing."""
    if not rows:
        return
    statement = f"INSERT INTO {table} ({_names(columns)}) VALUES ({marks(conn, len(columns))})"
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(statement, rows)
    finally:
        cursor.close()


SQLITE_MAX_VARIABLES = 999  # SQLite's limit of parameters per statement before 3.32, when it cannot be asked


def _max_variables(conn) -> int:
    """How many parameters one SQLite statement may have on this connection."""
    getlimit = getattr(conn.connection.driver_connection, "getlimit", None)  # (Python >= 3.11)
    return getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if getlimit is not None else SQLITE_MAX_VARIABLES


def insert_rows_at_once(conn, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """:func:`insert_rows`, on SQLite as few statements as the parameter limit allows, each a multi-row
    ``VALUES`` (the rows in order): the same rows, with less work per row than one statement each.  Above
    all for the sentences: their full-text index (filled by trigger) writes a segment per statement, and so
    one per batch instead of one per sentence (the index holds the same terms, laid out in fewer segments).
    ``executemany`` on other databases."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        insert_rows(conn, table, columns, rows)
        return
    most = min(SQLITE_ROWS_PER_STATEMENT, max(1, _max_variables(conn) // len(columns)))
    row_marks = f"({', '.join(['?'] * len(columns))})"
    prefix = f"INSERT INTO {table} ({_names(columns)}) VALUES "
    cursor = conn.connection.cursor()
    try:
        i = 0
        for size in statement_sizes(len(rows), most):
            chunk = rows[i : i + size]
            cursor.execute(prefix + ", ".join([row_marks] * size), [v for row in chunk for v in row])
            i += size
    finally:
        cursor.close()


# Rows per multi-row statement, at most.  The driver keeps every statement it prepared (an LRU of 128 per
# connection), and a prepared statement grows with its parameters: statements of any row count up to the
# parameter limit (32,766) held ~450 MB in the writer of the 100k-document ingest.  Statement sizes are
# powers of two up to this (see :func:`statement_sizes`), so a table has at most ten statements.
SQLITE_ROWS_PER_STATEMENT = 512


def statement_sizes(n: int, most: int) -> list[int]:
    """Row counts of the statements that insert ``n`` rows: as many of the largest power of two <= ``most``
    as fit, then the rest as distinct powers of two, largest first (so few distinct statements exist)."""
    top = 1 << (max(1, most).bit_length() - 1)
    sizes = [top] * (n // top)
    rest = n % top
    while rest:
        size = 1 << (rest.bit_length() - 1)
        sizes.append(size)
        rest -= size
    return sizes
