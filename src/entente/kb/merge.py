"""Merging facts across documents into the merged view.

Pure functions over :class:`F` (a stored fact with its document's publication
date) produce :class:`Merged` items; :func:`refresh_merged` recomputes the merged
rows of every scope marked dirty. The rules (see ``data/kb_merge.json``):

- people: same canonical name and country (a person without a country joins the
  only same-named person with one); aliases, titles and honorifics are kept;
- events: same pair, compatible kind, dates within a window -> one event with all
  its sources; planned/expected then occurred -> ``occurred`` and ``promoted``;
  two day-precise dates reported for one held event -> a conflict;
- levels: one step per level name, dated by the text (else the report), ordered;
- areas: first/last seen, number of sources, strongest status;
- agreements: same kind and similar title, most advanced status (untitled and undated ones: same kind
  and deadline, else same kind and month of the report);
- commitments: similar text, earliest deadline, fulfilled when a later report
  says a matching agreement was signed/concluded or the level reached;
- figures: same metric, period and unit; different values -> conflict.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..data import load_json
from ..gcpause import collector_paused
from . import jsontext
from .queries import SourceRef
from .schema import DirtyRow, FactRow, MergedRow, MergedSourceRow
from .store import PEOPLE_SCOPE, ids_used_to, insert_rows, insert_rows_at_once, lock_for_merge, reserve_ids

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
RECENT_SOURCES = 5  # documents whose facts ``merged.recent_fact_ids`` keeps (the most recent reports)


@cache
def settings() -> dict:
    return load_json("kb_merge.json")


@dataclass
class F:
    """A stored fact, as the merge sees it."""

    id: int
    doc_id: str
    published: str | None
    type: str
    kind: str | None
    status: str | None
    date: str | None
    data: dict
    name: str | None = None  # the document's name (orders sources of equal date)


@dataclass
class Merged:
    type: str
    key: str
    data: dict
    fact_ids: list[int]
    status: str | None = None
    date: str | None = None
    conflict: bool = False
    pair: tuple[str, str] | None = None


@dataclass
class _Cluster:
    facts: list[F] = field(default_factory=list)
    lo: dt.date | None = None
    hi: dt.date | None = None


# --------------------------------------------------------------------------- helpers


def interval(start: str | None, end: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The days a ``YYYY[-MM[-DD]]`` date (optionally to ``end``) covers."""
    if not start:
        return None
    try:
        lo = _bound(start, low=True)
        hi = _bound(end or start, low=False)
    except ValueError:
        return None
    return (lo, hi) if hi >= lo else (lo, lo)


def _bound(value: str, low: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, 1 if low else calendar.monthrange(y, m)[1])
    return dt.date(parts[0], 1, 1) if low else dt.date(parts[0], 12, 31)


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(settings()["stopwords"])


@cache
def _commitment_stopwords() -> frozenset[str]:
    return _stopwords() | frozenset(settings()["commitment_verbs"])


def tokens(text: str | None, extra_stop: Iterable[str] = ()) -> set[str]:
    return _tokens(text, _stopwords() | set(extra_stop) if extra_stop else _stopwords())


def _tokens(text: str | None, stop: frozenset[str] | set[str]) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in stop and len(w) > 1}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _pub(f: F) -> str:
    return f.published or "9999"


def _most_common(values: Iterable) -> object:
    counts = Counter(v for v in values if v not in (None, ""))
    return counts.most_common(1)[0][0] if counts else None


def _status_rank(status: str | None) -> int:
    return settings()["status_rank"].get(status or "", 0)


def _union(lists: Iterable[Iterable]) -> list:
    out: dict = {}
    for items in lists:
        for x in items or []:
            out.setdefault(x if not isinstance(x, dict) else repr(sorted(x.items())), x)
    return list(out.values())


# --------------------------------------------------------------------------- events


def merge_events(events: list[F]) -> list[Merged]:
    cfg = settings()
    groups, window = cfg["event_kind_groups"], cfg["event_window_days"]
    clusters: list[tuple[str, _Cluster]] = []
    for f in sorted(events, key=lambda f: (f.date is None, _pub(f), f.date or "", f.id)):
        group = groups.get(f.kind or "other", "other")
        date = f.data.get("date") or {}
        iv = interval(date.get("start"), date.get("end"))
        if iv is None and f.status in ("occurred", "agreed") and f.published:
            # an undated event reported as held happened shortly before the report
            pub = interval(f.published)
            iv = (pub[0] - dt.timedelta(days=window), pub[1]) if pub else None
        target = None
        if iv is not None and date.get("precision") != "year":
            for g, c in clusters:
                if g != group or c.lo is None or _gap(iv, (c.lo, c.hi)) > window:
                    continue
                if (c.hi - c.lo).days > 366:
                    continue
                # two different day-dated events of the same document are two events
                if any(o.doc_id == f.doc_id and o.date != f.date for o in c.facts):
                    continue
                target = c
                break
        elif iv is not None:  # a year-precise date joins only the same vague report
            for g, c in clusters:
                if g == group and c.lo == iv[0] and c.hi == iv[1]:
                    target = c
                    break
        if target is None:
            target = _Cluster()
            clusters.append((group, target))
        target.facts.append(f)
        if iv is not None:
            target.lo = min(target.lo, iv[0]) if target.lo else iv[0]
            target.hi = max(target.hi, iv[1]) if target.hi else iv[1]
    return [_event_item(group, c) for group, c in clusters]


