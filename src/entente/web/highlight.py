"""The reviewer's view of a document: every evidence span of its record, labelled by fact.

:func:`record_facts` lists the facts of a stored ``entente.record/1`` (people,
organisations and each fact of each relation) with their spans;
:func:`segments` cuts the text at every span boundary so that overlapping spans
can be rendered as flat ``<mark>`` elements, each knowing which facts cover it.
The text itself is never marked up here: templates escape every segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..display import amount
from ..kb.fact_keys import fact_key


@dataclass
class FactMark:
    id: str  # "f3": stable within one page, used by the page script
    tag: str  # short label shown on the text, e.g. "E2"
    group: str  # person | organization | event | level | area | agreement | commitment | figure
    label: str
    pair: str | None
    spans: list[tuple[int, int]]
    key: str | None = None  # a relation fact's review key (``review_key`` of the page's record, else computed)
    provenance: str = "machine"  # machine | accepted | corrected | analyst
    fact: dict = field(default_factory=dict)  # the relation fact itself (its editable fields fill the edit form)


@dataclass
class Segment:
    text: str
    start: int = 0  # offset of the piece in the document text
    facts: list[str] = field(default_factory=list)  # fact ids covering the whole segment
    starts: list[FactMark] = field(default_factory=list)  # facts whose span starts here (labels)


GROUPS: tuple[tuple[str, str, str], ...] = (
    # record key, group name, tag prefix
    ("events", "event", "E"),
    ("levels", "level", "L"),
    ("areas", "area", "A"),
    ("agreements", "agreement", "G"),
    ("commitments", "commitment", "C"),
    ("figures", "figure", "F"),
)


def _date(value: dict | None) -> str:
    return f" {value.get('start')}" if isinstance(value, dict) and value.get("start") else ""


def fact_label(group: str, fact: dict) -> str:
    """One line saying what a fact is, e.g. ``meeting (occurred) 2024-11-25``."""
    if group == "event":
        place = fact.get("place")
        where = f" in {place['name']}" if isinstance(place, dict) and place.get("name") else ""
        return f"{fact.get('kind')} ({fact.get('status')}){_date(fact.get('date'))}{where}"
    if group == "level":
        prev = f" from {fact['previous']}" if fact.get("previous") else ""
        return f"{fact.get('level')} ({fact.get('status')}){prev}{_date(fact.get('date'))}"
    if group == "area":
        return f"{fact.get('area')} ({fact.get('status')})"
    if group == "agreement":
        title = fact.get("title") or fact.get("kind")
        return f"{fact.get('kind')}: {title} ({fact.get('status')})"
    if group == "commitment":
        return f"{fact.get('text')}{' by' + _date(fact.get('deadline')) if fact.get('deadline') else ''}"
    if group == "figure":
        period = f" {fact['period']}" if fact.get("period") else ""
        kind = f" ({fact['kind']})" if fact.get("kind") and fact.get("kind") != "actual" else ""
        value = fact.get("value")
        shown = amount(value, fact.get("unit")) if isinstance(value, int | float) else f"{value} {fact.get('unit')}"
        return f"{fact.get('metric')}{period}{kind}: {shown}"
    return str(fact.get("name") or fact.get("text") or group)


def _spans(items: list | None, text_len: int) -> list[tuple[int, int]]:
    out = []
    for span in items or []:
        start, end = int(span.get("start", 0)), int(span.get("end", 0))
        if 0 <= start < end <= text_len:
            out.append((start, end))
    return out


def record_facts(record: dict, text_len: int) -> list[FactMark]:
    """Every fact of a record that has at least one valid span, in record order."""
    facts: list[FactMark] = []
    counters: dict[str, int] = {}

    def add(group: str, prefix: str, label: str, pair: str | None, spans: list[tuple[int, int]],
            fact: dict | None = None, key: str | None = None) -> None:
        if not spans:
            return
        counters[prefix] = counters.get(prefix, 0) + 1
        mark = FactMark(f"f{len(facts) + 1}", f"{prefix}{counters[prefix]}", group, label, pair, spans, key)
        if fact is not None:
            mark.fact, mark.provenance = fact, fact.get("provenance") or "machine"
        facts.append(mark)

    for person in record.get("people") or []:
        extra = f" ({person['country']})" if person.get("country") else ""
        add("person", "P", f"{person.get('name')}{extra}", None, _spans(person.get("mentions"), text_len))
    for org in record.get("organizations") or []:
        add("organization", "O", str(org.get("name")), None, _spans(org.get("mentions"), text_len))
    for relation in record.get("relations") or []:
        pair = "–".join(relation.get("pair") or [])
        for name, group, prefix in GROUPS:
            for fact in relation.get(name) or []:
                key = fact.get("review_key") or fact_key(group, relation.get("pair") or [], fact)
                add(group, prefix, fact_label(group, fact), pair, _spans(fact.get("evidence"), text_len), fact, key)
    return facts


def segments(text: str, facts: list[FactMark]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece knows the facts covering it."""
    cuts = {0, len(text)}
    for fact in facts:
        for start, end in fact.spans:
            cuts.add(start)
            cuts.add(end)
    bounds = sorted(cuts)
    starts_at: dict[int, list[FactMark]] = {}
    for fact in facts:
        for start, _ in fact.spans:
            bucket = starts_at.setdefault(start, [])
            if fact not in bucket:
                bucket.append(fact)
    # covering facts per piece: sweep over sorted span events
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for fact in facts:
        for start, end in fact.spans:
            opening.setdefault(start, []).append(fact.id)
            closing.setdefault(end, []).append(fact.id)
    active: dict[str, int] = {}
    out: list[Segment] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        for fid in closing.get(lo, []):
            active[fid] -= 1
            if not active[fid]:
                del active[fid]
        for fid in opening.get(lo, []):
            active[fid] = active.get(fid, 0) + 1
        if lo == hi:
            continue
        covering = sorted(active, key=lambda f: int(f[1:]))
        out.append(Segment(text[lo:hi], lo, covering, starts_at.get(lo, []) if covering else []))
    return out
