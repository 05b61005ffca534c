"""The desk in a real browser (Playwright driving Debian's Chromium, headless, offline): the
analyst's flows work, nothing is fetched from outside, and a hostile article never runs script.
Screenshots of every view go to tests/artifacts/ (gitignored)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from web.deskstore import build_desk_store
from wirewatch.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_DEADLINE = 20.0

if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium "
                "(run `bash scripts/ensure_chromium.sh`)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="the playwright package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, seeds_dir) -> Iterator[str]:
    import uvicorn

    app = create_app(build_desk_store(tmp_path_factory, seeds_dir))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_DEADLINE
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the desk did not start on loopback")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=STARTUP_DEADLINE)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records dialogs (alert = script ran) and any request leaving loopback."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.outside, page.csp_errors = [], [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: urlparse(r.url).hostname not in ("127.0.0.1", None)
            and page.outside.append(r.url))
    page.on("console", lambda m: "Content Security Policy" in m.text
            and page.csp_errors.append(m.text))
    yield page
    assert page.dialogs == [], "a script ran"
    assert page.outside == [], "the desk fetched something from outside"
    assert page.csp_errors == [], "the desk's own assets broke its CSP"
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_browser_search_article_fact_highlight(page, base_url):
    page.goto(f"{base_url}/?q=Sajjan")
    assert page.locator("mark").count() > 0
    _shot(page, "search")
    page.locator("a.doc-link").first.click()
    page.wait_for_url("**/documents/**")
    fact = page.locator("li.fact.event a, li.fact.figure a").first
    anchor = fact.get_attribute("href")
    fact.click()
    page.wait_for_url(f"**{anchor}")
    target = page.locator(f"p.sentence{anchor}")
    assert target.is_visible()
    assert target.evaluate("e => e.matches(':target')")
    assert page.locator(".article-text span.m").count() > 0
    _shot(page, "article")


def test_browser_histogram_brush_sets_dates(page, base_url):
    page.goto(f"{base_url}/")
    bars = page.locator("#histogram rect.bar")
    assert bars.count() >= 3
    first, last = bars.nth(0).bounding_box(), bars.nth(2).bounding_box()
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] - 1)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + last["height"] - 1, steps=5)
    page.mouse.up()
    page.wait_for_url("**from=**")
    assert "to=" in page.url
    _shot(page, "search-brushed")


def test_browser_actor_profile_sajjan(page, base_url):
    page.goto(f"{base_url}/actors/Sajjan")
    assert "Sajjan" in page.locator("h1").inner_text()
    assert "Defence" in page.locator("table.roles").inner_text()
    _shot(page, "actor-sajjan")


def test_browser_timeline_cites_mentions(page, base_url):
    page.goto(f"{base_url}/timeline?actor=CAN")
    assert page.locator("li.event-item").count() > 0
    link = page.locator("a.cite-link").first
    anchor = link.get_attribute("href").split("#")[1]
    _shot(page, "timeline")
    link.click()
    page.wait_for_url(f"**#{anchor}")
    assert page.locator(f"#{anchor}").is_visible()


def test_browser_network_expands_an_actor(page, base_url):
    page.goto(f"{base_url}/network")
    nodes = page.locator("#network circle.node")
    assert nodes.count() > 1
    _shot(page, "network")
    page.locator("#network a circle.node").first.click()
    page.wait_for_url("**expand=**")
    assert page.locator("table.edges tr").count() > 1


def test_browser_figures_chart_canadian_troops(page, base_url):
    page.goto(f"{base_url}/figures?actor=CAN&measure=troops")
    points = page.locator("svg.chart circle.point")
    assert points.count() >= 3
    _shot(page, "figures-canada-troops")
    page.locator("svg.chart a circle.point").first.click()
    page.wait_for_url("**/documents/**#s*")
    assert page.locator("p.sentence:target").count() == 1


def test_browser_map_draws_world_and_places(page, base_url):
    page.goto(f"{base_url}/map")
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#map circle.place").count() > 0
    _shot(page, "map")


def test_browser_report_generation(page, base_url):
    page.goto(f"{base_url}/?actor=CAN&from=2016-01-01&to=2021-12-31")
    page.locator("#report-button").click()
    page.wait_for_url("**/report?**")
    assert "Situation report" in page.locator("h1").inner_text()
    citations = page.locator("ol.citations li")
    assert citations.count() > 0
    assert page.locator("li.statement a.cite").count() > 0
    _shot(page, "report")


def test_browser_hostile_article_never_runs(page, base_url):
    page.goto(f"{base_url}/?q=alert")
    page.locator("a.doc-link").first.click()
    page.wait_for_url("**/documents/**")
    assert "<script>alert(" in page.locator(".article-text").inner_text()
    assert page.locator(".article-text img, .article-text script").count() == 0
    _shot(page, "hostile-article")