def _event_item(group: str, c: _Cluster) -> Merged:
    facts = sorted(c.facts, key=lambda f: (_pub(f), f.id))
    done = [f for f in facts if f.status in ("occurred", "agreed")]
    status = "occurred" if done else facts[-1].status
    dates = ([f.data.get("date") for f in done if f.data.get("date")]
             or [f.data.get("date") for f in facts if f.data.get("date")])
    day_dates = [d for d in dates if d.get("precision") == "day"]
    # the date most reports give, preferring day precision
    best = None
    if day_dates:
        common = _most_common(d["start"] for d in day_dates)
        best = next(d for d in day_dates if d["start"] == common)
    elif dates:
        best = min(dates, key=lambda d: (interval(d["start"], d.get("end")) or (dt.date.min, dt.date.max))[1]
                   - (interval(d["start"], d.get("end")) or (dt.date.min, dt.date.min))[0])
    # conflict: held-event reports with day dates that no reported range reconciles
    values: dict[str, list[int]] = defaultdict(list)
    for f in done:
        d = f.data.get("date") or {}
        if d.get("precision") == "day":
            values[d["start"]].append(f.id)
    ranges = [interval(d["start"], d.get("end")) for d in day_dates if d.get("end")]
    distinct = set(values)
    if len(distinct) > 1 and ranges:
        distinct = {v for v in distinct if not any(r and r[0] <= _bound(v, True) <= r[1] for r in ranges)}
        distinct = distinct if len(distinct) > 1 else set()
    conflict = len(distinct) > 1
    places = [(f.data.get("place") or {}) for f in facts]
    place = _most_common(p.get("name") for p in places)
    place_country = next((p.get("country") for p in places if p.get("name") == place), None)
    data = {
        "kind": _most_common(f.kind for f in facts) or facts[0].kind,
        "kinds": _union([[f.kind] for f in facts]),
        "status": status,
        "statuses": [f.status for f in facts],
        "promoted": bool(done) and any(f.status in ("planned", "expected") for f in facts),
        "date": best["start"] if best else None,
        "date_end": best.get("end") if best else None,
        "precision": best.get("precision") if best else None,
        "place": place,
        "place_country": place_country,
        "participants": _union(f.data.get("participant_names") or [] for f in facts),
        "conflict_values": [{"value": v, "fact_ids": ids} for v, ids in sorted(values.items())] if conflict else [],
    }
    return Merged("event", f"{group}|{data['date'] or ''}", data, [f.id for f in facts], status=status,
                  date=data["date"], conflict=conflict)


# --------------------------------------------------------------------------- levels, areas


def merge_levels(levels: list[F]) -> list[Merged]:
    by_level: dict[str, list[F]] = defaultdict(list)
    for f in levels:
        by_level[f.kind or ""].append(f)
    steps = []
    for level, facts in by_level.items():
        facts.sort(key=lambda f: (_pub(f), f.id))
        status = max((f.status for f in facts), key=_status_rank)
        strongest = [f for f in facts if _status_rank(f.status) == _status_rank(status)]
        dated = sorted(f.date for f in strongest if f.date)
        date, basis = (dated[0], "text") if dated else (min((f.published for f in strongest if f.published),
                                                           default=None), "published")
        data = {"level": level, "previous": next((f.data.get("previous") for f in facts if f.data.get("previous")),
                                                 None),
                "status": status, "date": date, "date_basis": basis if date else None, "current": False}
        steps.append(Merged("level", level, data, [f.id for f in facts], status=status, date=date))
    done = [s for s in steps if s.status in ("occurred", "agreed")]
    if done:
        max(done, key=lambda s: (s.date or "", _status_rank(s.status))).data["current"] = True
    return sorted(steps, key=lambda s: (s.date or "9999", s.key))


def merge_areas(areas: list[F]) -> list[Merged]:
    by_area: dict[str, list[F]] = defaultdict(list)
    for f in areas:
        by_area[f.kind or ""].append(f)
    out = []
    for area, facts in by_area.items():
        status = max((f.status for f in facts), key=_status_rank)
        published = sorted(f.published for f in facts if f.published)
        data = {"area": area, "status": status, "first_seen": published[0] if published else None,
                "last_seen": published[-1] if published else None,
                "source_count": len({f.doc_id for f in facts})}
        out.append(Merged("area", area, data, [f.id for f in facts], status=status, date=data["first_seen"]))
    return out


