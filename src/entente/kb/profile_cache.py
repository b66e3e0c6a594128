"""The stored pair profiles (``pair_profiles``): a pair's profile built from its merged rows, capped, packed
and stored by the refresh (:mod:`entente.kb.refresh`), and read back by ``show`` when it holds what is asked
for; otherwise built live from the merged rows."""

from __future__ import annotations

import base64
import datetime as dt
import zlib
from collections import defaultdict
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..display import amount
from .merged_views import commitment_view, deadline_state, event_sort, event_view, merged_of_pair, pair_names
from .rule_facts import RECENT_SOURCES
from .sources import FactSpans, load_sources, merged_sources, refs
from .sqlutil import select_value
from .views import (
    DEFAULT_ITEMS,
    AgreementView,
    AreaView,
    CommitmentView,
    ConflictValue,
    ConflictView,
    FigureView,
    LevelStep,
    NotFound,
    PairProfile,
    SourceRef,
)

if TYPE_CHECKING:
    from .sqlutil import Reader


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


def stored_profile(
    db: Reader, a: str, b: str, max_sources: int | None, max_items: int | None
) -> CachedProfile | None:
    """The materialised profile when it holds what is asked for (the same sources, enough items)."""
    if max_sources is None:
        return None
    body = select_value(
        db,
        "SELECT body FROM pair_profiles WHERE pair_a = ? AND pair_b = ? AND max_sources = ?",
        (a, b, max_sources),
    )
    if body is None:
        return None
    stored = CachedProfile.model_validate_json(unpack_body(body))
    if stored.max_items is not None and (max_items is None or max_items > stored.max_items):
        return None
    return stored


def cached_profile(db: Reader, a: str, b: str) -> str | None:
    """The ``pair_profiles.body`` of a pair (JSON), built from its merged rows; None when it has none."""
    try:
        p, commitments = live_profile(db, a, b, RECENT_SOURCES)
    except NotFound:
        return None
    cap_profile(p, STORED_ITEMS)
    return pack_body(
        CachedProfile(profile=p, commitments=commitments, max_items=STORED_ITEMS).model_dump_json()
    )


_PACKED = "z1:"  # a packed body: this prefix, then the zlib-compressed JSON in base64


PACK_LEVEL = (
    3  # zlib level: on the 100k KB's bodies half the time of level 6 for 19% more bytes (57 vs 48 kB)
)


def pack_body(body: str) -> str:
    """A profile body as stored: its JSON compressed (~330 kB -> ~57 kB for a busy pair of the 100k KB,
    so ``show`` reads 6x fewer pages), as ASCII text (the column is text on both backends)."""
    return _PACKED + base64.b64encode(zlib.compress(body.encode(), PACK_LEVEL)).decode("ascii")


def unpack_body(stored: str) -> str:
    """The JSON of a stored body, packed or (as migration 0003 stored it) plain."""
    if stored.startswith(_PACKED):
        return zlib.decompress(base64.b64decode(stored[len(_PACKED) :])).decode()
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
    keep = set(sorted(range(len(items)), key=lambda i: rank(items[i]), reverse=True)[: max(n, 0)])
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
        p.agreements[status], n = _cap(
            items, max_items, lambda x: (x.source_count, x.title is not None, x.date or "", x.id)
        )
        _omit(p, f"agreements.{status}", n)
    p.figures, n = _cap(p.figures, max_items, lambda x: (x.source_count, x.period or "", x.id))
    _omit(p, "figures", n)
    for c in p.conflicts:
        c.values, n = _cap(c.values, min(max_items, CONFLICT_VALUES), lambda v: v.source_count)
        c.omitted_values += n
    p.conflicts, n = _cap(p.conflicts, min(max_items, CONFLICTS), _conflict_weight)
    _omit(p, "conflicts", n)


def group_commitments(
    p: PairProfile, commitments: list[CommitmentView], today: dt.date, max_items: int | None = None
) -> None:
    p.commitments = {}
    for cm in commitments:
        cm.state = deadline_state(
            {"fulfilled_by": cm.fulfilled_by, "deadline": cm.deadline, "deadline_end": cm.deadline_end}, today
        )
        p.commitments.setdefault(cm.state, []).append(cm)
    for state, items in p.commitments.items():
        p.commitments[state], n = _cap(items, max_items, lambda x: (x.source_count, x.id))
        _omit(p, f"commitments.{state}", n)


def live_profile(
    db: Reader, a: str, b: str, max_sources: int | None
) -> tuple[PairProfile, list[CommitmentView]]:
    """The profile from the merged rows, without people; its commitments in row order (states unset)."""
    rows = merged_of_pair(db, a, b)
    ndocs = (
        select_value(
            db,
            "SELECT count(DISTINCT doc_id) FROM facts WHERE pair_a = ? AND pair_b = ? AND type = 'relation'",
            (a, b),
        )
        or 0
    )
    if not rows and not ndocs:
        raise NotFound(f"no document reports relations between {a} and {b}")
    src = merged_sources(db, rows, max_sources)
    conflict_facts = conflict_fact_ids(rows)
    conflict_src = load_sources(db, conflict_facts) if conflict_facts else ({}, {})
    return build_profile(a, b, rows, ndocs, src, conflict_src, max_sources)


