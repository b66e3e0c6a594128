"""The query commands: ``pairs``, ``show``, ``timeline``, ``compare``, ``search``, ``people``.

Each reads an existing KB (see :mod:`entente.cli.kbaccess`: all but ``search`` through its stdlib read
path, without SQLAlchemy, on an SQLite KB) and prints a table, ``--json`` or ``--csv``. Nothing here
imports the extraction pipeline: the KB modules are imported inside the commands, and they need no spaCy.
"""

from typing import Annotated

import typer

from .app import fail
from .filters import check_date_range, document_filters, pair_codes
from .kbaccess import query, read
from .options import (
    MAX_ROWS,
    CsvOption,
    DbOption,
    JsonOption,
    SinceOption,
    TodayOption,
    UntilOption,
    day,
    output_mode,
    split_countries,
)
from .output import emit, matrix_rows, model_rows, profile_rows


def pairs(db: DbOption = None, as_json: JsonOption = False, as_csv: CsvOption = False) -> None:
    """All pairs: current level, last event and fact counts."""
    from ..kb import queries
    from ..kb.render import render_pairs

    mode = output_mode(as_json, as_csv)
    result = read(db, queries.pairs)
    emit(result, mode, lambda c: render_pairs(c, result), model_rows)


def show(
    a: Annotated[str, typer.Argument(help="A country: name, demonym or ISO3.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    today: TodayOption = None,
) -> None:
    """A pair's profile: levels, events, areas, agreements, commitments, figures, conflicts, with sources."""
    from ..kb import queries
    from ..kb.render import render_profile

    mode = output_mode(as_json, as_csv)
    result = read(db, lambda s: queries.profile(s, a, b, today=day(today)))
    emit(result, mode, lambda c: render_profile(c, result), profile_rows)


def timeline(
    country: Annotated[str, typer.Argument(help="A country: name, demonym or ISO3.")],
    with_: Annotated[str | None, typer.Option("--with", help="Only this partner.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_ROWS, help="The N most recent entries (0: the whole history).")
    ] = 100,
    offset: Annotated[
        int, typer.Option(min=0, max=MAX_ROWS, help="Skip the N most recent entries first (next page).")
    ] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Dated events, level changes and agreements of a country, oldest first (a page of the newest)."""
    from ..kb import queries
    from ..kb.render import render_timeline

    mode = output_mode(as_json, as_csv)
    check_date_range(since, until)
    if until:  # the page is taken from the entries up to --until: read them all, then page
        entries = read(db, lambda s: queries.timeline(s, country, with_, since, limit=None))
        kept = [e for e in entries if e.date is None or e.date[:10] <= until]
        dated = [e for e in kept if e.date is not None]
        undated = [e for e in kept if e.date is None]
        newest_first = list(reversed(dated)) + undated
        page = newest_first[offset : offset + limit] if limit else newest_first[offset:]
        chosen = {id(e) for e in page}
        result = [e for e in kept if id(e) in chosen]
    else:
        result = read(
            db, lambda s: queries.timeline(s, country, with_, since, limit=limit or None, offset=offset)
        )
    emit(result, mode, lambda c: render_timeline(c, result, country), model_rows)


def compare(
    country: Annotated[str, typer.Argument(help="A country: name, demonym or ISO3.")],
    partners: Annotated[
        list[str] | None,
        typer.Option(
            "--partners",
            help="Partner countries (repeat or space-separate; default: every partner, most facts first).",
        ),
    ] = None,
    top: Annotated[
        int, typer.Option(min=0, help="With no --partners: the N partners with most facts (0: all).")
    ] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Areas × partners matrix of a country (every partner, ranked by fact count, unless --partners)."""
    from ..kb import queries
    from ..kb.render import render_compare

    mode = output_mode(as_json, as_csv)
    names = split_countries(partners)

    def run(session):
        chosen = names or ranked_partners(queries.pairs(session), queries.resolve(country))
        if not chosen:
            raise queries.NotFound(f"no pair with {country} in the knowledge base")
        return queries.compare(session, country, chosen[:top] if top and not names else chosen)

    result = read(db, run)
    emit(result, mode, lambda c: render_compare(c, result), matrix_rows)


def ranked_partners(summaries, iso3: str) -> list[str]:
    """The partners of ``iso3``, most facts (events, levels, areas, agreements, commitments, figures) first."""
    counts: dict[str, int] = {}
    for s in summaries:
        if iso3 in s.pair:
            other = s.pair[1] if s.pair[0] == iso3 else s.pair[0]
            counts[other] = (
                s.events + s.areas + s.agreements + s.commitments + s.figures + (1 if s.level else 0)
            )
    return sorted(counts, key=lambda p: (-counts[p], p))


def search(
    q: Annotated[str, typer.Argument(help="Words to find in evidence sentences and document texts.")],
    pair: Annotated[
        str | None, typer.Option(help="Only hits about this pair, e.g. JPN-MYS or 'Japan,Malaysia'.")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Only hits about this country (with any partner).")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Only documents of this outlet (case-insensitive).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    evidence_only: Annotated[
        bool,
        typer.Option(
            "--evidence-only", help="Only sentences cited as evidence of a fact (not the rest of the texts)."
        ),
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Most hits to show.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Ranked full-text search over document texts and evidence sentences, with snippets and filters."""
    from ..kb import queries
    from ..kb.render import render_search
    from ..kb.search import SearchFilters, search_filtered

    mode = output_mode(as_json, as_csv)
    if not q.strip():
        raise fail("entente search: give words to search for")
    check_date_range(since, until)
    codes = pair_codes(pair)

    def run(session):
        filters = SearchFilters(
            **document_filters(codes, country, outlet, since, until, queries.resolve),
            evidence_only=evidence_only,
        )
        return search_filtered(session, q, filters, limit=limit)

    result = query(db, run)
    emit(result, mode, lambda c: render_search(c, result), model_rows)


def people(
    country: Annotated[str | None, typer.Option(help="Only people of this country.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Merged people, most documents first."""
    from ..kb import queries
    from ..kb.render import render_people

    mode = output_mode(as_json, as_csv)
    result = read(db, lambda s: queries.people(s, country))
    emit(result, mode, lambda c: render_people(c, result), model_rows)
