"""Sources beyond files: fetch web pages and RSS/Atom feeds (httpx + feedparser).

Every fetch has one total deadline (``timeout``: connect, redirects, headers and body together) and a
size limit on the bytes received, and connects only to public addresses unless ``allow_private`` is
set (see :mod:`entente.netguard`); a failure becomes a :class:`~entente.read.ReadError` with a clear
reason, so one bad URL never stops a batch.  A feed's entries are fetched under the same rules, each
on its own (a bad entry is one failure); only http(s) links are followed, and at most
:data:`MAX_FEED_ENTRIES` entries of one feed are read.  :func:`ingest_feed` remembers (table
``feed_items``) which entries it has already ingested, so a feed can be polled repeatedly.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

import httpx

from .netguard import deadline, guarded_client, scheme_problem
from .read.document import Document, ReadError
from .read.formats import read_bytes
from .read.sources import DEFAULT_MAX_CHARS

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_FEED_ENTRIES = 2000  # entries read from one feed (a feed of 10,000 items is cut here, with a failure)
USER_AGENT = "entente (+https://example.invalid/entente) httpx"


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _client(timeout: float, allow_private: bool = False) -> httpx.Client:
    return guarded_client(timeout, allow_private, USER_AGENT)


def _ext(content_type: str, url: str) -> str:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return ".html"
    if ctype == "application/pdf":
        return ".pdf"
    if ctype in ("text/plain", "text/markdown"):
        return ".txt"
    path = urlparse(url).path.lower()
    for ext in (".html", ".htm", ".pdf", ".txt", ".md"):
        if path.endswith(ext):
            return ext
    return ".html"


def get_bytes(url: str, *, client: httpx.Client, max_bytes: int) -> tuple[bytes, str]:
    """The body and content type of ``url``; raises :class:`ReadError` on any failure.

    The client's timeout is the deadline of the whole fetch (not of each read)."""
    if (problem := scheme_problem(url)) is not None:
        raise ReadError(url, problem)
    seconds = client.timeout.read or DEFAULT_TIMEOUT
    started = time.monotonic()
    try:
        with deadline(seconds), client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(url, f"response of {declared} bytes exceeds the limit of {max_bytes} bytes")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ReadError(url, f"response exceeds the limit of {max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("content-type", "")
    except httpx.TimeoutException:
        raise ReadError(url, f"timed out after {time.monotonic() - started:.0f}s (the limit of the whole fetch is "
                             f"{seconds:g}s)") from None
    except httpx.HTTPError as e:
        raise ReadError(url, f"fetch failed: {type(e).__name__}: {e}") from None


def fetch_url(url: str, *, client: httpx.Client | None = None, timeout: float = DEFAULT_TIMEOUT,
              max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
              allow_private: bool = False) -> Iterator[Document | ReadError]:
    """Fetch one page and read it (HTML main text, PDF or plain text) into Documents."""
    own = client is None
    client = client or _client(timeout, allow_private)
    try:
        data, ctype = get_bytes(url, client=client, max_bytes=max_bytes)
    except ReadError as e:
        yield e
        return
    finally:
        if own:
            client.close()
    name = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] or urlparse(url).netloc
    for item in read_bytes(data, name, url, _ext(ctype, url), max_chars=max_chars):
        if isinstance(item, Document) and not item.url:
            item.url = url
        yield item


def fetch_urls(urls: Iterable[str], *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
               max_chars: int = DEFAULT_MAX_CHARS, allow_private: bool = False) -> Iterator[Document | ReadError]:
    with _client(timeout, allow_private) as client:
        for url in urls:
            yield from fetch_url(url, client=client, max_bytes=max_bytes, max_chars=max_chars)


@dataclass
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the feed gives one


