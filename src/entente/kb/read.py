"""Query implementations over the merged view (the public API is :mod:`entente.kb.queries`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..extract.countries import country_name
from ..record import Span
from .merge import ensure_fresh, interval, settings
from .queries import (
    AgreementView,
    AreaCell,
    AreaMatrix,
    AreaView,
    CommitmentView,
    ConflictValue,
    ConflictView,
    DocumentPage,
    DocumentSummary,
    DocumentView,
    EventView,
    FigureView,
    LevelStep,
    NotFound,
    PairProfile,
    PairSummary,
    PersonView,
    SourceRef,
    SpanView,
    TimelineEntry,
)
from .schema import DocumentRow, FactRow, MergedRow, MergedSourceRow, SentenceRow, SpanRow

# --------------------------------------------------------------------------- sources


def _doc_ref(row) -> SourceRef:
    return SourceRef(doc_id=row.id, name=row.name, title=row.title, outlet=row.outlet, url=row.url,
                     published=row.published)


def sources_for(session: Session, *where) -> dict[int, list[SourceRef]]:
    """merged id -> its sources (one per document, with that document's spans), for merged rows matching ``where``."""
    q = (
        select(MergedSourceRow.merged_id, FactRow.id, FactRow.doc_id, SpanRow.start, SpanRow.end, SpanRow.text)
        .join(MergedRow, MergedRow.id == MergedSourceRow.merged_id)
        .join(FactRow, FactRow.id == MergedSourceRow.fact_id)
        .outerjoin(SpanRow, SpanRow.fact_id == FactRow.id)
        .where(*where)
    )
    spans: dict[int, dict[str, dict[tuple[int, int], str]]] = defaultdict(lambda: defaultdict(dict))
    fact_docs: dict[int, str] = {}
    for merged_id, fact_id, doc_id, start, end, text in session.execute(q):
        fact_docs[fact_id] = doc_id
        bucket = spans[merged_id][doc_id]
        if start is not None:
            bucket[(start, end)] = text
    doc_ids = {d for per in spans.values() for d in per}
    docs = _docs(session, doc_ids)
    out: dict[int, list[SourceRef]] = {}
    for merged_id, per_doc in spans.items():
        refs = []
        for doc_id, sp in per_doc.items():
            ref = docs[doc_id].model_copy()
            ref.spans = [Span(start=s, end=e, text=t) for (s, e), t in sorted(sp.items())]
            refs.append(ref)
        out[merged_id] = sorted(refs, key=lambda r: (r.published or "9999", r.name))
    return out


def _docs(session: Session, doc_ids: set[str]) -> dict[str, SourceRef]:
    out: dict[str, SourceRef] = {}
    ids = sorted(doc_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for row in session.execute(
            select(DocumentRow.id, DocumentRow.name, DocumentRow.title, DocumentRow.outlet, DocumentRow.url,
                   DocumentRow.published).where(DocumentRow.id.in_(chunk))
        ):
            out[row.id] = _doc_ref(row)
    return out


def _fact_sources(session: Session, fact_ids: list[int]) -> list[SourceRef]:
    if not fact_ids:
        return []
    rows = session.execute(
        select(FactRow.doc_id, SpanRow.start, SpanRow.end, SpanRow.text)
        .join(SpanRow, SpanRow.fact_id == FactRow.id).where(FactRow.id.in_(fact_ids))
    ).all()
    per: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    for doc_id, s, e, t in rows:
        per[doc_id][(s, e)] = t
    docs = _docs(session, set(per))
    refs = []
    for doc_id, sp in per.items():
        ref = docs[doc_id].model_copy()
        ref.spans = [Span(start=s, end=e, text=t) for (s, e), t in sorted(sp.items())]
        refs.append(ref)
    return sorted(refs, key=lambda r: (r.published or "9999", r.name))


# --------------------------------------------------------------------------- views of merged rows


def event_view(row: MergedRow, sources: list[SourceRef]) -> EventView:
    d = row.data
    return EventView(id=row.id, pair=[row.pair_a, row.pair_b], kind=d["kind"], status=d["status"], date=d["date"],
                     date_end=d.get("date_end"), precision=d.get("precision"), place=d.get("place"),
                     place_country=d.get("place_country"), participants=d.get("participants") or [],
                     statuses=d.get("statuses") or [], promoted=d.get("promoted", False), conflict=row.conflict,
                     sources=sources)


def deadline_state(data: dict, today: dt.date) -> str:
    if data.get("fulfilled_by"):
        return "fulfilled"
    iv = interval(data.get("deadline"), data.get("deadline_end"))
    if iv is None:
        return "pending"
    if today > iv[1]:
        return "overdue"
    if today >= iv[0] or (iv[0] - today).days <= settings()["due_within_days"]:
        return "due"
    return "pending"


def _merged(session: Session, a: str, b: str) -> list[MergedRow]:
    return list(session.scalars(select(MergedRow).where(MergedRow.pair_a == a, MergedRow.pair_b == b)
                                .order_by(MergedRow.id)))


def _names(a: str, b: str) -> list[str]:
    return [country_name(a) or a, country_name(b) or b]


def _event_sort(e: EventView) -> tuple:
    return (e.date is None, e.date or "", e.id)


# --------------------------------------------------------------------------- queries


def read_pairs(session: Session) -> list[PairSummary]:
    ensure_fresh(session)
    docs = dict(
        session.execute(
            select(FactRow.pair_a + "-" + FactRow.pair_b, func.count(func.distinct(FactRow.doc_id)))
            .where(FactRow.type == "relation").group_by(FactRow.pair_a, FactRow.pair_b)
        ).all()
    )
    summaries: dict[tuple[str, str], PairSummary] = {}
    for key in docs:
        a, b = key.split("-")
        summaries[(a, b)] = PairSummary(pair=[a, b], names=_names(a, b), documents=docs[key])
    best_event: dict[tuple[str, str], MergedRow] = {}
    for row in session.scalars(select(MergedRow).where(MergedRow.pair_a.is_not(None))):
        pair = (row.pair_a, row.pair_b)
        s = summaries.setdefault(pair, PairSummary(pair=list(pair), names=_names(*pair)))
        match row.type:
            case "event":
                s.events += 1
                cur = best_event.get(pair)
                rank = (row.status == "occurred", row.date or "")
                if row.date and (cur is None or rank > (cur.status == "occurred", cur.date or "")):
                    best_event[pair] = row
            case "level":
                if row.data.get("current"):
                    s.level, s.level_date = row.data["level"], row.data.get("date")
            case "area":
                s.areas += 1
            case "agreement":
                s.agreements += 1
            case "commitment":
                s.commitments += 1
            case "figure":
                s.figures += 1
        if row.conflict and row.type == "event":
            s.conflicts += 1
    figure_conflicts = session.execute(
        select(MergedRow.pair_a, MergedRow.pair_b, func.count(func.distinct(MergedRow.key)))
        .where(MergedRow.type == "figure", MergedRow.conflict.is_(True)).group_by(MergedRow.pair_a, MergedRow.pair_b)
    ).all()
    for a, b, n in figure_conflicts:
        summaries[(a, b)].conflicts += n
    for pair, row in best_event.items():
        summaries[pair].last_event = event_view(row, [])
    return sorted(summaries.values(), key=lambda s: (-s.documents, s.pair))


def read_profile(session: Session, a: str, b: str, today: dt.date) -> PairProfile:
    ensure_fresh(session)
    a, b = sorted((a, b))
    rows = _merged(session, a, b)
    ndocs = session.scalar(select(func.count(func.distinct(FactRow.doc_id)))
                           .where(FactRow.pair_a == a, FactRow.pair_b == b, FactRow.type == "relation")) or 0
    if not rows and not ndocs:
        raise NotFound(f"no document reports relations between {a} and {b}")
    src = sources_for(session, MergedRow.pair_a == a, MergedRow.pair_b == b)
    p = PairProfile(pair=[a, b], names=_names(a, b), documents=ndocs, today=today.isoformat())
    figure_groups: dict[str, list[FigureView]] = defaultdict(list)
    participants: set[str] = set()
    for row in rows:
        d, sources = row.data, src.get(row.id, [])
        if row.type == "event":
            ev = event_view(row, sources)
            p.events.append(ev)
            participants.update(ev.participants)
            if row.conflict:
                p.conflicts.append(ConflictView(
                    kind="event_date", subject=f"{ev.kind} {ev.date or ''}".strip(),
                    values=[ConflictValue(value=v["value"], sources=_fact_sources(session, v["fact_ids"]))
                            for v in d.get("conflict_values", [])]))
        elif row.type == "level":
            p.levels.append(LevelStep(level=d["level"], previous=d.get("previous"), date=d.get("date"),
                                      status=d["status"], sources=sources))
            if d.get("current"):
                p.level = d["level"]
        elif row.type == "area":
            p.areas.append(AreaView(area=d["area"], status=d["status"], first_seen=d.get("first_seen"),
                                    last_seen=d.get("last_seen"), source_count=d["source_count"], sources=sources))
        elif row.type == "agreement":
            ag = AgreementView(id=row.id, kind=d["kind"], title=d.get("title"), status=d["status"],
                               statuses=d.get("statuses") or [], date=d.get("date"), deadline=d.get("deadline"),
                               areas=d.get("areas") or [], sources=sources)
            p.agreements.setdefault(ag.status, []).append(ag)
        elif row.type == "commitment":
            cm = CommitmentView(id=row.id, text=d["text"], deadline=d.get("deadline"),
                                deadline_end=d.get("deadline_end"), state=deadline_state(d, today),
                                fulfilled_by=d.get("fulfilled_by"), areas=d.get("areas") or [], sources=sources)
            p.commitments.setdefault(cm.state, []).append(cm)
        elif row.type == "figure":
            fv = FigureView(id=row.id, metric=d["metric"], value=d["value"], unit=d["unit"], period=d.get("period"),
                            stated=d.get("stated") or [], warnings=d.get("warnings") or [], conflict=row.conflict,
                            sources=sources)
            p.figures.append(fv)
            if row.conflict:
                figure_groups[f"{fv.metric} {fv.period or ''} ({fv.unit})".replace("  ", " ")].append(fv)
    for subject, figs in figure_groups.items():
        p.conflicts.append(ConflictView(kind="figure_value", subject=subject,
                                        values=[ConflictValue(value=f"{f.value:g}", sources=f.sources) for f in figs]))
    p.events.sort(key=_event_sort)
    p.areas.sort(key=lambda x: (-x.source_count, x.area))
    p.figures.sort(key=lambda f: (f.metric, f.period or "", f.unit, f.value))
    if participants:
        p.people = [x for x in read_people(session, None, fresh=True) if x.name in participants
                    and x.country in (a, b, None)]
    return p


def read_timeline(session: Session, country: str, partner: str | None, since: str | None) -> list[TimelineEntry]:
    ensure_fresh(session)
    cond = [or_(MergedRow.pair_a == country, MergedRow.pair_b == country),
            MergedRow.type.in_(("event", "level", "agreement"))]
    if partner:
        a, b = sorted((country, partner))
        cond += [MergedRow.pair_a == a, MergedRow.pair_b == b]
    if since:
        cond.append(and_(MergedRow.date.is_not(None), MergedRow.date >= since))
    rows = list(session.scalars(select(MergedRow).where(*cond)))
    src = sources_for(session, *cond)
    out = []
    for row in rows:
        d = row.data
        other = row.pair_b if row.pair_a == country else row.pair_a
        if row.type == "event":
            kind, status = d["kind"], d["status"]
            label = f"{kind} ({status})" + (f" in {d['place']}" if d.get("place") else "")
            if d.get("participants"):
                label += ": " + ", ".join(d["participants"][:4])
        elif row.type == "level":
            kind, status = d["level"], d["status"]
            label = f"level {kind.replace('_', ' ')} ({status})"
        else:
            kind, status = d["kind"], d["status"]
            label = f"{kind}: {d.get('title') or kind} ({status})"
        out.append(TimelineEntry(date=row.date, pair=[row.pair_a, row.pair_b], partner=other, type=row.type,
                                 kind=kind, status=status, label=label, sources=src.get(row.id, [])))
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.partner, e.type))


