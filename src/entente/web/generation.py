"""The knowledge base's *generation*: a cheap token that changes whenever the KB may have changed.

The web app caches responses and the home page's overview per generation (see
:mod:`entente.web.cache`), so the token must change after every committed write,
whoever makes it: this app's own write routes, another worker process, or
``entente ingest`` / ``entente delete`` from the command line.

- The app's write routes call :meth:`KBGeneration.bump` (an in-process counter), so this
  process sees its own writes at once.
- For an SQLite file, a dedicated read-only connection asks ``PRAGMA data_version`` on every
  call (a few microseconds, no I/O): SQLite changes that number whenever any *other*
  connection — in this process or another one — commits to the file (a WAL checkpoint
  changes it too, which only costs a cache refill).  The watcher never writes, so every
  write anywhere counts.
- For other databases (PostgreSQL) one tiny query (document count and newest ``ingested_at``,
  merged row count and newest id, pending merge marks) is run at most every
  ``poll_interval`` seconds, so a write by another process is seen within that interval.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from ..kb import KB
from ..kb.schema import DirtyRow, DocumentRow, MergedRow

DEFAULT_POLL_INTERVAL = 1.0


def sqlite_file(url: str) -> Path | None:
    """The database file of an ``sqlite:///`` URL (``None`` for in-memory or other databases)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1].split("?", 1)[0] if "///" in url else ""
    if not path or path == ":memory:":
        return None
    return Path(path)


class KBGeneration:
    """``token()`` changes after every committed write to the KB (see the module docstring)."""

    def __init__(self, kb: KB, poll_interval: float = DEFAULT_POLL_INTERVAL, watch_sqlite: bool = True) -> None:
        self.kb = kb
        self.poll_interval = poll_interval
        self._lock = threading.Lock()
        self._local = 0
        self._watcher: sqlite3.Connection | None = None
        self._polled: tuple | None = None
        self._polled_at = float("-inf")
        path = sqlite_file(kb.url)
        if watch_sqlite and path is not None and path.exists():
            # autocommit (isolation_level=None): no read transaction stays open between calls, so the
            # watcher never holds back a checkpoint and always sees the newest commit
            self._watcher = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False,
                                            isolation_level=None)

    @property
    def mode(self) -> str:
        return "sqlite-data-version" if self._watcher is not None else "poll"

    def bump(self) -> None:
        """Called by this process's write routes after their commit."""
        with self._lock:
            self._local += 1

    def token(self) -> tuple:
        """The current generation; equal tokens mean no write was committed in between."""
        with self._lock:
            if self._watcher is not None:
                return (self._local, self._watcher.execute("PRAGMA data_version").fetchone()[0])
            now = time.monotonic()
            if now - self._polled_at >= self.poll_interval:
                self._polled = self._poll()
                self._polled_at = now
            return (self._local, self._polled)

    def _poll(self) -> tuple:
        with self.kb.engine.connect() as conn:
            docs = conn.execute(select(func.count(), func.max(DocumentRow.ingested_at)).select_from(DocumentRow)).one()
            merged = conn.execute(select(func.count(), func.max(MergedRow.id)).select_from(MergedRow)).one()
            dirty = conn.execute(select(func.count()).select_from(DirtyRow)).scalar()
        return (*docs, *merged, dirty)

    def close(self) -> None:
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
