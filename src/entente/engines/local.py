"""Parallel ingest on one machine: extraction in worker processes, one writer.

``entente ingest --workers N``: the calling process reads the inputs (a stream),
drops documents already stored (or seen earlier in the run) and sends the rest in
small chunks to ``N`` worker processes, which return records as JSON bytes.  Where
processes are forked (Linux) the pipeline is built, run once and frozen
(:func:`gc.freeze`) in the calling process first, so the workers start at once and
share its pages copy-on-write; elsewhere each worker builds it once.  The calling process is the only writer: it
hands the records, in input order, to :func:`entente.kb.ingest.ingest`, so
batching, idempotence, failures and the merged view are exactly those of a plain
ingest and the resulting KB is the same.  At most ``window`` chunks are in flight,
so memory stays flat however long the input is.

The final merge runs in the workers too (when they can open the KB: a file or a server, not an in-memory
database): each computes the merged rows and profiles of a chunk of pairs from the committed facts
(:func:`entente.kb.refresh.pair_rows`), with merged ids handed out in chunk order (:class:`_Turns`: the ids a
merge in one process would give), and the writer inserts them as they come.

``workers <= 1`` is the plain single-process ingest (no pool).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .. import PIPELINE_VERSION
from ..kb import jsontext
from ..kb.ingest import seen_key
from ..kb.refresh import ChunkRunner, PairRows
from ..read.document import Document, checked
from ..record import Record, span_errors

# --------------------------------------------------------------------------- worker side


def _exit_with_parent() -> None:
    """On Linux, ask for SIGTERM when the writer dies (a killed ingest leaves no orphaned workers)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


_TURNS: _Turns | None = None  # (a worker's) the merged ids' turns of a final merge
_ENGINES: dict[str, Engine] = {}  # (a worker's) engines of the KBs it merged, by URL


def _worker_init(turns: _Turns | None = None) -> None:
    from ..extract.pipeline import prepared_extractor

    global _TURNS
    _TURNS = turns
    _exit_with_parent()

    # forked from a parent that built (and froze) the pipeline: already there, shared copy-on-write;
    # spawned: built here, once per worker process
    prepared_extractor(freeze=True)


def extract_chunk(docs: list[Document], published: str | None) -> list[tuple[bytes | None, str | None, str | None]]:
    """Per document ``(record_json, None, span_problem)`` (the record as JSON bytes, cheap to send; the first
    span that does not match the text, if any: checked here, in parallel, not by the writer), or
    ``(None, error_type, message)``."""
    from ..extract.pipeline import default_extractor
    from ..record import span_errors

    extractor = default_extractor()
    out: list[tuple[bytes | None, str | None, str | None]] = []
    for doc in docs:
        try:
            record = extractor.extract(doc, published=published)
            problems = span_errors(record, doc.text)
            out.append((record.__pydantic_serializer__.to_json(record, by_alias=True), None,
                        problems[0] if problems else None))
        except Exception as e:  # reported for this document by the writer, like a plain ingest
            out.append((None, type(e).__name__, str(e)))
    return out


class _Turns:
    """Merged ids for the chunks of a final merge computed in several processes, in chunk order: chunk ``i``
    takes its ``n`` ids once chunk ``i - 1`` has taken its own, so the ids are those one process merging the
    chunks in order would give (chunks are handed to the workers in order, so a chunk only waits for one a
    worker is already computing)."""

    TIMEOUT = 600.0  # seconds a chunk waits for its turn before giving up (a safety net: a dead worker
    # breaks the pool, which stops the others)

    def __init__(self, ctx):
        self.cond = ctx.Condition()
        self.index = ctx.RawValue("q", 0)
        self.next_id = ctx.RawValue("q", 0)

    def reset(self, first: int) -> None:
        with self.cond:
            self.index.value = 0
            self.next_id.value = first

    def take(self, index: int, n: int) -> int:
        """The first of the ``n`` ids of chunk ``index`` (waiting for its turn)."""
        with self.cond:
            if not self.cond.wait_for(lambda: self.index.value == index, self.TIMEOUT):
                raise TimeoutError(f"merge chunk {index}: chunk {self.index.value} never took its ids")
            first = int(self.next_id.value)
            self.next_id.value = first + n
            self.index.value = index + 1
            self.cond.notify_all()
        return first


