"""Rich rendering of query results for the CLI (``--json`` prints the models instead)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..display import amount
from .views import AreaMatrix, PairProfile, PairSummary, PersonView, SearchHit, SourceRef, TimelineEntry

MAX_SOURCES = 3


def sources_text(sources: list[SourceRef], limit: int = MAX_SOURCES) -> str:
    names = [f"{s.name}" + (f" ({s.published})" if s.published else "") for s in sources[:limit]]
    more = len(sources) - limit
    return ", ".join(names) + (f" +{more} more" if more > 0 else "")


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _row(table: Table, *cells: str) -> None:
    """Cells are plain text: titles and snippets may hold brackets that are not markup."""
    table.add_row(*(Text(c) for c in cells))


def render_pairs(console: Console, items: list[PairSummary]) -> None:
    table = _table("Pairs", "pair", "level", "last event", "docs", "events", "areas", "agreements",
                   "commitments", "figures", "conflicts")
    for s in items:
        ev = s.last_event
        last = f"{ev.date} {ev.kind} ({ev.status})" if ev else ""
        _row(table, f"{s.pair[0]}–{s.pair[1]} ({s.names[0]} / {s.names[1]})", s.level or "", last,
                      str(s.documents), str(s.events), str(s.areas), str(s.agreements), str(s.commitments),
                      str(s.figures), str(s.conflicts))
    console.print(table)


PROVENANCE_LABELS = {"machine": "machine-extracted", "accepted": "accepted", "corrected": "corrected",
                     "analyst": "analyst-added"}
REVIEW_COLUMN = "review"  # the column a section's table gets when an analyst reviewed one of its facts


def provenance_line(p: PairProfile) -> str | None:
    """``Provenance: 9 machine-extracted, 1 accepted, 1 analyst-added``; None when no fact was reviewed."""
    counts: dict[str, int] = {}
    for fact in p.facts():
        counts[fact.provenance] = counts.get(fact.provenance, 0) + 1
    if set(counts) <= {"machine"}:
        return None
    return "Provenance: " + ", ".join(f"{counts[k]} {label}" for k, label in PROVENANCE_LABELS.items()
                                      if counts.get(k))


def _reviewed_table(title: str, items: list, *columns: str) -> tuple[Table, bool]:
    """A section's table, with a ``review`` column last when an analyst touched one of ``items``."""
    reviewed = any(i.provenance != "machine" for i in items)
    return _table(title, *columns, *((REVIEW_COLUMN,) if reviewed else ())), reviewed


def _mark(item, reviewed: bool) -> tuple[str, ...]:
    """The ``review`` cell of ``item`` (empty for a machine-extracted fact) when its table has the column."""
    if not reviewed:
        return ()
    return ("" if item.provenance == "machine" else PROVENANCE_LABELS[item.provenance],)


def render_profile(console: Console, p: PairProfile) -> None:
    console.print(f"[bold]{p.names[0]} – {p.names[1]}[/] ({p.pair[0]}–{p.pair[1]}): {p.documents} documents, "
                  f"current level [bold]{p.level or 'unknown'}[/]")
    if line := provenance_line(p):
        console.print(Text(line + f" (the {REVIEW_COLUMN} column marks the facts an analyst reviewed)"))
    if p.levels:
        t, rv = _reviewed_table("Level history", p.levels, "date", "level", "previous", "status", "sources")
        for s in p.levels:
            _row(t, s.date or "", s.level, s.previous or "", s.status, sources_text(s.sources), *_mark(s, rv))
        console.print(t)
    if p.events:
        t, rv = _reviewed_table("Events", p.events, "date", "kind", "status", "place", "participants", "sources")
        for e in p.events:
            status = e.status + (" (promoted from " + "/".join(sorted(set(e.statuses) - {e.status})) + ")"
                                 if e.promoted else "") + (" DATE CONFLICT" if e.conflict else "")
            _row(t, e.date or "undated", e.kind, status, e.place or "", ", ".join(e.participants[:4]),
                      f"{len(e.sources)}: {sources_text(e.sources)}", *_mark(e, rv))
        console.print(t)
    if p.areas:
        t, rv = _reviewed_table("Areas", p.areas, "area", "status", "sources", "first seen", "last seen")
        for a in p.areas:
            _row(t, a.area, a.status, f"{a.source_count}: {sources_text(a.sources)}", a.first_seen or "",
                      a.last_seen or "", *_mark(a, rv))
        console.print(t)
    if p.agreements:
        agreements = [g for group in p.agreements.values() for g in group]
        t, rv = _reviewed_table("Agreements", agreements, "status", "kind", "title", "date", "sources")
        for status, group in p.agreements.items():
            for g in group:
                _row(t, status, g.kind, g.title or "", g.date or "", sources_text(g.sources), *_mark(g, rv))
        console.print(t)
    if p.commitments:
        commitments = [c for group in p.commitments.values() for c in group]
        t, rv = _reviewed_table(f"Commitments (deadline state on {p.today})", commitments, "state", "commitment",
                                "deadline", "sources")
        for state, group in p.commitments.items():
            for c in group:
                extra = f" — {c.fulfilled_by}" if c.fulfilled_by else ""
                _row(t, state, c.text + extra, c.deadline or "", sources_text(c.sources), *_mark(c, rv))
        console.print(t)
    if p.figures:
        t, rv = _reviewed_table("Figures", p.figures, "metric", "value", "unit", "period", "notes", "sources")
        for f in p.figures:
            notes = ", ".join(f.warnings + (["conflict"] if f.conflict else []))
            value = amount(f.value, f.unit) + (f" ({f.kind})" if f.kind != "actual" else "")
            stated = "; ".join(amount(s.value, s.unit) for s in f.stated)
            notes = "; ".join(x for x in (f"stated {stated}" if stated else "", notes) if x)
            _row(t, f.metric, value, f.unit, f.period or "", notes, sources_text(f.sources), *_mark(f, rv))
        console.print(t)
    if p.conflicts:
        t = _table("Conflicts", "what", "value", "sources")
        for c in p.conflicts:
            for v in c.values:
                _row(t, f"{c.kind}: {c.subject}", v.display or v.value, sources_text(v.sources))
        console.print(t)


def render_timeline(console: Console, entries: list[TimelineEntry], country: str) -> None:
    t, rv = _reviewed_table(f"Timeline of {country}", entries, "date", "partner", "what", "sources")
    for e in entries:
        _row(t, e.date or "undated", e.partner, e.label, sources_text(e.sources), *_mark(e, rv))
    console.print(t)


def render_compare(console: Console, m: AreaMatrix) -> None:
    t = _table(f"Areas of {m.country} by partner (status, sources)", "area", *m.partners)
    for area in m.areas:
        cells = [(f"{c.status} ({c.source_count})" if c else "·") for c in (m.cells[area][p] for p in m.partners)]
        _row(t, area, *cells)
    console.print(t)


def render_search(console: Console, hits: list[SearchHit]) -> None:
    t = _table("Search", "rank", "in", "document", "snippet", "pairs")
    for h in hits:
        _row(t, f"{h.rank:.2f}", h.match, f"{h.name}" + (f" ({h.published})" if h.published else ""), h.snippet,
                  ", ".join("–".join(p) for p in h.pairs))
    console.print(t)


def render_people(console: Console, items: list[PersonView]) -> None:
    t = _table("People", "name", "country", "titles", "aliases", "docs")
    for p in items:
        _row(t, p.name, p.country or "", "; ".join(p.titles[:3]), "; ".join(p.aliases[:4]), str(p.document_count))
    console.print(t)