# --------------------------------------------------------------------------- agreements, commitments


def _agreement_tokens(f: F) -> set[str]:
    return tokens(f.data.get("title"))


def _loose_key(f: F) -> tuple | None:
    """What an agreement without title or date is known by: its kind with its deadline (the same planned
    agreement), else with the month of the report (MoUs of one kind exchanged by a pair within a month are one
    exchange); None when neither is known (it then stays apart, as before)."""
    deadline = (f.data.get("deadline") or {}).get("start")
    if deadline:
        return (f.kind, "deadline", deadline)
    if f.published and len(f.published) >= 7:
        return (f.kind, "month", f.published[:7])
    return None


def merge_agreements(agreements: list[F]) -> list[Merged]:
    cfg = settings()
    clusters: list[list[F]] = []
    cluster_tokens: list[set[str]] = []  # per cluster, the union of its title tokens (kept up to date)
    cluster_dates: list[list[tuple[dt.date, dt.date]]] = []  # per cluster, its facts' dates
    cluster_loose: list[tuple | None] = []  # per cluster of untitled, undated agreements: their _loose_key
    for f in sorted(agreements, key=lambda f: (_pub(f), f.id)):
        toks = _agreement_tokens(f)
        iv = interval((f.data.get("date") or {}).get("start"))
        loose = _loose_key(f) if not toks and iv is None else None
        target = None
        for i, c in enumerate(clusters):
            if c[0].kind != f.kind:
                continue
            ctoks = cluster_tokens[i]
            if toks and ctoks:
                if jaccard(toks, ctoks) >= cfg["title_similarity"]:
                    target = i
            elif not toks and not ctoks and iv is not None:
                if any(_gap(iv, x) <= cfg["event_window_days"] for x in cluster_dates[i]):
                    target = i
            elif loose is not None and cluster_loose[i] == loose:
                target = i
            if target is not None:
                break
        if target is None:
            clusters.append([f])
            cluster_tokens.append(set(toks))
            cluster_dates.append([])
            cluster_loose.append(loose)
            target = len(clusters) - 1
        else:
            clusters[target].append(f)
            cluster_tokens[target] |= toks
        if iv is not None:
            cluster_dates[target].append(iv)
    ranks = cfg["agreement_status_rank"]
    out = []
    for facts in clusters:
        status = max((f.status for f in facts), key=lambda s: ranks.get(s or "", 0))
        titles = [f.data.get("title") for f in facts if f.data.get("title")]
        done = [f for f in facts if f.status in cfg["agreement_done"] and f.date]
        dates = sorted(f.date for f in (done or facts) if f.date)
        deadline = next((f.data.get("deadline") for f in facts if f.data.get("deadline")), None)
        data = {"kind": facts[0].kind, "title": max(titles, key=len) if titles else None, "status": status,
                "statuses": [f.status for f in facts], "date": dates[0] if dates else None,
                "deadline": deadline["start"] if deadline else None,
                "areas": _union(f.data.get("areas") or [] for f in facts),
                "count": max((f.data.get("count") or 0 for f in facts), default=0) or None}
        key = f"{data['kind']}|{' '.join(sorted(tokens(data['title'])))}|{data['date'] or ''}"
        out.append(Merged("agreement", key, data, [f.id for f in facts], status=status, date=data["date"]))
    return out


def _commit_tokens(text: str | None) -> set[str]:
    return _tokens(text, _commitment_stopwords())


def merge_commitments(commitments: list[F], agreements: list[F], levels: list[F]) -> list[Merged]:
    cfg = settings()
    clusters: list[list[F]] = []
    for f in sorted(commitments, key=lambda f: (_pub(f), f.id)):
        toks = _commit_tokens(f.data.get("text"))
        target = next((c for c in clusters if jaccard(toks, _commit_tokens(c[0].data.get("text")))
                       >= cfg["commitment_similarity"]), None)
        if target is None:
            clusters.append([f])
        else:
            target.append(f)
    out = []
    for facts in clusters:
        deadlines = sorted((f.data.get("deadline") for f in facts if f.data.get("deadline")),
                           key=lambda d: d["start"])
        first_pub = min((f.published for f in facts if f.published), default=None)
        text = max((f.data.get("text") or "" for f in facts), key=len)
        fulfilled_by, fulfilled_ids = _fulfilment(text, first_pub, agreements, levels)
        deadline = deadlines[0] if deadlines else None
        iv = interval(deadline["start"], deadline.get("end")) if deadline else None
        data = {"text": text, "deadline": deadline["start"] if deadline else None,
                "deadline_end": iv[1].isoformat() if iv else None,
                "areas": _union(f.data.get("areas") or [] for f in facts), "fulfilled_by": fulfilled_by,
                "fulfilled_fact_ids": fulfilled_ids}
        key = " ".join(sorted(_commit_tokens(text)))
        out.append(Merged("commitment", key, data, [f.id for f in facts],
                          status="fulfilled" if fulfilled_by else None, date=data["deadline"]))
    return out