def merge_chunk(url: str, index: int, pairs: list[tuple[str, str]]) -> PairRows:
    """The merged rows and profiles of ``pairs`` (chunk ``index`` of a final merge), read from the KB at
    ``url`` with this worker's own connection."""
    from ..gcpause import collector_paused
    from ..kb.db import make_engine
    from ..kb.refresh import pair_rows

    turns = _TURNS
    if turns is None:
        raise RuntimeError("merge_chunk runs in a LocalEngine worker")
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = make_engine(url)
    taken = False

    def first_id(n: int) -> int:
        nonlocal taken
        taken = True
        return turns.take(index, n)

    try:
        with collector_paused(), engine.connect() as conn:
            return pair_rows(conn, pairs, first_id)
    finally:
        if not taken:  # failed before its turn: pass it on (no ids), so the later chunks do not wait for it
            turns.take(index, 0)


def shared_url(session: Session) -> str | None:
    """The URL of the session's KB if other processes can open it (a file or a server), else None."""
    url = session.get_bind().url
    backend = url.get_backend_name()
    if backend == "sqlite" and (not url.database or url.database == ":memory:" or url.query.get("mode") == "memory"):
        return None
    if backend not in ("sqlite", "postgresql"):
        return None
    return url.render_as_string(hide_password=False)


# --------------------------------------------------------------------------- writer side


def _error(kind: str, message: str) -> Exception:
    """An exception whose type name is the worker's, so failure messages read as in a plain ingest."""
    return type(kind, (Exception,), {})(message)


_UNCHECKED = object()  # a record whose spans nobody has checked yet


class _Ready:
    """Records (or errors) computed elsewhere for documents about to be handed to :func:`ingest`, by document.

    :func:`ingest` reads its input a batch ahead of extracting, so several may wait here; the oldest are
    forgotten past ``cap`` (such a document would be extracted in place, never lost)."""

    def __init__(self, cap: int = 4096):
        self.cap = cap
        self.items: OrderedDict[int, tuple[Document, bytes | None, Exception | None, object]] = OrderedDict()

    def put(self, doc: Document, record_json: bytes | None, error: Exception | None = None,
            problem: object = _UNCHECKED) -> None:
        """``problem``: the first span error found by whoever checked the record (None: none), if checked."""
        self.items[id(doc)] = (doc, record_json, error, problem)  # the entry keeps ``doc``: its id stays unique
        while len(self.items) > self.cap:
            self.items.popitem(last=False)

    def take(self, doc: Document) -> tuple[bytes | None, Exception | None, object] | None:
        entry = self.items.pop(id(doc), None)
        if entry is None or entry[0] is not doc:
            return None
        return entry[1], entry[2], entry[3]


class _PrecomputedExtractor:
    """Looks like an :class:`~entente.extract.pipeline.Extractor` to :func:`ingest`; answers from the workers."""

    def __init__(self, ready: _Ready, fallback: Callable[[], object]):
        self.ready = ready
        self.fallback = fallback

    def extract_json(self, document: Document, published: str | None = None) -> tuple[dict, list[str]]:
        """The record as JSON and its span problems (see :func:`entente.kb.ingest.ingest`), without
        building the record when a worker already checked it."""
        entry = self.ready.take(document)
        if entry is not None:
            record_json, error, problem = entry
            if error is not None:
                raise error
            if record_json is not None:
                if problem is _UNCHECKED:
                    record = Record.model_validate_json(record_json)
                    return record.to_json_dict(), span_errors(record, document.text)
                return jsontext.loads(record_json), [problem] if problem else []
        # not sent to a worker (e.g. stored by an older pipeline and --reextract): extract here
        record = self.fallback().extract(document, published=published)
        return record.to_json_dict(), span_errors(record, document.text)

    def extract(self, document: Document, published: str | None = None) -> Record:
        entry = self.ready.take(document)
        if entry is not None:
            record_json, error, _ = entry
            if error is not None:
                raise error
            if record_json is not None:
                return Record.model_validate_json(record_json)
        return self.fallback().extract(document, published=published)


