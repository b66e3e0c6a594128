"""Opening the knowledge base from a command: only ``ingest`` creates one.

A read command (``pairs``, ``show``, ``export``, ``serve`` ...) given a path that holds no KB
says so and exits 2, without creating the file or its folders (``--db /tmp/typo/x.db`` leaves
``/tmp/typo`` absent). A KB at the newest schema is opened without loading Alembic: the check
reads ``alembic_version`` with the standard library and compares it with the newest migration
file shipped with the package.

Two ways in: :func:`read` for the query commands (``pairs``, ``show``, ``timeline``, ``compare``,
``people``, ``documents``, ``stats``), which on an SQLite KB at the newest schema runs the query on a read-only standard-library
:mod:`sqlite3` connection, so that the command never loads SQLAlchemy (the cold start ``make bench``
reports); :func:`query` for everything else (a SQLAlchemy session: PostgreSQL, writes, search,
exports, reviews), which is also where :func:`read` goes for another backend or an older schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..kb.address import resolve_db_url, sqlite_path
from ..kb.sqlutil import open_sqlite
from .app import fail

T = TypeVar("T")
VERSIONS = Path(__file__).resolve().parent.parent / "kb" / "migrations" / "versions"


def _newest_revision() -> str | None:
    """The revision id of the newest migration, by the ``NNNN_name.py`` file naming the KB uses."""
    names = sorted(p.name.split("_", 1)[0] for p in VERSIONS.glob("[0-9]*_*.py"))
    return names[-1] if names else None


def _check_sqlite(path: str) -> bool:
    """Exit 2 unless ``path`` is an entente KB; True when its schema is already the newest."""
    file = Path(path)
    if not file.exists():
        raise fail(f"no knowledge base at {path} (the file does not exist; `entente ingest` creates one)")
    if not file.is_file():
        raise fail(f"no knowledge base at {path} (not a file)")
    try:
        con = open_sqlite(file)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = (
                (con.execute("SELECT version_num FROM alembic_version").fetchone() or [None])[0]
                if ("alembic_version" in tables)
                else None
            )
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise fail(f"{path} is not an entente knowledge base ({e})") from None
    if "documents" not in tables or version is None:
        raise fail(
            f"{path} is not an entente knowledge base (no documents table; `entente ingest` creates one)"
        )
    return version == _newest_revision()


def _one_line(error: Exception) -> str:
    """A driver's message on one line (psycopg's span several, with hints)."""
    return " ".join(str(error).split())


def open_existing(db: str | None):
    """The KB at ``db`` (see :func:`entente.kb.resolve_db_url`), which must exist; exit 2 otherwise."""
    from sqlalchemy import inspect

    from ..kb import open_kb
    from ..kb.db import migrate

    url = resolve_db_url(db)
    path = sqlite_path(url)
    current = _check_sqlite(path) if path is not None else False
    kb = None
    try:
        kb = open_kb(url, migrate_schema=False)
        is_kb = path is not None or inspect(kb.engine).has_table("documents")
        if is_kb and not current:
            migrate(kb.engine)
    except Exception as e:  # bad URL, server down, unreadable file
        if kb is not None:
            kb.close()
        raise fail(
            f"cannot open the knowledge base {db or url}: {type(e).__name__}: {_one_line(e)}"
        ) from None
    if not is_kb:
        kb.close()
        raise fail(
            f"{url} is not an entente knowledge base (no documents table; `entente ingest` creates one)"
        )
    return kb


def open_or_create(db: str | None):
    """The KB at ``db``, created (with its folder) when absent: ``ingest`` only."""
    from ..kb import open_kb

    try:
        return open_kb(db)
    except Exception as e:  # bad URL, server down, unreadable file
        raise fail(
            f"cannot open the knowledge base {db or '(default)'}: {type(e).__name__}: {_one_line(e)}"
        ) from None


def query(db: str | None, fn: Callable[..., T]) -> T:
    """Run ``fn(session)`` on the existing KB at ``db``; an unknown country or a missing pair or document is
    one line and exit 2."""
    from ..kb.views import NotFound, UnknownCountry  # (the result models: not loaded by ``--help``)

    kb = open_existing(db)
    try:
        with kb.session() as session:
            return fn(session)
    except (UnknownCountry, NotFound) as e:
        raise fail(str(e)) from None
    finally:
        kb.close()


def read(db: str | None, fn: Callable[..., T]) -> T:
    """:func:`query` for a read of :mod:`entente.kb.lookups` or :mod:`entente.kb.catalog` (``fn`` takes a
    session or a standard-library SQLite connection): on an SQLite KB whose schema is the newest,
    ``fn(connection)`` on a read-only connection, without SQLAlchemy; otherwise :func:`query`."""
    from ..kb.views import NotFound, UnknownCountry

    path = sqlite_path(resolve_db_url(db))
    if path is None or not _check_sqlite(path):  # another backend, or a schema :func:`open_existing` migrates
        return query(db, fn)
    con = open_sqlite(path)
    try:
        return fn(con)
    except (UnknownCountry, NotFound) as e:
        raise fail(str(e)) from None
    finally:
        con.close()
