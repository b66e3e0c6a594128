"""Fetches refuse internal targets (issue 21, item 2) and hostile feeds end in per-item errors (issue 19).

A local HTTP server on 127.0.0.1 plays a hostile site.  By default it must be refused (loopback); with
``allow_private`` (``entente ingest --allow-private``) it is fetched.  To test what happens *after* the first
request (redirects, feed entry links), the policy is told to treat 127.0.0.1 as public while every other
address keeps the real rules: a redirect to 127.0.0.2 (loopback), 10.0.0.1 or 169.254.169.254 is refused.
"""

from __future__ import annotations

import http.server
import ipaddress
import threading
import time

import pytest
from typer.testing import CliRunner

from entente import netguard
from entente.fetch import fetch_urls, ingest_feed, read_feed
from entente.read.document import Document, ReadError

PAGE = ("<!doctype html><html><head><title>Port talks</title></head><body><article><h1>Port talks</h1>"
        "<p>The transport ministers of Chile and Peru met in Arica on Monday and agreed to build a joint "
        "freight terminal on their shared border, officials of both governments said afterwards.</p>"
        "<p>Working groups will report back to the two ministers before the end of the year.</p>"
        "</article></body></html>")
HITS: list[str] = []


class Hostile(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html", headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        HITS.append(self.path)
        port = self.server.server_address[1]
        path = self.path.split("?")[0]
        if path == "/page.html":
            self._send(200, PAGE.encode())
        elif path.startswith("/to/"):  # /to/<target>: a redirect there
            target = {"loopback": f"http://127.0.0.2:{port}/page.html", "private": "http://10.0.0.1/x",
                      "metadata": "http://169.254.169.254/latest/meta-data/", "file": "file:///etc/passwd",
                      "v6": f"http://[::1]:{port}/page.html", "mapped": f"http://[::ffff:127.0.0.2]:{port}/"}
            self._send(302, headers={"Location": target[path[4:]]})
        elif path == "/loop":
            self._send(302, headers={"Location": f"/loop?{len(HITS)}"})
        elif path == "/binary.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "image/png")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.25)
            except OSError:
                pass
        elif path == "/feed.xml":
            self._send(200, feed(port).encode(), "application/rss+xml")
        elif path == "/many.xml":
            items = "".join(f"<item><title>n{i}</title><link>http://127.0.0.1:{port}/page.html?{i % 3}</link></item>"
                            for i in range(10_000))
            self._send(200, f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
                       "application/rss+xml")
        elif path == "/laughs.xml":
            self._send(200, LAUGHS.encode(), "application/rss+xml")
        else:
            self._send(404, b"no")


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + '<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
          '<rss version="2.0"><channel><title>&j;</title><item><title>&j; &ext;</title>'
          "<link>http://example.invalid/x</link><description>&j;</description></item></channel></rss>")


def feed(port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    links = [f"{base}/page.html", "file:///etc/passwd", "javascript:alert(1)", "http://169.254.169.254/latest/",
             f"{base}/loop", f"{base}/binary.png", f"{base}/to/loopback", "data:text/html,<p>x</p>", f"{base}/nope"]
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def public_127001(monkeypatch):
    """127.0.0.1 counts as public; every other address keeps the real policy."""
    real = netguard.address_problem
    monkeypatch.setattr(netguard, "address_problem",
                        lambda ip: None if str(ip) == "127.0.0.1" else real(ip))


@pytest.mark.parametrize("address,kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.9", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("fc00::1", "private"), ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("100.64.0.1", "public"), ("240.0.0.1", "reserved"),
])
def test_address_policy(address, kind):
    problem = netguard.address_problem(ipaddress.ip_address(address))
    assert problem is not None and (kind in problem or kind == "public"), (address, problem)
    assert netguard.address_problem(ipaddress.ip_address("93.184.216.34")) is None


def test_loopback_is_refused_by_default_and_fetched_when_allowed(server):
    HITS.clear()
    (refused,) = fetch_urls([f"{server}/page.html"])
    assert isinstance(refused, ReadError) and "refused" in refused.reason and "loopback" in refused.reason
    assert HITS == []  # not even connected
    (page,) = fetch_urls([f"{server}/page.html"], allow_private=True)
    assert isinstance(page, Document) and "Arica" in page.text
    with pytest.raises(ReadError, match="refused"):
        read_feed(f"{server}/feed.xml")
    (name,) = fetch_urls(["http://localhost:9/x"])  # names are resolved: localhost is loopback
    assert isinstance(name, ReadError) and "refused" in name.reason


@pytest.mark.parametrize("target,phrase", [
    ("loopback", "loopback"), ("private", "private"), ("metadata", "link-local"), ("file", "http(s)"),
    ("v6", "loopback"), ("mapped", "loopback"),
])
def test_every_redirect_is_checked(server, public_127001, target, phrase):
    (item,) = fetch_urls([f"{server}/to/{target}"], timeout=5)
    assert isinstance(item, ReadError) and phrase in item.reason, item


