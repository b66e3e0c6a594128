"""Query implementations over the merged view (the public API is :mod:`entente.kb.queries`)."""

from __future__ import annotations

import base64
import datetime as dt
import zlib
from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from ..extract.countries import country_name
from ..record import Span
from .merge import RECENT_SOURCES, ensure_fresh, interval, recency, settings
from .queries import (
    DEFAULT_ITEMS,
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
from .schema import DocumentRow, FactRow, MergedRow, MergedSourceRow, PairProfileRow, SentenceRow, SpanRow

# --------------------------------------------------------------------------- sources

_CHUNK = 900  # ids per IN (...) list


def _chunks(ids: list, size: int = _CHUNK):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _doc_ref(row) -> SourceRef:
    return SourceRef.model_construct(doc_id=row.id, name=row.name, title=row.title, outlet=row.outlet,
                                     url=row.url, published=row.published, spans=[])


def _docs(session: Session, doc_ids: set[str]) -> dict[str, SourceRef]:
    out: dict[str, SourceRef] = {}
    for chunk in _chunks(sorted(doc_ids)):
        for row in session.execute(
            select(DocumentRow.id, DocumentRow.name, DocumentRow.title, DocumentRow.outlet, DocumentRow.url,
                   DocumentRow.published).where(DocumentRow.id.in_(chunk))
        ):
            out[row.id] = _doc_ref(row)
    return out


_FactSpans = dict[int, tuple[str, dict[tuple[int, int], str]]]  # fact id -> (doc id, {(start, end): text})


def _fact_spans(session: Session, fact_ids: set[int]) -> _FactSpans:
    out: _FactSpans = {}
    for chunk in _chunks(sorted(fact_ids)):
        for fact_id, doc_id, start, end, text in session.execute(
            select(FactRow.id, FactRow.doc_id, SpanRow.start, SpanRow.end, SpanRow.text)
            .outerjoin(SpanRow, SpanRow.fact_id == FactRow.id).where(FactRow.id.in_(chunk))
        ):
            spans = out.setdefault(fact_id, (doc_id, {}))[1]
            if start is not None:
                spans[(start, end)] = text
    return out


def _construct_plain(cls: type[BaseModel]):
    """A function building ``cls.model_construct(**values)`` from a dict ``values`` naming every field of ``cls``
    (trusted rows of our own tables): the same ``__dict__``, fields set, extra (``{}`` when the model allows
    extra fields, else None) and private (None), without :meth:`~pydantic.BaseModel.model_construct`'s loop
    over the fields for aliases and defaults (a few µs per object; profiles hold thousands of sources and
    spans).  ``model_construct`` itself for a model with a post-init or a root model."""
    if cls.__pydantic_root_model__ or cls.__pydantic_post_init__ is not None:
        return lambda values: cls.model_construct(**values)
    new, put = cls.__new__, object.__setattr__
    fields = frozenset(cls.model_fields)
    allow_extra = cls.model_config.get("extra") == "allow"

    def build(values: dict) -> BaseModel:
        assert values.keys() == fields, f"{cls.__name__}: {sorted(values)}"
        m = new(cls)
        put(m, "__dict__", values)
        put(m, "__pydantic_fields_set__", set(fields))
        put(m, "__pydantic_extra__", {} if allow_extra else None)
        put(m, "__pydantic_private__", None)
        return m

    return build


_span = _construct_plain(Span)
_source = _construct_plain(SourceRef)


def _refs(fact_ids: list[int], facts: _FactSpans, docs: dict[str, SourceRef],
          max_sources: int | None) -> tuple[list[SourceRef], int]:
    """The sources of the given facts (one per document, its spans merged), the ``max_sources`` most
    recent oldest first, and how many documents there are."""
    per_doc: dict[str, dict[tuple[int, int], str]] = {}
    for fid in fact_ids:
        if fid in facts:
            doc_id, spans = facts[fid]
            per_doc.setdefault(doc_id, {}).update(spans)
    keyed = sorted((recency(docs[d].published, docs[d].name), d) for d in per_doc if d in docs)
    if max_sources is not None:
        keyed = keyed[-max_sources:] if max_sources > 0 else []
    refs = []
    for _, doc_id in keyed:
        d = docs[doc_id]
        spans = [_span({"start": s, "end": e, "text": t}) for (s, e), t in sorted(per_doc[doc_id].items())]
        # trusted rows of our own tables: no validation needed
        refs.append(_source({"doc_id": d.doc_id, "name": d.name, "title": d.title, "outlet": d.outlet,
                             "url": d.url, "published": d.published, "spans": spans}))
    return refs, len(per_doc)


def _load_sources(session: Session, fact_ids: set[int]) -> tuple[_FactSpans, dict[str, SourceRef]]:
    facts = _fact_spans(session, fact_ids)
    return facts, _docs(session, {doc_id for doc_id, _ in facts.values()})


def merged_sources(session: Session, rows: list[MergedRow],
                   max_sources: int | None) -> dict[int, tuple[list[SourceRef], int]]:
    """merged id -> (its sources, the number of documents reporting it).

    With a cap no larger than :data:`RECENT_SOURCES`, only the precomputed facts of the most
    recent reports are read (a merged row from before that column existed falls back to all)."""
    fast = max_sources is not None and max_sources <= RECENT_SOURCES
    wanted: dict[int, list[int]] = {}
    slow = [r.id for r in rows if not fast or r.recent_fact_ids is None]
    for chunk in _chunks(slow):
        for merged_id, fact_id in session.execute(
            select(MergedSourceRow.merged_id, MergedSourceRow.fact_id).where(MergedSourceRow.merged_id.in_(chunk))
        ):
            wanted.setdefault(merged_id, []).append(fact_id)
    if fast:
        for r in rows:
            if r.recent_fact_ids is not None:
                wanted[r.id] = list(r.recent_fact_ids)
    facts, docs = _load_sources(session, {f for ids in wanted.values() for f in ids})
    out = {}
    for r in rows:
        refs, count = _refs(wanted.get(r.id, []), facts, docs, max_sources)
        if fast and r.recent_fact_ids is not None and r.source_count is not None:
            count = r.source_count
        out[r.id] = (refs, count)
    return out


def _fact_sources(session: Session, fact_ids: list[int], max_sources: int | None) -> tuple[list[SourceRef], int]:
    facts, docs = _load_sources(session, set(fact_ids))
    return _refs(fact_ids, facts, docs, max_sources)


# --------------------------------------------------------------------------- views of merged rows


def event_view(row: MergedRow, sources: list[SourceRef], source_count: int | None = None) -> EventView:
    d = row.data
    return EventView(id=row.id, pair=[row.pair_a, row.pair_b], kind=d["kind"], status=d["status"], date=d["date"],
                     date_end=d.get("date_end"), precision=d.get("precision"), place=d.get("place"),
                     place_country=d.get("place_country"), participants=d.get("participants") or [],
                     statuses=d.get("statuses") or [], promoted=d.get("promoted", False), conflict=row.conflict,
                     source_count=len(sources) if source_count is None else source_count, sources=sources)


def commitment_view(row: MergedRow, today: dt.date, sources: list[SourceRef], source_count: int,
                    pair: list[str] | None = None) -> CommitmentView:
    d = row.data
    return CommitmentView(id=row.id, pair=pair, text=d["text"], deadline=d.get("deadline"),
                          deadline_end=d.get("deadline_end"), state=deadline_state(d, today),
                          fulfilled_by=d.get("fulfilled_by"), areas=d.get("areas") or [],
                          source_count=source_count, sources=sources)


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


_MERGED_COLUMNS = (MergedRow.id, MergedRow.type, MergedRow.pair_a, MergedRow.pair_b, MergedRow.key,
                   MergedRow.status, MergedRow.date, MergedRow.conflict, MergedRow.data, MergedRow.source_count,
                   MergedRow.recent_fact_ids)


def _select_merged(*where):
    """Merged rows as plain rows (attribute access like the ORM class, without its per-object cost)."""
    return select(*_MERGED_COLUMNS).where(*where)


def _merged(session: Session, a: str, b: str) -> list[MergedRow]:
    return list(session.execute(_select_merged(MergedRow.pair_a == a, MergedRow.pair_b == b)
                                .order_by(MergedRow.id)))


def _names(a: str, b: str) -> list[str]:
    return [country_name(a) or a, country_name(b) or b]


def _event_sort(e: EventView) -> tuple:
    return (e.date is None, e.date or "", e.id)


# --------------------------------------------------------------------------- queries


def _latest_events(session: Session, occurred: bool) -> dict[tuple[str, str], MergedRow]:
    """Per pair, the dated event with the latest date (only held ones when ``occurred``); first by id on ties."""
    cond = [MergedRow.type == "event", MergedRow.date.is_not(None), MergedRow.pair_a.is_not(None)]
    if occurred:
        cond.append(MergedRow.status == "occurred")
    latest = (select(MergedRow.pair_a, MergedRow.pair_b, func.max(MergedRow.date).label("d")).where(*cond)
              .group_by(MergedRow.pair_a, MergedRow.pair_b).subquery())
    out: dict[tuple[str, str], MergedRow] = {}
    for row in session.execute(
        _select_merged().join(latest, and_(MergedRow.pair_a == latest.c.pair_a, MergedRow.pair_b == latest.c.pair_b,
                                            MergedRow.date == latest.c.d))
        .where(*cond).order_by(MergedRow.id)
    ):
        out.setdefault((row.pair_a, row.pair_b), row)
    return out


def read_pairs(session: Session) -> list[PairSummary]:
    ensure_fresh(session)
    docs = session.execute(
        select(FactRow.pair_a, FactRow.pair_b, func.count(func.distinct(FactRow.doc_id)))
        .where(FactRow.type == "relation").group_by(FactRow.pair_a, FactRow.pair_b)
    ).all()
    summaries: dict[tuple[str, str], PairSummary] = {
        (a, b): PairSummary(pair=[a, b], names=_names(a, b), documents=n) for a, b, n in docs}

    def summary(a: str, b: str) -> PairSummary:
        return summaries.setdefault((a, b), PairSummary(pair=[a, b], names=_names(a, b)))

    counted = {"event": "events", "area": "areas", "agreement": "agreements", "commitment": "commitments",
               "figure": "figures"}
    for a, b, kind, n, conflicts in session.execute(
        select(MergedRow.pair_a, MergedRow.pair_b, MergedRow.type, func.count(),
               func.sum(case((MergedRow.conflict.is_(True), 1), else_=0)))
        .where(MergedRow.pair_a.is_not(None)).group_by(MergedRow.pair_a, MergedRow.pair_b, MergedRow.type)
    ):
        s = summary(a, b)
        if kind in counted:
            setattr(s, counted[kind], n)
        if kind == "event":
            s.conflicts += int(conflicts or 0)
    for row in session.execute(_select_merged(MergedRow.type == "level", MergedRow.pair_a.is_not(None))):
        if row.data.get("current"):
            summary(row.pair_a, row.pair_b).level, summary(row.pair_a, row.pair_b).level_date = (
                row.data["level"], row.data.get("date"))
    figure_conflicts = session.execute(
        select(MergedRow.pair_a, MergedRow.pair_b, func.count(func.distinct(MergedRow.key)))
        .where(MergedRow.type == "figure", MergedRow.conflict.is_(True)).group_by(MergedRow.pair_a, MergedRow.pair_b)
    ).all()
    for a, b, n in figure_conflicts:
        summary(a, b).conflicts += n
    best = _latest_events(session, occurred=True)
    for pair, row in _latest_events(session, occurred=False).items():
        best.setdefault(pair, row)
    for pair, row in best.items():
        summary(*pair).last_event = event_view(row, [], row.source_count or 0)
    return sorted(summaries.values(), key=lambda s: (-s.documents, s.pair))


class CachedProfile(BaseModel):
    """What ``pair_profiles.body`` holds: a profile without its people (the people merge is separate)
    and with its commitments in one list (their deadline states depend on the query's ``today``).
    Its lists are capped at ``max_items`` (None: complete, as bodies stored before the cap were)."""

    profile: PairProfile
    commitments: list[CommitmentView]
    max_items: int | None = None


STORED_ITEMS = DEFAULT_ITEMS  # the cap of the stored profiles: a request for more items reads the merged rows
CONFLICTS = 10  # conflicts of a capped profile (at most ``max_items``), the best-supported
CONFLICT_VALUES = 5  # values per conflict of a capped profile (at most ``max_items``), best-supported first


def read_profile(session: Session, a: str, b: str, today: dt.date, max_sources: int | None = 5,
                 max_items: int | None = DEFAULT_ITEMS) -> PairProfile:
    ensure_fresh(session)
    a, b = sorted((a, b))
    stored = _stored_profile(session, a, b, max_sources, max_items)
    if stored is not None:
        p, commitments = stored.profile, stored.commitments
    else:
        p, commitments = _live_profile(session, a, b, max_sources)
    p.today = today.isoformat()
    cap_profile(p, max_items)
    _group_commitments(p, commitments, today, max_items)
    _add_people(session, p, max_sources)
    return p


def _stored_profile(session: Session, a: str, b: str, max_sources: int | None,
                    max_items: int | None) -> CachedProfile | None:
    """The materialised profile when it holds what is asked for (the same sources, enough items)."""
    if max_sources is None:
        return None
    body = session.execute(select(PairProfileRow.body).where(
        PairProfileRow.pair_a == a, PairProfileRow.pair_b == b, PairProfileRow.max_sources == max_sources)).scalar()
    if body is None:
        return None
    stored = CachedProfile.model_validate_json(unpack_body(body))
    if stored.max_items is not None and (max_items is None or max_items > stored.max_items):
        return None
    return stored


def cached_profile(session: Session, a: str, b: str) -> str | None:
    """The ``pair_profiles.body`` of a pair (JSON), built from its merged rows; None when it has none."""
    try:
        p, commitments = _live_profile(session, a, b, RECENT_SOURCES)
    except NotFound:
        return None
    cap_profile(p, STORED_ITEMS)
    return pack_body(CachedProfile(profile=p, commitments=commitments, max_items=STORED_ITEMS).model_dump_json())


_PACKED = "z1:"  # a packed body: this prefix, then the zlib-compressed JSON in base64


PACK_LEVEL = 3  # zlib level: on the 100k KB's bodies half the time of level 6 for 19% more bytes (57 vs 48 kB)


def pack_body(body: str) -> str:
    """A profile body as stored: its JSON compressed (~330 kB -> ~57 kB for a busy pair of the 100k KB,
    so ``show`` reads 6x fewer pages), as ASCII text (the column is text on both backends)."""
    return _PACKED + base64.b64encode(zlib.compress(body.encode(), PACK_LEVEL)).decode("ascii")


def unpack_body(stored: str) -> str:
    """The JSON of a stored body, packed or (as migration 0003 stored it) plain."""
    if stored.startswith(_PACKED):
        return zlib.decompress(base64.b64decode(stored[len(_PACKED):])).decode()
    return stored


def recap_profile_body(body: str) -> str | None:
    """A stored profile body re-capped at :data:`STORED_ITEMS` and packed (None when it cannot be read:
    rebuild it). Migration 0004 applies it to the bodies stored before the cap."""
    try:
        stored = CachedProfile.model_validate_json(unpack_body(body))
    except (ValueError, zlib.error):
        return None
    if stored.max_items is None or stored.max_items > STORED_ITEMS:
        cap_profile(stored.profile, STORED_ITEMS)
        stored.max_items = STORED_ITEMS
    return pack_body(stored.model_dump_json())


# --------------------------------------------------------------------------- capped lists


def _cap(items: list, n: int | None, rank) -> tuple[list, int]:
    """The ``n`` items of highest ``rank`` (in their original order) and how many were left out."""
    if n is None or len(items) <= n:
        return items, 0
    keep = set(sorted(range(len(items)), key=lambda i: rank(items[i]), reverse=True)[:max(n, 0)])
    return [x for i, x in enumerate(items) if i in keep], len(items) - len(keep)


def _omit(p: PairProfile, key: str, n: int) -> None:
    if n:
        p.omitted[key] = p.omitted.get(key, 0) + n


def _recent(x) -> tuple:
    return (x.date is not None, x.date or "", getattr(x, "id", 0))


def _conflict_weight(c: ConflictView) -> tuple:
    return (sum(v.source_count for v in c.values) + c.omitted_values, c.subject)


def cap_profile(p: PairProfile, max_items: int | None) -> None:
    """Cap each list of ``p`` at ``max_items`` in place: the most recent events and levels, the areas,
    agreements (per status) and figures with the most sources; the :data:`CONFLICTS` best-supported
    conflicts, each with its :data:`CONFLICT_VALUES` best-supported values."""
    if max_items is None:
        return
    p.events, n = _cap(p.events, max_items, _recent)
    _omit(p, "events", n)
    p.levels, n = _cap(p.levels, max_items, lambda x: (x.date is not None, x.date or ""))
    _omit(p, "levels", n)
    p.areas, n = _cap(p.areas, max_items, lambda x: (x.source_count, x.last_seen or ""))
    _omit(p, "areas", n)
    for status, items in p.agreements.items():
        p.agreements[status], n = _cap(items, max_items, lambda x: (x.source_count, x.title is not None,
                                                                    x.date or "", x.id))
        _omit(p, f"agreements.{status}", n)
    p.figures, n = _cap(p.figures, max_items, lambda x: (x.source_count, x.period or "", x.id))
    _omit(p, "figures", n)
    for c in p.conflicts:
        c.values, n = _cap(c.values, min(max_items, CONFLICT_VALUES), lambda v: v.source_count)
        c.omitted_values += n
    p.conflicts, n = _cap(p.conflicts, min(max_items, CONFLICTS), _conflict_weight)
    _omit(p, "conflicts", n)


def _group_commitments(p: PairProfile, commitments: list[CommitmentView], today: dt.date,
                       max_items: int | None = None) -> None:
    p.commitments = {}
    for cm in commitments:
        cm.state = deadline_state({"fulfilled_by": cm.fulfilled_by, "deadline": cm.deadline,
                                   "deadline_end": cm.deadline_end}, today)
        p.commitments.setdefault(cm.state, []).append(cm)
    for state, items in p.commitments.items():
        p.commitments[state], n = _cap(items, max_items, lambda x: (x.source_count, x.id))
        _omit(p, f"commitments.{state}", n)


def _add_people(session: Session, p: PairProfile, max_sources: int | None) -> None:
    """The merged people taking part in the pair's events (of either country, or of none)."""
    participants = {name for ev in p.events for name in ev.participants}
    if not participants:
        return
    a, b = p.pair
    keys = [f"{name}|{country}" for name in sorted(participants) for country in (a, b, "")]
    people = [r for chunk in _chunks(keys) for r in session.execute(
        _select_merged(MergedRow.type == "person", MergedRow.key.in_(chunk)))]
    p.people = _person_views(session, people, max_sources)


def _live_profile(session: Session, a: str, b: str,
                  max_sources: int | None) -> tuple[PairProfile, list[CommitmentView]]:
    """The profile from the merged rows, without people; its commitments in row order (states unset)."""
    rows = _merged(session, a, b)
    ndocs = session.scalar(select(func.count(func.distinct(FactRow.doc_id)))
                           .where(FactRow.pair_a == a, FactRow.pair_b == b, FactRow.type == "relation")) or 0
    if not rows and not ndocs:
        raise NotFound(f"no document reports relations between {a} and {b}")
    src = merged_sources(session, rows, max_sources)
    conflict_facts = conflict_fact_ids(rows)
    conflict_src = _load_sources(session, conflict_facts) if conflict_facts else ({}, {})
    return _build_profile(a, b, rows, ndocs, src, conflict_src, max_sources)


def conflict_fact_ids(rows: list) -> set[int]:
    """The facts behind the values of the event conflicts among merged ``rows`` (their sources are shown)."""
    return {f for r in rows if r.type == "event" and r.conflict
            for v in r.data.get("conflict_values", []) for f in v["fact_ids"]}


def profile_body(a: str, b: str, rows: list, ndocs: int, facts: _FactSpans, docs: dict[str, SourceRef]) -> str:
    """:func:`cached_profile` of a pair from what the merge just computed, without reading it back: its merged
    rows (objects with the attributes of :data:`_MERGED_COLUMNS`, in id order, ``recent_fact_ids`` and
    ``source_count`` set), its number of documents, and the spans and documents of the rows'
    ``recent_fact_ids`` and :func:`conflict_fact_ids`."""
    src = {r.id: (_refs(r.recent_fact_ids, facts, docs, RECENT_SOURCES)[0], r.source_count) for r in rows}
    p, commitments = _build_profile(a, b, rows, ndocs, src, (facts, docs), RECENT_SOURCES)
    cap_profile(p, STORED_ITEMS)
    return pack_body(CachedProfile(profile=p, commitments=commitments, max_items=STORED_ITEMS).model_dump_json())


def _build_profile(a: str, b: str, rows: list, ndocs: int, src: dict[int, tuple[list[SourceRef], int]],
                   conflict_src: tuple[_FactSpans, dict[str, SourceRef]],
                   max_sources: int | None) -> tuple[PairProfile, list[CommitmentView]]:
    p = PairProfile(pair=[a, b], names=_names(a, b), documents=ndocs, today="")
    figure_groups: dict[str, list[FigureView]] = defaultdict(list)
    commitments: list[CommitmentView] = []
    for row in rows:
        d, (sources, count) = row.data, src.get(row.id, ([], 0))
        if row.type == "event":
            ev = event_view(row, sources, count)
            p.events.append(ev)
            if row.conflict:
                values = []
                for v in d.get("conflict_values", []):
                    refs, n = _refs(v["fact_ids"], *conflict_src, max_sources)
                    values.append(ConflictValue(value=v["value"], source_count=n, sources=refs))
                p.conflicts.append(ConflictView(kind="event_date", subject=f"{ev.kind} {ev.date or ''}".strip(),
                                                values=values))
        elif row.type == "level":
            p.levels.append(LevelStep(level=d["level"], previous=d.get("previous"), date=d.get("date"),
                                      status=d["status"], source_count=count, sources=sources))
            if d.get("current"):
                p.level = d["level"]
        elif row.type == "area":
            p.areas.append(AreaView(area=d["area"], status=d["status"], first_seen=d.get("first_seen"),
                                    last_seen=d.get("last_seen"), source_count=d["source_count"], sources=sources))
        elif row.type == "agreement":
            ag = AgreementView(id=row.id, kind=d["kind"], title=d.get("title"), status=d["status"],
                               statuses=d.get("statuses") or [], date=d.get("date"), deadline=d.get("deadline"),
                               areas=d.get("areas") or [], source_count=count, sources=sources)
            p.agreements.setdefault(ag.status, []).append(ag)
        elif row.type == "commitment":
            commitments.append(commitment_view(row, dt.date.min, sources, count))
        elif row.type == "figure":
            fv = FigureView(id=row.id, metric=d["metric"], value=d["value"], unit=d["unit"], period=d.get("period"),
                            stated=d.get("stated") or [], warnings=d.get("warnings") or [], conflict=row.conflict,
                            source_count=count, sources=sources)
            p.figures.append(fv)
            if row.conflict:
                figure_groups[f"{fv.metric} {fv.period or ''} ({fv.unit})".replace("  ", " ")].append(fv)
    for subject, figs in figure_groups.items():
        p.conflicts.append(ConflictView(kind="figure_value", subject=subject,
                                        values=[ConflictValue(value=f"{f.value:g}", source_count=f.source_count,
                                                              sources=f.sources) for f in figs]))
    p.events.sort(key=_event_sort)
    p.areas.sort(key=lambda x: (-x.source_count, x.area))
    p.figures.sort(key=lambda f: (f.metric, f.period or "", f.unit, f.value))
    return p, commitments


def read_timeline(session: Session, country: str, partner: str | None, since: str | None,
                  max_sources: int | None = 5, latest: int | None = None, limit: int | None = None,
                  offset: int = 0) -> list[TimelineEntry]:
    ensure_fresh(session)
    cond = [or_(MergedRow.pair_a == country, MergedRow.pair_b == country),
            MergedRow.type.in_(("event", "level", "agreement"))]
    if partner:
        a, b = sorted((country, partner))
        cond += [MergedRow.pair_a == a, MergedRow.pair_b == b]
    if since:
        cond.append(and_(MergedRow.date.is_not(None), MergedRow.date >= since))
    if latest is not None:
        cond.append(MergedRow.date.is_not(None))
        limit = latest if limit is None else min(latest, limit)
    if limit is None and not offset:
        rows = list(session.execute(_select_merged(*cond)))
    else:  # the page's ids first (sorting keys only), then its rows and their sources
        partner_col = case((MergedRow.pair_a == country, MergedRow.pair_b), else_=MergedRow.pair_a)
        page = (select(MergedRow.id).where(*cond)
                .order_by(MergedRow.date.desc().nulls_last(), partner_col.desc(), MergedRow.type.desc(),
                          MergedRow.id.desc())
                .offset(max(offset, 0)))
        if limit is not None:
            page = page.limit(max(limit, 0))
        ids = list(session.scalars(page))
        rows = [r for chunk in _chunks(ids) for r in session.execute(_select_merged(MergedRow.id.in_(chunk)))]
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
        out.append(TimelineEntry(date=row.date, pair=[row.pair_a, row.pair_b], partner=other, type=row.type,
                                 kind=kind, status=status, label=label, source_count=count, sources=sources))
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.partner, e.type))


