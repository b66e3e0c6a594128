"""Before a query reads the merged view: bring it up to date when an interrupted ingest left scopes dirty.

The check is one statement through :func:`~.sqlutil.select_rows`, on a standard-library SQLite connection as
on a SQLAlchemy session.  The refresh itself (the merge, written with SQLAlchemy) is needed only when a scope
is dirty, which no completed ingest leaves: :func:`load_refresh` is this module's lazy loader, so that a query
command on a fresh SQLite KB never imports SQLAlchemy (``tests/cli/test_cold_start.py``)."""

from __future__ import annotations

import sqlite3
from types import ModuleType
from typing import TYPE_CHECKING

from .sqlutil import select_rows, select_value

if TYPE_CHECKING:
    from .sqlutil import Reader


def is_dirty(db: Reader) -> bool:
    """Whether some scope of the KB behind ``db`` waits for its merged view to be recomputed."""
    return select_value(db, "SELECT scope FROM dirty LIMIT 1") is not None


def load_refresh() -> tuple[ModuleType, ModuleType]:
    """The lazy loader of the refresh machinery: :mod:`entente.kb.refresh` and :mod:`entente.kb.db`, imported on
    first need (they load SQLAlchemy, ~0.2 s, which a query on a fresh KB does without)."""
    from . import db as kb_db
    from . import refresh

    return refresh, kb_db


def ensure_fresh(db: Reader) -> None:
    """Refresh and commit when scopes are dirty (one cheap statement when none are).

    On a standard-library SQLite connection (read-only) the refresh runs in a SQLAlchemy session of its own
    on the same file, committed before the query goes on reading."""
    if not is_dirty(db):
        return
    refresh, kb_db = load_refresh()
    if not isinstance(db, sqlite3.Connection):
        refresh.ensure_fresh(db)
        return
    path = next(file for _, name, file in select_rows(db, "PRAGMA database_list") if name == "main")
    kb = kb_db.open_kb(path, migrate_schema=False)
    try:
        with kb.session() as session:
            refresh.ensure_fresh(session)
    finally:
        kb.close()
