"""The queries over the merged view: what :mod:`entente.kb.queries` (the public API) offers.

Country arguments accept ISO3 codes, names, aliases and demonyms (resolved by :func:`resolve`);
see :mod:`entente.kb.queries` for the conventions on sources and capped lists.

Each query reads from ``db``: a SQLAlchemy session, or a standard-library :class:`sqlite3.Connection` (the
query commands on an SQLite KB: they start without loading SQLAlchemy).  The statements are SQL both
backends answer alike, run through :func:`~.sqlutil.select_rows`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from ..gazetteer import resolve_country
from .freshness import ensure_fresh
from .merged_views import (
    MergedItem,
    commitment_view,
    deadline_state,
    event_view,
    pair_names,
    person_views,
    select_merged,
)
from .names import name_key
from .profile_cache import cap_profile, group_commitments, live_profile, stored_profile
from .sources import merged_sources
from .sqlutil import chunks, dialect_of, in_list, json_value, select_rows, select_value, timestamp
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
    SameCountry,
    SpanView,
    TimelineEntry,
    UnknownCountry,
)

if TYPE_CHECKING:
    from .sqlutil import Reader


def resolve(country: str) -> str:
    """ISO3 for a name/alias/demonym/code, else :class:`UnknownCountry`."""
    iso3 = resolve_country(country)
    if iso3 is None:
        raise UnknownCountry(f"unknown country {country!r} (use a name, a demonym or an ISO3 code)")
    return iso3


# --------------------------------------------------------------------------- queries


def _latest_events(db: Reader, occurred: bool) -> dict[tuple[str, str], MergedItem]:
    """Per pair, the dated event with the latest date (only held ones when ``occurred``); first by id on ties."""
    cond = "{t}type = 'event' AND {t}date IS NOT NULL AND {t}pair_a IS NOT NULL" + (
        " AND {t}status = 'occurred'" if occurred else ""
    )
    latest = (
        f"JOIN (SELECT pair_a, pair_b, max(date) AS d FROM merged WHERE {cond.format(t='')}"
        " GROUP BY pair_a, pair_b) AS latest"
        " ON merged.pair_a = latest.pair_a AND merged.pair_b = latest.pair_b AND merged.date = latest.d"
    )
    out: dict[tuple[str, str], MergedItem] = {}
    for row in select_merged(db, cond.format(t="merged."), join=latest, tail="ORDER BY merged.id"):
        out.setdefault((row.pair_a, row.pair_b), row)
    return out


def pairs(db: Reader) -> list[PairSummary]:
    """Every pair in the KB: current level, last event and fact counts; most documents first."""
    ensure_fresh(db)
    docs = select_rows(
        db,
        "SELECT pair_a, pair_b, count(DISTINCT doc_id) FROM facts WHERE type = 'relation' GROUP BY pair_a, pair_b",
    )
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
    for a, b, kind, n, conflicts in select_rows(
        db,
        "SELECT pair_a, pair_b, type, count(*), sum(CASE WHEN conflict THEN 1 ELSE 0 END) FROM merged"
        " WHERE pair_a IS NOT NULL GROUP BY pair_a, pair_b, type",
    ):
        s = summary(a, b)
        if kind in counted:
            setattr(s, counted[kind], n)
        if kind == "event":
            s.conflicts += int(conflicts or 0)
    for row in select_merged(db, "type = 'level' AND pair_a IS NOT NULL"):
        if row.data.get("current"):
            summary(row.pair_a, row.pair_b).level, summary(row.pair_a, row.pair_b).level_date = (
                row.data["level"],
                row.data.get("date"),
            )
    figure_conflicts = select_rows(
        db,
        "SELECT pair_a, pair_b, count(DISTINCT key) FROM merged WHERE type = 'figure' AND conflict"
        " GROUP BY pair_a, pair_b",
    )
    for a, b, n in figure_conflicts:
        summary(a, b).conflicts += n
    best = _latest_events(db, occurred=True)
    for pair, row in _latest_events(db, occurred=False).items():
        best.setdefault(pair, row)
    for pair, row in best.items():
        summary(*pair).last_event = event_view(row, [], row.source_count or 0)
    return sorted(summaries.values(), key=lambda s: (-s.documents, s.pair))


def reviewed_counts(db: Reader) -> dict[tuple[str, str], int]:
    """Per pair, how many merged facts an analyst accepted, corrected or added (a pair with none is absent).

    Only the merged rows whose data names a provenance are read back (machine-only rows carry none): one scan
    of the merged table, not a profile per pair (which made the GraphML export 30 times slower)."""
    ensure_fresh(db)
    rows = select_rows(
        db,
        "SELECT pair_a, pair_b, data FROM merged WHERE pair_a IS NOT NULL AND CAST(data AS TEXT) LIKE ?",
        ['%"provenance"%'],
    )
    out: dict[tuple[str, str], int] = defaultdict(int)
    for a, b, raw in rows:
        data = json_value(raw)
        if isinstance(data, dict) and data.get("provenance") not in (None, "machine"):
            out[(a, b)] += 1
    return dict(out)


def profile(
    db: Reader,
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
    if a == b:
        raise SameCountry(f"a pair needs two different countries (both are {a})")
    ensure_fresh(db)
    a, b = sorted((a, b))
    stored = stored_profile(db, a, b, max_sources, max_items)
    if stored is not None:
        p, commitments = stored.profile, stored.commitments
    else:
        p, commitments = live_profile(db, a, b, max_sources)
    p.today = today.isoformat()
    cap_profile(p, max_items)
    group_commitments(p, commitments, today, max_items)
    _add_people(db, p, max_sources)
    return p


def _add_people(db: Reader, p: PairProfile, max_sources: int | None) -> None:
    """The merged people taking part in the pair's events (of either country, or of none)."""
    participants = {name for ev in p.events for name in ev.participants}
    if not participants:
        return
    a, b = p.pair
    keys = sorted({f"{name_key(name)}|{country}" for name in participants for country in (a, b, "")})
    people = [
        r
        for chunk in chunks(keys)
        for r in select_merged(db, f"type = 'person' AND key IN {in_list(len(chunk))}", chunk)
    ]
    p.people = person_views(db, people, max_sources)


