"""The queries over the merged view: what :mod:`entente.kb.queries` (the public API) offers.

Country arguments accept ISO3 codes, names, aliases and demonyms (resolved by :func:`resolve`);
see :mod:`entente.kb.queries` for the conventions on sources and capped lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from sqlalchemy import Text, and_, case, cast, false, func, or_, select
from sqlalchemy.orm import Session

from ..gazetteer import resolve_country
from .merged_views import (
    commitment_view,
    deadline_state,
    event_view,
    pair_names,
    person_views,
    select_merged,
)
from .names import name_key
from .profile_cache import cap_profile, group_commitments, live_profile, stored_profile
from .refresh import ensure_fresh
from .schema import DocumentRow, FactRow, MergedRow, MergedSourceRow, SentenceRow, SpanRow
from .sources import REF_COLUMNS, merged_sources
from .sqlutil import chunks
from .views import (
    DEFAULT_ITEMS,
    DEFAULT_SOURCES,
    DEFAULT_TIMELINE,
    AreaCell,
    AreaMatrix,
    CommitmentView,
    DocumentPage,
    DocumentSummary,
    DocumentView,
    EventView,
    NotFound,
    PairProfile,
    PairSummary,
    PersonView,
    SpanView,
    TimelineEntry,
    UnknownCountry,
)


def resolve(country: str) -> str:
    """ISO3 for a name/alias/demonym/code, else :class:`UnknownCountry`."""
    iso3 = resolve_country(country)
    if iso3 is None:
        raise UnknownCountry(f"unknown country {country!r} (use a name, a demonym or an ISO3 code)")
    return iso3


# --------------------------------------------------------------------------- queries


def _latest_events(session: Session, occurred: bool) -> dict[tuple[str, str], MergedRow]:
    """Per pair, the dated event with the latest date (only held ones when ``occurred``); first by id on ties."""
    cond = [MergedRow.type == "event", MergedRow.date.is_not(None), MergedRow.pair_a.is_not(None)]
    if occurred:
        cond.append(MergedRow.status == "occurred")
    latest = (
        select(MergedRow.pair_a, MergedRow.pair_b, func.max(MergedRow.date).label("d"))
        .where(*cond)
        .group_by(MergedRow.pair_a, MergedRow.pair_b)
        .subquery()
    )
    out: dict[tuple[str, str], MergedRow] = {}
    for row in session.execute(
        select_merged()
        .join(
            latest,
            and_(
                MergedRow.pair_a == latest.c.pair_a,
                MergedRow.pair_b == latest.c.pair_b,
                MergedRow.date == latest.c.d,
            ),
        )
        .where(*cond)
        .order_by(MergedRow.id)
    ):
        out.setdefault((row.pair_a, row.pair_b), row)
    return out


def pairs(session: Session) -> list[PairSummary]:
    """Every pair in the KB: current level, last event and fact counts; most documents first."""
    ensure_fresh(session)
    docs = session.execute(
        select(FactRow.pair_a, FactRow.pair_b, func.count(func.distinct(FactRow.doc_id)))
        .where(FactRow.type == "relation")
        .group_by(FactRow.pair_a, FactRow.pair_b)
    ).all()
    summaries: dict[tuple[str, str], PairSummary] = {
        (a, b): PairSummary(pair=[a, b], names=pair_names(a, b), documents=n) for a, b, n in docs
    }

    def summary(a: str, b: str) -> PairSummary:
        return summaries.setdefault((a, b), PairSummary(pair=[a, b], names=pair_names(a, b)))

    counted = {
        "event": "events",
        "area": "areas",
        "agreement": "agreements",
        "commitment": "commitments",
        "figure": "figures",
    }
    for a, b, kind, n, conflicts in session.execute(
        select(
            MergedRow.pair_a,
            MergedRow.pair_b,
            MergedRow.type,
            func.count(),
            func.sum(case((MergedRow.conflict.is_(True), 1), else_=0)),
        )
        .where(MergedRow.pair_a.is_not(None))
        .group_by(MergedRow.pair_a, MergedRow.pair_b, MergedRow.type)
    ):
        s = summary(a, b)
        if kind in counted:
            setattr(s, counted[kind], n)
        if kind == "event":
            s.conflicts += int(conflicts or 0)
    for row in session.execute(select_merged(MergedRow.type == "level", MergedRow.pair_a.is_not(None))):
        if row.data.get("current"):
            summary(row.pair_a, row.pair_b).level, summary(row.pair_a, row.pair_b).level_date = (
                row.data["level"],
                row.data.get("date"),
            )
    figure_conflicts = session.execute(
        select(MergedRow.pair_a, MergedRow.pair_b, func.count(func.distinct(MergedRow.key)))
        .where(MergedRow.type == "figure", MergedRow.conflict.is_(True))
        .group_by(MergedRow.pair_a, MergedRow.pair_b)
    ).all()
    for a, b, n in figure_conflicts:
        summary(a, b).conflicts += n
    best = _latest_events(session, occurred=True)
    for pair, row in _latest_events(session, occurred=False).items():
        best.setdefault(pair, row)
    for pair, row in best.items():
        summary(*pair).last_event = event_view(row, [], row.source_count or 0)
    return sorted(summaries.values(), key=lambda s: (-s.documents, s.pair))


def reviewed_counts(session: Session) -> dict[tuple[str, str], int]:
    """Per pair, how many merged facts an analyst accepted, corrected or added (a pair with none is absent).

    Only the merged rows whose data names a provenance are read back (machine-only rows carry none): one scan
    of the merged table, not a profile per pair (which made the GraphML export 30 times slower)."""
    ensure_fresh(session)
    rows = session.execute(
        select(MergedRow.pair_a, MergedRow.pair_b, MergedRow.data).where(
            MergedRow.pair_a.is_not(None), cast(MergedRow.data, Text).like('%"provenance"%')
        )
    )
    out: dict[tuple[str, str], int] = defaultdict(int)
    for a, b, data in rows:
        if isinstance(data, dict) and data.get("provenance") not in (None, "machine"):
            out[(a, b)] += 1
    return dict(out)


def profile(
    session: Session,
    a: str,
    b: str,
    today: dt.date | None = None,
    max_sources: int | None = DEFAULT_SOURCES,
    max_items: int | None | Literal["auto"] = "auto",
) -> PairProfile:
    """The merged profile of one pair; deadline states are computed against ``today``.

    Each fact lists its ``max_sources`` most recent sources (``None``: all) and ``source_count``.
    Each list holds at most ``max_items`` items (``None``: all; ``"auto"``: :data:`DEFAULT_ITEMS`, or all
    when ``max_sources`` is ``None``, as a full export wants); ``omitted`` counts what was left out.
    Raises :class:`NotFound` when no document reports the pair.
    """
    if max_items == "auto":
        max_items = DEFAULT_ITEMS if max_sources is not None else None
    a, b, today = resolve(a), resolve(b), today or dt.date.today()
    ensure_fresh(session)
    a, b = sorted((a, b))
    stored = stored_profile(session, a, b, max_sources, max_items)
    if stored is not None:
        p, commitments = stored.profile, stored.commitments
    else:
        p, commitments = live_profile(session, a, b, max_sources)
    p.today = today.isoformat()
    cap_profile(p, max_items)
    group_commitments(p, commitments, today, max_items)
    _add_people(session, p, max_sources)
    return p


def _add_people(session: Session, p: PairProfile, max_sources: int | None) -> None:
    """The merged people taking part in the pair's events (of either country, or of none)."""
    participants = {name for ev in p.events for name in ev.participants}
    if not participants:
        return
    a, b = p.pair
    keys = sorted({f"{name_key(name)}|{country}" for name in participants for country in (a, b, "")})
    people = [
        r
        for chunk in chunks(keys)
        for r in session.execute(select_merged(MergedRow.type == "person", MergedRow.key.in_(chunk)))
    ]
    p.people = person_views(session, people, max_sources)


