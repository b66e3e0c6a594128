"""Opening a knowledge base: engine, migrations, sessions (the URL is resolved by :mod:`.address`).

``--db`` / ``ENTENTE_DB`` is either a path (an SQLite file, WAL mode) or an
SQLAlchemy URL (``sqlite:///...``, ``postgresql+psycopg://...``). Opening runs the
Alembic migrations shipped with the package up to ``head``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from . import jsontext
from .address import resolve_db_url

MIGRATIONS = Path(__file__).with_name("migrations")


SQLITE_BUSY_SECONDS = 30.0


def _set_wal(cursor) -> None:
    """Switch the file to WAL (persistent, so done once per file).

    Changing the journal mode needs the file to itself, and SQLite answers ``database is locked``
    at once, without waiting on the busy handler, when another process is opening or writing the
    same new file: retry with a short back-off for as long as the busy timeout allows.
    """
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    delay = 0.005
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            transient = "locked" in str(error) or "busy" in str(error)
            if not transient or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_SECONDS * 1000)}")
    _set_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, **_JSON_CODEC)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **_JSON_CODEC)


# the JSON columns written and read as the bulk writers of kb.store and kb.refresh do (orjson)
_JSON_CODEC = {"json_serializer": jsontext.dumps, "json_deserializer": jsontext.loads}


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


@cache
def head_revisions() -> frozenset[str]:
    """The head revision(s) of the migrations shipped in ``migrations/versions``, read from their files
    (``revision = "..."`` not named by any ``down_revision``) without loading Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for key, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (revisions if key == "revision" else parents).update(_QUOTED.findall(value))
    return frozenset(revisions - parents)


def at_head(engine: Engine) -> bool:
    """Whether the KB's schema is at the newest shipped migration (``alembic_version`` holds exactly the
    heads), so that opening it needs no migration: a query process then never imports Alembic (~0.2 s)."""
    try:
        with engine.connect() as connection:
            stored = set(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    except DBAPIError:  # no such table yet: a new KB
        return False
    heads = head_revisions()
    return bool(heads) and stored == heads


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration shipped with the package (nothing to do, and Alembic
    not even loaded, when it is there already)."""
    if at_head(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        # One migrator at a time, all or nothing: two processes opening a new KB at once must not both
        # create the tables, and a kill mid-migration must not leave half a schema behind.
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # DDL is transactional in SQLite
        elif engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7283915)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class KB:
    """An open knowledge base: its URL, engine and session factory."""

    url: str
    engine: Engine
    sessionmaker: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        """A new session (the caller closes it, e.g. ``with kb.session() as s:``)."""
        return self.sessionmaker()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.sessionmaker() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def open_kb(url: str | os.PathLike[str] | None = None, *, migrate_schema: bool = True) -> KB:
    """Open (creating and migrating as needed) the knowledge base at ``url``; see :func:`resolve_db_url`."""
    resolved = resolve_db_url(url)
    engine = make_engine(resolved)
    if migrate_schema:
        migrate(engine)
    return KB(resolved, engine, sessionmaker(engine, expire_on_commit=False))
