"""The analyst review commands: ``review list|facts|accept|reject|correct|add|export|import`` (a Typer group) and
``eval`` (scoring records against gold, e.g. the reviews exported as gold)."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import fail
from .kbaccess import open_existing, query
from .options import CsvOption, DbOption, JsonOption, output_mode
from .output import write_csv

review = typer.Typer(
    no_args_is_help=True, help="Accept, reject, correct or add facts; list and export reviews."
)

DocArg = Annotated[str, typer.Argument(help="The document id (or its first 6+ characters, if unique).")]
KindArg = Annotated[str, typer.Argument(help="event | level | area | agreement | commitment | figure")]
KeyArg = Annotated[str, typer.Argument(help="The fact's key, as `entente review facts DOC` prints it.")]
ReviewerOption = Annotated[str | None, typer.Option(help="Who reviews (kept in the audit log).")]
NoteOption = Annotated[str | None, typer.Option(help="A note kept with the review.")]
FieldOption = Annotated[
    list[str] | None, typer.Option("--set", help="A field as NAME=VALUE (VALUE JSON, else text); repeatable.")
]
SpanOption = Annotated[
    list[str] | None, typer.Option("--span", help="Evidence as START:END offsets; repeatable.")
]


def _fields(values: list[str] | None) -> dict:
    out = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--set")
        try:
            out[name] = json.loads(value)
        except ValueError:
            out[name] = value
    return out


def _spans(values: list[str] | None) -> list[dict]:
    out = []
    for item in values or []:
        start, sep, end = item.partition(":")
        if not sep or not start.isdigit() or not end.isdigit():
            raise typer.BadParameter(f"{item!r} is not START:END", param_hint="--span")
        out.append({"start": int(start), "end": int(end)})
    return out


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def _write(db, doc_id, kind, action, **kw) -> None:
    from ..kb.reviews import ReviewError, add_review

    try:
        view = query(db, lambda s: add_review(s, doc_id, kind, action, **kw))
    except ReviewError as e:
        raise fail(str(e)) from None
    print(f"review {view.id}: {view.action} {view.fact_key} ({view.doc_id[:12]})")


@review.command("list")
def list_(
    doc_id: Annotated[str | None, typer.Argument(help="Only this document's reviews.")] = None,
    orphaned: Annotated[bool, typer.Option(help="Only reviews whose fact is no longer extracted.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Every review, oldest first (the audit log), orphaned ones flagged."""
    from ..kb.reviews import list_reviews

    mode = output_mode(as_json, as_csv)
    views = query(db, lambda s: list_reviews(s, doc_id, orphaned_only=orphaned))
    if mode == "json":
        _print_json([v.model_dump() for v in views])
        return
    if mode == "csv":
        header = [
            "id",
            "created_at",
            "doc_id",
            "action",
            "fact_kind",
            "fact_key",
            "reviewer",
            "note",
            "orphaned",
            "fields",
            "spans",
        ]
        write_csv(
            header,
            [
                [
                    v.id,
                    v.created_at,
                    v.doc_id,
                    v.action,
                    v.fact_kind,
                    v.fact_key,
                    v.reviewer or "",
                    v.note or "",
                    v.orphaned,
                    json.dumps(v.fields, ensure_ascii=False, sort_keys=True),
                    ";".join(f"{sp.start}:{sp.end}" for sp in v.spans),
                ]
                for v in views
            ],
        )
        return
    for v in views:
        flag = " ORPHANED" if v.orphaned else ""
        who = f" by {v.reviewer}" if v.reviewer else ""
        print(f"{v.id}\t{v.created_at}\t{v.doc_id[:12]}\t{v.action}\t{v.fact_key}{who}{flag}")


