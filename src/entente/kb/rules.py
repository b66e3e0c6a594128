"""The merge rules: pure functions (no SQL) over :class:`F` (a stored fact with its document's
publication date) that produce :class:`Merged` items (both in :mod:`entente.kb.rule_facts`, with the shared
helpers; the events' rule in :mod:`entente.kb.event_rules`).  :mod:`entente.kb.refresh` reads the facts of the
scopes marked dirty, runs these and writes the results.  The rules (see ``data/kb_merge.json``):

- people: same name key (honorifics and bin/binti/al- aside: :mod:`entente.kb.names`) and country (a person without a country joins the
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

import datetime as dt
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..record import AGREEMENT_STATUS_RANK, HELD_STATUSES
from .event_rules import merge_events
from .names import name_key
from .rule_facts import (
    RECENT_SOURCES,
    F,
    Merged,
    commitment_stopwords,
    day_gap,
    interval,
    jaccard,
    published_key,
    settings,
    sources_disagree,
    status_rank,
    tokens,
    union_of,
    words_without,
)

# --------------------------------------------------------------------------- levels, areas


def merge_levels(levels: list[F]) -> list[Merged]:
    by_level: dict[str, list[F]] = defaultdict(list)
    for f in levels:
        by_level[f.kind or ""].append(f)
    steps = []
    for level, facts in by_level.items():
        facts.sort(key=lambda f: (published_key(f), f.id))
        status = max((f.status for f in facts), key=status_rank)
        strongest = [f for f in facts if status_rank(f.status) == status_rank(status)]
        dated = sorted(f.date for f in strongest if f.date)
        date, basis = (
            (dated[0], "text")
            if dated
            else (min((f.published for f in strongest if f.published), default=None), "published")
        )
        data = {
            "level": level,
            "previous": next((f.data.get("previous") for f in facts if f.data.get("previous")), None),
            "status": status,
            "date": date,
            "date_basis": basis if date else None,
            "current": False,
        }
        steps.append(Merged("level", level, data, [f.id for f in facts], status=status, date=date))
    done = [s for s in steps if s.status in HELD_STATUSES]
    if done:
        max(done, key=lambda s: (s.date or "", status_rank(s.status))).data["current"] = True
    return sorted(steps, key=lambda s: (s.date or "9999", s.key))


def merge_areas(areas: list[F]) -> list[Merged]:
    by_area: dict[str, list[F]] = defaultdict(list)
    for f in areas:
        by_area[f.kind or ""].append(f)
    out = []
    for area, facts in by_area.items():
        status = max((f.status for f in facts), key=status_rank)
        published = sorted(f.published for f in facts if f.published)
        data = {
            "area": area,
            "status": status,
            "first_seen": published[0] if published else None,
            "last_seen": published[-1] if published else None,
            "source_count": len({f.doc_id for f in facts}),
        }
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
    for f in sorted(agreements, key=lambda f: (published_key(f), f.id)):
        toks = _agreement_tokens(f)
        iv = interval((f.data.get("date") or {}).get("start"))
        loose = _loose_key(f) if not toks and iv is None else None
        target = None
        for i, c in enumerate(clusters):
            if c[0].kind != f.kind:
                continue
            ctoks = cluster_tokens[i]
            if toks and ctoks:
                if jaccard(toks, ctoks) >= cfg.title_similarity:
                    target = i
            elif not toks and not ctoks and iv is not None:
                if any(day_gap(iv, x) <= cfg.event_window_days for x in cluster_dates[i]):
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
    ranks = AGREEMENT_STATUS_RANK
    out = []
    for facts in clusters:
        status = max((f.status for f in facts), key=lambda s: ranks.get(s or "", 0))
        titles = [f.data.get("title") for f in facts if f.data.get("title")]
        done = [f for f in facts if f.status in cfg.agreement_done and f.date]
        dates = sorted(f.date for f in (done or facts) if f.date)
        deadline = next((f.data.get("deadline") for f in facts if f.data.get("deadline")), None)
        data = {
            "kind": facts[0].kind,
            "title": max(titles, key=len) if titles else None,
            "status": status,
            "statuses": [f.status for f in facts],
            "date": dates[0] if dates else None,
            "deadline": deadline["start"] if deadline else None,
            "areas": union_of(f.data.get("areas") or [] for f in facts),
            "count": max((f.data.get("count") or 0 for f in facts), default=0) or None,
        }
        key = f"{data['kind']}|{' '.join(sorted(tokens(data['title'])))}|{data['date'] or ''}"
        out.append(Merged("agreement", key, data, [f.id for f in facts], status=status, date=data["date"]))
    return out


def _commit_tokens(text: str | None) -> set[str]:
    return words_without(text, commitment_stopwords())


def merge_commitments(commitments: list[F], agreements: list[F], levels: list[F]) -> list[Merged]:
    cfg = settings()
    clusters: list[list[F]] = []
    for f in sorted(commitments, key=lambda f: (published_key(f), f.id)):
        toks = _commit_tokens(f.data.get("text"))
        target = next(
            (
                c
                for c in clusters
                if jaccard(toks, _commit_tokens(c[0].data.get("text"))) >= cfg.commitment_similarity
            ),
            None,
        )
        if target is None:
            clusters.append([f])
        else:
            target.append(f)
    out = []
    for facts in clusters:
        deadlines = sorted(
            (f.data.get("deadline") for f in facts if f.data.get("deadline")), key=lambda d: d["start"]
        )
        first_pub = min((f.published for f in facts if f.published), default=None)
        text = max((f.data.get("text") or "" for f in facts), key=len)
        fulfilled_by, fulfilled_ids = _fulfilment(text, first_pub, agreements, levels)
        deadline = deadlines[0] if deadlines else None
        iv = interval(deadline["start"], deadline.get("end")) if deadline else None
        data = {
            "text": text,
            "deadline": deadline["start"] if deadline else None,
            "deadline_end": iv[1].isoformat() if iv else None,
            "areas": union_of(f.data.get("areas") or [] for f in facts),
            "fulfilled_by": fulfilled_by,
            "fulfilled_fact_ids": fulfilled_ids,
        }
        key = " ".join(sorted(_commit_tokens(text)))
        out.append(
            Merged(
                "commitment",
                key,
                data,
                [f.id for f in facts],
                status="fulfilled" if fulfilled_by else None,
                date=data["deadline"],
            )
        )
    return out


def _fulfilment(
    text: str, since: str | None, agreements: list[F], levels: list[F]
) -> tuple[str | None, list[int]]:
    """A report, published after the commitment was first made, that the committed thing happened."""
    cfg = settings()
    want = _commit_tokens(text)
    if not want:
        return None, []
    later = lambda f: since is not None and f.published is not None and f.published > since  # noqa: E731
    for f in agreements:
        if f.status in cfg.agreement_done and later(f):
            have = tokens(f"{f.data.get('title') or ''} {cfg.agreement_kind_words.get(f.kind or '', '')}")
            if have and len(want & have) / len(want) >= cfg.fulfilment_overlap:
                return f"agreement: {f.data.get('title') or f.kind} ({f.status}, {f.published})", [f.id]
    for f in levels:
        if f.status in HELD_STATUSES and later(f):
            have = tokens((f.kind or "").replace("_", " "))
            if have and have <= tokens(text):
                return f"level: {f.kind} ({f.published})", [f.id]
    return None, []


# --------------------------------------------------------------------------- figures, people


FIGURE_KIND = "actual"  # a figure's ``kind`` when the record gives none (targets and pledges say so)


def _figure_thing(f: F) -> tuple:
    """What a figure is a value of: its metric, period, unit and kind (an actual, a target, a pledge), and a
    target's deadline: figures of different things never conflict."""
    kind = f.data.get("kind") or FIGURE_KIND
    deadline = f.data.get("deadline") if kind != FIGURE_KIND else None
    return (f.kind, _hashable(f.data.get("period")), f.data.get("unit"), kind, _hashable(deadline))