def _fulfilment(text: str, since: str | None, agreements: list[F], levels: list[F]) -> tuple[str | None, list[int]]:
    """A report, published after the commitment was first made, that the committed thing happened."""
    cfg = settings()
    want = _commit_tokens(text)
    if not want:
        return None, []
    later = lambda f: since is not None and f.published is not None and f.published > since  # noqa: E731
    for f in agreements:
        if f.status in cfg["agreement_done"] and later(f):
            have = tokens(f"{f.data.get('title') or ''} {cfg['agreement_kind_words'].get(f.kind or '', '')}")
            if have and len(want & have) / len(want) >= cfg["fulfilment_overlap"]:
                return f"agreement: {f.data.get('title') or f.kind} ({f.status}, {f.published})", [f.id]
    for f in levels:
        if f.status in ("occurred", "agreed") and later(f):
            have = tokens((f.kind or "").replace("_", " "))
            if have and have <= tokens(text):
                return f"level: {f.kind} ({f.published})", [f.id]
    return None, []


# --------------------------------------------------------------------------- figures, people


def merge_figures(figures: list[F]) -> list[Merged]:
    tol = settings()["figure_tolerance"]
    groups: dict[tuple, list[F]] = defaultdict(list)
    for f in figures:
        groups[(f.kind, f.data.get("period"), f.data.get("unit"))].append(f)
    out = []
    for (metric, period, unit), facts in groups.items():
        clusters = _cluster_values(sorted(facts, key=lambda f: (_pub(f), f.id)), tol)
        conflict = len(clusters) > 1
        for facts_ in clusters:
            data = {"metric": metric, "value": facts_[0].data.get("value"), "unit": unit, "period": period,
                    "stated": _union(f.data.get("stated") or [] for f in facts_),
                    "warnings": _union(f.data.get("warnings") or [] for f in facts_)}
            out.append(Merged("figure", f"{metric}|{period or ''}|{unit}", data, [f.id for f in facts_],
                              date=period[:10] if period else None, conflict=conflict))
    return out


def _cluster_values(facts: list[F], tol: float) -> list[list[F]]:
    """Facts grouped by value, in order: each joins the first cluster (in creation order) whose first value
    is within ``tol`` (relative) of its own, else starts a cluster.

    The clusters' first values are kept sorted, so only those that can be close enough are tested: from
    ``|c - v| <= tol * max(|c|, |v|)`` follows ``|c - v| <= tol * |v| / (1 - tol)`` (``tol < 1``)."""
    clusters: list[list[F]] = []
    firsts: list[tuple[float, int]] = []  # (first value, cluster index), sorted
    for f in facts:
        v = float(f.data.get("value") or 0)
        reach = (tol * max(abs(v), 1e-9) / (1 - tol) * (1 + 1e-9)) if tol < 1 else float("inf")  # (+ rounding slack)
        lo = bisect_left(firsts, (v - reach, -1))
        hi = bisect_right(firsts, (v + reach, len(clusters)))
        near = [i for c, i in firsts[lo:hi] if abs(c - v) <= tol * max(abs(v), abs(c), 1e-9)]
        if near:
            clusters[min(near)].append(f)
        else:
            insort(firsts, (v, len(clusters)))
            clusters.append([f])
    return clusters


def merge_people(persons: list[F]) -> list[Merged]:
    by_key: dict[tuple[str, str], list[F]] = defaultdict(list)
    for f in persons:
        by_key[(f.data.get("name", "").lower(), f.data.get("country") or "")].append(f)
    for (name, country) in [k for k in by_key if not k[1]]:
        others = [k for k in by_key if k[0] == name and k[1]]
        if len(others) == 1:
            by_key[others[0]].extend(by_key.pop((name, country)))
    out = []
    for (_, country), facts in by_key.items():
        name = _most_common(f.data.get("name") for f in facts)
        surface = _union(f.data.get("surface") or [] for f in facts)
        data = {"name": name, "country": country or None,
                "aliases": sorted({s for s in surface if s != name}),
                "titles": _union(f.data.get("titles") or [] for f in facts),
                "honorifics": _union(f.data.get("honorifics") or [] for f in facts),
                "document_count": len({f.doc_id for f in facts})}
        out.append(Merged("person", f"{name}|{country}", data, [f.id for f in facts]))
    return out


def merge_pair(facts: list[F]) -> list[Merged]:
    by_type: dict[str, list[F]] = defaultdict(list)
    for f in facts:
        by_type[f.type].append(f)
    return (merge_events(by_type["event"]) + merge_levels(by_type["level"]) + merge_areas(by_type["area"])
            + merge_agreements(by_type["agreement"])
            + merge_commitments(by_type["commitment"], by_type["agreement"], by_type["level"])
            + merge_figures(by_type["figure"]))