# A document type declaration, with its internal subset (entity declarations) if it has one.  Real feeds
# need none (RSS 0.91's points at a public DTD nobody fetches); a hostile one declares nested entities
# ("billion laughs") that an expat without amplification limits (before 2.4) expands to gigabytes.
_DOCTYPE = re.compile(rb"<!DOCTYPE(?:[^\[>]*)(?:\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)


def without_doctype(data: bytes) -> bytes:
    """``data`` without its document type declaration: declared entities stay unexpanded text."""
    return _DOCTYPE.sub(b"", data, count=1)


def read_feed(feed_url: str, *, client: httpx.Client | None = None, timeout: float = DEFAULT_TIMEOUT,
              max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False) -> list[FeedEntry]:
    """The entries (with links) of an RSS or Atom feed; raises :class:`ReadError` when unreadable."""
    own = client is None
    client = client or _client(timeout, allow_private)
    try:
        return read_feed_entries(feed_url, client=client, max_bytes=max_bytes)[0]
    finally:
        if own:
            client.close()


def read_feed_entries(feed_url: str, *, client: httpx.Client, max_bytes: int) -> tuple[list[FeedEntry], int]:
    """The first :data:`MAX_FEED_ENTRIES` entries with an http(s) link, and how many entries the feed has.

    feedparser resolves no external entity and no DTD, so a feed cannot make it read a file or a URL;
    an entity declared inside the feed ("billion laughs") is never expanded, whatever the expat build:
    the document type declaration is dropped before parsing (see :func:`without_doctype`)."""
    import feedparser

    data, _ = get_bytes(feed_url, client=client, max_bytes=max_bytes)
    parsed = feedparser.parse(without_doctype(data))
    if parsed.bozo and not parsed.entries:
        raise ReadError(feed_url, f"not an RSS/Atom feed: {parsed.get('bozo_exception')}")
    entries = []
    for e in parsed.entries[:MAX_FEED_ENTRIES]:
        link = e.get("link")
        if not link or not isinstance(link, str):
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        try:
            published = dt.date(*stamp[:3]).isoformat() if stamp else None
        except (TypeError, ValueError):
            published = None
        entries.append(FeedEntry(link=link.strip(), title=e.get("title"), published=published))
    return entries, len(parsed.entries)


def ingest_feed(session, feed_url: str, *, reextract: bool = False, timeout: float = DEFAULT_TIMEOUT,
                max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
                allow_private: bool = False, on_progress=None):
    """Ingest every entry of a feed not ingested before; returns ``(IngestResult, new entry count)``."""
    from sqlalchemy import insert, select

    from .kb.queries import IngestResult, ingest_documents
    from .kb.schema import FeedItemRow

    try:
        with _client(timeout, allow_private) as client:
            entries, total = read_feed_entries(feed_url, client=client, max_bytes=max_bytes)
    except ReadError as e:
        return IngestResult(failures=[(e.source, e.reason)]), 0
    links = [e.link for e in entries]
    seen = set(session.scalars(select(FeedItemRow.url).where(FeedItemRow.url.in_(links)))) if links else set()
    fresh = list({e.link: e for e in entries if e.link not in seen}.values())
    fetched: list[tuple[str, str]] = []  # (entry link, doc id) of each page read: the documents themselves
    # stream into the ingest (one at a time in memory, however many entries the feed has)

    def pages() -> Iterator[Document | ReadError]:
        with _client(timeout, allow_private) as client:
            for entry in fresh:
                for item in fetch_url(entry.link, client=client, max_bytes=max_bytes, max_chars=max_chars):
                    if isinstance(item, Document):
                        item.title = item.title or entry.title
                        item.published = item.published or entry.published
                        fetched.append((entry.link, item.sha256))
                    yield item

    result = ingest_documents(session, pages(), reextract=reextract, on_progress=on_progress)
    if total > MAX_FEED_ENTRIES:
        result.failures.append((feed_url, f"feed has {total} entries: only the first {MAX_FEED_ENTRIES} were read"))
    stored = set(result.doc_ids)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = {link: {"url": link, "feed_url": feed_url, "doc_id": doc_id, "seen_at": now}
            for link, doc_id in fetched if doc_id in stored}
    if rows:
        session.execute(insert(FeedItemRow), list(rows.values()))
        session.commit()
    return result, len(fresh)