def _hashable(value: object) -> object:
    return repr(sorted(value.items())) if isinstance(value, dict) else value


def merge_figures(figures: list[F]) -> list[Merged]:
    """Figures of one thing (:func:`_figure_thing`) cluster by value; values that differ are a conflict only
    when two documents give different ones (:func:`sources_disagree`)."""
    tol = settings().figure_tolerance
    groups: dict[tuple, list[F]] = defaultdict(list)
    for f in figures:
        groups[_figure_thing(f)].append(f)
    out = []
    for (metric, _, unit, kind, _), facts in groups.items():
        period = facts[0].data.get("period")
        clusters = _cluster_values(sorted(facts, key=lambda f: (published_key(f), f.id)), tol)
        doc_of = {f.id: f.doc_id for f in facts}
        conflict = len(clusters) > 1 and sources_disagree(
            {str(i): [f.id for f in c] for i, c in enumerate(clusters)}, doc_of
        )
        for facts_ in clusters:
            data = {
                "metric": metric,
                "value": facts_[0].data.get("value"),
                "unit": unit,
                "period": period,
                "stated": union_of(f.data.get("stated") or [] for f in facts_),
                "warnings": union_of(f.data.get("warnings") or [] for f in facts_),
            }
            key = f"{metric}|{period or ''}|{unit}"
            if kind != FIGURE_KIND:
                data["kind"] = kind
                deadline = facts_[0].data.get("deadline")
                if deadline:
                    data["deadline"] = deadline
                key += f"|{kind}"
            out.append(
                Merged(
                    "figure",
                    key,
                    data,
                    [f.id for f in facts_],
                    # a range period ("2000-04/2025-03", "2015/..") is dated by its start
                    date=period.split("/")[0][:10] if isinstance(period, str) and period else None,
                    conflict=conflict,
                )
            )
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
        reach = (
            (tol * max(abs(v), 1e-9) / (1 - tol) * (1 + 1e-9)) if tol < 1 else float("inf")
        )  # (+ rounding slack)
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
    """People of one :func:`~entente.kb.names.name_key` and country are one person, shown by the name
    most reports write (on a tie the fuller one, particles as written: "Anwar bin Ibrahim")."""
    by_key: dict[tuple[str, str], list[F]] = defaultdict(list)
    for f in persons:
        by_key[(name_key(f.data.get("name")), f.data.get("country") or "")].append(f)
    for name, country in [k for k in by_key if not k[1]]:
        others = [k for k in by_key if k[0] == name and k[1]]
        if len(others) == 1:
            by_key[others[0]].extend(by_key.pop((name, country)))
    out = []
    for (key, country), facts in by_key.items():
        names = Counter(f.data.get("name") for f in facts if f.data.get("name"))
        name = max(names, key=lambda n: (names[n], len(n.split()), n)) if names else None
        surface = union_of([f.data.get("surface") or [] for f in facts] + [list(names)])
        data = {
            "name": name,
            "country": country or None,
            "aliases": sorted({s for s in surface if s != name}),
            "titles": union_of(f.data.get("titles") or [] for f in facts),
            "honorifics": union_of(f.data.get("honorifics") or [] for f in facts),
            "document_count": len({f.doc_id for f in facts}),
        }
        out.append(Merged("person", f"{key}|{country}", data, [f.id for f in facts]))
    return out


def merge_pair(facts: list[F]) -> list[Merged]:
    by_type: dict[str, list[F]] = defaultdict(list)
    for f in facts:
        by_type[f.type].append(f)
    return (
        merge_events(by_type["event"])
        + merge_levels(by_type["level"])
        + merge_areas(by_type["area"])
        + merge_agreements(by_type["agreement"])
        + merge_commitments(by_type["commitment"], by_type["agreement"], by_type["level"])
        + merge_figures(by_type["figure"])
    )


# --------------------------------------------------------------------------- sources


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
    return {
        "source_count": len(per_doc),
        "recent_fact_ids": sorted(fid for d in recent for fid in per_doc[d]),
    }
