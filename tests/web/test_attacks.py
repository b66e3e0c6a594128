"""An attack suite against the web app and the export paths.

Every route is found from the app itself (so a route added later is attacked too):

* every write route (POST/PUT/PATCH/DELETE) answers 401 without a token and 403 with a wrong one,
  and changes nothing;
* SQL (and FTS query) injection in every path and query parameter of every GET route answers
  2xx or 4xx, never 5xx, leaks no database error or schema, and leaves the KB exactly as it was;
  injection in the fields of a posted document is stored as plain text;
* export file names cannot escape their folder (``entente export --out DIR``, the API downloads);
* uploads are checked for size, content type, file type and content;
* every HTML page keeps to a CSP without inline scripts (no inline script, no ``on*=`` handler,
  even for hostile stored text), and every response — errors too — carries nosniff and frame denial.
"""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import text

from web_fixtures import build_kb, write_articles

TOKEN = "attack-token-5e2b7d"
LIMIT = 64 * 1024
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC_ID = "0" * 64

SQLI = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "MYS'; DROP TABLE documents; --",
    "1; DELETE FROM facts",
    "\" OR \"\"=\"",
    "x' UNION SELECT name, sql FROM sqlite_master --",
    "x') UNION SELECT table_name FROM information_schema.tables --",
    "'); SELECT pg_sleep(5); --",
    "' || (SELECT sqlite_version()) || '",
    "trade\" OR \"a",  # FTS5 query syntax
    "NEAR(trade energy, 2)",
    "sentences_fts: *",
    "* OR -",
    "%' AND 1=0 UNION SELECT NULL --",
    "\\'; --",
    "\x00'",
    "%00",
    "‘ OR ‘1’=’1",
]
LEAKS = re.compile(r"sqlite_master|information_schema|syntax error|OperationalError|ProgrammingError|"
                   r"psycopg|Traceback|sqlalchemy|CREATE TABLE", re.I)


def leaks(body: str, payload: str) -> list[str]:
    """Database internals in a response body (words the attacker sent and the answer echoes do not count)."""
    return [m.group(0) for m in LEAKS.finditer(body) if m.group(0).lower() not in payload.lower()]


TABLES = ("documents", "facts", "spans", "sentences", "merged", "merged_sources", "dirty")


def _client(app):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("attackkb")
    return build_kb(folder / "kb.db", write_articles(folder / "articles"))


@pytest.fixture(scope="module")
def app(kb):
    from entente.web import create_app

    return create_app(kb=kb, api_token=TOKEN, max_body=LIMIT)


@pytest.fixture(scope="module")
def client(app):
    with _client(app) as c:
        yield c


def fingerprint(kb) -> dict:
    """Row counts, the schema and the document ids: what an injection would change."""
    with kb.engine.connect() as c:
        counts = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}
        schema = sorted(tuple(r) for r in c.execute(text("SELECT type, name, sql FROM sqlite_master")))
        ids = sorted(r[0] for r in c.execute(text("SELECT id FROM documents")))
        integrity = c.execute(text("PRAGMA integrity_check")).scalar()
    return {"counts": counts, "schema": schema, "ids": ids, "integrity": integrity}


def all_routes(routes):
    """Every route, also those inside included routers (newer FastAPI wraps them)."""
    for r in routes:
        inner = getattr(r, "original_router", None)
        if inner is not None:
            yield from all_routes(inner.routes)
        else:
            yield r


def api_routes(app, methods: set[str]):
    from fastapi.routing import APIRoute

    found = [r for r in all_routes(app.routes) if isinstance(r, APIRoute) and r.methods & methods]
    documented = {p for p in app.openapi()["paths"]}
    assert documented <= {r.path for r in all_routes(app.routes) if hasattr(r, "path")}  # no hidden prefix
    return found


def fill_path(route, overrides: dict[str, str] | None = None) -> str:
    """The route's path with plausible values in its parameters (``overrides`` first)."""
    plausible = {"doc_id": DOC_ID, "a": "MYS", "b": "JPN", "country": "MYS", "fmt": "csv", "name": "x.js"}
    path = route.path
    for p in route.dependant.path_params:
        value = (overrides or {}).get(p.name, plausible.get(p.name, "x"))
        path = path.replace("{" + p.name + "}", quote(value, safe=""))
    return path


# ------------------------------------------------------------------ write routes need the token


