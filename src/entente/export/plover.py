"""PLOVER-style event JSONL, for users of POLECAT-like event data.

Meetings and visits become CONSULT (mode ``visit``, ``host`` or ``meet``), promises
and plans AGREE, signings SUPPORT; contexts come from our areas (``data/plover.json``).
Each event keeps its entente id, date, both countries, every source and its provenance
(``entente_provenance``: machine-extracted, or accepted, corrected or added by an analyst).

Who acted: the visitor visits (actor) its host (recipient); a meeting held in one of the two
countries is hosted by it; otherwise (meetings elsewhere, signings, plans, agreements,
commitments) the actor is the side its evidence sentences name first, by the country's name,
alias, demonym or code or one of its people (the subject of "Malaysia and Japan signed ...", "Anwar met Ishiba"),
and the pair's order only when they name neither.  Contexts are the areas reported in the
fact's own evidence sentences (and an agreement's or commitment's own areas), not every area of
the pair.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data import load
from ..data.contracts.plover import Contract as PloverMap
from ..gazetteer import countries
from ..kb import queries as q
from ..kb.schema import SentenceRow

Window = tuple[str, int, int]  # (doc_id, start, end) of an evidence sentence


class _Evidence:
    """The evidence sentences of a pair's documents, to read the sentences a fact's spans sit in."""

    def __init__(self, session: Session, doc_ids: set[str]) -> None:
        self.by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        ids = sorted(doc_ids)
        for i in range(0, len(ids), 500):
            for doc_id, start, end, text in session.execute(
                select(SentenceRow.doc_id, SentenceRow.start, SentenceRow.end, SentenceRow.text).where(
                    SentenceRow.doc_id.in_(ids[i : i + 500])
                )
            ):
                self.by_doc[doc_id].append((start, end, text))

    def windows(self, sources: list[q.SourceRef]) -> list[tuple[Window, str]]:
        """The sentence around each span of ``sources`` (the span itself when no stored sentence holds it)."""
        out: dict[Window, str] = {}
        for src in sources:
            for sp in src.spans:
                around = [
                    (s, e, t) for s, e, t in self.by_doc.get(src.doc_id, []) if s <= sp.start and sp.end <= e
                ]
                s, e, t = min(around, key=lambda x: x[1] - x[0]) if around else (sp.start, sp.end, sp.text)
                out.setdefault((src.doc_id, s, e), t)
        return list(out.items())


def _overlaps(windows: list[tuple[Window, str]], sources: list[q.SourceRef]) -> bool:
    return any(
        doc == src.doc_id and sp.start < end and start < sp.end
        for (doc, start, end), _ in windows
        for src in sources
        for sp in src.spans
    )


def _first_named(windows: list[tuple[Window, str]], names: dict[str, list[str]]) -> str | None:
    """The country whose name, code or person appears first in the earliest evidence sentence naming either."""
    for _, text in windows:
        at = {}
        for country, words in names.items():
            hits = [m.start() for w in words for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
            if hits:
                at[country] = min(hits)
        if at:
            return min(at, key=lambda c: at[c])
    return None


def _forms(iso3: str) -> list[str]:
    """Every way the gazetteer writes a country: names, aliases and demonyms ("Indian minister" names India)."""
    info = countries().get(iso3)
    return [*info.names, *info.aliases, *info.demonyms] if info else []


def _contexts(areas: list[str]) -> list[str]:
    mapping = load("plover.json").area_contexts
    return sorted({mapping[a] for a in areas if a in mapping})


def _event(
    event_id: str,
    etype: str,
    mode: str | None,
    actor: str,
    recipient: str,
    date: str | None,
    contexts: list[str],
    text: str,
    sources: list[q.SourceRef],
    status: str,
    entente_type: str,
    provenance: str,
) -> dict:
    return {
        "event_id": event_id,
        "event_date": date,
        "event_type": etype,
        "event_mode": mode,
        "event_text": text,
        "contexts": contexts,
        "actor_country": actor,
        "recipient_country": recipient,
        "entente_type": entente_type,
        "entente_status": status,
        "entente_provenance": provenance,  # machine | accepted | corrected | analyst (an analyst's review)
        "source_docs": [s.doc_id for s in sources],
        "source_names": [s.name for s in sources],
        "source_urls": [s.url for s in sources if s.url],
        "evidence": [sp.text for s in sources for sp in s.spans][:10],
    }


def plover_events(session: Session) -> list[dict]:
    cfg = load("plover.json")
    out: list[dict] = []
    for summary in q.pairs(session):
        prof = q.profile(session, *summary.pair, max_sources=None)  # every source, not the newest few
        out += _pair_events(session, prof, cfg)
    return out


def _pair_events(session: Session, prof: q.PairProfile, cfg: PloverMap) -> list[dict]:
    out: list[dict] = []
    a, b = prof.pair
    names: dict[str, list[str]] = {a: [a, prof.names[0], *_forms(a)], b: [b, prof.names[1], *_forms(b)]}
    for person in prof.people:
        if person.country in names:
            names[person.country] += [person.name, *person.aliases]
    facts = [
        *prof.events,
        *(g for group in prof.agreements.values() for g in group),
        *(c for group in prof.commitments.values() for c in group),
    ]
    evidence = _Evidence(session, {s.doc_id for f in facts for s in f.sources})

    def contexts(sources: list[q.SourceRef], own: list[str] | tuple[str, ...] = ()) -> list[str]:
        windows = evidence.windows(sources)
        return _contexts([*own, *(x.area for x in prof.areas if _overlaps(windows, x.sources))])

    def acting(sources: list[q.SourceRef]) -> tuple[str, str]:
        first = _first_named(evidence.windows(sources), names)
        return (b, a) if first == b else (a, b)

    for e in prof.events:
        if e.kind in cfg.consult_kinds and e.status in cfg.done_statuses:
            etype = "CONSULT"
            if e.place_country in (a, b):
                host = e.place_country
                guest = b if host == a else a
                mode = "visit" if e.kind == "visit" else "host"
                actor, recipient = (guest, host) if mode == "visit" else (host, guest)
            else:
                mode = "meet"
                actor, recipient = acting(e.sources)
        elif e.kind in cfg.support_kinds and e.status in cfg.done_statuses:
            etype, mode = "SUPPORT", None
            actor, recipient = acting(e.sources)
        elif e.status in cfg.plan_statuses:
            etype, mode = "AGREE", None
            actor, recipient = acting(e.sources)
        else:
            continue
        text = f"{e.kind} ({e.status})" + (f" in {e.place}" if e.place else "")
        out.append(
            _event(
                f"entente-event-{e.id}",
                etype,
                mode,
                actor,
                recipient,
                e.date,
                contexts(e.sources),
                text,
                e.sources,
                e.status,
                "event",
                e.provenance,
            )
        )
    for status, group in prof.agreements.items():
        for g in group:
            if status in cfg.agreement_signed:
                etype = "SUPPORT"
            elif status in cfg.agreement_plan:
                etype = "AGREE"
            else:
                continue
            out.append(
                _event(
                    f"entente-agreement-{g.id}",
                    etype,
                    None,
                    *acting(g.sources),
                    g.date or g.deadline,
                    contexts(g.sources, g.areas),
                    f"{g.kind}: {g.title or g.kind} ({g.status})",
                    g.sources,
                    g.status,
                    "agreement",
                    g.provenance,
                )
            )
    for group in prof.commitments.values():
        for c in group:
            out.append(
                _event(
                    f"entente-commitment-{c.id}",
                    "AGREE",
                    None,
                    *acting(c.sources),
                    c.deadline,
                    contexts(c.sources, c.areas),
                    c.text,
                    c.sources,
                    c.state,
                    "commitment",
                    c.provenance,
                )
            )
    return out


def write_plover(session: Session, out: Path) -> Path:
    path = out / "plover_events.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for event in plover_events(session):
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")
    return path
