"""The desk (`wirewatch serve`) over a PostgreSQL store: the same JSON as over SQLite, and
corrections written to the shared database."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from clitools import wirewatch
from wirewatch.store import open_store
from wirewatch.web.app import create_app

SAME_ANSWER = [
    "/api/actors?limit=200", "/api/actors/Sajjan", "/api/timeline?limit=1000",
    "/api/network?type=REQUEST", "/api/figures", "/api/places?actor=CAN",
    "/api/quotes?limit=1000", "/api/search?from=2016&to=2017&limit=100",
    "/api/documents/c1da350036d75ff39164",
]


@pytest.fixture(scope="module")
def desks(desk_sqlite, desk_postgresql):
    return TestClient(create_app(desk_sqlite)), TestClient(create_app(desk_postgresql))


@pytest.mark.parametrize("path", SAME_ANSWER)
def test_views_web_same_json_from_sqlite_and_postgresql(desks, path):
    lite, pg = (client.get(path) for client in desks)
    assert lite.status_code == pg.status_code == 200, pg.text
    assert pg.json() == lite.json()


def test_views_web_search_on_postgresql_highlights_matches(desks):
    _, pg = desks
    found = pg.get("/api/search", params={"q": "foreign fighters", "limit": 5}).json()
    assert found["results"]
    for row in found["results"]:
        assert any(part["hit"] for part in row["snippet"]), row


def test_views_web_unknown_actor_is_404_on_postgresql(desks):
    assert desks[1].get("/api/actors/nobody-at-all").status_code == 404


def test_views_web_corrections_are_stored_in_postgresql(new_pg_database, seeds_dir):
    url = new_pg_database()
    assert wirewatch(url, "ingest", "--quiet", str(seeds_dir / "05.txt")).returncode == 0
    app = create_app(url, write=True)
    desk = TestClient(app)
    response = desk.post("/actors/Russia/judgements", follow_redirects=False,
                         data={"action": "alias", "object": "the Kremlin",
                               "csrf": app.state.csrf})
    assert response.status_code == 303, response.text
    assert "the Kremlin" in desk.get("/api/actors/RUS").json()["actor"]["aliases"]
    with open_store(url, readonly=True) as store:
        rows = store.query("SELECT action, subject, object FROM judgements")
    assert [tuple(r) for r in rows] == [("alias", "RUS", "the Kremlin")]