def timeline(
    db: Reader,
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
    ensure_fresh(db)
    cond = ["(pair_a = ? OR pair_b = ?)", "type IN ('event', 'level', 'agreement')"]
    params: list = [country, country]
    if partner:
        cond.append("pair_a = ? AND pair_b = ?")
        params += sorted((country, partner))
    if since:
        cond.append("date IS NOT NULL AND date >= ?")
        params.append(since)
    if latest is not None:
        cond.append("date IS NOT NULL")
        limit = latest if limit is None else min(latest, limit)
    where = " AND ".join(cond)
    if limit is None and not offset:
        rows = select_merged(db, where, params)
    else:  # the page's ids first (sorting keys only), then its rows and their sources
        page = (
            f"SELECT id FROM merged WHERE {where} ORDER BY date DESC NULLS LAST,"
            " CASE WHEN pair_a = ? THEN pair_b ELSE pair_a END DESC, type DESC, id DESC"
        )
        page_params = [*params, country]
        if limit is not None:
            page += " LIMIT ?"
            page_params.append(max(limit, 0))
        elif dialect_of(db) == "sqlite":
            page += " LIMIT -1"  # (SQLite takes an OFFSET only after a LIMIT)
        page += " OFFSET ?"
        page_params.append(max(offset, 0))
        ids = [i for (i,) in select_rows(db, page, page_params)]
        rows = [r for chunk in chunks(ids) for r in select_merged(db, f"id IN {in_list(len(chunk))}", chunk)]
    rows.sort(key=lambda r: r.id)
    src = merged_sources(db, rows, max_sources)
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


def compare(db: Reader, country: str, partners: Iterable[str]) -> AreaMatrix:
    """The areas × partners matrix of ``country``: strongest status and source count per cell."""
    country, partners = resolve(country), [resolve(p) for p in partners]
    if country in partners:
        raise SameCountry(f"{country} cannot be its own partner")
    ensure_fresh(db)
    cells: dict[str, dict[str, AreaCell | None]] = {}
    totals: dict[str, int] = defaultdict(int)
    by_pair = {tuple(sorted((country, partner))): partner for partner in partners}
    of_pairs = " OR ".join(["(pair_a = ? AND pair_b = ?)"] * len(by_pair))
    found = (
        select_merged(db, f"type = 'area' AND ({of_pairs})", [code for pair in by_pair for code in pair])
        if by_pair
        else []
    )
    for row in found:
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
    db: Reader, country: str | None = None, max_sources: int | None = DEFAULT_SOURCES
) -> list[PersonView]:
    """Merged people (same canonical name and country), most documents first."""
    country = resolve(country) if country else None
    ensure_fresh(db)
    rows = select_merged(db, "type = 'person'")
    if country:
        rows = [r for r in rows if r.data.get("country") == country]
    return person_views(db, rows, max_sources)