def test_every_write_route_needs_the_token(app, client, kb):
    writes = api_routes(app, {"POST", "PUT", "PATCH", "DELETE"})
    found = {(m, r.path) for r in writes for m in r.methods}
    assert {("POST", "/api/documents"), ("DELETE", "/api/documents/{doc_id}")} <= found
    before = fingerprint(kb)
    body = {"text": "Chile and Peru agreed on Monday to expand trade.", "name": "w.txt"}
    for route in writes:
        for method in route.methods & {"POST", "PUT", "PATCH", "DELETE"}:
            for doc in (DOC_ID, before["ids"][0]):  # a missing and an existing document
                url = fill_path(route, {"doc_id": doc})
                for headers, status in [({}, 401), ({"Authorization": "Bearer x"}, 403),
                                        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
                                        ({"Authorization": f"Basic {TOKEN}"}, 401),
                                        ({"Authorization": "Bearer "}, 401),
                                        ({"X-API-Token": TOKEN.upper()}, 403)]:
                    r = client.request(method, url, json=body, headers=headers)
                    assert r.status_code == status, (method, url, headers, r.status_code, r.text)
    assert fingerprint(kb) == before


def test_reads_change_nothing(app, client, kb):
    before = fingerprint(kb)
    for route in api_routes(app, {"GET"}):
        if route.path.startswith(("/assets", "/api/export")):
            continue
        r = client.get(fill_path(route), params={"q": "trade", "partners": "JPN"})
        assert r.status_code < 500, (route.path, r.status_code)
    assert fingerprint(kb) == before


# ------------------------------------------------------------------ injection


def _string_params(route):
    from fastapi.params import Param

    out = []
    for p in [*route.dependant.path_params, *route.dependant.query_params]:
        info = p.field_info
        where = "path" if p in route.dependant.path_params else "query"
        alias = info.alias if isinstance(info, Param) and info.alias else p.name
        out.append((where, p.name, alias))
    return out


def test_injection_in_every_parameter_is_4xx_or_safe_and_the_kb_is_intact(app, client, kb):
    before = fingerprint(kb)
    attacked = 0
    for route in api_routes(app, {"GET"}):
        for where, name, alias in _string_params(route):
            for payload in SQLI:
                if where == "path":
                    url, params = fill_path(route, {name: payload}), {}
                else:
                    url, params = fill_path(route), {alias: payload}
                    if "partners" != name and any(n == "partners" for _, n, _ in _string_params(route)):
                        params["partners"] = "JPN"
                r = client.get(url, params=params, follow_redirects=False)
                attacked += 1
                assert r.status_code < 500, (url, params, r.status_code, r.text[:300])
                assert not leaks(r.text, payload), (url, params, r.text[:300])
    assert attacked >= 20 * len(SQLI) // 2  # every route with a parameter was attacked
    after = fingerprint(kb)
    assert after == before and after["integrity"] == "ok"


@pytest.mark.parametrize("payload", SQLI)
def test_search_with_injection_returns_only_real_sentences(client, payload):
    r = client.get("/api/search", params={"q": payload})
    assert r.status_code in (200, 422), r.text
    for hit in r.json() if r.status_code == 200 else []:
        doc = client.get(f"/api/documents/{hit['doc_id']}").json()
        assert doc["text"][hit["start"]:hit["end"]]  # a real sentence of a stored document


