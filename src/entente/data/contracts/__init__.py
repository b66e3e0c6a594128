"""One module per data file, each defining ``Contract`` (a :class:`entente.data.DataContract`): ``<stem>.py``
for a file of ``entente.data``, ``bench_<stem>.py`` for one of ``entente.bench``.  ``_codes`` (ISO code
types) and ``_rows`` (TSV rows as models) are shared by several contracts and are no data file's."""
