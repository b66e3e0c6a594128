"""The record contract: `entente.record/1`, exactly as ``SPEC.md`` defines it.

Every model here mirrors a JSON object of the spec.  Vocabularies are ``Literal``
types so that a wrong value is a validation error, not a silent typo.  Facts may
carry an extra ``rule`` field (which rule or lexicon entry produced them); the spec
allows extra fields and ``entente extract --explain`` prints them.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "entente.record/1"

Precision = Literal["day", "month", "year"]
PublishedBasis = Literal["metadata", "dateline", "text", "inferred"]
EventKind = Literal[
    "meeting", "visit", "statement", "press_conference", "signing", "exercise", "dialogue", "other"
]
Status = Literal["occurred", "agreed", "planned", "expected", "ongoing", "discussed", "cancelled"]
AreaStatus = Literal["agreed", "planned", "expected", "ongoing", "discussed"]
AgreementKind = Literal[
    "mou", "exchange_of_notes", "fta", "treaty", "agreement", "framework", "loan", "grant",
    "joint_statement", "action_plan", "other",
]
AgreementStatus = Literal[
    "signed", "exchanged", "planned", "negotiating", "concluded", "in_force", "referenced"
]

# How statuses rank, defined once (the KB's merge, the pages and the agreement extractor use these).
# Event, level and area statuses, strongest first; the statuses of one tuple rank alike.
# An event that took place, and one announced before it took place (their facts merge into one event).
HELD_STATUSES: tuple[Status, ...] = ("occurred", "agreed")
AHEAD_STATUSES: tuple[Status, ...] = ("planned", "expected")
STATUS_ORDER: tuple[tuple[Status, ...], ...] = (
    HELD_STATUSES, ("ongoing",), ("planned",), ("expected",), ("discussed",), ("cancelled",)
)
STATUS_RANK: dict[str, int] = {s: len(STATUS_ORDER) - i for i, tier in enumerate(STATUS_ORDER) for s in tier}
# Agreement statuses, most advanced first: in force outranks signed.
AGREEMENT_STATUS_ORDER: tuple[AgreementStatus, ...] = (
    "in_force", "signed", "exchanged", "concluded", "negotiating", "planned", "referenced"
)
AGREEMENT_STATUS_RANK: dict[str, int] = {
    s: len(AGREEMENT_STATUS_ORDER) - i for i, s in enumerate(AGREEMENT_STATUS_ORDER)
}
# A figure's kind (SPEC figure.kind, an extra field): a measured value, an aim ("raise trade to $30bn by 2030",
# with a deadline) or money promised ("pledged $5bn").  Targets and pledges are never merged with actuals.
FigureKind = Literal["actual", "target", "pledge"]
Metric = Literal[
    "trade_value", "trade_share", "trade_rank", "investment", "project_count", "aid", "loan", "other"
]
AreaId = Literal[
    "defence", "maritime", "cybersecurity", "transnational_crime", "disaster_management",
    "political_dialogue", "regional_multilateral", "trade", "investment", "supply_chain",
    "semiconductors", "digital_economy", "telecommunications", "cloud_data_centres", "ai_data",
    "iot_smart_city", "manufacturing", "science_technology", "halal", "finance", "energy",
    "climate_environment", "agriculture_food", "health", "education", "culture_people", "tourism",
    "consular_mobility", "infrastructure_transport", "space", "humanitarian",
]
AREAS: tuple[str, ...] = get_args(AreaId)  # the closed SPEC list of areas, in SPEC order


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class DateValue(_Model):
    start: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Precision
    text: str


class Place(_Model):
    name: str
    country: str | None = None


class Published(_Model):
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Precision | None = None
    basis: PublishedBasis | None = None


class DocInfo(_Model):
    id: str
    name: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    dateline: Place | None = None
    published: Published = Field(default_factory=Published)
    text_sha256: str
    chars: int


class Fact(_Model):
    rule: str | None = None


class Person(Fact):
    id: str
    name: str
    honorifics: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    country: str | None = None
    mentions: list[Span] = Field(min_length=1)


class Organization(Fact):
    id: str
    name: str
    acronym: str | None = None
    country: str | None = None
    mentions: list[Span] = Field(min_length=1)


class Event(Fact):
    kind: EventKind
    status: Status
    date: DateValue | None = None
    place: Place | None = None
    participants: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(min_length=1)


class Level(Fact):
    level: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    previous: str | None = None
    date: DateValue | None = None
    status: Status = "occurred"
    evidence: list[Span] = Field(min_length=1)


class Area(Fact):
    area: AreaId
    status: AreaStatus
    evidence: list[Span] = Field(min_length=1)


class Agreement(Fact):
    kind: AgreementKind
    title: str | None = None
    status: AgreementStatus
    date: DateValue | None = None
    deadline: DateValue | None = None
    areas: list[AreaId] = Field(default_factory=list)
    count: int | None = None
    evidence: list[Span] = Field(min_length=1)


class Commitment(Fact):
    text: str
    deadline: DateValue | None = None
    areas: list[AreaId] = Field(default_factory=list)
    evidence: list[Span] = Field(min_length=1)


class Amount(_Model):
    value: float
    unit: str


class Figure(Fact):
    metric: Metric
    value: float
    unit: str
    period: str | None = None
    kind: FigureKind = "actual"
    deadline: DateValue | None = None  # a target's (or pledge's) "by 2030"
    stated: list[Amount] = Field(default_factory=list)
    # (extra field) the amount in US dollars: the conversion the text states, else at the yearly average rate
    usd: float | None = None
    warnings: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(min_length=1)


class Relation(_Model):
    pair: list[str] = Field(min_length=2, max_length=2)
    events: list[Event] = Field(default_factory=list)
    levels: list[Level] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Record(_Model):
    schema_: Literal["entente.record/1"] = Field(default=SCHEMA, alias="schema")
    doc: DocInfo
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


class SpanMismatch(ValueError):
    """A span whose ``text`` is not the slice of the document it points at."""


def iter_spans(obj: object, path: str = "$"):
    """Yield ``(json_path, span)`` for every span anywhere inside a record."""
    if isinstance(obj, Span):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_spans(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_spans(item, f"{path}[{i}]")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_hold_spans(annotation: object, outer: tuple[type, ...] = ()) -> bool:
    """Whether a field of this type can hold a :class:`Span` (itself, or in a list, a union or a model whose
    fields can): ``str``, ``int``, ``Literal`` or ``list[str]`` fields cannot, and are not walked."""
    if annotation is Span or annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation not in outer and any(
            _may_hold_spans(f.annotation, (*outer, annotation)) for f in annotation.model_fields.values()
        )
    return any(_may_hold_spans(arg, outer) for arg in get_args(annotation) if not isinstance(arg, str))


def _span_fields(model: type[BaseModel]) -> tuple[str, ...]:
    names = _FIELDS.get(model)
    if names is None:
        names = _FIELDS[model] = tuple(
            name for name, f in model.model_fields.items() if _may_hold_spans(f.annotation)
        )
    return names


def spans_match(obj: object, text: str) -> bool:
    """Whether every span inside ``obj`` (walked as :func:`iter_spans` walks it, skipping the fields whose type
    cannot hold one) is the slice of ``text`` it points at; the fast check (no paths, no generators, the
    spans of a list checked in place) that :func:`span_errors` makes first."""
    if isinstance(obj, Span):
        return 0 <= obj.start <= obj.end <= len(text) and text[obj.start : obj.end] == obj.text
    if isinstance(obj, BaseModel):
        values = [getattr(obj, name) for name in _span_fields(type(obj))]
    elif isinstance(obj, list):
        values = obj
    else:
        return True
    for value in values:
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Span):
                    if not (
                        0 <= item.start <= item.end <= len(text) and text[item.start : item.end] == item.text
                    ):
                        return False
                elif isinstance(item, BaseModel | list) and not spans_match(item, text):
                    return False
        elif isinstance(value, BaseModel) and not spans_match(value, text):
            return False
    return True


def span_errors(record: Record, text: str) -> list[str]:
    """Every span of ``record`` that does not match ``text``, described."""
    if spans_match(record, text):
        return []
    errors = []
    for path, span in iter_spans(record):
        if not 0 <= span.start <= span.end <= len(text):
            errors.append(f"{path}: offsets {span.start}:{span.end} outside a text of {len(text)} chars")
        elif text[span.start : span.end] != span.text:
            errors.append(
                f"{path}: text {span.text!r} != document slice {text[span.start:span.end]!r}"
            )
    return errors


def validate_spans(record: Record, text: str) -> None:
    """Raise :class:`SpanMismatch` naming every span that does not check."""
    errors = span_errors(record, text)
    if errors:
        raise SpanMismatch("; ".join(errors[:10]) + (f" (+{len(errors) - 10} more)" if len(errors) > 10 else ""))


def json_schema() -> dict:
    return Record.model_json_schema(by_alias=True)
