"""``entente export``: the files on stdout (one path a line), what they hold on stderr."""

import csv
import re
from pathlib import Path
from typing import Annotated

import typer

from .app import err, fail
from .kbaccess import query
from .options import DbOption

FORMATS = ("csv", "jsonl", "parquet", "graphml", "plover")  # as entente.export.FORMATS (checked by a test)


def count_rows(path: Path) -> tuple[int, str]:
    """How many items ``path`` holds and what they are: CSV/JSONL/Parquet rows, GraphML nodes."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as fh:
            return max(sum(1 for _ in csv.reader(fh)) - 1, 0), "rows"
    if suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip()), "rows"
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_metadata(path).num_rows, "rows"
    if suffix == ".graphml":
        body = path.read_text(encoding="utf-8")
        nodes, edges = len(re.findall(r"<node\b", body)), len(re.findall(r"<edge\b", body))
        return nodes + edges, f"nodes and edges ({nodes} nodes, {edges} edges)"
    return 0, "bytes"


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv | jsonl | parquet | graphml | plover")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into.")],
    db: DbOption = None,
) -> None:
    """Export the knowledge base: flat tables, a GraphML network or PLOVER-style events."""
    from ..export import export as run_export

    if format not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {format!r} (choose from {', '.join(FORMATS)})", param_hint="--format"
        )
    if out.exists() and not out.is_dir():
        raise fail(f"entente export: --out {out} is a file, not a directory")
    try:
        written = query(db, lambda s: run_export(s, format, out))
    except OSError as e:  # a folder that cannot be made or written (read-only, /proc, no space)
        raise fail(f"entente export: cannot write --out {out}: {e.strerror or e}") from None
    total = 0
    for path in written:
        print(path)
        n, what = count_rows(path)
        total += n if what == "rows" else 0
        err.print(f"  {path.name}: {n:,} {what}", markup=False, highlight=False)
    err.print(
        f"wrote {len(written)} file{'s' if len(written) != 1 else ''} ({total:,} rows) to {out}",
        markup=False,
        highlight=False,
    )
