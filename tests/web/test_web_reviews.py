"""``/api/reviews``: reading open, writing only with the API token; a written review changes the pair's
profile at once (the answer cache is bumped). A KB of our own text (TableExtractor), no spaCy."""

from __future__ import annotations

import pytest

from review_corpus import review_client

TOKEN = "review-token-19c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(tmp_path):
    yield from review_client(tmp_path, TOKEN)


def test_reviews_api_reads_open_writes_with_token(client):
    doc = client.doc_id
    facts = client.get("/api/reviews/facts", params={"doc_id": doc}).json()
    assert "area:FRA-IND:space" in {f["key"] for f in facts}
    before = client.get("/api/pairs/FRA/IND").json()
    assert "space" in {a["area"] for a in before["areas"]}
    body = {"doc_id": doc, "kind": "area", "action": "reject", "key": "area:FRA-IND:space", "reviewer": "ana"}
    assert client.post("/api/reviews", json=body).status_code in (401, 403)
    assert client.post("/api/reviews", json=body, headers={"Authorization": "Bearer wrong"}).status_code in (
        401,
        403,
    )
    assert client.get("/api/reviews").json() == []
    written = client.post("/api/reviews", json=body, headers=AUTH)
    assert written.status_code == 201 and written.json()["action"] == "reject"
    after = client.get("/api/pairs/FRA/IND").json()
    assert "space" not in {a["area"] for a in after["areas"]}
    listed = client.get("/api/reviews", params={"doc_id": doc[:10]}).json()
    assert [(r["fact_key"], r["reviewer"], r["orphaned"]) for r in listed] == [
        ("area:FRA-IND:space", "ana", False)
    ]


def test_bad_reviews_are_422_and_documented(client):
    body = {"doc_id": client.doc_id, "kind": "area", "action": "reject", "key": "area:FRA-IND:nothing"}
    bad = client.post("/api/reviews", json=body, headers=AUTH)
    assert bad.status_code == 422 and "no fact" in bad.json()["detail"]
    assert client.post("/api/reviews", json={**body, "action": "erase"}, headers=AUTH).status_code == 422
    paths = client.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/reviews"])


def test_the_pair_page_marks_reviewed_facts(client):
    doc = client.doc_id
    body = {
        "doc_id": doc,
        "kind": "area",
        "action": "correct",
        "key": "area:FRA-IND:defence",
        "fields": {"status": "ongoing"},
    }
    assert client.post("/api/reviews", json=body, headers=AUTH).status_code == 201
    page = client.get("/pair/FRA/IND").text
    assert 'class="prov prov-corrected"' in page and "prov-accepted" not in page
