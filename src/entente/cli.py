"""The ``entente`` command line.

Commands are grouped by the stage of the data flow they belong to:
extraction (``extract``, ``schema``), the knowledge base (``ingest``, queries,
``export``), the web app (``serve``) and ``bench``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="entente: evidence-linked records of relations between countries, from news text.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        print(f"entente {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    pass


def report_failures(failures: list[tuple[str, str]], ok: int, what: str = "documents") -> None:
    """The partial-failure summary every batch command ends with (on stderr)."""
    if failures:
        err.print(f"[bold red]{len(failures)} input(s) failed[/] ({ok} {what} done):")
        for source, reason in failures:
            err.print(f"  [red]✗[/] {escape(source)}: {escape(reason)}", soft_wrap=True, highlight=False)
    else:
        err.print(f"[green]{ok} {what} done[/], no failures")


# --------------------------------------------------------------------------- extraction


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write JSONL here (default stdout).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for every input.")] = None,
    pretty: Annotated[bool, typer.Option(help="Indented JSON (one record per block).")] = False,
    explain: Annotated[bool, typer.Option(help="Print, per fact, the rule that produced it (on stderr).")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this many bytes.")] = 64 * 1024 * 1024,
    max_chars: Annotated[int, typer.Option(help="Cut longer documents here (with a warning).")] = 2_000_000,
) -> None:
    """Extract one entente.record/1 per document, one JSON object per line."""
    from .extract.explain import explain_lines
    from .extract.pipeline import Extractor
    from .read import ReadError, expand_paths, read_path
    from .record import span_errors

    if published:
        from .extract.published import parse_metadata_date

        if parse_metadata_date(published) is None:
            err.print(f"[red]--published {published!r} is not a date (YYYY-MM-DD)[/]")
            raise typer.Exit(2)
    files = list(expand_paths(paths))
    extractor = Extractor()
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    failures: list[tuple[str, str]] = []
    done = 0
    show_bar = len(files) > 3 and err.is_terminal
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(
            TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err, disable=not show_bar, transient=True,
        ) as bar:
            task = bar.add_task("extract", total=len(files))
            for path in files:
                for item in read_path(path, max_bytes=max_bytes, max_chars=max_chars):
                    if isinstance(item, ReadError):
                        failures.append((item.source, item.reason))
                        continue
                    try:
                        record = extractor.extract(item, published=published)
                    except Exception as e:  # one bad document never stops the batch
                        failures.append((item.source, f"extraction failed: {type(e).__name__}: {e}"))
                        continue
                    problems = span_errors(record, item.text)
                    if problems:
                        failures.append((item.source, "span check failed: " + problems[0]))
                        continue
                    data = record.to_json_dict()
                    sink.write(json.dumps(data, ensure_ascii=False, indent=2 if pretty else None) + "\n")
                    done += 1
                    if explain:
                        err.print(f"[bold]{record.doc.name}[/]")
                        for line in explain_lines(record):
                            err.print("  " + line, markup=False, highlight=False)
                bar.advance(task)
    finally:
        if out:
            sink.close()
        else:
            sink.flush()
    report_failures(failures, done)
    raise typer.Exit(1 if failures else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of entente.record/1."""
    from .record import json_schema

    print(json.dumps(json_schema(), indent=2))


# --------------------------------------------------------------------------- knowledge base

