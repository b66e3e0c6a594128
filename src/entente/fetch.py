"""Sources beyond files: fetch web pages and RSS/Atom feeds (httpx + feedparser).

Every fetch has a timeout and a size limit, and a failure becomes a
:class:`~entente.read.ReadError` with a clear reason, so one bad URL never stops
a batch. :func:`ingest_feed` remembers (table ``feed_items``) which entries it
has already ingested, so a feed can be polled repeatedly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

import httpx

from .read.document import Document, ReadError
from .read.formats import read_bytes

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "entente (+https://example.invalid/entente) httpx"


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _client(timeout: float) -> httpx.Client:
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})


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
    """The body and content type of ``url``; raises :class:`ReadError` on any failure."""
    try:
        with client.stream("GET", url) as response:
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
        raise ReadError(url, f"timed out after {client.timeout.read}s") from None
    except httpx.HTTPError as e:
        raise ReadError(url, f"fetch failed: {type(e).__name__}: {e}") from None


def fetch_url(url: str, *, client: httpx.Client | None = None, timeout: float = DEFAULT_TIMEOUT,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """Fetch one page and read it (HTML main text, PDF or plain text) into Documents."""
    own = client is None
    client = client or _client(timeout)
    try:
        data, ctype = get_bytes(url, client=client, max_bytes=max_bytes)
    except ReadError as e:
        yield e
        return
    finally:
        if own:
            client.close()
    name = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] or urlparse(url).netloc
    for item in read_bytes(data, name, url, _ext(ctype, url)):
        if isinstance(item, Document) and not item.url:
            item.url = url
        yield item


def fetch_urls(urls: Iterable[str], *, timeout: float = DEFAULT_TIMEOUT,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    with _client(timeout) as client:
        for url in urls:
            yield from fetch_url(url, client=client, max_bytes=max_bytes)


@dataclass
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the feed gives one


def read_feed(feed_url: str, *, client: httpx.Client | None = None, timeout: float = DEFAULT_TIMEOUT,
              max_bytes: int = DEFAULT_MAX_BYTES) -> list[FeedEntry]:
    """The entries (with links) of an RSS or Atom feed; raises :class:`ReadError` when unreadable."""
    import feedparser

    own = client is None
    client = client or _client(timeout)
    try:
        data, _ = get_bytes(feed_url, client=client, max_bytes=max_bytes)
    finally:
        if own:
            client.close()
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise ReadError(feed_url, f"not an RSS/Atom feed: {parsed.get('bozo_exception')}")
    entries = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = dt.date(*stamp[:3]).isoformat() if stamp else None
        entries.append(FeedEntry(link=str(link), title=e.get("title"), published=published))
    return entries


def ingest_feed(session, feed_url: str, *, reextract: bool = False, timeout: float = DEFAULT_TIMEOUT,
                max_bytes: int = DEFAULT_MAX_BYTES, on_progress=None):
    """Ingest every entry of a feed not ingested before; returns ``(IngestResult, new entry count)``."""
    from sqlalchemy import insert, select

    from .kb.queries import IngestResult, ingest_documents
    from .kb.schema import FeedItemRow

    try:
        entries = read_feed(feed_url, timeout=timeout, max_bytes=max_bytes)
    except ReadError as e:
        return IngestResult(failures=[(e.source, e.reason)]), 0
    links = [e.link for e in entries]
    seen = set(session.scalars(select(FeedItemRow.url).where(FeedItemRow.url.in_(links)))) if links else set()
    fresh = list({e.link: e for e in entries if e.link not in seen}.values())
    fetched: list[tuple[FeedEntry, Document | ReadError]] = []
    with _client(timeout) as client:
        for entry in fresh:
            for item in fetch_url(entry.link, client=client, max_bytes=max_bytes):
                if isinstance(item, Document):
                    item.title = item.title or entry.title
                    item.published = item.published or entry.published
                fetched.append((entry, item))
    result = ingest_documents(session, [item for _, item in fetched], reextract=reextract, on_progress=on_progress)
    stored = set(result.doc_ids)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = {entry.link: {"url": entry.link, "feed_url": feed_url, "doc_id": item.sha256, "seen_at": now}
            for entry, item in fetched if isinstance(item, Document) and item.sha256 in stored}
    if rows:
        session.execute(insert(FeedItemRow), list(rows.values()))
        session.commit()
    return result, len(fresh)
