"""``entente extract`` and ``entente schema``: records without a knowledge base.

The extraction pipeline (spaCy and ``entente.extract``) is imported inside ``extract`` only.
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import err, report_failures
from .options import PublishedOption
from .progress import DocumentProgress, document_total


def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write JSONL here (default stdout).")
    ] = None,
    published: PublishedOption = None,
    pretty: Annotated[bool, typer.Option(help="Indented JSON (one record per block).")] = False,
    explain: Annotated[
        bool, typer.Option(help="Print, per fact, the rule that produced it (on stderr).")
    ] = False,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse files larger than this many bytes.")] = 64
    * 1024
    * 1024,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Cut longer documents here (with a warning).")
    ] = 2_000_000,
) -> None:
    """Extract one entente.record/1 per document, one JSON object per line."""
    from ..extract.explain import explain_lines
    from ..extract.pipeline import Extractor
    from ..read import ReadError, expand_paths, read_path
    from ..record import span_errors

    files = list(expand_paths(paths))
    extractor = Extractor()
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    failures: list[tuple[str, str]] = []
    done = 0
    total = document_total(files)
    try:
        with DocumentProgress(err, "extract", total, enabled=total > 3 and err.is_terminal) as tick:
            for path in files:
                for item in read_path(path, max_bytes=max_bytes, max_chars=max_chars):
                    tick(1)
                    if isinstance(item, ReadError):
                        failures.append((item.source, item.reason))
                        continue
                    notes: dict = {}
                    try:
                        record = extractor.extract(
                            item, published=published, explain=notes if explain else None
                        )
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
                        for line in explain_lines(record, notes):
                            err.print("  " + line, markup=False, highlight=False, soft_wrap=True)
    finally:
        if out:
            sink.close()
        else:
            sink.flush()
    report_failures(failures, done)
    raise typer.Exit(1 if failures else 0)


def schema() -> None:
    """Print the JSON Schema of entente.record/1."""
    from ..record import json_schema

    print(json.dumps(json_schema(), indent=2))