DbOption = Annotated[
    str | None, typer.Option("--db", help="KB path or SQLAlchemy URL (default $ENTENTE_DB or ./entente.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _open_kb(db: str | None):
    from .kb import open_kb

    try:
        return open_kb(db)
    except Exception as e:  # bad URL, server down, unreadable file
        err.print(f"[red]cannot open the knowledge base {db or '(default)'}: {type(e).__name__}: {e}[/]")
        raise typer.Exit(2) from None


def _emit(value, as_json: bool, render) -> None:
    if as_json:
        from pydantic import BaseModel, TypeAdapter

        data = value.model_dump(mode="json") if isinstance(value, BaseModel) else TypeAdapter(type(value)).dump_python(
            value, mode="json")
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        console = Console()
        render(console if console.is_terminal else Console(width=140))


def _query(db: str | None, fn):
    """Run ``fn(session)``, turning unknown countries / missing pairs into a clear exit 2."""
    from .kb.queries import NotFound, UnknownCountry

    kb = _open_kb(db)
    try:
        with kb.session() as session:
            return fn(session)
    except (UnknownCountry, NotFound) as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(2) from None
    finally:
        kb.close()


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, URLs (http/https) or - for stdin.")] = None,
    db: DbOption = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL; new entries are ingested.")] = None,
    reextract: Annotated[bool, typer.Option(help="Redo documents extracted by an older pipeline version.")] = False,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for every input.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per committed batch.")] = 25,
    max_bytes: Annotated[int, typer.Option(help="Refuse files or pages larger than this.")] = 64 * 1024 * 1024,
    timeout: Annotated[float, typer.Option(help="Seconds a URL fetch may take in all (connect, redirects, body).")] = 20.0,
    max_chars: Annotated[int, typer.Option(min=1, help="Cut longer documents here (with a warning).")] = 2_000_000,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs and feeds fetch from loopback/private/link-local addresses.")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (a pipeline in each; one writer).")] = 1,
    engine: Annotated[str, typer.Option(help="local (this machine) or ray (Ray Data; pip install 'entente[ray]').")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster address for --engine ray (e.g. auto).")] = None,
) -> None:
    """Extract and store documents in the knowledge base (idempotent; committed in batches)."""
    import itertools
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .engines.local import LocalEngine
    from .engines.stream import stream_paths
    from .fetch import fetch_urls, ingest_feed, is_url
    from .kb.queries import IngestResult
    from .read import expand_paths

    paths, feeds = paths or [], feed or []
    if engine not in ("local", "ray"):
        err.print(f"[red]unknown engine {engine!r} (local or ray)[/]")
        raise typer.Exit(2)
    if not paths and not feeds:
        err.print("[red]nothing to ingest: give paths, URLs or --feed URL[/]")
        raise typer.Exit(2)
    urls = [p for p in paths if is_url(p)]
    files = list(expand_paths([p for p in paths if not is_url(p)]))
    items = itertools.chain(
        (item for f in files for item in stream_paths([f], max_bytes=max_bytes, max_chars=max_chars)),
        fetch_urls(urls, timeout=timeout, max_bytes=max_bytes, max_chars=max_chars, allow_private=allow_private),
    )
    kb = _open_kb(db)
    started = time.perf_counter()
    total = IngestResult()
    try:
        with LocalEngine(workers if engine == "local" else 1, freeze=True) as local, kb.session() as session, Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            console=err, disable=not err.is_terminal, transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=len(files) + len(urls) or None, rate="")

            def tick(n: int) -> None:
                done = bar.tasks[0].completed + n
                rate = done / max(time.perf_counter() - started, 1e-9)
                bar.update(task, advance=n, rate=f"{rate:.1f} docs/s")

            if engine == "ray":
                from .engines.ray_engine import ingest_ray

                total = ingest_ray(session, files, address=address, reextract=reextract, batch_size=batch_size,
                                   published=published, max_bytes=max_bytes, on_progress=tick)
                if urls:
                    total.failures += [(u, "--engine ray reads files; ingest URLs with --engine local") for u in urls]
            else:
                total = local.ingest(session, items, reextract=reextract, batch_size=batch_size,
                                     published=published, on_progress=tick)
            for feed_url in feeds:
                result, fresh = ingest_feed(session, feed_url, reextract=reextract, timeout=timeout,
                                            max_bytes=max_bytes, max_chars=max_chars,
                                            allow_private=allow_private, on_progress=tick)
                err.print(f"feed {feed_url}: {fresh} new entries")
                total.added += result.added
                total.skipped += result.skipped
                total.reextracted += result.reextracted
                total.failures += result.failures
    finally:
        kb.close()
    elapsed = time.perf_counter() - started
    processed = total.added + total.reextracted
    err.print(f"{kb.url}: {total.added} added, {total.reextracted} re-extracted, {total.skipped} already present "
              f"({processed / max(elapsed, 1e-9):.1f} docs/s over {elapsed:.1f}s)")
    report_failures(total.failures, total.added + total.reextracted + total.skipped)
    raise typer.Exit(1 if total.failures else 0)


@app.command()
def pairs(db: DbOption = None, as_json: JsonOption = False) -> None:
    """All pairs: current level, last event and fact counts."""
    from .kb import queries
    from .kb.render import render_pairs

    result = _query(db, queries.pairs)
    _emit(result, as_json, lambda c: render_pairs(c, result))


