"""Why was each fact extracted?  One line per fact: where it is, what it is, the rule."""

from __future__ import annotations

from collections.abc import Iterator

from ..record import Record


def _where(spans) -> str:
    if not spans:
        return "-"
    s = spans[0]
    text = s.text if len(s.text) <= 60 else s.text[:57] + "..."
    return f"[{s.start}:{s.end}] {text!r}"


def explain_lines(record: Record, notes: dict | None = None) -> Iterator[str]:
    """The lines of ``--explain``; ``notes`` (from ``Extractor.extract(..., explain=notes)``) adds the
    publication-date rule and the candidate years the constraints leave."""
    d = record.doc
    why = f" <- {notes['published']}" if notes and notes.get("published") else ""
    yield f"published {d.published.date} ({d.published.precision}, basis={d.published.basis}){why}"
    if d.dateline:
        yield f"dateline {d.dateline.name} / {d.dateline.country}"
    for p in record.people:
        yield f"person {p.name} ({p.country}) titles={p.titles} <- {p.rule or '?'} {_where(p.mentions)}"
    for o in record.organizations:
        yield f"organization {o.name} ({o.country}) <- {o.rule or '?'} {_where(o.mentions)}"
    for rel in record.relations:
        pair = "-".join(rel.pair)
        yield f"pair {pair} <- {rel.model_extra.get('rule', 'relations') if rel.model_extra else 'relations'}"
        for e in rel.events:
            when = e.date.start if e.date else None
            yield f"  event {e.kind}/{e.status} {when} <- {e.rule or '?'} {_where(e.evidence)}"
        for lv in rel.levels:
            yield f"  level {lv.level} (from {lv.previous}) <- {lv.rule or '?'} {_where(lv.evidence)}"
        for a in rel.areas:
            yield f"  area {a.area}/{a.status} <- {a.rule or '?'} {_where(a.evidence)}"
        for g in rel.agreements:
            yield f"  agreement {g.kind}/{g.status} {g.title!r} <- {g.rule or '?'} {_where(g.evidence)}"
        for c in rel.commitments:
            yield f"  commitment {c.text!r} <- {c.rule or '?'} {_where(c.evidence)}"
        for f in rel.figures:
            yield f"  figure {f.metric}={f.value} {f.unit} ({f.period}) <- {f.rule or '?'} {_where(f.evidence)}"