def read_compare(session: Session, country: str, partners: list[str]) -> AreaMatrix:
    ensure_fresh(session)
    cells: dict[str, dict[str, AreaCell | None]] = {}
    totals: dict[str, int] = defaultdict(int)
    by_pair = {tuple(sorted((country, partner))): partner for partner in partners}
    for row in session.execute(_select_merged(
        MergedRow.type == "area",
        or_(*(and_(MergedRow.pair_a == a, MergedRow.pair_b == b) for a, b in by_pair)) if by_pair else false(),
    )):
        partner = by_pair[(row.pair_a, row.pair_b)]
        cells.setdefault(row.data["area"], {})[partner] = AreaCell(status=row.data["status"],
                                                                   source_count=row.data["source_count"])
        totals[row.data["area"]] += row.data["source_count"]
    areas = sorted(cells, key=lambda x: (-totals[x], x))
    return AreaMatrix(country=country, partners=partners, areas=areas,
                      cells={x: {p: cells[x].get(p) for p in partners} for x in areas})


def _person_views(session: Session, rows: list[MergedRow], max_sources: int | None) -> list[PersonView]:
    src = merged_sources(session, rows, max_sources) if rows else {}
    out = []
    for r in rows:
        sources, count = src.get(r.id, ([], 0))
        out.append(PersonView(id=r.id, name=r.data["name"], country=r.data.get("country"),
                              aliases=r.data.get("aliases") or [], titles=r.data.get("titles") or [],
                              honorifics=r.data.get("honorifics") or [], document_count=r.data.get("document_count", 0),
                              source_count=count, sources=sources))
    return sorted(out, key=lambda x: (-x.document_count, x.name))