@app.command()
def show(
    a: Annotated[str, typer.Argument(help="A country: name, demonym or ISO3.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    today: Annotated[str | None, typer.Option(help="Date for deadline states (default: today).")] = None,
) -> None:
    """A pair's profile: levels, events, areas, agreements, commitments, figures, conflicts, with sources."""
    import datetime as dt

    from .kb import queries
    from .kb.render import render_profile

    day = dt.date.fromisoformat(today) if today else None
    result = _query(db, lambda s: queries.profile(s, a, b, today=day))
    _emit(result, as_json, lambda c: render_profile(c, result))


@app.command()
def timeline(
    country: Annotated[str, typer.Argument(help="A country: name, demonym or ISO3.")],
    with_: Annotated[str | None, typer.Option("--with", help="Only this partner.")] = None,
    since: Annotated[str | None, typer.Option(help="Only from this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=0, help="The N most recent entries (0: the whole history).")] = 100,
    offset: Annotated[int, typer.Option(min=0, help="Skip the N most recent entries first (next page).")] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Dated events, level changes and agreements of a country, oldest first (a page of the newest)."""
    from .kb import queries
    from .kb.render import render_timeline

    result = _query(db, lambda s: queries.timeline(s, country, with_, since, limit=limit or None, offset=offset))
    _emit(result, as_json, lambda c: render_timeline(c, result, country))


@app.command()
def compare(
    country: Annotated[str, typer.Argument(help="A country: name, demonym or ISO3.")],
    partners: Annotated[list[str], typer.Option("--partners", help="Partner countries (repeat or space-separate).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Areas × partners matrix of a country."""
    from .kb import queries
    from .kb.render import render_compare

    names = [p for item in partners for p in item.replace(",", " ").split()]
    result = _query(db, lambda s: queries.compare(s, country, names))
    _emit(result, as_json, lambda c: render_compare(c, result))


@app.command()
def search(
    q: Annotated[str, typer.Argument(help="Words to find in evidence sentences.")],
    limit: Annotated[int, typer.Option(min=1, help="Most hits to show.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ranked full-text search over evidence sentences, with snippets."""
    from .kb import queries
    from .kb.render import render_search

    result = _query(db, lambda s: queries.search(s, q, limit))
    _emit(result, as_json, lambda c: render_search(c, result))


@app.command()
def people(
    country: Annotated[str | None, typer.Option(help="Only people of this country.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Merged people, most documents first."""
    from .kb import queries
    from .kb.render import render_people

    result = _query(db, lambda s: queries.people(s, country))
    _emit(result, as_json, lambda c: render_people(c, result))


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv | jsonl | parquet | graphml | plover")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into.")],
    db: DbOption = None,
) -> None:
    """Export the knowledge base: flat tables, a GraphML network or PLOVER-style events."""
    from .export import FORMATS
    from .export import export as run_export

    if format not in FORMATS:
        err.print(f"[red]unknown format {format!r}: choose from {', '.join(FORMATS)}[/]")
        raise typer.Exit(2)
    written = _query(db, lambda s: run_export(s, format, out))
    for path in written:
        print(path)


# --------------------------------------------------------------------------- web


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help="KB path or SQLAlchemy URL (default $ENTENTE_DB or ./entente.db).")] = None,
    host: Annotated[str, typer.Option(help="Interface to bind; reading is open, so keep 127.0.0.1 unless behind auth.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (e.g. one per core); each caches answers itself.")] = 1,
) -> None:
    """Serve the dashboard and the JSON API (writes need $ENTENTE_API_TOKEN); answers are cached per KB change."""
    from .web.server import serve as run_server

    run_server(db, host, port, workers, log=err.print)


# --------------------------------------------------------------------------- bench


@app.command()
def bench(
    generate: Annotated[int | None, typer.Option("--generate", min=1, help="Only write N generated articles (JSONL) to --out.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where --generate writes (default build/corpus-N.jsonl).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 7,
    quick: Annotated[bool, typer.Option(help="A fast smoke run: small samples and a 2,000-document KB.")] = False,
    repeats: Annotated[int | None, typer.Option(min=1, help="Runs per figure (the median is reported).")] = None,
    docs: Annotated[int | None, typer.Option(min=2, help="Documents in the extraction/ingest sample.")] = None,
    workers_docs: Annotated[int | None, typer.Option(min=2, help="Documents in the --workers 1 vs 2 run.")] = None,
    kb_docs: Annotated[int | None, typer.Option(min=10, help="Documents in the query-benchmark KB (default 100,000).")] = None,
    kb: Annotated[Path | None, typer.Option("--kb", help="Path of the query-benchmark KB (built once, then reused).")] = None,
    reuse_kb: Annotated[bool, typer.Option(help="Reuse the benchmark KB even if an older pipeline built it.")] = False,
    results: Annotated[Path, typer.Option(help="Where to write the JSON results.")] = Path("build/bench.json"),
) -> None:
    """Benchmarks against same-run baselines (one table; JSON to build/bench.json), or --generate a corpus."""
    from rich.console import Console

    if generate is not None:
        from .bench.generate import write_corpus

        target = out or Path(f"build/corpus-{generate}.jsonl")
        write_corpus(target, generate, seed)
        err.print(f"wrote {generate} generated articles (seed {seed}) to {target}")
        return
    from .bench.run import Settings, render, run

    settings = Settings.make(quick, repeats=repeats, docs=docs, workers_docs=workers_docs, kb_docs=kb_docs,
                             kb_path=kb, out=results, seed=seed, log=lambda m: err.print(f"[dim]bench: {escape(m)}[/]"))
    if kb is None and kb_docs is not None and kb_docs != (2_000 if quick else 100_000):
        settings.kb_path = Path(f"build/bench{kb_docs}.db")
    _, report = run(settings, reuse_kb=reuse_kb)
    render(Console(width=160), report)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
