"""``entente ingest``: extract and store, the one command that creates a knowledge base.

The engines, readers and extraction pipeline are imported inside the command only.
"""

import time
from typing import Annotated, Literal

import typer

from .app import err, fail, report_failures
from .kbaccess import open_or_create
from .options import MAX_WORKERS, DbOption, PublishedOption
from .progress import DocumentProgress, document_total

Engine = Literal["local", "ray"]


def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, URLs (http/https) or - for stdin.")
    ] = None,
    db: DbOption = None,
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL; new entries are ingested.")
    ] = None,
    reextract: Annotated[
        bool, typer.Option(help="Redo documents extracted by an older pipeline version.")
    ] = False,
    published: PublishedOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per committed batch.")] = 25,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse files or pages larger than this.")] = 64
    * 1024
    * 1024,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a URL fetch may take in all (connect, redirects, body).")
    ] = 20.0,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Cut longer documents here (with a warning).")
    ] = 2_000_000,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let URLs and feeds fetch from loopback/private/link-local addresses."
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(min=1, max=MAX_WORKERS, help="Extraction processes (a pipeline in each; one writer)."),
    ] = 1,
    engine: Annotated[
        Engine,
        typer.Option(
            help=(
                "local (this machine) or ray (Ray Data, installed with the extra: pip install 'entente\\[ray]')."
            )
        ),
    ] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address for --engine ray (e.g. auto).")
    ] = None,
) -> None:
    """Extract and store documents in the knowledge base (idempotent; committed in batches).

    --engine ray needs the optional extra entente\\[ray]: pip install 'entente\\[ray]'.
    """
    import itertools

    from ..engines.local import LocalEngine
    from ..engines.stream import stream_paths
    from ..fetch import fetch_urls, ingest_feed, is_url
    from ..kb.queries import IngestResult
    from ..read import expand_paths

    paths, feeds = paths or [], feed or []
    if not paths and not feeds:
        raise fail("entente ingest: nothing to ingest: give paths, URLs or --feed URL")
    urls = [p for p in paths if is_url(p)]
    fetching = dict(timeout=timeout, max_bytes=max_bytes, max_chars=max_chars, allow_private=allow_private)
    files = list(expand_paths([p for p in paths if not is_url(p)]))
    items = itertools.chain(
        (item for f in files for item in stream_paths([f], max_bytes=max_bytes, max_chars=max_chars)),
        fetch_urls(urls, **fetching),
    )
    kb = open_or_create(db)
    started = time.perf_counter()
    total = IngestResult()
    expected = document_total(files, len(urls)) if not feeds else None
    try:
        with (
            LocalEngine(workers if engine == "local" else 1, freeze=True) as local,
            kb.session() as session,
            DocumentProgress(err, "ingest", expected, enabled=err.is_terminal) as tick,
        ):
            batches = dict(reextract=reextract, batch_size=batch_size, published=published, on_progress=tick)
            if engine == "ray":
                from ..engines.ray_engine import ingest_ray

                total = ingest_ray(session, files, address=address, max_bytes=max_bytes, **batches)
                if urls:
                    total.failures += [
                        (u, "--engine ray reads files; ingest URLs with --engine local") for u in urls
                    ]
            else:
                total = local.ingest(session, items, **batches)
            for feed_url in feeds:
                result, fresh = ingest_feed(
                    session, feed_url, reextract=reextract, on_progress=tick, **fetching
                )
                err.print(f"feed {feed_url}: {fresh} new entries")
                total.added += result.added
                total.skipped += result.skipped
                total.reextracted += result.reextracted
                total.failures += result.failures
    finally:
        kb.close()
    elapsed = time.perf_counter() - started
    processed = total.added + total.reextracted
    err.print(
        f"{kb.url}: {total.added} added, {total.reextracted} re-extracted, {total.skipped} already present "
        f"({processed / max(elapsed, 1e-9):.1f} docs/s over {elapsed:.1f}s)"
    )
    report_failures(total.failures, total.added + total.reextracted + total.skipped)
    raise typer.Exit(1 if total.failures else 0)
