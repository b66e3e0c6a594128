"""The catalogue commands: ``documents`` (list and filter), ``delete`` (one document), ``stats``."""

from typing import Annotated

import typer

from ..kb.address import resolve_db_url
from .app import err
from .filters import check_date_range, document_filters, pair_codes
from .kbaccess import query, read
from .options import MAX_ROWS, CsvOption, DbOption, JsonOption, SinceOption, UntilOption, output_mode
from .output import emit, mapping_rows, model_rows
from .render import render_documents, render_stats, stats_mapping


def documents(
    pair: Annotated[
        str | None, typer.Option(help="Only documents reporting this pair, e.g. JPN-MYS.")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Only documents reporting this country (any partner).")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Only this outlet (case-insensitive, part of the name).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Documents per page.")] = 50,
    offset: Annotated[
        int, typer.Option(min=0, max=MAX_ROWS, help="Skip this many first (the next page).")
    ] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Stored documents, newest publication first, filtered by pair, country, outlet and date."""
    from ..kb import queries
    from ..kb.catalog import list_documents

    mode = output_mode(as_json, as_csv)
    check_date_range(since, until)
    codes = pair_codes(pair)

    def run(session):
        return list_documents(
            session,
            **document_filters(codes, country, outlet, since, until, queries.resolve),
            limit=limit,
            offset=offset,
        )

    page = read(db, run)
    if mode == "json":
        emit(page, mode, lambda c: None, model_rows)
    else:
        emit(page.items, mode, lambda c: render_documents(c, page), model_rows)


def delete(
    doc_id: Annotated[str, typer.Argument(help="The document id (or its first 6+ characters, if unique).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete one document and everything extracted from it; the merged view of its pairs is recomputed."""
    from ..kb import queries

    summary = query(db, lambda s: queries.delete_document(s, doc_id))
    if as_json:
        emit(summary, "json", lambda c: None, model_rows)
    pairs = ", ".join("-".join(p) for p in summary.pairs) or "no pairs"
    err.print(f"deleted {summary.id[:12]} {summary.name} ({pairs})", markup=False, highlight=False)


def stats(db: DbOption = None, as_json: JsonOption = False, as_csv: CsvOption = False) -> None:
    """Rows per table, pairs, countries, outlets, publication dates, pipeline versions and size of the KB."""
    from ..kb.catalog import kb_stats

    mode = output_mode(as_json, as_csv)
    result = read(db, lambda s: kb_stats(s, url=resolve_db_url(db)))
    emit(result, mode, lambda c: render_stats(c, result), lambda r: mapping_rows(stats_mapping(r)))
