"""The knowledge-base query API: the CLI commands and the web app call exactly these.  A façade: the models
and errors are :mod:`entente.kb.views`, the reads :mod:`entente.kb.lookups` and :mod:`entente.kb.search`, the
writes :mod:`entente.kb.writing`; nothing inside ``entente.kb`` imports this module.

Every function takes a SQLAlchemy :class:`~sqlalchemy.orm.Session` (get one from
:func:`open_kb`) and returns pydantic models; the reads (everything but ``search`` and the writers) also
take a read-only standard-library :class:`sqlite3.Connection` on an SQLite KB
(:func:`entente.kb.sqlutil.open_sqlite`), which is how the query commands start without SQLAlchemy.
A caller renders the models as Rich tables, Jinja pages or JSON (``model.model_dump(mode="json")``).

Country arguments accept ISO3 codes, names, aliases and demonyms ("JPN",
"Japan", "japanese"); an unknown country raises :class:`UnknownCountry`.

Every merged fact carries ``source_count`` (how many documents report it) and
``sources``: one :class:`SourceRef` per reporting document, with the evidence spans
in that document's text. ``sources`` holds the ``max_sources`` most recent reports
(default :data:`DEFAULT_SOURCES`, oldest first); pass ``max_sources=None`` for all.

A pair profile lists at most ``max_items`` items per list (default :data:`DEFAULT_ITEMS`: the
most recent events and levels, the best-supported areas, agreements, figures and conflicts);
``PairProfile.omitted`` says how many each capped list leaves out (``max_items=None``: all).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .lookups import (
    compare,
    document,
    documents,
    open_commitments,
    pairs,
    people,
    profile,
    recent_events,
    resolve,
    stats,
    timeline,
)
from .views import (
    DEFAULT_ITEMS,
    DEFAULT_SOURCES,
    DEFAULT_TIMELINE,
    AgreementView,
    AreaCell,
    AreaMatrix,
    AreaView,
    CommitmentView,
    ConflictValue,
    ConflictView,
    DocumentPage,
    DocumentSummary,
    DocumentView,
    EventView,
    FigureView,
    IngestResult,
    LevelStep,
    NotFound,
    PairProfile,
    PairSummary,
    PersonView,
    SearchHit,
    SourceRef,
    SpanView,
    TimelineEntry,
    UnknownCountry,
)

if TYPE_CHECKING:
    from .db import KB, open_kb
    from .search import search_sentences as search
    from .writing import delete_document, ingest_documents, ingest_text

# Lazy for start-up cost: a query command (``entente show``) needs neither SQLAlchemy's engine (:mod:`.db`), nor
# the writers, nor the sentence search, so they are imported on first use: ``queries.ingest_documents`` is
# ``writing.ingest_documents``.
_LAZY = {
    "KB": ("db", "KB"),
    "open_kb": ("db", "open_kb"),
    "search": ("search", "search_sentences"),
    "delete_document": ("writing", "delete_document"),
    "ingest_documents": ("writing", "ingest_documents"),
    "ingest_text": ("writing", "ingest_text"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(f".{module}", __package__), attr)
    globals()[name] = value
    return value


__all__ = [
    "KB",
    "open_kb",
    "UnknownCountry",
    "NotFound",
    "SourceRef",
    "EventView",
    "LevelStep",
    "AreaView",
    "AgreementView",
    "CommitmentView",
    "FigureView",
    "ConflictValue",
    "ConflictView",
    "PersonView",
    "PairSummary",
    "PairProfile",
    "TimelineEntry",
    "AreaCell",
    "AreaMatrix",
    "SearchHit",
    "DocumentSummary",
    "DocumentPage",
    "SpanView",
    "DocumentView",
    "IngestResult",
    "pairs",
    "profile",
    "timeline",
    "compare",
    "search",
    "people",
    "documents",
    "document",
    "ingest_documents",
    "ingest_text",
    "resolve",
    "stats",
    "recent_events",
    "open_commitments",
    "delete_document",
    "DEFAULT_SOURCES",
    "DEFAULT_ITEMS",
    "DEFAULT_TIMELINE",
]
