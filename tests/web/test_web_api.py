"""The JSON API and the pages, through FastAPI's test client on a KB of our own articles."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from pdfs import text_pdf
from web_fixtures import ARTICLES, build_kb, write_articles

TOKEN = "test-token-5f2a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("webkb")
    return build_kb(folder / "kb.db", write_articles(folder / "articles"))


@pytest.fixture(scope="module")
def client(kb):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    from entente.web import create_app

    with TestClient(create_app(kb=kb, api_token=TOKEN)) as c:
        yield c


def doc_id_of(client, name: str) -> str:
    items = client.get("/api/documents", params={"limit": 500}).json()["items"]
    return next(d["id"] for d in items if d["name"] == name)


# --------------------------------------------------------------------------- reading


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/pairs", "/api/pairs/{a}/{b}",
                 "/api/timeline/{country}", "/api/compare/{country}", "/api/search", "/api/people",
                 "/api/export/{fmt}", "/api/stats"):
        assert path in paths, path
    assert "post" in paths["/api/documents"]
    body = paths["/api/documents"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_docs_are_served_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    for asset in ("/assets/swagger/swagger-ui-bundle.js", "/assets/swagger/swagger-ui.css", "/static/swagger-init.js"):
        assert asset in page.text
        r = client.get(asset)
        assert r.status_code == 200 and len(r.content) > 100, asset
    assert client.get("/assets/swagger/../../etc/passwd").status_code == 404
    assert client.get("/assets/swagger/index.html").status_code == 404


def test_plotly_is_served_from_the_installed_package(client):
    r = client.get("/assets/plotly.min.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/javascript")
    assert b"plotly" in r.content[:2000].lower()


def test_documents_list_and_one(client):
    page = client.get("/api/documents").json()
    assert page["total"] == len(ARTICLES)
    assert {d["name"] for d in page["items"]} == set(ARTICLES)
    doc_id = doc_id_of(client, "vnm_jpn_upgrade.txt")
    one = client.get(f"/api/documents/{doc_id}").json()
    assert one["summary"]["id"] == doc_id
    assert one["record"]["schema"] == "entente.record/1"
    assert "comprehensive strategic partnership" in one["text"]
    for span in one["spans"]:
        assert one["text"][span["start"]:span["end"]] == span["text"]
    paged = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert paged["limit"] == 1 and paged["offset"] == 1 and len(paged["items"]) == 1


def test_unknown_and_malformed_document_ids(client):
    missing = client.get("/api/documents/" + "0" * 64)
    assert missing.status_code == 404 and missing.json()["detail"]
    bad = client.get("/api/documents/not-a-hash")
    assert bad.status_code == 422
    assert "doc_id" in bad.json()["detail"]


def test_pairs_and_profile_accept_names_and_demonyms(client):
    pairs = client.get("/api/pairs").json()
    assert ["JPN", "VNM"] in [p["pair"] for p in pairs]
    prof = client.get("/api/pairs/japanese/Vietnam").json()
    assert prof["pair"] == ["JPN", "VNM"]
    assert prof["documents"] == 1
    assert {a["area"] for a in prof["areas"]} & {"semiconductors", "digital_economy", "energy", "education"}
    for area in prof["areas"]:
        assert area["source_count"] == len(area["sources"]) >= 1
    assert client.get("/api/pairs/JPN/VNM", params={"today": "2030-01-01"}).json()["today"] == "2030-01-01"


def test_profile_errors_are_clear(client):
    unknown = client.get("/api/pairs/Atlantis/Japan")
    assert unknown.status_code == 422
    assert "Atlantis" in unknown.json()["detail"]
    itself = client.get("/api/pairs/JPN/Japan")
    assert itself.status_code == 422 and "two different countries" in itself.json()["detail"]
    absent = client.get("/api/pairs/Peru/Chile")
    assert absent.status_code == 404
    bad_date = client.get("/api/pairs/JPN/VNM", params={"today": "yesterday"})
    assert bad_date.status_code == 422 and "today" in bad_date.json()["detail"]


def test_timeline(client):
    entries = client.get("/api/timeline/Japan").json()
    assert isinstance(entries, list)
    for e in entries:
        assert "JPN" in e["pair"] and e["partner"] != "JPN"
    only = client.get("/api/timeline/JPN", params={"with": "VNM", "since": "2023-01-01"}).json()
    for e in only:
        assert e["pair"] == ["JPN", "VNM"]
        assert e["date"] is None or e["date"] >= "2023-01-01"
    assert client.get("/api/timeline/JPN", params={"since": "01/02/2023"}).status_code == 422


def test_profile_items_and_timeline_pages(client):
    whole = client.get("/api/pairs/JPN/VNM").json()
    one = client.get("/api/pairs/JPN/VNM", params={"items": 1}).json()
    assert whole["omitted"] == {} or all(n > 0 for n in whole["omitted"].values())
    assert len(one["areas"]) == min(1, len(whole["areas"]))
    assert len(one["areas"]) + one["omitted"].get("areas", 0) == len(whole["areas"]) + whole["omitted"].get("areas", 0)
    assert client.get("/api/pairs/JPN/VNM", params={"items": 0}).status_code == 422
    every = client.get("/api/timeline/JPN", params={"limit": 5000}).json()
    first = client.get("/api/timeline/JPN", params={"limit": 1}).json()
    rest = client.get("/api/timeline/JPN", params={"limit": 5000, "offset": 1}).json()
    assert len(first) == 1 and first[0]["date"] == max(e["date"] for e in every if e["date"])  # the newest
    assert sorted(map(json.dumps, rest + first)) == sorted(map(json.dumps, every))
    assert client.get("/api/timeline/JPN", params={"offset": -1}).status_code == 422


def test_compare(client):
    matrix = client.get("/api/compare/JPN", params={"partners": "VNM,MYS"}).json()
    assert matrix["country"] == "JPN"
    assert matrix["partners"] == ["VNM", "MYS"]
    assert matrix["areas"]
    for area in matrix["areas"]:
        assert set(matrix["cells"][area]) == {"VNM", "MYS"}
    repeated = client.get("/api/compare/JPN", params=[("partners", "VNM"), ("partners", "MYS")]).json()
    assert repeated == matrix
    missing = client.get("/api/compare/JPN")
    assert missing.status_code == 422 and "partners" in missing.json()["detail"]


def test_search(client):
    hits = client.get("/api/search", params={"q": "semiconductors"}).json()
    assert hits and hits[0]["name"] == "vnm_jpn_upgrade.txt"
    assert "[" in hits[0]["snippet"]
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "   "}).status_code == 422
    assert client.get("/api/search", params={"q": "x", "limit": 0}).status_code == 422


def test_people(client):
    everyone = client.get("/api/people").json()
    assert isinstance(everyone, list)
    japanese = client.get("/api/people", params={"country": "Japan"}).json()
    assert all(p["country"] == "JPN" for p in japanese)
    assert client.get("/api/people", params={"country": "Narnia"}).status_code == 422


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["documents"] == len(ARTICLES)


# --------------------------------------------------------------------------- exports


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "graphml", "plover", "parquet"])
def test_exports_download(client, fmt):
    r = client.get(f"/api/export/{fmt}")
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    assert len(r.content) > 0
    if fmt == "graphml":
        assert b"<graphml" in r.content and b"JPN" in r.content


def test_export_unknown_format(client):
    r = client.get("/api/export/xlsx")
    assert r.status_code == 422
    assert "csv" in r.json()["detail"]


# --------------------------------------------------------------------------- writing


def test_post_text_ingests_then_skips_the_same_text(client):
    text = ("HANOI, Sept 10 (Test Wire) - Vietnam and the United States upgraded their relations to a "
            "comprehensive strategic partnership on Sunday during a visit by the US president to Hanoi.")
    body = {"text": text, "name": "vnm_usa.txt", "published": "2023-09-10", "outlet": "Test Wire"}
    first = client.post("/api/documents", json=body, headers=AUTH)
    assert first.status_code == 201, first.text
    assert first.json()["added"] == 1
    again = client.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["skipped"] == 1 and again.json()["added"] == 0
    doc = client.get(f"/api/documents/{first.json()['doc_ids'][0]}").json()
    assert doc["summary"]["name"] == "vnm_usa.txt"
    assert doc["summary"]["outlet"] == "Test Wire"
    assert doc["summary"]["published"] == "2023-09-10"


def test_delete_document(client):
    text = "LIMA, June 3 (Test Wire) - Peru and Chile agreed on Monday to expand cooperation in mining and trade."
    posted = client.post("/api/documents", json={"text": text, "name": "per_chl.txt"}, headers=AUTH)
    doc_id = posted.json()["doc_ids"][0]
    before = client.get("/api/stats").json()["documents"]
    gone = client.delete(f"/api/documents/{doc_id}", headers=AUTH)
    assert gone.status_code == 200 and gone.json()["name"] == "per_chl.txt"
    assert client.get(f"/api/documents/{doc_id}").status_code == 404
    assert client.get("/api/stats").json()["documents"] == before - 1
    assert client.get("/api/search", params={"q": "mining"}).json() == []
    assert client.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 404
    assert client.delete("/api/documents/xyz", headers=AUTH).status_code == 422


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"json": {"text": "   "}}, "text"),
        ({"json": {"name": "x.txt"}}, "text"),
        ({"json": {"text": "Some text.", "published": "last week"}}, "published"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "JSON"),
        ({"json": ["a", "list"]}, "body"),
    ],
)
def test_post_bad_input_is_422_with_a_clear_message(client, kwargs, needle):
    headers = {**AUTH, **kwargs.pop("headers", {})}
    r = client.post("/api/documents", headers=headers, **kwargs)
    assert r.status_code == 422, r.text
    assert needle.lower() in r.json()["detail"].lower()


def test_post_unsupported_content_type(client):
    r = client.post("/api/documents", content=b"text", headers={**AUTH, "content-type": "text/csv"})
    assert r.status_code == 415


@pytest.mark.parametrize(
    ("name", "data", "ctype", "phrase"),
    [
        ("kor_idn.txt", b"JAKARTA, Jan 5 - South Korea and Indonesia agreed on Friday to expand "
                        b"cooperation in electric vehicle batteries and nickel processing.", "text/plain",
         "nickel processing"),
        ("fra_ind.html", b"<html><head><title>France and India</title></head><body><article><p>PARIS, "
                         b"July 14 - France and India agreed to deepen defence cooperation and space "
                         b"cooperation during talks in Paris on Friday between the two leaders, who also "
                         b"discussed trade and investment ties.</p></article></body></html>", "text/html",
         "space cooperation"),
        ("bra_chn.pdf", text_pdf("Brazil and China agreed to expand cooperation in agriculture and trade."),
         "application/pdf", "cooperation in agriculture"),
    ],
)
def test_upload_txt_html_pdf(client, name, data, ctype, phrase):
    r = client.post("/api/documents", files={"file": (name, data, ctype)}, data={"published": "2024-01-05"},
                    headers=AUTH)
    assert r.status_code == 201, r.text
    doc = client.get(f"/api/documents/{r.json()['doc_ids'][0]}").json()
    assert doc["summary"]["name"] == name
    assert phrase in doc["text"]
    assert "<" not in doc["text"]


def test_upload_bad_files_are_422(client):
    wrong_type = client.post("/api/documents", files={"file": ("a.docx", b"PK\x03\x04", "application/zip")},
                             headers=AUTH)
    assert wrong_type.status_code == 422 and "docx" in wrong_type.json()["detail"]
    assert all(ext in wrong_type.json()["detail"] for ext in (".txt", ".md", ".html", ".htm", ".pdf"))  # every type
    empty = client.post("/api/documents", files={"file": ("a.txt", b"", "text/plain")}, headers=AUTH)
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    no_file = client.post("/api/documents", files={"attachment": ("a.txt", b"Japan and Peru.", "text/plain")},
                          headers=AUTH)
    assert no_file.status_code == 422 and "'file'" in no_file.json()["detail"]
    malformed = client.post("/api/documents", content=b"--xyz\r\nnonsense",
                            headers={**AUTH, "content-type": "multipart/form-data; boundary=xyz"})
    assert malformed.status_code == 422 and "multipart" in malformed.json()["detail"]
    broken_pdf = client.post("/api/documents", files={"file": ("b.pdf", b"%PDF-1.4 garbage", "application/pdf")},
                             headers=AUTH)
    assert broken_pdf.status_code == 422 and "b.pdf" in broken_pdf.json()["detail"]


# --------------------------------------------------------------------------- pages


def test_pages_render(client):
    doc_id = doc_id_of(client, "vnm_jpn_upgrade.txt")
    for url, needle in [
        ("/", "Bilateral relations"),
        ("/pair/JPN/VNM", "Vietnam"),
        ("/country/JPN", "Partners × areas"),
        ("/documents", "Vietnam and Japan raise ties"),
        (f"/document/{doc_id}", "Record JSON"),
        ("/search?q=semiconductors", "Matching sentences 1–"),
        ("/search", "Search the evidence"),
    ]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert needle in r.text, url
        assert r.headers["content-type"].startswith("text/html")


def test_search_pages_follow_one_ranking(client, monkeypatch):
    from entente.web import pages

    every = client.get("/api/search", params={"q": "Japan", "limit": 200}).json()
    assert len(every) >= 3
    pages_of_one = [client.get("/api/search", params={"q": "Japan", "limit": 1, "offset": o}).json() for o in range(3)]
    assert [(h["doc_id"], h["start"]) for page in pages_of_one for h in page] == [
        (h["doc_id"], h["start"]) for h in every[:3]]
    assert client.get("/api/search", params={"q": "Japan", "offset": -1}).status_code == 422
    monkeypatch.setattr(pages, "SEARCH_PAGE", 2)
    first = client.get("/search", params={"q": "Japan"}).text
    assert "Matching sentences 1–2" in first and "page=2" in first and "More matches" in first
    second = client.get("/search", params={"q": "Japan", "page": 2}).text
    assert "Matching sentences 3–" in second and "Better matches" in second
    assert client.get("/search", params={"q": "Japan", "page": 0}).status_code == 422
    assert "No matching sentence" in client.get("/search", params={"q": "zebra crossing"}).text


def test_pages_redirect_to_canonical_codes(client):
    r = client.get("/pair/Vietnam/japanese", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/pair/JPN/VNM"
    r = client.get("/country/japan", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/country/JPN"


def test_page_errors_are_html(client):
    r = client.get("/pair/JPN/Atlantis")
    assert r.status_code == 422 and "Atlantis" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get("/document/" + "f" * 64)
    assert r.status_code == 404 and "<h1>404</h1>" in r.text


def test_document_page_highlights_every_evidence_span(client):
    doc_id = doc_id_of(client, "vnm_jpn_upgrade.txt")
    view = client.get(f"/api/documents/{doc_id}").json()
    html = client.get(f"/document/{doc_id}").text
    from entente.web.highlight import record_facts

    facts = record_facts(view["record"], len(view["text"]))
    assert facts, "the Vietnam-Japan article yields facts with evidence"
    for fact in facts:
        assert f'data-fact="{fact.id}"' in html
    assert html.count('<mark class="ev"') >= len({s for f in facts for s in f.spans}) > 0


def test_home_lists_pairs_and_countries(client):
    html = client.get("/").text
    assert 'href="/pair/JPN/VNM"' in html
    assert 'data-chart="network"' in html and '"network"' in html


def test_highlight_segments_cover_the_text_exactly():
    from entente.web.highlight import FactMark, segments

    text = "Alpha beta gamma delta."
    facts = [FactMark("f1", "A1", "area", "x", None, [(0, 10)]),
             FactMark("f2", "E1", "event", "y", None, [(6, 16), (17, 22)])]
    segs = segments(text, facts)
    assert "".join(s.text for s in segs) == text
    covered = {s.text: s.facts for s in segs}
    assert covered == {"Alpha ": ["f1"], "beta": ["f1", "f2"], " gamma": ["f2"], " ": [], "delta": ["f2"],
                       ".": []}
    assert [s.start for s in segs] == [0, 6, 10, 16, 17, 22]
    assert [f.tag for s in segs for f in s.starts] == ["A1", "E1", "E1"]


def test_serve_command_is_registered():
    from typer.testing import CliRunner

    from entente.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--db" in result.output


def test_create_app_from_a_path(tmp_path: Path):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    from entente.web import create_app

    with TestClient(create_app(tmp_path / "empty.db")) as c:
        assert c.get("/api/pairs").json() == []
        assert "empty" in c.get("/").text


def test_chart_specs_from_query_models():
    from entente.kb import queries as q
    from entente.web import charts

    one = [q.LevelStep(level="strategic_partnership", date="2024-02-07", status="agreed")]
    assert charts.levels_figure(one) is None  # a single step is shown as a list only
    two = [q.LevelStep(level="strategic_partnership", date="2019-05-01", status="agreed"),
           q.LevelStep(level="comprehensive_strategic_partnership", previous="strategic_partnership",
                       date="2024-02-07", status="agreed")]
    fig = charts.levels_figure(two)
    assert fig["data"][0]["y"] == ["strategic partnership", "comprehensive strategic partnership"]
    assert fig["layout"]["yaxis"]["categoryarray"] == ["strategic partnership", "comprehensive strategic partnership"]

    events = [q.EventView(id=1, pair=["JPN", "VNM"], kind="meeting", status="occurred", date="2023-11-27"),
              q.EventView(id=2, pair=["JPN", "VNM"], kind="dialogue", status="planned", date="2024"),
              q.EventView(id=3, pair=["JPN", "VNM"], kind="visit", status="discussed", date=None)]
    fig = charts.events_figure(events)
    assert [t["name"] for t in fig["data"]] == ["occurred", "planned / expected"]  # undated left out
    assert charts.events_figure(events[2:]) is None

    pairs = [q.PairSummary(pair=["JPN", "VNM"], names=["Japan", "Vietnam"], level="strategic_partnership",
                           documents=2),
             q.PairSummary(pair=["IND", "JPN"], names=["India", "Japan"], documents=1)]
    fig = charts.network_figure(pairs, {})
    edge_traces = [t for t in fig["data"] if t["mode"] == "lines"]
    assert [t["name"] for t in edge_traces] == ["strategic partnership", "no level reported"]
    nodes = next(t for t in fig["data"] if t["name"] == "countries")
    assert nodes["text"] == ["IND", "JPN", "VNM"]
    assert nodes["customdata"] == ["/country/IND", "/country/JPN", "/country/VNM"]

    matrix = q.AreaMatrix(country="JPN", partners=["VNM", "IND"], areas=["trade"],
                          cells={"trade": {"VNM": q.AreaCell(status="agreed", source_count=3), "IND": None}})
    fig = charts.heatmap_figure(matrix)["data"][0]
    assert fig["z"] == [[3, None]] and fig["text"] == [["agreed", ""]] and fig["zmax"] == 3
    assert fig["customdata"] == [["/pair/JPN/VNM", "/pair/IND/JPN"]]
