"""``entente export``: one entry point for every format."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

FORMATS = ("csv", "jsonl", "parquet", "graphml", "plover")


def export(session: Session, fmt: str, out: Path) -> list[Path]:
    """Write the knowledge base in ``fmt`` into the directory ``out``; return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        from .graph import write_graphml

        return [write_graphml(session, out)]
    if fmt == "plover":
        from .plover import write_plover

        return [write_plover(session, out)]
    from . import tables

    data = tables.tables(session)
    writer = {"csv": tables.write_csv, "jsonl": tables.write_jsonl, "parquet": tables.write_parquet}[fmt]
    return list(writer(data, out))
