"""The knowledge base: documents, extracted facts with spans, and the merged view.

Open one with :func:`open_kb`; query it through :mod:`entente.kb.queries`.
"""

from .db import KB, open_kb, resolve_db_url

__all__ = ["KB", "open_kb", "resolve_db_url"]