@review.command()
def facts(
    doc_id: DocArg, db: DbOption = None, as_json: JsonOption = False, as_csv: CsvOption = False
) -> None:
    """A document's relation facts with their keys and provenance (its reviews applied)."""
    from ..kb.reviews import document_facts

    mode = output_mode(as_json, as_csv)
    items = query(db, lambda s: document_facts(s, doc_id))
    if mode == "json":
        _print_json([i.model_dump() for i in items])
        return
    if mode == "csv":
        write_csv(
            ["key", "kind", "pair", "provenance", "status", "fact"],
            [
                [
                    i.key,
                    i.kind,
                    "-".join(i.pair),
                    i.provenance,
                    i.fact.get("status") or "",
                    json.dumps(i.fact, ensure_ascii=False, sort_keys=True),
                ]
                for i in items
            ],
        )
        return
    for i in items:
        print(f"{i.key}\t{i.provenance}\t{i.fact.get('status') or ''}")


@review.command()
def accept(
    doc_id: DocArg,
    kind: KindArg,
    key: KeyArg,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Confirm an extracted fact."""
    _write(db, doc_id, kind, "accept", key=key, reviewer=reviewer, note=note)


@review.command()
def reject(
    doc_id: DocArg,
    kind: KindArg,
    key: KeyArg,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Reject an extracted fact: it leaves the merged view, the pages and the exports."""
    _write(db, doc_id, kind, "reject", key=key, reviewer=reviewer, note=note)


@review.command()
def correct(
    doc_id: DocArg,
    kind: KindArg,
    key: KeyArg,
    fields: FieldOption = None,
    spans: SpanOption = None,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Correct fields of an extracted fact (``--set status=signed``); the corrected values win."""
    _write(
        db,
        doc_id,
        kind,
        "correct",
        key=key,
        fields=_fields(fields),
        spans=_spans(spans),
        reviewer=reviewer,
        note=note,
    )


@review.command()
def add(
    doc_id: DocArg,
    kind: KindArg,
    pair: Annotated[str, typer.Argument(help="The pair, e.g. FRA-IND.")],
    fields: FieldOption = None,
    spans: SpanOption = None,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Add a fact the pipeline missed, with its fields and evidence spans."""
    codes = pair.upper().replace("/", "-").split("-")
    if len(codes) != 2:
        raise typer.BadParameter(f"{pair!r} is not two ISO3 codes (e.g. FRA-IND)", param_hint="PAIR")
    if not spans:
        raise typer.BadParameter("an added fact needs its evidence", param_hint="--span")
    _write(
        db,
        doc_id,
        kind,
        "add",
        pair=codes,
        fields=_fields(fields),
        spans=_spans(spans),
        reviewer=reviewer,
        note=note,
    )


@review.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="gold (entente.gold/1) or json (the audit log).")
    ] = "gold",
    out: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    db: DbOption = None,
) -> None:
    """The reviewed documents as gold (``--format gold``), or every review as JSON."""
    from ..kb.gold_export import gold_of, reviewed_records
    from ..kb.reviews import list_reviews

    if fmt == "gold":
        value = query(db, lambda s: gold_of(reviewed_records(s)))
    elif fmt == "json":
        value = [v.model_dump() for v in query(db, list_reviews)]
    else:
        raise typer.BadParameter(f"{fmt!r}: gold or json", param_hint="--format")
    text = json.dumps(value, ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise fail(f"entente review export: cannot write --out {out}: {e.strerror or e}") from None


@review.command("import")
def import_(
    path: Annotated[
        Path, typer.Argument(help="Reviews as `entente review export --format json` writes them.")
    ],
    db: DbOption = None,
) -> None:
    """Write the reviews of a JSON audit log (e.g. another KB's) into this KB, oldest first."""
    from ..kb.fact_keys import key_pair
    from ..kb.reviews import ReviewError, add_review

    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(items, list):
            raise ValueError("not a list of reviews")
    except (OSError, ValueError) as e:
        raise fail(f"cannot read reviews {path}: {e}") from None

    def write_all(session) -> int:
        for i, item in enumerate(items):
            try:
                add_review(
                    session,
                    item["doc_id"],
                    item["fact_kind"],
                    item["action"],
                    key=None if item["action"] == "add" else item["fact_key"],
                    pair=key_pair(item["fact_key"]) if item["action"] == "add" else None,
                    fields=item.get("fields"),
                    spans=item.get("spans"),
                    reviewer=item.get("reviewer"),
                    note=item.get("note"),
                )
            except (KeyError, TypeError, ReviewError) as e:
                raise fail(f"review {i + 1} of {path}: {e}") from None
        return len(items)

    print(f"{query(db, write_all)} review(s) imported")


def eval_(
    gold: Annotated[Path, typer.Argument(help="An entente.gold/1 file, e.g. from `entente review export`.")],
    records: Annotated[
        Path | None, typer.Option(help="Score these records (JSONL) instead of the KB's stored ones.")
    ] = None,
    reviewed: Annotated[
        bool, typer.Option(help="Score the KB's records with their reviews applied.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Score records against gold: per category precision, recall, F1 and the macro score."""
    from ..goldscore import CATEGORIES, macro, score

    mode = output_mode(as_json, as_csv)
    if records is None:
        open_existing(db).close()  # a missing KB is the first thing to say
    try:
        gold_doc = json.loads(gold.read_text(encoding="utf-8"))
        if not isinstance(gold_doc, dict) or not isinstance(gold_doc.get("docs") or {}, dict):
            raise ValueError("not an entente.gold/1 object with a `docs` mapping")
    except (OSError, ValueError) as e:
        raise fail(f"cannot read gold {gold}: {e}") from None
    if records is not None:
        found = _read_records(records)
    else:
        found = query(db, lambda s: _kb_records(s, set(gold_doc.get("docs") or {}), reviewed))
    try:
        counts = score(gold_doc, found)
    except (AttributeError, KeyError, TypeError, ValueError) as e:  # a gold file of another shape
        raise fail(f"cannot score against {gold}: {type(e).__name__}: {e} (is it entente.gold/1?)") from None
    total = macro(counts)
    if mode == "csv":  # one row per category, then the macro score as category "score"
        write_csv(
            ["category", "tp", "fp", "fn", "f1"],
            [
                *([c, counts[c].tp, counts[c].fp, counts[c].fn, round(counts[c].f1, 3)] for c in CATEGORIES),
                ["score", "", "", "", round(total, 3)],
            ],
        )
        return
    if mode == "json":
        _print_json(
            {
                "categories": [
                    {
                        "category": c,
                        "tp": counts[c].tp,
                        "fp": counts[c].fp,
                        "fn": counts[c].fn,
                        "f1": round(counts[c].f1, 3),
                    }
                    for c in CATEGORIES
                ],
                "score": round(total, 3),
            }
        )
        return
    print(f"{'category':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'F1':>8}")
    for c in CATEGORIES:
        print(f"{c:<12}{counts[c].tp:>5}{counts[c].fp:>5}{counts[c].fn:>5}{counts[c].f1:>8.3f}")
    print(f"score: {total:.3f}")


def _read_records(path: Path) -> list[dict]:
    """The records of a JSONL file, one JSON object a line; a missing file or a bad line is exit 2."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise fail(f"cannot read --records {path}: {e}") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as e:
            raise fail(f"--records {path} line {n} is not JSON: {e}") from None
        if not isinstance(item, dict):
            raise fail(f"--records {path} line {n} is not a record (a JSON object)")
        out.append(item)
    return out


def _kb_records(session, names: set[str], reviewed: bool) -> list[dict]:
    from sqlalchemy import select

    from ..kb.review_apply import apply_reviews
    from ..kb.schema import DocumentRow
    from ..kb.store import reviews_of

    rows = session.execute(
        select(DocumentRow.id, DocumentRow.record).where(DocumentRow.name.in_(sorted(names)))
    )
    rows = rows.all()
    if not reviewed:
        return [record for _, record in rows]
    reviews = reviews_of(session, [doc_id for doc_id, _ in rows])
    return [apply_reviews(record, reviews.get(doc_id, [])) for doc_id, record in rows]
