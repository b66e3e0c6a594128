"""PLOVER-style event JSONL, for users of POLECAT-like event data.

Meetings and visits become CONSULT (mode ``visit``, ``host`` or ``meet``), promises
and plans AGREE, signings SUPPORT; contexts come from our areas (``data/plover.json``).
Each event keeps its entente id, date, both countries and every source.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from ..data import load_json
from ..kb import queries as q


def _contexts(areas: list[str]) -> list[str]:
    mapping = load_json("plover.json")["area_contexts"]
    return sorted({mapping[a] for a in areas if a in mapping})


def _event(event_id: str, etype: str, mode: str | None, actor: str, recipient: str, date: str | None,
           contexts: list[str], text: str, sources: list[q.SourceRef], status: str, entente_type: str) -> dict:
    return {
        "event_id": event_id, "event_date": date, "event_type": etype, "event_mode": mode,
        "event_text": text, "contexts": contexts,
        "actor_country": actor, "recipient_country": recipient,
        "entente_type": entente_type, "entente_status": status,
        "source_docs": [s.doc_id for s in sources], "source_names": [s.name for s in sources],
        "source_urls": [s.url for s in sources if s.url],
        "evidence": [sp.text for s in sources for sp in s.spans][:10],
    }


def plover_events(session: Session) -> list[dict]:
    cfg = load_json("plover.json")
    out: list[dict] = []
    for summary in q.pairs(session):
        prof = q.profile(session, *summary.pair, max_sources=None)  # every source, not the newest few
        a, b = prof.pair
        areas = [x.area for x in prof.areas]
        area_ctx = _contexts(areas)
        for e in prof.events:
            if e.kind in cfg["consult_kinds"] and e.status in cfg["done_statuses"]:
                etype = "CONSULT"
                if e.place_country in (a, b):
                    host = e.place_country
                    guest = b if host == a else a
                    mode = "visit" if e.kind == "visit" else "host"
                    actor, recipient = (guest, host) if mode == "visit" else (host, guest)
                else:
                    mode, actor, recipient = "meet", a, b
            elif e.kind in cfg["support_kinds"] and e.status in cfg["done_statuses"]:
                etype, mode, actor, recipient = "SUPPORT", None, a, b
            elif e.status in cfg["plan_statuses"]:
                etype, mode, actor, recipient = "AGREE", None, a, b
            else:
                continue
            text = f"{e.kind} ({e.status})" + (f" in {e.place}" if e.place else "")
            out.append(_event(f"entente-event-{e.id}", etype, mode, actor, recipient, e.date, area_ctx, text,
                              e.sources, e.status, "event"))
        for status, group in prof.agreements.items():
            for g in group:
                if status in cfg["agreement_signed"]:
                    etype = "SUPPORT"
                elif status in cfg["agreement_plan"]:
                    etype = "AGREE"
                else:
                    continue
                out.append(_event(f"entente-agreement-{g.id}", etype, None, a, b, g.date or g.deadline,
                                  _contexts(g.areas) or area_ctx, f"{g.kind}: {g.title or g.kind} ({g.status})",
                                  g.sources, g.status, "agreement"))
        for group in prof.commitments.values():
            for c in group:
                out.append(_event(f"entente-commitment-{c.id}", "AGREE", None, a, b, c.deadline,
                                  _contexts(c.areas) or area_ctx, c.text, c.sources, c.state, "commitment"))
    return out


def write_plover(session: Session, out: Path) -> Path:
    path = out / "plover_events.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for event in plover_events(session):
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")
    return path
