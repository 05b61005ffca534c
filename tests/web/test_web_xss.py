"""Article text is untrusted: a hostile article's <script> and <img onerror> must come out inert
(escaped) in every page, the JSON API and the reports, and its javascript: URL never a link."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from web.deskstore import XSS_IMG, XSS_SCRIPT, build_desk_store
from wirewatch.web.app import create_app

RAW = [XSS_SCRIPT, "<script>alert('title')</script>", "<img src=x", "onerror=\"alert",
       "javascript:alert"]


@pytest.fixture(scope="module")
def client(tmp_path_factory, seeds_dir):
    return TestClient(create_app(build_desk_store(tmp_path_factory, seeds_dir)))


@pytest.fixture(scope="module")
def hostile_id(client) -> str:
    results = client.get("/api/search", params={"q": "alert"}).json()["results"]
    assert results, "the hostile article was not ingested"
    return results[0]["id"]


def _pages(hostile_id: str) -> list[str]:
    return [f"/documents/{hostile_id}", "/?q=alert", "/?q=troops", "/?from=2019-05",
            "/actors/Sajjan", "/timeline?from=2019-05-01&to=2019-05-31", "/network",
            "/figures?actor=CAN", "/map", "/quotes", "/status", "/report?q=alert",
            "/api/report?q=alert&format=html"]


def test_web_xss_hostile_text_is_stored_verbatim(client, hostile_id):
    text = client.get(f"/api/documents/{hostile_id}").json()["document"]["text"]
    assert XSS_SCRIPT in text and XSS_IMG in text


def test_web_xss_every_view_renders_it_inert(client, hostile_id):
    for route in _pages(hostile_id):
        response = client.get(route)
        assert response.status_code == 200, route
        body = response.text
        for raw in RAW:
            assert raw not in body, f"{raw!r} unescaped in {route}"
        assert body.count("<script") == body.count('<script src="/static/js/desk.js">'), route


def test_web_xss_markdown_report_escapes_markup(client):
    text = client.get("/api/report", params={"q": "alert", "format": "md"}).text
    assert "alert(" in text
    assert re.search(r"(?<!\\)[<>]", text) is None  # every angle bracket is backslash-escaped


def test_web_xss_reader_shows_the_text_escaped(client, hostile_id):
    body = client.get(f"/documents/{hostile_id}").text
    assert "&lt;script&gt;alert(" in body and "&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=" in body


def test_web_xss_json_keeps_text_as_data(client, hostile_id):
    response = client.get("/api/search", params={"q": "alert"})
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>" in "".join(p["text"] for r in response.json()["results"]
                                 for p in r["snippet"]) + response.json()["results"][0]["title"]
