"""The SQLite side of bench/scale.py: a working copy of the analysed base, grown in place by
scale_replicate's statements, its size on disk and its query plans."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from scale_replicate import (
    ORPHANS,
    REPLICAS_PER_TRANSACTION,
    SQLITE,
    check_tables,
    copy_statements,
    scale_actor_counts_sql,
)

from wirewatch.store.sqlite import Store


class SqliteScale:
    def __init__(self, base: Path, work: Path) -> None:
        self.base = base
        self.work = work
        self.copies = 1

    def reset(self) -> None:
        """The working store becomes a copy of the base (SQLite's backup API: consistent)."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.work}{suffix}").unlink(missing_ok=True)
        source, target = sqlite3.connect(self.base), sqlite3.connect(self.work)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        self.copies = 1

    def grow(self, copies: int) -> None:
        """Add replicas until the store holds `copies` copies of the base."""
        db = sqlite3.connect(self.work, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("ATTACH DATABASE ? AS scale_base", (str(self.base),))
            tables = {r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts%'")}
            check_tables(tables)
            seq_step = db.execute("SELECT MAX(seq) FROM scale_base.documents").fetchone()[0]
            statements = copy_statements(db, SQLITE, seq_step)
            db.execute("CREATE TEMP TABLE scale_replicas (k INTEGER NOT NULL)")
            for first in range(self.copies, copies, REPLICAS_PER_TRANSACTION):
                db.execute("BEGIN IMMEDIATE")
                db.execute("DELETE FROM scale_replicas")
                db.executemany("INSERT INTO scale_replicas (k) VALUES (?)",
                               [(k,) for k in range(first, min(first + REPLICAS_PER_TRANSACTION,
                                                               copies))])
                for statement in statements:
                    db.execute(statement)
                db.execute("COMMIT")
            db.execute(scale_actor_counts_sql(copies))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        self.copies = copies

    def orphans(self) -> dict[str, int]:
        db = sqlite3.connect(self.work)
        try:
            return {what: db.execute(sql).fetchone()[0] for what, sql in ORPHANS.items()}
        finally:
            db.close()

    def size(self) -> dict[str, Any]:
        """Bytes on disk after a checkpoint (file + WAL), and the largest tables with their
        indexes (dbstat)."""
        db = sqlite3.connect(self.work)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            owner = {r[0]: r[1] for r in db.execute("SELECT name, tbl_name FROM sqlite_master")}
            by_table: dict[str, int] = {}
            for name, size in db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
                table = owner.get(name, name)
                table = "documents_fts" if table.startswith("documents_fts") else table
                by_table[table] = by_table.get(table, 0) + size
        finally:
            db.close()
        wal = Path(f"{self.work}-wal")
        total = self.work.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        return {"bytes": total, "by_table": dict(sorted(by_table.items(), key=lambda kv: -kv[1]))}

    def open(self) -> Store:
        return Store(self.work, readonly=True)

    def explain(self, store: Store, sql: str, params: tuple) -> list[str]:
        return [row["detail"] for row in store.query("EXPLAIN QUERY PLAN " + sql, params)]

    def stop(self) -> None:
        """Nothing runs beside an SQLite store."""
