"""Rich tables of the catalogue commands (``documents``, ``stats``); the query commands' are in
:mod:`entente.kb.render`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def render_documents(console: Console, page) -> None:
    t = _table(
        f"Documents {page.offset + 1 if page.items else 0}–{page.offset + len(page.items)} of {page.total}",
        "id",
        "published",
        "outlet",
        "name",
        "title",
        "pairs",
    )
    for d in page.items:
        t.add_row(
            *(
                Text(x)
                for x in (
                    d.id[:12],
                    d.published or "",
                    d.outlet or "",
                    d.name,
                    d.title or "",
                    ", ".join("-".join(p) for p in d.pairs),
                )
            )
        )
    console.print(t)


def human_bytes(n: int | None) -> str:
    if n is None:
        return "unknown"
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def stats_mapping(s) -> dict[str, Any]:
    """The statistics as flat ``key → value`` (the CSV rows and the table)."""
    out: dict[str, Any] = {"url": s.url}
    out.update({f"rows.{name}": n for name, n in s.tables.items()})
    out.update(
        pairs=s.pairs,
        countries=s.countries,
        outlets=s.outlets,
        published_first=s.published_first,
        published_last=s.published_last,
        undated_documents=s.undated_documents,
    )
    out.update({f"pipeline_version.{v}": n for v, n in s.pipeline_versions.items()})
    out["size_bytes"] = s.size_bytes
    return out


def render_stats(console: Console, s) -> None:
    t = _table("Knowledge base", "what", "value")
    t.add_row("database", Text(s.url))
    t.add_row("size", human_bytes(s.size_bytes))
    for name, n in s.tables.items():
        t.add_row(f"{name} rows", f"{n:,}")
    t.add_row("pairs", f"{s.pairs:,}")
    t.add_row("countries", f"{s.countries:,}")
    t.add_row("outlets", f"{s.outlets:,}")
    span = f"{s.published_first} … {s.published_last}" if s.published_first else "no dated documents"
    t.add_row("published", span + (f" ({s.undated_documents:,} undated)" if s.undated_documents else ""))
    for version, n in s.pipeline_versions.items():
        t.add_row(f"pipeline {version}", f"{n:,} documents")
    console.print(t)
