"""Ray backend: ``entente ingest --engine ray [--address auto]`` (``pip install .[ray]``).

1. Ray Data reads the input files (``read_binary_files``) and our readers turn each
   into documents (``flat_map``; the same :func:`entente.read.read_bytes` as locally).
2. Extraction runs in ``map_batches`` with a class-based UDF: one actor per
   ``concurrency`` slot, each building the spaCy pipeline once.
3. The records (JSON, with the document fields) are written as Parquet to
   ``records_dir`` (a shared path or object store on a real cluster).
4. The driver loads the Parquet files, in input order, into the KB through
   :func:`entente.kb.ingest.ingest`, the single writer — so the KB is the same as a
   local ingest of the same input (PostgreSQL when the cluster shares one).

Order is kept: every row carries ``(file index, item index)`` and the Parquet
files are loaded sorted by it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..read import Document, ReadError, expand_paths
from ..read.sources import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS

COLUMNS = ("file_index", "item_index", "kind", "text", "name", "source", "title", "url", "outlet", "published",
           "meta", "warnings", "reason", "record", "error_type", "error")


def _require_ray():
    try:
        import ray
    except ImportError as e:  # the optional extra is not installed
        raise RuntimeError("the Ray engine needs Ray Data: pip install 'entente[ray]'") from e
    return ray


# --------------------------------------------------------------------------- reading (runs in Ray tasks)


def _empty_row(file_index: int, item_index: int) -> dict:
    row = dict.fromkeys(COLUMNS)
    row.update(file_index=file_index, item_index=item_index)
    return row


def document_rows(data: bytes, source: str, file_index: int, max_bytes: int, max_chars: int) -> list[dict]:
    """The documents (or read errors) of one file, as rows."""
    from ..read.formats import read_bytes, sniff_ext
    from ..read.sources import limit_chars

    rows = []
    if len(data) > max_bytes:
        items: Iterator = iter([ReadError(source, f"file of {len(data)} bytes exceeds the limit of {max_bytes} bytes")])
    else:
        path = Path(source)
        items = (limit_chars(it, max_chars) for it in read_bytes(data, path.name, source, sniff_ext(path, data)))
    for k, item in enumerate(items):
        row = _empty_row(file_index, k)
        if isinstance(item, ReadError):
            row.update(kind="error", source=item.source, reason=item.reason)
        else:
            row.update(kind="doc", text=item.text, name=item.name, source=item.source, title=item.title,
                       url=item.url, outlet=item.outlet, published=item.published,
                       meta=json.dumps(item.meta, ensure_ascii=False),
                       warnings=json.dumps(item.warnings, ensure_ascii=False))
        rows.append(row)
    return rows


def row_document(row: dict) -> Document:
    return Document(text=row["text"], name=row["name"], source=row["source"] or "", title=row["title"],
                    url=row["url"], outlet=row["outlet"], published=row["published"],
                    meta=json.loads(row["meta"] or "{}"), warnings=json.loads(row["warnings"] or "[]"))


class ExtractBatch:
    """The ``map_batches`` UDF: one pipeline per actor, records as JSON strings."""

    def __init__(self, published: str | None = None):
        from ..extract.pipeline import Extractor

        self.extractor = Extractor()
        self.published = published

    def __call__(self, batch):
        import pyarrow as pa

        rows = batch.to_pylist()
        for row in rows:
            if row["kind"] != "doc":
                continue
            try:
                record = self.extractor.extract(row_document(row), published=self.published)
                row["record"] = record.model_dump_json(by_alias=True)
            except Exception as e:  # reported for this document at load time, as in a plain ingest
                row["error_type"], row["error"] = type(e).__name__, str(e)
        return pa.Table.from_pylist(rows, schema=schema())


def schema():
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c.endswith("_index") else pa.string()) for c in COLUMNS])


# --------------------------------------------------------------------------- the run


def extract_to_parquet(
    paths: list[str],
    records_dir: str,
    *,
    address: str | None = None,
    concurrency: int | None = None,
    batch_size: int = 16,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[str]:
    """Read ``paths`` and extract every document on Ray; write the rows to ``records_dir`` as Parquet.

    Returns the input files in order (their index is the rows' ``file_index``).
    """
    ray = _require_ray()
    files = [p for p in expand_paths(paths) if p != "-"]
    if not files:
        return files
    if not ray.is_initialized():
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(address=address, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    index = {os.path.abspath(f): i for i, f in enumerate(files)}
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def read_file(row: dict) -> list[dict]:
        i = index[os.path.abspath(row["path"])]
        return document_rows(row["bytes"], files[i], i, max_bytes, max_chars)

    # reading and parsing are light: no CPU reserved, so they never wait behind the extraction actors
    ds = ray.data.read_binary_files([os.path.abspath(f) for f in files], include_paths=True,
                                    ray_remote_args={"num_cpus": 0})
    ds = ds.flat_map(read_file, num_cpus=0)
    ds = ds.map_batches(ExtractBatch, fn_constructor_kwargs={"published": published}, concurrency=concurrency,
                        batch_size=batch_size, batch_format="pyarrow", num_cpus=1)
    ds.write_parquet(records_dir)
    return files


def _ordered_parquet(records_dir: str) -> Iterator[dict]:
    """Rows of every Parquet file under ``records_dir`` in (file_index, item_index) order, streamed
    file by file (files are sorted by their first key; a file whose range overlaps another is merged)."""
    import pyarrow.parquet as pq

    spans = []
    for f in sorted(Path(records_dir).rglob("*.parquet")):
        keys = pq.read_table(f, columns=["file_index", "item_index"]).to_pylist()
        if keys:
            ks = [(k["file_index"], k["item_index"]) for k in keys]
            spans.append((min(ks), max(ks), f, ks == sorted(ks)))
    spans.sort()
    disjoint = all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False)) and all(s[3] for s in spans)
    if disjoint:
        for *_, f, _ in spans:
            for batch in pq.ParquetFile(f).iter_batches(batch_size=256):
                yield from batch.to_pylist()
    else:  # out-of-order writes (not expected with preserve_order): sort in memory
        rows = [r for *_, f, _ in spans for r in pq.read_table(f).to_pylist()]
        rows.sort(key=lambda r: (r["file_index"], r["item_index"]))
        yield from rows


def load_parquet(
    session,
    records_dir: str,
    *,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    on_progress: Callable[[int], None] | None = None,
):
    """Store the records written by :func:`extract_to_parquet` (the single writer)."""
    from ..kb.ingest import ingest
    from .local import _error, _PrecomputedExtractor, _Ready

    ready = _Ready()

    def items() -> Iterator[Document | Exception]:
        for row in _ordered_parquet(records_dir):
            if row["kind"] == "error":
                yield ReadError(row["source"] or "?", row["reason"] or "")
                continue
            doc = row_document(row)
            ready.put(doc, row["record"], _error(row["error_type"], row["error"] or "") if row["error_type"] else None)
            yield doc

    def fallback():
        from ..extract.pipeline import default_extractor

        return default_extractor()

    return ingest(session, items(), reextract=reextract, batch_size=batch_size, published=published,
                  on_progress=on_progress, extractor=_PrecomputedExtractor(ready, fallback))


def ingest_ray(
    session,
    paths: list[str],
    *,
    address: str | None = None,
    records_dir: str | None = None,
    concurrency: int | None = None,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_progress: Callable[[int], None] | None = None,
):
    """Extract ``paths`` on Ray and load the records into the KB of ``session``."""
    from ..kb.queries import IngestResult

    files = list(expand_paths(paths))
    missing = [p for p in files if p == "-" or not Path(p).is_file()]
    present = [p for p in files if p not in missing]
    with tempfile.TemporaryDirectory(prefix="entente-ray-") as tmp:
        target = records_dir or str(Path(tmp) / "records")
        if present:
            extract_to_parquet(present, target, address=address, concurrency=concurrency, published=published,
                               max_bytes=max_bytes, max_chars=max_chars)
        result = IngestResult()
        if Path(target).exists():
            result = load_parquet(session, target, reextract=reextract, batch_size=batch_size, published=published,
                                  on_progress=on_progress)
    result.failures += [(p, "stdin is not read by the Ray engine" if p == "-" else "no such file") for p in missing]
    return result
