"""The fields an analyst may set on each kind of fact (a correction or an added fact), with their SPEC
vocabularies (from :mod:`entente.record`), and the check of a review's fields against them.

The review pages build their edit and add forms from :func:`form_spec`; ``POST /api/reviews`` refuses fields
that :func:`check_fields` rejects (a 422 naming the field).  Pure: no database.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import get_args

from ..record import AgreementKind, AgreementStatus, AreaId, AreaStatus, EventKind, FigureKind, Metric, Status

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO3 = re.compile(r"^[A-Z]{3}$")
LEVEL = re.compile(r"^[a-z][a-z0-9_]*$")


class FieldError(ValueError):
    """A field a review may not set, or a value outside its vocabulary."""


@dataclass(frozen=True)
class FormField:
    name: str
    type: str  # choice | text | date | number | iso3 | level
    choices: tuple[str, ...] = ()
    required: bool = False  # an added fact needs it


def _choice(name: str, vocabulary, required: bool = True) -> FormField:
    return FormField(name, "choice", tuple(get_args(vocabulary)), required)


FIELDS: dict[str, tuple[FormField, ...]] = {
    "event": (
        _choice("kind", EventKind),
        _choice("status", Status),
        FormField("date", "date"),
        FormField("place", "text"),
        FormField("place_country", "iso3"),
    ),
    "level": (
        FormField("level", "level", required=True),
        FormField("previous", "level"),
        _choice("status", Status),
        FormField("date", "date"),
    ),
    "area": (_choice("area", AreaId), _choice("status", AreaStatus)),
    "agreement": (
        _choice("kind", AgreementKind),
        FormField("title", "text"),
        _choice("status", AgreementStatus),
        FormField("date", "date"),
        FormField("deadline", "date"),
    ),
    "commitment": (FormField("text", "text", required=True), FormField("deadline", "date")),
    "figure": (
        _choice("metric", Metric),
        FormField("value", "number", required=True),
        FormField("unit", "text", required=True),
        FormField("period", "text"),
        _choice("kind", FigureKind, required=False),
    ),
}


def form_spec() -> dict[str, list[dict]]:
    """The fields of every kind as JSON for the page script."""
    return {kind: [asdict(f) for f in fields] for kind, fields in FIELDS.items()}


def _check(field: FormField, value) -> None:
    if field.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldError(f"{field.name}: {value!r} is not a number")
        return
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise FieldError(f"{field.name}: {value!r} is not a non-empty text (at most 500 characters)")
    if field.type == "choice" and value not in field.choices:
        raise FieldError(f"{field.name}: {value!r} is not one of {', '.join(field.choices)}")
    pattern = {"date": DATE, "iso3": ISO3, "level": LEVEL}.get(field.type)
    if pattern is not None and not pattern.match(value):
        raise FieldError(f"{field.name}: {value!r} is not a {field.type} ({pattern.pattern})")


def check_fields(kind: str, action: str, fields: dict) -> None:
    """:class:`FieldError` unless every field is one the kind has, with a value of its vocabulary or shape,
    and an added fact has the fields it needs."""
    known = {f.name: f for f in FIELDS.get(kind, ())}
    for name, value in fields.items():
        if name not in known:
            raise FieldError(f"{kind} has no field {name!r} (one of {', '.join(known)})")
        _check(known[name], value)
    if action == "add":
        missing = [f.name for f in known.values() if f.required and f.name not in fields]
        if missing:
            raise FieldError(f"an added {kind} needs {', '.join(missing)}")