def test_injection_in_posted_fields_is_stored_as_plain_text(client, kb):
    before = fingerprint(kb)
    fields = {"name": "x'); DROP TABLE documents; --.txt", "title": "' OR 1=1 -- <script>alert(1)</script>",
              "outlet": "\" OR \"\"=\"", "url": "https://example.org/?q=' UNION SELECT 1 --"}
    body = {"text": "Chile and Peru agreed on Tuesday to expand cooperation in mining and energy.", **fields}
    r = client.post("/api/documents", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    (doc_id,) = r.json()["doc_ids"]
    stored = client.get(f"/api/documents/{doc_id}").json()
    assert stored["summary"]["name"] == fields["name"] and stored["summary"]["title"] == fields["title"]
    after = fingerprint(kb)
    assert after["schema"] == before["schema"] and after["integrity"] == "ok"
    assert after["counts"]["documents"] == before["counts"]["documents"] + 1
    page = client.get(f"/document/{doc_id}")
    assert page.status_code == 200 and "<script>alert(1)" not in page.text
    assert client.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200
    assert fingerprint(kb)["ids"] == before["ids"]


@pytest.mark.parametrize("params", [
    {"limit": "10000000"}, {"limit": "0"}, {"limit": "-1"}, {"offset": "-5"}, {"limit": "1 OR 1=1"},
    {"offset": "1e309"}, {"limit": "NaN"},
])
def test_numeric_parameters_are_validated(client, params):
    assert client.get("/api/documents", params=params).status_code == 422
    assert client.get("/documents", params=params).status_code == 422


def test_oversized_text_parameters_are_refused(client):
    assert client.get("/api/search", params={"q": "trade " * 200}).status_code == 422
    assert client.get("/api/pairs/" + "M" * 500 + "/JPN").status_code == 422
    assert client.get("/api/people", params={"country": "x" * 81}).status_code == 422


# ------------------------------------------------------------------ export file names


EVIL_NAMES = ["../../escaped.txt", "/etc/passwd", "..\\..\\win.txt", "a/../../b.txt", "\x00.txt"]


@pytest.fixture(scope="module")
def evil_kb(tmp_path_factory):
    """A KB whose documents carry path-like names and titles (stored as posted)."""
    from entente.kb import open_kb
    from entente.kb import queries as q

    folder = tmp_path_factory.mktemp("evilkb")
    kb = open_kb(folder / "kb.db")
    with kb.session() as s:
        for i, name in enumerate(EVIL_NAMES):
            q.ingest_text(s, f"Chile and Peru agreed on Monday to expand trade, report {i}.", name=name,
                          title=f"../../title{i}", published=f"2024-05-0{i + 1}")
    return kb


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "graphml", "plover"])
def test_cli_export_writes_only_inside_its_folder(evil_kb, tmp_path, fmt):
    from typer.testing import CliRunner

    from entente.cli import app as cli

    root = tmp_path / "root"
    out = root / "deep" / "out"
    out.mkdir(parents=True)
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out), "--db", evil_kb.url])
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.split()]
    assert written
    created = [p for p in root.rglob("*") if p.is_file()]
    assert created and all(p.resolve().is_relative_to(out.resolve()) for p in created), created
    assert all(p.resolve().parent == out.resolve() for p in written)
    assert not list(tmp_path.glob("**/escaped.txt")) and not list(tmp_path.glob("**/title*"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "graphml", "plover"])
def test_api_export_download_names_are_plain(evil_kb, fmt):
    from entente.web import create_app

    with _client(create_app(kb=evil_kb, api_token=TOKEN)) as c:
        r = c.get(f"/api/export/{fmt}")
    assert r.status_code == 200
    disposition = r.headers["content-disposition"]
    name = re.search(r'filename="?([^";]+)"?', disposition).group(1)
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", name) and ".." not in name, disposition
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("fmt", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "csv/../../x", "%2e%2e", "csv\x00"])
def test_api_export_format_cannot_name_a_path(client, fmt):
    r = client.get("/api/export/" + quote(fmt, safe="%/"))
    assert r.status_code in (404, 422), r.status_code


@pytest.mark.parametrize("path", ["/static/../kb.db", "/static/%2e%2e/%2e%2e/pyproject.toml",
                                  "/static/..%2F..%2Fapp.py", "/assets/swagger/..%2F..%2F__init__.py",
                                  "/assets/swagger/%2e%2e%2fapi.py", "/static//etc/passwd"])
