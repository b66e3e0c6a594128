"""Web security: write tokens (401/403), body limit (413), no CORS, headers, escaping."""

from __future__ import annotations

import re
import warnings

import pytest

from web_fixtures import build_kb, write_articles

TOKEN = "sec-token-91c3"
LIMIT = 4096


def _client(app):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    return TestClient(app)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seckb")
    return build_kb(folder / "kb.db", write_articles(folder / "articles"))


@pytest.fixture(scope="module")
def client(kb):
    from entente.web import create_app

    with _client(create_app(kb=kb, api_token=TOKEN, max_body=LIMIT)) as c:
        yield c


def hostile_id(client) -> str:
    items = client.get("/api/documents").json()["items"]
    return next(d["id"] for d in items if d["name"] == "hostile_markup.txt")


BODY = {"text": "Peru and Chile agreed to expand trade cooperation on Monday.", "name": "pe_cl.txt"}


def test_write_without_token_is_401(client):
    r = client.post("/api/documents", json=BODY)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert "token" in r.json()["detail"]


@pytest.mark.parametrize("headers", [
    {"Authorization": "Bearer wrong"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"X-API-Token": TOKEN[:-1]},
])
def test_write_with_wrong_token_is_403(client, headers):
    r = client.post("/api/documents", json=BODY, headers=headers)
    assert r.status_code == 403
    assert r.json()["detail"] == "wrong API token"


def test_write_with_token_in_either_header_works(client):
    r = client.post("/api/documents", json=BODY, headers={"X-API-Token": TOKEN})
    assert r.status_code in (200, 201)
    r = client.post("/api/documents", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["skipped"] == 1


def test_delete_needs_the_token(client):
    doc = hostile_id(client)
    assert client.delete(f"/api/documents/{doc}").status_code == 401
    assert client.delete(f"/api/documents/{doc}", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get(f"/api/documents/{doc}").status_code == 200


def test_token_is_checked_before_the_body_is_read(client):
    r = client.post("/api/documents", content=b"{broken", headers={"content-type": "application/json"})
    assert r.status_code == 401


def test_writes_are_refused_when_the_server_has_no_token(kb, monkeypatch):
    from entente.web import create_app
    from entente.web.security import TOKEN_ENV

    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with _client(create_app(kb=kb)) as c:
        r = c.post("/api/documents", json=BODY, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and TOKEN_ENV in r.json()["detail"]
        assert c.get("/api/pairs").status_code == 200  # reading stays open


def test_token_comes_from_the_environment(kb, monkeypatch):
    from entente.web import create_app
    from entente.web.security import TOKEN_ENV

    monkeypatch.setenv(TOKEN_ENV, "env-token")
    with _client(create_app(kb=kb)) as c:
        assert c.post("/api/documents", json=BODY, headers={"Authorization": "Bearer nope"}).status_code == 403
        assert c.post("/api/documents", json=BODY, headers={"Authorization": "Bearer env-token"}).status_code in (200, 201)  # 200: stored by an earlier test


def test_token_comparison_is_constant_time():
    import inspect

    from entente.web import security

    source = inspect.getsource(security.require_token)
    assert "hmac.compare_digest" in source and "==" not in source.replace("!=", "")


def test_oversize_body_is_413_by_declared_length(client):
    big = {"text": "x" * (LIMIT + 10)}
    r = client.post("/api/documents", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413
    assert str(LIMIT) in r.json()["detail"]


def test_oversize_body_is_413_when_streamed_without_length(client):
    def chunks():
        for _ in range(10):
            yield b"y" * 1024

    r = client.post("/api/documents", content=chunks(),
                    headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
    assert r.status_code == 413


def test_oversize_upload_is_413(client):
    r = client.post("/api/documents", files={"file": ("big.txt", b"z" * (LIMIT * 2), "text/plain")},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413


def test_no_cors(client):
    pre = client.options("/api/pairs", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    r = client.get("/api/pairs", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    post = client.post("/api/documents", json=BODY, headers={"Origin": "https://evil.example",
                                                              "Authorization": f"Bearer {TOKEN}"})
    assert "access-control-allow-origin" not in post.headers


@pytest.mark.parametrize("url", ["/", "/api/pairs", "/static/style.css", "/docs", "/nope", "/api/documents/zz"])
def test_security_headers_everywhere(client, url):
    r = client.get(url)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    csp = r.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp


def _inline_scripts(html: str) -> list[str]:
    """Script elements that would execute inline code (data blocks are not executed)."""
    bad = []
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S | re.I):
        if "src=" in attrs:
            assert not body.strip()
            continue
        if 'type="application/json"' not in attrs:
            bad.append(body)
    return bad


def test_pages_have_no_inline_script_nor_external_urls(client):
    doc = hostile_id(client)
    for url in ["/", "/pair/JPN/VNM", "/country/JPN", "/documents", f"/document/{doc}", "/search?q=coast",
                "/docs"]:
        html = client.get(url).text
        assert _inline_scripts(html) == [], url
        assert not re.search(r"""\s(src|href)=["']?(https?:)?//""", html), url
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html, flags=re.I), url


def test_hostile_article_is_escaped_on_its_page(client):
    doc = hostile_id(client)
    html = client.get(f"/document/{doc}").text
    assert "window.__pwned" in html  # the text is shown ...
    assert "<script>window.__pwned" not in html  # ... but never as markup
    assert "<script>document.title" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html


def test_hostile_text_in_search_snippets_is_escaped(client):
    html = client.get("/search", params={"q": "maritime"}).text
    assert "<img src=x" not in html and "<script>window" not in html


def test_hostile_title_is_escaped_everywhere(client):
    for url in ["/documents", "/search?q=coast", "/pair/JPN/MYS"]:
        html = client.get(url).text
        assert "<script>window.__pwned" not in html, url


def test_chart_data_cannot_close_its_script_block():
    from entente.web.pages import chart_json

    out = str(chart_json(x={"data": [{"text": "</script><script>alert(1)</script>&"}]}))
    assert "</script>" not in out and "<" not in out and "&" not in out
    import json

    assert json.loads(out)["x"]["data"][0]["text"] == "</script><script>alert(1)</script>&"


def test_snippet_markers_only_become_mark_elements():
    from entente.web.pages import snippet_html

    out = str(snippet_html("a <b onclick=x> [match] & [<i>]"))
    assert out == "a &lt;b onclick=x&gt; <mark>match</mark> &amp; <mark>&lt;i&gt;</mark>"


def test_click_targets_in_chart_script_are_same_site_paths_only():
    from pathlib import Path

    import entente.web

    js = (Path(entente.web.__file__).parent / "static" / "charts.js").read_text()
    assert "^\\/[A-Za-z0-9_\\-\\/]*$" in js