class _Recent:
    """The ids of the last ``cap`` documents sent (a bounded set: the engine's memory stays flat however long
    the input).  A document seen further back is stored by the time its copy is read, so the stored-versions
    query drops it; were it not, it would only be extracted twice (the writer's ingest skips it as seen)."""

    def __init__(self, cap: int):
        self.cap = cap
        self.order: deque[int] = deque()
        self.keys: set[int] = set()

    def __contains__(self, doc_id: str) -> bool:
        return seen_key(doc_id) in self.keys

    def add(self, doc_id: str) -> bool:
        """False if ``doc_id`` is among the recent ones, else remembers it."""
        key = seen_key(doc_id)
        if key in self.keys:
            return False
        self.keys.add(key)
        self.order.append(key)
        if len(self.order) > self.cap:
            self.keys.discard(self.order.popleft())
        return True


def _start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods else "spawn"


class LocalEngine:
    """A pool of extraction worker processes; use as a context manager around :meth:`ingest`.

    Start it before any thread (e.g. a progress bar) is running: workers are forked.  With fork the pipeline
    is built (and run once) here first, so the workers start at once and share its pages copy-on-write
    (the heap frozen across the fork: the workers' collections never touch those pages); the workers are not
    waited for.  ``freeze``: keep this process's heap frozen afterwards too (a CLI run: the pipeline and the
    imported modules are never collected; a library caller leaves it False).  ``startup_seconds``: what
    :meth:`__enter__` took.  The workers compute the final merge of :meth:`ingest` too, then stop.
    """

    def __init__(self, workers: int, chunk_size: int = 8, window: int | None = None, freeze: bool = False):
        self.workers = max(1, workers)
        self.chunk_size = max(1, chunk_size)
        self.window = window or 4 * self.workers
        self.freeze = freeze
        self.recent = 20_000  # documents remembered for dropping repeats (far more than are in flight or unwritten)
        self.pool: ProcessPoolExecutor | None = None
        self.turns: _Turns | None = None
        self.startup_seconds = 0.0

    def __enter__(self) -> LocalEngine:
        started = time.perf_counter()
        if self.workers <= 1:
            if self.freeze:
                from ..extract.pipeline import prepared_extractor

                prepared_extractor(freeze=True)
        else:
            method = _start_method()
            if method == "fork":
                from ..extract.pipeline import prepared_extractor

                prepared_extractor(freeze=True)
            ctx = multiprocessing.get_context(method)
            self.turns = _Turns(ctx)
            self.pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_worker_init,
                                            initargs=(self.turns,))
            self.pool.submit(os.getpid)  # forks every worker now, before the caller starts threads
            if method == "fork" and not self.freeze:
                gc.unfreeze()
        self.startup_seconds = time.perf_counter() - started
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (done by :meth:`ingest` at its end: a later call runs in this process)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    # ------------------------------------------------------------------
    def ingest(
        self,
        session: Session,
        items: Iterable[Document | Exception],
        *,
        reextract: bool = False,
        batch_size: int = 25,
        published: str | None = None,
        on_progress: Callable[[int], None] | None = None,
    ):
        """Like :func:`entente.kb.queries.ingest_documents`, with extraction in the worker processes."""
        from ..kb.ingest import ingest

        if self.pool is None:
            return ingest(session, items, reextract=reextract, batch_size=batch_size, published=published,
                          on_progress=on_progress)
        from ..extract.pipeline import default_extractor

        ready = _Ready()
        stream = self._ordered(session, checked(items), ready, reextract, published)
        try:
            return ingest(session, stream, reextract=reextract, batch_size=batch_size, published=published,
                          on_progress=on_progress, extractor=_PrecomputedExtractor(ready, default_extractor),
                          merge_runner=self._merge_runner(session))
        finally:
            self.close()

    def _merge_runner(self, session: Session) -> ChunkRunner | None:
        """Runs the final merge's chunks of pairs in the workers (see :func:`merge_chunk`), at most two per worker
        at a time (the rows of those done wait here for the writer), their rows yielded in chunk order; None if
        the workers cannot open the KB."""
        url = shared_url(session)
        if url is None:
            return None

        def run(chunks: list[list[tuple[str, str]]], first: int) -> Iterator[PairRows]:
            assert self.pool is not None and self.turns is not None
            self.turns.reset(first)
            pending: deque[Future] = deque()
            try:
                for index, chunk in enumerate(chunks):
                    while len(pending) >= 2 * self.workers:
                        yield pending.popleft().result()
                    pending.append(self.pool.submit(merge_chunk, url, index, chunk))
                while pending:
                    yield pending.popleft().result()
            finally:  # (on an error: those not started never start; those started finish, in turn)
                for future in pending:
                    future.cancel()

        return run

    @staticmethod
    def _needs_extraction(doc: Document, seen: _Recent, versions: dict[str, str], reextract: bool) -> bool:
        doc_id = doc.sha256
        if not seen.add(doc_id):
            return False
        version = versions.get(doc_id)
        return version is None or (reextract and version != PIPELINE_VERSION)

    def _ordered(
        self,
        session: Session,
        items: Iterable[Document | Exception],
        ready: _Ready,
        reextract: bool,
        published: str | None,
    ) -> Iterator[Document | Exception]:
        """Items in input order; before each document is yielded its record is put in ``ready``."""
        assert self.pool is not None
        from ..kb.ingest import stored_versions

        pending: deque[tuple[list[Document | Exception], list[bool], Future]] = deque()
        seen = _Recent(self.recent)
        block: list[Document | Exception] = []
        block_size = self.chunk_size * self.workers * 2  # one stored-versions query per block, not per chunk

        def submit(items_: list[Document | Exception]) -> None:
            docs = [it for it in items_ if isinstance(it, Document)]
            versions = stored_versions(session, [d.sha256 for d in docs if d.sha256 not in seen])
            session.commit()  # end the read
            flags = [isinstance(it, Document) and self._needs_extraction(it, seen, versions, reextract)
                     for it in items_]
            assert self.pool is not None
            for i in range(0, len(items_), self.chunk_size):
                part, part_flags = items_[i : i + self.chunk_size], flags[i : i + self.chunk_size]
                sent = [it for it, f in zip(part, part_flags, strict=True) if f]
                pending.append((part, part_flags, self.pool.submit(extract_chunk, sent, published)))

        def drain_one() -> Iterator[Document | Exception]:
            items_, flags, fut = pending.popleft()
            results = iter(fut.result())
            for it, sent in zip(items_, flags, strict=True):
                if sent:
                    record_json, kind, message = next(results)
                    if kind:
                        ready.put(it, None, _error(kind, message or ""))  # type: ignore[arg-type]
                    else:
                        ready.put(it, record_json, None, message)  # type: ignore[arg-type]
                yield it

        for item in items:
            block.append(item)
            if len(block) >= block_size:
                while len(pending) + block_size // self.chunk_size > self.window:
                    yield from drain_one()
                submit(block)
                block = []
        if block:
            submit(block)
        while pending:
            yield from drain_one()


def ingest_parallel(
    session: Session,
    items: Iterable[Document | Exception],
    *,
    workers: int,
    reextract: bool = False,
    batch_size: int = 25,
    published: str | None = None,
    on_progress: Callable[[int], None] | None = None,
):
    """One-shot :class:`LocalEngine` ingest with ``workers`` processes."""
    with LocalEngine(workers) as engine:
        return engine.ingest(session, items, reextract=reextract, batch_size=batch_size, published=published,
                             on_progress=on_progress)
