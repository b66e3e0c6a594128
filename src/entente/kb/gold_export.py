"""An analyst's reviewed documents as gold (``entente.gold/1``, the format :mod:`entente.goldscore` and the
shared scorer read): each document with at least one review, its relation facts as the reviews leave them
(rejected ones out, corrections in, added ones joined), one accepted value per field."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .review_apply import apply_reviews
from .schema import DocumentRow, ReviewRow
from .store import reviews_of

SCHEMA = "entente.gold/1"


def _start(value) -> str | None:
    return value.get("start") if isinstance(value, dict) else value


def _relation(rel: dict) -> dict:
    events = []
    for e in rel.get("events") or []:
        item = {"kind": [e["kind"]], "status": [e["status"]]}
        if _start(e.get("date")):
            item["date"] = _start(e["date"])
        events.append(item)
    agreements = []
    for a in rel.get("agreements") or []:
        item = {"kind": [a["kind"]], "status": [a["status"]]}
        if a.get("title"):
            item["title"] = a["title"]
        agreements.append(item)
    return {
        "events": events,
        "levels": [{"level": [lv["level"]]} for lv in rel.get("levels") or []],
        "areas": {"required": sorted({a["area"] for a in rel.get("areas") or []}), "optional": []},
        "agreements": agreements,
        "figures": [
            {"metric": [f["metric"]], "value": f["value"], "unit": f["unit"]}
            for f in rel.get("figures") or []
        ],
    }


def reviewed_records(session: Session) -> list[dict]:
    """The records of the reviewed documents with their reviews applied, by document name."""
    ids = sorted(set(session.scalars(select(ReviewRow.doc_id))))
    reviews = reviews_of(session, ids)
    rows = session.execute(select(DocumentRow.id, DocumentRow.record).where(DocumentRow.id.in_(ids))).all()
    records = [apply_reviews(record, reviews.get(doc_id, [])) for doc_id, record in rows]
    return sorted(records, key=lambda r: r["doc"]["name"])


def gold_of(records: list[dict]) -> dict:
    """Gold of (reviewed) records: people and publication dates not scored (null)."""
    docs = {}
    for record in records:
        relations: dict[str, dict] = {}
        for rel in record.get("relations") or []:
            relations["-".join(sorted(rel["pair"]))] = _relation(rel)
        docs[record["doc"]["name"]] = {"published": None, "people": None, "relations": relations}
    return {"schema": SCHEMA, "notes": "exported by `entente review export --format gold`", "docs": docs}