def timeline(
    session: Session,
    country: str,
    partner: str | None = None,
    since: dt.date | str | None = None,
    max_sources: int | None = DEFAULT_SOURCES,
    latest: int | None = None,
    limit: int | None = DEFAULT_TIMELINE,
    offset: int = 0,
) -> list[TimelineEntry]:
    """Dated events, level changes and agreements of ``country`` (with ``partner`` only, when given),
    oldest first, from ``since`` (inclusive) when given; undated entries come last.

    A page of the history, newest first: the ``limit`` most recent entries (default
    :data:`DEFAULT_TIMELINE`; undated ones only when the dated do not fill it) after skipping the
    ``offset`` most recent, still listed oldest first; ``limit=None``: the whole history.
    ``latest=N`` keeps only the N most recent dated entries (undated ones are left out)."""
    country, partner = resolve(country), resolve(partner) if partner else None
    since = str(since) if since else None
    ensure_fresh(session)
    cond = [
        or_(MergedRow.pair_a == country, MergedRow.pair_b == country),
        MergedRow.type.in_(("event", "level", "agreement")),
    ]
    if partner:
        a, b = sorted((country, partner))
        cond += [MergedRow.pair_a == a, MergedRow.pair_b == b]
    if since:
        cond.append(and_(MergedRow.date.is_not(None), MergedRow.date >= since))
    if latest is not None:
        cond.append(MergedRow.date.is_not(None))
        limit = latest if limit is None else min(latest, limit)
    if limit is None and not offset:
        rows = list(session.execute(select_merged(*cond)))
    else:  # the page's ids first (sorting keys only), then its rows and their sources
        partner_col = case((MergedRow.pair_a == country, MergedRow.pair_b), else_=MergedRow.pair_a)
        page = (
            select(MergedRow.id)
            .where(*cond)
            .order_by(
                MergedRow.date.desc().nulls_last(),
                partner_col.desc(),
                MergedRow.type.desc(),
                MergedRow.id.desc(),
            )
            .offset(max(offset, 0))
        )
        if limit is not None:
            page = page.limit(max(limit, 0))
        ids = list(session.scalars(page))
        rows = [r for chunk in chunks(ids) for r in session.execute(select_merged(MergedRow.id.in_(chunk)))]
    rows.sort(key=lambda r: r.id)
    src = merged_sources(session, rows, max_sources)
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
        sources, count = src.get(row.id, ([], 0))
        out.append(
            TimelineEntry(
                date=row.date,
                pair=[row.pair_a, row.pair_b],
                partner=other,
                type=row.type,
                kind=kind,
                status=status,
                label=label,
                source_count=count,
                sources=sources,
                provenance=d.get("provenance", "machine"),
            )
        )
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.partner, e.type))


