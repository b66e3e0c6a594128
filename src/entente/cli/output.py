"""Printing a query result: a Rich table, JSON (``--json``) or CSV (``--csv``).

CSV is one row per item with scalar columns: lists are joined with ``;``, pairs written
``JPN-MYS``, sources by document name, nested results by a short label. A pair profile becomes
one row per fact (``section`` says which list it came from, ``provenance`` whether it is machine-extracted,
accepted, corrected or analyst-added), a matrix one row per area.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from .options import Mode


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="json")
        return " ".join(str(data[k]) for k in ("kind", "status", "date", "name", "level") if data.get(k))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple):
        parts = []
        for item in value:
            if isinstance(item, list | tuple) and all(isinstance(x, str) for x in item):
                parts.append("-".join(item))
            elif isinstance(item, BaseModel) and hasattr(item, "name") and hasattr(item, "doc_id"):
                parts.append(str(item.name))  # a SourceRef
            else:
                parts.append(str(_cell(item)))
        return ";".join(parts)
    return value


def model_rows(
    items: Iterable[BaseModel], columns: list[str] | None = None, extra: dict[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a list of models (every field, or ``columns``), ``extra`` columns first."""
    items = list(items)
    extra = extra or {}
    if columns is None:
        columns = list(type(items[0]).model_fields) if items else []
    header = list(extra) + columns
    rows = [[*extra.values(), *(_cell(getattr(item, c, None)) for c in columns)] for item in items]
    return header, rows


def profile_rows(p) -> tuple[list[str], list[list[Any]]]:
    """One row per fact of a :class:`~entente.kb.queries.PairProfile`."""
    header = ["pair", "section", "what", "status", "date", "detail", "source_count", "sources", "provenance"]
    pair = "-".join(p.pair)
    rows: list[list[Any]] = []

    def add(section: str, what: Any, status: Any, date: Any, detail: Any, item) -> None:
        rows.append(
            [
                pair,
                section,
                _cell(what),
                _cell(status),
                _cell(date),
                _cell(detail),
                getattr(item, "source_count", ""),
                _cell(getattr(item, "sources", [])),
                getattr(item, "provenance", ""),  # machine | accepted | corrected | analyst (facts only)
            ]
        )

    for s in p.levels:
        add("level", s.level, s.status, s.date, s.previous and f"from {s.previous}", s)
    for e in p.events:
        add("event", e.kind, e.status, e.date, e.place, e)
    for a in p.areas:
        add("area", a.area, a.status, a.last_seen, None, a)
    for status, agreements in p.agreements.items():
        for g in agreements:
            add("agreement", g.title or g.kind, status, g.date, g.deadline and f"deadline {g.deadline}", g)
    for state, commitments in p.commitments.items():
        for c in commitments:
            add("commitment", c.text, state, c.deadline, c.fulfilled_by, c)
    for f in p.figures:
        add("figure", f.metric, "", f.period, f"{f.value:g} {f.unit}", f)
    for c in p.conflicts:
        add("conflict", c.kind, "", None, c.subject, None)
    for person in p.people:
        add("person", person.name, "", None, person.country, person)
    return header, rows


def matrix_rows(m) -> tuple[list[str], list[list[Any]]]:
    """One row per area of an :class:`~entente.kb.queries.AreaMatrix`: ``status (sources)`` per partner."""
    header = ["area", *m.partners]
    rows = [
        [area, *(f"{c.status} ({c.source_count})" if (c := m.cells[area].get(p)) else "" for p in m.partners)]
        for area in m.areas
    ]
    return header, rows


def mapping_rows(d: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    return ["key", "value"], [[k, _cell(v)] for k, v in d.items()]


def write_csv(header: list[str], rows: list[list[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    sys.stdout.flush()


def emit(
    value: Any, mode: Mode, render: Callable, rows: Callable[[Any], tuple[list[str], list[list[Any]]]]
) -> None:
    """Print ``value`` as ``mode`` says: ``render(console)`` draws the table, ``rows(value)`` gives the CSV."""
    if mode == "json":
        from pydantic import TypeAdapter

        data = (
            value.model_dump(mode="json")
            if isinstance(value, BaseModel)
            else TypeAdapter(type(value)).dump_python(value, mode="json")
        )
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif mode == "csv":
        write_csv(*rows(value))
    else:
        from rich.console import Console

        console = Console()
        render(console if console.is_terminal else Console(width=140))
