"""The progress bar of ``extract`` and ``ingest``: it counts documents, not input files.

A JSONL archive is one file and many documents, so its documents are counted first (its
non-blank lines, read as bytes; about a second per gigabyte); every other file or URL counts one.
The bar shows done/total, documents per second and the time left.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

JSONL_SUFFIXES = (
    ".jsonl",
    ".ndjson",
)  # as entente.read.formats.JSONL_EXTS (not imported: it loads the readers)


def count_lines(path: Path) -> int:
    n = 0
    try:
        with path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    n += 1
    except OSError:
        return 1  # the reader reports the error: one item
    return n


def document_total(files: Iterable[str], urls: int = 0) -> int:
    """How many documents ``files`` (and ``urls`` pages) hold: JSONL lines, one per other file."""
    total = urls
    for f in files:
        path = Path(f)
        total += count_lines(path) if f != "-" and path.suffix.lower() in JSONL_SUFFIXES else 1
    return total


class DocumentProgress:
    """``with DocumentProgress(console, "ingest", total) as tick: ... tick(n)`` after ``n`` documents."""

    def __init__(self, console: Console, label: str, total: int | None, enabled: bool = True) -> None:
        self.started = time.perf_counter()
        self.bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=not enabled,
            transient=True,
        )
        self.task = self.bar.add_task(label, total=total or None, rate="0.0 docs/s")

    def __enter__(self):
        self.bar.__enter__()
        return self.tick

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    @property
    def done(self) -> float:
        return self.bar.tasks[0].completed

    def tick(self, n: int = 1) -> None:
        done = self.done + n
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, advance=n, rate=f"{rate:.1f} docs/s")
