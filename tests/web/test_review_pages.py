"""The review pages without a browser: signing in (session cookie + CSRF token), the document page's review
controls and forms, the review queue, and every way an unauthenticated write fails (401/403).
A KB of our own text (review_corpus, TableExtractor), no spaCy."""

from __future__ import annotations

import json
import re

import pytest

from entente.kb import open_kb
from entente.record import AREAS, AgreementStatus
from entente.web import browser_session as bs
from entente.web.security import CSP
from review_corpus import TEXT, review_client

TOKEN = "review-pages-token"
SPACE = {"kind": "area", "action": "reject", "key": "area:FRA-IND:space"}


@pytest.fixture
def client(tmp_path):
    yield from review_client(tmp_path, TOKEN)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def sign_in(client) -> str:
    r = client.post("/api/session", headers=bearer(TOKEN))
    assert r.status_code == 200, r.text
    return r.json()["csrf"]


def review(client, csrf: str | None = None, **body):
    headers = {bs.CSRF_HEADER: csrf} if csrf else {}
    return client.post("/api/reviews", json={"doc_id": client.doc_id, **body}, headers=headers)


def areas(client) -> set[str]:
    return {a["area"] for a in client.get("/api/pairs/FRA/IND").json()["areas"]}


def test_signing_in_sets_a_strict_httponly_cookie_and_writes_need_its_csrf_token(client):
    assert review(client, **SPACE).status_code == 401  # no token, no session
    assert client.get("/api/session").json() == {"authenticated": False, "csrf": None}
    assert client.post("/api/session").status_code == 401
    assert client.post("/api/session", headers=bearer("wrong")).status_code == 403
    foreign = client.post("/api/session", headers={**bearer(TOKEN), "Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "set-cookie" not in foreign.headers

    r = client.post("/api/session", headers={**bearer(TOKEN), "Origin": "http://testserver"})
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(bs.COOKIE + "=")
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/" in cookie
    assert r.headers["cache-control"] == "no-store"
    csrf = r.json()["csrf"]
    state = client.get("/api/session")
    assert state.json() == {"authenticated": True, "csrf": csrf} and state.headers["cache-control"] == "no-store"

    assert review(client, **SPACE).status_code == 403  # the cookie alone is not enough (CSRF)
    assert review(client, "0" * 64, **SPACE).status_code == 403
    assert "space" in areas(client)
    written = review(client, csrf, **SPACE, reviewer="ana")
    assert written.status_code == 201 and written.json()["reviewer"] == "ana"
    assert "space" not in areas(client)

    assert client.delete("/api/session").status_code == 403  # signing out needs the CSRF token too
    assert client.delete("/api/session", headers={bs.CSRF_HEADER: csrf}).status_code == 204
    assert review(client, csrf, kind="area", action="accept", key="area:FRA-IND:defence").status_code == 401


def test_a_forged_expired_or_foreign_cookie_is_no_session(client):
    client.cookies.set(bs.COOKIE, bs.new_session("another-token"))
    assert client.get("/api/session").json()["authenticated"] is False
    assert review(client, bs.csrf_token("another-token", "x"), **SPACE).status_code == 401
    expired = bs.new_session(TOKEN, now=0)
    assert bs.session_nonce(TOKEN, expired) is None
    good = bs.new_session(TOKEN)
    nonce = bs.session_nonce(TOKEN, good)
    assert nonce and bs.csrf_ok(TOKEN, nonce, bs.csrf_token(TOKEN, nonce))
    tampered = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert bs.session_nonce(TOKEN, tampered) is None and bs.session_nonce(None, good) is None


def test_without_a_server_token_nobody_signs_in(tmp_path):
    from fastapi.testclient import TestClient

    from entente.web import create_app

    kb = open_kb(tmp_path / "kb.db")
    with TestClient(create_app(kb=kb, api_token="")) as c:
        assert c.post("/api/session", headers=bearer("anything")).status_code == 403
    kb.close()


def _scripts_are_files_or_data(html: str) -> None:
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert re.search(r'src="/static/[\w.-]+\.js"', tag) or 'type="application/json"' in tag, tag
    for block in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        assert not block[1].strip() or 'type="application/json"' in block[0]


def test_the_document_page_has_review_controls_and_forms_from_the_spec(client):
    r = client.get(f"/document/{client.doc_id}")
    assert r.status_code == 200 and r.headers["content-security-policy"] == CSP
    html = r.text
    _scripts_are_files_or_data(html)
    assert 'src="/static/review.js"' in html and 'id="add-fact"' in html
    keys = re.findall(r'data-key="([^"]+)"', html)
    assert {"area:FRA-IND:space", "area:FRA-IND:defence", "event:FRA-IND:visit|2025-03-03"} <= set(keys)
    fields = re.search(r"data-key=\"event:FRA-IND:visit\|2025-03-03\"[^>]*data-fields='([^']*)'", html)
    assert json.loads(fields.group(1).replace("&#34;", '"')) == {
        "kind": "visit", "status": "occurred", "date": "2025-03-03", "place": "Paris", "place_country": "FRA",
    }
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', html, re.S).group(1))["review"]
    assert data["doc_id"] == client.doc_id and data["pairs"] == [["FRA", "IND"]]
    area = {f["name"]: f for f in data["fields"]["area"]}
    assert tuple(area["area"]["choices"]) == AREAS
    agreement = {f["name"]: f for f in data["fields"]["agreement"]}
    assert set(agreement["status"]["choices"]) == set(AgreementStatus.__args__)
    assert '<a href="/review"' in html  # the queue is in the navigation


def test_a_rejected_fact_is_listed_apart_and_can_be_restored(client):
    csrf = sign_in(client)
    assert review(client, csrf, **SPACE).status_code == 201
    html = client.get(f"/document/{client.doc_id}").text
    rejected = html.split('id="rejected"', 1)[1].split("</ul>", 1)[0]
    assert 'data-key="area:FRA-IND:space"' in rejected
    assert 'data-key="area:FRA-IND:space"' not in html.split('id="facts"', 1)[1].split("</ul>", 1)[0]
    assert "Reviews of this document (1)" in html
    assert review(client, csrf, kind="area", action="accept", key="area:FRA-IND:space").status_code == 201
    assert "space" in areas(client)
    assert 'id="rejected"' not in client.get(f"/document/{client.doc_id}").text


def test_an_added_fact_is_shown_and_can_be_withdrawn(client):
    csrf = sign_in(client)
    start = TEXT.index("A roadmap on green hydrogen")
    span = {"start": start, "end": start + 27, "text": TEXT[start : start + 27]}
    fields = {"kind": "action_plan", "title": "Green hydrogen roadmap", "status": "signed"}
    added = review(client, csrf, kind="agreement", action="add", pair=["FRA", "IND"], fields=fields, spans=[span])
    assert added.status_code == 201, added.text
    key = added.json()["fact_key"]
    html = client.get(f"/document/{client.doc_id}").text
    assert f'data-key="{key}"' in html and "prov-analyst" in html and ">withdraw</button>" in html
    assert review(client, csrf, kind="agreement", action="reject", key=key).status_code == 201
    assert client.get("/api/pairs/FRA/IND").json()["agreements"] == {}
    assert not any(r["orphaned"] for r in client.get("/api/reviews").json())


def test_review_fields_outside_the_spec_are_422(client):
    csrf = sign_in(client)
    key = "event:FRA-IND:visit|2025-03-03"
    bad = [
        {"kind": "event", "action": "correct", "key": key, "fields": {"status": "rumoured"}},
        {"kind": "event", "action": "correct", "key": key, "fields": {"colour": "red"}},
        {"kind": "event", "action": "correct", "key": key, "fields": {"date": "3 March"}},
        {"kind": "event", "action": "correct", "key": key, "fields": {"place_country": "France"}},
        {"kind": "agreement", "action": "add", "pair": ["FRA", "IND"], "fields": {"kind": "mou"},
         "spans": [{"start": 0, "end": 5, "text": TEXT[:5]}]},  # no status
    ]
    for body in bad:
        r = review(client, csrf, **body)
        assert r.status_code == 422, body
    assert client.get("/api/reviews").json() == []


def test_the_queue_lists_unreviewed_facts_least_confident_first(client):
    html = client.get("/review").text
    _scripts_are_files_or_data(html)
    rows = re.findall(r'<tr class="qitem"[^>]*data-key="([^"]+)"', html)
    confidences = [float(x) for x in re.findall(r'<td class="num">([0-9.]+)</td>', html)]
    assert set(rows) == {"event:FRA-IND:visit|2025-03-03", "area:FRA-IND:space", "area:FRA-IND:defence"}
    assert confidences == sorted(confidences) and len(confidences) == 3
    # the areas are weaker than the dated visit: "discussed" is a weak status
    assert rows[0] == "area:FRA-IND:space" and "weak status (discussed)" in html
    assert 'src="/static/queue.js"' in html and "<kbd>j</kbd>" in html
    csrf = sign_in(client)
    assert review(client, csrf, kind="area", action="accept", key="area:FRA-IND:space").status_code == 201
    after = re.findall(r'<tr class="qitem"[^>]*data-key="([^"]+)"', client.get("/review").text)
    assert "area:FRA-IND:space" not in after and len(after) == 2


def test_the_sign_in_page_returns_only_to_a_path_of_this_site(client):
    def target(value: str) -> str:
        html = client.get("/login", params={"next": value}).text
        _scripts_are_files_or_data(html)
        return re.search(r'data-next="([^"]*)"', html).group(1)

    assert target("/document/abc#review=x") == "/document/abc#review=x"
    for bad in ("//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example", "javascript:x"):
        assert target(bad) == "/review", bad
    assert 'type="password"' in client.get("/login").text
