"""The desk's HTTP API and pages on the seeds: every route answers, bad input is a clear 4xx
(never a 500), exports parse, security headers, the token gate and CSRF'd corrections."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from web.deskstore import build_desk_store
from wirewatch.web.app import create_app
from wirewatch.web.security import UnsafeBinding, check_binding


@pytest.fixture(scope="module")
def db(tmp_path_factory, seeds_dir):
    return build_desk_store(tmp_path_factory, seeds_dir)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def seed_doc(client) -> str:
    return client.get("/api/search", params={"q": "Sajjan"}).json()["results"][0]["id"]


ROUTES = [
    "/", "/?q=troops", "/?actor=CAN&from=2016&to=2021", "/actors", "/actors/Sajjan",
    "/timeline", "/timeline?actor=CAN&type=REQUEST", "/network", "/network?expand=CAN&top=5",
    "/figures", "/figures?actor=CAN&measure=troops", "/map", "/map?place=Iraq", "/quotes",
    "/status", "/report?actor=CAN", "/api/search?q=troops&limit=5", "/api/actors",
    "/api/actors/Sajjan", "/api/actors/CAN", "/api/timeline?from=2016-01&to=2021-12",
    "/api/network?expand=CAN", "/api/figures?actor=CAN", "/api/places?actor=CAN",
    "/api/quotes", "/api/status", "/api/report?actor=CAN&format=md", "/openapi.json",
    "/static/css/app.css", "/static/js/desk.js", "/static/vendor/world-atlas/LICENSE",
]


@pytest.mark.parametrize("route", ROUTES)
def test_web_api_route_answers(client, route):
    response = client.get(route)
    assert response.status_code == 200, response.text[:300]
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_api_document_reader_has_facts_and_anchors(client, seed_doc):
    data = client.get(f"/api/documents/{seed_doc}").json()
    assert data["sentences"] and data["mentions"]
    page = client.get(f"/documents/{seed_doc}").text
    for sentence in data["sentences"][:5]:
        assert f'id="s{sentence["start"]}"' in page
    for event in data["events"]:
        assert f'href="#s{event["sentence_start"]}"' in page


def test_web_api_openapi_documents_every_api_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/timeline", "/api/network", "/api/figures",
                 "/api/places", "/api/quotes", "/api/status", "/api/export/{view}",
                 "/api/report", "/api/documents/{doc_id}", "/api/actors/{name}"):
        assert path in paths
    assert client.get("/docs").status_code == 404  # the Swagger UI would need a CDN


@pytest.mark.parametrize(("route", "status"), [
    ("/api/search?from=2020-13-01", 400),
    ("/api/search?to=2021-02-30", 400),
    ("/api/search?from=yesterday", 400),
    ("/api/timeline?from=2021&to=2016", 400),
    ("/api/search?limit=-1", 422),
    ("/api/search?offset=-5", 422),
    ("/api/search?limit=100000", 422),
    ("/api/search?offset=99999999999999", 422),
    ("/api/search?q=%22%22%28%29%2A", 400),
    ("/api/search?q=AND%20OR%20NOT", 400),
    ("/api/timeline?type=BOMBING", 400),
    ("/api/actors/nobody-at-all-xyz", 404),
    ("/api/timeline?actor=nobody-at-all-xyz", 404),
    ("/api/network?expand=nobody-at-all-xyz", 404),
    ("/api/documents/0000000000", 404),
    ("/api/export/nothing?format=csv", 404),
    ("/api/export/timeline?format=xls", 422),
    ("/api/export/timeline?format=gexf", 400),
    ("/api/report?format=pdf", 422),
    ("/api/actors?kind=planet", 422),
    ("/documents/0000000000", 404),
    ("/timeline?from=2020-13", 400),
    ("/actors/nobody-at-all-xyz", 404),
])
def test_web_api_bad_parameters_are_clear_4xx(client, route, status):
    response = client.get(route)
    assert response.status_code == status, response.text[:300]
    if route.startswith("/api/"):
        assert response.json()["detail"]


def test_web_api_huge_offset_in_range_is_empty_not_an_error(client):
    response = client.get("/api/search", params={"q": "troops", "offset": 1_000_000_000})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_web_api_malformed_fts_syntax_is_searched_as_words(client):
    response = client.get("/api/search", params={"q": 'troops AND ("Iraq" NEAR(*'})
    assert response.status_code == 200


def test_web_api_search_highlights_matches(client):
    results = client.get("/api/search", params={"q": "Sajjan"}).json()["results"]
    assert any(part["hit"] and "Sajjan" in part["text"]
               for r in results for part in r["snippet"])
    assert "<mark>Sajjan</mark>" in client.get("/", params={"q": "Sajjan"}).text


def test_web_api_filters_apply_to_timeline(client):
    events = client.get("/api/timeline", params={"actor": "CAN", "from": "2016",
                                                 "to": "2021", "limit": 1000}).json()["events"]
    assert events
    for event in events:
        assert "2016-01-01" <= event["start"] <= "2021-12-31"
        assert event["mentions"] and event["n_independent_sources"] >= 1


def test_web_api_paging_is_consistent(client):
    everything = client.get("/api/timeline", params={"limit": 20}).json()["events"]
    second = client.get("/api/timeline", params={"limit": 10, "offset": 10}).json()["events"]
    assert [e["id"] for e in everything[10:]] == [e["id"] for e in second]


def test_web_api_network_edges_carry_evidence(client):
    graph = client.get("/api/network", params={"top": 10}).json()
    assert graph["edges"] and len(graph["edges"]) <= 10
    for edge in graph["edges"]:
        assert edge["weight"] >= len(edge["evidence"]) >= 1
        assert edge["type"]


def test_web_figures_page_without_an_actor_charts_the_key_series(client):
    """The figures page asked for nothing charts what a report of everything shows (tracked
    measures first), values written as a reader writes them: 30,000 and 8,000–16,000."""
    page = client.get("/figures").text
    assert "No dated figure" not in page
    assert "<h2>Islamic State: fighters</h2>" in page
    assert "<td>8,000–16,000</td>" in page


def test_web_api_figures_for_canadian_troops(client):
    series = client.get("/api/figures", params={"actor": "CAN", "measure": "troops"}).json()
    points = [p for s in series["series"] for p in s["points"]]
    assert points and all(p["figures"] for p in points)
    assert any(p["value"] == 200 for p in points)


@pytest.mark.parametrize("view", ["documents", "actors", "timeline", "network", "figures",
                                  "quotes", "places"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_web_api_exports_parse(client, view, fmt):
    response = client.get(f"/api/export/{view}", params={"format": fmt, "actor": "CAN"}
                          if view in ("timeline", "figures", "places", "network") else
                          {"format": fmt})
    assert response.status_code == 200, response.text[:300]
    if fmt == "jsonl":
        rows = [json.loads(line) for line in response.text.splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    else:
        rows = pq.read_table(io.BytesIO(response.content)).to_pylist()
    if view != "quotes":
        assert rows
    if view in ("timeline", "network"):
        assert all(row["citations"] for row in rows)


def test_web_api_export_has_no_row_cap(client):
    jsonl = client.get("/api/export/documents", params={"format": "jsonl"}).text
    total = client.get("/api/search", params={"limit": 0}).json()["total"]
    assert len(jsonl.splitlines()) == total > 50


def test_web_api_network_gexf_is_valid_xml(client):
    root = ET.fromstring(client.get("/api/export/network", params={"format": "gexf"}).content)
    ns = {"g": "http://gexf.net/1.3"}
    assert root.findall(".//g:node", ns) and root.findall(".//g:edge", ns)


@pytest.mark.parametrize(("host", "token", "write", "refused"), [
    ("127.0.0.1", None, False, False),
    ("localhost", None, True, False),
    ("::1", None, False, False),
    ("0.0.0.0", None, False, True),
    ("0.0.0.0", None, True, True),
    ("192.168.1.5", "s3cret", False, False),
    ("0.0.0.0", "s3cret", True, False),
])
def test_web_api_binding_beyond_localhost_needs_a_token(host, token, write, refused):
    if refused:
        with pytest.raises(UnsafeBinding, match="token"):
            check_binding(host, token=token, write=write)
    else:
        check_binding(host, token=token, write=write)


def test_web_api_token_gate(db):
    gated = TestClient(create_app(db, token="s3cret"))
    assert gated.get("/api/status").status_code == 401
    assert gated.get("/").status_code == 401
    assert gated.get("/api/status", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert gated.get("/api/status", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert gated.get("/?token=s3cret").status_code == 200
    assert gated.get("/timeline").status_code == 200  # the cookie set by ?token=


def test_web_api_read_only_server_refuses_corrections(client):
    response = client.post("/actors/CAN/judgements", data={"action": "reject"})
    assert response.status_code == 403


def test_web_api_corrections_need_csrf_and_are_stored(db, tmp_path):
    copy = tmp_path / "write.db"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy, write=True)
    desk = TestClient(app)
    page = desk.get("/actors/Sajjan").text
    assert 'name="csrf"' in page
    assert desk.post("/actors/Sajjan/judgements",
                     data={"action": "alias", "object": "H. Sajjan"}).status_code == 403
    assert desk.post("/actors/Sajjan/judgements",
                     data={"action": "alias", "object": "H. Sajjan", "csrf": "forged"}
                     ).status_code == 403
    response = desk.post("/actors/Sajjan/judgements", follow_redirects=False,
                         data={"action": "alias", "object": "H. Sajjan",
                               "csrf": app.state.csrf, "note": "seen in a byline"})
    assert response.status_code == 303
    profile = desk.get("/api/actors/Sajjan").json()
    assert "H. Sajjan" in profile["actor"]["aliases"]
    from wirewatch.store.sqlite import Store

    with Store(copy, readonly=True) as store:
        rows = store.query("SELECT action, object, note FROM judgements")
    assert [tuple(r) for r in rows] == [("alias", "H. Sajjan", "seen in a byline")]


def test_web_api_request_store_works_across_threads(db):
    """FastAPI opens, uses and closes a request's store on different worker threads."""
    import threading

    from wirewatch.web.params import request_store

    store = request_store(db)
    counts = []
    worker = threading.Thread(target=lambda: counts.append(
        store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"]))
    worker.start()
    worker.join()
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join()
    assert counts and counts[0] > 0