# --------------------------------------------------------------------------- refresh


_FACT_COLUMNS = (FactRow.id, FactRow.doc_id, FactRow.type, FactRow.kind, FactRow.status, FactRow.date, FactRow.data)


def _with_documents(conn, rows: list, refs: dict | None = None) -> list[F]:
    """:class:`F` of fact rows (``_FACT_COLUMNS``), with their documents' date and name read once per document
    (not joined per fact: a document row is large, and a pair's facts come from far fewer documents).

    With ``refs``, it also receives doc id -> :class:`~entente.record.SourceRef` (sources as profiles show
    them) of those documents."""
    docs: dict[str, tuple[str | None, str | None]] = {}
    ids = sorted({row[1] for row in rows})
    columns = "id, published, name" if refs is None else "id, published, name, title, outlet, url"
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for row in _driver_rows(conn, f"SELECT {columns} FROM documents WHERE id IN ({_marks(conn, len(chunk))})",
                                chunk):
            docs[row[0]] = (row[1], row[2])
            if refs is not None:
                refs[row[0]] = _source_ref(*row)
    out = []
    for fid, doc_id, type_, kind, status, date, data in rows:
        if doc_id in docs:  # (a fact always has its document: the foreign key)
            published, name = docs[doc_id]
            out.append(F(fid, doc_id, published, type_, kind, status, date, data, name))
    return out


def _marks(conn, n: int) -> str:
    """``n`` parameter marks of the driver, comma-separated (statements run through :func:`_driver_rows`: the
    documents and spans of the facts just merged are read without SQLAlchemy compiling an expanding ``IN``)."""
    return ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * n)