def compare(session: Session, country: str, partners: Iterable[str]) -> AreaMatrix:
    """The areas × partners matrix of ``country``: strongest status and source count per cell."""
    country, partners = resolve(country), [resolve(p) for p in partners]
    ensure_fresh(session)
    cells: dict[str, dict[str, AreaCell | None]] = {}
    totals: dict[str, int] = defaultdict(int)
    by_pair = {tuple(sorted((country, partner))): partner for partner in partners}
    for row in session.execute(
        select_merged(
            MergedRow.type == "area",
            or_(*(and_(MergedRow.pair_a == a, MergedRow.pair_b == b) for a, b in by_pair))
            if by_pair
            else false(),
        )
    ):
        partner = by_pair[(row.pair_a, row.pair_b)]
        cells.setdefault(row.data["area"], {})[partner] = AreaCell(
            status=row.data["status"], source_count=row.data["source_count"]
        )
        totals[row.data["area"]] += row.data["source_count"]
    areas = sorted(cells, key=lambda x: (-totals[x], x))
    return AreaMatrix(
        country=country,
        partners=partners,
        areas=areas,
        cells={x: {p: cells[x].get(p) for p in partners} for x in areas},
    )


def people(
    session: Session, country: str | None = None, max_sources: int | None = DEFAULT_SOURCES
) -> list[PersonView]:
    """Merged people (same canonical name and country), most documents first."""
    country = resolve(country) if country else None
    ensure_fresh(session)
    rows = list(session.execute(select_merged(MergedRow.type == "person")))
    if country:
        rows = [r for r in rows if r.data.get("country") == country]
    return person_views(session, rows, max_sources)


def recent_events(
    session: Session, limit: int = 12, max_sources: int | None = DEFAULT_SOURCES
) -> list[EventView]:
    """The latest dated events across every pair, newest first (each carries its ``pair``)."""
    ensure_fresh(session)
    rows = list(
        session.execute(
            select_merged(
                MergedRow.type == "event", MergedRow.date.is_not(None), MergedRow.pair_a.is_not(None)
            )
            .order_by(MergedRow.date.desc(), MergedRow.pair_a.desc(), MergedRow.pair_b.desc(), MergedRow.id)
            .limit(limit)
        )
    )
    src = merged_sources(session, rows, max_sources)
    return [event_view(r, *src.get(r.id, ([], 0))) for r in rows]


OPEN_STATES = ("overdue", "due", "pending")