def read_people(session: Session, country: str | None, fresh: bool = False,
                max_sources: int | None = 5) -> list[PersonView]:
    if not fresh:
        ensure_fresh(session)
    rows = list(session.execute(_select_merged(MergedRow.type == "person")))
    if country:
        rows = [r for r in rows if r.data.get("country") == country]
    return _person_views(session, rows, max_sources)


def read_recent_events(session: Session, limit: int, max_sources: int | None = 5) -> list[EventView]:
    ensure_fresh(session)
    rows = list(session.execute(
        _select_merged(MergedRow.type == "event", MergedRow.date.is_not(None), MergedRow.pair_a.is_not(None))
        .order_by(MergedRow.date.desc(), MergedRow.pair_a.desc(), MergedRow.pair_b.desc(), MergedRow.id).limit(limit)
    ))
    src = merged_sources(session, rows, max_sources)
    return [event_view(r, *src.get(r.id, ([], 0))) for r in rows]


OPEN_STATES = ("overdue", "due", "pending")


def read_open_commitments(session: Session, today: dt.date, limit: int | None,
                          max_sources: int | None = 5) -> list[CommitmentView]:
    ensure_fresh(session)
    rank = {s: i for i, s in enumerate(OPEN_STATES)}
    candidates = []
    for r in session.execute(_select_merged(
        MergedRow.type == "commitment", MergedRow.pair_a.is_not(None),
        or_(MergedRow.status.is_(None), MergedRow.status != "fulfilled"),
    )):
        state = deadline_state(r.data, today)
        if state in rank:
            candidates.append(((rank[state], r.data.get("deadline") or "9999", r.pair_a, r.pair_b, r.id), r))
    rows = [r for _, r in sorted(candidates, key=lambda c: c[0])[:limit]]
    src = merged_sources(session, rows, max_sources)
    return [commitment_view(r, today, *src.get(r.id, ([], 0)), pair=[r.pair_a, r.pair_b]) for r in rows]


