"""The knowledge-base query API: the CLI commands and the web app call exactly these.

Every function takes a SQLAlchemy :class:`~sqlalchemy.orm.Session` (get one from
:func:`open_kb`) and returns pydantic models, so a caller can render them as
Rich tables, Jinja pages or JSON (``model.model_dump(mode="json")``).

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

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from ..read.document import Document
from ..record import Amount, Span
from .db import KB, open_kb

__all__ = [
    "KB", "open_kb", "UnknownCountry", "NotFound",
    "SourceRef", "EventView", "LevelStep", "AreaView", "AgreementView", "CommitmentView", "FigureView",
    "ConflictValue", "ConflictView", "PersonView", "PairSummary", "PairProfile", "TimelineEntry",
    "AreaCell", "AreaMatrix", "SearchHit", "DocumentSummary", "DocumentPage", "SpanView", "DocumentView",
    "IngestResult",
    "pairs", "profile", "timeline", "compare", "search", "people", "documents", "document",
    "ingest_documents", "ingest_text", "resolve", "stats",
    "recent_events", "open_commitments", "delete_document", "DEFAULT_SOURCES", "DEFAULT_ITEMS",
    "DEFAULT_TIMELINE",
]

DEFAULT_SOURCES = 5  # sources returned per merged fact unless ``max_sources`` says otherwise
DEFAULT_ITEMS = 25  # items per list of a pair profile unless ``max_items`` says otherwise
DEFAULT_TIMELINE = 100  # entries of a timeline page unless ``limit`` says otherwise

DeadlineState = Literal["pending", "due", "overdue", "fulfilled"]


class UnknownCountry(ValueError):
    """A country argument that is no known name, alias, demonym or code."""


class NotFound(LookupError):
    """No such document / pair in the knowledge base."""


# --------------------------------------------------------------------------- views


class SourceRef(BaseModel):
    """One document reporting a fact, with the evidence spans in its text."""

    doc_id: str
    name: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    spans: list[Span] = Field(default_factory=list)


class EventView(BaseModel):
    id: int
    pair: list[str]
    kind: str
    status: str
    date: str | None = None  # "YYYY[-MM[-DD]]" start of the (earliest well-supported) date
    date_end: str | None = None
    precision: str | None = None
    place: str | None = None
    place_country: str | None = None
    participants: list[str] = Field(default_factory=list)  # merged person names
    statuses: list[str] = Field(default_factory=list)  # every status reported, in source order
    promoted: bool = False  # planned/expected in an earlier report, occurred in a later one
    conflict: bool = False  # sources disagree on its date
    source_count: int = 0  # documents reporting it (``sources`` may hold only the most recent)
    sources: list[SourceRef] = Field(default_factory=list)


class LevelStep(BaseModel):
    level: str
    previous: str | None = None
    date: str | None = None
    status: str
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class AreaView(BaseModel):
    area: str
    status: str  # strongest status reported: agreed > ongoing > planned > expected > discussed
    first_seen: str | None = None  # earliest publication date of a reporting document
    last_seen: str | None = None
    source_count: int
    sources: list[SourceRef] = Field(default_factory=list)


class AgreementView(BaseModel):
    id: int
    kind: str
    title: str | None = None
    status: str  # most advanced status reported
    statuses: list[str] = Field(default_factory=list)
    date: str | None = None
    deadline: str | None = None
    areas: list[str] = Field(default_factory=list)
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class CommitmentView(BaseModel):
    id: int
    pair: list[str] | None = None  # set by the cross-pair :func:`open_commitments`
    text: str
    deadline: str | None = None
    deadline_end: str | None = None
    state: DeadlineState  # relative to the ``today`` of the query
    fulfilled_by: str | None = None  # what later report fulfilled it, e.g. "agreement: ... (signed)"
    areas: list[str] = Field(default_factory=list)
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class FigureView(BaseModel):
    id: int
    metric: str
    value: float
    unit: str
    period: str | None = None
    stated: list[Amount] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    conflict: bool = False
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class ConflictValue(BaseModel):
    value: str
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class ConflictView(BaseModel):
    kind: Literal["event_date", "figure_value"]
    subject: str  # "meeting 2024-11-25", "trade_value 2022 (MYR)"
    values: list[ConflictValue]  # best-supported first when capped
    omitted_values: int = 0  # values left out by the profile's ``max_items``


class PersonView(BaseModel):
    id: int
    name: str
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)  # other surface forms seen
    titles: list[str] = Field(default_factory=list)
    honorifics: list[str] = Field(default_factory=list)
    document_count: int = 0
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class PairSummary(BaseModel):
    pair: list[str]  # ISO3, sorted
    names: list[str]
    level: str | None = None  # current (latest occurred/agreed) level
    level_date: str | None = None
    last_event: EventView | None = None  # latest dated occurred event (else latest dated)
    documents: int = 0
    events: int = 0
    areas: int = 0
    agreements: int = 0
    commitments: int = 0
    figures: int = 0
    conflicts: int = 0


class PairProfile(BaseModel):
    pair: list[str]
    names: list[str]
    level: str | None = None
    levels: list[LevelStep] = Field(default_factory=list)  # ordered by date
    events: list[EventView] = Field(default_factory=list)  # timeline, ordered by date (undated last)
    areas: list[AreaView] = Field(default_factory=list)  # most sources first
    agreements: dict[str, list[AgreementView]] = Field(default_factory=dict)  # by status
    commitments: dict[str, list[CommitmentView]] = Field(default_factory=dict)  # by deadline state
    figures: list[FigureView] = Field(default_factory=list)
    conflicts: list[ConflictView] = Field(default_factory=list)
    people: list[PersonView] = Field(default_factory=list)  # participants of the pair's events
    documents: int = 0
    today: str  # the date deadline states were computed against
    # items each capped list leaves out (``max_items``): "events", "levels", "areas", "figures", "conflicts",
    # "agreements.<status>", "commitments.<state>"; absent: the list is complete
    omitted: dict[str, int] = Field(default_factory=dict)


class TimelineEntry(BaseModel):
    date: str | None = None
    pair: list[str]
    partner: str  # the other country of the pair
    type: Literal["event", "level", "agreement"]
    kind: str  # event kind, level name or agreement kind
    status: str
    label: str  # one-line human description
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


class AreaCell(BaseModel):
    status: str
    source_count: int


class AreaMatrix(BaseModel):
    country: str
    partners: list[str]
    areas: list[str]  # rows: every area seen with any partner, by total sources
    cells: dict[str, dict[str, AreaCell | None]]  # area -> partner -> cell (None: not reported)


class SearchHit(BaseModel):
    doc_id: str
    name: str
    title: str | None = None
    published: str | None = None
    start: int  # the matching evidence sentence in the document text
    end: int
    snippet: str  # with matches wrapped in [ ]
    rank: float  # higher is better
    pairs: list[list[str]] = Field(default_factory=list)  # pairs whose facts cite this sentence


class DocumentSummary(BaseModel):
    id: str
    name: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    chars: int
    pipeline_version: str
    ingested_at: str
    pairs: list[list[str]] = Field(default_factory=list)


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class SpanView(BaseModel):
    start: int
    end: int
    text: str
    type: str  # person | organization | event | level | area | agreement | commitment | figure
    label: str  # e.g. "meeting (occurred)", "area: halal", "Anwar Ibrahim"
    pair: list[str] | None = None


class DocumentView(BaseModel):
    summary: DocumentSummary
    text: str
    record: dict  # the stored entente.record/1 JSON
    spans: list[SpanView]  # every evidence span, by start offset


class IngestResult(BaseModel):
    added: int = 0  # new documents stored
    skipped: int = 0  # already present at the current pipeline version
    reextracted: int = 0  # re-extracted because of --reextract and an older pipeline version
    failures: list[tuple[str, str]] = Field(default_factory=list)  # (source, reason)
    doc_ids: list[str] = Field(default_factory=list)  # ids of every document added/skipped/redone


# --------------------------------------------------------------------------- queries


def resolve(country: str) -> str:
    """ISO3 for a name/alias/demonym/code, else :class:`UnknownCountry`."""
    from ..extract.countries import resolve_country

    iso3 = resolve_country(country)
    if iso3 is None:
        raise UnknownCountry(f"unknown country {country!r} (use a name, a demonym or an ISO3 code)")
    return iso3


def pairs(session: Session) -> list[PairSummary]:
    """Every pair in the KB: current level, last event and fact counts; most documents first."""
    from .read import read_pairs

    return read_pairs(session)


def profile(
    session: Session, a: str, b: str, today: dt.date | None = None, max_sources: int | None = DEFAULT_SOURCES,
    max_items: int | None | Literal["auto"] = "auto",
) -> PairProfile:
    """The merged profile of one pair; deadline states are computed against ``today``.

    Each fact lists its ``max_sources`` most recent sources (``None``: all) and ``source_count``.
    Each list holds at most ``max_items`` items (``None``: all; ``"auto"``: :data:`DEFAULT_ITEMS`, or all
    when ``max_sources`` is ``None``, as a full export wants); ``omitted`` counts what was left out.
    Raises :class:`NotFound` when no document reports the pair.
    """
    from .read import read_profile

    if max_items == "auto":
        max_items = DEFAULT_ITEMS if max_sources is not None else None
    return read_profile(session, resolve(a), resolve(b), today or dt.date.today(), max_sources, max_items)


def timeline(
    session: Session, country: str, partner: str | None = None, since: dt.date | str | None = None,
    max_sources: int | None = DEFAULT_SOURCES, latest: int | None = None,
    limit: int | None = DEFAULT_TIMELINE, offset: int = 0,
) -> list[TimelineEntry]:
    """Dated events, level changes and agreements of ``country`` (with ``partner`` only, when given),
    oldest first, from ``since`` (inclusive) when given; undated entries come last.

    A page of the history, newest first: the ``limit`` most recent entries (default
    :data:`DEFAULT_TIMELINE`; undated ones only when the dated do not fill it) after skipping the
    ``offset`` most recent, still listed oldest first; ``limit=None``: the whole history.
    ``latest=N`` keeps only the N most recent dated entries (undated ones are left out)."""
    from .read import read_timeline

    return read_timeline(session, resolve(country), resolve(partner) if partner else None,
                         str(since) if since else None, max_sources, latest, limit, offset)


def compare(session: Session, country: str, partners: Iterable[str]) -> AreaMatrix:
    """The areas × partners matrix of ``country``: strongest status and source count per cell."""
    from .read import read_compare

    return read_compare(session, resolve(country), [resolve(p) for p in partners])


def search(session: Session, q: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """Ranked full-text search over evidence sentences (SQLite FTS5 / PostgreSQL tsvector); ``offset``
    skips that many of the best (the next page)."""
    from .search import search_sentences

    return search_sentences(session, q, limit, offset)


def people(
    session: Session, country: str | None = None, max_sources: int | None = DEFAULT_SOURCES
) -> list[PersonView]:
    """Merged people (same canonical name and country), most documents first."""
    from .read import read_people

    return read_people(session, resolve(country) if country else None, max_sources=max_sources)


def recent_events(session: Session, limit: int = 12, max_sources: int | None = DEFAULT_SOURCES) -> list[EventView]:
    """The latest dated events across every pair, newest first (each carries its ``pair``)."""
    from .read import read_recent_events

    return read_recent_events(session, limit, max_sources)


def open_commitments(
    session: Session, today: dt.date | None = None, limit: int | None = 50,
    max_sources: int | None = DEFAULT_SOURCES,
) -> list[CommitmentView]:
    """Commitments not yet fulfilled across every pair (each carries its ``pair``): overdue, then due,
    then pending (deadline states against ``today``), each by deadline (none last); ``limit=None``: all."""
    from .read import read_open_commitments

    return read_open_commitments(session, today or dt.date.today(), limit, max_sources)


def documents(session: Session, limit: int = 50, offset: int = 0) -> DocumentPage:
    """Stored documents, newest publication first."""
    from .read import read_documents

    return read_documents(session, limit, offset)


def document(session: Session, doc_id: str) -> DocumentView:
    """One document: its text, stored record and every evidence span. :class:`NotFound` if absent."""
    from .read import read_document

    return read_document(session, doc_id)


def stats(session: Session) -> dict[str, int]:
    """Row counts per table (documents, facts, spans, merged, ...)."""
    from .read import read_stats

    return read_stats(session)


# --------------------------------------------------------------------------- writing


def delete_document(session: Session, doc_id: str) -> DocumentSummary:
    """Remove a document and everything extracted from it, recompute the merged view of the pairs it
    touched, and commit; returns the removed document's summary. :class:`NotFound` if absent."""
    from .merge import refresh_merged
    from .store import delete_document as drop_rows
    from .store import mark_dirty

    summary = document(session, doc_id).summary
    try:
        mark_dirty(session, drop_rows(session, summary.id))
        refresh_merged(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


def ingest_documents(
    session: Session,
    documents: Iterable[Document | Exception],
    *,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Extract and store documents idempotently, committing every ``batch_size`` documents.

    ``documents`` may contain :class:`~entente.read.ReadError` items (from
    :func:`entente.read.read_paths`); they are listed in ``failures``. A document
    whose id (sha256 of its normalised text) is already stored is skipped, unless
    ``reextract`` is set and it was extracted by an older ``PIPELINE_VERSION``.
    ``on_progress(n)`` is called after each input item. The merged view is
    refreshed before returning.
    """
    from .ingest import ingest

    return ingest(session, documents, reextract=reextract, batch_size=batch_size, published=published,
                  on_progress=on_progress)


def ingest_text(
    session: Session,
    text: str,
    *,
    name: str = "posted.txt",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> IngestResult:
    """Ingest one text (e.g. ``POST /api/documents``); the same rules as :func:`ingest_documents`, and the
    same ``max_chars`` cut as every reader."""
    from ..read.document import normalise
    from ..read.formats import DEFAULT_MAX_CHARS, limit_chars

    body = normalise(text)
    if not body.strip():
        return IngestResult(failures=[(name, "empty document (no text)")])
    doc = Document(text=body, name=name, source=name, title=title, url=url, outlet=outlet, published=published)
    return ingest_documents(session, [limit_chars(doc, DEFAULT_MAX_CHARS)])
