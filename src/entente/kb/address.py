"""Where the knowledge base is: ``--db`` / ``ENTENTE_DB`` as a SQLAlchemy URL, and the SQLite file of such a URL.

Plain Python (no SQLAlchemy): the query commands find an SQLite KB's file from here and read it with the
standard library (:func:`entente.kb.sqlutil.open_sqlite`)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "entente.db"


def resolve_db_url(db: str | os.PathLike[str] | None = None) -> str:
    """``db``, else ``$ENTENTE_DB``, else ``./entente.db``, as an SQLAlchemy URL."""
    value = str(db) if db else os.environ.get("ENTENTE_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> str | None:
    """The file of an SQLite URL (None for another backend or an in-memory database)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1].split("?", 1)[0]
    return None if not path or path == ":memory:" else path
