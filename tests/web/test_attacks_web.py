"""Attacks on the web app found by an adversarial run (issue 21, items 3-8), each with its fix.

* a huge offset is 422, a non-UTF-8 JSON body 4xx, and a 500 still carries the security headers (6);
* an upload is parsed off the event loop: reads answer while a large upload is parsed (4);
* exports are built one at a time (429 with Retry-After meanwhile) and reads go on (5);
* the API cuts posted text at ``max_chars`` like every reader (3);
* only http(s) source URLs become links (7);
* CSV exports prefix cells a spreadsheet would run as formulas (8);
* lone surrogates posted as JSON are 422, NUL is stored as a space (1).
"""

from __future__ import annotations

import csv
import io
import threading
import time
import warnings
import zipfile

import pytest

from web_fixtures import build_kb, write_articles

TOKEN = "web-attack-token-91c3"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HUGE = "9223372036854775808"


def _client(app, **kw):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    return TestClient(app, raise_server_exceptions=False, **kw)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("webattack")
    return build_kb(folder / "kb.db", write_articles(folder / "articles"))


@pytest.fixture(scope="module")
def app(kb):
    from entente.web import create_app

    return create_app(kb=kb, api_token=TOKEN)


@pytest.fixture(scope="module")
def client(app):
    with _client(app) as c:
        yield c


def assert_secure(r):
    assert r.headers["x-content-type-options"] == "nosniff", r.url
    assert r.headers["x-frame-options"] == "DENY", r.url
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"], r.url


# ------------------------------------------------------------------ 6: ranges, encodings, 500s


@pytest.mark.parametrize("url", ["/api/documents", "/documents", "/api/timeline/CHN"])
def test_huge_offsets_are_422(client, url):
    r = client.get(url, params={"offset": HUGE})
    assert r.status_code == 422, (url, r.status_code, r.text[:200])
    assert_secure(r)


@pytest.mark.parametrize("body", [b'{"text": "caf\xe9 talks"}', b"\xff\xfe\x00{", b'{"text": "\xed\xa0\x80"}'])
def test_non_utf8_json_is_4xx(client, body):
    r = client.post("/api/documents", content=body, headers={**AUTH, "content-type": "application/json"})
    assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:200])
    assert isinstance(r.json()["detail"], str)


def test_a_500_carries_the_security_headers(kb):
    from fastapi import APIRouter

    from entente.web import create_app

    app = create_app(kb=kb)
    boom = APIRouter()

    @boom.get("/api/boom")
    def _boom():
        raise RuntimeError("a bug")

    app.include_router(boom)
    with _client(app) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500 and r.json() == {"detail": "internal server error"}
    assert_secure(r)
    assert "a bug" not in r.text


# ------------------------------------------------------------------ 1: characters in posted text


def test_posted_surrogates_are_422_and_nul_is_a_space(client):
    r = client.post("/api/documents", headers=AUTH,
                    content=b'{"text": "Chile and Peru met \\ud800 in Lima on Monday."}',
                    )
    assert r.status_code == 422 and isinstance(r.json()["detail"], str), r.text  # (pydantic refuses it already)
    r = client.post("/api/documents", headers=AUTH, content=b'{"title": "bad \\udfff", "text": "Chile met Peru."}')
    assert r.status_code == 422 and isinstance(r.json()["detail"], str), r.text
    r = client.post("/api/documents", headers=AUTH,
                    json={"text": "Chile and Peru\u0000 met in Lima on Monday to discuss copper.", "name": "nul.txt"})
    assert r.status_code == 201, r.text
    (doc_id,) = r.json()["doc_ids"]
    stored = client.get(f"/api/documents/{doc_id}").json()
    assert "\x00" not in stored["text"] and "Peru  met" in stored["text"]
    assert client.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200


# ------------------------------------------------------------------ 3: max_chars on the API path


def test_posted_text_is_cut_at_max_chars(client, monkeypatch):
    import entente.read.formats as formats

    monkeypatch.setattr(formats, "DEFAULT_MAX_CHARS", 2000)
    text = "Chile and Peru agreed on Monday to expand trade in copper and lithium.\n" * 200  # 14,200 chars
    r = client.post("/api/documents", headers=AUTH, json={"text": text, "name": "long.txt"})
    assert r.status_code == 201, r.text
    (doc_id,) = r.json()["doc_ids"]
    stored = client.get(f"/api/documents/{doc_id}").json()
    assert len(stored["text"]) <= 2000
    assert any("cut to" in w for w in stored["record"]["warnings"])
    assert client.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200


