"""Scoring records (``entente.record/1`` JSON) against gold (``entente.gold/1``): precision, recall and F1 per
category (pairs, people, published, events, levels, areas, agreements, figures) and their macro mean.

Our own scorer for ``entente eval`` (what an analyst's reviewed documents, exported by ``entente review
export --format gold``, say about the current records). It reads the gold format's conventions: a list of
accepted values for a field, ``"optional": true`` items neither required nor false positives, ``people`` /
``published`` null = not scored. Records are matched to gold documents by ``doc.name``. Pure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

CATEGORIES = ("pairs", "people", "published", "events", "levels", "areas", "agreements", "figures")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0  # nothing to find and nothing found
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def _choices(value) -> list:
    return value if isinstance(value, list) else [value]


def _start(value) -> str | None:
    return value.get("start") if isinstance(value, dict) else value


def _date_fits(want: str | None, got) -> bool:
    """A gold date fits a record date that starts with it (a day fits its month's gold, not the reverse)."""
    if not want:
        return True
    got = _start(got)
    return bool(got) and got.startswith(want)


def _event(g: dict, s: dict) -> bool:
    place = s.get("place") if isinstance(s.get("place"), dict) else {}
    return (
        s.get("kind") in _choices(g.get("kind"))
        and (not g.get("status") or s.get("status") in _choices(g["status"]))
        and _date_fits(g.get("date"), s.get("date"))
        and (not g.get("place") or (place or {}).get("country") == g["place"])
    )


def _level(g: dict, s: dict) -> bool:
    return s.get("level") in _choices(g.get("level"))


def _agreement(g: dict, s: dict) -> bool:
    return s.get("kind") in _choices(g.get("kind")) and (
        not g.get("status") or s.get("status") in _choices(g["status"])
    )


def _figure(g: dict, s: dict) -> bool:
    try:
        got, want = float(s["value"]), float(g["value"])
    except (KeyError, TypeError, ValueError):
        return False
    near = abs(got - want) <= abs(want) / 100 if want else got == 0
    return near and s.get("unit") == g.get("unit") and s.get("metric") in _choices(g.get("metric"))


FITS = {"events": _event, "levels": _level, "agreements": _agreement, "figures": _figure}


def _match(gold: list[dict], found: list[dict], fits, counts: Counts, where: str) -> None:
    """Each record fact takes the first unmatched gold item it fits, required items first."""
    free = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    for fact in found:
        hit = next((i for i in free if fits(gold[i], fact)), None)
        if hit is None:
            counts.fp += 1
            counts.misses.append(f"{where}: spurious {fact}")
        else:
            free.remove(hit)
            counts.tp += not gold[hit].get("optional")
    for i in free:
        if not gold[i].get("optional"):
            counts.fn += 1
            counts.misses.append(f"{where}: missed {gold[i]}")


def _name(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def score(gold: dict, records: list[dict]) -> dict[str, Counts]:
    out = {c: Counts() for c in CATEGORIES}
    by_name = {(r.get("doc") or {}).get("name"): r for r in records}
    for name, g in (gold.get("docs") or {}).items():
        r = by_name.get(name) or {}
        if g.get("published") is not None:
            want = g["published"]["date"]
            got = ((r.get("doc") or {}).get("published") or {}).get("date")
            ok = bool(got) and got[: len(want)] == want
            out["published"].tp += ok
            out["published"].fn += not ok
            out["published"].fp += bool(got) and not ok
        if g.get("people") is not None:
            want_people = {(_name(p["name"]), p.get("country")) for p in g["people"]}
            extra = {(_name(p["name"]), p.get("country")) for p in g.get("people_optional") or []}
            got_people = {(_name(p.get("name")), p.get("country")) for p in r.get("people") or []}
            out["people"].tp += len(got_people & want_people)
            out["people"].fp += len(got_people - want_people - extra)
            out["people"].fn += len(want_people - got_people)
        found: dict[str, list[dict]] = {}
        for rel in r.get("relations") or []:
            found.setdefault("-".join(sorted(rel.get("pair") or [])), []).append(rel)
        relations = g.get("relations") or {}
        for pair in sorted(set(found) | set(relations)):
            rels, want = found.get(pair, []), relations.get(pair)
            if want is None:
                out["pairs"].fp += bool(rels)
                want = {}
            elif rels:
                out["pairs"].tp += 1
            else:
                out["pairs"].fn += 1
            facts = {f: [x for rel in rels for x in rel.get(f) or []] for f in (*FITS, "areas")}
            for category, fits in FITS.items():
                _match(want.get(category) or [], facts[category], fits, out[category], f"{name} {pair}")
            areas = want.get("areas") or {}
            required, optional = set(areas.get("required") or []), set(areas.get("optional") or [])
            got_areas = {a.get("area") for a in facts["areas"]}
            out["areas"].tp += len(got_areas & required)
            out["areas"].fn += len(required - got_areas)
            out["areas"].fp += len(got_areas - required - optional)
    return out


def macro(counts: dict[str, Counts]) -> float:
    return sum(c.f1 for c in counts.values()) / len(counts)
