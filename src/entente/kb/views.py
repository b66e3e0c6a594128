"""The knowledge base's result models and errors: what every query returns (pydantic models a caller renders
as Rich tables, Jinja pages or JSON) and raises.  Imports nothing of the KB: the query implementations, the
merge and the faces all import these from here."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..record import Amount, Span

DEFAULT_SOURCES = 5  # sources returned per merged fact unless ``max_sources`` says otherwise
DEFAULT_ITEMS = 25  # items per list of a pair profile unless ``max_items`` says otherwise
DEFAULT_TIMELINE = 100  # entries of a timeline page unless ``limit`` says otherwise

DeadlineState = Literal["pending", "due", "overdue", "fulfilled"]
Provenance = Literal["machine", "accepted", "corrected", "analyst"]  # who stands behind a merged fact


class UnknownCountry(ValueError):
    """A country argument that is no known name, alias, demonym or code."""


class SameCountry(UnknownCountry):
    """A pair of one country with itself ("show JPN JPN", "compare MYS --partners MYS")."""


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
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


class LevelStep(BaseModel):
    level: str
    previous: str | None = None
    date: str | None = None
    status: str
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


class AreaView(BaseModel):
    area: str
    status: str  # strongest status reported: agreed > ongoing > planned > expected > discussed
    first_seen: str | None = None  # earliest publication date of a reporting document
    last_seen: str | None = None
    source_count: int
    sources: list[SourceRef] = Field(default_factory=list)
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


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
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


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
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


class FigureView(BaseModel):
    id: int
    metric: str
    value: float
    unit: str
    period: str | None = None
    kind: str = "actual"  # actual | target | pledge: targets and pledges are never compared with actuals
    stated: list[Amount] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    conflict: bool = False
    source_count: int = 0
    sources: list[SourceRef] = Field(default_factory=list)
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


class ConflictValue(BaseModel):
    value: str  # the raw value: a date, or a figure's value as a number ("8e+09")
    display: str | None = None  # a figure's value as a reader writes it ("US$8 bn"); None: ``value`` is readable
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

    def facts(self) -> list[LevelStep | EventView | AreaView | AgreementView | CommitmentView | FigureView]:
        """Every merged fact that carries a provenance: levels, events, areas, agreements, commitments, figures."""
        return [
            *self.levels,
            *self.events,
            *self.areas,
            *(g for group in self.agreements.values() for g in group),
            *(c for group in self.commitments.values() for c in group),
            *self.figures,
        ]


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
    provenance: Provenance = "machine"  # machine-extracted, or accepted, corrected or added by an analyst


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
    match: Literal["evidence", "text"] = "evidence"  # an evidence sentence, or a passage of a document's text


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
