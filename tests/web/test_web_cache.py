"""The web app's response cache and the KB generation it is keyed on.

A repeated read is served from the cache with the same headers; a write through the app,
an ingest from the command line into the same KB file and a write by another connection
all make the next read fresh; errors, writes and exports are never cached; the LRU stays
within its bounds; concurrent misses of one URL compute it once.
"""

from __future__ import annotations

import asyncio
import warnings

import pytest

from web_fixtures import build_kb, write_articles

TOKEN = "cache-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

EXTRA = """\
Title: Brazil and Indonesia upgrade ties to a strategic partnership
Outlet: Cache Wire
Date: 2024-02-14
---
JAKARTA, Feb 14 (Cache Wire) - Brazilian President Luiz Inacio Lula da Silva and Indonesian President \
Joko Widodo met in Jakarta on Wednesday and agreed to upgrade relations between Brazil and Indonesia \
to a strategic partnership.

The two presidents agreed to widen cooperation in agriculture, biofuels and defence, and Brazil \
offered training for Indonesian forestry officials.

Both governments signed a memorandum of understanding on renewable energy and agreed to hold a \
joint commission meeting in Brasilia next year.
"""

CLI_ARTICLE = """\
Title: Chile and New Zealand sign a renewable energy memorandum
Outlet: Cache Wire
Date: 2024-04-03
---
WELLINGTON, April 3 (Cache Wire) - Chilean President Gabriel Boric and New Zealand Prime Minister \
Christopher Luxon met in Wellington on Wednesday and agreed to upgrade relations between Chile and \
New Zealand to a comprehensive partnership.

The two leaders agreed to expand cooperation in renewable energy, Antarctic research and education, \
and New Zealand offered scholarships for Chilean students.

Both governments signed a memorandum of understanding on green hydrogen and agreed to hold a trade \
dialogue in Santiago next year.
"""


def _test_client(app):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    return TestClient(app)


@pytest.fixture()
def kb(tmp_path):
    return build_kb(tmp_path / "kb.db", write_articles(tmp_path / "articles"))


@pytest.fixture()
def client(kb):
    from entente.web import create_app

    with _test_client(create_app(kb=kb, api_token=TOKEN)) as c:
        yield c


def total_documents(response) -> int:
    return response.json()["total"]


def test_a_repeated_read_is_a_hit_with_the_same_body_and_headers(client):
    for url in ("/api/documents", "/search?q=maritime", "/"):
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == second.status_code == 200, url
        assert first.headers["x-entente-cache"] == "miss"
        assert second.headers["x-entente-cache"] == "hit"
        assert second.content == first.content
        for header in ("content-type", "content-length", "content-security-policy", "x-content-type-options",
                       "x-frame-options", "server-timing"):
            assert second.headers[header], (url, header)
        assert second.headers["content-type"] == first.headers["content-type"]
    assert client.app.state.cache.stats()["hits"] >= 3


def test_no_cache_requests_are_computed_afresh(client):
    client.get("/api/pairs")
    fresh = client.get("/api/pairs", headers={"Cache-Control": "no-cache"})
    assert fresh.headers["x-entente-cache"] == "miss"
    assert client.get("/api/pairs", headers={"Pragma": "no-cache"}).headers["x-entente-cache"] == "miss"
    again = client.get("/api/pairs")
    assert again.headers["x-entente-cache"] == "hit" and again.content == fresh.content


def test_query_string_is_part_of_the_key(client):
    a = client.get("/api/documents", params={"limit": 1})
    b = client.get("/api/documents", params={"limit": 2})
    assert b.headers["x-entente-cache"] == "miss"
    assert len(a.json()["items"]) == 1 and len(b.json()["items"]) == 2


def test_a_write_through_the_app_makes_the_next_read_fresh(client):
    before = client.get("/api/documents")
    assert client.get("/api/documents").headers["x-entente-cache"] == "hit"
    home_before = client.get("/").text
    r = client.post("/api/documents", json={"text": EXTRA, "name": "bra_idn.txt"}, headers=AUTH)
    assert r.status_code == 201, r.text
    after = client.get("/api/documents")
    assert after.headers["x-entente-cache"] == "miss"
    assert total_documents(after) == total_documents(before) + 1
    assert "bra_idn.txt" in {d["name"] for d in after.json()["items"]}
    assert client.get("/api/pairs").json() and "BRA" in client.get("/").text and "BRA" not in home_before

    doc_id = r.json()["doc_ids"][0]
    assert client.get(f"/api/documents/{doc_id}").status_code == 200
    assert client.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200
    assert client.get(f"/api/documents/{doc_id}").status_code == 404
    assert total_documents(client.get("/api/documents")) == total_documents(before)


