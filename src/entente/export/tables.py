"""Flat tables of every merged fact with its sources, one table per fact type."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from ..display import amount
from ..kb import queries as q


def _sources(sources: list[q.SourceRef]) -> dict:
    return {
        "source_docs": [s.doc_id for s in sources],
        "source_names": [s.name for s in sources],
        "evidence": [sp.text for s in sources for sp in s.spans],
        "n_sources": len(sources),
    }


def _pair(p: list[str]) -> dict:
    return {"country_a": p[0], "country_b": p[1]}


def tables(session: Session, today: dt.date | None = None) -> dict[str, list[dict]]:
    """table name -> rows; list-valued cells stay lists (csv joins them with "; ")."""
    out: dict[str, list[dict]] = {k: [] for k in ("pairs", "levels", "events", "areas", "agreements",
                                                  "commitments", "figures", "people", "documents")}
    for summary in q.pairs(session):
        prof = q.profile(session, *summary.pair, today=today, max_sources=None)  # every source
        pair = _pair(summary.pair)
        out["pairs"].append({**pair, "level": summary.level, "documents": summary.documents, "events": summary.events,
                             "areas": summary.areas, "agreements": summary.agreements,
                             "commitments": summary.commitments, "figures": summary.figures,
                             "conflicts": summary.conflicts})
        for s in prof.levels:
            out["levels"].append({**pair, "level": s.level, "previous": s.previous, "date": s.date,
                                  "status": s.status, "provenance": s.provenance, **_sources(s.sources)})
        for e in prof.events:
            out["events"].append({**pair, "id": e.id, "kind": e.kind, "status": e.status, "date": e.date,
                                  "date_end": e.date_end, "place": e.place, "place_country": e.place_country,
                                  "participants": e.participants, "statuses": e.statuses, "promoted": e.promoted,
                                  "conflict": e.conflict, "provenance": e.provenance, **_sources(e.sources)})
        for a in prof.areas:
            out["areas"].append({**pair, "area": a.area, "status": a.status, "first_seen": a.first_seen,
                                 "last_seen": a.last_seen, "provenance": a.provenance, **_sources(a.sources)})
        for group in prof.agreements.values():
            for g in group:
                out["agreements"].append({**pair, "id": g.id, "kind": g.kind, "title": g.title, "status": g.status,
                                          "date": g.date, "deadline": g.deadline, "areas": g.areas,
                                          "provenance": g.provenance, **_sources(g.sources)})
        for group in prof.commitments.values():
            for c in group:
                out["commitments"].append({**pair, "id": c.id, "text": c.text, "deadline": c.deadline,
                                           "state": c.state, "fulfilled_by": c.fulfilled_by, "areas": c.areas,
                                           "provenance": c.provenance, **_sources(c.sources)})
        for f in prof.figures:
            out["figures"].append({**pair, "id": f.id, "metric": f.metric, "value": f.value, "unit": f.unit,
                                   "period": f.period, "warnings": f.warnings, "conflict": f.conflict,
                                   "provenance": f.provenance, **_sources(f.sources)})
    for p in q.people(session, max_sources=None):
        out["people"].append({"id": p.id, "name": p.name, "country": p.country, "aliases": p.aliases,
                              "titles": p.titles, "documents": p.document_count, **_sources(p.sources)})
    offset = 0
    while True:
        page = q.documents(session, limit=500, offset=offset)
        for d in page.items:
            out["documents"].append({"id": d.id, "name": d.name, "title": d.title, "outlet": d.outlet,
                                     "url": d.url, "published": d.published, "chars": d.chars,
                                     "pipeline_version": d.pipeline_version,
                                     "pairs": ["-".join(p) for p in d.pairs]})
        offset += len(page.items)
        if not page.items or offset >= page.total:
            break
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``= + - @``, a tab or a carriage
    return gets a leading ``'`` (the OWASP advice for CSV injection); numbers stay numbers."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _with_display(name: str, rows: list[dict]) -> list[dict]:
    """The rows of a CSV table, figures with a ``display`` column after ``value`` ("US$7.4 bn"); the raw
    ``value`` stays (and is all JSON Lines and Parquet hold)."""
    if name != "figures":
        return rows
    out = []
    for row in rows:
        shown = {}
        for key, value in row.items():
            shown[key] = value
            if key == "value":
                shown["display"] = amount(row["value"], row.get("unit"))
        out.append(shown)
    return out


def write_csv(data: dict[str, list[dict]], out: Path) -> Iterator[Path]:
    import csv

    for name, rows in ((n, _with_display(n, r)) for n, r in data.items()):
        path = out / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            fields = list(rows[0]) if rows else ["id"]
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: csv_cell(v) for k, v in row.items()})
        yield path


def write_jsonl(data: dict[str, list[dict]], out: Path) -> Iterator[Path]:
    for name, rows in data.items():
        path = out / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        yield path


def _stable(field, pa):
    """A Parquet column type that does not depend on which cells happen to hold values."""
    if pa.types.is_null(field.type):
        return pa.field(field.name, pa.string())
    if pa.types.is_list(field.type) and pa.types.is_null(field.type.value_type):
        return pa.field(field.name, pa.list_(pa.string()))
    if pa.types.is_integer(field.type) and field.name in FLOAT_COLUMNS:
        return pa.field(field.name, pa.float64())
    return field


FLOAT_COLUMNS = {"value"}  # numbers that are floats even when every value of an export is whole


def write_parquet(data: dict[str, list[dict]], out: Path) -> Iterator[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, rows in data.items():
        path = out / f"{name}.parquet"
        if rows:
            # lists of strings stay list<string>; mixed numeric cells are floats; a column with no value in
            # this export (every cell null, or every list empty) is still a string (list) column, not `null`
            table = pa.Table.from_pylist([{k: (v if not isinstance(v, list) else [str(x) for x in v])
                                           for k, v in row.items()} for row in rows])
            table = table.cast(pa.schema([_stable(f, pa) for f in table.schema]))
        else:
            table = pa.table({"id": pa.array([], pa.string())})
        pq.write_table(table, path)
        yield path