def test_static_paths_cannot_leave_their_folder(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "import" not in r.text and "root:" not in r.text


# ------------------------------------------------------------------ uploads


def upload(client, name: str, data: bytes, ctype: str = "application/octet-stream", headers=AUTH):
    return client.post("/api/documents", files={"file": (name, data, ctype)}, headers=headers)


@pytest.mark.parametrize("name", ["evil.exe", "script.js", "noextension", "x.txt.exe", ".htaccess", "a.svg",
                                  "page.php", "data.jsonl"])
def test_upload_of_an_unsupported_type_is_422(client, name):
    r = upload(client, name, b"Chile and Peru agreed on Monday to expand trade.")
    assert r.status_code == 422 and "unsupported" in r.json()["detail"], r.text


@pytest.mark.parametrize("name,data", [
    ("binary.txt", bytes(range(256)) * 8),
    ("fake.pdf", b"Chile and Peru agreed to expand trade, but this is no PDF."),
    ("empty.txt", b""),
    ("blank.txt", b"   \n\t  "),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
    ("scripts.html", b"<html><script>alert(1)</script><style>p{}</style></html>"),
])
def test_upload_with_bad_content_is_422_with_a_reason(client, kb, name, data):
    before = fingerprint(kb)
    r = upload(client, name, data)
    assert r.status_code == 422, (name, r.status_code, r.text)
    assert r.json()["detail"]
    assert fingerprint(kb) == before


def test_upload_name_loses_its_directories(client, kb):
    r = upload(client, "../../../etc/cron.d/evil.txt", b"Chile and Peru agreed on Monday to widen their trade pact.",
               "text/plain")
    assert r.status_code == 201, r.text
    (doc_id,) = r.json()["doc_ids"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    names = [v for k, v in _flat(doc) if k == "name"]
    assert names and all("/" not in n and ".." not in n for n in names), names
    assert client.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200


def _flat(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _flat(v, key)
    else:
        yield key, value


def test_upload_size_is_limited(client, kb):
    before = fingerprint(kb)
    assert upload(client, "big.txt", b"trade " * (LIMIT // 5)).status_code == 413
    r = client.post("/api/documents", content=b"x", headers={**AUTH, "content-length": str(10**12),
                                                               "content-type": "application/json"})
    assert r.status_code in (400, 413)
    assert fingerprint(kb) == before


@pytest.mark.parametrize("ctype", ["text/plain", "application/xml", "application/x-www-form-urlencoded",
                                   "text/html", "application/octet-stream"])
def test_other_content_types_are_415(client, ctype):
    r = client.post("/api/documents", content=b"text=Chile and Peru", headers={**AUTH, "content-type": ctype})
    assert r.status_code == 415, (ctype, r.status_code)


def test_malformed_multipart_and_json_are_4xx(client, kb):
    before = fingerprint(kb)
    bad = [
        (b"--xyz\r\nContent-Disposition: form-data; name=file\r\n\r\nno end", "multipart/form-data; boundary=xyz"),
        (b"anything", "multipart/form-data"),  # no boundary
        (b'{"text": 5}', "application/json"),
        (b'{"text": "ok", "published": "2024-13-45"}', "application/json"),
        (b'["list"]', "application/json"),
        (b"\xff\xfe{}", "application/json"),
    ]
    fields = "".join(f"--b\r\nContent-Disposition: form-data; name=f{i}\r\n\r\nv\r\n" for i in range(1200))
    bad.append(((fields + "--b--\r\n").encode(), "multipart/form-data; boundary=b"))  # too many fields
    for body, ctype in bad:
        r = client.post("/api/documents", content=body, headers={**AUTH, "content-type": ctype})
        assert 400 <= r.status_code < 500, (body[:40], r.status_code, r.text[:200])
    assert fingerprint(kb) == before


# ------------------------------------------------------------------ CSP, nosniff, frame denial


class ScriptAudit(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: inline scripts and event handler attributes."""

    def __init__(self):
        super().__init__()
        self.inline: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.sources: list[str] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.handlers += [(tag, k) for k in a if k.lower().startswith("on")]
        self.handlers += [(tag, k) for k, v in a.items() if v and v.strip().lower().startswith("javascript:")]
        if tag == "script":
            self._in = a
            if a.get("src"):
                self.sources.append(a["src"])

    def handle_data(self, data):
        if self._in is not None and data.strip() and "src" not in self._in \
                and self._in.get("type") != "application/json":
            self.inline.append(data[:80])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def html_pages(client) -> list[str]:
    docs = client.get("/api/documents").json()["items"]
    pages = ["/", "/documents", "/search?q=maritime", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
             "/pair/JPN/MYS", "/pair/JPN/VNM", "/country/MYS", "/docs", "/nope", "/pair/XXX/YYY",
             "/search?q=" + quote("\"><img src=x onerror=alert(1)>")]
    return pages + [f"/document/{d['id']}" for d in docs]


def test_pages_keep_to_a_csp_without_inline_scripts(client):
    for url in html_pages(client):
        r = client.get(url)
        assert "text/html" in r.headers["content-type"], url
        csp = r.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'", csp
        assert "'unsafe-inline'" not in directives["script-src"] and "unsafe-eval" not in csp
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
        audit = ScriptAudit()
        audit.feed(r.text)
        assert audit.inline == [], (url, audit.inline)
        assert audit.handlers == [], (url, audit.handlers)
        assert all(s.startswith("/") and not s.startswith("//") for s in audit.sources), (url, audit.sources)


def test_every_response_denies_sniffing_and_framing(client):
    responses = [
        client.get("/"), client.get("/api/pairs"), client.get("/static/style.css"), client.get("/assets/plotly.min.js"),
        client.get("/nope"), client.get("/api/nope"), client.get("/api/pairs/XXX/YYY"),
        client.get("/api/documents", params={"limit": "x"}),
        client.post("/api/documents", json={"text": "x"}),  # 401
        client.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer no"}),  # 403
        client.post("/api/documents", content=b"x" * (LIMIT + 1), headers=AUTH),  # 413
        client.post("/api/documents", content=b"x", headers={**AUTH, "content-type": "text/plain"}),  # 415
        client.get("/api/export/csv"),
    ]
    statuses = {r.status_code for r in responses}
    assert {200, 401, 403, 404, 413, 415, 422} <= statuses
    for r in responses:
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert r.headers["x-frame-options"] == "DENY", r.url
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], r.url
        assert "access-control-allow-origin" not in r.headers