def read_compare(session: Session, country: str, partners: list[str]) -> AreaMatrix:
    ensure_fresh(session)
    cells: dict[str, dict[str, AreaCell | None]] = {}
    totals: dict[str, int] = defaultdict(int)
    for partner in partners:
        a, b = sorted((country, partner))
        for row in session.scalars(select(MergedRow).where(MergedRow.pair_a == a, MergedRow.pair_b == b,
                                                           MergedRow.type == "area")):
            cells.setdefault(row.data["area"], {})[partner] = AreaCell(status=row.data["status"],
                                                                       source_count=row.data["source_count"])
            totals[row.data["area"]] += row.data["source_count"]
    areas = sorted(cells, key=lambda x: (-totals[x], x))
    return AreaMatrix(country=country, partners=partners, areas=areas,
                      cells={x: {p: cells[x].get(p) for p in partners} for x in areas})


def read_people(session: Session, country: str | None, fresh: bool = False) -> list[PersonView]:
    if not fresh:
        ensure_fresh(session)
    cond = [MergedRow.type == "person"]
    rows = list(session.scalars(select(MergedRow).where(*cond)))
    if country:
        rows = [r for r in rows if r.data.get("country") == country]
    src = sources_for(session, *cond) if rows else {}
    out = [PersonView(id=r.id, name=r.data["name"], country=r.data.get("country"), aliases=r.data.get("aliases") or [],
                      titles=r.data.get("titles") or [], honorifics=r.data.get("honorifics") or [],
                      document_count=r.data.get("document_count", 0), sources=src.get(r.id, [])) for r in rows]
    return sorted(out, key=lambda x: (-x.document_count, x.name))


