import sqlite3

import pytest

from wirewatch.store.schema import MIGRATIONS, apply_migrations
from wirewatch.store.sqlite import Store, StoreError


def test_schema_migrations_apply_once(tmp_path):
    db = tmp_path / "w.db"
    with Store(db) as store:
        assert store.applied_migrations == [m.__name__ for m in MIGRATIONS]
    with Store(db) as store:
        assert store.applied_migrations == []
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"


def test_schema_refuses_newer_store(tmp_path):
    db = tmp_path / "w.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(RuntimeError, match="newer"):
        apply_migrations(conn)


def test_store_transaction_rolls_back_on_error(tmp_path):
    with Store(tmp_path / "w.db") as store:
        run = store.start_run("ingest", [])
        with pytest.raises(KeyError), store.transaction() as db:
            db.execute(
                "INSERT INTO ledger (run_id, item_key, stage, status, at)"
                " VALUES (?, 'k', 's', 'ok', 'now')",
                (run,),
            )
            raise KeyError("a bug half-way through a write")
        assert store.query("SELECT COUNT(*) FROM ledger")[0][0] == 0


def test_store_readonly_file_gives_clear_error(tmp_path):
    db = tmp_path / "w.db"
    Store(db).close()
    with Store(db, readonly=True) as store, pytest.raises(StoreError, match="cannot write"):
        store.start_run("ingest", [])


def test_store_missing_directory_gives_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "missing" / "w.db")
