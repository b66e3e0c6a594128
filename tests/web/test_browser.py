"""Browser tests: Debian's chromium, driven by playwright, against a live uvicorn on 127.0.0.1.

The demo KB is ``examples/articles/`` (when present) plus the small articles of
``web_fixtures`` (one of them hostile).  Every page is loaded with console errors,
page errors, failed requests and off-site requests recorded; screenshots go to
``build/screenshots/``, with server timings of each page in ``timings.txt``.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from web_fixtures import build_kb, served, write_articles

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright Python package is missing (pip install -e '.[dev]')")

    from entente.web import create_app

    folder = tmp_path_factory.mktemp("demo")
    sources = write_articles(folder / "articles")
    examples = ROOT / "examples" / "articles"
    if examples.is_dir() and any(examples.iterdir()):
        sources.append(examples)
    kb = build_kb(folder / "demo.db", sources)
    app = create_app(kb=kb, api_token="browser-token")
    with served(app) as url:
        yield url, kb


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Problems a page reports: console errors, uncaught errors, failed or off-site requests."""

    def __init__(self, page, base: str) -> None:
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: r.url.startswith(("http:", "https:")) and not r.url.startswith(base)
                and self.problems.append(f"off-site request: {r.url}"))


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.watch = Watch(pg, base)
    yield pg
    context.close()
    assert pg.watch.problems == []


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_chart(page, name: str) -> None:
    page.wait_for_selector(f'[data-chart="{name}"][data-rendered="1"] .main-svg', timeout=15000)


def test_home_to_pair_to_document(page, server):
    base, _ = server
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Bilateral relations"
    wait_chart(page, "network")
    assert page.locator('[data-chart="network"] .scatterlayer .trace').count() >= 2
    shot(page, "home")

    page.locator('table a[href^="/pair/"]').first.click()
    page.wait_for_load_state("load")
    assert "/pair/" in page.url
    if page.locator('[data-chart="events"]').count():
        wait_chart(page, "events")
    if page.locator('[data-chart="levels"]').count():
        wait_chart(page, "levels")
    shot(page, "pair")

    page.locator('a[href^="/document/"]').first.click()
    page.wait_for_load_state("load")
    assert "/document/" in page.url
    marks = page.locator("#article mark.ev")
    assert marks.count() > 0
    labels = page.locator("#article .lbl")
    assert labels.count() > 0
    fact = page.locator("#facts li[data-fact]").first
    fact_id = fact.get_attribute("data-fact")
    fact.click()
    on = page.locator("#article mark.ev.on")
    assert on.count() > 0
    for i in range(on.count()):
        assert fact_id in on.nth(i).get_attribute("data-facts").split()
    assert page.locator("#facts li.on").count() == 1
    page.locator("details.json summary").click()
    assert '"entente.record/1"' in page.locator("details.json pre").inner_text()
    shot(page, "document")


def test_country_heatmap(page, server):
    base, _ = server
    page.goto(base + "/country/Japan")
    assert page.url.endswith("/country/JPN")
    wait_chart(page, "heatmap")
    assert page.locator('[data-chart="heatmap"] .hm, [data-chart="heatmap"] .heatmaplayer image').count() >= 1
    shot(page, "country")


def test_search_page(page, server):
    base, _ = server
    page.goto(base + "/")
    page.fill('header input[name="q"]', "maritime security")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_load_state("load")
    assert page.locator(".hits li").count() >= 1
    assert page.locator(".hits mark").count() >= 1
    shot(page, "search")
    page.locator(".hits li a").first.click()
    page.wait_for_load_state("load")
    assert page.locator("#article mark.ev.on").count() >= 1  # the cited sentence is highlighted


def test_documents_list_and_docs(page, server):
    base, _ = server
    page.goto(base + "/documents")
    assert page.locator("table tbody tr").count() >= 3
    shot(page, "documents")
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert "entente" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 8
    shot(page, "docs")


def test_hostile_article_executes_nothing(page, server):
    base, kb = server
    from entente.kb import queries as q

    with kb.session() as s:
        doc = next(d for d in q.documents(s, limit=500).items if d.name == "hostile_markup.txt")
    page.goto(f"{base}/document/{doc.id}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.locator("#article script, #article img, h1 script").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator("h1").inner_text()
    assert 'onerror="window.__pwned = 2"' in page.locator("#article").inner_text()
    page.goto(f"{base}/documents")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{base}/search?q=coast")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_page_server_times(server):
    """Server time of each page on the demo KB (from the ``Server-Timing`` header, 10 requests each,
    with ``Cache-Control: no-cache`` so each is computed, not served from the response cache),
    written to build/screenshots/timings.txt. No assertion on speed (CI machines differ); every page
    must answer 200 and report its time."""
    import re

    import httpx

    base, kb = server
    from entente.kb import queries as q

    with kb.session() as s:
        busiest = max(q.pairs(s), key=lambda p: p.documents).pair
        doc_id = q.documents(s, limit=1).items[0].id
    urls = ["/", f"/pair/{busiest[0]}/{busiest[1]}", f"/country/{busiest[0]}", "/documents",
            f"/document/{doc_id}", "/search?q=cooperation", "/api/pairs", f"/api/pairs/{busiest[0]}/{busiest[1]}"]
    lines = []
    with httpx.Client(base_url=base, headers={"Cache-Control": "no-cache"}) as client:
        for url in urls:
            times = []
            for _ in range(10):
                r = client.get(url)
                assert r.status_code == 200, url
                times.append(float(re.fullmatch(r"app;dur=([0-9.]+)", r.headers["server-timing"]).group(1)))
            lines.append(f"{url}\tmedian {statistics.median(times):.1f} ms\tmax {max(times):.1f} ms")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "timings.txt").write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