def conflict_fact_ids(rows: list) -> set[int]:
    """The facts behind the values of the event conflicts among merged ``rows`` (their sources are shown)."""
    return {
        f
        for r in rows
        if r.type == "event" and r.conflict
        for v in r.data.get("conflict_values", [])
        for f in v["fact_ids"]
    }


def profile_body(a: str, b: str, rows: list, ndocs: int, facts: FactSpans, docs: dict[str, SourceRef]) -> str:
    """:func:`cached_profile` of a pair from what the merge just computed, without reading it back: its merged
    rows (objects with the attributes of :data:`_MERGED_COLUMNS`, in id order, ``recent_fact_ids`` and
    ``source_count`` set), its number of documents, and the spans and documents of the rows'
    ``recent_fact_ids`` and :func:`conflict_fact_ids`."""
    src = {r.id: (refs(r.recent_fact_ids, facts, docs, RECENT_SOURCES)[0], r.source_count) for r in rows}
    p, commitments = build_profile(a, b, rows, ndocs, src, (facts, docs), RECENT_SOURCES)
    cap_profile(p, STORED_ITEMS)
    return pack_body(
        CachedProfile(profile=p, commitments=commitments, max_items=STORED_ITEMS).model_dump_json()
    )


def build_profile(
    a: str,
    b: str,
    rows: list,
    ndocs: int,
    src: dict[int, tuple[list[SourceRef], int]],
    conflict_src: tuple[FactSpans, dict[str, SourceRef]],
    max_sources: int | None,
) -> tuple[PairProfile, list[CommitmentView]]:
    p = PairProfile(pair=[a, b], names=pair_names(a, b), documents=ndocs, today="")
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
                    found, n = refs(v["fact_ids"], *conflict_src, max_sources)
                    values.append(ConflictValue(value=v["value"], source_count=n, sources=found))
                p.conflicts.append(
                    ConflictView(
                        kind="event_date", subject=f"{ev.kind} {ev.date or ''}".strip(), values=values
                    )
                )
        elif row.type == "level":
            p.levels.append(
                LevelStep(
                    level=d["level"],
                    previous=d.get("previous"),
                    date=d.get("date"),
                    status=d["status"],
                    source_count=count,
                    sources=sources,
                    provenance=d.get("provenance", "machine"),
                )
            )
            if d.get("current"):
                p.level = d["level"]
        elif row.type == "area":
            p.areas.append(
                AreaView(
                    area=d["area"],
                    status=d["status"],
                    first_seen=d.get("first_seen"),
                    last_seen=d.get("last_seen"),
                    source_count=d["source_count"],
                    sources=sources,
                    provenance=d.get("provenance", "machine"),
                )
            )
        elif row.type == "agreement":
            ag = AgreementView(
                id=row.id,
                kind=d["kind"],
                title=d.get("title"),
                status=d["status"],
                statuses=d.get("statuses") or [],
                date=d.get("date"),
                deadline=d.get("deadline"),
                areas=d.get("areas") or [],
                source_count=count,
                sources=sources,
                provenance=d.get("provenance", "machine"),
            )
            p.agreements.setdefault(ag.status, []).append(ag)
        elif row.type == "commitment":
            commitments.append(commitment_view(row, dt.date.min, sources, count))
        elif row.type == "figure":
            fv = FigureView(
                id=row.id,
                metric=d["metric"],
                value=d["value"],
                unit=d["unit"],
                period=d.get("period"),
                kind=d.get("kind") or "actual",
                stated=d.get("stated") or [],
                warnings=d.get("warnings") or [],
                conflict=row.conflict,
                source_count=count,
                sources=sources,
                provenance=d.get("provenance", "machine"),
            )
            p.figures.append(fv)
            if row.conflict:
                kind = "" if fv.kind == "actual" else f" {fv.kind}"
                figure_groups[f"{fv.metric}{kind} {fv.period or ''} ({fv.unit})".replace("  ", " ")].append(
                    fv
                )
    for subject, figs in figure_groups.items():
        p.conflicts.append(
            ConflictView(
                kind="figure_value",
                subject=subject,
                values=[
                    ConflictValue(
                        value=f"{f.value:g}",
                        display=amount(f.value, f.unit),
                        source_count=f.source_count,
                        sources=f.sources,
                    )
                    for f in figs
                ],
            )
        )
    p.events.sort(key=event_sort)
    p.areas.sort(key=lambda x: (-x.source_count, x.area))
    p.figures.sort(key=lambda f: (f.metric, f.period or "", f.unit, f.value))
    return p, commitments