def recent_events(db: Reader, limit: int = 12, max_sources: int | None = DEFAULT_SOURCES) -> list[EventView]:
    """The latest dated events across every pair, newest first (each carries its ``pair``)."""
    ensure_fresh(db)
    rows = select_merged(
        db,
        "type = 'event' AND date IS NOT NULL AND pair_a IS NOT NULL",
        [limit],
        "ORDER BY date DESC, pair_a DESC, pair_b DESC, id LIMIT ?",
    )
    src = merged_sources(db, rows, max_sources)
    return [event_view(r, *src.get(r.id, ([], 0))) for r in rows]


OPEN_STATES = ("overdue", "due", "pending")


def open_commitments(
    db: Reader,
    today: dt.date | None = None,
    limit: int | None = 50,
    max_sources: int | None = DEFAULT_SOURCES,
) -> list[CommitmentView]:
    """Commitments not yet fulfilled across every pair (each carries its ``pair``): overdue, then due,
    then pending (deadline states against ``today``), each by deadline (none last); ``limit=None``: all."""
    today = today or dt.date.today()
    ensure_fresh(db)
    rank = {s: i for i, s in enumerate(OPEN_STATES)}
    candidates = []
    for r in select_merged(
        db, "type = 'commitment' AND pair_a IS NOT NULL AND (status IS NULL OR status != 'fulfilled')"
    ):
        state = deadline_state(r.data, today)
        if state in rank:
            candidates.append(((rank[state], r.data.get("deadline") or "9999", r.pair_a, r.pair_b, r.id), r))
    rows = [r for _, r in sorted(candidates, key=lambda c: c[0])[:limit]]
    src = merged_sources(db, rows, max_sources)
    return [commitment_view(r, today, *src.get(r.id, ([], 0)), pair=[r.pair_a, r.pair_b]) for r in rows]


SUMMARY_COLUMNS = (
    "id",
    "name",
    "title",
    "outlet",
    "url",
    "published",
    "chars",
    "pipeline_version",
    "ingested_at",
)
"""The columns of ``documents`` a :class:`~.views.DocumentSummary` is made of (never the text or the record)."""
_SELECT_SUMMARIES = f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM documents"