def open_commitments(
    session: Session,
    today: dt.date | None = None,
    limit: int | None = 50,
    max_sources: int | None = DEFAULT_SOURCES,
) -> list[CommitmentView]:
    """Commitments not yet fulfilled across every pair (each carries its ``pair``): overdue, then due,
    then pending (deadline states against ``today``), each by deadline (none last); ``limit=None``: all."""
    today = today or dt.date.today()
    ensure_fresh(session)
    rank = {s: i for i, s in enumerate(OPEN_STATES)}
    candidates = []
    for r in session.execute(
        select_merged(
            MergedRow.type == "commitment",
            MergedRow.pair_a.is_not(None),
            or_(MergedRow.status.is_(None), MergedRow.status != "fulfilled"),
        )
    ):
        state = deadline_state(r.data, today)
        if state in rank:
            candidates.append(((rank[state], r.data.get("deadline") or "9999", r.pair_a, r.pair_b, r.id), r))
    rows = [r for _, r in sorted(candidates, key=lambda c: c[0])[:limit]]
    src = merged_sources(session, rows, max_sources)
    return [commitment_view(r, today, *src.get(r.id, ([], 0)), pair=[r.pair_a, r.pair_b]) for r in rows]


SUMMARY_COLUMNS = (
    *REF_COLUMNS,
    DocumentRow.chars,
    DocumentRow.pipeline_version,
    DocumentRow.ingested_at,
)


def document_summaries(session: Session, rows: list) -> list[DocumentSummary]:
    """Summaries of document rows (anything with the :data:`SUMMARY_COLUMNS`), their pairs read in one query."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for chunk in chunks([r.id for r in rows]):
        # the type is tested here, not in SQL: with it, SQLite (no ANALYZE statistics) reads every relation
        # fact through ix_facts_type instead of the few facts of each document through ix_facts_doc_id
        for doc_id, a, b, kind in session.execute(
            select(FactRow.doc_id, FactRow.pair_a, FactRow.pair_b, FactRow.type).where(
                FactRow.doc_id.in_(chunk)
            )
        ):
            if kind == "relation":
                pairs[doc_id].add((a, b))
    return [
        DocumentSummary(
            id=r.id,
            name=r.name,
            title=r.title,
            outlet=r.outlet,
            url=r.url,
            published=r.published,
            chars=r.chars,
            pipeline_version=r.pipeline_version,
            ingested_at=r.ingested_at.isoformat(timespec="seconds"),
            pairs=sorted([a, b] for a, b in pairs[r.id]),
        )
        for r in rows
    ]


def _summary(session: Session, row: DocumentRow) -> DocumentSummary:
    return document_summaries(session, [row])[0]


def documents(session: Session, limit: int = 50, offset: int = 0) -> DocumentPage:
    """Stored documents, newest publication first: the ids from the listing index (migration 0004),
    then the page's summary columns (never the texts and records) and pairs."""
    total = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    ids = list(
        session.scalars(
            select(DocumentRow.id)
            .order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.name, DocumentRow.id)
            .limit(limit)
            .offset(offset)
        )
    )
    rows = (
        {r.id: r for r in session.execute(select(*SUMMARY_COLUMNS).where(DocumentRow.id.in_(ids)))}
        if ids
        else {}
    )
    return DocumentPage(
        total=total,
        limit=limit,
        offset=offset,
        items=document_summaries(session, [rows[i] for i in ids if i in rows]),
    )


def document(session: Session, doc_id: str) -> DocumentView:
    """One document: its text, stored record and every evidence span. :class:`NotFound` if absent."""
    row = session.get(DocumentRow, doc_id)
    if row is None:
        matches = session.scalars(select(DocumentRow).where(DocumentRow.id.startswith(doc_id)).limit(2)).all()
        if len(doc_id) >= 6 and len(matches) == 1:
            row = matches[0]
        else:
            raise NotFound(f"no document {doc_id!r}")
    spans = []
    for fact, start, end, text in session.execute(
        select(FactRow, SpanRow.start, SpanRow.end, SpanRow.text)
        .join(SpanRow, SpanRow.fact_id == FactRow.id)
        .where(FactRow.doc_id == row.id)
    ):
        spans.append(
            SpanView(
                start=start,
                end=end,
                text=text,
                type=fact.type,
                label=_label(fact),
                pair=[fact.pair_a, fact.pair_b] if fact.pair_a else None,
            )
        )
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


def stats(session: Session) -> dict[str, int]:
    """Row counts per table (documents, facts, spans, merged, ...)."""
    out = {}
    for name, model in (
        ("documents", DocumentRow),
        ("facts", FactRow),
        ("spans", SpanRow),
        ("sentences", SentenceRow),
        ("merged", MergedRow),
        ("merged_sources", MergedSourceRow),
    ):
        out[name] = session.scalar(select(func.count()).select_from(model)) or 0
    return out
