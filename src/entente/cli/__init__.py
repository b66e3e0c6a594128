"""The ``entente`` command line, one module per group of commands, in the order of the data flow:

- :mod:`.extraction` — ``extract``, ``schema`` (records, no KB);
- :mod:`.ingestion` — ``ingest`` (the only command that creates a KB);
- :mod:`.query` — ``pairs``, ``show``, ``timeline``, ``compare``, ``search``, ``people``;
- :mod:`.catalog` — ``documents``, ``delete``, ``stats``;
- :mod:`.exporting` — ``export``;
- :mod:`.serving` — ``serve``, ``bench``;
- :mod:`.review` — ``review ...`` (a group), ``eval``.

:mod:`.app` holds the Typer app they register on; :mod:`.options`, :mod:`.kbaccess` and
:mod:`.output` the shared options, KB opening and printing. Only ``extract`` and ``ingest`` load
the extraction pipeline, inside the command: a query starts without spaCy, and on an SQLite KB
without SQLAlchemy (:func:`.kbaccess.read`).

The modules defining commands and their options (:mod:`.app`, :mod:`.options` and the command
modules) do without ``from __future__ import annotations``: Typer reads every registered command's
parameters on each run, and string annotations would be evaluated one by one, which took ~40 ms of
each start (``docs/bench.md``, cold start).
"""

from __future__ import annotations

from . import catalog, exporting, extraction, ingestion, query, review, serving
from .app import app, report_failures

COMMANDS = (  # registered in this order, the order of --help
    extraction.extract,
    extraction.schema,
    ingestion.ingest,
    query.pairs,
    query.show,
    query.timeline,
    query.compare,
    query.search,
    query.people,
    catalog.documents,
    catalog.delete,
    catalog.stats,
    exporting.export,
    serving.serve,
    serving.bench,
)
for command in COMMANDS:
    app.command()(command)
app.add_typer(review.review, name="review")
app.command("eval")(review.eval_)

__all__ = ["app", "main", "report_failures", "COMMANDS"]


def main() -> None:
    app()