def document_summaries(db: Reader, rows: list) -> list[DocumentSummary]:
    """Summaries of document rows (tuples of the :data:`SUMMARY_COLUMNS`, in that order), their pairs read in one
    query."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    ids = [r[0] for r in rows]
    for chunk in chunks(ids):
        # the type is tested here, not in SQL: with it, SQLite (no ANALYZE statistics) reads every relation
        # fact through ix_facts_type instead of the few facts of each document through ix_facts_doc_id
        for doc_id, a, b, kind in select_rows(
            db, f"SELECT doc_id, pair_a, pair_b, type FROM facts WHERE doc_id IN {in_list(len(chunk))}", chunk
        ):
            if kind == "relation":
                pairs[doc_id].add((a, b))
    return [
        DocumentSummary(
            id=doc_id,
            name=name,
            title=title,
            outlet=outlet,
            url=url,
            published=published,
            chars=chars,
            pipeline_version=version,
            ingested_at=timestamp(ingested).isoformat(timespec="seconds"),
            pairs=sorted([a, b] for a, b in pairs[doc_id]),
        )
        for doc_id, name, title, outlet, url, published, chars, version, ingested in rows
    ]


def documents(db: Reader, limit: int = 50, offset: int = 0) -> DocumentPage:
    """Stored documents, newest publication first: the ids from the listing index (migration 0004),
    then the page's summary columns (never the texts and records) and pairs."""
    total = select_value(db, "SELECT count(*) FROM documents") or 0
    ids = [
        i
        for (i,) in select_rows(
            db,
            "SELECT id FROM documents ORDER BY published DESC NULLS LAST, name, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
    ]
    rows = (
        {r[0]: r for r in select_rows(db, f"{_SELECT_SUMMARIES} WHERE id IN {in_list(len(ids))}", ids)}
        if ids
        else {}
    )
    return DocumentPage(
        total=total,
        limit=limit,
        offset=offset,
        items=document_summaries(db, [rows[i] for i in ids if i in rows]),
    )


def document(db: Reader, doc_id: str) -> DocumentView:
    """One document: its text, stored record and every evidence span. :class:`NotFound` if absent."""
    found = select_rows(
        db, f"SELECT {', '.join(SUMMARY_COLUMNS)}, text, record FROM documents WHERE id = ?", [doc_id]
    )
    if not found:
        matches = select_rows(
            db,
            f"SELECT {', '.join(SUMMARY_COLUMNS)}, text, record FROM documents WHERE id LIKE ? || ? LIMIT 2",
            [doc_id, "%"],
        )
        if len(doc_id) >= 6 and len(matches) == 1:
            found = matches
        else:
            raise NotFound(f"no document {doc_id!r}")
    *summary, text, record = found[0]
    spans = []
    for kind, status, fact_type, pair_a, pair_b, data, start, end, span_text in select_rows(
        db,
        'SELECT facts.kind, facts.status, facts.type, facts.pair_a, facts.pair_b, facts.data, spans.start, spans."end",'
        " spans.text FROM facts JOIN spans ON spans.fact_id = facts.id WHERE facts.doc_id = ?",
        [summary[0]],
    ):
        spans.append(
            SpanView(
                start=start,
                end=end,
                text=span_text,
                type=fact_type,
                label=_label(fact_type, kind, status, json_value(data)),
                pair=[pair_a, pair_b] if pair_a else None,
            )
        )
    spans.sort(key=lambda s: (s.start, s.end, s.type))
    return DocumentView(
        summary=document_summaries(db, [summary])[0], text=text, record=json_value(record), spans=spans
    )


def _label(fact_type: str, kind: str | None, status: str | None, d: dict) -> str:
    match fact_type:
        case "person" | "organization":
            return d.get("name", "")
        case "event":
            return f"{kind} ({status})"
        case "level":
            return f"level: {kind} ({status})"
        case "area":
            return f"area: {kind} ({status})"
        case "agreement":
            return f"{kind}: {d.get('title') or ''} ({status})".replace(":  (", " (")
        case "commitment":
            return f"commitment: {d.get('text', '')}"
        case "figure":
            return f"{kind}: {d.get('value'):g} {d.get('unit')} {d.get('period') or ''}".strip()
    return fact_type


STATS_TABLES = ("documents", "facts", "spans", "sentences", "merged", "merged_sources")


def stats(db: Reader) -> dict[str, int]:
    """Row counts per table (documents, facts, spans, merged, ...)."""
    return {name: select_value(db, f"SELECT count(*) FROM {name}") or 0 for name in STATS_TABLES}
