"""Actors through the command line: roles from the seeds, and corrections that survive re-runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clitools import export, wirewatch
from conftest import BACKENDS, new_store_target


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir) -> Path:
    db = tmp_path_factory.mktemp("actors") / "w.db"
    result = wirewatch(db, "ingest", "--quiet", str(seeds_dir))
    assert result.returncode == 0, result.stderr.decode()
    return db


def actors(db: Path) -> dict[str, dict]:
    return {a["id"]: a for a in export(db, "actors")}


@pytest.mark.parametrize(
    ("actor_id", "country", "title"),
    [
        ("person:harjit-sajjan", "CAN", "Defence Minister"),
        ("person:ralph-goodale", "CAN", "Public Safety Minister"),
        ("person:justin-trudeau", "CAN", "Prime Minister"),
    ],
)
def test_cli_actors_seed_people_have_country_and_dated_role(seeded, actor_id, country, title):
    actor = actors(seeded)[actor_id]
    assert actor["kind"] == "person"
    assert actor["country"] == country
    assert any(r["title"] == title and r["doc_ids"] for r in actor["roles"])


def test_cli_actors_carter_is_one_person_across_documents(seeded):
    carters = [a for a in actors(seeded).values() if a["name"].endswith("Carter")]
    assert len(carters) == 1
    assert carters[0]["country"] == "USA"
    assert {"Ashton Carter", "Carter"} <= set(carters[0]["aliases"]) | {carters[0]["name"]}


def test_cli_actors_isis_names_are_one_actor(seeded):
    conn = sqlite3.connect(seeded)
    ids = {row[0] for row in conn.execute(
        "SELECT DISTINCT actor_id FROM mentions WHERE text IN"
        " ('ISIS', 'ISIL', 'Islamic State', 'Daesh', 'IS')")}
    assert ids == {"group:isis"}


def test_cli_actors_show_prints_roles_and_documents(seeded):
    result = wirewatch(seeded, "actors", "show", "Sajjan")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "Harjit Sajjan" in text and "Defence Minister" in text and "CAN" in text


@pytest.mark.parametrize("backend", BACKENDS)
def test_cli_actors_judgements_survive_reanalysis(tmp_path, request, backend, seeds_dir):
    db = new_store_target(backend, tmp_path, request)
    wirewatch(db, "ingest", "--quiet", str(seeds_dir))
    assert "person:dave-perry" in actors(db)
    assert wirewatch(db, "actors", "reject", "Dave Perry").returncode == 0
    assert wirewatch(db, "actors", "alias", "Harjit Sajjan", "the minister").returncode == 0
    assert wirewatch(db, "analyze", "--redo", "--quiet").returncode == 0
    after = actors(db)
    assert "person:dave-perry" not in after
    assert "the minister" in after["person:harjit-sajjan"]["aliases"]


def test_cli_actors_merging_two_names_of_one_actor_is_reported_not_fatal(tmp_path, seeds_dir):
    db = tmp_path / "w.db"
    wirewatch(db, "ingest", "--quiet", str(seeds_dir / "02.txt"))
    result = wirewatch(db, "actors", "merge", "ISIS", "Daesh")
    assert result.returncode == 0, result.stderr.decode()
    assert b"already one actor" in result.stderr
    assert wirewatch(db, "analyze", "--quiet").returncode == 0


def test_cli_actors_rejected_actor_leaves_events_too(store_target, seeds_dir):
    db = store_target
    wirewatch(db, "ingest", "--quiet", str(seeds_dir / "05.txt"))
    assert any(p["actor_id"] == "RUS"
               for e in export(db, "events") for p in e["source"] + e["target"])
    assert wirewatch(db, "actors", "reject", "Russia").returncode == 0
    assert not any(p["actor_id"] == "RUS"
                   for e in export(db, "events") for p in e["source"] + e["target"])
    assert "RUS" not in actors(db)
