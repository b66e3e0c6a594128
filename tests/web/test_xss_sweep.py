"""Stored and reflected XSS, every HTML page: payloads in a document's title, outlet, url, text, evidence,
people's names and titles, agreement titles and places reach every page the server renders (found from the
app's routes, so a new page is swept too), and none comes out as markup; every page carries the CSP.

Records are prepared with :class:`entente.kb.testing.Article` (the payloads land exactly where we put them,
whatever the extraction pipeline finds); the texts are ours.
"""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pytest
from fastapi.routing import APIRoute

from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import Article, TableExtractor

PAYLOADS = {
    "title": "<script>xssTitle()</script>",
    "outlet": '"><img src=x onerror=xssOutlet()>',
    "text": "</textarea></pre><svg onload=xssText()>",
    "evidence": "<iframe srcdoc='<script>xssEvidence()</script>'>",
    "person": "<b onmouseover=xssPerson()>Tan Kim</b>",
    "role": "'><script>xssRole()</script>",
    "agreement": "<a href=javascript:xssAgreement()>pact</a>",
    "place": "<style>@import 'x'</style><body onload=xssPlace()>",
    "commitment": "<object data=javascript:xssCommitment()>",
}
FORBIDDEN_TAGS = {"iframe", "svg", "object", "embed", "style", "img", "base", "form-action", "meta-refresh"}
URL_PAYLOAD = "javascript:xssUrl()//\"><script>xssUrl2()</script>"
REFLECTED = "<script>xssReflected()</script>"


class HostileArticle(Article):
    def record(self):
        record = super().record()
        record.doc.outlet = PAYLOADS["outlet"]
        return record


def articles() -> list[Article]:
    p = PAYLOADS
    text = (
        f"Japan and Malaysia held talks in Tokyo on Monday {p['evidence']} and agreed to work together on "
        f"semiconductors. Prime Minister {p['person']} ({p['role']}) received the visitor at {p['place']}. "
        f"The two sides signed the {p['agreement']} memorandum on supply chains. They pledged to "
        f"{p['commitment']} finish the trade talks by 2026. Bilateral trade reached 90 billion yen in 2023. "
        f"A note closes the page {p['text']} here."
    )
    hostile = HostileArticle(text, "hostile.txt", published="2024-06-03", title=f"Talks {p['title']} in Tokyo",
                             url=URL_PAYLOAD)
    jm = ("JPN", "MYS")
    person = hostile.person(p["person"], "JPN", p["person"], titles=(p["role"],))
    hostile.event(jm, "meeting", "occurred", f"held talks in Tokyo on Monday {p['evidence']}", date="2024-06-03",
                  place=p["place"], place_country="JPN", participants=(person,))
    hostile.area(jm, "semiconductors", "agreed", "work together on semiconductors")
    hostile.agreement(jm, "mou", "signed", f"signed the {p['agreement']} memorandum on supply chains",
                      title=p["agreement"], date="2024-06-03")
    hostile.commitment(jm, p["commitment"], f"pledged to {p['commitment']} finish the trade talks by 2026",
                       deadline="2026")
    hostile.figure(jm, "trade_value", 90e9, "JPY", "trade reached 90 billion yen in 2023", period="2023")
    hostile.level(jm, "strategic_partnership", "occurred", "held talks in Tokyo on Monday", date="2024-06-03")
    plain = Article("Japan and Vietnam agreed in Hanoi on Friday to work together on semiconductors.",
                    "plain.txt", published="2024-05-10", title="Plain talks")
    plain.area(("JPN", "VNM"), "semiconductors", "agreed", "work together on semiconductors")
    return [hostile, plain]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    kb = open_kb(tmp_path_factory.mktemp("xss") / "kb.db")
    arts = articles()
    with kb.session() as s:
        result = ingest(s, [a.document() for a in arts], extractor=TableExtractor(arts))
    assert not result.failures, result.failures
    from entente.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    with TestClient(create_app(kb=kb, api_token="xss-token"), raise_server_exceptions=False) as c:
        yield c
    kb.close()


def hostile_doc(client) -> str:
    return next(d["id"] for d in client.get("/api/documents").json()["items"] if d["name"] == "hostile.txt")


PATH_VALUES = {"a": ["JPN", "VNM"], "b": ["MYS", "JPN"], "country": ["JPN", "MYS", "VNM"]}


def all_routes(routes) -> list:
    """The app's routes, included routers opened (newer FastAPI wraps each in an ``_IncludedRouter``)."""
    out = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        out += all_routes(inner.routes) if inner is not None else [route]
    return out


def html_routes(app) -> list[APIRoute]:
    """Every GET route that answers a page (not the API, static files or assets)."""
    out = []
    for route in all_routes(app.routes):
        path = getattr(route, "path", "")
        if "GET" not in getattr(route, "methods", set()) or path.startswith(("/api", "/static", "/assets")):
            continue
        if path in ("/openapi.json", "/docs/oauth2-redirect", "/redoc"):
            continue
        out.append(route)
    return out


