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


# --------------------------------------------------------------------------- web


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help="KB path or SQLAlchemy URL (default $ENTENTE_DB or ./entente.db).")] = None,
    host: Annotated[str, typer.Option(help="Interface to bind; reading is open, so keep 127.0.0.1 unless behind auth.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the dashboard and the JSON API (writes need $ENTENTE_API_TOKEN)."""
    import uvicorn

    from .web import create_app

    web_app = create_app(db)
    err.print(f"entente: serving {web_app.state.kb.url} on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning", server_header=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
