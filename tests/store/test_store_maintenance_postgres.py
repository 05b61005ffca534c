"""`wirewatch check` and `wirewatch backup` on a PostgreSQL store."""

from __future__ import annotations

import subprocess

import pytest

from clitools import export, wirewatch
from wirewatch.store import open_store
from wirewatch.store.maintenance import _pg_tool, check_store

KINDS = ("documents", "actors", "events", "figures")


@pytest.fixture(scope="module")
def analyzed_pg(new_pg_database, seeds_dir) -> str:
    url = new_pg_database()
    result = wirewatch(url, "ingest", "--quiet", str(seeds_dir / "05.txt"))
    assert result.returncode == 0, result.stderr.decode()
    return url


def test_maintenance_postgresql_healthy_store_passes_check(analyzed_pg):
    result = wirewatch(analyzed_pg, "check")
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert b"ok: 1 documents, no problems found" in result.stdout


def test_maintenance_postgresql_check_finds_evidence_that_is_not_the_document(new_pg_database,
                                                                               seeds_dir):
    url = new_pg_database()
    assert wirewatch(url, "ingest", "--quiet", str(seeds_dir / "05.txt")).returncode == 0
    with open_store(url) as store, store.transaction() as db:
        db.execute("UPDATE events SET evidence_text = 'words nobody wrote'")
    with open_store(url, readonly=True) as store:
        report = check_store(store)
    assert report.problems and {p.check for p in report.problems} == {"evidence_text"}
    result = wirewatch(url, "check")
    assert result.returncode == 1
    assert b"evidence_text: events" in result.stdout
    assert b"'words nobody wrote' is not the document's" in result.stdout


def test_maintenance_postgresql_backup_restores_to_the_same_store(analyzed_pg, new_pg_database,
                                                                  tmp_path):
    dump = tmp_path / "news.dump"
    result = wirewatch(analyzed_pg, "backup", str(dump))
    assert result.returncode == 0, result.stderr.decode()
    assert b"with pg_dump: 1 documents" in result.stdout
    assert not list(tmp_path.glob(".*partial"))
    restored = new_pg_database()
    subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--dbname", restored, str(dump)],
                   check=True, capture_output=True)
    for kind in KINDS:
        assert export(restored, kind) == export(analyzed_pg, kind)
    assert wirewatch(analyzed_pg, "backup", str(dump)).returncode == 4  # never overwrites