def page_urls(client) -> list[str]:
    doc = hostile_doc(client)
    urls = []
    for route in html_routes(client.app):
        params = re.findall(r"{(\w+)}", route.path)
        if not params:
            urls.append(route.path)
            continue
        if params == ["doc_id"]:
            urls.append(route.path.replace("{doc_id}", doc))
            continue
        unknown = [p for p in params if p not in PATH_VALUES]
        assert not unknown, f"the sweep does not know how to fill {unknown} of {route.path}: add values"
        for i in range(max(len(PATH_VALUES[p]) for p in params)):
            url = route.path
            for p in params:
                values = PATH_VALUES[p]
                url = url.replace("{" + p + "}", values[min(i, len(values) - 1)])
            urls.append(url)
    searches = ["semiconductors", "xssTitle", "xssEvidence", "onload", "Tokyo", "script"]
    urls += [f"/search?q={w}" for w in searches]
    urls += ["/search?q=talks&pair=JPN-MYS", "/search?q=talks&outlet=img", "/documents?limit=1"]
    return urls


class Elements(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them: (tag, attributes), and script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data):
        if self._script is not None:
            attributes, body = self.scripts[-1]
            self.scripts[-1] = (attributes, body + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def assert_inert(html: str, url: str) -> None:
    for where, payload in [*PAYLOADS.items(), ("url", URL_PAYLOAD), ("reflected", REFLECTED)]:
        assert payload not in html, f"{url}: the {where} payload is in the page unescaped"
    page = Elements()
    page.feed(html)
    page.close()
    for tag, attrs in page.elements:
        assert tag not in FORBIDDEN_TAGS, f"{url}: a <{tag}> element"
        handlers = [k for k in attrs if k.startswith("on")]
        assert not handlers, f"{url}: <{tag}> has event handlers {handlers}"
        for name, value in attrs.items():
            assert not value.strip().lower().startswith(("javascript:", "data:text/html")), (
                f"{url}: <{tag} {name}={value!r}>"
            )
    assert sum(tag == "body" for tag, _ in page.elements) == 1, f"{url}: not one <body>"
    for attrs, body in page.scripts:
        if "src" in attrs:
            assert re.fullmatch(r"/[A-Za-z0-9_./-]+", attrs["src"]) and not body.strip(), f"{url}: script {attrs}"
        else:
            assert attrs.get("type") == "application/json", f"{url}: inline script {body[:80]!r}"
            assert "<" not in body, f"{url}: a data block holds markup"


def test_every_page_renders_the_payloads_as_text(client):
    urls = page_urls(client)
    assert {"/", "/documents", "/search", "/docs"} <= set(urls)
    assert any(u.startswith("/pair/") for u in urls) and any(u.startswith("/country/") for u in urls)
    assert any(u.startswith("/document/") for u in urls)
    seen = set()
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        assert r.headers["content-type"].startswith("text/html"), url
        csp = r.headers.get("content-security-policy", "")
        assert re.search(r"script-src 'self'(;|$)", csp) and "object-src 'none'" in csp, (url, csp)
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, (url, csp)
        assert_inert(r.text, url)
        seen |= {k for k in ("xssTitle", "xssOutlet", "xssText", "xssEvidence", "xssPerson", "xssRole",
                             "xssAgreement", "xssPlace", "xssCommitment", "xssUrl") if k in r.text}
    # the payloads were shown (escaped), so the sweep really looked at them
    assert {"xssTitle", "xssText", "xssEvidence", "xssPerson", "xssAgreement", "xssCommitment"} <= seen, seen


@pytest.mark.parametrize("url", [
    f"/search?q={REFLECTED}",
    f"/search?q=talks&outlet={REFLECTED}",
    f"/search?q=talks&country={REFLECTED}",
    f"/search?q=talks&pair={REFLECTED}",
    f"/pair/{REFLECTED}/JPN",
    f"/country/{REFLECTED}",
    f"/document/{REFLECTED}",
    f"/nope/{REFLECTED}",
    f"/documents?limit={REFLECTED}",
])
def test_reflected_payloads_in_pages_and_their_errors_are_text(client, url):
    r = client.get(url, headers={"Accept": "text/html"})
    assert r.status_code < 500, (url, r.status_code)
    assert "content-security-policy" in r.headers, url
    if r.headers["content-type"].startswith("text/html"):
        assert_inert(r.text, url)
    else:
        assert "<script>" not in r.headers["content-type"]


def test_the_documents_url_is_never_a_javascript_link(client):
    html = client.get(f"/document/{hostile_doc(client)}").text
    assert "xssUrl" in html  # the url is shown, as text
    assert not re.search(r"""<a\s[^>]*href\s*=\s*["']?\s*javascript:""", html, flags=re.I)
