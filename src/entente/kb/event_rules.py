"""The merge rule of events: reports of one event (same pair, compatible kind, dates within a window) are one
event with all its sources; planned/expected then held -> ``occurred`` and ``promoted``; two day-precise
dates reported for one held event -> a conflict.  Pure functions over :class:`~entente.kb.rule_facts.F`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..record import AHEAD_STATUSES, HELD_STATUSES
from .names import distinct_names
from .rule_facts import (
    Cluster,
    F,
    Merged,
    date_bound,
    day_gap,
    interval,
    most_common_value,
    published_key,
    settings,
    sources_disagree,
    union_of,
)

HELD = HELD_STATUSES  # statuses of an event that took place (entente.record)
AHEAD = AHEAD_STATUSES  # statuses of an event announced before it took place


def merge_events(events: list[F]) -> list[Merged]:
    """Reports of held events cluster by group and date; the reports of events not (yet) held cluster apart,
    and a cluster of them joins the held event it announced only when that one agrees with it (same kind,
    participants, place and date: :func:`_confirms`), which then counts as ``promoted``.  Otherwise it stays
    an event of its own: a planned summit is not promoted by a video call."""
    window = settings().event_window_days
    held = _cluster_events([f for f in events if f.status in HELD], window)
    out = list(held)
    for group, c in _cluster_events([f for f in events if f.status not in HELD], window):
        host = next((h for g, h in held if g == group and _confirms(h, c, window)), None)
        if host is None:
            out.append((group, c))
        else:
            host.facts.extend(c.facts)
    return [_event_item(group, c) for group, c in out]


def _cluster_events(events: list[F], window: int) -> list[tuple[str, Cluster]]:
    groups = settings().event_kind_groups
    clusters: list[tuple[str, Cluster]] = []
    for f in sorted(events, key=lambda f: (f.date is None, published_key(f), f.date or "", f.id)):
        group = groups.get(f.kind or "other", "other")
        date = f.data.get("date") or {}
        iv = interval(date.get("start"), date.get("end"))
        if iv is None and f.status in HELD and f.published:
            # an undated event reported as held happened shortly before the report
            pub = interval(f.published)
            iv = (pub[0] - dt.timedelta(days=window), pub[1]) if pub else None
        target = None
        if iv is not None and date.get("precision") != "year":
            for g, c in clusters:
                if g != group or c.lo is None or day_gap(iv, (c.lo, c.hi)) > window:
                    continue
                if (c.hi - c.lo).days > 366:
                    continue
                # two events of one document dated differently are two events (an undated mention of the
                # document's dated event is that event)
                if any(o.doc_id == f.doc_id and o.date and f.date and o.date != f.date for o in c.facts):
                    continue
                target = c
                break
        elif iv is not None:  # a year-precise date joins only the same vague report
            for g, c in clusters:
                if g == group and c.lo == iv[0] and c.hi == iv[1]:
                    target = c
                    break
        if target is None:
            target = Cluster()
            clusters.append((group, target))
        target.facts.append(f)
        if iv is not None:
            target.lo = min(target.lo, iv[0]) if target.lo else iv[0]
            target.hi = max(target.hi, iv[1]) if target.hi else iv[1]
    return clusters


def _places(facts: list[F]) -> tuple[set[str], set[str]]:
    """The place names (lower-cased) and place countries the facts report."""
    places = [f.data.get("place") or {} for f in facts]
    return (
        {p["name"].lower() for p in places if p.get("name")},
        {p["country"] for p in places if p.get("country")},
    )


def _confirms(held: Cluster, ahead: Cluster, window: int) -> bool:
    """Whether the held event ``held`` is the event the reports ``ahead`` announced: each announced kind is a
    held kind, both or neither are calls; the participants, when both name some, share one; the places, when both give one, share a
    country (else a name); and the dates agree (within ``window`` days), or, for an undated announcement, a
    report of the held event comes from the same document."""
    if not {f.kind for f in ahead.facts} <= {f.kind for f in held.facts}:
        return False
    if any(f.data.get("remote") for f in ahead.facts) != any(f.data.get("remote") for f in held.facts):
        return False  # a call and a meeting in person are different events (kb.event_mode)
    said = {n.lower() for f in ahead.facts for n in f.data.get("participant_names") or []}
    seen = {n.lower() for f in held.facts for n in f.data.get("participant_names") or []}
    if said and seen and not said & seen:
        return False
    (names_a, countries_a), (names_h, countries_h) = _places(ahead.facts), _places(held.facts)
    if countries_a and countries_h:
        if not countries_a & countries_h:
            return False
    elif names_a and names_h and not names_a & names_h:
        return False
    if ahead.lo is not None:
        return held.lo is not None and day_gap((ahead.lo, ahead.hi), (held.lo, held.hi)) <= window
    return bool({f.doc_id for f in ahead.facts} & {f.doc_id for f in held.facts})


def _event_item(group: str, c: Cluster) -> Merged:
    facts = sorted(c.facts, key=lambda f: (published_key(f), f.id))
    done = [f for f in facts if f.status in HELD]
    status = "occurred" if done else facts[-1].status
    dates = [f.data.get("date") for f in done if f.data.get("date")] or [
        f.data.get("date") for f in facts if f.data.get("date")
    ]
    day_dates = [d for d in dates if d.get("precision") == "day"]
    # the date most reports give, preferring day precision
    best = None
    if day_dates:
        common = most_common_value(d["start"] for d in day_dates)
        best = next(d for d in day_dates if d["start"] == common)
    elif dates:
        best = min(
            dates,
            key=lambda d: (
                (interval(d["start"], d.get("end")) or (dt.date.min, dt.date.max))[1]
                - (interval(d["start"], d.get("end")) or (dt.date.min, dt.date.min))[0]
            ),
        )
    # conflict: held-event reports with day dates that no reported range reconciles
    values: dict[str, list[int]] = defaultdict(list)
    for f in done:
        d = f.data.get("date") or {}
        if d.get("precision") == "day":
            values[d["start"]].append(f.id)
    ranges = [interval(d["start"], d.get("end")) for d in day_dates if d.get("end")]
    distinct = set(values)
    if len(distinct) > 1 and ranges:
        distinct = {v for v in distinct if not any(r and r[0] <= date_bound(v, True) <= r[1] for r in ranges)}
        distinct = distinct if len(distinct) > 1 else set()
    doc_of = {f.id: f.doc_id for f in facts}
    conflict = len(distinct) > 1 and sources_disagree({v: values[v] for v in distinct}, doc_of)
    places = [(f.data.get("place") or {}) for f in facts]
    place = most_common_value(p.get("name") for p in places)
    place_country = next((p.get("country") for p in places if p.get("name") == place), None)
    data = {
        "kind": most_common_value(f.kind for f in facts) or facts[0].kind,
        "kinds": union_of([[f.kind] for f in facts]),
        "status": status,
        "statuses": [f.status for f in facts],
        "promoted": bool(done) and any(f.status in AHEAD for f in facts),
        "date": best["start"] if best else None,
        "date_end": best.get("end") if best else None,
        "precision": best.get("precision") if best else None,
        "place": place,
        "place_country": place_country,
        "participants": distinct_names(union_of(f.data.get("participant_names") or [] for f in facts)),
        "conflict_values": [{"value": v, "fact_ids": ids} for v, ids in sorted(values.items())]
        if conflict
        else [],
    }
    return Merged(
        "event",
        f"{group}|{data['date'] or ''}",
        data,
        [f.id for f in facts],
        status=status,
        date=data["date"],
        conflict=conflict,
    )