def _summary(session: Session, row: DocumentRow) -> DocumentSummary:
    pairs = session.execute(select(FactRow.pair_a, FactRow.pair_b).where(FactRow.doc_id == row.id,
                                                                         FactRow.type == "relation")).all()
    return DocumentSummary(id=row.id, name=row.name, title=row.title, outlet=row.outlet, url=row.url,
                           published=row.published, chars=row.chars, pipeline_version=row.pipeline_version,
                           ingested_at=row.ingested_at.isoformat(timespec="seconds"),
                           pairs=sorted([a, b] for a, b in pairs))


def read_documents(session: Session, limit: int, offset: int) -> DocumentPage:
    total = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    rows = session.scalars(
        select(DocumentRow).order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.name, DocumentRow.id)
        .limit(limit).offset(offset)
    ).all()
    return DocumentPage(total=total, limit=limit, offset=offset, items=[_summary(session, r) for r in rows])


def read_document(session: Session, doc_id: str) -> DocumentView:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        matches = session.scalars(select(DocumentRow).where(DocumentRow.id.startswith(doc_id)).limit(2)).all()
        if len(doc_id) >= 6 and len(matches) == 1:
            row = matches[0]
        else:
            raise NotFound(f"no document {doc_id!r}")
    spans = []
    for fact, start, end, text in session.execute(
        select(FactRow, SpanRow.start, SpanRow.end, SpanRow.text).join(SpanRow, SpanRow.fact_id == FactRow.id)
        .where(FactRow.doc_id == row.id)
    ):
        spans.append(SpanView(start=start, end=end, text=text, type=fact.type, label=_label(fact),
                              pair=[fact.pair_a, fact.pair_b] if fact.pair_a else None))
    spans.sort(key=lambda s: (s.start, s.end, s.type))
    return DocumentView(summary=_summary(session, row), text=row.text, record=row.record, spans=spans)


def _label(fact: FactRow) -> str:
    d = fact.data
    match fact.type:
        case "person" | "organization":
            return d.get("name", "")
        case "event":
            return f"{fact.kind} ({fact.status})"
        case "level":
            return f"level: {fact.kind} ({fact.status})"
        case "area":
            return f"area: {fact.kind} ({fact.status})"
        case "agreement":
            return f"{fact.kind}: {d.get('title') or ''} ({fact.status})".replace(":  (", " (")
        case "commitment":
            return f"commitment: {d.get('text', '')}"
        case "figure":
            return f"{fact.kind}: {d.get('value'):g} {d.get('unit')} {d.get('period') or ''}".strip()
    return fact.type


def read_stats(session: Session) -> dict[str, int]:
    out = {}
    for name, model in (("documents", DocumentRow), ("facts", FactRow), ("spans", SpanRow),
                        ("sentences", SentenceRow), ("merged", MergedRow), ("merged_sources", MergedSourceRow)):
        out[name] = session.scalar(select(func.count()).select_from(model)) or 0
    return out
