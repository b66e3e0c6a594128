"""A response cache for the read routes: pages and API answers, per KB generation.

:class:`ResponseCache` is a pure ASGI middleware.  It keeps the complete answers (status,
headers, body) of ``GET`` requests, keyed on (path, query string, today's date — deadline
states depend on it), in a bounded LRU (entry count and total bytes).  Every entry belongs
to the KB generation (:class:`~entente.web.generation.KBGeneration`) read *before* the answer
was computed; when the generation changes, every entry is dropped, so an ingest or delete —
through this app, another worker or the command line — makes the next read fresh.

Never cached: other methods (writes), any status but 200, answers with ``Set-Cookie`` or
``Cache-Control: no-store``/``private``, exports (``/api/export/...``: downloads built on
demand) and ``/static`` (served with their own validators).  Concurrent misses of one key
compute the answer once: the others wait for it (single flight).  A request with
``Cache-Control: no-cache`` (or ``Pragma: no-cache``; a browser's hard reload) is computed afresh
and its answer stored: the way to measure server time, or to force a refresh.  Security headers and
``Server-Timing`` are added outside this middleware, fresh on every answer; ``X-Entente-Cache``
says ``hit`` or ``miss``.

``ENTENTE_WEB_CACHE`` sets the entry limit (``0`` turns the cache off) and
``ENTENTE_WEB_CACHE_MB`` the byte limit, per worker process.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .generation import KBGeneration

CACHE_ENV = "ENTENTE_WEB_CACHE"
CACHE_MB_ENV = "ENTENTE_WEB_CACHE_MB"
DEFAULT_ENTRIES = 2048  # the byte limit is the real bound; a 100k KB has ~700 popular answers
DEFAULT_BYTES = 256 * 1024 * 1024  # a pair profile of the 100k KB is ~1.5 MB (API) + ~0.9 MB (page)
MAX_ENTRY_FRACTION = 8  # one answer may take at most 1/8 of the byte budget
NOT_CACHED_PREFIXES = ("/static/", "/api/export/")
CACHE_HEADER = b"x-entente-cache"
UNCACHEABLE_CONTROL = (b"no-store", b"private")


@dataclass(frozen=True)
class Entry:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def cache_limits_from_env() -> tuple[int, int]:
    """(max entries, max bytes) from ``ENTENTE_WEB_CACHE`` and ``ENTENTE_WEB_CACHE_MB``."""
    entries = int(os.environ.get(CACHE_ENV) or DEFAULT_ENTRIES)
    mb = os.environ.get(CACHE_MB_ENV)
    return max(0, entries), int(float(mb) * 1024 * 1024) if mb else DEFAULT_BYTES


class ResponseCache:
    """The LRU store; see the module docstring.  Thread-safe (sync routes run in a thread pool)."""

    def __init__(self, generation: KBGeneration, max_entries: int = DEFAULT_ENTRIES,
                 max_bytes: int = DEFAULT_BYTES) -> None:
        self.generation = generation
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // MAX_ENTRY_FRACTION
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self._generation: tuple | None = None
        self.hits = self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0 and self.max_bytes > 0

    def current(self) -> tuple:
        """The KB generation now; entries of any other generation are dropped."""
        token = self.generation.token()
        with self._lock:
            if token != self._generation:
                self._entries.clear()
                self._bytes = 0
                self._generation = token
        return token

    def get(self, key: tuple, generation: tuple) -> Entry | None:
        with self._lock:
            if generation != self._generation:
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return entry

    def put(self, key: tuple, generation: tuple, entry: Entry) -> bool:
        if len(entry.body) > self.max_entry_bytes:
            return False
        with self._lock:
            if generation != self._generation:  # the KB changed while this answer was computed
                return False
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = entry
            self._bytes += len(entry.body)
            while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)
        return True

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes, "hits": self.hits, "misses": self.misses}


def cacheable_request(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    return scope["type"] == "http" and scope.get("method") == "GET" and not path.startswith(NOT_CACHED_PREFIXES)


def wants_fresh(scope: Scope) -> bool:
    """The request asks for a recomputed answer (``Cache-Control: no-cache`` or ``Pragma: no-cache``)."""
    for name, value in scope.get("headers", []):
        if name in (b"cache-control", b"pragma") and b"no-cache" in value.lower():
            return True
    return False


def cacheable_response(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    if status != 200:
        return False
    for name, value in headers:
        name = name.lower()
        if name == b"set-cookie":
            return False
        if name == b"cache-control" and any(word in value.lower() for word in UNCACHEABLE_CONTROL):
            return False
    return True


class ResponseCacheMiddleware:
    """Serves cached answers and fills the cache; see the module docstring."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache
        self._inflight: dict[tuple, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.cache.enabled or not cacheable_request(scope):
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope["path"].encode()
        key = (path, scope.get("query_string", b""), dt.date.today().toordinal())
        generation = self.cache.current()
        if wants_fresh(scope):
            await self._compute(scope, receive, send, key, generation)
            return
        entry = self.cache.get(key, generation)
        if entry is None:
            flight = (key, generation)
            waiting = self._inflight.get(flight)
            if waiting is not None:  # the same answer is being computed: wait for it instead of redoing it
                await waiting.wait()
                entry = self.cache.get(key, generation)
        if entry is not None:
            await send({"type": "http.response.start", "status": entry.status,
                        "headers": [*entry.headers, (CACHE_HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self._compute(scope, receive, send, key, generation)

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key: tuple, generation: tuple) -> None:
        flight = (key, generation)
        done = self._inflight.get(flight)
        owner = done is None
        if owner:
            done = self._inflight[flight] = asyncio.Event()
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal status, headers, size, keep
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                keep = cacheable_response(status, headers)
                message = {**message, "headers": [*headers, (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > self.cache.max_entry_bytes:
                    keep, chunks[:] = False, []
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keep:
                    self.cache.put(key, generation, Entry(status, tuple(headers), b"".join(chunks)))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            if owner:
                del self._inflight[flight]
                done.set()