def test_an_ingest_from_the_command_line_is_seen(client, kb, tmp_path):
    from typer.testing import CliRunner

    from entente.cli import app as cli

    before = client.get("/api/documents")
    assert client.get("/api/documents").headers["x-entente-cache"] == "hit"
    assert client.get("/search", params={"q": "Wellington"}).status_code == 200
    article = tmp_path / "chl_nzl.txt"
    article.write_text(CLI_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--db", kb.url])
    assert result.exit_code == 0, result.output
    after = client.get("/api/documents")
    assert after.headers["x-entente-cache"] == "miss"
    assert total_documents(after) == total_documents(before) + 1
    assert "Wellington" in client.get("/search", params={"q": "Wellington"}).text
    assert "CHL" in {c for p in client.get("/api/pairs").json() for c in p["pair"]}


def test_errors_writes_and_exports_are_not_cached(client):
    for _ in range(2):
        r = client.get("/api/documents/deadbeefdeadbeef")
        assert r.status_code == 404 and r.headers["x-entente-cache"] == "miss"
        r = client.get("/api/search", params={"q": " "})
        assert r.status_code == 422 and r.headers["x-entente-cache"] == "miss"
        r = client.post("/api/documents", json={"text": EXTRA})
        assert r.status_code == 401 and "x-entente-cache" not in r.headers
        r = client.get("/api/export/jsonl")
        assert r.status_code == 200 and "x-entente-cache" not in r.headers
        r = client.get("/static/style.css")
        assert r.status_code == 200 and "x-entente-cache" not in r.headers
    assert client.app.state.cache.stats()["entries"] == 0


def test_the_cache_is_bounded(kb):
    from entente.web import create_app

    with _test_client(create_app(kb=kb, cache_entries=2)) as c:
        urls = ["/api/documents?limit=1", "/api/documents?limit=2", "/api/documents?limit=3"]
        for url in urls:
            c.get(url)
        assert c.app.state.cache.stats()["entries"] == 2
        assert c.get(urls[2]).headers["x-entente-cache"] == "hit"
        assert c.get(urls[0]).headers["x-entente-cache"] == "miss"  # the least recently used went first
    with _test_client(create_app(kb=kb, cache_bytes=4096)) as c:
        page = c.get("/")  # larger than an eighth of the byte budget: served, never stored
        assert page.status_code == 200 and len(page.content) > 512
        assert c.get("/").headers["x-entente-cache"] == "miss"
        assert c.app.state.cache.stats()["bytes"] <= 4096
    with _test_client(create_app(kb=kb, cache_entries=0)) as c:
        assert "x-entente-cache" not in c.get("/api/documents").headers


def test_generation_sees_commits_of_other_connections(kb):
    from entente.kb import open_kb
    from entente.kb import queries as q
    from entente.read import Document
    from entente.web.generation import KBGeneration

    watching = KBGeneration(kb)
    polling = KBGeneration(kb, poll_interval=0.0, watch_sqlite=False)
    assert watching.mode == "sqlite-data-version" and polling.mode == "poll"
    tokens = (watching.token(), polling.token())
    assert (watching.token(), polling.token()) == tokens  # reading changes nothing
    other = open_kb(kb.url)  # its own engine and connections, like another process
    try:
        with other.session() as s:
            q.ingest_documents(s, [Document(text=EXTRA, name="x.txt", source="x.txt")])
    finally:
        other.close()
    assert watching.token() != tokens[0]
    assert polling.token() != tokens[1]
    again = watching.token()
    watching.bump()
    assert watching.token() != again
    watching.close()


def test_concurrent_misses_compute_once():
    from entente.web.cache import ResponseCache, ResponseCacheMiddleware

    class FixedGeneration:
        def token(self) -> tuple:
            return (0,)

    calls = 0

    async def app(scope, receive, send):
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)  # still computing when the other requests arrive
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"answer"})

    middleware = ResponseCacheMiddleware(app, ResponseCache(FixedGeneration()))  # type: ignore[arg-type]

    async def get() -> tuple[int, bytes, dict]:
        sent: list[dict] = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        scope = {"type": "http", "method": "GET", "path": "/x", "raw_path": b"/x", "query_string": b""}
        await middleware(scope, receive, send)
        return sent[0]["status"], sent[1]["body"], dict(sent[0]["headers"])

    async def main():
        return await asyncio.gather(*(get() for _ in range(5)))

    answers = asyncio.run(main())
    assert calls == 1
    assert all(status == 200 and body == b"answer" for status, body, _ in answers)
    assert sorted(h[b"x-entente-cache"] for _, _, h in answers) == [b"hit"] * 4 + [b"miss"]



def test_the_shared_listening_socket_turns_nagle_off():
    import socket

    from entente.web.server import listening_socket

    server = listening_socket("127.0.0.1", 0)
    try:
        server.listen(1)
        with socket.create_connection(server.getsockname()) as client:
            conn, _ = server.accept()
            with conn:
                assert client.fileno() >= 0
                assert conn.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only for this protocol
                assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        server.close()


def test_serve_with_two_workers_answers_and_sees_the_other_workers_writes(kb, tmp_path):
    """``entente serve --workers 2``: both workers answer; a delete through one is seen by every answer."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kb.close()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "entente.cli", "serve", "--db", kb.url, "--port", str(port),
                             "--workers", "2"], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "ENTENTE_API_TOKEN": TOKEN})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server not ready"
            time.sleep(0.2)
        def on_a_new_connection(path: str, **kw) -> httpx.Response:  # whichever worker accepts it answers
            with httpx.Client(base_url=base, timeout=30) as client:
                return client.request(kw.pop("method", "GET"), path, **kw)

        totals = {on_a_new_connection("/api/documents").json()["total"] for _ in range(6)}  # now cached
        assert len(totals) == 1
        total = totals.pop()
        doc_id = on_a_new_connection("/api/documents").json()["items"][0]["id"]
        assert on_a_new_connection(f"/api/documents/{doc_id}", method="DELETE", headers=AUTH).status_code == 200
        for _ in range(6):
            assert on_a_new_connection("/api/documents").json()["total"] == total - 1
            assert on_a_new_connection(f"/api/documents/{doc_id}").status_code == 404
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()