# ------------------------------------------------------------------ 4: uploads off the event loop


def test_reads_answer_while_an_upload_is_parsed(app, monkeypatch):
    import entente.read as read

    parsing = threading.Event()
    real = read.read_bytes

    def slow_read_bytes(*args, **kw):  # a parse that takes 3 s (a large HTML page)
        parsing.set()
        time.sleep(3)
        return real(*args, **kw)

    monkeypatch.setattr(read, "read_bytes", slow_read_bytes)
    with _client(app) as c:
        done: dict = {}

        def upload():
            done["r"] = c.post("/api/documents", headers=AUTH, files={
                "file": ("big.txt", b"Chile and Peru agreed on Friday to open a new border crossing.", "text/plain")})

        t = threading.Thread(target=upload)
        t.start()
        assert parsing.wait(10)
        started = time.monotonic()
        r = c.get("/api/documents", params={"limit": 1})
        took = time.monotonic() - started
        t.join(30)
    assert r.status_code == 200 and took < 2, took  # not behind the 3 s parse
    assert done["r"].status_code in (200, 201), done["r"].text
    for doc_id in done["r"].json()["doc_ids"]:
        with _client(app) as c:
            c.delete(f"/api/documents/{doc_id}", headers=AUTH)


# ------------------------------------------------------------------ 5: exports


def test_one_export_at_a_time_and_reads_go_on(app, monkeypatch):
    import entente.export as export_pkg

    building = threading.Event()
    real = export_pkg.export

    def slow_export(*args, **kw):
        building.set()
        time.sleep(2)
        return real(*args, **kw)

    monkeypatch.setattr(export_pkg, "export", slow_export)
    with _client(app) as c:
        first: dict = {}
        t = threading.Thread(target=lambda: first.setdefault("r", c.get("/api/export/jsonl")))
        t.start()
        assert building.wait(10)
        second = c.get("/api/export/csv")
        started = time.monotonic()
        read = c.get("/api/pairs")
        took = time.monotonic() - started
        t.join(30)
    assert second.status_code == 429 and second.headers["retry-after"], second.text
    assert_secure(second)
    assert read.status_code == 200 and took < 1.5, took
    assert first["r"].status_code == 200 and first["r"].content
    with _client(app) as c:  # free again
        assert c.get("/api/export/graphml").status_code == 200


# ------------------------------------------------------------------ 7 and 8: links and CSV cells


FORMULAS = ["=HYPERLINK(\"http://evil.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture(scope="module")
def formula_kb(tmp_path_factory):
    from entente.kb import open_kb
    from entente.kb import queries as q

    kb = open_kb(tmp_path_factory.mktemp("formula") / "kb.db")
    with kb.session() as s:
        for i, evil in enumerate(FORMULAS):
            q.ingest_text(s, f"Chile and Peru agreed on Monday to expand trade, note {i}.", name=f"{evil}.txt",
                          title=evil, outlet=evil, url=["javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:x",
                                                        " javascript:x", "vbscript:x", "https://ok.example/a"][i],
                          published=f"2024-05-0{i + 1}")
    return kb


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_cli_and_api_csv_cells_cannot_run_as_formulas(formula_kb, tmp_path):
    from typer.testing import CliRunner

    from entente.cli import app as cli
    from entente.web import create_app

    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", str(out), "--db", formula_kb.url])
    assert res.exit_code == 0, res.output
    cli_cells = [c for p in out.glob("*.csv") for c in _csv_cells(p.read_text(encoding="utf-8"))]
    with _client(create_app(kb=formula_kb)) as c:
        r = c.get("/api/export/csv")
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        api_cells = [c for n in zf.namelist() for c in _csv_cells(zf.read(n).decode("utf-8"))]
    for cells in (cli_cells, api_cells):
        assert any(c == "'" + FORMULAS[0] for c in cells), cells[:40]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_only_http_urls_become_links(formula_kb):
    from entente.web import create_app

    with _client(create_app(kb=formula_kb)) as c:
        docs = c.get("/api/documents").json()["items"]
        pages = {d["url"]: c.get(f"/document/{d['id']}").text for d in docs}
    for url, page in pages.items():
        targets = [h.split('"', 1)[0] for h in page.split('<a href="')[1:]]
        assert not [t for t in targets if t.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], url
    assert 'href="https://ok.example/a"' in pages["https://ok.example/a"]
