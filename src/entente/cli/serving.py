"""``entente serve`` (the dashboard and the JSON API) and ``entente bench``."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from .app import err
from .kbaccess import open_existing
from .options import MAX_WORKERS, DbOption


def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Interface to bind; reading is open, so keep 127.0.0.1 unless behind auth.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=MAX_WORKERS, help="Worker processes (e.g. one per core); each caches answers itself."
        ),
    ] = 1,
) -> None:
    """Serve the dashboard and the JSON API (writes need $ENTENTE_API_TOKEN); answers are cached per KB change."""
    from ..web.server import serve as run_server

    open_existing(db).close()  # a typo'd path is one line and exit 2, not a new empty KB
    run_server(db, host, port, workers, log=err.print)


def bench(
    generate: Annotated[
        int | None,
        typer.Option("--generate", min=1, help="Only write N generated articles (JSONL) to --out."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where --generate writes (default build/corpus-N.jsonl).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 7,
    quick: Annotated[
        bool, typer.Option(help="A fast smoke run: small samples and a 2,000-document KB.")
    ] = False,
    repeats: Annotated[
        int | None, typer.Option(min=1, help="Runs per figure (the median is reported).")
    ] = None,
    docs: Annotated[
        int | None, typer.Option(min=2, help="Documents in the extraction/ingest sample.")
    ] = None,
    workers_docs: Annotated[
        int | None, typer.Option(min=2, help="Documents in the --workers 1 vs 2 run.")
    ] = None,
    kb_docs: Annotated[
        int | None, typer.Option(min=10, help="Documents in the query-benchmark KB (default 100,000).")
    ] = None,
    kb: Annotated[
        Path | None, typer.Option("--kb", help="Path of the query-benchmark KB (built once, then reused).")
    ] = None,
    reuse_kb: Annotated[
        bool, typer.Option(help="Reuse the benchmark KB even if an older pipeline built it.")
    ] = False,
    results: Annotated[Path, typer.Option(help="Where to write the JSON results.")] = Path(
        "build/bench.json"
    ),
) -> None:
    """Benchmarks against same-run baselines (one table; JSON to build/bench.json), or --generate a corpus."""
    from rich.console import Console

    if generate is not None:
        from ..bench.generate import write_corpus

        target = out or Path(f"build/corpus-{generate}.jsonl")
        write_corpus(target, generate, seed)
        err.print(f"wrote {generate} generated articles (seed {seed}) to {target}")
        return
    from ..bench.run import Settings, render, run

    settings = Settings.make(
        quick,
        repeats=repeats,
        docs=docs,
        workers_docs=workers_docs,
        kb_docs=kb_docs,
        kb_path=kb,
        out=results,
        seed=seed,
        log=lambda m: err.print(f"[dim]bench: {escape(m)}[/]"),
    )
    if kb is None and kb_docs is not None and kb_docs != (2_000 if quick else 100_000):
        settings.kb_path = Path(f"build/bench{kb_docs}.db")
    _, report = run(settings, reuse_kb=reuse_kb)
    render(Console(width=160), report)
