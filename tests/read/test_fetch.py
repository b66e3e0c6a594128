"""URL and feed ingest against a local HTTP server on 127.0.0.1 serving pages and a feed we wrote
(allowed with ``allow_private``: by default a fetch refuses loopback, see tests/read/test_ssrf.py)."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from entente.fetch import fetch_urls, ingest_feed, read_feed
from entente.kb import open_kb
from entente.kb.testing import TableExtractor
from entente.read.document import Document, ReadError

PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Officials from both governments described the talks as constructive and said further
meetings would follow in the coming months, with working groups reporting back before the end of the year.</p>
</article></body></html>"""
BODIES = {
    "one.html": ("Ministers meet", "The foreign ministers of Chile and Peru met in Lima to review border trade."),
    "two.html": ("Ports deal", "Chile and Peru agreed to cooperate on port infrastructure along the Pacific coast."),
}


def feed_xml(base: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{base}/{name}</link><pubDate>Mon, 02 Sep 2024 08:00:00 GMT</pubDate></item>"
        for name, (t, _) in BODIES.items())
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title><link>{base}</link>'
            f"<description>ours</description>{items}<item><title>Gone</title><link>{base}/missing.html</link></item>"
            "</channel></rss>")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    for name, (title, body) in BODIES.items():
        (root / name).write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    (root / "big.txt").write_text("x" * 5000)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "feed.xml").write_text(feed_xml(base), encoding="utf-8")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def test_fetch_pages_and_errors(server):
    items = list(fetch_urls([f"{server}/one.html", f"{server}/missing.html", f"{server}/big.txt",
                             "http://127.0.0.1:9/nothing"], max_bytes=4000, allow_private=True))
    doc = items[0]
    assert isinstance(doc, Document) and "Lima" in doc.text and doc.url == f"{server}/one.html"
    errors = [i for i in items[1:] if isinstance(i, ReadError)]
    assert len(errors) == 3
    assert "HTTP 404" in errors[0].reason
    assert "exceeds the limit" in errors[1].reason
    assert "fetch failed" in errors[2].reason


def test_read_feed(server):
    entries = read_feed(f"{server}/feed.xml", allow_private=True)
    assert [e.link.rsplit("/", 1)[-1] for e in entries] == ["one.html", "two.html", "missing.html"]
    assert entries[0].published == "2024-09-02" and entries[0].title == "Ministers meet"


def test_feed_ingests_each_entry_once(server, tmp_path, monkeypatch):
    pages = [d for d in fetch_urls([f"{server}/one.html", f"{server}/two.html"], allow_private=True) if isinstance(d, Document)]
    extractor = TableExtractor()
    from entente.kb.testing import Article

    for page in pages:
        extractor.add(Article(page.text, page.name))
    import entente.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: extractor)
    kb = open_kb(tmp_path / "kb.db")
    with kb.session() as s:
        result, fresh = ingest_feed(s, f"{server}/feed.xml", allow_private=True)
        assert (result.added, fresh) == (2, 3)
        assert [f[0].rsplit("/", 1)[-1] for f in result.failures] == ["missing.html"]
        again, fresh_again = ingest_feed(s, f"{server}/feed.xml", allow_private=True)
        assert (again.added, fresh_again) == (0, 1)  # only the failed entry is retried
    kb.close()
