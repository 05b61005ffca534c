import sqlite3

import pytest
from click.testing import CliRunner

from pgcluster import _free_port
from wirewatch.store import StoreError, open_store
from wirewatch.store.commands import migrate
from wirewatch.store.schema import MIGRATIONS, apply_migrations
from wirewatch.store.sqlite import Store


def test_schema_migrations_apply_once(store_target):
    with open_store(store_target) as store:
        assert store.applied_migrations == [m.__name__ for m in MIGRATIONS]
    with open_store(store_target) as store:
        assert store.applied_migrations == []
        assert store.query("SELECT COUNT(*) FROM documents")[0][0] == 0


def test_schema_sqlite_store_is_in_wal_mode(tmp_path):
    with Store(tmp_path / "w.db") as store:
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"


def test_schema_refuses_newer_store(tmp_path):
    db = tmp_path / "w.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(RuntimeError, match="newer"):
        apply_migrations(conn)


def test_schema_postgresql_refuses_newer_store(new_pg_database):
    url = new_pg_database()
    open_store(url).close()
    with open_store(url) as store, store.transaction() as db:
        db.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS) + 1,))
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            open_store(url, readonly=readonly)


def test_schema_migrate_command_reports_what_it_applied(store_target):
    first = CliRunner().invoke(migrate, [], obj={"db": str(store_target)})
    assert first.exit_code == 0, first.output
    assert f"applied {len(MIGRATIONS)} migration(s)" in first.output
    assert all(m.__name__ in first.output for m in MIGRATIONS)
    again = CliRunner().invoke(migrate, [], obj={"db": str(store_target)})
    assert again.exit_code == 0
    assert "up to date" in again.output


def test_store_transaction_rolls_back_on_error(store_target):
    with open_store(store_target) as store:
        run = store.start_run("ingest", [])
        with pytest.raises(KeyError), store.transaction() as db:
            db.execute(
                "INSERT INTO ledger (run_id, item_key, stage, status, at)"
                " VALUES (?, 'k', 's', 'ok', 'now')",
                (run,),
            )
            raise KeyError("a bug half-way through a write")
        assert store.query("SELECT COUNT(*) FROM ledger")[0][0] == 0


def test_store_nested_transaction_undoes_its_own_writes_only(store_target):
    """A run writes a group of documents in one transaction, each inside its own nested one:
    a document that fails leaves the others, and nothing is durable before the outer commit."""
    insert = ("INSERT INTO ledger (run_id, item_key, stage, status, at)"
              " VALUES (?, ?, 's', 'ok', 'now')")
    with open_store(store_target) as store, open_store(store_target) as reader:
        run = store.start_run("ingest", [])
        with store.transaction():
            with store.transaction() as db:
                db.execute(insert, (run, "kept"))
            with pytest.raises(KeyError), store.transaction() as db:
                db.execute(insert, (run, "undone"))
                raise KeyError("a bug half-way through one document")
            with store.transaction() as db:
                db.execute(insert, (run, "kept too"))
            assert reader.query("SELECT COUNT(*) FROM ledger")[0][0] == 0
        keys = [r[0] for r in reader.query("SELECT item_key FROM ledger ORDER BY item_key")]
        assert keys == ["kept", "kept too"]
        # The outer transaction undoes every nested one when it fails.
        with pytest.raises(KeyError), store.transaction():
            with store.transaction() as db:
                db.execute(insert, (run, "gone"))
            raise KeyError("a bug after the document was written")
        assert reader.query("SELECT COUNT(*) FROM ledger")[0][0] == 2

def test_store_ledger_row_is_replaced_not_duplicated(store_target):
    with open_store(store_target) as store:
        run = store.start_run("ingest", ["x"])
        store.record(run, "a.txt", "read", "failed", reason="first try")
        store.record(run, "a.txt", "read", "ok")
        rows = store.query("SELECT status, reason FROM ledger WHERE item_key = ?", ("a.txt",))
        assert [(r["status"], r["reason"]) for r in rows] == [("ok", None)]
        assert store.start_run("ingest", []) == run + 1


def test_store_readonly_gives_clear_error(store_target):
    open_store(store_target).close()
    with open_store(store_target, readonly=True) as store, \
            pytest.raises(StoreError, match="cannot write"):
        store.start_run("ingest", [])


def test_store_missing_directory_gives_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "missing" / "w.db")


def test_store_unreachable_server_gives_clear_error():
    url = f"postgresql://nobody:secret@127.0.0.1:{_free_port()}/none"
    with pytest.raises(StoreError, match="cannot open store") as raised:
        open_store(url)
    assert "secret" not in str(raised.value)


def test_store_postgresql_database_without_store_gives_clear_error(new_pg_database):
    with pytest.raises(StoreError, match="no wirewatch store"):
        open_store(new_pg_database(), readonly=True)


def test_store_postgresql_run_of_a_dead_process_is_interrupted(new_pg_database):
    """On a shared server a run is alive while its connection is: not a local process id."""
    url = new_pg_database()
    writer = open_store(url)
    running = writer.start_run("ingest", ["a"])
    with open_store(url) as other:
        other.start_run("ingest", ["b"])
        assert other.query("SELECT status FROM runs WHERE id = ?", (running,))[0][0] == "running"
        # As if its process were killed: the server ends the session (and waits until it has
        # ended, so its locks are gone), and the run is never finished.
        backend = writer.query("SELECT pg_backend_pid()")[0][0]
        assert other.query("SELECT pg_terminate_backend(?, 10000)", (backend,))[0][0]
        other.start_run("ingest", ["c"])
        statuses = [r[0] for r in other.query("SELECT status FROM runs ORDER BY id")]
    writer.close()
    assert statuses == ["interrupted", "running", "running"]


def test_store_postgresql_finished_run_releases_its_lock(new_pg_database):
    """A process running many commands holds a lock for its live runs only."""
    url = new_pg_database()
    with open_store(url) as store:
        held = ("SELECT count(*) FROM pg_locks"
                " WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
        first = store.start_run("ingest", ["a"])
        second = store.start_run("analyze", [])
        assert store.query(held)[0][0] == 2
        store.finish_run(first, n_ok=1, n_skipped=0, n_failed=0)
        assert store.query(held)[0][0] == 1
        with open_store(url) as other:  # the finished run is not taken for a live one
            assert other._run_alive(second, None) and not other._run_alive(first, None)
        store.finish_run(second, n_ok=1, n_skipped=0, n_failed=0)
        assert store.query(held)[0][0] == 0
