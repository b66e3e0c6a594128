"""The knowledge base: documents, extracted facts with spans, and the merged view.

Open one with :func:`open_kb`; query it through :mod:`entente.kb.queries`.

:class:`KB` and :func:`open_kb` (:mod:`entente.kb.db`, SQLAlchemy) are loaded on first use, by this
package's ``__getattr__``: importing a module of the package (the query commands' read path, which reads
an SQLite KB with the standard library) does not load SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .address import resolve_db_url

if TYPE_CHECKING:
    from .db import KB, open_kb

_LAZY = {"KB": "db", "open_kb": "db"}  # name -> the module of this package defining it, imported on first use


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["KB", "open_kb", "resolve_db_url"]
