"""The PostgreSQL connection wrapper: SQL written once for SQLite runs unchanged on PostgreSQL."""

from __future__ import annotations

import pytest

from wirewatch.store import open_store
from wirewatch.store.postgres import Row, redacted, to_psycopg


@pytest.mark.parametrize(("sqlite_sql", "psycopg_sql"), [
    ("SELECT id FROM t WHERE a = ? AND b = ?", "SELECT id FROM t WHERE a = %s AND b = %s"),
    ("SELECT 1 WHERE x LIKE 'person:%' AND y = ?", "SELECT 1 WHERE x LIKE 'person:%%' AND y = %s"),
    ("SELECT '?' || ?", "SELECT '?' || %s"),
    ("SELECT start, end FROM s", 'SELECT start, "end" FROM s'),
    ("SELECT p.end FROM p", 'SELECT p."end" FROM p'),
    ("SELECT CASE WHEN a THEN 1 ELSE 2 END, end FROM t",
     'SELECT CASE WHEN a THEN 1 ELSE 2 END, "end" FROM t'),
    ("SELECT 'the end' AS \"end\"", "SELECT 'the end' AS \"end\""),
])
def test_dialect_statements_translate_to_psycopg(sqlite_sql, psycopg_sql):
    assert to_psycopg(sqlite_sql) == psycopg_sql


def test_dialect_row_reads_by_name_and_position():
    row = Row(("a", 2), {"id": 0, "n": 1})
    assert (row["id"], row["n"], row[0], row[1]) == ("a", 2, "a", 2)
    assert dict(row) == {"id": "a", "n": 2}
    assert tuple(row) == ("a", 2)


def test_dialect_redacts_passwords():
    assert redacted("postgresql://ann:s3cr%21t@db.example:5432/news") == (
        "postgresql://ann:***@db.example:5432/news")
    assert redacted("postgresql://ann@db/news") == "postgresql://ann@db/news"


def test_dialect_values_read_back_alike(store_target):
    """Sums are integers, averages floats, bytes stay bytes, None stays None on both."""
    with open_store(store_target) as store:
        run = store.start_run("ingest", ["ünïcode ✓"])
        row = store.query(
            "SELECT SUM(n_ok + 2) AS total, AVG(n_ok + 1) AS mean, sources, finished_at,"
            f" {store.dialect.string_agg('command', '; ', 'id')} AS commands"
            " FROM runs WHERE id = ? GROUP BY sources, finished_at", (run,))[0]
        assert (row["total"], row["mean"], row["finished_at"]) == (2, 1.0, None)
        assert type(row["total"]) is int and type(row["mean"]) is float
        assert row["sources"] == '["\\u00fcn\\u00efcode \\u2713"]'
        assert row["commands"] == "ingest"