def _of_pairs(conn, pairs: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """SQL selecting the rows of ``pairs`` (``(pair_a = ? AND pair_b = ?) OR ...``, which both backends answer
    with an index lookup per pair; SQLite scans the whole index for a row-value ``IN``), and its parameters.
    Written for the driver: SQLAlchemy would build and compile an expression of ``2 * len(pairs)`` terms."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return (" OR ".join([f"(pair_a = {mark} AND pair_b = {mark})"] * len(pairs)),
            [code for pair in pairs for code in pair])


def _driver_rows(conn, statement: str, params: list) -> list[tuple]:
    """Run ``statement`` through the driver in the connection's transaction; its rows (if any)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []
    finally:
        cursor.close()


def _pairs_facts(conn, pairs: list[tuple[str, str]]) -> list[tuple]:
    """All the facts of ``pairs`` (``pair_a``, ``pair_b``, then ``_FACT_COLUMNS``), their relations too (they
    count a pair's documents), by pair, type and id."""
    where, params = _of_pairs(conn, pairs)
    rows = _driver_rows(conn, "SELECT pair_a, pair_b, id, doc_id, type, kind, status, date, data FROM facts "
                        f"WHERE {where} ORDER BY pair_a, pair_b, type, id", params)
    # (SQLite gives the JSON text, psycopg the parsed value)
    return [row if not isinstance(row[8], str) else (*row[:8], jsontext.loads(row[8])) for row in rows]


def _drop_pairs(conn, pairs: list[tuple[str, str]]) -> None:
    """Delete the merged rows, their links and the profiles of ``pairs``."""
    where, params = _of_pairs(conn, pairs)
    _driver_rows(conn, f"DELETE FROM merged_sources WHERE merged_id IN (SELECT id FROM merged WHERE {where})", params)
    _driver_rows(conn, f"DELETE FROM merged WHERE {where}", params)
    _driver_rows(conn, f"DELETE FROM pair_profiles WHERE {where}", params)


def _source_ref(doc_id: str, published: str | None, name: str, title: str | None, outlet: str | None,
                url: str | None) -> SourceRef:
    """A document as a profile's source (its spans added per item)."""
    return SourceRef.model_construct(doc_id=doc_id, name=name, title=title, outlet=outlet, url=url,
                                     published=published, spans=[])


def recency(published: str | None, name: str | None) -> tuple[str, str]:
    """How sources are ordered, oldest first (an undated report counts as the newest)."""
    return (published or "9999", name or "")


def source_summary(fact_ids: Iterable[int], facts: dict[int, F]) -> dict:
    """``source_count`` (distinct documents) and ``recent_fact_ids`` (the facts of the
    :data:`RECENT_SOURCES` most recent of them) of one merged item."""
    per_doc: dict[str, list[int]] = defaultdict(list)
    order: dict[str, tuple[str, str]] = {}
    for fid in sorted(set(fact_ids)):
        f = facts[fid]
        per_doc[f.doc_id].append(fid)
        order[f.doc_id] = recency(f.published, f.name)
    recent = sorted(per_doc, key=lambda d: (order[d], d), reverse=True)[:RECENT_SOURCES]
    return {"source_count": len(per_doc), "recent_fact_ids": sorted(fid for d in recent for fid in per_doc[d])}


def refresh_scope(session: Session, scope: str) -> None:
    if scope == PEOPLE_SCOPE:
        _refresh_people(session)
    else:
        _refresh_pairs(session, [_pair_of(scope)])


def _pair_of(scope: str) -> tuple[str, str]:
    a, b = scope.removeprefix("pair:").split("-")
    return a, b


PAIR_CHUNK = 100  # pairs refreshed with one set of statements, at most
FACT_CHUNK = 20_000  # facts held at once by a refresh, at most (but a pair's own facts are always merged at once)


def _fact_counts(conn, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """How many facts each of ``pairs`` has (an index lookup per pair)."""
    out: dict[tuple[str, str], int] = {}
    for i in range(0, len(pairs), PAIR_CHUNK):
        where, params = _of_pairs(conn, pairs[i : i + PAIR_CHUNK])
        for a, b, n in _driver_rows(conn, f"SELECT pair_a, pair_b, COUNT(*) FROM facts WHERE {where} "
                                    "GROUP BY pair_a, pair_b", params):
            out[(a, b)] = n
    return out


def pair_chunks(pairs: list[tuple[str, str]], counts: dict[tuple[str, str], int],
                max_pairs: int = PAIR_CHUNK, max_facts: int = FACT_CHUNK) -> list[list[tuple[str, str]]]:
    """``pairs`` in order, cut into runs of at most ``max_pairs`` pairs and ``max_facts`` facts (a pair with more
    facts than that alone): a refresh holds one run's facts, however large the KB's pairs grow."""
    chunks: list[list[tuple[str, str]]] = []
    run: list[tuple[str, str]] = []
    held = 0
    for pair in pairs:
        n = counts.get(pair, 0)
        if run and (len(run) >= max_pairs or held + n > max_facts):
            chunks.append(run)
            run, held = [], 0
        run.append(pair)
        held += n
    if run:
        chunks.append(run)
    return chunks


@dataclass
class PairsMerged:
    """The merged view of some pairs, computed from their facts but not written yet: per merged item its pair,
    the item and its :func:`source_summary`; per pair its number of documents; the facts and their documents
    (as profiles show them) by id."""

    merged: list[tuple[tuple[str, str], Merged, dict]]
    ndocs: dict[tuple[str, str], int]
    facts: dict[int, F]
    refs: dict


def merge_pairs(conn, pairs: list[tuple[str, str]]) -> PairsMerged:
    """Read the facts and documents of ``pairs`` (a few statements for all of them) and merge them, pair by pair
    in the order of ``pairs`` (the order their rows' ids follow)."""
    per_pair: dict[tuple[str, str], list] = {pair: [] for pair in pairs}
    ndocs: dict[tuple[str, str], set[str]] = {pair: set() for pair in pairs}
    for a, b, *cols in _pairs_facts(conn, pairs):
        if cols[2] == "relation":
            ndocs[(a, b)].add(cols[1])
        else:
            per_pair[(a, b)].append(cols)
    refs: dict = {}
    facts = _with_documents(conn, [cols for rows in per_pair.values() for cols in rows], refs)
    by_id = {f.id: f for f in facts}
    merged: list[tuple[tuple[str, str], Merged, dict]] = []
    for pair, rows in per_pair.items():
        pair_facts = [by_id[cols[0]] for cols in rows if cols[0] in by_id]
        merged.extend((pair, m, source_summary(m.fact_ids, by_id)) for m in merge_pair(pair_facts))
    return PairsMerged(merged, {pair: len(docs) for pair, docs in ndocs.items()}, by_id, refs)


@dataclass
class PairRows:
    """What a refresh of some pairs inserts: ``merged`` rows (JSON serialised), their ``links`` to their facts
    (``merged_sources``) and the pairs' ``profiles``; ``last_id``: the largest merged id (0: none)."""

    merged: list[tuple]
    links: list[tuple]
    profiles: list[tuple]
    last_id: int = 0


def pair_rows(conn, pairs: list[tuple[str, str]], first_id: Callable[[int], int]) -> PairRows:
    """The rows of the merged view of ``pairs``, computed from the stored facts without writing anything.
    ``first_id(n)``: the first of ``n`` consecutive fresh merged ids (called once, between merging and reading
    the spans the profiles show)."""
    computed = merge_pairs(conn, pairs)
    first = first_id(len(computed.merged))
    if not computed.merged:
        return PairRows([], [], [])
    items = [(m, summary) for _, m, summary in computed.merged]
    ids = range(first, first + len(items))
    rows = _merged_rows(ids, items, [pair for pair, _, _ in computed.merged])
    merged, links = _serialised(rows, items)
    return PairRows(merged, links, profile_rows(conn, rows, computed.ndocs, computed.facts, computed.refs), ids[-1])


def write_pair_rows(conn, rows: PairRows) -> None:
    """Insert what :func:`pair_rows` computed (in the caller's transaction, the pairs' old rows dropped), or
    merged people and their links (no profiles)."""
    insert_rows_at_once(conn, "merged", _MERGED_COLUMNS, rows.merged)
    insert_rows_at_once(conn, "merged_sources", ("merged_id", "fact_id"), rows.links)
    insert_rows(conn, "pair_profiles", PROFILE_COLUMNS, rows.profiles)


def _refresh_pairs(session: Session, pairs: list[tuple[str, str]]) -> None:
    """Recompute the merged rows and stored profiles of ``pairs``, a few statements for all of them: their
    facts and documents are read at once, their old rows dropped at once, and their new rows (ids in the
    order of ``pairs``, as one pair at a time would give) written at once."""
    conn = session.connection()

    def first_id(n: int) -> int:
        _drop_pairs(conn, pairs)
        return reserve_ids(session, MergedRow.__table__, n)[0] if n else 0

    write_pair_rows(conn, pair_rows(conn, pairs, first_id))


class _Written:
    """A merged row as written (what the profile reads of a row), without reading it back."""

    __slots__ = ("id", "type", "pair_a", "pair_b", "key", "status", "date", "conflict", "data", "source_count",
                 "recent_fact_ids")

    def __init__(self, row: tuple):
        for name, value in zip(self.__slots__, row, strict=True):
            setattr(self, name, value)


_MERGED_COLUMNS = _Written.__slots__
PROFILE_COLUMNS = ("pair_a", "pair_b", "max_sources", "body")


def _merged_rows(ids: Iterable[int], items: list[tuple[Merged, dict]],
                 pairs: list[tuple[str, str]] | list[tuple[None, None]]) -> list[tuple]:
    """Values of :data:`_MERGED_COLUMNS` of merged items (each with its :func:`source_summary` and pair)."""
    return [(mid, m.type, pair[0], pair[1], m.key[:2000], m.status, m.date, m.conflict, m.data,
             summary["source_count"], summary["recent_fact_ids"])
            for mid, (m, summary), pair in zip(ids, items, pairs, strict=True)]


def _serialised(rows: list[tuple], items: list[tuple[Merged, dict]]) -> tuple[list[tuple], list[tuple]]:
    """The merged ``rows`` as inserted (JSON columns serialised as the engine's JSON columns store them: see
    db.make_engine) and the links of each to its facts."""
    dumps = jsontext.dumps
    merged = [(*row[:8], dumps(row[8]), row[9], dumps(row[10])) for row in rows]
    links = [(row[0], fid) for row, (m, _) in zip(rows, items, strict=True) for fid in sorted(set(m.fact_ids))]
    return merged, links


def _write_merged(session: Session, items: list[tuple[Merged, dict]],
                  pairs: list[tuple[str | None, str | None]], conn=None) -> list[tuple]:
    """Insert merged items (each with its :func:`source_summary` and pair) and their links to their facts;
    return the rows inserted (values of :data:`_MERGED_COLUMNS`), in id order."""
    conn = conn if conn is not None else session.connection()
    ids = reserve_ids(session, MergedRow.__table__, len(items))  # (the merge lock is held: SQLite's write lock)
    rows = _merged_rows(ids, items, pairs)
    write_pair_rows(conn, PairRows(*_serialised(rows, items), profiles=[]))
    return rows


PEOPLE_FLUSH = 2000  # merged people written at a time


def _refresh_people(session: Session) -> None:
    """Recompute the merged people, one name at a time: the person facts are read in the order of their
    (lower-cased) name, and each name's facts are merged and dropped before the next are read, so memory
    holds one name's facts, not every person of the KB (people merge only within a name)."""
    conn = session.connection()
    old = select(MergedRow.id).where(MergedRow.type == "person")
    conn.execute(delete(MergedSourceRow.__table__).where(MergedSourceRow.merged_id.in_(old)))
    conn.execute(delete(MergedRow.__table__).where(MergedRow.type == "person"))
    name = func.lower(FactRow.data["name"].as_string())
    # read apart from the writes (a second connection would not see this transaction's facts; a fetched
    # list of ids would grow with the KB): the rows stream in chunks, the merged people are written between
    rows = conn.execute(
        select(name, *_FACT_COLUMNS).where(FactRow.type == "person").order_by(name, FactRow.id)
        .execution_options(stream_results=True, yield_per=1000))  # (per statement: not the connection's)
    out: list[tuple[Merged, dict]] = []
    group: list = []
    current: object = None

    def merge_group() -> None:
        facts = _with_documents(conn, group)
        by_id = {f.id: f for f in facts}
        out.extend((m, source_summary(m.fact_ids, by_id)) for m in merge_people(facts))
        group.clear()
        if len(out) >= PEOPLE_FLUSH:
            _write_merged(session, out, [(None, None)] * len(out), conn)
            out.clear()

    for key, *cols in rows:
        if key != current and group:
            merge_group()
        current = key
        group.append(cols)
    if group:
        merge_group()
    if out:
        _write_merged(session, out, [(None, None)] * len(out), conn)


def profile_rows(conn, rows: list[tuple], ndocs: dict[tuple[str, str], int], facts: dict[int, F],
                 refs: dict) -> list[tuple]:
    """The profiles (what ``show`` returns with the default number of sources; values of
    :data:`PROFILE_COLUMNS`) of the pairs of the merged ``rows``, from those rows: only the spans of the facts
    the profiles show are read."""
    from .read import conflict_fact_ids, profile_body

    per_pair: dict[tuple[str, str], list[_Written]] = defaultdict(list)
    for row in rows:
        per_pair[(row[2], row[3])].append(_Written(row))
    wanted: set[int] = set()
    for merged in per_pair.values():
        wanted |= {fid for m in merged for fid in m.recent_fact_ids} | conflict_fact_ids(merged)
    spans: dict[int, tuple[str, dict[tuple[int, int], str]]] = {
        fid: (facts[fid].doc_id, {}) for fid in sorted(wanted) if fid in facts}
    ids = list(spans)
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        for fid, start, end, text in _driver_rows(
                conn, f'SELECT fact_id, start, "end", text FROM spans WHERE fact_id IN ({_marks(conn, len(chunk))})',
                chunk):
            spans[fid][1][(start, end)] = text
    return [(a, b, RECENT_SOURCES, profile_body(a, b, merged, ndocs[(a, b)], spans, refs))
            for (a, b), merged in per_pair.items()]


ChunkRunner = Callable[[list[list[tuple[str, str]]], int], Iterator[PairRows]]
"""Computes the :class:`PairRows` of chunks of pairs elsewhere (e.g. in worker processes with connections of
their own: they see the committed facts only), each with :func:`pair_rows`, the merged ids consecutive from the
given first one in chunk order (as one chunk after the other would draw them); yields them in chunk order."""


RUNNER_CHUNKS = 16  # chunks a runner gets, at least (if they hold RUNNER_MIN_PAIRS pairs)
RUNNER_MIN_PAIRS = 8
RUNNER_FACT_CHUNK = FACT_CHUNK // 4  # facts a runner's chunk holds, at most: several are held at once


def refresh_merged(session: Session, runner: ChunkRunner | None = None) -> int:
    """Recompute the merged view of every dirty scope (in the caller's transaction); return how many.

    Takes the KB's merge lock first (held to the end of the transaction), so concurrent writers merge
    one after the other, each reading the dirty scopes and facts the previous one committed.  The garbage
    collector is paused meanwhile (see :func:`entente.gcpause.collector_paused`).

    ``runner``: computes the pairs' rows elsewhere while this writes them (the end of an ingest: every fact
    committed); people are merged here."""
    with collector_paused():
        return _refresh_merged(session, runner)


def _refresh_merged(session: Session, runner: ChunkRunner | None) -> int:
    lock_for_merge(session)
    # Claim the marks before reading any fact: a writer committing facts after this statement marks its
    # scope again (its insert waits for this transaction), so no mark is lost between read and delete.
    scopes = sorted(session.scalars(delete(DirtyRow).returning(DirtyRow.scope)))
    pairs = [_pair_of(scope) for scope in scopes if scope != PEOPLE_SCOPE]
    counts = _fact_counts(session.connection(), pairs)
    if runner is not None and len(pairs) >= 2 * RUNNER_MIN_PAIRS:
        # smaller chunks than one process takes, so that the processes running them finish close together
        size = min(PAIR_CHUNK, max(RUNNER_MIN_PAIRS, -(-len(pairs) // RUNNER_CHUNKS)))
        _refresh_chunks(session, pair_chunks(pairs, counts, max_pairs=size, max_facts=RUNNER_FACT_CHUNK), runner)
    else:
        for chunk in pair_chunks(pairs, counts):
            _refresh_pairs(session, chunk)
    if PEOPLE_SCOPE in scopes:
        _refresh_people(session)
    return len(scopes)


def _refresh_chunks(session: Session, chunks: list[list[tuple[str, str]]], runner: ChunkRunner) -> None:
    """:func:`_refresh_pairs` of every chunk, the rows computed by ``runner`` and written here as they come."""
    conn = session.connection()
    for chunk in chunks:
        _drop_pairs(conn, chunk)
    first = reserve_ids(session, MergedRow.__table__, 1)[0]
    last = 0
    for rows in runner(chunks, first):
        write_pair_rows(conn, rows)
        last = max(last, rows.last_id)
    if last:
        ids_used_to(session, MergedRow.__table__, last)


def ensure_fresh(session: Session) -> None:
    """Refresh and commit when an interrupted ingest left scopes dirty (cheap when none are)."""
    if session.scalar(select(DirtyRow.scope).limit(1)) is not None:
        refresh_merged(session)
        session.commit()