_SUMMARY_COLUMNS = (DocumentRow.id, DocumentRow.name, DocumentRow.title, DocumentRow.outlet, DocumentRow.url,
                    DocumentRow.published, DocumentRow.chars, DocumentRow.pipeline_version, DocumentRow.ingested_at)


def _summaries(session: Session, rows: list) -> list[DocumentSummary]:
    """Summaries of document rows (anything with the :data:`_SUMMARY_COLUMNS`), their pairs read in one query."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for chunk in _chunks([r.id for r in rows]):
        # the type is tested here, not in SQL: with it, SQLite (no ANALYZE statistics) reads every relation
        # fact through ix_facts_type instead of the few facts of each document through ix_facts_doc_id
        for doc_id, a, b, kind in session.execute(select(FactRow.doc_id, FactRow.pair_a, FactRow.pair_b, FactRow.type)
                                                  .where(FactRow.doc_id.in_(chunk))):
            if kind == "relation":
                pairs[doc_id].add((a, b))
    return [DocumentSummary(id=r.id, name=r.name, title=r.title, outlet=r.outlet, url=r.url, published=r.published,
                            chars=r.chars, pipeline_version=r.pipeline_version,
                            ingested_at=r.ingested_at.isoformat(timespec="seconds"),
                            pairs=sorted([a, b] for a, b in pairs[r.id]))
            for r in rows]


def _summary(session: Session, row: DocumentRow) -> DocumentSummary:
    return _summaries(session, [row])[0]


def read_documents(session: Session, limit: int, offset: int) -> DocumentPage:
    """A page of documents, newest publication first: the ids from the listing index (migration 0004),
    then the page's summary columns (never the texts and records) and pairs."""
    total = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    ids = list(session.scalars(
        select(DocumentRow.id).order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.name, DocumentRow.id)
        .limit(limit).offset(offset)
    ))
    rows = {r.id: r for r in session.execute(select(*_SUMMARY_COLUMNS).where(DocumentRow.id.in_(ids)))} if ids else {}
    return DocumentPage(total=total, limit=limit, offset=offset,
                        items=_summaries(session, [rows[i] for i in ids if i in rows]))


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