def test_redirect_loop_and_schemes(server, public_127001):
    loop, js, ftp = fetch_urls([f"{server}/loop", "javascript:alert(1)", "ftp://127.0.0.1/x"], timeout=5)
    assert isinstance(loop, ReadError) and "redirect" in loop.reason.lower()
    assert isinstance(js, ReadError) and "http(s)" in js.reason
    assert isinstance(ftp, ReadError) and "http(s)" in ftp.reason


def test_one_deadline_for_the_whole_fetch(server, public_127001):
    started = time.monotonic()
    (item,) = fetch_urls([f"{server}/drip"], timeout=1.5)  # a byte every 0.25 s: no single read times out
    took = time.monotonic() - started
    assert isinstance(item, ReadError) and "timed out" in item.reason, item
    assert took < 4, took


def test_hostile_feed_ends_in_per_item_errors(server, public_127001, tmp_path, monkeypatch):
    from entente.kb import open_kb
    from entente.kb.testing import Article, TableExtractor

    page = next(iter(fetch_urls([f"{server}/page.html"])))
    extractor = TableExtractor([Article(page.text, page.name)])
    import entente.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: extractor)
    kb = open_kb(tmp_path / "kb.db")
    try:
        with kb.session() as s:
            result, fresh = ingest_feed(s, f"{server}/feed.xml", timeout=5)
    finally:
        kb.close()
    assert result.added == 1 and fresh == 9
    reasons = dict(result.failures)
    assert len(reasons) == 8, reasons

    def reason(start: str) -> str:
        (found,) = [r for src, r in reasons.items() if src.startswith(start)]
        return found

    for scheme in ("file:", "javascript:", "data:"):  # (feedparser tidies some links: file://etc/passwd)
        assert "http(s)" in reason(scheme)
    assert "link-local" in reason("http://169.254.169.254/")
    assert "redirect" in reason(f"{server}/loop").lower()
    assert "binary" in reason(f"{server}/binary.png")
    assert "loopback" in reason(f"{server}/to/loopback")
    assert "404" in reason(f"{server}/nope")


# The child's own peak: /proc/self/status VmHWM (ru_maxrss would also count the pytest worker it was forked
# from, since Linux carries the parent's high-water mark across fork and exec).
CHILD = """
import ipaddress, json, resource, sys
from entente import netguard
real = netguard.address_problem
netguard.address_problem = lambda ip: None if str(ip) == "127.0.0.1" else real(ip)
from entente.fetch import read_feed


def peak_mb():
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


many = read_feed(sys.argv[1] + "/many.xml")
laughs = read_feed(sys.argv[1] + "/laughs.xml")
print(json.dumps({"many": len(many), "laughs": [e.title for e in laughs],
                  "rss_mb": peak_mb()}))
"""


def test_big_and_entity_feeds_cost_little_memory(server):
    import json
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", CHILD, server], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["many"] == 2000  # MAX_FEED_ENTRIES of the 10,000
    assert out["rss_mb"] < 200, out["rss_mb"]  # ~50 MB: the DOCTYPE goes before parsing, whatever the expat
    (title,) = out["laughs"]
    assert len(title or "") < 10_000  # no billion laughs
    assert "root:" not in (title or "")  # no external entity


def test_cli_ingest_refuses_loopback_unless_allowed(server, tmp_path):
    from entente.cli import app

    db = str(tmp_path / "kb.db")
    refused = CliRunner().invoke(app, ["ingest", f"{server}/page.html", "--db", db])
    assert refused.exit_code == 1 and "--allow-private" in refused.output, refused.output
    allowed = CliRunner().invoke(app, ["ingest", f"{server}/page.html", "--db", db, "--allow-private"])
    assert allowed.exit_code == 0 and "1 added" in " ".join(allowed.output.split()), allowed.output


def test_no_route_fetches_a_client_given_url(server, tmp_path):
    """Posting a document whose url points inside the network stores the string; nothing is fetched."""
    import warnings

    from entente.kb import open_kb
    from entente.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    HITS.clear()
    app = create_app(kb=open_kb(tmp_path / "kb.db"), api_token="t")
    with TestClient(app) as c:
        r = c.post("/api/documents", headers={"Authorization": "Bearer t"},
                   json={"text": "Chile and Peru met in Lima on Monday.", "url": f"{server}/page.html"})
        assert r.status_code in (200, 201), r.text
        for path in ("/api/pairs", "/documents", f"/api/documents/{r.json()['doc_ids'][0]}"):
            assert c.get(path).status_code == 200
    assert HITS == []


def test_the_doctype_and_its_entities_go_before_parsing():
    from entente.fetch import without_doctype

    assert without_doctype(LAUGHS.encode()).startswith(b'<?xml version="1.0"?><rss version="2.0">')
    plain = b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss/>'
    assert without_doctype(plain) == b'<?xml version="1.0"?><rss/>'
    assert without_doctype(b"<rss><channel/></rss>") == b"<rss><channel/></rss>"
